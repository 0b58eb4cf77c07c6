"""Run SPARQL on the graph: named queries or text, parameters bound as typed terms, safe by default.

Safety in embedded mode: ``SERVICE`` is refused before execution (:func:`refuse_service`, decided on the letters of
the text, so that no engine can read a SERVICE clause that the check missed), ``FROM``/``FROM NAMED`` never
dereference a URL (rdflib's ``SPARQL_LOAD_GRAPHS`` is off), and updates are not accepted.
"""
from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, cast

import rdflib.plugins.sparql as rdflib_sparql
from rdflib import Graph, Literal, URIRef, Variable
from rdflib.plugins.sparql.algebra import translateQuery
from rdflib.plugins.sparql.parser import parseQuery, parseUpdate
from rdflib.plugins.sparql.sparql import Query, SPARQLError
from rdflib.query import ResultRow

from crampkg.errors import UserError
from crampkg.limits import MAX_QUERY_BYTES
from crampkg.namespaces import CRAMP, RESOURCE
from crampkg.sparql.catalog import NamedQuery, Param, default_block, get_named_query
from crampkg.textfiles import UnreadableFile, read_text

rdflib_sparql.SPARQL_LOAD_GRAPHS = False

SOLUTION_FORMATS = ("table", "csv", "tsv", "json", "xml")
GRAPH_FORMATS = ("turtle", "ntriples", "jsonld")


class QuerySyntaxError(UserError):
    """The query text is not valid SPARQL 1.1."""


@dataclass
class QueryResult:
    """The answer to a query: solutions (SELECT), a boolean (ASK) or a graph (CONSTRUCT/DESCRIBE)."""

    kind: str
    variables: list[str] = field(default_factory=list)
    rows: list[tuple] = field(default_factory=list)
    boolean: bool | None = None
    graph: Graph | None = None

    def __iter__(self) -> Iterator:
        if self.kind == "ASK":
            return iter([self.boolean])
        if self.graph is not None:
            return iter(self.graph)
        return iter(self.rows)

    def __len__(self) -> int:
        return len(self.graph) if self.graph is not None else len(self.rows)

    def values(self, variable: str) -> list:
        """The Python values of one variable across all rows (``None`` where unbound)."""
        index = self.variables.index(variable)
        return [None if row[index] is None else row[index].toPython() for row in self.rows]

    def to_dataframe(self):
        """The solutions as a pandas DataFrame (requires pandas: ``pip install crampkg[notebook]``)."""
        try:
            import pandas as pd
        except ImportError:
            raise UserError("to_dataframe() needs pandas: pip install pandas") from None
        if self.kind == "ASK":
            return pd.DataFrame({"ask": [self.boolean]})
        if self.graph is not None:
            return pd.DataFrame([(str(s), str(p), str(o)) for s, p, o in sorted(self.graph)], columns=["subject", "predicate", "object"])
        return pd.DataFrame([[None if v is None else v.toPython() for v in row] for row in self.rows], columns=self.variables)


def _position_hint(error: Exception, text: str) -> str:
    line = getattr(error, "lineno", None)
    column = getattr(error, "col", None)
    if line is None or column is None:
        return str(error)
    source_line = text.splitlines()[line - 1] if 0 < line <= len(text.splitlines()) else ""
    marker = " " * max(column - 1, 0) + "^"
    message = getattr(error, "msg", str(error))
    return f"line {line}, column {column}: {message}\n  {source_line}\n  {marker}"


@lru_cache(maxsize=256)
def translate(text: str) -> Query:
    """Parse and translate a SPARQL query (cached); syntax errors name line and column; updates are refused."""
    if is_empty(text):
        raise QuerySyntaxError("the query is empty (nothing but white space and comments); give a SELECT, ASK, CONSTRUCT or "
                               "DESCRIBE query, a named query (see 'crampkg queries') or a .rq file")
    try:
        return translateQuery(parseQuery(text))
    except Exception as error:  # pyparsing's ParseException and rdflib's translation errors
        if _is_update(text):
            raise UserError("this is a SPARQL update; crampkg runs read-only queries (SELECT, ASK, CONSTRUCT, DESCRIBE)") from None
        raise QuerySyntaxError(f"the query is not valid SPARQL: {_position_hint(error, text)}") from None


def query_form(text: str) -> str:
    """``SELECT``, ``ASK``, ``CONSTRUCT`` or ``DESCRIBE``."""
    return translate(text).algebra.name.replace("Query", "").upper()


def parse(text: str) -> Query:
    """Parse and translate a query for embedded use: SERVICE is refused (:func:`refuse_service`), then as
    :func:`translate`."""
    refuse_service(text)
    return translate(text)


_CODEPOINT_ESCAPE = re.compile(r"\\u([0-9A-Fa-f]{4})|\\U([0-9A-Fa-f]{8})")
SERVICE_REFUSED = ("SERVICE is refused: crampkg does not send queries to other endpoints (use --endpoint URL to query "
                   "one). The letters 'service' are refused anywhere in a query, even in a comment, a string or an IRI, "
                   "and also when written with \\u escapes: remove them")


def _decode_codepoint_escapes(text: str) -> str:
    def character(match: re.Match) -> str:
        code = int(match.group(1) or match.group(2), 16)
        return chr(code) if code <= 0x10FFFF else match.group(0)

    return _CODEPOINT_ESCAPE.sub(character, text)


