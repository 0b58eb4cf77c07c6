"""Refuse a build that would silently lose facts: compare the new asserted graph with the previous build's.

The previous build is read from its N-Triples file (one triple a line), so the comparison needs no RDF parser:
the number of triples, and the number of evidence statements (``prov:wasDerivedFrom`` a section) per section.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from rdflib import Graph, URIRef
from rdflib.namespace import PROV

from crampkg.errors import UserError
from crampkg.limits import MAX_SHRINK
from crampkg.namespaces import RESOURCE

PREVIOUS_FILE = "crampkg.nt"
_DERIVED_FROM = f"<{PROV.wasDerivedFrom}>"


def _is_section(iri: str) -> bool:
    return iri.startswith(f"{RESOURCE}article/") and "/section/" in iri


@dataclass(frozen=True)
class GraphSize:
    """How big a build is: its triples, and its evidence statements per section IRI."""

    triples: int
    evidence: Counter


class ShrinkRefused(UserError):
    """The new build holds much less than the previous one."""


def size_of_graph(graph: Graph) -> GraphSize:
    """The size of an asserted graph."""
    evidence = Counter(str(o) for o in graph.objects(None, PROV.wasDerivedFrom) if isinstance(o, URIRef) and _is_section(str(o)))
    return GraphSize(len(graph), evidence)


def size_of_previous(out: Path) -> GraphSize | None:
    """The size of the build in ``out`` (``None`` when there is none to compare with)."""
    path = Path(out) / PREVIOUS_FILE
    if not path.is_file():
        return None
    triples = 0
    evidence: Counter = Counter()
    try:
        with path.open("rb") as stream:
            for raw in stream:
                line = raw.decode("utf-8", errors="replace").strip()
                if not line or line.startswith("#"):
                    continue
                triples += 1
                parts = line.split(" ", 2)
                if len(parts) == 3 and parts[1] == _DERIVED_FROM and _is_section(parts[2].rstrip(" .")[1:-1]):
                    evidence[parts[2].rstrip(" .")[1:-1]] += 1
    except OSError:
        return None
    return GraphSize(triples, evidence)


def shrink_problems(previous: GraphSize, new: GraphSize, max_shrink: float = MAX_SHRINK) -> list[str]:
    """What the new build loses: whole sections' evidence, or more than ``max_shrink`` of the triples."""
    problems = [f"section <{section}> had {count} evidence statement(s), now none"
                for section, count in sorted(previous.evidence.items()) if count and not new.evidence.get(section)]
    if previous.triples and new.triples < previous.triples * (1 - max_shrink):
        lost = 1 - new.triples / previous.triples
        problems.append(f"the graph shrinks from {previous.triples} to {new.triples} triples (-{lost:.0%}; the limit is -{max_shrink:.0%})")
    return problems


def refuse_shrink(out: Path, graph: Graph, max_shrink: float = MAX_SHRINK) -> None:
    """Raise :class:`ShrinkRefused` when ``graph`` would lose whole sections or too many triples against ``out``."""
    previous = size_of_previous(out)
    if previous is None:
        return
    problems = shrink_problems(previous, size_of_graph(graph), max_shrink)
    if problems:
        lines = "\n".join(f"  - {problem}" for problem in problems)
        raise ShrinkRefused(f"refused: this build holds much less than the previous build in {out}/:\n{lines}\n"
                            "Nothing was written. Restore the missing facts files, or build again with --allow-shrink "
                            "if the loss is intended.")
