"""Every failure a clear message, nothing lost (issue 13): each case the bad-input audit found, as a user meets it."""

from __future__ import annotations

import contextlib
import http.server
import io
import os
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
import unicodedata
import urllib.request
from datetime import date
from pathlib import Path
from typing import ClassVar

import pytest
from servers import free_port

from kg import __version__, store
from kg.cli import main, parser
from kg.errors import EXIT_INVALID, EXIT_SYNTAX, KgError
from kg.project import Project

from conftest import MINI_CLAIMS, MINI_TEXT, ROOT, make_mini_project


def run(args: list[str], monkeypatch, capsys, root: Path = ROOT) -> tuple[int, str, str]:
    monkeypatch.setenv("KG_ROOT", str(root))
    try:
        code = main(args)
    except SystemExit as e:  # argparse refuses a bad argument this way
        code = e.code
    out = capsys.readouterr()
    return code, out.out, out.err


def query(args: list[str], built, monkeypatch, capsys) -> tuple[int, str, str]:
    project, _ = built
    return run(["query", *args, "--dataset", str(project.dataset)], monkeypatch, capsys)


# --- conveniences every CLI user expects ----------------------------------------------------------

def test_kg_version_and_python_m_kg(monkeypatch, capsys):
    code, out, _ = run(["--version"], monkeypatch, capsys)
    assert code == 0 and out.strip() == f"kg {__version__}"
    done = subprocess.run([sys.executable, "-m", "kg", "--version"], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0 and done.stdout.strip() == f"kg {__version__}"


def _subparsers(p):
    import argparse

    for action in p._actions:
        if isinstance(action, argparse._SubParsersAction):
            yield from action.choices.items()


def test_every_subcommand_has_a_description_and_every_option_a_help():
    missing = []

    def walk(p, path):
        for action in p._actions:
            if not action.help and action.dest != "help":
                missing.append(f"{path} {'/'.join(action.option_strings) or action.dest}")
        for name, sub in _subparsers(p):
            if not sub.description:
                missing.append(f"{path} {name}: no description")
            walk(sub, f"{path} {name}")

    walk(parser(), "kg")
    assert missing == []


def test_kg_wikidata_has_help_per_action_and_todays_date_as_default(monkeypatch, capsys):
    actions = dict(_subparsers(dict(_subparsers(parser()))["wikidata"]))
    assert set(actions) == {"fetch", "check", "reconcile", "from-reference"}
    assert "--allow-missing" in actions["fetch"].format_help()
    assert "--entity" in actions["reconcile"].format_help() and "--entity" not in actions["fetch"].format_help()
    assert f"default: today, {date.today().isoformat()}" in " ".join(actions["from-reference"].format_help().split())


@pytest.mark.parametrize("args", [["query", "statuses", "--timeout", "nan"], ["query", "statuses", "--timeout", "inf"],
                                  ["query", "statuses", "--timeout", "-1"], ["load", "--endpoint", "http://x/",
                                                                             "--timeout", "-inf"],
                                  ["serve", "--timeout", "1.5"], ["serve", "--port", "70000"],
                                  ["wikidata", "fetch", "--retries", "-1"], ["stats", "--top", "-3"]])
def test_a_duration_or_port_that_is_not_one_is_refused(args, monkeypatch, capsys):
    code, _, err = run(args, monkeypatch, capsys)
    assert code == EXIT_SYNTAX and "error: argument" in err and "Traceback" not in err


def test_timeout_zero_means_no_limit(built, monkeypatch, capsys):
    code, out, _ = query(["statuses", "--timeout", "0"], built, monkeypatch, capsys)
    _, limited, _ = query(["statuses"], built, monkeypatch, capsys)
    assert code == 0 and "rows)" in out and out == limited
    assert "0: no limit" in dict(_subparsers(parser()))["query"].format_help()
    assert store.with_timeout(lambda: 7, 0, "test") == 7


# --- quietly wrong ----------------------------------------------------------------------------------

def test_a_mistyped_parameter_name_is_refused(built, monkeypatch, capsys):
    code, out, err = query(["entity", "--param", "entitty=state:france"], built, monkeypatch, capsys)
    assert code == EXIT_SYNTAX and out == ""
    assert "--param entitty: entity has no variable ?entitty (did you mean entity?)" in err


def test_a_query_variable_is_a_parameter_too(built, monkeypatch, capsys, tmp_path):
    own = tmp_path / "own.rq"
    own.write_text('SELECT ?label WHERE { GRAPH ?g { ?thing <http://www.w3.org/2000/01/rdf-schema#label> ?label } '
                   'FILTER(?label = "France"@fr) }')
    code, out, _ = query([str(own), "--param", "thing=state:france"], built, monkeypatch, capsys)
    assert code == 0 and "(1 row)" in out


@pytest.mark.parametrize("value, prefix", [("nope:x", "nope"), ("https://w3id.org/cdkg/id/state/france", "https")])
def test_an_unknown_prefix_in_a_parameter_is_refused_not_made_a_literal(value, prefix, built, monkeypatch, capsys):
    code, _, err = query(["entity", "--param", f"entity={value}"], built, monkeypatch, capsys)
    assert code == EXIT_SYNTAX and f"unknown prefix '{prefix}'" in err and "<…>" in err


def test_csv_of_a_construct_is_refused(built, monkeypatch, capsys):
    for fmt in ("csv", "tsv", "json"):
        code, out, err = query(["neighbourhood", "--format", fmt], built, monkeypatch, capsys)
        assert code == EXIT_SYNTAX and out == "" and "use --format turtle" in err


# --- tracebacks where a message is due ----------------------------------------------------------------

def test_an_endpoint_that_is_not_a_url(monkeypatch, capsys):
    code, _, err = run(["query", "statuses", "--endpoint", "notaurl"], monkeypatch, capsys)
    assert code == EXIT_INVALID and "'notaurl' is not an endpoint address" in err


def test_a_dataset_that_is_not_rdf(monkeypatch, capsys):
    code, _, err = run(["query", "statuses", "--dataset", str(ROOT / "README.md")], monkeypatch, capsys)
    assert code == EXIT_INVALID and "README.md: not a dataset" in err


@pytest.mark.parametrize("args", [["query", "statuses"], ["query", "statuses", "--engine", "rdflib"],
                                  ["query", "statuses", "--persistent"], ["load", "--endpoint", "http://127.0.0.1:9/"]])
def test_a_broken_dataset_is_located_whatever_reads_it(args, monkeypatch, capsys, tmp_path):
    broken = tmp_path / "broken.trig"
    broken.write_text('<urn:g> { <urn:a> <urn:b> "x }\n')
    code, _, err = run([*args, "--dataset", str(broken)], monkeypatch, capsys)
    assert code == EXIT_SYNTAX and f"error: {broken}:1: cannot" in err and "Traceback" not in err


def test_a_query_that_is_not_utf8(built, monkeypatch, capsys, tmp_path):
    latin = tmp_path / "latin.rq"
    latin.write_bytes('SELECT * WHERE { ?s ?p "été" }'.encode("latin-1"))
    code, _, err = query([str(latin)], built, monkeypatch, capsys)
    assert code == EXIT_SYNTAX and f"{latin}: a query must be UTF-8 text; byte 24 is b'\\xe9'" in err
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(latin.read_bytes())))
    code, _, err = query(["-"], built, monkeypatch, capsys)
    assert code == EXIT_SYNTAX and "standard input: a query must be UTF-8 text" in err


