"""What the networkx view answers well: cause → treatment paths, the most connected entities, communities, neighbourhoods.

Every function takes a view made by :func:`crampkg.views.network.to_networkx` (of any rdflib graph).

Roles follow the ontology's defined classes: a *cause* is whatever ``causes`` something (``cramp:Cause``), a
*symptom* whatever is a symptom of something (``cramp:Symptom``), a *treatment* whatever ``treats`` or
``alleviates`` something (``cramp:TreatmentOption``).
"""
from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import cast

import networkx as nx

from crampkg.views.network import find_node

#: The statements of the causal chain: cause -causes-> condition -hasSymptom-> symptom <-alleviates- treatment.
CAUSAL_PROPERTIES = ("causes", "hasSymptom", "hasAccompanyingSymptom", "alleviates", "treats")

#: How each property is followed from a cause towards a treatment: the name of the hop, and whether the edge is
#: followed backwards. A treatment's edge into what it treats is followed backwards ("^alleviates", as in SPARQL);
#: an inverse property gives the same hop as its forward twin.
FLOW: dict[str, tuple[str, bool]] = {
    "causes": ("causes", False),
    "causedBy": ("causes", True),
    "hasSymptom": ("hasSymptom", False),
    "isSymptomOf": ("hasSymptom", True),
    "hasAccompanyingSymptom": ("hasAccompanyingSymptom", False),
    "alleviates": ("^alleviates", True),
    "alleviatedBy": ("^alleviates", False),
    "treats": ("^treats", True),
    "treatedBy": ("^treats", False),
}


@dataclass(frozen=True)
class Hop:
    """One step of a path: from ``source`` to ``target`` along ``property`` (``"^alleviates"``: the edge runs backwards)."""

    source: str
    property: str
    target: str


@dataclass(frozen=True)
class Path:
    """A path through the view, hop by hop."""

    hops: tuple[Hop, ...]

    @property
    def nodes(self) -> tuple[str, ...]:
        """The entities along the path, from the first to the last."""
        return (self.hops[0].source, *(hop.target for hop in self.hops)) if self.hops else ()

    @property
    def properties(self) -> tuple[str, ...]:
        """The properties followed, ``^`` marking an edge followed backwards."""
        return tuple(hop.property for hop in self.hops)

    def describe(self, view: nx.MultiDiGraph) -> str:
        """The path as a person reads it: ``label -causes-> label -hasSymptom-> label <-alleviates- label``."""
        parts = [view.nodes[self.nodes[0]]["label"]] if self.hops else []
        for hop in self.hops:
            arrow = f"<-{hop.property[1:]}-" if hop.property.startswith("^") else f"-{hop.property}->"
            parts += [arrow, view.nodes[hop.target]["label"]]
        return " ".join(parts)


@dataclass(frozen=True)
class Ranked:
    """An entity with its degree (statements it takes part in) and betweenness centrality."""

    id: str
    label: str
    category: str
    degree: int
    betweenness: float


def _has_edge(view: nx.MultiDiGraph, node: str, keys: set[str], outgoing: bool) -> bool:
    edges = view.out_edges(node, keys=True) if outgoing else view.in_edges(node, keys=True)
    return any(key in keys for _, _, key in edges)


def cause_nodes(view: nx.MultiDiGraph) -> set[str]:
    """Entities that cause something (``causes``, or the object of ``causedBy``)."""
    return {n for n in view if _has_edge(view, n, {"causes"}, True) or _has_edge(view, n, {"causedBy"}, False)}


def symptom_nodes(view: nx.MultiDiGraph) -> set[str]:
    """Entities that are a symptom of something (object of ``hasSymptom``/``hasAccompanyingSymptom``, or ``isSymptomOf``)."""
    return {n for n in view if _has_edge(view, n, {"hasSymptom", "hasAccompanyingSymptom"}, False)
            or _has_edge(view, n, {"isSymptomOf"}, True)}


def treatment_nodes(view: nx.MultiDiGraph) -> set[str]:
    """Entities that treat or alleviate something (``treats``/``alleviates``, or the object of their inverses)."""
    return {n for n in view if _has_edge(view, n, {"treats", "alleviates"}, True)
            or _has_edge(view, n, {"treatedBy", "alleviatedBy"}, False)}


