"""Hostile builds: a build that would lose facts is refused and leaves the output folder byte for byte as it was;
temporary files a killed build left are removed; owl:imports are never followed unless named."""
from __future__ import annotations

import http.server
from collections import Counter
from pathlib import Path

import pytest

from conftest import copy_mini
from hostile.inputs_support import FACTS, LoopbackServer, assert_clean_refusal, replace_in, run_cli, snapshot

pytestmark = pytest.mark.slow  # whole builds of broken copies

EXERCISE = """section: uebungen
entities:
  - id: dehnung
    type: StretchingExercise
    de: Dehnung
    en: stretch
    quote: "Dehnung:"
    steps:
      - "Stellen Sie sich aufrecht hin."
      - "Halten Sie die Dehnung 20 Sekunden."
relations:
  - s: dehnung
    p: holdSecondsMin
    value: 20
    quote: "Halten Sie die Dehnung 20 Sekunden."
"""


def _split_sources(tmp_path: Path) -> Path:
    """The fixture article with its exercise in a facts file of its own (``facts/uebungen.yaml``)."""
    sources = copy_mini(tmp_path)
    facts = sources / FACTS
    text = facts.read_text(encoding="utf-8")
    start = text.index("  - id: dehnung")
    end = text.index("relations:")
    text = text[:start] + text[end:]
    text = text[:text.index("  - s: dehnung")]
    facts.write_text(text, encoding="utf-8")
    (sources / "kleiner-artikel/facts/uebungen.yaml").write_text(EXERCISE, encoding="utf-8")
    return sources


def build(sources: Path, out: Path, *extra: str):
    return run_cli("build", "--sources", str(sources), "--out", str(out), *extra, memory=None, timeout=180)


@pytest.fixture()
def built(tmp_path):
    """A split fixture article built once into ``tmp_path/out``."""
    sources = _split_sources(tmp_path)
    out = tmp_path / "out"
    first = build(sources, out)
    assert first.returncode == 0, first.stderr
    return sources, out


def drop_exercise_facts(sources: Path) -> None:
    """Delete the exercise facts and list their sentences as not modelled, so only the shrink guard can refuse."""
    folder = sources / "kleiner-artikel"
    (folder / "facts/uebungen.yaml").unlink()
    (folder / "not-modelled.yaml").write_text(
        "sentences:\n" + "".join(f'  - {{quote: "{quote}", section: uebungen, reason: "left out to shrink the graph"}}\n'
                                 for quote in ("Dehnung:", "Stellen Sie sich aufrecht hin.",
                                               "Halten Sie die Dehnung 20 Sekunden.")), encoding="utf-8")


def test_a_missing_facts_file_is_refused_and_the_output_is_unchanged(built):
    sources, out = built
    before = snapshot(out)
    drop_exercise_facts(sources)
    run = build(sources, out)
    assert_clean_refusal(run, "refused: this build holds much less than the previous build",
                         "section/uebungen> had", "now none", "--allow-shrink", "Nothing was written")
    assert snapshot(out) == before, "the output folder is unchanged byte for byte"


def test_allow_shrink_writes_the_smaller_graph(built):
    sources, out = built
    before = snapshot(out)
    assert "dehnung-schritt-1" in (out / "crampkg.nt").read_text(encoding="utf-8")
    drop_exercise_facts(sources)
    run = build(sources, out, "--allow-shrink")
    assert run.returncode == 0, run.stderr
    assert snapshot(out) != before
    assert "dehnung-schritt-1" not in (out / "crampkg.nt").read_text(encoding="utf-8")


def test_a_missing_facts_file_leaves_its_sentences_unaccounted(built):
    sources, out = built
    before = snapshot(out)
    (sources / "kleiner-artikel/facts/uebungen.yaml").unlink()
    assert_clean_refusal(build(sources, out), "unaccounted sentence 'Stellen Sie sich aufrecht hin.'", "nothing was written")
    assert snapshot(out) == before


def test_an_empty_facts_file_is_refused_and_the_output_is_unchanged(built):
    sources, out = built
    before = snapshot(out)
    (sources / "kleiner-artikel/facts/uebungen.yaml").write_text("", encoding="utf-8")
    assert_clean_refusal(build(sources, out), "facts/uebungen.yaml", "is empty")
    assert snapshot(out) == before


