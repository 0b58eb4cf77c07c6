"""Golden file: the built Turtle of the small fixture article, compared with a committed copy.

Any change to what the build writes for the fixture article (an IRI, a label, an evidence offset, an axiom, the
serialisation) shows as a unified diff. The ontology's own triples are left out of the comparison, so that a change to
``ontology/crampkg.ttl`` does not touch the golden file; the fixture's part of the graph is serialised exactly as
``crampkg build`` serialises ``crampkg.ttl``.

When a change is intended, regenerate the file and review its diff before committing it::

    CRAMPKG_UPDATE_GOLDEN=1 .venv/bin/pytest -q tests/test_golden.py
"""
from __future__ import annotations

import difflib
import os
from pathlib import Path

import pytest
from rdflib import Graph

from conftest import FIXTURES, copy_mini

GOLDEN = FIXTURES / "golden" / "kleiner-artikel.ttl"


def fixture_turtle(sources: Path) -> str:
    """The build's Turtle of the articles in ``sources``, without the ontology's triples."""
    from crampkg.build.graph import build_graph
    from crampkg.rdfio import serialize

    result = build_graph(sources)
    articles = Graph()
    for prefix, namespace in result.graph.namespaces():
        articles.bind(prefix, namespace, override=True, replace=True)
    for triple in sorted(result.graph):
        if triple not in result.tbox:
            articles.add(triple)
    return serialize(articles, "turtle").decode("utf-8")


def unified_diff(expected: str, actual: str, expected_name: str, actual_name: str) -> str:
    """The difference between two texts as a unified diff (empty when they are equal)."""
    return "".join(difflib.unified_diff(expected.splitlines(keepends=True), actual.splitlines(keepends=True),
                                        fromfile=expected_name, tofile=actual_name))


def test_the_fixture_articles_turtle_matches_the_golden_file(tmp_path):
    actual = fixture_turtle(copy_mini(tmp_path))
    if os.environ.get("CRAMPKG_UPDATE_GOLDEN") == "1":
        GOLDEN.parent.mkdir(parents=True, exist_ok=True)
        GOLDEN.write_text(actual, encoding="utf-8")
        pytest.skip(f"rewrote {GOLDEN}; review its diff before committing it")
    expected = GOLDEN.read_text(encoding="utf-8")
    diff = unified_diff(expected, actual, str(GOLDEN.relative_to(FIXTURES.parent.parent)), "the build")
    if diff:
        pytest.fail("the built Turtle differs from the golden file (regenerate with CRAMPKG_UPDATE_GOLDEN=1 "
                    f"when the change is intended):\n{diff}", pytrace=False)


def test_a_changed_label_shows_as_a_unified_diff(tmp_path):
    """The comparison can fail: one label changed in the fixture gives a diff naming the old and the new line."""
    sources = copy_mini(tmp_path)
    facts = sources / "kleiner-artikel" / "facts" / "mini.yaml"
    facts.write_text(facts.read_text(encoding="utf-8").replace("en: cold application", "en: cold pack"), encoding="utf-8")
    diff = unified_diff(GOLDEN.read_text(encoding="utf-8"), fixture_turtle(sources), "golden", "build")
    changed = [line for line in diff.splitlines() if line[:1] in "+-" and not line.startswith(("+++", "---"))]
    assert changed == ['-        "cold application"@en ;', '+        "cold pack"@en ;'] * 2  # rdfs:label, skos:prefLabel
