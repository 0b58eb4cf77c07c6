"""The habits of the tree: ruff finds nothing, and mypy finds no type error in crampkg, loaders included."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from test_architecture import installed_layout

ROOT = Path(__file__).resolve().parent.parent
TOOLS = Path(sys.executable).parent


def test_ruff_finds_nothing():
    run = subprocess.run([str(TOOLS / "ruff"), "check", "--no-cache", "--output-format", "concise", "."], cwd=ROOT,
                         capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stdout[-6000:] + run.stderr[-2000:]


@pytest.mark.slow
def test_mypy_finds_no_type_error(tmp_path):
    # mypy cannot follow the editable install's import hook, which maps loaders/ to crampkg.loaders: it checks a
    # copy laid out as a wheel installs it, with pyproject.toml's settings, against the packages of this Python
    folder = installed_layout(tmp_path)
    run = subprocess.run([str(TOOLS / "mypy"), "--python-executable", sys.executable, "--cache-dir", str(tmp_path / "cache"),
                          "crampkg"], cwd=folder, capture_output=True, text=True, timeout=600)
    assert run.returncode == 0, run.stdout[-6000:] + run.stderr[-2000:]
    assert "Success: no issues found" in run.stdout
