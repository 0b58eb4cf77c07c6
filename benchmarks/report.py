"""BENCHMARKS.md, written from the results file: every figure below comes from ``benchmarks/results.json``.

``python -m benchmarks`` writes it after a run; ``python -m benchmarks.report`` rewrites it from the last results.
"""
from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

FIRST_QUERY_TARGET_S = 2.0
WARM_QUERY_TARGET_S = 0.05
ENDPOINT_P50_RATIO_TARGET = 1.2
SHOWN_SLOWEST = 12


def _verdict(met: bool) -> str:
    return "**met**" if met else "**missed**"


def _when(report: dict[str, Any], part: str) -> str:
    measured = report.get("measured", {}).get(part)
    if not measured:
        return "Measured before the run date and load were recorded (an older results file)."
    load = ", ".join(f"{x:.2f}" for x in measured["load_average"])
    return f"Measured {measured['date']}, load average {load} (1, 5, 15 min) on {report['machine']['cpus']} cores."


def _cli(report: dict[str, Any]) -> list[str]:
    cli = report["cli"]
    if "first_query_empty_cache_oxigraph_s" not in cli:
        return []
    from benchmarks.queries import FIRST_QUERY

    first, peer = cli["first_query_empty_cache_oxigraph_s"], cli["first_query_empty_cache_rdflib_s"]
    later, later_peer = cli["later_query_oxigraph_s"], cli["later_query_rdflib_s"]
    warm = report.get("named_queries_warm_s", {}).get(FIRST_QUERY, {})
    reason = (f" The query itself takes {warm['oxigraph'] * 1000:,.0f} ms warm on Oxigraph against {warm['rdflib'] * 1000:,.0f} ms "
              "on rdflib (next table): no graph is built on the query path (the shipped graph is read); the time goes "
              "to Oxigraph's evaluation of the query's FILTER EXISTS / NOT EXISTS over property paths (without them "
              "it runs far faster; compare oxigraph issue #1894, a path re-evaluated for every incoming solution)." if warm and first >= FIRST_QUERY_TARGET_S else "")
    return [
        f"## `crampkg query {FIRST_QUERY}`, process start to output (median of 5)", "", _when(report, "queries"), "",
        "| | Oxigraph (default) ms | rdflib ms | ratio |", "|---|---:|---:|---:|",
        f"| first query after an install (new, empty cache folder: the shipped graph is read) | {first * 1000:,.0f} | {peer * 1000:,.0f} | {first / peer:.2f} |",
        f"| later queries (filled cache) | {later * 1000:,.0f} | {later_peer * 1000:,.0f} | {later / later_peer:.2f} |", "",
        f"Target: first query under {FIRST_QUERY_TARGET_S:g} s: {_verdict(first < FIRST_QUERY_TARGET_S)} "
        f"({first:.2f} s on Oxigraph).{reason} Command: `.venv/bin/python -m benchmarks --only queries`.", "",
    ]


def _warm(report: dict[str, Any]) -> list[str]:
    warm = report["named_queries_warm_s"]
    under = {engine: sum(1 for row in warm.values() if row[engine] < WARM_QUERY_TARGET_S) for engine in ("oxigraph", "rdflib")}
    slowest = sorted(warm.items(), key=lambda kv: -max(kv[1].values()))[:SHOWN_SLOWEST]
    lines = [f"## Named queries, warm (in process, median of 5, ms; the {SHOWN_SLOWEST} slowest on either engine)", "",
             _when(report, "queries"), "",
             f"{len(warm)} named queries on the graph with inferences. Under {WARM_QUERY_TARGET_S * 1000:.0f} ms: "
             f"Oxigraph {under['oxigraph']} of {len(warm)} ({_verdict(under['oxigraph'] == len(warm))}), "
             f"rdflib {under['rdflib']} of {len(warm)}.", "",
             "| query | Oxigraph | rdflib | Oxigraph / rdflib |", "|---|---:|---:|---:|"]
    lines += [f"| {name} | {row['oxigraph'] * 1000:,.1f} | {row['rdflib'] * 1000:,.1f} | {row['oxigraph'] / row['rdflib']:.2f} |"
              for name, row in slowest]
    return [*lines, "", "Command: `.venv/bin/python -m benchmarks --only queries`.", ""]


