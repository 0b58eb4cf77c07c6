"""Write crampkg's figures as PNG, SVG and PDF files: the ontology overview and the back cramp's
cause → symptom → treatment network.

>>> write_figures("docs/figures", formats=("png",))  # doctest: +SKIP
[PosixPath('docs/figures/ontology-overview.png'), PosixPath('docs/figures/back-cramp-network.png')]
"""
from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any

from crampkg.render.plot_network import NETWORK_SIZE, plot_condition_network
from crampkg.render.plot_ontology import OVERVIEW_SIZE, plot_ontology_overview
from crampkg.render.plot_style import DPI, FORMATS, save_figure

#: Each figure's file name without suffix and its size in pixels (as PNG).
FIGURES: dict[str, tuple[int, int]] = {
    "ontology-overview": (round(OVERVIEW_SIZE[0] * DPI), round(OVERVIEW_SIZE[1] * DPI)),
    "back-cramp-network": (round(NETWORK_SIZE[0] * DPI), round(NETWORK_SIZE[1] * DPI)),
}


def write_figures(out_dir: str | Path, graph: Any = None, lang: str = "en", formats: Iterable[str] = tuple(FORMATS)) -> list[Path]:
    """Draw every figure of ``graph`` into ``out_dir`` in each of ``formats`` (png, svg, pdf; all by default)
    and return the paths, figure by figure.

    ``graph`` defaults to what the article states (``crampkg.load(reasoning="asserted")``), so that the counts
    are the article's statements. Labels, titles, headings and legends are in ``lang`` (``"en"`` or ``"de"``).
    Figures are drawn by Agg, whatever backend the session uses.
    """
    formats = tuple(formats)
    unknown = [fmt for fmt in formats if fmt not in FORMATS]
    if unknown or not formats:
        raise ValueError(f"figure formats are {', '.join(FORMATS)}, not {', '.join(unknown) or 'none'}")
    if graph is None:
        from crampkg.store import load

        graph = load(reasoning="asserted")
    out = Path(out_dir)
    drawings = {
        "ontology-overview": lambda: plot_ontology_overview(graph, lang=lang),
        "back-cramp-network": lambda: plot_condition_network(graph, "muskelkrampf-im-ruecken", lang=lang),
    }
    written = []
    for name, draw in drawings.items():
        figure = draw()
        written += [save_figure(figure, out / f"{name}.{fmt}") for fmt in formats]
    return written
