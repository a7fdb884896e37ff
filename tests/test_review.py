"""kg review: an article's candidate claims accepted, corrected or rejected, each decision written at once.

The fixture is a throw-away project (the real ontology, a few entities) with one article of pending claims in
the authoring format, written as `kg ingest` writes them; its text carries markup and scripts.
"""

from __future__ import annotations

import contextlib
import http.client
import json
import shutil
import subprocess
import sys
import threading
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import pyoxigraph as ox
import pytest

from kg import namespaces as ns
from kg.cli import main
from kg.errors import KgError
from kg.project import Project
from kg.review import REVIEW, ReviewServer, Session, read_claims, render_claims, segments

from conftest import ROOT, serve_review, write

ARTICLE = "fixture-ingest"
CLAIMS = ns.CLAIM + ARTICLE + "/"
CD, STATUS, DOMAIN = ns.CD, ns.STATUS, ns.DOMAIN

HOSTILE_TITLE = "<script>window.__xss=1</script>Alpha & Bêta"
TEXT = ("Alpha et Bêta signent un accord culturel.\n"
        "<script>window.__xss=2</script><img src=x onerror=\"window.__xss=3\">\n"
        "Une exposition commune a été proposée par <b>G. Gamma</b>, ministre.\n"
        "Le ministre Gamma a rencontré la délégation de Bêta.\n")

# Until ontology/review.ttl lands (issue 10), the fixture brings the review scheme the contract describes.
REVIEW_SCHEME = """\
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix review: <https://w3id.org/cdkg/review/> .
review:scheme a skos:ConceptScheme ; skos:prefLabel "Review status"@en , "État de relecture"@fr .
review:pending a skos:Concept ; skos:inScheme review:scheme ; skos:prefLabel "pending"@en , "à relire"@fr .
review:accepted a skos:Concept ; skos:inScheme review:scheme ; skos:prefLabel "accepted"@en , "accepté"@fr .
review:rejected a skos:Concept ; skos:inScheme review:scheme ; skos:prefLabel "rejected"@en , "rejeté"@fr .
"""

ENTITIES = """\
@prefix cd: <https://w3id.org/cdkg/ontology#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix state: <https://w3id.org/cdkg/id/state/> .
@prefix person: <https://w3id.org/cdkg/id/person/> .
state:alpha a cd:State ; rdfs:label "Alpha"@fr , "Alpha"@en .
state:beta a cd:State ; rdfs:label "Bêta"@fr , "Beta"@en .
state:evil a cd:State ; rdfs:label "<img src=x onerror=\\"window.__xss=4\\">Evil"@fr .
person:gaia-gamma a cd:Person ; rdfs:label "Gaïa Gamma"@fr , "Gaia Gamma"@en .
person:g-gamma-old a cd:Person ; rdfs:label "G. Gamma"@fr .
"""

META = f"""\
@prefix cd: <https://w3id.org/cdkg/ontology#> .
@prefix dcterms: <http://purl.org/dc/terms/> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
<{ns.DOC}{ARTICLE}> a cd:NewsArticle ;
    dcterms:title "{HOSTILE_TITLE}"@fr ;
    dcterms:language "fr"^^xsd:language .
"""

# In the reviewer's own style (the one render_claims writes), so that a rewrite without decisions is a no-op.
PENDING = f"""\
# Candidate claims proposed by kg ingest; every one waits for a person.
@prefix cd: <https://w3id.org/cdkg/ontology#> .
@prefix prov: <http://www.w3.org/ns/prov#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix status: <https://w3id.org/cdkg/status/> .
@prefix domain: <https://w3id.org/cdkg/domain/> .
@prefix review: <https://w3id.org/cdkg/review/> .
@prefix activity: <https://w3id.org/cdkg/id/activity/> .
@prefix state: <https://w3id.org/cdkg/id/state/> .
@prefix person: <https://w3id.org/cdkg/id/person/> .
@prefix event: <https://w3id.org/cdkg/id/event/> .
@prefix agreement: <https://w3id.org/cdkg/id/agreement/> .
@prefix initiative: <https://w3id.org/cdkg/id/initiative/> .
@prefix claim: <{CLAIMS}> .

activity:ingest-{ARTICLE} a prov:Activity , cd:Extraction ;
    cd:softwareVersion "0.2.0" ;
    prov:used "fr_core_news_md 3.8.0" ;
    prov:startedAtTime "2026-11-25T17:00:00Z"^^xsd:dateTime .

# The text's own verb: signed.
claim:agreement-signed {{
    agreement:alpha-beta-cultural-agreement a cd:Agreement ;
        cd:status status:signed ;
        cd:party state:alpha , state:beta ;
        cd:domain domain:culture .
}}
claim:agreement-signed
    cd:evidence "Alpha et Bêta signent un accord culturel" ;
    cd:reviewStatus review:pending ;
    prov:wasGeneratedBy activity:ingest-{ARTICLE} ;
    cd:confidence "0.92"^^xsd:decimal ;
    cd:extractionRule "fr/status/signed-present" .

claim:exhibition-proposed {{
    initiative:joint-exhibition a cd:Initiative ;
        cd:status status:signed ;
        cd:putForwardBy person:g-gamma ;
        cd:domain domain:museums .
    person:g-gamma a cd:Person ;
        rdfs:label "G. Gamma"@fr .
}}
claim:exhibition-proposed
    cd:evidence "Une exposition commune a été proposée par <b>G. Gamma</b>" ;
    cd:reviewStatus review:pending ;
    prov:wasGeneratedBy activity:ingest-{ARTICLE} ;
    cd:confidence "0.55"^^xsd:decimal ;
    cd:extractionRule "fr/status/proposed-passive" .

claim:gamma-meeting {{
    event:gamma-delegation-meeting a cd:Meeting ;
        cd:participant person:g-gamma , state:beta .
}}
claim:gamma-meeting
    cd:evidence "Le ministre Gamma a rencontré la délégation de Bêta" ;
    cd:reviewStatus review:pending ;
    prov:wasGeneratedBy activity:ingest-{ARTICLE} ;
    cd:confidence "0.70"^^xsd:decimal ;
    cd:extractionRule "fr/event/meeting" ;
    rdfs:comment "the meeting's date is not in the text" .
"""

