"""Request framing against a real ``crampkg serve``: every malformed or oversized request gets one clean answer,
silent and slow connections are closed, and the server keeps answering a probe throughout."""
from __future__ import annotations

import socket
import time
import urllib.parse

import pytest

from hostile.harness import LOOPBACK, Probe, ServeProcess, assert_clean, http, raw_exchange, statuses

pytestmark = pytest.mark.slow  # a real endpoint, and clients that wait out its timeouts

ASK = b"ASK { ?s ?p ?o }"
CONNECTION_TIMEOUT = 2.0


@pytest.fixture(scope="module")
def server():
    """``crampkg serve`` that closes connections silent for 2 s; a probe runs for the whole module."""
    served = ServeProcess("--timeout", "5", "--connection-timeout", str(CONNECTION_TIMEOUT))
    probe = Probe(served.url, interval=0.5, max_requests=600, max_seconds=240)
    yield served
    results = probe.stop()
    served.stop()
    assert results and all(status == 200 for status, _ in results), results
    assert "Traceback" not in served.stderr(), served.stderr()


def request(server, head: str, body: bytes = b"") -> bytes:
    return raw_exchange(server.port, head.replace("HOST", f"{LOOPBACK}:{server.port}").encode("latin-1") + body)


def post_head(length: str, extra: str = "") -> str:
    return (f"POST /sparql HTTP/1.1\r\nHost: HOST\r\nContent-Type: application/sparql-query\r\n"
            f"Content-Length: {length}\r\n{extra}Connection: close\r\n\r\n")


@pytest.mark.parametrize("length", ["-1", "abc", "+5", "1e3", "0x10", "16, 16"])
def test_a_malformed_content_length_is_a_400(server, length):
    answer = request(server, post_head(length), ASK)
    assert statuses(answer) == [400]
    assert_clean(answer, "Content-Length")


def test_two_different_content_lengths_are_a_400(server):
    answer = request(server, post_head("16", "Content-Length: 3\r\n"), ASK)
    assert statuses(answer) == [400]


def test_a_body_over_the_request_cap_is_a_413(server):
    answer = request(server, post_head(str(300 * 1024)), b"#" * (300 * 1024))
    assert statuses(answer) == [413]
    assert_clean(answer, "larger than 262144 bytes")


def test_a_huge_body_is_a_413_before_it_is_read(server):
    answer = request(server, post_head(str(200 * 1024 * 1024)), b"#" * 1024)
    assert statuses(answer) == [413]
    assert_clean(answer, "exceeds")


def chunked(body: bytes, size: int = 5) -> bytes:
    parts = [body[i:i + size] for i in range(0, len(body), size)]
    return b"".join(b"%x\r\n%s\r\n" % (len(part), part) for part in parts) + b"0\r\n\r\n"


def test_a_chunked_body_is_read_as_the_query_and_answered_once(server):
    head = ("POST /sparql HTTP/1.1\r\nHost: HOST\r\nContent-Type: application/sparql-query\r\n"
            "Accept: application/sparql-results+json\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n")
    answer = request(server, head, chunked(ASK))
    assert statuses(answer) == [200]
    assert answer.endswith(b'"boolean":true}')


def test_a_chunked_body_over_the_cap_is_a_413(server):
    head = ("POST /sparql HTTP/1.1\r\nHost: HOST\r\nContent-Type: application/sparql-query\r\n"
            "Transfer-Encoding: chunked\r\nConnection: close\r\n\r\n")
    answer = request(server, head, chunked(b"#" * (300 * 1024), size=64 * 1024))
    assert statuses(answer) == [413]


def test_a_malformed_chunk_is_a_400(server):
    head = ("POST /sparql HTTP/1.1\r\nHost: HOST\r\nContent-Type: application/sparql-query\r\n"
            "Transfer-Encoding: chunked\r\nConnection: close\r\n\r\n")
    answer = request(server, head, b"zz\r\nASK {}\r\n0\r\n\r\n")
    assert statuses(answer) == [400]


def test_pipelined_requests_get_one_answer_each_in_order(server):
    one = "GET /sparql?query=ASK%7B%7D HTTP/1.1\r\nHost: HOST\r\n\r\n"
    missing = "GET /nothing HTTP/1.1\r\nHost: HOST\r\nConnection: close\r\n\r\n"
    assert statuses(request(server, one + missing)) == [200, 404]


@pytest.mark.parametrize("raw", ["GARBAGE\r\n\r\n", "GET\r\n\r\n", "GET / HTTP/1.1\r\nHost: HOST\r\nBad Header\r\n\r\n",
                                 "GET / HTTP/1.1\r\nHost: HOST\r\nTransfer-Encoding: gzip\r\n\r\n"])
def test_a_malformed_request_is_a_400(server, raw):
    answer = request(server, raw)
    assert statuses(answer) in ([400], [501])
    assert_clean(answer)


def test_an_unknown_http_version_is_answered_once_as_http_1_0_and_closed(server):
    answer = request(server, "GET /queries HTTP/9.9\r\nHost: HOST\r\n\r\n")
    assert answer.startswith(b"HTTP/1.0 200 OK\r\nConnection: close\r\n") and statuses(answer) == [200]


def test_headers_over_the_cap_are_refused(server):
    answer = request(server, "GET / HTTP/1.1\r\nHost: HOST\r\nX-Filler: " + "a" * (2 << 20) + "\r\n\r\n")
    assert statuses(answer) and statuses(answer)[0] in (400, 413, 431)


