"""The SPARQL 1.1 Protocol (query part) as a WSGI application: routing, request checks, CORS.

Routes: ``/sparql`` (GET ``?query=``, POST form or ``application/sparql-query``; without a query, the service
description, or the query page for a browser), ``/queries`` (the named queries as JSON), ``/queries/NAME?param=value``
(run one; ``query=`` runs an edited text of it with the same parameters), ``/`` (the YASGUI query page), and the
Linked Data routes of :mod:`crampkg.endpoint.linked` (``/resource/ID``, ``/ontology``, ``/.well-known/void``, ``/static``).
Updates and ``LOAD`` are refused with 403/400, SERVICE with 400 (by the workers). Framing, body size and
connection timeouts are the HTTP server's job (:mod:`crampkg.endpoint.server`).

Browsers: requests are answered only when their ``Host`` names this endpoint (no DNS rebinding) and, when they carry
an ``Origin``, when it is this endpoint's own origin or the one allowed with ``--cors``. Without ``--cors`` no
``Access-Control-Allow-Origin`` header is sent.
"""
from __future__ import annotations

import time
from collections.abc import Callable, Iterable
from http import HTTPStatus
from urllib.parse import parse_qs

from crampkg.endpoint import pages
from crampkg.endpoint.dataset import LinkedData
from crampkg.endpoint.sandbox import Answer, WorkerPool, error_answer

MAX_QUERY_BYTES = 256 * 1024
READ_ONLY = "this endpoint is read-only: SPARQL updates are refused"
LOOPBACK_NAMES = ("127.0.0.1", "localhost", "[::1]")


def _text(value: bytes | str) -> str:
    return value.decode("utf-8", errors="replace") if isinstance(value, bytes) else value


