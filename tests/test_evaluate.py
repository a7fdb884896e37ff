"""make eval (kg.ingest.evaluate): every article of a split ingested against the project's graph without
its own claims (no leakage), scored strictly, dev and test apart."""

from __future__ import annotations

import io
from pathlib import Path

import pyoxigraph as ox
import pytest

from kg import namespaces as ns
from kg.errors import KgError
from kg.ingest import load_context
from kg.ingest.evaluate import context_without, corpus, run, without_article
from kg.project import Project
from kg.rdfio import parse_file

ROOT = Path(__file__).resolve().parent.parent
SEED = "kz-fr-culture-agreements"
SEED_CLAIMS = ROOT / "data" / "articles" / SEED / "claims.trig"


@pytest.fixture(scope="module")
def context():
    return load_context(Project(ROOT))


def quotations() -> set[str]:
    return {q.object.value for q in parse_file(SEED_CLAIMS) if q.predicate.value == ns.CD + "quotation"}


def test_the_graph_without_the_seed_does_not_hold_its_quotations(context):
    quotes = quotations()
    assert quotes
    literals = {q.object.value for q in context.quads if isinstance(q.object, ox.Literal)}
    assert quotes <= literals  # the project's graph holds them: what leaked before
    kept = without_article(context.quads, SEED)
    left = {q.object.value for q in kept if isinstance(q.object, ox.Literal)}
    assert not quotes & left
    assert not any(q.graph_name.value.startswith(ns.CLAIM + SEED + "/") for q in kept
                   if not isinstance(q.graph_name, ox.DefaultGraph))
    assert not any(q.subject.value == ns.document(SEED) for q in kept)
    assert len(kept) < len(context.quads)


def test_what_only_the_seed_introduced_goes_and_what_others_name_stays(context):
    doc = ns.document(SEED)
    introduced = {q.subject.value for q in context.quads
                  if q.predicate.value == ns.CD + "firstMetIn" and q.object.value == doc}
    named_elsewhere = {t.value for q in context.quads if not isinstance(q.graph_name, ox.DefaultGraph)
                       and (q.graph_name.value.startswith(ns.CONTEXT) or (q.graph_name.value.startswith(ns.CLAIM)
                            and not q.graph_name.value.startswith(ns.CLAIM + SEED + "/")))
                       for t in (q.subject, q.object)}
    kept = {t.value for q in without_article(context.quads, SEED) for t in (q.subject, q.object)}
    assert introduced - named_elsewhere, "the seed introduces entities of its own"
    assert not (introduced - named_elsewhere) & kept
    assert (introduced & named_elsewhere) <= kept


def test_an_article_the_graph_never_read_keeps_the_whole_context(context):
    assert context_without(context, "an-article-nobody-ingested") is context
    assert len(context_without(context, SEED).quads) < len(context.quads)


def test_a_missing_or_empty_split_is_an_error_naming_it(tmp_path):
    with pytest.raises(KgError, match="nope"):
        corpus(Project(ROOT), tmp_path / "nope")
    (tmp_path / "dev").mkdir()
    with pytest.raises(KgError, match=str(tmp_path / "dev")):
        corpus(Project(ROOT), tmp_path / "dev")


def test_the_seed_row_of_a_manifest_joins_the_split(tmp_path):
    split = tmp_path / "dev"
    split.mkdir()
    (tmp_path / "corpus.toml").write_text(
        f'[[article]]\nsplit = "dev"\nfolder = "data/articles/{SEED}"\ngold = "data/articles/{SEED}/claims.trig"\n'
        f'[[article]]\nsplit = "test"\nfolder = "data/articles/{SEED}"\ngold = "data/articles/{SEED}/claims.trig"\n',
        encoding="utf-8")
    assert [a.id for a in corpus(Project(ROOT), split)] == [SEED]
    assert [a.id for a in corpus(Project(ROOT), ROOT / "eval" / "dev")].count(SEED) == 1


@pytest.fixture(scope="module")
def seed_evaluation(tmp_path_factory):
    folder = tmp_path_factory.mktemp("split") / "dev"
    folder.mkdir()
    (folder / "corpus.toml").write_text(
        f'[[article]]\nfolder = "data/articles/{SEED}"\ngold = "data/articles/{SEED}/claims.trig"\nissued = "2024"\n',
        encoding="utf-8")
    out = tmp_path_factory.mktemp("drafts")
    report = io.StringIO()
    totals = run(Project(ROOT), folder, out, report)
    return totals, report.getvalue(), out / SEED / "claims.trig"


def test_the_seed_is_ingested_without_knowing_its_own_answers(seed_evaluation):
    _, report, draft = seed_evaluation
    gold_things = {q.subject.value for q in parse_file(SEED_CLAIMS) if q.predicate.value == ns.RDF + "type"
                   and not isinstance(q.graph_name, ox.DefaultGraph) and q.subject.value.startswith(
                       (ns.ID + "agreement/", ns.ID + "initiative/", ns.ID + "statement/"))}
    drafted = {q.subject.value for q in parse_file(draft)}
    assert gold_things and not gold_things & drafted, report


def test_the_report_names_the_split_the_effort_and_the_strict_f1_last(seed_evaluation):
    totals, report, _ = seed_evaluation
    lines = report.strip().splitlines()
    assert lines[-1].startswith("overall F1 (dev, strict): ") and "review effort" in lines[-1]
    assert "the rules were tuned on these" in report and "unseen" not in report
    assert f"review effort per article (dev): {SEED} " in report
    assert sum(len(s.false_signed) for s in totals.values()) == 0, report
    assert sum(len(s.evidence_missing) for s in totals.values()) == 0, report


@pytest.fixture(scope="module")
def dev_evaluation(tmp_path_factory):
    report = io.StringIO()
    totals = run(Project(ROOT), ROOT / "eval" / "dev", tmp_path_factory.mktemp("dev"), report)
    return totals, report.getvalue()


def test_on_the_dev_split_nothing_unsigned_is_extracted_as_signed_and_every_quote_is_in_the_text(dev_evaluation):
    totals, report = dev_evaluation
    assert sum(len(s.false_signed) for s in totals.values()) == 0, report
    assert sum(len(s.evidence_missing) for s in totals.values()) == 0, report
    assert "==== dev fr:" in report and "==== dev en:" in report


def test_drafts_already_made_are_scored_again_without_ingesting(seed_evaluation, tmp_path):
    totals, _, draft = seed_evaluation
    folder = tmp_path / "dev"
    folder.mkdir()
    (folder / "corpus.toml").write_text(
        f'[[article]]\nfolder = "data/articles/{SEED}"\ngold = "data/articles/{SEED}/claims.trig"\n', encoding="utf-8")
    report = io.StringIO()
    again = run(Project(ROOT), folder, draft.parent.parent, report, rescore=True)
    assert "scored again" in report.getvalue()
    assert again["fr"].overall.f1 == totals["fr"].overall.f1 and again["fr"].effort == totals["fr"].effort
    with pytest.raises(KgError, match="no draft"):
        run(Project(ROOT), folder, tmp_path / "none", io.StringIO(), rescore=True)
