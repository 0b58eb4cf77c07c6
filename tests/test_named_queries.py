"""Every named query, with the exact answer derived by hand from the article (the sentences are quoted)."""
from __future__ import annotations

from collections import Counter
from decimal import Decimal
from pathlib import Path

import pytest
from rdflib import Literal

import crampkg
from crampkg.sparql.catalog import named_queries
from crampkg.sparql.results import short

ROOT = Path(__file__).resolve().parent.parent


def ask(name: str, **params):
    """A named query on what the article states (the answers below are derived from its sentences)."""
    return crampkg.query(name, reasoning="asserted", **params)


NUMERIC = {"integer", "decimal", "double", "float", "positiveInteger", "nonNegativeInteger"}


def cell(term) -> str:
    """A term shortened (res:…, cramp:…); a number by its value, which engines write in different canonical forms
    (rdflib keeps xsd:decimal 2.0, Oxigraph writes 2)."""
    if isinstance(term, Literal) and term.datatype is not None and str(term.datatype).rsplit("#", 1)[-1] in NUMERIC:
        value = Decimal(str(term))
        return str(int(value)) if value == value.to_integral_value() else str(value)
    return short(term)


def keys(result, *columns: str) -> set[tuple[str, ...]]:
    """The rows of ``result`` reduced to ``columns``, terms as :func:`cell` writes them."""
    index = [result.variables.index(c) for c in columns]
    return {tuple(cell(row[i]) for i in index) for row in result.rows}


def column(result, name: str) -> set[str]:
    return {t[0] for t in keys(result, name)}


MV, PAIN = "res:muskelverspannung", "res:schmerzen"


def parts(result, name: str, by: str | None = None) -> dict[str, set[str]]:
    """A GROUP_CONCAT column of ``result`` as a set of its parts, by the row's first column (the answer entity) or ``by``."""
    index, key = result.variables.index(name), result.variables.index(by) if by else 0
    return {short(row[key]): {p for p in str(row[index] or "").split(", ") if p} for row in result.rows}


MINERALS = {"Magnesiummangel", "Kalziummangel", "Kaliummangel"}
# "Störungen im Mineralstoffhaushalt, wie z. B. ein Mangel an Magnesium, Kalzium oder Kalium" cause back cramps (the
# umbrella is not itself a deficiency); of the cramps' symptoms the article gives treatments for "Schmerzen" and
# "Muskelverspannungen". Every treatment the article names for either, with the sentence:
MINERAL_DEFICIENCY_TREATMENTS = {
    # "Muskelrelaxanzien können verschrieben werden, um Muskelverspannungen zu lösen."
    "res:muskelrelaxanzien": "Muskelverspannung",
    # "Physikalische Maßnahmen wie Wärmeanwendungen entspannen die Muskulatur ... Dies kann die Verspannungen lindern"
    "res:physikalische-therapie": "Muskelverspannung", "res:waermeanwendung": "Muskelverspannung",
    # "Massagen können ... oberflächliche Verspannungen der Muskeln lösen."
    "res:massage": "Muskelverspannung",
    # "Entspannungstechniken, sowohl gezielt zur Muskelentspannung ..."; "progressive Muskelentspannung können aktiv
    # verhärtete Muskeln lockern."
    "res:entspannungstechnik": "Muskelverspannung", "res:progressive-muskelentspannung": "Muskelverspannung",
    # "Manuelle Therapien lösen die Verspannung"
    "res:manuelle-therapie": "Muskelverspannung",
    # "Vorsichtige Bewegungen, wie leichtes Dehnen oder Spaziergänge, können dazu beitragen, die Muskeln zu lockern"
    "res:leichtes-dehnen": "Muskelverspannung", "res:spaziergang": "Muskelverspannung",
    # "Schmerzmittel mit Ibuprofen, Diclofenac oder Paracetamol können ... zu einer allgemeinen Reduzierung der
    # Schmerzwahrnehmung ... beitragen."
    "res:schmerzmittel": "Schmerzen", "res:ibuprofen": "Schmerzen", "res:diclofenac": "Schmerzen",
    "res:paracetamol": "Schmerzen",
    # "In seltenen Fällen ... können auch Kortison-Injektionen erwogen werden, um Entzündungen und Schmerzen zu lindern."
    "res:kortison-injektion": "Schmerzen", "res:kortison": "Schmerzen",
    # "Insbesondere in der akuten Phase können Kälteanwendungen helfen, die Schmerzen zu reduzieren."
    "res:kaelteanwendung": "Schmerzen",
}
# Not treatments: "eine wirksame Behandlung zu empfehlen" names none; "Vorsichtige Bewegungen" is the group whose
# examples are the treatments; "Yoga oder Atemübungen helfen, die Anspannung zu reduzieren" is a prevention tip under
# "Stressmanagement" (left out by the query: its sentence is the evidence of a prevents statement).


def test_treatments_for_mineral_deficiency_symptoms_one_row_per_treatment():
    result = ask("treatments-for-mineral-deficiency-symptoms")
    treatments = column(result, "treatment")
    assert len(result) == len(treatments), "one row per treatment"
    assert treatments == set(MINERAL_DEFICIENCY_TREATMENTS), "every treatment the article names, and nothing else"
    assert not treatments & {"res:yoga", "res:atemuebung"}, "a prevention tip is no treatment"
    symptoms = parts(result, "symptoms")
    assert all(symptoms[t] == {s} for t, s in MINERAL_DEFICIENCY_TREATMENTS.items() if t in treatments)
    assert all(found == MINERALS for found in parts(result, "deficiencies").values()), "the umbrella is not a deficiency"
    assert parts(result, "via")["res:ibuprofen"] == {"Schmerzmittel"}
    precision = len(treatments & set(MINERAL_DEFICIENCY_TREATMENTS)) / len(result)
    recall = len(treatments & set(MINERAL_DEFICIENCY_TREATMENTS)) / len(MINERAL_DEFICIENCY_TREATMENTS)
    assert (len(result), precision, recall) == (16, 1.0, 1.0)


def test_treatments_for_mineral_deficiency_symptoms_exactly():
    assert column(ask("treatments-for-mineral-deficiency-symptoms"), "treatment") == set(MINERAL_DEFICIENCY_TREATMENTS)


def test_causes_of_back_cramps():
    # The four sub-headed causes (tension, poor posture, overload, psychological strain with stress and anxiety), the list
    # under "Weitere Ursachen" (injuries with disc herniation and vertebral fracture, the three mineral deficiencies and the
    # umbrella, dehydration, drug side effects, nerve and muscle diseases, hypothyroidism, diabetes, pregnancy), "von harmlosen
    # Muskelverspannungen bis hin zu schwerwiegenderen Erkrankungen", and the blockage: "Häufig reagieren die umgebenden Muskeln
    # auf die Blockade mit Verspannungen oder Krämpfen."
    result = ask("causes-of-back-cramps")
    # The umbrella groups ("psychische Belastungen", "Verletzungen", "Störungen im Mineralstoffhaushalt") are no answers;
    # their members are, with the group named.
    assert column(result, "cause") == {f"res:{c}" for c in (
        "muskelverspannung", "fehlhaltung", "ueberlastung", "stress", "angst",
        "bandscheibenvorfall", "wirbelbruch", "magnesiummangel", "kalziummangel",
        "kaliummangel", "fluessigkeitsmangel", "nebenwirkung-von-medikamenten", "nerven-und-muskelerkrankung",
        "schilddruesenunterfunktion", "diabetes-mellitus", "schwangerschaft", "schwerwiegendere-erkrankung", "rueckenblockade",
        "stiff-person-syndrom")}
    assert parts(result, "group")["res:magnesiummangel"] == {"Störung im Mineralstoffhaushalt"}
    assert parts(result, "group")["res:bandscheibenvorfall"] == {"Verletzung"}
    assert len(result) == len(column(result, "cause")), "one row per cause"
    # "Eine weitere sehr häufige Ursache sind psychische Belastungen, wie Stress oder Angst."
    assert parts(result, "frequency")["res:stress"] == {"VeryCommon"}
    assert parts(result, "certainty")["res:schwangerschaft"] == {"Possible"}
    assert parts(result, "kind")["res:bandscheibenvorfall"] == {"Injury"}
    # "Muskelverspannungen sind eine häufige Ursache"; "Muskelkrämpfe im Rücken können verschiedene Ursachen haben, von
    # harmlosen Muskelverspannungen ..." (two statements, one row)
    assert parts(result, "frequency")["res:muskelverspannung"] == {"Common"}


def test_stiff_person_syndrome_is_a_cause_where_the_article_files_it():
    # Under "Spezielle Ursachen": "Schmerzhafte Anfälle von Muskelsteifheit und -krämpfen in Beinen und Rücken sind
    # typische Symptome beim Stiff-Person-Syndrom."
    assert "res:stiff-person-syndrom" in column(ask("causes-of-back-cramps"), "cause")
    assert "res:stiff-person-syndrom" in column(ask("diseases-as-causes"), "disease")


@pytest.mark.parametrize("kind, expected", [
    # "Weitere Ursachen ...: Verletzungen, z. B. Bandscheibenvorfall, Wirbelbruch"
    ("Injury", {("res:verletzung", "res:muskelkrampf-im-ruecken"), ("res:bandscheibenvorfall", "res:muskelkrampf-im-ruecken"),
                ("res:wirbelbruch", "res:muskelkrampf-im-ruecken")}),
    # "Schwangerschaft"; "Ein Hexenschuss ist oft die Folge einer schwachen Rückenmuskulatur."
    ("PhysiologicalState", {("res:schwangerschaft", "res:muskelkrampf-im-ruecken"),
                            ("res:schwache-rueckenmuskulatur", "res:hexenschuss")}),
    # "ein Mangel an Magnesium, Kalzium oder Kalium"
    ("MineralDeficiency", {(f"res:{m}", "res:muskelkrampf-im-ruecken") for m in
                           ("magnesiummangel", "kalziummangel", "kaliummangel", "stoerung-im-mineralstoffhaushalt")}),
])
def test_causes_by_kind(kind, expected):
    assert keys(ask("causes-by-kind", kind=kind), "cause", "effect") == expected


def test_reasoning_all_keeps_the_most_specific_kind():
    # With inferred super-classes and role classes in the graph the kinds stay the asserted, most specific ones.
    for name in ("causes-of-back-cramps", "diseases-as-causes"):
        assert parts(crampkg.query(name), "kind") == parts(ask(name), "kind")


def test_psychological_causes():
    # "psychische Belastungen, wie Stress oder Angst" (the umbrella is no answer of its own); "Bei Angst „erstarren" die
    # Muskeln"; "Stress oder unangenehme Situationen lassen die Betroffenen „den Kopf einziehen""; "bei großem Kummer
    # gehen wir „von Gram gebeugt""; lumbago: "Psychosoziale Faktoren, wie Stress, Überarbeitung oder Übermüdung, können
    # ebenfalls zu einer akuten Lumbago führen"; "Entspannungstechniken ... zum Abbau von Stress als Verspannungsursache".
    result = ask("psychological-causes")
    assert len(result) == len(column(result, "factor")), "one row per factor"
    assert parts(result, "causes") == {
        "res:angst": {"Erstarren der Muskeln", "Muskelkrampf im Rücken"}, "res:grosser-kummer": {"Von Gram gebeugt"},
        "res:stress": {"Den Kopf einziehen", "Hexenschuss", "Muskelkrampf im Rücken", "Muskelverspannung"},
        "res:unangenehme-situation": {"Den Kopf einziehen"}, "res:ueberarbeitung": {"Hexenschuss"},
        "res:uebermuedung": {"Hexenschuss"},
    }
    # "Eine weitere sehr häufige Ursache sind psychische Belastungen, wie Stress oder Angst."
    assert parts(result, "frequencies")["res:stress"] == {"VeryCommon"}


def test_postural_and_overload_causes():
    # "In den meisten Fällen sind Fehlhaltungen oder Überlastungen, gepaart mit Bewegungsmangel, Ursache für
    # Muskelverspannungen. Oft beginnt alles mit einer Fehlhaltung bei dauerhaftem Sitzen ... Es entsteht eine Dauerbelastung
    # einzelner Muskelgruppen ... Betroffene nehmen ... eine Schonhaltung ein ... Eine Fehlhaltung entsteht."
    # Rückenblockade: "Dies kann durch Fehlhaltungen, Verspannungen oder plötzliche Bewegungen verursacht werden."
    # Mid back: "Häufig sind Schmerzen am mittleren Rücken auf zu wenig Bewegung zurückzuführen."
    result = ask("postural-and-overload-causes")
    assert keys(result, "factor", "effect") == {
        ("res:bewegungsmangel", MV), ("res:bewegungsmangel", "res:schmerzen-im-mittleren-ruecken"),
        ("res:dauerbelastung-einzelner-muskelgruppen", MV), ("res:dauerhaftes-sitzen", "res:fehlhaltung"),
        ("res:fehlhaltung", "res:dauerbelastung-einzelner-muskelgruppen"), ("res:fehlhaltung", "res:hexenschuss"),
        ("res:fehlhaltung", "res:muskelkrampf-im-ruecken"), ("res:fehlhaltung", MV), ("res:fehlhaltung", "res:rueckenblockade"),
        ("res:schonhaltung", "res:fehlhaltung"), ("res:ueberarbeitung", "res:hexenschuss"),
        ("res:ueberlastung", "res:muskelkrampf-im-ruecken"), ("res:ueberlastung", MV),
    }