@pytest.mark.parametrize("host", ["evil.example", "127.0.0.1:1", "x> . <http://evil/> a <y", ""])
def test_a_foreign_host_header_is_refused_not_echoed_into_rdf(server, host):
    head = f"GET /sparql HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n" if host else \
        "GET /sparql HTTP/1.1\r\nConnection: close\r\n\r\n"
    answer = raw_exchange(server.port, head.encode())
    assert statuses(answer) == [421]
    assert_clean(answer, f"http://127.0.0.1:{server.port}/sparql")


def test_the_service_description_names_the_bound_address_whatever_the_host(server):
    for host in (f"localhost:{server.port}", f"127.0.0.1:{server.port}"):
        answer = raw_exchange(server.port, f"GET /sparql HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n".encode())
        assert statuses(answer) == [200]
        assert f"<http://127.0.0.1:{server.port}/sparql> a sd:Service".encode() in answer


def test_head_has_no_body(server):
    answer = request(server, "HEAD /sparql?query=ASK%7B%7D HTTP/1.1\r\nHost: HOST\r\nConnection: close\r\n\r\n")
    assert statuses(answer) == [200] and answer.endswith(b"\r\n\r\n")


@pytest.mark.parametrize("method", ["PUT", "DELETE", "PATCH"])
def test_writing_methods_are_a_405(server, method):
    status, _, body = http(f"{server.url}/sparql", b"x", {"Content-Type": "text/turtle"}, method=method)
    assert status == 405
    assert_clean(body, "read-only")


@pytest.mark.parametrize("value", ["http://a b", "http://x>", "<>", "\\u003e"])
def test_a_malformed_iri_parameter_of_a_named_query_is_a_400(server, value):
    status, _, body = http(f"{server.url}/queries/exercise-steps?{urllib.parse.urlencode({'exercise': value})}")
    assert status == 400 or status == 200  # a value without '://' names a resource, which simply matches nothing
    if status == 400:
        assert_clean(body, "parameter 'exercise'")


def test_a_repeated_named_query_parameter_is_a_400(server):
    status, _, body = http(f"{server.url}/queries/exercise-steps?exercise=a&exercise=b")
    assert status == 400
    assert_clean(body, "once")


def test_invalid_percent_encoding_and_utf8_are_answered(server):
    for query in ("%ZZ", "%C3%28", "%00"):
        answer = request(server, f"GET /sparql?query={query} HTTP/1.1\r\nHost: HOST\r\nConnection: close\r\n\r\n")
        assert statuses(answer) == [400]
        assert_clean(answer, "not valid SPARQL")


# -- connections that say nothing or read nothing ---------------------------------------------------

def seconds_until_closed(connection: socket.socket, limit: float) -> float:
    started = time.monotonic()
    connection.settimeout(limit)
    try:
        while connection.recv(1 << 20):
            pass
    except (TimeoutError, ConnectionResetError):
        pass
    return time.monotonic() - started


@pytest.mark.parametrize("sent", [b"", b"GET /sparql?query=ASK%7B%7D HTTP/1.1\r\nHost: 127.0.0.1"], ids=["silent", "half a request"])
def test_a_connection_that_says_nothing_is_closed(server, sent):
    with socket.create_connection((LOOPBACK, server.port), timeout=5) as connection:
        connection.sendall(sent)
        assert seconds_until_closed(connection, 20) < 20


def test_clients_that_stop_reading_are_dropped_and_their_answers_wait_on_disk(server):
    """Two rounds of six readers that never read a 12 MB answer: the server drops them after the connection
    timeout, and memory does not grow with the rounds (the answers wait in temporary files, not in memory)."""
    big = urllib.parse.quote("SELECT ?s ?p ?o ?a WHERE { ?s ?p ?o . ?a ?b ?c } LIMIT 40000")
    head = f"GET /sparql?query={big} HTTP/1.1\r\nHost: {LOOPBACK}:{server.port}\r\n\r\n".encode()
    resident = [resident_kib(server.process.pid)]
    for _ in range(2):
        readers = []
        try:
            for _ in range(6):
                connection = socket.socket()
                connection.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
                connection.settimeout(5)
                connection.connect((LOOPBACK, server.port))
                connection.sendall(head)
                readers.append(connection)
            time.sleep(CONNECTION_TIMEOUT + 10)
            resident.append(resident_kib(server.process.pid))
            drained = [drain(connection, 10) for connection in readers]
        finally:
            for connection in readers:
                connection.close()
        # Each reader is either cut off before the whole answer, or (on a busy machine the answer may have been ready
        # only late) closed by the server once idle: no connection is held open.
        assert all(closed for _, closed in drained), f"the server still holds readers open: {[len(d) for d, _ in drained]}"
    print(f"\nresident memory of the server (KiB): {resident}")
    assert resident[1] - resident[0] < 32 * 1024, "far less than the 72 MB of answers waiting"
    assert resident[2] - resident[1] < 16 * 1024, "no growth from one round to the next"


def drain(connection: socket.socket, seconds: float) -> tuple[bytes, bool]:
    """What can still be read until the server's close (bounded in time), and whether the server closed."""
    data = bytearray()
    deadline = time.monotonic() + seconds
    connection.settimeout(1)
    while time.monotonic() < deadline:
        try:
            chunk = connection.recv(1 << 20)
        except TimeoutError:
            continue
        except ConnectionResetError:
            return bytes(data), True
        if not chunk:
            return bytes(data), True
        data += chunk
    return bytes(data), False


def resident_kib(pid: int) -> int:
    with open(f"/proc/{pid}/status") as status:
        return int(next(line for line in status if line.startswith("VmRSS:")).split()[1])
