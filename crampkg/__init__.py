"""crampkg: the article "Muskelkrampf im Rücken" as a citable OWL/RDF knowledge graph.

Heavy libraries (rdflib, owlready2) are imported only when a function needs them, so that the
command line starts fast.
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Any

from crampkg._version import __version__

if TYPE_CHECKING:  # pragma: no cover
    import rdflib

__all__ = ["__version__", "load", "query"]


def load(sources: Any = None, ontology: Any = None, reasoning: str = "all") -> rdflib.Graph:
    """The knowledge graph (ontology, facts, evidence, and what OWL 2 RL infers) as an rdflib graph, built once and cached.

    ``sources`` and ``ontology`` default to the article and ontology shipped with the package; ``reasoning`` is
    ``asserted``, ``inferred`` or ``all``.
    """
    from crampkg.store import load as _load

    return _load(sources, ontology, reasoning)


def query(name_or_text: Any, **params: Any):
    """Run a named query, a ``.rq`` path or SPARQL text; keyword arguments bind its parameters.

    Returns a :class:`crampkg.sparql.engine.QueryResult` (``.rows``, ``.variables``, ``.to_dataframe()``).
    """
    from crampkg.store import query as _query

    return _query(name_or_text, **params)


def load_ipython_extension(ipython: Any) -> None:
    """Register the ``%%sparql`` magic: ``%load_ext crampkg`` in IPython or Jupyter."""
    from crampkg.notebook import load_ipython_extension as _load_extension

    _load_extension(ipython)
