"""kg ingest --force and the review writers of the same article (issue 20): the replacement waits for a decision
being saved, and no decision is written into the folder it replaces."""

from __future__ import annotations

import threading
import time
from pathlib import Path

import pyoxigraph as ox

from kg import namespaces as ns
from kg.ingest import IngestOptions, ingest, load_context
from kg.review import Session

from conftest import ROOT, copy_of_project

CANNES = ROOT / "eval" / "dev" / "fr-ma-fr-cannes-cinema" / "fr-ma-fr-cannes-cinema.fr.txt"


def options(**kw) -> IngestOptions:
    return IngestOptions(publisher="organization:cdkg-project", issued="2024-05-18", now="2026-11-25T18:00:00Z",
                         article_id="cannes", **kw)


def test_ingest_force_waits_for_a_review_write_on_the_same_article(tmp_path: Path):
    proj = copy_of_project(tmp_path / "p")
    ctx = load_context(proj)
    folder = ingest(CANNES, options(), proj, ctx).folder
    s = Session(proj, "cannes", "Ada")
    first = s.list()[0]
    replaced = threading.Event()
    errors: list[BaseException] = []

    def replace() -> None:
        try:
            ingest(CANNES, options(force=True), proj, ctx)
            replaced.set()
        except BaseException as e:  # said by the test
            errors.append(e)

    with s._locked():  # a decision being saved on the page: read, changed, written under the writers' lock
        doc, _ = s.read()
        thread = threading.Thread(target=replace)
        thread.start()
        deadline = time.monotonic() + 60
        # the new version is staged beside the article, whole; then the swap must wait for the lock
        while not any(p.name.startswith(".cannes.") for p in folder.parent.iterdir()) and not replaced.is_set():
            assert time.monotonic() < deadline, "kg ingest --force never reached its swap"
            time.sleep(0.02)
        time.sleep(1.0)
        assert not replaced.is_set(), "the article was replaced while a review write held its lock"
        s._set_reviews(doc, {first.iri: "accepted"}, "2026-11-25T18:30:00Z")
        s._write(doc, what="accepted")
    thread.join(60)
    assert not errors and replaced.is_set()
    # the replacement came after the decision: the new claims are all pending, whole, and nothing is left beside
    quads = list(ox.parse((folder / "claims.trig").read_bytes(), format=ox.RdfFormat.TRIG))
    reviews = {q.object.value for q in quads if q.predicate.value == ns.CD + "reviewStatus"}
    assert reviews == {ns.REVIEW + "pending"}
    assert sorted(p.name for p in folder.parent.iterdir() if p.name.startswith(".")) == []
