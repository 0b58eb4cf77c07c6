"""Read a curated file defensively: a regular file, below a size limit, decoded as UTF-8."""
from __future__ import annotations

from pathlib import Path

from crampkg.errors import Problem

MAX_YAML_BYTES = 2 * 1024 * 1024
"""The largest curated YAML file read (the largest shipped one is about 35 KB)."""

MAX_TEXT_BYTES = 16 * 1024 * 1024
"""The largest article text read."""


def read_text(path: Path, shown_as: str, max_bytes: int) -> tuple[str | None, list[Problem]]:
    """The UTF-8 text of ``path``, or ``None`` and one problem saying what is wrong with the file and what to do."""
    def problem(message: str, hint: str) -> tuple[None, list[Problem]]:
        return None, [Problem(shown_as, 0, "file", message, hint)]

    path = Path(path)
    if not path.exists():
        return problem("does not exist", "create it or correct the name")
    if path.is_dir():
        return problem("is a folder, not a file", "name a file")
    if not path.is_file():
        return problem("is not a regular file (a pipe or a device?)", "name a regular file")
    try:
        with path.open("rb") as stream:
            data = stream.read(max_bytes + 1)
    except OSError as error:
        return problem(f"cannot be read: {error.strerror or error}", "check that you may read it")
    if len(data) > max_bytes:
        return problem(f"is larger than the limit of {max_bytes} bytes", "split it into smaller files")
    try:
        return data.decode("utf-8"), []
    except UnicodeDecodeError as error:
        line = data[:error.start].count(b"\n") + 1
        return None, [Problem(shown_as, line, "file", f"is not UTF-8 (byte {error.start})", "save the file as UTF-8")]
