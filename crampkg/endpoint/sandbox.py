"""Queries run in worker processes, so that a timeout really stops a query: the worker is killed and replaced.

Each worker is forked from the server with the Oxigraph store in memory, closes the sockets it inherited and is cut
off from the network (:mod:`crampkg.endpoint.nonetwork`) before it takes its first query. It checks the query
(SERVICE refused; syntax errors with line and column), runs it, serialises the whole answer (never more than the
size limit) and sends it back through a pipe. The server answers only when the worker has finished: an error never
arrives as a 200 with half a body.

Admission: a query's time limit counts from its arrival, waiting for a worker included. A query still running
after ``long_after`` seconds takes one of ``long_slots`` slots (half the workers by default); when they are all
taken it is stopped, so that long queries never hold every worker and quick ones keep being answered. A query text
that was stopped in the last minute waits behind every other query for a free worker and never takes the last
idle one, so that a client repeating a runaway query does not push the others back in the queue.
"""
from __future__ import annotations

import contextlib
import fcntl
import hashlib
import io
import json
import os
import select
import signal
import struct
import threading
import time
from dataclasses import dataclass

_PIPE_SIZE = 1 << 20
_F_SETPIPE_SZ = 1031
_SPAWN_SECONDS = 30.0
_REMEMBER_STOPPED_SECONDS = 60.0
_REMEMBER_STOPPED_COUNT = 1024


@dataclass
class Answer:
    """What a worker produced: an HTTP status, a media type and the body."""

    status: int
    content_type: str
    body: bytes


def error_answer(status: int, message: str) -> Answer:
    """A plain-text error."""
    return Answer(status, "text/plain; charset=utf-8", (message.rstrip() + "\n").encode("utf-8"))


def too_large(max_bytes: int) -> Answer:
    """The answer to a query whose result would pass the size limit."""
    return error_answer(503, f"the answer is larger than the limit of {max_bytes} bytes; add a LIMIT, select fewer "
                             "variables, or start crampkg serve with a larger --max-bytes")


class _TooLarge(Exception):
    """The serialised answer passed the size limit."""


class _CappedBuffer(io.BytesIO):
    """A buffer that refuses to grow past ``limit`` bytes (so that a huge answer is stopped while serialising)."""

    def __init__(self, limit: int):
        super().__init__()
        self.limit = limit

    def write(self, data: bytes) -> int:  # type: ignore[override]  # Oxigraph writes bytes, never other buffers
        if self.tell() + len(data) > self.limit:
            raise _TooLarge
        return super().write(data)


def _syntax_message(text: str, oxigraph_message: str) -> str:
    """Rdflib's words for the error (update refused, line and column), else Oxigraph's."""
    from crampkg.errors import UserError
    from crampkg.sparql.engine import translate

    try:
        translate(text)
    except UserError as error:
        return str(error)
    return f"the query is not valid SPARQL: {oxigraph_message}"


