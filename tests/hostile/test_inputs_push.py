"""``crampkg push`` and ``query --endpoint`` against hostile stores on 127.0.0.1: a trickling reply, a huge
reply, garbage, errors and redirects. Each ends within the deadline with exit 2 and a message, no traceback."""
from __future__ import annotations

import http.server
import time

import pytest

from conftest import copy_mini
from hostile.inputs_support import LoopbackServer, assert_clean_refusal, run_cli

pytestmark = pytest.mark.slow  # hostile stores that trickle or stall

TRICKLE_SECONDS = 20  # each trickling answer stops by itself after this long


class _Store(http.server.BaseHTTPRequestHandler):
    """Accepts every PUT; what GET answers is chosen by the subclass."""

    protocol_version = "HTTP/1.1"

    def do_PUT(self) -> None:
        self.rfile.read(int(self.headers.get("Content-Length", 0)))
        self.send_response(204)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def reply(self, status: int, body: bytes, content_type: str = "application/n-triples", **headers: str) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        for name, value in headers.items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(body)


class Trickling(_Store):
    def do_GET(self) -> None:
        self.send_response(200)
        self.send_header("Content-Type", "application/n-triples")
        self.send_header("Content-Length", "100000")
        self.end_headers()
        stop = time.monotonic() + TRICKLE_SECONDS
        while time.monotonic() < stop:
            self.wfile.write(b"<")
            self.wfile.flush()
            time.sleep(0.2)


class TricklingHeaders(_Store):
    def do_PUT(self) -> None:
        self.rfile.read(int(self.headers.get("Content-Length", 0)))
        self.wfile.write(b"HTTP/1.1 204 No Content\r\n")
        stop = time.monotonic() + TRICKLE_SECONDS
        while time.monotonic() < stop:
            self.wfile.write(b"X-Slow: 1\r\n")
            self.wfile.flush()
            time.sleep(0.2)


class HugeDeclared(_Store):
    def do_GET(self) -> None:
        self.send_response(200)
        self.send_header("Content-Length", str(10 * 1024 ** 3))
        self.end_headers()
        self.wfile.write(b"<a> <b> <c> .\n" * 1000)


class HugeUndeclared(_Store):
    def do_GET(self) -> None:
        self.send_response(200)
        self.send_header("Connection", "close")
        self.end_headers()
        line = b"<http://x/a> <http://x/b> <http://x/c> .\n" * 1000
        for _ in range(200):  # 8 MB, more than the --max-bytes of the test
            self.wfile.write(line)


class Garbage(_Store):
    def do_GET(self) -> None:
        self.reply(200, b"\x00\xff this is <not N-Triples")


class ServerError(_Store):
    def do_PUT(self) -> None:
        self.rfile.read(int(self.headers.get("Content-Length", 0)))
        self.reply(500, b"store exploded", "text/plain")


class Redirect(_Store):
    def do_PUT(self) -> None:
        self.rfile.read(int(self.headers.get("Content-Length", 0)))
        self.reply(307, b"", "text/plain", Location="http://127.0.0.1:9/elsewhere")


class Undercount(_Store):
    def do_GET(self) -> None:
        self.reply(200, b"<http://x/a> <http://x/b> <http://x/c> .\n")


class BadJson(_Store):
    def do_POST(self) -> None:
        self.rfile.read(int(self.headers.get("Content-Length", 0)))
        self.reply(200, b'{"head": {"vars": ["x"]}, "results": {"bindings": [{"x": 5}]}}', "application/sparql-results+json")


CASES = {
    "trickling reply": (Trickling, ["--timeout", "3"], ["no complete answer within 3 s", "--timeout SECONDS"]),
    "trickling headers": (TricklingHeaders, ["--timeout", "3"], ["no complete answer within 3 s"]),
    "huge declared reply": (HugeDeclared, [], ["the answer is larger than", "--max-bytes"]),
    "huge streamed reply": (HugeUndeclared, ["--max-bytes", "1000000"], ["the answer is larger than 1000000 bytes"]),
    "garbage reply": (Garbage, [], ["the answer is not valid N-Triples", "Graph Store Protocol address"]),
    "HTTP 500": (ServerError, [], ["answered HTTP 500: store exploded"]),
    "redirect": (Redirect, [], ["answered HTTP 307", "follows no redirects"]),
    "count differs": (Undercount, [], ["but the store holds 1"]),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_hostile_store_is_a_clean_exit_2(case, tmp_path):
    handler, options, expected = CASES[case]
    with LoopbackServer(handler) as store:
        run = run_cli("push", f"{store.url}/store", "--sources", str(copy_mini(tmp_path)), *options, timeout=120)
    assert_clean_refusal(run, *expected)
    assert run.seconds < TRICKLE_SECONDS, "the deadline ended it, not the server"
    assert store.requests and all(request.startswith(("PUT /store", "GET /store")) for request in store.requests)


def test_push_only_speaks_http():
    run = run_cli("push", "file:///etc/passwd")
    assert_clean_refusal(run, "is not an http:// or https:// address")


def test_a_malformed_endpoint_answer_is_a_message(tmp_path):
    with LoopbackServer(BadJson) as endpoint:
        run = run_cli("query", "SELECT ?x WHERE { ?x ?p ?o }", "--endpoint", f"{endpoint.url}/sparql")
    assert_clean_refusal(run, "the answer is not SPARQL JSON results")