def test_drug_side_effects():
    # "Nebenwirkungen von bestimmten Medikamenten, wie z. B. Cholesterinsenker (Statine), hormonelle Verhütungsmittel oder
    # Arzneimittel gegen Bluthochdruck"
    result = ask("drug-side-effects")
    assert column(result, "drugClass") == {"res:cholesterinsenker", "res:hormonelle-verhuetungsmittel",
                                           "res:arzneimittel-gegen-bluthochdruck"}
    assert column(result, "sideEffect") == {"res:nebenwirkung-von-medikamenten"}


def test_diseases_as_causes():
    # "Bestimmte Erkrankungen, wie z. B. Nerven- und Muskelerkrankungen, Schilddrüsenunterfunktion (Hypothyreose) oder Diabetes
    # mellitus"; "von harmlosen Muskelverspannungen bis hin zu schwerwiegenderen Erkrankungen". (SPS: "Langfristig kann es
    # zu Gelenk-Fehlstellungen kommen" is no cause of back cramps.)
    result = ask("diseases-as-causes")
    assert parts(result, "kind") == {"res:stiff-person-syndrom": {"AutoimmuneDisease"},
        "res:nerven-und-muskelerkrankung": {"NeuromuscularDisease"}, "res:schilddruesenunterfunktion": {"EndocrineDisease"},
        "res:diabetes-mellitus": {"MetabolicDisease"}, "res:schwerwiegendere-erkrankung": {"Disease"},
    }


def test_symptoms_of_back_cramps():
    # The bullets of "Symptome von Muskelkrämpfen im Rücken": Schmerzen, Bewegungseinschränkungen, Muskelverspannungen (hart,
    # druckempfindlich), ausstrahlende Schmerzen ("In manchen Fällen"), Gefühl der Blockierung, Sensibilitätsstörungen
    # ("möglich"), Atem- und Magenprobleme; and "Die Symptome reichen von leichten Beschwerden bis hin zu starken Schmerzen".
    result = ask("symptoms-of-back-cramps")
    assert column(result, "symptom") == {f"res:{s}" for s in (
        "schmerzen", "bewegungseinschraenkung", "muskelverspannung", "harte-stelle", "druckempfindlichkeit",
        "ausstrahlende-schmerzen", "gefuehl-der-blockierung", "sensibilitaetsstoerung", "atemprobleme", "magenprobleme",
        "leichte-beschwerden", "starke-schmerzen")}
    assert ("res:ausstrahlende-schmerzen", "cramp:SomeCases") in keys(result, "symptom", "frequency")
    assert ("res:sensibilitaetsstoerung", "cramp:Possible") in keys(result, "symptom", "certainty")


def test_symptoms_of_stiff_person_syndrome_through_the_parameter():
    # "Außerdem kommen beim Stiff-Person-Syndrom auch Symptome wie Herzrasen, Bluthochdruck und übermäßiges Schwitzen hinzu."
    result = ask("symptoms-of-back-cramps", condition="stiff-person-syndrom")
    assert {"res:herzrasen", "res:bluthochdruck", "res:uebermaessiges-schwitzen", "res:muskelsteifheit"} <= column(result, "symptom")


def test_pain_radiation():
    # "In manchen Fällen strahlen die Schmerzen ... in andere Körperbereiche aus, beispielsweise in den Nacken, die Schultern
    # oder die Beine. Dies tritt auf, wenn Nerven betroffen sind." "Ausstrahlung mit Sensibilitätsstörungen in angrenzenden
    # Körperteilen ist möglich."
    result = ask("pain-radiation")
    assert keys(result, "region", "context") == {
        ("res:nacken", "wenn Nerven betroffen sind"), ("res:schultern", "wenn Nerven betroffen sind"),
        ("res:beine", "wenn Nerven betroffen sind"), ("res:angrenzende-koerperteile", ""),
    }


def test_accompanying_symptoms_by_region():
    # "Begleiterscheinungen ..., die Muskelverspannungen im mittleren Rücken verursachen können, wie z. B. Magenschmerzen und
    # -beschwerden"; "Ein spezielles Problem bei einer Verspannung des oberen und mittleren Rückens stellen Atem- und
    # Magenprobleme dar."
    result = ask("accompanying-symptoms-by-region")
    assert keys(result, "region", "symptom") == {
        ("res:mittlerer-ruecken", "res:magenschmerzen"), ("res:mittlerer-ruecken", "res:magenbeschwerden"),
        ("res:mittlerer-ruecken", "res:atemprobleme"), ("res:mittlerer-ruecken", "res:magenprobleme"),
        ("res:oberer-ruecken", "res:atemprobleme"), ("res:oberer-ruecken", "res:magenprobleme"),
        # the same tension "im Bereich der Brustwirbelsäule", a part of the mid back
        ("res:brustwirbelsaeule", "res:magenschmerzen"), ("res:brustwirbelsaeule", "res:magenbeschwerden"),
        ("res:brustwirbelsaeule", "res:atemprobleme"), ("res:brustwirbelsaeule", "res:magenprobleme"),
    }


def test_diagnosis_steps():
    # "1. Anamnese ... 2. Körperliche Untersuchung: ... die körperliche und neurologische Untersuchung, etwa eine
    # Reflexprüfung. 3. Bildgebende Verfahren: ... Mögliche bildgebende Verfahren sind Röntgen, CT oder MRT."
    result = ask("diagnosis-steps")
    assert [short(row[0]) for row in result.rows] == ["1", "2", "2", "3", "3", "3"]
    assert keys(result, "step", "method") == {
        ("res:anamnese", ""), ("res:koerperliche-untersuchung", "res:neurologische-untersuchung"),
        ("res:koerperliche-untersuchung", "res:reflexpruefung"), ("res:bildgebende-verfahren", "res:roentgen"),
        ("res:bildgebende-verfahren", "res:ct"), ("res:bildgebende-verfahren", "res:mrt"),
    }


def test_imaging_rule():
    # "Laut Leitlinie sollen zunächst keine bildgebenden Verfahren durchgeführt werden, solange ... keine Hinweise auf
    # gefährliche Verläufe oder andere ernstzunehmende Erkrankungen gibt. Bei anhaltenden oder fortschreitenden
    # Kreuzschmerzen und angemessener Therapie sollte nach vier bis sechs Wochen die Indikation ... geprüft werden."
    result = ask("imaging-rule", lang="en")
    assert keys(result, "recommendation", "advice", "modality", "context", "weeksMin", "weeksMax") == {
        ("res:zunaechst-keine-bildgebenden-verfahren", "cramp:recommendsAgainst", "cramp:NotRecommended", "zunächst", "", ""),
        ("res:pruefung-der-indikation-fuer-eine-bildgebende-diagnostik", "cramp:recommends", "cramp:Recommended",
         "nach vier bis sechs Wochen", "4", "6"),
    }


def test_imaging_methods():
    # "Mögliche bildgebende Verfahren sind Röntgen, CT oder MRT."
    result = ask("imaging-methods")
    assert keys(result, "method", "certainty") == {("res:roentgen", "cramp:Possible"), ("res:ct", "cramp:Possible"),
                                                   ("res:mrt", "cramp:Possible")}


def test_drugs_by_class():
    # "Schmerzmittel mit Ibuprofen, Diclofenac oder Paracetamol"; "Kortison-Injektionen"
    result = ask("drugs-by-class")
    assert keys(result, "drug", "drugClass") == {
        ("res:ibuprofen", "res:schmerzmittel"), ("res:diclofenac", "res:schmerzmittel"),
        ("res:paracetamol", "res:schmerzmittel"), ("res:kortison", ""),
    }


DRUG_TREATMENTS = {
    # "Schmerzmittel mit Ibuprofen, Diclofenac oder Paracetamol können oral eingenommen zu einer allgemeinen Reduzierung
    # der Schmerzwahrnehmung mit einer teilweise entzündungshemmenden Wirkung beitragen."
    **{f"res:{d}": {"Schmerzwahrnehmung", "Entzündung", "Schmerzen"} for d in ("schmerzmittel", "ibuprofen", "diclofenac",
                                                                               "paracetamol")},
    # "Muskelrelaxanzien können verschrieben werden, um Muskelverspannungen zu lösen."; SPS: "muskelentspannende Medikamente"
    "res:muskelrelaxanzien": {"Muskelverspannung", "Stiff-Person-Syndrom"},
    # "In seltenen Fällen ... können auch Kortison-Injektionen erwogen werden, um Entzündungen und Schmerzen zu lindern."
    "res:kortison-injektion": {"Entzündung", "Schmerzen"}, "res:kortison": {"Entzündung", "Schmerzen"},
    # "Zusätzlich helfen muskelentspannende Medikamente und Medikamente, die das fehlgeleitete Immunsystem dämpfen."
    "res:immunsystem-daempfende-medikamente": {"Fehlgeleitetes Immunsystem", "Stiff-Person-Syndrom"},
}
# Not answers: "Arzneimittel gegen Bluthochdruck" is named for its side effects, not as a treatment; "Medikamentöse
# Behandlungen" is a heading (a grouping once the data types it so).


def test_drug_treatments():
    result = ask("drug-treatments")
    assert len(result) == len(column(result, "treatment")), "one row per treatment"
    found = parts(result, "addresses")
    assert "res:arzneimittel-gegen-bluthochdruck" not in found
    assert {t: found[t] for t in DRUG_TREATMENTS} == DRUG_TREATMENTS
    assert parts(result, "frequencies")["res:kortison-injektion"] == {"Rare"}


def test_drug_treatments_exactly():
    assert set(parts(ask("drug-treatments"), "addresses")) == set(DRUG_TREATMENTS)


def test_non_drug_treatments_with_conditions():
    result = ask("non-drug-treatments")
    assert len(result) == len(column(result, "treatment")), "one row per treatment"
    conditions, performers, addresses = parts(result, "conditions"), parts(result, "performers"), parts(result, "addresses")
    # "Insbesondere in der akuten Phase können Kälteanwendungen helfen, die Schmerzen zu reduzieren."
    assert addresses["res:kaelteanwendung"] == {"Schmerzen"} and conditions["res:kaelteanwendung"] == {"in der akuten Phase"}
    # "Chiropraktische Behandlungen und Osteopathie ... Diese Behandlung sollte jedoch nur von geschulten Therapeuten
    # durchgeführt werden."; "Mobilisationsübungen unter Anleitung eines Physiotherapeuten"
    assert {t: p for t, p in performers.items() if p} == {
        "res:chiropraktische-behandlung": {"Geschulter Therapeut"}, "res:osteopathie": {"Geschulter Therapeut"},
        "res:chirotherapie": {"Geschulter Therapeut"}, "res:physiotherapeutische-anleitung": {"Physiotherapeut"},
        "res:mobilisationsuebung": {"Physiotherapeut"}}
    # "Massagen können die Durchblutung anregen"; "Wärmeanwendungen ... fördern die Durchblutung"
    assert "Durchblutung" in addresses["res:massage"] & addresses["res:waermeanwendung"]


def test_non_drug_treatments_leave_out_groupings_and_prevention_tips():
    found = column(ask("non-drug-treatments"), "treatment")
    assert not found & {"res:nicht-medikamentoese-behandlung", "res:uebungen-gegen-muskelkraempfe-im-ruecken",
                        "res:vorsichtige-bewegung", "res:yoga", "res:atemuebung"}


TREATMENT_CONDITIONS = {
    # "Chiropraktische Behandlungen und Osteopathie ... Diese Behandlung sollte jedoch nur von geschulten Therapeuten
    # durchgeführt werden." (Chirotherapie / Manuelle Medizin is the bullet's heading)
    ("res:chiropraktische-behandlung", "nur von geschulten Therapeuten"), ("res:chirotherapie", "nur von geschulten Therapeuten"),
    ("res:osteopathie", "nur von geschulten Therapeuten"),
    # "mit einer dauerhaften Behandlung können aber stabile Phasen über Monate oder Jahre erreicht werden"
    ("res:dauerhafte-behandlung", "über Monate oder Jahre"),
    # "In seltenen Fällen, bei sehr starken Schmerzen oder wenn die Blockade Nerven beeinträchtigt, können auch
    # Kortison-Injektionen erwogen werden"
    ("res:kortison-injektion", "bei sehr starken Schmerzen oder wenn die Blockade Nerven beeinträchtigt"),
    # "Insbesondere in der akuten Phase können Kälteanwendungen helfen"; "Massagen können ... oberflächliche Verspannungen
    # der Muskeln lösen"; "jedoch sollte man nach einer kurzen Ruhephase versuchen, den Rücken sanft zu mobilisieren";
    # "Um dauerhafte Fehlhaltungen auszugleichen, ist
    # in der Regel eine physiotherapeutische Anleitung nötig."; "Schmerzmittel ... können oral eingenommen ..."
    ("res:kaelteanwendung", "in der akuten Phase"), ("res:massage", "oberflächliche Verspannungen der Muskeln"),
    ("res:mobilisation", "nach einer kurzen Ruhephase"),
    ("res:physiotherapeutische-anleitung", "dauerhafte Fehlhaltungen"), ("res:schmerzmittel", "oral eingenommen"),
}


