"""The networkx view holds exactly what the RDF says; its helpers give the answers worked out by hand."""
from __future__ import annotations

import pytest
from rdflib import BNode, Graph, Literal, Variable
from rdflib.namespace import OWL, RDF, RDFS

from crampkg.namespaces import CRAMP, OA, RESOURCE as R
from crampkg.views.analysis import (
    CAUSAL_PROPERTIES,
    cause_nodes,
    cause_treatment_paths,
    communities,
    most_connected,
    neighbourhood,
    symptom_nodes,
    treatment_nodes,
)
from crampkg.views.network import find_node, to_networkx

# ---------------------------------------------------------------------------------------------------------------
# The shipped graph: nodes and edges checked against SPARQL, written independently of the view's code
# ---------------------------------------------------------------------------------------------------------------

ENTITIES = """
PREFIX owl: <http://www.w3.org/2002/07/owl#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT DISTINCT ?e WHERE {
  ?e a owl:NamedIndividual ; a/rdfs:subClassOf* ?class .
  FILTER(STRSTARTS(STR(?e), "https://w3id.org/crampkg/resource/") && !STRSTARTS(STR(?e), "https://w3id.org/crampkg/resource/article/"))
}
"""
OBJECT_STATEMENTS = """
PREFIX owl: <http://www.w3.org/2002/07/owl#>
SELECT ?s ?p ?o WHERE { ?p a owl:ObjectProperty . ?s ?p ?o . }
"""
AXIOM_EVIDENCE = """
PREFIX owl: <http://www.w3.org/2002/07/owl#>
PREFIX cramp: <https://w3id.org/crampkg/ontology#>
SELECT ?s ?p ?o ?evidence ?certainty WHERE {
  ?axiom a owl:Axiom ; owl:annotatedSource ?s ; owl:annotatedProperty ?p ; owl:annotatedTarget ?o ; cramp:hasEvidence ?evidence .
  OPTIONAL { ?axiom cramp:certainty ?certainty }
}
"""

FILTERS = {
    "everything": (None, None),
    "causal chain": (["MedicalCondition", "SignOrSymptom", "CausalFactor", "Therapy", "Exercise"],
                     ["causes", "hasSymptom", "hasAccompanyingSymptom", "alleviates", "treats"]),
    "exercise steps": (["Exercise", "ExerciseStep"], ["hasStep", "nextStep"]),
}


def _local(iri) -> str:
    return str(iri)[len(str(R)):]


def expected_nodes(graph: Graph, classes) -> set[str]:
    if classes is None:
        return {_local(row[0]) for row in graph.query(ENTITIES)}
    found = set()
    for name in classes:
        found |= {_local(row[0]) for row in graph.query(ENTITIES, initBindings={Variable("class"): CRAMP[name]})}
    return found


def expected_edges(graph: Graph, nodes: set[str], properties) -> set[tuple[str, str, str]]:
    wanted = None if properties is None else {CRAMP[p] for p in properties}
    edges = set()
    for s, p, o in graph.query(OBJECT_STATEMENTS):
        chosen = str(p).startswith(str(CRAMP)) if wanted is None else p in wanted
        if (chosen and str(s).startswith(str(R)) and str(o).startswith(str(R))
                and _local(s) in nodes and _local(o) in nodes):
            edges.add((_local(s), _local(o), str(p)[len(str(CRAMP)):]))
    return edges


@pytest.mark.parametrize("name", sorted(FILTERS))
def test_view_has_exactly_the_nodes_and_edges_of_the_rdf(graph, name):
    classes, properties = FILTERS[name]
    view = to_networkx(graph, classes=classes, properties=properties)
    nodes = expected_nodes(graph, classes)
    assert set(view.nodes) == nodes
    edges = expected_edges(graph, nodes, properties)
    assert set(view.edges(keys=True)) == edges
    assert view.number_of_edges() == len(edges), "one edge per statement, no duplicates"
    assert len(edges) > 30 and len(nodes) > 30


