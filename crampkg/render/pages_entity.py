"""One page per entity: its labels, kinds, every statement with its hedges and quotes, and the article with the
evidence sentences highlighted; and the entity's triples for machines (its concise bounded description).

Shared by the endpoint (``/resource/<id>``) and ``crampkg site``. Every text from the data goes through
:func:`html.escape`; the page has no scripts and loads nothing from elsewhere.
"""
from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from html import escape

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import OWL, RDF, RDFS, SKOS
from rdflib.term import Node

from crampkg.namespaces import CRAMP, OA, RESOURCE, bind_prefixes
from crampkg.views.terms import label

#: A page's link for an IRI (``None``: shown as text).
Linker = Callable[[URIRef], "str | None"]
NOT_STATEMENTS = frozenset({RDF.type, RDFS.label, SKOS.prefLabel, CRAMP.hasEvidence})
AXIOM_PARTS = frozenset({OWL.annotatedSource, OWL.annotatedProperty, OWL.annotatedTarget, RDF.type, CRAMP.hasEvidence})
STYLE = """
body { font-family: system-ui, sans-serif; max-width: 60rem; margin: 2rem auto; padding: 0 1rem; line-height: 1.45; color: #222; }
table { border-collapse: collapse; width: 100%; } td, th { padding: .2rem .4rem; border-top: 1px solid #eee; text-align: left;
vertical-align: top; } .hedge { background: #eef; border-radius: 3px; padding: 0 .3rem; margin-right: .2rem; }
.inferred { color: #666; font-style: italic; } blockquote { margin: .2rem 0; color: #444; }
.article { white-space: pre-wrap; border: 1px solid #ddd; padding: 1rem; } mark { background: #ffe58a; }
"""


@dataclass(frozen=True)
class Statement:
    """One triple about the entity, with its hedges (labels) and evidence quotes; ``inferred`` when reasoned."""

    subject: URIRef
    predicate: URIRef
    obj: Node
    hedges: tuple[str, ...]
    quotes: tuple[str, ...]
    inferred: bool


def resource_id(iri: URIRef) -> str | None:
    """The id of a ``res:`` IRI (``roentgen``, ``article/…``), else ``None``."""
    text = str(iri)
    return text[len(str(RESOURCE)):] if text.startswith(str(RESOURCE)) and len(text) > len(str(RESOURCE)) else None


def _axioms(graph: Graph, subject: Node, predicate: Node, obj: Node) -> list[Node]:
    return [axiom for axiom in graph.subjects(OWL.annotatedSource, subject)
            if (axiom, OWL.annotatedProperty, predicate) in graph and (axiom, OWL.annotatedTarget, obj) in graph]


def _quote(graph: Graph, evidence: Node) -> str | None:
    for selector in graph.objects(evidence, None):
        exact = graph.value(selector, OA.exact)
        if exact is not None:
            return str(exact)
    return None


def evidence_spans(graph: Graph, evidence: Iterable[Node]) -> dict[URIRef, list[tuple[int, int]]]:
    """Article IRI → the (start, end) character offsets of each evidence node's text position selector."""
    spans: dict[URIRef, list[tuple[int, int]]] = {}
    for node in evidence:
        article = graph.value(node, OA.hasSource)
        for selector in graph.objects(node, None):
            start, end = graph.value(selector, OA.start), graph.value(selector, OA.end)
            if isinstance(article, URIRef) and start is not None and end is not None:
                spans.setdefault(article, []).append((int(str(start)), int(str(end))))
    return spans


def statements(graph: Graph, entity: URIRef, inferred: Graph | None = None) -> list[Statement]:
    """Every triple with ``entity`` as subject or object (except types, labels and evidence links), in a stable order."""
    found = []
    for source, is_inferred in ((graph, False), (inferred, True)):
        if source is None:
            continue
        triples = [t for t in source.triples((entity, None, None)) if t[1] not in NOT_STATEMENTS]
        triples += [t for t in source.triples((None, None, entity)) if isinstance(t[0], URIRef) and t[1] not in NOT_STATEMENTS]
        for s, p, o in triples:
            if not isinstance(s, URIRef) or not isinstance(p, URIRef):
                continue
            axioms = _axioms(graph, s, p, o)
            hedges = sorted({label(graph, v, "en") for a in axioms for k, v in graph.predicate_objects(a)
                             if k not in AXIOM_PARTS and isinstance(v, URIRef)})
            quotes = sorted({q for a in axioms for e in graph.objects(a, CRAMP.hasEvidence) if (q := _quote(graph, e))})
            found.append(Statement(s, p, o, tuple(hedges), tuple(quotes), is_inferred))
    return sorted(found, key=lambda st: (st.inferred, st.subject != entity, str(st.predicate), str(st.obj)))