def test_treatment_conditions():
    result = ask("treatment-conditions")
    assert len(result) == len(keys(result, "treatment", "property", "target")), "one row per statement"
    assert keys(result, "treatment", "context") - {("res:wirksame-behandlung", "langfristig")} == TREATMENT_CONDITIONS


def test_treatment_conditions_link_what_they_name():
    result = ask("treatment-conditions")
    assert keys(result, "treatment", "context") == TREATMENT_CONDITIONS
    linked = {(t, frozenset(e.split(", "))) for t, e in keys(result, "treatment", "conditionEntities") if e}
    assert ("res:kortison-injektion", frozenset({"Starke Schmerzen", "Rückenblockade", "Nerv"})) in linked
    assert ("res:osteopathie", frozenset({"Geschulter Therapeut"})) in linked


EXERCISES = {
    # name: (holdMin, holdMax, repsMin, repsMax, setsMin, setsMax, perSide, steps)
    # "Halten Sie die Dehnung 20 Sekunden, bevor Sie die Seite wechseln. Wiederholen Sie die Übung 3-mal." (5 steps)
    "dehnung-des-schulterguertels": ("20", "20", "3", "3", "", "", "true", "5"),
    # "Halten Sie die Dehnung 20 Sekunden, bevor Sie die Seite wechseln. Machen Sie pro Arm 2-3 Durchgänge." (5 steps)
    "dehnung-von-schulter-und-trizeps": ("20", "20", "", "", "2", "3", "true", "5"),
    # "Wiederholen Sie diese Übung 3-mal mit je 12 - 15 Wiederholungen." (3 steps)
    "frontheben": ("", "", "12", "15", "3", "3", "", "3"),
    # "Machen Sie 10 Wiederholungen und mindestens 3 Durchgänge." (4 steps)
    "dehnung-durch-schulterrotation": ("", "", "10", "10", "3", "", "", "4"),
    # "Halten Sie die Dehnung etwa 15 Sekunden ... Seitenwechsel. Machen Sie 2-3 Wiederholungen pro Seite." (3 steps)
    "dehnung-der-nackenmuskulatur": ("15", "15", "2", "3", "", "", "true", "3"),
    # "Wiederholen Sie die Übung 10-mal." (4 steps)
    "uebung-gegen-den-handynacken": ("", "", "10", "10", "", "", "", "4"),
    # PIR example: "die Spannung 10 Sekunden halten"; "Die Übung 3 x wiederholen und anschließend zur anderen Seite"
    "postisometrisches-dehnen-des-seitlichen-halsmuskels": ("10", "10", "3", "3", "", "", "true", "4"),
    # "Wiederholen Sie diese Übung 2- bis 3-mal." (4 steps)
    "entspannung-des-oberkoerpers": ("", "", "2", "3", "", "", "", "4"),
    # "Nach 10-12 Sekunden den Zug auflösen, zurück rotieren und die Seite wechseln." (4 steps)
    "dreh-dehn-lage": ("10", "12", "", "", "", "", "true", "4"),
    # "oder für mindestens 30 Sekunden in dieser Haltung" (4 steps)
    "dehnung-des-rueckens": ("30", "", "", "", "", "", "", "4"),
}


def test_exercise_protocols():
    result = ask("exercise-protocols")
    rows = {t[0]: t[1:] for t in keys(result, "exercise", "holdMin", "holdMax", "repsMin", "repsMax", "setsMin", "setsMax",
                                      "perSide", "steps")}
    assert {name: rows[f"res:{name}"] for name in EXERCISES} == EXERCISES
    assert rows["res:postisometrische-dehnung"][-1] == "0", "PIR's one numbered item is its example, modelled as its own exercise"


def test_exercise_steps_in_order():
    result = ask("exercise-steps", exercise="uebung-gegen-den-handynacken")
    assert [str(row[1]) for row in result.rows] == [
        "Nehmen Sie eine sitzende oder stehende Ausgangsposition ein und halten ihren Kopf in einer aufrechten, geraden Position.",
        "Ziehen Sie nun Ihr Kinn so weit nach hinten wie möglich.",
        "Bewegen Sie anschließend den Kopf wieder bis zur Mitte nach vorne.",
        "Wiederholen Sie die Übung 10-mal.",
    ]


def test_exercises_by_body_region():
    # "Dehnung von Schulter und Trizeps" ("Die Dehnung sollten Sie in der Schulter spüren"), "Dehnung durch Schulterrotation"
    result = ask("exercises-by-body-region", region="schultern")
    assert column(result, "exercise") == {"res:dehnung-von-schulter-und-trizeps", "res:dehnung-durch-schulterrotation"}
    assert ("res:dehnung-von-schulter-und-trizeps", "Schultern") in keys(result, "exercise", "structures")
    everything = ask("exercises-by-body-region")
    assert len(everything) == len(keys(everything, "region", "exercise")), "one row per region and exercise"
    assert {("res:trizeps", "res:dehnung-von-schulter-und-trizeps"), ("res:ruecken", "res:dehnung-des-rueckens")} <= keys(
        everything, "region", "exercise")
    structures = {e: set(s.split(", ")) for r, e, s in keys(everything, "region", "exercise", "structures") if r == "res:rumpfmuskulatur"}
    # "Übungen wie der Unterarmstütz („Plank") stärken die gesamte Rumpfmuskulatur, einschließlich der Rücken- und Bauchmuskeln"
    assert structures["res:unterarmstuetz"] == {"Rumpfmuskulatur", "Rückenmuskulatur", "Bauchmuskeln"}


def test_exercises_with_equipment():
    # "zwei Hanteln (0,5 kg Gewicht) oder zwei Flaschen Wasser (je 500 ml)"; Katze-Kuh: "Die Hände und Knie sind auf der
    # Matte"; Child's Pose: "Setzen Sie sich im Fersensitz mit geschlossenen Knien auf Ihre Matte."
    result = ask("exercises-with-equipment")
    assert keys(result, "exercise", "equipment", "weightKg", "volumeMl") == {
        ("res:frontheben", "res:hantel", "0.5", ""), ("res:frontheben", "res:wasserflasche", "", "500"),
        ("res:entspannung-des-oberkoerpers", "res:matte", "", ""), ("res:dehnung-des-rueckens", "res:matte", "", ""),
    }


def test_prevention_measures():
    # The nine bullets of "Vorbeugung" plus "Sport und ein regelmäßiges Training sind unerlässlich".
    result = ask("prevention-measures")
    assert len(result) == len(column(result, "measure")), "one row per measure"
    measures = column(result, "measure")
    assert {f"res:{m}" for m in ("regelmaessige-bewegung", "ergonomischer-arbeitsplatz", "stressmanagement",
                                 "rueckenmuskulatur-staerken", "gewichtskontrolle", "vermeidung-von-kaelte-und-zugluft",
                                 "gesunde-schlafumgebung", "warmhalten", "ausgewogene-ernaehrung", "sport",
                                 "regelmaessiges-training")} <= measures
    assert parts(result, "modalities")["res:sport"] == {"StronglyRecommended"}
    # "Achten Sie auf eine ausgewogene Ernährung, um Mangelerscheinungen vorzubeugen."
    assert "Mangelerscheinung" in parts(result, "prevents")["res:ausgewogene-ernaehrung"]


def test_prevention_for_a_cause():
    # "Um dauerhafte Fehlhaltungen auszugleichen, ist in der Regel eine physiotherapeutische Anleitung nötig."
    result = ask("prevention-for-cause", cause="fehlhaltung")
    assert len(result) == len(column(result, "measure")), "one row per measure"
    addresses = parts(result, "addresses")
    assert addresses["res:physiotherapeutische-anleitung"] == {"Fehlhaltung"}
    # Poor posture causes tension: every measure against tension follows (e.g. massage, heat, relaxation techniques).
    assert "Muskelverspannung" in addresses["res:massage"] & addresses["res:waermeanwendung"]
    # Stress causes tension; stress management prevents the cramps that stress causes.
    assert "Muskelkrampf im Rücken" in parts(ask("prevention-for-cause", cause="stress"), "addresses")["res:stressmanagement"]


def test_when_to_see_a_doctor():
    # "Bei starken oder dauerhaften Muskelverspannungen sollte man unbedingt einen Arzt aufsuchen."; "Wenn es immer wieder zu
    # Muskelkrämpfen kommt ..., dann sollte man einen Arzt aufsuchen. ... Erste Anlaufstelle kann die hausärztliche Praxis
    # sein. In manchen Fällen können Orthopäden oder Neurologen ... hinzugezogen werden."; "Sprechen Sie mit Ihren Ärzten, wie
    # Sie sicher und gesund Gewicht reduzieren können."
    result = ask("when-to-see-a-doctor")
    assert keys(result, "situation", "whom", "modality", "frequency") == {
        (MV, "res:arzt", "cramp:StronglyRecommended", ""),
        ("res:haeufige-muskelkraempfe", "res:arzt", "cramp:Recommended", ""),
        ("res:haeufige-muskelkraempfe", "res:hausaerztliche-praxis", "", ""),
        ("res:haeufige-muskelkraempfe", "res:orthopaede", "", "cramp:SomeCases"),
        ("res:haeufige-muskelkraempfe", "res:neurologe", "", "cramp:SomeCases"),
        ("res:uebergewicht", "res:arzt", "cramp:Recommended", ""),
    }


def test_specialists():
    result = ask("specialists")
    assert column(result, "professional") == {f"res:{p}" for p in ("arzt", "geschulter-therapeut", "hausaerztliche-praxis",
                                                                  "neurologe", "orthopaede", "physiotherapeut")}
    assert {t for t in keys(result, "professional", "refersTo") if t[1]} == {("res:arzt", "res:orthopaede"), ("res:arzt", "res:neurologe")}


def test_stiff_person_syndrome():
    result = ask("stiff-person-syndrome")
    facts = keys(result, "direction", "property", "value")
    assert len(result) == len(facts), "one row per statement"
    hedges = {(p, v): set(h.split(", ")) - {""} for p, v, h in keys(result, "property", "value", "hedges")}
    # "Frauen sind ... etwa doppelt so häufig betroffen wie Männer."
    assert {("out", "cramp:femaleToMaleRatio", "2"), ("out", "cramp:affectsPopulation", "res:frauen"),
            ("out", "cramp:affectsPopulation", "res:maenner")} <= facts
    # "Die Muskeln am Rücken und Bauch sind meist zuerst betroffen"
    assert hedges[("cramp:affectsStructure", "res:bauchmuskeln")] == {"Typical"}
    # "Herzrasen, Bluthochdruck und übermäßiges Schwitzen"; "bis hin zum extremen Hohlkreuz"
    assert {("out", "cramp:hasSymptom", f"res:{s}") for s in ("herzrasen", "bluthochdruck", "uebermaessiges-schwitzen",
                                                               "hohlkreuz")} <= facts
    # "Langfristig kann es zu Gelenk-Fehlstellungen kommen."
    assert hedges[("cramp:causes", "res:gelenk-fehlstellung")] == {"Possible"}
    # "Basis ist die symptomatische Therapie mit Physiotherapie und muskelentspannenden Maßnahmen. Zusätzlich helfen
    # muskelentspannende Medikamente und Medikamente, die das fehlgeleitete Immunsystem dämpfen."; "mit einer dauerhaften
    # Behandlung können aber stabile Phasen ... erreicht werden"
    assert {v for d, p, v in facts if d == "in" and p == "cramp:treats"} == {
        "res:symptomatische-therapie", "res:physiotherapie", "res:muskelentspannende-massnahme", "res:muskelrelaxanzien",
        "res:immunsystem-daempfende-medikamente", "res:dauerhafte-behandlung"}


def test_stiff_person_syndrome_is_not_curable():
    # "Das Stiff-Person-Syndrom lässt sich nicht heilen"
    assert ("out", "cramp:curable", "false") in keys(ask("stiff-person-syndrome"), "direction", "property", "value")


def test_triggers():
    # "Vor allem bei plötzlichen Reizen wie Geräuschen, Berührung, Schreck oder Stress ziehen sich die Muskeln blitzartig
    # zusammen und werden steif wie ein Brett."; lumbago: "eine unvorhersehbare Belastung der Wirbelsäule wie Bücken und Heben";
    # "Der Schmerz kann plötzlich nach einer ungünstigen Bewegung oder Belastung auftreten"
    result = ask("triggers")
    assert column(result, "trigger") == {f"res:{t}" for t in ("ploetzlicher-reiz", "geraeusch", "beruehrung", "schreck", "stress",
                                                              "unvorhersehbare-belastung-der-wirbelsaeule", "buecken",
                                                              "heben", "unguenstige-bewegung", "belastung")}


