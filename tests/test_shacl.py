"""Every SHACL shape: a fixture that must violate it (exact shape, path and focus) and the valid graph that must not."""
from __future__ import annotations

import pytest
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import OWL, PROV, RDF, RDFS, XSD

from crampkg.build.shacl import load_shapes, validate
from crampkg.namespaces import CRAMP, OA, RESOURCE as R

pytestmark = pytest.mark.slow  # pyshacl over whole graphs

MG = R.magnesiummangel
EX = R.dehnung


@pytest.fixture(scope="module")
def valid():
    """The small fixture article, built: it conforms to every shape."""
    from conftest import FIXTURES
    from crampkg.build.graph import build_graph

    return build_graph(FIXTURES / "mini").graph


@pytest.fixture(scope="module")
def shapes():
    return load_shapes()


def copy(graph: Graph) -> Graph:
    clone = Graph()
    for prefix, namespace in graph.namespaces():
        clone.bind(prefix, namespace, override=True, replace=True)
    clone += graph
    return clone


def axiom_of(graph: Graph, subject, prop):
    return next(a for a in graph.subjects(OWL.annotatedSource, subject) if graph.value(a, OWL.annotatedProperty) == prop)


def evidence_of(graph: Graph, entity):
    return graph.value(entity, CRAMP.hasEvidence)


def selector(graph: Graph, entity, kind):
    return next(s for s in graph.objects(evidence_of(graph, entity), OA.hasSelector) if (s, RDF.type, kind) in graph)


def set_value(graph, s, p, value):
    graph.remove((s, p, None))
    graph.add((s, p, value))


def drop(graph, s, p, o=None):
    graph.remove((s, p, o))


CASES = {
    # name: (mutation, shape, path, focus)
    "German label": (lambda g: drop(g, MG, RDFS.label, Literal("Magnesiummangel", lang="de")), "EntityShape", "rdfs:label", MG),
    "English label": (lambda g: drop(g, MG, RDFS.label, Literal("magnesium deficiency", lang="en")), "EntityShape", "rdfs:label", MG),
    "one label per language": (lambda g: g.add((MG, RDFS.label, Literal("Mangel an Magnesium", lang="de"))), "EntityShape", "rdfs:label", MG),
    "entity evidence": (lambda g: drop(g, MG, CRAMP.hasEvidence), "EntityShape", "cramp:hasEvidence", MG),
    "statement evidence": (lambda g: drop(g, axiom_of(g, MG, CRAMP.causes), CRAMP.hasEvidence), "AxiomShape", "cramp:hasEvidence", "axiom"),
    "certainty value": (lambda g: set_value(g, axiom_of(g, MG, CRAMP.causes), CRAMP.certainty, CRAMP.Common), "AxiomShape", "cramp:certainty", "axiom"),
    "frequency value": (lambda g: g.add((axiom_of(g, MG, CRAMP.causes), CRAMP.frequency, CRAMP.Possible)), "AxiomShape", "cramp:frequency", "axiom"),
    "modality value": (lambda g: g.add((axiom_of(g, MG, CRAMP.causes), CRAMP.modality, CRAMP.Rare)), "AxiomShape", "cramp:modality", "axiom"),
    "context language": (lambda g: g.add((axiom_of(g, MG, CRAMP.causes), CRAMP.context, Literal("ohne Sprache"))), "AxiomShape", "cramp:context", "axiom"),
    "evidence source": (lambda g: drop(g, evidence_of(g, MG), OA.hasSource), "EvidenceShape", "oa:hasSource", "evidence"),
    "evidence section": (lambda g: drop(g, evidence_of(g, MG), PROV.wasDerivedFrom), "EvidenceShape", "prov:wasDerivedFrom", "evidence"),
    "quote selector": (lambda g: drop(g, evidence_of(g, MG), OA.hasSelector, selector(g, MG, OA.TextQuoteSelector)), "EvidenceShape", "oa:hasSelector", "evidence"),
    "position selector": (lambda g: drop(g, evidence_of(g, MG), OA.hasSelector, selector(g, MG, OA.TextPositionSelector)), "EvidenceShape", "oa:hasSelector", "evidence"),
    "exact quote": (lambda g: set_value(g, selector(g, MG, OA.TextQuoteSelector), OA.exact, Literal("")), "QuoteSelectorShape", "oa:exact", "quote"),
    "integer offsets": (lambda g: set_value(g, selector(g, MG, OA.TextPositionSelector), OA.start, Literal("12")), "PositionSelectorShape", "oa:start", "position"),
    "start before end": (lambda g: set_value(g, selector(g, MG, OA.TextPositionSelector), OA.start, Literal(10**6, datatype=XSD.nonNegativeInteger)), "PositionSelectorShape", "oa:start", "position"),
    "hold seconds positive": (lambda g: set_value(g, EX, CRAMP.holdSecondsMin, Literal("0", datatype=XSD.positiveInteger)), "HoldSecondsShape", "cramp:holdSecondsMin", EX),
    "hold range": (lambda g: g.add((EX, CRAMP.holdSecondsMax, Literal(5, datatype=XSD.positiveInteger))), "HoldSecondsShape", "cramp:holdSecondsMin", EX),
    "repetitions range": (lambda g: (g.add((EX, CRAMP.repetitionsMin, Literal(5, datatype=XSD.positiveInteger))), g.add((EX, CRAMP.repetitionsMax, Literal(2, datatype=XSD.positiveInteger)))), "RepetitionsShape", "cramp:repetitionsMin", EX),
    "sets datatype": (lambda g: g.add((EX, CRAMP.setsMin, Literal(2.5))), "SetsShape", "cramp:setsMin", EX),
    "weight positive": (lambda g: g.add((EX, CRAMP.weightKg, Literal("-1", datatype=XSD.decimal))), "QuantityShape", "cramp:weightKg", EX),
    "one step number": (lambda g: g.add((R["dehnung-schritt-1"], CRAMP.stepNumber, Literal(7, datatype=XSD.positiveInteger))), "StepShape", "cramp:stepNumber", R["dehnung-schritt-1"]),
    "steps without gaps": (lambda g: set_value(g, R["dehnung-schritt-2"], CRAMP.stepNumber, Literal(3, datatype=XSD.positiveInteger)), "StepSequenceShape", "", EX),
    "side effect domain": (lambda g: g.add((MG, CRAMP.sideEffectOf, R.rueckenkrampf)), "SideEffectOfDomain", "", MG),
    "drug class domain": (lambda g: g.add((MG, CRAMP.memberOfDrugClass, R.rueckenkrampf)), "MemberOfDrugClassDomain", "", MG),
    "next step domain": (lambda g: g.add((MG, CRAMP.nextStep, R["dehnung-schritt-1"])), "NextStepDomain", "", MG),
    "step number domain": (lambda g: g.add((MG, CRAMP.stepNumber, Literal(1, datatype=XSD.positiveInteger))), "StepNumberDomain", "", MG),
    "instruction domain": (lambda g: g.add((MG, CRAMP.instruction, Literal("x", lang="de"))), "InstructionDomain", "", MG),
    "range of radiatesTo": (lambda g: g.add((R.rueckenkrampf, CRAMP.radiatesTo, MG)), "RangeShape", "cramp:radiatesTo", R.rueckenkrampf),
    "range of requiresEquipment": (lambda g: g.add((EX, CRAMP.requiresEquipment, MG)), "RangeShape", "cramp:requiresEquipment", EX),
    "context entity is curated": (lambda g: g.add((axiom_of(g, MG, CRAMP.causes), CRAMP.contextEntity, R["nicht-kuratiert"])), "AxiomShape", "cramp:contextEntity", "axiom"),
    "context entity needs context": (lambda g: g.add((axiom_of(g, MG, CRAMP.causes), CRAMP.contextEntity, R.rueckenkrampf)), "ContextEntityNeedsContextShape", "cramp:context", "axiom"),
    "prevents domain": (lambda g: g.add((MG, CRAMP.prevents, R.rueckenkrampf)), "PreventsDomain", "", MG),
    "attribute of a condition": (lambda g: g.add((MG, CRAMP.curable, Literal(False))), "ArticleAttributeShape", "", MG),
    "attribute is a boolean": (lambda g: g.add((R.rueckenkrampf, CRAMP.curable, Literal("nein", lang="de"))), "ArticleAttributeShape", "cramp:curable", R.rueckenkrampf),
}


