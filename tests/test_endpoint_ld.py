"""Linked Data at ``crampkg serve``: the named graphs of the TriG, entity pages and the ontology with content
negotiation, the VoID description, the page for browsers at /sparql, and a CONSTRUCT's formats."""
from __future__ import annotations

import json
import urllib.error
import urllib.parse
import urllib.request

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDFS, VOID

from servers import CrampkgServer

pytestmark = pytest.mark.slow  # a real endpoint

ASSERTED = "https://w3id.org/crampkg/graph/asserted"
INFERRED = "https://w3id.org/crampkg/graph/inferred"
ROENTGEN = URIRef("https://w3id.org/crampkg/resource/roentgen")
RDF_TYPES = {"text/turtle": "turtle", "application/n-triples": "nt", "application/ld+json": "json-ld"}


@pytest.fixture(scope="module")
def endpoint():
    server = CrampkgServer(timeout=10.0)
    yield server
    server.stop()


def get(endpoint: CrampkgServer, path: str, accept: str | None = None) -> tuple[int, str, bytes]:
    request = urllib.request.Request(endpoint.url + path, headers={"Accept": accept} if accept else {})
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            return response.status, response.headers["Content-Type"], response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers["Content-Type"], error.read()


def count(endpoint: CrampkgServer, query: str) -> list[dict]:
    status, _, body = get(endpoint, "/sparql?query=" + urllib.parse.quote(query), "application/sparql-results+json")
    assert status == 200, body
    return [{k: v["value"] for k, v in row.items()} for row in json.loads(body)["results"]["bindings"]]


def test_the_graph_iris_of_the_trig_name_the_endpoints_graphs_and_the_default_graph_is_their_union(endpoint):
    from crampkg.store import load

    asserted, inferred = len(load(reasoning="asserted")), len(load(reasoning="inferred"))
    assert count(endpoint, f"SELECT (COUNT(*) AS ?n) FROM <{ASSERTED}> WHERE {{ ?s ?p ?o }}") == [{"n": str(asserted)}]
    assert count(endpoint, f"SELECT (COUNT(*) AS ?n) FROM <{INFERRED}> WHERE {{ ?s ?p ?o }}") == [{"n": str(inferred)}]
    per_graph = count(endpoint, "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g ORDER BY ?g")
    assert per_graph == [{"g": ASSERTED, "n": str(asserted)}, {"g": INFERRED, "n": str(inferred)}]
    assert count(endpoint, "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }") == [{"n": str(asserted + inferred)}]
    # roentgen is a DiagnosticProcedure by inference only (ImagingMethod ⊑ DiagnosticProcedure)
    typed = f"ASK {{ GRAPH <%s> {{ <{ROENTGEN}> a <https://w3id.org/crampkg/ontology#DiagnosticProcedure> }} }}"
    assert json.loads(get(endpoint, "/sparql?query=" + urllib.parse.quote(typed % INFERRED))[2])["boolean"] is True
    assert json.loads(get(endpoint, "/sparql?query=" + urllib.parse.quote(typed % ASSERTED))[2])["boolean"] is False


def test_the_entity_page_shows_labels_kinds_statements_with_hedges_and_the_highlighted_evidence(endpoint):
    status, kind, body = get(endpoint, "/resource/roentgen", "text/html,application/xhtml+xml;q=0.9,*/*;q=0.8")
    page = body.decode("utf-8")
    assert status == 200 and kind == "text/html; charset=utf-8"
    assert "<li>Röntgen <span class=\"hedge\">@de</span></li>" in page and "<li>X-ray <span class=\"hedge\">@en</span></li>" in page
    assert ">imaging method</a>" in page and ">diagnostic procedure</a> <span class=\"inferred\">(inferred)</span>" in page
    assert "<h2>Statements (2)</h2>" in page
    assert page.count('<span class="hedge">possible</span><blockquote>„Mögliche bildgebende Verfahren sind Röntgen, CT oder MRT.“') == 2
    assert "<mark>Mögliche bildgebende Verfahren sind Röntgen, CT oder MRT.</mark>" in page
    assert 'href="/resource/bildgebende-verfahren"' in page


@pytest.mark.parametrize("media", sorted(RDF_TYPES))
def test_the_entity_is_described_for_machines_in_each_rdf_format(endpoint, media):
    status, kind, body = get(endpoint, "/resource/roentgen", media)
    assert status == 200 and kind.split(";")[0] == media
    description = Graph().parse(data=body, format=RDF_TYPES[media])
    assert (ROENTGEN, RDFS.label, Literal("Röntgen", lang="de")) in description
    hedges = set(description.objects(None, URIRef("https://w3id.org/crampkg/ontology#certainty")))
    assert hedges == {URIRef("https://w3id.org/crampkg/ontology#Possible")}