def test_lumbago():
    result = ask("lumbago")
    # "Ausgangspunkt sind Muskelverspannungen, Verschleißerscheinungen der Bandscheiben, entzündliche Reizungen der
    # Zwischenwirbelgelenke sowie Arthrosen in Zwischenwirbelgelenken und Fehlhaltung. Psychosoziale Faktoren, wie Stress,
    # Überarbeitung oder Übermüdung, können ebenfalls zu einer akuten Lumbago führen."; "Ein Hexenschuss ist oft die
    # Folge einer schwachen Rückenmuskulatur."; "Übergewicht kann eine Lumbago begünstigen."; "Bei einem Hexenschuss
    # sitzen die Schmerzen im unteren Rücken."; "Schmerzen im Bereich der Lendenwirbelsäule".
    assert keys(result, "role", "entity") == {("cause", f"res:{c}") for c in (
        "muskelverspannung", "verschleisserscheinungen-der-bandscheiben", "entzuendliche-reizung-der-zwischenwirbelgelenke",
        "arthrose-in-zwischenwirbelgelenken", "fehlhaltung", "stress", "ueberarbeitung", "uebermuedung",
        "schwache-rueckenmuskulatur")} | {("risk factor", "res:uebergewicht"), ("located in", "res:lendenwirbelsaeule"),
                                          ("located in", "res:unterer-ruecken")}
    assert keys(result, "definition", "synonyms") == {
        ("Der Hexenschuss bezeichnet akut auftretende starke Schmerzen im Bereich der Lendenwirbelsäule.", "Lumbago")}


def test_risk_factors():
    # "Psychischer Druck und Probleme sowie psychische Erkrankungen können die Schmerzen im Kreuz begünstigen.";
    # "Übergewicht kann eine Lumbago begünstigen."
    result = ask("risk-factors")
    assert keys(result, "factor", "condition", "certainty") == {
        ("res:psychischer-druck", "res:kreuzschmerzen", "cramp:Possible"), ("res:probleme", "res:kreuzschmerzen", "cramp:Possible"),
        ("res:psychische-erkrankung", "res:kreuzschmerzen", "cramp:Possible"), ("res:uebergewicht", "res:hexenschuss", "cramp:Possible"),
    }


def test_hedged_claims_rare():
    # The article says "selten" three times: cortisone injections ("In seltenen Fällen ... Kortison-Injektionen ... um
    # Entzündungen und Schmerzen zu lindern") and "Bandscheibenerkrankungen sind an der Brustwirbelsäule recht selten" (located
    # at the thoracic spine, and a rare cause of mid-back pain).
    result = ask("hedged-claims", hedge="Rare")
    assert {t[0] for t in keys(result, "subject")} == {"res:kortison-injektion", "res:bandscheibenerkrankung"}
    assert len(result) == 4


def test_hedge_summary_counts_each_kind():
    result = ask("hedge-summary")
    counts = {hedge: int(n) for hedge, n in keys(result, "hedge", "statements")}
    assert counts["cramp:Rare"] == 4
    assert counts["cramp:Possible"] > counts["cramp:Common"] > counts["cramp:Rare"]


def test_evidence_behind_a_relation(article):
    result = ask("evidence", subject="magnesiummangel", property="causes", object="muskelkrampf-im-ruecken")
    ((quote, start, end),) = keys(result, "quote", "start", "end")
    assert article.text[int(start):int(end)] == quote
    assert "Mangel an Magnesium" in quote


def test_labels_in_both_languages():
    result = ask("labels")
    assert len(result) == len(column(result, "entity")), "one row per entity"
    assert keys(result, "entity", "de", "en") >= {
        ("res:magnesiummangel", "Magnesiummangel", "magnesium deficiency"),
        ("res:kalziummangel", "Kalziummangel", "calcium deficiency"),
        ("res:kaliummangel", "Kaliummangel", "potassium deficiency"),
        ("res:stoerung-im-mineralstoffhaushalt", "Störung im Mineralstoffhaushalt", "mineral imbalance"),
    }
    assert ("res:hexenschuss", "Lumbago") in keys(result, "entity", "synonyms")


def test_causal_network_is_a_graph_of_the_five_relations():
    from crampkg.namespaces import CRAMP, RESOURCE

    result = ask("causal-network")
    predicates = {p for _, p, _ in result.graph if str(p).startswith(str(CRAMP))}
    assert predicates == {CRAMP.causes, CRAMP.hasSymptom, CRAMP.hasAccompanyingSymptom, CRAMP.alleviates, CRAMP.treats}
    assert (RESOURCE.magnesiummangel, CRAMP.causes, RESOURCE["muskelkrampf-im-ruecken"]) in result.graph


def test_entity_neighbourhood():
    # "Schwangerschaft" is one item of the list of further causes, and nothing else is said of it.
    result = ask("entity", entity="schwangerschaft")
    assert keys(result, "direction", "property", "other") == {("out", "cramp:causes", "res:muskelkrampf-im-ruecken")}


def test_individuals_per_class():
    result = ask("individuals-per-class")
    counts = {cls: int(n) for cls, n in keys(result, "class", "individuals")}
    assert counts["cramp:MineralDeficiency"] == 4
    assert counts["cramp:ImagingMethod"] == 4  # Röntgen, CT, MRT and the imaging step itself
    assert counts["cramp:Drug"] == 4  # Ibuprofen, Diclofenac, Paracetamol, Kortison


def test_related_articles():
    # The three "Lesen Sie auch" asides, each in the section it stands in.
    result = ask("related-articles")
    assert keys(result, "title") == {("Bizepskrampf: Hilft TENS?",), ("Muskelkrämpfe im Fuß vorbeugen",),
                                     ("Homöopathische Behandlung von Muskelkrämpfen",)}


def test_every_named_query_has_a_test_here():
    import pathlib

    source = "".join(p.read_text(encoding="utf-8") for p in pathlib.Path(__file__).parent.glob("test_*.py"))
    untested = [name for name in named_queries() if f'"{name}"' not in source]
    assert not untested, f"named queries without a test: {untested}"


def test_there_are_at_least_thirty_named_queries_with_titles():
    catalog = named_queries()
    assert len(catalog) >= 30
    assert all(q.title and q.description for q in catalog.values())


def test_mechanism_paths_from_sitting():
    # "Oft beginnt alles mit einer Fehlhaltung bei dauerhaftem Sitzen ... Es entsteht eine Dauerbelastung einzelner
    # Muskelgruppen"; "In den meisten Fällen sind Fehlhaltungen oder Überlastungen ... Ursache für Muskelverspannungen";
    # "Ausgangspunkt sind ... Fehlhaltung" (lumbago); "Dies kann durch Fehlhaltungen ... verursacht werden" (blockage);
    # and the cramp itself among the causes of which Fehlhaltungen are one.
    result = ask("mechanism-paths", cause="dauerhaftes-sitzen")
    assert keys(result, "step", "effect") == {("res:fehlhaltung", f"res:{e}") for e in (
        "dauerbelastung-einzelner-muskelgruppen", "muskelverspannung", "hexenschuss", "rueckenblockade",
        "muskelkrampf-im-ruecken")}


def test_mechanism_paths_follow_only_causes():
    # A cause of the cramp is not made a cause of each of its symptoms (Schwangerschaft -> Atemprobleme is not said).
    result = ask("mechanism-paths", cause="schwangerschaft")
    assert keys(result, "step", "effect") <= {("res:muskelkrampf-im-ruecken", "res:rueckenschmerzen")}


def test_exercise_positions():
    # "Setzen oder stellen Sie sich aufrecht hin"; "Setzen Sie sich im Fersensitz"; "Stellen Sie sich aufrecht und etwa
    # schulterbreit hin"; "Stellen Sie sich in eine schulterbreite Position"; "In Rückenlage"; "Ihre Knie sind leicht
    # gebeugt ... der Kopf befindet sich in einer geraden, neutralen Position"; "Im aufrechten Sitz"; "Nehmen Sie eine
    # sitzende oder stehende Ausgangsposition ein und halten ihren Kopf in einer aufrechten, geraden Position."
    result = ask("exercise-positions")
    assert len(result) == len(column(result, "exercise")), "one row per exercise"
    positions = parts(result, "positions")
    assert positions["res:dehnung-des-rueckens"] == {"Fersensitz"}
    assert positions["res:dreh-dehn-lage"] == {"Rückenlage"}
    assert positions["res:dehnung-der-nackenmuskulatur"] == {"Aufrechter Sitz", "Aufrechter Stand"}
    assert positions["res:postisometrisches-dehnen-des-seitlichen-halsmuskels"] == {"Aufrechter Sitz"}


def test_exercise_positions_have_kinds_and_katze_kuh_has_one():
    # "Die Hände und Knie sind auf der Matte"; Fersensitz is a sitting and a kneeling position.
    result = ask("exercise-positions")
    assert "res:entspannung-des-oberkoerpers" in column(result, "exercise")
    assert parts(result, "kinds")["res:dehnung-des-rueckens"] == {"SittingPosition", "KneelingPosition"}


def test_body_region_hierarchy():
    # "Bei einem Hexenschuss sitzen die Schmerzen im unteren Rücken"; "Verspannung des oberen und mittleren Rückens"
    result = ask("body-region-hierarchy", region="ruecken")
    assert {"res:oberer-ruecken", "res:mittlerer-ruecken", "res:unterer-ruecken"} <= column(result, "structure")
    assert all("Rücken" in within for within in parts(result, "withinRegions").values())
    assert len(result) == len(column(result, "structure")), "one row per structure within the region"


def test_disease_attributes():
    # "Frauen sind von der Autoimmunerkrankung Stiff-Person-Syndrom etwa doppelt so häufig betroffen wie Männer."
    result = ask("disease-attributes")
    assert ("res:stiff-person-syndrom", "2") in keys(result, "condition", "femaleToMaleRatio")
    assert parts(result, "populations")["res:stiff-person-syndrom"] == {"Frauen", "Männer"}


def test_disease_attributes_from_the_article():
    # "Das Stiff-Person-Syndrom lässt sich nicht heilen"; "Die Ursachen einer Lumbago sind sehr unterschiedlich";
    # "Die Behandlung richtet sich primär nach dem Auslöser."
    result = ask("disease-attributes")
    assert ("res:stiff-person-syndrom", "false") in keys(result, "condition", "curable")
    assert ("res:hexenschuss", "true", "true") in keys(result, "condition", "hasVariedCauses", "treatmentFollowsTrigger")


def test_every_default_is_written_in_the_query_text():
    # Without crampkg (Jena, an endpoint) a parameter's default must come from the text itself.
    from crampkg.sparql.catalog import default_block

    for query in named_queries().values():
        for param in query.params.values():
            blocks = default_block(param.name).findall(query.text)
            if param.default is None:
                assert not blocks, f"{query.name}: ?{param.name} has no default but a VALUES block"
            else:
                assert len(blocks) == 1 and param.default in blocks[0], f"{query.name}: write VALUES ?{param.name} {{ … }}"


# --- Exact answers of the queries that were checked only in part -----------------------------------------------------


def test_symptoms_of_stiff_person_syndrome_exactly():
    # "Schmerzhafte Anfälle von Muskelsteifheit und -krämpfen in Beinen und Rücken sind typische Symptome beim
    # Stiff-Person-Syndrom."; "... so dass es zu Rückenschmerzen und Verbiegungen der Wirbelsäule kommt, bis hin zum extremen
    # Hohlkreuz."; "Die schmerzhaften Muskelspannungen können anfallsweise zunehmen." (and "erhöhte Anspannung" of hips and
    # legs, unhedged); "Bei solchen Muskelkrämpfen erstarren Betroffene kurzfristig zur Bewegungslosigkeit."; "Außerdem kommen
    # beim Stiff-Person-Syndrom auch Symptome wie Herzrasen, Bluthochdruck und übermäßiges Schwitzen hinzu."
    result = ask("symptoms-of-back-cramps", condition="stiff-person-syndrom")
    typical, possible = ("", "cramp:Typical"), ("cramp:Possible", "")
    assert keys(result, "symptom", "certainty", "frequency") == {
        ("res:muskelsteifheit", *typical), ("res:muskelkrampf", *typical), ("res:muskelkrampf-im-ruecken", *typical),
        ("res:rueckenschmerzen", "", ""), ("res:verbiegung-der-wirbelsaeule", "", ""), ("res:hohlkreuz", "", ""),
        ("res:schmerzhafte-muskelspannung", *possible), ("res:schmerzhafte-muskelspannung", "", ""),
        ("res:bewegungslosigkeit", "", ""), ("res:herzrasen", "", ""), ("res:bluthochdruck", "", ""),
        ("res:uebermaessiges-schwitzen", "", ""),
    }


def test_mechanism_paths_from_pregnancy_exactly():
    # "Schwangerschaft" is one of the further causes of the cramps; the cramps lead to back pain. Nothing else is said of it.
    result = ask("mechanism-paths", cause="schwangerschaft")
    assert keys(result, "cause", "step", "effect") == {
        ("res:schwangerschaft", "res:muskelkrampf-im-ruecken", "res:rueckenschmerzen")}


