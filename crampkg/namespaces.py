"""The IRIs crampkg mints and the vocabularies it uses."""
from __future__ import annotations

from rdflib import Namespace, URIRef
from rdflib.namespace import DCTERMS, OWL, PROV, RDF, RDFS, SKOS, XSD

CRAMP = Namespace("https://w3id.org/crampkg/ontology#")
ONTOLOGY_IRI = "https://w3id.org/crampkg/ontology"
RESOURCE = Namespace("https://w3id.org/crampkg/resource/")
OA = Namespace("http://www.w3.org/ns/oa#")
SCHEMA = Namespace("https://schema.org/")

PREFIXES: dict[str, str] = {
    "": str(CRAMP),
    "cramp": str(CRAMP),
    "res": str(RESOURCE),
    "owl": str(OWL),
    "rdf": str(RDF),
    "rdfs": str(RDFS),
    "xsd": str(XSD),
    "skos": str(SKOS),
    "dcterms": str(DCTERMS),
    "prov": str(PROV),
    "oa": str(OA),
    "schema": str(SCHEMA),
    "sssom": "https://w3id.org/sssom/",
    "semapv": "https://w3id.org/semapv/vocab/",
    "oboInOwl": "http://www.geneontology.org/formats/oboInOwl#",
}


def bind_prefixes(graph) -> None:
    """Bind crampkg's prefixes on ``graph`` (replacing rdflib's defaults for the same names)."""
    for prefix, iri in PREFIXES.items():
        if prefix == "":
            continue
        graph.bind(prefix, iri, override=True, replace=True)


def entity_iri(entity_id: str):
    """The IRI of an article entity: ``res:<id>``."""
    return RESOURCE[entity_id]


def article_iri(article_id: str):
    """The IRI of an article: ``res:article/<id>``."""
    return RESOURCE[f"article/{article_id}"]


def section_iri(article_id: str, section_id: str):
    """The IRI of a section of an article."""
    return RESOURCE[f"article/{article_id}/section/{section_id}"]


def evidence_iri(article_id: str, start: int, end: int):
    """The IRI of the evidence for characters ``start``..``end`` of an article."""
    return RESOURCE[f"article/{article_id}/evidence/{start}-{end}"]


ARTICLE_PREFIX = str(RESOURCE["article/"])


def is_article_entity(node) -> bool:
    """Whether ``node`` is one of the articles' entities (not an article, section or evidence node)."""
    return isinstance(node, URIRef) and str(node).startswith(str(RESOURCE)) and not str(node).startswith(ARTICLE_PREFIX)
