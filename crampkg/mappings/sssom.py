"""Export the verified mappings as an SSSOM table (``mappings.sssom.tsv``).

The file starts with the mapping-set metadata as ``#``-prefixed YAML (``curie_map``, ``mapping_set_id``,
``license``, ``mapping_date``, …), followed by one tab-separated row per mapping, in the slot names of the
SSSOM specification (https://mapping-commons.github.io/sssom/). Rows curated by crampkg carry
``author_label``; HPO's own UMLS/SNOMED CT cross-references follow as rows whose subject is the HPO term and
whose ``mapping_provider`` is HPO's release, so they never read as crampkg's claim.
"""
from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

import yaml

from crampkg._version import __version__
from crampkg.mappings.records import DEFAULT_CREATOR, DEFAULT_LICENSE
from crampkg.mappings.systems import OBO_IN_OWL, SEMAPV, SKOS, SYSTEMS, iri_prefixes
from crampkg.mappings.verify import Mapping
from crampkg.namespaces import RESOURCE

FILENAME = "mappings.sssom.tsv"
MAPPING_SET_ID = "https://w3id.org/crampkg/mappings/crampkg.sssom.tsv"

COLUMNS = (
    "subject_id", "subject_label", "predicate_id", "object_id", "object_label", "mapping_justification",
    "author_label", "subject_source", "subject_source_version", "object_source", "object_source_version",
    "mapping_provider", "mapping_date", "comment",
)
"""The SSSOM slots written, in this order (a subset of the specification's mapping slots)."""


def curie_map(mappings: list[Mapping]) -> dict[str, str]:
    """Every prefix the table uses, with its expansion."""
    icd10 = next((m.release.version for m in mappings if m.system == "ICD10"), "2019")
    return {
        "res": str(RESOURCE),
        "skos": SKOS,
        "semapv": SEMAPV,
        "oboInOwl": OBO_IN_OWL,
        "obo": "http://purl.obolibrary.org/obo/",
        "bioregistry": "https://bioregistry.io/",
        **iri_prefixes(icd10),
    }


def _clean(value: str | None) -> str:
    """A cell: no tabs or line breaks (they would break the table)."""
    return " ".join(str(value).split()) if value else ""


def _curated_row(mapping: Mapping) -> dict[str, str]:
    system = SYSTEMS[mapping.system]
    return {
        "subject_id": f"res:{mapping.entity}",
        "subject_label": mapping.entity_label_en,
        "predicate_id": f"skos:{mapping.predicate}",
        "object_id": mapping.curie,
        "object_label": mapping.label,
        "mapping_justification": f"semapv:{mapping.justification}",
        "author_label": mapping.mapping_set.creator,
        "subject_source": f"res:article/{mapping.mapping_set.article_id}",
        "object_source": system.source,
        "object_source_version": mapping.release.version,
        "mapping_date": mapping.mapping_set.mapping_date,
        "comment": mapping.comment or "",
    }


def _xref_rows(mappings: list[Mapping]) -> list[dict[str, str]]:
    rows = {}
    for mapping in mappings:
        release = mapping.release
        for xref in mapping.xrefs:
            rows[(mapping.curie, xref)] = {
                "subject_id": mapping.curie,
                "subject_label": mapping.label,
                "predicate_id": "oboInOwl:hasDbXref",
                "object_id": xref,
                "mapping_justification": "semapv:UnspecifiedMatching",
                "subject_source": SYSTEMS[mapping.system].source,
                "subject_source_version": release.version,
                "mapping_provider": release.iri or release.title,
                "mapping_date": mapping.mapping_set.mapping_date,
                "comment": f"Cross-reference asserted by HPO release {release.version} (hp.obo), carried as given; not curated by crampkg.",
            }
    return [rows[key] for key in sorted(rows)]


def sssom_table(mappings: Iterable[Mapping], include_hpo_xrefs: bool = True) -> str:
    """The SSSOM/TSV text of the mappings: metadata block, header, one row per mapping."""
    mappings = sorted(mappings, key=lambda m: m.sort_key)
    rows = [_curated_row(m) for m in mappings] + (_xref_rows(mappings) if include_hpo_xrefs else [])
    dates = sorted({m.mapping_set.mapping_date for m in mappings})
    licenses = sorted({m.mapping_set.license for m in mappings}) or [DEFAULT_LICENSE]
    creators = sorted({m.mapping_set.creator for m in mappings}) or [DEFAULT_CREATOR]
    releases = sorted({f"{m.release.title} {m.release.version}" for m in mappings if m.system in ("ICD10", "ICD10CM", "HPO")})
    columns = [c for c in COLUMNS if any(row.get(c) for row in rows) and not (c == "mapping_date" and len(dates) == 1)]
    metadata: dict = {
        "curie_map": dict(sorted(curie_map(mappings).items())),
        "mapping_set_id": MAPPING_SET_ID,
        "mapping_set_version": __version__,
        "mapping_set_title": "crampkg: article entities mapped to WHO ICD-10, ICD-10-CM and HPO",
        "mapping_set_description": "Conditions, symptoms and causes named in the article, linked by hand to codes of"
                                   " the installed releases; every code and label verified against its release ("
                                   + "; ".join(releases) + ").",
        "license": licenses[0] if len(licenses) == 1 else DEFAULT_LICENSE,
        "creator_label": creators,
    }
    if len(dates) == 1:
        metadata["mapping_date"] = dates[0]
    text = yaml.safe_dump(metadata, sort_keys=False, allow_unicode=True, width=1000)
    header = "".join(f"#{line}\n" for line in text.splitlines())
    body = ["\t".join(columns)] + ["\t".join(_clean(row.get(c)) for c in columns) for row in rows]
    return header + "\n".join(body) + "\n"


def write_sssom(mappings: Iterable[Mapping], path: Path, include_hpo_xrefs: bool = True) -> Path:
    """Write the SSSOM table to ``path`` atomically (temporary file beside it, then ``os.replace``)."""
    from crampkg.rdfio import write_atomically

    path = Path(path)
    if path.is_dir():
        path = path / FILENAME
    write_atomically({path: sssom_table(mappings, include_hpo_xrefs).encode("utf-8")})
    return path
