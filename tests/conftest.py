"""Shared fixtures: the built graph of the shipped article, a small fixture article, and a CLI runner."""
from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

FIXTURES = Path(__file__).parent / "fixtures"
SHIPPED_ARTICLE = "muskelkrampf-im-ruecken"
"""The id of the shipped article: tests about it find it by id, whichever folder sorts first."""


@pytest.fixture(scope="session")
def built():
    """The build of the shipped article (ontology + facts + evidence)."""
    from crampkg.build.graph import build_graph

    return build_graph()


@pytest.fixture(scope="session")
def graph(built):
    return built.graph


@pytest.fixture(scope="session")
def article(built):
    """The shipped article (found by its id, not by its place among the articles)."""
    return next(a for a in built.articles if a.id == SHIPPED_ARTICLE)


def copy_mini(tmp_path: Path) -> Path:
    """A writable copy of the small fixture article's sources folder, below ``tmp_path``."""
    target = tmp_path / "sources"
    shutil.copytree(FIXTURES / "mini", target)
    return target


def copy_two_articles(tmp_path: Path, second_folder: str = "zz-wadenkrampf") -> Path:
    """A sources folder holding the shipped article and the second fixture article (in folder ``second_folder``,
    so that a test chooses which of the two folders sorts first)."""
    from crampkg import paths

    target = tmp_path / "sources"
    shutil.copytree(paths.sources_dir() / SHIPPED_ARTICLE, target / SHIPPED_ARTICLE)
    shutil.copytree(FIXTURES / "second" / "wadenkrampf", target / second_folder)
    return target


@pytest.fixture()
def mini_sources(tmp_path: Path) -> Path:
    """A writable copy of the small fixture article, to break on purpose."""
    return copy_mini(tmp_path)


def run_cli(*args: str, cwd: Path | None = None, env: dict | None = None) -> subprocess.CompletedProcess:
    """Run ``python -m crampkg ARGS`` as a user would and capture its output (``env`` adds variables)."""
    import os

    return subprocess.run([sys.executable, "-m", "crampkg", *args], capture_output=True, text=True, cwd=cwd, timeout=300,
                          env={**os.environ, **(env or {})})


@pytest.fixture(scope="session", autouse=True)
def private_cache(tmp_path_factory):
    """Keep the graph cache of the test run out of the user's home."""
    import os

    folder = tmp_path_factory.mktemp("cache")
    previous = os.environ.get("CRAMPKG_CACHE_DIR")
    os.environ["CRAMPKG_CACHE_DIR"] = str(folder)
    yield folder
    if previous is None:
        os.environ.pop("CRAMPKG_CACHE_DIR", None)
    else:
        os.environ["CRAMPKG_CACHE_DIR"] = previous
