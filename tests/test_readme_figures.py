"""The headline figures of README.md are the ones ``crampkg stats --json`` computes (a stale number fails here)."""
from __future__ import annotations

import json
import re
from pathlib import Path

from conftest import run_cli

README = Path(__file__).parent.parent / "README.md"
HEADLINE = re.compile(r"Shipped graph \(`crampkg stats`\): ([\d,]+) entities, ([\d,]+) statements, ([\d,]+) asserted triples")


def _number(text: str) -> int:
    return int(text.replace(",", ""))


def test_readme_headline_figures_are_the_computed_ones():
    found = HEADLINE.search(README.read_text(encoding="utf-8"))
    assert found, "README.md lost its headline sentence 'Shipped graph (`crampkg stats`): N entities, N statements, N asserted triples'"
    done = run_cli("stats", "--json")
    assert done.returncode == 0, done.stderr
    stats = json.loads(done.stdout)
    assert tuple(map(_number, found.groups())) == (stats["entities"], stats["assertions"], stats["triples"]), (
        "update the headline sentence of README.md to the figures of `crampkg stats --json`")


def test_readme_counts_the_verified_mappings():
    from crampkg.mappings.records import read_mapping_file

    shipped = sorted(Path(__file__).parent.parent.glob("sources/*/mappings.yaml"))
    records = [r for path in shipped for r in read_mapping_file(path, path.name, path.parent.name)[1]]
    stated = re.search(r"([\d,]+) verified code mappings", README.read_text(encoding="utf-8"))
    assert stated and _number(stated.group(1)) == len(records)