def execute(store, text: str, substitutions: dict, accept: str | None, requested: str | None, max_bytes: int,
            graph: str | None = None) -> Answer:
    """Check, run and serialise one query (in a worker); ``graph`` names the store's graph to query as the default
    graph (one article's view, and then no named graph is visible), else the store's dataset is queried."""
    import pyoxigraph as ox

    from crampkg.endpoint.negotiation import MEDIA_TYPE, choose, formats_for
    from crampkg.errors import UserError
    from crampkg.sparql.engine import refuse_service

    try:
        refuse_service(text)
    except UserError as error:
        return error_answer(400, str(error))
    try:
        if graph:  # one article's view is the whole dataset: no other graph is visible
            answer = store.query(text, substitutions=substitutions, default_graph=ox.NamedNode(graph), named_graphs=[])
        else:  # the union as the default graph; FROM and GRAPH pick the asserted or the inferred graph
            answer = store.query(text, substitutions=substitutions)
    except SyntaxError as error:
        return error_answer(400, _syntax_message(text, str(error)))
    except (ValueError, RuntimeError, OSError) as error:
        return error_answer(400, f"the query failed: {error}")
    kind = "graph" if isinstance(answer, ox.QueryTriples) else "solutions"
    chosen = choose(kind, accept, requested)
    if chosen is None:
        return error_answer(406, f"cannot produce {accept or requested!r} for this query; ask for one of: "
                                 + ", ".join(sorted(MEDIA_TYPE[name] for name in formats_for(kind))))
    formats: dict[str, ox.RdfFormat | ox.QueryResultsFormat]
    if kind == "graph":
        formats = {"turtle": ox.RdfFormat.TURTLE, "ntriples": ox.RdfFormat.N_TRIPLES, "jsonld": ox.RdfFormat.JSON_LD}
    else:
        formats = {"json": ox.QueryResultsFormat.JSON, "xml": ox.QueryResultsFormat.XML,
                   "csv": ox.QueryResultsFormat.CSV, "tsv": ox.QueryResultsFormat.TSV}
    output = _CappedBuffer(max_bytes)
    try:
        answer.serialize(output, format=formats[chosen])
    except _TooLarge:
        return too_large(max_bytes)
    except (ValueError, RuntimeError, OSError) as error:
        return error_answer(400, f"the query failed: {error}")
    return Answer(200, MEDIA_TYPE[chosen], output.getvalue())


# -- framing over pipes -------------------------------------------------------------------------------

def _write_all(fd: int, data: bytes | memoryview) -> None:
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view):]


def _read_exactly(fd: int, size: int, deadline: float | None = None) -> bytes | None:
    """``size`` bytes from ``fd``; ``None`` when the pipe closes first; :class:`TimeoutError` past ``deadline``."""
    chunks, remaining = [], size
    while remaining:
        if deadline is not None:
            left = deadline - time.monotonic()
            if left <= 0 or not select.select([fd], [], [], left)[0]:
                raise TimeoutError
        chunk = os.read(fd, min(remaining, _PIPE_SIZE))
        if not chunk:
            return None
        chunks.append(chunk)
        remaining -= len(chunk)
    return b"".join(chunks)


def _send_frame(fd: int, header: dict, body: bytes = b"") -> None:
    """Header and body in one system call where the pipe takes them (the reader then wakes once, not twice)."""
    encoded = json.dumps({**header, "length": len(body)}).encode("utf-8")
    head = struct.pack(">I", len(encoded)) + encoded
    written = os.writev(fd, [head, body])
    if written < len(head):
        _write_all(fd, head[written:])
        written = len(head)
    _write_all(fd, memoryview(body)[written - len(head):])


def _read_header(fd: int, deadline: float | None = None) -> dict | None:
    size = _read_exactly(fd, 4, deadline)
    if size is None:
        return None
    encoded = _read_exactly(fd, struct.unpack(">I", size)[0], deadline)
    return None if encoded is None else json.loads(encoded)


def _worker_loop(store, max_bytes: int, requests: int, responses: int) -> None:
    """In the worker: answer requests until the pipe closes."""
    import pyoxigraph as ox
    from rdflib.util import from_n3

    from crampkg.sparql.backends import to_oxigraph

    while True:
        message = _read_header(requests)
        if message is None:
            return
        try:
            substitutions = {ox.Variable(k): to_oxigraph(from_n3(v)) for k, v in message["substitutions"].items()}
            answer = execute(store, message["query"], substitutions, message["accept"], message["format"], max_bytes,
                             message.get("graph"))
        except Exception as error:  # a worker reports, it does not die
            answer = error_answer(500, f"the query could not be answered: {error}")
        _send_frame(responses, {"status": answer.status, "type": answer.content_type}, answer.body)


def _start_worker(store, max_bytes: int, requests: int, responses: int) -> None:
    """In a new worker: leave the network behind, say whether that worked, then serve."""
    from crampkg.endpoint.nonetwork import close_inherited_sockets, forbid_network
    from crampkg.errors import UserError

    signal.signal(signal.SIGINT, signal.SIG_DFL)
    close_inherited_sockets(keep=(requests, responses))
    try:
        forbid_network()
    except UserError as error:
        _send_frame(responses, {"ready": False, "error": str(error)})
        return
    _send_frame(responses, {"ready": True})
    _worker_loop(store, max_bytes, requests, responses)