def flow_graph(view: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """The cause → condition → symptom → treatment edges of ``view``, turned so that every path runs cause-first.

    Edges are keyed by the property as followed (``"^alleviates"`` for a treatment's ``alleviates`` edge into a
    symptom); a statement and its inverse give one edge.
    """
    flow: nx.MultiDiGraph[str] = nx.MultiDiGraph()
    flow.add_nodes_from(view.nodes)
    for source, target, key in view.edges(keys=True):
        if key not in FLOW:
            continue
        name, backwards = FLOW[key]
        if backwards:
            source, target = target, source
        flow.add_edge(source, target, key=name)
    return flow


def cause_treatment_paths(view: nx.MultiDiGraph, sources: Iterable[object] | None = None,
                          targets: Iterable[object] | None = None, cutoff: int = 4) -> list[Path]:
    """Every simple path of at most ``cutoff`` hops from a cause to a treatment, following :data:`FLOW`.

    ``sources`` default to :func:`cause_nodes`, ``targets`` to :func:`treatment_nodes` (ids, IRIs or labels).
    A path stops at its first treatment; paths are sorted by length, then by the entities along them.
    """
    starts = cause_nodes(view) if sources is None else {find_node(view, s) for s in sources}
    ends = treatment_nodes(view) if targets is None else {find_node(view, t) for t in targets}
    flow = flow_graph(view)
    found: set[Path] = set()
    for start in sorted(starts):
        others = sorted(ends - {start})
        if not others:
            continue
        # on a multigraph each edge of a path is (source, target, key); the stubs know only (source, target)
        paths = cast("Iterator[list[tuple[str, str, str]]]", nx.all_simple_edge_paths(flow, start, others, cutoff=cutoff))
        for edge_path in paths:
            if any(target in ends for _, target, _ in edge_path[:-1]):
                continue  # the path passes another treatment first: that shorter path is reported on its own
            found.add(Path(tuple(Hop(source, key, target) for source, target, key in edge_path)))
    return sorted(found, key=lambda p: (len(p.hops), p.nodes, p.properties))


def _betweenness(view: nx.MultiDiGraph) -> dict[str, float]:
    return nx.betweenness_centrality(nx.Graph(view.to_undirected(as_view=True)), normalized=True)


def most_connected(view: nx.MultiDiGraph, nodes: Iterable[object] | None = None, top: int | None = 10,
                   by: str = "degree") -> list[Ranked]:
    """The best-connected entities among ``nodes`` (default: all), ranked by ``by`` (``"degree"`` or ``"betweenness"``).

    *Degree* counts the statements an entity takes part in (in and out, parallel statements counted);
    *betweenness* is the normalised betweenness centrality in the undirected simple graph (direction and
    parallel statements ignored), computed over the whole view. Ties go to the other measure, then the label.
    """
    if by not in ("degree", "betweenness"):
        raise ValueError(f"by must be 'degree' or 'betweenness', not {by!r}")
    chosen = list(view) if nodes is None else [find_node(view, n) for n in nodes]
    betweenness = _betweenness(view)
    ranked = [Ranked(id=n, label=view.nodes[n]["label"], category=view.nodes[n]["category"],
                     degree=view.degree(n), betweenness=betweenness[n]) for n in set(chosen)]
    if by == "degree":
        ranked.sort(key=lambda r: (-r.degree, -r.betweenness, r.label, r.id))
    else:
        ranked.sort(key=lambda r: (-r.betweenness, -r.degree, r.label, r.id))
    return ranked if top is None else ranked[:top]


def communities(view: nx.MultiDiGraph) -> list[set[str]]:
    """Groups of densely linked entities (greedy modularity on the undirected simple graph; deterministic).

    Isolated entities are left out; communities are sorted by size, largest first.
    """
    simple: nx.Graph[str] = nx.Graph(view.to_undirected(as_view=True))
    simple.remove_nodes_from([n for n in list(simple) if simple.degree(n) == 0])
    if simple.number_of_edges() == 0:
        return []
    found = nx.community.greedy_modularity_communities(simple)
    return sorted((set(c) for c in found), key=lambda c: (-len(c), sorted(c)))


def neighbourhood(view: nx.MultiDiGraph, entity: object, radius: int = 1) -> nx.MultiDiGraph:
    """The entity, everything within ``radius`` statements of it (either direction), and the statements among them."""
    center = find_node(view, entity)
    return nx.ego_graph(view, center, radius=radius, undirected=True).copy()
