"""The verified mappings as RDF: SKOS mapping triples, reified with their justification, label and release.

For ``kreuzschmerzen → HP:0003419`` the graph gets::

    res:kreuzschmerzen skos:exactMatch HP:0003419 .
    [] a owl:Axiom ; owl:annotatedSource res:kreuzschmerzen ; owl:annotatedProperty skos:exactMatch ;
       owl:annotatedTarget HP:0003419 ;
       sssom:mapping_justification semapv:ManualMappingCuration ; sssom:object_label "Low back pain" ;
       sssom:object_source terminology:hpo ; sssom:object_source_version "2025-01-16" ;
       sssom:mapping_date "2026-11-29"^^xsd:date ; sssom:mapping_set_id mappings:muskelkrampf-im-ruecken .
    HP:0003419 rdfs:label "Low back pain"@en ; skos:notation "HP:0003419" ; skos:inScheme terminology:hpo .
    terminology:hpo rdfs:label "Human Phenotype Ontology"@en ; skos:notation "HPO" ; owl:versionInfo "2025-01-16" ;
       dcterms:source <http://purl.obolibrary.org/obo/hp/releases/2025-01-16/hp.obo> .

``terminology:`` is ``https://w3id.org/crampkg/terminology/`` and ``mappings:`` ``https://w3id.org/crampkg/mappings/``:
neither node is one of the article's entities, so neither lives under ``res:``.

HPO's own UMLS and SNOMED CT cross-references are attached to the HPO term, never to the article's entity,
each with an axiom naming HPO's release as its source. Everything used is declared an annotation
property, so the graph stays OWL 2 DL.
"""
from __future__ import annotations

import hashlib
from collections.abc import Iterable

from rdflib import BNode, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS, OWL, RDF, RDFS, SKOS, XSD

from crampkg.mappings.releases import Release
from crampkg.mappings.systems import OBO_IN_OWL, SEMAPV, SSSOM, SYSTEMS, iri_prefixes
from crampkg.mappings.verify import Mapping
from crampkg.namespaces import article_iri, entity_iri

SSSOM_NS = Namespace(SSSOM)
SEMAPV_NS = Namespace(SEMAPV)
OBOINOWL = Namespace(OBO_IN_OWL)

ANNOTATION_PROPERTIES = (
    SKOS.exactMatch, SKOS.closeMatch, SKOS.broadMatch, SKOS.narrowMatch, SKOS.notation, SKOS.inScheme,
    SSSOM_NS.mapping_justification, SSSOM_NS.object_label, SSSOM_NS.object_source, SSSOM_NS.object_source_version,
    SSSOM_NS.mapping_date, SSSOM_NS.mapping_set_id, OBOINOWL.hasDbXref, DCTERMS.source, DCTERMS.license,
    DCTERMS.created, DCTERMS.creator, DCTERMS.title,
)


TERMINOLOGY = Namespace("https://w3id.org/crampkg/terminology/")
MAPPING_SET = Namespace("https://w3id.org/crampkg/mappings/")


def terminology_iri(system: str) -> URIRef:
    """The node describing one terminology and its installed release: ``<https://w3id.org/crampkg/terminology/hpo>``.

    Outside ``res:`` on purpose: it is not one of the article's entities.
    """
    return TERMINOLOGY[SYSTEMS[system].slug]


def mapping_set_iri(article_id: str) -> URIRef:
    """The node describing one article's mapping set: ``<https://w3id.org/crampkg/mappings/<article-id>>``."""
    return MAPPING_SET[article_id]


def target_iri(mapping: Mapping) -> URIRef:
    """The IRI of the mapped code (prefixes as in :func:`crampkg.mappings.systems.iri_prefixes`)."""
    system = SYSTEMS[mapping.system]
    prefixes = iri_prefixes(_icd10_version(mapping))
    return URIRef(prefixes[system.prefix] + system.local_id(mapping.code))


def _icd10_version(mapping: Mapping) -> str:
    return mapping.release.version if mapping.system == "ICD10" else "2019"


def _axiom(source, predicate, target) -> BNode:
    digest = hashlib.sha1(f"{source}|{predicate}|{target.n3()}".encode()).hexdigest()[:20]
    return BNode(f"mx{digest}")


