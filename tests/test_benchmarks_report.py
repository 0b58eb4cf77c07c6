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


def test_the_readme_speed_summary_is_written_from_the_results_file():
    from benchmarks.report import summary, with_summary

    results = json.loads((ROOT / "benchmarks" / "results.json").read_text(encoding="utf-8"))
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert summary(results) in readme, "run `python -m benchmarks.report` to rewrite README.md's speed summary"
    assert with_summary(readme, results) == readme


def test_a_stopped_query_at_ten_million_triples_is_reported_as_stopped():
    results = json.loads((ROOT / "benchmarks" / "results.json").read_text(encoding="utf-8"))
    results["large"] = {"copies": 2, "query_limit_s": 30.0, "triples": 43_681, "load_s": 0.2, "peak_mib": 97.0,
                        "disk_mib": 4.0, "queries": {"labels": {"seconds": 0.037, "rows": 730, "peak_mib": 97.0},
                                                     "body-region-hierarchy": {"stopped_after_s": 30.0}}}
    text = render(results)
    assert "| body-region-hierarchy | over 30 (stopped) | | |" in text
    assert "1 of 2 answered, 1 of them in under a second; stopped: body-region-hierarchy. Each copy" in text
