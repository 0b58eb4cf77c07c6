"""The built graph, cached on disk and keyed by a hash of everything that goes into it."""
from __future__ import annotations

import hashlib
import os
import pickle
import tempfile
from pathlib import Path

from crampkg import __version__, resources


def cache_dir() -> Path:
    """``$CRAMPKG_CACHE_DIR``, else ``$XDG_CACHE_HOME/crampkg``, else ``~/.cache/crampkg``."""
    if os.environ.get("CRAMPKG_CACHE_DIR"):
        return Path(os.environ["CRAMPKG_CACHE_DIR"])
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "crampkg"


def _files(folder: Path, patterns: tuple[str, ...]) -> list[Path]:
    return sorted({p for pattern in patterns for p in Path(folder).rglob(pattern) if p.is_file()})


def inputs_digest(sources_dir: Path, ontology_dir: Path) -> str:
    """A hash of the ontology, the sources, the loader code and the library versions."""
    import rdflib

    digest = hashlib.sha256(f"crampkg {__version__} rdflib {rdflib.__version__}".encode())
    from crampkg.mappings.releases import installed_releases

    loader_dir = Path(resources.__file__).parent.parent / "loaders"
    code = [Path(__file__).parent / name for name in ("build.py", "namespaces.py", "reasoning.py")]
    code += _files(Path(__file__).parent / "mappings", ("*.py",))
    digest.update(repr(sorted((k, str(v)) for k, v in installed_releases().items())).encode())
    for path in [*_files(ontology_dir, ("*.ttl",)), *_files(sources_dir, ("*.txt", "*.yaml")), *code, *_files(loader_dir, ("*.py",))]:
        digest.update(str(path.name).encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:24]


REASONING = ("asserted", "inferred", "all")


def cached_graph(sources_dir: Path | None = None, ontology_dir: Path | None = None, reasoning: str = "all"):
    """One view of the graph (``asserted``, ``inferred`` or ``all``): from memory or the disk cache when the
    inputs are unchanged, else built (with OWL 2 RL reasoning) and stored, each view in its own file so that a
    process reads only the one it needs."""
    sources_dir = Path(sources_dir) if sources_dir else resources.sources_dir()
    ontology_dir = Path(ontology_dir) if ontology_dir else resources.ontology_dir()
    digest = inputs_digest(sources_dir, ontology_dir)
    key = (digest, reasoning)
    if key not in _LOADED:
        path = cache_dir() / f"graph-{digest}-{reasoning}.pickle"
        graph = _read(path)
        if graph is None:
            views = _build_views(sources_dir, ontology_dir)
            for name, view in views.items():
                _write(cache_dir() / f"graph-{digest}-{name}.pickle", view)
            graph = views[reasoning]
        _LOADED[key] = graph
    return _LOADED[key]


_LOADED: dict[tuple[str, str], object] = {}


def _build_views(sources_dir: Path, ontology_dir: Path) -> dict:
    from crampkg.build import build_graph

    result = build_graph(sources_dir, ontology_dir, reason=True)
    return {"asserted": result.graph, "inferred": result.inferred, "all": result.with_inferences()}


def _read(path: Path):
    if not path.exists():
        return None
    try:
        with path.open("rb") as stream:
            return pickle.load(stream)
    except Exception:  # a damaged cache file is rebuilt, never trusted
        path.unlink(missing_ok=True)
        return None


def _write(path: Path, graph) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(prefix=".graph-", dir=path.parent)
        with os.fdopen(handle, "wb") as stream:
            pickle.dump(graph, stream, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(temporary, path)
    except OSError:
        pass  # an unwritable cache only costs time
