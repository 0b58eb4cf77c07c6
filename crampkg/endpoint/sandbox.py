"""Queries run in worker processes, so that a timeout really stops a query: the worker is killed and replaced.

Each worker is forked from the server with the Oxigraph store in memory. It checks the query (SERVICE refused;
syntax errors with line and column), runs it, serialises the whole answer and sends it back through a pipe.
The server answers only when the worker has finished: an error never arrives as a 200 with half a body.
"""
from __future__ import annotations

import json
import os
import queue
import re
import select
import signal
import struct
import threading
import time
from dataclasses import dataclass

_SERVICE = re.compile(r"service", re.IGNORECASE)


@dataclass
class Answer:
    """What a worker produced: an HTTP status, a media type and the body."""

    status: int
    content_type: str
    body: bytes


def error_answer(status: int, message: str) -> Answer:
    """A plain-text error."""
    return Answer(status, "text/plain; charset=utf-8", (message.rstrip() + "\n").encode("utf-8"))


def _syntax_message(text: str, oxigraph_message: str) -> str:
    """rdflib's words for the error (update refused, line and column), else Oxigraph's."""
    from crampkg.errors import UserError
    from crampkg.querying import translate

    try:
        translate(text)
    except UserError as error:
        return str(error)
    return f"the query is not valid SPARQL: {oxigraph_message}"


def execute(store, text: str, substitutions: dict, accept: str | None, requested: str | None) -> Answer:
    """Check, run and serialise one query (in a worker)."""
    import pyoxigraph as ox

    from crampkg.endpoint.negotiation import MEDIA_TYPE, choose
    from crampkg.errors import UserError
    from crampkg.querying import parse

    if _SERVICE.search(text):  # only then pay for rdflib's parser: it finds a real SERVICE clause
        try:
            parse(text)
        except UserError as error:
            return error_answer(400, str(error))
    try:
        answer = store.query(text, substitutions=substitutions)
    except SyntaxError as error:
        return error_answer(400, _syntax_message(text, str(error)))
    except (ValueError, RuntimeError, OSError) as error:
        return error_answer(400, f"the query failed: {error}")
    kind = "graph" if isinstance(answer, ox.QueryTriples) else "solutions"
    chosen = choose(kind, accept, requested)
    if chosen is None:
        return error_answer(406, f"cannot produce {accept or requested!r} for this query; ask for one of: "
                                 + ", ".join(sorted(MEDIA_TYPE.values())))
    if kind == "graph":
        formats = {"turtle": ox.RdfFormat.TURTLE, "ntriples": ox.RdfFormat.N_TRIPLES, "jsonld": ox.RdfFormat.JSON_LD}
    else:
        formats = {"json": ox.QueryResultsFormat.JSON, "xml": ox.QueryResultsFormat.XML,
                   "csv": ox.QueryResultsFormat.CSV, "tsv": ox.QueryResultsFormat.TSV}
    return Answer(200, MEDIA_TYPE[chosen], answer.serialize(format=formats[chosen]))


# -- framing over pipes -------------------------------------------------------------------------------

def _write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view):]


def _read_exactly(fd: int, size: int) -> bytes | None:
    chunks, remaining = [], size
    while remaining:
        chunk = os.read(fd, min(remaining, 1 << 16))
        if not chunk:
            return None
        chunks.append(chunk)
        remaining -= len(chunk)
    return b"".join(chunks)


def _send_frame(fd: int, header: dict, body: bytes = b"") -> None:
    encoded = json.dumps({**header, "length": len(body)}).encode("utf-8")
    _write_all(fd, struct.pack(">I", len(encoded)) + encoded + body)


