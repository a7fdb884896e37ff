"""A third walk (issue 20's "done when"): an English development text (eval/dev/en-kh-us-cultural-property-mou,
never eval/test/) as `kg ingest` proposed it on 3 December 2026 (tests/fixtures/review-walk-en/: its output kept as
it was), reviewed in Chromium as a person who knows the subject would, without reading RDF; then `kg build --strict`
publishes exactly what was reviewed. What it needs that the earlier walks did not: removing a date the article
does not give (the memorandum dates from 2003, not from the article's day), correcting the words a claim rests on,
and a rejected junk name that asks for nothing more."""

from __future__ import annotations

import shutil
from pathlib import Path

import pyoxigraph as ox
import pytest
from test_review_page import page_for
from test_review_walk import build_strict, ok, pick, review_of

from kg import namespaces as ns
from kg.project import Project

from conftest import ROOT, copy_of_project

FIXTURE = Path(__file__).parent / "fixtures" / "review-walk-en" / "kh-us-mou"
ART = "kh-us-mou"
SIZES = {"desktop": (1440, 900), "phone": (390, 844)}
CD = ns.CD


@pytest.fixture
def proj(tmp_path: Path) -> Project:
    p = copy_of_project(tmp_path / "p", queries=True)
    shutil.copytree(FIXTURE, p.data / "articles" / ART)
    return p


def edit(page, selector: str, text: str) -> None:
    page.click(selector)
    page.fill("[data-role=literal-input]", text)
    page.keyboard.press("Enter")
    ok(page)


@pytest.mark.parametrize("size", SIZES.values(), ids=SIZES.keys())
def test_the_cambodia_memorandum_article_reviewed_in_the_browser_is_published_as_reviewed(proj, size, monkeypatch,
                                                                                         capsys):
    memo = ns.entity("agreement", "kh-us-mou-memorandum-of-understanding-on-cultural-heritage")
    renewal = ns.entity("agreement", "kh-us-mou-agreement-that-prolongs-by-five-years")
    with page_for(proj, size, article=ART) as page:
        # a temple taken for a person, a region for a city: rejected, and their cards then ask for nothing
        for claim in ("entity-person-phnom-bakheng", "entity-place-southeast-asia"):
            page.click(f"#cand-{claim} [data-role=reject]")
            ok(page)
            assert page.locator(f"#cand-{claim} [data-role=rejected-note]").count() == 1
            assert page.locator(f"#cand-{claim} [data-role=same-as]").count() == 0
        # Cambodia rests on "Cambodia renew": the words corrected to the headline's, found once
        page.click("#cand-entity-state-cambodia [data-role=edit-quote]")
        page.fill("[data-role=quote-input]", "Cambodia")
        assert page.locator("[data-role=quote-save]").is_disabled()  # 8 times in the text
        page.fill("[data-role=quote-input]", "U.S. and Cambodia renew cultural property memorandum")
        page.click("[data-role=quote-save]")
        ok(page)
        # the renewal was signed by the U.S. Embassy and the Ministry for the two states: the states are its parties
        card = "#cand-agreement-agreement-that-prolongs-by"
        for org in ("ministry-of-culture-and-fine-arts", "national-museum"):
            page.click(f"{card} [data-role=party][data-iri='{ns.entity('organization', org)}']")
            ok(page)
        page.click(f"{card} [data-role=add-parties]")
        pick(page, "united states")
        edit(page, f"{card} p.clause.main [data-role=name]", "agreement prolonging the memorandum by five years")
        # the memorandum itself dates from 2003: the article's day is not its date, nor the ceremony its signing
        card = "#cand-agreement-memorandum-of-understanding-on"
        page.click(f"{card} [data-role=field][data-p='{CD}date'] [data-role=unset]")
        ok(page)
        edit(page, f"{card} [data-role=field][data-p='{CD}signatureDate'] [data-role=literal]", "2003")
        page.click(f"{card} [data-role=field][data-p='{CD}signedAt'] [data-role=unlink]")
        ok(page)
        # the antiquities came back over two decades: carried out, not announced
        card = "#cand-transfer-100-antiquities"
        page.select_option(f"{card} select[data-role=status]", value=ns.STATUS + "implemented")
        ok(page)
        assert "origin « United States »" in page.inner_text(card)  # the ingester's note, in names
        for claim in ("entity-state-cambodia", "entity-organization-ministry-of-culture-and-fine-arts",
                      "entity-organization-national-museum", "entity-person-phoeurng-sackona",
                      "entity-person-w-patrick-murphy", "entity-place-phnom-penh", "event-event",
                      "agreement-agreement-that-prolongs-by", "agreement-memorandum-of-understanding-on",
                      "statement-murphy-both-our-countries-recognize-the", "tenure-murphy", "tenure-sackona",
                      "transfer-100-antiquities"):
            page.click(f"#cand-{claim} [data-role=accept]")
            ok(page)
        page.wait_for_function("() => document.getElementById('blockers').classList.contains('clear')")
        name = "desktop" if size == SIZES["desktop"] else "phone"
        (ROOT / "build").mkdir(exist_ok=True)
        page.screenshot(path=str(ROOT / "build" / f"review-walk-kh-{name}.png"), full_page=True)
    assert review_of(proj, ART, "entity-person-phnom-bakheng") == "rejected"
    built = build_strict(proj, monkeypatch, capsys)
    facts = {(q.subject.value, q.predicate.value, q.object.value) for q in built}
    assert {o for s, p, o in facts if s == renewal and p == CD + "party"} == {
        ns.entity("state", "cambodia"), ns.entity("state", "united-states")}
    assert (memo, CD + "signatureDate", "2003") in facts
    assert not any(s == memo and p in (CD + "date", CD + "signedAt") for s, p, _ in facts)
    assert (ns.entity("transfer", "kh-us-mou-return-100-antiquities-cambodia"), CD + "status",
            ns.STATUS + "implemented") in facts
    assert not any(ns.entity("person", "phnom-bakheng") in (s, o) for s, _, o in facts)
    quotes = {q.object.value for q in built if q.predicate.value == "http://www.w3.org/ns/oa#exact"}
    assert "U.S. and Cambodia renew cultural property memorandum" in quotes
    assert all(isinstance(q.object, ox.Literal) for q in built if q.predicate.value == CD + "signatureDate")
