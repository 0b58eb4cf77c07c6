"""Curated mapping records as read from ``<article>/mappings.yaml``, before they are verified.

The file holds a ``mapping_set`` block (``mapping_date`` required; ``license``, ``creator`` optional) and a list
of ``mappings``, one record per link::

    mapping_set:
      mapping_date: 2026-11-29
    mappings:
      - entity: kreuzschmerzen            # an entity id of facts/*.yaml
        system: HPO                       # ICD10, ICD10CM, HPO, OMIM or ORPHA
        code: HP:0003419                  # as the release writes it
        label: Low back pain              # the release's label, character for character
        predicate: exactMatch             # exactMatch, closeMatch, broadMatch or narrowMatch (SKOS)
        justification: ManualMappingCuration   # optional, this is the default (SEMAPV)
        comment: why, where judgement was needed (required unless exactMatch)
"""
from __future__ import annotations

import datetime
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from crampkg.errors import Problem
from crampkg.loaders.records import shape_problems
from crampkg.loaders.yaml_lines import line_of, read_yaml

FILENAME = "mappings.yaml"
RECORD_FIELDS = {"entity", "system", "code", "label", "predicate", "justification", "comment"}
REQUIRED_FIELDS = ("entity", "system", "code", "label", "predicate")
SET_FIELDS = {"mapping_date", "license", "creator", "title", "description"}
DEFAULT_LICENSE = "https://creativecommons.org/licenses/by/4.0/"
DEFAULT_CREATOR = "crampkg contributors"
DEFAULT_JUSTIFICATION = "ManualMappingCuration"


@dataclass(frozen=True)
class MappingSetInfo:
    """The metadata of one article's mapping file."""

    article_id: str
    file: str
    mapping_date: str
    license: str = DEFAULT_LICENSE
    creator: str = DEFAULT_CREATOR
    title: str = ""
    description: str = ""


@dataclass(frozen=True)
class MappingRecord:
    """One curated link from an entity to a code, as written."""

    entity: str
    system: str
    code: str
    label: str
    predicate: str
    justification: str
    comment: str | None
    file: str
    line: int

    @property
    def where(self) -> str:
        """How error messages name the record."""
        return f"mapping {self.entity} → {self.system} {self.code}"


def _text(value: Any) -> str:
    """A scalar as text, whitespace of folded YAML collapsed to single spaces."""
    return " ".join(str(value).split()) if value is not None else ""


def read_mapping_file(path: Path, shown: str, article_id: str) -> tuple[MappingSetInfo | None, list[MappingRecord], list[Problem]]:
    """Read one ``mappings.yaml``; report malformed parts with file and line, keep the well-formed records."""
    data, problems = read_yaml(path, shown)
    if problems:
        return None, [], problems
    if not isinstance(data, dict) or "mappings" not in data:
        return None, [], [Problem(shown, 1, "file", "must be a mapping with 'mapping_set' and 'mappings'",
                                  "see the comment at the top of the shipped mappings.yaml")]
    unknown = set(data) - {"mapping_set", "mappings"}
    if unknown:
        problems.append(Problem(shown, line_of(data), "file", f"unknown key(s) {', '.join(sorted(unknown))}",
                                "use only mapping_set and mappings"))
    info, set_problems = _mapping_set(data.get("mapping_set"), shown, article_id, line_of(data))
    problems += set_problems
    records: list[MappingRecord] = []
    for index, raw in enumerate(data.get("mappings") or [], start=1):
        record, record_problems = _record(raw, index, shown)
        problems += record_problems
        if record:
            records.append(record)
    return info, records, problems


def _mapping_set(raw: Any, shown: str, article_id: str, line: int) -> tuple[MappingSetInfo | None, list[Problem]]:
    if not isinstance(raw, dict):
        return None, [Problem(shown, line, "mapping_set", "is missing or not a mapping",
                              "add 'mapping_set:' with at least 'mapping_date: YYYY-MM-DD'")]
    problems = []
    unknown = set(raw) - SET_FIELDS
    if unknown:
        problems.append(Problem(shown, line_of(raw), "mapping_set", f"unknown field(s) {', '.join(sorted(unknown))}",
                                f"allowed fields: {', '.join(sorted(SET_FIELDS))}"))
    date = raw.get("mapping_date")
    if isinstance(date, datetime.date):
        date = date.isoformat()
    try:
        datetime.date.fromisoformat(str(date))
    except ValueError:
        problems.append(Problem(shown, line_of(raw), "mapping_set", f"mapping_date {date!r} is not a date",
                                "write the date of the last curation as YYYY-MM-DD"))
        return None, problems
    info = MappingSetInfo(article_id=article_id, file=shown, mapping_date=str(date),
                          license=_text(raw.get("license")) or DEFAULT_LICENSE,
                          creator=_text(raw.get("creator")) or DEFAULT_CREATOR,
                          title=_text(raw.get("title")), description=_text(raw.get("description")))
    return info, problems


def _record(raw: Any, index: int, shown: str) -> tuple[MappingRecord | None, list[Problem]]:
    problems = shape_problems(raw, index, "mapping", RECORD_FIELDS, tuple(REQUIRED_FIELDS), shown, id_key="entity")
    if problems:
        return None, problems
    return MappingRecord(entity=str(raw["entity"]), system=str(raw["system"]), code=str(raw["code"]).strip(),
                         label=str(raw["label"]), predicate=str(raw["predicate"]),
                         justification=str(raw.get("justification") or DEFAULT_JUSTIFICATION),
                         comment=_text(raw.get("comment")) or None, file=shown, line=line_of(raw)), []
