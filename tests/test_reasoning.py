"""Reasoning: HermiT proves consistency, OWL 2 RL infers what follows, and only sound, useful inferences are kept."""
from __future__ import annotations

import shutil

import pytest
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import OWL, RDF

from crampkg.build import reasoning
from crampkg.namespaces import CRAMP, RESOURCE as R, is_article_entity

pytestmark = pytest.mark.slow  # HermiT on the Java runtime

needs_java = pytest.mark.skipif(shutil.which("java") is None, reason="HermiT needs a Java runtime")


@pytest.fixture(scope="module")
def reasoned():
    from crampkg.build.graph import build_graph

    return build_graph(reason=True)


def _shortcut_axioms(inferred: Graph, triple: tuple) -> list:
    s, p, o = triple
    return [a for a in inferred.subjects(OWL.annotatedSource, s)
            if (a, OWL.annotatedProperty, p) in inferred and (a, OWL.annotatedTarget, o) in inferred]


# The asserted two-hop reading, with the hedges of each hop: a statement counts in either direction it was stated.
TWO_HOPS = """
PREFIX owl: <http://www.w3.org/2002/07/owl#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX cramp: <https://w3id.org/crampkg/ontology#>
SELECT ?hop ?certainty ?frequency ?context ?evidence WHERE {
  VALUES (?first ?firstInverse ?second ?secondInverse) {
    (cramp:causes cramp:causedBy cramp:hasSymptom cramp:isSymptomOf)
    (cramp:alleviates cramp:alleviatedBy cramp:isSymptomOf cramp:hasSymptom) }
  { ?axiom owl:annotatedProperty/rdfs:subPropertyOf* ?first ; owl:annotatedSource ?a ; owl:annotatedTarget ?via . BIND(1 AS ?hop) }
  UNION { ?axiom owl:annotatedProperty/rdfs:subPropertyOf* ?firstInverse ; owl:annotatedSource ?via ; owl:annotatedTarget ?a . BIND(1 AS ?hop) }
  UNION { ?axiom owl:annotatedProperty/rdfs:subPropertyOf* ?second ; owl:annotatedSource ?via ; owl:annotatedTarget ?c . BIND(2 AS ?hop) }
  UNION { ?axiom owl:annotatedProperty/rdfs:subPropertyOf* ?secondInverse ; owl:annotatedSource ?c ; owl:annotatedTarget ?via . BIND(2 AS ?hop) }
  ?axiom cramp:hasEvidence ?evidence .
  OPTIONAL { ?axiom cramp:certainty ?certainty } OPTIONAL { ?axiom cramp:frequency ?frequency } OPTIONAL { ?axiom cramp:context ?context }
}"""
RARER = [None, CRAMP.Typical, CRAMP.MostCases, CRAMP.VeryCommon, CRAMP.Common, CRAMP.SomeCases, CRAMP.Rare]


def test_shortcuts_say_no_more_than_the_asserted_two_hop_reading_with_its_qualifiers(reasoned):
    asserted, inferred = reasoned.graph, reasoned.inferred
    shortcut_triples = [t for prop in (CRAMP.causesSymptom, CRAMP.alleviatesSymptomOf) for t in inferred.triples((None, prop, None))]
    assert shortcut_triples, "the article ties some causes to symptoms in one paragraph"
    for triple in shortcut_triples:
        axioms = _shortcut_axioms(inferred, triple)
        assert axioms, f"{triple} carries no annotation of what it rests on"
        for axiom in axioms:
            assert inferred.value(axiom, CRAMP.inferred) == Literal(True)
            a, via, c = triple[0], inferred.value(axiom, CRAMP.via), triple[2]
            rows = list(asserted.query(TWO_HOPS, initBindings={"a": a, "via": via, "c": c}))
            derived_from = set(inferred.objects(axiom, CRAMP.derivedFrom))
            hops = [row for row in rows if row.evidence in derived_from]
            assert {row.hop.toPython() for row in hops} == {1, 2}, f"{triple} via {via}: no asserted two-hop path"
            certainty = inferred.value(axiom, CRAMP.certainty)
            if any(row.certainty == CRAMP.Possible for row in hops):
                assert certainty == CRAMP.Possible, f"{triple}: a hop says 'kann', the shortcut must too"
            if any(row.certainty is not None for row in hops):
                assert certainty is not None
            frequency = inferred.value(axiom, CRAMP.frequency)
            for row in hops:
                assert RARER.index(frequency) >= RARER.index(row.frequency), f"{triple} is said more often than a hop"
                if row.context is not None:
                    assert row.context in set(inferred.objects(axiom, CRAMP.context)), f"{triple} drops '{row.context}'"


