"""Serialise a graph to Turtle, N-Triples, JSON-LD and RDF/XML, byte-identically for the same graph."""
from __future__ import annotations

import json

from rdflib import Graph

from crampkg.namespaces import PREFIXES

FORMATS = {
    "turtle": ("turtle", "crampkg.ttl"),
    "ntriples": ("nt", "crampkg.nt"),
    "jsonld": ("json-ld", "crampkg.jsonld"),
    "rdfxml": ("xml", "crampkg.owl"),
}


def jsonld_context() -> dict[str, str]:
    """The compact JSON-LD context: crampkg's prefixes (no remote context is ever fetched)."""
    return {prefix: iri for prefix, iri in PREFIXES.items() if prefix}


def serialize(graph: Graph, fmt: str) -> bytes:
    """The graph in ``fmt`` (one of :data:`FORMATS`), deterministic for a given graph."""
    if fmt == "ntriples":
        lines = graph.serialize(format="nt", encoding="utf-8").decode("utf-8").splitlines()
        return ("\n".join(sorted(line for line in lines if line.strip())) + "\n").encode("utf-8")
    if fmt == "jsonld":
        text = graph.serialize(format="json-ld", context=jsonld_context(), auto_compact=True, encoding="utf-8")
        document = _sorted_json(json.loads(text))
        return (json.dumps(document, indent=1, sort_keys=True, ensure_ascii=False) + "\n").encode("utf-8")
    if fmt == "rdfxml":
        return _insertion_ordered(graph).serialize(format="xml", encoding="utf-8")
    return graph.serialize(format=FORMATS[fmt][0], encoding="utf-8")


def _insertion_ordered(graph: Graph) -> Graph:
    """A copy in a store that iterates in insertion order (rdflib's default store iterates a set)."""
    ordered = Graph(store="SimpleMemory")
    for prefix, namespace in graph.namespaces():
        ordered.bind(prefix, namespace, override=True, replace=True)
    for triple in sorted(graph):
        ordered.add(triple)
    return ordered


def _sorted_json(value, key: str = ""):
    """Sort every JSON-LD array except ordered ``@list`` values, so that output order is stable."""
    if isinstance(value, dict):
        return {k: _sorted_json(v, k) for k, v in value.items()}
    if isinstance(value, list):
        items = [_sorted_json(v) for v in value]
        if key == "@list":
            return items
        return sorted(items, key=lambda item: json.dumps(item, sort_keys=True, ensure_ascii=False))
    return value
