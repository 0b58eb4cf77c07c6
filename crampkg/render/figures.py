"""Write crampkg's figures as PNG files: the ontology overview and the back cramp's cause → symptom → treatment network.

>>> write_figures("docs/figures")  # doctest: +SKIP
[PosixPath('docs/figures/ontology-overview.png'), PosixPath('docs/figures/back-cramp-network.png')]
"""
from __future__ import annotations

from pathlib import Path
from typing import Any

from crampkg.render.plot_network import NETWORK_SIZE, plot_condition_network
from crampkg.render.plot_ontology import OVERVIEW_SIZE, plot_ontology_overview
from crampkg.render.plot_style import DPI, save_png

#: Each figure's file name and its size in pixels.
FIGURES: dict[str, tuple[int, int]] = {
    "ontology-overview.png": (round(OVERVIEW_SIZE[0] * DPI), round(OVERVIEW_SIZE[1] * DPI)),
    "back-cramp-network.png": (round(NETWORK_SIZE[0] * DPI), round(NETWORK_SIZE[1] * DPI)),
}


def write_figures(out_dir: str | Path, graph: Any = None, lang: str = "en") -> list[Path]:
    """Draw every figure of ``graph`` into ``out_dir`` and return the PNG paths.

    ``graph`` defaults to what the article states (``crampkg.load(reasoning="asserted")``), so that the counts
    are the article's statements. Labels are in ``lang`` (``"en"`` or ``"de"``). Figures are drawn by Agg,
    whatever backend the session uses.
    """
    if graph is None:
        from crampkg.store import load

        graph = load(reasoning="asserted")
    out = Path(out_dir)
    drawings = {
        "ontology-overview.png": lambda: plot_ontology_overview(graph),
        "back-cramp-network.png": lambda: plot_condition_network(graph, "muskelkrampf-im-ruecken", lang=lang),
    }
    return [save_png(draw(), out / name) for name, draw in drawings.items()]
