"""The build: read and check the sources, merge ontology and facts, write the artefacts atomically."""
from __future__ import annotations

import os
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import Graph
from rdflib.compare import to_canonical_graph

from crampkg import resources
from crampkg.errors import CurationError, Problem
from crampkg.loaders.article import Article, load_article
from crampkg.loaders.records import read_facts
from crampkg.loaders.steps import derive_next_steps, expand_exercise_steps
from crampkg.loaders.to_rdf import facts_to_rdf
from crampkg.loaders.validate import check_facts
from crampkg.loaders.vocabulary import load_tbox, read_vocabulary
from crampkg.namespaces import bind_prefixes


@dataclass
class BuildResult:
    """What a build produced: the merged graph, its parts, and the articles read."""

    graph: Graph
    tbox: Graph
    abox: Graph
    articles: list[Article] = field(default_factory=list)


def article_folders(sources_dir: Path) -> list[Path]:
    """Every article folder (one holding ``article.yaml``) below ``sources_dir``, sorted."""
    return sorted(p.parent for p in Path(sources_dir).glob("*/article.yaml"))


def _display_root(path: Path) -> Path:
    """Show file names relative to the folder above ``sources/`` (the repository or package)."""
    return Path(path).resolve().parent


def build_graph(sources_dir: Path | None = None, ontology_dir: Path | None = None) -> BuildResult:
    """Read, check and convert every article; raise :class:`CurationError` listing all problems."""
    sources_dir = Path(sources_dir) if sources_dir else resources.sources_dir()
    ontology_dir = Path(ontology_dir) if ontology_dir else resources.ontology_dir()
    root = _display_root(sources_dir)
    tbox = to_canonical_graph(load_tbox(ontology_dir))
    vocabulary = read_vocabulary(tbox)
    abox = Graph()
    articles: list[Article] = []
    problems: list[Problem] = []
    folders = article_folders(sources_dir)
    if not folders:
        raise CurationError([Problem(str(sources_dir), 0, "folder", "holds no article (no */article.yaml)",
                                     "add a folder with article.yaml, the article text and facts/")])
    for folder in folders:
        try:
            article = load_article(folder, root)
        except CurationError as error:
            problems += error.problems
            continue
        facts, read_problems = read_facts(folder, str(folder.resolve().relative_to(root)))
        problems += read_problems
        expand_exercise_steps(facts)
        located, check_problems = check_facts(facts, article, vocabulary, tbox)
        problems += check_problems
        if read_problems or check_problems:
            continue
        derive_next_steps(facts)
        _, next_problems = check_facts(facts, article, vocabulary, tbox)
        problems += next_problems
        located, _ = check_facts(facts, article, vocabulary, tbox)
        abox += facts_to_rdf(facts, article, located, vocabulary)
        articles.append(article)
    if problems:
        raise CurationError(problems)
    graph = Graph()
    bind_prefixes(graph)
    for triple in sorted(tbox):
        graph.add(triple)
    for triple in sorted(abox):
        graph.add(triple)
    return BuildResult(graph=graph, tbox=tbox, abox=abox, articles=articles)


def write_atomically(files: dict[Path, bytes]) -> None:
    """Write every file to a temporary name beside it, then rename all into place (mode 0644 less umask)."""
    umask = os.umask(0)
    os.umask(umask)
    staged: list[tuple[str, Path]] = []
    try:
        for path, content in files.items():
            path.parent.mkdir(parents=True, exist_ok=True)
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
