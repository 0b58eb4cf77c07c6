"""Every word a figure shows besides entity labels, in English and German: titles, headings, legends, axis labels."""
from __future__ import annotations

LANGUAGES = ("en", "de")

#: Each text by key, per language; ``{name}`` fields are filled by :func:`text`.
TEXTS: dict[str, dict[str, str]] = {
    "network.title": {"en": "{condition}: causes, symptoms and treatments ({count} statements of the article)",
                      "de": "{condition}: Ursachen, Symptome und Behandlungen ({count} Aussagen des Artikels)"},
    "network.causes": {"en": "causes", "de": "Ursachen"},
    "network.condition": {"en": "condition", "de": "Erkrankung"},
    "network.symptoms": {"en": "symptoms  ·  treatments of the condition", "de": "Symptome  ·  Behandlungen der Erkrankung"},
    "network.symptom-treatments": {"en": "treatments of the symptoms", "de": "Behandlungen der Symptome"},
    "network.hedged": {"en": "hedged: possible / likely", "de": "eingeschränkt: möglich / wahrscheinlich"},
    "property.causes": {"en": "causes", "de": "verursacht"},
    "property.hasSymptom": {"en": "hasSymptom", "de": "hat Symptom"},
    "property.alleviates": {"en": "alleviates", "de": "lindert"},
    "overview.title": {"en": "crampkg ontology: {classes} classes and {properties} properties",
                       "de": "crampkg-Ontologie: {classes} Klassen und {properties} Eigenschaften"},
    "overview.classes": {"en": "classes by category (in brackets: individuals of exactly that class)",
                         "de": "Klassen nach Kategorie (in Klammern: Individuen genau dieser Klasse)"},
    "overview.properties": {"en": "{count} object properties in use", "de": "{count} Objekteigenschaften in Gebrauch"},
    "overview.statements": {"en": "statements between entities", "de": "Aussagen zwischen Entitäten"},
}

#: The entity categories of :data:`crampkg.views.terms.CATEGORIES` (and the overview's groups) in German.
CATEGORY_NAMES_DE: dict[str, str] = {
    "condition": "Erkrankung", "symptom": "Symptom", "cause": "Ursache", "mechanism": "Mechanismus",
    "step": "Schritt", "diagnosis": "Diagnose", "drug": "Arzneimittel", "exercise": "Übung",
    "treatment": "Behandlung", "prevention": "Vorbeugung", "anatomy": "Anatomie", "function": "Körperfunktion",
    "equipment": "Hilfsmittel", "care": "Versorgung", "population": "Personengruppe", "outcome": "Verlauf",
    "article": "Artikel", "roles": "Rollen (durch Beziehungen definiert)", "evidence": "Belege und Einschränkungen",
    "other": "Sonstiges",
}
_CATEGORY_NAMES_EN = {"roles": "roles (defined by relations)", "evidence": "evidence and hedges"}


def text(key: str, lang: str, **fields: object) -> str:
    """The text ``key`` in ``lang`` (``"en"`` or ``"de"``) with its fields filled in."""
    if lang not in LANGUAGES:
        raise ValueError(f"figures are drawn in {' or '.join(LANGUAGES)}, not {lang!r}")
    return TEXTS[key][lang].format(**fields)


def category_name(category: str, lang: str) -> str:
    """An entity category or overview group as the figure names it in ``lang``."""
    if lang == "de":
        return CATEGORY_NAMES_DE.get(category, category)
    return _CATEGORY_NAMES_EN.get(category, category)
