"""Bad input: a clear error naming file, line and what is wrong; a non-zero exit; build/ untouched."""

from pathlib import Path

import pytest

from kg.build import assemble, build
from kg.cli import main
from kg.errors import EXIT_INVALID, EXIT_SYNTAX, KgError

from conftest import MINI_CLAIMS, make_mini_project, write


def run_cli(root: Path, *args: str, monkeypatch) -> int:
    monkeypatch.setenv("KG_ROOT", str(root))
    return main(list(args))


def test_the_mini_project_builds(mini):
    ds, written = build(mini)
    assert all(path.exists() for path in written)
    assert len(ds.quads) > 0


def test_malformed_turtle_names_file_line_and_column(mini, monkeypatch, capsys):
    claims = mini.root / "data/articles/mini/claims.trig"
    write(claims, MINI_CLAIMS.replace("cd:status status:proposed ;", "cd:status status:proposed ;;; ]"))
    assert run_cli(mini.root, "build", "--strict", monkeypatch=monkeypatch) == EXIT_SYNTAX
    err = capsys.readouterr().err
    line = next(i for i, text in enumerate(claims.read_text().splitlines(), 1) if ";;; ]" in text)
    assert f"{claims}:{line}:" in err and "syntax error" in err
    # without --strict the article is left out, said the same way, and the rest is built
    assert run_cli(mini.root, "build", monkeypatch=monkeypatch) == 0
    err = capsys.readouterr().err
    assert f"quarantined: {claims}:{line}:" in err and "1 article(s) left out of the build" in err


def test_an_unknown_term_is_named_with_its_line(mini, monkeypatch, capsys):
    claims = mini.root / "data/articles/mini/claims.trig"
    write(claims, MINI_CLAIMS.replace("cd:party state:alpha", "cd:partie state:alpha"))
    assert run_cli(mini.root, "validate", monkeypatch=monkeypatch) == EXIT_INVALID
    err = capsys.readouterr().err
    line = next(i for i, text in enumerate(claims.read_text().splitlines(), 1) if "cd:partie" in text)
    assert f"{claims}:{line}: check terms-declared" in err
    assert "term=cd:partie" in err and "did you mean cd:party" in err


def test_a_missing_quote_names_the_claim_and_the_quote(tmp_path):
    project = make_mini_project(tmp_path, claims=MINI_CLAIMS.replace("signent un accord", "signeront un accord"))
    with pytest.raises(KgError) as e:
        assemble(project)
    message = str(e.value)
    assert "claims.trig:" in message
    assert "claim mini:signed" in message
    assert "'Alpha et Bêta signeront un accord culturel'" in message
    assert "not in the text" in message and "nearest passage" in message


def test_an_ambiguous_quote_is_refused(tmp_path):
    project = make_mini_project(tmp_path, claims=MINI_CLAIMS.replace(
        '"Une exposition commune a été proposée"', '"Un"'))
    with pytest.raises(KgError, match=r"occurs \d+ times"):
        assemble(project)


def test_a_claim_without_evidence_is_refused(tmp_path):
    claims = MINI_CLAIMS.replace('claim:proposed cd:evidence "Une exposition commune a été proposée" ;',
                                 "claim:proposed")
    with pytest.raises(KgError, match="has no cd:evidence quote"):
        assemble(make_mini_project(tmp_path, claims=claims))


def test_evidence_for_a_graph_that_does_not_exist_is_refused(tmp_path):
    claims = MINI_CLAIMS + '\nclaim:ghost cd:evidence "Un accord." .\n'
    with pytest.raises(KgError, match="neither a claim graph of that name"):
        assemble(make_mini_project(tmp_path, claims=claims))


def test_an_unchecked_wikidata_identifier_is_refused(mini):
    links = write(mini.root / "data/links/wikidata.ttl", """\
        @prefix owl: <http://www.w3.org/2002/07/owl#> .
        <https://w3id.org/cdkg/id/state/alpha> owl:sameAs <http://www.wikidata.org/entity/Q61513> .
        """)
    with pytest.raises(KgError) as e:
        assemble(mini)
    assert f"{links}:2: Q61513 is not in wikidata-ids.tsv" in str(e.value)


def outputs_of(project) -> dict[str, bytes]:
    """Every file under build/ but the validation cache, by name, with its bytes (links followed)."""
    return {str(p.relative_to(project.build)): p.read_bytes() for p in sorted(project.build.rglob("*"))
            if p.is_file() and "cache" not in p.relative_to(project.build).parts}


def test_a_failed_build_keeps_the_previous_complete_build(mini, monkeypatch):
    build(mini)
    before = outputs_of(mini)
    write(mini.root / "data/articles/mini/claims.trig", MINI_CLAIMS.replace("cd:party", "cd:partie"))
    assert run_cli(mini.root, "build", "--strict", monkeypatch=monkeypatch) == EXIT_INVALID
    assert outputs_of(mini) == before  # same files, same bytes, no temporaries
