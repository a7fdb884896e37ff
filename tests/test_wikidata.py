"""Wikidata: fetch into the offline cache from a real local server, check links, reconcile, survive faults."""

import hashlib
import http.server
import shutil
import threading
import time
import urllib.request
from pathlib import Path

import pyoxigraph as ox
import pytest
from servers import free_port, oxigraph_server
from wikidata_fixture import CANDIDATE, LINKED, turtle

from kg import namespaces as ns
from kg.build import assemble
from kg.cli import main
from kg.network import project as projection
from kg.project import Project
from kg.wikidata import cache_path, check, retry_after

from conftest import ROOT


def copy_project(root: Path) -> Project:
    for part in ("ontology", "data", "queries"):
        shutil.copytree(ROOT / part, root / part)
    return Project(root)


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def proj(tmp_path, monkeypatch) -> Project:
    project = copy_project(tmp_path / "p")
    monkeypatch.setenv("KG_ROOT", str(project.root))
    return project


def serve_fixture(base: str, text: str) -> None:
    request = urllib.request.Request(base + "/store?default", data=text.encode(), method="PUT",
                                     headers={"Content-Type": "text/turtle"})
    urllib.request.urlopen(request, timeout=10).close()


@pytest.fixture(scope="module")
def wikidata(tmp_path_factory):
    """A real SPARQL server on 127.0.0.1 holding the Wikidata-shaped fixture in its default graph."""
    with oxigraph_server(tmp_path_factory.mktemp("wd")) as base:
        serve_fixture(base, turtle())
        yield base + "/query"


def test_the_cache_starts_from_the_reference_list_and_says_so():
    cache = (ROOT / "data/wikidata/cache.trig").read_text(encoding="utf-8")
    assert "dcterms:source source:reference-wikidata-ids" in cache
    assert "schema.org/description" not in cache  # nothing beyond identifiers and labels until a fetch


def test_fetch_fills_the_cache_from_the_endpoint_with_its_provenance(proj, wikidata, capsys):
    assert main(["wikidata", "fetch", "--endpoint", wikidata]) == 0
    assert "about 8 items" in capsys.readouterr().out
    quads = list(ox.parse(path=str(cache_path(proj))))
    facts = [q for q in quads if q.graph_name == ox.NamedNode(ns.WIKIDATA_GRAPH)]
    meta = {q.predicate.value: q.object for q in quads if isinstance(q.graph_name, ox.DefaultGraph)}
    assert meta[ns.PAV + "retrievedFrom"] == ox.NamedNode(wikidata)
    assert meta[ns.PAV + "retrievedOn"].datatype.value == ns.XSD + "date"
    assert all(f"<{ns.WD}{qid}>" in meta[ns.CD + "query"].value for qid in LINKED)
    said = {(q.subject.value, q.predicate.value) for q in facts}
    assert (ns.WD + "Q200881", "http://schema.org/description") in said
    assert (ns.WD + "Q27182", "http://www.wikidata.org/prop/P39") in said  # a position held, with its start
    assert any(q.predicate.value.endswith("qualifier/P580") for q in facts)
    assert not any(q.subject.value == ns.WD + "Q999999999003" for q in facts)  # only what was asked
    # the build uses it, offline, and the view's tooltips show the description
    ds = assemble(proj)
    G = projection(ds.quads)
    assert G.nodes[ns.entity("person", "kassym-jomart-tokayev")]["description"] == "fixture: President of Kazakhstan"
    assert check(ds.quads) == []  # Tokayev matches by his French name although the English differs


def test_check_finds_an_identifier_that_points_to_someone_else(proj, tmp_path, capsys):
    with oxigraph_server(tmp_path / "wrong") as base:
        serve_fixture(base, turtle(overrides={"Q27182": "Someone Else"}).replace('"Rachida Dati"@fr', '"Autre"@fr')
                      .replace('"R. Dati"@fr', '"Quelqu’un"@fr'))
        assert main(["wikidata", "fetch", "--endpoint", base + "/query"]) == 0
    assert main(["wikidata", "check"]) == 1
    err = capsys.readouterr().err
    assert "person:rachida-dati → wd:Q27182" in err and "someone else" in err
    assert "tokayev" not in err


def test_check_reports_a_link_the_cache_does_not_know(proj, capsys):
    text = cache_path(proj).read_text(encoding="utf-8")
    cache_path(proj).write_text(text.replace('wd:Q90 rdfs:label "Paris"@en , "Paris"@fr .', ""), encoding="utf-8")
    assert main(["wikidata", "check"]) == 1
    assert "place:paris → wd:Q90: not in the Wikidata cache" in capsys.readouterr().err


