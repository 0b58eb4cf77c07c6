"""OWL 2 DL by the OWL API: the profile check that Protégé and ROBOT run, on the built RDF/XML and the merged graph.

A small Java class (``tests/java/ProfileCheck.java``) is compiled in a temporary folder against Debian's
``libowlapi-java`` jars and prints every violation of ``OWL2DLProfile``. Skipped, with the reason, only when
java, javac or the jars are absent (``.ci/run`` installs them).
"""
from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow  # the OWL API on the Java runtime

JAVA_SOURCE = Path(__file__).parent / "java" / "ProfileCheck.java"
DEBIAN_JARS = Path("/usr/share/java")
# The OWL API 5 and the libraries its Debian package depends on; slf4j-nop keeps the logging quiet.
JAR_NAMES = ("owlapi-*.jar", "atinject-jsr330-api.jar", "caffeine.jar", "commons-codec.jar", "commons-io.jar",
             "commons-logging.jar", "commons-rdf-api.jar", "guava.jar", "failureaccess.jar", "hppcrt.jar",
             "httpclient.jar", "httpcore.jar", "jackson-annotations.jar", "jackson-core.jar", "jackson-databind.jar",
             "jaxb-api.jar", "jsr305.jar", "rdf4j-*.jar", "slf4j-api.jar", "slf4j-nop.jar", "xz.jar")
TIMEOUT_SECONDS = 120


def _classpath() -> list[Path]:
    """The jars to compile and run against, each once (Debian links versioned names to unversioned ones)."""
    jars: dict[Path, None] = {}
    for pattern in JAR_NAMES:
        jars.update((path.resolve(), None) for path in sorted(DEBIAN_JARS.glob(pattern)))
    return list(jars)


@pytest.fixture(scope="module")
def profile_checker(tmp_path_factory) -> list[str]:
    """The java command line that runs the compiled checker (skips when the tools are missing)."""
    missing = [tool for tool in ("java", "javac") if shutil.which(tool) is None]
    if missing:
        pytest.skip(f"{' and '.join(missing)} not found: install default-jdk-headless (see .ci/run)")
    jars = _classpath()
    if not any(jar.name.startswith("owlapi-api") for jar in jars):
        pytest.skip(f"the OWL API jars are not in {DEBIAN_JARS}: apt-get install libowlapi-java (see .ci/run)")
    classes = tmp_path_factory.mktemp("owlapi-classes")
    classpath = ":".join(str(jar) for jar in jars)
    subprocess.run(["javac", "-d", str(classes), "-cp", classpath, str(JAVA_SOURCE)], check=True,
                   capture_output=True, text=True, timeout=TIMEOUT_SECONDS)
    return ["java", "-XX:TieredStopAtLevel=1", "-cp", f"{classes}:{classpath}", "ProfileCheck"]


@pytest.fixture(scope="module")
def dist(tmp_path_factory) -> Path:
    """``crampkg build`` of the shipped article into a temporary folder."""
    from conftest import run_cli

    out = tmp_path_factory.mktemp("dist")
    result = run_cli("build", "--out", str(out))
    assert result.returncode == 0, result.stderr
    return out


def _violations(checker: list[str], document: Path) -> tuple[list[str], int]:
    """The OWL 2 DL violations the OWL API reports for ``document``, and how many axioms it loaded."""
    run = subprocess.run([*checker, str(document)], capture_output=True, text=True, timeout=TIMEOUT_SECONDS)
    assert run.returncode == 0, run.stderr[-2000:]
    lines = run.stdout.splitlines()
    violations = [line.removeprefix("VIOLATION ") for line in lines if line.startswith("VIOLATION ")]
    axioms = int(next(line for line in lines if line.startswith("AXIOMS ")).split()[1])
    assert int(next(line for line in lines if line.startswith("VIOLATIONS ")).split()[1]) == len(violations)
    return violations, axioms


@pytest.mark.parametrize("artefact", ["crampkg.owl", "crampkg-with-inferences.nt"])
def test_the_built_graph_is_owl2_dl_by_the_owl_api(profile_checker, dist, artefact):
    violations, axioms = _violations(profile_checker, dist / artefact)
    assert axioms > 10_000  # the whole graph was read, not an empty document
    assert violations == [], "\n".join(violations[:20])


def test_the_checker_reports_a_violation(profile_checker, tmp_path):
    # An undeclared class used in a class assertion is outside OWL 2 DL (what skos:Concept was before).
    document = tmp_path / "undeclared.ttl"
    document.write_text("""
        @prefix owl: <http://www.w3.org/2002/07/owl#> .
        <https://example.org/o> a owl:Ontology .
        <https://example.org/x> a owl:NamedIndividual , <https://example.org/Undeclared> .
        """, encoding="utf-8")
    violations, _ = _violations(profile_checker, document)
    assert len(violations) == 1 and "Undeclared" in violations[0]
