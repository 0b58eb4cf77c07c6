"""Sentence coverage: the splitter, the coverage rule, one test per error kind, and the shipped article at 100 %."""
from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from conftest import run_cli
from crampkg.build.graph import build_graph
from crampkg.errors import CurationError
from crampkg.loaders.article import Article, Section
from crampkg.loaders.coverage import Evidence, account_sentences
from crampkg.loaders.evidence import Span
from crampkg.loaders.sentences import split_sentences
from test_errors import break_file, build_broken

MINI_TEXT = "kleiner-artikel/article.txt"
MINI_LIST = "kleiner-artikel/not-modelled.yaml"


def one_section_article(body: str) -> Article:
    """An article of one heading line and ``body``, all in section ``s``."""
    text = f"Titel\n\n{body}\n"
    return Article(id="a", folder=Path("."), text=text, title="Titel", title_en="", language="de",
                   sections={"s": Section("s", "Titel", "", None, 0, len(text), 1)})


def texts(body: str) -> list[str]:
    return [s.text for s in split_sentences(one_section_article(body))]


@pytest.mark.parametrize("abbreviation", ["z. B.", "u. a.", "ca.", "bzw.", "Dr.", "d. h.", "etc."])
def test_abbreviations_do_not_end_a_sentence(abbreviation):
    body = f"Manche Ursachen {abbreviation} Magnesiummangel sind harmlos. Andere nicht."
    assert texts(body) == [f"Manche Ursachen {abbreviation} Magnesiummangel sind harmlos.", "Andere nicht."]


def test_sentences_end_at_full_stop_question_and_exclamation_mark_before_a_capital():
    assert texts("Hilft Wärme? Ja! Oft „sehr“. 20 Sekunden halten. danach nicht") == [
        "Hilft Wärme?", "Ja!", "Oft „sehr“.", "20 Sekunden halten. danach nicht"]


def test_list_markers_are_dropped_and_item_labels_stand_alone():
    article = one_section_article("  • Schmerzen: Die Schmerzen sind stark. Sie strahlen aus.\n"
                                  "  • Dehnung des Rückens:\n"
                                  "    1. Mit der Einatmung: das Brustbein heben.\n"
                                  "    2. Anamnese: Der Arzt fragt.")
    assert [(s.kind, s.text) for s in split_sentences(article)] == [
        ("label", "Schmerzen:"), ("list item", "Die Schmerzen sind stark."), ("list item", "Sie strahlen aus."),
        ("label", "Dehnung des Rückens:"),
        ("step", "Mit der Einatmung: das Brustbein heben."),
        ("label", "Anamnese:"), ("step", "Der Arzt fragt.")]


def test_offsets_are_code_points_into_the_article(article):
    for sentence in split_sentences(article):
        assert article.text[sentence.start:sentence.end] == sentence.text
        assert article.sections[sentence.section].start <= sentence.start < article.sections[sentence.section].end
    first = split_sentences(article)[0]
    assert (first.start, first.end) == (73, 185), "after the 71-character title line and a blank line"


def test_the_shipped_article_has_248_content_sentences(article):
    sentences = split_sentences(article)
    assert len(sentences) == 248
    # labels: 10 symptoms, 3 diagnostic steps, 9 non-drug treatments, 10 exercises + "Beispiel:" +
    # "Ausgangsstellung:", 9 prevention tips; steps: 5 in the diagnosis, 49 in the ten exercises
    assert Counter(s.kind for s in sentences) == {"sentence": 76, "list item": 75, "step": 54, "label": 43}
    headings = {section.heading for section in article.sections.values()}
    assert not headings & {s.text for s in sentences}, "headings are not content"
    assert "Lesen Sie auch: Bizepskrampf: Hilft TENS?" in {s.text for s in sentences}, "asides are content"
    exercise_steps = [s for s in sentences if s.section == "uebungen" and s.kind == "step"]
    assert exercise_steps[0].text == "Stellen Sie sich aufrecht und etwa schulterbreit hin."


def test_the_shipped_article_is_accounted_for_in_full(built):
    (coverage,) = built.coverage
    assert coverage.total == 248
    assert coverage.unaccounted() == []
    assert coverage.accounted == coverage.total == coverage.covered + len(coverage.listed)
    assert not set(coverage.covered_by) & set(coverage.listed), "a listed sentence is never covered"
    assert all(record.reason for record in coverage.listed.values())
    assert (coverage.covered, len(coverage.listed)) == (239, 9)


def span(article: Article, quote: str) -> Span:
    start = article.text.index(quote)
    return Span(start, start + len(quote), quote, "", "", "s")


def test_a_quote_covers_every_sentence_it_shares_a_letter_with():
    article = one_section_article("Wärme hilft. Kälte hilft auch. Ruhe hilft nicht.")
    evidence = [Evidence(span(article, "hilft. Kälte"), "relation a"), Evidence(span(article, "nicht."), "relation b")]
    coverage, problems = account_sentences(article, evidence, [], "a")
    assert sorted(coverage.covered_by) == [0, 1, 2]
    assert coverage.covered_by[1] == ["relation a"] and problems == []


