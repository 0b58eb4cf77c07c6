"""The networkx view written as GraphML or GEXF, for property-graph tools (Gephi, Cytoscape, yEd, Neo4j imports).

GraphML and GEXF hold only strings, numbers and booleans as attributes. :func:`flat_view` turns every tuple
attribute (``classes``, the hedges, ``evidence``, ``quotes``) and the :class:`~crampkg.views.network.Annotation`
records into a JSON array text (``'["Possible"]'``), which keeps their order and any separator the article's text
contains; :func:`unflatten` reads them back. ``None`` attributes are left out.
"""
from __future__ import annotations

import dataclasses
import io
import json

import networkx as nx

NETWORK_FORMATS = ("graphml", "gexf")


def _flat(value: object) -> object:
    if isinstance(value, tuple):
        items = [dataclasses.asdict(item) if dataclasses.is_dataclass(item) and not isinstance(item, type) else item
                 for item in value]
        return json.dumps(items, ensure_ascii=False, sort_keys=True)
    return value


def flat_view(view: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """A copy of ``view`` whose attributes are all strings, numbers or booleans (tuples as JSON arrays)."""
    flat: nx.MultiDiGraph = nx.MultiDiGraph()
    flat.graph.update({k: _flat(v) for k, v in view.graph.items() if v is not None})
    for node, data in view.nodes(data=True):
        flat.add_node(node, **{k: _flat(v) for k, v in data.items() if v is not None})
    for source, target, key, data in view.edges(keys=True, data=True):
        flat.add_edge(source, target, key=key, **{k: _flat(v) for k, v in data.items() if v is not None})
    return flat


def unflatten(value: object) -> object:
    """An attribute read back from GraphML/GEXF: a JSON array text becomes a tuple again."""
    if isinstance(value, str) and value.startswith("["):
        return tuple(json.loads(value))
    return value


def write_network(view: nx.MultiDiGraph, fmt: str) -> bytes:
    """The view as a GraphML or GEXF document (UTF-8), nodes and edges in the view's order."""
    flat = flat_view(view)
    stream = io.BytesIO()
    if fmt == "graphml":
        nx.write_graphml(flat, stream, encoding="utf-8", prettyprint=True, named_key_ids=True)
    elif fmt == "gexf":
        nx.write_gexf(flat, stream, encoding="utf-8", prettyprint=True)
    else:
        raise ValueError(f"{fmt!r} is not a network format ({', '.join(NETWORK_FORMATS)})")
    return stream.getvalue()
