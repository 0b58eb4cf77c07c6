"""Write query results in the W3C SPARQL result formats, RDF formats, or a table fitted to a terminal's width."""
from __future__ import annotations

from rdflib import BNode, URIRef

from crampkg.errors import UserError
from crampkg.namespaces import PREFIXES
from crampkg.rdfio import serialize
from crampkg.sparql.engine import GRAPH_FORMATS, SOLUTION_FORMATS, QueryResult

_SHORT = sorted(((iri, prefix) for prefix, iri in PREFIXES.items() if prefix), key=lambda pair: -len(pair[0]))


def short(term) -> str:
    """A term as a person reads it: prefixed IRIs, plain literal text, empty for unbound."""
    if term is None:
        return ""
    if isinstance(term, URIRef):
        text = str(term)
        for iri, prefix in _SHORT:
            if text.startswith(iri) and "/" not in text[len(iri):]:
                return f"{prefix}:{text[len(iri):]}"
        return f"<{text}>"
    if isinstance(term, BNode):
        return f"_:{term}"
    return str(term)


def render(result: QueryResult, fmt: str, width: int | None = 80) -> str:
    """The result in ``fmt``: table, csv, tsv, json, xml (solutions) or turtle, ntriples, jsonld (graphs).

    A table is fitted into ``width`` columns; with ``width=None`` no cell is shortened."""
    if result.graph is not None:
        if fmt not in GRAPH_FORMATS:
            raise UserError(f"a {result.kind} query returns a graph: use --format {'|'.join(GRAPH_FORMATS)}")
        return serialize(result.graph, fmt).decode("utf-8")
    if fmt not in SOLUTION_FORMATS:
        raise UserError(f"a {result.kind} query returns solutions: use --format {'|'.join(SOLUTION_FORMATS)}")
    if fmt == "table":
        return _table(result, width)
    return _serialized(result, fmt)


def _table(result: QueryResult, width: int | None) -> str:
    """Readable columns, every variable shown: an IRI column stays beside its ``<name>Label`` column, so that a row
    identifies its entity even where a label is missing in the requested language."""
    if result.kind == "ASK":
        return ("yes" if result.boolean else "no") + "\n"
    headers = list(result.variables)
    cells = [[short(term).replace("\n", " ") for term in row] for row in result.rows]
    columns = max(len(headers), 1)
    natural = [max([len(h)] + [len(r[i]) for r in cells]) for i, h in enumerate(headers)] or [0]
    widths = list(natural)
    budget = sum(natural) if width is None else width - 3 * (columns - 1)
    # Labels and literals give way first: an IRI column is shortened only when nothing else can be.
    identifying = {i for i in range(len(headers)) if any(isinstance(row[i], URIRef) for row in result.rows)}
    while sum(widths) > budget and max(widths) > 8:
        shrinkable = [i for i in range(len(widths)) if i not in identifying and widths[i] > 8] or range(len(widths))
        widest = max(shrinkable, key=lambda i: widths[i])
        widths[widest] -= 1

    def fit(text: str, size: int) -> str:
        return text if len(text) <= size else text[: max(size - 1, 0)] + "…"

    def line(values: list[str]) -> str:
        return " | ".join(fit(v, w).ljust(w) for v, w in zip(values, widths, strict=True)).rstrip()

    out = [line(headers), "-+-".join("-" * w for w in widths)]
    out += [line(r) for r in cells]
    out.append(f"({len(cells)} row{'s' if len(cells) != 1 else ''})")
    return "\n".join(out) + "\n"


def _rdflib_result(result: QueryResult):
    """``result`` as an rdflib query result, so that rdflib's own W3C result serializers write it."""
    from rdflib.query import Result
    from rdflib.term import Variable

    answer = Result(result.kind)
    if result.kind == "ASK":
        answer.askAnswer = bool(result.boolean)
        return answer
    answer.vars = [Variable(name) for name in result.variables]
    answer.bindings = [{Variable(name): term for name, term in zip(result.variables, row, strict=True) if term is not None}
                       for row in result.rows]
    return answer


def _serialized(result: QueryResult, fmt: str) -> str:
    """The W3C SPARQL result format ``fmt`` (json, xml, csv, tsv) written by rdflib's serializers. CSV and TSV have
    no form for a boolean in the standard: an ASK answer is the one word true or false there. rdflib ships no TSV
    serializer (only a parser), so TSV is written here, each term in its N-Triples form as the standard asks."""
    if result.kind == "ASK" and fmt in ("csv", "tsv"):
        return f"{'true' if result.boolean else 'false'}\n"
    if fmt == "tsv":
        return _tsv(result)
    text = _rdflib_result(result).serialize(format=fmt, encoding="utf-8").decode("utf-8")
    return text if text.endswith("\n") else text + "\n"


def _tsv(result: QueryResult) -> str:
    lines = ["\t".join(f"?{v}" for v in result.variables)]
    lines += ["\t".join("" if term is None else term.n3() for term in row) for row in result.rows]
    return "\n".join(lines) + "\n"
