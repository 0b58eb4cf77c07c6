"""The package ships the built graph, so that the first query after an install builds nothing; a shipped graph of
other inputs is never used."""
from __future__ import annotations

import gzip
import json

from conftest import copy_mini
from crampkg import paths, store
from crampkg.store import REASONING, inputs_digest, shipped_path


def test_the_shipped_graph_is_the_graph_of_the_shipped_inputs():
    digest = inputs_digest(paths.sources_dir(), paths.ontology_dir())
    for reasoning in REASONING:
        with gzip.open(shipped_path(reasoning), "rb") as stream:
            header = json.loads(stream.readline().decode("utf-8").removeprefix("#"))
        assert (header["inputs"], header["view"]) == (digest, reasoning), \
            "the inputs changed since the graph was shipped: run `python -m crampkg.store` and commit crampkg/prebuilt/"


def test_an_empty_cache_reads_the_shipped_graph_and_builds_nothing(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("CRAMPKG_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setattr(store, "_LOADED", {})
    monkeypatch.setattr(store, "_build_views", lambda *args: (_ for _ in ()).throw(AssertionError("built")))
    _, body, prefixes = store.cached_ntriples(reasoning="asserted")
    with gzip.open(shipped_path("asserted"), "rb") as stream:
        assert body == stream.read().split(b"\n", 1)[1]
    assert prefixes["cramp"] == "https://w3id.org/crampkg/ontology#"
    assert capsys.readouterr().err == ""


def test_a_shipped_graph_of_other_inputs_is_not_used(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("CRAMPKG_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setattr(store, "_LOADED", {})
    sources = copy_mini(tmp_path)
    graph = store.cached_graph(sources, reasoning="all")
    shipped = {str(s) for s in store.load(reasoning="all").subjects()}
    assert not {str(s) for s in graph.subjects()} >= shipped, "the fixture article's graph, not the shipped one"
    err = capsys.readouterr().err
    assert "crampkg: building the graph" in err and "done in" in err, "one progress line when the build starts"
    assert "warning" not in err
