"""Parameters are bound by writing their RDF term in place of the variable, as every SPARQL server reads it."""

import pyoxigraph as ox
import pytest

from kg import query as q
from kg.errors import KgError
from kg.store import OxigraphEngine

from conftest import ROOT

LIBRARY = q.library(ROOT / "queries")
IRI = ox.NamedNode("https://w3id.org/cdkg/id/state/france")
EN = ox.Literal("en")


@pytest.fixture(scope="module")
def engine(built):
    project, _ = built
    return OxigraphEngine.in_memory(project.dataset)


@pytest.mark.parametrize("text, params, expected", [
    # patterns, filters, BIND expressions: the term itself
    ("SELECT ?o WHERE { ?x ?p ?o FILTER(?o != ?x) }", {"x": IRI},
     f"SELECT ?o WHERE {{ {IRI} ?p ?o FILTER(?o != {IRI}) }}"),
    # a projected parameter stays in the answers
    ("SELECT ?x ?o WHERE { ?x ?p ?o }", {"x": IRI}, f"SELECT ({IRI} AS ?x) ?o WHERE {{ {IRI} ?p ?o }}"),
    ("SELECT DISTINCT ?o (STR(?x) AS ?s) { ?x ?p ?o }", {"x": IRI},
     f"SELECT DISTINCT ?o (STR({IRI}) AS ?s) {{ {IRI} ?p ?o }}"),
    # ORDER BY and GROUP BY take a call, not a bare constant
    ("SELECT ?l (COUNT(*) AS ?n) { ?s ?p ?o } GROUP BY ?l ORDER BY DESC(?n) ?l", {"l": EN},
     'SELECT ("en" AS ?l) (COUNT(*) AS ?n) { ?s ?p ?o } GROUP BY COALESCE("en") ORDER BY DESC(?n) COALESCE("en")'),
    ("SELECT ?o { ?s ?p ?o } ORDER BY DESC(?l)", {"l": EN}, 'SELECT ?o { ?s ?p ?o } ORDER BY DESC("en")'),
    # strings, IRIs, comments, longer names and other variables are left alone
    ("# ?x in a comment\nSELECT ?xy ?o { ?xy <urn:?x> '?x' . ?x ?p ?o }", {"x": EN},
     "# ?x in a comment\nSELECT ?xy ?o { ?xy <urn:?x> '?x' . \"en\" ?p ?o }"),
    ('SELECT ?o { ?s ?p """a "?x" \\""" b""" . $x ?p ?o }', {"x": EN},
     'SELECT ?o { ?s ?p """a "?x" \\""" b""" . "en" ?p ?o }'),
    # a prefixed name whose local part reads like a keyword is not one
    ("PREFIX ex: <urn:ex:>\nSELECT ?o { ?x ex:as ?o . ex:values ex:select ?x }", {"x": IRI},
     f"PREFIX ex: <urn:ex:>\nSELECT ?o {{ {IRI} ex:as ?o . ex:values ex:select {IRI} }}"),
    # SELECT * keeps the variable through a BIND closing the group; a subquery's projection is one too
    ("SELECT * WHERE { ?x ?p ?o }", {"x": IRI}, f"SELECT * WHERE {{ {IRI} ?p ?o BIND({IRI} AS ?x) }}"),
    ("SELECT ?o { { SELECT ?x ?o { ?x ?p ?o } } }", {"x": IRI},
     f"SELECT ?o {{ {{ SELECT ({IRI} AS ?x) ?o {{ {IRI} ?p ?o }} }} }}"),
    # CONSTRUCT templates and ASK
    ("CONSTRUCT { ?x ?p ?o } WHERE { ?x ?p ?o }", {"x": IRI}, f"CONSTRUCT {{ {IRI} ?p ?o }} WHERE {{ {IRI} ?p ?o }}"),
    ("ASK { ?s ?p ?x }", {"x": EN}, 'ASK { ?s ?p "en" }'),
    # a parameter the query does not use changes nothing
    ("SELECT ?s { ?s ?p ?o }", {"x": IRI}, "SELECT ?s { ?s ?p ?o }"),
])
def test_the_term_is_written_where_the_variable_stood(text, params, expected):
    bound = q.bind(text, params)
    assert bound == expected
    q.check_syntax(bound)


