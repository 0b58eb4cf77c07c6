"""The article's statements as a flat table: one row per statement and quote, with labels, hedges and offsets.

A row is one ``owl:Axiom`` on a crampkg property and one of its evidence nodes: subject, predicate and object
(IRIs, or the value of a datatype statement), their labels, the hedges (local names of ``cramp:HedgeValue``s),
the verbatim context, the quote, the article and the quote's code-point offsets into the article's text.
"""
from __future__ import annotations

import csv
import io

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import OWL, RDF

from crampkg.namespaces import CRAMP, OA
from crampkg.views.terms import label, local_name

STATEMENT_COLUMNS = ("subject", "subject_label", "predicate", "predicate_label", "object", "object_label",
                     "certainty", "frequency", "modality", "context", "quote", "article", "start", "end", "evidence")
TABLE_FORMATS = {"edges-tsv": "\t", "edges-csv": ","}


def _text(value: object) -> str:
    return "" if value is None else str(value)


def _evidence_fields(graph: Graph, evidence: URIRef | None) -> dict[str, str]:
    fields = {"quote": "", "article": "", "start": "", "end": "", "evidence": _text(evidence)}
    if evidence is None:
        return fields
    fields["article"] = _text(graph.value(evidence, OA.hasSource))
    for selector in graph.objects(evidence, OA.hasSelector):
        if (selector, RDF.type, OA.TextQuoteSelector) in graph:
            fields["quote"] = _text(graph.value(selector, OA.exact))
        if (selector, RDF.type, OA.TextPositionSelector) in graph:
            fields["start"], fields["end"] = _text(graph.value(selector, OA.start)), _text(graph.value(selector, OA.end))
    return fields


def statement_rows(graph: Graph, lang: str = "de") -> list[dict[str, str]]:
    """Every annotated statement on a crampkg property, one row per evidence node, sorted."""
    rows = []
    for axiom in graph.subjects(RDF.type, OWL.Axiom):
        predicate = graph.value(axiom, OWL.annotatedProperty)
        if not str(predicate).startswith(str(CRAMP)):
            continue
        subject, target = graph.value(axiom, OWL.annotatedSource), graph.value(axiom, OWL.annotatedTarget)
        if predicate is None or subject is None or target is None:
            continue
        statement = {
            "subject": _text(subject), "subject_label": label(graph, subject, lang),
            "predicate": _text(predicate), "predicate_label": label(graph, predicate, lang),
            "object": _text(target), "object_label": "" if isinstance(target, Literal) else label(graph, target, lang),
        }
        for kind in ("certainty", "frequency", "modality"):
            value = graph.value(axiom, CRAMP[kind])
            statement[kind] = "" if value is None else local_name(value)
        statement["context"] = _text(graph.value(axiom, CRAMP.context))
        evidence_nodes: list[URIRef | None] = sorted((e for e in graph.objects(axiom, CRAMP.hasEvidence)
                                                      if isinstance(e, URIRef)), key=str)
        for evidence in evidence_nodes or [None]:
            rows.append({**statement, **_evidence_fields(graph, evidence)})
    return sorted(rows, key=lambda row: tuple(row[column] for column in STATEMENT_COLUMNS))


def statements_table(graph: Graph, fmt: str = "edges-tsv", lang: str = "de") -> bytes:
    """The rows of :func:`statement_rows` as TSV or CSV (UTF-8, a header line, RFC 4180 quoting where needed)."""
    stream = io.StringIO()
    writer = csv.DictWriter(stream, fieldnames=STATEMENT_COLUMNS, delimiter=TABLE_FORMATS[fmt], lineterminator="\n")
    writer.writeheader()
    writer.writerows(statement_rows(graph, lang))
    return stream.getvalue().encode("utf-8")
