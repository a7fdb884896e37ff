"""Issue 21 (reliability): bad input to kg review and its page gives a clear error naming the real file and
line, never a traceback, a hang or a half-written file; ingest leftovers and killed swaps are recovered."""

from __future__ import annotations

import shutil
import socket
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from kg.build import article_folders
from kg.cli import main
from kg.project import Project
from kg.review import MAX_BODY, Session

from conftest import MINI_CLAIMS, MINI_REVIEW, ROOT, make_mini_project, serve_review

ARTICLE = "mini"
# the mini project's two claims, pending with a confidence each (as kg ingest writes them)
PENDING = MINI_CLAIMS.replace(MINI_REVIEW, """ ;
    cd:reviewStatus review:pending ; cd:confidence "0.92"^^xsd:decimal ;
    prov:wasGeneratedBy activity:hand-authoring-mini .""", 1).replace(MINI_REVIEW, """ ;
    cd:reviewStatus review:pending ; cd:confidence "0.55"^^xsd:decimal ;
    prov:wasGeneratedBy activity:hand-authoring-mini .""", 1)


@pytest.fixture
def proj(tmp_path) -> Project:
    return make_mini_project(tmp_path / "proj", claims=PENDING)


def claims_path(project: Project) -> Path:
    return project.data / "articles" / ARTICLE / "claims.trig"


def review(project: Project, monkeypatch, capsys, *argv: str) -> tuple[int, str, str]:
    monkeypatch.setenv("KG_ROOT", str(project.root))
    code = main(["review", ARTICLE, *argv])
    out, err = capsys.readouterr()
    return code, out, err


def review_server(project: Project):
    return serve_review(project, ARTICLE)


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
    assert f"{path}:{line}: " in err and "proposed: cd:confidence 'NaN' is not a number" in err
    assert "signed: cd:confidence" not in err
    assert path.read_bytes() == before


# ---- item 12: the review page's request parsing ---------------------------------------------------------------

def raw_post(server, length: str, body: bytes = b"{}") -> bytes:
    """A POST with a Content-Length as given, the connection left open: a server that waits for the client to
    close would never answer (the socket's timeout fails the test)."""
    with socket.create_connection(("127.0.0.1", server.port), timeout=10) as s:
        s.sendall((f"POST /api/decide HTTP/1.1\r\nHost: 127.0.0.1:{server.port}\r\n"
                   f"X-Review-Token: {server.token}\r\nContent-Type: application/json\r\n"
                   f"Content-Length: {length}\r\n\r\n").encode() + body)
        answer = b""
        while b"\r\n\r\n" not in answer:
            chunk = s.recv(4096)
            if not chunk:
                break
            answer += chunk
        return answer


@pytest.mark.parametrize(("length", "status"), [("abc", b"400"), ("-1", b"400"), ("1e3", b"400"), ("²", b"400"),
                                                (str(MAX_BODY + 1), b"413"), ("99999999999999999999", b"400")])
def test_a_content_length_that_is_not_a_size_is_refused_at_once(proj, capfd, length, status):
    with review_server(proj) as server:
        before = claims_path(proj).read_bytes()
        answer = raw_post(server, length, b'{"ids": ["signed"], "decision": "accepted"}' + b" " * 1000)
        assert answer.startswith(b"HTTP/1.0 " + status) or answer.startswith(b"HTTP/1.1 " + status), answer[:80]
        assert claims_path(proj).read_bytes() == before
        # the server still answers, and logged no traceback
        body = b'{"ids": ["signed"], "decision": "accepted"}'
        assert raw_post(server, str(len(body)), body).split(b" ", 2)[1] == b"200"
    assert "Traceback" not in capfd.readouterr().err
    assert [c.review for c in Session(proj, ARTICLE).list()] == ["accepted", "pending"]


# ---- items 3 and 4: a killed kg ingest --force loses no article; its leftovers are never built ------------------

KILLED_WRITE = r"""
import os, shutil, sys, time
from pathlib import Path
from kg.ingest.writer import Metadata, write_article

folder, what, n = Path(sys.argv[1]), sys.argv[2], int(sys.argv[3])
calls = 0

def killing(real):
    def call(*args, **kwargs):
        global calls
        calls += 1
        if calls == n:
            os._exit(9)  # as kill -9: no except, no finally, no cleanup
        return real(*args, **kwargs)
    return call

if what == "replace":
    os.replace = killing(os.replace)
elif what == "fsync":
    os.fsync = killing(os.fsync)
elif what == "rmtree":
    shutil.rmtree = killing(shutil.rmtree)
elif what == "pause":  # at the n-th fsync, say so and wait to be released (the articles folder locked meanwhile)
    real_fsync = os.fsync

    def pausing(fd):
        global calls
        calls += 1
        if calls == n:
            (folder.parent.parent / "paused").touch()
            while not (folder.parent.parent / "release").exists():
                time.sleep(0.02)
        return real_fsync(fd)

    os.fsync = pausing
meta = Metadata(folder.name, "Alpha et Bêta", "fr", "https://w3id.org/cdkg/id/organization/gazette", "2024-11-05",
                "date")
write_article(folder, meta, "Alpha et Bêta signent un accord culturel. Un accord.".encode(), [], "test", [],
              "2026-11-25T18:00:00Z", force=True)
"""


