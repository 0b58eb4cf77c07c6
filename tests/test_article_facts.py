"""Facts checked by hand against the article text (the quoted sentences are in each test)."""
from __future__ import annotations

from decimal import Decimal

import pytest
from rdflib import Literal, URIRef
from rdflib.namespace import RDF, RDFS, SKOS, XSD

from crampkg.namespaces import CRAMP, RESOURCE as R


def annotations(graph, s, p, o):
    """The hedge annotations on the axioms of one asserted triple."""
    found = []
    for axiom in graph.subjects(RDF.type, URIRef("http://www.w3.org/2002/07/owl#Axiom")):
        if (graph.value(axiom, URIRef("http://www.w3.org/2002/07/owl#annotatedSource")) == s
                and graph.value(axiom, URIRef("http://www.w3.org/2002/07/owl#annotatedProperty")) == p
                and graph.value(axiom, URIRef("http://www.w3.org/2002/07/owl#annotatedTarget")) == o):
            found.append(axiom)
    return found


@pytest.mark.parametrize("deficiency", ["magnesiummangel", "kalziummangel", "kaliummangel"])
def test_mineral_deficiencies_cause_back_cramps(graph, deficiency):
    # "Störungen im Mineralstoffhaushalt, wie z. B. ein Mangel an Magnesium, Kalzium oder Kalium"
    # listed under "Weitere Ursachen von Muskelkrämpfen in Rücken, Schultern oder Nacken können u. a. sein"
    entity = R[deficiency]
    assert (entity, RDF.type, CRAMP.MineralDeficiency) in graph
    assert (entity, CRAMP.causes, R["muskelkrampf-im-ruecken"]) in graph
    assert (CRAMP.MineralDeficiency, RDFS.subClassOf, CRAMP.NutritionalDeficiency) in graph


def test_stiff_person_syndrome_affects_women_about_twice_as_often(graph):
    # "Frauen sind von der Autoimmunerkrankung Stiff-Person-Syndrom etwa doppelt so häufig betroffen wie Männer."
    sps = R["stiff-person-syndrom"]
    values = list(graph.objects(sps, CRAMP.femaleToMaleRatio))
    assert [v.toPython() for v in values] == [Decimal(2)]
    (axiom,) = annotations(graph, sps, CRAMP.femaleToMaleRatio, values[0])
    assert graph.value(axiom, CRAMP.approximate) == Literal(True)
    assert (sps, RDF.type, CRAMP.AutoimmuneDisease) in graph


def test_imaging_rule(graph):
    # "Laut Leitlinie sollen zunächst keine bildgebenden Verfahren durchgeführt werden, solange ..."
    # "... sollte nach vier bis sechs Wochen die Indikation für eine bildgebende Diagnostik geprüft werden."
    # "Mögliche bildgebende Verfahren sind Röntgen, CT oder MRT."
    imaging = R["bildgebende-verfahren"]
    against = R["zunaechst-keine-bildgebenden-verfahren"]
    check = R["pruefung-der-indikation-fuer-eine-bildgebende-diagnostik"]
    assert (against, CRAMP.recommendsAgainst, imaging) in graph
    (axiom,) = annotations(graph, against, CRAMP.recommendsAgainst, imaging)
    assert graph.value(axiom, CRAMP.modality) == CRAMP.NotRecommended
    assert graph.value(axiom, CRAMP.context) == Literal("zunächst", lang="de")
    assert (check, CRAMP.recommends, imaging) in graph
    assert graph.value(check, CRAMP.weeksMin).toPython() == 4
    assert graph.value(check, CRAMP.weeksMax).toPython() == 6
    methods = {s for s in graph.subjects(CRAMP.isKindOf, imaging) if (s, RDF.type, CRAMP.ImagingMethod) in graph}
    assert methods == {R.roentgen, R.ct, R.mrt}


def test_imaging_is_the_third_of_three_ordered_diagnostic_steps(graph):
    # "1. Anamnese ... 2. Körperliche Untersuchung ... 3. Bildgebende Verfahren"
    procedure = R["diagnose-von-muskelkraempfen-im-ruecken"]
    steps = {graph.value(step, CRAMP.stepNumber).toPython(): step for step in graph.objects(procedure, CRAMP.hasStep)}
    assert steps == {1: R.anamnese, 2: R["koerperliche-untersuchung"], 3: R["bildgebende-verfahren"]}
    assert (R.anamnese, CRAMP.nextStep, R["koerperliche-untersuchung"]) in graph
    assert (R["koerperliche-untersuchung"], CRAMP.nextStep, R["bildgebende-verfahren"]) in graph


def test_childs_pose_holds_at_least_30_seconds(graph):
    # "Bleiben Sie so lange, wie Sie möchten, oder für mindestens 30 Sekunden in dieser Haltung"
    pose = R["dehnung-des-rueckens"]
    assert (pose, SKOS.altLabel, Literal("Child's Pose", lang="de")) in graph
    assert graph.value(pose, CRAMP.holdSecondsMin) == Literal(30, datatype=XSD.positiveInteger)
    assert graph.value(pose, CRAMP.holdSecondsMax) is None
    assert len(list(graph.objects(pose, CRAMP.hasStep))) == 4


def test_cold_helps_in_the_acute_phase(graph):
    # "Insbesondere in der akuten Phase können Kälteanwendungen helfen, die Schmerzen zu reduzieren."
    contexts = {str(graph.value(a, CRAMP.context)) for a in graph.subjects(CRAMP.context, None)}
    assert "in der akuten Phase" in contexts