WHEN = "2026-11-25T18:30:00Z"


def make_project(root: Path) -> Project:
    shutil.copytree(ROOT / "ontology", root / "ontology", ignore=shutil.ignore_patterns("examples"))
    if not (root / "ontology" / "review.ttl").exists():
        write(root / "ontology" / "review.ttl", REVIEW_SCHEME)
    write(root / "data" / "entities" / "state.ttl", ENTITIES)
    folder = root / "data" / "articles" / ARTICLE
    write(folder / "article.ttl", META)
    (folder / f"{ARTICLE}.fr.txt").write_bytes(TEXT.encode("utf-8"))
    (folder / "claims.trig").write_bytes(PENDING.encode("utf-8"))
    return Project(root)


@pytest.fixture
def proj(tmp_path: Path) -> Project:
    return make_project(tmp_path / "proj")


def claims_path(p: Project) -> Path:
    return p.data / "articles" / ARTICLE / "claims.trig"


def about(p: Project, claim: str) -> dict[str, list[str]]:
    """The default-graph annotations of one claim, by predicate (prefixed), as the file now holds them."""
    found: dict[str, list[str]] = {}
    for q in ox.parse(claims_path(p).read_bytes(), format=ox.RdfFormat.TRIG):
        if isinstance(q.graph_name, ox.DefaultGraph) and q.subject.value == CLAIMS + claim:
            found.setdefault(ns.shorten(q.predicate.value), []).append(
                ns.shorten(q.object.value) if isinstance(q.object, ox.NamedNode) else q.object.value)
    return found


def in_graph(p: Project, claim: str) -> set[tuple[str, str, str]]:
    return {(ns.shorten(q.subject.value), ns.shorten(q.predicate.value),
             ns.shorten(q.object.value) if isinstance(q.object, ox.NamedNode) else q.object.value)
            for q in ox.parse(claims_path(p).read_bytes(), format=ox.RdfFormat.TRIG)
            if isinstance(q.graph_name, ox.NamedNode) and q.graph_name.value == CLAIMS + claim}


# --- the file: read and written back readable, deterministic, in the authoring format ---------------------

def test_rewriting_without_a_decision_changes_no_byte(proj):
    doc = read_claims(claims_path(proj))
    assert render_claims(doc) == PENDING.encode("utf-8")


def test_the_seed_article_keeps_its_quads_prefixes_and_comments_when_rewritten():
    path = ROOT / "data" / "articles" / "kz-fr-culture-agreements" / "claims.trig"
    original = path.read_text(encoding="utf-8")
    doc = read_claims(path)
    text = render_claims(doc).decode("utf-8")
    assert set(ox.parse(text.encode(), format=ox.RdfFormat.TRIG)) == set(ox.parse(original.encode(),
                                                                                   format=ox.RdfFormat.TRIG))
    prefix_lines = [line for line in original.splitlines() if line.startswith("@prefix")]
    assert all(line in text for line in prefix_lines)
    comments = [line for line in original.splitlines() if line.startswith("#")]
    assert [line for line in text.splitlines() if line.startswith("#")] == comments


def test_descriptions_after_the_claims_stay_there_with_their_comments(proj):
    activity = PENDING.split("\n\nactivity:")[1].split("\n\n")[0]
    moved = PENDING.replace("\nactivity:" + activity + "\n", "") + "\n## How these claims were made\n\nactivity:" \
        + activity + "\n"
    claims_path(proj).write_text(moved, encoding="utf-8")
    assert render_claims(read_claims(claims_path(proj))).decode("utf-8") == moved
    Session(proj, ARTICLE, "Ada").decide(["gamma-meeting"], "accepted", when=WHEN)
    assert claims_path(proj).read_text(encoding="utf-8").endswith("## How these claims were made\n\nactivity:"
                                                                   + activity + "\n")


def test_a_claims_file_that_does_not_parse_is_named_with_its_line(proj, monkeypatch, capsys):
    path = claims_path(proj)
    path.write_text(path.read_text(encoding="utf-8").replace("claim:gamma-meeting {", "claim:gamma-meeting {{"),
                    encoding="utf-8")
    before = path.read_bytes()
    monkeypatch.setenv("KG_ROOT", str(proj.root))
    assert main(["review", ARTICLE, "--accept", "agreement-signed", "--reviewer", "Ada"]) == 2
    err = capsys.readouterr().err
    line = before.decode().split("\n").index("claim:gamma-meeting {{") + 1
    assert f"claims.trig:{line}:" in err and "syntax error" in err
    assert path.read_bytes() == before


