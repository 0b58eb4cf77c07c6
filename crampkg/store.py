"""The built graph, cached on disk and keyed by a hash of everything that goes into it.

Each view is an N-Triples file (a format that cannot run code when read) whose first line is a comment holding a
JSON header: the inputs digest and view it was built from, the SHA-256 and triple count of the body, and the
prefixes. A file is used only when all of these match; anything else is rebuilt (in memory, with a warning, when
the cache folder cannot be written).

The package ships the same files, gzipped, for the inputs it is released with (``crampkg/prebuilt/``, written by
``python -m crampkg.store``): on a fresh install the first query reads them instead of building the graph. They
go through the same checks, so a shipped graph of other inputs is never used. The Oxigraph backend (the default)
loads the N-Triples body straight into its store; only :func:`load` makes an rdflib graph of it.
"""
from __future__ import annotations

import contextlib
import gzip
import hashlib
import json
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from crampkg import paths
from crampkg._version import __version__
from crampkg.errors import UserError
from crampkg.paths import cache_dir
from crampkg.rdfio import write_atomically
from crampkg.sparql.backends import DEFAULT_BACKEND, Backend
from crampkg.sparql.engine import QueryResult, bindings_for, resolve

if TYPE_CHECKING:  # pragma: no cover
    from rdflib import Graph

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
        folder = Path(next(iter(importlib.import_module(package).__path__)))  # a namespace package has no __file__
        files += [(f"{package}/{path.relative_to(folder).as_posix()}", path) for path in _files(folder, ("*.py",))]
    return [*files, ("crampkg/namespaces.py", Path(__file__).with_name("namespaces.py"))]


def inputs_digest(sources_dir: Path, ontology_dir: Path) -> str:
    """A hash of the content (never the location) of the ontology, the sources, the code that makes the graph
    (as installed, in a wheel or a checkout) and the library and terminology versions."""
    import rdflib

    from crampkg.mappings.releases import installed_releases

    sources_dir, ontology_dir = Path(sources_dir), Path(ontology_dir)
    digest = hashlib.sha256(f"{FORMAT} crampkg {__version__} rdflib {rdflib.__version__}".encode())
    releases = sorted((k, v.system, v.version, v.package, v.package_version) for k, v in installed_releases().items())
    digest.update(repr(releases).encode())  # never the data files' paths: the key is the same wherever it is installed
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


def _dirs(sources_dir: Path | None, ontology_dir: Path | None) -> tuple[Path, Path]:
    return (Path(sources_dir) if sources_dir else paths.sources_dir(),
            Path(ontology_dir) if ontology_dir else paths.ontology_dir())


def cached_ntriples(sources_dir: Path | None = None, ontology_dir: Path | None = None,
                    reasoning: str = "all") -> tuple[str, bytes, dict[str, str]]:
    """``(inputs digest, N-Triples body, prefixes)`` of one view (``asserted``, ``inferred`` or ``all``): from the
    disk cache or the graph the package ships when the inputs are unchanged, else built (with OWL 2 RL reasoning)
    and stored, each view in its own file so that a process reads only the one it needs."""
    sources_dir, ontology_dir = _dirs(sources_dir, ontology_dir)
    digest = inputs_digest(sources_dir, ontology_dir)
    key = (digest, reasoning)
    if key not in _LOADED:
        found = read_cache(cache_path(digest, reasoning), digest, reasoning)
        if found is None:
            found = read_cache(shipped_path(reasoning), digest, reasoning, quiet_if_foreign=True)
        if found is None:
            with progress("building the graph (parse, check every quote, OWL 2 RL), once for these inputs"):
                views = _build_views(sources_dir, ontology_dir)
            for name, view in views.items():
                body, prefixes = ntriples_of(view)
                write_cache(cache_path(digest, name), body, len(view), prefixes, digest, name)
                _LOADED.setdefault((digest, name), Loaded(body, prefixes, view))
        else:
            _LOADED[key] = Loaded(*found)
    loaded = _LOADED[key]
    return digest, loaded.body, loaded.prefixes


def cached_graph(sources_dir: Path | None = None, ontology_dir: Path | None = None, reasoning: str = "all") -> Graph:
    """One view of the graph as an rdflib ``Graph`` (see :func:`cached_ntriples`), kept for the life of the process."""
    from crampkg.sparql.backends import graph_from_ntriples

    digest, body, prefixes = cached_ntriples(sources_dir, ontology_dir, reasoning)
    loaded = _LOADED[(digest, reasoning)]
    if loaded.graph is None:
        loaded.graph = graph_from_ntriples(body)
        for prefix, namespace in prefixes.items():
            loaded.graph.bind(prefix, namespace, override=True, replace=True)
    return loaded.graph


