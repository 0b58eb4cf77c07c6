"""The overview figure of the ontology: its class trees grouped by category, and its properties by use.

Left: every class of the crampkg ontology as a tree under its top class, grouped by the entity category it
stands for, with the number of individuals asserted to be of exactly that class. Right: every object property
used between two entities, with the number of statements and the most common (subject → object) categories.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from matplotlib.figure import Figure
from rdflib import Graph, URIRef
from rdflib.namespace import OWL, RDF, RDFS

from crampkg.namespaces import CRAMP
from crampkg.render.figure_texts import category_name, text
from crampkg.render.plot_style import category_colour, new_figure
from crampkg.views.network import to_networkx
from crampkg.views.terms import CATEGORIES, OTHER, ClassIndex, local_name

OVERVIEW_SIZE = (20.0, 13.0)
_GROUP_ORDER = [name for name, _ in CATEGORIES] + ["roles", "evidence"]
_COLUMNS = 4
@dataclass(frozen=True)
class TreeLine:
    """One line of the class panel: a class at a depth under its group, with its direct individuals."""

    group: str
    depth: int
    name: str
    individuals: int


def ontology_classes(graph: Graph) -> list[URIRef]:
    """The classes the crampkg ontology declares (in its own namespace), sorted."""
    return sorted({c for c in graph.subjects(RDF.type, OWL.Class) if isinstance(c, URIRef) and str(c).startswith(str(CRAMP))}, key=str)


def _group(graph: Graph, index: ClassIndex, root: URIRef) -> str:
    category, _ = index.categorise([root])
    if category != OTHER:
        return category
    defined_by = list(graph.objects(root, OWL.equivalentClass))
    if any((d, OWL.onProperty, None) in graph or (d, OWL.unionOf, None) in graph for d in defined_by):
        return "roles"
    return "evidence"


def class_tree(graph: Graph) -> list[TreeLine]:
    """The ontology's classes as indented trees, grouped by category in :data:`_GROUP_ORDER`."""
    classes = set(ontology_classes(graph))
    index = ClassIndex(graph)
    children: dict[URIRef, list[URIRef]] = {c: [] for c in classes}
    roots = []
    for cls in sorted(classes, key=str):
        parents = [p for p in graph.objects(cls, RDFS.subClassOf) if isinstance(p, URIRef) and p in classes]
        for parent in parents:
            children[parent].append(cls)
        if not parents:
            roots.append(cls)
    lines: list[TreeLine] = []

    def walk(cls: URIRef, group: str, depth: int) -> None:
        lines.append(TreeLine(group, depth, local_name(cls), len(set(graph.subjects(RDF.type, cls)))))
        for child in sorted(children[cls], key=str):
            walk(child, group, depth + 1)

    for root in sorted(roots, key=lambda r: (_GROUP_ORDER.index(_group(graph, index, r)), str(r))):
        walk(root, _group(graph, index, root), 0)
    return lines


def property_use(graph: Graph) -> list[tuple[str, int, str]]:
    """Object properties by the number of statements between entities, with their most common category pair."""
    view = to_networkx(graph, lang="en")
    counts: Counter[str] = Counter()
    pairs: dict[str, Counter] = {}
    for source, target, key in view.edges(keys=True):
        counts[key] += 1
        pairs.setdefault(key, Counter())[(view.nodes[source]["category"], view.nodes[target]["category"])] += 1
    return [(name, count, "{} → {}".format(*pairs[name].most_common(1)[0][0])) for name, count in
            sorted(counts.items(), key=lambda item: (-item[1], item[0]))]


def _pack(groups: list[list[TreeLine]], columns: int) -> list[list[list[TreeLine]]]:
    """Whole groups into ``columns`` columns, in order, with the shortest possible longest column."""
    sizes = [len(g) + 2 for g in groups]  # a header and a gap per group
    capacity = max(max(sizes, default=0), -(-sum(sizes) // columns))
    while True:
        packed: list[list[list[TreeLine]]] = [[]]
        used = 0
        for group, size in zip(groups, sizes, strict=True):
            if used + size > capacity and packed[-1]:
                packed.append([])
                used = 0
            packed[-1].append(group)
            used += size
        if len(packed) <= columns:
            return packed
        capacity += 1


def _draw_classes(figure: Figure, lines: list[TreeLine], lang: str) -> None:
    axes = figure.add_axes((0.01, 0.02, 0.62, 0.90))
    axes.set_axis_off()
    groups = [[line for line in lines if line.group == group] for group in _GROUP_ORDER]
    packed = _pack([g for g in groups if g], _COLUMNS)
    height = max(sum(len(g) + 2 for g in column) for column in packed)
    for number, column in enumerate(packed):
        x, row = number / _COLUMNS, 0
        for group in column:
            axes.text(x, 1 - row / height, category_name(group[0].group, lang), fontsize=11, fontweight="bold",
                      va="top", color="white",
                      bbox={"boxstyle": "round,pad=0.25", "facecolor": category_colour(group[0].group), "edgecolor": "none"})
            row += 1
            for line in group:
                prefix = "    " * line.depth + ("└ " if line.depth else "")
                count = f"  ({line.individuals})" if line.individuals else ""
                axes.text(x + 0.005, 1 - row / height, f"{prefix}{line.name}{count}", fontsize=9.5, va="top")
                row += 1
            row += 1
    axes.set_title(text("overview.classes", lang), fontsize=12, loc="left")


def _draw_properties(figure: Figure, used: list[tuple[str, int, str]], lang: str) -> None:
    axes = figure.add_axes((0.70, 0.04, 0.22, 0.86))
    names = [name for name, _, _ in used][::-1]
    counts = [count for _, count, _ in used][::-1]
    colours = [category_colour(pair.split(" → ")[0]) for _, _, pair in used][::-1]
    bars = axes.barh(range(len(names)), counts, color=colours, alpha=0.8)
    axes.set_yticks(range(len(names)), names, fontsize=9)
    axes.set_ylim(-0.6, len(names) - 0.4)
    for bar, (_, count, pair) in zip(bars, used[::-1], strict=True):
        axes.text(bar.get_width() + 1, bar.get_y() + bar.get_height() / 2, f"{count}  {pair}", va="center", fontsize=8)
    axes.set_xlim(0, max(counts) * 1.9 if counts else 1)
    axes.set_xlabel(text("overview.statements", lang))
    axes.spines[["top", "right"]].set_visible(False)
    axes.set_title(text("overview.properties", lang, count=len(used)), fontsize=12, loc="left")


def plot_ontology_overview(graph: Graph, lang: str = "en") -> Figure:
    """The overview figure of the ontology's classes and properties (needs the ontology and, for counts, the data);
    titles, headings and axis labels in ``lang``, class and property names as the ontology spells them."""
    figure = new_figure(*OVERVIEW_SIZE)
    lines = class_tree(graph)
    used = property_use(graph)
    _draw_classes(figure, lines, lang)
    _draw_properties(figure, used, lang)
    declared = {p for kind in (OWL.ObjectProperty, OWL.DatatypeProperty, OWL.AnnotationProperty)
                for p in graph.subjects(RDF.type, kind) if str(p).startswith(str(CRAMP))}
    figure.suptitle(text("overview.title", lang, classes=len(ontology_classes(graph)), properties=len(declared)), fontsize=16)
    return figure
