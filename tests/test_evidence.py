"""Every quote stands in the article exactly at the offsets the graph records."""
from __future__ import annotations

from rdflib.namespace import OWL, PROV, RDF

from crampkg.namespaces import CRAMP, OA, is_article_entity


def test_every_selector_matches_the_article_text(graph, article):
    evidence_nodes = set(graph.subjects(RDF.type, CRAMP.Evidence))
    assert len(evidence_nodes) > 300
    for node in evidence_nodes:
        selectors = set(graph.objects(node, OA.hasSelector))
        quote = next(s for s in selectors if (s, RDF.type, OA.TextQuoteSelector) in graph)
        position = next(s for s in selectors if (s, RDF.type, OA.TextPositionSelector) in graph)
        start = graph.value(position, OA.start).toPython()
        end = graph.value(position, OA.end).toPython()
        exact = str(graph.value(quote, OA.exact))
        assert article.text[start:end] == exact, node
        assert article.text[:start].endswith(str(graph.value(quote, OA.prefix)))
        assert article.text[end:].startswith(str(graph.value(quote, OA.suffix)))


def test_every_entity_and_every_assertion_has_evidence(graph):
    entities = {s for s in graph.subjects(RDF.type, OWL.NamedIndividual) if is_article_entity(s)}
    assert entities and all((e, CRAMP.hasEvidence, None) in graph for e in entities)
    supported = {(graph.value(a, OWL.annotatedSource), graph.value(a, OWL.annotatedProperty), graph.value(a, OWL.annotatedTarget))
                 for a in graph.subjects(CRAMP.hasEvidence, None) if (a, RDF.type, OWL.Axiom) in graph}
    for s, p, o in graph:
        if is_article_entity(s) and str(p).startswith(str(CRAMP)) and p != CRAMP.hasEvidence:
            assert (s, p, o) in supported, (s, p, o)


def test_evidence_is_derived_from_the_section_that_holds_it(graph, article):
    for node in graph.subjects(RDF.type, CRAMP.Evidence):
        section = graph.value(node, PROV.wasDerivedFrom)
        section_id = str(section).rsplit("/", 1)[1]
        start = int(str(node).rsplit("/", 1)[1].split("-")[0])
        span = article.sections[section_id]
        assert span.start <= start < span.end


