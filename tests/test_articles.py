"""Many articles: the shipped article and the second fixture article (tests/fixtures/second/wadenkrampf) built together.

The fixture article defines ``wadenkrampf`` itself, defines ``magnesiummangel`` again (same type and labels, its own
quote) and uses ``waermeanwendung``, which only the shipped article defines. Every expectation below is read from
the two fixture files by hand.
"""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from rdflib import Graph
from rdflib.namespace import OWL, RDF, RDFS

from conftest import SHIPPED_ARTICLE, copy_two_articles, run_cli
from crampkg.namespaces import ARTICLE_PREFIX, CRAMP, OA, RESOURCE as R, article_iri

pytestmark = pytest.mark.slow  # builds of the fixture articles

SECOND = "wadenkrampf"
FOLDER_ORDERS = ("aa-wadenkrampf", "zz-wadenkrampf")  # the fixture's folder sorts first once, last once
CAUSES = "PREFIX cramp: <https://w3id.org/crampkg/ontology#> SELECT ?s ?o WHERE { ?s cramp:causes ?o } ORDER BY ?s ?o"


@pytest.fixture(scope="module", params=FOLDER_ORDERS)
def two(request, tmp_path_factory):
    """The verified build (HermiT, SHACL, quality checks) of both articles, with the fixture in one folder order."""
    from crampkg.build.graph import build_graph

    sources = copy_two_articles(tmp_path_factory.mktemp("two"), request.param)
    return request.param, sources, build_graph(sources, verify=True, reason=True)


@pytest.fixture(scope="module")
def two_sources(tmp_path_factory) -> Path:
    return copy_two_articles(tmp_path_factory.mktemp("two-cli"))


def _source_articles(graph: Graph, evidence_nodes) -> set[str]:
    return {str(graph.value(node, OA.hasSource))[len(ARTICLE_PREFIX):] for node in evidence_nodes}


def _statement_articles(graph: Graph, s: str, p: str, o: str) -> set[str]:
    """The articles whose evidence backs the statement ``res:s cramp:p res:o``."""
    axioms = set(graph.subjects(OWL.annotatedSource, R[s])) & set(graph.subjects(OWL.annotatedProperty, CRAMP[p])) \
        & set(graph.subjects(OWL.annotatedTarget, R[o]))
    return _source_articles(graph, {e for axiom in axioms for e in graph.objects(axiom, CRAMP.hasEvidence)})


def test_both_articles_build_in_either_folder_order(two):
    folder, _, result = two
    ids = [article.id for article in result.articles]
    assert ids == ([SECOND, SHIPPED_ARTICLE] if folder.startswith("aa") else [SHIPPED_ARTICLE, SECOND])
    assert [c.article for c in result.coverage] == ids
    assert all(c.accounted == c.total for c in result.coverage)


def test_no_iri_collisions_the_shipped_article_keeps_exactly_its_graph(two, built):
    """Scoped to the shipped article, the two-article graph is the one-article graph, triple for triple."""
    from crampkg.sparql.scope import article_view

    _, _, result = two
    assert set(article_view(result.graph, SHIPPED_ARTICLE)) == set(built.graph)


def test_every_evidence_node_and_section_belongs_to_one_article(two):
    _, _, result = two
    graph = result.graph
    for evidence in graph.subjects(RDF.type, CRAMP.Evidence):
        sources = list(graph.objects(evidence, OA.hasSource))
        assert len(sources) == 1 and str(evidence).startswith(f"{sources[0]}/evidence/")
    for section in graph.subjects(RDF.type, CRAMP.ArticleSection):
        assert any(str(section).startswith(f"{article_iri(a)}/section/") for a in (SECOND, SHIPPED_ARTICLE))


def test_the_shared_entity_has_one_definition_and_evidence_from_both_articles(two):
    _, _, result = two
    graph = result.graph
    mg = R.magnesiummangel
    assert {(str(label), label.language) for label in graph.objects(mg, RDFS.label)} == \
        {("Magnesiummangel", "de"), ("magnesium deficiency", "en")}
    assert set(graph.objects(mg, RDF.type)) == {OWL.NamedIndividual, CRAMP.MineralDeficiency}
    assert _source_articles(graph, graph.objects(mg, CRAMP.hasEvidence)) == {SECOND, SHIPPED_ARTICLE}
    assert _statement_articles(graph, "magnesiummangel", "causes", "wadenkrampf") == {SECOND}
    assert _statement_articles(graph, "magnesiummangel", "causes", SHIPPED_ARTICLE) == {SHIPPED_ARTICLE}


def test_an_entity_another_article_defines_can_be_used_without_defining_it_again(two):
    _, _, result = two
    graph = result.graph
    heat = R.waermeanwendung
    assert {(str(label), label.language) for label in graph.objects(heat, RDFS.label)} == \
        {("Wärmeanwendung", "de"), ("heat application", "en")}
    assert _source_articles(graph, graph.objects(heat, CRAMP.hasEvidence)) == {SHIPPED_ARTICLE}
    assert _statement_articles(graph, "waermeanwendung", "alleviates", "wadenkrampf") == {SECOND}


