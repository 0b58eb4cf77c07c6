"""What the endpoint serves: the graphs as named graphs of one Oxigraph store, and the rdflib views its pages read.

As in ``dist/crampkg.trig``, asserted triples are in ``<https://w3id.org/crampkg/graph/asserted>`` and inferred ones
in ``<…/graph/inferred>``; the default graph holds their union (so plain queries see everything, ``FROM`` and
``GRAPH`` pick one graph).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from rdflib import Graph, URIRef

from crampkg.build.void import ASSERTED_GRAPH, INFERRED_GRAPH


@dataclass
class LinkedData:
    """The named graphs (IRI → rdflib graph), the ontology and the article texts (article IRI → text)."""

    graphs: dict[URIRef, Graph]
    ontology: Graph
    articles: dict[URIRef, str]
    _void: dict[str, Graph] = field(default_factory=dict)

    def union(self) -> Graph:
        """Every triple of every named graph, in one rdflib graph (made once)."""
        if "union" not in self._void:
            merged = Graph()
            for graph in self.graphs.values():
                for prefix, namespace in graph.namespaces():
                    merged.bind(prefix, namespace, override=True, replace=True)
                merged += graph
            self._void["union"] = merged
        return self._void["union"]

    def void(self, endpoint: str) -> Graph:
        """The VoID/DCAT description with ``endpoint`` as its SPARQL endpoint (computed once)."""
        from crampkg.build.void import describe_dataset

        if endpoint not in self._void:
            self._void[endpoint] = describe_dataset(self.graphs, endpoint)
        return self._void[endpoint]


def load_linked_data(reasoning: str = "all", sources: Path | None = None, ontology: Path | None = None) -> LinkedData:
    """The graphs of ``reasoning`` (``asserted``, ``inferred`` or ``all``: both) from the cache, the shipped ontology
    and the texts of the articles."""
    from crampkg import paths
    from crampkg.loaders.article import load_article
    from crampkg.namespaces import article_iri
    from crampkg.store import load

    views = {"asserted": ("asserted",), "inferred": ("inferred",), "all": ("asserted", "inferred")}[reasoning]
    names = {"asserted": ASSERTED_GRAPH, "inferred": INFERRED_GRAPH}
    graphs = {names[view]: load(sources, ontology, reasoning=view) for view in views}
    tbox = Graph().parse(Path(ontology or paths.ontology_dir()) / "crampkg.ttl", format="turtle")
    source_root = Path(sources or paths.sources_dir())
    articles = {}
    for folder in paths.article_folders(source_root):
        article = load_article(folder, source_root)
        articles[article_iri(article.id)] = article.text
    return LinkedData(graphs, tbox, articles)


def dataset_store(linked: LinkedData) -> Any:
    """An in-memory Oxigraph store with each graph of ``linked`` as a named graph and their union as the default
    graph (a copy: Oxigraph's union-default-graph option would also override a query's ``FROM``)."""
    import pyoxigraph as ox

    store = ox.Store()
    for name, graph in linked.graphs.items():
        triples = graph.serialize(format="nt", encoding="utf-8")
        store.bulk_load(triples, format=ox.RdfFormat.N_TRIPLES, to_graph=ox.NamedNode(str(name)))
        store.bulk_load(triples, format=ox.RdfFormat.N_TRIPLES, to_graph=ox.DefaultGraph())
    return store
