"""``crampkg query`` and ``crampkg queries``: formats that parse back, user errors, and no network in embedded mode."""
from __future__ import annotations

import io
import json

import pytest
from rdflib import Graph
from rdflib.query import Result

from conftest import run_cli
from hostile.harness import RecordingListener

pytestmark = pytest.mark.slow  # each case runs the command line in a new process

SELECT = "imaging-methods"


def test_queries_lists_every_named_query_with_its_title():
    result = run_cli("queries")
    assert result.returncode == 0
    assert "treatments-for-mineral-deficiency-symptoms  Treatments for symptoms caused by a mineral deficiency" in result.stdout


@pytest.mark.parametrize("fmt, parser", [("json", "json"), ("xml", "xml"), ("csv", "csv"), ("tsv", "tsv")])
def test_solution_formats_parse_back_with_a_standard_parser(fmt, parser):
    result = run_cli("query", SELECT, "--format", fmt, "--lang", "en")
    assert result.returncode == 0, result.stderr
    parsed = Result.parse(io.StringIO(result.stdout), format=parser)
    labels = {str(row["methodLabel"]) for row in parsed}
    assert labels == {"X-ray", "computed tomography", "magnetic resonance imaging"}


def test_json_results_follow_the_w3c_format():
    document = json.loads(run_cli("query", SELECT, "--format", "json").stdout)
    assert document["head"]["vars"] == ["method", "methodLabel", "certainty", "lang"], "parameters are projected"
    binding = document["results"]["bindings"][0]
    assert binding["method"]["type"] == "uri" and binding["methodLabel"]["xml:lang"] == "de"


def test_ask_in_json_and_table():
    ask = "ASK { <https://w3id.org/crampkg/resource/magnesiummangel> a <https://w3id.org/crampkg/ontology#MineralDeficiency> }"
    assert json.loads(run_cli("query", ask, "--format", "json").stdout) == {"head": {}, "boolean": True}
    assert run_cli("query", ask).stdout.strip() == "yes"


@pytest.mark.parametrize("fmt, parser", [("turtle", "turtle"), ("ntriples", "nt"), ("jsonld", "json-ld")])
def test_construct_formats_parse_back(fmt, parser):
    result = run_cli("query", "causal-network", "--format", fmt)
    assert result.returncode == 0, result.stderr
    graph = Graph().parse(data=result.stdout, format=parser)
    assert len(graph) > 300


@pytest.mark.parametrize("width", [80, 60])
def test_table_fits_the_width_asked_for(width):
    result = run_cli("query", "non-drug-treatments", "--lang", "en", "--width", str(width))
    assert result.returncode == 0
    assert max(len(line) for line in result.stdout.splitlines()) <= width
    header = result.stdout.splitlines()[0].split(" | ")
    assert header[0].startswith("treatmen")
    if width == 80:
        assert "res:kaelteanwendung" in result.stdout, "the IRI column stays beside its label, so every row names its entity"


def test_piped_table_shortens_no_cell():
    piped = run_cli("query", "non-drug-treatments", "--lang", "en")  # stdout is a pipe, not a terminal
    assert piped.returncode == 0 and "…" not in piped.stdout
    assert max(len(line) for line in piped.stdout.splitlines()) > 80, "the labels of this query are wider than 80 columns"


def test_width_below_twenty_columns_is_refused():
    result = run_cli("query", "non-drug-treatments", "--width", "5")
    assert result.returncode == 2 and "20 columns or more" in result.stderr and "Traceback" not in result.stderr


def test_version_is_the_package_version():
    from crampkg._version import __version__

    result = run_cli("--version")
    assert result.returncode == 0 and result.stdout.strip() == f"crampkg {__version__}"


def test_parameters_are_bound_as_typed_terms_not_spliced():
    hostile = 'dehnung-des-rueckens> } UNION { ?s ?p ?o } #'
    for backend in ("rdflib", "oxigraph"):
        result = run_cli("query", "exercise-steps", "--param", f"exercise={hostile}", "--format", "csv", "--backend", backend)
        assert result.returncode == 2 and result.stdout == "", "the odd value is refused, never spliced into SPARQL"
        assert "parameter 'exercise'" in result.stderr and "is not an IRI or an id" in result.stderr
        assert "Traceback" not in result.stderr