@pytest.mark.slow  # the graph with every inference
def test_view_of_the_stated_and_inferred_graph_has_exactly_its_nodes_and_edges():
    import crampkg

    merged = crampkg.load()  # what the article states and what OWL 2 RL infers
    view = to_networkx(merged)
    nodes = expected_nodes(merged, None)
    assert set(view.nodes) == nodes
    edges = expected_edges(merged, nodes, None)
    assert set(view.edges(keys=True)) == edges and view.number_of_edges() == len(edges)
    assert any(k == "causedBy" for _, _, k in edges), "the inverse statements are inferred"
    magnesium = view.nodes["magnesiummangel"]
    # inferred superclasses (NutritionalDeficiency, CausalFactor) drop out; the inferred role Cause is no superclass
    assert magnesium["classes"] == ("Cause", "MineralDeficiency") and magnesium["class"] == "MineralDeficiency"
    assert magnesium["category"] == "cause"


@pytest.mark.slow  # the graph with every inference
def test_inferred_triples_given_apart_are_marked():
    import crampkg

    stated, inferred = crampkg.load(reasoning="asserted"), crampkg.load(reasoning="inferred")
    view = to_networkx(stated, inferred=inferred)
    merged = to_networkx(crampkg.load())
    assert set(view.edges(keys=True)) == set(merged.edges(keys=True))
    marked = {(u, v, k) for u, v, k, flag in view.edges(keys=True, data="inferred") if flag}
    only_inferred = {(u, v, k) for u, v, k in view.edges(keys=True)
                     if (R[u], CRAMP[k], R[v]) in inferred and (R[u], CRAMP[k], R[v]) not in stated}
    assert marked == only_inferred and len(marked) > 100
    assert all(not view.edges[edge]["evidence"] for edge in marked), "inferred statements have no quote of their own"
    assert all(view.edges[edge]["evidence"] for edge in set(view.edges(keys=True)) - marked), "every stated statement has one"


def test_isolated_false_keeps_only_entities_that_take_part_in_a_statement(graph):
    full = to_networkx(graph, properties=["hasStep"])
    trimmed = to_networkx(graph, properties=["hasStep"], isolated=False)
    touched = {n for u, v, _ in full.edges(keys=True) for n in (u, v)}
    assert set(trimmed.nodes) == touched
    assert trimmed.number_of_edges() == full.number_of_edges() == sum(1 for _ in graph.triples((None, CRAMP.hasStep, None)))
    assert len(touched) < full.number_of_nodes()


def test_every_edge_carries_the_evidence_and_certainty_of_its_axioms(graph):
    view = to_networkx(graph)
    evidence: dict[tuple, set[str]] = {}
    certainty: dict[tuple, set[str]] = {}
    for s, p, o, ev, cert in graph.query(AXIOM_EVIDENCE):
        key = (_local(s), _local(o), str(p)[len(str(CRAMP)):])
        evidence.setdefault(key, set()).add(str(ev))
        if cert is not None:
            certainty.setdefault(key, set()).add(str(cert)[len(str(CRAMP)):])
    checked = 0
    for u, v, k, data in view.edges(keys=True, data=True):
        assert set(data["evidence"]) == evidence.get((u, v, k), set()), (u, v, k)
        assert set(data["certainty"]) == certainty.get((u, v, k), set()), (u, v, k)
        assert len(data["quotes"]) == len(data["evidence"])
        checked += 1
    assert checked == view.number_of_edges() > 500


def test_edge_with_two_passages_keeps_both_hedges_and_quotes(graph):
    # "Sie entstehen oft durch Fehlhaltungen" and "In den meisten Fällen sind Fehlhaltungen ... Ursache für Muskelverspannungen."
    edge = to_networkx(graph).edges["fehlhaltung", "muskelverspannung", "causes"]
    assert edge["frequency"] == ("Common", "MostCases")
    assert len(edge["evidence"]) == 2 and edge["hedged"]
    assert any(q.startswith("Sie entstehen oft durch Fehlhaltungen") for q in edge["quotes"])
    assert {(a.frequency, a.quote.split()[0]) for a in edge["annotations"]} == {("Common", "Sie"), ("MostCases", "In")}