def killed_ingest(folder: Path, what: str, n: int) -> int:
    """kg ingest --force's write of ``folder``, killed at the n-th call of os.replace, os.fsync or shutil.rmtree."""
    done = subprocess.run([sys.executable, "-c", KILLED_WRITE, str(folder), what, str(n)], capture_output=True,
                          text=True, timeout=120, cwd=ROOT)
    return done.returncode


def hidden(articles: Path) -> list[str]:
    return sorted(p.name for p in articles.iterdir() if p.name.startswith("."))


# (the call the kill falls on, before it runs; whether the replacement was complete and journalled by then)
KILLS = [("fsync", 1, False), ("fsync", 3, False),  # while the new version is written
         ("replace", 1, False),  # before the journal is renamed into place: not committed
         ("replace", 2, True),  # the journal in place, the reviewed article not yet set aside
         ("replace", 3, True),  # the reviewed article set aside, the new one not yet in place (the audit's case)
         ("rmtree", 1, True)]  # the new one in place, the set-aside and the journal not removed


@pytest.mark.parametrize(("what", "n", "replaced"), KILLS, ids=[f"{w}-{n}" for w, n, _ in KILLS])
def test_a_killed_ingest_force_is_finished_or_undone_by_the_next_build(tmp_path, monkeypatch, capsys, what, n,
                                                                         replaced):
    project = make_mini_project(tmp_path / "p")
    articles = project.data / "articles"
    assert killed_ingest(articles / "mini", what, n) == 9
    assert hidden(articles)  # the kill left something behind …
    assert [f.name for f in article_folders(project)] == (["mini"] if (articles / "mini").exists() else [])
    monkeypatch.setenv("KG_ROOT", str(project.root))
    assert main(["build", "--strict"]) == 0  # … which the next command finishes or undoes
    err = capsys.readouterr().err
    assert "recovered: " in err and "quarantined" not in err
    assert hidden(articles) == [] and [p.name for p in articles.iterdir()] == ["mini"]
    claims = (articles / "mini" / "claims.trig").read_text(encoding="utf-8")
    assert ("Claims proposed by kg ingest" in claims) == replaced  # the whole new version, or the whole old one
    assert ('"tester"' in claims) == (not replaced)
    assert main(["export", "--format", "nq"]) == 0  # kg build writes kg.trig; N-Quads on demand
    assert "<https://w3id.org/cdkg/doc/mini>" in (project.build / "kg.nq").read_text(encoding="utf-8")


def test_kg_review_finds_an_article_a_killed_swap_had_set_aside(tmp_path, monkeypatch, capsys):
    project = make_mini_project(tmp_path / "p")
    articles = project.data / "articles"
    assert killed_ingest(articles / "mini", "replace", 3) == 9
    assert not (articles / "mini").exists()  # the state the audit found: only in .mini.<rnd>.old
    monkeypatch.setenv("KG_ROOT", str(project.root))
    assert main(["review", "mini", "--list", "--reviewer", "Ada"]) == 0
    err = capsys.readouterr().err
    assert "recovered: " in err and hidden(articles) == []


def test_leftovers_of_an_older_ingest_are_not_built_and_are_cleaned_up(tmp_path, monkeypatch, capsys):
    project = make_mini_project(tmp_path / "p")
    articles = project.data / "articles"
    # what the audit found: a killed ingest's staging copy, and a symlinked article's replaced link
    shutil.copytree(articles / "mini", articles / ".mini.k3j_x9.tmp")
    shutil.copytree(articles / "mini", tmp_path / "elsewhere")
    (articles / ".mini.a8b2c1.old").symlink_to(tmp_path / "elsewhere")
    assert [f.name for f in article_folders(project)] == ["mini"]
    monkeypatch.setenv("KG_ROOT", str(project.root))
    assert main(["build"]) == 0
    err = capsys.readouterr().err
    assert "quarantined" not in err and "removed " in err
    assert [p.name for p in articles.iterdir()] == ["mini"]
    assert (tmp_path / "elsewhere" / "claims.trig").is_file()  # a link's target is never touched
    assert main(["export", "--format", "nq"]) == 0  # kg build writes kg.trig; N-Quads on demand
    assert "<https://w3id.org/cdkg/doc/mini>" in (project.build / "kg.nq").read_text(encoding="utf-8")


def test_force_over_a_symlinked_article_leaves_no_link_behind(tmp_path):
    project = make_mini_project(tmp_path / "p")
    articles = project.data / "articles"
    shutil.move(articles / "mini", tmp_path / "elsewhere")
    (articles / "mini").symlink_to(tmp_path / "elsewhere")
    assert killed_ingest(articles / "mini", "none", 0) == 0
    assert [p.name for p in articles.iterdir()] == ["mini"] and not (articles / "mini").is_symlink()
    assert (tmp_path / "elsewhere" / "claims.trig").is_file()


