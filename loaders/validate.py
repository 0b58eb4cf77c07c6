"""Check curated records against the article text and the ontology, collecting every problem."""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from rdflib import Graph
from rdflib.namespace import XSD

from crampkg.errors import Problem
from crampkg.loaders.article import Article
from crampkg.loaders.evidence import Span, locate, sections_containing
from crampkg.loaders.records import EntityRecord, Facts, RelationRecord
from crampkg.loaders.vocabulary import INTEGER_TYPES, Vocabulary


@dataclass
class Located:
    """Where each record's quote (and context phrase) stands in the article, keyed by ``id(record)``."""

    quotes: dict[int, Span] = field(default_factory=dict)
    contexts: dict[int, Span] = field(default_factory=dict)

    def quote(self, record: EntityRecord | RelationRecord) -> Span:
        """Where the record's quote stands."""
        return self.quotes[id(record)]


def check_facts(facts: Facts, article: Article, vocabulary: Vocabulary, tbox: Graph,
                defined_elsewhere: frozenset[str] = frozenset()) -> tuple[Located, list[Problem]]:
    """Validate every record; return the located quotes and the list of problems (empty when all is well).

    ``defined_elsewhere`` holds the ids other articles define: a relation of this article may refer to them.
    """
    located = Located()
    problems: list[Problem] = []
    ids = Counter(e.id for e in facts.entities)
    for entity in facts.entities:
        problems += _check_entity(entity, ids, article, vocabulary, tbox, located)
    entity_ids = set(ids) | defined_elsewhere
    for relation in facts.relations:
        problems += _check_relation(relation, entity_ids, article, vocabulary, located)
    problems += _duplicate_relations(facts.relations)
    return located, problems


def _problem(record, message: str, hint: str = "") -> Problem:
    return Problem(record.file, record.line, record.where, message, hint)


def locate_quote(record, text: str, what: str, article: Article, occurrence: int = 1) -> tuple[Span | None, list[Problem]]:
    """Find ``text`` in ``record.section``; when it is not there, a problem that says where it does occur."""
    if record.section not in article.sections:
        return None, [_problem(record, f"unknown section {record.section!r}",
                               f"use one of: {', '.join(article.sections)}")]
    span = locate(article, text, record.section, occurrence)
    if span is not None:
        return span, []
    elsewhere = sections_containing(article, text)
    if elsewhere:
        hint = f"it occurs in section(s) {', '.join(elsewhere)}: set 'section' to one of them"
        if record.section in elsewhere:
            hint = f"it occurs fewer than {occurrence} times there: lower 'occurrence'"
    else:
        hint = "copy the words exactly from the article (typographic quotes and spaces included)"
    return None, [_problem(record, f"{what} not found in section {record.section!r}: {text!r}", hint)]


def _check_label(record: EntityRecord, key: str, value: str) -> list[Problem]:
    if not value or not value.strip():
        language = "German" if key == "de" else "English"
        return [_problem(record, f"missing {language} label ('{key}')", f"add '{key}: <label>'")]
    if value != value.strip() or "  " in value:
        return [_problem(record, f"label '{key}' has stray whitespace: {value!r}", "remove leading, trailing or double spaces")]
    return []


def _check_entity(entity: EntityRecord, ids: Counter, article: Article, vocabulary: Vocabulary,
                  tbox: Graph, located: Located) -> list[Problem]:
    problems: list[Problem] = []
    if ids[entity.id] > 1 and not entity.generated:
        problems.append(_problem(entity, f"duplicate id: defined {ids[entity.id]} times",
                                 "keep one definition and reference its id elsewhere"))
    for name in entity.types:
        if name not in vocabulary.classes:
            problems.append(_problem(entity, f"unknown class {name!r}", "use a class of ontology/crampkg.ttl (see sources/CURATION.md)"))
    if entity.steps and not any(t in vocabulary.classes and vocabulary.is_subclass(t, "Exercise", tbox) for t in entity.types):
        problems.append(_problem(entity, "has 'steps' but is not typed as an Exercise", "type it with an Exercise class or drop 'steps'"))
    problems += _check_label(entity, "de", entity.de) + _check_label(entity, "en", entity.en)
    span, quote_problems = locate_quote(entity, entity.quote, "quote", article, entity.occurrence)
    problems += quote_problems
    if span:
        located.quotes[id(entity)] = span
    if entity.definition_de:
        _, definition_problems = locate_quote(entity, entity.definition_de, "definition_de", article)
        problems += definition_problems
        if not entity.definition_en:
            problems.append(_problem(entity, "has definition_de but no definition_en", "add the English translation"))
    return problems


