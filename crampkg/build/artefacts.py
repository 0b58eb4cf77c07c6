"""``crampkg build``: every artefact computed in memory first, then written atomically to the output folder."""
from __future__ import annotations

from pathlib import Path

from rdflib import Graph

from crampkg.build.graph import BuildResult, build_graph
from crampkg.build.void import ASSERTED_GRAPH, INFERRED_GRAPH, describe_dataset
from crampkg.rdfio import FORMATS, serialize, trig, write_atomically


def dataset(asserted_turtle: bytes, inferred_turtle: bytes) -> bytes:
    """Asserted and inferred triples as two named graphs of one TriG dataset."""
    return trig({str(ASSERTED_GRAPH): asserted_turtle, str(INFERRED_GRAPH): inferred_turtle})


def named_graphs(result: BuildResult) -> dict[str, Graph]:
    """The build's graphs by their graph IRI: the asserted one, and the inferred one when the build reasoned."""
    named = {str(ASSERTED_GRAPH): result.graph}
    if result.inferred is not None:
        named[str(INFERRED_GRAPH)] = result.inferred
    return named


class AssertedWriter:
    """Serialises the asserted graph in a forked process while the parent reasons and validates.

    The child writes into a private folder that the parent reads once the child has exited; nothing reaches the
    output folder before the whole build has succeeded.
    """

    def __init__(self, graph) -> None:
        import os
        import tempfile

        self.folder = Path(tempfile.mkdtemp(prefix="crampkg-write-"))
        self.pid = os.fork()
        if self.pid == 0:
            status = 1
            try:
                for fmt, (_, filename) in FORMATS.items():
                    (self.folder / filename).write_bytes(serialize(graph, fmt))
                status = 0
            finally:
                os._exit(status)

    def result(self) -> dict[str, bytes]:
        """The serialised artefacts (waits for the child)."""
        import os

        _, status = os.waitpid(self.pid, 0)
        try:
            if status != 0:
                raise RuntimeError("serialising the graph failed")
            return {filename: (self.folder / filename).read_bytes() for _, filename in FORMATS.values()}
        finally:
            self.discard()

    def discard(self) -> None:
        """Stop the child if it still runs and remove its folder."""
        import os
        import shutil
        import signal

        try:
            os.kill(self.pid, signal.SIGKILL)
            os.waitpid(self.pid, 0)
        except (ProcessLookupError, ChildProcessError):
            pass
        shutil.rmtree(self.folder, ignore_errors=True)


def build_artefacts(result: BuildResult, asserted: dict[str, bytes] | None = None) -> dict[str, bytes]:
    """File name → content of every artefact of a verified build (``asserted``: the four formats, if already made)."""
    from crampkg.mappings import sssom_table

    artefacts = dict(asserted) if asserted else {filename: serialize(result.graph, fmt) for fmt, (_, filename) in FORMATS.items()}
    if result.mappings:
        artefacts["mappings.sssom.tsv"] = sssom_table(result.mappings).encode("utf-8")
    if result.inferred is not None:
        artefacts["inferred.ttl"] = serialize(result.inferred, "turtle")
        artefacts["crampkg-with-inferences.nt"] = serialize(result.with_inferences(), "ntriples")
        artefacts["crampkg.trig"] = dataset(artefacts["crampkg.ttl"], artefacts["inferred.ttl"])
    graphs = {ASSERTED_GRAPH: result.graph, **({INFERRED_GRAPH: result.inferred} if result.inferred is not None else {})}
    artefacts["void.ttl"] = serialize(describe_dataset(graphs), "turtle")
    return artefacts


def run_build(out: Path, sources_dir: Path | None = None, ontology_dir: Path | None = None, *, allow_shrink: bool = False,
              follow_imports: tuple[str, ...] = ()) -> tuple[list[Path], BuildResult]:
    """Build, reason, validate and write the artefacts to ``out``; nothing is written when anything fails.

    Unless ``allow_shrink``, a build that loses a whole section's evidence or more than
    :data:`crampkg.limits.MAX_SHRINK` of the triples of the previous build in ``out`` is refused.
    """
    import time

    from crampkg.build.shrink import refuse_shrink

    writers: list[AssertedWriter] = []
    try:
        result = build_graph(sources_dir, ontology_dir, reason=True, verify=True, follow_imports=follow_imports,
                             on_asserted=lambda graph: writers.append(AssertedWriter(graph)))
        if not allow_shrink:
            refuse_shrink(Path(out), result.graph)
        started = time.perf_counter()
        artefacts = build_artefacts(result, asserted=writers[0].result())
    finally:
        for writer in writers:
            writer.discard()
    files = {Path(out) / name: data for name, data in artefacts.items()}
    write_atomically(files)
    result.timings["write"] = time.perf_counter() - started
    return sorted(files), result
