"""Verify curated mappings against the facts, the ontology and the installed terminology releases.

Every problem is collected and raised at once as a :class:`~crampkg.errors.CurationError`, like the loader
does for the facts: the file, the line, the record, what is wrong and what to do.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from rdflib import Graph
from rdflib.namespace import RDFS

from crampkg import paths
from crampkg.errors import CurationError, Problem
from crampkg.loaders.records import EntityRecord, read_facts
from crampkg.loaders.vocabulary import load_tbox
from crampkg.mappings.lookup import Term, Terminologies
from crampkg.mappings.records import FILENAME, MappingRecord, MappingSetInfo, read_mapping_file
from crampkg.mappings.releases import Release
from crampkg.mappings.systems import JUSTIFICATIONS, PREDICATES, SYSTEMS
from crampkg.namespaces import CRAMP

SCOPE_CLASSES = ("MedicalCondition", "SignOrSymptom", "CausalFactor", "ClinicalFinding")
"""Entities typed below one of these classes (conditions, symptoms, causes, findings) may be mapped."""

ALLOWED_KINDS = {"ICD10": {"category", "subcategory"}, "ICD10CM": {"category", "subcategory"},
                 "HPO": {"term"}, "OMIM": {"disease"}, "ORPHA": {"disease"}}


@dataclass(frozen=True)
class Mapping:
    """A verified link from an article entity to a code of one release."""

    entity: str
    entity_label_de: str
    entity_label_en: str
    system: str
    code: str
    label: str
    predicate: str
    justification: str
    comment: str | None
    release: Release
    xrefs: tuple[str, ...]
    mapping_set: MappingSetInfo
    file: str
    line: int

    @property
    def curie(self) -> str:
        """The target as a CURIE: ``ICD10:M54.5``, ``HP:0003419``."""
        return SYSTEMS[self.system].curie(self.code)

    @property
    def sort_key(self) -> tuple:
        """Order of mappings: by entity, then terminology, then code."""
        return (self.entity, tuple(SYSTEMS).index(self.system), self.code)


def verified_mappings(sources_dir: Path | None = None, ontology_dir: Path | None = None,
                      terminologies: Terminologies | None = None) -> list[Mapping]:
    """Read every article's ``mappings.yaml`` and verify each record; raise :class:`CurationError` on any problem.

    Checks: the entity exists and is a condition, symptom, cause or finding; system, predicate and
    justification are known; the code is written as its release writes it, exists in the installed release,
    is a category (ICD) or a current term (HPO, not obsolete), and ``label`` equals the release's label
    exactly; no record is repeated and an entity has at most one exactMatch per system. Articles without a
    ``mappings.yaml`` have no mappings.
    """
    sources_dir = Path(sources_dir) if sources_dir else paths.sources_dir()
    root = Path(sources_dir).resolve().parent
    folders = [f for f in paths.article_folders(sources_dir) if (f / FILENAME).exists()]
    if not folders:
        return []
    terminologies = terminologies or Terminologies()
    in_scope = _scope(load_tbox(Path(ontology_dir) if ontology_dir else paths.ontology_dir()))
    problems: list[Problem] = []
    mappings: list[Mapping] = []
    for folder in folders:
        shown_folder = str(folder.resolve().relative_to(root))
        found, folder_problems = _verify_folder(folder, shown_folder, in_scope, terminologies)
        mappings += found
        problems += folder_problems
    if problems:
        raise CurationError(problems)
    return sorted(mappings, key=lambda m: m.sort_key)


def _scope(tbox: Graph) -> set[str]:
    """Local names of the classes whose individuals may be mapped."""
    names = set()
    for name in SCOPE_CLASSES:
        for cls in tbox.transitive_subjects(RDFS.subClassOf, CRAMP[name]):
            if str(cls).startswith(str(CRAMP)):
                names.add(str(cls)[len(str(CRAMP)):])
    return names


def _verify_folder(folder: Path, shown_folder: str, in_scope: set[str],
                   terminologies: Terminologies) -> tuple[list[Mapping], list[Problem]]:
    shown = f"{shown_folder}/{FILENAME}"
    article_id = folder.name
    info, records, problems = read_mapping_file(folder / FILENAME, shown, article_id)
    facts, _ = read_facts(folder, shown_folder)  # problems in the facts are the loader's to report
    entities = {e.id: e for e in facts.entities}
    checked = [r for r in records if not _record_problems(r, entities, in_scope, problems)]
    problems += _repetitions(records)
    answers = terminologies.lookup_many((r.system, r.code) for r in checked)
    mappings = []
    for record in checked:
        term = answers[(record.system, record.code)]
        release = terminologies.releases[record.system]
        term_problems = _term_problems(record, term, release)
        problems += term_problems
        if term_problems or info is None or term is None:
            continue
        entity = entities[record.entity]
        mappings.append(Mapping(entity=record.entity, entity_label_de=entity.de, entity_label_en=entity.en,
                                system=record.system, code=record.code, label=term.label, predicate=record.predicate,
                                justification=record.justification, comment=record.comment, release=release,
                                xrefs=term.xrefs, mapping_set=info, file=record.file, line=record.line))
    return mappings, problems


def _problem(record: MappingRecord, message: str, hint: str) -> Problem:
    return Problem(record.file, record.line, record.where, message, hint)


def _record_problems(record: MappingRecord, entities: dict[str, EntityRecord], in_scope: set[str],
                     problems: list[Problem]) -> bool:
    """Check what needs no release; append problems and say whether there were any."""
    found = []
    entity = entities.get(record.entity)
    if entity is None:
        found.append(_problem(record, f"unknown entity {record.entity!r}",
                              "use the id of an entity in facts/*.yaml (the 'id:' field)"))
    elif not set(entity.types) & in_scope:
        found.append(_problem(record, f"entity {record.entity!r} is a {', '.join(entity.types)}, not a condition, symptom, cause or finding",
                              "map only entities typed below " + ", ".join(SCOPE_CLASSES)))
    system = SYSTEMS.get(record.system)
    if system is None:
        found.append(_problem(record, f"unknown system {record.system!r}", f"use one of: {', '.join(SYSTEMS)}"))
    elif not system.valid_code(record.code):
        hint = f"write {system.title} codes like {system.code_example!r}"
        if record.system.startswith("ICD10") and "-" in record.code:
            hint = "map to a category or subcategory, not to a block of categories"
        found.append(_problem(record, f"{record.code!r} is not written as a {system.title} code", hint))
    if record.predicate not in PREDICATES:
        found.append(_problem(record, f"unknown predicate {record.predicate!r}",
                              f"use one of: {', '.join(PREDICATES)} (SKOS mapping properties)"))
    elif record.predicate != "exactMatch" and not record.comment:
        found.append(_problem(record, f"a {record.predicate} needs a comment",
                              "say in a short 'comment' why the match is not exact"))
    if record.justification not in JUSTIFICATIONS:
        found.append(_problem(record, f"unknown justification {record.justification!r}",
                              f"use one of: {', '.join(JUSTIFICATIONS)} (SEMAPV), or leave it out"))
    problems += found
    return bool(found)


def _term_problems(record: MappingRecord, term: Term | None, release: Release) -> list[Problem]:
    """Check a record against what the release says about its code."""
    if term is None:
        return [_problem(record, f"{record.code} does not exist in {release.provenance}",
                         "look the code up in the installed release and copy it exactly")]
    if term.kind == "alternative id":
        return [_problem(record, f"{record.code} is an alternative id in {release.provenance}; the term is {term.primary_id}",
                         f"use {term.primary_id} and its label")]
    if term.obsolete:
        replacement = f"use {term.replaced_by} instead" if term.replaced_by else "choose a current term"
        return [_problem(record, f"{record.code} ({term.label!r}) is obsolete in {release.provenance}", replacement)]
    if term.kind not in ALLOWED_KINDS[record.system]:
        return [_problem(record, f"{record.code} is a {term.kind} in {release.provenance}, not a code to map to",
                         "map to a category or subcategory")]
    if record.label != term.label:
        return [_problem(record, f"label {record.label!r} is not the official label of {record.code} in {release.provenance}: {term.label!r}",
                         f"write label: {term.label}  (or check that the code is the one you meant)")]
    return []


def _repetitions(records: list[MappingRecord]) -> list[Problem]:
    """Repeated records, and more than one exactMatch of an entity into one system."""
    problems = []
    seen: dict[tuple[str, str, str], MappingRecord] = {}
    for record in records:
        key = (record.entity, record.system, record.code)
        if key in seen:
            problems.append(_problem(record, f"repeats the mapping at line {seen[key].line}", "delete one of them"))
        else:
            seen[key] = record
    exact = Counter((r.entity, r.system) for r in seen.values() if r.predicate == "exactMatch")
    for record in seen.values():
        if record.predicate == "exactMatch" and exact[(record.entity, record.system)] > 1:
            problems.append(_problem(record, f"{record.entity!r} has {exact[(record.entity, record.system)]} exactMatch links into {record.system}",
                                     "keep one exactMatch per system; make the others closeMatch, broadMatch or narrowMatch"))
    return problems
