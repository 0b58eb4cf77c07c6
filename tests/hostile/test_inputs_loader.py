"""Hostile curated input: every malformed file or record is a message naming file, line and what to do, exit 2,
no traceback, bounded in time and memory (``crampkg validate`` under a 1.5 GiB address-space limit)."""
from __future__ import annotations

import os

import pytest

from conftest import copy_mini
from hostile.inputs_support import FACTS, assert_clean_refusal, replace_in, run_cli

BOMB = """section: ursachen
a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]
b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]
c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]
d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]
e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]
f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]
g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]
h: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]
i: &i [*h,*h,*h,*h,*h,*h,*h,*h,*h]
entities: *i
"""


def validate(sources):
    return run_cli("validate", "--sources", str(sources), timeout=60)


def test_yaml_alias_bomb_is_refused_before_it_expands(tmp_path):
    sources = copy_mini(tmp_path)
    (sources / FACTS).write_text(BOMB, encoding="utf-8")
    assert len(BOMB) < 1024
    run = validate(sources)
    assert_clean_refusal(run, "kleiner-artikel/facts/mini.yaml:2:", "anchor &a is refused", "write the repeated values out in full")
    assert "MemoryError" not in run.stderr


def test_an_alias_alone_is_refused_with_its_line(tmp_path):
    sources = copy_mini(tmp_path)
    replace_in(sources / FACTS, "    de: Magnesiummangel\n", "    de: Magnesiummangel\n    alt_de: *x\n")
    assert_clean_refusal(validate(sources), "mini.yaml:6:", "the alias *x is refused")


def test_oversized_facts_file_is_refused_unread(tmp_path):
    sources = copy_mini(tmp_path)
    with (sources / FACTS).open("a", encoding="utf-8") as stream:
        stream.write("# padding\n" * 300_000)
    assert_clean_refusal(validate(sources), "mini.yaml", "is larger than the limit of 2097152 bytes", "split it")


def test_deeply_nested_yaml_is_a_message(tmp_path):
    sources = copy_mini(tmp_path)
    (sources / FACTS).write_text("section: ursachen\nentities: " + "[" * 50_000 + "]" * 50_000 + "\n", encoding="utf-8")
    assert_clean_refusal(validate(sources), "mini.yaml", "nests lists or mappings too deeply")


def test_non_utf8_facts_file_names_the_line(tmp_path):
    sources = copy_mini(tmp_path)
    (sources / FACTS).write_bytes((sources / FACTS).read_bytes().replace("Kälte".encode(), "Kälte".encode("latin-1"), 1))
    assert_clean_refusal(validate(sources), "mini.yaml:", "is not UTF-8", "save it as UTF-8")


def test_a_folder_named_like_a_facts_file(tmp_path):
    sources = copy_mini(tmp_path)
    (sources / "kleiner-artikel/facts/extra.yaml").mkdir()
    assert_clean_refusal(validate(sources), "facts/extra.yaml", "is a folder, not a file")


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes")
def test_a_pipe_named_like_a_facts_file_is_not_read(tmp_path):
    sources = copy_mini(tmp_path)
    os.mkfifo(sources / "kleiner-artikel/facts/pipe.yaml")
    assert_clean_refusal(validate(sources), "facts/pipe.yaml", "is not a regular file")


def test_unreadable_facts_file(tmp_path):
    if os.geteuid() == 0:
        pytest.skip("root reads every file")
    sources = copy_mini(tmp_path)
    (sources / FACTS).chmod(0)
    assert_clean_refusal(validate(sources), "mini.yaml", "cannot be read")


def test_empty_facts_file_is_an_error(tmp_path):
    sources = copy_mini(tmp_path)
    (sources / FACTS).write_text("", encoding="utf-8")
    assert_clean_refusal(validate(sources), "mini.yaml", "is empty: it holds no entities and no relations")


def test_article_text_outside_its_folder_is_refused(tmp_path):
    sources = copy_mini(tmp_path)
    replace_in(sources / "kleiner-artikel/article.yaml", "text: article.txt", "text: ../../../../etc/hostname")
    assert_clean_refusal(validate(sources), "article.yaml", "lies outside the article folder")


# Wrong kinds of value, found by substituting numbers, texts, lists, mappings, dates and null into every field of
# the fixture's records (each of these was a traceback: TypeError, ValueError, AttributeError or KeyError).
FIELD_CASES = {
    "occurrence is a word": (FACTS, 'quote: "Kälteanwendungen"\n', 'quote: "Kälteanwendungen"\n    occurrence: zwei\n',
                             "mini.yaml:13: entity #3 (kaelteanwendung): field 'occurrence' must be a whole number from 1"),
    "entities is a number": (FACTS, "entities:\n", "entities: 5\nx:\n", "'entities' must be a list of records"),
    "relations is a mapping": (FACTS, "relations:\n  - s: magnesiummangel", "relations: {s: 1}\nzz:\n  - s: magnesiummangel",
                               "'relations' must be a list of records"),
    "certainty is a list": (FACTS, "certainty: possible", "certainty: [possible]", "field 'certainty' must be a text, not a list"),
    "context is a number": (FACTS, 'context: "in der akuten Phase"', "context: 3", "field 'context' must be a text, not the number 3"),
    "steps is a mapping": (FACTS, 'steps:\n      - "Stellen Sie sich aufrecht hin."\n      - "Halten Sie die Dehnung 20 Sekunden."',
                           "steps: {a: 1}", "field 'steps' must be a text or list of texts"),
    "label is a list": (FACTS, "de: Magnesiummangel", "de: [Magnesium, Mangel]", "field 'de' must be a text, not a list"),
    "record field with a number as key": (FACTS, "    de: Magnesiummangel\n", "    de: Magnesiummangel\n    5: fünf\n", "unknown field(s) 5"),
    "sections is a number": ("kleiner-artikel/article.yaml", "sections:\n", "sections: 7\nold_sections:\n",
                             "'sections' must be a non-empty list"),
    "section id is a list": ("kleiner-artikel/article.yaml", "{id: ursachen,", "{id: [ursachen],", "field 'id' must be a text, not a list"),
    "section is a plain text": ("kleiner-artikel/article.yaml", '  - {id: lead, heading: "Kleiner Artikel", en: "Lead"}', "  - lead",
                                "section #1 is not a mapping"),
    "language is a number": ("kleiner-artikel/article.yaml", "language: de", "language: 5", "field 'language' must be a text"),
}


@pytest.mark.slow  # each case runs crampkg validate in a new process
@pytest.mark.parametrize("kind", sorted(FIELD_CASES))
def test_wrong_kind_of_value_is_a_message(kind, tmp_path):
    name, old, new, expected = FIELD_CASES[kind]
    sources = copy_mini(tmp_path)
    replace_in(sources / name, old, new)
    assert_clean_refusal(validate(sources), expected, "nothing was written")