def test_a_quote_that_only_touches_punctuation_or_space_covers_nothing():
    article = one_section_article("Wärme hilft. Kälte hilft auch.")
    coverage, problems = account_sentences(article, [Evidence(span(article, "hilft. "), "relation a")], [], "a")
    assert sorted(coverage.covered_by) == [0]
    assert len(problems) == 1 and "unaccounted sentence 'Kälte hilft auch.'" in problems[0].message


def test_an_unaccounted_sentence_fails_the_build_naming_it(mini_sources, tmp_path):
    break_file(mini_sources, "in der akuten Phase.", "in der akuten Phase. Wärme hilft später.", name=MINI_TEXT)
    message = build_broken(mini_sources, tmp_path)
    assert "1 problem in the curated sources; nothing was written" in message
    assert ("kleiner-artikel/article.txt:5: sentence at offset 132 in section 'ursachen': "
            "unaccounted sentence 'Wärme hilft später.'") in message
    assert "model it" in message and "not-modelled.yaml with a quote, its section and the reason" in message


def write_listing(sources: Path, records: str) -> None:
    (sources / MINI_LIST).write_text(f"sentences:\n{records}", encoding="utf-8")


def test_a_listed_sentence_that_a_statement_covers_is_stale(mini_sources, tmp_path):
    write_listing(mini_sources, '  - {quote: "Ein Mangel an Magnesium kann", section: ursachen, reason: "no fact"}\n')
    message = build_broken(mini_sources, tmp_path)
    assert "kleiner-artikel/not-modelled.yaml:2: not modelled 'Ein Mangel an Magnesium kann': stale:" in message
    assert "is the evidence of entity 'magnesiummangel'" in message
    assert "remove it from not-modelled.yaml" in message


def test_a_listed_quote_not_in_the_article_is_an_error(mini_sources, tmp_path):
    write_listing(mini_sources, '  - {quote: "Zink hilft.", section: ursachen, reason: "no fact"}\n')
    message = build_broken(mini_sources, tmp_path)
    assert "kleiner-artikel/not-modelled.yaml:2: not modelled 'Zink hilft.': quote not found in section 'ursachen'" in message
    assert "copy the words exactly from the article" in message


def problems_of(sources: Path) -> str:
    with pytest.raises(CurationError) as caught:
        build_graph(sources)
    return str(caught.value)


LISTING_CASES = {
    "wrong section": ('  - {quote: "Ein Mangel", section: uebungen, reason: "x"}\n', "it occurs in section(s) ursachen"),
    "empty reason": ('  - {quote: "Ein Mangel", section: ursachen, reason: " "}\n', "has an empty reason"),
    "missing reason": ('  - {quote: "Ein Mangel", section: ursachen}\n', "lacks reason"),
    "unknown field": ('  - {quote: "Ein Mangel", section: ursachen, reason: "x", why: "y"}\n', "unknown field(s) why"),
    "two sentences": ('  - {quote: "verursachen. Kälte", section: ursachen, reason: "x"}\n', "runs over 2 sentences"),
    "a heading": ('  - {quote: "Ursachen", section: ursachen, reason: "x"}\n', "quotes a heading"),
    "not a list": ("  quote: x\n", "must be a mapping with a list 'sentences'"),
}


@pytest.mark.parametrize("kind", sorted(LISTING_CASES))
def test_each_malformed_listing_is_reported(kind, mini_sources):
    records, expected = LISTING_CASES[kind]
    write_listing(mini_sources, records)
    message = problems_of(mini_sources)
    assert expected in message and "kleiner-artikel/not-modelled.yaml" in message


def test_the_same_sentence_listed_twice(mini_sources):
    break_file(mini_sources, "in der akuten Phase.", "in der akuten Phase. Wärme hilft später.", name=MINI_TEXT)
    write_listing(mini_sources, '  - {quote: "Wärme hilft", section: ursachen, reason: "x"}\n'
                                '  - {quote: "hilft später.", section: ursachen, reason: "x"}\n')
    assert "lists the same sentence as line 2" in problems_of(mini_sources)


def test_a_listed_sentence_accounts_for_it(mini_sources):
    break_file(mini_sources, "in der akuten Phase.", "in der akuten Phase. Wärme hilft später.", name=MINI_TEXT)
    write_listing(mini_sources, '  - {quote: "Wärme hilft später.", section: ursachen, reason: "an aside"}\n')
    (coverage,) = build_graph(mini_sources).coverage
    assert (coverage.total, coverage.covered, len(coverage.listed), coverage.accounted) == (6, 5, 1, 6)


@pytest.mark.slow  # crampkg check in a new process
def test_check_prints_the_sentence_coverage(mini_sources):
    result = run_cli("check", "--sources", str(mini_sources))
    assert result.returncode == 0, result.stderr
    assert ("Sentence coverage: kleiner-artikel: 5/5 content sentences accounted (100.0 %); "
            "5 covered by evidence, 0 listed as not modelled") in result.stdout.splitlines()
