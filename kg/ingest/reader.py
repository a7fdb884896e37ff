"""Reading an article: bytes → text (UTF-8 or a given encoding), HTML → its main text."""

from __future__ import annotations

import os
import re
import stat
from html.parser import HTMLParser
from pathlib import Path

from kg.errors import EXIT_SYNTAX, KgError, Problem
from kg.provenance import text_problem

# Beyond this the rules still work, but a "short article" pipeline is not the tool: say so.
MAX_BYTES = 2_000_000

# UTF-8 read as cp1252 or Latin-1: "é" becomes "Ã©", "’" becomes "â€™" (a capital A-tilde or a-circumflex followed
# by a character of the upper half of Latin-1 or cp1252's punctuation, which no French or English word has)
MOJIBAKE = re.compile(r"[ÃÂ][\u0080-\u00bf\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc\u2013\u2014"
                      r"\u2018-\u201e\u2020-\u2022\u2026\u2030\u2039\u203a\u20ac\u2122]|â€")

# Elements whose content is never article text.
_SKIP = {"script", "style", "noscript", "template", "svg", "nav", "header", "footer", "aside", "form", "iframe",
         "button", "select", "head", "figure", "menu"}
_BLOCK = {"p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "blockquote", "div", "section", "article", "br", "tr",
          "title", "main", "td", "dd", "dt", "pre"}
_VOID = {"br", "img", "hr", "meta", "link", "input", "source", "wbr", "area", "base", "col", "embed", "param",
         "track"}


def _kind(mode: int) -> str | None:
    """What a path is when it is not a regular file (a pipe would block the read, a device never ends)."""
    if stat.S_ISREG(mode):
        return None
    return ("a folder" if stat.S_ISDIR(mode) else "a named pipe (FIFO)" if stat.S_ISFIFO(mode)
            else "a device" if stat.S_ISCHR(mode) or stat.S_ISBLK(mode) else "a socket" if stat.S_ISSOCK(mode)
            else "not a regular file")


def check_file(path: Path) -> None:
    """Refuse at once what kg ingest cannot read: a missing path, a folder, a pipe, a device."""
    try:
        mode = path.stat().st_mode
    except OSError as e:
        raise KgError(Problem(f"cannot read: {e.strerror}", path), EXIT_SYNTAX) from None
    if kind := _kind(mode):
        raise KgError(Problem(f"{kind}, not a text or HTML file: kg ingest reads regular files only", path),
                      EXIT_SYNTAX)


def read_bytes(path: Path) -> bytes:
    """The file's bytes, read up to the limit and no further (a file growing while read stays capped)."""
    check_file(path)
    try:
        # O_NONBLOCK: should the path have become a pipe since it was checked, open does not wait for a writer
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
    except OSError as e:
        raise KgError(Problem(f"cannot read: {e.strerror}", path), EXIT_SYNTAX) from None
    with os.fdopen(fd, "rb") as f:
        if kind := _kind(os.fstat(f.fileno()).st_mode):
            raise KgError(Problem(f"{kind}, not a text or HTML file: kg ingest reads regular files only", path),
                          EXIT_SYNTAX)
        try:
            data = f.read(MAX_BYTES + 1)
        except OSError as e:
            raise KgError(Problem(f"cannot read: {e.strerror}", path), EXIT_SYNTAX) from None
    if len(data) > MAX_BYTES:
        size = path.stat().st_size
        raise KgError(Problem(f"{size:,} bytes: kg ingest reads articles up to {MAX_BYTES:,} bytes; "
                              "split a longer text into articles", path), EXIT_SYNTAX)
    return data


