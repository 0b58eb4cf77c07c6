"""Fixtures of the hostile suite (the tools are in :mod:`hostile.harness`): a loopback listener that must see
nothing, and one real ``crampkg serve`` per test module. Everything listens on 127.0.0.1 only."""
from __future__ import annotations

import pytest

from hostile.harness import RecordingListener, ServeProcess


@pytest.fixture()
def listener():
    """A loopback listener that must see nothing."""
    opened = RecordingListener()
    yield opened
    opened.close()


@pytest.fixture(scope="module")
def served():
    """One ``crampkg serve`` (time limit 3 s, 4 workers) for a test module; its stderr is checked when it stops."""
    server = ServeProcess("--timeout", "3", "--workers", "4")
    yield server
    server.stop()
    assert "Traceback" not in server.stderr(), server.stderr()