# Every two-step chain the article gives, as (step, effect) of its second link, with the sentence:
MECHANISM_SECOND_LINKS = {
    # "Oft beginnt alles mit einer Fehlhaltung bei dauerhaftem Sitzen ... Es entsteht eine Dauerbelastung einzelner
    # Muskelgruppen"; "Betroffene nehmen ... eine Schonhaltung ein ... Eine Fehlhaltung entsteht."
    ("res:fehlhaltung", "res:dauerbelastung-einzelner-muskelgruppen"), ("res:dauerbelastung-einzelner-muskelgruppen", MV),
    ("res:schonhaltung", "res:fehlhaltung"),
    # "In den meisten Fällen sind Fehlhaltungen oder Überlastungen ... Ursache für Muskelverspannungen"; lumbago "Ausgangspunkt
    # sind Muskelverspannungen ... und Fehlhaltung"; blockage "Dies kann durch Fehlhaltungen, Verspannungen oder plötzliche
    # Bewegungen verursacht werden"; the cramps "von harmlosen Muskelverspannungen" and "Fehlhaltungen" as causes
    ("res:fehlhaltung", MV), ("res:fehlhaltung", "res:hexenschuss"), ("res:fehlhaltung", "res:rueckenblockade"),
    ("res:fehlhaltung", "res:muskelkrampf-im-ruecken"), (MV, "res:hexenschuss"), (MV, "res:rueckenblockade"),
    (MV, "res:muskelkrampf-im-ruecken"),
    # "Muskelverspannungen sind eine häufige Ursache für tiefsitzende Rückenschmerzen ... Nacken-, Schulter- oder
    # Armschmerzen ... Auch Kopfschmerzen können als Folge einer verspannten ... auftreten"
    (MV, "res:tiefsitzende-rueckenschmerzen"), (MV, "res:nackenschmerzen"), (MV, "res:schulterschmerzen"),
    (MV, "res:armschmerzen"), (MV, "res:kopfschmerzen"),
    # the vicious circle of tension, and the compensation by other muscles which spreads or shifts the complaints
    (MV, "res:teufelskreis-der-verspannung"), (MV, "res:uebernahme-durch-andere-muskeln"),
    ("res:uebernahme-durch-andere-muskeln", "res:ausbreitung-der-beschwerden"),
    ("res:uebernahme-durch-andere-muskeln", "res:verlagerung-der-beschwerden"),
    # "Häufig reagieren die umgebenden Muskeln auf die Blockade mit Verspannungen oder Krämpfen."; the blockage restricts
    # movement; "In den meisten Fällen kann sich eine Blockade von selbst lösen"
    ("res:rueckenblockade", MV), ("res:rueckenblockade", "res:muskelkrampf-im-ruecken"),
    ("res:rueckenblockade", "res:bewegungseinschraenkung"), ("res:rueckenblockade", "res:spontane-loesung-der-blockade"),
    # the cramps cause back pain
    ("res:muskelkrampf-im-ruecken", "res:rueckenschmerzen"),
    # "Eine Zwerchfellverspannung kann auch auf den Magen „schlagen"" (its position changes; stomach problems)
    ("res:zwerchfellverspannung", "res:lageaenderung-des-magens"), ("res:zwerchfellverspannung", "res:magenprobleme"),
}


def test_mechanism_paths_every_chain():
    assert keys(ask("mechanism-paths"), "step", "effect") == MECHANISM_SECOND_LINKS


SPS_FACTS = {
    # "Basis ist die symptomatische Therapie mit Physiotherapie und muskelentspannenden Maßnahmen. Zusätzlich helfen
    # muskelentspannende Medikamente und Medikamente, die das fehlgeleitete Immunsystem dämpfen."; "mit einer dauerhaften
    # Behandlung können aber stabile Phasen ... erreicht werden"
    **{("in", "cramp:treats", f"res:{t}"): "" for t in ("symptomatische-therapie", "physiotherapie", "muskelentspannende-massnahme",
                                                      "muskelrelaxanzien", "immunsystem-daempfende-medikamente",
                                                      "dauerhafte-behandlung")},
    # "Frauen sind von der Autoimmunerkrankung Stiff-Person-Syndrom etwa doppelt so häufig betroffen wie Männer."
    ("out", "cramp:affectsPopulation", "res:frauen"): "", ("out", "cramp:affectsPopulation", "res:maenner"): "",
    ("out", "cramp:femaleToMaleRatio", "2"): "",
    # "Die Muskeln am Rücken und Bauch sind meist zuerst betroffen"; "in Beinen und Rücken sind typische Symptome";
    # "Darüber hinaus entwickeln die Muskeln der Hüften und Beine ebenfalls eine Muskelsteifheit"
    ("out", "cramp:affectsStructure", "res:bauchmuskeln"): "Typical", ("out", "cramp:affectsStructure", "res:rueckenmuskulatur"): "Typical",
    ("out", "cramp:affectsStructure", "res:ruecken"): "Typical", ("out", "cramp:affectsStructure", "res:beine"): "Typical",
    ("out", "cramp:affectsStructure", "res:hueften"): "",
    # "Langfristig kann es zu Gelenk-Fehlstellungen kommen."; the typical cramps in the back
    ("out", "cramp:causes", "res:gelenk-fehlstellung"): "Possible", ("out", "cramp:causes", "res:muskelkrampf-im-ruecken"): "Typical",
    # "Das Stiff-Person-Syndrom lässt sich nicht heilen"
    ("out", "cramp:curable", "false"): "",
    # the symptoms (see test_symptoms_of_stiff_person_syndrome_exactly)
    **{("out", "cramp:hasSymptom", f"res:{s}"): "Typical" for s in ("muskelsteifheit", "muskelkrampf", "muskelkrampf-im-ruecken")},
    **{("out", "cramp:hasSymptom", f"res:{s}"): "" for s in ("rueckenschmerzen", "verbiegung-der-wirbelsaeule", "hohlkreuz",
                                                           "bewegungslosigkeit", "herzrasen", "bluthochdruck",
                                                           "uebermaessiges-schwitzen")},
    ("out", "cramp:hasSymptom", "res:schmerzhafte-muskelspannung"): "Possible",
}


def test_stiff_person_syndrome_exactly():
    result = ask("stiff-person-syndrome")
    assert {(d, p, v): h for d, p, v, h in keys(result, "direction", "property", "value", "hedges")} == SPS_FACTS
    assert len(result) == len(SPS_FACTS)


def test_disease_attributes_exactly():
    # "Das Stiff-Person-Syndrom lässt sich nicht heilen"; "Frauen sind ... etwa doppelt so häufig betroffen wie Männer.";
    # "Die Ursachen einer Lumbago sind sehr unterschiedlich"; "Die Behandlung richtet sich primär nach dem Auslöser.";
    # mid-back pain: "Meist sind die Ursachen für Schmerzen in diesem Bereich harmlos und schnell zu beheben."
    result = ask("disease-attributes")
    assert keys(result, "condition", "curable", "hasVariedCauses", "treatmentFollowsTrigger", "causesHarmless",
                "quicklyRemediable", "femaleToMaleRatio") == {
        ("res:hexenschuss", "", "true", "true", "", "", ""),
        ("res:schmerzen-im-mittleren-ruecken", "", "", "", "true", "true", ""),
        ("res:stiff-person-syndrom", "false", "", "", "", "", "2"),
    }


NON_DRUG_TREATMENTS = {
    # "Krankengymnastik oder Chirotherapie können helfen, den Teufelskreis der Verspannung zu durchbrechen."
    "res:krankengymnastik": {"Teufelskreis der Verspannung"}, "res:chirotherapie": {"Teufelskreis der Verspannung"},
    # "Physikalische Maßnahmen wie Wärmeanwendungen entspannen die Muskulatur und fördern die Durchblutung. Dies kann die
    # Verspannungen lindern und die Blockade lösen."; blockage: "Die Behandlung reicht von Wärmebehandlungen ..."
    "res:physikalische-therapie": {"Muskelverspannung", "Rückenblockade", "Durchblutung"},
    "res:waermeanwendung": {"Muskelverspannung", "Rückenblockade", "Durchblutung"},
    # "Massagen können die Durchblutung anregen und oberflächliche Verspannungen der Muskeln lösen."
    "res:massage": {"Muskelverspannung", "Durchblutung"},
    # "Chiropraktische Behandlungen und Osteopathie können gezielt Blockaden lösen, indem sie ... die Wirbel oder Gelenke
    # wieder in ihre normale Position bringen."
    "res:chiropraktische-behandlung": {"Rückenblockade", "Wirbel", "Gelenk"}, "res:osteopathie": {"Rückenblockade", "Wirbel", "Gelenk"},
    # "Entspannungstechniken, sowohl gezielt zur Muskelentspannung als auch zum Abbau von Stress als Verspannungsursache";
    # "Methoden wie die progressive Muskelentspannung können aktiv verhärtete Muskeln lockern."
    "res:entspannungstechnik": {"Muskelverspannung", "Stress"}, "res:progressive-muskelentspannung": {"Muskelverspannung"},
    # "Multimodale Schmerztherapie: Eine Kombination aus ... kann sinnvoll sein." (says what it combines, not what it does)
    "res:multimodale-schmerztherapie": set(),
    # "Insbesondere in der akuten Phase können Kälteanwendungen helfen, die Schmerzen zu reduzieren."
    "res:kaelteanwendung": {"Schmerzen"},
    # "Bewegung und Dehnübungen: Sanfte Bewegung und Mobilisation sind anfangs sinnvoll"
    "res:dehnuebung": set(), "res:sanfte-bewegung": set(), "res:mobilisation": set(),
    # "Vorsichtige Bewegungen, wie leichtes Dehnen oder Spaziergänge, können dazu beitragen, die Muskeln zu lockern und die
    # Blockade zu lösen." (the examples do what the grouping does)
    "res:leichtes-dehnen": {"Muskelverspannung", "Rückenblockade"}, "res:spaziergang": {"Muskelverspannung", "Rückenblockade"},
    # "Mobilisationsübungen unter Anleitung eines Physiotherapeuten können gezielt helfen, die betroffenen Wirbel oder Muskeln
    # zu lockern"; blockage: "... und sanften Mobilisationsübungen"
    "res:mobilisationsuebung": {"Rückenblockade", "Wirbel", "Muskeln"},
    # "Manuelle Therapien lösen die Verspannung und fördern die Beweglichkeit, Bewegungstherapien stärken die Muskulatur und
    # dehnen die betroffenen Areale. Um dauerhafte Fehlhaltungen auszugleichen, ist ... eine physiotherapeutische Anleitung
    # nötig. Rückenschulen können ebenfalls gezielt Schwachpunkte entlang der Wirbelsäule kräftigen."
    "res:manuelle-therapie": {"Muskelverspannung", "Beweglichkeit"}, "res:bewegungstherapie": {"Muskeln", "Betroffenes Areal"},
    "res:physiotherapeutische-anleitung": {"Fehlhaltung"}, "res:rueckenschule": {"Wirbelsäule"},
    # "Wenn es immer wieder zu Muskelkrämpfen kommt und sich diese auch nicht mit Hausmitteln und Bewegung bessern lassen"
    "res:hausmittel": {"Häufige Muskelkrämpfe"}, "res:bewegung": {"Häufige Muskelkrämpfe"},
    # SPS: "Basis ist die symptomatische Therapie mit Physiotherapie und muskelentspannenden Maßnahmen."; blockage:
    # "... bis hin zu physiotherapeutischen Maßnahmen. ... doch physiotherapeutische Hilfe kann die Heilung beschleunigen."
    "res:physiotherapie": {"Stiff-Person-Syndrom", "Rückenblockade", "Heilung"},
    "res:muskelentspannende-massnahme": {"Stiff-Person-Syndrom"},
}
# Not answers: the heading "Nicht-medikamentöse Behandlungen" and the grouping "Vorsichtige Bewegungen"; Yoga and
# Atemübungen (prevention tips: "Entspannungstechniken wie progressive Muskelentspannung, Yoga oder Atemübungen helfen,
# die Anspannung zu reduzieren").


def test_non_drug_treatments_exactly():
    result = ask("non-drug-treatments")
    assert parts(result, "addresses") == NON_DRUG_TREATMENTS
    assert len(result) == len(NON_DRUG_TREATMENTS)


