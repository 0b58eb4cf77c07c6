"""The endpoint under load: throughput and p50/p99 latency at 1, 4 and 16 clients, side by side with a bare
Oxigraph server holding the same data (our overhead as a ratio) and with the endpoint's HTTP layer running each
query in its own process (:mod:`benchmarks.in_process_server`: what the hop to the killable worker costs); and the
latency a cheap probe sees while 4 or 8 clients repeat a runaway query."""
from __future__ import annotations

import contextlib
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

QUERIES = ["imaging-methods", "drug-side-effects", "causes-of-back-cramps", "pain-radiation", "diagnosis-steps",
           "symptoms-of-back-cramps", "risk-factors", "when-to-see-a-doctor"]


def _post(url: str, query: str) -> float:
    data = urllib.parse.urlencode({"query": query}).encode()
    request = urllib.request.Request(url, data=data, headers={"Accept": "application/sparql-results+json",
                                                              "Content-Type": "application/x-www-form-urlencoded"})
    started = time.perf_counter()
    with urllib.request.urlopen(request, timeout=60) as response:
        response.read()
        if response.status != 200:
            raise RuntimeError(f"HTTP {response.status}")
    return time.perf_counter() - started


def _load(url: str, texts: list[str], clients: int, requests_per_client: int) -> tuple[list[float], float]:
    """``clients × requests_per_client`` queries round robin over ``texts``: every latency, and the wall time."""
    def client(index: int) -> list[float]:
        return [_post(url, texts[(index + i) % len(texts)]) for i in range(requests_per_client)]

    started = time.perf_counter()
    with ThreadPoolExecutor(max_workers=clients) as pool:
        latencies = [x for chunk in pool.map(client, range(clients)) for x in chunk]
    return latencies, time.perf_counter() - started


def _summary(latencies: list[float], wall: float, clients: int) -> dict:
    ordered = sorted(latencies)
    return {"clients": clients, "requests": len(ordered), "throughput_rps": len(ordered) / wall,
            "p50_ms": statistics.median(ordered) * 1000, "p99_ms": ordered[int(0.99 * (len(ordered) - 1))] * 1000}


def side_by_side(urls: dict[str, str], texts: list[str], clients: int, requests_per_client: int, rounds: int,
                 peer: str) -> dict:
    """Load each server in turn, ``rounds`` times, the order rotating (so that a change in the machine's load falls
    on all of them): each server's summary over all its rounds, and for each server but ``peer`` its p50 ratio to
    the peer's in every round and the median of those."""
    names = list(urls)
    latencies: dict[str, list[float]] = {name: [] for name in names}
    walls = dict.fromkeys(names, 0.0)
    ratios: dict[str, list[float]] = {name: [] for name in names if name != peer}
    for round_number in range(rounds):
        p50 = {}
        shift = round_number % len(names)
        for name in names[shift:] + names[:shift]:
            measured, wall = _load(urls[name], texts, clients, requests_per_client)
            latencies[name] += measured
            walls[name] += wall
            p50[name] = statistics.median(measured)
        for name in ratios:
            ratios[name].append(p50[name] / p50[peer])
    report: dict = {name: _summary(latencies[name], walls[name], clients) for name in names}
    report["round_p50_ratios"] = {name: [round(ratio, 3) for ratio in values] for name, values in ratios.items()}
    report["p50_ratios"] = {name: statistics.median(values) for name, values in ratios.items()}
    return report


def _wait(url: str) -> None:
    for _ in range(300):
        try:
            urllib.request.urlopen(url, timeout=1).read()
            return
        except Exception:
            time.sleep(0.1)
    raise RuntimeError(f"{url} did not start")