def resolve_focus(graph: Graph, focus):
    if focus == "axiom":
        return axiom_of(graph, MG, CRAMP.causes)
    if focus == "evidence":
        return evidence_of(graph, MG)
    if focus == "quote":
        return selector(graph, MG, OA.TextQuoteSelector)
    if focus == "position":
        return selector(graph, MG, OA.TextPositionSelector)
    return focus


def test_the_valid_fixture_conforms(valid, shapes):
    assert validate(valid, shapes) == []


def test_the_shipped_graph_conforms(graph, shapes):
    assert validate(graph, shapes) == []


@pytest.mark.parametrize("case", sorted(CASES))
def test_each_shape_catches_its_violation(valid, shapes, case):
    mutate, shape, path, focus = CASES[case]
    broken = copy(valid)
    expected_focus = resolve_focus(broken, focus)
    mutate(broken)
    violations = validate(broken, shapes)
    assert violations, f"{case}: no violation"
    focus_text = expected_focus.n3(broken.namespace_manager) if isinstance(expected_focus, BNode) else broken.namespace_manager.normalizeUri(expected_focus)
    matching = [v for v in violations if v.shape == f"shapes:{shape}" and v.path == path and v.focus == focus_text]
    assert matching, f"{case}: {[str(v) for v in violations]}"
    assert all(v.message for v in matching)


def test_every_shape_has_a_violating_case(shapes):
    from rdflib.namespace import SH

    named = {shapes.namespace_manager.normalizeUri(s).split(":", 1)[1] for s in shapes.subjects(RDF.type, SH.NodeShape) if isinstance(s, URIRef)}
    covered = {case[1] for case in CASES.values()}
    assert named == covered


def test_build_fails_with_focus_path_value_and_message(mini_sources, tmp_path):
    from conftest import run_cli

    facts = mini_sources / "kleiner-artikel" / "facts" / "mini.yaml"
    text = facts.read_text(encoding="utf-8")
    # hold max below min: allowed by the loader (each is a positive integer), caught by SHACL
    text = text.replace("  - s: dehnung\n    p: holdSecondsMin\n    value: 20",
                        "  - s: dehnung\n    p: holdSecondsMax\n    value: 5\n    quote: \"Halten Sie die Dehnung 20 Sekunden.\"\n    section: uebungen\n  - s: dehnung\n    p: holdSecondsMin\n    value: 20")
    facts.write_text(text, encoding="utf-8")
    result = run_cli("build", "--sources", str(mini_sources), "--out", str(tmp_path / "out"))
    assert result.returncode == 2, result.stderr
    assert "focus res:dehnung, path cramp:holdSecondsMin, value \"20\"^^xsd:positiveInteger" in result.stderr
    assert "holdSecondsMax must not be below holdSecondsMin. [shapes:HoldSecondsShape]" in result.stderr
    assert not (tmp_path / "out").exists()