def _reify(graph: Graph, source, predicate, target) -> BNode:
    axiom = _axiom(source, predicate, target)
    graph.add((axiom, RDF.type, OWL.Axiom))
    graph.add((axiom, OWL.annotatedSource, source))
    graph.add((axiom, OWL.annotatedProperty, predicate))
    graph.add((axiom, OWL.annotatedTarget, target))
    return axiom


def _describe_release(graph: Graph, system: str, release: Release) -> None:
    node = terminology_iri(system)
    graph.add((node, RDFS.label, Literal(SYSTEMS[system].title, lang="en")))
    graph.add((node, SKOS.notation, Literal(system)))
    graph.add((node, OWL.versionInfo, Literal(release.version)))
    graph.add((node, RDFS.comment, Literal(f"Codes verified against {release.provenance}.", lang="en")))
    if release.iri:
        graph.add((node, DCTERMS.source, URIRef(release.iri)))


def _describe_mapping_set(graph: Graph, mapping: Mapping) -> None:
    info = mapping.mapping_set
    node = mapping_set_iri(info.article_id)
    graph.add((node, DCTERMS.title, Literal(info.title or f"Mappings of the entities of {info.article_id}", lang="en")))
    graph.add((node, DCTERMS.source, article_iri(info.article_id)))
    graph.add((node, DCTERMS.license, URIRef(info.license)))
    graph.add((node, DCTERMS.creator, Literal(info.creator)))
    graph.add((node, DCTERMS.created, Literal(info.mapping_date, datatype=XSD.date)))


def _add_mapping(graph: Graph, mapping: Mapping) -> None:
    subject, predicate, target = entity_iri(mapping.entity), SKOS[mapping.predicate], target_iri(mapping)
    scheme = terminology_iri(mapping.system)
    graph.add((subject, predicate, target))
    axiom = _reify(graph, subject, predicate, target)
    graph.add((axiom, SSSOM_NS.mapping_justification, SEMAPV_NS[mapping.justification]))
    graph.add((axiom, SSSOM_NS.object_label, Literal(mapping.label)))
    graph.add((axiom, SSSOM_NS.object_source, scheme))
    graph.add((axiom, SSSOM_NS.object_source_version, Literal(mapping.release.version)))
    graph.add((axiom, SSSOM_NS.mapping_date, Literal(mapping.mapping_set.mapping_date, datatype=XSD.date)))
    graph.add((axiom, SSSOM_NS.mapping_set_id, mapping_set_iri(mapping.mapping_set.article_id)))
    if mapping.comment:
        graph.add((axiom, RDFS.comment, Literal(mapping.comment, lang="en")))
    graph.add((target, RDFS.label, Literal(mapping.label, lang="en")))
    graph.add((target, SKOS.notation, Literal(mapping.code)))
    graph.add((target, SKOS.inScheme, scheme))
    for xref in mapping.xrefs:
        value = Literal(xref)
        graph.add((target, OBOINOWL.hasDbXref, value))
        provenance = _reify(graph, target, OBOINOWL.hasDbXref, value)
        graph.add((provenance, DCTERMS.source, scheme))
        graph.add((provenance, RDFS.comment,
                   Literal(f"asserted by HPO release {mapping.release.version}, not by crampkg", lang="en")))


def mappings_to_rdf(mappings: Iterable[Mapping], graph: Graph | None = None) -> Graph:
    """Add the mappings (and the releases they were verified against) to ``graph``; return it."""
    graph = Graph() if graph is None else graph
    mappings = list(mappings)
    if not mappings:
        return graph
    for prefix, iri in {"sssom": SSSOM, "semapv": SEMAPV, "oboInOwl": OBO_IN_OWL, "terminology": str(TERMINOLOGY),
                        "mappings": str(MAPPING_SET),
                        **iri_prefixes(_icd10_version(next((m for m in mappings if m.system == "ICD10"), mappings[0])))}.items():
        graph.bind(prefix, iri, override=True, replace=True)
    for prop in ANNOTATION_PROPERTIES:
        graph.add((prop, RDF.type, OWL.AnnotationProperty))
    for system, release in sorted({(m.system, m.release) for m in mappings}, key=lambda pair: pair[0]):
        _describe_release(graph, system, release)
    for mapping in mappings:
        _describe_mapping_set(graph, mapping)
        _add_mapping(graph, mapping)
    return graph
