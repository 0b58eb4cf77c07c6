"""``crampkg push`` into a real, writable Oxigraph server on 127.0.0.1, then the same answers from it."""
from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest

import crampkg
from conftest import run_cli
from servers import OxigraphServer
from test_backends import canonical

pytestmark = [pytest.mark.skipif(not (shutil.which("oxigraph") or (Path(sys.executable).parent / "oxigraph").exists()),
                                reason="the oxigraph server binary (pip install oxigraph) is not installed"),
              pytest.mark.slow]  # a real Oxigraph server

GRAPH = "https://w3id.org/crampkg/graph/asserted"


@pytest.fixture()
def store(tmp_path):
    server = OxigraphServer(tmp_path / "store")
    yield server
    server.stop()


def test_push_counts_back_and_answers_like_embedded(store):
    result = run_cli("push", f"{store.url}/store", "--graph", GRAPH)
    assert result.returncode == 0, result.stderr
    expected = len(crampkg.load(reasoning="asserted"))
    assert f"pushed {expected} triples" in result.stdout and f"counted back: {expected}" in result.stdout

    query = f"SELECT ?drug ?class WHERE {{ GRAPH <{GRAPH}> {{ ?drug <https://w3id.org/crampkg/ontology#memberOfDrugClass> ?class }} }}"
    from crampkg.sparql.remote import query_endpoint

    remote = query_endpoint(f"{store.url}/query", query)
    local = crampkg.query(query.replace(f"GRAPH <{GRAPH}> {{", "{"), reasoning="asserted")
    assert canonical(remote)[1] == canonical(local)[1]
    assert len(remote) == 3


def test_push_replaces_the_graph(store):
    for _ in range(2):
        assert run_cli("push", f"{store.url}/store", "--graph", GRAPH).returncode == 0
    from crampkg.sparql.remote import query_endpoint

    count = query_endpoint(f"{store.url}/query", f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{GRAPH}> {{ ?s ?p ?o }} }}")
    assert int(count.rows[0][0]) == len(crampkg.load(reasoning="asserted"))


def test_push_to_nowhere_is_a_clear_error(tmp_path):
    from servers import free_port

    result = run_cli("push", f"http://127.0.0.1:{free_port()}/store")
    assert result.returncode == 2 and "cannot reach" in result.stderr and "Traceback" not in result.stderr
