"""The shared vocabulary of entities: one definition of each id across every article folder.

An article may use (as subject, object or context entity) an entity that another article defines, and it may
define the same entity again to give its own quote as evidence. Both definitions must then agree on what the
entity is: its classes, its labels, its definitions and its exercise steps. A field one of them leaves empty does
not conflict; a field both give with different values is a problem that names both files and lines.
"""
from __future__ import annotations

from collections.abc import Iterable

from crampkg.errors import Problem
from crampkg.loaders.records import EntityRecord, Facts

DEFINING_FIELDS: tuple[tuple[str, str], ...] = (
    ("types", "type"), ("de", "de"), ("en", "en"), ("definition_de", "definition_de"),
    ("definition_en", "definition_en"), ("steps", "steps"),
)
"""The fields that say what an entity is (record attribute, YAML key): two definitions of one id must agree on them."""


def _value(record: EntityRecord, attribute: str) -> object:
    value = getattr(record, attribute)
    return sorted(value) if attribute == "types" else value


def _conflicts(first: EntityRecord, other: EntityRecord) -> list[str]:
    """The YAML keys on which two definitions of one id disagree (both give a value, and the values differ)."""
    keys = []
    for attribute, key in DEFINING_FIELDS:
        mine, theirs = _value(first, attribute), _value(other, attribute)
        if mine and theirs and mine != theirs:
            keys.append(f"{key} {theirs!r} there, {mine!r} here")
    return keys


def shared_entities(facts_by_folder: Iterable[tuple[str, Facts]]) -> tuple[dict[str, str], list[Problem]]:
    """Every curated entity id with the folder of its first definition, and a problem for each conflicting one.

    ``facts_by_folder`` gives each article folder (as shown to the user) with its records, in build order.
    Generated records (exercise steps) follow their exercise and are not compared on their own.
    """
    first: dict[str, EntityRecord] = {}
    folder_of: dict[str, str] = {}
    problems: list[Problem] = []
    for folder, facts in facts_by_folder:
        defined_here: set[str] = set()
        for record in facts.entities:
            if record.generated or record.id in defined_here:
                continue  # a repeated id inside one article is reported by its own checks
            defined_here.add(record.id)
            if record.id not in first:
                first[record.id], folder_of[record.id] = record, folder
                continue
            earlier = first[record.id]
            differences = _conflicts(record, earlier)
            if differences:
                problems.append(Problem(
                    record.file, record.line, record.where,
                    f"conflicting definition: {earlier.file}:{earlier.line} defines the same id with "
                    f"{'; '.join(differences)}",
                    "one id means one entity in every article: give the same type and labels as the other "
                    "definition, leave the fields out, or choose another id"))
    return folder_of, problems
