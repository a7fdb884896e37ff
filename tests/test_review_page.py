"""The review page for a person who knows the subject, not RDF (issue 20, items 1 to 4), in Debian's Chromium at
1440×900 and 390×844. Each test drives the page as a reviewer would and reads the claims file it wrote."""

from __future__ import annotations

import shutil
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pyoxigraph as ox
import pytest

from kg import namespaces as ns
from kg.errors import KgError
from kg.project import Project
from kg.review import ReviewServer, Session

from conftest import ROOT, write

ARTICLE = "ma-sn-heritage"
SIZES = {"desktop": (1440, 900), "phone": (390, 844)}
DOCS = ROOT / "docs"

TEXT = ("Le Maroc et le Sénégal ont signé un mémorandum d'entente sur le patrimoine, le 3 mars 2024 à Rabat.\n"
        "Gaïa Gamma, ministre de la Culture, a présenté le texte aux journalistes.\n"
        "Selon Le Monde, une exposition commune pourrait ensuite voyager jusqu'à Paris.\n")

HEAD = """\
@prefix cd: <https://w3id.org/cdkg/ontology#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix doc: <https://w3id.org/cdkg/doc/> .
@prefix state: <https://w3id.org/cdkg/id/state/> .
@prefix person: <https://w3id.org/cdkg/id/person/> .
@prefix place: <https://w3id.org/cdkg/id/place/> .
@prefix organization: <https://w3id.org/cdkg/id/organization/> .
"""

ENTITIES = {
    "state": ['state:morocco a cd:State ; rdfs:label "Maroc"@fr , "Morocco"@en .',
              'state:senegal a cd:State ; rdfs:label "Sénégal"@fr , "Senegal"@en .'],
    "person": ['person:gaia-gamma a cd:Person ; rdfs:label "Gaïa Gamma"@fr , "Gaia Gamma"@en .'],
    "place": ['place:rabat a cd:City ; rdfs:label "Rabat"@fr , "Rabat"@en .',
              'place:paris a cd:City ; rdfs:label "Paris"@fr , "Paris"@en .'],
    "organization": ['organization:gazette a cd:MediaOrganization ; rdfs:label "La Gazette"@fr .'],
}

META = HEAD + f"""\
@prefix dcterms: <http://purl.org/dc/terms/> .
doc:{ARTICLE} a cd:NewsArticle ; rdfs:label "Maroc et Sénégal : le patrimoine"@fr ;
    dcterms:title "Maroc et Sénégal : le patrimoine"@fr ;
    dcterms:language "fr"^^xsd:language ;
    dcterms:publisher organization:gazette ;
    dcterms:issued "2024-03-04"^^xsd:date .
"""


def annotations(claim: str, words: str, confidence: str, rule: str) -> str:
    return (f'claim:{claim} cd:evidence "{words}" ; cd:reviewStatus review:pending ;\n'
            f'    cd:confidence "{confidence}"^^xsd:decimal ; cd:extractionRule "{rule}" ;\n'
            f'    prov:wasGeneratedBy activity:ingest-{ARTICLE} .\n')


# Written as a person would by hand: aligned, with comments, one claim per block.
CLAIMS = HEAD + f"""\
@prefix status: <https://w3id.org/cdkg/status/> .
@prefix domain: <https://w3id.org/cdkg/domain/> .
@prefix review: <https://w3id.org/cdkg/review/> .
@prefix event: <https://w3id.org/cdkg/id/event/> .
@prefix agreement: <https://w3id.org/cdkg/id/agreement/> .
@prefix office: <https://w3id.org/cdkg/id/office/> .
@prefix tenure: <https://w3id.org/cdkg/id/tenure/> .
@prefix claim: <{ns.CLAIM}{ARTICLE}/> .
@prefix prov: <http://www.w3.org/ns/prov#> .
@prefix activity: <https://w3id.org/cdkg/id/activity/> .

activity:ingest-{ARTICLE} a prov:Activity , cd:Extraction ; rdfs:label "kg ingest"@en .

# The memorandum: its parties, its signatory and where it was signed.
claim:memorandum {{
    agreement:ma-sn-heritage a cd:MemorandumOfUnderstanding ;
        rdfs:label "mémorandum d'entente sur le patrimoine"@fr ;
        cd:status status:signed ;
        cd:party state:morocco , state:senegal ;
        cd:signatory person:gaia-gamma ;
        cd:signedAt event:ma-sn-signing ;
        cd:domain domain:cultural-heritage .
}}
{annotations("memorandum", "Le Maroc et le Sénégal ont signé un mémorandum d'entente sur le patrimoine", "0.92",
             "fr/kind/memorandum + fr/status/signed")}
claim:signing {{
    event:ma-sn-signing a cd:Event ;
        rdfs:label "signature du mémorandum"@fr ;
        cd:date "2024-03-03"^^xsd:date ;
        cd:location place:rabat .
}}
{annotations("signing", "le 3 mars 2024 à Rabat", "0.70", "fr/event/signing")}
# An office whose words name no state: the build needs its state or body.
claim:tenure-gamma {{
    office:culture-minister a cd:Office ;
        rdfs:label "ministre de la Culture"@fr .
    tenure:gamma-culture-minister a cd:Tenure ;
        rdfs:label "Gaïa Gamma, ministre de la Culture"@fr ;
        cd:holder person:gaia-gamma ;
        cd:office office:culture-minister ;
        cd:startDate "2024-03-03"^^xsd:date .
}}
{annotations("tenure-gamma", "Gaïa Gamma, ministre de la Culture", "0.75", "fr/office/before-name")}
# A publisher named in the text, proposed as a new entity (kg ingest --publisher "Le Monde").
claim:publisher-le-monde {{
    organization:le-monde a cd:MediaOrganization ;
        rdfs:label "Le Monde"@fr .
}}
{annotations("publisher-le-monde", "Le Monde", "0.60", "publisher/new")}
claim:city-paris {{
    place:paris-new a cd:City ;
        rdfs:label "Paris"@fr .
}}
{annotations("city-paris", "Paris", "0.60", "fr/entity/new-name")}"""


