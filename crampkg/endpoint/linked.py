"""Linked Data routes: ``/resource/<id>``, ``/ontology`` and ``/.well-known/void``, each as an HTML page for
people or as Turtle, N-Triples or JSON-LD for machines (content negotiation, or ``?format=``); and the static files
of the query page (``/static/…``)."""
from __future__ import annotations

from importlib import resources
from urllib.parse import quote

from rdflib import Graph, URIRef

from crampkg.build.void import ASSERTED_GRAPH, INFERRED_GRAPH
from crampkg.endpoint.dataset import LinkedData
from crampkg.endpoint.negotiation import MEDIA_TYPE, choose, formats_for
from crampkg.endpoint.sandbox import Answer, error_answer
from crampkg.namespaces import CRAMP, ONTOLOGY_IRI, RESOURCE
from crampkg.render.pages_entity import entity_description, entity_page, resource_id

STATIC_TYPES = {".js": "text/javascript; charset=utf-8", ".css": "text/css; charset=utf-8", ".txt": "text/plain; charset=utf-8"}
RDFLIB_FORMATS = {"turtle": "turtle", "ntriples": "nt", "jsonld": "json-ld"}


def endpoint_link(iri: URIRef) -> str | None:
    """Where the endpoint shows ``iri``: ``/resource/<id>`` for entities, ``/ontology#term`` for ontology terms."""
    entity = resource_id(iri)
    if entity is not None:
        return "/resource/" + quote(entity, safe="/")
    if str(iri).startswith(str(CRAMP)):
        return "/ontology#" + quote(str(iri)[len(str(CRAMP)):])
    if str(iri) == ONTOLOGY_IRI:
        return "/ontology"
    return None


def _graph_answer(graph: Graph, chosen: str) -> Answer:
    return Answer(200, MEDIA_TYPE[chosen], graph.serialize(format=RDFLIB_FORMATS[chosen], encoding="utf-8"))


def _not_acceptable(accept: str | None, requested: str | None, kind: str) -> Answer:
    return error_answer(406, f"cannot produce {accept or requested!r} here; ask for one of: "
                             + ", ".join(sorted(MEDIA_TYPE[name] for name in formats_for(kind))))


def linked_answer(linked: LinkedData, path: str, accept: str | None, requested: str | None, endpoint_url: str) -> Answer | None:
    """The answer for a Linked Data path, or ``None`` when ``path`` is not one."""
    if path.startswith("/static/"):
        return static_file(path[len("/static/"):])
    if path == "/.well-known/void":
        chosen = choose("graph", accept, requested)
        return _graph_answer(linked.void(endpoint_url), chosen) if chosen else _not_acceptable(accept, requested, "graph")
    if path not in ("/ontology",) and not path.startswith("/resource/"):
        return None
    chosen = choose("page", accept, requested)
    if chosen is None:
        return _not_acceptable(accept, requested, "page")
    if path == "/ontology":
        if chosen == "html":
            from crampkg.render.ontology_page import render_docs

            return Answer(200, MEDIA_TYPE["html"], render_docs(linked.union()).encode("utf-8"))
        return _graph_answer(linked.ontology, chosen)
    union = linked.union()
    entity = RESOURCE[path[len("/resource/"):]]
    if (entity, None, None) not in union:
        return error_answer(404, f"no resource {str(entity)!r} in the graph; the named queries at /queries list entities")
    if chosen == "html":
        asserted = linked.graphs.get(ASSERTED_GRAPH, union)
        inferred = linked.graphs.get(INFERRED_GRAPH) if ASSERTED_GRAPH in linked.graphs else None
        page = entity_page(asserted, entity, linked.articles, endpoint_link, inferred)
        return Answer(200, MEDIA_TYPE["html"], page.encode("utf-8"))
    return _graph_answer(entity_description(union, entity), chosen)


_STATIC: dict[str, bytes] = {}


def static_file(name: str) -> Answer:
    """A file shipped in ``crampkg/endpoint/static`` (read once), by its plain name only."""
    folder = resources.files("crampkg.endpoint") / "static"
    suffix = "." + name.rsplit(".", 1)[-1] if "." in name else ""
    if "/" in name or "\\" in name or name.startswith(".") or suffix not in STATIC_TYPES:
        return error_answer(404, f"no static file {name[:100]!r}")
    if name not in _STATIC:
        try:
            _STATIC[name] = (folder / name).read_bytes()
        except (FileNotFoundError, IsADirectoryError, NotADirectoryError):
            return error_answer(404, f"no static file {name[:100]!r}")
    return Answer(200, STATIC_TYPES[suffix], _STATIC[name])
