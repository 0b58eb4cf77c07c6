"""Write the ontology's documentation: one HTML page of every class, property and hedge value.

Each term gets a section whose ``id`` is its local name, so ``…/ontology#causes`` can point at it, with its German
and English labels and definitions, its place in the hierarchy, and examples taken from the article's data.
All text goes through :func:`html.escape`; the page has no scripts and loads nothing from elsewhere.
"""
from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from html import escape
from pathlib import Path
from typing import Any

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import DCTERMS, OWL, RDF, RDFS, SKOS
from rdflib.term import Node

from crampkg.namespaces import CRAMP, ONTOLOGY_IRI, PREFIXES, is_article_entity
from crampkg.views.terms import label, local_name, texts

EXAMPLES = 5
PROPERTY_KINDS = ((OWL.ObjectProperty, "object property"), (OWL.DatatypeProperty, "datatype property"),
                  (OWL.AnnotationProperty, "annotation property"))
CHARACTERISTICS = ((OWL.TransitiveProperty, "transitive"), (OWL.SymmetricProperty, "symmetric"),
                   (OWL.FunctionalProperty, "functional"), (OWL.InverseFunctionalProperty, "inverse functional"))

_STYLE = """
body { font-family: system-ui, sans-serif; max-width: 60rem; margin: 2rem auto; padding: 0 1rem; line-height: 1.45; color: #222; }
h1 { margin-bottom: .2rem; } h2 { border-bottom: 2px solid #ddd; margin-top: 2.5rem; }
section.term { border: 1px solid #e3e3e3; border-radius: 6px; padding: .4rem 1rem .8rem; margin: 1rem 0; }
section.term h3 { margin: .4rem 0; } code { background: #f4f4f4; padding: 0 .2rem; border-radius: 3px; }
table { border-collapse: collapse; width: 100%; } th { text-align: left; width: 11rem; vertical-align: top; color: #555; font-weight: 600; }
td, th { padding: .15rem .4rem; border-top: 1px solid #f0f0f0; } nav ul { columns: 3; } .lang { color: #888; font-size: .85em; }
"""


@dataclass
class Row:
    """One row of a term's table: a heading and HTML that is already escaped."""

    heading: str
    html: str


@dataclass
class Term:
    """A documented term: its anchor, IRI, kind, and the rows of its table."""

    anchor: str
    iri: str
    kind: str
    rows: list[Row] = field(default_factory=list)


def _text(value: object) -> str:
    return escape(str(value))


def _own(node: object) -> bool:
    return isinstance(node, URIRef) and str(node).startswith(str(CRAMP))


def _link(graph: Graph, node: object) -> str:
    """A term as HTML: a link to its section when it is crampkg's, else its prefixed name or a description."""
    if _own(node):
        return f'<a href="#{_text(local_name(node))}">{_text(local_name(node))}</a>'
    if isinstance(node, URIRef):
        for prefix, iri in PREFIXES.items():
            if prefix and str(node).startswith(iri):
                return f"<code>{_text(prefix)}:{_text(str(node)[len(iri):])}</code>"
        return f"<code>{_text(node)}</code>"
    if isinstance(node, BNode):
        return _describe(graph, node)
    return _text(node)


def _describe(graph: Graph, node: BNode) -> str:
    """An anonymous class in words: restrictions, unions and enumerations."""
    on_property = graph.value(node, OWL.onProperty)
    if on_property is not None:
        some = graph.value(node, OWL.someValuesFrom)
        return f"{_link(graph, on_property)} some {_link(graph, some)}"
    for predicate, word in ((OWL.unionOf, " or "), (OWL.intersectionOf, " and "), (OWL.oneOf, ", ")):
        members = graph.value(node, predicate)
        if members is not None:
            inner = word.join(_link(graph, m) for m in Collection(graph, members))
            return f"one of {{{inner}}}" if predicate == OWL.oneOf else f"({inner})"
    return "an anonymous class"


def _bilingual(graph: Graph, node: URIRef, predicate: URIRef, heading: str) -> list[Row]:
    return [Row(f"{heading} ({lang})", "<br>".join(_text(t) for t in texts(graph, node, predicate, lang)) or "—")
            for lang in ("de", "en")]


