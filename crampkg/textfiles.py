"""Read a text file a user names defensively: a regular file, below a size limit, decoded as UTF-8."""
from __future__ import annotations

from pathlib import Path

from crampkg.errors import UserError
from crampkg.limits import MAX_TEXT_BYTES, MAX_YAML_BYTES

__all__ = ["MAX_TEXT_BYTES", "MAX_YAML_BYTES", "UnreadableFile", "read_text"]


class UnreadableFile(UserError):
    """A file that cannot be used as text: what is wrong (``reason``), where (``line``) and what to do (``hint``)."""

    def __init__(self, path: Path, reason: str, hint: str, line: int = 0):
        super().__init__(f"{path}: {reason} — {hint}")
        self.path, self.reason, self.hint, self.line = path, reason, hint, line


def read_text(path: Path, max_bytes: int = MAX_TEXT_BYTES) -> str:
    """The UTF-8 text of ``path``; raise :class:`UnreadableFile` for a folder, a device, an unreadable,
    oversized or non-UTF-8 file."""
    path = Path(path)
    if not path.exists():
        raise UnreadableFile(path, "does not exist", "create it or correct the name")
    if path.is_dir():
        raise UnreadableFile(path, "is a folder, not a file", "name a file")
    if not path.is_file():
        raise UnreadableFile(path, "is not a regular file (a pipe or a device?)", "name a regular file")
    try:
        with path.open("rb") as stream:
            data = stream.read(max_bytes + 1)
    except OSError as error:
        raise UnreadableFile(path, f"cannot be read: {error.strerror or error}", "check that you may read it") from None
    if len(data) > max_bytes:
        raise UnreadableFile(path, f"is larger than the limit of {max_bytes} bytes", "split it into smaller files")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data[:error.start].count(b"\n") + 1
        raise UnreadableFile(path, f"is not UTF-8 text (byte {error.start}, line {line})", "save it as UTF-8 text", line) from None