def test_an_unknown_entity_is_404_and_an_unproducible_format_is_406_listing_what_can_be_had(endpoint):
    status, _, body = get(endpoint, "/resource/no-such-thing", "text/html")
    assert status == 404 and b"no resource 'https://w3id.org/crampkg/resource/no-such-thing'" in body
    status, _, body = get(endpoint, "/resource/roentgen", "image/png")
    assert status == 406
    assert body.decode().endswith("application/ld+json, application/n-triples, text/html; charset=utf-8, text/turtle; charset=utf-8\n")


def test_the_ontology_is_a_page_for_people_and_the_shipped_turtle_for_machines(endpoint):
    from crampkg import paths

    status, _, body = get(endpoint, "/ontology", "text/html")
    assert status == 200 and 'id="ImagingMethod"' in body.decode("utf-8")
    status, _, body = get(endpoint, "/ontology", "text/turtle")
    shipped = Graph().parse(paths.ontology_dir() / "crampkg.ttl", format="turtle")
    assert status == 200 and len(Graph().parse(data=body, format="turtle")) == len(shipped)


def test_the_void_description_counts_each_named_graph_and_names_the_endpoint(endpoint):
    from crampkg.store import load

    status, kind, body = get(endpoint, "/.well-known/void")
    assert status == 200 and kind.startswith("text/turtle")
    void = Graph().parse(data=body, format="turtle")
    dataset = URIRef("https://w3id.org/crampkg/dataset")
    assert void.value(dataset, VOID.sparqlEndpoint) == URIRef(f"{endpoint.url}/sparql")
    for name, view in ((ASSERTED, "asserted"), (INFERRED, "inferred")):
        assert int(void.value(URIRef(f"{name}#void"), VOID.triples)) == len(load(reasoning=view))
    assert int(void.value(dataset, VOID.triples)) == len(load(reasoning="all"))


def test_a_browser_at_sparql_gets_the_query_page_and_a_client_the_service_description(endpoint):
    status, kind, body = get(endpoint, "/sparql", "text/html,application/xhtml+xml,*/*;q=0.8")
    assert status == 200 and kind.startswith("text/html") and b"/static/yasgui.min.js" in body
    status, kind, body = get(endpoint, "/sparql")
    assert status == 200 and kind.startswith("text/turtle") and b"sd:Service" in body


def test_a_construct_is_written_as_rdf_and_a_406_for_it_lists_only_rdf_formats(endpoint):
    status, kind, body = get(endpoint, "/queries/causal-network", "application/sparql-results+json")
    assert status == 406
    assert body.decode().endswith("ask for one of: application/ld+json, application/n-triples, text/turtle; charset=utf-8\n")
    status, kind, body = get(endpoint, "/queries/causal-network", "text/turtle,*/*;q=0.9")  # what YASGUI sends
    assert status == 200 and kind.startswith("text/turtle") and len(Graph().parse(data=body, format="turtle")) > 0


def test_an_edited_named_query_runs_with_the_named_querys_parameters(endpoint):
    edited = ("PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>\n"
              "SELECT ?label ?lang WHERE { <https://w3id.org/crampkg/resource/roentgen> rdfs:label ?label FILTER(lang(?label) = ?lang) }")
    path = "/queries/imaging-methods?" + urllib.parse.urlencode({"query": edited, "lang": "en"})
    status, _, body = get(endpoint, path, "application/sparql-results+json")
    assert status == 200
    assert [row["label"]["value"] for row in json.loads(body)["results"]["bindings"]] == ["X-ray"]


def test_the_entity_page_escapes_everything_it_takes_from_the_data():
    from crampkg.render.pages_entity import entity_page

    hostile = Graph()
    entity = URIRef("https://w3id.org/crampkg/resource/x")
    hostile.add((entity, RDFS.label, Literal('<script>alert(1)</script>"', lang="de")))
    hostile.add((entity, RDFS.comment, Literal("<img src=x onerror=alert(2)>")))
    page = entity_page(hostile, entity, {}, lambda iri: '"><script>alert(3)</script>')
    assert "<script>" not in page and "<img" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;&quot;" in page and "&lt;img src=x onerror=alert(2)&gt;" in page
