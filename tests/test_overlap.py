"""eval/overlap.py: the measure that keeps development articles in the project's own words."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

_spec = importlib.util.spec_from_file_location("overlap", Path(__file__).parent.parent / "eval" / "overlap.py")
assert _spec and _spec.loader
overlap = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(overlap)

# a source of my own, in the style of a wire report
SOURCE = ("The ministers of culture of the two countries signed a memorandum of understanding on the exchange of "
          "museum exhibitions and the training of curators at a ceremony held in the capital on Monday, "
          "officials said. "
          "The agreement will run for five years and can be extended by mutual consent of both parties.")
COPIED = "The ministers of culture of the two countries signed a memorandum of understanding on Monday."
QUOTED = ('An official said that "the ministers of culture of the two countries signed a memorandum of '
          'understanding" on Monday.')
PARAPHRASE = ("On Monday both culture ministers put their names to a memorandum covering exhibition swaps and "
              "curator training; it lasts five years, with an extension possible if both sides agree.")


def test_a_copied_sentence_is_caught() -> None:
    r = overlap.overlap(COPIED, SOURCE)
    assert r["longest_run"] >= 8
    assert r["overlap"] > 0.10
    assert overlap.too_close(r)


def test_a_quoted_copy_has_no_run_outside_quotations() -> None:
    r = overlap.overlap(QUOTED, SOURCE)
    assert r["longest_run"] < 8
    assert r["quoted"] == 13
    # the quoted words still count in the 5-word share: quotation excuses the run, not the overlap
    assert r["shared"] > 0


def test_a_paraphrase_passes() -> None:
    r = overlap.overlap(PARAPHRASE, SOURCE)
    assert r["overlap"] <= 0.10 and r["longest_run"] < 8
    assert not overlap.too_close(r)


def test_typography_does_not_hide_a_copy() -> None:
    disguised = COPIED.upper().replace("culture", "cultúre").replace("CULTURE", "CULTÚRE")
    assert overlap.overlap(disguised, SOURCE)["longest_run"] == overlap.overlap(COPIED, SOURCE)["longest_run"]


def test_quotation_marks_stay_aligned_when_folding_drops_a_word() -> None:
    # 北京 folds to nothing: the marks must still fall on the quoted words, not shift onto the copied ones
    text = '北京 北京 "museum exhibitions" The ministers of culture of the two countries signed a memorandum'
    r = overlap.overlap(text, SOURCE)
    assert r["quoted"] == 2
    assert r["longest_run"] >= 8


def test_a_stray_straight_quote_does_not_excuse_the_rest() -> None:
    text = 'A 12" record.\nThe ministers of culture of the two countries signed a memorandum of understanding.'
    assert overlap.overlap(text, SOURCE)["longest_run"] >= 8


def test_ligatures_fold_to_letters() -> None:
    assert overlap.words("cœur Æsop Straße") == ["coeur", "aesop", "strasse"]


def test_cli_exit_status(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = tmp_path / "source.txt"
    source.write_text(SOURCE, encoding="utf-8")
    for name, text, code in (("copy.txt", COPIED, 2), ("own.txt", PARAPHRASE, 0), ("empty.txt", "", 1)):
        (tmp_path / name).write_text(text, encoding="utf-8")
        assert overlap.main([str(tmp_path / name), str(source)]) == code
    assert overlap.main([str(tmp_path / "nope.txt"), str(source)]) == 1
    assert "nope.txt" in capsys.readouterr().err


def test_a_source_in_another_language_is_not_measured(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # a French source of my own: the English paraphrase shares no 5-word sequence with it, which proves nothing
    french = ("Les ministres de la culture des deux pays ont signé lundi un mémorandum d'entente sur l'échange "
              "d'expositions et la formation des conservateurs, lors d'une cérémonie dans la capitale.")
    r = overlap.overlap(PARAPHRASE, french)
    assert r["shared"] == 0 and r["vocabulary"] < overlap.MIN_VOCABULARY
    assert overlap.overlap(PARAPHRASE, SOURCE)["vocabulary"] >= overlap.MIN_VOCABULARY
    (tmp_path / "fr.txt").write_text(french, encoding="utf-8")
    (tmp_path / "en.txt").write_text(PARAPHRASE, encoding="utf-8")
    assert overlap.main([str(tmp_path / "en.txt"), str(tmp_path / "fr.txt")]) == 3
    assert "another language" in capsys.readouterr().err
