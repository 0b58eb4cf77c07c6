"""Reasoning in the build: HermiT (through owlready2) proves consistency, OWL 2 RL (owlrl) materialises.

Both reasoners see the *logical view* of the graph: the ontology's axioms and the entities' types and
relations, without labels, evidence, selectors or axiom annotations (which carry no logic, and would only
slow the reasoners down). What OWL RL infers is filtered to sound, useful statements about the article's
entities and kept apart from what is asserted.
"""
from __future__ import annotations

import contextlib
import shutil
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import OWL, RDF, RDFS

from crampkg.errors import UserError
from crampkg.namespaces import ARTICLE_PREFIX, CRAMP, RESOURCE, is_article_entity

_OWLRL_ERROR = URIRef("http://www.daml.org/2002/03/agents/agent-ont#error")


class ReasoningError(UserError):
    """The ontology and facts are inconsistent, or a class can have no members."""


@dataclass
class ConsistencyReport:
    """What HermiT found: whether the graph is consistent, and which classes are unsatisfiable."""

    consistent: bool
    unsatisfiable: list[str] = field(default_factory=list)
    explanations: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        """Whether the graph is consistent and no class is unsatisfiable."""
        return self.consistent and not self.unsatisfiable


def logical_view(graph: Graph) -> Graph:
    """The triples that carry logic: TBox axioms and the entities' types and relations."""
    annotation_properties = set(graph.subjects(RDF.type, OWL.AnnotationProperty)) | {RDFS.label, RDFS.comment}
    axioms = set(graph.subjects(RDF.type, OWL.Axiom))
    view = Graph()
    for s, p, o in graph:
        if p in annotation_properties or s in axioms:
            continue
        if isinstance(s, URIRef) and str(s).startswith(ARTICLE_PREFIX):
            continue
        if isinstance(o, URIRef) and str(o).startswith(ARTICLE_PREFIX):
            continue
        view.add((s, p, o))
    return view


def owl_rl_closure(graph: Graph) -> tuple[Graph, list[str]]:
    """Everything OWL 2 RL entails from ``graph`` (a logical view), and owlrl's inconsistency messages."""
    import owlrl

    closed = Graph()
    closed += graph
    owlrl.DeductiveClosure(owlrl.OWLRL_Semantics, axiomatic_triples=False, datatype_axioms=False).expand(closed)
    errors = sorted(str(o) for o in closed.objects(None, _OWLRL_ERROR))
    return closed, errors


def sound_inferences(closed: Graph, asserted: Graph) -> Graph:
    """What OWL 2 RL infers about the article's entities that a careful reader of the article accepts.

    Kept: ``rdf:type`` to a crampkg class, and crampkg properties between entities (inverses, symmetric links,
    sub-properties, transitive closures). The ontology has no property chains: the shortcut relations are derived
    by :mod:`crampkg.build.shortcuts`, only where the article ties both hops together. Dropped: what was asserted, ``owl:sameAs`` (reflexive in owlrl),
    literal subjects, ``owl:Thing``/``owl:NamedIndividual`` types, schema.org super-classes, reflexive links.
    """
    inferred = Graph()
    for s, p, o in closed:
        if (s, p, o) in asserted or not is_article_entity(s) or isinstance(s, Literal):
            continue
        if p == RDF.type:
            if isinstance(o, URIRef) and str(o).startswith(str(CRAMP)):
                inferred.add((s, p, o))
        elif str(p).startswith(str(CRAMP)) and is_article_entity(o) and s != o:
            inferred.add((s, p, o))
    return inferred


@contextlib.contextmanager
def _quick_jvm() -> Iterator[None]:
    """Run Java with the quick-start compiler only (C1): HermiT's one short run takes ~1 s instead of ~3 s."""
    import os

    previous = os.environ.get("JAVA_TOOL_OPTIONS")
    os.environ["JAVA_TOOL_OPTIONS"] = f"{previous or ''} -XX:TieredStopAtLevel=1".strip()
    try:
        yield
    finally:
        if previous is None:
            os.environ.pop("JAVA_TOOL_OPTIONS", None)
        else:
            os.environ["JAVA_TOOL_OPTIONS"] = previous


@contextlib.contextmanager
def _private_tempdir() -> Iterator[Path]:
    """Point ``tempfile`` at a private folder and remove it afterwards (owlready2 leaves its file behind when Java fails)."""
    folder = Path(tempfile.mkdtemp(prefix="crampkg-hermit-"))
    previous = tempfile.tempdir
    tempfile.tempdir = str(folder)
    try:
        yield folder
    finally:
        tempfile.tempdir = previous
        shutil.rmtree(folder, ignore_errors=True)


def hermit_check(view: Graph) -> ConsistencyReport:
    """Run HermiT on the logical view: consistency and unsatisfiable classes."""
    import owlready2
    from owlready2.base import OwlReadyInconsistentOntologyError, OwlReadyJavaError

    if shutil.which(owlready2.JAVA_EXE) is None and shutil.which("java") is None:
        raise UserError("HermiT needs a Java runtime (17 or newer): install one, e.g. 'apt-get install default-jre-headless'")
    world = owlready2.World()
    with _private_tempdir() as folder:
        data = folder / "view.nt"
        view.serialize(data, format="nt", encoding="utf-8")
        ontology = world.get_ontology(data.as_uri()).load(format="ntriples")
        try:
            with ontology, _quick_jvm():
                owlready2.sync_reasoner_hermit(world, infer_property_values=False, debug=0)
        except OwlReadyInconsistentOntologyError:
            return ConsistencyReport(consistent=False)
        except OwlReadyJavaError as error:
            raise UserError(f"HermiT could not run: {str(error).strip()[:500]}") from None
        unsatisfiable = sorted(c.iri for c in world.inconsistent_classes() if c.iri != str(OWL.Nothing))
    return ConsistencyReport(consistent=True, unsatisfiable=unsatisfiable)


def explain_inconsistency(rl_errors: list[str]) -> list[str]:
    """Readable explanations: owlrl's messages name the individuals and classes that clash."""
    short = lambda text: text.replace(str(RESOURCE), "res:").replace(str(CRAMP), "cramp:")  # noqa: E731
    return [short(message) for message in rl_errors] or [
        "OWL 2 RL finds no clash by itself; look for an entity typed with two disjoint classes or a functional property with two values"]


def raise_if_inconsistent(report: ConsistencyReport) -> None:
    """Fail with the names of what is wrong, in words a curator can act on."""
    if not report.consistent:
        lines = "\n".join(f"  - {line}" for line in report.explanations)
        raise ReasoningError(f"HermiT: the ontology and the curated facts are inconsistent:\n{lines}\n"
                             "Fix the types or relations of the entities named above in sources/*/facts/*.yaml.")
    if report.unsatisfiable:
        names = "\n".join(f"  - {iri}" for iri in report.unsatisfiable)
        raise ReasoningError(f"HermiT: these classes can have no members (unsatisfiable):\n{names}\n"
                             "Check their subClassOf and disjointness axioms in ontology/crampkg.ttl.")