def run(requests_per_client: int, rounds: int = 5) -> dict:
    """The three servers on free loopback ports, the same queries, 1/4/16 clients each, in rotating rounds."""
    import crampkg
    from crampkg.sparql.catalog import named_queries
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))
    from servers import free_port

    catalog = named_queries()
    texts = [catalog[name].text for name in QUERIES]
    ours_port, bare_port, in_process_port = free_port(), free_port(), free_port()
    data = crampkg.load().serialize(format="nt", encoding="utf-8")
    with tempfile.TemporaryDirectory() as folder:
        (Path(folder) / "data.nt").write_bytes(data)
        binary = str(Path(sys.executable).parent / "oxigraph")
        subprocess.run([binary, "load", "--location", f"{folder}/store", "--file", f"{folder}/data.nt"], check=True,
                       capture_output=True)
        bare = subprocess.Popen([binary, "serve-read-only", "--location", f"{folder}/store", "--bind", f"127.0.0.1:{bare_port}"],
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        ours = subprocess.Popen([sys.executable, "-m", "crampkg", "serve", "--port", str(ours_port)],
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        in_process = subprocess.Popen([sys.executable, "-m", "benchmarks.in_process_server", str(in_process_port)],
                                      stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            _wait(f"http://127.0.0.1:{bare_port}/query?query=ASK%7B%7D")
            _wait(f"http://127.0.0.1:{ours_port}/sparql?query=ASK%7B%7D")
            _wait(f"http://127.0.0.1:{in_process_port}/sparql?query=ASK%7B%7D")
            report = {}
            urls = {"crampkg": f"http://127.0.0.1:{ours_port}/sparql", "bare_oxigraph": f"http://127.0.0.1:{bare_port}/query",
                    "in_process": f"http://127.0.0.1:{in_process_port}/sparql"}
            for clients in (1, 4, 16):
                row = report[str(clients)] = side_by_side(urls, texts, clients, requests_per_client, rounds, "bare_oxigraph")
                row["p50_ratio"] = row["p50_ratios"]["crampkg"]
                ours_result, bare_result = row["crampkg"], row["bare_oxigraph"]
                print(f"  {clients:>2} clients: crampkg {ours_result['throughput_rps']:7.1f} req/s p50 {ours_result['p50_ms']:6.1f} ms "
                      f"p99 {ours_result['p99_ms']:6.1f} ms | bare oxigraph {bare_result['throughput_rps']:7.1f} req/s "
                      f"p50 {bare_result['p50_ms']:6.1f} ms p99 {bare_result['p99_ms']:6.1f} ms | p50 ratio "
                      f"{row['p50_ratio']:.2f}, in process {row['p50_ratios']['in_process']:.2f} "
                      f"(rounds {row['round_p50_ratios']})", flush=True)
            for slow_clients in (4, 8):
                report[f"probe_with_{slow_clients}_slow_clients"] = probe_under_slow_queries(
                    f"http://127.0.0.1:{ours_port}", slow_clients)
                print(f"  probe with {slow_clients} slow clients: {report[f'probe_with_{slow_clients}_slow_clients']}",
                      flush=True)
            return report
        finally:
            for process in (ours, bare, in_process):
                process.terminate()
                process.wait(timeout=10)


RUNAWAY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"


def probe_under_slow_queries(url: str, slow_clients: int, seconds: float = 10) -> dict:
    """p50 and max latency of a cheap query sent every 0.25 s for ``seconds`` while ``slow_clients`` repeat a
    runaway query (each stopped by the server); bounded in time."""
    import threading

    stop = threading.Event()

    def hammer() -> None:
        for _ in range(50):
            if stop.is_set():
                return
            with contextlib.suppress(Exception):  # the server answers 503, which urllib raises
                _post(f"{url}/sparql", RUNAWAY)

    threads = [threading.Thread(target=hammer, daemon=True) for _ in range(slow_clients)]
    for thread in threads:
        thread.start()
    time.sleep(2)
    latencies, failures, ends = [], 0, time.perf_counter() + seconds
    while time.perf_counter() < ends:
        try:
            latencies.append(_post(f"{url}/sparql", "ASK { ?s ?p ?o }"))
        except Exception:  # counted
            failures += 1
        time.sleep(0.25)
    stop.set()
    for thread in threads:
        thread.join(timeout=30)
    latencies.sort()
    return {"probes": len(latencies), "failed": failures, "p50_ms": round(statistics.median(latencies) * 1000, 1),
            "max_ms": round(latencies[-1] * 1000, 1)}