def test_deciding_every_claim_of_the_seed_article_changes_only_review_annotations(proj):
    seed = ROOT / "data" / "articles" / "kz-fr-culture-agreements"
    shutil.copytree(seed, proj.data / "articles" / seed.name)
    s = Session(proj, seed.name, "Ada")
    ids = [c.id for c in s.list()]
    s.decide(ids, "accepted", when=WHEN)
    review = {ns.CD + p for p in ("reviewStatus", "reviewedBy", "reviewedAt")}
    before = {q for q in ox.parse((seed / "claims.trig").read_bytes(), format=ox.RdfFormat.TRIG)
              if q.predicate.value not in review}
    after = list(ox.parse((proj.data / "articles" / seed.name / "claims.trig").read_bytes(),
                          format=ox.RdfFormat.TRIG))
    assert {q for q in after if q.predicate.value not in review} == before
    added = [(q.subject.value, ns.shorten(q.predicate.value), q.object.value) for q in after
             if q.predicate.value in review]
    assert len(added) == 3 * len(ids)
    assert {(ns.shorten(c), p, o) for c, p, o in added if p == "cd:reviewedBy"} == {
        (ns.shorten(ns.CLAIM + seed.name + "/" + i), "cd:reviewedBy", "Ada") for i in ids}
    assert all(c.review == "accepted" for c in s.list())


def test_a_decision_writes_status_reviewer_and_time_beside_the_claim(proj):
    Session(proj, ARTICLE, "Ada Reviewer").decide(["agreement-signed"], "accepted", when=WHEN)
    a = about(proj, "agreement-signed")
    assert a["cd:reviewStatus"] == [ns.shorten(REVIEW + "accepted")]
    assert a["cd:reviewedBy"] == ["Ada Reviewer"]
    assert a["cd:reviewedAt"] == [WHEN]
    assert a["cd:confidence"] == ["0.92"] and a["cd:extractionRule"] == ["fr/status/signed-present"]
    text = claims_path(proj).read_text(encoding="utf-8")
    # beside its claim, readable: the annotations follow the claim's graph
    block = text.split("claim:agreement-signed {")[1].split("claim:exhibition-proposed {")[0]
    assert 'cd:reviewedAt "2026-11-25T18:30:00Z"^^xsd:dateTime' in block
    assert "cd:reviewStatus review:accepted" in block
    # the other claims are byte for byte as they were
    assert text.split("claim:exhibition-proposed {")[1] == PENDING.split("claim:exhibition-proposed {")[1]


def test_the_same_decisions_give_the_same_file(tmp_path):
    outputs = []
    for n in range(2):
        p = make_project(tmp_path / f"p{n}")
        s = Session(p, ARTICLE, "Ada")
        s.decide(["gamma-meeting"], "rejected", when=WHEN)
        s.decide(["agreement-signed"], "accepted", when=WHEN)
        outputs.append(claims_path(p).read_bytes())
    assert outputs[0] == outputs[1]


def test_back_to_pending_drops_reviewer_and_time(proj):
    s = Session(proj, ARTICLE, "Ada")
    s.decide(["gamma-meeting"], "rejected", when=WHEN)
    assert about(proj, "gamma-meeting")["cd:reviewStatus"] == [ns.shorten(REVIEW + "rejected")]
    s.decide(["gamma-meeting"], "pending")
    a = about(proj, "gamma-meeting")
    assert a["cd:reviewStatus"] == [ns.shorten(REVIEW + "pending")]
    assert "cd:reviewedBy" not in a and "cd:reviewedAt" not in a


def test_unknown_ids_are_refused_by_name_and_nothing_changes(proj):
    before = claims_path(proj).read_bytes()
    with pytest.raises(KgError) as e:
        Session(proj, ARTICLE, "Ada").decide(["agreement-signed", "no-such-claim"], "accepted")
    assert "no-such-claim" in str(e.value) and "agreement-signed," in str(e.value)  # the known ones are listed
    assert claims_path(proj).read_bytes() == before


def test_ids_may_be_prefixed_names_or_iris(proj):
    s = Session(proj, ARTICLE, "Ada")
    s.decide(["claim:gamma-meeting", CLAIMS + "agreement-signed"], "accepted", when=WHEN)
    assert {c.id: c.review for c in s.list()} == {"agreement-signed": "accepted", "exhibition-proposed": "pending",
                                                   "gamma-meeting": "accepted"}


def test_accept_all_takes_only_pending_claims_at_or_above_the_threshold(proj):
    s = Session(proj, ARTICLE, "Ada")
    s.decide(["agreement-signed"], "rejected", when=WHEN)
    chosen = s.accept_all(Decimal("0.7"), when=WHEN)
    assert [c.id for c in chosen] == ["gamma-meeting"]  # 0.70 reaches 0.7; 0.92 was rejected; 0.55 is below
    assert {c.id: c.review for c in s.list()} == {"agreement-signed": "rejected", "exhibition-proposed": "pending",
                                                   "gamma-meeting": "accepted"}


