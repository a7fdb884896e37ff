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
    ensure_persistent_store(dataset, location)
    stamp = (location / "kg-dataset.sha256").stat().st_mtime_ns
    ensure_persistent_store(dataset, location)
    assert (location / "kg-dataset.sha256").stat().st_mtime_ns == stamp
    engine = OxigraphEngine.persistent(dataset, location)
    before = count(engine)
    del engine
    dataset.write_text('<urn:g> { <urn:a> <urn:b> <urn:c> . }\n')
    engine = OxigraphEngine.persistent(dataset, location)
    assert count(engine) == 1 != before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["kg.trig", "oxigraph"]


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
