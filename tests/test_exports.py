"""Exports for every kind of user: datasets (TriG, N-Quads), property graphs (GraphML, GEXF), a statement table
and KGX TSV; each read back by the tool its users read it with, and the format names and aliases the command takes."""
from __future__ import annotations

import csv
import io
import json

import networkx as nx
import pytest
from rdflib import Dataset, Graph, URIRef

from conftest import run_cli
from crampkg.namespaces import RESOURCE
from crampkg.render import exports
from crampkg.views.network import to_networkx

pytestmark = pytest.mark.slow  # exports of the whole graph in every format

ASSERTED = URIRef("https://w3id.org/crampkg/graph/asserted")
INFERRED = URIRef("https://w3id.org/crampkg/graph/inferred")


@pytest.fixture(scope="module")
def view(graph):
    return to_networkx(graph)


@pytest.fixture(scope="module")
def reasoned():
    from crampkg.build.graph import build_graph

    return build_graph(reason=True)


def test_format_names_are_those_of_the_writers():
    from crampkg.rdfio import DATASET_FORMATS, FORMATS
    from crampkg.views.network_files import NETWORK_FORMATS
    from crampkg.views.statements import TABLE_FORMATS

    assert tuple(FORMATS) == exports.RDF_FORMATS
    assert exports.DATASET_FORMATS == DATASET_FORMATS
    assert exports.NETWORK_FORMATS == NETWORK_FORMATS
    assert tuple(TABLE_FORMATS) == exports.TABLE_FORMATS


@pytest.mark.parametrize("alias, canonical", [("ttl", "turtle"), ("NT", "ntriples"), ("n-triples", "ntriples"),
                                              ("json-ld", "jsonld"), ("xml", "rdfxml"), ("owl", "rdfxml"),
                                              ("nq", "nquads"), ("csv", "edges-csv"), ("tsv", "edges-tsv"),
                                              ("gexf", "gexf")])
def test_aliases_name_their_format(alias, canonical):
    assert exports.export_format(alias) == canonical


def test_unknown_format_lists_the_known_ones():
    from crampkg.errors import UserError

    with pytest.raises(UserError, match="unknown export format 'yaml'; choose one of turtle, ntriples"):
        exports.export_format("yaml")


@pytest.mark.parametrize("fmt", ["trig", "nquads"])
def test_dataset_formats_keep_asserted_and_inferred_graphs_apart(reasoned, fmt):
    from crampkg.build.artefacts import named_graphs
    from crampkg.rdfio import serialize_dataset
    from rdfcompare import same_graph

    data = Dataset()
    data.parse(data=serialize_dataset(named_graphs(reasoned), fmt), format=fmt)
    asserted = Graph()
    for triple in data.graph(ASSERTED):
        asserted.add(triple)
    assert same_graph(asserted, reasoned.graph)
    assert len(data.graph(INFERRED)) == len(reasoned.inferred) > 500
    diaphragm, causes_symptom = RESOURCE["zwerchfellverspannung"], URIRef("https://w3id.org/crampkg/ontology#causesSymptom")
    assert (diaphragm, causes_symptom, RESOURCE["reflux"]) in data.graph(INFERRED)
    assert (diaphragm, causes_symptom, RESOURCE["reflux"]) not in data.graph(ASSERTED)


def test_nquads_is_sorted_and_byte_identical_for_the_same_graphs(reasoned):
    from crampkg.build.artefacts import named_graphs
    from crampkg.rdfio import serialize_dataset

    first = serialize_dataset(named_graphs(reasoned), "nquads")
    assert first == serialize_dataset(named_graphs(reasoned), "nquads")
    lines = first.decode("utf-8").splitlines()
    assert lines == sorted(lines) and all(line.endswith(f"<{ASSERTED}> .") or line.endswith(f"<{INFERRED}> .") for line in lines)


def _read(fmt: str, data: bytes) -> nx.MultiDiGraph:
    if fmt == "graphml":
        return nx.read_graphml(io.BytesIO(data), force_multigraph=True)
    return nx.read_gexf(io.BytesIO(data))


@pytest.mark.parametrize("fmt", ["graphml", "gexf"])
def test_network_files_read_back_with_networkx(view, fmt):
    from crampkg.views.network_files import unflatten, write_network

    back = _read(fmt, write_network(view, fmt))
    assert sorted(back.nodes) == sorted(view.nodes)
    assert back.number_of_edges() == view.number_of_edges()
    for node in ("magnesiummangel", "muskelkrampf-im-ruecken"):
        assert {k: unflatten(v) for k, v in back.nodes[node].items()} == view.nodes[node]
    written = {(s, t, d["property"]): d for s, t, d in back.edges(data=True)}
    for source, target, key, data in view.edges(keys=True, data=True):
        read = {k: unflatten(v) for k, v in written[(source, target, key)].items() if k != "id"}
        expected = {k: v for k, v in data.items() if k != "annotations"}
        assert {k: v for k, v in read.items() if k != "annotations"} == expected
        assert [json.dumps(a, sort_keys=True) for a in read["annotations"]] == \
            [json.dumps(a.__dict__, sort_keys=True) for a in data["annotations"]]


def test_network_hedges_survive_the_file(view):
    from crampkg.views.network_files import write_network

    back = _read("graphml", write_network(view, "graphml"))
    edge = back.get_edge_data("kortison-injektion", "schmerzen")["alleviates"]
    assert json.loads(edge["certainty"]) == ["Possible"] and json.loads(edge["frequency"]) == ["Rare"]
    assert json.loads(edge["context"]) == ["bei sehr starken Schmerzen oder wenn die Blockade Nerven beeinträchtigt"]