def make_page_project(root: Path, many: int = 0) -> Project:
    shutil.copytree(ROOT / "ontology", root / "ontology", ignore=shutil.ignore_patterns("examples"))
    shutil.copytree(ROOT / "queries" / "checks", root / "queries" / "checks")
    shutil.copytree(ROOT / "data" / "reference", root / "data" / "reference")
    for kind, lines in ENTITIES.items():
        extra = [f'person:someone-{n:05d} a cd:Person ; rdfs:label "Personne {n:05d}"@fr .' for n in range(many)] \
            if kind == "person" else []
        met = [line[:-2] + f" ; cd:firstMetIn doc:{ARTICLE} ." for line in lines + extra]
        write(root / "data" / "entities" / f"{kind}.ttl", HEAD + "\n".join(met) + "\n")
    folder = root / "data" / "articles" / ARTICLE
    write(folder / "article.ttl", META)
    (folder / f"{ARTICLE}.fr.txt").write_bytes(TEXT.encode("utf-8"))
    (folder / "claims.trig").write_bytes(CLAIMS.encode("utf-8"))
    return Project(root)


@pytest.fixture
def proj(tmp_path: Path) -> Project:
    return make_page_project(tmp_path / "proj")


def claims_file(p: Project) -> Path:
    return p.data / "articles" / ARTICLE / "claims.trig"


def quads(p: Project) -> list[ox.Quad]:
    return list(ox.parse(claims_file(p).read_bytes(), format=ox.RdfFormat.TRIG))


def review_of(p: Project, claim: str) -> str | None:
    return next((ns.shorten(q.object.value) for q in quads(p) if q.subject.value == f"{ns.CLAIM}{ARTICLE}/{claim}"
                 and q.predicate.value == ns.CD + "reviewStatus"), None)


def has(p: Project, s: str, pred: str, o: str) -> bool:
    return any(q.subject.value == s and q.predicate.value == pred and q.object.value == o for q in quads(p))


@contextmanager
def page_for(proj: Project, size=(1440, 900), ui: str | None = None, article: str = ARTICLE) -> Iterator[object]:
    from browser import ARGS, CHROMIUM, require_browser
    from playwright.sync_api import sync_playwright

    require_browser()
    server = ReviewServer(Session(proj, article, "Page Reviewer", ui=ui))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    base = f"http://127.0.0.1:{server.port}/"
    problems: list[str] = []
    try:
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=CHROMIUM,
                                         args=[*ARGS, "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1"])
            try:
                context = browser.new_context(viewport={"width": size[0], "height": size[1]})
                context.route("**/*", lambda r: r.continue_() if r.request.url.startswith(base) else r.abort())
                page = context.new_page()
                page.on("pageerror", lambda e: problems.append(f"pageerror: {e}"))
                page.on("console", lambda m: problems.append(m.text) if m.type == "error" and "400" not in m.text
                        else None)
                page.goto(server.url)
                page.wait_for_function("() => window.kgReview !== undefined", timeout=30_000)
                page.problems = problems
                yield page
                assert not problems, problems
            finally:
                browser.close()
    finally:
        server.shutdown()
        server.server_close()
        thread.join(10)


def settle(page, check, seconds: float = 20.0):
    """Wait for a condition on the files while Playwright keeps answering the page's requests."""
    import time

    deadline = time.monotonic() + seconds
    while not (result := check()):
        if time.monotonic() > deadline:
            raise AssertionError(f"still false after {seconds} s")
        page.wait_for_timeout(50)
    return result


