"""The release is citable: CITATION.cff is valid Citation File Format 1.2 and names the package's version."""
from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import yaml

from crampkg._version import __version__

ROOT = Path(__file__).resolve().parents[1]
# The schema as published at https://citation-file-format.github.io/1.2.0/schema.json (shipped in cffconvert 2.0.0).
SCHEMA = Path(__file__).parent / "fixtures" / "citation-file-format-1.2.0.schema.json"


def _citation() -> dict:
    return yaml.safe_load((ROOT / "CITATION.cff").read_text(encoding="utf-8"))


def test_citation_file_is_valid_cff_1_2() -> None:
    citation = _citation()
    jsonschema.validate(citation, json.loads(SCHEMA.read_text(encoding="utf-8")))
    assert citation["cff-version"] == "1.2.0"


def test_citation_file_names_the_package_version_and_licence() -> None:
    citation = _citation()
    assert citation["version"] == __version__
    assert citation["license"] == "MIT"
    assert citation["authors"] == [{"name": "crampkg contributors"}]


def test_schema_rejects_a_citation_without_authors() -> None:
    citation = _citation()
    del citation["authors"]
    try:
        jsonschema.validate(citation, json.loads(SCHEMA.read_text(encoding="utf-8")))
    except jsonschema.ValidationError as error:
        assert "authors" in error.message
    else:
        raise AssertionError("a citation without authors passed the schema")


def test_licence_file_is_mit_for_the_contributors() -> None:
    text = (ROOT / "LICENSE").read_text(encoding="utf-8")
    assert text.startswith("MIT License")
    assert "crampkg contributors" in text
