"""``crampkg serve``: the SPARQL 1.1 Protocol (query), content negotiation, limits, hostile queries, concurrency."""
from __future__ import annotations

import io
import json
import os
import time
import urllib.error
import urllib.parse
import urllib.request
from concurrent.futures import ThreadPoolExecutor

import pytest
from rdflib import Graph
from rdflib.query import Result

import crampkg
from hostile.harness import RecordingListener
from servers import CrampkgServer
from test_backends import canonical

pytestmark = pytest.mark.slow  # real endpoints, started and stopped

COUNT = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
CARTESIAN = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"


@pytest.fixture(scope="module")
def endpoint():
    server = CrampkgServer(timeout=3.0)
    yield server
    server.stop()


def call(url: str, data: bytes | None = None, headers: dict | None = None, method: str | None = None):
    request = urllib.request.Request(url, data=data, headers=headers or {}, method=method)
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, response.headers.get("Content-Type", ""), response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers.get("Content-Type", ""), error.read()


def get(endpoint, query: str, accept: str = "application/sparql-results+json", **params):
    return call(f"{endpoint.url}/sparql?{urllib.parse.urlencode({'query': query, **params})}", headers={"Accept": accept})


def post_form(endpoint, query: str, accept: str = "application/sparql-results+json"):
    return call(f"{endpoint.url}/sparql", urllib.parse.urlencode({"query": query}).encode(),
                {"Content-Type": "application/x-www-form-urlencoded", "Accept": accept})


def post_direct(endpoint, query: str, accept: str = "application/sparql-results+json"):
    return call(f"{endpoint.url}/sparql", query.encode(), {"Content-Type": "application/sparql-query", "Accept": accept})


def embedded_count() -> int:
    return int(crampkg.query(COUNT).rows[0][0])


# -- the protocol ------------------------------------------------------------------------------

@pytest.mark.parametrize("send", [get, post_form, post_direct], ids=["GET", "POST form", "POST direct"])
def test_query_operation_in_all_three_ways(endpoint, send):
    status, kind, body = send(endpoint, COUNT)
    assert status == 200 and kind.startswith("application/sparql-results+json")
    assert int(json.loads(body)["results"]["bindings"][0]["n"]["value"]) == embedded_count()


@pytest.mark.parametrize("accept, parser", [
    ("application/sparql-results+json", "json"), ("application/sparql-results+xml", "xml"),
    ("text/csv", "csv"), ("text/tab-separated-values", "tsv"),
])
def test_solution_formats_by_content_negotiation(endpoint, accept, parser):
    status, kind, body = get(endpoint, "SELECT ?m WHERE { ?m a <https://w3id.org/crampkg/ontology#ImagingMethod> }", accept)
    assert status == 200 and kind.startswith(accept)
    rows = {str(r[0]) for r in Result.parse(io.BytesIO(body), format=parser)}
    assert rows == {f"https://w3id.org/crampkg/resource/{m}" for m in ("roentgen", "ct", "mrt", "bildgebende-verfahren")}


@pytest.mark.parametrize("accept, parser", [("text/turtle", "turtle"), ("application/n-triples", "nt"), ("application/ld+json", "json-ld")])
def test_graph_formats_by_content_negotiation(endpoint, accept, parser):
    construct = "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o . FILTER(?p = <https://w3id.org/crampkg/ontology#causes>) }"
    status, kind, body = get(endpoint, construct, accept)
    assert status == 200 and kind.startswith(accept)
    assert len(Graph().parse(data=body, format=parser)) == len(crampkg.query(construct).graph)


def test_accept_with_quality_values_and_wildcards(endpoint):
    status, kind, _ = get(endpoint, COUNT, "text/html;q=0.9, application/sparql-results+xml;q=0.95, */*;q=0.1")
    assert status == 200 and kind.startswith("application/sparql-results+xml")
    status, kind, _ = get(endpoint, COUNT, "*/*")
    assert kind.startswith("application/sparql-results+json")


def test_unacceptable_format_is_406(endpoint):
    status, _, body = get(endpoint, COUNT, "image/png")
    assert status == 406 and b"cannot produce" in body


def test_ask(endpoint):
    status, _, body = get(endpoint, "ASK { <https://w3id.org/crampkg/resource/magnesiummangel> ?p ?o }")
    assert status == 200 and json.loads(body)["boolean"] is True