def blockers_checked(page) -> None:
    page.wait_for_function("() => !document.querySelector('#blockers p').textContent.includes('…')")


# --- item 2: the claim said as a sentence, in one language, without RDF ----------------------------------

@pytest.mark.parametrize("size", SIZES.values(), ids=SIZES.keys())
def test_a_card_says_the_claim_as_a_sentence_in_the_articles_language(proj, size):
    with page_for(proj, size) as page:
        card = page.locator("#cand-memorandum")
        text = card.inner_text()
        sentence = card.locator("[data-role=sentence]").inner_text()
        # parties first, then what was done, its date and place: labels, never slugs
        assert sentence.startswith("Maroc") and "et Sénégal" in sentence
        assert "« mémorandum d'entente sur le patrimoine »" in sentence
        assert "signature du mémorandum, le 3 mars 2024 à Rabat" in sentence
        assert "Gaïa Gamma" in sentence and "patrimoine culturel" in sentence.lower()
        for rdf in ("agreement:", "ma-sn-heritage", "fr/kind", "memorandum +", "0.92", "status:", "https://"):
            assert rdf not in text, rdf
        assert card.locator("[data-role=confidence]").inner_text().startswith("le programme en est très sûr")
        assert card.locator("[data-role=accept]").inner_text() == "Accepter"
        assert page.evaluate("() => document.documentElement.lang") == "fr"
        # an undertaking's statuses only: an event's ("tenu", "reporté") would be refused by the build
        offered = page.eval_on_selector("#cand-memorandum select[data-role=status]",
                                        "s => [...s.options].map(o => o.value)")
        assert ns.STATUS + "signed" in offered and ns.STATUS + "proposed" in offered
        assert ns.STATUS + "held" not in offered and ns.STATUS + "postponed" not in offered


def test_the_interface_language_is_chosen_apart_from_the_articles(proj):
    with page_for(proj, ui="en") as page:
        card = page.locator("#cand-memorandum")
        assert card.locator("[data-role=accept]").inner_text() == "Accept"
        assert card.locator("[data-role=confidence]").inner_text().startswith("the program is very sure")
        sentence = card.locator("[data-role=sentence]").inner_text()
        assert sentence.startswith("Morocco") and "and Senegal" in sentence and "March 3, 2024" in sentence
        assert page.eval_on_selector("#cand-memorandum select[data-role=status]",
                                     "s => s.selectedOptions[0].textContent") == "signed"
        assert page.evaluate("() => document.documentElement.lang") == "en"
    with pytest.raises(KgError, match="--ui 'de'"):
        Session(proj, ARTICLE, "Ada", ui="de")


def test_a_date_and_a_name_are_changed_in_place(proj):
    with page_for(proj) as page:
        page.click("#cand-signing [data-role=literal]")
        page.fill("[data-role=literal-input]", "2024-03-04")
        page.keyboard.press("Enter")
        settle(page, lambda: any(q.predicate.value == ns.CD + "date" and q.object.value == "2024-03-04"
                                 and q.object.datatype.value == ns.XSD + "date" for q in quads(proj)))
        page.wait_for_function("() => document.getElementById('message').className === 'ok'")
        page.click("#cand-signing [data-role=name]")
        page.fill("[data-role=literal-input]", "signature à Rabat")
        page.keyboard.press("Enter")
        settle(page, lambda: any(q.object == ox.Literal("signature à Rabat", language="fr") for q in quads(proj)))
        page.wait_for_function("() => document.querySelector('#cand-signing [data-role=name]').textContent"
                               ".includes('signature à Rabat')")
        assert "4 mars 2024" in page.locator("#cand-memorandum [data-role=sentence]").inner_text()
        # a date that is not one is refused, and said
        page.click("#cand-signing [data-role=literal]")
        page.fill("[data-role=literal-input]", "")
        page.evaluate("() => { const i = document.querySelector('[data-role=literal-input]'); i.type = 'text';"
                      " i.value = '2024-02-30'; }")
        page.keyboard.press("Enter")
        page.wait_for_function("() => document.getElementById('message').className === 'error'")
        assert "is not a date" in page.text_content("#message")


# --- item 1: merges between related kinds only, previewed, confirmed, undoable, never taking a label -----

