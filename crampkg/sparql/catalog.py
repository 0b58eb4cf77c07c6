"""The named SPARQL queries shipped in ``queries/*.rq`` and their header comments.

A named query starts with comment lines::

    # title: Treatments for symptoms caused by a mineral deficiency
    # description: Which treatments address symptoms of conditions that a mineral deficiency causes?
    # param: lang lang de  Language of the labels
    # param: exercise iri -  The exercise (any when not given)

Quality checks in ``queries/checks/*-violation.rq`` also carry ``# level: ERROR|WARN|INFO``.

A query about the entities of one article (its main condition, its diagnosis, a disease it names) lives with that
article, in ``sources/<article>/queries/*.rq``; the catalog lists it beside the shipped ones, with its article folder.

``param`` lines read ``NAME TYPE DEFAULT DESCRIPTION``; TYPE is ``iri`` (an entity id or a full IRI),
``term`` (an ontology class, property or hedge value by local name, or a full IRI),
``literal`` (a plain string), ``lang`` (a language tag) or
``integer``; DEFAULT ``-`` leaves the variable unbound, so the query ranges over every value.

A parameter with a default also writes it in the query text, as a one-variable ``VALUES ?NAME { DEFAULT }`` block
at the start of its pattern, so that the ``.rq`` file gives the default answer on any SPARQL 1.1 engine (Jena ARQ,
an endpoint, SPARQLWrapper) without crampkg. When crampkg binds the parameter it drops that block and binds the
variable as a typed term instead (:func:`crampkg.sparql.engine.without_bound_defaults`).
"""
from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field
from pathlib import Path

from crampkg import paths
from crampkg.errors import UserError

PARAM_TYPES = ("iri", "term", "literal", "lang", "integer")
_HEADER = re.compile(r"^#\s*(title|description|param|level):\s*(.*)$")


def default_block(name: str) -> re.Pattern[str]:
    """The ``VALUES ?name { … }`` block in which a named query writes the default of parameter ``name``."""
    return re.compile(r"VALUES\s+\?" + re.escape(name) + r"\s*\{[^{}]*\}")


@dataclass(frozen=True)
class Param:
    """A parameter of a named query: its SPARQL variable, type, default and meaning."""

    name: str
    type: str
    default: str | None
    description: str


@dataclass(frozen=True)
class NamedQuery:
    """A shipped query with its title, description, parameters and text."""

    name: str
    path: Path
    title: str
    description: str
    text: str
    params: dict[str, Param] = field(default_factory=dict)
    level: str = ""
    article: str = ""
    """The article folder that ships the query (``sources/<article>/queries/``); empty for a query of any article."""


def parse_named_query(path: Path, article: str = "") -> NamedQuery:
    """Read one ``.rq`` file and its header (``article``: the article folder it belongs to, if any)."""
    text = path.read_text(encoding="utf-8")
    title, description, level, params = "", "", "", {}
    for line in text.splitlines():
        if not line.startswith("#"):
            if line.strip():
                break
            continue
        match = _HEADER.match(line)
        if not match:
            continue
        key, value = match.groups()
        if key == "title":
            title = value.strip()
        elif key == "level":
            level = value.strip().upper()
        elif key == "description":
            description = f"{description} {value.strip()}".strip()
        else:
            parts = value.split(None, 3)
            if len(parts) < 3 or parts[1] not in PARAM_TYPES:
                raise UserError(f"{path}: malformed param line {line!r}: write '# param: NAME TYPE DEFAULT DESCRIPTION' with TYPE in {', '.join(PARAM_TYPES)}")
            name, kind, default = parts[:3]
            params[name] = Param(name, kind, None if default == "-" else default, parts[3] if len(parts) > 3 else "")
    return NamedQuery(name=path.stem, path=path, title=title or path.stem, description=description, text=text,
                      params=params, level=level, article=article)


def named_queries(folder: Path | None = None) -> dict[str, NamedQuery]:
    """Every named query in ``folder``, by name; by default the shipped ones: ``queries/*.rq`` and the queries of
    each shipped article (``sources/<article>/queries/*.rq``). Two queries of one name are a :class:`UserError`."""
    if folder is not None:
        return {q.name: q for q in (parse_named_query(p) for p in sorted(Path(folder).glob("*.rq")))}
    found = [parse_named_query(p) for p in sorted(paths.queries_dir().glob("*.rq"))]
    for article in paths.article_folders(paths.sources_dir()):
        found += [parse_named_query(p, article.name) for p in sorted((article / "queries").glob("*.rq"))]
    catalog: dict[str, NamedQuery] = {}
    for query in found:
        if query.name in catalog:
            raise UserError(f"{catalog[query.name].path} and {query.path} both define the named query {query.name!r}: "
                            "rename one of the files")
        catalog[query.name] = query
    return catalog


def get_named_query(name: str, folder: Path | None = None) -> NamedQuery:
    """The named query ``name``; an unknown name suggests the closest names."""
    catalog = named_queries(folder)
    if name in catalog:
        return catalog[name]
    close = difflib.get_close_matches(name, list(catalog), n=3, cutoff=0.5)
    hint = f" Did you mean: {', '.join(close)}?" if close else ""
    raise UserError(f"no named query {name!r}.{hint} 'crampkg queries' lists them all.")
