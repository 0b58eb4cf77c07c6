"""Run a piece of work that may not end (a pathological regex in rdflib, a huge cross product) under a deadline.

The work runs in a forked child, which sees the parent's loaded graph without copying it; the parent waits at
most ``seconds`` for the child's answer and kills the child when the time is up. The answer comes back as JSON
text through a pipe (nothing is unpickled).
"""
from __future__ import annotations

import contextlib
import json
import os
import select
import signal
import time
from collections.abc import Callable

from crampkg.errors import UserError


class DeadlineExceeded(UserError):
    """The work ran longer than it was allowed to and was stopped."""


def run_with_deadline(work: Callable[[], str], seconds: float | None, what: str = "the query") -> str:
    """``work()`` (which returns text), stopped after ``seconds``; a :class:`UserError` in it is raised here.

    ``seconds`` of ``None`` or 0 runs ``work`` in this process without a limit.
    """
    if not seconds or not hasattr(os, "fork"):
        return work()
    reader, writer = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: do the work, write one JSON answer, exit without running the parent's clean-up
        os.close(reader)
        os._exit(_answer_to(writer, work))
    os.close(writer)
    try:
        data = _read_until(reader, time.monotonic() + seconds)
    finally:
        os.close(reader)
        _stop(pid)
    if data is None:
        raise DeadlineExceeded(f"{what} ran longer than {seconds:g} s and was stopped; make it more selective "
                               "(a LIMIT, fewer OPTIONAL or regex filters) or allow more time with --timeout SECONDS")
    try:
        answer = json.loads(data)
    except ValueError:
        raise RuntimeError(f"{what} ended without an answer (the worker process died)") from None
    if "error" in answer:
        error = UserError(answer["error"])
        error.exit_code = answer["exit_code"]
        raise error
    if "crash" in answer:
        raise RuntimeError(f"{what} failed in the worker process:\n{answer['crash']}")
    return answer["text"]


def _answer_to(writer: int, work: Callable[[], str]) -> int:
    try:
        answer: dict[str, str | int]
        try:
            answer = {"text": work()}
        except UserError as error:
            answer = {"error": str(error), "exit_code": error.exit_code}
        except MemoryError:
            answer = {"error": "the query needs more memory than there is; make it more selective", "exit_code": 2}
        except BaseException as error:  # a bug: hand its traceback to the parent, which reports it
            import traceback

            answer = {"crash": "".join(traceback.format_exception(error))}
        with os.fdopen(writer, "wb") as stream:
            stream.write(json.dumps(answer).encode("utf-8"))
        return 0
    except BaseException:
        return 1


def _read_until(reader: int, deadline: float) -> bytes | None:
    """Everything the child writes, or ``None`` when the deadline passes first."""
    chunks: list[bytes] = []
    while True:
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            return None
        ready, _, _ = select.select([reader], [], [], remaining)
        if not ready:
            continue
        chunk = os.read(reader, 1 << 20)
        if not chunk:
            return b"".join(chunks)
        chunks.append(chunk)


def _stop(pid: int) -> None:
    with contextlib.suppress(ProcessLookupError):
        os.kill(pid, signal.SIGKILL)
    with contextlib.suppress(ChildProcessError):
        os.waitpid(pid, 0)