@pytest.mark.parametrize("size", SIZES.values(), ids=SIZES.keys())
def test_a_merge_is_previewed_confirmed_and_undone_and_keeps_the_targets_label(proj, size):
    before = claims_file(proj).read_bytes()
    paris, new = ns.entity("place", "paris"), ns.entity("place", "paris-new")
    with page_for(proj, size) as page:
        card = "#cand-city-paris"
        page.click(f"{card} [data-role=same-as]")
        # only places are offered: no state, no person, no organisation
        page.fill("[data-role=picker-search]", "a")
        offered = page.evaluate("() => [...document.querySelectorAll('[data-role=picker-list] li[data-iri]')]"
                                ".map(li => li.dataset.iri)")
        assert set(offered) == {paris, ns.entity("place", "rabat")}
        page.fill("[data-role=picker-search]", "paris")
        page.keyboard.press("Enter")
        preview = page.locator(f"{card} [data-role=merge-preview]")
        preview.locator("[data-role=confirm-merge]").wait_for()
        text = preview.inner_text()
        assert "« Paris » garde son propre nom" in text and "Revendications modifiées (1) : Paris" in text
        assert claims_file(proj).read_bytes() == before  # nothing written before the confirmation
        preview.locator("[data-role=confirm-merge]").click()
        settle(page, lambda: not any(new in (q.subject.value, q.object.value) for q in quads(proj)))
        assert not has(proj, paris, ns.RDFS + "label", "Paris")  # Paris keeps its own labels
        assert has(proj, paris, ns.SKOS + "altLabel", "Paris")
        page.click("#message [data-role=undo]")
        settle(page, lambda: claims_file(proj).read_bytes() == before)


def test_a_merge_the_build_would_refuse_is_shown_and_cannot_be_confirmed(proj):
    """Two participants of an accepted meeting found to be one person: the meeting would have one."""
    path = claims_file(proj)
    path.write_text(path.read_text(encoding="utf-8") + """
claim:meeting {
    event:ma-sn-meeting a cd:Meeting ;
        rdfs:label "rencontre des ministres"@fr ;
        cd:participant person:gaia-gamma , person:g-gamma .
    person:g-gamma a cd:Person ;
        rdfs:label "G. Gamma"@fr .
}
claim:meeting cd:evidence "Gaïa Gamma, ministre de la Culture, a présenté le texte" ;
    cd:reviewStatus review:accepted ; cd:reviewedBy "A" ; cd:reviewedAt "2026-11-25T18:00:00Z"^^xsd:dateTime ;
    prov:wasGeneratedBy activity:ingest-ma-sn-heritage .
""", encoding="utf-8")
    before = path.read_bytes()
    change = {"merge": ns.entity("person", "g-gamma"), "into": ns.entity("person", "gaia-gamma")}
    s = Session(proj, ARTICLE, "A")
    preview = s.preview("meeting", change)
    assert not preview["ok"] and any("participant" in p or "Meeting" in p for p in preview["problems"]), preview
    with pytest.raises(KgError, match="the build would refuse the article after this merge"):
        s.correct("meeting", change)
    assert path.read_bytes() == before
    with page_for(proj) as page:
        page.click(f"#cand-meeting [data-role=merge][data-iri='{ns.entity('person', 'g-gamma')}'] button")
        page.fill("[data-role=picker-search]", "gaia")
        page.keyboard.press("Enter")
        page.locator("#cand-meeting [data-role=merge-preview] .problem").first.wait_for()
        assert page.locator("#cand-meeting [data-role=confirm-merge]").is_disabled()


# --- item 3: required fields editable, what stops publication listed with a fix; a new publisher ---------

@pytest.mark.parametrize("size", SIZES.values(), ids=SIZES.keys())
def test_an_office_in_no_state_is_listed_as_a_blocker_and_fixed_from_the_page(proj, size):
    s = Session(proj, ARTICLE, "A")
    s.accept_all()
    assert ns.CLAIM + ARTICLE + "/tenure-gamma" in s.held_back  # left pending: its office is in no state
    s.decide(["tenure-gamma"], "accepted")  # accepted all the same, by hand: the build would refuse it
    with page_for(proj, size) as page:
        blockers_checked(page)
        item = page.locator("#blockers li[data-claim=tenure-gamma]").first
        assert "fonction au sein de" in item.inner_text()
        item.locator("[data-role=fix]").click()
        # the fix opens the missing field's pick-list: the office's state or body
        page.fill("[data-role=picker-search]", "seneg")
        page.keyboard.press("Enter")
        settle(page, lambda: has(proj, ns.entity("office", "culture-minister"), ns.CD + "postIn",
                                 ns.entity("state", "senegal")))
        page.wait_for_function("() => document.getElementById('blockers').classList.contains('clear')")
        assert page.locator("#blockers li").count() == 0
    assert Session(proj, ARTICLE, "A").blockers() == []


def test_a_proposed_publisher_is_shown_as_one_and_accepted(proj):
    with page_for(proj) as page:
        card = page.locator("#cand-publisher-le-monde")
        # the ontology's label of cd:MediaOrganization, then the name
        assert card.locator("h2 .title").inner_text() == "média · Le Monde"
        card.locator("[data-role=accept]").click()
        settle(page, lambda: review_of(proj, "publisher-le-monde") == "review:accepted")


# --- item 4: searchable pick-lists at 10,000 entities, keyboard review, the phone layout ------------------

