"""Turn checked curated records into RDF: individuals, direct triples, axiom annotations and evidence."""
from __future__ import annotations

import hashlib
from decimal import Decimal

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, OWL, PROV, RDF, RDFS, SKOS, XSD

from crampkg.loaders.article import Article
from crampkg.loaders.evidence import Span
from crampkg.loaders.records import EntityRecord, Facts, RelationRecord
from crampkg.loaders.validate import Located
from crampkg.loaders.vocabulary import INTEGER_TYPES, Vocabulary
from crampkg.namespaces import CRAMP, OA, article_iri, entity_iri, evidence_iri, section_iri


def article_to_rdf(article: Article, graph: Graph) -> None:
    """Add the article and its section tree."""
    doc = article_iri(article.id)
    graph.add((doc, RDF.type, OWL.NamedIndividual))
    graph.add((doc, RDF.type, CRAMP.Article))
    graph.add((doc, RDFS.label, Literal(article.title, lang=article.language)))
    graph.add((doc, DCTERMS.title, Literal(article.title, lang=article.language)))
    if article.title_en:
        graph.add((doc, RDFS.label, Literal(article.title_en, lang="en")))
    graph.add((doc, DCTERMS.language, Literal(article.language)))
    for section in article.sections.values():
        node = section_iri(article.id, section.id)
        graph.add((node, RDF.type, OWL.NamedIndividual))
        graph.add((node, RDF.type, CRAMP.ArticleSection))
        graph.add((node, RDFS.label, Literal(section.heading, lang=article.language)))
        if section.label_en:
            graph.add((node, RDFS.label, Literal(section.label_en, lang="en")))
        parent = section_iri(article.id, section.parent) if section.parent else doc
        graph.add((node, DCTERMS.isPartOf, parent))
        graph.add((node, CRAMP.lineNumber, Literal(section.line, datatype=XSD.positiveInteger)))


def evidence_to_rdf(article: Article, span: Span, graph: Graph) -> URIRef:
    """Add (once) the evidence node for a located quote and return its IRI."""
    node = evidence_iri(article.id, span.start, span.end)
    if (node, RDF.type, CRAMP.Evidence) in graph:
        return node
    quote_selector = URIRef(f"{node}/quote")
    position_selector = URIRef(f"{node}/position")
    graph.add((node, RDF.type, OWL.NamedIndividual))
    graph.add((node, RDF.type, CRAMP.Evidence))
    graph.add((node, OA.hasSource, article_iri(article.id)))
    graph.add((node, OA.hasSelector, quote_selector))
    graph.add((node, OA.hasSelector, position_selector))
    graph.add((node, PROV.wasDerivedFrom, section_iri(article.id, span.section)))
    graph.add((quote_selector, RDF.type, OWL.NamedIndividual))
    graph.add((quote_selector, RDF.type, OA.TextQuoteSelector))
    graph.add((quote_selector, OA.exact, Literal(span.exact, lang=article.language)))
    graph.add((quote_selector, OA.prefix, Literal(span.prefix, lang=article.language)))
    graph.add((quote_selector, OA.suffix, Literal(span.suffix, lang=article.language)))
    graph.add((position_selector, RDF.type, OWL.NamedIndividual))
    graph.add((position_selector, RDF.type, OA.TextPositionSelector))
    graph.add((position_selector, OA.start, Literal(span.start, datatype=XSD.nonNegativeInteger)))
    graph.add((position_selector, OA.end, Literal(span.end, datatype=XSD.nonNegativeInteger)))
    return node


def entity_to_rdf(entity: EntityRecord, article: Article, located: Located, graph: Graph) -> None:
    """Add an individual with its classes, labels, definition and evidence."""
    node = entity_iri(entity.id)
    graph.add((node, RDF.type, OWL.NamedIndividual))
    for name in entity.types:
        graph.add((node, RDF.type, CRAMP[name]))
    for language, label in (("de", entity.de), ("en", entity.en)):
        graph.add((node, RDFS.label, Literal(label, lang=language)))
        graph.add((node, SKOS.prefLabel, Literal(label, lang=language)))
    for label in entity.alt_de:
        graph.add((node, SKOS.altLabel, Literal(label, lang="de")))
    for label in entity.alt_en:
        graph.add((node, SKOS.altLabel, Literal(label, lang="en")))
    if entity.definition_de:
        graph.add((node, SKOS.definition, Literal(entity.definition_de, lang="de")))
    if entity.definition_en:
        graph.add((node, SKOS.definition, Literal(entity.definition_en, lang="en")))
    evidence = evidence_to_rdf(article, located.quote(entity), graph)
    graph.add((node, CRAMP.hasEvidence, evidence))
    if "RelatedArticle" in entity.types:
        section = section_iri(article.id, located.quote(entity).section)
        graph.add((section, CRAMP.relatedArticle, node))


def literal_for(value, datatype) -> Literal:
    """The typed literal for a curated value, by the property's range."""
    if datatype in INTEGER_TYPES:
        return Literal(int(value), datatype=datatype)
    if datatype == XSD.decimal:
        text = format(Decimal(str(value)), "f")
        return Literal(text if "." in text else f"{text}.0", datatype=XSD.decimal)
    if datatype == XSD.boolean:
        return Literal(bool(value), datatype=XSD.boolean)
    return Literal(str(value), lang="de")


def relation_to_rdf(relation: RelationRecord, article: Article, located: Located, vocabulary: Vocabulary, graph: Graph) -> None:
    """Add the direct triple and an owl:Axiom carrying its evidence and hedges."""
    subject = entity_iri(relation.s)
    predicate = CRAMP[relation.p]
    if relation.o is not None:
        target = entity_iri(relation.o)
    else:
        target = literal_for(relation.value, vocabulary.datatype_ranges.get(relation.p))
    graph.add((subject, predicate, target))
    span = located.quote(relation)
    digest = hashlib.sha1(f"{article.id}|{subject}|{predicate}|{target.n3()}|{span.start}|{span.end}".encode()).hexdigest()[:20]
    axiom = BNode(f"ax{digest}")
    graph.add((axiom, RDF.type, OWL.Axiom))
    graph.add((axiom, OWL.annotatedSource, subject))
    graph.add((axiom, OWL.annotatedProperty, predicate))
    graph.add((axiom, OWL.annotatedTarget, target))
    graph.add((axiom, CRAMP.hasEvidence, evidence_to_rdf(article, span, graph)))
    for kind in ("certainty", "frequency", "modality"):
        value = getattr(relation, kind)
        if value is not None:
            graph.add((axiom, CRAMP[kind], vocabulary.hedges[kind][value]))
    if relation.context:
        graph.add((axiom, CRAMP.context, Literal(relation.context, lang=article.language)))
    for name in relation.context_entities:
        graph.add((axiom, CRAMP.contextEntity, entity_iri(name)))
    if relation.approximate:
        graph.add((axiom, CRAMP.approximate, Literal(True)))


def facts_to_rdf(facts: Facts, article: Article, located: Located, vocabulary: Vocabulary) -> Graph:
    """The ABox of one article: its sections, entities, relations and evidence."""
    graph = Graph()
    article_to_rdf(article, graph)
    for entity in facts.entities:
        entity_to_rdf(entity, article, located, graph)
    for relation in facts.relations:
        relation_to_rdf(relation, article, located, vocabulary, graph)
    return graph
