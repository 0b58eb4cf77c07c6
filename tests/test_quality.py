"""Every quality check: a fixture that must trip it (exact entity) and a graph that must not."""
from __future__ import annotations

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, OWL, RDF, RDFS, SKOS

from conftest import run_cli
from crampkg.build.checks import checks, run_checks
from crampkg.namespaces import CRAMP, RESOURCE as R

pytestmark = pytest.mark.slow  # the quality checks over whole graphs, and crampkg check

MG = R.magnesiummangel
NEW_CLASS = URIRef("https://w3id.org/crampkg/ontology#Lonely")
ONTOLOGY = URIRef("https://w3id.org/crampkg/ontology")


@pytest.fixture(scope="module")
def valid():
    from conftest import FIXTURES
    from crampkg.build.graph import build_graph

    return build_graph(FIXTURES / "mini").graph


def copy(graph: Graph) -> Graph:
    clone = Graph()
    clone += graph
    return clone


def lonely_class(g: Graph) -> None:
    g.add((NEW_CLASS, RDF.type, OWL.Class))
    g.add((NEW_CLASS, RDFS.label, Literal("einsam", lang="de")))
    g.add((NEW_CLASS, RDFS.label, Literal("lonely", lang="en")))
    g.add((NEW_CLASS, SKOS.definition, Literal("Eine Klasse ohne Bezug.", lang="de")))
    g.add((NEW_CLASS, SKOS.definition, Literal("A class with no links.", lang="en")))


def unrelate(g: Graph, entity: URIRef) -> None:
    """Remove every statement the entity takes part in (direct triples and their axioms), keeping its labels."""
    for axiom in [a for a in g.subjects(RDF.type, OWL.Axiom)
                  if entity in (g.value(a, OWL.annotatedSource), g.value(a, OWL.annotatedTarget))]:
        g.remove((g.value(axiom, OWL.annotatedSource), g.value(axiom, OWL.annotatedProperty), g.value(axiom, OWL.annotatedTarget)))
        g.remove((axiom, None, None))


CASES = {
    # check: (mutation, expected entity in the findings)
    "missing-label": (lambda g: g.remove((MG, RDFS.label, Literal("magnesium deficiency", lang="en"))), "res:magnesiummangel"),
    "duplicate-label": (lambda g: g.add((R.rueckenkrampf, RDFS.label, Literal("Magnesiummangel", lang="de"))), "res:magnesiummangel"),
    "label-whitespace": (lambda g: g.add((MG, SKOS.altLabel, Literal("Magnesium  Mangel", lang="de"))), "res:magnesiummangel"),
    "missing-definition": (lambda g: g.remove((CRAMP.Drug, SKOS.definition, None)), "cramp:Drug"),
    "ontology-metadata": (lambda g: g.remove((ONTOLOGY, DCTERMS.license, None)), "<https://w3id.org/crampkg/ontology>"),
    "missing-evidence": (lambda g: g.remove((MG, CRAMP.hasEvidence, None)), "res:magnesiummangel"),
    "orphan-class": (lonely_class, "cramp:Lonely"),
    "entity-without-relation": (lambda g: unrelate(g, R.kaelteanwendung), "res:kaelteanwendung"),
}


def test_every_check_has_a_case():
    assert set(checks()) == set(CASES)


def test_levels_are_declared():
    levels = {name: check.level for name, check in checks().items()}
    assert levels["missing-label"] == "ERROR" and levels["orphan-class"] == "WARN" and levels["entity-without-relation"] == "INFO"


@pytest.mark.parametrize("fast", [False, True], ids=["rdflib", "oxigraph"])
def test_the_valid_fixture_has_only_orphan_warnings(valid, fast):
    # A fixture of four entities leaves most classes of the ontology without members: those are orphans (WARN).
    findings = run_checks(valid, fast=fast)
    assert {f.check for f in findings} == {"orphan-class"}
    assert "cramp:Equipment" in {f.entity for f in findings}


@pytest.mark.parametrize("name", sorted(CASES))
def test_each_check_finds_its_violation(valid, name):
    mutate, entity = CASES[name]
    baseline = set(run_checks(valid, fast=True))
    broken = copy(valid)
    mutate(broken)
    new = [f for f in run_checks(broken, fast=True) if f not in baseline]
    assert (name, entity) in {(f.check, f.entity) for f in new}, [str(f) for f in new]
    assert {f.check for f in new} == {name}, "one mutation, one kind of finding"


def test_the_shipped_graph_has_no_error_or_warning(graph):
    findings = run_checks(graph, fast=True)
    assert [str(f) for f in findings if f.level in ("ERROR", "WARN")] == []
    assert {f.check for f in findings} <= {"entity-without-relation"}


def test_check_command_prints_the_report():
    result = run_cli("check")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "HermiT: consistent" in result.stdout and "SHACL: 0 violation(s)" in result.stdout
    assert result.stdout.strip().splitlines()[-1].startswith("0 ERROR, ")
