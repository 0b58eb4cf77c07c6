"""Slow hostile queries do not starve a cheap probe: every probe is answered, within the time limit.

The latencies are measured, not asserted as speed: the bound is the time limit itself (10 s, the default), and
``python -m benchmarks --only endpoint`` reports them.
"""
from __future__ import annotations

import threading
import time
import urllib.parse
from concurrent.futures import ThreadPoolExecutor

import pytest

from hostile.harness import Probe, ServeProcess, assert_clean, http, latency_summary

pytestmark = pytest.mark.slow  # a real endpoint hammered by slow clients

EXPENSIVE = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
TIMEOUT = 10.0


@pytest.fixture(scope="module")
def default_server():
    """``crampkg serve`` with its default limits (10 s, 4 workers)."""
    server = ServeProcess()
    yield server
    server.stop()
    assert "Traceback" not in server.stderr(), server.stderr()


def hammer(url: str, stop: threading.Event, varied: bool, max_requests: int = 30) -> list[tuple[int, bytes]]:
    """Send the expensive query again and again (at most ``max_requests``) until ``stop``; ``varied``: a different
    text each time (a numbered comment), as a client would that knows the endpoint remembers stopped queries."""
    answers = []
    while not stop.is_set() and len(answers) < max_requests:
        text = f"{EXPENSIVE} # {time.monotonic_ns()}" if varied else EXPENSIVE
        form = urllib.parse.urlencode({"query": text}).encode()
        status, _, body = http(f"{url}/sparql", form, {"Content-Type": "application/x-www-form-urlencoded"}, timeout=60)
        answers.append((status, body))
    return answers


@pytest.mark.parametrize("slow_clients, varied", [(4, False), (8, False), (8, True)], ids=["4", "8", "8 varied"])
def test_a_probe_keeps_being_answered_while_slow_queries_hammer(default_server, slow_clients, varied):
    stop = threading.Event()
    with ThreadPoolExecutor(max_workers=slow_clients) as pool:
        hammers = [pool.submit(hammer, default_server.url, stop, varied) for _ in range(slow_clients)]
        time.sleep(2)  # the slow queries hold the workers
        probe = Probe(default_server.url, interval=0.25, max_requests=200, max_seconds=15, request_timeout=TIMEOUT + 5)
        time.sleep(12)
        results = probe.stop()
        stop.set()
        answers = [answer for hammering in hammers for answer in hammering.result(timeout=60)]
    print(f"\n{slow_clients} slow clients{' (varied)' if varied else ''}: {latency_summary(results)}")
    assert len(results) >= 4
    assert [status for status, _ in results] == [200] * len(results), "every probe is answered"
    assert max(latency for _, latency in results) < TIMEOUT, "within the time limit, waiting included"
    assert {status for status, _ in answers} == {503}, "the slow queries are stopped"
    for _, body in answers:
        assert_clean(body, "try again later")