def test_pick_lists_search_ten_thousand_entities_without_listing_them_all(tmp_path):
    proj = make_page_project(tmp_path / "many", many=10_000)
    with page_for(proj) as page:
        assert page.evaluate("() => window.kgReview.entities.length") > 10_000
        page.click("#cand-memorandum [data-role=add-parties]")
        assert page.locator("[data-role=picker-list] li[data-iri]").count() <= 50  # never 10,000 nodes
        page.fill("[data-role=picker-search]", "personne 09876")
        assert page.locator("[data-role=picker-list] li[data-iri]").first.get_attribute("data-iri") == \
            ns.entity("person", "someone-09876")
        page.fill("[data-role=picker-search]", "gaia")  # without its accent
        assert page.locator("[data-role=picker-list] li[data-iri]").first.inner_text().startswith("Gaïa Gamma")
        page.keyboard.press("Escape")


FOCUSED = "() => (document.querySelector('.card.focus') || {dataset: {}}).dataset.id"


def test_a_whole_review_by_keyboard(proj):
    with page_for(proj) as page:
        page.keyboard.press("j")
        assert page.evaluate("() => document.activeElement.dataset.id") == "memorandum"
        page.keyboard.press("a")
        settle(page, lambda: review_of(proj, "memorandum") == "review:accepted")
        page.wait_for_function(FOCUSED + " === 'signing'")
        # keys typed while the rejection is being saved count: r moves on at once, k k come back two cards (the
        # move once waited for the save, then undid them: focus ended on the card after the one the keys chose)
        page.keyboard.press("r")
        page.keyboard.press("k")
        page.keyboard.press("k")
        settle(page, lambda: review_of(proj, "signing") == "review:rejected")
        page.wait_for_function(FOCUSED + " === 'memorandum'")
        page.wait_for_timeout(300)  # any move still waiting for the save would have run by now
        assert page.evaluate(FOCUSED) == "memorandum"
        page.keyboard.press("u")  # undo the rejection
        settle(page, lambda: review_of(proj, "signing") == "review:pending")
        page.keyboard.press("e")  # edit: the first part of the sentence takes the keys, nothing is changed yet
        assert page.evaluate("() => document.activeElement.closest('.card').dataset.id") == "memorandum"
        assert page.evaluate("() => document.activeElement.dataset.role") in ("kind", "status", "party")
        assert review_of(proj, "memorandum") == "review:accepted" and has(
            proj, ns.entity("agreement", "ma-sn-heritage"), ns.CD + "party", ns.entity("state", "morocco"))
        # on a card with a field the build needs, e opens that field
        page.click("#cand-tenure-gamma h2")
        page.keyboard.press("e")
        page.locator("#cand-tenure-gamma [data-role=picker-search]").wait_for()


def test_on_a_phone_one_column_and_nothing_overflows(proj):
    with page_for(proj, SIZES["phone"]) as page:
        width = SIZES["phone"][0]
        assert page.evaluate("() => document.documentElement.scrollWidth") <= width
        wide = page.evaluate(f"""() => [...document.querySelectorAll('body *')].filter(e => {{
            const r = e.getBoundingClientRect(); return r.width > 0 && (r.right > {width} + 0.5 || r.left < -0.5);
        }}).map(e => e.tagName + '.' + e.className + ' ' + (e.dataset.role || ''))""")
        assert wide == []
        text, cards = (page.locator(x).bounding_box() for x in ("#text", "#candidates"))
        assert text["x"] == cards["x"] and cards["y"] > text["y"]  # one column: the text, then the cards
        page.click("#cand-memorandum [data-role=add-parties]")
        box = page.locator(".picker").bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= width


# --- the screenshots in docs/, regenerated here -----------------------------------------------------------

@pytest.mark.parametrize("name,size", [("review.png", SIZES["desktop"]), ("review-phone.png", SIZES["phone"])])
def test_the_screenshots_in_docs_show_the_page(proj, name, size):
    """Written to build/ (tests write nowhere else); with KG_UPDATE_DOCS=1 copied to docs/, which the README
    shows and which must be there, a PNG of the page."""
    import os

    shot = ROOT / "build" / name
    with page_for(proj, size) as page:
        blockers_checked(page)
        page.click("#cand-memorandum h2")  # the card chosen, no pick-list opened
        shot.parent.mkdir(exist_ok=True)
        page.screenshot(path=str(shot))
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and shot.stat().st_size > 10_000
    if os.environ.get("KG_UPDATE_DOCS") == "1":
        shutil.copyfile(shot, DOCS / name)
    assert (DOCS / name).read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert f"](docs/{name})" in (ROOT / "README.md").read_text(encoding="utf-8")


