"""Read YAML while remembering the line each mapping starts on, for error messages.

Curated files are read with PyYAML's safe loader, and anchors and aliases are refused: a few nested aliases
("billion laughs") expand to gigabytes, and a curated file never needs them.
"""
from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from crampkg.errors import Problem
from crampkg.textfiles import MAX_YAML_BYTES, UnreadableFile, read_text


class LineDict(dict):
    """A mapping read from YAML that knows its 1-based line number."""

    line: int = 0


class RefusedYAML(yaml.YAMLError):
    """A YAML feature curated files may not use (an anchor or an alias)."""

    def __init__(self, problem: str, mark: object):  # a yaml.Mark (pure Python or libyaml's), read by line
        super().__init__(problem)
        self.problem = problem
        self.problem_mark = mark


class _LineLoader(yaml.SafeLoader):
    """A safe YAML loader whose mappings are :class:`LineDict` instances and which refuses anchors and aliases."""

    def compose_node(self, parent, index):
        event = self.peek_event()
        if isinstance(event, yaml.AliasEvent):
            raise RefusedYAML(f"the alias *{event.anchor} is refused", event.start_mark)
        if getattr(event, "anchor", None):
            raise RefusedYAML(f"the anchor &{event.anchor} is refused", event.start_mark)
        return super().compose_node(parent, index)


def _construct_line_dict(loader: _LineLoader, node: yaml.MappingNode):
    mapping = LineDict()
    mapping.line = node.start_mark.line + 1
    yield mapping
    mapping.update(loader.construct_mapping(node))


_LineLoader.add_constructor("tag:yaml.org,2002:map", _construct_line_dict)


def read_yaml(path: Path, shown_as: str, max_bytes: int = MAX_YAML_BYTES) -> tuple[Any, list[Problem]]:
    """Parse ``path``; on any problem return ``None`` and a problem naming the line and what to do."""
    try:
        text = read_text(path, max_bytes)
    except UnreadableFile as error:
        return None, [Problem(shown_as, error.line, "file", error.reason, error.hint)]
    try:
        return yaml.load(text, Loader=_LineLoader), []
    except RecursionError:
        return None, [Problem(shown_as, 0, "file", "nests lists or mappings too deeply", "flatten the structure")]
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark else 0
        column = mark.column + 1 if mark else 0
        reason = getattr(exc, "problem", None) or str(exc)
        if isinstance(exc, RefusedYAML):
            return None, [Problem(shown_as, line, "file", f"uses YAML anchors/aliases at column {column}: {reason}",
                                  "write the repeated values out in full (crampkg refuses anchors and aliases)")]
        return None, [Problem(shown_as, line, "file", f"is not valid YAML at column {column}: {reason}",
                              "fix the indentation or quoting at that place")]


def line_of(value: Any) -> int:
    """The line a mapping read by :func:`read_yaml` starts on (0 when unknown)."""
    return getattr(value, "line", 0)