def _worker_loop(store, requests: int, responses: int) -> None:
    """In the worker: answer requests until the pipe closes."""
    from rdflib.util import from_n3

    from crampkg.backends import to_oxigraph
    import pyoxigraph as ox

    while True:
        size = _read_exactly(requests, 4)
        if size is None:
            return
        message = json.loads(_read_exactly(requests, struct.unpack(">I", size)[0]) or b"{}")
        substitutions = {ox.Variable(k): to_oxigraph(from_n3(v)) for k, v in message["substitutions"].items()}
        try:
            answer = execute(store, message["query"], substitutions, message["accept"], message["format"])
        except Exception as error:  # noqa: BLE001 - a worker reports, it does not die
            answer = error_answer(500, f"the query could not be answered: {error}")
        _send_frame(responses, {"status": answer.status, "type": answer.content_type}, answer.body)


@dataclass
class _Worker:
    pid: int
    requests: int
    responses: int


class WorkerPool:
    """A fixed number of forked workers; a worker that overruns the time or size limit is killed and replaced."""

    def __init__(self, store, size: int, timeout: float, max_bytes: int):
        self.store, self.timeout, self.max_bytes = store, timeout, max_bytes
        self.idle: queue.Queue[_Worker] = queue.Queue()
        self._lock = threading.Lock()
        self.workers: set[int] = set()
        for _ in range(size):
            self.idle.put(self._spawn())

    def _spawn(self) -> _Worker:
        request_read, request_write = os.pipe()
        response_read, response_write = os.pipe()
        with self._lock:
            pid = os.fork()
        if pid == 0:
            status = 0
            try:
                os.close(request_write)
                os.close(response_read)
                signal.signal(signal.SIGINT, signal.SIG_DFL)
                _worker_loop(self.store, request_read, response_write)
            except BaseException:  # noqa: BLE001 - the worker must exit whatever happens
                status = 1
            finally:
                os._exit(status)
        os.close(request_read)
        os.close(response_write)
        self.workers.add(pid)
        return _Worker(pid, request_write, response_read)

    def _discard(self, worker: _Worker) -> None:
        """Kill a worker (it may still be running a query) and collect it."""
        for fd in (worker.requests, worker.responses):
            try:
                os.close(fd)
            except OSError:
                pass
        try:
            os.kill(worker.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        try:
            os.waitpid(worker.pid, 0)
        except ChildProcessError:
            pass
        self.workers.discard(worker.pid)

    def run(self, text: str, substitutions: dict[str, str], accept: str | None, requested: str | None) -> Answer:
        """Answer one query within the limits (``substitutions`` maps variable names to N-Triples terms)."""
        worker = self.idle.get()
        healthy = False
        try:
            _send_frame(worker.requests, {"query": text, "substitutions": substitutions, "accept": accept, "format": requested})
            answer = self._receive(worker)
            healthy = answer is not None and answer.status != 503
            return answer or error_answer(500, "the query worker ended without an answer")
        except OSError:
            return error_answer(500, "the query worker could not be reached")
        finally:
            if healthy:
                self.idle.put(worker)
            else:
                self._discard(worker)
                self.idle.put(self._spawn())

    def _receive(self, worker: _Worker) -> Answer | None:
        deadline = time.monotonic() + self.timeout
        buffer = b""
        header = None
        while True:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                return error_answer(503, f"the query ran longer than the time limit of {self.timeout:g} s and was stopped")
            ready, _, _ = select.select([worker.responses], [], [], remaining)
            if not ready:
                continue
            chunk = os.read(worker.responses, 1 << 16)
            if not chunk:
                return None
            buffer += chunk
            if header is None and len(buffer) >= 4:
                (length,) = struct.unpack(">I", buffer[:4])
                if len(buffer) >= 4 + length:
                    header = json.loads(buffer[4:4 + length])
                    buffer = buffer[4 + length:]
                    if header["length"] > self.max_bytes:
                        return error_answer(503, f"the answer is larger than the limit of {self.max_bytes} bytes; add a LIMIT")
            if header is not None and len(buffer) >= header["length"]:
                return Answer(header["status"], header["type"], buffer[:header["length"]])

    def close(self) -> None:
        """Stop every worker."""
        while not self.idle.empty():
            self._discard(self.idle.get_nowait())
