"""The built graph, cached on disk and keyed by a hash of everything that goes into it.

Each view is an N-Triples file (a format that cannot run code when read) whose first line is a comment holding a
JSON header: the inputs digest and view it was built from, the SHA-256 and triple count of the body, and the
prefixes. A file is used only when all of these match; anything else is rebuilt (in memory, with a warning, when
the cache folder cannot be written).
"""
from __future__ import annotations

import contextlib
import hashlib
import json
import os
import sys
import tempfile
from pathlib import Path
from typing import Any

from crampkg import paths
from crampkg._version import __version__
from crampkg.errors import UserError
from crampkg.paths import cache_dir
from crampkg.sparql.engine import QueryResult, bindings_for, resolve

FORMAT = "crampkg-cache 2"


def _files(folder: Path, patterns: tuple[str, ...]) -> list[Path]:
    return sorted({p for pattern in patterns for p in Path(folder).rglob(pattern) if p.is_file()})


GRAPH_CODE = ("crampkg.loaders", "crampkg.build", "crampkg.mappings")
"""The packages whose code decides what the graph holds; with ``namespaces.py`` they are part of the cache key."""


def graph_code_files() -> list[tuple[str, Path]]:
    """The installed code files that make the graph, each with a name independent of where it is installed."""
    import importlib

    files = []
    for package in GRAPH_CODE:
        folder = Path(importlib.import_module(package).__path__[0])
        files += [(f"{package}/{path.relative_to(folder).as_posix()}", path) for path in _files(folder, ("*.py",))]
    return [*files, ("crampkg/namespaces.py", Path(__file__).with_name("namespaces.py"))]


def inputs_digest(sources_dir: Path, ontology_dir: Path) -> str:
    """A hash of the content (never the location) of the ontology, the sources, the code that makes the graph
    (as installed, in a wheel or a checkout) and the library and terminology versions."""
    import rdflib

    from crampkg.mappings.releases import installed_releases

    sources_dir, ontology_dir = Path(sources_dir), Path(ontology_dir)
    digest = hashlib.sha256(f"{FORMAT} crampkg {__version__} rdflib {rdflib.__version__}".encode())
    digest.update(repr(sorted((k, str(v)) for k, v in installed_releases().items())).encode())
    named = [(path.relative_to(ontology_dir).as_posix(), path) for path in _files(ontology_dir, ("*.ttl",))]
    named += [(path.relative_to(sources_dir).as_posix(), path) for path in _files(sources_dir, ("*.txt", "*.yaml"))]
    for name, path in [*named, *graph_code_files()]:
        digest.update(name.encode() + b"\0")
        try:
            content = path.read_bytes()
        except OSError as error:
            raise UserError(f"{path}: cannot be read: {error.strerror or error}; check that you may read it") from None
        digest.update(len(content).to_bytes(8, "big") + content)
    return digest.hexdigest()[:24]


REASONING = ("asserted", "inferred", "all")


def cached_graph(sources_dir: Path | None = None, ontology_dir: Path | None = None, reasoning: str = "all"):
    """One view of the graph (``asserted``, ``inferred`` or ``all``): from memory or the disk cache when the
    inputs are unchanged, else built (with OWL 2 RL reasoning) and stored, each view in its own file so that a
    process reads only the one it needs."""
    sources_dir = Path(sources_dir) if sources_dir else paths.sources_dir()
    ontology_dir = Path(ontology_dir) if ontology_dir else paths.ontology_dir()
    digest = inputs_digest(sources_dir, ontology_dir)
    key = (digest, reasoning)
    if key not in _LOADED:
        graph = read_cache(cache_path(digest, reasoning), digest, reasoning)
        if graph is None:
            views = _build_views(sources_dir, ontology_dir)
            for name, view in views.items():
                write_cache(cache_path(digest, name), view, digest, name)
            graph = views[reasoning]
        _LOADED[key] = graph
    return _LOADED[key]


_LOADED: dict[tuple[str, str], object] = {}


def cache_path(digest: str, reasoning: str) -> Path:
    """The cache file of one view of the graph built from inputs with ``digest``."""
    return cache_dir() / f"graph-{digest}-{reasoning}.nt"


def _build_views(sources_dir: Path, ontology_dir: Path) -> dict:
    from crampkg.build.graph import build_graph

    result = build_graph(sources_dir, ontology_dir, reason=True)
    return {"asserted": result.graph, "inferred": result.inferred, "all": result.with_inferences()}


def _warn(message: str) -> None:
    print(f"crampkg: warning: {message}", file=sys.stderr)


def read_cache(path: Path, digest: str, reasoning: str):
    """The graph in cache file ``path`` if it is intact and was built from ``digest`` as view ``reasoning``, else ``None``.

    A damaged or foreign file is removed (when it can be) and reported as a warning.
    """
    try:
        with path.open("rb") as stream:
            header_line = stream.readline(64 * 1024)
            body = stream.read()
    except FileNotFoundError:
        return None
    except OSError as error:
        _warn(f"cannot read the cache file {path} ({error.strerror or error}); building the graph instead")
        return None
    problem, graph = _verified_graph(header_line, body, digest, reasoning)
    if problem is None:
        return graph
    _warn(f"the cache file {path} {problem}; building the graph instead")
    with contextlib.suppress(OSError):
        path.unlink()
    return None