def test_a_claim_without_review_status_or_confidence_is_left_to_a_person(proj):
    path = claims_path(proj)
    path.write_text(path.read_text(encoding="utf-8").replace(
        '    cd:reviewStatus review:pending ;\n    prov:wasGeneratedBy activity:ingest-fixture-ingest ;\n'
        '    cd:confidence "0.70"^^xsd:decimal ;\n', '    prov:wasGeneratedBy activity:ingest-fixture-ingest ;\n'),
        encoding="utf-8")
    s = Session(proj, ARTICLE, "Ada")
    assert {c.id: c.review for c in s.list()}["gamma-meeting"] == "unreviewed"
    assert [c.id for c in s.accept_all(Decimal("0"))] == ["agreement-signed", "exhibition-proposed"]
    s.decide(["gamma-meeting"], "accepted")
    assert about(proj, "gamma-meeting")["cd:reviewStatus"] == [ns.shorten(REVIEW + "accepted")]


# --- corrections from the pick-lists ---------------------------------------------------------------------

def test_pick_lists_come_from_the_ontology_and_the_data(proj):
    t = Session(proj, ARTICLE, "Ada").terms
    assert {STATUS + s for s in ("signed", "proposed", "envisaged", "discussed", "ongoing")} <= {
        c.iri for c in t.statuses}
    assert {DOMAIN + "culture", DOMAIN + "museums"} <= {c.iri for c in t.domains}
    assert {CD + "Agreement", CD + "MemorandumOfUnderstanding", CD + "Meeting"} <= {c.iri for c in t.kinds}
    assert {c.iri for c in t.entities} == {ns.entity("state", "alpha"), ns.entity("state", "beta"),
                                           ns.entity("state", "evil"), ns.entity("person", "gaia-gamma"),
                                           ns.entity("person", "g-gamma-old"),
                                           ns.document(ARTICLE)}  # the article: what a tenure is attested in
    # what only the article's claims describe: the new things the extractor proposes
    assert {c.iri for c in t.proposed} == {ns.entity("person", "g-gamma"), ns.entity("initiative", "joint-exhibition"),
                                           ns.entity("agreement", "alpha-beta-cultural-agreement"),
                                           ns.entity("event", "gamma-delegation-meeting")}
    assert set(t.reviews) == {"accepted", "pending", "rejected"}


def test_the_page_data_narrows_pick_lists_to_the_family_of_the_current_value(proj):
    state = Session(proj, ARTICLE, "Ada").state()
    meeting = next(c for c in state["candidates"] if c["id"] == "gamma-meeting")
    assert {(ns.shorten(link["o"]), ns.shorten(link["family"])) for link in meeting["links"]} == {
        ("person:g-gamma", "cd:Agent"), ("state:beta", "cd:Agent")}
    families = {e["iri"]: e["family"] for e in Session(proj, ARTICLE, "Ada").choices()["entities"]}
    assert families[ns.entity("person", "gaia-gamma")] == families[ns.entity("state", "alpha")] == CD + "Agent"
    agreement = next(c for c in state["candidates"] if c["id"] == "agreement-signed")
    assert agreement["undertaking"] and set(agreement["kinds"]) >= {CD + "Agreement", CD + "Initiative"}
    assert CD + "Meeting" not in agreement["kinds"]  # kinds offered: the undertaking's own family
    assert "".join(seg["text"] for seg in state["segments"]) == TEXT


def test_a_status_correction_replaces_the_one_status(proj):
    s = Session(proj, ARTICLE, "Ada")
    c = s.correct("exhibition-proposed", {"set": "status", "value": STATUS + "proposed"})
    assert c.status == STATUS + "proposed"
    assert ("initiative:joint-exhibition", "cd:status", "status:proposed") in in_graph(proj, "exhibition-proposed")
    assert ("initiative:joint-exhibition", "cd:status", "status:signed") not in in_graph(proj, "exhibition-proposed")
    assert about(proj, "exhibition-proposed")["cd:reviewStatus"] == [ns.shorten(REVIEW + "pending")]


def test_an_event_s_status_comes_from_the_event_scheme_and_can_be_set(proj):
    """The ontology's event statuses (status:event-scheme) are in the pick-list, grouped apart from the
    undertakings', and a meeting can be said postponed."""
    s = Session(proj, ARTICLE, "Ada")
    groups = {c.iri: c.group for c in s.terms.statuses}
    assert groups[STATUS + "postponed"] == groups[STATUS + "held"] == STATUS + "event-scheme"
    assert groups[STATUS + "signed"] == STATUS + "scheme"
    assert s.terms.statuses[0].group == STATUS + "scheme"  # the undertakings' statuses come first
    c = s.correct("gamma-meeting", {"set": "status", "value": STATUS + "postponed"})
    assert c.status == STATUS + "postponed"
    assert any(p == "cd:status" and o == "status:postponed" for _, p, o in in_graph(proj, "gamma-meeting"))
    page = {x["iri"]: x["groupLabel"] for x in s.state()["choices"]["statuses"]}
    assert page[STATUS + "postponed"] == "Statut des événements"  # the article's language
    assert page[STATUS + "signed"] == "Statut des actions de coopération"


def test_a_value_outside_the_pick_lists_is_refused(proj):
    s = Session(proj, ARTICLE, "Ada")
    before = claims_path(proj).read_bytes()
    for change in ({"set": "status", "value": STATUS + "almost-signed"},
                   {"set": "kind", "value": ns.FOAF + "Person"},
                   {"set": "domains", "values": [DOMAIN + "culture", DOMAIN + "cooking"]},
                   {"set": "parties", "values": [ns.entity("state", "atlantis")]},
                   {"set": "colour", "value": "red"}):
        with pytest.raises(KgError):
            s.correct("agreement-signed", change)
    assert claims_path(proj).read_bytes() == before