KNOWN_FALSE = [
    # Pregnancy can cause back cramps; breathing problems come with tension of the upper and middle back, not with pregnancy.
    (R.schwangerschaft, CRAMP.causesSymptom, R.atemprobleme),
    # "Die Symptome … können je nach Ursache und Schweregrad variieren": no cause of the cramp gets its symptoms.
    (R.magnesiummangel, CRAMP.causesSymptom, R.schmerzen),
    (R.magnesiummangel, CRAMP.causesSymptom, R.muskelverspannung),
    (R.stress, CRAMP.causesSymptom, R.sensibilitaetsstoerung),
    # The introduction gives a range of causes and a range of symptoms, and pairs none of them.
    (R["schwerwiegendere-erkrankung"], CRAMP.causesSymptom, R["leichte-beschwerden"]),
    (R.muskelverspannung, CRAMP.causesSymptom, R["starke-schmerzen"]),
    # The exercises are for back cramps; the article does not say they help the stiff person syndrome.
    (R["dehnung-des-rueckens"], CRAMP.alleviatesSymptomOf, R["stiff-person-syndrom"]),
    (R.frontheben, CRAMP.alleviatesSymptomOf, R["stiff-person-syndrom"]),
    # A long-term treatment that leads to a stable phase is not a cause.
    (R["dauerhafte-behandlung"], RDF.type, CRAMP.Cause),
]


@pytest.mark.parametrize("triple", KNOWN_FALSE, ids=lambda t: f"{t[0].split('/')[-1]} {t[1].split('#')[-1]} {t[2].split('/')[-1].split('#')[-1]}")
def test_known_false_inferences_are_not_made(reasoned, triple):
    assert triple not in reasoned.inferred and triple not in reasoned.graph


def test_no_exercise_alleviates_a_symptom_of_the_stiff_person_syndrome(reasoned):
    assert list(reasoned.with_inferences().subjects(CRAMP.alleviatesSymptomOf, R["stiff-person-syndrom"])) == []


def test_shortcuts_the_article_ties_together_are_inferred_with_their_hedges(reasoned):
    inferred = reasoned.inferred
    # "Außerdem kann sich bei einer Verspannung des Diaphragmas die Lage des Magens ändern … Und das kann sich als
    # Druck in der Magengegend und (stillem) Reflux/Sodbrennen zeigen."
    for symptom in ("druck-in-der-magengegend", "reflux", "sodbrennen", "stiller-reflux"):
        triple = (R.zwerchfellverspannung, CRAMP.causesSymptom, R[symptom])
        assert triple in inferred
        [axiom] = _shortcut_axioms(inferred, triple)
        assert inferred.value(axiom, CRAMP.via) == R["lageaenderung-des-magens"]
        assert inferred.value(axiom, CRAMP.certainty) == CRAMP.Possible
    # "Häufig reagieren die umgebenden Muskeln auf die Blockade mit Verspannungen oder Krämpfen. Die betroffene Stelle
    # fühlt sich hart an und ist druckempfindlich."
    triple = (R.rueckenblockade, CRAMP.causesSymptom, R["harte-stelle"])
    assert triple in inferred
    assert {inferred.value(a, CRAMP.frequency) for a in _shortcut_axioms(inferred, triple)} == {CRAMP.Common}


def test_one_hop_answers_are_a_subset_of_the_two_hop_answers():
    import crampkg

    one_hop = crampkg.query("""
        PREFIX cramp: <https://w3id.org/crampkg/ontology#>
        SELECT DISTINCT ?cause ?symptom WHERE { ?cause cramp:causesSymptom ?symptom }""")
    two_hop = crampkg.query("""
        PREFIX cramp: <https://w3id.org/crampkg/ontology#>
        SELECT DISTINCT ?cause ?symptom WHERE { ?cause cramp:causes ?condition . ?condition cramp:hasSymptom ?symptom }""",
                            reasoning="all")
    assert {tuple(row) for row in one_hop.rows} < {tuple(row) for row in two_hop.rows}


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
        if isinstance(s, BNode):  # the annotation of a shortcut
            assert (s, RDF.type, OWL.Axiom) in inferred and inferred.value(s, CRAMP.inferred) == Literal(True)
            continue
        assert isinstance(s, URIRef) and is_article_entity(s)
        assert p != OWL.sameAs and s != o
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


