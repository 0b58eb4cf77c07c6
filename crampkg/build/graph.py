"""The build: read and check the sources, merge ontology and facts, write the artefacts atomically."""
from __future__ import annotations

import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import Graph
from rdflib.compare import to_canonical_graph

from crampkg import paths
from crampkg.errors import CurationError, Problem
from crampkg.loaders.article import Article, load_article
from crampkg.loaders.coverage import Evidence, NotModelled, SentenceCoverage, account_sentences, read_not_modelled
from crampkg.loaders.records import EntityRecord, Facts, RelationRecord, read_facts
from crampkg.loaders.shared import shared_entities
from crampkg.loaders.steps import derive_next_steps, expand_exercise_steps
from crampkg.loaders.to_rdf import facts_to_rdf
from crampkg.loaders.validate import check_facts
from crampkg.loaders.vocabulary import Vocabulary, load_tbox, read_vocabulary
from crampkg.namespaces import bind_prefixes


@dataclass
class BuildResult:
    """What a build produced: the asserted graph, its parts, what was inferred, and how long each stage took."""

    graph: Graph
    tbox: Graph
    articles: list[Article] = field(default_factory=list)
    inferred: Graph | None = None
    timings: dict[str, float] = field(default_factory=dict)
    findings: list = field(default_factory=list)
    mappings: list = field(default_factory=list)
    coverage: list[SentenceCoverage] = field(default_factory=list)

    def with_inferences(self) -> Graph:
        """The asserted graph and the inferred triples together."""
        merged = Graph()
        for prefix, namespace in self.graph.namespaces():
            merged.bind(prefix, namespace, override=True, replace=True)
        merged += self.graph
        if self.inferred is not None:
            merged += self.inferred
        return merged


def _display_root(path: Path) -> Path:
    """Show file names relative to the folder above ``sources/`` (the repository or package)."""
    return Path(path).resolve().parent


def build_graph(sources_dir: Path | None = None, ontology_dir: Path | None = None, *, reason: bool = False,
                verify: bool = False, on_asserted=None, follow_imports: tuple[str, ...] = ()) -> BuildResult:
    """Read, check and convert every article; raise :class:`CurationError` listing all problems.

    ``reason`` adds what OWL 2 RL infers and the article supports, and the shortcut relations (``result.inferred``). ``verify`` also proves consistency with HermiT,
    validates the SHACL shapes and runs the quality checks, failing on a violation or an ERROR finding.
    ``on_asserted(graph)`` is called as soon as the asserted graph is complete, before reasoning starts.
    ``owl:imports`` are kept as data and never followed, except the IRIs named in ``follow_imports``.
    """
    started = time.perf_counter()
    result = _read_sources(sources_dir, ontology_dir)
    result.timings["parse_validate"] = time.perf_counter() - started
    if on_asserted is not None:
        on_asserted(result.graph)
    if not (reason or verify):
        return result
    from crampkg.build import reasoning

    view = reasoner_view(result.graph, follow_imports)
    with ThreadPoolExecutor(max_workers=1) as pool:
        hermit = pool.submit(_timed, reasoning.hermit_check, view) if verify else None
        started = time.perf_counter()
        closed, rl_errors = reasoning.owl_rl_closure(view)
        result.timings["owl_rl"] = time.perf_counter() - started
        if verify:
            _validate_shapes_and_checks(result, ontology_dir)
        if hermit is not None:
            report, result.timings["hermit"] = hermit.result()
            report.explanations = reasoning.explain_inconsistency(rl_errors)
            reasoning.raise_if_inconsistent(report)
    if rl_errors:
        reasoning.raise_if_inconsistent(reasoning.ConsistencyReport(False, explanations=reasoning.explain_inconsistency(rl_errors)))
    from crampkg.build import shortcuts

    result.inferred = Graph()
    bind_prefixes(result.inferred)
    derived = reasoning.sound_inferences(closed, result.graph)
    derived += shortcuts.derive_shortcuts(result.graph, shortcuts.article_texts(result.articles))
    for triple in sorted(derived):
        result.inferred.add(triple)
    return result


def reasoner_view(graph: Graph, follow_imports: tuple[str, ...] = ()) -> Graph:
    """The logical view the reasoners see, without the ``owl:imports`` not named in ``follow_imports``.

    owlready2 (HermiT) loads every imported ontology it is shown, from the network or the local disk; an import
    in a curated ontology is therefore never shown to it unless the user names it.
    """
    from rdflib.namespace import OWL

    from crampkg.build import reasoning

    view = reasoning.logical_view(graph)
    allowed = {str(iri) for iri in follow_imports}
    for triple in list(view.triples((None, OWL.imports, None))):
        if str(triple[2]) not in allowed:
            view.remove(triple)
    return view


def _timed(function, *args):
    started = time.perf_counter()
    value = function(*args)
    return value, time.perf_counter() - started


