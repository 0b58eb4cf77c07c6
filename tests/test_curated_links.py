"""Qualifiers, mechanism chains, kinds and whole-condition facts of the shipped article, each derived by hand from the text."""
from __future__ import annotations

import itertools
import re

import pytest
from rdflib import Literal
from rdflib.namespace import OWL, RDF, RDFS, SKOS, XSD

from crampkg.namespaces import CRAMP, RESOURCE as R

PREFIXES = """PREFIX cramp: <https://w3id.org/crampkg/ontology#>
PREFIX res: <https://w3id.org/crampkg/resource/>
PREFIX owl: <http://www.w3.org/2002/07/owl#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
"""


def local(term) -> str:
    return str(term).rsplit("/", 1)[-1]


def axioms(graph, s, p, o):
    return [a for a in graph.subjects(OWL.annotatedSource, R[s])
            if graph.value(a, OWL.annotatedProperty) == CRAMP[p] and graph.value(a, OWL.annotatedTarget) == o]


def context_entities(graph, s, p, o) -> set[str]:
    """The context entities of every axiom of ``s p o`` (``o`` an entity id)."""
    return {local(e) for a in axioms(graph, s, p, R[o]) for e in graph.objects(a, CRAMP.contextEntity)}


def hedges(graph, s, p, o) -> set[str]:
    target = o if isinstance(o, Literal) else R[o]
    return {local(v).split("#")[-1] for a in axioms(graph, s, p, target)
            for kind in (CRAMP.certainty, CRAMP.frequency, CRAMP.modality) for v in graph.objects(a, kind)}


# ---------------------------------------------------------------- qualifiers as linked data

def test_context_entity_is_an_annotation_property(graph):
    # owl:Axiom annotations must use annotation properties to stay OWL 2 DL
    assert (CRAMP.contextEntity, RDF.type, OWL.AnnotationProperty) in graph
    assert (CRAMP.contextEntity, RDF.type, OWL.ObjectProperty) not in graph


def test_cortisone_injections_name_severe_pain_the_blockage_and_the_nerves(graph):
    # "In seltenen Fällen, bei sehr starken Schmerzen oder wenn die Blockade Nerven beeinträchtigt, können auch
    # Kortison-Injektionen erwogen werden, um Entzündungen und Schmerzen zu lindern."
    for target in ("schmerzen", "entzuendung"):
        assert context_entities(graph, "kortison-injektion", "alleviates", target) == {"starke-schmerzen", "rueckenblockade", "nerv"}


def test_radiating_pain_needs_affected_nerves(graph):
    # "... in den Nacken, die Schultern oder die Beine. Dies tritt auf, wenn Nerven betroffen sind."
    for region in ("nacken", "schultern", "beine"):
        assert context_entities(graph, "ausstrahlende-schmerzen", "radiatesTo", region) == {"nerv"}


def test_draught_and_neck_pain_name_the_neck_and_cool_air(graph):
    # "Vermeiden Sie Zugluft, wenn Ihr Nackenbereich mit Schmerzen auf kühle Luft reagiert."
    assert context_entities(graph, "vermeidung-von-kaelte-und-zugluft", "prevents", "nackenschmerzen") == {
        "nacken", "nackenschmerzen", "kuehle-luft"}
    assert context_entities(graph, "zugluft", "causes", "nackenschmerzen") == {"nacken", "kuehle-luft"}


# Contexts that name no entity of the graph: a time, a manner, a degree or an unspecified group.
CONTEXTS_NAMING_NO_ENTITY = {
    "je nach betroffener Muskelgruppe", "anfangs", "Langfristig", "oral eingenommen", "in der akuten Phase",
    "zunächst", "nach vier bis sechs Wochen", "zuerst", "extremen", "anfallsweise", "kurzfristig", "über Monate oder Jahre",
    "sanften", "vor allem morgens nach dem Schlafen",
}


def test_every_context_that_names_an_entity_links_it(graph):
    unlinked = {str(c) for a, c in graph.subject_objects(CRAMP.context) if graph.value(a, CRAMP.contextEntity) is None}
    assert unlinked == CONTEXTS_NAMING_NO_ENTITY
    linked = set(graph.subjects(CRAMP.contextEntity, None))
    assert len(linked) == 28
    assert all(graph.value(a, CRAMP.context) is not None for a in linked)


def _stems(graph, entity) -> set[str]:
    labels = list(graph.objects(entity, RDFS.label)) + list(graph.objects(entity, SKOS.altLabel))
    words = {w.lower() for label in labels if label.language == "de" for w in re.findall(r"\w+", str(label))}
    return {w[:5] for w in words if len(w) >= 4}