def decode(data: bytes, path: Path, encoding: str | None = None) -> str:
    """The text of the file; a clear error for binary or non-UTF-8 input (use --encoding)."""
    if b"\x00" in data[:8192]:
        raise KgError(Problem("this looks like a binary file (NUL bytes), not a text or HTML article", path),
                      EXIT_SYNTAX)
    try:
        text = data.decode(encoding or "utf-8")
    except LookupError:
        raise KgError(Problem(f"unknown encoding {encoding!r}", path), EXIT_SYNTAX) from None
    except UnicodeDecodeError as e:
        line = data[: e.start].count(b"\n") + 1
        hint = "" if encoding else " (give its encoding with --encoding, e.g. --encoding cp1252)"
        raise KgError(Problem(f"not valid {encoding or 'UTF-8'} at byte {e.start}{hint}", path, line),
                      EXIT_SYNTAX) from None
    text = text.removeprefix("\ufeff")
    if not text.strip():
        raise KgError(Problem("the article is empty", path), EXIT_SYNTAX)
    if encoding and not _utf8(encoding) and not data.isascii():
        try:
            data.decode("utf-8")
        except UnicodeDecodeError:
            pass
        else:  # accented text in another encoding is almost never valid UTF-8: this file is UTF-8
            sample = next((w for w in text.split() if not w.isascii()), "")
            raise KgError(Problem(f"this file is UTF-8: read as {encoding} its accents would be stored garbled "
                                  f"({sample!r}); leave --encoding out", path), EXIT_SYNTAX)
    if m := MOJIBAKE.search(text):
        line = text.count("\n", 0, m.start()) + 1
        word = re.search(r"\S*$", text[:m.start()]).group(0) + re.match(r"\S*", text[m.start():]).group(0)
        raise KgError(Problem(f"garbled accents ({word!r}): the text was saved as UTF-8 from a wrong reading "
                              "(mojibake); save it again from the original", path, line), EXIT_SYNTAX)
    return text


def _utf8(encoding: str) -> bool:
    return encoding.lower().replace("_", "-") in ("utf-8", "utf8")


class _MainText(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skipping: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _VOID:
            if tag == "br":
                self.parts.append("\n")
            return
        if self.skipping or tag in _SKIP:
            self.skipping.append(tag)
        elif tag in _BLOCK:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if self.skipping:
            if tag in self.skipping:
                while self.skipping and self.skipping.pop() != tag:
                    pass
            return
        if tag in _BLOCK:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self.skipping:
            self.parts.append(data)


def html_to_text(html: str) -> str:
    """The article's text from an HTML page: scripts, styles, navigation, headers and footers dropped;
    one paragraph per line, blank lines between, whitespace inside a paragraph collapsed."""
    parser = _MainText()
    parser.feed(html)
    parser.close()
    paragraphs = [re.sub(r"\s+", " ", p).strip() for p in "".join(parser.parts).split("\n")]
    # boilerplate lines are short and link-like; keep paragraphs with words, and headings
    kept = [p for p in paragraphs if p and (len(p.split()) >= 3 or p.endswith((".", "»", '"')))]
    return "\n\n".join(dict.fromkeys(kept)) + "\n" if kept else ""


def read_article(path: Path, html: bool = False, encoding: str | None = None) -> tuple[str, bytes]:
    """(text to analyse, bytes to store). A text file is stored byte for byte; HTML is stored as the
    text extracted from it (UTF-8), since the claims' evidence must be found in the stored text."""
    data = read_bytes(path)
    text = decode(data, path, encoding)
    if html or path.suffix.lower() in (".html", ".htm"):
        text = html_to_text(text)
        if not text.strip():
            raise KgError(Problem("no article text in this HTML page (only scripts, navigation or markup)", path),
                          EXIT_SYNTAX)
        stored = text.encode("utf-8")
    elif encoding and not _utf8(encoding):
        stored = text.encode("utf-8")  # stored as UTF-8, as the authoring format requires
    else:
        stored = data
    # refused now, in the build's own words, if the build would refuse the stored text (BOM, CR, NFD)
    if problem := text_problem(stored.decode("utf-8")):
        raise KgError(Problem(problem, path), EXIT_SYNTAX)
    return text, stored