def _links(graph: Graph, nodes: Iterable[object]) -> str:
    shown = sorted(nodes, key=lambda n: (not _own(n), str(n)))
    return ", ".join(_link(graph, n) for n in shown) or "—"


def _entity(graph: Graph, node: Node) -> str:
    if isinstance(node, Literal):
        return f"<code>{_text(node)}</code>"
    return (f'{_text(label(graph, node, "de"))} <span class="lang">/ {_text(label(graph, node, "en"))}</span> '
            f"<code>res:{_text(local_name(node))}</code>")


def _class_term(graph: Graph, cls: URIRef) -> Term:
    term = Term(local_name(cls), str(cls), "class")
    term.rows += _bilingual(graph, cls, RDFS.label, "label") + _bilingual(graph, cls, SKOS.definition, "definition")
    term.rows.append(Row("subclass of", _links(graph, graph.objects(cls, RDFS.subClassOf))))
    term.rows.append(Row("subclasses", _links(graph, (c for c in graph.subjects(RDFS.subClassOf, cls) if _own(c)))))
    equivalent = list(graph.objects(cls, OWL.equivalentClass))
    if equivalent:
        term.rows.append(Row("equivalent to", _links(graph, equivalent)))
    members, how = _members(graph, cls)
    examples = "<br>".join(_entity(graph, e) for e in members[:EXAMPLES])
    more = f"<br>… and {len(members) - EXAMPLES} more" if len(members) > EXAMPLES else ""
    term.rows.append(Row(f"examples ({len(members)}{how})", (examples + more) or "— (none in the article's data)"))
    return term


def _members(graph: Graph, cls: URIRef) -> tuple[list, str]:
    """The article's entities of exactly ``cls``; for a class defined by ``P some …``, the subjects of ``P``."""
    members = {e for e in graph.subjects(RDF.type, cls) if is_article_entity(e)}
    how = ""
    if not members:
        for definition in graph.objects(cls, OWL.equivalentClass):
            union = graph.value(definition, OWL.unionOf)
            parts = list(Collection(graph, union)) if union is not None else [definition]
            for part in parts:
                prop = graph.value(part, OWL.onProperty)
                if prop is not None:
                    members |= {s for s in graph.subjects(prop, None) if is_article_entity(s)}
                    how = ", by its definition"
    return sorted(members, key=lambda e: (label(graph, e, "de"), str(e))), how


def _property_term(graph: Graph, prop: URIRef) -> Term:
    kinds = [name for kind, name in PROPERTY_KINDS if (prop, RDF.type, kind) in graph]
    term = Term(local_name(prop), str(prop), ", ".join(kinds) or "property")
    term.rows += _bilingual(graph, prop, RDFS.label, "label") + _bilingual(graph, prop, SKOS.definition, "definition")
    characteristics = [name for kind, name in CHARACTERISTICS if (prop, RDF.type, kind) in graph]
    for heading, values in (("characteristics", None), ("domain", RDFS.domain), ("range", RDFS.range),
                            ("sub-property of", RDFS.subPropertyOf), ("inverse of", OWL.inverseOf)):
        if values is None:
            if characteristics:
                term.rows.append(Row(heading, _text(", ".join(characteristics))))
            continue
        found = list(graph.objects(prop, values))
        if values == OWL.inverseOf:
            found += list(graph.subjects(OWL.inverseOf, prop))
        if found:
            term.rows.append(Row(heading, _links(graph, found)))
    for chain in graph.objects(prop, OWL.propertyChainAxiom):
        term.rows.append(Row("property chain", " ∘ ".join(_link(graph, p) for p in Collection(graph, chain))))
    statements = sorted(((s, o) for s, o in graph.subject_objects(prop) if is_article_entity(s)),
                        key=lambda pair: (label(graph, pair[0], "de"), str(pair[1])))
    examples = "<br>".join(f"{_entity(graph, s)} → {_entity(graph, o)}" for s, o in statements[:EXAMPLES])
    term.rows.append(Row(f"examples ({len(statements)})", examples or "— (no statement in the article's data)"))
    return term


