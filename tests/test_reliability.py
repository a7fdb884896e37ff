"""Issue 21 (reliability): bad input to kg review and its page gives a clear error naming the real file and
line, never a traceback, a hang or a half-written file; ingest leftovers and killed swaps are recovered."""

from __future__ import annotations

import socket

import pytest
from test_review import ARTICLE, claims_path, make_project, review_server
from test_review import run as review

from kg.review import MAX_BODY, Session


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
        answer = raw_post(server, length, b'{"ids": ["agreement-signed"], "decision": "accepted"}' + b" " * 1000)
        assert answer.startswith(b"HTTP/1.0 " + status) or answer.startswith(b"HTTP/1.1 " + status), answer[:80]
        assert claims_path(proj).read_bytes() == before
        # the server still answers, and logged no traceback
        body = b'{"ids": ["agreement-signed"], "decision": "accepted"}'
        assert raw_post(server, str(len(body)), body).split(b" ", 2)[1] == b"200"
    assert "Traceback" not in capfd.readouterr().err
    assert Session(proj, ARTICLE).list()[0].review == "accepted"
