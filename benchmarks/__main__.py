"""Run the benchmarks, print a table, write JSON and BENCHMARKS.md: ``python -m benchmarks [--quick] [--only PART] [--out FILE]``.

With ``--only`` the other parts' figures are kept from the results file (each part records when it was measured
and the load average then)."""
from __future__ import annotations

import argparse
import json
import os
import platform
import time
from pathlib import Path

PARTS = ("build", "queries", "endpoint", "scale", "large")


def main() -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks")
    parser.add_argument("--quick", action="store_true", help="tiny sizes and few repetitions (a smoke run)")
    parser.add_argument("--only", choices=PARTS, action="append", help="run only these parts (repeatable)")
    parser.add_argument("--out", type=Path, default=Path("benchmarks/results.json"))
    args = parser.parse_args()
    parts = args.only or list(PARTS)
    repeat = 2 if args.quick else 5
    report: dict = json.loads(args.out.read_text(encoding="utf-8")) if args.out.exists() and args.only else {}
    report["machine"] = {"python": platform.python_version(), "processor": platform.machine(), "cpus": os.cpu_count()}
    report.setdefault("measured", {}).update({part: {"date": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),
                                                     "load_average": os.getloadavg()} for part in parts})
    if "build" in parts:
        from benchmarks.build import build_stages

        print("build (crampkg build, cold process; medians)")
        report["build"] = build_stages(1 if args.quick else 3)
        for stage, seconds in report["build"].items():
            print(f"  {stage:<16} {seconds:6.2f} s")
    if "queries" in parts:
        from benchmarks import queries

        print("crampkg query, new process (medians)")
        report["cli"] = queries.cold_cli(repeat)
        for key, value in report["cli"].items():
            print(f"  {key:<34} {value * 1000:8.0f} ms")
        print("named queries, warm (medians, ms)      rdflib   oxigraph   ratio")
        report["named_queries_warm_s"] = queries.warm_named_queries(repeat)
        for name, row in sorted(report["named_queries_warm_s"].items(), key=lambda kv: -kv[1]["rdflib"]):
            print(f"  {name:<38} {row['rdflib'] * 1000:7.1f} {row['oxigraph'] * 1000:9.2f} {row['rdflib'] / row['oxigraph']:7.0f}×")
    if "endpoint" in parts:
        from benchmarks import endpoint

        print("endpoint under load")
        report["endpoint"] = endpoint.run(5 if args.quick else 40, 2 if args.quick else 5)
    if "scale" in parts:
        from benchmarks import scale

        print("scale (N copies of the article)")
        sizes = [1, 2] if args.quick else [1, 3, 10, 30, 60]
        report["scale"] = scale.run(sizes, 1 if args.quick else 3)
        args.out.parent.mkdir(parents=True, exist_ok=True)
        scale.plot(report["scale"], args.out.with_name("scale.png"))
    if "large" in parts:
        from benchmarks import large

        print(f"large (Oxigraph on disk, {2 if args.quick else large.COPIES} copies)")
        report["large"] = large.run(2 if args.quick else large.COPIES, 5 if args.quick else large.QUERY_LIMIT_S)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(report, indent=1) + "\n", encoding="utf-8")
    if not args.quick:
        from benchmarks.report import write_report

        write_report(report, Path("BENCHMARKS.md"), Path("README.md"))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
