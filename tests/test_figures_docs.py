"""The figures are real PNGs of the promised size with something drawn; the ontology page documents every term."""
from __future__ import annotations

import struct
from html.parser import HTMLParser
from pathlib import Path

import pytest
from rdflib import Graph, Literal
from rdflib.namespace import OWL, RDF, RDFS, SKOS

from crampkg.namespaces import CRAMP, RESOURCE as R
from crampkg.views.terms import CATEGORIES

pytestmark = pytest.mark.slow  # figures drawn with matplotlib

ROOT = Path(__file__).resolve().parent.parent
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def png_size(path: Path) -> tuple[int, int]:
    """Width and height from the IHDR chunk of a PNG file."""
    data = path.read_bytes()
    assert data[:8] == PNG_SIGNATURE, f"{path.name} is not a PNG"
    assert data[12:16] == b"IHDR"
    return struct.unpack(">II", data[16:24])


def drawn_fraction(path: Path) -> float:
    """The share of pixels that are not the background white."""
    from matplotlib.image import imread

    pixels = imread(path)[..., :3]
    return float((pixels.min(axis=2) < 0.95).mean())


@pytest.fixture(scope="module")
def figures(graph, tmp_path_factory):
    from crampkg.render.figures import write_figures

    return write_figures(tmp_path_factory.mktemp("figures"), graph=graph)


def test_write_figures_writes_every_figure_at_its_size_in_every_format(figures):
    from crampkg.render.figures import FIGURES

    assert [p.name for p in figures] == [f"{name}.{fmt}" for name in FIGURES for fmt in ("png", "svg", "pdf")]
    for path in figures:
        assert path.stat().st_size > 20_000, path.name
    for path in (p for p in figures if p.suffix == ".png"):
        assert png_size(path) == FIGURES[path.stem], path.name
        assert 0.02 < drawn_fraction(path) < 0.6, f"{path.name} looks empty or flooded"
    for path in (p for p in figures if p.suffix == ".svg"):
        assert path.read_bytes().startswith(b"<?xml") and b"<svg" in path.read_bytes(), path.name
    for path in (p for p in figures if p.suffix == ".pdf"):
        assert path.read_bytes().startswith(b"%PDF-"), path.name


def svg_texts(path: Path) -> str:
    """The text a figure's SVG shows: matplotlib writes each string drawn as an XML comment beside its glyphs."""
    import re

    return " ".join(re.findall(r"<!-- (.*?) -->", path.read_text(encoding="utf-8"), flags=re.S))


def test_a_german_figure_has_german_titles_and_legends_and_no_english_words(graph, tmp_path):
    from crampkg.render.figures import write_figures

    overview, network = write_figures(tmp_path, graph=graph, lang="de", formats=("svg",))
    shown = svg_texts(network)
    assert "Muskelkrampf im Rücken: Ursachen, Symptome und Behandlungen" in shown
    for german in ("verursacht", "hat Symptom", "lindert", "Ursachen", "Behandlungen der Symptome", "eingeschränkt: möglich"):
        assert german in shown, f"the German network figure lacks {german!r}"
    for english in ("causes", "symptoms", "treatments", "hedged", "hasSymptom", "alleviates", "condition", "statements"):
        assert english not in shown, f"the German network figure still shows {english!r}"
    shown = svg_texts(overview)
    assert "crampkg-Ontologie" in shown and "Aussagen zwischen Entitäten" in shown
    for english in ("classes by category", "object properties in use", "statements between entities", "crampkg ontology"):
        assert english not in shown, f"the German overview still shows {english!r}"


def test_figures_are_the_same_bytes_when_drawn_twice(graph, figures, tmp_path):
    from crampkg.render.figures import write_figures

    again = write_figures(tmp_path, graph=graph)
    for first, second in zip(figures, again, strict=True):
        assert first.read_bytes() == second.read_bytes(), f"{first.name} differs between two drawings"


def test_readme_copies_are_there_at_their_size():
    from crampkg.render.figures import FIGURES

    for name, size in FIGURES.items():
        path = ROOT / "docs" / "figures" / f"{name}.png"
        assert path.exists(), f"run write_figures('docs/figures') to add {name}"
        assert png_size(path) == size


def test_network_figure_labels_follow_the_language(graph):
    from crampkg.render.plot_network import plot_condition_network

    def labels(lang: str) -> set[str]:
        return {text.get_text() for text in plot_condition_network(graph, lang=lang).axes[0].texts}

    german, english = labels("de"), labels("en")
    assert {"Muskelkrampf im Rücken", "Magnesiummangel"} <= german
    assert {"back muscle cramp", "magnesium deficiency"} <= english


