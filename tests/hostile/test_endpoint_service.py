"""SERVICE in every spelling, against a real ``crampkg serve`` and ``crampkg query --backend oxigraph``: refused with
a message, and a loopback listener sees nothing. Then the second wall: a worker that runs a SERVICE query anyway
cannot reach the listener."""
from __future__ import annotations

import os
import time
import urllib.parse

import pytest

from conftest import run_cli
from hostile.harness import assert_clean, http

pytestmark = pytest.mark.slow  # every case starts the endpoint or the command line

TRIPLE = "{ ?s ?p ?o }"


def spellings(target: str) -> dict[str, str]:
    """The same SERVICE call written every way a parser may read it (``target`` is the listener's URL)."""
    return {
        "plain": f"SELECT * WHERE {{ SERVICE <{target}> {TRIPLE} }}",
        "comment ended by CR": f"SELECT * WHERE {{ ?s ?p ?o # x\rSERVICE <{target}> {TRIPLE} }} LIMIT 1",
        "comment ended by CRLF": f"SELECT * WHERE {{ ?s ?p ?o # x\r\nSERVICE <{target}> {TRIPLE} }} LIMIT 1",
        "comment ended by LF": f"SELECT * WHERE {{ ?s ?p ?o # x\nSERVICE <{target}> {TRIPLE} }} LIMIT 1",
        "lower case": f"select * where {{ service <{target}> {TRIPLE} }}",
        "mixed case": f"SELECT * WHERE {{ sErViCe <{target}> {TRIPLE} }}",
        "tabs and form feed": f"SELECT * WHERE {{\t?s ?p ?o .\fSERVICE\t<{target}>{TRIPLE}}}",
        "no spaces after a filter with <": f"SELECT * WHERE {{ ?s ?p ?o FILTER(1<2)SERVICE<{target}>{TRIPLE} }} LIMIT 1",
        "\\u escape": f"SELECT * WHERE {{ \\u0053ERVICE <{target}> {TRIPLE} }}",
        "\\U escape": f"SELECT * WHERE {{ \\U00000053ervice <{target}> {TRIPLE} }}",
        "escaped escape": f"SELECT * WHERE {{ \\u005Cu0053ERVICE <{target}> {TRIPLE} }}",
        "dotless i": f"SELECT * WHERE {{ servıce <{target}> {TRIPLE} }}",
        "long s": f"SELECT * WHERE {{ ſervice <{target}> {TRIPLE} }}",
        "SILENT": f"SELECT * WHERE {{ SERVICE SILENT <{target}> {TRIPLE} }}",
        "variable": f"SELECT * WHERE {{ BIND(<{target}> AS ?u) SERVICE ?u {TRIPLE} }}",
        "nested": f"SELECT * WHERE {{ {{ OPTIONAL {{ {{ SERVICE <{target}> {TRIPLE} }} }} }} }}",
        "inside SERVICE": f"SELECT * WHERE {{ SERVICE <{target}> {{ SERVICE <{target}> {TRIPLE} }} }}",
        "in a subquery": f"SELECT * WHERE {{ {{ SELECT * WHERE {{ SERVICE <{target}> {TRIPLE} }} LIMIT 1 }} }}",
        "in a union": f"SELECT * WHERE {{ {{ ?s ?p ?o }} UNION {{ SERVICE <{target}> {TRIPLE} }} }} LIMIT 1",
        "in an ASK": f"ASK {{ SERVICE <{target}> {TRIPLE} }}",
        "in a CONSTRUCT": f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ SERVICE <{target}> {TRIPLE} }}",
        "in FILTER EXISTS": f"SELECT * WHERE {{ ?s ?p ?o FILTER EXISTS {{ SERVICE <{target}> {TRIPLE} }} }} LIMIT 1",
    }


SPELLINGS = list(spellings("http://127.0.0.1:1/"))


def send(served, how: str, query: str):
    if how == "GET":
        return http(f"{served.url}/sparql?{urllib.parse.urlencode({'query': query})}")
    if how == "POST form":
        return http(f"{served.url}/sparql", urllib.parse.urlencode({"query": query}).encode(),
                    {"Content-Type": "application/x-www-form-urlencoded"})
    return http(f"{served.url}/sparql", query.encode(), {"Content-Type": "application/sparql-query"})