def test_service_description(endpoint):
    status, kind, body = call(f"{endpoint.url}/sparql")
    assert status == 200 and kind.startswith("text/turtle")
    description = Graph().parse(data=body, format="turtle")
    sd = "http://www.w3.org/ns/sparql-service-description#"
    assert (None, None, __import__("rdflib").URIRef(sd + "Service")) in description


def test_named_query_by_name_with_parameters(endpoint):
    status, _, body = call(f"{endpoint.url}/queries/exercise-steps?exercise=frontheben", headers={"Accept": "text/csv"})
    assert status == 200
    assert [int(r[0]) for r in Result.parse(io.BytesIO(body), format="csv")] == [1, 2, 3]
    status, _, body = call(f"{endpoint.url}/queries")
    assert status == 200 and "treatments-for-mineral-deficiency-symptoms" in {q["name"] for q in json.loads(body)}


def test_unknown_named_query_is_404(endpoint):
    assert call(f"{endpoint.url}/queries/imaging-rules")[0] == 404


def test_query_page(endpoint):
    status, kind, body = call(f"{endpoint.url}/")
    assert status == 200 and kind.startswith("text/html") and b"/sparql" in body


# -- protocol errors (equivalents of the W3C SPARQL 1.1 Protocol query tests) -----------------------

def test_two_query_parameters_are_400(endpoint):
    url = f"{endpoint.url}/sparql?query=ASK%7B%7D&query=ASK%7B%7D"
    assert call(url)[0] == 400


def test_post_form_without_query_is_400(endpoint):
    status, _, _ = call(f"{endpoint.url}/sparql", b"format=json", {"Content-Type": "application/x-www-form-urlencoded"})
    assert status == 400


def test_post_with_unsupported_content_type_is_415(endpoint):
    assert call(f"{endpoint.url}/sparql", b"ASK {}", {"Content-Type": "text/plain"})[0] == 415


def test_malformed_query_is_400_with_line_and_column(endpoint):
    status, _, body = post_form(endpoint, "SELECT ?x WHERE {\n  ?x ?y \n}")
    assert status == 400 and b"line 2, column 3" in body


# -- read-only and hostile queries ----------------------------------------------------------------

@pytest.mark.parametrize("request_kind", ["form", "content-type"])
def test_updates_are_refused(endpoint, request_kind):
    if request_kind == "form":
        status, _, body = call(f"{endpoint.url}/sparql", urllib.parse.urlencode({"update": "CLEAR ALL"}).encode(),
                               {"Content-Type": "application/x-www-form-urlencoded"})
    else:
        status, _, body = call(f"{endpoint.url}/sparql", b"CLEAR ALL", {"Content-Type": "application/sparql-update"})
    assert status == 403 and b"read-only" in body
    assert embedded_count() == int(json.loads(get(endpoint, COUNT)[2])["results"]["bindings"][0]["n"]["value"])


def test_load_of_a_local_file_is_refused(endpoint):
    status, _, body = post_form(endpoint, "LOAD <file:///etc/passwd>")
    assert status == 400 and b"SPARQL update" in body


def test_service_to_a_loopback_listener_sends_nothing():
    listener = RecordingListener()
    server = CrampkgServer(timeout=3.0)
    try:
        status, _, body = post_form(server, f"SELECT * WHERE {{ SERVICE <http://127.0.0.1:{listener.port}/> {{ ?s ?p ?o }} }}")
        assert status == 400 and b"SERVICE is refused" in body
        time.sleep(0.3)
        assert listener.received == []
    finally:
        server.stop()
        listener.close()


def child_processes() -> set[int]:
    children = set()
    for task in os.listdir(f"/proc/{os.getpid()}/task"):
        try:
            with open(f"/proc/{os.getpid()}/task/{task}/children") as stream:
                children |= {int(pid) for pid in stream.read().split()}
        except OSError:
            pass
    return children


def test_a_runaway_query_is_stopped_and_reported_while_others_are_answered(endpoint):
    with ThreadPoolExecutor(max_workers=2) as pool:
        slow = pool.submit(post_form, endpoint, CARTESIAN)
        time.sleep(0.5)
        started = time.monotonic()
        status, _, _ = post_form(endpoint, COUNT)
        assert status == 200 and time.monotonic() - started < 2.5, "the server keeps answering"
        status, _kind, body = slow.result()
    assert status == 503 and b"time limit of 3 s" in body
    time.sleep(0.2)
    assert child_processes() == endpoint.server.pool.workers, "the overrunning worker was killed and replaced"
    for pid in child_processes():
        with open(f"/proc/{pid}/stat") as stream:
            assert stream.read().split()[2] in "SR", "workers are alive"
    idle_ticks = [_cpu_ticks(pid) for pid in sorted(child_processes())]
    time.sleep(0.5)
    assert [_cpu_ticks(pid) for pid in sorted(child_processes())] == idle_ticks, "no worker is still computing"