def _verified_graph(header_line: bytes, body: bytes, digest: str, reasoning: str):
    """``(None, graph)`` for an intact cache file of the expected graph, else ``(what is wrong, None)``."""
    from crampkg.sparql.backends import graph_from_ntriples

    try:
        header = json.loads(header_line.decode("utf-8").removeprefix("#"))
        if not isinstance(header, dict):
            raise ValueError
    except ValueError:
        return "has no valid header", None
    if header.get("format") != FORMAT:
        return f"has format {header.get('format')!r}, not {FORMAT!r}", None
    if header.get("inputs") != digest or header.get("view") != reasoning:
        return (f"holds the graph of other inputs or another view ({header.get('inputs')}/{header.get('view')}, "
                f"expected {digest}/{reasoning})"), None
    if header.get("sha256") != hashlib.sha256(body).hexdigest():
        return "is damaged (its content does not match its SHA-256)", None
    try:
        graph = graph_from_ntriples(body)
    except (SyntaxError, ValueError) as error:
        return f"is not valid N-Triples ({error})", None
    if len(graph) != header.get("triples"):
        return f"holds {len(graph)} triples, its header says {header.get('triples')}", None
    for prefix, namespace in (header.get("prefixes") or {}).items():
        graph.bind(prefix, namespace, override=True, replace=True)
    return None, graph


def write_cache(path: Path, graph, digest: str, reasoning: str) -> None:
    """Store ``graph`` as the cache file ``path`` (atomically); an unwritable cache only costs time, with a warning."""
    body = graph.serialize(format="nt", encoding="utf-8")
    header = {"format": FORMAT, "inputs": digest, "view": reasoning, "sha256": hashlib.sha256(body).hexdigest(),
              "triples": len(graph), "prefixes": {prefix: str(namespace) for prefix, namespace in graph.namespaces()}}
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(prefix=".graph-", dir=path.parent)
        try:
            with os.fdopen(handle, "wb") as stream:
                stream.write(b"#" + json.dumps(header, sort_keys=True).encode("utf-8") + b"\n")
                stream.write(body)
            os.replace(temporary, path)
        finally:
            if os.path.exists(temporary):
                os.unlink(temporary)
    except OSError as error:
        _warn(f"cannot write the cache in {path.parent} ({error.strerror or error}); the graph is kept in memory only")


# -- the Python API ------------------------------------------------------------------------------------------

def load(sources: Path | None = None, ontology: Path | None = None, reasoning: str = "all",
         article: str | None = None):
    """The knowledge graph as an rdflib ``Graph`` (built once, then read from the cache).

    ``reasoning``: ``asserted`` (what the article states, with evidence), ``inferred`` (only what OWL 2 RL
    infers from it), or ``all`` (both, the default). ``article`` (an article id) scopes the graph to what that
    one article states (:func:`crampkg.sparql.scope.article_view`).
    """
    if reasoning not in REASONING:
        raise UserError(f"reasoning must be one of {', '.join(REASONING)}, not {reasoning!r}")
    graph = cached_graph(sources, ontology, reasoning)
    if article is None:
        return graph
    key = (id(graph), article)
    if key not in _ARTICLE_VIEWS:
        from crampkg.sparql.scope import article_view

        if len(_ARTICLE_VIEWS) >= 8:
            _ARTICLE_VIEWS.clear()
        _ARTICLE_VIEWS[key] = (graph, article_view(graph, article))  # the graph is kept so that its id stays unique
    return _ARTICLE_VIEWS[key][1]


_ARTICLE_VIEWS: dict[tuple[int, str], tuple[Any, Any]] = {}


_BACKENDS: dict[tuple, Any] = {}


def backend(name: str = "rdflib", sources: Path | None = None, ontology: Path | None = None, reasoning: str = "all",
            article: str | None = None):
    """A query backend (``rdflib`` or ``oxigraph``) over the cached graph (scoped to ``article`` when given),
    kept for the life of the process."""
    from crampkg.sparql.backends import make_backend

    graph = load(sources, ontology, reasoning, article)
    key = (name, id(graph))
    if key not in _BACKENDS:
        if len(_BACKENDS) >= 8:
            _BACKENDS.clear()
        _BACKENDS[key] = make_backend(name, graph)
    return _BACKENDS[key]


def query(name_or_text: str | Path, graph: Any = None, sources: Path | None = None, ontology: Path | None = None,
          backend_name: str = "rdflib", reasoning: str = "all", article: str | None = None,
          **params: Any) -> QueryResult:
    """Run a named query, a ``.rq`` file or SPARQL text; keyword arguments bind the query's parameters.

    ``article`` (an article id) runs the query on what that one article states; with ``graph`` it scopes that graph.

    >>> crampkg.query("exercise-steps", exercise="dehnung-des-rueckens").to_dataframe()  # doctest: +SKIP
    """
    text, named = resolve(name_or_text)
    bindings = bindings_for(named, {k: str(v) for k, v in params.items() if v is not None})
    if graph is not None:
        from crampkg.sparql.backends import make_backend
        from crampkg.sparql.scope import article_view

        return make_backend(backend_name, graph if article is None else article_view(graph, article)).query(text, bindings)
    return backend(backend_name, sources, ontology, reasoning, article).query(text, bindings)
