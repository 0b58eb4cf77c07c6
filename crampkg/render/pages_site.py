"""``crampkg site``: the endpoint's entity and ontology pages as a static site, with the redirect rules that would make
the ``https://w3id.org/crampkg/…`` IRIs resolve to it once published.

Layout: ``resource/<id>.html`` (and ``.ttl``, ``.nt``, ``.jsonld``) for every entity, ``ontology.html`` (and the
ontology in the three RDF formats), ``void.ttl``, ``index.html`` and ``.htaccess`` (Apache ``mod_rewrite`` rules in
the form the w3id.org repository takes them: 303 redirects chosen by the ``Accept`` header).
"""
from __future__ import annotations

import posixpath
from html import escape
from pathlib import Path
from urllib.parse import quote

from rdflib import Graph, URIRef

from crampkg.namespaces import CRAMP, ONTOLOGY_IRI
from crampkg.rdfio import write_atomically
from crampkg.render.ontology_page import render_docs
from crampkg.render.pages_entity import Linker, entity_description, entity_page, resource_id
from crampkg.views.terms import label

#: File suffix, rdflib format and the media types that ask for it, in the order the rules try them.
MACHINE_FORMATS = (("ttl", "turtle", "text/turtle"), ("nt", "nt", "application/n-triples"),
                   ("jsonld", "json-ld", "application/ld+json"))


def site_path(iri: URIRef) -> str | None:
    """The site-relative path of ``iri``'s HTML page (with an anchor for an ontology term), else ``None``."""
    entity = resource_id(iri)
    if entity is not None:
        return f"resource/{quote(entity, safe='/')}.html"
    if str(iri).startswith(str(CRAMP)):
        return "ontology.html#" + quote(str(iri)[len(str(CRAMP)):])
    if str(iri) == ONTOLOGY_IRI:
        return "ontology.html"
    return None


def _relative_linker(page: str) -> Linker:
    folder = posixpath.dirname(page) or "."

    def href(iri: URIRef) -> str | None:
        target = site_path(iri)
        if target is None:
            return None
        path, _, anchor = target.partition("#")
        relative = posixpath.relpath(path, folder)
        return f"{relative}#{anchor}" if anchor else relative

    return href


def redirect_rules(base_url: str | None) -> str:
    """The ``.htaccess`` of ``https://w3id.org/crampkg/``: entity and ontology IRIs 303-redirect to their page or,
    when the ``Accept`` header asks for RDF, to its Turtle, N-Triples or JSON-LD file under ``base_url`` (without
    one, the rules rewrite inside the folder that holds the site)."""
    target = base_url.rstrip("/") + "/" if base_url else ""
    flag = "[R=303,L]" if base_url else "[L]"
    lines = ["# Redirect rules for https://w3id.org/crampkg/ (written by crampkg site).",
             "Options -MultiViews", "RewriteEngine on", ""]
    for suffix, _, media in MACHINE_FORMATS:
        lines += [f"RewriteCond %{{HTTP_ACCEPT}} {media.replace('+', '[+]')}",
                  f"RewriteRule ^resource/(.+?)(\\.html)?$ {target}resource/$1.{suffix} {flag}",
                  f"RewriteCond %{{HTTP_ACCEPT}} {media.replace('+', '[+]')}",
                  f"RewriteRule ^ontology$ {target}ontology.{suffix} {flag}", ""]
    lines += [f"RewriteRule ^resource/(.+?)(\\.html)?$ {target}resource/$1.html {flag}",
              f"RewriteRule ^ontology$ {target}ontology.html {flag}",
              f"RewriteRule ^\\.well-known/void$ {target}void.ttl {flag}", ""]
    return "\n".join(lines)


def _index(graph: Graph, entities: list[URIRef]) -> str:
    items = "\n".join(f'<li><a href="{escape(site_path(e) or "")}">{escape(label(graph, e, "de"))}</a> '
                      f'<code>{escape(resource_id(e) or "")}</code></li>' for e in entities if "/" not in (resource_id(e) or ""))
    return (f'<!doctype html>\n<html lang="de"><head><meta charset="utf-8"><title>crampkg</title></head><body>'
            f'<h1>crampkg</h1><p><a href="ontology.html">Ontology</a> · <a href="void.ttl">VoID</a></p>'
            f"<h2>Entities</h2><ul>\n{items}\n</ul></body></html>\n")


def site_files(asserted: Graph, inferred: Graph | None, union: Graph, ontology: Graph, articles: dict[URIRef, str],
               void: Graph, base_url: str | None = None) -> dict[str, bytes]:
    """Site-relative path → content of every file of the static site."""
    entities = sorted({s for s in union.subjects() if isinstance(s, URIRef) and resource_id(s)})
    files: dict[str, bytes] = {}
    for entity in entities:
        page = f"resource/{resource_id(entity)}.html"
        files[page] = entity_page(asserted, entity, articles, _relative_linker(page), inferred).encode("utf-8")
        description = entity_description(union, entity)
        for suffix, rdflib_format, _ in MACHINE_FORMATS:
            files[page[:-len("html")] + suffix] = description.serialize(format=rdflib_format, encoding="utf-8")
    files["ontology.html"] = render_docs(union).encode("utf-8")
    for suffix, rdflib_format, _ in MACHINE_FORMATS:
        files[f"ontology.{suffix}"] = ontology.serialize(format=rdflib_format, encoding="utf-8")
    files["void.ttl"] = void.serialize(format="turtle", encoding="utf-8")
    files["index.html"] = _index(asserted, entities).encode("utf-8")
    files[".htaccess"] = redirect_rules(base_url).encode("utf-8")
    return files


def write_site(out: Path, files: dict[str, bytes]) -> list[Path]:
    """Write ``files`` below ``out`` atomically (all or nothing); the written paths."""
    paths = {Path(out) / name: data for name, data in files.items()}
    write_atomically(paths)
    return sorted(paths)
