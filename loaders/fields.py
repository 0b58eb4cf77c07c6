"""The kind of value each field of a curated record holds, and the problems of a field holding another kind.

YAML gives numbers, dates, lists and mappings wherever a curator types them; a record is only converted after
every field has been checked here, so that ``occurrence: zwei`` is a message, not a crash.
"""
from __future__ import annotations

from typing import Any

from crampkg.errors import Problem
from crampkg.loaders.yaml_lines import line_of

TEXT = "text"
TEXTS = "text or list of texts, none empty"
COUNT = "whole number from 1"
FLAG = "true or false"
SCALAR = "text, number or true/false"

_HINTS = {
    TEXT: 'write it as text, in quotes if it looks like a number or date: key: "…"',
    TEXTS: "write one text or a list of texts (one '- text' line each)",
    COUNT: "write a whole number such as 2",
    FLAG: "write true or false",
    SCALAR: "write one value, not a list or a mapping",
}


def _fits(value: Any, kind: str) -> bool:
    if kind == TEXT:
        return isinstance(value, str)
    if kind == TEXTS:
        values = value if isinstance(value, list) else [value]
        return all(isinstance(v, str) and v.strip() for v in values)
    if kind == COUNT:
        return isinstance(value, int) and not isinstance(value, bool) and value >= 1
    if kind == FLAG:
        return isinstance(value, bool)
    return isinstance(value, (str, int, float, bool))


def field_problems(raw: dict, kinds: dict[str, str], shown: str, name: str) -> list[Problem]:
    """One problem per field of ``raw`` whose value is not of the kind ``kinds`` gives it (``None`` counts as absent)."""
    problems = []
    for key, kind in kinds.items():
        value = raw.get(key)
        if value is not None and not _fits(value, kind):
            problems.append(Problem(shown, line_of(raw), name, f"field '{key}' must be a {kind}, not {_describe(value)}",
                                    _HINTS[kind]))
    return problems


def _describe(value: Any) -> str:
    kind = {dict: "a mapping", list: "a list", bool: "true/false", int: "the number", float: "the number"}
    for python_type, words in kind.items():
        if isinstance(value, python_type):
            return words if python_type in (dict, list) else f"{words} {value!r}"
    if isinstance(value, str):
        return f"the text {value!r}"
    return f"{type(value).__name__} {str(value)!r}"
