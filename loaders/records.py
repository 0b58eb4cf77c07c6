"""Curated records as read from ``facts/*.yaml``, before they are checked against article and ontology."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from crampkg.errors import Problem
from crampkg.loaders.fields import COUNT, FLAG, SCALAR, TEXT, TEXTS, field_problems
from crampkg.loaders.yaml_lines import line_of, read_yaml

ENTITY_FIELDS = {"id", "type", "de", "en", "alt_de", "alt_en", "definition_de", "definition_en",
                 "quote", "section", "occurrence", "steps"}
RELATION_FIELDS = {"s", "p", "o", "value", "quote", "section", "occurrence", "certainty", "frequency",
                   "modality", "context", "context_entities", "approximate"}
ENTITY_KINDS = {"id": TEXT, "type": TEXTS, "de": TEXT, "en": TEXT, "alt_de": TEXTS, "alt_en": TEXTS, "definition_de": TEXT,
                "definition_en": TEXT, "quote": TEXT, "section": TEXT, "occurrence": COUNT, "steps": TEXTS}
RELATION_KINDS = {"s": TEXT, "p": TEXT, "o": TEXT, "value": SCALAR, "quote": TEXT, "section": TEXT, "occurrence": COUNT,
                  "certainty": TEXT, "frequency": TEXT, "modality": TEXT, "context": TEXT, "context_entities": TEXTS,
                  "approximate": FLAG}


@dataclass
class EntityRecord:
    """One curated entity."""

    id: str
    types: list[str]
    de: str
    en: str
    quote: str
    section: str
    file: str
    line: int
    alt_de: list[str] = field(default_factory=list)
    alt_en: list[str] = field(default_factory=list)
    definition_de: str | None = None
    definition_en: str | None = None
    occurrence: int = 1
    steps: list[str] = field(default_factory=list)
    generated: bool = False

    @property
    def where(self) -> str:
        """How messages name this record."""
        return f"entity {self.id!r}"


@dataclass
class RelationRecord:
    """One curated statement: ``s p o`` (object property) or ``s p value`` (datatype property)."""

    s: str
    p: str
    quote: str
    section: str
    file: str
    line: int
    o: str | None = None
    value: Any = None
    occurrence: int = 1
    certainty: str | None = None
    frequency: str | None = None
    modality: str | None = None
    context: str | None = None
    context_entities: list[str] = field(default_factory=list)
    approximate: bool = False

    @property
    def where(self) -> str:
        """How messages name this record."""
        target = self.o if self.o is not None else repr(self.value)
        return f"relation {self.s} {self.p} {target}"


@dataclass
class Facts:
    """Everything curated for one article."""

    entities: list[EntityRecord] = field(default_factory=list)
    relations: list[RelationRecord] = field(default_factory=list)


def _as_list(value: Any) -> list[str]:
    if value is None:
        return []
    return [str(v) for v in value] if isinstance(value, list) else [str(value)]


def read_facts(folder: Path, shown_folder: str) -> tuple[Facts, list[Problem]]:
    """Read every ``facts/*.yaml`` of an article folder, reporting malformed records."""
    facts = Facts()
    problems: list[Problem] = []
    files = sorted((folder / "facts").glob("*.yaml"))
    if not files:
        problems.append(Problem(f"{shown_folder}/facts", 0, "folder", "holds no *.yaml file", "add curated facts; see sources/CURATION.md"))
    for path in files:
        shown = f"{shown_folder}/facts/{path.name}"
        data, file_problems = read_yaml(path, shown)
        file_problems = file_problems or _file_problems(data, shown)
        problems += file_problems
        if file_problems:
            continue
        for index, raw in enumerate(data.get("entities") or [], start=1):
            record, record_problems = _entity(raw, index, data["section"], shown)
            problems += record_problems
            if record:
                facts.entities.append(record)
        for index, raw in enumerate(data.get("relations") or [], start=1):
            relation, relation_problems = _relation(raw, index, data["section"], shown)
            problems += relation_problems
            if relation:
                facts.relations.append(relation)
    return facts, problems


def _file_problems(data: Any, shown: str) -> list[Problem]:
    """Problems with a facts file as a whole: not a mapping, no section, no records, wrong kinds of keys."""
    if data is None:
        return [Problem(shown, 0, "file", "is empty: it holds no entities and no relations",
                        "restore its records, or delete the file if its section is meant to go (see sources/CURATION.md)")]
    if not isinstance(data, dict) or "section" not in data:
        return [Problem(shown, 1, "file", "must be a mapping with 'section', 'entities' and 'relations'", "see sources/CURATION.md")]
    problems = []
    unknown = set(map(str, data)) - {"section", "entities", "relations"}
    if unknown:
        problems.append(Problem(shown, line_of(data), "file", f"unknown key(s) {', '.join(sorted(unknown))}", "use only section, entities, relations"))
    problems += field_problems(data, {"section": TEXT}, shown, "file")
    for key in ("entities", "relations"):
        if data.get(key) is not None and not isinstance(data[key], list):
            problems.append(Problem(shown, line_of(data), "file", f"'{key}' must be a list of records, not {type(data[key]).__name__}",
                                    "write each record as a '- key: value' block under it"))
    if not problems and not data.get("entities") and not data.get("relations"):
        problems.append(Problem(shown, line_of(data), "file", "holds no entities and no relations",
                                "restore its records, or delete the file if its section is meant to go (see sources/CURATION.md)"))
    return problems


def shape_problems(raw: Any, index: int, kind: str, allowed: set[str], required: tuple[str, ...], shown: str,
                   id_key: str = "id") -> list[Problem]:
    """Problems with a record's form: not a mapping, unknown fields, missing required fields."""
    if not isinstance(raw, dict):
        return [Problem(shown, 0, f"{kind} #{index}", "is not a mapping", "write each record as 'key: value' lines")]
    name = f"{kind} #{index}" + (f" ({raw.get(id_key)})" if raw.get(id_key) else "")
    problems = []
    unknown = set(map(str, raw)) - allowed
    if unknown:
        problems.append(Problem(shown, line_of(raw), name, f"unknown field(s) {', '.join(sorted(unknown))}",
                                f"allowed fields: {', '.join(sorted(allowed))}"))
    missing = [key for key in required if raw.get(key) in (None, "")]
    if missing:
        problems.append(Problem(shown, line_of(raw), name, f"lacks {', '.join(missing)}", "add the missing field(s)"))
    return problems


def _entity(raw: Any, index: int, section: str, shown: str) -> tuple[EntityRecord | None, list[Problem]]:
    problems = shape_problems(raw, index, "entity", ENTITY_FIELDS, ("id", "type", "quote"), shown)
    if not problems:
        problems = field_problems(raw, ENTITY_KINDS, shown, f"entity #{index} ({raw['id']})")
    if problems:
        return None, problems
    return EntityRecord(
        id=str(raw["id"]), types=_as_list(raw["type"]), de=str(raw.get("de") or ""), en=str(raw.get("en") or ""),
        quote=str(raw["quote"]), section=raw.get("section") or section, file=shown, line=line_of(raw),
        alt_de=_as_list(raw.get("alt_de")), alt_en=_as_list(raw.get("alt_en")),
        definition_de=raw.get("definition_de"), definition_en=raw.get("definition_en"),
        occurrence=raw.get("occurrence") or 1, steps=_as_list(raw.get("steps")),
    ), []


def _relation(raw: Any, index: int, section: str, shown: str) -> tuple[RelationRecord | None, list[Problem]]:
    problems = shape_problems(raw, index, "relation", RELATION_FIELDS, ("s", "p", "quote"), shown)
    if not problems:
        problems = field_problems(raw, RELATION_KINDS, shown, f"relation #{index} ({raw['s']} {raw['p']})")
    if not problems and ("o" in raw) == ("value" in raw):
        problems.append(Problem(shown, line_of(raw), f"relation #{index} ({raw['s']} {raw['p']})",
                                "needs exactly one of 'o' (an entity id) and 'value' (a literal)",
                                "use 'o' with an object property, 'value' with a datatype property"))
    if not problems:
        problems += _context_entities_problems(raw, index, shown)
    if problems:
        return None, problems
    return RelationRecord(
        s=str(raw["s"]), p=str(raw["p"]), o=None if raw.get("o") is None else str(raw["o"]), value=raw.get("value"),
        quote=str(raw["quote"]), section=raw.get("section") or section, file=shown, line=line_of(raw),
        occurrence=raw.get("occurrence") or 1, certainty=raw.get("certainty"), frequency=raw.get("frequency"),
        modality=raw.get("modality"), context=raw.get("context"),
        context_entities=_as_list(raw.get("context_entities")), approximate=raw.get("approximate") or False,
    ), []


def _context_entities_problems(raw: dict, index: int, shown: str) -> list[Problem]:
    """``context_entities`` must be a list of ids and needs the verbatim ``context`` it stands beside."""
    value = raw.get("context_entities")
    if value is None:
        return []
    name = f"relation #{index} ({raw['s']} {raw['p']})"
    if not isinstance(value, list) or not value or not all(isinstance(v, str) and v for v in value):
        return [Problem(shown, line_of(raw), name, f"context_entities must be a non-empty list of entity ids, not {value!r}",
                        "write context_entities: [id, ...]")]
    if not raw.get("context"):
        return [Problem(shown, line_of(raw), name, "has context_entities but no context",
                        "add the verbatim context phrase that names these entities as 'context'")]
    return []
