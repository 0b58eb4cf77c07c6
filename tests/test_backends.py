"""rdflib and Oxigraph give the same answer to every named query."""
from __future__ import annotations

from decimal import Decimal

import pytest
from rdflib import Literal

from crampkg.sparql.catalog import named_queries
from crampkg.sparql.engine import bindings_for
from crampkg.store import backend

pytestmark = pytest.mark.slow  # every named query on rdflib and Oxigraph

NUMERIC = {"integer", "positiveInteger", "nonNegativeInteger", "decimal", "double", "float"}


CONCATENATED = {"synonyms", "appliesWhen", "symptoms", "via", "deficiencies", "addresses", "frequencies", "conditions",
                "performers", "prevents", "modalities", "causes", "hedges", "structures", "positions", "kinds",
                "withinRegions", "populations", "parents", "conditionEntities", "kind", "certainty", "frequency", "group"}  # GROUP_CONCAT columns of the named queries


def normal(term, variable: str = ""):
    """A comparable form of a term. Oxigraph stores numbers canonically (xsd:positiveInteger 3 → xsd:integer 3,
    2.0 → 2), so numbers compare by value. GROUP_CONCAT has no defined order and SPARQL leaves its language tag to the
    engine, so a concatenation compares as the sorted set of its parts."""
    if variable in CONCATENATED:  # an empty concatenation is "" in Oxigraph and Jena, unbound in rdflib
        return ("concat", tuple(sorted(p for p in str(term or "").replace("; ", ", ").split(", ") if p)))
    if term is None:
        return None
    if isinstance(term, Literal) and term.datatype is not None and str(term.datatype).rsplit("#", 1)[-1] in NUMERIC:
        return ("number", Decimal(str(term)))
    return term.n3()


def canonical(result):
    if result.kind == "ASK":
        return result.boolean
    if result.graph is not None:
        return sorted(((s.n3(), p.n3(), normal(o)) for s, p, o in result.graph), key=repr)
    rows = (tuple(normal(t, v) for t, v in zip(row, result.variables, strict=True)) for row in result.rows)
    return result.variables, sorted(rows, key=repr)


CASES = [(name, {}) for name in named_queries()] + [
    ("hedged-claims", {"hedge": "Rare"}),
    ("evidence", {"property": "causes", "object": "muskelkrampf-im-ruecken"}),
    ("imaging-rule", {"lang": "en"}),
    ("exercises-by-body-region", {"region": "schultern"}),
    ("causes-by-kind", {"kind": "Injury"}),
    ("exercise-steps", {"exercise": "frontheben"}),
    ("mechanism-paths", {"cause": "dauerhaftes-sitzen"}),
    ("body-region-hierarchy", {"region": "ruecken"}),
    ("treatments-for-mineral-deficiency-symptoms", {"lang": "en"}),
]


@pytest.fixture(scope="module")
def engines():
    return backend("rdflib"), backend("oxigraph")


@pytest.mark.parametrize("name, params", CASES, ids=[f"{n}{'-' + '-'.join(p.values()) if p else ''}" for n, p in CASES])
def test_backends_agree(engines, name, params):
    rdflib_engine, oxigraph_engine = engines
    named = named_queries()[name]
    bindings = bindings_for(named, params)
    expected = canonical(rdflib_engine.query(named.text, bindings))
    assert canonical(oxigraph_engine.query(named.text, bindings)) == expected
    assert expected and (expected[1] if isinstance(expected, tuple) else expected), "the answer is not empty"


def test_oxigraph_refuses_service_like_rdflib(engines):
    from crampkg.errors import UserError

    with pytest.raises(UserError, match="SERVICE is refused"):
        engines[1].query("SELECT * WHERE { SERVICE <http://127.0.0.1:9/> { ?s ?p ?o } }")


def test_every_concatenated_column_is_compared_as_a_set():
    import re

    columns = {m for q in named_queries().values() for m in re.findall(r"GROUP_CONCAT\([^\n]*?AS \?(\w+)\)", q.text)}
    assert columns and columns <= CONCATENATED, f"add {sorted(columns - CONCATENATED)} to CONCATENATED"


@pytest.mark.parametrize("text", ["SELECT ?s WHERE { ?s ?p ?o }", "CONSTRUCT WHERE { ?s ?p ?o }", "ASK { ?s ?p ?o }"])
def test_no_oxigraph_answer_outlives_its_query(text):
    """Pyoxigraph refuses to free an answer on another thread than its own. An answer kept alive by a reference
    cycle is freed by whichever thread next collects garbage (during a build: the HermiT thread), so every answer
    must be freed when the query returns, without the garbage collector."""
    import gc

    from rdflib import Graph, URIRef

    from crampkg.sparql.backends import make_backend

    graph = Graph()
    graph.add((URIRef("urn:ex:a"), URIRef("urn:ex:p"), Literal("x")))
    engine = make_backend("oxigraph", graph)
    gc.collect()
    gc.disable()
    try:
        engine.query(text)
        alive = [type(o).__name__ for o in gc.get_objects()
                 if type(o).__module__ == "pyoxigraph" and type(o).__name__ in ("QuerySolutions", "QueryTriples", "QueryBoolean")]
    finally:
        gc.enable()
    assert alive == []


def test_a_bound_variable_the_select_does_not_project_gives_the_same_answer_on_both():
    """Oxigraph substitutes only projected variables; such a query (?lang only in a FILTER of a GROUP BY) must
    still answer, and as rdflib does."""
    text = """PREFIX cramp: <https://w3id.org/crampkg/ontology#>
    PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
    SELECT ?label (COUNT(DISTINCT ?effect) AS ?effects) WHERE {
      ?deficiency a cramp:MineralDeficiency ; cramp:causes ?effect ; rdfs:label ?label . FILTER(lang(?label) = ?lang)
    } GROUP BY ?label"""
    from rdflib import Variable

    bound = {Variable("lang"): Literal("en")}
    answers = [canonical(backend(name, reasoning="asserted").query(text, bound)) for name in ("oxigraph", "rdflib")]
    assert answers[0] == answers[1]
    assert ("\"magnesium deficiency\"@en", ("number", Decimal(1))) in answers[0][1]
