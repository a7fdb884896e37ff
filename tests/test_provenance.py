"""Evidence selectors: where a quote is, in code points, and clear errors when it is not there once."""

import pytest

from kg import namespaces as ns
from kg.provenance import CONTEXT_CHARS, QuoteAmbiguous, QuoteNotFound, evidence_quads, locate

TEXT = "À l’occasion de la visite officielle, une rencontre s’est tenue à Paris. Une rencontre."


def test_offsets_count_code_points_not_bytes():
    sel = locate(TEXT, "la visite officielle")
    assert TEXT[sel.start:sel.end] == "la visite officielle"
    # "À l’occasion de " is 16 code points but 19 UTF-8 bytes
    assert sel.start == 16
    assert sel.end == sel.start + len("la visite officielle")


def test_prefix_and_suffix_are_the_text_around_the_quote_clipped_at_the_edges():
    sel = locate(TEXT, "À l’occasion")
    assert sel.prefix == ""
    assert sel.suffix == TEXT[sel.end:sel.end + CONTEXT_CHARS]
    last = locate(TEXT, "Une rencontre.")
    assert last.suffix == ""
    assert last.prefix == TEXT[last.start - CONTEXT_CHARS:last.start]


def test_a_missing_quote_is_refused_with_the_nearest_passage():
    with pytest.raises(QuoteNotFound, match="nearest passage: 'la visite officielle"):
        locate(TEXT, "la visite officiele, une")


def test_a_straight_apostrophe_is_explained():
    with pytest.raises(QuoteNotFound, match="typographic"):
        locate(TEXT, "À l'occasion")


def test_an_ambiguous_quote_is_refused_with_its_positions():
    with pytest.raises(QuoteAmbiguous, match="occurs 2 times"):
        locate(TEXT, "ne rencontre")


def test_an_empty_quote_is_refused():
    with pytest.raises(QuoteNotFound):
        locate(TEXT, "")


def test_evidence_links_the_claim_to_a_segment_with_both_selectors():
    claim = ns.CLAIM + "doc/fact"
    quads = evidence_quads(claim, ns.DOC + "doc", 1, locate(TEXT, "Paris"), ns.PROVENANCE_GRAPH)
    by_pred = {}
    for q in quads:
        by_pred.setdefault(q.predicate.value, []).append(q)
    assert {q.graph_name.value for q in quads} == {ns.PROVENANCE_GRAPH}
    (derived,) = by_pred[ns.PROV + "wasDerivedFrom"]
    assert derived.subject.value == claim
    assert len(by_pred[ns.OA + "hasSelector"]) == 2
    (exact,) = by_pred[ns.OA + "exact"]
    assert exact.object.value == "Paris"
    starts = by_pred[ns.OA + "start"]
    assert int(starts[0].object.value) == TEXT.index("Paris")
    assert by_pred[ns.OA + "hasBody"][0].object.value == claim
