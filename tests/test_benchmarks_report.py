"""BENCHMARKS.md is exactly what benchmarks/report.py writes from benchmarks/results.json: no figure typed by hand."""
from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.report import render  # noqa: E402


def test_benchmarks_md_is_written_from_the_results_file():
    results = json.loads((ROOT / "benchmarks" / "results.json").read_text(encoding="utf-8"))
    assert (ROOT / "BENCHMARKS.md").read_text(encoding="utf-8") == render(results), \
        "run `python -m benchmarks.report` after editing benchmarks/results.json"


def test_a_missed_target_is_reported_as_missed():
    results = json.loads((ROOT / "benchmarks" / "results.json").read_text(encoding="utf-8"))
    row = {"requests": 1, "throughput_rps": 1.0, "p50_ms": 3.0, "p99_ms": 3.0}
    results["endpoint"] = {"1": {"crampkg": row, "bare_oxigraph": {**row, "p50_ms": 2.0}, "p50_ratio": 1.5}}
    line = next(row for row in render(results).splitlines() if row.startswith("| 1 | 1 |"))
    assert line.endswith("| 1.50 | **missed** |")
