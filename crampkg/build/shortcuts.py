"""Shortcut relations: a one-hop answer to a two-hop question, derived only where the article ties both hops together.

``causesSymptom`` (causes ∘ hasSymptom) and ``alleviatesSymptomOf`` (alleviates ∘ isSymptomOf) are *not* OWL
property chains. A chain runs through hub nodes: it gave every cause of the back cramp every symptom of the cramp
(„Schwangerschaft verursacht Atemprobleme“), although the article says the symptoms vary by cause („Die Symptome …
können je nach Ursache und Schweregrad variieren“), and made all ten exercises „alleviate a symptom of the
Stiff-Person-Syndrom“ because that syndrome has back cramps among its symptoms.

The build derives a shortcut only where the article states both hops in one paragraph (the quotes of the two
asserted statements lie on one line of the article text: a paragraph or a list item) and that paragraph names no
other start of the first hop for the entity in between (see :func:`_pairs`). Each shortcut carries an
``owl:Axiom`` (``cramp:inferred true``) with what the two-hop reading says: the weaker certainty, the rarer
frequency, every context and modality of either hop, the entity in between (``cramp:via``) and the evidence of
both hops (``cramp:derivedFrom``). All of these are annotation properties, so the graph stays OWL 2 DL.
"""
from __future__ import annotations

import hashlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import OWL, RDF, RDFS
from rdflib.term import Node

from crampkg.namespaces import CRAMP, OA, article_iri, is_article_entity


@dataclass(frozen=True)
class Shortcut:
    """``prop`` is short for ``first`` then ``second`` (each read in the direction given)."""

    prop: URIRef
    first: URIRef
    second: URIRef


SHORTCUTS = (
    Shortcut(CRAMP.causesSymptom, CRAMP.causes, CRAMP.hasSymptom),
    Shortcut(CRAMP.alleviatesSymptomOf, CRAMP.alleviates, CRAMP.isSymptomOf),
)

#: Certainty from plain (stated outright) to weakest; a two-hop reading is as uncertain as its weaker hop.
CERTAINTY_RANK = {None: 0, CRAMP.Likely: 1, CRAMP.Possible: 2}
#: Frequency from plain (stated without a frequency: always) to rarest; a two-hop reading is at most as frequent
#: as its rarer hop.
FREQUENCY_RANK = {None: 0, CRAMP.Typical: 1, CRAMP.MostCases: 2, CRAMP.VeryCommon: 3, CRAMP.Common: 4,
                  CRAMP.SomeCases: 5, CRAMP.Rare: 6}


@dataclass(frozen=True)
class Hop:
    """One asserted statement read as ``source -property-> target``, with its evidence and hedges."""

    source: URIRef
    target: URIRef
    evidence: frozenset[URIRef]
    paragraphs: frozenset[tuple[URIRef, int]]
    certainty: URIRef | None
    frequency: URIRef | None
    modality: frozenset[URIRef]
    contexts: frozenset[Literal]


def _sub_properties(graph: Graph, prop: URIRef) -> set[URIRef]:
    """``prop`` and every property declared below it (``rdfs:subPropertyOf*``)."""
    found, todo = {prop}, [prop]
    while todo:
        for sub in graph.subjects(RDFS.subPropertyOf, todo.pop()):
            if isinstance(sub, URIRef) and sub not in found:
                found.add(sub)
                todo.append(sub)
    return found


def _inverses(graph: Graph, prop: URIRef) -> set[URIRef]:
    return {p for p in graph.objects(prop, OWL.inverseOf) if isinstance(p, URIRef)} | {
        p for p in graph.subjects(OWL.inverseOf, prop) if isinstance(p, URIRef)}


def _iri(node: Node | None) -> URIRef | None:
    """``node`` if it is an IRI (a hedge value), else ``None``."""
    return node if isinstance(node, URIRef) else None


def _paragraph(graph: Graph, evidence: URIRef, texts: dict[URIRef, str]) -> tuple[URIRef, int] | None:
    """The article and line number (from 0) where ``evidence`` starts; ``None`` when the text is not known."""
    source = graph.value(evidence, OA.hasSource)
    text = texts.get(source) if isinstance(source, URIRef) else None
    for selector in graph.objects(evidence, OA.hasSelector):
        start = graph.value(selector, OA.start)
        if isinstance(source, URIRef) and text is not None and isinstance(start, Literal):
            return source, text.count("\n", 0, int(start))
    return None