def test_the_kind_of_a_new_thing_a_claim_describes_beside_its_main_one_changes_only_as_the_build_allows(proj):
    office = ns.entity("office", "culture-minister")
    s = Session(proj, ARTICLE, "A")
    tenure = next(c for c in s.state()["candidates"] if c["id"] == "tenure-gamma")
    clause = next(cl for cl in tenure["clauses"] if cl["s"] == office)
    assert clause["new"] and ns.CD + "Office" in clause["kinds"]
    with pytest.raises(KgError, match="has no kind in this claim"):
        s.correct("tenure-gamma", {"set": "kind", "value": ns.CD + "Person", "subject": ns.entity("person", "x")})
    # a kind of another segment mints the IRI anew (tenure:culture-minister), checked as the build would: a tenure
    # needs its holder and office, so nothing changes (tests/test_review_kinds.py: one that succeeds)
    before = claims_file(proj).read_bytes()
    with pytest.raises(KgError, match=r"build would refuse.*tenure:culture-minister cd:holder"):
        s.correct("tenure-gamma", {"set": "kind", "value": ns.CD + "Tenure", "subject": office})
    assert claims_file(proj).read_bytes() == before and has(proj, office, ns.RDF + "type", ns.CD + "Office")


def test_the_new_endpoints_need_the_token_and_the_right_host_too(proj):
    import http.client

    server = ReviewServer(Session(proj, ARTICLE, "A"))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    before = claims_file(proj).read_bytes()

    def ask(method: str, path: str, headers: dict[str, str]) -> int:
        conn = http.client.HTTPConnection("127.0.0.1", server.port, timeout=10)
        body = b'{"id": "city-paris", "change": {"merge": "%s", "into": "%s"}}' % (
            ns.entity("place", "paris-new").encode(), ns.entity("place", "paris").encode())
        try:
            conn.request(method, path, body=body if method == "POST" else None,
                         headers={"Content-Type": "application/json", **headers})
            return conn.getresponse().status
        finally:
            conn.close()

    try:
        token = {"X-Review-Token": server.token}
        for method, path in (("GET", "/api/choices"), ("GET", "/api/blockers"), ("POST", "/api/preview"),
                             ("POST", "/api/undo")):
            assert ask(method, path, {}) == 403, path
            assert ask(method, path, {**token, "Host": f"evil.example:{server.port}"}) == 421, path
            assert ask(method, path, {**token, "Origin": "http://evil.example"}) == 403, path
        assert ask("POST", "/api/preview", token) == 200
        assert ask("POST", "/api/undo", token) == 400  # nothing to undo
        assert claims_file(proj).read_bytes() == before
    finally:
        server.shutdown()
        server.server_close()
        thread.join(10)


def test_an_accepted_claim_pointing_at_a_waiting_one_is_listed_with_the_claim_to_accept(proj):
    s = Session(proj, ARTICLE, "A")
    s.decide(["memorandum"], "accepted")  # it names the signing event, whose own claim is still pending
    assert any("signing" in b["accept"] for b in s.blockers() if b["claim"] == "memorandum")
    with page_for(proj) as page:
        blockers_checked(page)
        page.click("#blockers [data-role=fix-accept][data-id=signing]")
        settle(page, lambda: review_of(proj, "signing") == "review:accepted")
        page.wait_for_function("() => document.getElementById('blockers').classList.contains('clear')")


def test_an_event_without_date_or_place_gets_them_from_the_page(proj):
    """The shapes allow a place or an institution as an event's location (sh:or), and a date."""
    path = claims_file(proj)
    path.write_text(path.read_text(encoding="utf-8").replace(
        '        cd:date "2024-03-03"^^xsd:date ;\n        cd:location place:rabat .\n', ""
    ).replace('rdfs:label "signature du mémorandum"@fr ;', 'rdfs:label "signature du mémorandum"@fr .'),
        encoding="utf-8")
    event = ns.entity("event", "ma-sn-signing")
    with page_for(proj) as page:
        card = "#cand-signing"
        fields = page.eval_on_selector(f"{card} select[data-role=add-field]",
                                       "s => [...s.options].map(o => o.textContent)")
        assert {"date", "lieu"} <= set(fields)
        page.select_option(f"{card} select[data-role=add-field]", label="lieu")
        page.fill("[data-role=picker-search]", "")
        offered = page.evaluate("() => [...document.querySelectorAll('[data-role=picker-list] li[data-iri]')]"
                                ".map(li => li.dataset.iri)")
        assert ns.entity("place", "rabat") in offered and ns.entity("organization", "gazette") in offered
        assert ns.entity("state", "morocco") not in offered and ns.entity("person", "gaia-gamma") not in offered
        page.fill("[data-role=picker-search]", "rabat")
        page.keyboard.press("Enter")
        settle(page, lambda: has(proj, event, ns.CD + "location", ns.entity("place", "rabat")))
        page.wait_for_function("() => document.getElementById('message').className === 'ok'")
        page.select_option(f"{card} select[data-role=add-field]", label="date")
        page.fill("[data-role=literal-input]", "2024-03-03")
        page.keyboard.press("Enter")
        settle(page, lambda: any(q.subject.value == event and q.predicate.value == ns.CD + "date"
                                 and q.object == ox.Literal("2024-03-03", datatype=ox.NamedNode(ns.XSD + "date"))
                                 for q in quads(proj)))


