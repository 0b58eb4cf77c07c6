"""Query speed: ``crampkg query`` cold (a new process) and every named query warm (in process), on both engines."""
from __future__ import annotations

import os
import subprocess
import sys
import tempfile

from benchmarks.timing import median_seconds


def cold_cli(repeat: int) -> dict[str, float]:
    """Process start to output of ``crampkg query imaging-methods``: the first run (empty cache) and later runs."""
    results = {}
    with tempfile.TemporaryDirectory() as cache:
        env = dict(os.environ, CRAMPKG_CACHE_DIR=cache)
        for backend in ("rdflib", "oxigraph"):
            command = [sys.executable, "-m", "crampkg", "query", "imaging-methods", "--backend", backend]

            def run() -> None:
                subprocess.run(command, env=env, check=True, capture_output=True)  # noqa: B023 - timed in this iteration

            if backend == "rdflib":
                results["first_run_empty_cache_s"] = median_seconds(run, 1)
            results[f"cold_process_{backend}_s"] = median_seconds(run, repeat)
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
