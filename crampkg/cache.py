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


def cached_graphs(sources_dir: Path | None = None, ontology_dir: Path | None = None):
    """The asserted graph and the OWL 2 RL inferences: from memory or the disk cache when the inputs are
    unchanged, else built (with reasoning) and stored."""
    sources_dir = Path(sources_dir) if sources_dir else resources.sources_dir()
    ontology_dir = Path(ontology_dir) if ontology_dir else resources.ontology_dir()
    path = cache_dir() / f"graphs-{inputs_digest(sources_dir, ontology_dir)}.pickle"
    if path in _LOADED:
        return _LOADED[path]
    _LOADED[path] = _read_or_build(path, sources_dir, ontology_dir)
    return _LOADED[path]


_LOADED: dict[Path, object] = {}


def _read_or_build(path: Path, sources_dir: Path, ontology_dir: Path):
    from crampkg.build import build_graph

    if path.exists():
        try:
            with path.open("rb") as stream:
                return pickle.load(stream)
        except Exception:  # a damaged cache file is rebuilt, never trusted
            path.unlink(missing_ok=True)
    result = build_graph(sources_dir, ontology_dir, reason=True)
    graphs = (result.graph, result.inferred)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(prefix=".graph-", dir=path.parent)
        with os.fdopen(handle, "wb") as stream:
            pickle.dump(graphs, stream, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(temporary, path)
    except OSError:
        pass  # an unwritable cache only costs time
    return graphs
