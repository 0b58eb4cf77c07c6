"""crampkg: the article "Muskelkrampf im Rücken" as a citable OWL/RDF knowledge graph.

Heavy libraries (rdflib, owlready2) are imported only when a function needs them, so that the
command line starts fast.
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

if TYPE_CHECKING:  # pragma: no cover
    import rdflib

__all__ = ["__version__", "load"]


def load(sources: Any = None, ontology: Any = None) -> "rdflib.Graph":
    """Build the knowledge graph in memory and return it as an rdflib graph.

    ``sources`` and ``ontology`` default to the article and ontology shipped with the package.
    """
    from crampkg.build import build_graph

    return build_graph(sources_dir=sources, ontology_dir=ontology).graph