# ---- minor: each claim reported at its own line; errors name the real file, never a temporary -------------------

def test_claims_sharing_the_words_of_their_quotes_are_each_reported_at_their_own_line(tmp_path):
    from kg.build import build
    from kg.errors import KgError

    from conftest import MINI_CLAIMS, MINI_REVIEW

    shared = "Alpha et Bêta signent un accord culturel pour"  # 40 characters and more in common, then not found
    extra = "".join(f"""
claim:also-{i} {{
    agreement:accord a cd:Agreement ; cd:status status:signed .
}}
claim:also-{i} cd:evidence "{shared} la {i}e fois\"""" + MINI_REVIEW for i in (1, 2, 3))
    project = make_mini_project(tmp_path / "p", claims=MINI_CLAIMS + extra)
    path = project.data / "articles" / "mini" / "claims.trig"
    lines = path.read_text(encoding="utf-8").splitlines()
    own = {i: next(n for n, t in enumerate(lines, start=1) if f"la {i}e fois" in t) for i in (1, 2, 3)}
    with pytest.raises(KgError) as failed:
        build(project, strict=True)
    found = {p.line for p in failed.value.problems if p.path == path and "la " in p.message and "e fois" in p.message}
    assert found == set(own.values())


def test_an_ingest_that_cannot_write_names_the_article_not_its_staging_folder(tmp_path, monkeypatch):
    import errno
    import tempfile

    from kg.errors import KgError
    from kg.ingest import writer

    def refused(prefix, suffix, dir):  # as on a read-only folder: the error names the temporary it tried
        raise PermissionError(errno.EACCES, "Permission denied", str(Path(dir) / f"{prefix}x1y2z3{suffix}"))

    monkeypatch.setattr(tempfile, "mkdtemp", refused)
    meta = writer.Metadata("fresh", "Alpha", "fr", "https://w3id.org/cdkg/id/organization/gazette", "2024", "gYear")
    with pytest.raises(KgError) as failed:
        writer.write_article(tmp_path / "fresh", meta, b"Alpha.", [], "test", [], "2026-11-25T18:00:00Z")
    message = str(failed.value)
    assert message.startswith(f"{tmp_path / 'fresh'}: cannot write") and ".tmp" not in message
    assert "nothing was changed" in message and list(tmp_path.iterdir()) == []


def test_a_body_nested_too_deep_short_or_stalled_is_refused_without_a_traceback(proj, capfd, monkeypatch):
    from kg import review

    monkeypatch.setattr(review._Handler, "timeout", 1)
    with review_server(proj) as server:
        deep = b"[" * 30000 + b"]" * 30000
        assert raw_post(server, str(len(deep)), deep).split(b" ", 2)[1] == b"400"
        # announced 100 bytes, sent 10, then nothing (the connection stays open): answered, not waited on forever
        assert raw_post(server, "100", b'{"ids": []').split(b" ", 2)[1] == b"408"
    assert "Traceback" not in capfd.readouterr().err


def test_a_command_run_while_an_ingest_writes_waits_and_never_removes_its_staging(tmp_path):
    import time

    from kg.ingest.writer import recover

    project = make_mini_project(tmp_path / "p")
    articles = project.data / "articles"
    writer = subprocess.Popen([sys.executable, "-c", KILLED_WRITE, str(articles / "mini"), "pause", "2"], cwd=ROOT)
    try:
        deadline = time.monotonic() + 60
        while not (project.data / "paused").exists():
            assert writer.poll() is None and time.monotonic() < deadline
            time.sleep(0.02)
        staging = [p for p in articles.iterdir() if p.name.endswith(".tmp")]
        assert len(staging) == 1  # the ingest is writing its new version
        recovered: list[str] = []
        other = threading.Thread(target=lambda: recovered.extend(recover(articles)))
        other.start()
        other.join(1.0)
        assert other.is_alive() and staging[0].is_dir()  # it waits for the ingest; it does not take its staging
        (project.data / "release").touch()
        assert writer.wait(60) == 0
        other.join(60)
    finally:
        (project.data / "release").touch()
        writer.wait(60)
    assert recovered == [] and hidden(articles) == []
    assert "Claims proposed by kg ingest" in (articles / "mini" / "claims.trig").read_text(encoding="utf-8")


def test_a_journal_that_cannot_be_read_is_named_and_the_build_goes_on(tmp_path, monkeypatch, capsys):
    project = make_mini_project(tmp_path / "p")
    journal = project.data / "articles" / ".mini.swap.json"
    journal.write_text("{not json", encoding="utf-8")
    monkeypatch.setenv("KG_ROOT", str(project.root))
    assert main(["build"]) == 0
    err = capsys.readouterr().err
    assert f"{journal}: the journal of an interrupted kg ingest --force cannot be read" in err
    assert "quarantined" not in err and journal.exists()  # left for a person to look at
