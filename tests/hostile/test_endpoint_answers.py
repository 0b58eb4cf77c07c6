"""Large answers and web pages, against a real ``crampkg serve``.

A large answer under the size cap arrives complete; one over it is a clean 503 with a message, never half a body.
CORS is off unless ``--cors ORIGIN`` names one origin; requests from other web pages and for other host names are
refused.
"""
from __future__ import annotations

import json
import urllib.parse

import pytest

from hostile.harness import Probe, ServeProcess, assert_clean, http, latency_summary

pytestmark = pytest.mark.slow  # a real endpoint and answers of tens of megabytes

CAP = 64 * 1024 * 1024
ALLOWED = "http://localhost:8888"


def rows_query(rows: int) -> str:
    return f"SELECT ?s ?p ?o ?a WHERE {{ ?s ?p ?o . ?a ?b ?c }} LIMIT {rows}"


@pytest.fixture(scope="module")
def server():
    """``crampkg serve`` with the default 64 MiB cap, 60 s to build large answers, one allowed web origin."""
    served = ServeProcess("--timeout", "60", "--max-bytes", str(CAP), "--cors", ALLOWED)
    yield served
    served.stop()
    assert "Traceback" not in served.stderr(), served.stderr()


def post(server, query: str, headers: dict | None = None):
    return http(f"{server.url}/sparql", urllib.parse.urlencode({"query": query}).encode(),
                {"Content-Type": "application/x-www-form-urlencoded", "Accept": "application/sparql-results+json",
                 **(headers or {})}, timeout=120)


def test_a_56_megabyte_answer_under_the_cap_arrives_complete(server):
    probe = Probe(server.url, interval=0.25, max_requests=200, max_seconds=60)
    status, headers, body = post(server, rows_query(170_000))
    results = probe.stop()
    assert status == 200, body[:300]
    assert 50_000_000 < len(body) < CAP and int(headers["Content-Length"]) == len(body)
    assert len(json.loads(body)["results"]["bindings"]) == 170_000
    assert results and all(status == 200 for status, _ in results), latency_summary(results)


def test_an_answer_over_the_cap_is_a_clean_503(server):
    status, headers, body = post(server, rows_query(220_000))
    assert status == 503 and int(headers["Content-Length"]) == len(body)
    assert_clean(body, f"larger than the limit of {CAP} bytes", "add a LIMIT", "--max-bytes")
    assert post(server, "ASK { ?s ?p ?o }")[0] == 200, "the worker was replaced"


# -- web pages ------------------------------------------------------------------------------------

def test_cors_is_off_by_default(served):
    status, headers, _ = http(f"{served.url}/sparql?query=ASK%7B%7D")
    assert status == 200
    assert not any(name.lower().startswith("access-control-") for name in headers)


def test_the_allowed_origin_may_read_answers(server):
    status, headers, _ = post(server, "ASK {}", {"Origin": ALLOWED})
    assert status == 200 and headers["Access-Control-Allow-Origin"] == ALLOWED
    status, headers, _ = http(f"{server.url}/sparql", method="OPTIONS",
                              headers={"Origin": ALLOWED, "Access-Control-Request-Method": "POST"})
    assert status == 204 and "POST" in headers["Access-Control-Allow-Methods"]


@pytest.mark.parametrize("origin", ["http://evil.example", "null", "http://localhost:8889", "https://localhost:8888"])
def test_other_web_pages_are_refused(served, server, origin):
    for endpoint in (served, server):
        status, headers, body = post(endpoint, "ASK {}", {"Origin": origin})
        assert status == 403
        assert_clean(body, "--cors ORIGIN")
        assert headers.get("Access-Control-Allow-Origin") in (None, ALLOWED)


def test_the_endpoints_own_page_may_post(served):
    assert post(served, "ASK {}", {"Origin": served.url})[0] == 200


@pytest.mark.parametrize("origin", ["*", "http://a/b", "localhost:8888", "http://x y"])
def test_a_bad_cors_option_is_a_message_and_exit_2(origin):
    from conftest import run_cli

    result = run_cli("serve", "--port", "0", "--cors", origin)
    assert result.returncode == 2 and "--cors takes one origin" in result.stderr and "Traceback" not in result.stderr
