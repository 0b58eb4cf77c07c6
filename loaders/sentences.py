"""Split an article into its content sentences, each with its code-point offsets and its section.

The unit of the split is the line. Blank lines and the section headings of ``article.yaml`` are not content.
Every other line is content: paragraphs, "Lesen Sie auch" asides, bullet items (``•``), numbered steps
(``1.``) and the closing tag line. On a line:

- a list marker (``•`` or ``N.``) is not part of any sentence;
- a bullet or numbered item that opens with a short label ending in a colon ("Schmerzen:", "Anamnese:",
  "Dehnung des Schultergürtels:") gives that label as a sentence of its own (kind ``label``), so that a quote of
  the label never stands for the sentences after it; the label is only split off when an upper-case word
  follows the colon or nothing does ("Mit der Einatmung: das Brustbein heben" stays one sentence);
- the rest is split after ``.``, ``!`` or ``?`` (and any closing quotes or brackets) where white space and an
  upper-case letter, a digit or an opening quote follow; abbreviations ("z. B.", "u. a.", "ca.", "bzw.",
  "Dr.", ...) never end a sentence.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from crampkg.loaders.article import Article

ABBREVIATIONS = ("z. B.", "u. a.", "d. h.", "s. o.", "s. u.", "o. Ä.", "u. U.", "ca.", "bzw.", "Dr.", "Prof.", "etc.",
                 "usw.", "vgl.", "ggf.", "evtl.", "inkl.", "bzgl.", "Nr.", "Std.", "min.", "max.", "sog.")
"""Abbreviations after which a sentence does not end (their inner periods neither)."""

BULLET = re.compile(r"•\s+")
NUMBER = re.compile(r"\d{1,2}\.\s+")
LABEL = re.compile(r"([^:.!?]{1,80}):(?:\s+(?=[A-ZÄÖÜ„\"(])|\s*$)")
SENTENCE_END = re.compile(r"[.!?][\"“”»)]*(?=\s+[A-ZÄÖÜ0-9„\"(])")
LABEL_MAX_WORDS = 8


@dataclass(frozen=True)
class Sentence:
    """One content sentence: its text, where it stands (code points, end exclusive), its section and kind.

    ``kind`` is ``sentence`` (in a paragraph), ``list item`` (in a bullet line), ``step`` (in a numbered line)
    or ``label`` (the label that opens a bullet or numbered item).
    """

    start: int
    end: int
    text: str
    section: str
    kind: str


def _abbreviation_ends_at(text: str, end: int) -> bool:
    """Whether ``text[:end]`` ends with an abbreviation or with the first part of one ("z." of "z. B.")."""
    head = text[:end]
    for abbreviation in ABBREVIATIONS:
        parts = abbreviation.split(" ")
        for count in range(1, len(parts) + 1):
            piece = " ".join(parts[:count])
            if head.endswith(piece) and (len(head) == len(piece) or not head[-len(piece) - 1].isalpha()):
                return True
    return False


def _split_prose(text: str, offset: int) -> list[tuple[int, int]]:
    """Sentence spans (absolute offsets) of one stretch of running text starting at ``offset``."""
    spans = []
    start = 0
    for match in SENTENCE_END.finditer(text):
        period = match.start() + 1
        if text[match.start()] == "." and _abbreviation_ends_at(text, period):
            continue
        spans.append((start, match.end()))
        start = match.end()
    spans.append((start, len(text)))
    result = []
    for begin, end in spans:
        piece = text[begin:end]
        stripped = piece.strip()
        if stripped:
            lead = len(piece) - len(piece.lstrip())
            result.append((offset + begin + lead, offset + begin + lead + len(stripped)))
    return result


def _label_length(body: str) -> int:
    """The length of the label (colon included) that opens a list item, 0 when it has none."""
    match = LABEL.match(body)
    if not match or len(match.group(1).split()) > LABEL_MAX_WORDS:
        return 0
    return match.start() + len(match.group(1)) + 1


def _line_sentences(line: str, offset: int, section: str) -> list[Sentence]:
    """The sentences of one content line that starts at ``offset``."""
    indent = len(line) - len(line.lstrip())
    body_start = indent
    kind = "sentence"
    for marker, marker_kind in ((BULLET, "list item"), (NUMBER, "step")):
        match = marker.match(line, indent)
        if match:
            body_start, kind = match.end(), marker_kind
            break
    sentences = []
    if kind != "sentence":
        label = _label_length(line[body_start:])
        if label:
            sentences.append(Sentence(offset + body_start, offset + body_start + label,
                                      line[body_start:body_start + label], section, "label"))
            body_start += label
    for start, end in _split_prose(line[body_start:], offset + body_start):
        sentences.append(Sentence(start, end, line[start - offset:end - offset], section, kind))
    return sentences


def split_sentences(article: Article) -> list[Sentence]:
    """Every content sentence of ``article`` in text order (headings and blank lines left out)."""
    heading_lines = {section.line for section in article.sections.values()}
    by_start = sorted(article.sections.values(), key=lambda s: s.start)
    sentences: list[Sentence] = []
    offset = 0
    for number, line in enumerate(article.text.split("\n"), start=1):
        if line.strip() and number not in heading_lines:
            section = next((s.id for s in reversed(by_start) if s.start <= offset), "")
            sentences += _line_sentences(line, offset, section)
        offset += len(line) + 1
    return sentences
