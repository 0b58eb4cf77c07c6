"""The quality report, in the spirit of ROBOT ``report``: SPARQL checks that must return no rows."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from rdflib import Graph

from crampkg import paths
from crampkg.sparql.catalog import NamedQuery, named_queries
from crampkg.sparql.results import short

LEVELS = ("ERROR", "WARN", "INFO")


@dataclass(frozen=True)
class Finding:
    """One row of a check: the check, its level, and the entity, property and value it names."""

    check: str
    level: str
    entity: str
    property: str
    value: str

    def __str__(self) -> str:
        return f"{self.level:<5} {self.check:<24} {self.entity}  {self.property}  {self.value}".rstrip()


def checks(folder: Path | None = None) -> dict[str, NamedQuery]:
    """The shipped checks (``queries/checks/*-violation.rq``), by name without the ``-violation`` suffix."""
    folder = folder or paths.queries_dir() / "checks"
    return {name.removesuffix("-violation"): query for name, query in named_queries(folder).items()}


def run_checks(graph: Graph, folder: Path | None = None, fast: bool = False) -> list[Finding]:
    """Run every check on ``graph`` (on Oxigraph when ``fast``, which is ~10× quicker); each row is a finding."""
    from crampkg.sparql.backends import make_backend

    engine = make_backend("oxigraph" if fast else "rdflib", graph)
    findings = []
    for name, check in checks(folder).items():
        result = engine.query(check.text)
        for row in result.rows:
            entity, prop, value = (short(term) for term in row[:3])
            findings.append(Finding(name, check.level or "ERROR", entity, prop, value))
    return sorted(findings, key=lambda f: (LEVELS.index(f.level), f.check, f.entity, f.value))


def format_report(findings: list[Finding]) -> str:
    """The report as text: one line a finding, then a count per level."""
    lines = [str(f) for f in findings]
    counts = {level: sum(1 for f in findings if f.level == level) for level in LEVELS}
    lines.append(", ".join(f"{n} {level}" for level, n in counts.items()))
    return "\n".join(lines)
