"""Sentence coverage: every content sentence is the evidence of a statement or listed, with a reason, as not modelled.

A sentence is *covered* when the evidence quote of at least one entity or statement overlaps it, sharing at least
one letter or digit with it: a quote that runs over two sentences is evidence from both, a quote that only
touches a sentence's closing quote mark or space is evidence from neither. The curated list of sentences that
carry no fact is ``<article>/not-modelled.yaml``; a listed sentence that a statement covers is stale.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from crampkg.errors import Problem
from crampkg.loaders.article import Article
from crampkg.loaders.evidence import Span
from crampkg.loaders.records import shape_problems
from crampkg.loaders.sentences import Sentence, split_sentences
from crampkg.loaders.validate import locate_quote
from crampkg.loaders.yaml_lines import line_of, read_yaml

NOT_MODELLED_FILE = "not-modelled.yaml"
NOT_MODELLED_FIELDS = {"quote", "section", "reason", "occurrence"}


@dataclass(frozen=True)
class NotModelled:
    """One record of ``not-modelled.yaml``: a quote from the sentence, its section and why it is not modelled."""

    quote: str
    section: str
    reason: str
    file: str
    line: int
    occurrence: int = 1

    @property
    def where(self) -> str:
        """How messages name this entry."""
        return f"not modelled {self.quote[:40]!r}"


@dataclass(frozen=True)
class Evidence:
    """Where one evidence quote stands and which record it belongs to (for messages)."""

    span: Span
    record: str


@dataclass
class SentenceCoverage:
    """How each content sentence of one article is accounted for."""

    article: str
    sentences: list[Sentence]
    covered_by: dict[int, list[str]] = field(default_factory=dict)
    listed: dict[int, NotModelled] = field(default_factory=dict)

    @property
    def total(self) -> int:
        """Content sentences in the article."""
        return len(self.sentences)

    @property
    def covered(self) -> int:
        """Sentences that at least one record's quote stands in."""
        return len(self.covered_by)

    @property
    def accounted(self) -> int:
        """Sentences that are covered by a quote or listed as not modelled."""
        return len(set(self.covered_by) | set(self.listed))

    def unaccounted(self) -> list[Sentence]:
        """The sentences neither covered nor listed, in text order."""
        return [s for index, s in enumerate(self.sentences) if index not in self.covered_by and index not in self.listed]

    def summary(self) -> str:
        """One line: accounted / total, how many are covered and how many listed."""
        share = 100 * self.accounted / self.total if self.total else 100.0
        return (f"{self.article}: {self.accounted}/{self.total} content sentences accounted ({share:.1f} %); "
                f"{self.covered} covered by evidence, {len(self.listed)} listed as not modelled")


def read_not_modelled(folder: Path, shown_folder: str) -> tuple[list[NotModelled], list[Problem]]:
    """Read ``<folder>/not-modelled.yaml`` (no file: nothing is listed), reporting malformed records."""
    path = folder / NOT_MODELLED_FILE
    if not path.exists():
        return [], []
    shown = f"{shown_folder}/{NOT_MODELLED_FILE}"
    data, problems = read_yaml(path, shown)
    if problems:
        return [], problems
    if not isinstance(data, dict) or not isinstance(data.get("sentences"), list):
        return [], [Problem(shown, 1, "file", "must be a mapping with a list 'sentences'", "see sources/CURATION.md, 'Sentence coverage'")]
    records: list[NotModelled] = []
    for index, raw in enumerate(data["sentences"], start=1):
        record_problems = shape_problems(raw, index, "not-modelled sentence", NOT_MODELLED_FIELDS,
                                         ("quote", "section", "reason"), shown, id_key="quote")
        if record_problems:
            problems += record_problems
            continue
        records.append(NotModelled(quote=str(raw["quote"]), section=str(raw["section"]), reason=str(raw["reason"]).strip(),
                                   file=shown, line=line_of(raw), occurrence=int(raw.get("occurrence", 1))))
    return records, problems


def _shares_a_word_character(text: str, start: int, end: int) -> bool:
    return any(character.isalnum() for character in text[start:end])


def _overlapping(article: Article, sentences: list[Sentence], start: int, end: int) -> list[int]:
    """The indices of the sentences that share a letter or digit with the span ``start:end``."""
    return [index for index, s in enumerate(sentences)
            if s.start < end and start < s.end and _shares_a_word_character(article.text, max(s.start, start), min(s.end, end))]


def account_sentences(article: Article, evidence: list[Evidence], listed: list[NotModelled],
                      shown_folder: str) -> tuple[SentenceCoverage, list[Problem]]:
    """Match evidence and listings to the article's content sentences; every unaccounted or stale one is a problem."""
    coverage = SentenceCoverage(article.id, split_sentences(article))
    sentences = coverage.sentences
    for item in evidence:
        for index in _overlapping(article, sentences, item.span.start, item.span.end):
            coverage.covered_by.setdefault(index, []).append(item.record)
    problems: list[Problem] = []
    for record in listed:
        problems += _account_listing(record, article, coverage)
    for sentence in coverage.unaccounted():
        problems.append(Problem(f"{shown_folder}/article.txt", article.line_at(sentence.start),
                                f"sentence at offset {sentence.start} in section {sentence.section!r}",
                                f"unaccounted sentence {sentence.text!r}",
                                "model it (a statement in facts/*.yaml whose quote comes from it) or list it in "
                                f"{NOT_MODELLED_FILE} with a quote, its section and the reason it carries no fact"))
    return coverage, problems


def _account_listing(record: NotModelled, article: Article, coverage: SentenceCoverage) -> list[Problem]:
    """Check one not-modelled record and, when it is sound, mark its sentence as listed."""
    if not record.reason:
        return [Problem(record.file, record.line, record.where, "has an empty reason", "say why the sentence carries no fact")]
    span, problems = locate_quote(record, record.quote, "quote", article, record.occurrence)
    if span is None:
        return problems
    indices = _overlapping(article, coverage.sentences, span.start, span.end)
    if not indices:
        return [Problem(record.file, record.line, record.where, "quotes a heading, which is not a content sentence",
                        "remove it from not-modelled.yaml")]
    if len(indices) > 1:
        return [Problem(record.file, record.line, record.where, f"runs over {len(indices)} sentences",
                        "list each sentence in a record of its own, quoting only that sentence")]
    index = indices[0]
    sentence = coverage.sentences[index]
    if index in coverage.covered_by:
        return [Problem(record.file, record.line, record.where,
                        f"stale: the sentence {sentence.text!r} is the evidence of {', '.join(coverage.covered_by[index][:3])}",
                        "remove it from not-modelled.yaml")]
    if index in coverage.listed:
        first = coverage.listed[index]
        return [Problem(record.file, record.line, record.where, f"lists the same sentence as line {first.line}",
                        "delete one of the two records")]
    coverage.listed[index] = record
    return []
