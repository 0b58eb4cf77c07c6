"""``crampkg site``: the entity and ontology pages as a static site, each entity in three RDF formats, the VoID
file and the w3id redirect rules; links between the pages resolve inside the site."""
from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import unquote

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDFS

from conftest import FIXTURES
from crampkg.cli import main

pytestmark = pytest.mark.slow  # the whole site built

MAGNESIUM = URIRef("https://w3id.org/crampkg/resource/magnesiummangel")


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("site")
    assert main(["site", "--sources", str(FIXTURES / "mini"), "--out", str(out),
                 "--base-url", "https://pages.example/crampkg"]) == 0
    return out


def test_each_entity_has_a_page_with_its_hedged_statements_and_highlighted_evidence(site):
    page = (site / "resource" / "magnesiummangel.html").read_text(encoding="utf-8")
    assert "<li>Magnesiummangel <span class=\"hedge\">@de</span></li>" in page
    assert "<li>magnesium deficiency <span class=\"hedge\">@en</span></li>" in page
    assert '<span class="hedge">possible</span><blockquote>„Ein Mangel an Magnesium kann Krämpfe im Rücken verursachen.“' in page
    assert "<mark>Ein Mangel an Magnesium kann Krämpfe im Rücken verursachen.</mark>" in page
    assert 'href="rueckenkrampf.html"' in page
    cold = (site / "resource" / "kaelteanwendung.html").read_text(encoding="utf-8")
    assert "„Kälteanwendungen helfen in der akuten Phase.“" in cold


@pytest.mark.parametrize(("suffix", "rdf_format"), [("ttl", "turtle"), ("nt", "nt"), ("jsonld", "json-ld")])
def test_each_entity_is_written_in_each_rdf_format(site, suffix, rdf_format):
    description = Graph().parse(site / "resource" / f"magnesiummangel.{suffix}", format=rdf_format)
    assert (MAGNESIUM, RDFS.label, Literal("Magnesiummangel", lang="de")) in description


def test_every_link_between_the_pages_resolves_inside_the_site(site):
    pages = sorted(site.rglob("*.html"))
    assert (site / "ontology.html") in pages and (site / "index.html") in pages
    for page in pages:
        for target in re.findall(r'href="([^"#]+)', page.read_text(encoding="utf-8")):
            assert (page.parent / unquote(target)).is_file(), f"{page}: {target}"


def test_the_redirect_rules_send_people_to_pages_and_machines_to_rdf(site):
    rules = (site / ".htaccess").read_text(encoding="utf-8").splitlines()
    assert "RewriteCond %{HTTP_ACCEPT} text/turtle" in rules
    turtle = rules.index("RewriteCond %{HTTP_ACCEPT} text/turtle")
    assert rules[turtle + 1] == r"RewriteRule ^resource/(.+?)(\.html)?$ https://pages.example/crampkg/resource/$1.ttl [R=303,L]"
    assert r"RewriteRule ^resource/(.+?)(\.html)?$ https://pages.example/crampkg/resource/$1.html [R=303,L]" in rules
    assert r"RewriteRule ^\.well-known/void$ https://pages.example/crampkg/void.ttl [R=303,L]" in rules
    # the catch-all HTML rule comes after every Accept rule
    assert rules.index(r"RewriteRule ^resource/(.+?)(\.html)?$ https://pages.example/crampkg/resource/$1.html [R=303,L]") > turtle


def test_the_void_file_counts_the_built_graphs(site):
    from rdflib.namespace import VOID

    from crampkg.store import load

    void = Graph().parse(site / "void.ttl", format="turtle")
    expected = len(load(FIXTURES / "mini", reasoning="all"))
    assert int(void.value(URIRef("https://w3id.org/crampkg/dataset"), VOID.triples)) == expected


def test_a_base_url_that_is_not_absolute_is_refused_and_nothing_is_written(tmp_path, capsys):
    assert main(["site", "--sources", str(FIXTURES / "mini"), "--out", str(tmp_path / "out"), "--base-url", "pages/x"]) == 2
    assert "--base-url 'pages/x' is not an absolute http(s) URL" in capsys.readouterr().err
    assert not (tmp_path / "out").exists()
