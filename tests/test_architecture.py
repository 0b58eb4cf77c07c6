"""The flow runs one way (pyproject.toml's import-linter layers contract), checked on the package as installed."""
from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
LINT_IMPORTS = Path(sys.executable).parent / "lint-imports"


def installed_layout(target: Path) -> Path:
    """``crampkg/`` with ``loaders/`` inside it, as a wheel installs them (``loaders`` is ``crampkg.loaders``)."""
    ignore = shutil.ignore_patterns("__pycache__")
    shutil.copytree(ROOT / "crampkg", target / "crampkg", ignore=ignore)
    shutil.copytree(ROOT / "loaders", target / "crampkg" / "loaders", ignore=ignore)
    shutil.copy(ROOT / "pyproject.toml", target / "pyproject.toml")
    return target


def _lint(folder: Path) -> subprocess.CompletedProcess:
    return subprocess.run([str(LINT_IMPORTS), "--no-cache"], cwd=folder, capture_output=True, text=True, timeout=120,
                          env={"PYTHONPATH": str(folder), "PATH": "/usr/bin:/bin"})


def test_the_layers_contract_is_kept(tmp_path):
    run = _lint(installed_layout(tmp_path))
    assert run.returncode == 0, run.stdout[-3000:] + run.stderr[-2000:]
    assert "1 kept, 0 broken" in run.stdout


@pytest.mark.parametrize("lower, upper", [("crampkg/sparql/engine.py", "crampkg.store"),
                                          ("crampkg/build/graph.py", "crampkg.cli"),
                                          ("crampkg/loaders/records.py", "crampkg.build.graph")])
def test_an_import_against_the_flow_breaks_the_contract(tmp_path, lower, upper):
    folder = installed_layout(tmp_path)
    module = folder / lower
    module.write_text(module.read_text(encoding="utf-8") + f"\n\ndef _against_the_flow():\n    import {upper}\n",
                      encoding="utf-8")
    run = _lint(folder)
    assert run.returncode == 1, run.stdout[-3000:]
    assert "0 kept, 1 broken" in run.stdout
