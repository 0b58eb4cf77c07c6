"""Query speed: ``crampkg query`` cold (a new process) and every named query warm (in process)."""
from __future__ import annotations

import os
import subprocess
import sys
import tempfile

from benchmarks.timing import median_seconds


def cold_cli(repeat: int) -> dict[str, float]:
    """Process start to output of ``crampkg query imaging-methods``: first run (empty cache) and with the cache filled."""
    with tempfile.TemporaryDirectory() as cache:
        env = dict(os.environ, CRAMPKG_CACHE_DIR=cache)
        command = [sys.executable, "-m", "crampkg", "query", "imaging-methods"]

        def run() -> None:
            subprocess.run(command, env=env, check=True, capture_output=True)

        first = median_seconds(run, 1)
        warm_cache = median_seconds(run, repeat)
    return {"first_run_empty_cache_s": first, "cold_process_cached_graph_s": warm_cache}


def warm_named_queries(repeat: int) -> dict[str, float]:
    """The median time of each named query on the loaded graph, in seconds."""
    import crampkg
    from crampkg.catalog import named_queries
    from crampkg.querying import bindings_for, execute

    graph = crampkg.load()
    timings = {}
    for name, named in named_queries().items():
        bindings = bindings_for(named, {})
        execute(graph, named.text, bindings)  # parse caches, first-touch costs
        timings[name] = median_seconds(lambda: execute(graph, named.text, bindings), repeat)
    return timings
