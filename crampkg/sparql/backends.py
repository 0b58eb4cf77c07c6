"""Two embedded SPARQL engines behind one interface: pyoxigraph (the default, fast) and rdflib (in memory).

Both receive the same parsed-and-checked query text and the same typed parameter bindings (rdflib as
``initBindings``, Oxigraph as SEP-0007 ``substitutions``) and return the same :class:`QueryResult`.
"""
from __future__ import annotations

import io
import re
from typing import Any

from rdflib import BNode, Graph, Literal, URIRef, Variable

from crampkg.errors import UserError
from crampkg.sparql.engine import QueryResult, execute, parse, without_bound_defaults

BACKENDS = ("oxigraph", "rdflib")
DEFAULT_BACKEND = "oxigraph"


def to_oxigraph(term: Any):
    """The pyoxigraph term for an rdflib term."""
    import pyoxigraph as ox

    if isinstance(term, URIRef):
        return ox.NamedNode(str(term))
    if isinstance(term, BNode):
        return ox.BlankNode(str(term))
    if term.language:
        return ox.Literal(str(term), language=term.language)
    if term.datatype:
        return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype)))
    return ox.Literal(str(term))


def _to_rdflib(term: Any):
    import pyoxigraph as ox

    if term is None:
        return None
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if term.language:
        return Literal(term.value, lang=term.language)
    datatype = term.datatype.value
    if datatype == "http://www.w3.org/2001/XMLSchema#string":
        return Literal(term.value)
    return Literal(term.value, datatype=URIRef(datatype))


def graph_from_ntriples(data: bytes) -> Graph:
    """An rdflib graph of N-Triples ``data``, parsed by Oxigraph (strict, fast; blank node labels kept).

    Raises ``SyntaxError`` for malformed data.
    """
    import pyoxigraph as ox

    terms: dict = {}

    def term(node):
        converted = terms.get(node)
        if converted is None:
            converted = terms[node] = _to_rdflib(node)
        return converted

    graph = Graph()
    graph.addN((term(t.subject), term(t.predicate), term(t.object), graph) for t in ox.parse(data, format=ox.RdfFormat.N_TRIPLES))
    return graph


def oxigraph_store(graph: Graph):
    """An in-memory pyoxigraph store holding the triples of ``graph``."""
    import pyoxigraph as ox

    store = ox.Store()
    data = graph.serialize(format="nt", encoding="utf-8")
    store.bulk_load(data, format=ox.RdfFormat.N_TRIPLES)
    return store


class RdflibBackend:
    """SPARQL with rdflib on an in-memory graph."""

    name = "rdflib"

    def __init__(self, graph: Graph) -> None:
        self.graph = graph

    def query(self, text: str, bindings: dict[Variable, Any] | None = None) -> QueryResult:
        """Run a read-only query with typed bindings."""
        return execute(self.graph, text, bindings)


def _projects(text: str, substitutions: dict) -> bool:
    """Whether a SELECT query projects every substituted variable (``SELECT *`` projects all); other forms do."""
    from crampkg.sparql.engine import translate

    algebra = translate(text).algebra
    if algebra.name != "SelectQuery":
        return True
    projected = {str(v) for v in dict.get(algebra, "PV") or []}
    return all(variable.value in projected for variable in substitutions)