def _stated(graph: Graph, s, p, o, text: str, quote: str, **hedges) -> None:
    """Add ``s p o`` with an axiom whose evidence is ``quote`` located in ``text`` (article ``res:article/a``)."""
    from rdflib import BNode as Node

    from crampkg.namespaces import OA, article_iri

    start = text.index(quote)
    evidence, selector, axiom = URIRef(f"{article_iri('a')}/evidence/{start}"), Node(), Node()
    graph.add((s, p, o))
    graph += [(evidence, OA.hasSource, article_iri("a")), (evidence, OA.hasSelector, selector), (selector, OA.start, Literal(start)),
              (axiom, RDF.type, OWL.Axiom), (axiom, OWL.annotatedSource, s), (axiom, OWL.annotatedProperty, p),
              (axiom, OWL.annotatedTarget, o), (axiom, CRAMP.hasEvidence, evidence)]
    for name, value in hedges.items():
        graph.add((axiom, CRAMP[name], value))


def test_alleviates_symptom_of_needs_both_hops_in_one_paragraph():
    from crampkg.build import shortcuts
    from crampkg.namespaces import article_iri

    text = "Kälte lindert in der akuten Phase den Schmerz, ein Symptom des Krampfs.\nDer Krampf ist ein Symptom der Krankheit."
    graph = Graph()
    graph.add((CRAMP.hasSymptom, OWL.inverseOf, CRAMP.isSymptomOf))
    _stated(graph, R.kaelte, CRAMP.alleviates, R.schmerz, text, "Kälte lindert", certainty=CRAMP.Possible,
            context=Literal("in der akuten Phase", lang="de"))
    _stated(graph, R.krampf, CRAMP.hasSymptom, R.schmerz, text, "ein Symptom des Krampfs")
    _stated(graph, R.kaelte, CRAMP.alleviates, R.krampf, text, "Kälte lindert")
    _stated(graph, R.krankheit, CRAMP.hasSymptom, R.krampf, text, "Der Krampf ist ein Symptom")  # another paragraph
    derived = shortcuts.derive_shortcuts(graph, {article_iri("a"): text})
    assert set(derived.triples((None, CRAMP.alleviatesSymptomOf, None))) == {(R.kaelte, CRAMP.alleviatesSymptomOf, R.krampf)}
    [axiom] = _shortcut_axioms(derived, (R.kaelte, CRAMP.alleviatesSymptomOf, R.krampf))
    assert derived.value(axiom, CRAMP.certainty) == CRAMP.Possible and derived.value(axiom, CRAMP.via) == R.schmerz
    assert str(derived.value(axiom, CRAMP.context)) == "in der akuten Phase"


def test_a_paragraph_that_lists_several_causes_gives_no_cause_its_symptoms():
    from crampkg.build import shortcuts
    from crampkg.namespaces import article_iri

    text = "Der Krampf hat viele Ursachen, von A bis B. Die Symptome reichen von leicht bis stark.\nC löst den Krampf aus, der dann sticht."
    graph = Graph()
    _stated(graph, R.a, CRAMP.causes, R.krampf, text, "von A")
    _stated(graph, R.b, CRAMP.causes, R.krampf, text, "bis B")
    _stated(graph, R.krampf, CRAMP.hasSymptom, R.leicht, text, "von leicht")
    _stated(graph, R.c, CRAMP.causes, R.krampf, text, "C löst den Krampf aus")
    _stated(graph, R.krampf, CRAMP.hasSymptom, R.stechen, text, "der dann sticht")
    derived = shortcuts.derive_shortcuts(graph, {article_iri("a"): text})
    assert set(derived.triples((None, CRAMP.causesSymptom, None))) == {(R.c, CRAMP.causesSymptom, R.stechen)}