def _endpoint(report: dict[str, Any]) -> list[str]:
    endpoint = report["endpoint"]
    rows = [(clients, endpoint[clients]) for clients in ("1", "4", "16") if clients in endpoint]
    in_process = all("in_process" in row for _, row in rows)
    lines = ["## The endpoint under load (8 named queries round robin; side by side with bare `oxigraph serve-read-only`)", "",
             _when(report, "endpoint"), "",
             "Each load runs in rounds, the servers' order rotating; a ratio is the median of the rounds' p50 ratios."
             + (" *In process* is the endpoint's own HTTP layer and application running each query in the server "
                "process (`benchmarks/in_process_server.py`, for measuring only: it cannot stop a query), which "
                "separates the HTTP layer's cost from the hop to the killable worker." if in_process else ""), "",
             "| clients | requests | crampkg req/s | p50 ms | p99 ms | bare Oxigraph req/s | p50 ms | p99 ms | p50 ratio | target |"
             + (" in process p50 ms | its ratio |" if in_process else ""),
             "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|" + ("---:|---:|" if in_process else "")]
    for clients, row in rows:
        ours, bare = row["crampkg"], row["bare_oxigraph"]
        lines.append(f"| {clients} | {ours['requests']} | {ours['throughput_rps']:,.0f} | {ours['p50_ms']:.1f} | {ours['p99_ms']:.1f} | "
                     f"{bare['throughput_rps']:,.0f} | {bare['p50_ms']:.1f} | {bare['p99_ms']:.1f} | {row['p50_ratio']:.2f} | "
                     f"{_verdict(row['p50_ratio'] <= ENDPOINT_P50_RATIO_TARGET)} |"
                     + (f" {row['in_process']['p50_ms']:.1f} | {row['p50_ratios']['in_process']:.2f} |" if in_process else ""))
    for key in sorted(k for k in endpoint if k.startswith("probe_with_")):
        lines.append(f"\nA cheap probe while {key.split('_')[2]} clients repeat a runaway query: `{json.dumps(endpoint[key])}`")
    met = all(row["p50_ratio"] <= ENDPOINT_P50_RATIO_TARGET for _, row in rows)
    reason = ""
    if not met and in_process:
        shares = []
        for clients, row in rows:
            gap = row["p50_ratio"] - 1
            hop = (row["p50_ratio"] - row["p50_ratios"]["in_process"]) / gap if gap > 0 else 0.0
            shares.append(f"{clients} client{'s' if clients != '1' else ''}: {max(0.0, min(1.0, hop)):.0%} of the gap is the "
                          f"hop to the worker, the rest the Python HTTP layer (in process {row['p50_ratios']['in_process']:.2f})")
        reason = (" Where the time goes: " + "; ".join(shares) + ". The worker process is what makes the timeout a real "
                  "kill of an overrunning query and keeps queries off the network, so it stays; the HTTP layer is "
                  "waitress (Python), against the bare server's native threads.")
    elif not met:
        reason = (" Each crampkg request crosses waitress's Python HTTP parsing and one pipe hop to a pre-forked worker "
                  "process (the worker is what makes the timeout a real kill of an overrunning query).")
    return [*lines, "", f"Target: p50 within {ENDPOINT_P50_RATIO_TARGET}× of bare Oxigraph at every load: {_verdict(met)}."
            + reason + " Command: `.venv/bin/python -m benchmarks --only endpoint`.", ""]


def _build(report: dict[str, Any]) -> list[str]:
    lines = ["## Build (`crampkg build`, cold process, median of 3)", "", _when(report, "build"), "",
             "| stage | seconds |", "|---|---:|"]
    lines += [f"| {stage} | {seconds:.2f} |" for stage, seconds in report["build"].items()]
    return [*lines, "", "Command: `.venv/bin/python -m benchmarks --only build`.", ""]