def test_kind_parties_and_domains_are_corrected(proj):
    s = Session(proj, ARTICLE, "Ada")
    s.decide(["agreement-signed"], "accepted", when=WHEN)
    s.correct("agreement-signed", {"set": "kind", "value": CD + "MemorandumOfUnderstanding"})
    s.correct("agreement-signed", {"set": "parties", "values": [ns.entity("state", "beta")]})
    c = s.correct("agreement-signed", {"set": "domains", "values": [DOMAIN + "museums", DOMAIN + "culture"]})
    assert (c.kind, c.parties, c.domains) == (CD + "MemorandumOfUnderstanding", [ns.entity("state", "beta")],
                                              [DOMAIN + "museums", DOMAIN + "culture"])
    g = in_graph(proj, "agreement-signed")
    assert ("agreement:alpha-beta-cultural-agreement", "cd:party", "state:alpha") not in g
    assert ("agreement:alpha-beta-cultural-agreement", "rdf:type", "cd:MemorandumOfUnderstanding") in g
    # a decided claim that is corrected stays decided, signed by the corrector at the time of the correction
    a = about(proj, "agreement-signed")
    assert a["cd:reviewStatus"] == [ns.shorten(REVIEW + "accepted")] and a["cd:reviewedAt"] != [WHEN]


def test_a_link_is_pointed_at_another_entity_or_removed(proj):
    s = Session(proj, ARTICLE, "Ada")
    meeting = ns.entity("event", "gamma-delegation-meeting")
    s.correct("gamma-meeting", {"link": [meeting, CD + "participant", ns.entity("state", "beta")],
                                "value": ns.entity("state", "alpha")})
    assert ("event:gamma-delegation-meeting", "cd:participant", "state:alpha") in in_graph(proj, "gamma-meeting")
    s.correct("gamma-meeting", {"link": [meeting, CD + "participant", ns.entity("state", "alpha")], "value": ""})
    assert not any(o == "state:alpha" for _, _, o in in_graph(proj, "gamma-meeting"))
    with pytest.raises(KgError, match="no link"):
        s.correct("gamma-meeting", {"link": [meeting, CD + "participant", ns.entity("state", "alpha")], "value": ""})


def test_a_new_entity_merged_into_an_existing_one_is_rewritten_in_every_claim(proj):
    s = Session(proj, ARTICLE, "Ada")
    s.correct("exhibition-proposed", {"merge": ns.entity("person", "g-gamma"), "into": ns.entity("person",
                                                                                                "gaia-gamma")})
    text = claims_path(proj).read_text(encoding="utf-8")
    assert "person:g-gamma " not in text and "person:g-gamma ." not in text
    assert ("event:gamma-delegation-meeting", "cd:participant", "person:gaia-gamma") in in_graph(proj,
                                                                                                 "gamma-meeting")
    assert not (proj.data / "entities" / "merges.ttl").exists()  # nothing published was merged


def test_an_existing_entity_merged_gets_a_same_as_redirect(proj):
    path = claims_path(proj)
    path.write_text(path.read_text(encoding="utf-8").replace("person:g-gamma ,", "person:g-gamma-old ,"),
                    encoding="utf-8")
    s = Session(proj, ARTICLE, "Ada")
    s.correct("gamma-meeting", {"merge": ns.entity("person", "g-gamma-old"),
                                "into": ns.entity("person", "gaia-gamma")})
    merges = list(ox.parse((proj.data / "entities" / "merges.ttl").read_bytes(), format=ox.RdfFormat.TURTLE))
    by_pred = {q.predicate.value: q.object for q in merges if q.subject.value == ns.entity("person", "g-gamma-old")}
    assert by_pred[ns.OWL + "sameAs"] == ox.NamedNode(ns.entity("person", "gaia-gamma"))
    assert ns.RDFS + "comment" in by_pred and by_pred[ns.DCTERMS + "date"].datatype.value == ns.XSD + "date"
    assert ("event:gamma-delegation-meeting", "cd:participant", "person:gaia-gamma") in in_graph(proj,
                                                                                                 "gamma-meeting")


def test_a_failed_write_leaves_the_old_file_and_no_temporary(proj, monkeypatch):
    before = claims_path(proj).read_bytes()

    def broken(*_):
        raise OSError("disk full")

    monkeypatch.setattr("os.replace", broken)
    with pytest.raises(KgError, match=r"claims\.trig: cannot write: disk full"):
        Session(proj, ARTICLE, "Ada").decide(["agreement-signed"], "accepted")
    assert claims_path(proj).read_bytes() == before
    assert sorted(p.name for p in claims_path(proj).parent.iterdir()) == sorted(
        ["article.ttl", "claims.trig", f"{ARTICLE}.fr.txt"])


def test_segments_cut_the_text_at_every_quote_and_keep_it_whole():
    parts = segments("abc <b>x</b> def", [("c1", "<b>x</b>"), ("c2", "x</b> d")])
    assert "".join(p["text"] for p in parts) == "abc <b>x</b> def"
    assert [(p["text"], p["claims"]) for p in parts] == [
        ("abc ", []), ("<b>", ["c1"]), ("x</b>", ["c1", "c2"]), (" d", ["c2"]), ("ef", [])]


# --- the command line ------------------------------------------------------------------------------------

