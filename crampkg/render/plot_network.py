"""The figure of one condition's causes, symptoms and treatments, in columns read from left to right.

Columns: what causes the condition → the condition → its symptoms (top) and the treatments of the condition
itself (bottom) → the treatments of those symptoms. Boxes are coloured by category; a dashed arrow is a
statement the article hedges as possible or likely.
"""
from __future__ import annotations

import networkx as nx
from matplotlib.artist import Artist
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Patch
from rdflib import Graph

from crampkg.render.figure_texts import category_name, text
from crampkg.render.plot_style import PROPERTY_COLOURS, category_colour, new_figure
from crampkg.views.analysis import CAUSAL_PROPERTIES
from crampkg.views.network import find_node, to_networkx

NETWORK_SIZE = (18.0, 14.0)
_SYMPTOM = ("hasSymptom", "hasAccompanyingSymptom")
_TREATMENT = ("alleviates", "treats")
_COLUMNS = (0.09, 0.34, 0.60, 0.87)


def condition_network(view: nx.MultiDiGraph, condition: str) -> dict[str, list[str]]:
    """The entities around ``condition``: ``causes``, ``symptoms``, ``direct`` treatments and ``symptom_treatments``.

    A symptom that also causes the condition (a vicious circle) is listed as a symptom only.
    """
    symptoms = sorted({v for _, v, k in view.out_edges(condition, keys=True) if k in _SYMPTOM})
    causes = sorted({u for u, _, k in view.in_edges(condition, keys=True) if k == "causes"} - {condition, *symptoms})
    direct = sorted({u for u, _, k in view.in_edges(condition, keys=True) if k in _TREATMENT})
    of_symptoms = sorted({u for s in symptoms for u, _, k in view.in_edges(s, keys=True) if k in _TREATMENT} - set(direct))
    return {"causes": causes, "symptoms": symptoms, "direct": direct, "symptom_treatments": of_symptoms}


def _spread(count: int, top: float, bottom: float) -> list[float]:
    if count == 1:
        return [(top + bottom) / 2]
    step = (top - bottom) / (count - 1)
    return [top - i * step for i in range(count)]


def _by_neighbours(view: nx.MultiDiGraph, nodes: list[str], placed: dict[str, float]) -> list[str]:
    """Order ``nodes`` by the mean height of their already placed neighbours, so that fewer arrows cross."""
    def height(node: str) -> float:
        heights = [placed[n] for n in nx.all_neighbors(view, node) if n in placed]
        return -sum(heights) / len(heights) if heights else 0.0
    return sorted(nodes, key=lambda n: (height(n), view.nodes[n]["label"]))


def _layout(view: nx.MultiDiGraph, condition: str, parts: dict[str, list[str]]) -> dict[str, tuple[float, float]]:
    label = lambda n: (view.nodes[n]["category"], view.nodes[n]["label"].casefold())  # noqa: E731
    position = {condition: (_COLUMNS[1], 0.5)}
    causes = sorted(parts["causes"], key=label)
    position.update(zip(causes, ((_COLUMNS[0], y) for y in _spread(len(causes), 0.95, 0.03)), strict=True))
    symptoms = sorted(parts["symptoms"], key=label)
    lower = 0.03 if not parts["direct"] else 0.55
    position.update(zip(symptoms, ((_COLUMNS[2], y) for y in _spread(len(symptoms), 0.95, lower)), strict=True))
    direct = sorted(parts["direct"], key=label)
    position.update(zip(direct, ((_COLUMNS[2], y) for y in _spread(len(direct), 0.45, 0.03)), strict=True))
    heights = {n: y for n, (_, y) in position.items()}
    treatments = _by_neighbours(view, parts["symptom_treatments"], heights)
    position.update(zip(treatments, ((_COLUMNS[3], y) for y in _spread(len(treatments), 0.95, 0.20)), strict=True))
    return position


def _shown(source: str, target: str, condition: str, parts: dict[str, list[str]]) -> bool:
    """Only the statements the columns stand for: cause → condition → symptom ← treatment, condition ← treatment."""
    return ((target == condition and (source in parts["causes"] or source in parts["direct"] or source in parts["symptoms"]))
            or (source == condition and target in parts["symptoms"])
            or (source in parts["symptom_treatments"] and target in parts["symptoms"]))


def _hedged(data: dict) -> bool:
    return bool(set(data.get("certainty", ())) & {"Possible", "Likely"})


def plot_condition_network(graph: Graph, condition: str = "muskelkrampf-im-ruecken", lang: str = "en") -> Figure:
    """The causes → condition → symptoms → treatments network of ``condition`` (an id, IRI or label) as a figure."""
    view = to_networkx(graph, lang=lang, properties=CAUSAL_PROPERTIES)
    condition = find_node(view, condition)
    parts = condition_network(view, condition)
    position = _layout(view, condition, parts)
    figure = new_figure(*NETWORK_SIZE)
    axes = figure.add_axes((0.01, 0.06, 0.98, 0.88))
    axes.set_axis_off()
    axes.set_xlim(0, 1)
    axes.set_ylim(0, 1)
    boxes = {}
    for node, (x, y) in position.items():
        data = view.nodes[node]
        boxes[node] = axes.text(x, y, data["label"], ha="center", va="center", fontsize=13 if node == condition else 10,
                                fontweight="bold" if node == condition else "normal", zorder=3,
                                bbox={"boxstyle": "round,pad=0.35", "facecolor": category_colour(data["category"]),
                                      "alpha": 0.9 if node == condition else 0.35, "edgecolor": category_colour(data["category"])})
    drawn = 0
    for source, target, key, data in view.edges(keys=True, data=True):
        if not _shown(source, target, condition, parts):
            continue
        left_to_right = position[source][0] < position[target][0]
        axes.annotate("", xy=(0.0 if left_to_right else 1.0, 0.5), xycoords=boxes[target],
                      xytext=(1.0 if left_to_right else 0.0, 0.5), textcoords=boxes[source], zorder=1,
                      arrowprops={"arrowstyle": "-|>", "color": PROPERTY_COLOURS.get(key, "#666666"), "alpha": 0.7,
                                  "linewidth": 0.8 + 0.6 * (len(data["evidence"]) - 1 if data["evidence"] else 0),
                                  "linestyle": "--" if _hedged(data) else "-", "shrinkA": 1, "shrinkB": 1})
        drawn += 1
    headings = ("network.causes", "network.condition", "network.symptoms", "network.symptom-treatments")
    for x, heading in zip(_COLUMNS, headings, strict=True):
        axes.text(x, 1.0, text(heading, lang), ha="center", va="bottom", fontsize=12, fontstyle="italic", color="#333333")
    figure.suptitle(text("network.title", lang, condition=view.nodes[condition]["label"], count=drawn), fontsize=16)
    categories = sorted({view.nodes[n]["category"] for n in position})
    handles: list[Artist] = [Patch(facecolor=category_colour(c), alpha=0.5, label=category_name(c, lang)) for c in categories]
    handles += [Line2D([], [], color=PROPERTY_COLOURS[p], label=text(f"property.{p}", lang)) for p in ("causes", "hasSymptom", "alleviates")]
    handles += [Line2D([], [], color="#666666", linestyle="--", label=text("network.hedged", lang))]
    figure.legend(handles=handles, loc="lower center", ncol=len(handles), fontsize=10, frameon=False)
    return figure
