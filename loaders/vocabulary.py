"""What the ontology allows curated records to use: classes, properties, datatypes and hedge values."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from rdflib import Graph, URIRef
from rdflib.namespace import OWL, RDF, RDFS, SKOS, XSD

from crampkg.errors import CurationError, Problem
from crampkg.namespaces import CRAMP
from crampkg.textfiles import MAX_TEXT_BYTES, UnreadableFile, read_text

HEDGE_KINDS = {"certainty": CRAMP.CertaintyValue, "frequency": CRAMP.FrequencyValue, "modality": CRAMP.ModalityValue}


@dataclass(frozen=True)
class Vocabulary:
    """The local names a curated record may use, and what each means."""

    classes: frozenset[str]
    object_properties: frozenset[str]
    datatype_ranges: dict[str, URIRef | None]
    hedges: dict[str, dict[str, URIRef]]

    def class_iri(self, name: str) -> URIRef:
        """The IRI of an ontology class named by its local name."""
        return CRAMP[name]

    def is_subclass(self, name: str, ancestor: str, graph: Graph) -> bool:
        """Whether class ``name`` is ``ancestor`` or below it in the asserted hierarchy."""
        return CRAMP[ancestor] in set(graph.transitive_objects(CRAMP[name], RDFS.subClassOf))


def load_tbox(ontology_dir: Path) -> Graph:
    """Parse ``crampkg.ttl`` (never fetching owl:imports)."""
    return parse_turtle(Path(ontology_dir) / "crampkg.ttl")


def parse_turtle(path: Path) -> Graph:
    """Parse a hand-written Turtle file; raise :class:`CurationError` naming the file and line of a problem."""
    try:
        text = read_text(path, MAX_TEXT_BYTES)
    except UnreadableFile as error:
        raise CurationError([Problem(str(path), error.line, "ontology", error.reason, error.hint)]) from None
    graph = Graph()
    try:
        graph.parse(data=text, format="turtle", publicID=path.resolve().as_uri())
    except Exception as error:  # rdflib raises BadSyntax, ValueError and others for malformed Turtle
        position, data = getattr(error, "_i", None), getattr(error, "_str", b"")
        line = data[:position].count(b"\n") + 1 if isinstance(position, int) and isinstance(data, bytes) else 0
        reason = getattr(error, "_why", None) or " ".join(str(error).split())[:300]
        raise CurationError([Problem(str(path), line, "ontology", f"is not valid Turtle: {reason}",
                                     "fix the syntax at that place")]) from None
    return graph


def read_vocabulary(tbox: Graph) -> Vocabulary:
    """Collect the ontology's own classes, properties and hedge values."""
    def local(iri) -> str | None:
        text = str(iri)
        return text[len(str(CRAMP)):] if isinstance(iri, URIRef) and text.startswith(str(CRAMP)) else None

    classes = frozenset(n for n in (local(s) for s in tbox.subjects(RDF.type, OWL.Class)) if n)
    object_properties = frozenset(n for n in (local(s) for s in tbox.subjects(RDF.type, OWL.ObjectProperty)) if n)
    datatype_ranges: dict[str, URIRef | None] = {}
    for subject in tbox.subjects(RDF.type, OWL.DatatypeProperty):
        name = local(subject)
        if name:
            declared = tbox.value(subject, RDFS.range)
            datatype_ranges[name] = declared if isinstance(declared, URIRef) else None
    hedges: dict[str, dict[str, URIRef]] = {}
    for kind, cls in HEDGE_KINDS.items():
        hedges[kind] = {str(tbox.value(s, SKOS.notation)): s for s in tbox.subjects(RDF.type, cls) if isinstance(s, URIRef)}
    return Vocabulary(classes, object_properties, datatype_ranges, hedges)


INTEGER_TYPES = {XSD.positiveInteger, XSD.nonNegativeInteger, XSD.integer}
