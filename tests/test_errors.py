"""One test per kind of curation error: a clear message naming file and record, exit code 2, nothing written."""
from __future__ import annotations

from pathlib import Path

import pytest

from conftest import run_cli

pytestmark = pytest.mark.slow  # each case builds a broken copy of the fixture article

FACTS = "kleiner-artikel/facts/mini.yaml"
ARTEFACTS = ["crampkg-with-inferences.nt", "crampkg.jsonld", "crampkg.nt", "crampkg.owl", "crampkg.trig", "crampkg.ttl", "inferred.ttl", "void.ttl"]


def break_file(sources: Path, old: str, new: str, name: str = FACTS) -> None:
    path = sources / name
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def build_broken(sources: Path, tmp_path: Path):
    out = tmp_path / "out"
    out.mkdir()
    (out / "crampkg.ttl").write_text("previous build\n")
    result = run_cli("build", "--sources", str(sources), "--out", str(out))
    assert result.returncode == 2, result.stderr
    assert "Traceback" not in result.stderr
    assert sorted(p.name for p in out.iterdir()) == ["crampkg.ttl"], "nothing may be written"
    assert (out / "crampkg.ttl").read_text() == "previous build\n", "nothing may be changed"
    return result.stderr


CASES = {
    "unknown class": ("type: MineralDeficiency", "type: MineralDefficiency", "unknown class 'MineralDefficiency'"),
    "unknown property": ("p: causes", "p: causez", "unknown property 'causez'"),
    "dangling reference": ("o: rueckenkrampf\n    quote: \"Ein", "o: rueckenkrampff\n    quote: \"Ein", "dangling reference: object 'rueckenkrampff'"),
    "duplicate id": ("id: kaelteanwendung", "id: magnesiummangel", "duplicate id"),
    "quote not found": ("quote: \"Ein Mangel an Magnesium\"", "quote: \"Ein Mangel an Zink\"", "quote not found in section 'ursachen'"),
    "missing German label": ("    de: Magnesiummangel\n", "", "missing German label"),
    "missing English label": ("    en: magnesium deficiency\n", "", "missing English label"),
    "wrong datatype": ("value: 20", "value: zwanzig", "wrong datatype: 'zwanzig' is not a positive integer"),
    "unknown hedge value": ("certainty: possible", "certainty: maybe", "unknown certainty 'maybe'"),
    "unknown section": ("section: uebungen\n    steps", "section: uebung\n    steps", "unknown section 'uebung'"),
    "context not found": ("context: \"in der akuten Phase\"", "context: \"in der chronischen Phase\"", "context not found"),
    "unknown field": ("en: stretch", "en: stretch\n    colour: red", "unknown field(s) colour"),
    "object and value": ("o: rueckenkrampf\n    quote: \"Ein", "value: 3\n    quote: \"Ein", "is an object property and needs 'o'"),
    "dangling context entity": ("context: \"in der akuten Phase\"", "context: \"in der akuten Phase\"\n    context_entities: [akute-phase]",
                                "dangling reference: context entity 'akute-phase'"),
    "context entities without context": ("    certainty: possible\n", "    certainty: possible\n    context_entities: [rueckenkrampf]\n",
                                         "has context_entities but no context"),
    "context entities not a list": ("context: \"in der akuten Phase\"", "context: \"in der akuten Phase\"\n    context_entities: rueckenkrampf",
                                    "context_entities must be a non-empty list of entity ids"),
    "malformed YAML": ("entities:\n", "entities:\n  - id: [unclosed\n", "is not valid YAML"),
}


@pytest.mark.parametrize("kind", sorted(CASES))
def test_each_error_kind_is_reported_and_nothing_is_written(kind, mini_sources, tmp_path):
    old, new, expected = CASES[kind]
    break_file(mini_sources, old, new)
    message = build_broken(mini_sources, tmp_path)
    assert expected in message
    assert "kleiner-artikel/facts/mini.yaml:" in message, "the file is named"


def test_quote_in_another_section_names_that_section(mini_sources, tmp_path):
    break_file(mini_sources, "quote: \"Kälteanwendungen\"", "quote: \"Stellen Sie sich aufrecht hin.\"")
    message = build_broken(mini_sources, tmp_path)
    assert "it occurs in section(s) uebungen" in message
    assert "entity 'kaelteanwendung'" in message


def test_every_problem_is_reported_at_once(mini_sources, tmp_path):
    break_file(mini_sources, "type: MineralDeficiency", "type: Nope")
    break_file(mini_sources, "p: causes", "p: causez")
    message = build_broken(mini_sources, tmp_path)
    assert message.count("mini.yaml:") == 2
    assert "2 problems" in message


def test_the_line_of_the_record_is_named(mini_sources, tmp_path):
    break_file(mini_sources, "type: MineralDeficiency", "type: Nope")
    message = build_broken(mini_sources, tmp_path)
    assert "mini.yaml:3: entity 'magnesiummangel'" in message


def test_heading_missing_from_the_text(mini_sources, tmp_path):
    break_file(mini_sources, "heading: \"Übungen\"", "heading: \"Uebungen\"", name="kleiner-artikel/article.yaml")
    message = build_broken(mini_sources, tmp_path)
    assert "article.yaml" in message and "heading 'Uebungen' is not a line of the text" in message


def test_the_fixture_itself_builds(mini_sources, tmp_path):
    result = run_cli("build", "--sources", str(mini_sources), "--out", str(tmp_path / "out"))
    assert result.returncode == 0, result.stderr
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ARTEFACTS
