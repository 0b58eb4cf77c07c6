"""Counts that tell a curator what the graph holds: individuals per class, assertions per property, evidence coverage."""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from rdflib import Graph
from rdflib.namespace import OWL, RDF

from crampkg.namespaces import CRAMP, is_article_entity


@dataclass
class GraphStats:
    """Summary counts of a built graph."""

    triples: int
    entities: int
    entities_with_evidence: int
    individuals_per_class: dict[str, int]
    assertions_per_property: dict[str, int]
    assertions_with_evidence: int

    @property
    def assertions(self) -> int:
        """Statements with a crampkg property about article entities, all properties together."""
        return sum(self.assertions_per_property.values())

    def as_dict(self) -> dict:
        """The figures as plain values, ready for JSON."""
        return {
            "triples": self.triples,
            "entities": self.entities,
            "entities_with_evidence": self.entities_with_evidence,
            "assertions": self.assertions,
            "assertions_with_evidence": self.assertions_with_evidence,
            "individuals_per_class": self.individuals_per_class,
            "assertions_per_property": self.assertions_per_property,
        }


def _local(iri) -> str:
    return str(iri)[len(str(CRAMP)):] if str(iri).startswith(str(CRAMP)) else str(iri)


def compute_stats(graph: Graph) -> GraphStats:
    """Count what the graph asserts about the article's entities."""
    entities = {s for s in graph.subjects(RDF.type, OWL.NamedIndividual) if is_article_entity(s)}
    per_class: Counter[str] = Counter()
    for entity in entities:
        for cls in graph.objects(entity, RDF.type):
            if cls != OWL.NamedIndividual:
                per_class[_local(cls)] += 1
    per_property: Counter[str] = Counter()
    for s, p, _o in graph:
        if is_article_entity(s) and str(p).startswith(str(CRAMP)) and p != CRAMP.hasEvidence:
            per_property[_local(p)] += 1
    annotated = {(graph.value(a, OWL.annotatedSource), graph.value(a, OWL.annotatedProperty), graph.value(a, OWL.annotatedTarget))
                 for a in graph.subjects(RDF.type, OWL.Axiom) if (a, CRAMP.hasEvidence, None) in graph}
    with_evidence = sum(1 for t in annotated if is_article_entity(t[0]) and t in graph)
    return GraphStats(
        triples=len(graph),
        entities=len(entities),
        entities_with_evidence=sum(1 for e in entities if (e, CRAMP.hasEvidence, None) in graph),
        individuals_per_class=dict(sorted(per_class.items())),
        assertions_per_property=dict(sorted(per_property.items())),
        assertions_with_evidence=with_evidence,
    )


def format_stats(stats: GraphStats) -> str:
    """A plain-text report that fits an 80-column terminal."""
    def pct(part: int, whole: int) -> str:
        return f"{100.0 * part / whole:.1f}%" if whole else "n/a"

    lines = [
        f"triples                  {stats.triples}",
        f"entities                 {stats.entities}",
        f"assertions               {stats.assertions}",
        f"entity evidence          {stats.entities_with_evidence}/{stats.entities} ({pct(stats.entities_with_evidence, stats.entities)})",
        f"assertion evidence       {stats.assertions_with_evidence}/{stats.assertions} ({pct(stats.assertions_with_evidence, stats.assertions)})",
        "",
        "individuals per class",
    ]
    lines += [f"  {name:<38} {count:>5}" for name, count in stats.individuals_per_class.items()]
    lines += ["", "assertions per property"]
    lines += [f"  {name:<38} {count:>5}" for name, count in stats.assertions_per_property.items()]
    return "\n".join(lines)
