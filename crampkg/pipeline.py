"""``crampkg build``: every artefact computed in memory first, then written atomically to the output folder."""
from __future__ import annotations

from pathlib import Path

from crampkg.build import build_graph, write_atomically
from crampkg.export import FORMATS, serialize


def build_artefacts(sources_dir: Path | None = None, ontology_dir: Path | None = None) -> dict[str, bytes]:
    """File name → content of every artefact of the build."""
    result = build_graph(sources_dir, ontology_dir)
    return {filename: serialize(result.graph, fmt) for fmt, (_, filename) in FORMATS.items()}


def run_build(out: Path, sources_dir: Path | None = None, ontology_dir: Path | None = None) -> list[Path]:
    """Build and write the artefacts to ``out``; nothing is written when the sources have a problem."""
    artefacts = build_artefacts(sources_dir, ontology_dir)
    files = {Path(out) / name: data for name, data in artefacts.items()}
    write_atomically(files)
    return sorted(files)