def test_scoped_to_the_fixture_article_a_query_sees_only_its_statements(two):
    from crampkg.store import query

    _, _, result = two
    answer = query(CAUSES, graph=result.with_inferences(), article=SECOND)
    assert [(str(s), str(o)) for s, o in answer.rows] == [(str(R.magnesiummangel), str(R.wadenkrampf))]
    unscoped = query(CAUSES, graph=result.with_inferences())
    assert (R.magnesiummangel, R[SHIPPED_ARTICLE]) in set(unscoped.rows) and len(unscoped) > 1


def test_the_scoped_evidence_of_the_shared_entity_points_into_the_fixture_article(two):
    from crampkg.store import query

    _, _, result = two
    answer = query("evidence", graph=result.graph, article=SECOND, subject="magnesiummangel")
    rows = [dict(zip(answer.variables, (v.toPython() if v is not None else None for v in row), strict=True)) for row in answer.rows]
    assert [(r["article"], r["quote"], r["start"], r["end"]) for r in rows] == [
        (str(article_iri(SECOND)), "Ein Mangel an Magnesium kann einen Wadenkrampf auslösen.", 30, 86)]
    unscoped = query("evidence", graph=result.graph, subject="magnesiummangel")
    assert {str(row[unscoped.variables.index("article")]) for row in unscoped.rows} == \
        {str(article_iri(SECOND)), str(article_iri(SHIPPED_ARTICLE))}


def test_query_article_option_scopes_the_answer(two_sources):
    run = run_cli("query", CAUSES, "--sources", str(two_sources), "--article", SECOND, "--format", "json")
    assert run.returncode == 0, run.stderr
    bindings = json.loads(run.stdout)["results"]["bindings"]
    assert [(b["s"]["value"], b["o"]["value"]) for b in bindings] == [(str(R.magnesiummangel), str(R.wadenkrampf))]


def test_query_article_option_names_the_articles_when_the_id_is_unknown(two_sources):
    run = run_cli("query", CAUSES, "--sources", str(two_sources), "--article", "wade")
    assert run.returncode == 2 and "Traceback" not in run.stderr
    assert f"no article 'wade' in the graph; the articles are: {SHIPPED_ARTICLE}, {SECOND}" in run.stderr


def _line_of(path: Path, text: str) -> int:
    return next(number for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if line == text)


@pytest.mark.parametrize("command", ["validate", "build"])
@pytest.mark.parametrize("change", [("en: magnesium deficiency", "en: lack of magnesium", "en 'lack of magnesium' there"),
                                    ("type: MineralDeficiency", "type: NutritionalDeficiency",
                                     "type ['NutritionalDeficiency'] there")])
