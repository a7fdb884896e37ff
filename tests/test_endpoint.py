"""A real SPARQL server on 127.0.0.1: `kg load` pushes the dataset, every question answers as embedded."""

import os
import socket
import sys
import urllib.error

import pytest
from servers import free_port, oxigraph_server, running

from kg import query as q
from kg.cli import main
from kg.store import EndpointEngine, OxigraphEngine, _http, load

from conftest import ROOT

LIBRARY = q.library(ROOT / "queries")
RUNNABLE = sorted(name for name, item in LIBRARY.items() if not item.needs)


@pytest.fixture(scope="module")
def server(built, tmp_path_factory):
    project, _ = built
    with oxigraph_server(tmp_path_factory.mktemp("oxigraph")) as base:
        load(project.dataset, base + "/store")
        yield base


def test_load_is_idempotent_and_keeps_every_graph(built, server):
    project, ds = built
    remote = EndpointEngine(server + "/query")
    count = "SELECT (COUNT(*) AS ?n) (COUNT(DISTINCT ?g) AS ?graphs) WHERE { GRAPH ?g { ?s ?p ?o } }"
    first = remote.query(count).rows[0]
    load(project.dataset, server + "/store")
    again = remote.query(count).rows[0]
    assert first == again
    assert int(again["n"].value) == len(set(ds.quads))
    assert int(again["graphs"].value) == len({q.graph_name for q in ds.quads})


def test_load_through_sparql_update_gives_the_same_store(built, tmp_path):
    project, ds = built
    with oxigraph_server(tmp_path / "store") as base:
        load(project.dataset, base + "/update", protocol="update", batch=100)
        load(project.dataset, base + "/update", protocol="update", batch=100)
        n = EndpointEngine(base + "/query").query("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }")
    assert int(n.rows[0]["n"].value) == len(set(ds.quads))


@pytest.mark.parametrize("name", RUNNABLE)
def test_every_question_answers_on_the_server_as_embedded(built, server, name):
    project, _ = built
    item = LIBRARY[name]
    embedded = q.run(OxigraphEngine.in_memory(project.dataset), item)
    remote = q.run(EndpointEngine(server + "/query"), item)
    assert q.canonical(remote) == q.canonical(embedded)


def test_the_cli_queries_and_loads_through_endpoints(built, server, monkeypatch, capsys):
    project, _ = built
    monkeypatch.setenv("KG_ROOT", str(ROOT))
    assert main(["load", "--endpoint", server + "/store", "--dataset", str(project.dataset)]) == 0
    assert main(["query", "statuses", "--endpoint", server + "/query"]) == 0
    assert "status:signed" in capsys.readouterr().out


def test_http_errors_show_their_status(server, monkeypatch, capsys):
    monkeypatch.setenv("KG_ROOT", str(ROOT))
    assert main(["query", "statuses", "--endpoint", server + "/no-such-path"]) == 1
    assert "HTTP 404" in capsys.readouterr().err


def test_an_unreachable_endpoint_fails_fast_with_a_clear_message(monkeypatch, capsys):
    monkeypatch.setenv("KG_ROOT", str(ROOT))
    assert main(["query", "statuses", "--endpoint", f"http://127.0.0.1:{free_port()}/query", "--timeout", "3"]) == 1
    assert "cannot reach the endpoint" in capsys.readouterr().err


def test_a_silent_endpoint_times_out(monkeypatch, capsys):
    with socket.socket() as listener:  # accepts connections, never answers
        listener.bind(("127.0.0.1", 0))
        listener.listen()
        url = f"http://127.0.0.1:{listener.getsockname()[1]}/query"
        monkeypatch.setenv("KG_ROOT", str(ROOT))
        assert main(["query", "statuses", "--endpoint", url, "--timeout", "1"]) == 1
    assert "within 1 s" in capsys.readouterr().err


def test_kg_serve_answers_read_only_on_loopback(built):
    project, _ = built
    port = free_port()
    cmd = [sys.executable, "-m", "kg.cli", "serve", "--port", str(port), "--dataset", str(project.dataset)]
    with running(cmd, f"http://127.0.0.1:{port}/", env={**os.environ, "KG_ROOT": str(ROOT)}, seconds=60):
        remote = EndpointEngine(f"http://127.0.0.1:{port}/query")
        answer = q.run(remote, LIBRARY["statuses"])
        assert q.canonical(answer) == q.canonical(q.load_expected(LIBRARY["statuses"], ROOT / "queries/expected"))
        with pytest.raises(urllib.error.HTTPError):  # read-only: no update endpoint
            _http("POST", f"http://127.0.0.1:{port}/update", b"DROP ALL", "application/sparql-update", 5)