def _node(graph: Graph, node: object, href: Linker) -> str:
    if isinstance(node, Literal):
        lang = f' <span class="hedge">@{escape(node.language)}</span>' if node.language else ""
        return f"{escape(str(node))}{lang}"
    if isinstance(node, URIRef):
        link = href(node)
        text = escape(label(graph, node, "en"))
        return f'<a href="{escape(link)}">{text}</a>' if link else f'<span title="{escape(str(node))}">{text}</span>'
    return "(blank node)"


def highlighted(text: str, spans: list[tuple[int, int]]) -> str:
    """``text`` escaped, with each of ``spans`` (overlapping ones merged) in a ``<mark>``."""
    merged: list[list[int]] = []
    for start, end in sorted(spans):
        start, end = max(0, start), min(len(text), end)
        if merged and start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        elif start < end:
            merged.append([start, end])
    parts, position = [], 0
    for start, end in merged:
        parts += [escape(text[position:start]), f"<mark>{escape(text[start:end])}</mark>"]
        position = end
    return "".join(parts) + escape(text[position:])


def entity_page(graph: Graph, entity: URIRef, articles: dict[URIRef, str], href: Linker,
                inferred: Graph | None = None) -> str:
    """The HTML page of ``entity``: labels (de, en), kinds, statements with hedges and quotes, and each article
    that holds its evidence with those passages highlighted."""
    found_labels = {v for p in (RDFS.label, SKOS.prefLabel) for v in graph.objects(entity, p) if isinstance(v, Literal)}
    labels = "".join(f"<li>{escape(str(v))} <span class=\"hedge\">@{escape(v.language or '')}</span></li>"
                     for v in sorted(found_labels, key=lambda v: (v.language or "", str(v))))
    kinds = ", ".join(_node(graph, kind, href) for kind in sorted(set(graph.objects(entity, RDF.type)), key=str))
    if inferred is not None:
        kinds += "".join(f', {_node(graph, kind, href)} <span class="inferred">(inferred)</span>'
                         for kind in sorted(set(inferred.objects(entity, RDF.type)), key=str))
    rows = []
    found = statements(graph, entity, inferred)
    for st in found:
        hedges = "".join(f'<span class="hedge">{escape(h)}</span>' for h in st.hedges)
        quotes = "".join(f"<blockquote>„{escape(q)}“</blockquote>" for q in st.quotes)
        note = ' <span class="inferred">(inferred)</span>' if st.inferred else ""
        rows.append(f"<tr><td>{_node(graph, st.subject, href)}</td><td>{_node(graph, st.predicate, href)}{note}</td>"
                    f"<td>{_node(graph, st.obj, href)}</td><td>{hedges}{quotes}</td></tr>")
    evidence = set(graph.objects(entity, CRAMP.hasEvidence))
    evidence |= {e for st in found for a in _axioms(graph, st.subject, st.predicate, st.obj)
                 for e in graph.objects(a, CRAMP.hasEvidence)}
    if (entity, OA.hasSource, None) in graph:
        evidence.add(entity)
    sections = "".join(f"<h2>The article: {_node(graph, article, href)}</h2>\n<div class=\"article\">"
                       f"{highlighted(articles[article], spans)}</div>"
                       for article, spans in sorted(evidence_spans(graph, evidence).items()) if article in articles)
    title = escape(label(graph, entity, "de"))
    return f"""<!doctype html>
<html lang="de"><head><meta charset="utf-8"><title>{title} – crampkg</title><style>{STYLE}</style></head>
<body><h1>{title}</h1>
<p><code>{escape(str(entity))}</code></p>
<h2>Labels</h2><ul class="labels">{labels}</ul>
<h2>Kinds</h2><p class="kinds">{kinds or "—"}</p>
<h2>Statements ({len(found)})</h2>
<table class="statements"><tr><th>subject</th><th>property</th><th>object</th><th>hedges and evidence</th></tr>
{"".join(rows)}</table>
{sections}
</body></html>
"""


def entity_description(graph: Graph, entity: URIRef) -> Graph:
    """The triples about ``entity`` for machines: its concise bounded description and those of the OWL axioms that
    annotate its statements (their hedges and evidence)."""
    description = graph.cbd(entity)
    for axiom in graph.subjects(OWL.annotatedSource, entity):
        if isinstance(axiom, BNode):
            description += graph.cbd(axiom)
    bind_prefixes(description)
    return description