# --- what stops publication is what kg build says; --accept-all says it before accepting ------------------

def without_publisher(proj: Project) -> None:
    """The article's publisher is named by an IRI the graph does not describe (kg ingest only warns of it)."""
    meta = proj.data / "articles" / ARTICLE / "article.ttl"
    meta.write_text(meta.read_text(encoding="utf-8").replace("organization:gazette", "organization:nowhere-press"),
                    encoding="utf-8")


def quarantined(proj: Project, tmp: Path) -> list[str]:
    from kg.build import build

    ds, _ = build(Project(proj.root, build_dir=tmp))
    return sorted(p.message for ps in ds.quarantined.values() for p in ps)


def test_what_stops_publication_is_what_the_build_says_for_an_office_in_no_state_and_a_missing_publisher(
        proj, tmp_path):
    without_publisher(proj)
    s = Session(proj, ARTICLE, "A")
    s.decide(["memorandum", "signing", "tenure-gamma"], "accepted")
    said = quarantined(proj, tmp_path / "b1")
    assert any("publisher" in m for m in said) and any("postIn" in m or "fonction" in m or "Office" in m
                                                        for m in said), said
    assert sorted(b["message"] for b in s.blockers()) == said  # the same problems, in the build's words
    with page_for(proj) as page:
        blockers_checked(page)
        text = page.inner_text("#blockers")
        for message in said:
            assert message in text, message
        fix = page.locator("#blockers [data-role=fix-text]").first.inner_text()
        assert "organization:nowhere-press" in fix and "data/entities/organization.ttl" in fix
        # the office's state, from the page
        page.locator("#blockers li[data-claim=tenure-gamma] [data-role=fix]").first.click()
        page.fill("[data-role=picker-search]", "maroc")
        page.keyboard.press("Enter")
        settle(page, lambda: has(proj, ns.entity("office", "culture-minister"), ns.CD + "postIn",
                                 ns.entity("state", "morocco")))
        page.wait_for_function("() => document.querySelectorAll('#blockers li').length && "
                               "![...document.querySelectorAll('#blockers li')].some(li => li.dataset.claim)")
        # the publisher, named on the page: a claim that declares it, accepted, the rest of the file as it was
        before = claims_file(proj).read_text(encoding="utf-8")
        page.click("#blockers [data-role=name-publisher]")
        page.fill("[data-role=literal-input]", "Nowhere Press")  # not in the text: its headline is the quote
        page.keyboard.press("Enter")
        page.wait_for_function("() => document.getElementById('blockers').classList.contains('clear')")
    after = claims_file(proj).read_text(encoding="utf-8")
    assert after.startswith(before.rstrip("\n"))  # the new claim is added at the end, nothing else rewritten
    publisher = ns.entity("organization", "nowhere-press")
    assert has(proj, publisher, ns.RDF + "type", ns.CD + "MediaOrganization")
    assert review_of(proj, "entity-organization-nowhere-press") == "review:accepted"
    assert 'rdfs:label "Nowhere Press"@fr' in after
    assert Session(proj, ARTICLE, "A").blockers() == [] == quarantined(proj, tmp_path / "b2")


def test_accept_all_refuses_when_the_build_would_leave_the_article_out_all_the_same(proj, monkeypatch, capsys):
    from kg.cli import main

    without_publisher(proj)
    before = claims_file(proj).read_bytes()
    monkeypatch.setenv("KG_ROOT", str(proj.root))
    assert main(["review", ARTICLE, "--accept-all", "--reviewer", "A"]) == 1
    err = capsys.readouterr().err
    assert "nothing was accepted" in err and "organization:nowhere-press" in err
    assert "fix: describe organization:nowhere-press in data/entities/organization.ttl" in err
    assert claims_file(proj).read_bytes() == before


# --- what a subject expert needed in the walk (tests/test_review_walk.py), one by one -------------------------

