"""SHACL validation of the graph with pyshacl, against ``ontology/shapes.ttl``."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from rdflib import Graph, URIRef
from rdflib.namespace import SH

from crampkg import paths
from crampkg.errors import UserError


@dataclass(frozen=True, order=True)
class Violation:
    """One SHACL result: which node, which path, which value, which shape, what is wrong."""

    focus: str
    path: str
    value: str
    shape: str
    message: str
    severity: str = "Violation"

    def __str__(self) -> str:
        parts = [f"focus {self.focus}"]
        if self.path:
            parts.append(f"path {self.path}")
        if self.value:
            parts.append(f"value {self.value}")
        return f"{', '.join(parts)}: {self.message} [{self.shape}]"


class ShapeViolations(UserError):
    """The graph does not conform to the shapes."""

    def __init__(self, violations: list[Violation]):
        self.violations = violations
        lines = "\n".join(f"  - {v}" for v in violations[:50])
        more = f"\n  … and {len(violations) - 50} more" if len(violations) > 50 else ""
        super().__init__(f"SHACL: {len(violations)} violation(s) of ontology/shapes.ttl:\n{lines}{more}")


def load_shapes(ontology_dir: Path | None = None) -> Graph:
    """The shapes graph."""
    from crampkg.loaders.vocabulary import parse_turtle

    return parse_turtle(Path(ontology_dir or paths.ontology_dir()) / "shapes.ttl")


def _text(graph: Graph, node) -> str:
    if node is None:
        return ""
    if isinstance(node, URIRef):
        try:
            return graph.namespace_manager.normalizeUri(node)
        except Exception:
            return f"<{node}>"
    return str(node) if not hasattr(node, "n3") else node.n3(graph.namespace_manager)


def validate(data: Graph, shapes: Graph | None = None) -> list[Violation]:
    """Every SHACL result of ``data`` against ``shapes`` (the shipped shapes by default), sorted."""
    from pyshacl import validate as pyshacl_validate

    shapes = shapes if shapes is not None else load_shapes()
    conforms, report, _ = pyshacl_validate(data, shacl_graph=shapes, inference="none", advanced=True, allow_warnings=True)
    if conforms:
        return []
    violations = []
    for result in report.subjects(SH.resultSeverity, None):
        source = report.value(result, SH.sourceShape)
        if not isinstance(source, URIRef):  # a property shape: name the node shape that holds it
            source = shapes.value(predicate=SH.property, object=source) or source
        shape = _text(shapes, source)
        violations.append(Violation(
            focus=_text(data, report.value(result, SH.focusNode)),
            path=_text(data, report.value(result, SH.resultPath)),
            value=_text(data, report.value(result, SH.value)),
            shape=shape,
            message=str(report.value(result, SH.resultMessage) or ""),
            severity=str(report.value(result, SH.resultSeverity)).rsplit("#", 1)[-1],
        ))
    return sorted(violations)