def test_a_service_that_cannot_be_reached(built, monkeypatch, capsys, tmp_path):
    remote = tmp_path / "remote.rq"
    remote.write_text(f"SELECT * WHERE {{ SERVICE <http://127.0.0.1:{free_port()}/sparql> {{ ?s ?p ?o }} }}")
    code, _, err = query([str(remote)], built, monkeypatch, capsys)
    assert code == EXIT_INVALID and "the query could not be answered" in err and "SERVICE" in err


class Answers(http.server.BaseHTTPRequestHandler):
    """An endpoint that answers every request with the body and type set for its path."""

    bodies: ClassVar[dict[str, tuple[str, bytes]]] = {}

    def _answer(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        self.rfile.read(length)
        kind, body = self.bodies[self.path.split("?")[0]]
        self.send_response(200)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    do_GET = do_POST = do_PUT = _answer

    def log_message(self, *args) -> None:
        pass


@pytest.fixture(scope="module")
def answers():
    Answers.bodies = {
        "/html": ("text/html", b"<!doctype html><html><body>Welcome to our site</body></html>"),
        "/broken": ("application/sparql-results+json", b'{"head": {"vars": ["s"]}, "results": {'),
        "/notsparql": ("application/json", b'{"status": "ok", "count": 3}'),
        "/big": ("application/sparql-results+json", b'{"head": {"vars": []}, "results": {"bindings": []}}' +
                 b" " * 20_000),
    }
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Answers)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


