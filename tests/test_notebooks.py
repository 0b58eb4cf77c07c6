"""Every notebook runs without an error in the venv's kernel and is committed with its outputs; the %%sparql magic
returns what crampkg.query returns."""
from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import nbformat
import pytest
from rdflib import Graph, Literal
from rdflib.namespace import OWL, RDF, RDFS

import crampkg
from crampkg.namespaces import CRAMP, RESOURCE as R

pytestmark = pytest.mark.slow  # every notebook runs in a kernel

NOTEBOOKS = Path(__file__).resolve().parent.parent / "notebooks"
EXPECTED = ["01-tour.ipynb", "02-causes-symptoms-treatments.ipynb", "03-exercise-protocols.ipynb",
            "04-network-analysis.ipynb", "05-export-and-reload.ipynb"]


def _runner():
    spec = importlib.util.spec_from_file_location("notebook_runner", NOTEBOOKS / "execute.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


runner = _runner()


def test_the_notebooks_are_there():
    assert [p.name for p in runner.notebook_paths()] == EXPECTED


def test_the_kernel_is_this_venvs_python(private_cache):
    notebook = nbformat.v4.new_notebook()
    notebook.cells.append(nbformat.v4.new_code_cell("import os, sys\nprint(sys.prefix)\nprint(os.environ.get('CRAMPKG_CACHE_DIR'))"))
    runner.run(notebook, NOTEBOOKS, timeout=120)
    prefix, cache = notebook.cells[0].outputs[0]["text"].splitlines()
    assert prefix == sys.prefix, "the notebooks must run in the interpreter of the tests"
    assert cache == str(private_cache), "notebooks keep the graph cache of the test run out of the user's home"


#: Cells showing GROUP_CONCAT lists, whose order SPARQL 1.1 leaves open (it changes between runs): compared line by
#: line as sets of words, so a row, a value or a count that changes still fails the comparison.
UNORDERED_LISTS = {("02-causes-symptoms-treatments.ipynb", 2): "treatments-for-mineral-deficiency-symptoms concatenates lists",
                   ("02-causes-symptoms-treatments.ipynb", 3): "the same answer, as a table"}


def words_per_line(texts: list[str]) -> list[list[list[str]]]:
    return [[sorted(line.replace(",", " ").split()) for line in text.splitlines()] for text in texts]


@pytest.mark.parametrize("name", EXPECTED)
def test_notebook_runs_without_error(name, private_cache):
    notebook = runner.execute(NOTEBOOKS / name)  # raises CellExecutionError on the first failing cell
    code = [cell for cell in notebook.cells if cell.cell_type == "code"]
    assert code and all(cell.execution_count for cell in code)
    assert not [o for cell in code for o in cell.outputs if o.output_type == "error"]
    assert any(o.output_type in ("execute_result", "display_data") for cell in code for o in cell.outputs)
    committed = runner.text_outputs(nbformat.read(NOTEBOOKS / name, as_version=4))
    for number, (fresh, stored) in enumerate(zip(runner.text_outputs(notebook), committed, strict=True), start=1):
        if (name, number) in UNORDERED_LISTS:
            fresh, stored = words_per_line(fresh), words_per_line(stored)
        assert fresh == stored, f"{name}, code cell {number}: the committed output is stale; run notebooks/execute.py --write"
    assert len(runner.text_outputs(notebook)) == len(committed)


@pytest.mark.parametrize("name", EXPECTED)
def test_notebook_is_committed_with_outputs_and_prose(name):
    notebook = nbformat.read(NOTEBOOKS / name, as_version=4)
    nbformat.validate(notebook)
    assert notebook.metadata["kernelspec"]["name"] == "python3"
    code = [cell for cell in notebook.cells if cell.cell_type == "code"]
    assert [cell.execution_count for cell in code] == list(range(1, len(code) + 1)), "run top to bottom, once"
    assert not [o for cell in code for o in cell.outputs if o.output_type == "error"]
    assert sum(1 for cell in code if cell.outputs) >= len(code) // 2
    prose = [cell.source for cell in notebook.cells if cell.cell_type == "markdown"]
    assert notebook.cells[0].cell_type == "markdown" and notebook.cells[0].source.startswith("# ")
    assert len(prose) >= 4 and sum(len(text.split()) for text in prose) >= 200


# ---------------------------------------------------------------------------------------------------------------
# The %%sparql magic, driven by an in-process IPython shell
# ---------------------------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def shell():
    from IPython.core.interactiveshell import InteractiveShell

    ipython = InteractiveShell.instance()
    ipython.run_line_magic("load_ext", "crampkg")
    return ipython


def run(shell, source: str):
    """Run one cell; return its value, raising what the cell raised."""
    result = shell.run_cell(source, store_history=False, silent=False)
    if not result.success:
        raise result.error_in_exec or result.error_before_exec
    return result.result


def plain(rows) -> list[list]:
    return [[None if v is None else v.toPython() for v in row] for row in rows]


def frame_rows(frame) -> list[list]:
    return [[None if value != value else value for value in row] for row in frame.astype(object).itertuples(index=False)]


def test_load_ext_registers_the_magic(shell):
    assert "sparql" in shell.magics_manager.magics["cell"]
    assert "sparql" in shell.magics_manager.magics["line"]


def test_cell_magic_with_a_named_query_returns_the_rows_of_crampkg_query(shell):
    frame = run(shell, "%%sparql --lang en\ncauses-of-back-cramps\n")
    expected = crampkg.query("causes-of-back-cramps", lang="en")
    assert list(frame.columns) == expected.variables
    assert frame_rows(frame) == plain(expected.rows)
    assert "magnesium deficiency" in set(frame["causeLabel"])


def test_cell_magic_with_sparql_text_binds_lang(shell):
    text = """PREFIX cramp: <https://w3id.org/crampkg/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT ?deficiency ?label WHERE { ?deficiency a cramp:MineralDeficiency ; rdfs:label ?label FILTER(lang(?label) = ?lang) }
ORDER BY ?label
"""
    german = run(shell, "%%sparql --lang de\n" + text)
    english = run(shell, "%%sparql --lang en\n" + text)
    assert list(german["label"]) == [row[1].toPython() for row in crampkg.query(text, lang="de").rows]
    assert "Magnesiummangel" in set(german["label"]) and "magnesium deficiency" in set(english["label"])


def test_line_magic_binds_parameters_and_stores_the_frame(shell):
    frame = run(shell, "%sparql -o steps -p exercise=dehnung-von-schulter-und-trizeps exercise-steps")
    assert shell.user_ns["steps"] is frame
    expected = crampkg.query("exercise-steps", exercise="dehnung-von-schulter-und-trizeps")
    assert frame_rows(frame) == plain(expected.rows)
    assert list(frame["number"]) == [1, 2, 3, 4, 5]


def test_magic_queries_a_graph_from_a_variable(shell):
    small = Graph()
    small.add((R.zinkmangel, RDF.type, OWL.NamedIndividual))
    small.add((R.zinkmangel, RDF.type, CRAMP.MineralDeficiency))
    small.add((R.zinkmangel, RDFS.label, Literal("zinc deficiency", lang="en")))
    shell.user_ns["small"] = small
    frame = run(shell, "%%sparql -g small --lang en\nPREFIX cramp: <https://w3id.org/crampkg/ontology#>\n"
                       "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>\n"
                       "SELECT ?label WHERE { ?d a cramp:MineralDeficiency ; rdfs:label ?label FILTER(lang(?label) = ?lang) }")
    assert list(frame["label"]) == ["zinc deficiency"]


@pytest.mark.parametrize("source, message", [
    ("%sparql --backend nosuch causes-of-back-cramps", "not available"),
    ("%%sparql --backend rdflib\nno-such-query", "no named query"),
    ("%%sparql causes-of-back-cramps\ncauses-of-back-cramps", "not both"),
    ("%sparql", "no query"),
    ("%sparql -o 2x causes-of-back-cramps", "variable name"),
    ("%sparql -g nowhere causes-of-back-cramps", "no rdflib graph"),
    ("%sparql -p exercise exercise-steps", "NAME=VALUE"),
    ("%sparql --lang en exercise-steps", "unknown parameter"),
])
def test_magic_mistakes_are_usage_errors(shell, source, message):
    from IPython.core.error import UsageError

    with pytest.raises(UsageError, match=message):
        run(shell, source)


def test_backends_give_the_same_rows(shell):
    rdflib_frame = run(shell, "%sparql --backend rdflib --lang en symptoms-of-back-cramps")
    oxigraph_frame = run(shell, "%sparql --backend oxigraph --lang en symptoms-of-back-cramps")
    expected = plain(crampkg.query("symptoms-of-back-cramps", lang="en").rows)
    assert len(expected) > 5
    assert sorted(frame_rows(rdflib_frame), key=str) == sorted(expected, key=str)
    assert sorted(frame_rows(oxigraph_frame), key=str) == sorted(expected, key=str)


def test_reasoning_chooses_stated_inferred_or_both(shell):
    count = "SELECT (COUNT(*) AS ?triples) WHERE { ?s ?p ?o }"
    sizes = {name: int(run(shell, f"%%sparql --reasoning {name}\n{count}")["triples"][0]) for name in ("asserted", "inferred", "all")}
    assert sizes == {name: len(crampkg.load(reasoning=name)) for name in sizes}
    assert sizes["asserted"] + sizes["inferred"] >= sizes["all"] > sizes["asserted"] > sizes["inferred"] > 0


def test_no_query_text_is_built_from_parameters(shell):
    # a parameter value that would break out of a string literal if it were pasted into the query
    from IPython.core.error import UsageError

    with pytest.raises(UsageError, match="is not an IRI or an id"):  # refused, never spliced
        run(shell, '%sparql -p exercise=x"}UNION{?s?p?o} exercise-steps')