def hops(graph: Graph, prop: URIRef, texts: dict[URIRef, str]) -> list[Hop]:
    """Every asserted statement that says ``prop`` (directly, by a sub-property or by an inverse), one per axiom."""
    forward = _sub_properties(graph, prop)
    backward = set().union(*(_sub_properties(graph, inverse) for inverse in _inverses(graph, prop)))
    found = []
    for axiom in graph.subjects(RDF.type, OWL.Axiom):
        stated = graph.value(axiom, OWL.annotatedProperty)
        if stated not in forward and stated not in backward:
            continue
        source, target = graph.value(axiom, OWL.annotatedSource), graph.value(axiom, OWL.annotatedTarget)
        if stated in backward:
            source, target = target, source
        if not (isinstance(source, URIRef) and isinstance(target, URIRef)
                and is_article_entity(source) and is_article_entity(target)):
            continue
        evidence = frozenset(e for e in graph.objects(axiom, CRAMP.hasEvidence) if isinstance(e, URIRef))
        paragraphs = frozenset(p for p in (_paragraph(graph, e, texts) for e in evidence) if p is not None)
        found.append(Hop(source, target, evidence, paragraphs,
                         _iri(graph.value(axiom, CRAMP.certainty)), _iri(graph.value(axiom, CRAMP.frequency)),
                         frozenset(m for m in graph.objects(axiom, CRAMP.modality) if isinstance(m, URIRef)),
                         frozenset(c for c in graph.objects(axiom, CRAMP.context) if isinstance(c, Literal))))
    return found


def _weaker(ranks: dict, values: Iterable) -> URIRef | None:
    return max(values, key=lambda value: ranks.get(value, max(ranks.values())))


def _pairs(first: list[Hop], second: list[Hop]) -> Iterator[tuple[Hop, Hop]]:
    """Pairs ``a -first-> b -second-> c`` that the article ties together.

    Both statements are quoted from one paragraph, and that paragraph names no other ``a'`` with ``a' -first-> b``:
    a paragraph that lists several causes of ``b`` („von harmlosen Muskelverspannungen bis hin zu
    schwerwiegenderen Erkrankungen“) speaks of ``b`` in general, so the symptoms it gives are not those of one cause.
    """
    sources: dict[tuple, set[URIRef]] = {}
    for hop in first:
        for paragraph in hop.paragraphs:
            sources.setdefault((paragraph, hop.target), set()).add(hop.source)
    by_source: dict[URIRef, list[Hop]] = {}
    for hop in second:
        by_source.setdefault(hop.source, []).append(hop)
    for hop in first:
        for follow in by_source.get(hop.target, []):
            shared = hop.paragraphs & follow.paragraphs
            if follow.target != hop.source and any(sources[(p, hop.target)] == {hop.source} for p in shared):
                yield hop, follow


def derive_shortcuts(graph: Graph, texts: dict[URIRef, str], shortcuts: Iterable[Shortcut] = SHORTCUTS) -> Graph:
    """The shortcut triples the article supports, each with an ``owl:Axiom`` saying what its two hops say.

    ``graph`` is the asserted graph (with its axiom annotations and evidence); ``texts`` maps each article's IRI to
    its text. A shortcut that is also asserted is not repeated.
    """
    derived = Graph()
    for shortcut in shortcuts:
        for one, two in _pairs(hops(graph, shortcut.first, texts), hops(graph, shortcut.second, texts)):
            triple = (one.source, shortcut.prop, two.target)
            if triple in graph:
                continue
            derived.add(triple)
            _annotate(derived, triple, one, two)
    return derived


def _annotate(derived: Graph, triple: tuple[URIRef, URIRef, URIRef], one: Hop, two: Hop) -> None:
    source, prop, target = triple
    evidence = sorted(one.evidence | two.evidence)
    digest = hashlib.sha1("|".join(map(str, [*triple, one.target, *evidence])).encode()).hexdigest()[:20]
    axiom = BNode(f"sc{digest}")
    derived.add((axiom, RDF.type, OWL.Axiom))
    derived.add((axiom, OWL.annotatedSource, source))
    derived.add((axiom, OWL.annotatedProperty, prop))
    derived.add((axiom, OWL.annotatedTarget, target))
    derived.add((axiom, CRAMP.inferred, Literal(True)))
    derived.add((axiom, CRAMP.via, one.target))
    for node in evidence:
        derived.add((axiom, CRAMP.derivedFrom, node))
    certainty = _weaker(CERTAINTY_RANK, (one.certainty, two.certainty))
    frequency = _weaker(FREQUENCY_RANK, (one.frequency, two.frequency))
    for annotation, value in ((CRAMP.certainty, certainty), (CRAMP.frequency, frequency)):
        if value is not None:
            derived.add((axiom, annotation, value))
    for modality in one.modality | two.modality:
        derived.add((axiom, CRAMP.modality, modality))
    for context in one.contexts | two.contexts:
        derived.add((axiom, CRAMP.context, context))


def article_texts(articles: Iterable) -> dict[URIRef, str]:
    """The text of each article by its IRI (what :func:`derive_shortcuts` locates paragraphs in)."""
    return {article_iri(article.id): article.text for article in articles}
