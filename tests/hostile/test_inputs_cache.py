"""A hostile or damaged graph cache: nothing in it runs, a foreign or damaged file is detected and rebuilt with a
warning, and a cache folder that cannot be written costs time, never a traceback."""
from __future__ import annotations

import errno
import os
import pickle
import tempfile
from pathlib import Path

import pytest

from conftest import copy_mini
from crampkg import paths, store as cache_module
from hostile.inputs_support import run_cli

pytestmark = pytest.mark.slow  # each case runs the command line in a new process


@pytest.fixture()
def cache(tmp_path, monkeypatch):
    """A private cache folder, and the fixture article built into it once."""
    folder = tmp_path / "cache"
    monkeypatch.setenv("CRAMPKG_CACHE_DIR", str(folder))
    monkeypatch.setattr(cache_module, "_LOADED", {})
    sources = copy_mini(tmp_path)
    graph = cache_module.cached_graph(sources, reasoning="all")
    digest = cache_module.inputs_digest(sources, paths.ontology_dir())
    return cache_module, sources, digest, graph


def _fresh(cache_module, sources, reasoning="all"):
    cache_module._LOADED.clear()
    return cache_module.cached_graph(sources, reasoning=reasoning)


class _Payload:
    def __init__(self, marker: Path):
        self.marker = marker

    def __reduce__(self):
        return (os.system, (f"touch {self.marker}",))


def test_a_crafted_pickle_in_the_cache_never_runs(cache, tmp_path):
    cache_module, sources, digest, graph = cache
    marker = tmp_path / "pwned"
    for name in (f"graph-{digest}-all.pickle", f"graph-{digest}-all.nt"):
        (paths.cache_dir() / name).write_bytes(pickle.dumps(_Payload(marker)))
    again = _fresh(cache_module, sources)
    assert not marker.exists(), "the cache is never unpickled"
    assert set(again) == set(graph)


def test_the_graph_of_another_view_is_detected(cache, capsys):
    cache_module, sources, digest, graph = cache
    folder = paths.cache_dir()
    (folder / f"graph-{digest}-all.nt").write_bytes((folder / f"graph-{digest}-asserted.nt").read_bytes())
    again = _fresh(cache_module, sources)
    assert "holds the graph of other inputs or another view" in capsys.readouterr().err
    assert set(again) == set(graph), "the right graph, rebuilt"


def test_a_damaged_cache_file_is_detected_by_its_digest(cache, capsys):
    cache_module, sources, digest, graph = cache
    path = paths.cache_dir() / f"graph-{digest}-all.nt"
    data = path.read_bytes()
    path.write_bytes(data.replace(b"Magnesium", b"Zink\x00\x00\x00\x00\x00", 1))
    again = _fresh(cache_module, sources)
    assert "is damaged (its content does not match its SHA-256)" in capsys.readouterr().err
    assert set(again) == set(graph)


def test_a_truncated_cache_file_is_rebuilt(cache, capsys):
    cache_module, sources, digest, graph = cache
    path = paths.cache_dir() / f"graph-{digest}-all.nt"
    path.write_bytes(path.read_bytes()[:200])
    assert set(_fresh(cache_module, sources)) == set(graph)
    assert "crampkg: warning: the cache file" in capsys.readouterr().err


def test_a_corrupt_cache_in_a_read_only_folder_is_rebuilt_in_memory(cache, monkeypatch, capsys):
    cache_module, sources, digest, graph = cache
    path = paths.cache_dir() / f"graph-{digest}-all.nt"
    path.write_bytes(b"garbage\n")

    def read_only(*args, **kwargs):
        raise OSError(errno.EROFS, "Read-only file system")

    monkeypatch.setattr(Path, "unlink", read_only)
    monkeypatch.setattr(tempfile, "mkstemp", read_only)  # the one atomic writer's temporary file
    again = _fresh(cache_module, sources)
    err = capsys.readouterr().err
    assert "has no valid header" in err and "the graph is kept in memory only" in err
    assert set(again) == set(graph)
    assert path.read_bytes() == b"garbage\n", "left as it was"


def test_cli_with_an_unreadable_cache_folder_answers(tmp_path):
    if os.geteuid() == 0:
        pytest.skip("root can write every folder")
    folder = tmp_path / "cache"
    folder.mkdir()
    folder.chmod(0o500)
    run = run_cli("query", "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }", "--sources", str(copy_mini(tmp_path)),
                  env={"CRAMPKG_CACHE_DIR": str(folder)})
    assert run.returncode == 0 and "Traceback" not in run.stderr
    assert "kept in memory only" in run.stderr
