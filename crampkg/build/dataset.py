"""The dataset node: what the graph is, whose it is, under which licence and from which article it was curated."""
from __future__ import annotations

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, OWL

from crampkg._version import __version__
from crampkg.loaders.article import Article
from crampkg.namespaces import article_iri

DATASET_IRI = URIRef("https://w3id.org/crampkg/dataset")
# The licence README.md states for the ontology and the curated data (the code is MIT, see LICENSE).
DATA_LICENSE = URIRef("https://creativecommons.org/licenses/by/4.0/")
DCMI_DATASET = URIRef("http://purl.org/dc/dcmitype/Dataset")


def dataset_to_rdf(articles: list[Article]) -> Graph:
    """The dataset description: type, titles, creator, version, data licence and the articles it is curated from.

    Only annotation properties, so the graph stays OWL 2 DL without declaring the node an individual.
    """
    graph = Graph()
    graph.add((DATASET_IRI, DCTERMS.type, DCMI_DATASET))
    graph.add((DATASET_IRI, DCTERMS.title, Literal("crampkg: Muskelkrampf im Rücken als Wissensgraph", lang="de")))
    graph.add((DATASET_IRI, DCTERMS.title, Literal("crampkg: back muscle cramps as a knowledge graph", lang="en")))
    graph.add((DATASET_IRI, DCTERMS.creator, Literal("crampkg contributors")))
    graph.add((DATASET_IRI, DCTERMS.license, DATA_LICENSE))
    graph.add((DATASET_IRI, OWL.versionInfo, Literal(__version__)))
    for article in articles:
        graph.add((DATASET_IRI, DCTERMS.source, article_iri(article.id)))
    return graph