def _check_relation(relation: RelationRecord, entity_ids: set[str], article: Article, vocabulary: Vocabulary,
                    located: Located) -> list[Problem]:
    problems: list[Problem] = []
    if relation.s not in entity_ids:
        problems.append(_problem(relation, f"dangling reference: subject {relation.s!r} is not an entity id",
                                 "define the entity (in this or another article folder) or correct the id"))
    if relation.p in vocabulary.object_properties:
        if relation.o is None:
            problems.append(_problem(relation, f"{relation.p!r} is an object property and needs 'o', not 'value'", "give the object's entity id as 'o'"))
        elif relation.o not in entity_ids:
            problems.append(_problem(relation, f"dangling reference: object {relation.o!r} is not an entity id", "define the entity (in this or another article folder) or correct the id"))
    elif relation.p in vocabulary.datatype_ranges:
        if relation.o is not None:
            problems.append(_problem(relation, f"{relation.p!r} is a datatype property and needs 'value', not 'o'", "give the literal as 'value'"))
        else:
            problems += _check_datatype(relation, vocabulary.datatype_ranges[relation.p])
    else:
        problems.append(_problem(relation, f"unknown property {relation.p!r}", "use a property of ontology/crampkg.ttl (see sources/CURATION.md)"))
    for kind in ("certainty", "frequency", "modality"):
        value = getattr(relation, kind)
        if value is not None and value not in vocabulary.hedges[kind]:
            problems.append(_problem(relation, f"unknown {kind} {value!r}", f"use one of: {', '.join(sorted(vocabulary.hedges[kind]))}"))
    span, quote_problems = locate_quote(relation, relation.quote, "quote", article, relation.occurrence)
    problems += quote_problems
    if span:
        located.quotes[id(relation)] = span
    for name in relation.context_entities:
        if name not in entity_ids:
            problems.append(_problem(relation, f"dangling reference: context entity {name!r} is not an entity id",
                                     "list in context_entities only ids of entities the context phrase names"))
    if relation.context:
        context_span, context_problems = locate_quote(relation, relation.context, "context", article)
        problems += context_problems
        if context_span:
            located.contexts[id(relation)] = context_span
    return problems


def _check_datatype(relation: RelationRecord, datatype) -> list[Problem]:
    value = relation.value
    if datatype in INTEGER_TYPES:
        if isinstance(value, bool) or not isinstance(value, int) or (datatype == XSD.positiveInteger and value < 1):
            return [_problem(relation, f"wrong datatype: {value!r} is not a {'positive ' if datatype == XSD.positiveInteger else ''}integer",
                             "write a whole number such as 20")]
    elif datatype == XSD.decimal:
        try:
            Decimal(str(value))
        except InvalidOperation:
            return [_problem(relation, f"wrong datatype: {value!r} is not a decimal number", "write a number such as 0.5")]
        if isinstance(value, bool):
            return [_problem(relation, f"wrong datatype: {value!r} is not a decimal number", "write a number such as 0.5")]
    elif datatype == XSD.boolean:
        if not isinstance(value, bool):
            return [_problem(relation, f"wrong datatype: {value!r} is not true or false", "write true or false")]
    elif not isinstance(value, str):
        return [_problem(relation, f"wrong datatype: {value!r} should be text", "quote the value as text")]
    return []


def _duplicate_relations(relations: list[RelationRecord]) -> list[Problem]:
    seen: dict[tuple, RelationRecord] = {}
    problems = []
    for relation in relations:
        key = (relation.s, relation.p, relation.o, repr(relation.value), relation.quote, relation.section, relation.occurrence)
        if key in seen:
            first = seen[key]
            problems.append(_problem(relation, f"duplicate relation (same statement and quote as {first.file}:{first.line})", "delete one of them"))
        else:
            seen[key] = relation
    return problems
