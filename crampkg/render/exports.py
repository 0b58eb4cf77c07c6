"""``crampkg export``: the graph in the format a user's tool reads, RDF, a dataset, a property graph or a table.

RDF formats (:data:`crampkg.rdfio.FORMATS`) hold the asserted graph; ``trig``/``nquads`` the dataset of the
asserted and the inferred graph as named graphs (as ``dist/crampkg.trig``); ``graphml``/``gexf`` the networkx
view; ``edges-tsv``/``edges-csv`` one row per statement and quote; ``kgx`` the KGX TSV nodes and edges files.
"""
from __future__ import annotations

from pathlib import Path

from crampkg.errors import UserError

# The names only, so that the command line starts without importing rdflib or networkx; a test checks that they
# are crampkg.rdfio.FORMATS, DATASET_FORMATS, network_files.NETWORK_FORMATS, statements.TABLE_FORMATS and kgx.
RDF_FORMATS = ("turtle", "ntriples", "jsonld", "rdfxml")
DATASET_FORMATS = ("trig", "nquads")
NETWORK_FORMATS = ("graphml", "gexf")
TABLE_FORMATS = ("edges-tsv", "edges-csv")
KGX = "kgx"
EXPORT_FORMATS: tuple[str, ...] = (*RDF_FORMATS, *DATASET_FORMATS, *NETWORK_FORMATS, *TABLE_FORMATS, KGX)
ALIASES = {
    "ttl": "turtle", "nt": "ntriples", "n-triples": "ntriples", "json-ld": "jsonld", "xml": "rdfxml",
    "owl": "rdfxml", "rdf": "rdfxml", "rdf/xml": "rdfxml", "nq": "nquads", "n-quads": "nquads",
    "tsv": "edges-tsv", "csv": "edges-csv", "kgx-tsv": KGX,
}


def export_format(name: str) -> str:
    """The canonical name of an export format or one of its :data:`ALIASES` (any case)."""
    wanted = name.strip().lower()
    wanted = ALIASES.get(wanted, wanted)
    if wanted not in EXPORT_FORMATS:
        known = ", ".join([*EXPORT_FORMATS, *ALIASES])
        raise UserError(f"unknown export format {name!r}; choose one of {known}")
    return wanted


def export_files(fmt: str, output: Path | None, sources_dir: Path | None = None, ontology_dir: Path | None = None,
                 lang: str = "de") -> dict[Path | None, bytes]:
    """What ``crampkg export`` writes: ``{output: content}`` (``None``: standard output).

    ``kgx`` writes ``<output>_nodes.tsv``, ``<output>_edges.tsv`` and ``<output>_prefixes.json`` and needs ``output``.
    """
    from crampkg.build.graph import build_graph
    from crampkg.rdfio import serialize, serialize_dataset

    if fmt == KGX and output is None:
        raise UserError("the kgx format writes a nodes and an edges file: give -o PATH (writes PATH_nodes.tsv, PATH_edges.tsv)")
    if fmt in DATASET_FORMATS:
        from crampkg.build.artefacts import named_graphs

        return {output: serialize_dataset(named_graphs(build_graph(sources_dir, ontology_dir, reason=True)), fmt)}
    graph = build_graph(sources_dir, ontology_dir).graph
    if fmt in RDF_FORMATS:
        return {output: serialize(graph, fmt)}
    if fmt in TABLE_FORMATS:
        from crampkg.views.statements import statements_table

        return {output: statements_table(graph, fmt, lang)}
    from crampkg.views.network import to_networkx

    view = to_networkx(graph, lang=lang)
    if fmt in NETWORK_FORMATS:
        from crampkg.views.network_files import write_network

        return {output: write_network(view, fmt)}
    from crampkg.views.kgx import kgx_files

    assert output is not None
    stem = output.name[:-len(".tsv")] if output.name.endswith(".tsv") else output.name
    return {output.parent / name: data for name, data in kgx_files(view, stem).items()}
