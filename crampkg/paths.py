"""Where things are: the shipped ontology, sources and named queries (installed or in a checkout) and the cache."""
from __future__ import annotations

import os
from importlib import resources
from pathlib import Path


def _package_dir(package: str) -> Path:
    return Path(str(resources.files(package)))


def ontology_dir() -> Path:
    """The folder holding ``crampkg.ttl`` and ``shapes.ttl``."""
    return _package_dir("crampkg.ontology")


def sources_dir() -> Path:
    """The folder holding one sub-folder per article."""
    return _package_dir("crampkg.sources")


def queries_dir() -> Path:
    """The folder holding the named SPARQL queries (``*.rq``)."""
    return _package_dir("crampkg.queries")


def article_folders(sources_dir: Path) -> list[Path]:
    """Every article folder (one holding ``article.yaml``) below ``sources_dir``, sorted."""
    return sorted(p.parent for p in Path(sources_dir).glob("*/article.yaml"))


def cache_dir() -> Path:
    """``$CRAMPKG_CACHE_DIR``, else ``$XDG_CACHE_HOME/crampkg``, else ``~/.cache/crampkg``."""
    if os.environ.get("CRAMPKG_CACHE_DIR"):
        return Path(os.environ["CRAMPKG_CACHE_DIR"])
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "crampkg"