@pytest.mark.parametrize("how", ["GET", "POST form", "POST direct"])
@pytest.mark.parametrize("spelling", SPELLINGS)
def test_the_endpoint_refuses_service_and_sends_nothing(served, listener, spelling, how):
    status, _, body = send(served, how, spellings(listener.url)[spelling])
    time.sleep(0.1)
    assert status == 400
    assert_clean(body, "SERVICE is refused", "remove them")
    assert listener.received == []


@pytest.mark.parametrize("spelling", SPELLINGS)
def test_the_oxigraph_backend_refuses_service_and_sends_nothing(listener, spelling):
    result = run_cli("query", spellings(listener.url)[spelling], "--backend", "oxigraph")
    assert result.returncode == 2, result.stderr
    assert "SERVICE is refused" in result.stderr and "Traceback" not in result.stderr
    assert listener.received == []


def test_a_named_query_parameter_cannot_smuggle_a_service_clause(served, listener):
    smuggled = f"http://x> }} SERVICE <{listener.url}> {{ ?s ?p ?o }} #"
    status, _, body = http(f"{served.url}/queries/exercise-steps?{urllib.parse.urlencode({'exercise': smuggled})}")
    assert status == 400
    assert_clean(body, "parameter 'exercise'", "is not an IRI or an id")
    result = run_cli("query", "exercise-steps", "--backend", "oxigraph", "--param", f"exercise={smuggled}")
    assert result.returncode == 2 and "exercise" in result.stderr and "Traceback" not in result.stderr
    assert listener.received == []


def test_the_word_service_in_a_string_is_refused_too_with_the_reason(served):
    status, _, body = send(served, "POST form", 'SELECT * WHERE { ?s ?p "self-service" }')
    assert status == 400
    assert_clean(body, "anywhere in a query, even in a comment, a string or an IRI")


# -- the second wall: no network in a worker -------------------------------------------------------

def _run_service_in_a_child(target: str, sandboxed: bool) -> str:
    """Fork; in the child (optionally network-less) let Oxigraph run a SERVICE query with no text check; the
    child's error, if any."""
    import pyoxigraph as ox

    from crampkg.endpoint.nonetwork import close_inherited_sockets, forbid_network

    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:
        message = b"no error"
        try:
            os.close(read)
            if sandboxed:
                close_inherited_sockets(keep=(write,))
                forbid_network()
            store = ox.Store()
            store.add(ox.Quad(ox.NamedNode("http://a"), ox.NamedNode("http://b"), ox.NamedNode("http://c")))
            list(store.query(f"SELECT * WHERE {{ ?s ?p ?o # x\rSERVICE <{target}> {{ ?s ?p ?o }} }} LIMIT 1"))
        except BaseException as error:  # reported to the parent
            message = str(error).encode()
        finally:
            os.write(write, message[:4000])
            os._exit(0)
    os.close(write)
    with os.fdopen(read, "rb") as stream:
        message = stream.read().decode()
    os.waitpid(pid, 0)
    return message


def test_a_network_less_worker_cannot_reach_the_listener_even_when_oxigraph_runs_service(listener):
    message = _run_service_in_a_child(listener.url, sandboxed=True)
    time.sleep(0.2)
    assert "Permission denied" in message
    assert listener.received == []


def test_without_the_filter_oxigraph_does_reach_the_listener(listener):
    """The control of the test above: the same child without the filter calls the listener."""
    _run_service_in_a_child(listener.url, sandboxed=False)
    time.sleep(0.2)
    assert len(listener.received) >= 1 and listener.received[0].startswith(b"POST")


def test_every_worker_of_a_running_server_is_network_less(served):
    for pid in _worker_pids(served.process.pid):
        with open(f"/proc/{pid}/status") as status:
            fields = dict(line.split(":", 1) for line in status if ":" in line)
        assert fields["Seccomp"].strip() == "2", "seccomp filter mode"
        assert fields["NoNewPrivs"].strip() == "1"
        sockets = [name for name in os.listdir(f"/proc/{pid}/fd")
                   if os.readlink(f"/proc/{pid}/fd/{name}").startswith("socket:")]
        assert sockets == [], "a worker holds no inherited socket"


def _worker_pids(server_pid: int) -> list[int]:
    children: list[int] = []
    for task in os.listdir(f"/proc/{server_pid}/task"):
        with open(f"/proc/{server_pid}/task/{task}/children") as stream:
            children += [int(pid) for pid in stream.read().split()]
    assert children, "the server has workers"
    return children