def test_cortisone_edge_has_the_hedges_of_the_readme(graph):
    edge = to_networkx(graph, lang="en").edges["kortison-injektion", "schmerzen", "alleviates"]
    assert (edge["certainty"], edge["frequency"]) == (("Possible",), ("Rare",))
    assert edge["context"] == ("bei sehr starken Schmerzen oder wenn die Blockade Nerven beeinträchtigt",)
    assert edge["label"] == "alleviates" and edge["iri"] == str(CRAMP.alleviates)


def test_nodes_carry_label_in_the_chosen_language_class_and_category(graph):
    german, english = to_networkx(graph, lang="de"), to_networkx(graph, lang="en")
    assert german.nodes["magnesiummangel"]["label"] == "Magnesiummangel"
    assert english.nodes["magnesiummangel"]["label"] == "magnesium deficiency"
    assert english.nodes["magnesiummangel"]["class"] == "MineralDeficiency"
    assert english.nodes["magnesiummangel"]["category"] == "cause"
    assert english.nodes["muskelkrampf-im-ruecken"]["category"] == "condition"
    assert english.nodes["dehnung-des-rueckens"]["category"] == "exercise"
    assert english.nodes["rueckenschmerzen"]["classes"] == ("BackPain", "Pain")
    assert english.nodes["rueckenschmerzen"]["category"] == "condition", "the first category of CATEGORIES wins"
    assert english.nodes["magnesiummangel"]["iri"] == str(R.magnesiummangel)


def test_find_node_takes_an_id_an_iri_or_a_label(graph):
    view = to_networkx(graph, lang="en")
    assert find_node(view, "magnesiummangel") == "magnesiummangel"
    assert find_node(view, R.magnesiummangel) == "magnesiummangel"
    assert find_node(view, "Magnesium Deficiency") == "magnesiummangel"
    with pytest.raises(KeyError, match="no entity"):
        find_node(view, "vitamin deficiency")


def test_mineral_question_networkx_paths_give_the_sparql_answer(graph):
    import crampkg

    sparql = crampkg.query("treatments-for-mineral-deficiency-symptoms", graph=graph, lang="en")
    treatment, via = sparql.variables.index("treatment"), sparql.variables.index("via")
    # The query's direct answers (not through a drug class or group) are paths of the question's shape; the paths hold
    # more (prevention-tip sentences and groupings, which the query leaves out).
    expected = {_local(row[treatment]) for row in sparql.rows if not str(row[via] or "")}
    view = to_networkx(graph, properties=CAUSAL_PROPERTIES)
    deficiencies = [n for n, classes in view.nodes(data="classes") if "MineralDeficiency" in classes]
    paths = cause_treatment_paths(view, sources=deficiencies, cutoff=3)
    shape = {("causes", "hasSymptom", "^alleviates"), ("causes", "hasAccompanyingSymptom", "^alleviates")}
    found = {p.nodes[3] for p in paths if p.properties in shape}
    assert expected <= found
    assert len(expected) >= 10


# ---------------------------------------------------------------------------------------------------------------
# A small hand-made graph with answers worked out by hand
# ---------------------------------------------------------------------------------------------------------------
#
#   stress --causes--> tension --causes--> cramp --hasSymptom--> pain <--alleviates-- analgesic (Possible)
#   magnesium --causes--------------------> cramp --hasAccompanyingSymptom--> restriction
#   heat --alleviates--> pain, heat --alleviates--> tension, stretching --treats--> cramp, cramp --locatedIn--> back
#
# Undirected, the only cycle is tension - cramp - pain - heat - tension.

