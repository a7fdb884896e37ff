"""The build at scale, incrementally (issue 19): one article more gives the bytes a full build of the same
inputs gives, the on-disk store follows a build by parts (an edited article's old graphs leave it), and a
change to the validator's code makes every cached verdict stale."""

from __future__ import annotations

import json
import os
import shutil
import sys

import pyoxigraph as ox

from kg.build import CURRENT, OUTPUTS, build
from kg.persistent import MARKER, open_persistent
from kg.project import Project

from conftest import ROOT

sys.path.insert(0, str(ROOT / "benchmarks"))

from corpus import Corpus, write, write_corpus


def loaded(path) -> set[ox.Quad]:
    """The quads a store holds once it has loaded a file (Oxigraph stores xsd:integer's subtypes as integers)."""
    store = ox.Store()
    store.bulk_load(path=str(path))
    return set(store)


def set_files(project: Project) -> dict[str, bytes]:
    """The published set: the outputs and the manifest of its parts."""
    current = project.build / os.readlink(project.build / CURRENT)
    return {p.name: p.read_bytes() for p in sorted(current.iterdir())}


def test_an_article_added_gives_the_bytes_of_a_full_build_of_the_same_inputs(tmp_path):
    corpus: Corpus = write_corpus(tmp_path / "step", 3)
    step = Project(tmp_path / "step")
    build(step, strict=True)
    write(step.root, corpus.article()[1])
    write(step.root, corpus.entity_files())
    ds, _ = build(step, strict=True)
    assert ds.validated >= 1 and not ds.kept
    whole = tmp_path / "whole"
    shutil.copytree(step.root, whole, ignore=shutil.ignore_patterns("build"))
    build(Project(whole), strict=True)
    added, full = set_files(step), set_files(Project(whole))
    assert set(added) >= set(OUTPUTS) | {"kg.parts.json"}
    assert added == full


def test_an_edited_article_s_old_graphs_leave_the_persistent_store(tmp_path, monkeypatch):
    import kg.persistent

    write_corpus(tmp_path / "c", 3)
    project = Project(tmp_path / "c")
    build(project, strict=True)
    location = project.build / "oxigraph"
    first = open_persistent(project.dataset, location)
    folder = first.folder
    claims = project.data / "articles" / "synthetic-000001" / "claims.trig"
    graph = ox.NamedNode("https://w3id.org/cdkg/claim/synthetic-000001/")
    old = {q.graph_name for q in first.store if q.graph_name.value.startswith(graph.value)}
    assert old
    del first
    # the article's claims renamed: each claim graph under a new name
    text = claims.read_text(encoding="utf-8")
    renamed = text.replace("claim/synthetic-000001/", "claim/synthetic-000001/edited-")
    assert renamed != text
    claims.write_text(renamed, encoding="utf-8")
    build(project, strict=True)

    def whole(*args):
        raise AssertionError("the store was loaded whole, not updated")

    monkeypatch.setattr(kg.persistent, "_load", whole)
    opened = open_persistent(project.dataset, location)
    assert opened.folder != folder  # a new store, switched to
    graphs = {q.graph_name for q in opened.store}
    assert not old & graphs, "the edited article's old claim graphs are gone"
    assert any(g.value.startswith(graph.value + "edited-") for g in graphs if isinstance(g, ox.NamedNode))
    assert set(opened.store) == loaded(project.build / "kg.trig")
    # the marker names the set's parts: the next set's store can be updated from this one
    manifest = json.loads((project.dataset.resolve().parent / "kg.parts.json").read_text())
    assert json.loads((opened.folder / MARKER).read_text())["parts"] == manifest["parts"]


def test_the_persistent_store_is_loaded_whole_when_a_part_is_missing(tmp_path):
    write_corpus(tmp_path / "c", 2)
    project = Project(tmp_path / "c")
    build(project, strict=True)
    open_persistent(project.dataset, project.build / "oxigraph")
    text = next((project.data / "articles" / "synthetic-000000").glob("*.txt"))
    text.write_text(text.read_text(encoding="utf-8") + " Une phrase ajoutée.", encoding="utf-8")
    build(project, strict=True)
    shutil.rmtree(project.build / "cache" / "parts")  # the parts the update would read
    opened = open_persistent(project.dataset, project.build / "oxigraph")
    assert set(opened.store) == loaded(project.build / "kg.trig")
    assert "parts" in json.loads((opened.folder / MARKER).read_text())  # and the next one can be updated


def test_a_change_to_the_validator_s_code_invalidates_every_verdict(tmp_path, monkeypatch):
    import kg.build.validate as validate

    module = tmp_path / "code" / "extra_rule.py"  # a module of the validator, as far as the cache knows
    module.parent.mkdir()
    module.write_text("LIMIT = 1\n", encoding="utf-8")
    monkeypatch.syspath_prepend(str(module.parent))
    monkeypatch.setattr(validate, "VALIDATOR_MODULES", (*validate.VALIDATOR_MODULES, "extra_rule"))
    write_corpus(tmp_path / "c", 2)
    project = Project(tmp_path / "c")
    last = project.build / "cache" / "last-build.json"
    assert build(project, strict=True)[0].validated == 3  # two articles and the rest
    last.unlink()  # not the whole build's stamp: each verdict's own key decides
    assert build(project, strict=True)[0].validated == 0
    module.write_text("LIMIT = 2\n", encoding="utf-8")
    last.unlink()
    assert build(project, strict=True)[0].validated == 3


def test_an_article_added_parses_no_unchanged_article(tmp_path, monkeypatch):
    """Issue 19: an unchanged article is keyed, validated and written by the digests and bytes its cache entry keeps;
    adding one more article reads none of the others' quads (so its cost does not grow with the corpus)."""
    from kg.build.assemble import CachedArticle

    corpus: Corpus = write_corpus(tmp_path / "c", 3)
    project = Project(tmp_path / "c")
    build(project, strict=True)
    parsed: list[str] = []
    load = CachedArticle._load

    def counted(self):
        if not self.loaded:
            parsed.append(self._folder.name)
        return load(self)

    monkeypatch.setattr(CachedArticle, "_load", counted)
    write(project.root, corpus.article()[1])
    write(project.root, corpus.entity_files())
    ds, _ = build(project, strict=True)
    assert ds.validated >= 1 and not ds.kept
    assert parsed == []
    # the dataset the build returns still reads every article when asked
    docs = {q.subject.value for q in ds.quads if q.predicate.value == "https://w3id.org/cdkg/ontology#text"}
    assert len(docs) == 4 and sorted(parsed) == [f"synthetic-{k:06d}" for k in range(3)]
