"""Hostile command lines: files and folders in the wrong place, binary query files, bad parameters, empty and
runaway queries. Each is exit 2 with a message saying what to do, no traceback, bounded in time and memory."""
from __future__ import annotations

import pytest

from conftest import copy_mini
from hostile.inputs_support import assert_clean_refusal, run_cli

pytestmark = pytest.mark.slow  # each case runs the command line in a new process

RUNAWAY = 'SELECT * WHERE { ?s ?p ?o FILTER regex(concat(str(?o), "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa!"), "(a+)+$") }'


@pytest.fixture()
def sources(tmp_path):
    return copy_mini(tmp_path)


def _cases(tmp_path, sources):
    binary = tmp_path / "binary.rq"
    binary.write_bytes(b"\xff\xfe\x00\x01SELECT")
    (tmp_path / "folder.rq").mkdir()
    a_file = tmp_path / "a-file"
    a_file.write_text("x")
    src = ["--sources", str(sources)]
    return {
        "binary .rq file": (["query", str(binary), *src], ["query file", "is not UTF-8 text", "save it as UTF-8"]),
        "folder named .rq": (["query", str(tmp_path / "folder.rq"), *src], ["is a folder, not a file"]),
        "missing .rq file": (["query", str(tmp_path / "nowhere.rq"), *src], ["does not exist"]),
        "empty query": (["query", "", *src], ["the query is empty", "named query"]),
        "comment-only query (CR line ends)": (["query", "  # only\r# comments\r\n", *src], ["the query is empty"]),
        "malformed IRI parameter": (["query", "exercise-steps", "--param", "exercise=a b>", *src],
                                    ["parameter 'exercise'", "is not an IRI or an id"]),
        "parameter Oxigraph cannot bind": (["query", "SELECT ?s WHERE { ?s ?p ?o } LIMIT 1", "--param", "x=1", "--backend", "oxigraph", *src],
                                           ["the query failed in Oxigraph", "?x"]),
        "--sources is a file": (["validate", "--sources", str(a_file)], ["--sources", "is a file; name a folder"]),
        "--ontology without crampkg.ttl": (["validate", "--ontology", str(tmp_path), *src], ["holds no crampkg.ttl"]),
        "--out is a file": (["build", "--out", str(a_file), *src], ["is a file, not a folder"]),
        "--out below a file": (["docs", "--out", str(a_file / "docs"), *src], ["is a file, not a folder"]),
        "-o is a folder": (["export", "-o", str(tmp_path), *src], ["is a folder; name a file"]),
        "--endpoint that is not http": (["query", "SELECT * WHERE { ?s ?p ?o }", "--endpoint", "file:///etc/passwd"],
                                        ["is not an http:// or https:// address"]),
        "--timeout that is not a number": (["query", "x", "--timeout", "soon"], ["is not a number of seconds"]),
    }


CASE_NAMES = sorted([
    "binary .rq file", "folder named .rq", "missing .rq file", "empty query", "comment-only query (CR line ends)",
    "malformed IRI parameter", "parameter Oxigraph cannot bind", "--sources is a file", "--ontology without crampkg.ttl",
    "--out is a file", "--out below a file", "-o is a folder", "--endpoint that is not http", "--timeout that is not a number"])


@pytest.mark.parametrize("case", CASE_NAMES)
def test_bad_command_line_is_a_clean_exit_2(case, tmp_path, sources):
    args, expected = _cases(tmp_path, sources)[case]
    run = run_cli(*args, timeout=120)
    assert_clean_refusal(run, *expected)
    assert run.stdout == ""


def test_runaway_query_is_stopped_by_the_timeout(sources):
    # a catastrophic regular expression: rdflib's engine (Python's re) backtracks for ever, Oxigraph's does not
    run = run_cli("query", RUNAWAY, "--sources", str(sources), "--backend", "rdflib", "--timeout", "2", timeout=120)
    assert_clean_refusal(run, "ran longer than 2 s and was stopped", "--timeout SECONDS")
    assert run.seconds < 60


def test_the_timeout_leaves_ordinary_queries_alone(sources):
    run = run_cli("query", "SELECT (COUNT(*) AS ?n) WHERE { ?s a <https://w3id.org/crampkg/ontology#ExerciseStep> }",
                  "--sources", str(sources), "--format", "csv", "--timeout", "30")
    assert run.returncode == 0, run.stderr
    assert run.stdout.split() == ["n", "2"]


def test_the_readme_and_the_security_notes_state_the_limits_of_the_code():
    from pathlib import Path

    from crampkg import limits

    root = Path(__file__).parent.parent.parent
    readme = (root / "README.md").read_text(encoding="utf-8")
    notes = (root / "SECURITY.md").read_text(encoding="utf-8")
    assert f"over {limits.MAX_SHRINK * 100:.0f} % of the triples" in readme
    assert f"`--timeout` (default {limits.QUERY_TIMEOUT:g} s)" in readme
    assert f"one deadline (default {limits.PUSH_TIMEOUT:g} s) and reading at most {limits.MAX_REPLY_BYTES // 2**20} MiB" in readme
    assert f"| `crampkg query` run time (embedded and remote) | {limits.QUERY_TIMEOUT:g} s |" in notes
    assert f"| `crampkg push` total time (PUT and count-back) | {limits.PUSH_TIMEOUT:g} s |" in notes
    assert f"| {limits.MAX_REPLY_BYTES // 2**20} MiB |" in notes
    assert f"| curated YAML file size | {limits.MAX_YAML_BYTES // 2**20} MiB |" in notes
    assert f"| `.rq` query file size | {limits.MAX_QUERY_BYTES // 2**20} MiB |" in notes
    assert f"| {limits.MAX_SHRINK * 100:.0f} % of the triples;" in notes
    assert f"| article text / ontology Turtle size | {limits.MAX_TEXT_BYTES // 2**20} MiB |" in notes