PREVENTION_MEASURES = {
    # "Langfristig sollte man stets versuchen, die Ursachen der Muskelverspannungen zu bekämpfen. Insbesondere Sport und ein
    # regelmäßiges Training sind unerlässlich."
    "bekaempfung-der-ursachen", "sport", "regelmaessiges-training",
    # "Regelmäßige Bewegung und gezieltes Dehnen fördern die Durchblutung ... sollte man sich ausgiebig dehnen und strecken."
    "regelmaessige-bewegung", "gezieltes-dehnen", "ausgiebiges-dehnen-und-strecken",
    # "Gestalten Sie Ihren Arbeitsplatz ergonomisch ... die Haltung regelmäßig zu wechseln ... das dynamische Stehen."
    "ergonomischer-arbeitsplatz", "haltungswechsel", "dynamisches-stehen",
    # "Stressmanagement: ... Versuchen Sie, sich Auszeiten zu gönnen ... Entspannungstechniken wie progressive
    # Muskelentspannung, Yoga oder Atemübungen helfen, die Anspannung zu reduzieren."
    "stressmanagement", "auszeit", "entspannungstechnik", "progressive-muskelentspannung", "yoga", "atemuebung",
    # "Rückenmuskulatur stärken: ... Kräftigen Sie diese mit gezielten Übungen. ... In einer Rückenschule lernen Sie
    # rückengerechte Bewegungsabläufe. Übungen wie der Unterarmstütz („Plank")"
    "rueckenmuskulatur-staerken", "gezielte-uebungen", "rueckenschule", "rueckengerechte-bewegungsablaeufe", "unterarmstuetz",
    # "Gewichtskontrolle: ... wie Sie sicher und gesund Gewicht reduzieren können."
    "gewichtskontrolle", "gewichtsreduktion",
    # "Vermeidung von Kälte und Zugluft"; "Gesunde Schlafumgebung"; "Warmhalten"; "Achten Sie auf eine ausgewogene Ernährung"
    "vermeidung-von-kaelte-und-zugluft", "gesunde-schlafumgebung", "warmhalten", "ausgewogene-ernaehrung",
    # "Es gibt verschiedene Übungen, die helfen können, Muskelkrämpfe im Rücken zu lindern und vorzubeugen:" (each exercise)
    "dehnung-des-schulterguertels", "dehnung-von-schulter-und-trizeps", "frontheben", "dehnung-durch-schulterrotation",
    "dehnung-der-nackenmuskulatur", "uebung-gegen-den-handynacken", "postisometrische-dehnung", "entspannung-des-oberkoerpers",
    "dreh-dehn-lage", "dehnung-des-rueckens",
    # "Eine genaue Diagnose und eine gezielte Behandlung sind entscheidend, um ... langfristige Komplikationen zu vermeiden."
    "diagnose-von-muskelkraempfen-im-ruecken",
}


def test_prevention_measures_exactly():
    result = ask("prevention-measures")
    assert column(result, "measure") == {f"res:{m}" for m in PREVENTION_MEASURES}
    assert len(result) == len(PREVENTION_MEASURES)


# What prevents, counters or reduces poor posture or what it leads to (the cramps, tension, the blockage, lumbago): every
# measure that prevents the cramps, and every treatment of tension or the blockage.
PREVENTION_FOR_POSTURE = PREVENTION_MEASURES - {
    # tips without a prevents statement of their own, and the diagnosis (it prevents complications, not a consequence)
    "dynamisches-stehen", "gewichtsreduktion", "gezielte-uebungen", "rueckengerechte-bewegungsablaeufe", "unterarmstuetz",
    "diagnose-von-muskelkraempfen-im-ruecken"} | {
    # "Physikalische Maßnahmen wie Wärmeanwendungen ... Dies kann die Verspannungen lindern und die Blockade lösen."; "Massagen
    # können ... oberflächliche Verspannungen der Muskeln lösen."; "Manuelle Therapien lösen die Verspannung"
    "physikalische-therapie", "waermeanwendung", "massage", "manuelle-therapie",
    # "Chiropraktische Behandlungen und Osteopathie können gezielt Blockaden lösen"; "Krankengymnastik oder Chirotherapie können
    # helfen, den Teufelskreis der Verspannung zu durchbrechen."
    "chiropraktische-behandlung", "osteopathie", "krankengymnastik", "chirotherapie",
    # blockage: "Die Behandlung reicht von Wärmebehandlungen und sanften Mobilisationsübungen bis hin zu physiotherapeutischen
    # Maßnahmen."
    "mobilisationsuebung", "physiotherapie",
    # "Um dauerhafte Fehlhaltungen auszugleichen, ist in der Regel eine physiotherapeutische Anleitung nötig."
    "physiotherapeutische-anleitung",
}


@pytest.mark.parametrize("cause, expected", [
    ("fehlhaltung", PREVENTION_FOR_POSTURE),
    # Stress causes the cramps, tension and lumbago; the measure against lasting poor posture is not one against stress.
    ("stress", PREVENTION_FOR_POSTURE - {"physiotherapeutische-anleitung"}),
])
def test_prevention_for_cause_exactly(cause, expected):
    result = ask("prevention-for-cause", cause=cause)
    assert column(result, "measure") == {f"res:{m}" for m in expected}
    assert len(result) == len(expected)


def test_prevention_for_cause_default_is_poor_posture():
    assert keys(ask("prevention-for-cause"), "measure", "addresses") == keys(
        ask("prevention-for-cause", cause="fehlhaltung"), "measure", "addresses")


def test_exercise_positions_exactly():
    # Dehnung des Schultergürtels: "Stellen Sie sich aufrecht und etwa schulterbreit hin."; Schulter und Trizeps: "Stellen Sie
    # sich in eine schulterbreite Position."; Frontheben: "Ihre Knie sind leicht gebeugt ... der Kopf befindet sich in einer
    # geraden, neutralen Position."; Nackenmuskulatur: "Setzen oder stellen Sie sich aufrecht hin."; Handynacken: "Nehmen Sie
    # eine sitzende oder stehende Ausgangsposition ein und halten ihren Kopf in einer aufrechten, geraden Position."; PIR:
    # "Im aufrechten Sitz"; Katze-Kuh: "Die Hände und Knie sind auf der Matte"; Dreh-Dehn-Lage: "In Rückenlage"; Child's
    # Pose: "Setzen Sie sich im Fersensitz". (Schulterrotation names no starting position.)
    result = ask("exercise-positions")
    assert {e: (parts(result, "positions")[e], parts(result, "kinds")[e]) for e in column(result, "exercise")} == {
        "res:dehnung-des-schulterguertels": ({"Aufrechter Stand", "Schulterbreite Position"}, {"StandingPosition"}),
        "res:dehnung-von-schulter-und-trizeps": ({"Schulterbreite Position"}, {"StandingPosition"}),
        # (the label "Gerade, neutrale Kopfposition" holds the list separator, so it comes back as two parts)
        "res:frontheben": ({"Gerade", "neutrale Kopfposition", "Leicht gebeugte Knie"}, {"BodyPartPosition"}),
        "res:dehnung-der-nackenmuskulatur": ({"Aufrechter Sitz", "Aufrechter Stand"}, {"SittingPosition", "StandingPosition"}),
        "res:uebung-gegen-den-handynacken": ({"Aufrechter Sitz", "Aufrechter Stand", "Gerade", "neutrale Kopfposition"},
                                             {"SittingPosition", "StandingPosition", "BodyPartPosition"}),
        "res:postisometrisches-dehnen-des-seitlichen-halsmuskels": ({"Aufrechter Sitz"}, {"SittingPosition"}),
        "res:entspannung-des-oberkoerpers": ({"Hände und Knie auf der Matte"}, {"KneelingPosition"}),
        "res:dreh-dehn-lage": ({"Rückenlage"}, {"LyingPosition"}),
        "res:dehnung-des-rueckens": ({"Fersensitz"}, {"SittingPosition", "KneelingPosition"}),
    }


def test_exercise_protocols_exactly():
    # The exercises without numbered steps or dose: "gezieltes Dehnen", "ausgiebig dehnen und strecken", "gezielten Übungen",
    # "Unterarmstütz", "Atemübungen" (prevention tips), "Dehnübungen", "leichtes Dehnen", "Mobilisationsübungen" (treatments),
    # and "Postisometrische Dehnung (PIR)", whose one numbered item is its example.
    bare = ("", "", "", "", "", "", "", "0")
    result = ask("exercise-protocols")
    rows = {t[0]: t[1:] for t in keys(result, "exercise", "holdMin", "holdMax", "repsMin", "repsMax", "setsMin", "setsMax",
                                      "perSide", "steps")}
    assert rows == {**{f"res:{name}": protocol for name, protocol in EXERCISES.items()},
                    **{f"res:{name}": bare for name in ("gezieltes-dehnen", "ausgiebiges-dehnen-und-strecken", "gezielte-uebungen",
                                                        "unterarmstuetz", "atemuebung", "dehnuebung", "leichtes-dehnen",
                                                        "mobilisationsuebung", "postisometrische-dehnung")}}
    assert len(result) == len(rows)


def test_exercise_steps_default_is_the_childs_pose():
    # "Dehnung des Rückens (Child's Pose): 1. Setzen Sie sich im Fersensitz ... 4. Bleiben Sie so lange, wie Sie möchten ..."
    result = ask("exercise-steps")
    assert [short(row[0]) for row in result.rows] == ["1", "2", "3", "4"]
    assert [str(row[1]).split()[:3] for row in result.rows] == [
        ["Setzen", "Sie", "sich"], ["Atmen", "Sie", "aus"], ["Legen", "Sie", "Ihre"], ["Bleiben", "Sie", "so"]]
    assert column(result, "exercise") == {"res:dehnung-des-rueckens"}


def test_body_region_hierarchy_within_the_back_exactly():
    # "Verspannung des oberen und mittleren Rückens"; "Verspannungen im Bereich der Brustwirbelsäule" (mid back);
    # "Verspannungen im Bereich der Lendenwirbelsäule" and "Muskulatur im unteren Rücken" (lower back); "Schmerzen im Kreuz";
    # "Bei einem Hexenschuss sitzen die Schmerzen im unteren Rücken"; the back muscles ("Rückenmuskulatur").
    result = ask("body-region-hierarchy", region="ruecken")
    assert parts(result, "parents", by="structure") == {
        "res:oberer-ruecken": {"Rücken"}, "res:mittlerer-ruecken": {"Rücken"}, "res:unterer-ruecken": {"Rücken"},
        "res:brustwirbelsaeule": {"Wirbelsäule", "Mittlerer Rücken"}, "res:lendenwirbelsaeule": {"Wirbelsäule", "Unterer Rücken"},
        "res:kreuz": {"Unterer Rücken"}, "res:rueckenmuskulatur": {"Rumpfmuskulatur", "Rücken"},
        "res:muskulatur-im-unteren-ruecken": {"Unterer Rücken", "Rückenmuskulatur"},
    }
    assert len(result) == 8


# The direct parents of every body structure the article names (its exercises, symptoms and locations); the head, arm, hand,
# legs, hips, neck, upper body, trunk and spine lie in the whole body.
BODY_PARENTS = {
    "arm": "Ganzer Körper", "bandscheibe": "Wirbelsäule", "bauch": "Rumpf", "bauchmuskeln": "Rumpfmuskulatur, Bauch",
    "bauchorgan": "Bauch", "beine": "Ganzer Körper", "brustbein": "Brustbereich", "brustbereich": "Rumpf",
    "brustwirbelsaeule": "Wirbelsäule, Mittlerer Rücken", "ellenbogen": "Arm", "hals": "Ganzer Körper",
    "halswirbelsaeule": "Wirbelsäule, Hals", "hand": "Ganzer Körper", "handflaeche": "Hand", "hueften": "Ganzer Körper",
    "kinn": "Kopf", "knie": "Beine", "kopf": "Ganzer Körper", "kreuz": "Unterer Rücken", "leber": "Bauch",
    "lendenwirbelsaeule": "Wirbelsäule, Unterer Rücken", "magen": "Bauch", "magengegend": "Bauch", "milz": "Bauch",
    "mittlerer-ruecken": "Rücken", "muskulatur-im-unteren-ruecken": "Unterer Rücken, Rückenmuskulatur", "nacken": "Hals",
    "nackenmuskulatur": "Nacken", "oberer-ruecken": "Rücken", "oberkoerper": "Ganzer Körper", "oberschenkel": "Beine",
    "ohr": "Kopf", "ruecken": "Rumpf", "rueckenmuskulatur": "Rumpfmuskulatur, Rücken", "rumpf": "Ganzer Körper",
    "rumpfmuskulatur": "Rumpf", "schulterguertel": "Oberkörper", "schultermuskulatur": "Schultern", "schultern": "Oberkörper",
    "seitlicher-halsmuskel": "Hals", "steiss": "Wirbelsäule", "stirn": "Kopf", "trizeps": "Arm", "unterarm": "Arm",
    "unterer-ruecken": "Rücken", "wange": "Kopf", "wirbel": "Wirbelsäule", "wirbelgelenk": "Wirbelsäule",
    "wirbelsaeule": "Ganzer Körper", "zwerchfell": "Rumpf", "zwischenwirbelgelenk": "Wirbelsäule",
}


def test_body_region_hierarchy_every_structure_exactly():
    result = ask("body-region-hierarchy")
    assert parts(result, "parents", by="structure") == {f"res:{s}": set(p.split(", ")) for s, p in BODY_PARENTS.items()}
    # one row per structure and each region it lies within (its parents' regions, transitively)
    within = {(short(row[result.variables.index("region")]), short(row[result.variables.index("structure")])) for row in result.rows}
    assert len(result) == len(within)
    assert {r for r, s in within if s == "res:nackenmuskulatur"} == {"res:nacken", "res:hals", "res:ganzer-koerper"}