def _cpu_ticks(pid: int) -> int:
    with open(f"/proc/{pid}/stat") as stream:
        fields = stream.read().rsplit(")", 1)[1].split()
    return int(fields[11]) + int(fields[12])


@pytest.mark.parametrize("query", [
    "SELECT (COUNT(*) AS ?n) WHERE { ?a (<https://w3id.org/crampkg/ontology#partOf>|^<https://w3id.org/crampkg/ontology#partOf>|!<x:y>)* ?b }",
    'SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o . ?t ?q ?u . FILTER(REGEX(STR(?o), "(a|aa)+$") && REGEX(STR(?u), "(a|aa)+$")) }',
])
def test_expensive_queries_end_within_the_limit(endpoint, query):
    started = time.monotonic()
    status, _, _ = post_form(endpoint, query)
    assert status in (200, 503) and time.monotonic() - started < 6
    assert post_form(endpoint, COUNT)[0] == 200


def test_a_one_megabyte_query_is_refused(endpoint):
    huge = "SELECT * WHERE { ?s ?p ?o } #" + "x" * (1 << 20)
    assert post_form(endpoint, huge)[0] == 413
    assert post_direct(endpoint, huge)[0] == 413


def test_a_too_large_answer_is_an_error_not_a_truncated_200():
    server = CrampkgServer(timeout=5.0, max_bytes=10_000)
    try:
        status, _, body = get(server, "SELECT * WHERE { ?s ?p ?o }")
        assert status == 503 and b"larger than the limit" in body
    finally:
        server.stop()


# -- concurrency and real clients -----------------------------------------------------------------

def test_concurrent_clients_get_the_embedded_answers(endpoint):
    from crampkg.sparql.remote import result_from_json

    names = ["imaging-methods", "drug-side-effects", "exercise-protocols", "causes-of-back-cramps", "when-to-see-a-doctor",
             "pain-radiation", "diagnosis-steps", "risk-factors"]
    expected = {name: canonical(crampkg.query(name, backend_name="oxigraph")) for name in names}
    def client(index: int) -> list[str]:
        problems = []
        for step in range(12):
            name = names[(index + step) % len(names)]
            status, _, body = call(f"{endpoint.url}/queries/{name}", headers={"Accept": "application/sparql-results+json"})
            if status != 200:
                problems.append(f"{name}: HTTP {status}")
                continue
            if canonical(result_from_json(body)) != expected[name]:
                problems.append(f"{name}: different answer")
        return problems

    with ThreadPoolExecutor(max_workers=16) as pool:
        problems = [p for result in pool.map(client, range(16)) for p in result]
    assert problems == []


def test_sparqlwrapper_as_a_real_client(endpoint):
    SPARQLWrapper = pytest.importorskip("SPARQLWrapper")
    client = SPARQLWrapper.SPARQLWrapper(f"{endpoint.url}/sparql")
    client.setQuery("SELECT ?label WHERE { <https://w3id.org/crampkg/resource/magnesiummangel> "
                    "<http://www.w3.org/2000/01/rdf-schema#label> ?label FILTER(lang(?label) = 'en') }")
    client.setReturnFormat(SPARQLWrapper.JSON)
    bindings = client.query().convert()["results"]["bindings"]
    assert [b["label"]["value"] for b in bindings] == ["magnesium deficiency"]


def test_query_command_against_the_endpoint(endpoint):
    from conftest import run_cli

    result = run_cli("query", "imaging-methods", "--endpoint", f"{endpoint.url}/sparql", "--format", "csv")
    assert result.returncode == 0, result.stderr
    assert "roentgen" in result.stdout


def test_binds_to_loopback_by_default():
    import subprocess
    import sys

    process = subprocess.Popen([sys.executable, "-m", "crampkg", "serve", "--port", "0", "--workers", "1"],
                               stderr=subprocess.PIPE, text=True)
    try:
        line = process.stderr.readline()
    finally:
        process.terminate()
        process.wait(timeout=10)
    assert line.startswith("crampkg SPARQL endpoint on http://127.0.0.1:"), line