def _scale(report: dict[str, Any]) -> list[str]:
    from benchmarks.scale import QUERIES

    lines = ["## Scale: the article replicated N times with distinct IRIs, in memory", "", _when(report, "scale"), "",
             "The graph with its inferences, the first copy with the article's own IRIs; the slowest of "
             f"{len(QUERIES)} named queries ({', '.join(QUERIES)}), each the median of its runs.", "",
             "| engine | N | triples | load s | slowest query s | peak MiB | load ratio to Oxigraph | query ratio to Oxigraph |",
             "|---|---:|---:|---:|---:|---:|---:|---:|"]
    oxigraph = {row["copies"]: row for row in report["scale"] if row["engine"] == "oxigraph"}
    for row in report["scale"]:
        slowest = max(row["queries_s"].values()) if row.get("queries_s") else float("nan")
        peer = oxigraph.get(row["copies"])
        load_ratio = row["load_s"] / peer["load_s"] if peer else float("nan")
        query_ratio = slowest / max(peer["queries_s"].values()) if peer and peer.get("queries_s") else float("nan")
        lines.append(f"| {row['engine']} | {row['copies']} | {row['triples']:,} | {row['load_s']:.2f} | {slowest:.3f} | "
                     f"{row['peak_mib']:,.0f} | {load_ratio:.1f} | {query_ratio:.1f} |")
    return [*lines, "", "Command: `.venv/bin/python -m benchmarks --only scale` (plot: `benchmarks/scale.png`).", "",
            "![load and query time against triples, log-log](benchmarks/scale.png)", ""]


def _large(report: dict[str, Any]) -> list[str]:
    large = report["large"]
    lines = ["## Ten million triples: Oxigraph on disk", "", _when(report, "large"), ""]
    if "load_stopped_after_s" in large:
        return [*lines, f"The bulk load of {large['copies']} copies was stopped after {large['load_stopped_after_s']} s.", ""]
    queries = large["queries"]
    answered = {name: row for name, row in queries.items() if "seconds" in row}
    stopped = sorted(set(queries) - set(answered))
    lines += [f"The article's graph with its inferences replicated {large['copies']} times (the first copy with the "
              f"article's own IRIs): {large['triples']:,} triples, bulk-loaded into an on-disk store in "
              f"{large['load_s']:,.1f} s (peak memory {large['peak_mib']:,.0f} MiB, {large['disk_mib']:,.0f} MiB on disk). "
              f"Then every named query in a process of its own on the read-only store (median of 3 when under a "
              f"second), stopped after {large['query_limit_s']:.0f} s: {len(answered)} of {len(queries)} answered, "
              f"{sum(row['seconds'] < 1 for row in answered.values())} of them in under a second"
              + (f"; stopped: {', '.join(stopped)}." if stopped else ".")
              + f" Each copy is a whole article's worth of individuals, so a query over every entity or statement (labels, "
              f"hedged claims, unmapped entities) has {large['copies']} times the article's answer to compute.", "",
              "| query | seconds | rows | peak MiB |", "|---|---:|---:|---:|"]
    for name, row in sorted(queries.items(), key=lambda item: -item[1].get("seconds", float("inf"))):
        lines.append(f"| {name} | {row['seconds']:,.3f} | {row['rows']:,} | {row['peak_mib']:,.0f} |" if "seconds" in row
                     else f"| {name} | over {row['stopped_after_s']:.0f} (stopped) | | |")
    return [*lines, "", "Command: `.venv/bin/python -m benchmarks --only large`.", ""]


