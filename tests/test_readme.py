"""The figures README.md states about the shipped graph are the ones the code produces."""
from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml
from rdflib import Graph, URIRef
from rdflib.namespace import OWL, RDF, SKOS

from crampkg.namespaces import is_article_entity
from crampkg.views.stats import compute_stats

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")
MATCHES = (SKOS.exactMatch, SKOS.closeMatch, SKOS.broadMatch, SKOS.narrowMatch)


def stated(pattern: str) -> int:
    """The number README.md writes where ``pattern`` (a regex with one group) matches; thousands may be comma-separated."""
    found = re.search(pattern, README)
    assert found, f"README.md no longer says {pattern!r}"
    return int(found.group(1).replace(",", ""))


@pytest.fixture(scope="module")
def stats(graph):
    return compute_stats(graph)


def test_entities_statements_and_triples(stats, graph):
    assert stated(r"([\d,]+) entities, [\d,]+ statements") == stats.entities
    assert stated(r"entities, ([\d,]+) statements") == stats.assertions
    assert stated(r"([\d,]+) asserted triples") == len(graph)


def test_code_mappings(graph):
    links = [(s, o) for p in MATCHES for s, o in graph.subject_objects(p) if is_article_entity(s)]
    assert stated(r"and ([\d,]+) verified code mappings") == len(links)
    assert stated(r"links ([\d,]+) conditions, symptoms and causes") == len({s for s, _ in links})


def test_ontology_and_article_figures():
    tbox = Graph().parse(ROOT / "ontology" / "crampkg.ttl")

    def own(kind: URIRef) -> set:
        return {s for s in tbox.subjects(RDF.type, kind) if str(s).startswith("https://w3id.org/crampkg/ontology#")}

    assert stated(r"\| ([\d,]+) classes") == len(own(OWL.Class))
    assert stated(r"classes, ([\d,]+) object") == len(own(OWL.ObjectProperty))
    assert stated(r"object and ([\d,]+) datatype properties") == len(own(OWL.DatatypeProperty))
    sections = yaml.safe_load((ROOT / "sources/muskelkrampf-im-ruecken/article.yaml").read_text(encoding="utf-8"))["sections"]
    assert stated(r"its ([\d,]+) sections") == len(sections)
