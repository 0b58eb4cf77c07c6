"""``crampkg serve``: the SPARQL endpoint (:mod:`crampkg.endpoint.app`) on waitress, with the worker pool.

waitress does the HTTP framing (Content-Length and chunked bodies checked, a malformed request is a 400), caps the
request size, buffers answers for slow readers on disk rather than in memory, and closes connections that stay
silent longer than the connection timeout. Queries run in the killable, network-less workers of
:mod:`crampkg.endpoint.sandbox`.
"""
from __future__ import annotations

import logging
import re
import sys
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from crampkg.endpoint.app import MAX_QUERY_BYTES, SparqlApp
from crampkg.endpoint.dataset import LinkedData
from crampkg.endpoint.sandbox import WorkerPool

MAX_HEADER_BYTES = 64 * 1024 + MAX_QUERY_BYTES * 3  # a GET carries the query percent-encoded in the request line
# Bodies up to this size are read (into a temporary file beyond 512 KiB) and answered 413 by the application when
# over MAX_QUERY_BYTES, so that the client reads the answer instead of a reset; larger ones are refused unread.
MAX_BODY_READ_BYTES = 16 * 1024 * 1024
_ORIGIN = re.compile(r"https?://[A-Za-z0-9.-]+(:[0-9]{1,5})?|https?://\[[0-9A-Fa-f:.]+\](:[0-9]{1,5})?")


@dataclass
class Settings:
    """Limits of the endpoint (the defaults of ``crampkg serve``)."""

    timeout: float = 10.0
    max_bytes: int = 64 * 1024 * 1024
    workers: int = 4
    connection_timeout: float = 30.0
    max_connections: int = 100
    cors: str | None = None

    def check(self) -> None:
        """:class:`UserError` naming the first limit that makes no sense."""
        from crampkg.errors import UserError

        for option, value in (("--timeout", self.timeout), ("--max-bytes", self.max_bytes), ("--workers", self.workers),
                              ("--connection-timeout", self.connection_timeout)):
            if not value > 0:
                raise UserError(f"{option} must be greater than 0, not {value}")
        if self.cors is not None and not _ORIGIN.fullmatch(self.cors):
            raise UserError(f"--cors takes one origin such as http://localhost:8888 (scheme, host, optional port; "
                            f"no path, no '*'), not {self.cors!r}")


def _return_large_buffers_to_the_system() -> None:
    """Make glibc give every buffer of 1 MiB or more back to the system when it is freed (``M_MMAP_THRESHOLD``
    fixed), so that answers passing through the request threads do not stay in their memory arenas."""
    try:
        import ctypes

        ctypes.CDLL(None).mallopt(-3, 1 << 20)  # M_MMAP_THRESHOLD
    except (OSError, AttributeError):
        pass  # not glibc: its own allocator policy applies


class SparqlServer:
    """The HTTP server and the worker pool; ``serve_forever`` in one thread, ``shutdown`` from another."""

    def __init__(self, host: str, port: int, store, settings: Settings, articles: dict[str, str | None] | None = None,
                 linked: LinkedData | None = None):
        from waitress.server import create_server

        from crampkg.errors import UserError

        settings.check()
        _return_large_buffers_to_the_system()
        self.settings = settings
        self.pool = WorkerPool(store, settings.workers, settings.timeout, settings.max_bytes)
        for name in ("waitress", "waitress.queue"):
            logging.getLogger(name).setLevel(logging.ERROR)
        # one listening socket, a TcpWSGIServer; types-waitress lacks its effective_port and types its trigger as int
        self._http: Any
        try:
            self._http = create_server(
                lambda environ, start_response: self.app(environ, start_response), host=host, port=port,
                threads=max(8, 4 * settings.workers), connection_limit=settings.max_connections,
                channel_timeout=settings.connection_timeout, cleanup_interval=max(1, int(settings.connection_timeout // 4)),
                max_request_body_size=MAX_BODY_READ_BYTES, max_request_header_size=MAX_HEADER_BYTES,
                asyncore_use_poll=True, log_socket_errors=False, expose_tracebacks=False, ident="crampkg")
        except OSError as error:
            self.pool.close()
            raise UserError(f"cannot listen on {host}:{port}: {error.strerror or error}; choose another --port "
                            "(0 picks a free one)") from None
        except BaseException:
            self.pool.close()
            raise
        self.server_address = (host, self._http.effective_port)
        self.app = SparqlApp(self.pool, host, self._http.effective_port, settings.cors, articles, linked)
        self._stopped = threading.Event()

    def serve_forever(self) -> None:
        """Answer requests until :meth:`shutdown` (or Ctrl-C)."""
        try:
            self._http.run()
        finally:
            self._stopped.set()

    def shutdown(self) -> None:
        """Stop :meth:`serve_forever` (called from another thread)."""
        from waitress import wasyncore

        if self._stopped.is_set():
            return
        try:
            self._http.trigger.pull_trigger(lambda: wasyncore.close_all(self._http._map))
        except OSError:  # the loop ended (and closed its trigger) while the stop was being asked for
            return
        self._stopped.wait(10)

    def server_close(self) -> None:
        """Stop the request threads and every worker."""
        self._http.task_dispatcher.shutdown(cancel_pending=True, timeout=5)
        self.pool.close()


def make_server(host: str, port: int, settings: Settings, reasoning: str = "all", sources: Path | None = None,
                ontology: Path | None = None) -> SparqlServer:
    """A server on ``host:port`` over the cached graphs (loaded into Oxigraph as named graphs, which the workers
    inherit), with each article's view beside them for queries scoped by ``article``, the entity pages, the
    ontology and the VoID description."""
    import crampkg.endpoint.negotiation  # imported once here, not in every worker
    import crampkg.sparql.engine  # noqa: F401
    from crampkg.endpoint.dataset import dataset_store, load_linked_data
    from crampkg.store import load

    settings.check()  # before the graph is loaded: a wrong option is reported at once
    linked = load_linked_data(reasoning, sources, ontology)
    store = dataset_store(linked)
    return SparqlServer(host, port, store, settings, add_article_graphs(store, load(sources, ontology, reasoning)), linked)


def add_article_graphs(store, graph) -> dict[str, str | None]:
    """Load the view of each article of ``graph`` into ``store`` as a named graph; return the graph IRI of each
    article id (``None`` where the view is the whole graph, as with a single article: nothing is copied)."""
    import pyoxigraph as ox

    from crampkg.sparql.scope import article_graph_iri, article_ids, article_view

    graphs: dict[str, str | None] = {}
    for article in article_ids(graph):
        view = article_view(graph, article)
        if len(view) == len(graph):  # a view is a part of the graph: as large means the same
            graphs[article] = None
            continue
        iri = graphs[article] = article_graph_iri(article)
        store.bulk_load(view.serialize(format="nt", encoding="utf-8"), format=ox.RdfFormat.N_TRIPLES,
                        to_graph=ox.NamedNode(iri))
    return graphs


def serve(host: str, port: int, settings: Settings, reasoning: str = "all", sources: Path | None = None,
          ontology: Path | None = None) -> None:
    """Serve until interrupted."""
    server = make_server(host, port, settings, reasoning, sources, ontology)
    actual_host, actual_port = server.server_address[:2]
    shown = f"[{actual_host}]" if ":" in actual_host else actual_host
    print(f"crampkg SPARQL endpoint on http://{shown}:{actual_port}/sparql (query page: http://{shown}:{actual_port}/)",
          file=sys.stderr, flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