def render(report: dict[str, Any]) -> str:
    """The text of BENCHMARKS.md for a results file's content."""
    machine = report["machine"]
    lines = ["# Benchmarks", "",
             "Written by `.venv/bin/python -m benchmarks` from `benchmarks/results.json` (never edited by hand). "
             f"Machine: {machine['cpus']} cores, {machine['processor']}, Python {machine['python']}. Figures are medians; "
             "each ratio compares runs made side by side in the same invocation, because absolute times on this shared "
             "machine drift with the load quoted for each part.", ""]
    for part, section in (("cli", _cli), ("named_queries_warm_s", _warm), ("endpoint", _endpoint), ("build", _build),
                          ("scale", _scale), ("large", _large)):
        if part in report:
            lines += section(report)
    return "\n".join(lines)


README_START = "<!-- speed: written by benchmarks/report.py from benchmarks/results.json -->"
README_END = "<!-- end of speed -->"


def summary(report: dict[str, Any]) -> str:
    """The README's short account of the figures (between :data:`README_START` and :data:`README_END`)."""
    sentences = []
    if "build" in report:
        sentences.append(f"the whole build (parse, validate, OWL RL, HermiT, SHACL, checks, write) takes "
                         f"{report['build']['total_wall']:.1f} s")
    cli = report.get("cli", {})
    if "first_query_empty_cache_oxigraph_s" in cli:
        sentences.append(f"the first `crampkg query` after an install takes {cli['first_query_empty_cache_oxigraph_s']:.1f} s "
                         f"from process start to output (rdflib: {cli['first_query_empty_cache_rdflib_s']:.1f} s)")
    warm = report.get("named_queries_warm_s")
    if warm:
        under = sum(row["oxigraph"] < WARM_QUERY_TARGET_S for row in warm.values())
        slowest = max(row["oxigraph"] for row in warm.values())
        sentences.append(f"{under} of the {len(warm)} named queries run warm in under {WARM_QUERY_TARGET_S * 1000:.0f} ms on "
                         f"Oxigraph (the slowest {slowest * 1000:,.0f} ms)")
    endpoint = report.get("endpoint", {})
    ratios = [(clients, endpoint[clients]["p50_ratio"]) for clients in ("1", "4", "16") if clients in endpoint]
    if ratios:
        sentences.append("the endpoint's p50 latency is " + ", ".join(f"{ratio:.2f}×" for _, ratio in ratios)
                         + f" bare Oxigraph's at {', '.join(clients for clients, _ in ratios)} clients")
    oxigraph_scale = [row for row in report.get("scale", []) if row["engine"] == "oxigraph"]
    if oxigraph_scale:
        top = max(oxigraph_scale, key=lambda row: row["triples"])
        sentences.append(f"at {top['triples']:,} triples in memory Oxigraph answers the scale queries in under "
                         f"{max(top['queries_s'].values()):.2f} s each, in {top['peak_mib']:,.0f} MiB")
    large = report.get("large", {})
    if "queries" in large:
        answered = [row for row in large["queries"].values() if "seconds" in row]
        sentences.append(f"{large['triples']:,} triples load into an on-disk store in {large['load_s']:.0f} s, where "
                         f"{sum(row['seconds'] < 1 for row in answered)} of the {len(large['queries'])} named queries "
                         f"answer in under a second")
    return f"{README_START}\nIn short: " + "; ".join(sentences) + f".\n{README_END}"


def with_summary(readme: str, report: dict[str, Any]) -> str:
    """``readme`` with its speed summary replaced by the one for ``report``."""
    start, end = readme.index(README_START), readme.index(README_END) + len(README_END)
    return readme[:start] + summary(report) + readme[end:]


def write_report(report: dict[str, Any], path: Path, readme: Path | None = None) -> None:
    """Write BENCHMARKS.md for ``report``, and the speed summary into ``readme`` (through the one atomic writer)."""
    from crampkg.rdfio import write_atomically

    files = {path: render(report).encode("utf-8")}
    if readme is not None:
        files[readme] = with_summary(readme.read_text(encoding="utf-8"), report).encode("utf-8")
    write_atomically(files)


if __name__ == "__main__":
    write_report(json.loads(Path(sys.argv[1] if len(sys.argv) > 1 else "benchmarks/results.json").read_text(encoding="utf-8")),
                 Path("BENCHMARKS.md"), Path("README.md"))