@pytest.mark.parametrize("path, what", [("/html", "an HTML page (text/html)"), ("/broken", "broken JSON"),
                                        ("/notsparql", "JSON, not SPARQL results")])
def test_an_endpoint_answer_that_is_not_sparql_results(path, what, answers, monkeypatch, capsys):
    code, _, err = run(["query", "statuses", "--endpoint", answers + path], monkeypatch, capsys)
    assert code == EXIT_INVALID and what in err and "Traceback" not in err


def test_reconcile_says_the_same_of_an_html_answer(answers, monkeypatch, capsys):
    code, _, err = run(["wikidata", "reconcile", "--endpoint", answers + "/html", "--retries", "0"],
                       monkeypatch, capsys)
    assert code == EXIT_INVALID and "an HTML page" in err


def test_a_huge_endpoint_answer_is_refused_before_it_fills_the_memory(answers, monkeypatch, capsys):
    monkeypatch.setattr(store, "MAX_ANSWER_BYTES", 10_000)
    code, _, err = run(["query", "statuses", "--endpoint", answers + "/big"], monkeypatch, capsys)
    assert code == EXIT_INVALID and "the answer is larger than" in err and "MiB" in err


def test_view_into_a_folder_or_under_a_file(built, monkeypatch, capsys, tmp_path):
    project, _ = built
    code, _, err = run(["view", "--dataset", str(project.dataset), "--output", str(tmp_path)], monkeypatch, capsys)
    assert code == EXIT_INVALID and f"{tmp_path}: is a folder" in err
    blocker = tmp_path / "file"
    blocker.write_text("x")
    code, _, err = run(["view", "--dataset", str(project.dataset), "--output", str(blocker / "g.html")],
                       monkeypatch, capsys)
    assert code == EXIT_INVALID and "cannot write" in err and "Traceback" not in err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["file"]


def test_a_read_only_build_folder_is_a_message(built, monkeypatch, capsys, tmp_path):
    """As root nothing is read-only, so the refusal is the one a read-only file system gives."""
    import kg.rdfio

    project, _ = built

    def refuse(source, target):
        raise PermissionError(13, "Permission denied", str(source), None, str(target))

    monkeypatch.setattr(kg.rdfio.os, "replace", refuse)
    out = tmp_path / "graph.html"
    code, _, err = run(["view", "--dataset", str(project.dataset), "--output", str(out)], monkeypatch, capsys)
    assert code == EXIT_INVALID and err.strip() == f"error: {out}: cannot write: Permission denied"
    assert list(tmp_path.iterdir()) == [], "no temporary file is left behind"


# --- loses data or answers wrongly --------------------------------------------------------------------

