"""Run one query in a forked child process, so that a timeout really stops it (the child is killed).

The child parses and checks the query (syntax with line and column, SERVICE refused), runs it on the
Oxigraph store it inherited, serialises the whole answer and sends it back through a pipe. The parent
answers only when the child has finished: an error never arrives as a 200 with half a body.
"""
from __future__ import annotations

import json
import os
import select
import signal
import struct
import time
from dataclasses import dataclass


@dataclass
class Answer:
    """What the child produced: an HTTP status, a media type and the body."""

    status: int
    content_type: str
    body: bytes


def _error(status: int, message: str) -> Answer:
    return Answer(status, "text/plain; charset=utf-8", (message.rstrip() + "\n").encode("utf-8"))


def _run(store, text: str, substitutions: dict, accept: str | None, requested: str | None) -> Answer:
    """In the child: check, run and serialise."""
    import pyoxigraph as ox

    from crampkg.endpoint.negotiation import MEDIA_TYPE, choose
    from crampkg.errors import UserError
    from crampkg.querying import parse

    try:
        parse(text)
    except UserError as error:
        return _error(400, str(error))
    try:
        answer = store.query(text, substitutions=substitutions)
    except (SyntaxError, ValueError, RuntimeError) as error:
        return _error(400, f"the query failed: {error}")
    kind = "graph" if isinstance(answer, ox.QueryTriples) else "solutions"
    chosen = choose(kind, accept, requested)
    if chosen is None:
        return _error(406, f"cannot produce {accept or requested!r} for this query; ask for one of: "
                           + ", ".join(sorted(v for k, v in MEDIA_TYPE.items())))
    if kind == "graph":
        formats = {"turtle": ox.RdfFormat.TURTLE, "ntriples": ox.RdfFormat.N_TRIPLES, "jsonld": ox.RdfFormat.JSON_LD}
        body = answer.serialize(format=formats[chosen])
    else:
        formats = {"json": ox.QueryResultsFormat.JSON, "xml": ox.QueryResultsFormat.XML,
                   "csv": ox.QueryResultsFormat.CSV, "tsv": ox.QueryResultsFormat.TSV}
        body = answer.serialize(format=formats[chosen])
    return Answer(200, MEDIA_TYPE[chosen], body)


def _write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        written = os.write(fd, view)
        view = view[written:]


def run_in_child(store, text: str, substitutions: dict, accept: str | None, requested: str | None,
                 timeout: float, max_bytes: int) -> Answer:
    """Fork, run the query in the child, and wait at most ``timeout`` seconds for its whole answer."""
    read_fd, write_fd = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: never returns
        status = 1
        try:
            os.close(read_fd)
            answer = _run(store, text, substitutions, accept, requested)
            header = json.dumps({"status": answer.status, "type": answer.content_type}).encode("utf-8")
            _write_all(write_fd, struct.pack(">I", len(header)) + header + answer.body)
            status = 0
        except BaseException:  # noqa: BLE001 - the child must exit whatever happens
            pass
        finally:
            os._exit(status)
    os.close(write_fd)
    deadline = time.monotonic() + timeout
    chunks: list[bytes] = []
    size = 0
    try:
        while True:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                return _error(503, f"the query ran longer than the time limit of {timeout:g} s and was stopped")
            ready, _, _ = select.select([read_fd], [], [], remaining)
            if not ready:
                continue
            chunk = os.read(read_fd, 1 << 16)
            if not chunk:
                break
            size += len(chunk)
            if size > max_bytes:
                return _error(503, f"the answer is larger than the limit of {max_bytes} bytes; add a LIMIT")
            chunks.append(chunk)
    finally:
        os.close(read_fd)
        _reap(pid)
    data = b"".join(chunks)
    if len(data) < 4:
        return _error(500, "the query process ended without an answer")
    (length,) = struct.unpack(">I", data[:4])
    header = json.loads(data[4:4 + length])
    return Answer(header["status"], header["type"], data[4 + length:])


def _reap(pid: int) -> None:
    """Stop the child if it still runs, and collect it."""
    try:
        finished, _ = os.waitpid(pid, os.WNOHANG)
        if finished == 0:
            os.kill(pid, signal.SIGKILL)
            os.waitpid(pid, 0)
    except ChildProcessError:
        pass
