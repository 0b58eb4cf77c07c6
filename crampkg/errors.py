"""Errors a person can act on. The command line prints them without a traceback and exits 2."""
from __future__ import annotations

from dataclasses import dataclass


class UserError(Exception):
    """A mistake in the input (a file, a record, a query, an option): exit code 2, no traceback."""

    exit_code = 2


@dataclass(frozen=True, order=True)
class Problem:
    """One problem in the curated sources: where it is, what is wrong, and what to do."""

    file: str
    line: int
    record: str
    message: str
    hint: str = ""

    def __str__(self) -> str:
        text = f"{self.file}:{self.line}: {self.record}: {self.message}"
        return f"{text} — {self.hint}" if self.hint else text


class CurationError(UserError):
    """The curated sources have problems; every problem is listed."""

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(problems)
        lines = [str(p) for p in self.problems]
        count = len(lines)
        header = f"{count} problem{'s' if count != 1 else ''} in the curated sources; nothing was written:"
        super().__init__("\n".join([header, *lines]))