class OxigraphBackend:
    """SPARQL with pyoxigraph (in memory), loaded from an rdflib graph."""

    name = "oxigraph"
    _rdflib: Graph | None = None

    def __init__(self, graph: Graph) -> None:
        self.namespaces = list(graph.namespaces())
        self.store = oxigraph_store(graph)

    @classmethod
    def from_ntriples(cls, body: bytes, prefixes: dict[str, str]) -> OxigraphBackend:
        """A backend over N-Triples ``body`` (loaded straight into Oxigraph) whose CONSTRUCT answers bind ``prefixes``."""
        import pyoxigraph as ox

        store = ox.Store()
        store.bulk_load(body, format=ox.RdfFormat.N_TRIPLES)
        return cls.over_store(store, prefixes)

    @classmethod
    def over_store(cls, store, prefixes: dict[str, str]) -> OxigraphBackend:
        """A backend over an existing pyoxigraph ``store`` (in memory or on disk) whose CONSTRUCT answers bind
        ``prefixes``."""
        backend = cls.__new__(cls)
        backend.namespaces = [(prefix, URIRef(namespace)) for prefix, namespace in prefixes.items()]
        backend.store = store
        return backend

    def query(self, text: str, bindings: dict[Variable, Any] | None = None) -> QueryResult:
        """Run a read-only query with typed bindings (checked by the same parser as the rdflib backend)."""
        import pyoxigraph as ox

        text = without_bound_defaults(text, bindings)
        parse(text)  # the same syntax errors, the same SERVICE refusal
        substitutions = {}
        for variable, term in (bindings or {}).items():
            try:
                substitutions[ox.Variable(str(variable))] = to_oxigraph(term)
            except ValueError as error:
                raise UserError(f"parameter {str(variable)!r} is not a valid term ({error}): give a name from "
                                "`crampkg queries` or a full IRI") from None
        for substituted in substitutions:
            if not re.search(rf"[?$]{re.escape(substituted.value)}\b", text):
                raise UserError(f"the query failed in Oxigraph: ?{substituted.value} is not a variable of the query; "
                                "give --param only for the query's own variables")
        if substitutions and not _projects(text, substitutions):
            # Oxigraph binds only variables the SELECT projects (e.g. not ?lang inside a FILTER of a GROUP BY):
            # such a query runs on rdflib over the same triples, with the same answer
            return RdflibBackend(self._as_rdflib()).query(text, bindings)
        return self._run(text, substitutions)

    def _as_rdflib(self) -> Graph:
        """The store's triples as an rdflib graph (made once)."""
        import pyoxigraph as ox

        if self._rdflib is None:
            output = io.BytesIO()
            self.store.dump(output, format=ox.RdfFormat.N_TRIPLES, from_graph=ox.DefaultGraph())
            graph = graph_from_ntriples(output.getvalue())
            for prefix, namespace in self.namespaces:
                graph.bind(prefix, namespace, override=True, replace=True)
            self._rdflib = graph
        return self._rdflib

    def _run(self, text: str, substitutions: dict) -> QueryResult:
        """Execute on the store and convert the answer to rdflib terms.

        The pyoxigraph answer lives only in this frame, which nothing keeps: the parse check in :meth:`query`
        leaves that frame referenced by cached parser tracebacks, and a pyoxigraph answer left in it would be
        freed by a later garbage collection on whatever thread runs it, which pyoxigraph refuses with an error.
        """
        import pyoxigraph as ox

        try:
            answer = self.store.query(text, substitutions=substitutions)
        except (SyntaxError, OSError, ValueError, RuntimeError) as error:  # RuntimeError: e.g. a --param not in the query
            raise UserError(f"the query failed in Oxigraph: {error}") from None
        if isinstance(answer, ox.QueryBoolean):
            return QueryResult(kind="ASK", boolean=bool(answer))
        if isinstance(answer, ox.QueryTriples):
            graph = Graph()
            for prefix, namespace in self.namespaces:
                graph.bind(prefix, namespace, override=True, replace=True)
            for triple in answer:
                graph.add((_to_rdflib(triple.subject), _to_rdflib(triple.predicate), _to_rdflib(triple.object)))
            return QueryResult(kind="CONSTRUCT", graph=graph)
        variables = [v.value for v in answer.variables]
        rows = [tuple(_to_rdflib(solution[v]) for v in variables) for solution in answer]
        return QueryResult(kind="SELECT", variables=variables, rows=rows)


Backend = OxigraphBackend | RdflibBackend


def make_backend(name: str, graph: Graph) -> Backend:
    """The backend called ``name`` over ``graph``."""
    if name == "rdflib":
        return RdflibBackend(graph)
    if name == "oxigraph":
        try:
            return OxigraphBackend(graph)
        except ImportError:
            raise UserError("the oxigraph backend needs pyoxigraph: pip install pyoxigraph") from None
    raise UserError(f"unknown backend {name!r}; choose one of {', '.join(BACKENDS)}")