def test_a_conflicting_definition_names_both_files_and_lines(tmp_path, command, change):
    old, new, said = change
    sources = copy_two_articles(tmp_path, "aa-wadenkrampf")
    fixture = sources / "aa-wadenkrampf" / "facts" / "wade.yaml"
    fixture.write_text(fixture.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")
    shipped = sources / SHIPPED_ARTICLE / "facts" / "ursachen.yaml"
    args = [command, "--sources", str(sources)] + (["--out", str(tmp_path / "dist")] if command == "build" else [])
    run = run_cli(*args)
    assert run.returncode == 2 and "Traceback" not in run.stderr
    first = f"sources/aa-wadenkrampf/facts/wade.yaml:{_line_of(fixture, '  - id: magnesiummangel')}"
    second = f"sources/{SHIPPED_ARTICLE}/facts/ursachen.yaml:{_line_of(shipped, '  - id: magnesiummangel')}"
    assert f"{second}: entity 'magnesiummangel': conflicting definition: {first} defines the same id with {said}" in run.stderr
    assert not (tmp_path / "dist").exists()


def test_a_reference_no_article_defines_is_still_dangling(tmp_path):
    sources = copy_two_articles(tmp_path)
    fixture = sources / "zz-wadenkrampf" / "facts" / "wade.yaml"
    fixture.write_text(fixture.read_text(encoding="utf-8").replace("s: waermeanwendung", "s: heizdecke"), encoding="utf-8")
    run = run_cli("validate", "--sources", str(sources))
    assert run.returncode == 2
    assert "dangling reference: subject 'heizdecke' is not an entity id" in run.stderr


def test_the_fixture_article_alone_lacks_the_entity_it_borrows(tmp_path):
    sources = tmp_path / "sources"
    shutil.copytree(Path(__file__).parent / "fixtures" / "second" / "wadenkrampf", sources / "wadenkrampf")
    run = run_cli("validate", "--sources", str(sources))
    assert run.returncode == 2
    assert "dangling reference: subject 'waermeanwendung' is not an entity id" in run.stderr


def test_article_ids_lists_the_articles_of_a_graph(two):
    from crampkg.sparql.scope import article_ids

    assert article_ids(two[2].graph) == sorted([SECOND, SHIPPED_ARTICLE])


@pytest.fixture(scope="module")
def two_article_endpoint(two_sources):
    """``crampkg serve --sources`` over both articles, on a free loopback port; stopped after the module."""
    import subprocess
    import sys

    from servers import free_port, wait_until_up

    port = free_port()
    process = subprocess.Popen([sys.executable, "-m", "crampkg", "serve", "--sources", str(two_sources), "--port", str(port),
                                "--workers", "1"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        wait_until_up(f"http://127.0.0.1:{port}/queries", seconds=240)
        yield f"http://127.0.0.1:{port}"
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=10)


def _get(url: str) -> tuple[int, bytes]:
    import urllib.error
    import urllib.request

    try:
        with urllib.request.urlopen(url, timeout=30) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()


def test_the_endpoint_scopes_a_named_query_to_an_article(two_article_endpoint):
    status, body = _get(f"{two_article_endpoint}/queries/evidence?subject=magnesiummangel&article={SECOND}&format=json")
    assert status == 200, body
    rows = json.loads(body)["results"]["bindings"]
    assert [(r["article"]["value"], r["quote"]["value"], r["start"]["value"]) for r in rows] == [
        (str(article_iri(SECOND)), "Ein Mangel an Magnesium kann einen Wadenkrampf auslösen.", "30")]
    status, body = _get(f"{two_article_endpoint}/queries/evidence?subject=magnesiummangel&format=json")
    assert {r["article"]["value"] for r in json.loads(body)["results"]["bindings"]} == \
        {str(article_iri(SECOND)), str(article_iri(SHIPPED_ARTICLE))}


def test_the_endpoint_scopes_a_sparql_query_to_an_article(two_article_endpoint):
    from urllib.parse import urlencode

    status, body = _get(f"{two_article_endpoint}/sparql?{urlencode({'query': CAUSES, 'article': SECOND, 'format': 'json'})}")
    assert status == 200, body
    assert [(b["s"]["value"], b["o"]["value"]) for b in json.loads(body)["results"]["bindings"]] == \
        [(str(R.magnesiummangel), str(R.wadenkrampf))]


def test_the_endpoint_refuses_an_unknown_article_and_names_the_articles(two_article_endpoint):
    status, body = _get(f"{two_article_endpoint}/queries/evidence?article=wade")
    assert status == 400
    assert f"naming an article of the graph: {SHIPPED_ARTICLE}, {SECOND}" in body.decode("utf-8")


def test_article_specific_queries_live_with_their_article_and_are_listed():
    from crampkg import paths
    from crampkg.sparql.catalog import named_queries

    catalog = named_queries()
    by_article = sorted(name for name, q in catalog.items() if q.article == SHIPPED_ARTICLE)
    assert by_article == sorted(p.stem for p in (paths.sources_dir() / SHIPPED_ARTICLE / "queries").glob("*.rq"))
    assert "causes-of-back-cramps" in by_article and catalog["evidence"].article == ""
    run = run_cli("queries")
    assert run.returncode == 0
    assert any(line.startswith("lumbago ") and line.endswith(f"(article {SHIPPED_ARTICLE})") for line in run.stdout.splitlines())


def test_two_queries_of_one_name_are_an_error(tmp_path, monkeypatch):
    from crampkg import paths
    from crampkg.errors import UserError
    from crampkg.sparql.catalog import named_queries

    folder = tmp_path / "sources" / "zweiter"
    (folder / "queries").mkdir(parents=True)
    (folder / "article.yaml").write_text("id: zweiter\n", encoding="utf-8")
    (folder / "queries" / "evidence.rq").write_text("# title: Another evidence\nSELECT * WHERE { ?s ?p ?o }\n", encoding="utf-8")
    monkeypatch.setattr(paths, "sources_dir", lambda: tmp_path / "sources")
    with pytest.raises(UserError, match=r"evidence\.rq and .*zweiter/queries/evidence\.rq both define the named query 'evidence'"):
        named_queries()


def test_a_shortcut_derived_from_the_shipped_article_stays_out_of_the_fixture_articles_view(two):
    """Shortcut axioms carry their hops' evidence as cramp:derivedFrom; the fixture article states no hasSymptom hop."""
    from crampkg.sparql.scope import article_view

    _, _, result = two
    everything = result.with_inferences()
    assert any(everything.triples((None, CRAMP.causesSymptom, None)))
    view = article_view(everything, SECOND)
    assert not any(view.triples((None, CRAMP.causesSymptom, None)))
    assert not any(view.triples((None, CRAMP.alleviatesSymptomOf, None)))
    assert _source_articles(view, set(view.objects(None, CRAMP.derivedFrom)) | set(view.objects(None, CRAMP.hasEvidence))) == {SECOND}
