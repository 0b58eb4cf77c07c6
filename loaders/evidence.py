"""Find a verbatim quote in the article and describe it as W3C Web Annotation selectors."""
from __future__ import annotations

from dataclasses import dataclass

from crampkg.loaders.article import Article

CONTEXT_CHARS = 32


@dataclass(frozen=True)
class Span:
    """Where a quote stands in the article: code-point offsets, the section, and its surroundings."""

    start: int
    end: int
    exact: str
    prefix: str
    suffix: str
    section: str


def locate(article: Article, quote: str, section_id: str, occurrence: int = 1) -> Span | None:
    """The ``occurrence``-th place of ``quote`` inside ``section_id``; ``None`` when it is not there."""
    section = article.sections[section_id]
    position = section.start - 1
    for _ in range(max(occurrence, 1)):
        position = article.text.find(quote, position + 1, section.end)
        if position < 0:
            return None
    end = position + len(quote)
    return Span(start=position, end=end, exact=quote,
                prefix=article.text[max(0, position - CONTEXT_CHARS):position],
                suffix=article.text[end:end + CONTEXT_CHARS], section=section_id)


def sections_containing(article: Article, quote: str) -> list[str]:
    """The sections in which ``quote`` does occur, to help a curator who named the wrong one."""
    return [sid for sid, s in article.sections.items() if quote and article.text.find(quote, s.start, s.end) >= 0]
