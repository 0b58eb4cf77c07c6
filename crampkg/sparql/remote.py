"""Talk to other triple stores over HTTP: push the graph (SPARQL 1.1 Graph Store Protocol) and query an endpoint.

Only the URL the user names is contacted.
"""
from __future__ import annotations

import base64
import contextlib
import http.client
import io
import os
import socket
import threading
import time
import urllib.parse
from dataclasses import dataclass

from rdflib import Graph

from crampkg.errors import UserError
from crampkg.limits import MAX_REPLY_BYTES, PUSH_TIMEOUT, QUERY_TIMEOUT
from crampkg.sparql.engine import QueryResult, query_form


@dataclass(frozen=True)
class Credentials:
    """HTTP Basic user and password, or a bearer token."""

    user: str | None = None
    password: str | None = None
    token: str | None = None

    @classmethod
    def from_options(cls, user: str | None, password: str | None) -> Credentials:
        """From ``--user``/``--password``, else ``$CRAMPKG_PASSWORD``, else a token in ``$CRAMPKG_TOKEN``."""
        return cls(user, password or os.environ.get("CRAMPKG_PASSWORD"), os.environ.get("CRAMPKG_TOKEN"))

    def headers(self) -> dict[str, str]:
        """The Authorization header these credentials send (none without credentials)."""
        if self.user is not None:
            secret = base64.b64encode(f"{self.user}:{self.password or ''}".encode()).decode()
            return {"Authorization": f"Basic {secret}"}
        if self.token:
            return {"Authorization": f"Bearer {self.token}"}
        return {}


class _Deadline:
    """A point in time that every request of one command must finish by."""

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self.at = time.monotonic() + seconds

    def remaining(self) -> float:
        return self.at - time.monotonic()


def _open(parts: urllib.parse.SplitResult, host: str, timeout: float) -> http.client.HTTPConnection:
    if parts.scheme == "https":
        return http.client.HTTPSConnection(host, parts.port, timeout=timeout)
    return http.client.HTTPConnection(host, parts.port, timeout=timeout)


def _abort(connection: http.client.HTTPConnection) -> None:
    """Called by the deadline's timer: shut the socket so that a blocked read returns at once."""
    sock = connection.sock
    if sock is not None:
        with contextlib.suppress(OSError):
            sock.shutdown(socket.SHUT_RDWR)


def _request(url: str, method: str, body: bytes | None, headers: dict[str, str], deadline: _Deadline,
             max_bytes: int) -> tuple[int, bytes, str]:
    """One HTTP exchange with ``url``, finished by ``deadline`` and reading at most ``max_bytes``; no redirect is followed."""
    parts = urllib.parse.urlsplit(url)
    host = parts.hostname
    if parts.scheme not in ("http", "https") or not host:
        raise UserError(f"{url!r} is not an http:// or https:// address; give the store's full URL")
    if deadline.remaining() <= 0:
        raise _too_slow(method, url, deadline)
    try:
        connection = _open(parts, host, deadline.remaining())
    except ValueError as error:  # a malformed port
        raise UserError(f"{url!r} is not a valid address: {error}") from None
    timer = threading.Timer(deadline.remaining(), _abort, args=(connection,))
    timer.daemon = True
    timer.start()
    try:
        target = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
        connection.request(method, target, body=body, headers=headers)
        response = connection.getresponse()
        data = _read_capped(response, max_bytes, method, url)
        if deadline.remaining() <= 0:  # the timer shut the socket: what was read is incomplete
            raise _too_slow(method, url, deadline)
        status, content_type, location = response.status, response.getheader("Content-Type", ""), response.getheader("Location")
    except (OSError, http.client.HTTPException) as error:
        if deadline.remaining() <= 0:
            raise _too_slow(method, url, deadline) from None
        raise UserError(f"cannot reach {url}: {getattr(error, 'strerror', None) or error or type(error).__name__}") from None
    finally:
        timer.cancel()
        connection.close()
    if 300 <= status < 400:
        raise UserError(f"{method} {url} answered HTTP {status}, a redirect to {location!r}; crampkg follows no redirects: "
                        "give that address yourself if you trust it")
    if status >= 400:
        detail = data.decode("utf-8", errors="replace").strip()[:500]
        raise UserError(f"{method} {url} answered HTTP {status}: {detail or http.client.responses.get(status, '')}")
    return status, data, content_type


def _too_slow(method: str, url: str, deadline: _Deadline) -> UserError:
    return UserError(f"{method} {url}: no complete answer within {deadline.seconds:g} s; the store is slow or stalled "
                     "(allow more time with --timeout SECONDS)")


