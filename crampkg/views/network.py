"""The knowledge graph as a typed networkx ``MultiDiGraph``: entities as nodes, statements as edges.

Nodes are the article's entities (``owl:NamedIndividual`` under ``res:``, not articles, sections or evidence),
keyed by their id (``"magnesiummangel"``) and carrying ``iri``, ``label`` (in the chosen language),
``classes`` (the most specific classes the entity is an instance of), ``class`` (the one that decides the
category) and ``category`` (see :data:`crampkg.views.terms.CATEGORIES`).

Edges are the statements between two such entities whose property is in the crampkg ontology, keyed by the
property's local name (``"causes"``). Each carries ``property``, ``iri``, ``label``, the article's hedges
(``certainty``, ``frequency``, ``modality``, ``context`` — tuples, empty when the article does not hedge),
``evidence`` and ``quotes`` (the evidence IRIs and their verbatim text), ``hedged``, ``inferred`` and
``annotations`` (one :class:`Annotation` per ``owl:Axiom``, keeping which quote carries which hedge).

:func:`to_networkx` takes any rdflib graph: ``crampkg.load(reasoning="asserted")`` (what the article states),
``crampkg.load()`` (that and what OWL 2 RL infers), or a small hand-made graph. Pass the inferred triples
separately (``inferred=crampkg.load(reasoning="inferred")``) to have their edges marked ``inferred``.
"""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

import networkx as nx
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import OWL, RDF
from rdflib.term import Node

from crampkg.namespaces import CRAMP, OA, is_article_entity
from crampkg.views.terms import ClassIndex, entity_types, label, local_name, term_set

_ANNOTATION_ONLY = frozenset({CRAMP.hasEvidence, CRAMP.certainty, CRAMP.frequency, CRAMP.modality, CRAMP.context,
                              CRAMP.approximate, CRAMP.inferred})


@dataclass(frozen=True)
class Annotation:
    """One ``owl:Axiom`` on a statement: its evidence, the quoted text and the article's hedges."""

    evidence: str | None
    quote: str | None
    certainty: str | None = None
    frequency: str | None = None
    modality: str | None = None
    context: str | None = None
    inferred: bool = False


def entities(graph: Graph) -> list[URIRef]:
    """The article's entities in ``graph``, sorted by IRI."""
    return sorted({s for s in graph.subjects(RDF.type, OWL.NamedIndividual) if isinstance(s, URIRef) and is_article_entity(s)},
                  key=str)


def entity_key(entity: object) -> str:
    """The node key of an entity: its id under ``res:`` (a full IRI or an id may be given)."""
    return local_name(entity)


def _optional_local(graph: Graph, node: Node, predicate: URIRef) -> str | None:
    value = graph.value(node, predicate)
    return None if value is None else local_name(value)


def _quote(graph: Graph, evidence: Node | None) -> str | None:
    if evidence is None:
        return None
    for selector in graph.objects(evidence, OA.hasSelector):
        exact = graph.value(selector, OA.exact)
        if exact is not None:
            return str(exact)
    return None


def axiom_annotations(graph: Graph) -> dict[tuple, list[Annotation]]:
    """Every ``owl:Axiom`` of ``graph`` as :class:`Annotation` objects, by the (source, property, target) it annotates."""
    found: dict[tuple, list[Annotation]] = defaultdict(list)
    for axiom in graph.subjects(RDF.type, OWL.Axiom):
        key = (graph.value(axiom, OWL.annotatedSource), graph.value(axiom, OWL.annotatedProperty), graph.value(axiom, OWL.annotatedTarget))
        evidence_nodes: list[Node | None] = [*sorted(graph.objects(axiom, CRAMP.hasEvidence), key=str)] or [None]
        context = graph.value(axiom, CRAMP.context)
        inferred = graph.value(axiom, CRAMP.inferred)
        for evidence in evidence_nodes:
            found[key].append(Annotation(
                evidence=None if evidence is None else str(evidence),
                quote=_quote(graph, evidence),
                certainty=_optional_local(graph, axiom, CRAMP.certainty),
                frequency=_optional_local(graph, axiom, CRAMP.frequency),
                modality=_optional_local(graph, axiom, CRAMP.modality),
                context=None if context is None else str(context),
                inferred=isinstance(inferred, Literal) and inferred.toPython() is True,
            ))
    return found