class SparqlApp:
    """The endpoint's WSGI application over a :class:`WorkerPool`."""

    def __init__(self, pool: WorkerPool, host: str, port: int, cors: str | None = None,
                 articles: dict[str, str | None] | None = None, linked: LinkedData | None = None):
        self.pool = pool
        self.linked = linked
        self.articles = articles or {}
        """The graph of each article id in the store (``None``: the default graph), for ``?article=ID``."""
        self.cors = cors
        shown = f"[{host}]" if ":" in host else host
        self.endpoint_url = f"http://{shown}:{port}/sparql"
        self.origins = {f"http://{shown}:{port}"}
        self.hosts: set[str] | None = {f"{shown}:{port}"}
        if host in ("127.0.0.1", "::1", "localhost"):
            self.hosts |= {f"{name}:{port}" for name in LOOPBACK_NAMES}
            self.origins |= {f"http://{name}:{port}" for name in LOOPBACK_NAMES}
        elif host in ("0.0.0.0", "::", ""):
            self.hosts = None  # every address of the machine: any Host is this endpoint

    def __call__(self, environ: dict, start_response: Callable) -> Iterable[bytes]:
        """Answer one WSGI request: refused, or routed by method and path; never with a traceback."""
        arrived = time.monotonic()
        try:
            answer = self._refusal(environ) or self._route(environ, arrived)
        except Exception:  # a request never gets a traceback
            answer = error_answer(500, "the endpoint could not answer this request; if it happens again, report it "
                                       "(see SECURITY.md) with the request")
        headers = [("Content-Type", answer.content_type), ("Content-Length", str(len(answer.body))),
                   ("X-Content-Type-Options", "nosniff")]
        if self.cors:
            headers += [("Access-Control-Allow-Origin", self.cors), ("Vary", "Origin")]
            if environ["REQUEST_METHOD"] == "OPTIONS":
                headers += [("Access-Control-Allow-Methods", "GET, POST"),
                            ("Access-Control-Allow-Headers", "Content-Type, Accept"), ("Access-Control-Max-Age", "600")]
        if answer.status == 503:
            headers.append(("Retry-After", "1"))
        start_response(f"{answer.status} {HTTPStatus(answer.status).phrase}", headers)
        return [b"" if environ["REQUEST_METHOD"] == "HEAD" else answer.body]

    # -- checks before routing ------------------------------------------------------------------
    def _refusal(self, environ: dict) -> Answer | None:
        host = environ.get("HTTP_HOST", "").lower()
        if self.hosts is not None and host not in self.hosts:
            return error_answer(421, f"this endpoint answers requests for {self.endpoint_url} only (Host header "
                                     f"{host[:100]!r}); use that address")
        origin = environ.get("HTTP_ORIGIN")
        if origin is not None and origin not in self.origins and origin != self.cors:
            return error_answer(403, f"requests from web pages of {origin[:100]!r} are refused; to allow one origin, "
                                     "start the endpoint with crampkg serve --cors ORIGIN")
        return None

    # -- routing ---------------------------------------------------------------------------------
    def _route(self, environ: dict, arrived: float) -> Answer:
        method, path = environ["REQUEST_METHOD"], _text(environ.get("PATH_INFO", "/").encode("latin-1"))
        params = parse_qs(_text(environ.get("QUERY_STRING", "").encode("latin-1")), keep_blank_values=True)
        if method == "OPTIONS" and self.cors:
            return Answer(204, "text/plain; charset=utf-8", b"")
        if method in ("GET", "HEAD"):
            return self._get(path, params, environ, arrived)
        if method == "POST":
            if path != "/sparql":
                return error_answer(404, "POST queries to /sparql")
            return self._post(params, environ, arrived)
        return error_answer(405, "this endpoint is read-only: use GET or POST")

    def _get(self, path: str, params: dict[str, list[str]], environ: dict, arrived: float) -> Answer:
        if path == "/":
            return Answer(200, "text/html; charset=utf-8", pages.query_page())
        if path == "/queries":
            return Answer(200, "application/json", pages.catalog_json())
        if path.startswith("/queries/"):
            return self._named(path[len("/queries/"):], params, environ, arrived)
        if self.linked is not None and path != "/sparql":
            from crampkg.endpoint.linked import linked_answer

            requested = params.get("format", [None])[0]
            answer = linked_answer(self.linked, path, environ.get("HTTP_ACCEPT"), requested, self.endpoint_url)
            if answer is not None:
                return answer
        if path != "/sparql":
            return error_answer(404, "not found: use /sparql, /queries, /resource/ID, /ontology, /.well-known/void or /")
        if "update" in params:
            return error_answer(403, READ_ONLY)
        if "query" not in params:
            if "text/html" in environ.get("HTTP_ACCEPT", "").lower():  # a browser: the query page
                return Answer(200, "text/html; charset=utf-8", pages.query_page())
            return Answer(200, "text/turtle; charset=utf-8", pages.service_description(self.endpoint_url))
        return self._query(params["query"], params, environ, arrived)

    def _post(self, params: dict[str, list[str]], environ: dict, arrived: float) -> Answer:
        body = environ["wsgi.input"].read()
        if len(body) > MAX_QUERY_BYTES:
            return error_answer(413, f"the request body is larger than {MAX_QUERY_BYTES} bytes; shorten the query")
        kind = environ.get("CONTENT_TYPE", "").split(";")[0].strip().lower()
        if kind == "application/sparql-update":
            return error_answer(403, READ_ONLY)
        if kind == "application/sparql-query":
            return self._query([_text(body)], params, environ, arrived)
        if kind == "application/x-www-form-urlencoded":
            form = parse_qs(_text(body), keep_blank_values=True)
            if "update" in form:
                return error_answer(403, READ_ONLY)
            return self._query(form.get("query", []), {**params, **form}, environ, arrived)
        return error_answer(415, "send the query as application/sparql-query or application/x-www-form-urlencoded")

    def _query(self, texts: list[str], params: dict[str, list[str]], environ: dict, arrived: float,
               substitutions: dict[str, str] | None = None) -> Answer:
        if len(texts) != 1:
            return error_answer(400, "give exactly one 'query' parameter")
        if len(texts[0].encode("utf-8", errors="replace")) > MAX_QUERY_BYTES:
            return error_answer(413, f"the query is larger than {MAX_QUERY_BYTES} bytes; shorten it")
        requested = params.get("format", [None])[0]
        article = params.get("article", [])
        if len(article) > 1 or (article and article[0] not in self.articles):
            known = ", ".join(sorted(self.articles)) or "none"
            return error_answer(400, f"give one 'article' parameter naming an article of the graph: {known}")
        graph = self.articles[article[0]] if article else None
        return self.pool.run(texts[0], substitutions or {}, environ.get("HTTP_ACCEPT"), requested, arrived, graph)

    def _named(self, name: str, params: dict[str, list[str]], environ: dict, arrived: float) -> Answer:
        from crampkg.errors import UserError
        from crampkg.sparql.backends import to_oxigraph
        from crampkg.sparql.catalog import get_named_query
        from crampkg.sparql.engine import bindings_for, without_bound_defaults

        try:
            named = get_named_query(name)
        except UserError as error:
            return error_answer(404, str(error))
        texts = params.get("query", [named.text])
        try:
            if any(len(values) != 1 for values in params.values()):
                raise UserError("give each parameter once")
            bindings = bindings_for(named, {k: v[0] for k, v in params.items() if k not in ("format", "article", "query")})
            for variable, term in bindings.items():
                try:
                    to_oxigraph(term)
                except ValueError as error:
                    raise UserError(f"parameter {str(variable)!r} is not a valid term ({error}): give a name from "
                                    f"/queries or a full IRI") from None
        except UserError as error:
            return error_answer(400, str(error))
        return self._query([without_bound_defaults(texts[0], bindings)], params, environ, arrived,
                           {str(k): v.n3() for k, v in bindings.items()})
