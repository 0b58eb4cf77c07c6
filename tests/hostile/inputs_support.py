"""Helpers of the hostile input tests: a bounded CLI runner, a fixture article to break, a snapshot of an output
folder, and loopback HTTP servers (a listener that records requests, a store that misbehaves on purpose)."""
from __future__ import annotations

import hashlib
import http.server
import os
import resource
import subprocess
import sys
import threading
import time
from dataclasses import dataclass
from pathlib import Path

FACTS = "kleiner-artikel/facts/mini.yaml"
MEMORY_LIMIT = 1536 * 1024 * 1024
"""Address space of a CLI run that starts no Java (a refused input must not get near it)."""


@dataclass
class Run:
    """What one CLI run did."""

    returncode: int
    stdout: str
    stderr: str
    seconds: float


def run_cli(*args: str, timeout: float = 120, memory: int | None = MEMORY_LIMIT, env: dict | None = None,
            cwd: Path | None = None) -> Run:
    """``python -m crampkg ARGS`` bounded in time (``timeout``) and, unless ``memory`` is None, in address space."""
    def limit() -> None:
        if memory:
            resource.setrlimit(resource.RLIMIT_AS, (memory, memory))

    started = time.monotonic()
    done = subprocess.run([sys.executable, "-m", "crampkg", *args], capture_output=True, timeout=timeout, preexec_fn=limit,
                          env={**os.environ, **(env or {})}, cwd=cwd)
    return Run(done.returncode, done.stdout.decode("utf-8", "replace"), done.stderr.decode("utf-8", "replace"),
               time.monotonic() - started)


def assert_clean_refusal(run: Run, *expected: str) -> None:
    """Exit code 2, each ``expected`` text in the message, no traceback."""
    assert run.returncode == 2, (run.returncode, run.stderr[-2000:])
    assert "Traceback" not in run.stderr, run.stderr[-2000:]
    for text in expected:
        assert text in run.stderr, (text, run.stderr[-2000:])


def replace_in(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def snapshot(folder: Path) -> dict[str, str]:
    """Every file below ``folder`` (hidden ones too) with the SHA-256 of its bytes."""
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


class LoopbackServer:
    """A threaded HTTP server on 127.0.0.1 that records every request and answers with ``handler``'s methods."""

    def __init__(self, handler: type[http.server.BaseHTTPRequestHandler]):
        self.requests: list[str] = []
        recorded = self.requests

        class Recording(handler):
            def log_message(self, *args) -> None:
                pass

            def parse_request(self) -> bool:
                ok = super().parse_request()
                recorded.append(f"{self.command} {self.path}")
                return ok

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Recording)
        self.server.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()
        self.thread.join(timeout=5)

    def __enter__(self) -> LoopbackServer:
        return self

    def __exit__(self, *exc) -> None:
        self.stop()