def test_each_context_entity_is_named_in_its_context(graph):
    # the link is only as good as the words: some German label of the entity occurs (by its stem) in the phrase
    for axiom, entity in graph.subject_objects(CRAMP.contextEntity):
        phrase = str(graph.value(axiom, CRAMP.context)).lower()
        assert any(stem in phrase for stem in _stems(graph, entity)), (local(entity), phrase)


# ---------------------------------------------------------------- mechanism chains

def test_upper_and_mid_back_tension_reach_stomach_pressure_and_reflux(graph):
    # "Ein spezielles Problem bei einer Verspannung des oberen und mittleren Rückens ... So kann bei einer dauerhaft
    # verspannten Rückenmuskulatur auch das Zwerchfell (Diaphragma) in Mitleidenschaft gezogen werden. Eine
    # Zwerchfellverspannung kann auch auf den Magen „schlagen“. ... Außerdem kann sich bei einer Verspannung des Diaphragmas
    # die Lage des Magens ändern ... Und das kann sich als Druck in der Magengegend und (stillem) Reflux/Sodbrennen zeigen."
    rows = graph.query(PREFIXES + """
        SELECT ?start ?symptom WHERE {
          ?start cramp:causes res:zwerchfellverspannung .
          res:zwerchfellverspannung cramp:causes res:lageaenderung-des-magens .
          res:lageaenderung-des-magens cramp:hasSymptom ?symptom .
        }""")
    found = {(local(a), local(b)) for a, b in rows}
    for start in ("verspannung-im-oberen-ruecken", "verspannung-im-mittleren-ruecken"):
        for symptom in ("druck-in-der-magengegend", "reflux", "stiller-reflux", "sodbrennen"):
            assert (start, symptom) in found
    # every link keeps the article's "kann"
    assert hedges(graph, "verspannung-im-oberen-ruecken", "causes", "zwerchfellverspannung") == {"Possible"}
    assert hedges(graph, "zwerchfellverspannung", "causes", "lageaenderung-des-magens") == {"Possible"}
    assert hedges(graph, "lageaenderung-des-magens", "hasSymptom", "reflux") == {"Possible"}
    assert hedges(graph, "zwerchfellverspannung", "causes", "magenprobleme") == {"Possible"}


def test_the_protective_tension_loop(graph):
    # "Der Körper versucht, schmerzhafte Bereiche durch die Muskelanspannung ruhig zu stellen. Durch die Spannung
    # verschlimmern sich die Schmerzen aber oft, wodurch ein Teufelskreis entsteht."
    assert (R.schmerzen, CRAMP.causes, R.muskelverspannung) in graph
    assert (R.muskelverspannung, CRAMP.worsens, R.schmerzen) in graph
    assert (R["teufelskreis-der-verspannung"], CRAMP.hasComponent, R["ruhigstellung-schmerzhafter-bereiche"]) in graph
    assert (R["ruhigstellung-schmerzhafter-bereiche"], CRAMP.hasComponent, R.muskelverspannung) in graph
    # "Betroffene nehmen ... eine Schonhaltung ein, um die Schmerzen erträglich zu halten. Eine Fehlhaltung entsteht. Die Arbeit
    # der von der Verspannung betroffenen Muskelpartien wird nun von anderen Muskeln übernommen, wodurch sich die Beschwerden
    # ausbreiten oder verlagern können."
    path = ["schmerzen", "schonhaltung", "fehlhaltung", "muskelverspannung", "uebernahme-durch-andere-muskeln"]
    for cause, effect in itertools.pairwise(path):
        assert (R[cause], CRAMP.causes, R[effect]) in graph, (cause, effect)
    for effect in ("ausbreitung-der-beschwerden", "verlagerung-der-beschwerden"):
        assert hedges(graph, "uebernahme-durch-andere-muskeln", "causes", effect) == {"Possible"}
    # keeping pain bearable is the purpose of the posture, not a claim that it treats the pain
    assert (R.schonhaltung, CRAMP.alleviates, R.schmerzen) not in graph


# ---------------------------------------------------------------- kinds

def test_whatever_prevents_something_is_a_prevention_measure(graph):
    for subject in set(graph.subjects(CRAMP.prevents, None)):
        assert (subject, RDF.type, CRAMP.PreventionMeasure) in graph, local(subject)


def test_the_relaxation_tips_are_prevention_measures_and_techniques(graph):
    # "Entspannungstechniken wie progressive Muskelentspannung, Yoga oder Atemübungen helfen, die Anspannung zu reduzieren."
    for tip in ("progressive-muskelentspannung", "yoga", "atemuebung"):
        assert {CRAMP.PreventionMeasure, CRAMP.RelaxationTechnique} <= set(graph.objects(R[tip], RDF.type))