def _read_capped(response: http.client.HTTPResponse, max_bytes: int, method: str, url: str) -> bytes:
    declared = response.getheader("Content-Length")
    too_big = UserError(f"{method} {url}: the answer is larger than {max_bytes} bytes and was not read "
                        "(allow more with --max-bytes BYTES if it is expected)")
    if declared and declared.isdigit() and int(declared) > max_bytes:
        raise too_big
    chunks: list[bytes] = []
    size = 0
    while True:
        chunk = response.read(64 * 1024)
        if not chunk:
            return b"".join(chunks)
        size += len(chunk)
        if size > max_bytes:
            raise too_big
        chunks.append(chunk)


def graph_url(store_url: str, graph_iri: str | None) -> str:
    """The Graph Store Protocol address of a named graph (or of the default graph)."""
    separator = "&" if "?" in store_url else "?"
    if graph_iri:
        return f"{store_url}{separator}{urllib.parse.urlencode({'graph': graph_iri})}"
    return f"{store_url}{separator}default"


def push(graph: Graph, store_url: str, graph_iri: str | None, credentials: Credentials, timeout: float = PUSH_TIMEOUT,
         max_bytes: int = MAX_REPLY_BYTES) -> int:
    """Replace the named graph at ``store_url`` with ``graph`` (HTTP PUT), then count its triples back.

    Upload and count-back together must finish within ``timeout`` seconds, and no reply may exceed ``max_bytes``.
    Returns the number of triples the store holds in that graph; raises when it differs from ``len(graph)``.
    """
    deadline = _Deadline(timeout)
    url = graph_url(store_url, graph_iri)
    body = graph.serialize(format="nt", encoding="utf-8")
    headers = {"Content-Type": "application/n-triples", **credentials.headers()}
    _request(url, "PUT", body, headers, deadline, max_bytes)
    _, data, content_type = _request(url, "GET", None, {"Accept": "application/n-triples", **credentials.headers()}, deadline, max_bytes)
    stored = _parse_graph(data, content_type, f"GET {url}")
    if len(stored) != len(graph):
        raise UserError(f"pushed {len(graph)} triples to {url}, but the store holds {len(stored)}")
    return len(stored)


def _parse_graph(data: bytes, content_type: str, what: str) -> Graph:
    """The graph in a store's reply (N-Triples, or Turtle when it says so); malformed data is a clear error."""
    from crampkg.sparql.backends import graph_from_ntriples

    try:
        if "turtle" in content_type:
            return Graph().parse(data=data.decode("utf-8"), format="turtle")
        return graph_from_ntriples(data)
    except Exception as error:  # each parser raises its own kinds (SyntaxError, BadSyntax, UnicodeDecodeError, ...)
        kind = "Turtle" if "turtle" in content_type else "N-Triples"
        detail = " ".join(str(error).split())[:300]
        raise UserError(f"{what}: the answer is not valid {kind} ({detail}); is this the store's Graph Store Protocol address?") from None


def query_endpoint(url: str, text: str, credentials: Credentials | None = None, timeout: float = QUERY_TIMEOUT,
                   max_bytes: int = MAX_REPLY_BYTES) -> QueryResult:
    """Run a query at a remote SPARQL 1.1 endpoint (finished within ``timeout`` seconds) and read the answer."""
    form = query_form(text)  # a syntax error is reported here, before anything is sent
    graph_form = form in ("CONSTRUCT", "DESCRIBE")
    accept = "application/n-triples, text/turtle;q=0.9" if graph_form else "application/sparql-results+json"
    headers = {"Accept": accept, "Content-Type": "application/x-www-form-urlencoded", **(credentials or Credentials()).headers()}
    body = urllib.parse.urlencode({"query": text}).encode()
    _, data, content_type = _request(url, "POST", body, headers, _Deadline(timeout), max_bytes)
    if graph_form:
        return QueryResult(kind=form, graph=_parse_graph(data, content_type, f"POST {url}"))
    try:
        return result_from_json(data)
    except Exception as error:  # rdflib's JSON result reader raises ValueError, KeyError, TypeError, ...
        raise UserError(f"POST {url}: the answer is not SPARQL JSON results ({type(error).__name__}: {str(error)[:200]})") from None


def result_from_json(data: bytes) -> QueryResult:
    """A :class:`QueryResult` from SPARQL 1.1 Query Results JSON."""
    from rdflib.query import Result

    result = Result.parse(io.BytesIO(data), format="json")
    if result.type == "ASK":
        return QueryResult(kind="ASK", boolean=bool(result.askAnswer))
    names = result.vars or []
    variables = [str(v) for v in names]
    return QueryResult(kind="SELECT", variables=variables, rows=[tuple(row.get(v) for v in names) for row in result.bindings])