@pytest.mark.parametrize("hostile", [
    'x" } } DELETE WHERE { ?s ?p ?o } #',
    "x' } ; DROP ALL ; SELECT * { '",
    'a"""b\\" } INSERT DATA { <urn:a> <urn:b> <urn:c> } #',
    "line\n} DROP ALL #\r\n",
    "?entity ?property ?value",
    "\\u0022 } DROP ALL #",
    "\x00\u2028 nul and separators",
])
def test_a_hostile_value_stays_one_literal(engine, hostile):
    bound = q.bind("SELECT ?v WHERE { GRAPH ?g { ?s ?p ?v } FILTER(?v = ?x) }", {"x": ox.Literal(hostile)})
    assert q.query_form(bound) == "SELECT"
    parsed = ox.Store()
    parsed.add(ox.Quad(ox.NamedNode("urn:s"), ox.NamedNode("urn:p"), ox.Literal(hostile), ox.NamedNode("urn:g")))
    # the literal round-trips to the very same value, and nothing else reaches the query
    rows = list(parsed.query(bound))
    assert [r["v"] for r in rows] == [ox.Literal(hostile)]


def test_a_hostile_value_finds_nothing_on_the_real_data(engine):
    for text in ('x" } } DELETE WHERE { ?s ?p ?o } #', "x> } DROP ALL #"):
        answer = q.run(engine, LIBRARY["entity"], {"entity": q.parse_term(text)})
        assert answer.rows == []
    with pytest.raises(KgError):  # an IRI that would close itself is refused, never written
        q.parse_term("<urn:a> } DROP ALL #>")
    with pytest.raises(ValueError):  # pyoxigraph refuses malformed language tags
        ox.Literal("x", language='en" } DROP ALL #')


def test_a_blank_node_is_not_a_parameter():
    with pytest.raises(KgError, match="cannot be a parameter"):
        q.bind("SELECT ?o { ?x ?p ?o }", {"x": ox.BlankNode("b")})


@pytest.mark.parametrize("text, why", [
    ("SELECT ?x { ?s ?p ?o BIND(?o AS ?x) }", "computed by the query"),
    ("SELECT (?o AS ?x) { ?s ?p ?o }", "computed by the query"),
    ("SELECT ?o { VALUES ?x { 1 2 } ?s ?p ?o }", "VALUES"),
    ("SELECT ?o { VALUES (?y ?x) { (1 2) } ?s ?p ?o }", "VALUES"),
])
def test_a_variable_the_query_defines_cannot_be_a_parameter(text, why):
    with pytest.raises(KgError, match=why):
        q.bind(text, {"x": EN})


def test_a_literal_where_only_an_iri_fits_is_refused_by_name():
    with pytest.raises(KgError, match=r"parameter \?p: \"en\" cannot stand"):
        q.bind("SELECT ?o { GRAPH ?g { ?s ?p ?o } }", {"p": EN})
    with pytest.raises(KgError, match=r"parameter \?g"):
        q.bind("SELECT ?o { GRAPH ?g { ?s ?p ?o } }", {"g": EN, "p": IRI})


@pytest.mark.parametrize("name", sorted(n for n, item in LIBRARY.items() if item.params and not item.needs))
def test_no_library_question_keeps_a_parameter_variable_once_bound(name):
    """What Virtuoso cannot take is a VALUES block; a bound library question has neither it nor the variable."""
    item = LIBRARY[name]
    bound = q.bind(item.text, item.params)
    tokens = [m.group() for m in q._SUBST_TOKENS.finditer(bound) if m.lastgroup in ("var", "name")]
    for param in item.params:
        assert f"?{param}" not in tokens or f"AS ?{param}" in bound
    assert "VALUES" not in [t.upper() for t in tokens] or "VALUES" in item.text.upper()
