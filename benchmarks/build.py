"""The build, cold, in a new process: each stage (parse and validate, OWL RL, HermiT, SHACL, checks, write) and whole."""
from __future__ import annotations

import re
import statistics
import subprocess
import sys
import tempfile
import time


def build_stages(repeat: int) -> dict[str, float]:
    """Medians over ``repeat`` runs of ``crampkg build`` of each stage's seconds and of the whole wall time."""
    samples: dict[str, list[float]] = {}
    for _ in range(repeat):
        with tempfile.TemporaryDirectory() as out:
            started = time.perf_counter()
            done = subprocess.run([sys.executable, "-m", "crampkg", "build", "--out", out], capture_output=True, text=True, check=True)
            samples.setdefault("total_wall", []).append(time.perf_counter() - started)
        line = next(text for text in done.stderr.splitlines() if text.startswith("stages:"))
        for stage, seconds in re.findall(r"(\w+) ([0-9.]+) s", line):
            samples.setdefault(stage, []).append(float(seconds))
    return {stage: statistics.median(values) for stage, values in samples.items()}