def run(proj: Project, monkeypatch, capsys, *argv: str) -> tuple[int, str, str]:
    monkeypatch.setenv("KG_ROOT", str(proj.root))
    code = main(["review", ARTICLE, *argv])
    out, err = capsys.readouterr()
    return code, out, err


def test_cli_lists_accepts_rejects_and_accepts_all(proj, monkeypatch, capsys):
    code, out, _ = run(proj, monkeypatch, capsys, "--list")
    assert code == 0
    assert "agreement-signed" in out and "0.92" in out and "« Alpha et Bêta signent un accord culturel »" in out
    assert "3 claim(s): 3 pending" in out
    code, out, _ = run(proj, monkeypatch, capsys, "--accept", "agreement-signed", "--reject", "gamma-meeting",
                       "--reviewer", "Ada")
    assert code == 0 and "accepted  agreement-signed" in out and "rejected  gamma-meeting" in out
    assert about(proj, "gamma-meeting")["cd:reviewedBy"] == ["Ada"]
    code, out, _ = run(proj, monkeypatch, capsys, "--accept-all", "--min-confidence", "0.9", "--reviewer", "Ada")
    assert code == 0 and "accepted 0 claim(s) with confidence >= 0.9" in out
    code, out, _ = run(proj, monkeypatch, capsys, "--accept-all", "--min-confidence", "0.5", "--reviewer", "Ada")
    assert "accepted  exhibition-proposed (confidence 0.55)" in out
    _, out, _ = run(proj, monkeypatch, capsys, "--list")
    assert "3 claim(s): 2 accepted, 1 rejected" in out


@pytest.mark.parametrize(("argv", "message"), [
    (["--accept", "nope", "agreement-signed"], "unknown claim ID(s) nope"),
    (["--reject", "gamma-meeting", "--accept", "gamma-meeting"], "both --accept and --reject"),
    (["--min-confidence", "0.5"], "--min-confidence goes with --accept-all"),
    (["--accept-all", "--min-confidence", "high"], "is not a number"),
    (["--accept-all", "--min-confidence", "1.5"], "outside 0..1"),
])
def test_cli_refuses_bad_requests_clearly_and_changes_nothing(proj, monkeypatch, capsys, argv, message):
    before = claims_path(proj).read_bytes()
    code, _, err = run(proj, monkeypatch, capsys, *argv, "--reviewer", "Ada")
    assert code == 2 and message in err
    assert claims_path(proj).read_bytes() == before


def test_cli_names_the_known_articles_for_an_unknown_one(proj, monkeypatch, capsys):
    monkeypatch.setenv("KG_ROOT", str(proj.root))
    assert main(["review", "no-such-article", "--list", "--reviewer", "Ada"]) == 2
    assert f"no article 'no-such-article' (known: {ARTICLE})" in capsys.readouterr().err


def test_the_reviewer_is_the_option_else_git_else_the_user(proj, monkeypatch, tmp_path):
    from kg.review import reviewer_name

    assert reviewer_name("  Ada  ") == "Ada"
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", str(write(tmp_path / "gitconfig", "[user]\n\tname = Grace Git\n")))
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")
    monkeypatch.chdir(tmp_path)
    assert reviewer_name(None) == "Grace Git"
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", str(write(tmp_path / "empty", "")))
    monkeypatch.setenv("USER", "uma")
    assert reviewer_name(None) == "uma"


# --- the page's server: loopback only, a token on every request ------------------------------------------

def review_server(proj: Project):
    return serve_review(proj, ARTICLE)


def request(server: ReviewServer, method: str, path: str, headers: dict[str, str] | None = None,
            body: bytes | None = None) -> tuple[int, dict[str, str], bytes]:
    conn = http.client.HTTPConnection("127.0.0.1", server.port, timeout=10)
    try:
        conn.request(method, path, body=body, headers=headers or {})
        r = conn.getresponse()
        return r.status, dict(r.getheaders()), r.read()
    finally:
        conn.close()


def test_the_server_listens_on_loopback_only_and_refuses_requests_without_the_token(proj):
    with review_server(proj) as server:
        assert server.server_address[0] == "127.0.0.1"
        token = server.token
        for method, path, body in (("GET", "/", None), ("GET", "/review.js", None), ("GET", "/api/state", None),
                                   ("GET", "/?token=wrong", None), ("GET", "/nothing", None),
                                   ("POST", "/api/decide", b'{"ids": ["agreement-signed"], "decision": "accepted"}')):
            status, _, _ = request(server, method, path, {"Content-Type": "application/json"}, body)
            assert status == 403, (method, path)
        assert about(proj, "agreement-signed")["cd:reviewStatus"] == [ns.shorten(REVIEW + "pending")]
        status, headers, html = request(server, "GET", f"/?token={token}")
        assert status == 200 and b"<script src=\"/review.js?token=" in html
        csp = headers["Content-Security-Policy"]
        assert "default-src 'none'" in csp and "script-src 'self'" in csp and "unsafe" not in csp
        assert request(server, "GET", "/api/state", {"X-Review-Token": token})[0] == 200
        assert request(server, "GET", "/nothing", {"X-Review-Token": token})[0] == 404


