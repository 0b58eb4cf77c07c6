"""Scope a query to one article: the graph as that one article states it.

The view of article A keeps the ontology and everything A states, and drops what only other articles state:

- the other articles, their sections and their evidence (with its selectors);
- the statements (``owl:Axiom`` with evidence, ``cramp:hasEvidence``, or a derived shortcut's ``cramp:derivedFrom``)
  whose evidence lies in another article, and each direct triple that such a statement annotates unless A states it
  too;
- the entities A neither defines (with its own quote) nor names in one of its statements, with every triple
  about them (their mappings included);
- the links (``cramp:hasEvidence``) from a shared entity to another article's quote.

Any query (named or not) then runs unchanged on the view, on every backend: no query text is rewritten.
A triple the reasoner inferred that annotates nothing (an inferred class of an entity A names) stays.
"""
from __future__ import annotations

from rdflib import Graph, URIRef
from rdflib.namespace import OWL, RDF
from rdflib.term import Node

from crampkg.errors import UserError
from crampkg.namespaces import ARTICLE_PREFIX, CRAMP, OA, article_iri, is_article_entity

Triple = tuple[Node, Node, Node]
ARTICLE_GRAPH_PREFIX = "https://w3id.org/crampkg/graph/article/"
"""A store that holds each article's view as a named graph names it by this prefix and the article id."""


def article_graph_iri(article: str) -> str:
    """The IRI of the named graph that holds the view of article ``article`` in a store."""
    return f"{ARTICLE_GRAPH_PREFIX}{article}"


def article_ids(graph: Graph) -> list[str]:
    """The ids of the articles the graph holds, sorted."""
    return sorted(str(node)[len(ARTICLE_PREFIX):] for node in graph.subjects(RDF.type, CRAMP.Article)
                  if str(node).startswith(ARTICLE_PREFIX))


def check_article(graph: Graph, article: str) -> URIRef:
    """The IRI of article ``article``; an id the graph does not hold is a :class:`UserError` that lists the ids."""
    node = article_iri(article)
    if (node, RDF.type, CRAMP.Article) not in graph:
        known = ", ".join(article_ids(graph)) or "none"
        raise UserError(f"no article {article!r} in the graph; the articles are: {known}")
    return node


def _annotated(graph: Graph, axiom: Node) -> Triple | None:
    source = graph.value(axiom, OWL.annotatedSource)
    prop = graph.value(axiom, OWL.annotatedProperty)
    target = graph.value(axiom, OWL.annotatedTarget)
    return None if source is None or prop is None or target is None else (source, prop, target)


def article_view(graph: Graph, article: str) -> Graph:
    """The part of ``graph`` that article ``article`` states (see the module docstring), as a new graph."""
    own = check_article(graph, article)
    foreign: set[Node] = {node for node in graph.subjects(RDF.type, CRAMP.Article) if node != own}
    foreign |= {node for node in graph.subjects(RDF.type, CRAMP.ArticleSection)
                if not str(node).startswith(f"{own}/")}
    for evidence, source in graph.subject_objects(OA.hasSource):
        if source != own:
            foreign.add(evidence)
            foreign.update(graph.objects(evidence, OA.hasSelector))
    stated: set[Triple] = set()
    annotated: set[Triple] = set()
    unevidenced: dict[Node, Triple] = {}
    named: set[Node] = {entity for entity, evidence in graph.subject_objects(CRAMP.hasEvidence)
                        if is_article_entity(entity) and evidence not in foreign}
    for axiom in graph.subjects(RDF.type, OWL.Axiom):
        triple = _annotated(graph, axiom)
        sources: set[Node] = set(graph.objects(axiom, CRAMP.hasEvidence)) | set(graph.objects(axiom, CRAMP.derivedFrom))
        if triple is None:
            continue
        if not sources:
            unevidenced[axiom] = triple  # an axiom of the ontology or a mapping, not a statement of an article
            continue
        annotated.add(triple)
        if sources <= foreign:
            foreign.add(axiom)
            continue
        stated.add(triple)
        named.update(node for node in (triple[0], triple[2], *graph.objects(axiom, CRAMP.contextEntity))
                     if is_article_entity(node))
    foreign |= {node for node in set(graph.subjects()) | set(graph.objects())
                if is_article_entity(node) and node not in named}
    foreign |= {axiom for axiom, (source, _, target) in unevidenced.items() if source in foreign or target in foreign}
    view = Graph()
    for prefix, namespace in graph.namespaces():
        view.bind(prefix, namespace, override=True, replace=True)
    for triple in graph:
        subject, _, target = triple
        if subject in foreign or target in foreign or (triple in annotated and triple not in stated):
            continue
        view.add(triple)
    return view
