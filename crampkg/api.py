"""The Python API: ``crampkg.load()`` and ``crampkg.query()`` on the cached, built graph."""
from __future__ import annotations

from pathlib import Path
from typing import Any

from crampkg.cache import cached_graph
from crampkg.querying import QueryResult, bindings_for, execute, resolve


def load(sources: Path | None = None, ontology: Path | None = None):
    """The knowledge graph as an rdflib ``Graph`` (built once, then read from the cache)."""
    return cached_graph(sources, ontology)


def query(name_or_text: str | Path, graph: Any = None, sources: Path | None = None, ontology: Path | None = None,
          **params: Any) -> QueryResult:
    """Run a named query, a ``.rq`` file or SPARQL text; keyword arguments bind the query's parameters.

    >>> crampkg.query("exercise-steps", exercise="dehnung-des-rueckens").to_dataframe()  # doctest: +SKIP
    """
    text, named = resolve(name_or_text)
    bindings = bindings_for(named, {k: str(v) for k, v in params.items() if v is not None})
    return execute(graph if graph is not None else load(sources, ontology), text, bindings)
