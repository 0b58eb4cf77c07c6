"""Content negotiation for SPARQL results, RDF graphs and pages (HTML for people, RDF for machines)."""
from __future__ import annotations

SOLUTION_TYPES = {
    "application/sparql-results+json": "json",
    "application/sparql-results+xml": "xml",
    "text/csv": "csv",
    "text/tab-separated-values": "tsv",
    "application/json": "json",
}
GRAPH_TYPES = {
    "text/turtle": "turtle",
    "application/n-triples": "ntriples",
    "application/ld+json": "jsonld",
}
MEDIA_TYPE = {
    "html": "text/html; charset=utf-8", "json": "application/sparql-results+json", "xml": "application/sparql-results+xml", "csv": "text/csv; charset=utf-8",
    "tsv": "text/tab-separated-values; charset=utf-8", "turtle": "text/turtle; charset=utf-8",
    "ntriples": "application/n-triples", "jsonld": "application/ld+json",
}
PAGE_TYPES = {"text/html": "html", "application/xhtml+xml": "html", **GRAPH_TYPES}
DEFAULT = {"solutions": "json", "graph": "turtle", "page": "html"}
TABLES = {"solutions": SOLUTION_TYPES, "graph": GRAPH_TYPES, "page": PAGE_TYPES}


def formats_for(kind: str) -> list[str]:
    """The format names an answer of ``kind`` (``solutions``, ``graph`` or ``page``) can be written in."""
    return sorted(set(TABLES[kind].values()))


def _accepted(accept: str) -> list[tuple[float, str]]:
    ranked = []
    for position, part in enumerate(accept.split(",")):
        fields = [f.strip() for f in part.split(";")]
        if not fields[0]:
            continue
        quality = 1.0
        for field in fields[1:]:
            if field.startswith("q="):
                try:
                    quality = float(field[2:])
                except ValueError:
                    quality = 0.0
        ranked.append((-quality, position, fields[0].lower()))
    return [(q, t) for q, _, t in sorted(ranked)]


def choose(kind: str, accept: str | None, requested: str | None = None) -> str | None:
    """The result format for ``kind`` (``solutions``, ``graph`` or ``page``): an explicit ``format`` parameter wins,
    then the Accept header; ``None`` when nothing acceptable can be produced (HTTP 406)."""
    table = TABLES[kind]
    if requested:
        return requested if requested in table.values() else None
    if not accept:
        return DEFAULT[kind]
    for quality, media in _accepted(accept):
        if quality == 0:
            continue
        if media in table:
            return table[media]
        if media in ("*/*", "application/*", "text/*"):
            return DEFAULT[kind]
    return None