def test_param_changes_the_answer():
    result = run_cli("query", "exercise-steps", "--param", "exercise=frontheben", "--format", "csv")
    parsed = Result.parse(io.StringIO(result.stdout), format="csv")
    assert [int(row["number"]) for row in parsed] == [1, 2, 3]  # Frontheben has three steps


def test_syntax_error_names_line_and_column():
    result = run_cli("query", "SELECT ?x WHERE {\n  ?x ?y \n}")
    assert result.returncode == 2
    assert "line 2, column 3" in result.stderr, "the parser's position of the incomplete triple"
    assert "Traceback" not in result.stderr


def test_unknown_named_query_suggests_close_names():
    result = run_cli("query", "imaging-rules")
    assert result.returncode == 2
    assert "Did you mean: imaging-rule" in result.stderr


def test_unknown_parameter_is_refused():
    result = run_cli("query", SELECT, "--param", "colour=red")
    assert result.returncode == 2 and "unknown parameter(s) colour" in result.stderr


def test_malformed_param_is_refused():
    result = run_cli("query", SELECT, "--param", "colour")
    assert result.returncode == 2 and "NAME=VALUE" in result.stderr


def test_wrong_format_for_the_query_form():
    result = run_cli("query", "causal-network", "--format", "csv")
    assert result.returncode == 2 and "returns a graph" in result.stderr


def test_missing_rq_file():
    result = run_cli("query", "no-such-file.rq")
    assert result.returncode == 2 and "does not exist" in result.stderr


def test_update_is_not_a_query():
    result = run_cli("query", "DELETE WHERE { ?s ?p ?o }")
    assert result.returncode == 2 and "this is a SPARQL update" in result.stderr


@pytest.fixture()
def listener():
    server = RecordingListener()
    yield server
    server.close()


def test_service_is_refused_and_sends_nothing(listener):
    query = f"SELECT * WHERE {{ SERVICE <http://127.0.0.1:{listener.port}/sparql> {{ ?s ?p ?o }} }}"
    result = run_cli("query", query)
    assert result.returncode == 2 and "SERVICE is refused" in result.stderr
    assert listener.received == []


def test_from_url_is_not_dereferenced(listener):
    query = f"SELECT (COUNT(*) AS ?n) FROM <http://127.0.0.1:{listener.port}/data.ttl> WHERE {{ ?s ?p ?o }}"
    result = run_cli("query", query, "--format", "csv")
    assert result.returncode == 0, result.stderr
    assert listener.received == []


def test_python_api_returns_a_dataframe():
    pytest.importorskip("pandas")
    import crampkg

    frame = crampkg.query("imaging-methods", lang="en").to_dataframe()
    assert sorted(frame["methodLabel"]) == ["X-ray", "computed tomography", "magnetic resonance imaging"]


def test_the_cache_is_keyed_by_the_inputs(mini_sources, tmp_path, monkeypatch):
    from crampkg.paths import cache_dir
    from crampkg.store import cached_graph

    monkeypatch.setenv("CRAMPKG_CACHE_DIR", str(tmp_path / "cache"))
    first = cached_graph(mini_sources, reasoning="asserted")
    assert len(list(cache_dir().glob("graph-*.nt"))) == 3, "asserted, inferred and all"
    again = cached_graph(mini_sources, reasoning="asserted")
    assert len(again) == len(first)
    facts = mini_sources / "kleiner-artikel" / "facts" / "mini.yaml"
    facts.write_text(facts.read_text(encoding="utf-8").replace("en: stretch", "en: stretching"), encoding="utf-8")
    cached_graph(mini_sources, reasoning="asserted")
    assert len(list(cache_dir().glob("graph-*.nt"))) == 6, "a changed source is a new cache entry"
