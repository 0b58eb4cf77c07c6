"""Servers that tests start on 127.0.0.1 and stop themselves."""
from __future__ import annotations

import shutil
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_until_up(url: str, seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=2):
                return
        except Exception:
            time.sleep(0.2)
    raise RuntimeError(f"{url} did not come up within {seconds} s")


class CrampkgServer:
    """``crampkg serve`` in a thread of the test process."""

    def __init__(self, timeout: float = 3.0, max_bytes: int = 64 * 1024 * 1024):
        from crampkg.endpoint.server import Settings, make_server

        self.server = make_server("127.0.0.1", 0, Settings(timeout=timeout, max_bytes=max_bytes))
        self.port = self.server.server_address[1]
        self.url = f"http://127.0.0.1:{self.port}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()
        self.thread.join(timeout=5)


class OxigraphServer:
    """A writable Oxigraph server (the ``oxigraph`` package's binary) on a free loopback port."""

    def __init__(self, folder: Path):
        binary = shutil.which("oxigraph") or str(Path(sys.executable).parent / "oxigraph")
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.process = subprocess.Popen([binary, "serve", "--location", str(folder), "--bind", f"127.0.0.1:{self.port}"],
                                        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        wait_until_up(f"{self.url}/query?query=ASK%7B%7D")

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