EXERCISES_BY_REGION = {
    # "Heben Sie beide Arme ..." (Frontheben); "Strecken Sie den linken Arm nach oben" (Schulter und Trizeps)
    "arm": {"dehnung-von-schulter-und-trizeps", "frontheben"}, "trizeps": {"dehnung-von-schulter-und-trizeps"},
    # "Übungen wie der Unterarmstütz („Plank") stärken die gesamte Rumpfmuskulatur, einschließlich der Rücken- und Bauchmuskeln";
    # "Kräftigen Sie diese [Rückenmuskulatur] mit gezielten Übungen."
    "bauch": {"unterarmstuetz"}, "bauchmuskeln": {"unterarmstuetz"},
    "rueckenmuskulatur": {"gezielte-uebungen", "unterarmstuetz"}, "rumpfmuskulatur": {"gezielte-uebungen", "unterarmstuetz"},
    # neck: "Dehnung der Nackenmuskulatur"; "Übungen gegen den Handynacken"; "Postisometrisches Dehnen des seitlichen Halsmuskels"
    "hals": {"dehnung-der-nackenmuskulatur", "postisometrisches-dehnen-des-seitlichen-halsmuskels", "uebung-gegen-den-handynacken"},
    "nacken": {"dehnung-der-nackenmuskulatur", "uebung-gegen-den-handynacken"}, "nackenmuskulatur": {"dehnung-der-nackenmuskulatur"},
    "seitlicher-halsmuskel": {"postisometrisches-dehnen-des-seitlichen-halsmuskels"},
    # shoulders: "Dehnung des Schultergürtels"; "Die Dehnung sollten Sie in der Schulter spüren"; "Dehnung durch Schulterrotation";
    # Katze-Kuh: "Entspannung des Oberkörpers"
    "oberkoerper": {"dehnung-des-schulterguertels", "dehnung-durch-schulterrotation", "dehnung-von-schulter-und-trizeps",
                    "entspannung-des-oberkoerpers"},
    "schulterguertel": {"dehnung-des-schulterguertels"},
    "schultern": {"dehnung-durch-schulterrotation", "dehnung-von-schulter-und-trizeps"},
    # back: "Dehnung des Rückens (Child's Pose)"; Katze-Kuh: "den Rücken in ein Hohlkreuz ziehen"; Plank and the strengthening
    # exercises for the back muscles
    "ruecken": {"dehnung-des-rueckens", "entspannung-des-oberkoerpers", "gezielte-uebungen", "unterarmstuetz"},
    "rumpf": {"dehnung-des-rueckens", "entspannung-des-oberkoerpers", "gezielte-uebungen", "unterarmstuetz"},
}
# "Ganzer Körper" encloses every exercise that names a structure (Dreh-Dehn-Lage names none it works on).
EXERCISES_BY_REGION["ganzer-koerper"] = set().union(*EXERCISES_BY_REGION.values())


def test_exercises_by_body_region_every_region_exactly():
    result = ask("exercises-by-body-region")
    found: dict[str, set[str]] = {}
    for region, exercise in keys(result, "region", "exercise"):
        found.setdefault(region.removeprefix("res:"), set()).add(exercise.removeprefix("res:"))
    assert found == EXERCISES_BY_REGION
    assert len(result) == sum(map(len, EXERCISES_BY_REGION.values()))


HEDGED = {
    # "Eine weitere sehr häufige Ursache sind psychische Belastungen, wie Stress oder Angst."; "Rückenverspannungen in der
    # Lendenwirbelsäule kommen sehr häufig vor"
    "VeryCommon": {("res:psychische-belastung", "cramp:causes", "res:muskelkrampf-im-ruecken"),
                   ("res:stress", "cramp:causes", "res:muskelkrampf-im-ruecken"),
                   ("res:angst", "cramp:causes", "res:muskelkrampf-im-ruecken"),
                   ("res:verspannung-im-unteren-ruecken", "cramp:locatedIn", "res:lendenwirbelsaeule")},
    # "In den meisten Fällen sind Fehlhaltungen oder Überlastungen, gepaart mit Bewegungsmangel, Ursache für
    # Muskelverspannungen."; "Die Diagnose ... umfasst in der Regel folgende Schritte: 1. Anamnese ... 2. Körperliche
    # Untersuchung ... 3. Bildgebende Verfahren"; "ist in der Regel eine physiotherapeutische Anleitung nötig"; "In den
    # meisten Fällen kann sich eine Blockade von selbst lösen"
    "MostCases": {("res:fehlhaltung", "cramp:causes", MV), ("res:ueberlastung", "cramp:causes", MV),
                  ("res:bewegungsmangel", "cramp:causes", MV),
                  *{("res:diagnose-von-muskelkraempfen-im-ruecken", "cramp:hasStep", f"res:{s}") for s in (
                      "anamnese", "koerperliche-untersuchung", "bildgebende-verfahren")},
                  ("res:physiotherapeutische-anleitung", "cramp:treats", "res:fehlhaltung"),
                  ("res:rueckenblockade", "cramp:causes", "res:spontane-loesung-der-blockade")},
    # "Schmerzhafte Anfälle von Muskelsteifheit und -krämpfen in Beinen und Rücken sind typische Symptome beim
    # Stiff-Person-Syndrom."; "Die Muskeln am Rücken und Bauch sind meist zuerst betroffen"; mid back: "Meist sind die
    # Ursachen für Schmerzen in diesem Bereich harmlos und schnell zu beheben."
    "Typical": {*{("res:stiff-person-syndrom", "cramp:hasSymptom", f"res:{s}") for s in (
                    "muskelsteifheit", "muskelkrampf", "muskelkrampf-im-ruecken")},
                ("res:stiff-person-syndrom", "cramp:causes", "res:muskelkrampf-im-ruecken"),
                *{("res:stiff-person-syndrom", "cramp:affectsStructure", f"res:{s}") for s in (
                    "beine", "ruecken", "rueckenmuskulatur", "bauchmuskeln")},
                ("res:schmerzen-im-mittleren-ruecken", "cramp:causesHarmless", "true"),
                ("res:schmerzen-im-mittleren-ruecken", "cramp:quicklyRemediable", "true")},
    # "In seltenen Fällen ... können auch Kortison-Injektionen erwogen werden, um Entzündungen und Schmerzen zu lindern.";
    # "Bandscheibenerkrankungen sind an der Brustwirbelsäule recht selten."
    "Rare": {("res:kortison-injektion", "cramp:alleviates", "res:entzuendung"),
             ("res:kortison-injektion", "cramp:alleviates", "res:schmerzen"),
             ("res:bandscheibenerkrankung", "cramp:locatedIn", "res:brustwirbelsaeule"),
             ("res:bandscheibenerkrankung", "cramp:causes", "res:schmerzen-im-mittleren-ruecken")},
}


@pytest.mark.parametrize("hedge", sorted(HEDGED))
def test_hedged_claims_exactly(hedge):
    result = ask("hedged-claims", hedge=hedge)
    assert keys(result, "subject", "property", "object") == HEDGED[hedge]
    assert len(result) == len(HEDGED[hedge]), "one row per claim"


# The hedge values the article uses for certainty and frequency (modality is a recommendation's strength, not a hedge of a
# claim): "möglich"/"kann", "häufig", "in manchen Fällen", "typisch"/"meist", "in den meisten Fällen"/"in der Regel",
# "sehr häufig", "selten".
CLAIM_HEDGES = {"Possible", "Common", "SomeCases", "Typical", "MostCases", "VeryCommon", "Rare"}


def test_hedged_claims_default_is_every_hedge():
    result = ask("hedged-claims")
    assert {h.removeprefix("cramp:") for (h,) in keys(result, "hedge")} == CLAIM_HEDGES
    by_hedge = set().union(*({(h, *t) for t in keys(ask("hedged-claims", hedge=h), "subject", "property", "object")}
                             for h in CLAIM_HEDGES))
    assert {(h.removeprefix("cramp:"), s, p, o) for s, p, o, h in keys(result, "subject", "property", "object", "hedge")} == by_hedge
    assert len(result) == len(by_hedge), "a claim the article makes twice is one row"


def curated_hedge_counts() -> dict[tuple[str, str], int]:
    """Statements per hedge as the curated records state them (one per record: each is its own annotated axiom)."""
    from crampkg.loaders.records import read_facts

    facts, problems = read_facts(ROOT / "sources" / "muskelkrampf-im-ruecken", "muskelkrampf-im-ruecken")
    assert not problems
    counts: Counter = Counter()
    for record in facts.relations:
        for kind in ("certainty", "frequency", "modality"):
            value = getattr(record, kind)
            if value:  # "very-common" -> cramp:VeryCommon
                counts[(f"cramp:{kind}", "cramp:" + "".join(part.capitalize() for part in value.split("-")))] += 1
    return dict(counts)


def test_hedge_summary_exactly():
    # Statements (annotated axioms) per hedge: the counts of the curated records, read without SPARQL; Rare,
    # VeryCommon, Typical and MostCases are also the claims listed by hand in HEDGED.
    result = ask("hedge-summary")
    counts = {(kind, hedge): int(n) for kind, hedge, n in keys(result, "hedgeKind", "hedge", "statements")}
    assert counts == curated_hedge_counts()
    assert {h: counts[("cramp:frequency", f"cramp:{h}")] for h in HEDGED} == {h: len(c) for h, c in HEDGED.items()}


def _article_entities(graph) -> set:
    """The entities the article names: every IRI with evidence in the built graph (asserted, no inference)."""
    from rdflib import URIRef

    from crampkg.namespaces import CRAMP

    return {s for s in graph.subjects(CRAMP.hasEvidence, None) if isinstance(s, URIRef)}


def test_labels_cover_every_entity_exactly(graph):
    # Every entity with evidence has a German and an English label (the build checks it), so the answer is all of them, once.
    from rdflib import RDFS

    result = ask("labels")
    expected = {(short(e), str(de), str(en)) for e in _article_entities(graph) for de in graph.objects(e, RDFS.label)
                for en in graph.objects(e, RDFS.label) if de.language == "de" and en.language == "en"}
    assert keys(result, "entity", "de", "en") == expected
    assert len(result) == len(_article_entities(graph))


def test_individuals_per_class_exactly(graph):
    from rdflib import OWL, RDF

    expected = Counter(short(c) for e in _article_entities(graph) for c in set(graph.objects(e, RDF.type)) if c != OWL.NamedIndividual)
    result = ask("individuals-per-class")
    assert {c: int(n) for c, n in keys(result, "class", "individuals")} == dict(expected)
    assert len(result) == len(expected)


def test_causal_network_is_exactly_the_five_relations(graph):
    from crampkg.namespaces import CRAMP

    relations = {CRAMP.causes, CRAMP.hasSymptom, CRAMP.hasAccompanyingSymptom, CRAMP.alleviates, CRAMP.treats}
    result = ask("causal-network")
    assert {t for t in result.graph if t[1] in relations} == {t for t in graph if t[1] in relations}
    # "Muskelkrämpfe im Rücken können verschiedene Ursachen haben, von harmlosen Muskelverspannungen ..."; "Kälteanwendungen
    # helfen, die Schmerzen zu reduzieren"
    from crampkg.namespaces import RESOURCE

    assert (RESOURCE.muskelverspannung, CRAMP.causes, RESOURCE["muskelkrampf-im-ruecken"]) in result.graph
    assert (RESOURCE.kaelteanwendung, CRAMP.alleviates, RESOURCE.schmerzen) in result.graph


def _curated_mappings(system: str) -> set[tuple[str, str, str, str]]:
    """The links ``mappings.yaml`` gives into ``system``, as (entity, code, label, match); each is checked by test_mappings
    against the release an installed package ships."""
    from crampkg.mappings.records import read_mapping_file

    path = Path(__file__).parent.parent / "sources" / "muskelkrampf-im-ruecken" / "mappings.yaml"
    _, records, problems = read_mapping_file(path, "mappings.yaml", "muskelkrampf-im-ruecken")
    assert not problems
    return {(f"res:{r.entity}", r.code, r.label, f"skos:{r.predicate}") for r in records if r.system == system}


def _typed_under(graph, top) -> set[str]:
    from rdflib import RDF, RDFS

    classes = set(graph.transitive_subjects(RDFS.subClassOf, top))
    return {short(e) for c in classes for e in graph.subjects(RDF.type, c)}


def _coded(result, entity: str, code: str, label: str) -> tuple[set, set]:
    """The (entity, code, label, match) rows with a code, and the entities listed without one."""
    rows = keys(result, entity, code, label, "match")
    return {r for r in rows if r[1]}, {r[0] for r in rows if not r[1]}