def _read_sources(sources_dir: Path | None, ontology_dir: Path | None) -> BuildResult:
    sources_dir = Path(sources_dir) if sources_dir else paths.sources_dir()
    ontology_dir = Path(ontology_dir) if ontology_dir else paths.ontology_dir()
    root = _display_root(sources_dir)
    tbox = to_canonical_graph(load_tbox(ontology_dir))
    vocabulary = read_vocabulary(tbox)
    abox = Graph()
    articles: list[Article] = []
    coverage: list[SentenceCoverage] = []
    problems: list[Problem] = []
    folders = paths.article_folders(sources_dir)
    if not folders:
        raise CurationError([Problem(str(sources_dir), 0, "folder", "holds no article (no */article.yaml)",
                                     "add a folder with article.yaml, the article text and facts/")])
    curated: list[_Curated] = []
    for folder in folders:
        read, read_problems = _read_article(folder, root)
        problems += read_problems
        if read is not None:
            curated.append(read)
    folder_of, shared_problems = shared_entities((c.shown_folder, c.facts) for c in curated)
    problems += shared_problems
    for item in curated:
        defined_elsewhere = frozenset(i for i, folder in folder_of.items() if folder != item.shown_folder)
        checked, article_problems = _check_article(item, vocabulary, tbox, defined_elsewhere)
        problems += article_problems
        if checked is not None:
            abox += checked[0]
            articles.append(item.article)
            coverage.append(checked[1])
    if problems:
        raise CurationError(problems)
    from crampkg.mappings import mappings_to_rdf, verified_mappings

    mappings = verified_mappings(sources_dir, ontology_dir)  # each code and label checked against its release
    abox += mappings_to_rdf(mappings)
    from crampkg.build.dataset import dataset_to_rdf

    abox += dataset_to_rdf(articles)
    graph = Graph()
    bind_prefixes(graph)
    for triple in sorted(tbox):
        graph.add(triple)
    for triple in sorted(abox):
        graph.add(triple)
    return BuildResult(graph=graph, tbox=tbox, articles=articles, mappings=mappings, coverage=coverage)


@dataclass
class _Curated:
    """One article folder as read, before its records are checked: the article, its facts and its not-modelled list."""

    article: Article
    shown_folder: str
    facts: Facts
    listed: list[NotModelled]


def _read_article(folder: Path, root: Path) -> tuple[_Curated | None, list[Problem]]:
    """One article folder read: its article text, its curated records and its not-modelled list.

    The result is ``None`` when the article itself cannot be read; the records that could be read are returned
    beside their problems, so that one run reports every problem that can be found.
    """
    try:
        article = load_article(folder, root)
    except CurationError as error:
        return None, error.problems
    shown_folder = str(folder.resolve().relative_to(root))
    facts, problems = read_facts(folder, shown_folder)
    listed, listing_problems = read_not_modelled(folder, shown_folder)
    problems += listing_problems
    expand_exercise_steps(facts)
    return _Curated(article, shown_folder, facts, listed), problems


def _check_article(curated: _Curated, vocabulary: Vocabulary, tbox: Graph, defined_elsewhere: frozenset[str]
                   ) -> tuple[tuple[Graph, SentenceCoverage] | None, list[Problem]]:
    """One article's records checked and converted: its facts as RDF and its sentence coverage.

    ``defined_elsewhere`` holds the entity ids other articles define (the shared vocabulary this article may use).
    The result is ``None`` when the records have problems; the problems list every one that could be found.
    """
    article, facts = curated.article, curated.facts
    _, problems = check_facts(facts, article, vocabulary, tbox, defined_elsewhere)
    if problems:
        return None, problems
    derive_next_steps(facts)
    located, problems = check_facts(facts, article, vocabulary, tbox, defined_elsewhere)
    records: list[EntityRecord | RelationRecord] = [*facts.entities, *facts.relations]
    evidence = [Evidence(located.quote(record), record.where) for record in records]
    sentence_coverage, coverage_problems = account_sentences(article, evidence, curated.listed, curated.shown_folder)
    problems += coverage_problems
    if problems:
        return None, problems
    return (facts_to_rdf(facts, article, located, vocabulary), sentence_coverage), []


def _validate_shapes_and_checks(result: BuildResult, ontology_dir: Path | None) -> None:
    """SHACL on the asserted graph, then the quality checks; a violation or an ERROR finding fails the build."""
    from crampkg.build import checks as quality, shacl

    started = time.perf_counter()
    violations = shacl.validate(result.graph, shacl.load_shapes(ontology_dir))
    if violations:
        raise shacl.ShapeViolations(violations)
    result.timings["shacl"] = time.perf_counter() - started
    started = time.perf_counter()
    result.findings = quality.run_checks(result.graph, fast=True)
    errors = [f for f in result.findings if f.level == "ERROR"]
    if errors:
        raise CurationError([Problem("queries/checks", 0, f.check, f"{f.entity} {f.property} {f.value}".strip(),
                                     "see 'crampkg check' for the full report") for f in errors])
    result.timings["checks"] = time.perf_counter() - started
