"""Every named query, run unchanged by Apache Jena ARQ on the exported graph, gives crampkg's answer.

The ``.rq`` files write their parameter defaults in the text (``VALUES ?lang { "de" }``), so an engine that knows
nothing of crampkg gets the same rows and the same, non-empty labels. One JVM runs all queries
(``tests/jena/RunQueries.java``, compiled here against Debian's ``libapache-jena-java``).
"""
from __future__ import annotations

import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest
from rdflib import Graph, URIRef

import crampkg
from crampkg.rdfio import serialize
from crampkg.sparql.catalog import named_queries
from crampkg.sparql.remote import result_from_json
from test_backends import canonical

pytestmark = pytest.mark.slow  # Apache Jena on the Java runtime

JARS = Path("/usr/share/java")
# jena-cmds and the libraries ARQ needs at run time (the whole folder would bind two SLF4J back ends).
CLASSPATH = ["jena-arq", "jena-base", "jena-core", "jena-iri", "slf4j-api", "slf4j-nop", "commons-cli", "commons-codec",
             "commons-compress", "commons-csv", "commons-io", "commons-lang3", "dexx.collection", "caffeine", "gson",
             "jsonld-java", "jackson-core", "jackson-databind", "jackson-annotations", "httpclient", "httpcore",
             "protobuf", "thrift", "commons-text", "guava"]
RUNNER = Path(__file__).parent / "jena" / "RunQueries.java"
SECONDS = 120


def xerces_messages(folder: Path) -> Path:
    """Debian's jena-core 4.5 moves its bundled Xerces to the package ``xerces`` but keeps the message bundles
    under ``org/apache/jena/ext/xerces``; without them XSD datatypes fail to initialise ("internal error").
    Copy them where the moved classes look."""
    with zipfile.ZipFile(JARS / "jena-core.jar") as jar:
        for name in jar.namelist():
            prefix = "org/apache/jena/ext/xerces/"
            if name.startswith(prefix) and name.endswith(".properties"):
                target = folder / "xerces" / name[len(prefix):]
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_bytes(jar.read(name))
    return folder


@pytest.fixture(scope="module")
def jena_answers(tmp_path_factory):
    """The Jena ARQ answer of every named query on ``crampkg-with-inferences.nt``, by name."""
    missing = [name for name in CLASSPATH if not (JARS / f"{name}.jar").exists()]
    assert shutil.which("javac") and not missing, f"install Apache Jena and a JDK (Debian: libapache-jena-java, default-jdk-headless); missing {missing}"
    work = tmp_path_factory.mktemp("jena")
    classpath = ":".join(str(JARS / f"{name}.jar") for name in CLASSPATH)
    subprocess.run(["javac", "-cp", classpath, "-d", str(work), str(RUNNER)], check=True, timeout=SECONDS)
    (work / "classpath").write_text(classpath, encoding="utf-8")
    data = work / "crampkg-with-inferences.nt"
    data.write_bytes(serialize(crampkg.load(reasoning="all"), "ntriples"))
    return run_jena(work, classpath, data)


def run_jena(work: Path, classpath: str, data: Path) -> Path:
    """Every named query answered by Jena ARQ on ``data`` (N-Triples, or a TriG/N-Quads dataset as its union)."""
    answers = work / f"answers-{data.suffix[1:]}"
    answers.mkdir()
    runtime = f"{work}:{xerces_messages(work / 'messages')}:{classpath}"
    files = [str(q.path) for q in named_queries().values()]
    subprocess.run(["java", "-cp", runtime, "RunQueries", str(data), str(answers), *files], check=True, timeout=SECONDS,
                   capture_output=True)
    return answers


def jena_result(answers: Path, name: str):
    error = answers / f"{name}.err"
    assert not error.exists(), f"Jena ARQ refused {name}.rq: {error.read_text()}"
    triples = answers / f"{name}.nt"
    if triples.exists():
        from crampkg.sparql.engine import QueryResult

        return QueryResult(kind="CONSTRUCT", graph=Graph().parse(triples, format="nt"))
    return result_from_json((answers / f"{name}.srj").read_bytes())


@pytest.mark.parametrize("name", list(named_queries()))
def test_jena_gives_crampkgs_answer_with_the_labels(jena_answers, name):
    expected = crampkg.query(name)
    answer = jena_result(jena_answers, name)
    assert canonical(answer) == canonical(expected)
    if answer.graph is None and answer.kind == "SELECT":
        assert answer.rows, "the default answer is not empty"
        for label in (v for v in answer.variables if v.endswith("Label") and v[:-5] in answer.variables):
            entity, text = answer.variables.index(label[:-5]), answer.variables.index(label)
            unlabelled = {row[entity] for row in answer.rows if isinstance(row[entity], URIRef) and row[text] is None
                          and str(row[entity]).startswith("https://w3id.org/crampkg/")}
            assert not unlabelled, f"{label} is empty for {sorted(unlabelled)[:3]}"


@pytest.mark.parametrize("fmt, suffix", [("trig", "trig"), ("nquads", "nq")])
def test_jena_on_the_exported_dataset_gives_crampkgs_answers(jena_answers, fmt, suffix):
    """The TriG and N-Quads exports (asserted and inferred named graphs), queried by Jena as their union."""
    from crampkg.build.artefacts import named_graphs
    from crampkg.build.graph import build_graph
    from crampkg.rdfio import serialize_dataset

    work = jena_answers.parent
    data = work / f"crampkg.{suffix}"
    data.write_bytes(serialize_dataset(named_graphs(build_graph(reason=True)), fmt))
    answers = run_jena(work, (work / "classpath").read_text(encoding="utf-8"), data)
    differing = [name for name in named_queries() if canonical(jena_result(answers, name)) != canonical(crampkg.query(name))]
    assert differing == []
