"""Write query results in the W3C SPARQL result formats, RDF formats, or a table fitted to a terminal's width."""
from __future__ import annotations

import csv
import io
import json
from xml.sax.saxutils import escape

from rdflib import BNode, Literal, URIRef

from crampkg.errors import UserError
from crampkg.rdfio import serialize
from crampkg.namespaces import PREFIXES
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
    return {"csv": _csv, "tsv": _tsv, "json": _json, "xml": _xml}[fmt](result)


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
        return " | ".join(fit(v, w).ljust(w) for v, w in zip(values, widths)).rstrip()

    out = [line(headers), "-+-".join("-" * w for w in widths)]
    out += [line(r) for r in cells]
    out.append(f"({len(cells)} row{'s' if len(cells) != 1 else ''})")
    return "\n".join(out) + "\n"


def _term_text(term) -> str:
    return "" if term is None else str(term)


def _delimited(result: QueryResult, delimiter: str) -> str:
    buffer = io.StringIO()
    if result.kind == "ASK":
        return f"{'true' if result.boolean else 'false'}\n"
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n")
    writer.writerow(result.variables)
    for row in result.rows:
        writer.writerow([_term_text(v) for v in row])
    return buffer.getvalue()


def _csv(result: QueryResult) -> str:
    return _delimited(result, ",")


def _tsv_term(term) -> str:
    return "" if term is None else term.n3()


def _tsv(result: QueryResult) -> str:
    if result.kind == "ASK":
        return f"{'true' if result.boolean else 'false'}\n"
    lines = ["\t".join(f"?{v}" for v in result.variables)]
    lines += ["\t".join(_tsv_term(v) for v in row) for row in result.rows]
    return "\n".join(lines) + "\n"


def _json_term(term) -> dict:
    if isinstance(term, URIRef):
        return {"type": "uri", "value": str(term)}
    if isinstance(term, BNode):
        return {"type": "bnode", "value": str(term)}
    entry = {"type": "literal", "value": str(term)}
    if isinstance(term, Literal) and term.language:
        entry["xml:lang"] = term.language
    elif isinstance(term, Literal) and term.datatype:
        entry["datatype"] = str(term.datatype)
    return entry


def _json(result: QueryResult) -> str:
    if result.kind == "ASK":
        return json.dumps({"head": {}, "boolean": bool(result.boolean)}) + "\n"
    bindings = [{v: _json_term(t) for v, t in zip(result.variables, row) if t is not None} for row in result.rows]
    return json.dumps({"head": {"vars": result.variables}, "results": {"bindings": bindings}}, ensure_ascii=False, indent=1) + "\n"


def _xml_term(term) -> str:
    if isinstance(term, URIRef):
        return f"<uri>{escape(str(term))}</uri>"
    if isinstance(term, BNode):
        return f"<bnode>{escape(str(term))}</bnode>"
    attributes = ""
    if term.language:
        attributes = f' xml:lang="{escape(term.language)}"'
    elif term.datatype:
        attributes = f' datatype="{escape(str(term.datatype))}"'
    return f"<literal{attributes}>{escape(str(term))}</literal>"


def _xml(result: QueryResult) -> str:
    out = ['<?xml version="1.0"?>', '<sparql xmlns="http://www.w3.org/2005/sparql-results#">', "  <head>"]
    if result.kind == "ASK":
        out += ["  </head>", f"  <boolean>{'true' if result.boolean else 'false'}</boolean>", "</sparql>"]
        return "\n".join(out) + "\n"
    out += [f'    <variable name="{escape(v)}"/>' for v in result.variables]
    out += ["  </head>", "  <results>"]
    for row in result.rows:
        out.append("    <result>")
        out += [f'      <binding name="{escape(v)}">{_xml_term(t)}</binding>' for v, t in zip(result.variables, row) if t is not None]
        out.append("    </result>")
    out += ["  </results>", "</sparql>"]
    return "\n".join(out) + "\n"
