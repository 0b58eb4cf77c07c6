"""Query speed: ``crampkg query`` cold (a new process) and every named query warm (in process), on both engines."""
from __future__ import annotations

import os
import subprocess
import sys
import tempfile

from benchmarks.timing import median_seconds

FIRST_QUERY = "treatments-for-mineral-deficiency-symptoms"


def cold_cli(repeat: int) -> dict[str, float]:
    """Process start to output of ``crampkg query FIRST_QUERY``: each run with a new, empty cache folder (the first
    query after an install: the shipped graph is read) on the default engine (Oxigraph) and on rdflib, and later
    runs (a filled cache) on both."""
    results = {}
    for backend in ("oxigraph", "rdflib"):
        command = [sys.executable, "-m", "crampkg", "query", FIRST_QUERY, "--backend", backend]

        def first(command: list[str] = command) -> None:
            with tempfile.TemporaryDirectory() as empty:
                subprocess.run(command, env=dict(os.environ, CRAMPKG_CACHE_DIR=empty), check=True, capture_output=True)

        results[f"first_query_empty_cache_{backend}_s"] = median_seconds(first, repeat)
        with tempfile.TemporaryDirectory() as cache:
            env = dict(os.environ, CRAMPKG_CACHE_DIR=cache)
            subprocess.run(command, env=env, check=True, capture_output=True)
            results[f"later_query_{backend}_s"] = median_seconds(
                lambda command=command, env=env: subprocess.run(command, env=env, check=True, capture_output=True), repeat)
    return results


def warm_named_queries(repeat: int) -> dict[str, dict[str, float]]:
    """Median seconds of each named query on the loaded graph (reasoning: all), per engine."""
    from crampkg.sparql.catalog import named_queries
    from crampkg.sparql.engine import bindings_for
    from crampkg.store import backend

    engines = {name: backend(name) for name in ("rdflib", "oxigraph")}
    timings: dict[str, dict[str, float]] = {}
    for name, named in named_queries().items():
        bindings = bindings_for(named, {})
        timings[name] = {}
        for engine_name, engine in engines.items():
            engine.query(named.text, bindings)  # first touch
            timings[name][engine_name] = median_seconds(lambda: engine.query(named.text, bindings), repeat)  # noqa: B023 - timed in this iteration
    return timings
