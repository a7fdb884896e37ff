"""Reading and writing RDF: located syntax errors, deterministic output, files replaced whole."""

import os
from pathlib import Path

import pyoxigraph as ox
import pytest

from kg.errors import EXIT_SYNTAX, KgError
from kg.rdfio import atomic_write, atomic_write_all, parse_file, serialize


def quads() -> list[ox.Quad]:
    g = ox.NamedNode("https://w3id.org/cdkg/graph/entities")
    s = ox.NamedNode("https://w3id.org/cdkg/id/state/france")
    return [
        ox.Quad(s, ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#label"), ox.Literal("France", language="fr"), g),
        ox.Quad(s, ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type"),
                ox.NamedNode("https://w3id.org/cdkg/ontology#State"), g),
        ox.Quad(s, ox.NamedNode("https://w3id.org/cdkg/ontology#date"),
                ox.Literal("2024-11-04", datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#date")), g),
    ]


def test_a_syntax_error_names_file_line_and_column(tmp_path: Path):
    bad = tmp_path / "bad.ttl"
    bad.write_text('@prefix ex: <http://ex/> .\nex:a ex:b ex:c .\nex:a ex:b "unterminated\n', encoding="utf-8")
    with pytest.raises(KgError) as e:
        parse_file(bad)
    assert e.value.exit_code == EXIT_SYNTAX
    assert str(e.value).startswith(f"{bad}:3:")


def test_a_relative_iri_is_an_error_not_a_file_address(tmp_path: Path):
    bad = tmp_path / "relative.ttl"
    bad.write_text("<a> <b> <c> .\n", encoding="utf-8")
    with pytest.raises(KgError):
        parse_file(bad)


@pytest.mark.parametrize("fmt", [ox.RdfFormat.TRIG, ox.RdfFormat.TURTLE, ox.RdfFormat.JSON_LD, ox.RdfFormat.N_QUADS])
def test_output_does_not_depend_on_input_order_and_round_trips(fmt):
    a, b = serialize(quads(), fmt), serialize(list(reversed(quads())), fmt)
    assert a == b
    back = set(ox.parse(a, format=fmt))
    expected = set(quads()) if fmt.supports_datasets else {ox.Quad(q.subject, q.predicate, q.object) for q in quads()}
    assert back == expected


def test_the_prefix_header_is_sorted_and_only_what_is_used():
    text = serialize(quads(), ox.RdfFormat.TRIG).decode()
    header = [line for line in text.splitlines() if line.startswith("@prefix")]
    assert header == sorted(header)
    assert not any(line.startswith("@prefix foaf:") for line in header)
    assert "state:france a cd:State" in text


def test_atomic_write_replaces_the_whole_file(tmp_path: Path):
    target = tmp_path / "out.txt"
    target.write_bytes(b"old")
    atomic_write(target, b"new")
    assert target.read_bytes() == b"new"
    assert os.listdir(tmp_path) == ["out.txt"]


def test_a_failed_multi_file_write_leaves_the_old_files_and_no_temporaries(tmp_path: Path):
    ok, blocked = tmp_path / "a.txt", tmp_path / "sub"
    ok.write_bytes(b"old")
    blocked.write_bytes(b"a file where a folder is needed")
    with pytest.raises(KgError, match=f"{blocked}: cannot write: a file is where a folder is needed; nothing was"):
        atomic_write_all({ok: b"new", blocked / "b.txt": b"new"})
    assert ok.read_bytes() == b"old"
    assert sorted(os.listdir(tmp_path)) == ["a.txt", "sub"]


def test_written_files_get_the_usual_permissions_not_mkstemp_s_private_ones(tmp_path: Path):
    old = os.umask(0o022)
    try:
        atomic_write(tmp_path / "a.ttl", b"x")
        atomic_write_all({tmp_path / "b.ttl": b"y"})
    finally:
        os.umask(old)
    assert (tmp_path / "a.ttl").stat().st_mode & 0o777 == 0o644
    assert (tmp_path / "b.ttl").stat().st_mode & 0o777 == 0o644
