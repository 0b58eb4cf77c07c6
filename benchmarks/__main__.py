"""Run the benchmarks, print a table and write JSON: ``python -m benchmarks [--quick] [--out FILE]``."""
from __future__ import annotations

import argparse
import json
import platform
import time
from pathlib import Path

from benchmarks import queries


def main() -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks")
    parser.add_argument("--quick", action="store_true", help="few repetitions (a smoke run)")
    parser.add_argument("--out", type=Path, default=Path("benchmarks/results.json"))
    args = parser.parse_args()
    repeat = 2 if args.quick else 10
    report = {
        "date": time.strftime("%Y-%m-%d"),
        "machine": {"python": platform.python_version(), "processor": platform.machine(), "system": platform.system()},
        "cli": queries.cold_cli(repeat),
        "named_queries_warm_s": queries.warm_named_queries(repeat * 2),
    }
    print("crampkg query, new process")
    for key, value in report["cli"].items():
        print(f"  {key:<34} {value * 1000:8.0f} ms")
    print("named queries, warm (median)")
    for name, value in sorted(report["named_queries_warm_s"].items(), key=lambda kv: -kv[1]):
        print(f"  {name:<44} {value * 1000:8.1f} ms")
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(report, indent=1) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