def _table(graph, fmt: str = "edges-tsv") -> list[dict[str, str]]:
    from crampkg.views.statements import TABLE_FORMATS, statements_table

    return list(csv.DictReader(io.StringIO(statements_table(graph, fmt).decode("utf-8")), delimiter=TABLE_FORMATS[fmt]))


def test_statement_table_row_has_hedges_quote_and_offsets(graph):
    rows = [r for r in _table(graph) if r["subject"] == str(RESOURCE["kortison-injektion"])
            and r["predicate"].endswith("#alleviates") and r["object"] == str(RESOURCE["schmerzen"])]
    assert rows == [{
        "subject": str(RESOURCE["kortison-injektion"]), "subject_label": "Kortison-Injektion",
        "predicate": "https://w3id.org/crampkg/ontology#alleviates", "predicate_label": "lindert",
        "object": str(RESOURCE["schmerzen"]), "object_label": "Schmerzen",
        "certainty": "Possible", "frequency": "Rare", "modality": "",
        "context": "bei sehr starken Schmerzen oder wenn die Blockade Nerven beeinträchtigt",
        "quote": "können auch Kortison-Injektionen erwogen werden, um Entzündungen und Schmerzen zu lindern",
        "article": str(RESOURCE["article/muskelkrampf-im-ruecken"]), "start": "7934", "end": "8023",
        "evidence": str(RESOURCE["article/muskelkrampf-im-ruecken/evidence/7934-8023"]),
    }]


def test_statement_table_has_every_statement_and_each_quote_at_its_offsets(graph, article):
    from crampkg.views.stats import compute_stats

    for fmt in ("edges-tsv", "edges-csv"):
        rows = _table(graph, fmt)
        assert len({(r["subject"], r["predicate"], r["object"]) for r in rows}) == compute_stats(graph).assertions
        for row in rows:
            assert article.text[int(row["start"]):int(row["end"])] == row["quote"], row


def test_statement_table_gives_the_value_of_a_datatype_statement(graph):
    rows = [r for r in _table(graph) if r["predicate"].endswith("#femaleToMaleRatio")]
    assert [(r["subject"], r["object"], r["object_label"]) for r in rows] == [(str(RESOURCE["stiff-person-syndrom"]), "2.0", "")]  # xsd:decimal, as the graph writes it


# The kgx package cannot be installed beside crampkg's test dependencies (it pins numpy and pandas back) and its
# validator downloads the Biolink model at import; so the columns are those the KGX format specification requires:
# nodes id and category; edges the slots Biolink 4.4.6 marks required (id, subject, predicate, object,
# knowledge_level, agent_type), as bmt reads them from the biolink-model package's schema.
KGX_NODE_REQUIRED = ("id", "category")
KGX_EDGE_REQUIRED = ("id", "subject", "predicate", "object", "knowledge_level", "agent_type")


def test_kgx_files_have_the_required_columns_and_biolink_terms(view):
    from crampkg.views.kgx import kgx_files

    files = kgx_files(view, "crampkg")
    assert sorted(files) == ["crampkg_edges.tsv", "crampkg_nodes.tsv", "crampkg_prefixes.json"]
    nodes = list(csv.DictReader(io.StringIO(files["crampkg_nodes.tsv"].decode()), delimiter="\t"))
    edges = list(csv.DictReader(io.StringIO(files["crampkg_edges.tsv"].decode()), delimiter="\t"))
    assert len(nodes) == view.number_of_nodes() and len(edges) == view.number_of_edges()
    ids = {n["id"] for n in nodes}
    for row in nodes:
        assert all(row[c] for c in KGX_NODE_REQUIRED) and row["category"].startswith("biolink:")
    for row in edges:
        assert all(row[c] for c in KGX_EDGE_REQUIRED) and row["predicate"].startswith("biolink:")
        assert row["subject"] in ids and row["object"] in ids
    by_id = {n["id"]: n for n in nodes}
    assert by_id["CRAMPKG:magnesiummangel"]["category"] == "biolink:NamedThing"  # a cause: no Biolink class says so
    assert by_id["CRAMPKG:schmerzen"]["category"] == "biolink:PhenotypicFeature"
    causes = [e for e in edges if e["subject"] == "CRAMPKG:magnesiummangel" and e["object"] == "CRAMPKG:muskelkrampf-im-ruecken"]
    assert [(e["predicate"], e["original_predicate"]) for e in causes] == [("biolink:causes", "cramp:causes")]
    assert {e["predicate"] for e in edges if e["original_predicate"] == "cramp:alleviates"} == {"biolink:related_to"}


def test_export_command_accepts_an_alias_and_writes_through_the_atomic_writer(tmp_path):
    target = tmp_path / "statements.csv"
    result = run_cli("export", "--format", "csv", "-o", str(target))
    assert result.returncode == 0, result.stderr
    assert target.read_text(encoding="utf-8").startswith("subject,subject_label,predicate,")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["statements.csv"]


def test_export_command_writes_kgx_beside_the_path_given(tmp_path):
    result = run_cli("export", "--format", "kgx", "-o", str(tmp_path / "crampkg"))
    assert result.returncode == 0, result.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["crampkg_edges.tsv", "crampkg_nodes.tsv", "crampkg_prefixes.json"]


@pytest.mark.parametrize("args, message", [
    (("--format", "kgx"), "the kgx format writes a nodes and an edges file: give -o PATH"),
    (("--format", "yaml"), "unknown export format 'yaml'"),
])
def test_export_command_refuses_with_exit_code_2(args, message):
    result = run_cli("export", *args)
    assert result.returncode == 2 and message in result.stderr and "Traceback" not in result.stderr
    assert result.stdout == ""
