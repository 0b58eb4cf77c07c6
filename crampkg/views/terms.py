"""Read what a person needs off a graph: local names, labels in a language, class ancestry and entity categories.

Shared by the networkx view, the figures and the ontology documentation, so that all three name and group
things the same way.
"""
from __future__ import annotations

from collections.abc import Iterable

from rdflib import Graph, URIRef
from rdflib.namespace import OWL, RDF, RDFS, SKOS
from rdflib.term import Node

from crampkg.namespaces import CRAMP, RESOURCE

LANGUAGES = ("de", "en")

#: Categories of entities, tried in this order; an entity falls in the first whose classes it is an instance of.
CATEGORIES: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("condition", ("MedicalCondition",)),
    ("symptom", ("SignOrSymptom",)),
    ("cause", ("CausalFactor",)),
    ("mechanism", ("PathologicalMechanism",)),
    ("step", ("ProcedureStep",)),
    ("diagnosis", ("DiagnosticProcedure", "ClinicalFinding", "ClinicalGuideline", "GuidelineRecommendation")),
    ("drug", ("Drug", "DrugClass")),
    ("exercise", ("Exercise",)),
    ("treatment", ("Therapy",)),
    ("prevention", ("PreventionMeasure",)),
    ("anatomy", ("AnatomicalStructure",)),
    ("function", ("PhysiologicalFunction",)),
    ("equipment", ("Equipment", "BodyPosition")),
    ("care", ("HealthProfessional", "HealthcareFacility")),
    ("population", ("PopulationGroup",)),
    ("outcome", ("ClinicalOutcome",)),
    ("article", ("Article", "ArticleSection", "RelatedArticle")),
)
OTHER = "other"


def local_name(iri: object) -> str:
    """The readable end of an IRI: an entity id under ``res:``, else the part after ``#`` or the last ``/``."""
    text = str(iri)
    if text.startswith(str(RESOURCE)):
        return text[len(str(RESOURCE)):]
    for separator in ("#", "/"):
        if separator in text:
            return text.rsplit(separator, 1)[1]
    return text


def term(name_or_iri: object) -> URIRef:
    """An ontology term from its local name (``"causes"``) or a full IRI."""
    text = str(name_or_iri)
    return URIRef(text) if "://" in text else CRAMP[text]


def term_set(names: Iterable[object] | None) -> frozenset[URIRef] | None:
    """:func:`term` for each name; ``None`` stays ``None`` (meaning: no filter)."""
    if names is None:
        return None
    if isinstance(names, (str, URIRef)):
        names = [names]
    return frozenset(term(name) for name in names)


def label(graph: Graph, node: Node, lang: str = "de") -> str:
    """``rdfs:label`` in ``lang``, else in another language, else ``skos:prefLabel``, else the local name."""
    for predicate in (RDFS.label, SKOS.prefLabel):
        values = list(graph.objects(node, predicate))
        for value in values:
            if getattr(value, "language", None) == lang:
                return str(value)
        if values:
            return str(sorted(values, key=lambda v: (getattr(v, "language", None) or "", str(v)))[0])
    return local_name(node)


def texts(graph: Graph, node: URIRef, predicate: URIRef, lang: str) -> list[str]:
    """Every literal of ``node``'s ``predicate`` in ``lang``, sorted."""
    return sorted(str(v) for v in graph.objects(node, predicate) if getattr(v, "language", None) == lang)


class ClassIndex:
    """The superclasses of each class (``rdfs:subClassOf*``, named classes only), computed once per class."""

    def __init__(self, graph: Graph):
        self.graph = graph
        self._ancestors: dict[URIRef, frozenset[URIRef]] = {}

    def ancestors(self, cls: URIRef) -> frozenset[URIRef]:
        """``cls`` and every named class it is a subclass of."""
        if cls not in self._ancestors:
            found = {c for c in self.graph.transitive_objects(cls, RDFS.subClassOf) if isinstance(c, URIRef)}
            self._ancestors[cls] = frozenset(found | {cls})
        return self._ancestors[cls]

    def is_instance(self, types: Iterable[URIRef], wanted: frozenset[URIRef]) -> bool:
        """Whether an entity with ``types`` is an instance of one of the ``wanted`` classes."""
        return any(self.ancestors(t) & wanted for t in types)

    def most_specific(self, types: Iterable[URIRef]) -> list[URIRef]:
        """The ``types`` that are not a superclass of another of the ``types`` (inferred superclasses drop out), sorted."""
        types = set(types)
        return sorted((t for t in types if not any(t in self.ancestors(u) for u in types - {t})), key=str)

    def categorise(self, types: Iterable[URIRef]) -> tuple[str, str | None]:
        """The entity's category (see :data:`CATEGORIES`) and the most specific class that put it there."""
        types = list(types)
        specific = self.most_specific(types)
        ordered = specific + sorted(set(types) - set(specific), key=str)
        for name, roots in CATEGORIES:
            wanted = frozenset(CRAMP[root] for root in roots)
            for cls in ordered:
                if self.ancestors(cls) & wanted:
                    return name, local_name(cls)
        return OTHER, local_name(ordered[0]) if ordered else None


def entity_types(graph: Graph, entity: URIRef) -> list[URIRef]:
    """The classes an entity is asserted to be an instance of, without ``owl:NamedIndividual``."""
    return sorted((t for t in graph.objects(entity, RDF.type) if isinstance(t, URIRef) and t != OWL.NamedIndividual), key=str)