def test_cortisone_injections_are_rare(graph):
    # "In seltenen Fällen, bei sehr starken Schmerzen ... können auch Kortison-Injektionen erwogen werden"
    rare = [a for a in graph.subjects(CRAMP.frequency, CRAMP.Rare)
            if "kortison" in str(graph.value(a, URIRef("http://www.w3.org/2002/07/owl#annotatedSource")))]
    assert rare, "a relation of the cortisone injections carries frequency rare"


def test_lumbago_is_a_synonym_of_hexenschuss(graph):
    # "Hexenschuss (Lumbago)"
    assert (R.hexenschuss, SKOS.altLabel, Literal("Lumbago", lang="de")) in graph


@pytest.mark.parametrize("cls, floor", [
    ("Exercise", 10), ("ExerciseStep", 38), ("Drug", 3), ("DrugClass", 5), ("SignOrSymptom", 20),
    ("CausalFactor", 20), ("Therapy", 15), ("PreventionMeasure", 8), ("AnatomicalStructure", 30),
    ("HealthProfessional", 5), ("MedicalCondition", 20),
])
def test_category_floors(built, cls, floor):
    graph = built.graph
    subclasses = set(graph.transitive_subjects(RDFS.subClassOf, CRAMP[cls]))
    members = {s for c in subclasses for s in graph.subjects(RDF.type, c) if str(s).startswith(str(R))}
    assert len(members) >= floor, f"{cls}: {len(members)} individuals"


def test_all_ten_exercises_of_the_article(graph):
    # The ten bullets under "Übungen gegen Muskelkrämpfe im Rücken".
    expected = {
        "Dehnung des Schultergürtels", "Dehnung von Schulter und Trizeps", "Frontheben", "Dehnung durch Schulterrotation",
        "Dehnung der Nackenmuskulatur", "Postisometrische Dehnung", "Entspannung des Oberkörpers", "Dreh-Dehn-Lage",
        "Dehnung des Rückens",
    }
    exercises = set()
    for cls in graph.transitive_subjects(RDFS.subClassOf, CRAMP.Exercise):
        exercises |= set(graph.subjects(RDF.type, cls))
    german = {str(o) for s in exercises for o in graph.objects(s, RDFS.label) if o.language == "de"}
    assert expected <= german
    assert any("Handynacken" in label for label in german)


def test_childs_pose_steps_name_the_body_parts_they_move_or_rest_on(graph):
    # "Setzen Sie sich im Fersensitz mit geschlossenen Knien auf Ihre Matte." / "Atmen Sie aus und beugen Sie dabei
    # Ihren Oberkörper nach vorn. Bringen Sie die Stirn auf den Boden (Sie können Ihren Kopf auch zur Seite drehen, so
    # dass Ihre Wange auf dem Boden ruht)." / "Legen Sie Ihre Arme für eine intensivere Streckung nach vorn mit den
    # Handflächen zum Boden oder nehmen Sie Ihre Arme mit den Handflächen nach oben zurück an Ihre Oberschenkel."
    parts = {(str(step).rsplit("-", 1)[1], str(part).rsplit("/", 1)[1])
             for step in graph.objects(R["dehnung-des-rueckens"], CRAMP.hasStep)
             for part in graph.objects(step, CRAMP.involvesBodyPart)}
    assert parts == {("1", "knie"), ("2", "oberkoerper"), ("2", "stirn"), ("2", "kopf"), ("2", "wange"),
                     ("3", "arm"), ("3", "handflaeche"), ("3", "oberschenkel")}


def test_dreh_dehn_lage_steps_name_legs_arms_and_head(graph):
    # "In Rückenlage die Beine angewinkelt aufstellen, die Arme seitlich neben dem Körper ablegen." / "Beine aufgestellt
    # zur Seite ablegen, Kopf in die Gegenrichtung rotieren." / "Beine kontrolliert ablegen, nicht fallen lassen." /
    # "Nach 10-12 Sekunden den Zug auflösen, zurück rotieren und die Seite wechseln." (names no body part)
    parts = {(str(step).rsplit("-", 1)[1], str(part).rsplit("/", 1)[1])
             for step in graph.objects(R["dreh-dehn-lage"], CRAMP.hasStep)
             for part in graph.objects(step, CRAMP.involvesBodyPart)}
    assert parts == {("1", "beine"), ("1", "arm"), ("2", "beine"), ("2", "kopf"), ("3", "beine")}


def _evidence_span(evidence) -> tuple[int, int]:
    start, end = str(evidence).rsplit("/", 1)[1].split("-")
    return int(start), int(end)


def test_the_quote_of_a_body_part_of_a_step_stands_in_that_step(graph):
    owl = "http://www.w3.org/2002/07/owl#"
    checked = 0
    for axiom in graph.subjects(URIRef(owl + "annotatedProperty"), CRAMP.involvesBodyPart):
        step = graph.value(axiom, URIRef(owl + "annotatedSource"))
        step_start, step_end = _evidence_span(graph.value(step, CRAMP.hasEvidence))
        start, end = _evidence_span(graph.value(axiom, CRAMP.hasEvidence))
        assert step_start <= start < end <= step_end, (step, start, end)
        checked += 1
    assert checked == 56, "one axiom per involvesBodyPart record of uebungen.yaml"
