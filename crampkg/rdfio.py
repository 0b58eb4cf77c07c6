"""RDF in and out of files: the graph in Turtle, N-Triples, JSON-LD and RDF/XML, the dataset of named graphs in TriG
and N-Quads, byte-identically for the same input, and the one atomic writer every artefact (data, docs, figures, caches) goes through."""
from __future__ import annotations

import contextlib
import glob
import json
import os
import re
import tempfile
from pathlib import Path

from rdflib import Graph

from crampkg.errors import UserError
from crampkg.namespaces import PREFIXES

FORMATS = {
    "turtle": ("turtle", "crampkg.ttl"),
    "ntriples": ("nt", "crampkg.nt"),
    "jsonld": ("json-ld", "crampkg.jsonld"),
    "rdfxml": ("xml", "crampkg.owl"),
}


def jsonld_context() -> dict[str, str]:
    """The compact JSON-LD context: crampkg's prefixes (no remote context is ever fetched)."""
    return {prefix: iri for prefix, iri in PREFIXES.items() if prefix}


def serialize(graph: Graph, fmt: str) -> bytes:
    """The graph in ``fmt`` (one of :data:`FORMATS`), deterministic for a given graph."""
    if fmt == "ntriples":
        lines = graph.serialize(format="nt", encoding="utf-8").decode("utf-8").splitlines()
        return ("\n".join(sorted(line for line in lines if line.strip())) + "\n").encode("utf-8")
    if fmt == "jsonld":
        text = graph.serialize(format="json-ld", context=jsonld_context(), auto_compact=True, encoding="utf-8")
        document = _sorted_json(json.loads(text))
        return (json.dumps(document, indent=1, sort_keys=True, ensure_ascii=False) + "\n").encode("utf-8")
    if fmt == "rdfxml":
        return _insertion_ordered(graph).serialize(format="xml", encoding="utf-8")
    return graph.serialize(format=FORMATS[fmt][0], encoding="utf-8")


DATASET_FORMATS = ("trig", "nquads")
"""Formats of a dataset of named graphs (asserted and inferred), made from each graph's deterministic form."""


def serialize_dataset(named: dict[str, Graph], fmt: str) -> bytes:
    """The named graphs (graph IRI → graph) as one TriG or N-Quads document, deterministic for the same graphs."""
    if fmt == "trig":
        return trig({name: serialize(graph, "turtle") for name, graph in named.items()})
    if fmt == "nquads":
        quads = []
        for name, graph in named.items():
            for line in serialize(graph, "ntriples").decode("utf-8").splitlines():
                quads.append(f"{line[:-1].rstrip()} <{name}> .")
        return ("\n".join(sorted(quads)) + "\n").encode("utf-8")
    raise ValueError(f"{fmt!r} is not a dataset format ({', '.join(DATASET_FORMATS)})")


def trig(named_turtle: dict[str, bytes]) -> bytes:
    """Turtle documents (graph IRI → Turtle) as named graphs of one TriG dataset, in the order given.

    Each graph block is the graph's deterministic Turtle, unindented; rdflib's own TriG writer orders graphs by hash.
    """
    prefixes: set[str] = set()
    blocks = []
    for name, turtle in named_turtle.items():
        lines = turtle.decode("utf-8").splitlines()
        prefixes.update(line for line in lines if line.startswith("@prefix"))
        # not indented: a line may be inside a multi-line string literal, whose text must stay as it is
        body = "\n".join(line for line in lines if not line.startswith("@prefix")).strip("\n")
        blocks.append(f"<{name}> {{\n{body}\n}}\n")
    return ("\n".join(sorted(prefixes)) + "\n\n" + "\n".join(blocks)).encode("utf-8")


def _insertion_ordered(graph: Graph) -> Graph:
    """A copy in a store that iterates in insertion order (rdflib's default store iterates a set)."""
    ordered = Graph(store="SimpleMemory")
    for prefix, namespace in graph.namespaces():
        ordered.bind(prefix, namespace, override=True, replace=True)
    for triple in sorted(graph):
        ordered.add(triple)
    return ordered


def _sorted_json(value, key: str = ""):
    """Sort every JSON-LD array except ordered ``@list`` values, so that output order is stable."""
    if isinstance(value, dict):
        return {k: _sorted_json(v, k) for k, v in value.items()}
    if isinstance(value, list):
        items = [_sorted_json(v) for v in value]
        if key == "@list":
            return items
        return sorted(items, key=lambda item: json.dumps(item, sort_keys=True, ensure_ascii=False))
    return value


_TEMPORARY_SUFFIX = re.compile(r"[a-z0-9_]{8}")


def write_atomically(files: dict[Path, bytes]) -> None:
    """Write every file to a temporary name beside it, then rename all into place (mode 0644 less umask).

    Each folder is locked while its files are written, and temporary files a killed earlier write left
    behind (``.<name>.<8 characters>``) are removed first.
    """
    try:
        _write_all(files)
    except OSError as error:
        where = error.filename or next(iter(files), "")
        raise UserError(f"cannot write {where}: {error.strerror or error}; nothing was changed. "
                        "Choose a folder you may write to (--out / --output).") from None


def _write_all(files: dict[Path, bytes]) -> None:
    umask = os.umask(0)
    os.umask(umask)
    staged: list[tuple[str, Path]] = []
    with contextlib.ExitStack() as locks:
        for folder in sorted({path.parent for path in files}):
            folder.mkdir(parents=True, exist_ok=True)
            locks.enter_context(_locked(folder))
            remove_stale_temporaries(folder, [path.name for path in files if path.parent == folder])
        try:
            for path, content in files.items():
                handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
                staged.append((temporary, path))
                with os.fdopen(handle, "wb") as stream:
                    stream.write(content)
                os.chmod(temporary, 0o666 & ~umask)
            for temporary, path in staged:
                os.replace(temporary, path)
        finally:
            for temporary, _ in staged:
                if os.path.exists(temporary):
                    os.unlink(temporary)


def remove_stale_temporaries(folder: Path, names: list[str]) -> list[Path]:
    """Delete the temporary files of :func:`write_atomically` for ``names`` in ``folder``; return what was removed."""
    removed = []
    for name in names:
        for candidate in folder.glob(f".{glob.escape(name)}.*"):
            if _TEMPORARY_SUFFIX.fullmatch(candidate.name[len(name) + 2:]) and candidate.is_file():
                candidate.unlink(missing_ok=True)
                removed.append(candidate)
    return removed


@contextlib.contextmanager
def _locked(folder: Path):
    """An exclusive lock on ``folder`` (flock on the folder itself: no lock file is left behind)."""
    import fcntl

    handle = os.open(folder, os.O_RDONLY)
    try:
        fcntl.flock(handle, fcntl.LOCK_EX)
        yield
    finally:
        os.close(handle)