CLASSES = {
    "CausalFactor": None, "NutritionalDeficiency": "CausalFactor", "MineralDeficiency": "NutritionalDeficiency",
    "PsychologicalFactor": "CausalFactor", "MedicalCondition": None, "MuscleTension": "MedicalCondition",
    "MuscleCramp": "MedicalCondition", "SignOrSymptom": None, "Pain": "SignOrSymptom",
    "MovementRestriction": "SignOrSymptom", "Therapy": None, "DrugTherapy": "Therapy", "ThermalTherapy": "Therapy",
    "Exercise": None, "AnatomicalStructure": None, "BodyRegion": "AnatomicalStructure",
}
ENTITY_CLASSES = {
    "magnesium": "MineralDeficiency", "stress": "PsychologicalFactor", "tension": "MuscleTension", "cramp": "MuscleCramp",
    "pain": "Pain", "restriction": "MovementRestriction", "heat": "ThermalTherapy", "analgesic": "DrugTherapy",
    "stretching": "Exercise", "back": "BodyRegion",
}
STATEMENTS = [
    ("magnesium", "causes", "cramp"), ("stress", "causes", "tension"), ("tension", "causes", "cramp"),
    ("cramp", "hasSymptom", "pain"), ("cramp", "hasAccompanyingSymptom", "restriction"), ("heat", "alleviates", "pain"),
    ("heat", "alleviates", "tension"), ("analgesic", "alleviates", "pain"), ("stretching", "treats", "cramp"),
    ("cramp", "locatedIn", "back"),
]


def small_graph(statements=STATEMENTS) -> Graph:
    graph = Graph()
    for cls, parent in CLASSES.items():
        graph.add((CRAMP[cls], RDF.type, OWL.Class))
        if parent:
            graph.add((CRAMP[cls], RDFS.subClassOf, CRAMP[parent]))
    for entity, cls in ENTITY_CLASSES.items():
        graph.add((R[entity], RDF.type, OWL.NamedIndividual))
        graph.add((R[entity], RDF.type, CRAMP[cls]))
        graph.add((R[entity], RDFS.label, Literal(entity, lang="en")))
        graph.add((R[entity], RDFS.label, Literal(entity.upper(), lang="de")))
    for s, p, o in statements:
        graph.add((R[s], CRAMP[p], R[o]))
    axiom, evidence, selector = BNode(), R["article/a/evidence/1-9"], R["article/a/evidence/1-9/quote"]
    for triple in ((axiom, RDF.type, OWL.Axiom), (axiom, OWL.annotatedSource, R.analgesic),
                   (axiom, OWL.annotatedProperty, CRAMP.alleviates), (axiom, OWL.annotatedTarget, R.pain),
                   (axiom, CRAMP.certainty, CRAMP.Possible), (axiom, CRAMP.hasEvidence, evidence),
                   (evidence, OA.hasSelector, selector), (selector, OA.exact, Literal("Schmerzmittel können helfen"))):
        graph.add(triple)
    return graph


@pytest.fixture()
def small():
    return to_networkx(small_graph(), lang="en")


def test_small_view_nodes_edges_and_hedges(small):
    assert set(small.nodes) == set(ENTITY_CLASSES)
    assert set(small.edges(keys=True)) == {(s, o, p) for s, p, o in STATEMENTS}
    edge = small.edges["analgesic", "pain", "alleviates"]
    assert edge["certainty"] == ("Possible",) and edge["quotes"] == ("Schmerzmittel können helfen",)
    assert small.edges["heat", "pain", "alleviates"]["certainty"] == () and not small.edges["heat", "pain", "alleviates"]["hedged"]
    assert small.nodes["magnesium"]["category"] == "cause" and small.nodes["back"]["category"] == "anatomy"


def test_class_filter_follows_subclasses(small):
    view = to_networkx(small_graph(), classes=["CausalFactor"])
    assert set(view.nodes) == {"magnesium", "stress"}, "MineralDeficiency and PsychologicalFactor are CausalFactors"
    assert view.number_of_edges() == 0


