"""The graph says what it is and under which licence, and every German text in it carries ``@de``."""
from __future__ import annotations

from rdflib import URIRef
from rdflib.namespace import DCTERMS, OWL

from crampkg._version import __version__
from crampkg.build.dataset import DATASET_IRI
from crampkg.namespaces import OA

# Properties whose values are codes, versions, language tags or names, never German prose.
NOT_PROSE = {
    "http://purl.org/dc/terms/creator", "http://purl.org/dc/terms/language",
    "http://www.geneontology.org/formats/oboInOwl#hasDbXref", "http://www.w3.org/2002/07/owl#annotatedTarget",
    "http://www.w3.org/2002/07/owl#versionInfo", "http://www.w3.org/2004/02/skos/core#notation",
    "https://w3id.org/sssom/object_label", "https://w3id.org/sssom/object_source_version",
}
UNTAGGED = """
SELECT DISTINCT ?p WHERE {
  ?s ?p ?o FILTER(isLiteral(?o) && datatype(?o) = <http://www.w3.org/2001/XMLSchema#string>)
}"""


def test_only_codes_names_and_versions_are_untagged_strings(graph) -> None:
    assert {str(row.p) for row in graph.query(UNTAGGED)} == NOT_PROSE


def test_untagged_codes_are_not_german_text(graph) -> None:
    """The untagged values are codes, versions and English labels of the terminologies (``object_label``)."""
    for prop in ("http://www.w3.org/2004/02/skos/core#notation", "http://www.geneontology.org/formats/oboInOwl#hasDbXref"):
        for value in graph.objects(None, URIRef(prop)):
            assert " " not in str(value), value


def test_every_quote_prefix_and_suffix_is_german(graph) -> None:
    for prop in (OA.exact, OA.prefix, OA.suffix):
        values = list(graph.objects(None, prop))
        assert values, prop
        assert {value.language for value in values} == {"de"}, prop


def test_dataset_node_states_the_data_licence_and_version(graph) -> None:
    assert graph.value(DATASET_IRI, DCTERMS.license) == URIRef("https://creativecommons.org/licenses/by/4.0/")
    assert graph.value(DATASET_IRI, DCTERMS.type) == URIRef("http://purl.org/dc/dcmitype/Dataset")
    assert str(graph.value(DATASET_IRI, OWL.versionInfo)) == __version__
    assert set(graph.objects(DATASET_IRI, DCTERMS.source)) == {
        URIRef("https://w3id.org/crampkg/resource/article/muskelkrampf-im-ruecken")}


def test_data_licence_is_the_one_the_readme_states(graph) -> None:
    from pathlib import Path

    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
    assert "ontology and curated data CC BY 4.0" in readme
    assert str(graph.value(DATASET_IRI, DCTERMS.license)).startswith("https://creativecommons.org/licenses/by/4.0")
