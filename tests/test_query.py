"""The query library and `kg query`: questions with expected answers, safe parameters, formats, errors."""

import csv
import io
import json

import pyoxigraph as ox
import pytest

from kg import query as q
from kg.cli import main
from kg.errors import EXIT_SYNTAX, KgError
from kg.store import OxigraphEngine, RdflibEngine

from conftest import ROOT

LIBRARY = q.library(ROOT / "queries")
RUNNABLE = sorted(name for name, item in LIBRARY.items() if not item.needs)
EXPECTED = ROOT / "queries" / "expected"


@pytest.fixture(scope="module")
def engines(built):
    project, _ = built
    return {"oxigraph": OxigraphEngine.in_memory(project.dataset), "rdflib": RdflibEngine.in_memory(project.dataset)}


def test_the_library_has_at_least_fifteen_questions_in_english_and_french():
    assert len(RUNNABLE) >= 15
    for item in LIBRARY.values():
        assert item.question.endswith("?") and item.question_fr.endswith("?"), item.name
        assert item.shows, item.name


def test_every_runnable_question_has_an_expected_answer_and_nothing_else_does():
    expected = {p.stem for p in EXPECTED.iterdir()}
    assert expected == set(RUNNABLE)


@pytest.mark.parametrize("engine_name", ["oxigraph", "rdflib"])
@pytest.mark.parametrize("name", RUNNABLE)
def test_each_question_gives_its_expected_answer(engines, engine_name, name):
    item = LIBRARY[name]
    answer = q.run(engines[engine_name], item)
    assert len(answer) > 0, "a competency question with no answer shows nothing"
    assert q.canonical(answer) == q.canonical(q.load_expected(item, EXPECTED))


def test_the_federated_example_is_marked_and_valid_but_never_run():
    item = LIBRARY["federated-wikidata"]
    assert item.needs == "internet" and "SERVICE" in item.text
    q.check_syntax(item.text)


def test_parameters_are_bound_as_rdf_terms_not_pasted_text(engines):
    item = LIBRARY["entity"]
    about_france = q.run(engines["oxigraph"], item, {"entity": q.parse_term("state:france")})
    assert {r["value"].value for r in about_france.rows} >= {"France"}
    hostile = q.parse_term('x" } } DELETE WHERE { ?s ?p ?o } #')
    assert isinstance(hostile, ox.Literal)
    assert q.run(engines["oxigraph"], item, {"entity": hostile}).rows == []
    with pytest.raises(KgError):
        q.parse_term("<not an iri>")


def test_a_parameter_reaches_filters_at_the_top_of_the_query(engines):
    item = LIBRARY["not-signed"]
    french = q.run(engines["oxigraph"], item, {"lang": q.parse_term("fr")})
    assert {r["status"].value for r in french.rows} == {"proposé", "envisagé", "discuté", "en cours", "annoncé",
                                                        "à l’étude", "adopté par une partie", "mis en œuvre"}


