"""The networkx view as KGX TSV (a nodes file and an edges file), in Biolink Model categories and predicates.

Biolink terms are used only where they say what crampkg's term says; everything else is ``biolink:NamedThing``
(nodes) or ``biolink:related_to`` (edges), and the crampkg class or property is always kept beside it
(``crampkg_class``, ``original_predicate``), so nothing is lost and nothing is claimed that the article does not say.
Identifiers are crampkg's own IRIs as CURIEs with the ``CRAMPKG`` prefix (``CRAMPKG:magnesiummangel``); no
Biolink ``infores`` knowledge source is given, because crampkg has none registered.
"""
from __future__ import annotations

import csv
import io
import json

import networkx as nx

CURIE_PREFIX = "CRAMPKG"
CATEGORY_BY_KIND = {  # crampkg.views.terms.CATEGORIES → Biolink class
    "condition": "biolink:DiseaseOrPhenotypicFeature",
    "symptom": "biolink:PhenotypicFeature",
    "mechanism": "biolink:PathologicalProcess",
    "drug": "biolink:ChemicalEntity",
    "anatomy": "biolink:AnatomicalEntity",
    "function": "biolink:PhysiologicalProcess",
    "population": "biolink:PopulationOfIndividualOrganisms",
}
PREDICATE_BY_PROPERTY = {  # crampkg property (local name) → Biolink predicate
    "causes": "biolink:causes",
    "hasSymptom": "biolink:has_phenotype",
    "treats": "biolink:treats",
    "partOf": "biolink:part_of",
    "hasPart": "biolink:has_part",
}
DEFAULT_CATEGORY = "biolink:NamedThing"
DEFAULT_PREDICATE = "biolink:related_to"
NODE_COLUMNS = ("id", "category", "name", "iri", "crampkg_class", "crampkg_category")
EDGE_COLUMNS = ("id", "subject", "predicate", "object", "original_predicate", "knowledge_level", "agent_type",
                "certainty", "frequency", "modality", "context", "quotes", "evidence")
LIST_SEPARATOR = "|"  # KGX TSV's separator of multi-valued fields


def curie(node_key: str) -> str:
    """The KGX identifier of a networkx node key (an entity id under ``res:``)."""
    return f"{CURIE_PREFIX}:{node_key}"


def _many(values: tuple) -> str:
    return LIST_SEPARATOR.join(str(v).replace(LIST_SEPARATOR, "/") for v in values)


def kgx_rows(view: nx.MultiDiGraph) -> tuple[list[dict[str, str]], list[dict[str, str]]]:
    """The node rows and edge rows of ``view`` (see :data:`NODE_COLUMNS`, :data:`EDGE_COLUMNS`)."""
    nodes = [{"id": curie(key), "category": CATEGORY_BY_KIND.get(data.get("category"), DEFAULT_CATEGORY),
              "name": data.get("label", key), "iri": data["iri"], "crampkg_class": data.get("class") or "",
              "crampkg_category": data.get("category") or ""} for key, data in sorted(view.nodes(data=True))]
    edges = []
    for source, target, key, data in sorted(view.edges(keys=True, data=True), key=lambda e: e[:3]):
        edges.append({
            "id": f"{curie(source)}-{key}-{target}", "subject": curie(source), "object": curie(target),
            "predicate": PREDICATE_BY_PROPERTY.get(data["property"], DEFAULT_PREDICATE),
            "original_predicate": f"cramp:{data['property']}",
            "knowledge_level": "knowledge_assertion", "agent_type": "manual_agent",
            **{kind: _many(data.get(kind, ())) for kind in ("certainty", "frequency", "modality", "context")},
            "quotes": _many(data.get("quotes", ())), "evidence": _many(data.get("evidence", ())),
        })
    return nodes, edges


def _tsv(rows: list[dict[str, str]], columns: tuple[str, ...]) -> bytes:
    stream = io.StringIO()
    writer = csv.DictWriter(stream, fieldnames=columns, delimiter="\t", lineterminator="\n", quoting=csv.QUOTE_MINIMAL)
    writer.writeheader()
    writer.writerows(rows)
    return stream.getvalue().encode("utf-8")


def kgx_files(view: nx.MultiDiGraph, name: str) -> dict[str, bytes]:
    """``<name>_nodes.tsv`` and ``<name>_edges.tsv`` of the view, plus ``<name>_prefixes.json`` (the CURIE map)."""
    nodes, edges = kgx_rows(view)
    prefixes = {CURIE_PREFIX: "https://w3id.org/crampkg/resource/", "cramp": "https://w3id.org/crampkg/ontology#"}
    return {f"{name}_nodes.tsv": _tsv(nodes, NODE_COLUMNS), f"{name}_edges.tsv": _tsv(edges, EDGE_COLUMNS),
            f"{name}_prefixes.json": (json.dumps(prefixes, indent=1, sort_keys=True) + "\n").encode("utf-8")}