@pytest.fixture
def copy(tmp_path, built) -> Project:
    """A copy of the project with its build, so that writing expected answers touches no tracked file."""
    root = tmp_path / "p"
    for part in ("ontology", "data", "queries"):
        shutil.copytree(ROOT / part, root / part)
    (root / "build").mkdir()
    shutil.copy(built[0].dataset, root / "build" / "kg.trig")
    return Project(root)


def test_save_expected_writes_the_named_question_only_and_from_the_build_only(copy, monkeypatch, capsys):
    expected = copy.queries / "expected"
    before = {p.name: p.stat().st_mtime_ns for p in expected.iterdir()}
    code, _, err = run(["query", "--save-expected", "--dataset", str(copy.ontology / "cdkg.ttl")],
                       monkeypatch, capsys, copy.root)
    assert code == EXIT_SYNTAX and "build/kg.trig" in err
    code, _, err = run(["query", "--save-expected"], monkeypatch, capsys, copy.root)
    assert code == EXIT_SYNTAX and "--all" in err
    assert {p.name: p.stat().st_mtime_ns for p in expected.iterdir()} == before
    time.sleep(0.01)
    code, out, _ = run(["query", "statuses", "--save-expected"], monkeypatch, capsys, copy.root)
    assert code == 0 and out.splitlines() == [f"wrote {copy.queries / 'expected' / 'statuses.tsv'}"]
    changed = {n for n, t in before.items() if (expected / n).stat().st_mtime_ns != t}
    assert changed == {"statuses.tsv"}
    assert (expected / "statuses.tsv").read_bytes() == (ROOT / "queries/expected/statuses.tsv").read_bytes()
    code, out, _ = run(["query", "--save-expected", "--all"], monkeypatch, capsys, copy.root)
    assert code == 0 and out.count("wrote ") == len(before)


@pytest.mark.parametrize("day", ["yesterday", "2024-13-45", "2024-1-5", "9999-01-01"])
def test_from_reference_refuses_a_date_that_is_not_a_past_day(day, copy, monkeypatch, capsys):
    cache = copy.data / "wikidata" / "cache.trig"
    before = cache.read_bytes()
    code, _, err = run(["wikidata", "from-reference", "--date", day], monkeypatch, capsys, copy.root)
    assert code == EXIT_SYNTAX and "--date" in err
    assert cache.read_bytes() == before
    from kg.wikidata import cache_from_reference

    with pytest.raises(KgError, match="YYYY-MM-DD"):
        cache_from_reference(copy, day)


def test_from_reference_dates_the_cache_today_by_default(copy, monkeypatch, capsys):
    code, _, _ = run(["wikidata", "from-reference"], monkeypatch, capsys, copy.root)
    assert code == 0
    assert f'"{date.today().isoformat()}"^^xsd:date' in (copy.data / "wikidata/cache.trig").read_text()


def test_an_empty_wikidata_cache_is_an_error_not_one_graph_fewer(copy, monkeypatch, capsys):
    (copy.data / "wikidata" / "cache.trig").write_bytes(b"")
    code, _, err = run(["build", "--no-check"], monkeypatch, capsys, copy.root)
    assert code == EXIT_INVALID and "cache.trig: the Wikidata cache is empty" in err
    assert (copy.root / "build" / "kg.trig").read_bytes() != b""


# --- kg serve -----------------------------------------------------------------------------------------

def _ask(port: int) -> int:
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/query?query=ASK%7B%7D", timeout=2) as r:
            return r.status
    except OSError:
        return 0