@dataclass
class Loaded:
    """One view of the graph in memory: its N-Triples, its prefixes and, once asked for, its rdflib graph."""

    body: bytes
    prefixes: dict[str, str]
    graph: Graph | None = None


_LOADED: dict[tuple[str, str], Loaded] = {}


class progress:
    """A context that prints ``crampkg: WHAT ...`` on stderr when it starts and the seconds it took when it ends,
    for a step that takes longer than a second."""

    def __init__(self, what: str) -> None:
        self.what = what

    def __enter__(self) -> None:
        print(f"crampkg: {self.what} ...", file=sys.stderr, flush=True)
        self.start = time.perf_counter()

    def __exit__(self, *exc: object) -> None:
        if exc[0] is None:
            print(f"crampkg: ... done in {time.perf_counter() - self.start:.1f} s", file=sys.stderr, flush=True)


SHIPPED_DIR = Path(__file__).parent / "prebuilt"
"""The built graph the package ships (one gzipped cache file per view)."""


def shipped_path(reasoning: str) -> Path:
    """The shipped cache file of one view of the graph."""
    return SHIPPED_DIR / f"graph-{reasoning}.nt.gz"


def ship_graph(sources_dir: Path | None = None, ontology_dir: Path | None = None) -> list[Path]:
    """Write the shipped graph for the current inputs (every view), atomically; the paths written."""
    written = []
    for reasoning in REASONING:
        digest, body, prefixes = cached_ntriples(sources_dir, ontology_dir, reasoning)
        path = shipped_path(reasoning)
        write_cache(path, body, _count_lines(body), prefixes, digest, reasoning, compress=True)
        written.append(path)
    return written


def _count_lines(body: bytes) -> int:
    return sum(1 for line in body.splitlines() if line.strip() and not line.startswith(b"#"))


def cache_path(digest: str, reasoning: str) -> Path:
    """The cache file of one view of the graph built from inputs with ``digest``."""
    return cache_dir() / f"graph-{digest}-{reasoning}.nt"


def _build_views(sources_dir: Path, ontology_dir: Path) -> dict:
    from crampkg.build.graph import build_graph

    result = build_graph(sources_dir, ontology_dir, reason=True)
    return {"asserted": result.graph, "inferred": result.inferred, "all": result.with_inferences()}


def _warn(message: str) -> None:
    print(f"crampkg: warning: {message}", file=sys.stderr)


def _opener(path: Path) -> Callable[..., Any]:
    return gzip.open if path.suffix == ".gz" else open


def read_cache(path: Path, digest: str, reasoning: str,
               quiet_if_foreign: bool = False) -> tuple[bytes, dict[str, str]] | None:
    """``(N-Triples body, prefixes)`` of cache file ``path`` if it is intact and was built from ``digest`` as view
    ``reasoning``, else ``None``.

    A damaged or foreign file is removed (when it can be) and reported as a warning; with ``quiet_if_foreign``
    (the shipped graph) a file of other inputs is silently left alone.
    """
    try:
        with _opener(path)(path, "rb") as stream:
            header_line = stream.readline(64 * 1024)
            body = stream.read()
    except FileNotFoundError:
        return None
    except (OSError, EOFError) as error:
        _warn(f"cannot read the cache file {path} ({getattr(error, 'strerror', None) or error}); building the graph instead")
        return None
    problem, header = _verified_header(header_line, body, digest, reasoning)
    if problem is None:
        return body, dict(header.get("prefixes") or {})
    if quiet_if_foreign and problem.startswith("holds the graph of other inputs"):
        return None
    _warn(f"the cache file {path} {problem}; building the graph instead")
    if not quiet_if_foreign:
        with contextlib.suppress(OSError):
            path.unlink()
    return None


def _verified_header(header_line: bytes, body: bytes, digest: str, reasoning: str) -> tuple[str | None, dict]:
    """``(None, header)`` for an intact cache file of the expected graph, else ``(what is wrong, {})``.

    The N-Triples syntax and the triple count are checked by whoever parses the body (:func:`count_checked`).
    """
    try:
        header = json.loads(header_line.decode("utf-8").removeprefix("#"))
        if not isinstance(header, dict):
            raise ValueError
    except ValueError:
        return "has no valid header", {}
    if header.get("format") != FORMAT:
        return f"has format {header.get('format')!r}, not {FORMAT!r}", {}
    if header.get("inputs") != digest or header.get("view") != reasoning:
        return (f"holds the graph of other inputs or another view ({header.get('inputs')}/{header.get('view')}, "
                f"expected {digest}/{reasoning})"), {}
    if header.get("sha256") != hashlib.sha256(body).hexdigest():
        return "is damaged (its content does not match its SHA-256)", {}
    if header.get("triples") != _count_lines(body):
        return f"holds {_count_lines(body)} triples, its header says {header.get('triples')}", {}
    return None, header


