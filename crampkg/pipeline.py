"""``crampkg build``: every artefact computed in memory first, then written atomically to the output folder."""
from __future__ import annotations

from pathlib import Path

from rdflib import URIRef

from crampkg.build import BuildResult, build_graph, write_atomically
from crampkg.export import FORMATS, serialize

ASSERTED_GRAPH = URIRef("https://w3id.org/crampkg/graph/asserted")
INFERRED_GRAPH = URIRef("https://w3id.org/crampkg/graph/inferred")


def dataset(asserted_turtle: bytes, inferred_turtle: bytes) -> bytes:
    """Asserted and inferred triples as two named graphs of one TriG dataset.

    Each graph block is the graph's deterministic Turtle; rdflib's own TriG writer orders graphs by hash.
    """
    prefixes: set[str] = set()
    blocks = []
    for name, turtle in ((ASSERTED_GRAPH, asserted_turtle), (INFERRED_GRAPH, inferred_turtle)):
        lines = turtle.decode("utf-8").splitlines()
        prefixes.update(line for line in lines if line.startswith("@prefix"))
        body = "\n".join(f"    {line}" if line else "" for line in lines if not line.startswith("@prefix")).strip("\n")
        blocks.append(f"<{name}> {{\n{body}\n}}\n")
    return ("\n".join(sorted(prefixes)) + "\n\n" + "\n".join(blocks)).encode("utf-8")


def build_artefacts(result: BuildResult, sources_dir: Path | None = None, ontology_dir: Path | None = None) -> dict[str, bytes]:
    """File name → content of every artefact of a verified build."""
    from crampkg.mappings import sssom_table, verified_mappings

    artefacts = {filename: serialize(result.graph, fmt) for fmt, (_, filename) in FORMATS.items()}
    mappings = verified_mappings(sources_dir, ontology_dir)
    if mappings:
        artefacts["mappings.sssom.tsv"] = sssom_table(mappings).encode("utf-8")
    if result.inferred is not None:
        artefacts["inferred.ttl"] = serialize(result.inferred, "turtle")
        artefacts["crampkg-with-inferences.nt"] = serialize(result.with_inferences(), "ntriples")
        artefacts["crampkg.trig"] = dataset(artefacts["crampkg.ttl"], artefacts["inferred.ttl"])
    return artefacts


def run_build(out: Path, sources_dir: Path | None = None, ontology_dir: Path | None = None) -> tuple[list[Path], BuildResult]:
    """Build, reason, validate and write the artefacts to ``out``; nothing is written when anything fails."""
    import time

    result = build_graph(sources_dir, ontology_dir, reason=True, verify=True)
    started = time.perf_counter()
    artefacts = build_artefacts(result, sources_dir, ontology_dir)
    files = {Path(out) / name: data for name, data in artefacts.items()}
    write_atomically(files)
    result.timings["write"] = time.perf_counter() - started
    return sorted(files), result
