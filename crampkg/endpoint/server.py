"""``crampkg serve``: the SPARQL 1.1 Protocol (query part) over HTTP, read-only, with a real timeout.

Routes: ``/sparql`` (GET ``?query=``, POST form or ``application/sparql-query``; without a query, the service
description), ``/queries`` (the named queries as JSON), ``/queries/NAME?param=value`` (run one), ``/`` (a page).
Updates, ``LOAD`` and ``SERVICE`` are refused with a 4xx; every query runs in a child process that is killed
when the time limit passes.
"""
from __future__ import annotations

import sys
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, unquote, urlsplit

from crampkg.endpoint import pages
from crampkg.endpoint.sandbox import Answer, WorkerPool

MAX_QUERY_BYTES = 256 * 1024


@dataclass
class Settings:
    """Limits of the endpoint."""

    timeout: float = 10.0
    max_bytes: int = 64 * 1024 * 1024
    workers: int = 4


class SparqlServer(ThreadingHTTPServer):
    """An HTTP server holding the Oxigraph store and the limits."""

    daemon_threads = True
    request_queue_size = 128

    def __init__(self, address: tuple[str, int], store, settings: Settings):
        self.pool = WorkerPool(store, settings.workers, settings.timeout, settings.max_bytes)
        super().__init__(address, SparqlHandler)
        self.settings = settings

    def server_close(self) -> None:
        super().server_close()
        self.pool.close()


class SparqlHandler(BaseHTTPRequestHandler):
    """One request of the SPARQL protocol."""

    server: SparqlServer
    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args) -> None:  # noqa: A002 - http.server's signature
        if getattr(self.server, "verbose", False):
            super().log_message(format, *args)

    # -- helpers -------------------------------------------------------------------------------
    def _send(self, answer: Answer) -> None:
        self.send_response(answer.status)
        self.send_header("Content-Type", answer.content_type)
        self.send_header("Content-Length", str(len(answer.body)))
        self.send_header("Access-Control-Allow-Origin", "*")
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(answer.body)

    def _fail(self, status: int, message: str) -> None:
        self._send(Answer(status, "text/plain; charset=utf-8", (message + "\n").encode("utf-8")))

    def _run(self, text: str, params: dict[str, list[str]], substitutions: dict[str, str] | None = None) -> None:
        requested = params.get("format", [None])[0]
        self._send(self.server.pool.run(text, substitutions or {}, self.headers.get("Accept"), requested))

    def _body(self) -> bytes | None:
        length = int(self.headers.get("Content-Length") or 0)
        if length > MAX_QUERY_BYTES:
            self._discard(length)
            self._fail(413, f"the request body is larger than {MAX_QUERY_BYTES} bytes")
            return None
        return self.rfile.read(length) if length else b""

    def _discard(self, length: int) -> None:
        """Read and drop a refused body (up to 16 MiB), so that the client reads our answer instead of a reset."""
        remaining = min(length, 16 * 1024 * 1024)
        while remaining > 0:
            chunk = self.rfile.read(min(remaining, 1 << 16))
            if not chunk:
                break
            remaining -= len(chunk)
        if length > 16 * 1024 * 1024:
            self.close_connection = True

    # -- methods -------------------------------------------------------------------------------
    def do_GET(self) -> None:  # noqa: N802 - http.server's naming
        url = urlsplit(self.path)
        params = parse_qs(url.query, keep_blank_values=True)
        if url.path == "/":
            self._send(Answer(200, "text/html; charset=utf-8", pages.query_page()))
        elif url.path == "/queries":
            self._send(Answer(200, "application/json", pages.catalog_json()))
        elif url.path.startswith("/queries/"):
            self._named(unquote(url.path[len("/queries/"):]), params)
        elif url.path == "/sparql":
            if "update" in params:
                self._fail(403, "this endpoint is read-only: SPARQL updates are refused")
            elif "query" not in params:
                host = self.headers.get("Host", "127.0.0.1")
                self._send(Answer(200, "text/turtle; charset=utf-8", pages.service_description(f"http://{host}/sparql")))
            elif len(params["query"]) != 1:
                self._fail(400, "give exactly one 'query' parameter")
            elif len(params["query"][0].encode("utf-8")) > MAX_QUERY_BYTES:
                self._fail(413, f"the query is larger than {MAX_QUERY_BYTES} bytes")
            else:
                self._run(params["query"][0], params)
        else:
            self._fail(404, "not found: use /sparql, /queries or /")

    do_HEAD = do_GET  # noqa: N815

    def do_POST(self) -> None:  # noqa: N802
        url = urlsplit(self.path)
        if url.path != "/sparql":
            self._fail(404, "POST queries to /sparql")
            return
        body = self._body()
        if body is None:
            return
        params = parse_qs(url.query, keep_blank_values=True)
        kind = (self.headers.get("Content-Type") or "").split(";")[0].strip().lower()
        if kind == "application/sparql-update":
            self._fail(403, "this endpoint is read-only: SPARQL updates are refused")
        elif kind == "application/sparql-query":
            self._run(body.decode("utf-8", errors="replace"), params)
        elif kind == "application/x-www-form-urlencoded":
            form = parse_qs(body.decode("utf-8", errors="replace"), keep_blank_values=True)
            if "update" in form:
                self._fail(403, "this endpoint is read-only: SPARQL updates are refused")
            elif len(form.get("query", [])) != 1:
                self._fail(400, "give exactly one 'query' field")
            else:
                self._run(form["query"][0], {**params, **form})
        else:
            self._fail(415, "send application/sparql-query or application/x-www-form-urlencoded")

    def do_PUT(self) -> None:  # noqa: N802
        self._fail(405, "this endpoint is read-only")

    do_DELETE = do_PUT  # noqa: N815

    def _named(self, name: str, params: dict[str, list[str]]) -> None:
        from crampkg.catalog import get_named_query
        from crampkg.errors import UserError
        from crampkg.querying import bindings_for, without_bound_defaults

        try:
            named = get_named_query(name)
            values = {k: v[0] for k, v in params.items() if k != "format"}
            bindings = bindings_for(named, values)
        except UserError as error:
            self._fail(404 if "no named query" in str(error) else 400, str(error))
            return
        self._run(without_bound_defaults(named.text, bindings), params, {str(k): v.n3() for k, v in bindings.items()})


def make_server(host: str, port: int, settings: Settings, reasoning: str = "all") -> SparqlServer:
    """A server on ``host:port`` over the cached graph (loaded into Oxigraph, which the workers inherit)."""
    import crampkg.endpoint.negotiation  # noqa: F401 - imported once here, not in every worker
    import crampkg.querying  # noqa: F401
    from crampkg.api import load
    from crampkg.backends import oxigraph_store

    store = oxigraph_store(load(reasoning=reasoning))
    return SparqlServer((host, port), store, settings)


def serve(host: str, port: int, settings: Settings, reasoning: str = "all") -> None:
    """Serve until interrupted."""
    server = make_server(host, port, settings, reasoning)
    actual_host, actual_port = server.server_address[:2]
    print(f"crampkg SPARQL endpoint on http://{actual_host}:{actual_port}/sparql (query page: http://{actual_host}:{actual_port}/)",
          file=sys.stderr, flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