def ntriples_of(graph: Graph) -> tuple[bytes, dict[str, str]]:
    """The N-Triples body and the prefixes of an rdflib graph."""
    body = graph.serialize(format="nt", encoding="utf-8")
    return body, {prefix: str(namespace) for prefix, namespace in graph.namespaces()}


def write_cache(path: Path, body: bytes, triples: int, prefixes: dict[str, str], digest: str, reasoning: str,
                compress: bool = False) -> None:
    """Store an N-Triples ``body`` as the cache file ``path`` (atomically); an unwritable cache only costs time,
    with a warning. ``compress``: gzip it (the shipped graph)."""
    header = {"format": FORMAT, "inputs": digest, "view": reasoning, "sha256": hashlib.sha256(body).hexdigest(),
              "triples": triples, "prefixes": prefixes}
    data = b"#" + json.dumps(header, sort_keys=True).encode("utf-8") + b"\n" + body
    if compress:
        data = gzip.compress(data, compresslevel=9, mtime=0)
    try:
        write_atomically({path: data})
    except UserError:
        _warn(f"cannot write the cache in {path.parent}; the graph is kept in memory only")


# -- the Python API ------------------------------------------------------------------------------------------

def _checked_reasoning(reasoning: str) -> str:
    if reasoning not in REASONING:
        raise UserError(f"reasoning must be one of {', '.join(REASONING)}, not {reasoning!r}")
    return reasoning


def load(sources: Path | None = None, ontology: Path | None = None, reasoning: str = "all",
         article: str | None = None) -> Graph:
    """The knowledge graph as an rdflib ``Graph`` (built once, then read from the cache or the shipped graph).

    ``reasoning``: ``asserted`` (what the article states, with evidence), ``inferred`` (only what OWL 2 RL
    infers from it), or ``all`` (both, the default). ``article`` (an article id) scopes the graph to what that
    one article states (:func:`crampkg.sparql.scope.article_view`).
    """
    graph = cached_graph(sources, ontology, _checked_reasoning(reasoning))
    if article is None:
        return graph
    key = (id(graph), article)
    if key not in _ARTICLE_VIEWS:
        from crampkg.sparql.scope import article_view

        if len(_ARTICLE_VIEWS) >= 8:
            _ARTICLE_VIEWS.clear()
        _ARTICLE_VIEWS[key] = (graph, article_view(graph, article))  # the graph is kept so that its id stays unique
    return _ARTICLE_VIEWS[key][1]


_ARTICLE_VIEWS: dict[tuple[int, str], tuple[Graph, Graph]] = {}


_BACKENDS: dict[tuple[str, str, str, str | None], Backend] = {}


def backend(name: str = DEFAULT_BACKEND, sources: Path | None = None, ontology: Path | None = None,
            reasoning: str = "all", article: str | None = None) -> Backend:
    """A query backend (``oxigraph``, the default, or ``rdflib``) over the cached graph (scoped to ``article`` when
    given), kept for the life of the process. Oxigraph loads the cached N-Triples directly: no rdflib graph is made
    for it."""
    from crampkg.sparql.backends import BACKENDS, OxigraphBackend, make_backend

    if name not in BACKENDS:
        from rdflib import Graph as EmptyGraph

        make_backend(name, EmptyGraph())  # the error for an unknown backend
    digest, body, prefixes = cached_ntriples(sources, ontology, _checked_reasoning(reasoning))
    key = (name, digest, reasoning, article)
    if key not in _BACKENDS:
        if len(_BACKENDS) >= 8:
            _BACKENDS.clear()
        if article is not None:
            _BACKENDS[key] = make_backend(name, load(sources, ontology, reasoning, article))
        elif name == "oxigraph":
            _BACKENDS[key] = OxigraphBackend.from_ntriples(body, prefixes)
        else:
            _BACKENDS[key] = make_backend(name, cached_graph(sources, ontology, reasoning))
    return _BACKENDS[key]


def query(name_or_text: str | Path, graph: Graph | None = None, sources: Path | None = None,
          ontology: Path | None = None, backend_name: str = DEFAULT_BACKEND, reasoning: str = "all",
          article: str | None = None, **params: Any) -> QueryResult:
    """Run a named query, a ``.rq`` file or SPARQL text (on Oxigraph unless ``backend_name="rdflib"``); keyword
    arguments bind the query's parameters. ``graph``: query this rdflib graph instead of the knowledge graph;
    ``article``: only what that article states.

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


if __name__ == "__main__":  # python -m crampkg.store: write the shipped graph for the current inputs
    for written in ship_graph():
        print(written)
