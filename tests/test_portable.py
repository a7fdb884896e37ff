"""Every library question gives the same answers on four engines: the embedded Oxigraph, rdflib, an Oxigraph
server and Virtuoso Open-Source 7, each loaded by `kg load` (Virtuoso through its authenticated Graph Store).

`make test` installs Virtuoso with apt-get and sets KG_REQUIRE_VIRTUOSO=1, so a missing server fails there;
run by hand without one, the Virtuoso tests are skipped with the reason.
"""

import os
from pathlib import Path

import pyoxigraph as ox
import pytest
from servers import VIRTUOSO, VIRTUOSO_USER, oxigraph_server, virtuoso_server

from kg import query as q
from kg.cli import main
from kg.errors import KgError
from kg.store import EndpointEngine, OxigraphEngine, RdflibEngine, endpoint_credentials, load

from conftest import ROOT

LIBRARY = q.library(ROOT / "queries")
RUNNABLE = sorted(name for name, item in LIBRARY.items() if not item.needs)
EXPECTED = ROOT / "queries" / "expected"
OURS = 'FILTER(STRSTARTS(STR(?g), "https://w3id.org/cdkg/"))'  # Virtuoso keeps system graphs of its own


def require_virtuoso() -> None:
    if not Path(VIRTUOSO).exists():
        if os.environ.get("KG_REQUIRE_VIRTUOSO") == "1":
            pytest.fail(f"{VIRTUOSO} is missing: `make test` installs Debian's virtuoso-opensource")
        pytest.skip(f"{VIRTUOSO} is not installed (make test installs it)")


@pytest.fixture(scope="module")
def virtuoso(built, tmp_path_factory):
    """A Virtuoso server with the dataset pushed by `kg load`, the credentials read from the environment."""
    require_virtuoso()
    project, _ = built
    with virtuoso_server(tmp_path_factory.mktemp("virtuoso")) as base:
        with pytest.MonkeyPatch.context() as env:
            env.setenv("KG_ROOT", str(ROOT))
            env.setenv("KG_ENDPOINT_USER", VIRTUOSO_USER[0])
            env.setenv("KG_ENDPOINT_PASSWORD", VIRTUOSO_USER[1])
            assert main(["load", "--endpoint", base + "/sparql-graph-crud-auth",
                         "--dataset", str(project.dataset)]) == 0
        yield base


@pytest.fixture(scope="module")
def engines(built, virtuoso, tmp_path_factory):
    project, _ = built
    with oxigraph_server(tmp_path_factory.mktemp("oxigraph")) as base:
        load(project.dataset, base + "/store")
        yield {"oxigraph": OxigraphEngine.in_memory(project.dataset),
               "rdflib": RdflibEngine.in_memory(project.dataset),
               "oxigraph-server": EndpointEngine(base + "/query"),
               "virtuoso": EndpointEngine(virtuoso + "/sparql")}


@pytest.mark.parametrize("name", RUNNABLE)
def test_each_question_answers_the_same_on_the_four_engines(engines, name):
    item = LIBRARY[name]
    expected = q.canonical(q.load_expected(item, EXPECTED))
    answers = {engine: q.canonical(q.run(runner, item, timeout=30)) for engine, runner in engines.items()}
    assert {engine for engine, answer in answers.items() if answer != expected} == set()


def other_values(engines, name: str, default) -> list:
    """Values besides the default: French for an English label; for ?entity every entity the data names,
    for another IRI every entity of the default's kind (its namespace)."""
    if isinstance(default, ox.Literal):
        return [ox.Literal("fr")] if default.value == "en" else [default]
    entities = engines["oxigraph"].query("SELECT DISTINCT ?e WHERE { GRAPH <https://w3id.org/cdkg/graph/entities> "
                                         "{ ?e a ?type } } ORDER BY ?e")
    kind = default.value.rsplit("/", 1)[0] + "/"
    return [row["e"] for row in entities.rows if name == "entity" or row["e"].value.startswith(kind)]