def test_roles(small):
    assert cause_nodes(small) == {"magnesium", "stress", "tension"}
    assert symptom_nodes(small) == {"pain", "restriction"}
    assert treatment_nodes(small) == {"heat", "analgesic", "stretching"}


def test_paths_from_one_cause(small):
    paths = cause_treatment_paths(small, sources=["magnesium"])
    assert [p.nodes for p in paths] == [
        ("magnesium", "cramp", "stretching"),
        ("magnesium", "cramp", "pain", "analgesic"),
        ("magnesium", "cramp", "pain", "heat"),
    ]
    assert paths[1].properties == ("causes", "hasSymptom", "^alleviates")
    assert paths[0].properties == ("causes", "^treats")
    assert paths[1].describe(small) == "magnesium -causes-> cramp -hasSymptom-> pain <-alleviates- analgesic"


def test_paths_from_every_cause_respect_the_cutoff(small):
    # from magnesium: 3 paths (above); from tension: tension<-heat, and tension->cramp then as from magnesium (3);
    # from stress: stress->tension<-heat, stress->tension->cramp->... (3, of which two have 4 hops)
    everything = cause_treatment_paths(small)
    assert len(everything) == 3 + 4 + 4
    short = cause_treatment_paths(small, cutoff=3)
    assert len(short) == 11 - 2
    assert all(len(p.hops) <= 3 for p in short)
    assert ("stress", "tension", "heat") in {p.nodes for p in short}


def test_paths_to_chosen_treatments(small):
    paths = cause_treatment_paths(small, targets=["heat"])
    assert {p.nodes for p in paths} == {
        ("magnesium", "cramp", "pain", "heat"), ("tension", "heat"), ("tension", "cramp", "pain", "heat"),
        ("stress", "tension", "heat"), ("stress", "tension", "cramp", "pain", "heat"),
    }


def test_a_path_stops_at_its_first_treatment():
    # the analgesic also causes nausea, which heat alleviates: magnesium's paths end at the analgesic
    view = to_networkx(small_graph([*STATEMENTS, ("analgesic", "causes", "restriction"), ("heat", "alleviates", "restriction")]))
    from_magnesium = {p.nodes for p in cause_treatment_paths(view, sources=["magnesium"], cutoff=6)}
    assert ("magnesium", "cramp", "pain", "analgesic") in from_magnesium
    assert not any("analgesic" in nodes[1:-1] for nodes in from_magnesium)
    assert ("analgesic", "restriction", "heat") in {p.nodes for p in cause_treatment_paths(view, sources=["analgesic"])}


def test_inverse_statements_give_the_same_paths(small):
    inverse = {"causes": "causedBy", "hasSymptom": "isSymptomOf", "alleviates": "alleviatedBy", "treats": "treatedBy"}
    flipped = [(o, inverse[p], s) if p in inverse else (s, p, o) for s, p, o in STATEMENTS]
    view = to_networkx(small_graph(flipped), lang="en")
    assert cause_nodes(view) == cause_nodes(small) and treatment_nodes(view) == treatment_nodes(small)
    assert {(p.nodes, p.properties) for p in cause_treatment_paths(view)} == {(p.nodes, p.properties) for p in cause_treatment_paths(small)}


def test_degree_and_betweenness_by_hand(small):
    ranked = {r.id: r for r in most_connected(small, top=None)}
    assert {n: r.degree for n, r in ranked.items()} == {
        "cramp": 6, "tension": 3, "pain": 3, "heat": 2, "magnesium": 1, "stress": 1, "restriction": 1,
        "analgesic": 1, "stretching": 1, "back": 1}
    # 10 nodes: betweenness is divided by (10-1)(10-2)/2 = 36 pairs.
    # cramp: 6 pairs among its 4 leaves + 4 leaves x 5 others + half of T-P, T-A, S-P, S-A = 28
    # tension: stress with the 8 others + half of C-H and of the 4 leaves of cramp to H = 10.5; pain likewise
    # heat: half of T-P, T-A, S-P, S-A = 2
    assert ranked["cramp"].betweenness == pytest.approx(28 / 36)
    assert ranked["tension"].betweenness == pytest.approx(10.5 / 36)
    assert ranked["pain"].betweenness == pytest.approx(10.5 / 36)
    assert ranked["heat"].betweenness == pytest.approx(2 / 36)
    assert ranked["back"].betweenness == 0