def mentions_service(text: str) -> bool:
    r"""Whether any engine could read a ``SERVICE`` keyword in ``text``.

    The decision does not depend on how a parser splits the text into tokens (where a comment ends, whether ``<``
    opens an IRI, ...): a SERVICE keyword needs the seven letters, so the letters are looked for everywhere, in
    every case mapping that a parser may apply (``str.upper`` maps ``ı`` and ``ſ`` to ASCII letters), before and
    after decoding the ``\u``/``\U`` escapes that SPARQL decodes before parsing (repeatedly: an escape may spell
    another escape).
    """
    readings = [text]
    for _ in range(8):
        decoded = _decode_codepoint_escapes(readings[-1])
        if decoded == readings[-1]:
            break
        readings.append(decoded)
    return any("SERVICE" in reading.upper() or "service" in reading.casefold() for reading in readings) or len(readings) > 8


def refuse_service(text: str) -> None:
    """Raise a :class:`UserError` when ``text`` could hold a SERVICE clause (see :func:`mentions_service`)."""
    if mentions_service(text):
        raise UserError(SERVICE_REFUSED)


def is_empty(text: str) -> bool:
    """Whether ``text`` holds nothing but white space and ``#`` comments (any line end: LF, CR or CRLF)."""
    return all(not line.strip() or line.lstrip().startswith("#") for line in re.split(r"[\r\n]", text))


def _is_update(text: str) -> bool:
    try:
        parseUpdate(text)
    except Exception:
        return False
    return True


def bind_param(param: Param, raw: str):
    """The typed RDF term for a parameter value given as text."""
    if param.type in ("iri", "term"):
        if _NOT_IN_IRI.search(raw) or not raw:
            raise UserError(f"parameter {param.name!r}: {raw!r} is not an IRI or an id (no spaces, quotes, <, >, {{, }}, |, ^, `, \\)")
        namespace = RESOURCE if param.type == "iri" else CRAMP
        return URIRef(raw) if "://" in raw else namespace[raw]
    if param.type == "integer":
        try:
            return Literal(int(raw))
        except ValueError:
            raise UserError(f"parameter {param.name!r} must be a whole number, not {raw!r}") from None
    return Literal(raw)


_NAME = re.compile(r"[A-Za-z0-9_-]+")
_NOT_IN_IRI = re.compile(r'[\x00-\x20<>"{}|^`\\]')


def resolve(query: str | Path) -> tuple[str, NamedQuery | None]:
    """The SPARQL text for a named query (a bare name), a ``.rq`` path, or literal SPARQL text (anything else)."""
    candidate = str(query)
    if _NAME.fullmatch(candidate):
        named = get_named_query(candidate)
        return named.text, named
    if candidate.endswith(".rq") and "\n" not in candidate:
        try:
            return read_text(Path(candidate), MAX_QUERY_BYTES), None
        except UnreadableFile as error:
            raise UserError(f"query file {candidate!r} {error.reason}; {error.hint}") from None
    return candidate, None


def bindings_for(named: NamedQuery | None, params: dict[str, str]) -> dict[Variable, Any]:
    """Typed initial bindings: defaults of the named query, overridden by ``params``."""
    declared = named.params if named else {}
    unknown = sorted(set(params) - set(declared)) if named else []
    if named and unknown:
        known = ", ".join(declared) or "none"
        raise UserError(f"unknown parameter(s) {', '.join(unknown)} for query {named.name!r}; its parameters: {known}")
    bindings: dict[Variable, Any] = {}
    for name, param in declared.items():
        raw = params.get(name, param.default)
        if raw is not None:
            bindings[Variable(name)] = bind_param(param, raw)
    if not named:
        for name, raw in params.items():
            bindings[Variable(name)] = Literal(raw)
    return bindings


def without_bound_defaults(text: str, bindings: dict[Variable, Any] | None) -> str:
    """``text`` without the default ``VALUES ?v { … }`` block of every variable ``bindings`` binds.

    A named query writes its defaults in its text (so it runs unchanged on any engine); a bound parameter must
    replace that default, not be joined with it. Nothing is spliced in: the bound value stays a typed binding.
    """
    for variable in bindings or {}:
        text = default_block(str(variable)).sub("", text)
    return text


def execute(graph: Graph, text: str, bindings: dict[Variable, Any] | None = None) -> QueryResult:
    """Run parsed SPARQL on ``graph`` with ``bindings`` (which replace the text's defaults) and collect the answer."""
    query = parse(without_bound_defaults(text, bindings))
    try:
        # rdflib makes a Variable of every key (its annotation asks for str keys)
        result = graph.query(query, initBindings={str(variable): value for variable, value in (bindings or {}).items()})
        if result.type == "SELECT":
            rows = [tuple(cast(ResultRow, row)) for row in result]
    except SPARQLError as error:
        raise UserError(f"the query failed while running: {error}") from None
    if result.type == "ASK":
        return QueryResult(kind="ASK", boolean=bool(result.askAnswer))
    if result.type in ("CONSTRUCT", "DESCRIBE"):
        answer = Graph()
        for prefix, namespace in graph.namespaces():
            answer.bind(prefix, namespace, override=True, replace=True)
        for triple in result.graph or []:
            answer.add(triple)
        return QueryResult(kind=result.type, graph=answer)
    variables = [str(v) for v in result.vars or []]
    return QueryResult(kind="SELECT", variables=variables, rows=rows)
