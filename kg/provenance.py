"""Evidence: find each quote in the source text and describe it with W3C Web Annotation selectors.

Offsets are Unicode code points into the stored text, end exclusive (``text[start:end] == exact``),
as the Web Annotation model's TextPositionSelector specifies; Python strings index code points.
"""

from __future__ import annotations

import difflib
import unicodedata
from dataclasses import dataclass

import pyoxigraph as ox

from kg import namespaces as ns

CONTEXT_CHARS = 32  # length of oa:prefix and oa:suffix

# Characters a person typing a quote tends to replace; used only to explain a failed match.
_LOOKALIKES = {"’": "'", "‘": "'", "«": '"', "»": '"', "“": '"', "”": '"', "\u00a0": " ", "\u202f": " ",
               "–": "-", "—": "-", "…": "..."}


@dataclass(frozen=True)
class Selection:
    exact: str
    start: int
    end: int
    prefix: str
    suffix: str


class QuoteNotFound(ValueError):
    pass


class QuoteAmbiguous(ValueError):
    pass


def text_problem(text: str) -> str | None:
    """What keeps a stored text from being quoted reliably, said once for the whole file (None if nothing).

    Offsets count code points of the text as stored, and quotes are found by exact comparison: a byte-order
    mark or CR shifts every offset, NUL bytes are not text, and decomposed accents (NFD) never equal the
    precomposed ones (NFC) that keyboards and claim files use.
    """
    found = []
    if text.startswith("\ufeff"):
        found.append("a byte-order mark at the start")
    if "\r" in text:
        found.append(f"CR or CRLF line ends (first on line {text.count(chr(10), 0, text.index(chr(13))) + 1})")
    if "\x00" in text:
        found.append(f"NUL bytes (first at code point {text.index(chr(0))})")
    if not unicodedata.is_normalized("NFC", text):
        first = next(i for i, c in enumerate(text) if unicodedata.combining(c))
        found.append(f"decomposed accents (Unicode NFD, first at code point {first}), so quotes typed with "
                     "precomposed accents are not found")
    if not found:
        return None
    return ("the text must be UTF-8 in Unicode NFC, with LF line ends, no byte-order mark and no NUL bytes; "
            "this one has " + "; ".join(found) + ". Convert it once (e.g. in Python: "
            "unicodedata.normalize('NFC', text.lstrip('\\ufeff')).replace('\\r\\n', '\\n'))")


def locate(text: str, quote: str) -> Selection:
    """The one place where ``quote`` occurs in ``text``; raises if it is absent or not unique."""
    if not quote:
        raise QuoteNotFound("the quote is empty")
    starts = occurrences(text, quote)
    if not starts:
        raise QuoteNotFound(_explain_missing(text, quote))
    if len(starts) > 1:
        raise QuoteAmbiguous(
            f"the quote occurs {len(starts)} times (at code points {', '.join(map(str, starts))}); "
            "lengthen it until it occurs once"
        )
    start = starts[0]
    end = start + len(quote)
    return Selection(
        exact=quote,
        start=start,
        end=end,
        prefix=text[max(0, start - CONTEXT_CHARS):start],
        suffix=text[end:end + CONTEXT_CHARS],
    )


def occurrences(text: str, quote: str) -> list[int]:
    """Where a (non-empty) quote starts in the text, overlapping occurrences included: what ``locate`` counts."""
    found, i = [], text.find(quote)
    while i != -1:
        found.append(i)
        i = text.find(quote, i + 1)
    return found


def _normalise(s: str) -> str:
    return "".join(_LOOKALIKES.get(c, c) for c in s)


def _explain_missing(text: str, quote: str) -> str:
    if _normalise(quote) in _normalise(text):
        return ("the quote is not in the text as typed, but is with typographic characters "
                "(the text uses ’ « » and non-breaking spaces where the quote has ' \" or spaces)")
    matcher = difflib.SequenceMatcher(None, text, quote, autojunk=False)
    m = matcher.find_longest_match(0, len(text), 0, len(quote))
    if m.size >= 8:
        near = text[max(0, m.a - m.b):m.a - m.b + len(quote)]
        return f"the quote is not in the text; nearest passage: {near!r}"
    return "the quote is not in the text"


def evidence_quads(claim: str, source: str, n: int, sel: Selection, graph: str) -> list[ox.Quad]:
    """The claim's n-th piece of evidence as quads in ``graph``.

    The claim graph ``prov:wasDerivedFrom`` a text segment (an ``oa:SpecificResource`` with
    ``oa:hasSource`` and two ``oa:hasSelector``), and an ``oa:Annotation`` links the claim (body)
    to that segment (target), so Web Annotation tools read it too.
    """
    iri = ns.evidence(claim, n)
    g = ox.NamedNode(graph)
    N = ox.NamedNode
    seg, quote, pos, ann = N(iri["segment"]), N(iri["quote"]), N(iri["position"]), N(iri["annotation"])

    def t(s: ox.NamedNode, p: str, o: ox.NamedNode | ox.Literal) -> ox.Quad:
        return ox.Quad(s, N(p), o, g)

    nonneg = N(ns.XSD + "nonNegativeInteger")
    return [
        t(N(claim), ns.PROV + "wasDerivedFrom", seg),
        t(seg, ns.RDF + "type", N(ns.OA + "SpecificResource")),
        t(seg, ns.OA + "hasSource", N(source)),
        t(seg, ns.OA + "hasSelector", quote),
        t(seg, ns.OA + "hasSelector", pos),
        t(quote, ns.RDF + "type", N(ns.OA + "TextQuoteSelector")),
        t(quote, ns.OA + "exact", ox.Literal(sel.exact)),
        t(quote, ns.OA + "prefix", ox.Literal(sel.prefix)),
        t(quote, ns.OA + "suffix", ox.Literal(sel.suffix)),
        t(pos, ns.RDF + "type", N(ns.OA + "TextPositionSelector")),
        t(pos, ns.OA + "start", ox.Literal(str(sel.start), datatype=nonneg)),
        t(pos, ns.OA + "end", ox.Literal(str(sel.end), datatype=nonneg)),
        t(ann, ns.RDF + "type", N(ns.OA + "Annotation")),
        t(ann, ns.OA + "hasBody", N(claim)),
        t(ann, ns.OA + "hasTarget", seg),
        t(ann, ns.OA + "motivatedBy", N(ns.OA + "describing")),
    ]


def excerpt(text: str, start: int, end: int, width: int = 60) -> str:
    """The words at [start:end] in their surroundings, marked ⟦…⟧, for a person to read."""
    before = text[max(0, start - width):start]
    after = text[end:end + width]
    return ("…" if start > width else "") + before + "⟦" + text[start:end] + "⟧" + after + \
        ("…" if end + width < len(text) else "")
