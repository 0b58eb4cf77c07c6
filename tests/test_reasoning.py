"""Reasoning: HermiT proves consistency, OWL 2 RL infers what follows, and only sound, useful inferences are kept."""
from __future__ import annotations

import shutil

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import OWL, RDF

from crampkg import reasoning
from crampkg.namespaces import CRAMP, RESOURCE as R, is_article_entity

needs_java = pytest.mark.skipif(shutil.which("java") is None, reason="HermiT needs a Java runtime")


@pytest.fixture(scope="module")
def reasoned():
    from crampkg.build import build_graph

    return build_graph(reason=True)


def test_mineral_deficiency_path_becomes_one_hop(reasoned):
    # causes ∘ hasSymptom → causesSymptom: "ein Mangel an Magnesium" causes back cramps, whose symptom is "Schmerzen".
    inferred = reasoned.inferred
    assert (R.magnesiummangel, CRAMP.causesSymptom, R.schmerzen) in inferred
    assert (R.magnesiummangel, CRAMP.causesSymptom, R.muskelverspannung) in inferred
    # alleviates ∘ isSymptomOf → alleviatesSymptomOf: cold application alleviates pain, a symptom of back cramps.
    assert (R.kaelteanwendung, CRAMP.alleviatesSymptomOf, R["muskelkrampf-im-ruecken"]) in inferred


def test_user_question_answered_in_one_hop_on_the_inferred_graph():
    import crampkg

    one_hop = crampkg.query("""
        PREFIX cramp: <https://w3id.org/crampkg/ontology#>
        SELECT DISTINCT ?treatment WHERE {
          ?deficiency a cramp:MineralDeficiency ; cramp:causesSymptom ?symptom .
          ?treatment cramp:alleviates ?symptom .
        }""")
    two_hop = crampkg.query("""
        PREFIX cramp: <https://w3id.org/crampkg/ontology#>
        SELECT DISTINCT ?treatment WHERE {
          ?deficiency a cramp:MineralDeficiency ; cramp:causes/(cramp:hasSymptom|cramp:hasAccompanyingSymptom) ?symptom .
          ?treatment cramp:alleviates ?symptom .
        }""", reasoning="asserted")
    assert {row[0] for row in one_hop.rows} == {row[0] for row in two_hop.rows}


def test_defined_classes_classify(reasoned):
    inferred = reasoned.inferred
    assert (R.magnesiummangel, RDF.type, CRAMP.Cause) in inferred          # causes something
    assert (R.schmerzen, RDF.type, CRAMP.Symptom) in inferred              # is a symptom of something
    assert (R.kaelteanwendung, RDF.type, CRAMP.TreatmentOption) in inferred
    assert (R.uebergewicht, RDF.type, CRAMP.RiskFactor) in inferred       # "Übergewicht kann eine Lumbago begünstigen"
    assert (R.magnesiummangel, RDF.type, CRAMP.NutritionalDeficiency) in inferred  # superclass


def test_inverse_and_transitive_properties(reasoned):
    inferred = reasoned.inferred
    assert (R["muskelkrampf-im-ruecken"], CRAMP.causedBy, R.magnesiummangel) in inferred
    # Lendenwirbelsäule partOf Wirbelsäule → Wirbelsäule hasPart Lendenwirbelsäule
    assert (R.wirbelsaeule, CRAMP.hasPart, R.lendenwirbelsaeule) in inferred


def test_only_sound_useful_inferences_are_kept(reasoned):
    inferred, asserted = reasoned.inferred, reasoned.graph
    for s, p, o in inferred:
        assert (s, p, o) not in asserted
        assert isinstance(s, URIRef) and is_article_entity(s)
        assert p != OWL.sameAs and s != o
        assert not isinstance(s, Literal)
        if p == RDF.type:
            assert str(o).startswith(str(CRAMP))
        else:
            assert str(p).startswith(str(CRAMP))


def test_logical_view_leaves_out_evidence_and_annotations(reasoned):
    view = reasoning.logical_view(reasoned.graph)
    assert not list(view.triples((None, CRAMP.hasEvidence, None)))
    assert not list(view.subjects(RDF.type, OWL.Axiom))
    assert (R.magnesiummangel, CRAMP.causes, R["muskelkrampf-im-ruecken"]) in view


@needs_java
def test_hermit_finds_the_shipped_graph_consistent(reasoned):
    report = reasoning.hermit_check(reasoning.logical_view(reasoned.graph))
    assert report.consistent and report.unsatisfiable == []


@needs_java
def test_hermit_catches_an_inconsistent_fixture_and_names_it(mini_sources, tmp_path):
    from conftest import run_cli

    facts = mini_sources / "kleiner-artikel" / "facts" / "mini.yaml"
    # Drug and AnatomicalStructure are disjoint: an entity cannot be both.
    facts.write_text(facts.read_text(encoding="utf-8").replace("type: MineralDeficiency", "type: [Drug, BodyRegion]"), encoding="utf-8")
    result = run_cli("build", "--sources", str(mini_sources), "--out", str(tmp_path / "out"))
    assert result.returncode == 2, result.stderr
    assert "inconsistent" in result.stderr
    assert "res:magnesiummangel" in result.stderr
    assert not (tmp_path / "out").exists()


@needs_java
def test_hermit_names_an_unsatisfiable_class(built, tmp_path):
    tbox = Graph()
    tbox += built.tbox
    clash = URIRef("https://w3id.org/crampkg/ontology#DrugAndOrgan")
    tbox.add((clash, RDF.type, OWL.Class))
    tbox.add((clash, URIRef("http://www.w3.org/2000/01/rdf-schema#subClassOf"), CRAMP.Drug))
    tbox.add((clash, URIRef("http://www.w3.org/2000/01/rdf-schema#subClassOf"), CRAMP.Organ))
    report = reasoning.hermit_check(reasoning.logical_view(tbox))
    assert str(clash) in report.unsatisfiable
    with pytest.raises(reasoning.ReasoningError, match="DrugAndOrgan"):
        reasoning.raise_if_inconsistent(report)


def test_hermit_leaves_no_temporary_file_behind(tmp_path, monkeypatch):
    import tempfile

    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    graph = Graph()
    graph.add((R.x, RDF.type, CRAMP.Drug))
    if shutil.which("java"):
        reasoning.hermit_check(graph)
    assert list(tmp_path.iterdir()) == []


def test_a_java_failure_is_reported_and_leaves_no_temporary_file(tmp_path, monkeypatch):
    import tempfile

    import owlready2

    from crampkg.errors import UserError

    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    monkeypatch.setattr(owlready2, "JAVA_EXE", shutil.which("false"))
    graph = Graph()
    graph.add((R.x, RDF.type, CRAMP.Drug))
    with pytest.raises(UserError, match="HermiT could not run"):
        reasoning.hermit_check(graph)
    assert list(tmp_path.iterdir()) == []