@pytest.mark.parametrize("system", ["ICD10", "ICD10CM"])
def test_icd10_codes_of_causes_exactly(graph, system):
    from crampkg.namespaces import CRAMP

    causes = {short(s) for s in graph.subjects(CRAMP.causes, None)} | _typed_under(graph, CRAMP.CausalFactor)
    # "mit einer dauerhaften Behandlung können aber stabile Phasen ... erreicht werden": a treatment's outcome, not a cause
    assert "res:dauerhafte-behandlung" in causes
    causes -= _typed_under(graph, CRAMP.Therapy)
    result = ask("icd10-codes-of-causes", **({} if system == "ICD10" else {"system": system}))
    coded, uncoded = _coded(result, "cause", "code", "codeLabel")
    assert coded == {m for m in _curated_mappings(system) if m[0] in causes}
    assert uncoded == causes - {m[0] for m in coded}, "a cause without a code is listed once, with no code"
    assert len(result) == len(coded) + len(uncoded)
    if system == "ICD10":
        # "ein Mangel an Magnesium" -> E61.2 Magnesium deficiency; "Bewegungsmangel" -> Z72.3
        assert {("res:magnesiummangel", "E61.2", "Magnesium deficiency", "skos:exactMatch"),
                ("res:bewegungsmangel", "Z72.3", "Lack of physical exercise", "skos:exactMatch")} <= coded


def test_hpo_terms_of_symptoms_exactly(graph):
    from crampkg.namespaces import CRAMP

    symptoms = ({short(o) for p in (CRAMP.hasSymptom, CRAMP.hasAccompanyingSymptom) for o in graph.objects(None, p)}
                | _typed_under(graph, CRAMP.SignOrSymptom))
    result = ask("hpo-terms-of-symptoms")
    coded, uncoded = _coded(result, "symptom", "hpoId", "hpoLabel")
    assert coded == {m for m in _curated_mappings("HPO") if m[0] in symptoms}
    assert uncoded == symptoms - {m[0] for m in coded}
    assert len(result) == len(coded) + len(uncoded)
    # "Außerdem kommen beim Stiff-Person-Syndrom auch Symptome wie Herzrasen ..." -> HP:0001649 Tachycardia
    assert ("res:herzrasen", "HP:0001649", "Tachycardia", "skos:exactMatch") in coded


@pytest.mark.parametrize("system", [None, "HPO"])
def test_unmapped_entities_exactly(graph, system):
    from crampkg.namespaces import CRAMP

    in_scope = set().union(*(_typed_under(graph, top) for top in (CRAMP.MedicalCondition, CRAMP.SignOrSymptom,
                                                                   CRAMP.CausalFactor, CRAMP.ClinicalFinding)))
    mapped = {m[0] for s in (["ICD10", "ICD10CM", "HPO"] if system is None else [system]) for m in _curated_mappings(s)}
    result = ask("unmapped-entities", **({"system": system} if system else {}))
    assert column(result, "entity") == in_scope - mapped
    # "Vor allem bei plötzlichen Reizen wie Geräuschen ..." (a stimulus has no code)
    assert "res:geraeusch" in column(result, "entity")


def test_causes_by_kind_default_is_psychological():
    # "Eine weitere sehr häufige Ursache sind psychische Belastungen, wie Stress oder Angst."; "Bei Angst „erstarren" die
    # Muskeln"; "Stress oder unangenehme Situationen lassen die Betroffenen „den Kopf einziehen""; "bei großem Kummer gehen
    # wir „von Gram gebeugt""; "Psychosoziale Faktoren, wie Stress, Überarbeitung oder Übermüdung, können ebenfalls zu einer
    # akuten Lumbago führen"; "Entspannungstechniken ... zum Abbau von Stress als Verspannungsursache"
    assert keys(ask("causes-by-kind"), "cause", "effect") == {
        ("res:psychische-belastung", "res:muskelkrampf-im-ruecken"), ("res:stress", "res:muskelkrampf-im-ruecken"),
        ("res:angst", "res:muskelkrampf-im-ruecken"), ("res:angst", "res:erstarren-der-muskeln"),
        ("res:stress", "res:kopf-einziehen"), ("res:unangenehme-situation", "res:kopf-einziehen"),
        ("res:grosser-kummer", "res:von-gram-gebeugt"), ("res:psychosozialer-faktor", "res:hexenschuss"),
        ("res:stress", "res:hexenschuss"), ("res:ueberarbeitung", "res:hexenschuss"), ("res:uebermuedung", "res:hexenschuss"),
        ("res:stress", MV),
    }


def test_entity_default_is_the_cramp(graph):
    from rdflib import BNode

    from crampkg.namespaces import CRAMP, RESOURCE

    result = ask("entity")
    found = keys(result, "direction", "property", "other")
    # What the article says of the cramp itself: the bullets of "Symptome von Muskelkrämpfen im Rücken" (Schmerzen,
    # Bewegungseinschränkungen, Muskelverspannungen that feel hard and tender, radiating pain, blocked feeling, sensory
    # disturbance, breathing and stomach problems), "Die Symptome reichen von leichten Beschwerden bis hin zu starken
    # Schmerzen"; "Muskelkrämpfe im Rücken" lead to back pain, are muscle cramps in the back, restrict mobility, can affect
    # the bowel ("Auswirkungen auf die Darmtätigkeit") and nerves ("wenn Nerven betroffen sind").
    assert {t for t in found if t[0] == "out"} == {("out", "cramp:hasSymptom", f"res:{s}") for s in (
        "schmerzen", "bewegungseinschraenkung", "muskelverspannung", "harte-stelle", "druckempfindlichkeit",
        "ausstrahlende-schmerzen", "gefuehl-der-blockierung", "sensibilitaetsstoerung", "atemprobleme", "magenprobleme",
        "leichte-beschwerden", "starke-schmerzen")} | {
        ("out", "cramp:causes", "res:rueckenschmerzen"), ("out", "cramp:isKindOf", "res:muskelkrampf"),
        ("out", "cramp:locatedIn", "res:ruecken"), ("out", "cramp:affectsFunction", "res:beweglichkeit"),
        ("out", "cramp:affectsFunction", "res:darmtaetigkeit"), ("out", "cramp:affectsStructure", "res:nerv")}
    # What the article says about it: every statement with the cramp as object (causes, treatments, exercises, prevention).
    cramp = RESOURCE["muskelkrampf-im-ruecken"]
    incoming = {("in", short(p), short(s)) for s, p in graph.subject_predicates(cramp)
                if str(p).startswith(str(CRAMP)) and p != CRAMP.hasEvidence and not isinstance(s, BNode)}
    assert {t for t in found if t[0] == "in"} == incoming
    assert ("in", "cramp:causes", "res:magnesiummangel") in incoming


def test_evidence_default_is_every_statement_of_magnesium_deficiency(article):
    # "Störungen im Mineralstoffhaushalt, wie z. B. ein Mangel an Magnesium, Kalzium oder Kalium": the deficiency is a kind of
    # mineral imbalance, and a cause of the cramps; both statements rest on that sentence.
    result = ask("evidence")
    rows = keys(result, "property", "object", "quote", "start", "end")
    assert {(p, o) for p, o, *_ in rows} == {("cramp:causes", "res:muskelkrampf-im-ruecken"),
                                             ("cramp:isKindOf", "res:stoerung-im-mineralstoffhaushalt")}
    assert all(article.text[int(start):int(end)] == quote for _, _, quote, start, end in rows)
    assert len(result) == 2


@pytest.mark.slow  # every named query with a lang parameter, once more
@pytest.mark.parametrize("name", [n for n, q in named_queries().items() if "lang" in q.params])
def test_english_labels_give_the_same_answer(name):
    # The lang parameter changes the labels, never which entities answer.
    german, english = ask(name), ask(name, lang="en")
    assert english.variables == german.variables
    first = german.variables[0]
    assert column(english, first) == column(german, first)
    assert len(english) == len(german)


# Every named query with the tests that compare its full answer (all rows, by IRI or key tuple) with ``==``.
EXACT_TESTS = {
    "accompanying-symptoms-by-region": ["test_accompanying_symptoms_by_region"],
    "body-region-hierarchy": ["test_body_region_hierarchy_within_the_back_exactly",
                              "test_body_region_hierarchy_every_structure_exactly"],
    "causal-network": ["test_causal_network_is_exactly_the_five_relations"],
    "causes-by-kind": ["test_causes_by_kind", "test_causes_by_kind_default_is_psychological"],
    "causes-of-back-cramps": ["test_causes_of_back_cramps"],
    "diagnosis-steps": ["test_diagnosis_steps"],
    "disease-attributes": ["test_disease_attributes_exactly"],
    "diseases-as-causes": ["test_diseases_as_causes"],
    "drug-side-effects": ["test_drug_side_effects"],
    "drug-treatments": ["test_drug_treatments_exactly"],
    "drugs-by-class": ["test_drugs_by_class"],
    "entity": ["test_entity_neighbourhood", "test_entity_default_is_the_cramp"],
    "evidence": ["test_evidence_default_is_every_statement_of_magnesium_deficiency"],
    "exercise-positions": ["test_exercise_positions_exactly"],
    "exercise-protocols": ["test_exercise_protocols_exactly"],
    "exercise-steps": ["test_exercise_steps_in_order", "test_exercise_steps_default_is_the_childs_pose"],
    "exercises-by-body-region": ["test_exercises_by_body_region", "test_exercises_by_body_region_every_region_exactly"],
    "exercises-with-equipment": ["test_exercises_with_equipment"],
    "hedge-summary": ["test_hedge_summary_exactly"],
    "hedged-claims": ["test_hedged_claims_exactly", "test_hedged_claims_default_is_every_hedge"],
    "hpo-terms-of-symptoms": ["test_hpo_terms_of_symptoms_exactly"],
    "icd10-codes-of-causes": ["test_icd10_codes_of_causes_exactly"],
    "imaging-methods": ["test_imaging_methods"],
    "imaging-rule": ["test_imaging_rule"],
    "individuals-per-class": ["test_individuals_per_class_exactly"],
    "labels": ["test_labels_cover_every_entity_exactly"],
    "lumbago": ["test_lumbago"],
    "mechanism-paths": ["test_mechanism_paths_from_sitting", "test_mechanism_paths_from_pregnancy_exactly",
                        "test_mechanism_paths_every_chain"],
    "non-drug-treatments": ["test_non_drug_treatments_exactly"],
    "pain-radiation": ["test_pain_radiation"],
    "postural-and-overload-causes": ["test_postural_and_overload_causes"],
    "prevention-for-cause": ["test_prevention_for_cause_exactly", "test_prevention_for_cause_default_is_poor_posture"],
    "prevention-measures": ["test_prevention_measures_exactly"],
    "psychological-causes": ["test_psychological_causes"],
    "related-articles": ["test_related_articles"],
    "risk-factors": ["test_risk_factors"],
    "specialists": ["test_specialists"],
    "stiff-person-syndrome": ["test_stiff_person_syndrome_exactly"],
    "symptoms-of-back-cramps": ["test_symptoms_of_back_cramps", "test_symptoms_of_back_cramps_with_their_hedges_exactly",
                                "test_symptoms_of_stiff_person_syndrome_exactly"],
    "treatment-conditions": ["test_treatment_conditions_link_what_they_name"],
    "treatments-for-mineral-deficiency-symptoms": ["test_treatments_for_mineral_deficiency_symptoms_exactly"],
    "triggers": ["test_triggers"],
    "unmapped-entities": ["test_unmapped_entities_exactly"],
    "when-to-see-a-doctor": ["test_when_to_see_a_doctor"],
}


def test_every_named_query_has_an_exact_test():
    import inspect

    assert set(EXACT_TESTS) == set(named_queries()), "register each named query with its exact test(s) in EXACT_TESTS"
    for name, tests in EXACT_TESTS.items():
        for test in tests:
            source = inspect.getsource(globals()[test])
            assert f'ask("{name}"' in source, f"{test} does not run {name}"
            assert " == " in source, f"{test} compares no full answer with =="


def test_symptoms_of_back_cramps_with_their_hedges_exactly():
    # "Die Schmerzen können lokalisiert sein"; "Eine eingeschränkte Beweglichkeit und ein Gefühl der Blockierung können
    # ebenfalls auftreten."; "Häufig reagieren die umgebenden Muskeln auf die Blockade mit Verspannungen"; "In manchen Fällen
    # strahlen die Schmerzen ... aus"; "Ausstrahlung mit Sensibilitätsstörungen ... ist möglich." The rest are stated plainly.
    result = ask("symptoms-of-back-cramps")
    hedges = {"schmerzen": ("cramp:Possible", ""), "bewegungseinschraenkung": ("cramp:Possible", ""),
              "gefuehl-der-blockierung": ("cramp:Possible", ""), "sensibilitaetsstoerung": ("cramp:Possible", ""),
              "muskelverspannung": ("", "cramp:Common"), "ausstrahlende-schmerzen": ("", "cramp:SomeCases")}
    plain = ("harte-stelle", "druckempfindlichkeit", "atemprobleme", "magenprobleme", "leichte-beschwerden", "starke-schmerzen")
    assert keys(result, "symptom", "certainty", "frequency") == {
        *{(f"res:{s}", *h) for s, h in hedges.items()}, *{(f"res:{s}", "", "") for s in plain}}
    assert len(result) == len(hedges) + len(plain), "one row per symptom"
