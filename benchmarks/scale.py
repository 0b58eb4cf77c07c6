"""Scale: the article's graph (with its inferences) replicated as N articles with distinct IRIs; load time, query
time and peak memory on rdflib and Oxigraph. Each (engine, N) runs in its own process so that peak memory is its own."""
from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Iterator

QUERIES = ["causes-of-back-cramps", "treatments-for-mineral-deficiency-symptoms", "exercise-protocols", "hedged-claims",
           "drug-treatments", "symptoms-of-back-cramps", "imaging-rule", "prevention-for-cause"]


def replicated_lines(copies: int) -> Iterator[str]:
    """The graph with its inferences: the ontology once and the individuals ``copies`` times, the first copy with
    the article's own IRIs (so that a named query about one resource finds its answer), each other copy with its
    resource IRIs renamed; as N-Triples lines."""
    import crampkg
    from crampkg.namespaces import RESOURCE

    graph = crampkg.load(reasoning="all")
    lines = graph.serialize(format="nt", encoding="utf-8").decode("utf-8").splitlines()
    base = f"<{RESOURCE}"
    tbox = [line for line in lines if base not in line and "_:" not in line]
    ontology = set(tbox)
    abox = [line for line in lines if line not in ontology]
    yield from tbox
    yield from abox
    for copy in range(1, copies):
        prefix = f"<{RESOURCE}copy{copy}/"
        yield from (line.replace(base, prefix).replace("_:ax", f"_:c{copy}ax") for line in abox)


def replicated_ntriples(copies: int) -> bytes:
    """:func:`replicated_lines` as one N-Triples document."""
    return ("\n".join(replicated_lines(copies)) + "\n").encode("utf-8")


def measure(engine: str, copies: int, repeat: int, data_file: str) -> dict:
    """In this process: load the prepared N-Triples and query; return seconds and peak memory (MiB)."""
    import statistics
    import time
    from pathlib import Path

    from benchmarks.timing import peak_mib
    from crampkg.sparql.catalog import named_queries
    from crampkg.sparql.engine import bindings_for

    data = Path(data_file).read_bytes()
    started = time.perf_counter()
    if engine == "oxigraph":
        from crampkg.sparql.backends import OxigraphBackend

        backend = OxigraphBackend.from_ntriples(data, {})
        triples = len(backend.store)
    else:
        from rdflib import Graph

        from crampkg.sparql.backends import RdflibBackend

        graph = Graph()
        graph.parse(data=data, format="nt")
        backend = RdflibBackend(graph)
        triples = len(graph)
    load = time.perf_counter() - started
    timings = {}
    catalog = named_queries()
    for name in QUERIES:
        bindings = bindings_for(catalog[name], {})
        samples = []
        for _ in range(repeat):
            t = time.perf_counter()
            backend.query(catalog[name].text, bindings)
            samples.append(time.perf_counter() - t)
        timings[name] = statistics.median(samples)
    return {"engine": engine, "copies": copies, "triples": triples, "load_s": load, "queries_s": timings,
            "peak_mib": peak_mib()}


def run(sizes: list[int], repeat: int, engines=("rdflib", "oxigraph"), rdflib_max: int = 30) -> list[dict]:
    """Every (engine, N) in a fresh process that only loads the data and queries (its peak memory is its own)."""
    import tempfile
    from pathlib import Path

    results = []
    for copies in sizes:
        with tempfile.TemporaryDirectory() as folder:
            data_file = Path(folder) / "data.nt"
            data_file.write_bytes(replicated_ntriples(copies))
            for engine in engines:
                if engine == "rdflib" and copies > rdflib_max:
                    continue
                results.append(_measure_in_child(engine, copies, repeat, data_file))
    return results


def _measure_in_child(engine: str, copies: int, repeat: int, data_file) -> dict:
    done = subprocess.run([sys.executable, "-m", "benchmarks.scale", engine, str(copies), str(repeat), str(data_file)],
                          capture_output=True, text=True, check=True)
    row = json.loads(done.stdout.strip().splitlines()[-1])
    print(f"  {engine:<8} N={copies:<5} {row['triples']:>9} triples  load {row['load_s']:7.2f} s  "
          f"slowest query {max(row['queries_s'].values()) * 1000:9.1f} ms  peak {row['peak_mib']:7.0f} MiB", flush=True)
    return row


def plot(results: list[dict], path) -> None:
    """Log-log plot of load time and slowest query against triples, both engines."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    figure, (left, right) = plt.subplots(1, 2, figsize=(10, 4))
    for engine, marker in (("rdflib", "o"), ("oxigraph", "s")):
        rows = [r for r in results if r["engine"] == engine]
        x = [r["triples"] for r in rows]
        left.loglog(x, [r["load_s"] for r in rows], marker=marker, label=engine)
        right.loglog(x, [max(r["queries_s"].values()) for r in rows], marker=marker, label=engine)
    left.set(title="load", xlabel="triples", ylabel="seconds")
    right.set(title="slowest of 8 named queries (median)", xlabel="triples", ylabel="seconds")
    for axis in (left, right):
        axis.grid(True, which="both", alpha=0.3)
        axis.legend()
    figure.tight_layout()
    figure.savefig(path, dpi=100)


if __name__ == "__main__":
    print(json.dumps(measure(sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4])))
