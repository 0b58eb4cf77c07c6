"""Ordered steps: an exercise's ``steps`` become step entities, numbered steps get ``nextStep`` links."""
from __future__ import annotations

from collections import defaultdict
from itertools import pairwise
from typing import TypedDict

from crampkg.loaders.records import EntityRecord, Facts, RelationRecord


class _Where(TypedDict):
    """Where a step stands: its quote and the exercise's section, file and line."""

    quote: str
    section: str
    file: str
    line: int


def step_id(exercise_id: str, number: int) -> str:
    """The id of step ``number`` of an exercise."""
    return f"{exercise_id}-schritt-{number}"


def expand_exercise_steps(facts: Facts) -> None:
    """Add an ``ExerciseStep`` entity, ``hasStep``, ``stepNumber`` and ``instruction`` for every listed step."""
    for exercise in list(facts.entities):
        for number, text in enumerate(exercise.steps, start=1):
            sid = step_id(exercise.id, number)
            common: _Where = {"quote": text, "section": exercise.section, "file": exercise.file, "line": exercise.line}
            facts.entities.append(EntityRecord(id=sid, types=["ExerciseStep"], de=f"{exercise.de}, Schritt {number}",
                                               en=f"{exercise.en}, step {number}", generated=True, **common))
            facts.relations.append(RelationRecord(s=exercise.id, p="hasStep", o=sid, **common))
            facts.relations.append(RelationRecord(s=sid, p="stepNumber", value=number, **common))
            facts.relations.append(RelationRecord(s=sid, p="instruction", value=text, **common))


def derive_next_steps(facts: Facts) -> None:
    """Link each numbered step to the step numbered one higher in the same procedure (``nextStep``)."""
    numbers = {r.s: r.value for r in facts.relations if r.p == "stepNumber" and isinstance(r.value, int)}
    steps_of: dict[str, list[str]] = defaultdict(list)
    for relation in facts.relations:
        if relation.p == "hasStep" and relation.o in numbers:
            steps_of[relation.s].append(relation.o)
    by_id = {e.id: e for e in facts.entities}
    for procedure in sorted(steps_of):
        ordered = sorted(steps_of[procedure], key=lambda sid: numbers[sid])
        for current, following in pairwise(ordered):
            if numbers[following] != numbers[current] + 1:
                continue
            target = by_id.get(following)
            if target is None:
                continue
            facts.relations.append(RelationRecord(s=current, p="nextStep", o=following, quote=target.quote,
                                                  section=target.section, file=target.file, line=target.line,
                                                  occurrence=target.occurrence))
