"""kg score: precision, recall and F1 per kind against a reviewed gold, every status error listed;
and on the development corpus, the extraction never turns what is not signed into a signature."""

from __future__ import annotations

import io
import shutil
from pathlib import Path

import pytest

from kg.build import assemble_ontology
from kg.cli import main
from kg.ingest.evaluate import corpus, run
from kg.ingest.vocabulary import read_vocabulary
from kg.project import Project
from kg.score import KINDS, format_score, score

ROOT = Path(__file__).resolve().parent.parent
GOLD = ROOT / "eval" / "dev" / "fr-dz-ir-cooperation"


@pytest.fixture(scope="module")
def vocabulary():
    return read_vocabulary(assemble_ontology(Project(ROOT)))


def copy_gold(tmp_path: Path, replace: dict[str, str] | None = None) -> Path:
    folder = tmp_path / "draft"
    shutil.copytree(GOLD, folder)
    text = (folder / "gold.trig").read_text(encoding="utf-8")
    for old, new in (replace or {}).items():
        assert old in text
        text = text.replace(old, new)
    (folder / "gold.trig").unlink()
    (folder / "claims.trig").write_text(text, encoding="utf-8")
    return folder


def test_the_gold_against_itself_scores_one_everywhere(tmp_path, vocabulary):
    result = score(copy_gold(tmp_path), GOLD, vocabulary)
    for kind in KINDS:
        c = result.counts[kind]
        assert c.fn == 0 and c.fp == 0 and c.f1 == 1.0, kind
    assert result.counts["undertakings"].tp == 6
    assert not result.status_errors and not result.false_signed and not result.evidence_missing


def test_a_wrong_status_is_listed_and_a_false_signature_counted_apart(tmp_path, vocabulary):
    draft = copy_gold(tmp_path, {
        "initiative:national-libraries-twinning a cd:Initiative ;\n        cd:status status:proposed":
        "initiative:national-libraries-twinning a cd:Initiative ;\n        cd:status status:signed"})
    result = score(draft, GOLD, vocabulary)
    c = result.counts["undertakings"]
    assert (c.tp, c.fp, c.fn) == (5, 1, 1)
    assert len(result.status_errors) == 1 and "status:signed where the gold" in result.status_errors[0]
    assert len(result.false_signed) == 1 and "library-twinning-proposed" in result.false_signed[0]
    assert "signed where the gold is not: 1" in format_score(result)


def test_items_match_by_their_words_not_their_names(tmp_path, vocabulary):
    draft = copy_gold(tmp_path, {"person:soraya-mouloudji": "person:s-mouloudji",
                                 "agreement:algeria-iran-cultural-agreement-2002": "agreement:x"})
    result = score(draft, GOLD, vocabulary)
    # the holder is the same person by label; the agreement the same by its evidence
    assert result.counts["tenures"].f1 == 1.0 and result.counts["undertakings"].f1 == 1.0


def test_a_missing_party_and_an_extra_domain_count(tmp_path, vocabulary):
    draft = copy_gold(tmp_path, {"cd:party state:algeria , state:iran ;": "cd:party state:algeria ;",
                                 "cd:domain domain:film ;": "cd:domain domain:film , domain:museums ;"})
    result = score(draft, GOLD, vocabulary)
    assert (result.counts["parties"].tp, result.counts["parties"].fn) == (1, 1)
    assert (result.counts["domains"].tp, result.counts["domains"].fp) == (4, 1)


def test_evidence_not_in_the_text_is_reported(tmp_path, vocabulary):
    draft = copy_gold(tmp_path, {"du mémorandum d'entente dans le domaine du cinéma signé en 2017":
                                 "du mémorandum signé en 2017"})
    assert any("mémorandum signé en 2017" in e for e in score(draft, GOLD, vocabulary).evidence_missing)


def test_cli_score_prints_the_table(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("KG_ROOT", str(ROOT))
    assert main(["score", str(copy_gold(tmp_path)), str(GOLD)]) == 0
    out = capsys.readouterr().out
    assert out.splitlines()[0].split()[:4] == ["kind", "precision", "recall", "F1"]
    assert "status errors: 0" in out


def test_the_corpus_has_at_least_six_development_articles_in_both_languages():
    articles = corpus(Project(ROOT), ROOT / "eval" / "dev")
    languages = [a.language for a in articles]
    assert len(articles) >= 7 and languages.count("en") >= 2 and languages.count("fr") >= 2
    assert any(a.id == "kz-fr-culture-agreements" for a in articles)


@pytest.fixture(scope="module")
def evaluation(tmp_path_factory):
    out = io.StringIO()
    totals = run(Project(ROOT), ROOT / "eval" / "dev", tmp_path_factory.mktemp("eval"), out)
    return totals, out.getvalue()


def test_never_a_proposal_discussion_or_announcement_extracted_as_signed(evaluation):
    totals, report = evaluation
    assert sum(len(s.false_signed) for s in totals.values()) == 0, report


def test_every_extracted_evidence_is_in_the_text(evaluation):
    totals, report = evaluation
    assert sum(len(s.evidence_missing) for s in totals.values()) == 0, report


def test_quotations_get_the_right_speaker(evaluation):
    totals, report = evaluation
    # French only: the English development golds now hold every quotation their texts state, most of which the
    # English rules do not reach yet (issue 18); make eval reports that figure, a test cannot gate on it
    c = totals["fr"].counts["quotations"]
    assert c.f1 >= 0.9, report


def test_make_eval_prints_per_language_tables_and_the_overall_f1_last(evaluation):
    _, report = evaluation
    lines = report.strip().splitlines()
    assert "==== fr:" in report and "==== en:" in report
    assert lines[-1].startswith("overall F1: ")


def test_cli_score_without_draft_and_gold_says_what_it_needs(monkeypatch, capsys):
    monkeypatch.setenv("KG_ROOT", str(ROOT))
    assert main(["score"]) == 2
    assert "DRAFT and GOLD" in capsys.readouterr().err
