"""A fast equality check for graphs whose blank nodes are all distinguishable by their surroundings."""
from __future__ import annotations

import hashlib
from collections import Counter

from rdflib import BNode, Graph


def _digest(*parts: str) -> str:
    return hashlib.sha1("\x1f".join(parts).encode("utf-8")).hexdigest()


def blank_node_signatures(graph: Graph, rounds: int = 4) -> dict[BNode, str]:
    """Give every blank node a hash of its neighbourhood, refined ``rounds`` times (Weisfeiler–Lehman style)."""
    nodes = {t for triple in graph for t in triple if isinstance(t, BNode)}
    signature = dict.fromkeys(nodes, "")

    def term(t) -> str:
        return signature[t] if isinstance(t, BNode) else t.n3()

    for _ in range(rounds):
        signature = {
            node: _digest(
                *sorted("o" + p.n3() + term(o) for _, p, o in graph.triples((node, None, None))),
                *sorted("s" + term(s) + p.n3() for s, p, _ in graph.triples((None, None, node))),
            )
            for node in nodes
        }
    return signature


def same_graph(first: Graph, second: Graph) -> bool:
    """True when both graphs hold the same triples, blank nodes compared by their signatures."""
    if len(first) != len(second):
        return False

    def canon(graph: Graph) -> Counter:
        signature = blank_node_signatures(graph)
        return Counter(tuple(signature[t] if isinstance(t, BNode) else t.n3() for t in triple) for triple in graph)

    return canon(first) == canon(second)