def test_reconcile_prints_candidates_with_descriptions_and_writes_nothing(proj, wikidata, capsys):
    before = {p: digest(p) for p in (proj.data).rglob("*") if p.is_file()}
    assert main(["wikidata", "reconcile", "--endpoint", wikidata]) == 0
    out = capsys.readouterr().out
    assert "person:aida-balaeva" in out and CANDIDATE in out and "fixture: fictitious candidate" in out
    assert "organization:national-museum-of-kazakhstan" in out and "no item with exactly these names" in out
    assert "person:rachida-dati" not in out  # already linked
    assert {p: digest(p) for p in proj.data.rglob("*") if p.is_file()} == before


# --- faults, against a small scripted HTTP server ------------------------------------------------

class Script:
    """What the fake endpoint does at each request: a status (with headers), a dropped connection, or a body."""

    def __init__(self, steps):
        self.steps, self.seen, self.times = list(steps), [], []


def fake_endpoint(script: Script):
    class Handler(http.server.BaseHTTPRequestHandler):
        def do_POST(self):
            self.rfile.read(int(self.headers.get("Content-Length", 0)))
            script.seen.append(self.headers.get("User-Agent", ""))
            script.times.append(time.monotonic())
            step = script.steps.pop(0) if script.steps else ("status", 500, {})
            if step[0] == "drop":
                self.close_connection = True
                self.connection.close()
                return
            if step[0] == "status":
                self.send_response(step[1])
                for k, v in step[2].items():
                    self.send_header(k, v)
                self.send_header("Content-Length", "0")
                self.end_headers()
                return
            body = step[1].encode()
            self.send_response(200)
            self.send_header("Content-Type", "text/turtle")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}/sparql"


ANSWER = turtle()


@pytest.mark.parametrize("first", [("status", 503, {}), ("drop",), ("status", 502, {"Retry-After": "0"})],
                         ids=["503", "dropped-connection", "502-retry-after-0"])
def test_a_passing_fault_is_retried_and_the_cache_filled(proj, first, capsys):
    script = Script([first, ("ok", ANSWER)])
    server, url = fake_endpoint(script)
    try:
        assert main(["wikidata", "fetch", "--endpoint", url, "--backoff", "0.05"]) == 0
    finally:
        server.shutdown()
    assert len(script.seen) == 2 and all(ua.startswith("cdkg/") and "w3id.org/cdkg" in ua for ua in script.seen)
    assert "schema.org/description" in cache_path(proj).read_text(encoding="utf-8")


def test_429_waits_as_long_as_retry_after_says(proj):
    script = Script([("status", 429, {"Retry-After": "1"}), ("ok", ANSWER)])
    server, url = fake_endpoint(script)
    try:
        assert main(["wikidata", "fetch", "--endpoint", url, "--backoff", "0.01"]) == 0
    finally:
        server.shutdown()
    assert script.times[1] - script.times[0] >= 1.0


@pytest.mark.parametrize("steps, message", [
    ([("status", 500, {})] * 3, "gave up after 3 attempts"),
    ([("ok", "this is not turtle <<<")], "not valid RDF"),
    ([("ok", turtle(leave_out=("Q90",)))], "no label for wd:Q90"),
    ([("status", 400, {})], "refused the query"),
    ([("status", 429, {"Retry-After": "3600"})], "asks to wait 3600 s"),
], ids=["always-500", "invalid-rdf", "incomplete", "400", "429-too-long"])
def test_a_failed_fetch_keeps_the_cache_whole(proj, capsys, steps, message):
    before = digest(cache_path(proj))
    server, url = fake_endpoint(Script(steps))
    try:
        assert main(["wikidata", "fetch", "--endpoint", url, "--backoff", "0.01", "--retries", "2"]) == 1
    finally:
        server.shutdown()
    assert message in capsys.readouterr().err
    assert digest(cache_path(proj)) == before
    assert [p.name for p in cache_path(proj).parent.iterdir()] == ["cache.trig"]


def test_offline_fails_at_once_with_a_clear_message(proj, capsys):
    before = digest(cache_path(proj))
    started = time.monotonic()
    assert main(["wikidata", "fetch", "--endpoint", f"http://127.0.0.1:{free_port()}/sparql"]) == 1
    assert time.monotonic() - started < 5
    assert "are you offline?" in capsys.readouterr().err
    assert digest(cache_path(proj)) == before


def test_retry_after_reads_seconds_and_http_dates():
    assert retry_after("120") == 120.0
    assert retry_after("Wed, 25 Nov 2026 12:00:30 GMT", now=1795608000.0) == 30.0
    assert retry_after(None) is None and retry_after("soon") is None
