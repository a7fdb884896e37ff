"""Issue 21 (reliability): bad input to kg review and its page gives a clear error naming the real file and
line, never a traceback, a hang or a half-written file; ingest leftovers and killed swaps are recovered."""

from __future__ import annotations

import pytest
from test_review import claims_path, make_project
from test_review import run as review


@pytest.fixture
def proj(tmp_path):
    return make_project(tmp_path / "proj")


# ---- item 11: NaN is not a confidence -----------------------------------------------------------------------

@pytest.mark.parametrize("value", ["nan", "NaN", "-nan", "sNaN", "inf", "-Infinity"])
def test_min_confidence_nan_or_infinite_is_refused(proj, monkeypatch, capsys, value):
    before = claims_path(proj).read_bytes()
    code, _, err = review(proj, monkeypatch, capsys, "--accept-all", f"--min-confidence={value}", "--reviewer", "Ada")
    assert code == 2 and f"--min-confidence {value!r} is not a number" in err and "Traceback" not in err
    assert claims_path(proj).read_bytes() == before


def test_a_nan_confidence_in_the_file_is_named_with_the_claims_own_line(proj, monkeypatch, capsys):
    path = claims_path(proj)
    text = path.read_text(encoding="utf-8").replace('"0.55"^^xsd:decimal', '"NaN"^^xsd:decimal')
    path.write_text(text, encoding="utf-8")
    line = next(n for n, t in enumerate(text.splitlines(), start=1) if '"NaN"' in t)
    before = path.read_bytes()
    code, _, err = review(proj, monkeypatch, capsys, "--accept-all", "--min-confidence", "0.5", "--reviewer", "Ada")
    assert code == 1 and "Traceback" not in err
    assert f"{path}:{line}: " in err and "exhibition-proposed: cd:confidence 'NaN' is not a number" in err
    assert path.read_bytes() == before
