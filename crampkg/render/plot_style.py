"""Colours and figure handling shared by crampkg's figures: one colour per entity category, Agg-only figures."""
from __future__ import annotations

from pathlib import Path

from matplotlib import rc_context
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from crampkg.views.terms import OTHER

DPI = 100

#: One colour per category of :data:`crampkg.views.terms.CATEGORIES` (colour-blind-friendly where it matters most).
CATEGORY_COLOURS: dict[str, str] = {
    "condition": "#d55e00",
    "symptom": "#e69f00",
    "cause": "#cc79a7",
    "mechanism": "#b07aa1",
    "step": "#bab0ac",
    "diagnosis": "#56b4e9",
    "drug": "#0072b2",
    "exercise": "#009e73",
    "treatment": "#2ca02c",
    "prevention": "#8cd17d",
    "anatomy": "#9c755f",
    "function": "#bcbd22",
    "equipment": "#7f7f7f",
    "care": "#17becf",
    "population": "#ff9da7",
    "outcome": "#f0e442",
    "article": "#4e79a7",
    "roles": "#59a14f",
    "evidence": "#555555",
    OTHER: "#999999",
}

PROPERTY_COLOURS: dict[str, str] = {
    "causes": "#b2182b",
    "hasSymptom": "#e08214",
    "hasAccompanyingSymptom": "#e08214",
    "alleviates": "#1b7837",
    "treats": "#1b7837",
}


def category_colour(category: str) -> str:
    """The colour of an entity category (grey for unknown ones)."""
    return CATEGORY_COLOURS.get(category, CATEGORY_COLOURS[OTHER])


def new_figure(width_inches: float, height_inches: float) -> Figure:
    """A figure drawn by Agg, independent of pyplot's global state and of the session's backend."""
    figure = Figure(figsize=(width_inches, height_inches), dpi=DPI)
    FigureCanvasAgg(figure)
    return figure


#: The formats a figure is written in, and what each must leave out so that the bytes do not change between runs.
FORMATS: dict[str, dict[str, None]] = {
    "png": {"Software": None},
    "svg": {"Date": None},
    "pdf": {"CreationDate": None},
}


def save_figure(figure: Figure, path: Path) -> Path:
    """Write ``figure`` in the format of ``path``'s suffix (png, svg or pdf), the same bytes on every run: PNG at
    exactly its size in pixels, no date or software tag, SVG element ids from a fixed salt."""
    fmt = path.suffix.lstrip(".")
    if fmt not in FORMATS:
        raise ValueError(f"{path.name}: figures are written as {', '.join(FORMATS)}")
    path.parent.mkdir(parents=True, exist_ok=True)
    with rc_context({"svg.hashsalt": "crampkg"}):
        figure.savefig(path, format=fmt, dpi=DPI, metadata=FORMATS[fmt])
    return path