@pytest.mark.parametrize("name", sorted(n for n in RUNNABLE if LIBRARY[n].params))
def test_other_parameter_values_answer_the_same_everywhere(engines, name):
    item = LIBRARY[name]
    for param, default in item.params.items():
        values = other_values(engines, param, default)
        assert len(values) > (0 if isinstance(default, ox.Literal) else 1), f"no other value to try for ?{param}"
        for value in values:
            answers = {engine: q.canonical(q.run(runner, item, {param: value}, timeout=30))
                       for engine, runner in engines.items()}
            differ = {engine for engine, answer in answers.items() if answer != answers["oxigraph"]}
            assert differ == set(), f"?{param} = {value}"


def test_kg_query_asks_virtuoso_with_a_parameter(built, virtuoso, monkeypatch, capsys):
    project, _ = built
    monkeypatch.setenv("KG_ROOT", str(ROOT))
    asked = ["query", "statuses", "--param", "lang=fr", "--format", "tsv"]
    assert main([*asked, "--endpoint", virtuoso + "/sparql", "--timeout", "10"]) == 0
    remote = capsys.readouterr().out
    assert main([*asked, "--dataset", str(project.dataset)]) == 0
    assert "signé" in remote and sorted(remote.splitlines()) == sorted(capsys.readouterr().out.splitlines())


def count_ours(base: str) -> tuple[int, int]:
    answer = EndpointEngine(base + "/sparql").query(
        f"SELECT (COUNT(*) AS ?n) (COUNT(DISTINCT ?g) AS ?graphs) WHERE {{ GRAPH ?g {{ ?s ?p ?o }} {OURS} }}")
    return int(answer.rows[0]["n"].value), int(answer.rows[0]["graphs"].value)


def test_loading_into_virtuoso_keeps_every_graph_and_is_idempotent(built, virtuoso):
    project, ds = built
    first = count_ours(virtuoso)
    assert first == (len(set(ds.quads)), len({quad.graph_name for quad in ds.quads}))
    load(project.dataset, virtuoso + "/sparql-graph-crud-auth", credentials=VIRTUOSO_USER)
    assert count_ours(virtuoso) == first


def test_loading_through_virtuosos_update_endpoint_gives_the_same_store(built, virtuoso):
    project, _ = built
    before = count_ours(virtuoso)
    load(project.dataset, virtuoso + "/sparql-auth", protocol="update", batch=200, credentials=VIRTUOSO_USER)
    assert count_ours(virtuoso) == before


def test_virtuoso_without_credentials_says_which_variables_to_set(built, virtuoso, monkeypatch, capsys):
    project, _ = built
    monkeypatch.setenv("KG_ROOT", str(ROOT))
    monkeypatch.delenv("KG_ENDPOINT_USER", raising=False)
    monkeypatch.delenv("KG_ENDPOINT_PASSWORD", raising=False)
    assert main(["load", "--endpoint", virtuoso + "/sparql-graph-crud-auth", "--dataset", str(project.dataset)]) == 1
    err = capsys.readouterr().err
    assert "HTTP 401" in err and "KG_ENDPOINT_USER" in err


def test_a_wrong_password_is_refused_and_said_so(built, virtuoso):
    project, _ = built
    with pytest.raises(KgError, match=r"HTTP 401.*refused"):
        load(project.dataset, virtuoso + "/sparql-graph-crud-auth", credentials=(VIRTUOSO_USER[0], "wrong"))


def test_credentials_come_from_the_environment_or_a_prompt_never_an_argument(capsys):
    assert endpoint_credentials({}) is None
    assert endpoint_credentials({"KG_ENDPOINT_USER": "u", "KG_ENDPOINT_PASSWORD": "p"}) == ("u", "p")
    asked = []
    assert endpoint_credentials({"KG_ENDPOINT_USER": "u"}, prompt=lambda text: asked.append(text) or "typed") \
        == ("u", "typed")
    assert asked and "u" in asked[0]
    with pytest.raises(KgError, match="no terminal"):  # under pytest, standard input is not a terminal
        endpoint_credentials({"KG_ENDPOINT_USER": "u"})
    for option in ("--password", "--user"):
        with pytest.raises(SystemExit):
            main(["load", "--endpoint", "http://127.0.0.1:1/x", option, "secret"])
    with pytest.raises(SystemExit):
        main(["load", "--help"])
    assert "KG_ENDPOINT_PASSWORD" in capsys.readouterr().out