POSITION_KINDS = {
    "aufrechter-stand": {"StandingPosition"}, "schulterbreite-position": {"StandingPosition"},
    "aufrechter-sitz": {"SittingPosition"}, "fersensitz": {"SittingPosition", "KneelingPosition"},
    "rueckenlage": {"LyingPosition"}, "haende-und-knie-auf-der-matte": {"KneelingPosition"},
    "leicht-gebeugte-knie": {"BodyPartPosition"}, "neutrale-kopfposition": {"BodyPartPosition"},
}


def test_every_starting_position_has_its_kind(graph):
    starting = {local(o) for o in graph.objects(None, CRAMP.startingPosition)}
    assert starting == set(POSITION_KINDS)
    for position, kinds in POSITION_KINDS.items():
        assert {local(t).split("#")[-1] for t in graph.objects(R[position], RDF.type) if t != OWL.NamedIndividual} >= kinds


def test_cat_cow_starts_on_hands_and_knees(graph):
    # "Die Hände und Knie sind auf der Matte und die Halswirbelsäule und der Steiß bilden eine gerade Linie."
    assert set(graph.objects(R["entspannung-des-oberkoerpers"], CRAMP.startingPosition)) == {R["haende-und-knie-auf-der-matte"]}


# Generic nodes the article uses without naming a region: "die betroffenen Areale", "angrenzenden Körperteilen", "Muskeln".
GENERIC_STRUCTURES = {"betroffenes-areal", "angrenzende-koerperteile", "muskeln", "umgebende-muskeln", "gelenk", "nerv"}


def test_every_structure_reaches_the_whole_body(graph):
    rows = graph.query(PREFIXES + """
        SELECT DISTINCT ?s WHERE { ?s a/rdfs:subClassOf* cramp:AnatomicalStructure .
          FILTER NOT EXISTS { ?s cramp:partOf+ res:ganzer-koerper } FILTER(?s != res:ganzer-koerper) }""")
    assert {local(r[0]) for r in rows} == GENERIC_STRUCTURES


def test_neck_and_shoulder_structures_of_the_exercises_meet(graph):
    def wholes(part):
        return {local(w) for w in graph.transitive_objects(R[part], CRAMP.partOf)} - {part}
    assert "hals" in wholes("nackenmuskulatur") & wholes("seitlicher-halsmuskel")
    assert "oberkoerper" in wholes("schulterguertel") & wholes("schultermuskulatur")
    assert "ganzer-koerper" in wholes("nackenmuskulatur") & wholes("seitlicher-halsmuskel") & wholes("schulterguertel")
    # each partOf carries evidence
    for part, whole in graph.subject_objects(CRAMP.partOf):
        assert any(graph.value(a, CRAMP.hasEvidence) for a in axioms(graph, local(part), "partOf", whole)), (part, whole)


def test_umbrella_nodes_are_groupings_with_their_members(graph):
    assert (R["stoerung-im-mineralstoffhaushalt"], RDF.type, CRAMP.Grouping) in graph
    members = {local(m) for m in graph.subjects(CRAMP.isKindOf, R["stoerung-im-mineralstoffhaushalt"])}
    assert members == {"magnesiummangel", "kalziummangel", "kaliummangel"}
    for member in members:
        assert (R[member], RDF.type, CRAMP.Grouping) not in graph


def test_an_effective_treatment_is_not_a_treatment(graph):
    # "eine wirksame Behandlung zu empfehlen": no particular treatment is named
    node = R["wirksame-behandlung"]
    assert (node, RDF.type, CRAMP.Grouping) in graph and (node, RDF.type, CRAMP.Therapy) not in graph
    assert not set(graph.objects(node, CRAMP.alleviates)) and not set(graph.objects(node, CRAMP.treats))
    assert (R.arzt, CRAMP.recommends, node) in graph


def test_blood_pressure_drugs_are_not_said_to_treat_it(graph):
    assert (R["arzneimittel-gegen-bluthochdruck"], CRAMP.treats, R.bluthochdruck) not in graph


# ---------------------------------------------------------------- facts only inside quotes, now data

def test_stiff_person_syndrome_is_a_special_cause_and_not_curable(graph):
    # "Schmerzhafte Anfälle von Muskelsteifheit und -krämpfen in Beinen und Rücken sind typische Symptome beim
    # Stiff-Person-Syndrom." (under "Spezielle Ursachen"); "Das Stiff-Person-Syndrom lässt sich nicht heilen"
    assert hedges(graph, "stiff-person-syndrom", "causes", "muskelkrampf-im-ruecken") == {"Typical"}
    assert graph.value(R["stiff-person-syndrom"], CRAMP.curable) == Literal(False)