def test_network_figure_shows_the_causes_symptoms_and_treatments_of_the_rdf(graph):
    from crampkg.render.plot_network import condition_network
    from crampkg.views.analysis import CAUSAL_PROPERTIES
    from crampkg.views.network import to_networkx

    cramp = R["muskelkrampf-im-ruecken"]
    parts = condition_network(to_networkx(graph, properties=CAUSAL_PROPERTIES), "muskelkrampf-im-ruecken")
    symptoms = {str(o)[len(str(R)):] for p in (CRAMP.hasSymptom, CRAMP.hasAccompanyingSymptom) for o in graph.objects(cramp, p)}
    causes = {str(s)[len(str(R)):] for s in graph.subjects(CRAMP.causes, cramp)} - symptoms - {"muskelkrampf-im-ruecken"}
    assert set(parts["symptoms"]) == symptoms and set(parts["causes"]) == causes
    assert "magnesiummangel" in causes and "muskelverspannung" in symptoms, "muscle tension is a symptom and a cause"
    direct = {str(s)[len(str(R)):] for p in (CRAMP.alleviates, CRAMP.treats) for s in graph.subjects(p, cramp)}
    assert set(parts["direct"]) == direct


def test_every_category_has_a_colour():
    from crampkg.render.plot_style import CATEGORY_COLOURS

    assert {name for name, _ in CATEGORIES} <= set(CATEGORY_COLOURS)


# ---------------------------------------------------------------------------------------------------------------
# The ontology documentation, read back with html.parser
# ---------------------------------------------------------------------------------------------------------------


class Page(HTMLParser):
    """Collects ids, internal links, start tags and the text of each term section."""

    def __init__(self):
        super().__init__()
        self.ids: list[str] = []
        self.links: list[str] = []
        self.tags: list[str] = []
        self.sections: dict[str, str] = {}
        self._section: str | None = None

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        self.tags.append(tag)
        if "id" in attributes:
            self.ids.append(attributes["id"])
        if tag == "a" and attributes.get("href", "").startswith("#"):
            self.links.append(attributes["href"][1:])
        if tag == "section":
            self._section = attributes["id"]
            self.sections[self._section] = ""

    def handle_endtag(self, tag):
        if tag == "section":
            self._section = None

    def handle_data(self, data):
        if self._section:
            self.sections[self._section] += data


def read_page(path: Path) -> Page:
    page = Page()
    page.feed(path.read_text(encoding="utf-8"))
    page.close()
    return page


@pytest.fixture(scope="module")
def page(graph, tmp_path_factory):
    from crampkg.render.ontology_page import write_docs

    path = write_docs(tmp_path_factory.mktemp("docs"), graph=graph)
    assert path.name == "ontology.html"
    return read_page(path)


def _own_terms(graph: Graph, kind) -> set:
    return {t for t in graph.subjects(RDF.type, kind) if str(t).startswith(str(CRAMP))}


def test_every_class_and_property_has_a_section_with_both_labels_and_definitions(graph, page):
    terms = set()
    for kind in (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty, OWL.AnnotationProperty):
        terms |= _own_terms(graph, kind)
    assert len(terms) > 150
    for term in terms:
        name = str(term)[len(str(CRAMP)):]
        assert name in page.sections, name
        text = page.sections[name]
        for predicate in (RDFS.label, SKOS.definition):
            values = {v.language: str(v) for v in graph.objects(term, predicate)}
            assert set(values) == {"de", "en"}, (name, predicate)
            for value in values.values():
                assert value in text, (name, value)


def test_examples_come_from_the_data(graph, page):
    from crampkg.namespaces import is_article_entity

    assert "examples (4)" in page.sections["MineralDeficiency"] and "Magnesiummangel" in page.sections["MineralDeficiency"]
    statements = sum(1 for s, _ in graph.subject_objects(CRAMP.causes) if is_article_entity(s))
    assert f"examples ({statements})" in page.sections["causes"] and page.sections["causes"].count("→") == 5
    options = {s for p in (CRAMP.treats, CRAMP.alleviates) for s, _ in graph.subject_objects(p) if is_article_entity(s)}
    assert f"examples ({len(options)}, by its definition)" in page.sections["TreatmentOption"]
    assert "transitive" in page.sections["partOf"]
    assert "causes ∘ hasSymptom" in page.sections["causesSymptom"]


def test_hedge_values_are_documented(graph, page):
    for value in ("Possible", "Likely", "Typical", "VeryCommon", "Common", "MostCases", "SomeCases", "Rare",
                  "Recommended", "StronglyRecommended", "NotRecommended"):
        assert value in page.sections, value
    used = sum(1 for _ in graph.subjects(CRAMP.certainty, CRAMP.Possible))
    assert f"statements hedged so{used}" in page.sections["Possible"].replace("\n", "")


def test_ids_are_unique_and_every_internal_link_resolves(page):
    assert len(page.ids) == len(set(page.ids))
    missing = sorted(set(page.links) - set(page.ids))
    assert not missing
    assert len(page.links) > 300


def test_text_is_escaped(tmp_path):
    from crampkg.render.ontology_page import write_docs

    graph = Graph()
    nasty = '<script>alert("x")</script> & <b>'
    graph.add((CRAMP.Nasty, RDF.type, OWL.Class))
    graph.add((CRAMP.Nasty, RDFS.label, Literal(nasty, lang="en")))
    graph.add((CRAMP.Nasty, RDFS.label, Literal("böse", lang="de")))
    graph.add((CRAMP.Nasty, SKOS.definition, Literal("a < b", lang="en")))
    page = read_page(write_docs(tmp_path, graph=graph))
    assert "script" not in page.tags and "b" not in page.tags
    assert nasty in page.sections["Nasty"] and "a < b" in page.sections["Nasty"]