HOSTILE = ['x" } } DELETE WHERE { GRAPH ?g { ?s ?p ?o } } #', "x' } ; DROP ALL ; SELECT * { '",
           'a"""b\\" } INSERT DATA { <urn:a> <urn:b> <urn:c> } #', "line\n} DROP ALL #\r\n", "?s ?p ?o",
           "\\u0022 } CLEAR ALL #", "tab\tand \u2028 separators", "<urn:x> } DROP ALL #",
           '"x"@en} DROP ALL #']


def test_hostile_values_find_nothing_and_change_nothing_anywhere(engines, virtuoso):
    before = count_ours(virtuoso)
    for value in HOSTILE:
        for engine, runner in engines.items():
            for name in ("entity", "evidence"):
                answer = q.run(runner, LIBRARY[name], {"entity": q.parse_term(value)}, timeout=30)
                assert answer.rows == [], (engine, name, value)
    assert count_ours(virtuoso) == before


SHAPES = {  # the forms a bound parameter takes: in the projection, in GROUP BY and ORDER BY, under SELECT *
    "projected": "SELECT ?entity ?p WHERE { GRAPH ?g { ?entity ?p ?o } } ORDER BY ?entity ?p",
    "grouped": "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>\n"
               "SELECT ?lang (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s rdfs:label ?l FILTER(LANG(?l) = ?lang) } } "
               "GROUP BY ?lang ORDER BY DESC(?n) ?lang",
    "star": "SELECT * WHERE { GRAPH ?g { ?entity a ?type } }",
}


def by_name(answer):
    """Rows compared column by column name: SELECT * leaves the order of columns to each engine."""
    columns = sorted(answer.variables)
    return q.canonical(q.QueryResult("select", columns, answer.rows))


@pytest.mark.parametrize("shape", sorted(SHAPES))
def test_each_form_of_a_bound_parameter_answers_the_same_everywhere(engines, shape):
    item = q.parse_header(shape, SHAPES[shape])
    params = {"entity": ox.NamedNode("https://w3id.org/cdkg/id/state/france"), "lang": ox.Literal("fr")}
    answers = {engine: by_name(q.run(runner, item, params, timeout=30)) for engine, runner in engines.items()}
    variables, rows = answers["oxigraph"]
    assert rows and ("entity" in variables or "lang" in variables)
    assert {engine for engine, answer in answers.items() if answer != answers["oxigraph"]} == set()


def test_a_store_asking_for_basic_auth_gets_the_same_credentials(built):
    """Fuseki and others challenge with HTTP Basic rather than Digest: `kg load` answers either."""
    import base64
    import threading
    from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

    project, ds = built
    received: list[str] = []

    class Store(BaseHTTPRequestHandler):
        def do_PUT(self):
            body = self.rfile.read(int(self.headers["Content-Length"]))
            if self.headers.get("Authorization") != "Basic " + base64.b64encode(b"alice:s3cret").decode():
                self.send_response(401)
                self.send_header("WWW-Authenticate", 'Basic realm="kg"')
                self.end_headers()
                return
            received.append(body.decode())
            self.send_response(204)
            self.end_headers()

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Store)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        url = f"http://127.0.0.1:{server.server_address[1]}/ds/data"
        with pytest.raises(KgError, match="KG_ENDPOINT_USER"):
            load(project.dataset, url)
        counts = load(project.dataset, url, credentials=("alice", "s3cret"))
    finally:
        server.shutdown()
        server.server_close()
    assert sum(counts.values()) == len(set(ds.quads)) == sum(len(body.splitlines()) for body in received)