def test_the_server_refuses_another_host_name_and_another_origin(proj):
    with review_server(proj) as server:
        token = {"X-Review-Token": server.token, "Content-Type": "application/json"}
        # DNS rebinding: a page of evil.example resolved to 127.0.0.1 sends its own Host
        assert request(server, "GET", "/api/state", {**token, "Host": f"evil.example:{server.port}"})[0] == 421
        body = b'{"ids": ["agreement-signed"], "decision": "accepted"}'
        status, _, _ = request(server, "POST", "/api/decide", {**token, "Origin": "http://evil.example"}, body)
        assert status == 403
        assert request(server, "POST", "/api/decide", {**token, "Content-Type": "text/plain"}, body)[0] == 415
        status, _, answer = request(server, "POST", "/api/decide", token, body)
        assert status == 200 and json.loads(answer)["candidates"][0]["review"] == "accepted"
        status, _, answer = request(server, "POST", "/api/decide", token, b'{"ids": ["nope"], "decision": "accepted"}')
        assert status == 400 and "unknown claim ID(s) nope" in json.loads(answer)["error"]
        assert request(server, "POST", "/api/decide", token, b'{"ids": "agreement-signed", "decision": "x"}')[0] == 404
        status, _, answer = request(server, "POST", "/api/correct", token,
                                    b'{"id": "agreement-signed", "change": {"set": "status", "value": "x"}}')
        assert status == 400 and "is not a status" in json.loads(answer)["error"]


def test_kg_review_serves_the_page_and_prints_its_address(proj):
    import os

    env = {**os.environ, "KG_ROOT": str(proj.root)}
    process = subprocess.Popen([sys.executable, "-m", "kg.cli", "review", ARTICLE, "--reviewer", "Ada"],
                               stdout=subprocess.PIPE, stderr=subprocess.STDOUT, env=env, text=True)
    try:
        lines = [process.stdout.readline() for _ in range(2)]
        url = lines[1].strip()
        assert url.startswith("http://127.0.0.1:") and "/?token=" in url, lines
        port = int(url.split(":")[2].split("/")[0])
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
        conn.request("GET", "/")
        assert conn.getresponse().status == 403
        conn.close()
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
        conn.request("GET", url.split(str(port), 1)[1])
        assert conn.getresponse().status == 200
        conn.close()
    finally:
        process.terminate()
        process.wait(10)


# --- the page in Chromium (Debian's), nothing reachable but the review server --------------------------

@contextlib.contextmanager
def review_page(server: ReviewServer, *, bypass_csp: bool = False) -> Iterator[tuple[object, list[str], list[str]]]:
    """The page at the session's address; yields (page, every URL it asked for, console problems)."""
    from browser import ARGS, CHROMIUM, require_browser
    from playwright.sync_api import sync_playwright

    require_browser()
    base = f"http://127.0.0.1:{server.port}/"
    seen: list[str] = []
    problems: list[str] = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM,
                                    args=[*ARGS, "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1"])
        try:
            context = browser.new_context(viewport={"width": 1400, "height": 900}, bypass_csp=bypass_csp)

            def route(r):  # the network is cut: only the review server answers
                seen.append(r.request.url)
                r.continue_() if r.request.url.startswith(base) else r.abort()

            context.route("**/*", route)
            page = context.new_page()
            page.on("console", lambda m: problems.append(f"{m.type}: {m.text}") if m.type in ("error", "warning")
                    else None)
            page.on("pageerror", lambda e: problems.append(f"pageerror: {e}"))
            page.goto(server.url)
            page.wait_for_function("() => window.kgReview !== undefined", timeout=30_000)
            yield page, seen, problems
        finally:
            browser.close()


def wait_for(page, check, seconds: float = 15.0):
    """Poll a condition on the files while letting Playwright run (its routing answers only while it runs)."""
    import time

    deadline = time.monotonic() + seconds
    while True:
        if result := check():
            return result
        if time.monotonic() > deadline:
            raise AssertionError(f"still false after {seconds} s")
        page.wait_for_timeout(50)


@pytest.mark.parametrize("bypass_csp", [False, True], ids=["with-csp", "csp-bypassed"])
def test_in_a_browser_a_hostile_article_stays_text(proj, bypass_csp):
    with review_server(proj) as server, review_page(server, bypass_csp=bypass_csp) as (page, seen, problems):
        assert page.evaluate("() => window.__xss") is None
        assert page.evaluate("() => document.querySelectorAll('img, b, #text script').length") == 0
        assert page.evaluate("() => document.getElementById('text').textContent") == TEXT
        assert page.evaluate("() => document.getElementById('title').textContent") == HOSTILE_TITLE
        marks = page.evaluate("() => [...document.querySelectorAll('#text mark')].map(m => [m.dataset.claims,"
                              " m.textContent])")
        assert ["exhibition-proposed", "Une exposition commune a été proposée par <b>G. Gamma</b>"] in marks
        # a hostile label, shown as text in a pick-list
        page.click("#cand-agreement-signed [data-role=add-parties]")
        page.fill("[data-role=picker-search]", "evil")
        options = page.evaluate("() => [...document.querySelectorAll('[data-role=picker-list] li[data-iri]')]"
                                ".map(o => o.firstChild.textContent)")
        assert options == ['<img src=x onerror="window.__xss=4">Evil']
        assert page.evaluate("() => window.__xss") is None
        assert all(u.startswith(f"http://127.0.0.1:{server.port}/") for u in seen), seen
        assert not problems, problems