@dataclass
class _Worker:
    pid: int
    requests: int
    responses: int


class WorkerPool:
    """Forked workers; a worker that overruns the time or size limit is killed and replaced."""

    def __init__(self, store, size: int, timeout: float, max_bytes: int, long_slots: int | None = None,
                 long_after: float = 0.5):
        from crampkg.errors import UserError

        if size < 1:
            raise UserError(f"--workers must be at least 1, not {size}")
        self.store, self.timeout, self.max_bytes = store, timeout, max_bytes
        self.long_slots = long_slots if long_slots is not None else max(1, size // 2)
        self.long_after = long_after
        self._fork_lock = threading.Lock()
        self._available = threading.Lock()
        self._idle: list[_Worker] = []
        self._long_running = 0
        # each waiting query has its own condition, so that a worker given back wakes only the query whose turn it is
        self._waiting: dict[bool, list[threading.Condition]] = {False: [], True: []}
        self._kept_free = 2 if size > 1 else 1
        self._stopped: dict[bytes, float] = {}
        self.workers: set[int] = set()
        try:
            for _ in range(size):
                self._idle.append(self._spawn())
        except UserError:
            self.close()
            raise

    # -- workers ---------------------------------------------------------------------------------
    def _spawn(self) -> _Worker:
        from crampkg.errors import UserError

        request_read, request_write = os.pipe()
        response_read, response_write = os.pipe()
        for fd in (request_write, response_write):
            with contextlib.suppress(OSError):
                fcntl.fcntl(fd, _F_SETPIPE_SZ, _PIPE_SIZE)
        with self._fork_lock:
            pid = os.fork()
        if pid == 0:
            status = 0
            try:
                os.close(request_write)
                os.close(response_read)
                _start_worker(self.store, self.max_bytes, request_read, response_write)
            except BaseException:  # the worker must exit whatever happens
                status = 1
            finally:
                os._exit(status)
        os.close(request_read)
        os.close(response_write)
        worker = _Worker(pid, request_write, response_read)
        self.workers.add(pid)
        try:
            hello = _read_header(response_read, time.monotonic() + _SPAWN_SECONDS)
        except TimeoutError:
            hello = None
        if not hello or not hello.get("ready"):
            self._discard(worker)
            raise UserError((hello or {}).get("error") or "a query worker did not start")
        return worker

    def _discard(self, worker: _Worker) -> None:
        """Kill a worker (it may still be running a query) and collect it."""
        for fd in (worker.requests, worker.responses):
            with contextlib.suppress(OSError):
                os.close(fd)
        with contextlib.suppress(ProcessLookupError):
            os.kill(worker.pid, signal.SIGKILL)
        with contextlib.suppress(ChildProcessError):
            os.waitpid(worker.pid, 0)
        self.workers.discard(worker.pid)

    def _take(self, deadline: float, stopped_before: bool) -> _Worker | None:
        """An idle worker, waiting in turn until ``deadline`` at most; a query ``stopped_before`` lets the others go
        first and never takes the last idle worker."""
        line = self._waiting[stopped_before]
        ticket = threading.Condition(self._available)
        with self._available:
            line.append(ticket)
            try:
                while not self._may_take(ticket, stopped_before):
                    left = deadline - time.monotonic()
                    if left <= 0:
                        return None
                    ticket.wait(left)
                return self._idle.pop()  # the worker that finished last: its caches are the warmest
            finally:
                line.remove(ticket)
                self._wake_next()

    def _may_take(self, ticket: threading.Condition, stopped_before: bool) -> bool:
        fresh, repeated = self._waiting[False], self._waiting[True]
        if not stopped_before:
            return bool(self._idle) and fresh[0] is ticket
        return len(self._idle) >= self._kept_free and not fresh and repeated[0] is ticket

    def _wake_next(self) -> None:
        """Wake the first query of each line (only they may take a worker); called with the lock held."""
        for line in self._waiting.values():
            if line:
                line[0].notify()

    def _give_back(self, worker: _Worker, healthy: bool) -> None:
        from crampkg.errors import UserError

        if not healthy:
            self._discard(worker)
            try:
                worker = self._spawn()
            except UserError:
                return
        with self._available:
            self._idle.append(worker)
            self._wake_next()

    # -- queries stopped for their running time -----------------------------------------------------
    @staticmethod
    def _key(text: str) -> bytes:
        return hashlib.blake2b(text.encode("utf-8", errors="replace"), digest_size=16).digest()

    def _was_stopped(self, key: bytes) -> bool:
        with self._available:
            now = time.monotonic()
            while self._stopped and next(iter(self._stopped.values())) < now - _REMEMBER_STOPPED_SECONDS:
                self._stopped.pop(next(iter(self._stopped)))
            return key in self._stopped

    def _remember_stopped(self, key: bytes) -> None:
        with self._available:
            self._stopped.pop(key, None)
            self._stopped[key] = time.monotonic()
            while len(self._stopped) > _REMEMBER_STOPPED_COUNT:
                self._stopped.pop(next(iter(self._stopped)))

    # -- queries ---------------------------------------------------------------------------------
    def run(self, text: str, substitutions: dict[str, str], accept: str | None, requested: str | None,
            arrived: float | None = None, graph: str | None = None) -> Answer:
        """Answer one query within the limits (``substitutions`` maps variable names to N-Triples terms); the time
        limit counts from ``arrived`` (``time.monotonic()``; now by default); ``graph``: see :func:`execute`."""
        deadline = (arrived if arrived is not None else time.monotonic()) + self.timeout
        key = self._key(text)
        worker = self._take(deadline, self._was_stopped(key))
        if worker is None:
            return self._over_time("waited for a free query worker")
        healthy = False
        try:
            _send_frame(worker.requests, {"query": text, "substitutions": substitutions, "accept": accept,
                                          "format": requested, "graph": graph})
            answer, healthy = self._receive(worker, deadline)
            if answer is not None and answer.status == 503 and not healthy:
                self._remember_stopped(key)
            return answer or error_answer(500, "the query worker ended without an answer; try again")
        except OSError:
            return error_answer(500, "the query worker could not be reached; try again")
        finally:
            self._give_back(worker, healthy)

    def _over_time(self, what: str) -> Answer:
        return error_answer(503, f"the query {what} longer than the time limit of {self.timeout:g} s and was stopped; "
                                 "make it cheaper (a LIMIT, fewer patterns) or try again later")

    def _receive(self, worker: _Worker, deadline: float) -> tuple[Answer | None, bool]:
        """The worker's answer, and whether the worker finished it (else it must be replaced)."""
        started = time.monotonic()
        counted = False
        try:
            while True:
                now = time.monotonic()
                if now >= deadline:
                    return self._over_time("ran"), False
                if not counted and now - started >= self.long_after:
                    if not self._claim_long_slot():
                        return error_answer(503, f"the query was stopped after {self.long_after:g} s because "
                                                 f"{self.long_slots} other long queries are running; try again later "
                                                 "or make it cheaper (a LIMIT, fewer patterns)"), False
                    counted = True
                wait = deadline - now if counted else min(deadline - now, started + self.long_after - now)
                if select.select([worker.responses], [], [], max(wait, 0))[0]:
                    break
            header = _read_header(worker.responses, deadline)
            if header is None:
                return None, False
            if header["length"] > self.max_bytes:
                return too_large(self.max_bytes), False
            body = _read_exactly(worker.responses, header["length"], deadline)
            if body is None:
                return None, False
            return Answer(header["status"], header["type"], body), True
        except TimeoutError:
            return self._over_time("ran"), False
        finally:
            if counted:
                with self._available:
                    self._long_running -= 1

    def _claim_long_slot(self) -> bool:
        with self._available:
            if self._long_running >= self.long_slots:
                return False
            self._long_running += 1
            return True

    def close(self) -> None:
        """Stop every worker."""
        with self._available:
            idle, self._idle = self._idle, []
        for worker in idle:
            self._discard(worker)
