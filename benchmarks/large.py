"""Ten million triples on Oxigraph on disk: the article replicated (as in :mod:`benchmarks.scale`) into an on-disk
store; the bulk load's time, peak memory and size on disk, then every named query in a process of its own on the
loaded store (its time, rows and peak memory), each stopped at a time limit so that the run stays bounded."""
from __future__ import annotations

import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from benchmarks.timing import peak_mib

COPIES = 505
"""Copies of the article's individuals: 505 give about ten million triples."""
QUERY_LIMIT_S = 30.0
"""A named query still running after this many seconds is stopped and reported as such."""


def _folder_mib(folder: Path) -> float:
    return sum(path.stat().st_size for path in folder.rglob("*") if path.is_file()) / (1 << 20)


def load_store(store_path: str, data_file: str) -> dict:
    """In this process: bulk-load the N-Triples file into a new on-disk store."""
    import pyoxigraph as ox

    started = time.perf_counter()
    store = ox.Store(store_path)
    store.bulk_load(path=data_file, format=ox.RdfFormat.N_TRIPLES)
    store.flush()
    load = time.perf_counter() - started
    return {"triples": len(store), "load_s": load, "peak_mib": peak_mib(), "disk_mib": _folder_mib(Path(store_path))}


def query_store(store_path: str, name: str) -> dict:
    """In this process: open the store read-only and run one named query (three times when it takes under a second;
    the median)."""
    import statistics

    import pyoxigraph as ox

    from crampkg.sparql.backends import OxigraphBackend
    from crampkg.sparql.catalog import named_queries
    from crampkg.sparql.engine import bindings_for

    backend = OxigraphBackend.over_store(ox.Store.read_only(store_path), {})
    named = named_queries()[name]
    bindings = bindings_for(named, {})
    samples, rows = [], 0
    while len(samples) < 3 and (not samples or samples[0] < 1.0):
        started = time.perf_counter()
        answer = backend.query(named.text, bindings)
        samples.append(time.perf_counter() - started)
        rows = len(answer.rows or []) if answer.kind == "SELECT" else len(answer.graph or [])
    return {"seconds": statistics.median(samples), "rows": rows, "peak_mib": peak_mib()}


def _child(*arguments: str, timeout: float) -> dict | None:
    """Run this module in a new process; its JSON line, or ``None`` when it was stopped at ``timeout``."""
    try:
        done = subprocess.run([sys.executable, "-m", "benchmarks.large", *arguments], capture_output=True, text=True,
                              timeout=timeout, check=True)
    except subprocess.TimeoutExpired:
        return None
    return json.loads(done.stdout.strip().splitlines()[-1])


def run(copies: int = COPIES, limit: float = QUERY_LIMIT_S) -> dict:
    """Write the replicated data, load it on disk, then time every named query (bounded by ``limit`` each)."""
    from benchmarks.scale import replicated_lines
    from crampkg.sparql.catalog import named_queries

    with tempfile.TemporaryDirectory() as work:
        data_file, store_path = Path(work) / "data.nt", Path(work) / "store"
        with data_file.open("w", encoding="utf-8") as out:
            for line in replicated_lines(copies):
                out.write(line + "\n")
        print(f"  {copies} copies written: {data_file.stat().st_size / (1 << 20):,.0f} MiB of N-Triples", flush=True)
        loaded = _child("load", str(store_path), str(data_file), timeout=3600)
        if loaded is None:
            return {"copies": copies, "load_stopped_after_s": 3600}
        print(f"  loaded {loaded['triples']:,} triples in {loaded['load_s']:.1f} s, peak {loaded['peak_mib']:,.0f} MiB, "
              f"{loaded['disk_mib']:,.0f} MiB on disk", flush=True)
        data_file.unlink()
        queries: dict[str, dict] = {}
        for name in named_queries():
            row = _child("query", str(store_path), name, timeout=limit + 10)
            queries[name] = row if row is not None else {"stopped_after_s": limit}
            shown = f"{row['seconds']:8.3f} s, {row['rows']} rows, peak {row['peak_mib']:,.0f} MiB" if row else \
                f"over {limit:.0f} s (stopped)"
            print(f"  {name:<44} {shown}", flush=True)
    return {"copies": copies, "query_limit_s": limit, **loaded, "queries": queries}


if __name__ == "__main__":
    action, *rest = sys.argv[1:]
    print(json.dumps(load_store(*rest) if action == "load" else query_store(*rest)))