def test_in_a_browser_a_request_without_the_token_is_refused(proj):
    with review_server(proj) as server, review_page(server) as (page, _, _):
        # the page's own script, asking without its token
        assert page.evaluate("() => fetch('/api/state').then(r => r.status)") == 403
        assert page.evaluate("""() => fetch('/api/decide', {method: 'POST', headers: {'Content-Type':
            'application/json'}, body: JSON.stringify({ids: ['agreement-signed'], decision: 'accepted'})})
            .then(r => r.status)""") == 403
        answer = page.goto(f"http://127.0.0.1:{server.port}/")
        assert answer.status == 403 and "token" in page.content()
        assert about(proj, "agreement-signed")["cd:reviewStatus"] == [ns.shorten(REVIEW + "pending")]


def test_in_a_browser_corrections_and_decisions_are_written_and_survive_a_reload(proj):
    accepted, rejected = ns.shorten(REVIEW + "accepted"), ns.shorten(REVIEW + "rejected")
    with review_server(proj) as server, review_page(server) as (page, _, problems):
        card = "#cand-exhibition-proposed"
        # the candidate's words are highlighted; a click on them brings its card forward
        page.click("#text mark[data-claims='exhibition-proposed']")
        assert page.evaluate(f"() => document.querySelector('{card}').classList.contains('focus')")
        # a value outside the pick-list (planted here) is refused: the message says why, the list shows the file
        page.eval_on_selector(f"{card} select[data-role=status]",
                              f"s => s.append(new Option('almost', '{STATUS}almost-signed'))")
        page.select_option(f"{card} select[data-role=status]", STATUS + "almost-signed")
        page.wait_for_function("() => document.getElementById('message').className === 'error'")
        assert "is not a status" in page.text_content("#message")
        assert page.eval_on_selector(f"{card} select[data-role=status]", "s => s.value") == STATUS + "signed"
        assert [p for p in problems if "400" not in p] == []  # Chromium logs the refused request, nothing else
        problems.clear()
        page.select_option(f"{card} select[data-role=status]", STATUS + "proposed")
        wait_for(page, lambda: ("initiative:joint-exhibition", "cd:status", "status:proposed")
                 in in_graph(proj, "exhibition-proposed"))
        page.select_option(f"{card} select[data-role=add-domains]", DOMAIN + "exhibitions")
        wait_for(page, lambda: ("initiative:joint-exhibition", "cd:domain", "domain:exhibitions")
                 in in_graph(proj, "exhibition-proposed"))
        # the page shows the saved card before the next control is opened: a pick-list opened earlier would be
        # replaced by the card the answer brings (a race the loaded machine lost every time)
        page.locator(f"{card} [data-role=domain][data-iri='{DOMAIN}exhibitions']").wait_for()
        page.click(f"{card} [data-role=merge][data-iri='{ns.entity('person', 'g-gamma')}'] button")
        page.fill("[data-role=picker-search]", "gaia")
        page.keyboard.press("Enter")
        page.click(f"{card} [data-role=confirm-merge]")
        wait_for(page, lambda: ("initiative:joint-exhibition", "cd:putForwardBy", "person:gaia-gamma")
                 in in_graph(proj, "exhibition-proposed"))
        page.click(f"{card} button[data-role=accept]")
        wait_for(page, lambda: about(proj, "exhibition-proposed").get("cd:reviewStatus") == [accepted])
        assert about(proj, "exhibition-proposed")["cd:reviewedBy"] == ["Page Reviewer"]

        page.reload()
        page.wait_for_function("() => window.kgReview !== undefined")
        assert page.get_attribute(f"{card} [data-role=review]", "class") == "badge accepted"
        assert page.eval_on_selector(f"{card} select[data-role=status]", "s => s.value") == STATUS + "proposed"
        page.click("#cand-gamma-meeting button[data-role=reject]")
        wait_for(page, lambda: about(proj, "gamma-meeting").get("cd:reviewStatus") == [rejected])
        page.reload()
        page.wait_for_function("() => window.kgReview !== undefined")
        assert page.get_attribute("#cand-gamma-meeting [data-role=review]", "class") == "badge rejected"
        assert page.get_attribute(f"{card} [data-role=review]", "class") == "badge accepted"
        # shown with the review scheme's label in the article's language
        assert page.text_content(f"{card} [data-role=review]") == server.session.terms.reviews["accepted"].label
        assert not problems, problems
    # the file is still the authoring format: every claim with its annotations, valid TriG
    doc = read_claims(claims_path(proj))
    assert [c.rsplit("/", 1)[1] for c in doc.claims] == ["agreement-signed", "exhibition-proposed", "gamma-meeting"]
    assert render_claims(doc) == claims_path(proj).read_bytes()


def test_decisions_from_several_sessions_at_once_are_all_kept(proj):
    # each session stands for another process (kg review --accept… while the page is open): no lost update
    sessions = [Session(proj, ARTICLE, f"R{n}") for n in range(3)]
    ids = ["agreement-signed", "exhibition-proposed", "gamma-meeting"]

    def work(n: int) -> None:
        for round_ in range(6):
            sessions[n].decide([ids[n]], "rejected" if round_ % 2 else "accepted", when=WHEN)

    threads = [threading.Thread(target=work, args=(n,)) for n in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    assert {c.id: (c.review, c.reviewed_by) for c in Session(proj, ARTICLE, "X").list()} == {
        "agreement-signed": ("rejected", "R0"), "exhibition-proposed": ("rejected", "R1"),
        "gamma-meeting": ("rejected", "R2")}