@contextlib.contextmanager
def kg_serve(root: Path, port: int):
    env = {**os.environ, "KG_ROOT": str(root)}
    process = subprocess.Popen([sys.executable, "-m", "kg", "serve", "--port", str(port)], env=env,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        deadline = time.monotonic() + 60
        while _ask(port) != 200:
            assert process.poll() is None, process.communicate()
            assert time.monotonic() < deadline, "kg serve did not answer within 60 s"
            time.sleep(0.2)
        yield process
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()


def _children(pid: int) -> list[int]:
    found = subprocess.run(["ps", "-o", "pid=", "--ppid", str(pid)], capture_output=True, text=True)
    return [int(p) for p in found.stdout.split()]


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGHUP], ids=["SIGTERM", "SIGHUP"])
def test_serve_stopped_by_a_signal_stops_its_server(sig, copy):
    port = free_port()
    with kg_serve(copy.root, port) as process:
        children = _children(process.pid)
        assert children, "the Oxigraph server runs as a child of kg serve"
        process.send_signal(sig)
        assert process.wait(timeout=30) == 0
    assert _ask(port) == 0, "nothing answers on the port any more"
    for child in children:
        with pytest.raises(ProcessLookupError):
            os.kill(child, 0)


def test_serve_on_a_busy_port_says_so(copy, monkeypatch, capsys):
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        s.listen()
        port = s.getsockname()[1]
        code, out, err = run(["serve", "--port", str(port)], monkeypatch, capsys, copy.root)
    assert code == EXIT_INVALID and f"cannot listen on 127.0.0.1:{port}" in err and "--port" in err
    assert "SPARQL endpoint" not in out


def test_serve_says_to_restart_after_a_rebuild(copy):
    port = free_port()
    with kg_serve(copy.root, port) as process:
        dataset = copy.root / "build" / "kg.trig"
        dataset.write_bytes(dataset.read_bytes() + b"\n")
        time.sleep(3)
        process.send_signal(signal.SIGTERM)
        _, err = process.communicate(timeout=30)
    assert "changed since the server started" in err and "restart kg serve" in err


# --- the article's text: said once what it must be ------------------------------------------------------

@pytest.mark.parametrize("change, found", [
    (lambda t: unicodedata.normalize("NFD", t), "decomposed accents (Unicode NFD, first at code point 11)"),
    (lambda t: "\ufeff" + t, "a byte-order mark at the start"),
    (lambda t: t.replace(". ", ".\r\n"), "CR or CRLF line ends (first on line 1)"),
    (lambda t: t + "\x00", "NUL bytes (first at code point 91)"),
], ids=["NFD", "BOM", "CRLF", "NUL"])
def test_a_text_not_stored_as_it_must_be_is_one_clear_error(change, found, tmp_path, monkeypatch, capsys):
    project = make_mini_project(tmp_path / "mini", text=change(MINI_TEXT))
    code, _, err = run(["build", "--strict"], monkeypatch, capsys, project.root)
    lines = err.strip().splitlines()
    assert code == EXIT_INVALID and len(lines) == 1, err  # not one error per quote
    assert lines[0].startswith(f"error: {project.root / 'data/articles/mini/mini.fr.txt'}: the text must be UTF-8 "
                               "in Unicode NFC, with LF line ends, no byte-order mark and no NUL bytes")
    assert found in lines[0]
    assert not list((project.root / "build").glob("kg.*"))  # nothing published
    code, _, err = run(["build"], monkeypatch, capsys, project.root)  # without --strict: the article left out
    assert code == 0 and [line for line in err.splitlines() if line.startswith("quarantined:")] == [
        "quarantined: " + lines[0].removeprefix("error: ")]


# --- kg load: counted on the server, not taken on its word ------------------------------------------------

def test_load_to_a_server_that_answers_200_with_html_fails(answers, built, monkeypatch, capsys):
    project, _ = built
    code, out, err = run(["load", "--endpoint", answers + "/html", "--dataset", str(project.dataset)],
                         monkeypatch, capsys)
    assert code == EXIT_INVALID and "is not RDF (text/html" in err and "Graph Store Protocol address" in err
    assert "counted" not in out


