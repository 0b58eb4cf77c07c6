"""Read YAML while remembering the line each mapping starts on, for error messages."""
from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from crampkg.errors import Problem


class LineDict(dict):
    """A mapping read from YAML that knows its 1-based line number."""

    line: int = 0


class _LineLoader(yaml.SafeLoader):
    """A safe YAML loader whose mappings are :class:`LineDict` instances."""


def _construct_line_dict(loader: _LineLoader, node: yaml.MappingNode):
    mapping = LineDict()
    mapping.line = node.start_mark.line + 1
    yield mapping
    mapping.update(loader.construct_mapping(node))


_LineLoader.add_constructor("tag:yaml.org,2002:map", _construct_line_dict)


def read_yaml(path: Path, shown_as: str) -> tuple[Any, list[Problem]]:
    """Parse ``path``; on a syntax error return ``None`` and a problem naming the line and column."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        return None, [Problem(shown_as, 0, "file", f"cannot be read: {exc}", "check that the file exists and is UTF-8")]
    try:
        return yaml.load(text, Loader=_LineLoader), []
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark else 0
        column = mark.column + 1 if mark else 0
        reason = getattr(exc, "problem", None) or str(exc)
        return None, [Problem(shown_as, line, "file", f"is not valid YAML at column {column}: {reason}",
                              "fix the indentation or quoting at that place")]


def line_of(value: Any) -> int:
    """The line a mapping read by :func:`read_yaml` starts on (0 when unknown)."""
    return getattr(value, "line", 0)
