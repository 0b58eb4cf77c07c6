"""The Python API: ``crampkg.load()`` and ``crampkg.query()`` on the cached, built graph."""
from __future__ import annotations

from pathlib import Path
from typing import Any

from crampkg.cache import REASONING, cached_graph
from crampkg.errors import UserError
from crampkg.querying import QueryResult, bindings_for, resolve


def load(sources: Path | None = None, ontology: Path | None = None, reasoning: str = "all"):
    """The knowledge graph as an rdflib ``Graph`` (built once, then read from the cache).

    ``reasoning``: ``asserted`` (what the article states, with evidence), ``inferred`` (only what OWL 2 RL
    infers from it), or ``all`` (both, the default).
    """
    if reasoning not in REASONING:
        raise UserError(f"reasoning must be one of {', '.join(REASONING)}, not {reasoning!r}")
    return cached_graph(sources, ontology, reasoning)


_BACKENDS: dict[tuple, Any] = {}


def backend(name: str = "rdflib", sources: Path | None = None, ontology: Path | None = None, reasoning: str = "all"):
    """A query backend (``rdflib`` or ``oxigraph``) over the cached graph, kept for the life of the process."""
    from crampkg.backends import make_backend

    graph = load(sources, ontology, reasoning)
    key = (name, id(graph))
    if key not in _BACKENDS:
        if len(_BACKENDS) >= 8:
            _BACKENDS.clear()
        _BACKENDS[key] = make_backend(name, graph)
    return _BACKENDS[key]


def query(name_or_text: str | Path, graph: Any = None, sources: Path | None = None, ontology: Path | None = None,
          backend_name: str = "rdflib", reasoning: str = "all", **params: Any) -> QueryResult:
    """Run a named query, a ``.rq`` file or SPARQL text; keyword arguments bind the query's parameters.

    >>> crampkg.query("exercise-steps", exercise="dehnung-des-rueckens").to_dataframe()  # doctest: +SKIP
    """
    text, named = resolve(name_or_text)
    bindings = bindings_for(named, {k: str(v) for k, v in params.items() if v is not None})
    if graph is not None:
        from crampkg.backends import make_backend

        return make_backend(backend_name, graph).query(text, bindings)
    return backend(backend_name, sources, ontology, reasoning).query(text, bindings)
