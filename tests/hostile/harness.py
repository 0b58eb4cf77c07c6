"""Tools of the hostile suite (its fixtures are in conftest.py): a real ``crampkg serve`` process on a free loopback port, a loopback listener that
must see nothing, a probe client that must keep being answered, and raw HTTP.

Everything here talks to 127.0.0.1 only, and every loop is bounded in count and in time.
"""
from __future__ import annotations

import os
import re
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request

from servers import free_port

LOOPBACK = "127.0.0.1"
CHEAP = "ASK { ?s ?p ?o }"


class ServeProcess:
    """``python -m crampkg serve`` on a free loopback port, as a user starts it; its stderr goes to a file."""

    def __init__(self, *options: str, startup_seconds: float = 240):
        self.port = free_port()
        self.url = f"http://{LOOPBACK}:{self.port}"
        self._stderr = tempfile.TemporaryFile(mode="w+", encoding="utf-8")  # noqa: SIM115 - read while the server lives
        self.process = subprocess.Popen([sys.executable, "-m", "crampkg", "serve", "--host", LOOPBACK, "--port",
                                         str(self.port), *options], stdout=subprocess.DEVNULL, stderr=self._stderr,
                                        env=dict(os.environ))
        deadline = time.monotonic() + startup_seconds
        while "crampkg SPARQL endpoint on" not in self.stderr():
            if self.process.poll() is not None or time.monotonic() > deadline:
                self.stop()
                raise RuntimeError(f"crampkg serve did not start:\n{self.stderr()}")
            time.sleep(0.2)

    def stderr(self) -> str:
        """Everything the server wrote to stderr so far."""
        self._stderr.seek(0)
        return self._stderr.read()

    def stop(self) -> None:
        """Stop the server and its workers."""
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=15)


class RecordingListener:
    """A TCP listener on 127.0.0.1 that records every connection and what was sent on it, and answers with an empty
    SPARQL result (so that a client that did reach it would not hang)."""

    ANSWER = b'{"head":{"vars":[]},"results":{"bindings":[]}}'

    def __init__(self) -> None:
        self.socket = socket.create_server((LOOPBACK, 0))
        self.socket.settimeout(0.2)
        self.port = self.socket.getsockname()[1]
        self.url = f"http://{LOOPBACK}:{self.port}/sparql"
        self.received: list[bytes] = []
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._accept, daemon=True)
        self._thread.start()

    def _accept(self) -> None:
        while not self._stop.is_set():
            try:
                connection, _ = self.socket.accept()
            except OSError:
                continue
            with connection:
                connection.settimeout(1)
                try:
                    self.received.append(connection.recv(65536))
                    connection.sendall(b"HTTP/1.1 200 OK\r\nContent-Type: application/sparql-results+json\r\n"
                                       b"Connection: close\r\nContent-Length: %d\r\n\r\n" % len(self.ANSWER) + self.ANSWER)
                except OSError:
                    self.received.append(b"")

    def close(self) -> None:
        self._stop.set()
        self._thread.join(timeout=2)
        self.socket.close()


class Probe:
    """A client that sends a cheap query every ``interval`` seconds, in a thread, and records status and latency.

    Bounded: at most ``max_requests`` requests and ``max_seconds`` seconds.
    """

    def __init__(self, url: str, interval: float = 0.25, max_requests: int = 400, max_seconds: float = 120,
                 request_timeout: float = 30):
        self.url, self.interval, self.max_requests, self.request_timeout = url, interval, max_requests, request_timeout
        self.results: list[tuple[int, float]] = []
        self._deadline = time.monotonic() + max_seconds
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._loop, daemon=True)
        self._thread.start()

    def _loop(self) -> None:
        address = f"{self.url}/sparql?{urllib.parse.urlencode({'query': CHEAP})}"
        while not self._stop.is_set() and len(self.results) < self.max_requests and time.monotonic() < self._deadline:
            started = time.monotonic()
            status, _, _ = http(address, timeout=self.request_timeout)
            self.results.append((status, time.monotonic() - started))
            self._stop.wait(self.interval)

    def stop(self) -> list[tuple[int, float]]:
        """Stop probing; the (status, seconds) of every probe."""
        self._stop.set()
        self._thread.join(timeout=self.request_timeout + 5)
        return self.results


def latency_summary(results: list[tuple[int, float]]) -> str:
    """'n probes, p50 … ms, max … ms' for a report."""
    seconds = sorted(latency for _, latency in results)
    return (f"{len(seconds)} probes, p50 {statistics.median(seconds) * 1000:.0f} ms, max {seconds[-1] * 1000:.0f} ms"
            if seconds else "no probes")


def http(url: str, data: bytes | None = None, headers: dict | None = None, method: str | None = None,
         timeout: float = 30) -> tuple[int, dict, bytes]:
    """One request with urllib: (status, headers, body); status 0 when no HTTP answer came."""
    request = urllib.request.Request(url, data=data, headers=headers or {}, method=method)
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read()
    except (urllib.error.URLError, OSError):
        return 0, {}, b""


def raw_exchange(port: int, request: bytes, seconds: float = 10, limit: int = 1 << 20) -> bytes:
    """Send raw bytes to 127.0.0.1:``port`` and read what comes back until the server closes, ``seconds`` pass or
    ``limit`` bytes arrived."""
    received = bytearray()
    deadline = time.monotonic() + seconds
    with socket.create_connection((LOOPBACK, port), timeout=seconds) as connection:
        connection.sendall(request)
        while len(received) < limit:
            left = deadline - time.monotonic()
            if left <= 0:
                break
            connection.settimeout(left)
            try:
                chunk = connection.recv(65536)
            except (TimeoutError, ConnectionResetError):
                break
            if not chunk:
                break
            received += chunk
    return bytes(received)


def statuses(raw: bytes) -> list[int]:
    """The status codes of every HTTP response in ``raw`` (several when a connection carried several answers)."""
    return [int(code) for code in re.findall(rb"HTTP/1\.[01] ([0-9]{3}) ", raw)]


def assert_clean(body: bytes, *words: str) -> None:
    """The body is a message for a person: it names what to do (``words``) and carries no traceback."""
    text = body.decode("utf-8", errors="replace")
    assert "Traceback" not in text and 'File "' not in text, text
    for word in words:
        assert word in text, text