def _edge_attributes(graph: Graph, prop: URIRef, notes: list[Annotation], lang: str) -> dict:
    notes = sorted(notes, key=lambda a: (a.evidence or "", repr(a)))

    def distinct(field: str) -> tuple:
        return tuple(sorted({getattr(a, field) for a in notes if getattr(a, field) is not None}))

    hedges = {field: distinct(field) for field in ("certainty", "frequency", "modality", "context")}
    return {
        "property": local_name(prop),
        "iri": str(prop),
        "label": label(graph, prop, lang),
        **hedges,
        "hedged": any(hedges.values()),
        "evidence": tuple(a.evidence for a in notes if a.evidence),
        "quotes": tuple(a.quote for a in notes if a.evidence and a.quote),
        "inferred": any(a.inferred for a in notes),
        "annotations": tuple(notes),
    }


def _is_statement_property(prop: URIRef, wanted: frozenset[URIRef] | None) -> bool:
    if wanted is not None:
        return prop in wanted
    return str(prop).startswith(str(CRAMP)) and prop not in _ANNOTATION_ONLY


def to_networkx(graph: Graph, *, lang: str = "de", classes: Iterable[object] | None = None,
                properties: Iterable[object] | None = None, isolated: bool = True,
                inferred: Graph | None = None) -> nx.MultiDiGraph:
    """The entities of ``graph`` and the statements between them as a ``networkx.MultiDiGraph``.

    ``classes`` keeps only entities that are instances of one of these classes or their subclasses
    (local names such as ``"SignOrSymptom"`` or full IRIs); ``properties`` keeps only statements with one
    of these properties (default: every crampkg property between two entities). ``isolated=False`` drops
    entities that no kept statement touches. Labels are in ``lang`` where the graph has them. The triples of
    ``inferred`` are added, and the edges that only they give are marked ``inferred=True``.

    >>> view = to_networkx(crampkg.load(), lang="en", properties=["causes", "hasSymptom"])  # doctest: +SKIP
    """
    stated = graph
    if inferred is not None:
        graph = Graph()
        for source in (stated, inferred):
            for triple in source:
                graph.add(triple)
    index = ClassIndex(graph)
    wanted_classes = term_set(classes)
    wanted_properties = term_set(properties)
    view: nx.MultiDiGraph[str] = nx.MultiDiGraph(lang=lang)
    for entity in entities(graph):
        types = entity_types(graph, entity)
        if wanted_classes is not None and not index.is_instance(types, wanted_classes):
            continue
        category, cls = index.categorise(types)
        view.add_node(entity_key(entity), iri=str(entity), label=label(graph, entity, lang), category=category,
                      classes=tuple(local_name(t) for t in index.most_specific(types)), **{"class": cls})
    notes = axiom_annotations(graph)
    for node, data in list(view.nodes.items()):
        subject = URIRef(data["iri"])
        for prop, target in sorted(graph.predicate_objects(subject), key=lambda pair: (str(pair[0]), str(pair[1]))):
            if not isinstance(target, URIRef) or not is_article_entity(target) or entity_key(target) not in view:
                continue
            if not isinstance(prop, URIRef) or not _is_statement_property(prop, wanted_properties):
                continue
            attributes = _edge_attributes(graph, prop, notes.get((subject, prop, target), []), lang)
            if inferred is not None and (subject, prop, target) not in stated:
                attributes["inferred"] = True
            view.add_edge(node, entity_key(target), key=local_name(prop), **attributes)
    if not isolated:
        view.remove_nodes_from([n for n in list(view.nodes) if view.degree(n) == 0])
    return view


def find_node(view: nx.MultiDiGraph, entity: object) -> str:
    """The node key for ``entity``: an id, a full IRI, or a label (any case) of exactly one node."""
    key = entity_key(entity)
    if key in view:
        return key
    wanted = str(entity).casefold()
    matches = sorted(n for n, text in view.nodes(data="label") if str(text).casefold() == wanted)
    if len(matches) == 1:
        return matches[0]
    if matches:
        raise KeyError(f"{entity!r} is the label of several entities: {', '.join(matches)}")
    raise KeyError(f"no entity {entity!r} in this view (give an id such as 'magnesiummangel', an IRI or a label)")


def node_labels(view: nx.MultiDiGraph, nodes: Iterable[str]) -> list[str]:
    """The labels of ``nodes`` in the view's language, in the same order."""
    return [view.nodes[n].get("label", n) for n in nodes]