def test_a_name_the_graph_lacks_becomes_a_new_entity_of_the_fields_kind_declared_in_the_claim(proj):
    s = Session(proj, ARTICLE, "A")
    office = ns.entity("office", "culture-minister")
    s.correct("tenure-gamma", {"add": [office, ns.CD + "postIn"], "value": "",
                               "new": {"label": "Lituanie", "kind": ns.CD + "State"}})
    lithuania = ns.entity("state", "lituanie")
    assert has(proj, office, ns.CD + "postIn", lithuania)
    assert any(q.subject.value == lithuania and q.object == ox.Literal("Lituanie", language="fr")
               and q.graph_name.value.endswith("/tenure-gamma") for q in quads(proj))
    assert has(proj, lithuania, ns.RDF + "type", ns.CD + "State")
    before = claims_file(proj).read_bytes()
    with pytest.raises(KgError, match="exists already"):  # a name the graph has is chosen, not made again
        s.correct("memorandum", {"set": "parties", "values": [], "new": {"label": "Maroc", "kind": ns.CD + "State"}})
    with pytest.raises(KgError, match="kind"):
        s.correct("memorandum", {"set": "parties", "values": [], "new": {"label": "X", "kind": ns.CD + "Nothing"}})
    assert claims_file(proj).read_bytes() == before
    assert ns.entity("state", "maroc") not in {c.iri for c in s.terms.proposed}  # a refused one is forgotten


def test_a_date_that_may_be_a_day_a_month_or_a_year_takes_each_as_written(proj):
    s = Session(proj, ARTICLE, "A")
    agreement = ns.entity("agreement", "ma-sn-heritage")
    s.correct("memorandum", {"add": [agreement, ns.CD + "signatureDate"], "value": "2024-03"})
    dated = [q.object for q in quads(proj) if q.predicate.value == ns.CD + "signatureDate"]
    assert dated == [ox.Literal("2024-03", datatype=ox.NamedNode(ns.XSD + "gYearMonth"))]
    s.correct("memorandum", {"literal": [agreement, ns.CD + "signatureDate", "2024-03"], "value": "2024"})
    dated = [q.object for q in quads(proj) if q.predicate.value == ns.CD + "signatureDate"]
    assert dated == [ox.Literal("2024", datatype=ox.NamedNode(ns.XSD + "gYear"))]
    for wrong in ("2024-13", "mars 2024"):
        with pytest.raises(KgError):
            s.correct("memorandum", {"literal": [agreement, ns.CD + "signatureDate", "2024"], "value": wrong})


def test_pointing_a_link_away_from_a_new_thing_described_only_for_it_drops_that_thing(proj):
    s = Session(proj, ARTICLE, "A")
    office, tenure = ns.entity("office", "culture-minister"), ns.entity("tenure", "gamma-culture-minister")
    s.correct("tenure-gamma", {"add": [office, ns.CD + "postIn"], "value": ns.entity("state", "senegal")})
    existing = ns.entity("office", "minister-of-culture-of-senegal")
    path = proj.data / "entities" / "office.ttl"
    path.write_text(HEAD + f'<{existing}> a cd:Office ; rdfs:label "ministre de la Culture du Sénégal"@fr ; '
                    f'cd:postIn state:senegal ; cd:firstMetIn doc:{ARTICLE} .\n', encoding="utf-8")
    s = Session(proj, ARTICLE, "A")
    s.correct("tenure-gamma", {"link": [tenure, ns.CD + "office", office], "value": existing})
    assert has(proj, tenure, ns.CD + "office", existing)
    assert not any(q.subject.value == office for q in quads(proj))  # else the claim would still publish it
    # a new thing something else still points at stays
    s.correct("memorandum", {"link": [ns.entity("agreement", "ma-sn-heritage"), ns.CD + "signedAt",
                                      ns.entity("event", "ma-sn-signing")], "value": ""})
    assert any(q.subject.value == ns.entity("event", "ma-sn-signing") for q in quads(proj))


def test_a_tenure_said_at_no_time_asks_for_one_of_an_event_a_source_or_a_start_date(proj):
    path = claims_file(proj)
    path.write_text(path.read_text(encoding="utf-8").replace(
        '        cd:office office:culture-minister ;\n        cd:startDate "2024-03-03"^^xsd:date .',
        "        cd:office office:culture-minister ."), encoding="utf-8")
    s = Session(proj, ARTICLE, "A")
    tenure = next(c for c in s.state()["candidates"] if c["id"] == "tenure-gamma")
    clause = next(cl for cl in tenure["clauses"] if cl["main"])
    asked = [(f["p"][len(ns.CD):], f.get("orPrevious", False)) for f in clause["fields"] if f["missing"]]
    assert asked == [("attestedAt", False), ("attestedIn", True), ("startDate", True)]
    # the article itself is offered as the source, by its title
    assert ns.document(ARTICLE) in {e["iri"] for e in s.choices()["entities"]}
    s.correct("tenure-gamma", {"add": [ns.entity("tenure", "gamma-culture-minister"), ns.CD + "attestedIn"],
                               "value": ns.document(ARTICLE)})
    tenure = next(c for c in s.state()["candidates"] if c["id"] == "tenure-gamma")
    assert not [f for cl in tenure["clauses"] if cl["main"] for f in cl["fields"] if f["missing"]]
