"""The article: its text, its sections and where each section lies in the text."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from crampkg.errors import CurationError, Problem
from crampkg.loaders.fields import TEXT, field_problems
from crampkg.loaders.yaml_lines import line_of, read_yaml
from crampkg.textfiles import MAX_TEXT_BYTES, UnreadableFile, read_text

ARTICLE_KINDS = {"id": TEXT, "text": TEXT, "title": TEXT, "title_en": TEXT, "language": TEXT}
SECTION_KINDS = {"id": TEXT, "heading": TEXT, "en": TEXT, "parent": TEXT}
_LANGUAGE_TAG = re.compile(r"[a-z]{2,3}(-[A-Za-z0-9]{1,8})*")


@dataclass(frozen=True)
class Section:
    """A section of the article: its heading and the character span it covers."""

    id: str
    heading: str
    label_en: str
    parent: str | None
    start: int
    end: int
    line: int


@dataclass
class Article:
    """An article's text and metadata, read from ``<folder>/article.yaml``."""

    id: str
    folder: Path
    text: str
    title: str
    title_en: str
    language: str
    sections: dict[str, Section] = field(default_factory=dict)

    def section_text(self, section_id: str) -> str:
        """The text of one section (heading included)."""
        section = self.sections[section_id]
        return self.text[section.start:section.end]

    def line_at(self, offset: int) -> int:
        """The 1-based line number of a character offset."""
        return self.text.count("\n", 0, offset) + 1


def _problem(shown: str, line: int, message: str, hint: str) -> Problem:
    return Problem(shown, line, "article", message, hint)


def load_article(folder: Path, root: Path | None = None) -> Article:
    """Read ``article.yaml`` and the text it names; raise :class:`CurationError` on any problem."""
    shown = _shown(folder / "article.yaml", root)
    data, problems = read_yaml(folder / "article.yaml", shown)
    if problems:
        raise CurationError(problems)
    if not isinstance(data, dict):
        raise CurationError([_problem(shown, 1, "must be a mapping with id, text, title and sections", "see sources/CURATION.md")])
    missing = [key for key in ("id", "text", "title", "sections") if data.get(key) in (None, "")]
    if missing:
        raise CurationError([_problem(shown, line_of(data), f"lacks {', '.join(missing)}", "add them; see sources/CURATION.md")])
    problems = field_problems(data, ARTICLE_KINDS, shown, "article") + _section_list_problems(data["sections"], shown, line_of(data))
    if not problems and not _LANGUAGE_TAG.fullmatch(data.get("language") or "de"):
        problems.append(_problem(shown, line_of(data), f"language {data['language']!r} is not a language tag", "write a tag such as de or en"))
    if problems:
        raise CurationError(problems)
    text_path = folder / data["text"]
    if Path(data["text"]).is_absolute() or ".." in Path(data["text"]).parts:
        raise CurationError([_problem(shown, line_of(data), f"article text {data['text']!r} lies outside the article folder",
                                      "put the article text next to article.yaml and name it without a folder")])
    try:
        text = read_text(text_path, MAX_TEXT_BYTES)
    except UnreadableFile as error:
        raise CurationError([_problem(shown, line_of(data), f"article text {data['text']!r} {error.reason}", error.hint)]) from None
    article = Article(id=str(data["id"]), folder=folder, text=text, title=str(data["title"]),
                      title_en=data.get("title_en") or "", language=data.get("language") or "de")
    article.sections, problems = _locate_sections(data["sections"], text, shown)
    if problems:
        raise CurationError(problems)
    return article


def _section_list_problems(records: object, shown: str, line: int) -> list[Problem]:
    """Problems with the form of ``sections``: a list of mappings, each with a textual id and heading."""
    if not isinstance(records, list) or not records:
        return [_problem(shown, line, "'sections' must be a non-empty list of '- {id: …, heading: …}' records", "see sources/CURATION.md")]
    problems: list[Problem] = []
    seen: set[str] = set()
    for index, record in enumerate(records, start=1):
        if not isinstance(record, dict):
            problems.append(_problem(shown, line, f"section #{index} is not a mapping", "write it as {id: …, heading: …, en: …}"))
            continue
        missing = [key for key in ("id", "heading") if record.get(key) in (None, "")]
        if missing:
            problems.append(_problem(shown, line_of(record), f"section #{index} lacks {', '.join(missing)}", "add the missing field(s)"))
            continue
        record_problems = field_problems(record, SECTION_KINDS, shown, "article")
        problems += record_problems
        if not record_problems and record["id"] in seen:
            problems.append(_problem(shown, line_of(record), f"section id {record['id']!r} is used twice", "give each section its own id"))
        elif not record_problems:
            seen.add(record["id"])
    return problems


def _locate_sections(records: list, text: str, shown: str) -> tuple[dict[str, Section], list[Problem]]:
    """Find each heading as a whole line, in order; each section runs to the next heading."""
    lines = text.split("\n")
    line_starts = [0]
    for line in lines:
        line_starts.append(line_starts[-1] + len(line) + 1)
    found: list[tuple[dict, int]] = []
    problems: list[Problem] = []
    next_line = 0
    for record in records:
        heading = str(record.get("heading", ""))
        try:
            index = lines.index(heading, next_line)
        except ValueError:
            problems.append(_problem(shown, line_of(record), f"section {record.get('id')!r}: heading {heading!r} is not a line of the text after the previous heading",
                                     "copy the heading exactly as a whole line of the article, in article order"))
            continue
        found.append((record, index))
        next_line = index + 1
    ids = {str(record.get("id")) for record, _ in found}
    sections: dict[str, Section] = {}
    for position, (record, index) in enumerate(found):
        end = line_starts[found[position + 1][1]] if position + 1 < len(found) else len(text)
        parent = record.get("parent")
        if parent is not None and parent not in ids:
            problems.append(_problem(shown, line_of(record), f"section {record.get('id')!r}: parent {parent!r} is not a section id",
                                     "name a section defined in this file"))
        sections[str(record["id"])] = Section(id=str(record["id"]), heading=str(record["heading"]), label_en=str(record.get("en", "")),
                                              parent=parent, start=line_starts[index], end=end, line=index + 1)
    return sections, problems


def _shown(path: Path, root: Path | None) -> str:
    """A path as the user should read it: relative to ``root`` when possible."""
    if root is not None:
        try:
            return str(path.relative_to(root))
        except ValueError:
            pass
    return str(path)