def test_the_next_build_removes_temporary_files_a_killed_build_left(built):
    sources, out = built
    (out / ".crampkg.ttl.k1ll3d_x").write_bytes(b"@prefix cramp: <https://w3id.org/crampkg/ont")  # truncated by a kill
    (out / ".crampkg.nt.a8b7c6d5").write_bytes(b"<https://w3id.org/")
    (out / ".crampkg.ttl.notes").write_text("a user's own file: not ours, kept\n")
    run = build(sources, out)
    assert run.returncode == 0, run.stderr
    hidden = sorted(p.name for p in out.iterdir() if p.name.startswith("."))
    assert hidden == [".crampkg.ttl.notes"]


def test_shrink_threshold_and_vanished_sections():
    from crampkg.build.shrink import GraphSize, shrink_problems

    section = "https://w3id.org/crampkg/resource/article/a/section/s"
    previous = GraphSize(1000, Counter({section: 5}))
    assert shrink_problems(previous, GraphSize(901, Counter({section: 1}))) == []
    assert shrink_problems(previous, GraphSize(899, Counter({section: 1}))) == [
        "the graph shrinks from 1000 to 899 triples (-10%; the limit is -10%)"]
    assert shrink_problems(previous, GraphSize(1000, Counter())) == [f"section <{section}> had 5 evidence statement(s), now none"]


class _Ontology(http.server.BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        body = b"@prefix owl: <http://www.w3.org/2002/07/owl#> . <http://x/y> a owl:Class ."
        self.send_response(200)
        self.send_header("Content-Type", "text/turtle")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


def _ontology_importing(tmp_path: Path, *iris: str) -> Path:
    folder = tmp_path / "ontology"
    folder.mkdir()
    from crampkg import paths

    for name in ("crampkg.ttl", "shapes.ttl"):
        (folder / name).write_bytes((paths.ontology_dir() / name).read_bytes())
    imports = " , ".join(f"<{iri}>" for iri in iris)
    replace_in(folder / "crampkg.ttl", "<https://w3id.org/crampkg/ontology> a owl:Ontology ;",
               f"<https://w3id.org/crampkg/ontology> a owl:Ontology ; owl:imports {imports} ;")
    return folder


@pytest.mark.parametrize("command", ["check", "build"])
def test_owl_imports_are_never_followed(command, tmp_path):
    with LoopbackServer(_Ontology) as listener:
        missing_file = (tmp_path / "never-opened.ttl").as_uri()
        ontology = _ontology_importing(tmp_path, f"{listener.url}/imported.ttl", missing_file)
        args = [command, "--sources", str(copy_mini(tmp_path)), "--ontology", str(ontology)]
        run = run_cli(*args, *(["--out", str(tmp_path / "out")] if command == "build" else []), memory=None, timeout=180)
        assert run.returncode == 0, run.stderr[-2000:]
        assert "Traceback" not in run.stderr
        assert listener.requests == [], "nothing was fetched"


def test_follow_import_names_the_one_import_that_is_loaded(tmp_path):
    with LoopbackServer(_Ontology) as listener:
        wanted, other = f"{listener.url}/wanted.ttl", f"{listener.url}/other.ttl"
        ontology = _ontology_importing(tmp_path, wanted, other)
        run = run_cli("check", "--sources", str(copy_mini(tmp_path)), "--ontology", str(ontology), "--follow-import", wanted,
                      memory=None, timeout=180)
        assert "Traceback" not in run.stderr, run.stderr[-2000:]
        assert listener.requests == ["GET /wanted.ttl"]


def test_malformed_ontology_names_file_and_line(tmp_path):
    ontology = _ontology_importing(tmp_path, "http://example.org/x")
    replace_in(ontology / "crampkg.ttl", "a owl:Ontology ;", "a owl:Ontology ;;; <<<")
    run = run_cli("validate", "--sources", str(copy_mini(tmp_path)), "--ontology", str(ontology))
    assert_clean_refusal(run, "crampkg.ttl:16: ontology: is not valid Turtle", "fix the syntax")