def _hedge_term(graph: Graph, value: URIRef, uses: Counter) -> Term:
    term = Term(local_name(value), str(value), "hedge value")
    term.rows += _bilingual(graph, value, RDFS.label, "label") + _bilingual(graph, value, SKOS.definition, "definition")
    term.rows.append(Row("kind", _links(graph, (c for c in graph.objects(value, RDF.type) if _own(c)))))
    term.rows.append(Row("notation", _text(graph.value(value, SKOS.notation) or "—")))
    term.rows.append(Row("statements hedged so", _text(uses[value])))
    return term


def collect_terms(graph: Graph) -> dict[str, list[Term]]:
    """Every crampkg class, property and hedge value of ``graph``, by section title, sorted by name."""
    classes = sorted({c for c in graph.subjects(RDF.type, OWL.Class) if isinstance(c, URIRef) and _own(c)}, key=str)
    sections = {"Classes": [_class_term(graph, c) for c in classes]}
    for kind, name in PROPERTY_KINDS:
        props = sorted({p for p in graph.subjects(RDF.type, kind) if isinstance(p, URIRef) and _own(p)}, key=str)
        sections[f"{name[0].upper()}{name[1:]}s"] = [_property_term(graph, p) for p in props]
    hedges = sorted({v for v in graph.subjects(RDF.type, OWL.NamedIndividual) if isinstance(v, URIRef) and _own(v)}, key=str)
    uses = Counter(o for p in (CRAMP.certainty, CRAMP.frequency, CRAMP.modality) for o in graph.objects(None, p))
    sections["Hedge values"] = [_hedge_term(graph, v, uses) for v in hedges]
    anchors = Counter(t.anchor for terms in sections.values() for t in terms)
    clashes = sorted(a for a, n in anchors.items() if n > 1)
    if clashes:
        raise ValueError(f"terms share a local name, so their anchors would clash: {', '.join(clashes)}")
    return sections


def render_docs(graph: Graph) -> str:
    """The documentation page of the ontology in ``graph`` as HTML text."""
    ontology = URIRef(ONTOLOGY_IRI)
    title = label(graph, ontology, "en") if (ontology, None, None) in graph else "crampkg ontology"
    sections = collect_terms(graph)
    out = ["<!DOCTYPE html>", '<html lang="en">', "<head>", '<meta charset="utf-8">', f"<title>{_text(title)}</title>",
           f"<style>{_STYLE}</style>", "</head>", "<body>", f"<h1>{_text(title)}</h1>"]
    out.append(f"<p><code>{_text(ONTOLOGY_IRI)}</code>, version {_text(graph.value(ontology, OWL.versionInfo) or '—')}</p>")
    for lang in ("en", "de"):
        for description in texts(graph, ontology, DCTERMS.description, lang):
            out.append(f'<p lang="{lang}">{_text(description)}</p>')
    out.append("<nav><h2>Contents</h2>")
    for name, terms in sections.items():
        slug = "section-" + name.lower().replace(" ", "-")
        out.append(f'<h3><a href="#{slug}">{_text(name)}</a> ({len(terms)})</h3><ul>')
        out += [f'<li><a href="#{_text(t.anchor)}">{_text(t.anchor)}</a></li>' for t in terms]
        out.append("</ul>")
    out.append("</nav>")
    for name, terms in sections.items():
        out.append(f'<h2 id="section-{name.lower().replace(" ", "-")}">{_text(name)}</h2>')
        for t in terms:
            out.append(f'<section class="term" id="{_text(t.anchor)}"><h3>{_text(t.anchor)}</h3>')
            out.append(f"<p>{_text(t.kind)} · <code>{_text(t.iri)}</code></p><table>")
            out += [f"<tr><th>{_text(row.heading)}</th><td>{row.html}</td></tr>" for row in t.rows]
            out.append("</table></section>")
    out += ["</body>", "</html>"]
    return "\n".join(out) + "\n"


def write_docs(out_dir: str | Path, graph: Any = None) -> Path:
    """Write ``ontology.html`` documenting every class and property of ``graph`` into ``out_dir``; return its path.

    ``graph`` defaults to what the article states (``crampkg.load(reasoning="asserted")``): examples are the
    article's own statements.
    """
    if graph is None:
        from crampkg.store import load

        graph = load(reasoning="asserted")
    path = Path(out_dir) / "ontology.html"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(render_docs(graph), encoding="utf-8")
    return path