def test_load_counts_what_the_server_holds(built, tmp_path, monkeypatch, capsys):
    from servers import oxigraph_server

    project, _ = built
    with oxigraph_server(tmp_path / "gsp") as base:
        code, out, _ = run(["load", "--endpoint", base + "/store", "--dataset", str(project.dataset)],
                           monkeypatch, capsys)
        assert code == 0 and "counted on the server: every graph holds what was sent" in out
        code, out, _ = run(["load", "--endpoint", base + "/update", "--protocol", "update", "--dataset",
                            str(project.dataset)], monkeypatch, capsys)
        assert code == 0 and "not counted on the server: give --query-endpoint URL" in out
        code, out, _ = run(["load", "--endpoint", base + "/update", "--protocol", "update", "--query-endpoint",
                            base + "/query", "--dataset", str(project.dataset)], monkeypatch, capsys)
        assert code == 0 and "counted on the server" in out
        # a store that keeps nothing of what it is sent: counted (here on another, empty store), it says so
        with oxigraph_server(tmp_path / "empty") as empty:
            code, _, err = run(["load", "--endpoint", base + "/store", "--dataset", str(project.dataset),
                                "--query-endpoint", empty + "/query"], monkeypatch, capsys)
        assert code == EXIT_INVALID and "the store does not hold what was sent" in err and " 0 of " in err


# --- validation: an invalid value, a failed shape and a blank node, each at its file and line ----------------

CONTEXT = '''@prefix cd: <https://w3id.org/cdkg/ontology#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix dcterms: <http://purl.org/dc/terms/> .
@prefix pav: <http://purl.org/pav/> .
@prefix event: <https://w3id.org/cdkg/id/event/> .
@prefix context: <https://w3id.org/cdkg/context/> .
@prefix source: <https://w3id.org/cdkg/id/source/> .

context:visit {
    event:visit a cd:Event ; rdfs:label "Visite"@fr , "Visit"@en ;
        cd:startDate "START"^^xsd:date ;
        cd:endDate "2024-11-05"^^xsd:date .
}
context:visit dcterms:source source:reference-context ; pav:retrievedOn "2026-11-25"^^xsd:date .
'''


@pytest.mark.parametrize("command", ["build", "validate"])
def test_an_impossible_date_is_named_with_its_line_not_a_traceback(command, tmp_path, monkeypatch, capsys):
    project = make_mini_project(tmp_path / "mini")
    path = project.data / "context" / "visit.trig"
    path.parent.mkdir(parents=True)
    path.write_text(CONTEXT.replace("START", "2024-13-45"))
    code, _, err = run([command], monkeypatch, capsys, project.root)
    assert code == EXIT_INVALID and "Traceback" not in err
    assert f"{path}:12: '2024-13-45' is not a valid xsd:date (in event:visit cd:startDate)" in err


def test_a_failed_shape_names_the_file_and_line(tmp_path, monkeypatch, capsys):
    project = make_mini_project(tmp_path / "mini")
    path = project.data / "context" / "visit.trig"
    path.parent.mkdir(parents=True)
    path.write_text(CONTEXT.replace("START", "2024-11-09"))  # after its end
    code, _, err = run(["validate"], monkeypatch, capsys, project.root)
    assert code == EXIT_INVALID
    assert f"{path}:11: shape cdsh:EventShape: event:visit cd:startDate: an event has at most one start date" in err


def test_a_blank_node_entity_is_reported_in_the_file_that_has_it(tmp_path, monkeypatch, capsys):
    claims = MINI_CLAIMS.replace("cd:party state:alpha , state:beta", 'cd:party state:alpha , [ a cd:State ]')
    project = make_mini_project(tmp_path / "mini", claims=claims)
    code, _, err = run(["validate"], monkeypatch, capsys, project.root)
    assert code == EXIT_INVALID
    problems = [line for line in err.splitlines() if "blank node" in line]
    assert problems and all(line.startswith(str(project.data / "articles/mini/claims.trig")) for line in problems)