@pytest.mark.parametrize("text, expected", [
    ("SELECT * WHERE { ?s ?p ?o }", "SELECT * WHERE { VALUES (?x) { (1) }  ?s ?p ?o }"),
    ("PREFIX a: <http://a/#>\nSELECT ?s { ?s ?p '}' }",
     "PREFIX a: <http://a/#>\nSELECT ?s { VALUES (?x) { (1) }  ?s ?p '}' }"),
    ("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }", "CONSTRUCT { ?s ?p ?o } WHERE { VALUES (?x) { (1) }  ?s ?p ?o }"),
    ("# a { comment\nASK { ?s ?p ?o }", "# a { comment\nASK { VALUES (?x) { (1) }  ?s ?p ?o }"),
])
def test_values_go_into_the_outermost_where_group(text, expected):
    one = ox.Literal("1", datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#integer"))
    bound = q.bind_rows(text, ["x"], [[one]])
    assert bound.replace('"1"^^<http://www.w3.org/2001/XMLSchema#integer>', "1") == expected


def run_cli(args, built, monkeypatch, capsys):
    project, _ = built
    monkeypatch.setenv("KG_ROOT", str(ROOT))
    code = main([*args, "--dataset", str(project.dataset)] if args and args[0] == "query" else args)
    out = capsys.readouterr()
    return code, out.out, out.err


def test_json_csv_and_tsv_are_the_sparql_results_formats(built, monkeypatch, capsys):
    code, out, _ = run_cli(["query", "wikidata-links", "--format", "json"], built, monkeypatch, capsys)
    assert code == 0
    doc = json.loads(out)
    assert doc["head"]["vars"] == ["entity", "label", "wikidata", "qid"]
    first = doc["results"]["bindings"][0]
    assert first["entity"]["type"] == "uri" and first["label"]["xml:lang"] == "en"
    code, out, _ = run_cli(["query", "wikidata-links", "--format", "csv"], built, monkeypatch, capsys)
    rows = list(csv.reader(io.StringIO(out)))
    assert rows[0] == ["entity", "label", "wikidata", "qid"] and len(rows) == 9 and out.endswith("\r\n")
    code, out, _ = run_cli(["query", "wikidata-links", "--format", "tsv"], built, monkeypatch, capsys)
    assert out.splitlines()[0] == "?entity\t?label\t?wikidata\t?qid"
    assert '"Kazakhstan"@en' in out


def test_construct_gives_turtle(built, monkeypatch, capsys):
    code, out, _ = run_cli(["query", "neighbourhood", "--format", "turtle"], built, monkeypatch, capsys)
    assert code == 0
    triples = list(ox.parse(out.encode(), format=ox.RdfFormat.TURTLE))
    assert any(t.object.value == "https://w3id.org/cdkg/id/organization/guimet-museum" for t in triples)


def test_the_table_is_readable(built, monkeypatch, capsys):
    code, out, _ = run_cli(["query", "statuses"], built, monkeypatch, capsys)
    assert code == 0
    assert out.splitlines()[0].split() == ["status", "statusLabel", "from", "count"]
    assert "status:signed" in out and out.rstrip().endswith("(14 rows)")


def test_list_shows_every_question(built, monkeypatch, capsys):
    code, out, _ = run_cli(["query", "--list"], built, monkeypatch, capsys)
    assert code == 0
    for item in LIBRARY.values():
        assert item.name in out and item.question_fr in out


def test_a_syntax_error_names_line_and_column(built, monkeypatch, capsys, tmp_path):
    bad = tmp_path / "bad.rq"
    bad.write_text("SELECT ?s WHERE {\n  ?s ?p ?o .\n  FILTR(?o)\n}\n")
    code, _, err = run_cli(["query", str(bad)], built, monkeypatch, capsys)
    assert code == EXIT_SYNTAX
    assert f"{bad}:3:" in err and "SPARQL syntax error" in err
    bad.write_text("SELECT ?s WHERE {\n  ?s cd:status ?o .\n}\n")
    code, _, err = run_cli(["query", str(bad)], built, monkeypatch, capsys)
    assert f"{bad}:2:" in err and "unknown prefix" in err


def test_sparql_update_is_refused(built, monkeypatch, capsys, tmp_path):
    update = tmp_path / "drop.rq"
    update.write_text("PREFIX add: <http://example.org/>\nDROP ALL")
    code, _, err = run_cli(["query", str(update)], built, monkeypatch, capsys)
    assert code == EXIT_SYNTAX and "SPARQL Update (DROP) is refused" in err


def test_an_unknown_name_lists_the_library(built, monkeypatch, capsys):
    code, _, err = run_cli(["query", "signed"], built, monkeypatch, capsys)
    assert code == EXIT_SYNTAX and "signed-agreements" in err and "not-signed" in err


def test_a_query_that_runs_too_long_is_stopped(built, tmp_path, monkeypatch, capsys):
    slow = tmp_path / "slow.rq"
    slow.write_text("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?a { ?s ?p ?o } GRAPH ?b { ?s2 ?p2 ?o2 } "
                    "GRAPH ?c { ?s3 ?p3 ?o3 } GRAPH ?d { ?s4 ?p4 ?o4 } }")
    code, _, err = run_cli(["query", str(slow), "--timeout", "0.5"], built, monkeypatch, capsys)
    assert code == 1 and "stopped after 0.5 s" in err


def test_a_missing_build_says_what_to_run(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("KG_ROOT", str(ROOT))
    assert main(["query", "statuses", "--dataset", str(tmp_path / "kg.trig")]) == 1
    assert "run `kg build`" in capsys.readouterr().err


def substitute_everywhere(text: str, params: dict) -> str:
    """The query with each parameter variable replaced by its term wherever it occurs (strings,
    IRIs and comments aside): what binding a parameter everywhere means."""
    out, plain = [], []
    for m in q._TOKENS.finditer(text):
        if m.lastgroup in ("string", "iri", "comment"):
            out.append(_replace_vars("".join(plain), params))
            plain = []
            out.append(m.group())
        else:
            plain.append(m.group())
    out.append(_replace_vars("".join(plain), params))
    return "".join(out)


def _replace_vars(segment: str, params: dict) -> str:
    import re

    for name, term in params.items():
        segment = re.sub(rf"[?$]{name}\b", lambda _m, t=term: str(t), segment)
    return segment


@pytest.mark.parametrize("name", sorted(n for n in RUNNABLE if LIBRARY[n].params))
def test_binding_agrees_with_a_naive_textual_substitution(engines, name):
    """Binding a parameter means writing its term wherever its variable occurs (a second, independent
    implementation: a regular expression outside strings, IRIs and comments)."""
    item = LIBRARY[name]
    engine = engines["oxigraph"]
    everywhere = engine.query(substitute_everywhere(item.text, item.params))
    assert q.canonical(q.run(engine, item)) == q.canonical(everywhere)


def test_answers_are_compared_by_value_not_by_how_an_engine_spells_it():
    def answer(*values: ox.Literal) -> q.QueryResult:
        return q.QueryResult("select", ["v"], [{"v": v} for v in values])

    xsd = "http://www.w3.org/2001/XMLSchema#"
    boolean, integer = ox.NamedNode(xsd + "boolean"), ox.NamedNode(xsd + "integer")
    # Virtuoso's JSON results spell false and true as "0" and "1"
    assert q.canonical(answer(ox.Literal("0", datatype=boolean), ox.Literal("1", datatype=boolean))) \
        == q.canonical(answer(ox.Literal(False), ox.Literal(True)))
    assert q.canonical(answer(ox.Literal("0", datatype=boolean))) != q.canonical(answer(ox.Literal(True)))
    # a comparison given as an integer is not a boolean
    assert q.canonical(answer(ox.Literal("0", datatype=integer))) != q.canonical(answer(ox.Literal(False)))
    assert q.canonical(answer(ox.Literal("7", datatype=ox.NamedNode(xsd + "nonNegativeInteger")))) \
        == q.canonical(answer(ox.Literal(7)))
