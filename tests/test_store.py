"""Engines: the embedded store (in memory and on disk) and rdflib answer alike; named graphs are kept."""

import time

import pyoxigraph as ox
import pytest

from kg.errors import KgError
from kg.store import (
    OxigraphEngine,
    QueryTimeout,
    RdflibEngine,
    ensure_persistent_store,
    graphs_of,
    open_engine,
    with_timeout,
)

GRAPHS = "SELECT (COUNT(DISTINCT ?g) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"


def count(engine, text=GRAPHS) -> int:
    return int(engine.query(text).rows[0]["n"].value)


def test_every_engine_keeps_the_named_graphs(built):
    project, ds = built
    graphs = {q.graph_name for q in ds.quads}
    assert count(OxigraphEngine.in_memory(project.dataset)) == len(graphs)
    assert count(RdflibEngine.in_memory(project.dataset)) == len(graphs)
    assert len(graphs_of(project.dataset)) == len(graphs)


def test_the_persistent_store_is_reloaded_only_when_the_dataset_changes(built, tmp_path):
    project, _ = built
    dataset = tmp_path / "kg.trig"
    dataset.write_bytes(project.dataset.read_bytes())
    location = tmp_path / "oxigraph"
    first = ensure_persistent_store(dataset, location).folder
    marker = (first / "kg-store.json").stat().st_mtime_ns
    assert ensure_persistent_store(dataset, location).folder == first
    assert (first / "kg-store.json").stat().st_mtime_ns == marker
    engine = OxigraphEngine.persistent(dataset, location)
    before = count(engine)
    del engine
    dataset.write_text('<urn:g> { <urn:a> <urn:b> <urn:c> . }\n')
    engine = OxigraphEngine.persistent(dataset, location)
    assert count(engine) == 1 != before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["kg.trig", "oxigraph"]
    del engine
    ensure_persistent_store(dataset, location)  # a later load or open under the writer's lock tidies up
    assert not first.exists(), "the replaced store is deleted once nobody reads it"


def _load_and_damage(project, tmp_path, damage):
    dataset = tmp_path / "kg.trig"
    dataset.write_bytes(project.dataset.read_bytes())
    location = tmp_path / "oxigraph"
    engine = OxigraphEngine.persistent(dataset, location)
    expected = count(engine)
    folder = engine.opened.folder
    del engine
    damage(folder)
    return dataset, location, expected


@pytest.mark.parametrize("damage, said", [
    (lambda folder: (folder / "CURRENT").unlink(), "is damaged"),  # the audit's case: RocksDB then opens empty
    (lambda folder: [p.unlink() for p in folder.glob("*.sst")], "is damaged"),
    (lambda folder: (folder / "kg-store.json").write_text("{}"), ""),  # no marker: unknown, quietly replaced
], ids=["no CURRENT", "no table files", "no marker"])
def test_a_damaged_store_is_loaded_again_not_answered_empty(built, tmp_path, damage, said, capsys):
    project, _ = built
    dataset, location, expected = _load_and_damage(project, tmp_path, damage)
    assert count(OxigraphEngine.persistent(dataset, location)) == expected
    err = capsys.readouterr().err
    assert said in err and (said or err == "")
    assert count(OxigraphEngine.persistent(dataset, location)) == expected  # and stays right


def test_readers_run_at_once_and_a_second_loader_waits_with_a_message(built, tmp_path):
    import subprocess
    import sys

    project, _ = built
    dataset = tmp_path / "kg.trig"
    dataset.write_bytes(project.dataset.read_bytes())
    location = tmp_path / "oxigraph"
    first = OxigraphEngine.persistent(dataset, location)
    second = OxigraphEngine.persistent(dataset, location)  # the old code took RocksDB's LOCK: an IO error here
    assert count(first) == count(second) > 0
    # another process loads while this one holds the writer's lock: it waits, says so, then answers
    dataset.write_text('<urn:g> { <urn:a> <urn:b> <urn:c> . }\n')
    import fcntl
    import os

    fd = os.open(location / "writer.lock", os.O_RDWR)
    fcntl.flock(fd, fcntl.LOCK_EX)
    code = ("import sys; from pathlib import Path; from kg.store import OxigraphEngine; "
            f"e = OxigraphEngine.persistent(Path({str(dataset)!r}), Path({str(location)!r})); "
            "print(len(e.query('SELECT * WHERE {GRAPH ?g {?s ?p ?o}}').rows))")
    waiting = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                               text=True)
    try:
        time.sleep(1.5)
        assert waiting.poll() is None, waiting.communicate()
    finally:
        os.close(fd)
    out, err = waiting.communicate(timeout=60)
    assert "waiting: another kg process is loading the store" in err
    assert out.strip() == "1"
    assert count(first) > 1, "a reader keeps the store it opened"


def test_an_unknown_engine_is_refused(built):
    project, _ = built
    with pytest.raises(KgError, match="unknown engine"):
        open_engine(project.dataset, "virtuoso")


def test_with_timeout_stops_waiting_and_passes_errors_through():
    with pytest.raises(QueryTimeout):
        with_timeout(lambda: time.sleep(2), 0.2, "test")
    with pytest.raises(ZeroDivisionError):
        with_timeout(lambda: 1 / 0, 1.0, "test")
    assert with_timeout(lambda: 42, 1.0, "test") == 42


def test_results_carry_the_same_terms_whatever_the_engine(built):
    project, _ = built
    text = ("SELECT ?label WHERE { GRAPH <https://w3id.org/cdkg/graph/entities> { "
            "<https://w3id.org/cdkg/id/person/aida-balaeva> <http://www.w3.org/2000/01/rdf-schema#label> ?label } }")
    a = {r["label"] for r in OxigraphEngine.in_memory(project.dataset).query(text).rows}
    b = {r["label"] for r in RdflibEngine.in_memory(project.dataset).query(text).rows}
    assert a == b == {ox.Literal("Aida Balaïeva", language="fr"), ox.Literal("Aida Balaeva", language="en")}