def test_most_connected_symptoms_and_treatments(small):
    assert [r.id for r in most_connected(small, symptom_nodes(small))] == ["pain", "restriction"]
    assert [r.id for r in most_connected(small, treatment_nodes(small))] == ["heat", "analgesic", "stretching"]
    assert [r.id for r in most_connected(small, top=3, by="betweenness")] == ["cramp", "pain", "tension"]
    with pytest.raises(ValueError):
        most_connected(small, by="pagerank")


def test_communities_of_two_triangles():
    triangles = [("a", "causes", "b"), ("b", "causes", "c"), ("c", "causes", "a"),
                 ("d", "causes", "e"), ("e", "causes", "f"), ("f", "causes", "d"), ("c", "causes", "d")]
    graph = Graph()
    for s, p, o in triangles:
        for node in (s, o):
            graph.add((R[node], RDF.type, OWL.NamedIndividual))
        graph.add((R[s], CRAMP[p], R[o]))
    graph.add((R.lonely, RDF.type, OWL.NamedIndividual))
    assert communities(to_networkx(graph)) == [{"a", "b", "c"}, {"d", "e", "f"}]


def test_neighbourhood(small):
    one = neighbourhood(small, "tension")
    assert set(one.nodes) == {"tension", "stress", "cramp", "heat"}
    assert set(one.edges(keys=True)) == {("stress", "tension", "causes"), ("tension", "cramp", "causes"), ("heat", "tension", "alleviates")}
    two = neighbourhood(small, "Tension", radius=2)  # a label, in any case
    assert set(two.nodes) == set(ENTITY_CLASSES) - {"analgesic"}
    assert two.edges["heat", "pain", "alleviates"]["property"] == "alleviates"


def test_inferred_graph_adds_marked_edges_and_keeps_the_most_specific_class(small):
    inferred = Graph()
    inferred.add((R.magnesium, CRAMP.causesSymptom, R.pain))
    inferred.add((R.pain, CRAMP.isSymptomOf, R.cramp))
    inferred.add((R.magnesium, RDF.type, CRAMP.CausalFactor))
    view = to_networkx(small_graph(), lang="en", inferred=inferred)
    assert set(view.edges(keys=True)) == set(small.edges(keys=True)) | {("magnesium", "pain", "causesSymptom"), ("pain", "cramp", "isSymptomOf")}
    assert {(u, v, k) for u, v, k, flag in view.edges(keys=True, data="inferred") if flag} == {
        ("magnesium", "pain", "causesSymptom"), ("pain", "cramp", "isSymptomOf")}
    assert view.nodes["magnesium"]["classes"] == ("MineralDeficiency",) and view.nodes["magnesium"]["class"] == "MineralDeficiency"
    assert [p.nodes for p in cause_treatment_paths(view)] == [p.nodes for p in cause_treatment_paths(small)], \
        "isSymptomOf is the same hop as hasSymptom"


def test_inferred_statements_are_marked():
    graph = small_graph()
    axiom = BNode()
    for triple in ((axiom, RDF.type, OWL.Axiom), (axiom, OWL.annotatedSource, R.magnesium),
                   (axiom, OWL.annotatedProperty, CRAMP.causes), (axiom, OWL.annotatedTarget, R.cramp),
                   (axiom, CRAMP.inferred, Literal(True))):
        graph.add(triple)
    view = to_networkx(graph)
    assert view.edges["magnesium", "cramp", "causes"]["inferred"]
    assert not view.edges["stress", "tension", "causes"]["inferred"]