def test_lumbago_has_varied_causes_and_treatment_follows_the_trigger(graph):
    # "Die Ursachen einer Lumbago sind sehr unterschiedlich." "Die Behandlung richtet sich primär nach dem Auslöser."
    assert graph.value(R.hexenschuss, CRAMP.hasVariedCauses) == Literal(True)
    assert graph.value(R.hexenschuss, CRAMP.treatmentFollowsTrigger) == Literal(True)


def test_mid_back_pain_mostly_has_harmless_quickly_remedied_causes(graph):
    # "Meist sind die Ursachen für Schmerzen in diesem Bereich harmlos und schnell zu beheben."
    true = Literal(True, datatype=XSD.boolean)
    for attribute in ("causesHarmless", "quicklyRemediable"):
        assert graph.value(R["schmerzen-im-mittleren-ruecken"], CRAMP[attribute]) == true
        assert hedges(graph, "schmerzen-im-mittleren-ruecken", attribute, true) == {"Typical"}


def test_disc_disease_is_a_rare_cause_of_mid_back_pain(graph):
    # "Bandscheibenerkrankungen sind an der Brustwirbelsäule recht selten." (among the causes of mid-back pain)
    assert hedges(graph, "bandscheibenerkrankung", "causes", "schmerzen-im-mittleren-ruecken") == {"Rare"}


@pytest.mark.parametrize("tip, target, hedge", [
    # "Rückenmuskulatur stärken: Ein Hexenschuss ist oft die Folge einer schwachen Rückenmuskulatur."
    ("rueckenmuskulatur-staerken", "hexenschuss", "Recommended"),
    # "Gewichtskontrolle: Übergewicht kann eine Lumbago begünstigen."
    ("gewichtskontrolle", "hexenschuss", "Possible"),
    # "Stressmanagement: Psychischer Druck ... können die Schmerzen im Kreuz begünstigen."
    ("stressmanagement", "kreuzschmerzen", "Possible"),
    # "Vermeiden Sie Zugluft, wenn Ihr Nackenbereich mit Schmerzen auf kühle Luft reagiert."
    ("vermeidung-von-kaelte-und-zugluft", "nackenschmerzen", "Recommended"),
    # "Treten die Rückenschmerzen vor allem morgens nach dem Schlafen auf, könnte eine zu harte oder weiche Matratze die Ursache sein."
    ("gesunde-schlafumgebung", "rueckenschmerzen", "Possible"),
    # "Langfristig sollte man stets versuchen, die Ursachen der Muskelverspannungen zu bekämpfen. Insbesondere Sport und ein
    # regelmäßiges Training sind unerlässlich."
    ("sport", "muskelverspannung", "StronglyRecommended"),
    ("regelmaessiges-training", "muskelverspannung", "StronglyRecommended"),
    # "Achten Sie auf eine ausgewogene Ernährung, um Mangelerscheinungen vorzubeugen."
    ("ausgewogene-ernaehrung", "mangelerscheinung", "Recommended"),
])
def test_prevention_tips_are_tied_to_what_the_article_ties_them_to(graph, tip, target, hedge):
    assert hedges(graph, tip, "prevents", target) == {hedge}


def test_the_loader_puts_context_entities_on_the_statement_axiom(mini_sources):
    from crampkg.build.graph import build_graph

    facts = mini_sources / "kleiner-artikel" / "facts" / "mini.yaml"
    text = facts.read_text(encoding="utf-8")
    facts.write_text(text.replace('context: "in der akuten Phase"',
                                  'context: "in der akuten Phase"\n    context_entities: [rueckenkrampf]', 1), encoding="utf-8")
    graph = build_graph(mini_sources).graph
    (axiom,) = axioms(graph, "kaelteanwendung", "alleviates", R.rueckenkrampf)
    assert set(graph.objects(axiom, CRAMP.contextEntity)) == {R.rueckenkrampf}
    assert str(graph.value(axiom, CRAMP.context)) == "in der akuten Phase"


def test_every_grouping_but_the_unspecified_treatment_has_members(graph):
    groupings = {local(g) for g in graph.subjects(RDF.type, CRAMP.Grouping)}
    assert groupings == {
        "verletzung", "stoerung-im-mineralstoffhaushalt", "psychische-belastung", "ploetzlicher-reiz", "psychosozialer-faktor",
        "bauchorgan", "uebungen-gegen-muskelkraempfe-im-ruecken", "behandlung-von-muskelkraempfen-im-ruecken",
        "medikamentoese-behandlung", "nicht-medikamentoese-behandlung", "vorsichtige-bewegung", "wirksame-behandlung"}
    for grouping in groupings - {"wirksame-behandlung"}:
        assert len(set(graph.subjects(CRAMP.isKindOf, R[grouping]))) >= 2, grouping
