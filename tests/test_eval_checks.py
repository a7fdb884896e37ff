"""eval/checks.py: the vocabulary-agnostic checks derived from a gold, judged on a built graph (small golds and
graphs of our own; the real articles' figures are not asserted here)."""

from __future__ import annotations

import importlib.util
import io
import sys
from pathlib import Path

import pytest

from kg.build import assemble_ontology
from kg.ingest.vocabulary import read_vocabulary
from kg.project import Project
from kg.rdfio import parse_file
from kg.score import Known, read_claims

ROOT = Path(__file__).resolve().parent.parent
_spec = importlib.util.spec_from_file_location("eval_checks", ROOT / "eval" / "checks.py")
checks = importlib.util.module_from_spec(_spec)
sys.modules["eval_checks"] = checks  # dataclasses look their module up
_spec.loader.exec_module(checks)

TEXT = ("Freedonia and Sylvania signed a cultural agreement on museums. Minister Ana Ruiz met Boris Lind. "
        "Ana Ruiz said the accord was historic. The museum returned a mask to Sylvania.")
PREFIXES = """@prefix cd: <https://w3id.org/cdkg/ontology#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix status: <https://w3id.org/cdkg/status/> .
@prefix domain: <https://w3id.org/cdkg/domain/> .
@prefix review: <https://w3id.org/cdkg/review/> .
@prefix state: <https://w3id.org/cdkg/id/state/> .
@prefix person: <https://w3id.org/cdkg/id/person/> .
@prefix office: <https://w3id.org/cdkg/id/office/> .
@prefix organization: <https://w3id.org/cdkg/id/organization/> .
@prefix object: <https://w3id.org/cdkg/id/object/> .
@prefix agreement: <https://w3id.org/cdkg/id/agreement/> .
@prefix event: <https://w3id.org/cdkg/id/event/> .
@prefix tenure: <https://w3id.org/cdkg/id/tenure/> .
@prefix statement: <https://w3id.org/cdkg/id/statement/> .
@prefix transfer: <https://w3id.org/cdkg/id/transfer/> .
@prefix initiative: <https://w3id.org/cdkg/id/initiative/> .
"""
# the gold's claims, by name: what each says, and its evidence (exact words of TEXT)
GOLD = {
    "agreement": ("""agreement:fs-culture a cd:Agreement ; cd:status status:signed ;
        cd:party state:freedonia , state:sylvania ; cd:domain domain:museums .
    state:freedonia a cd:State ; rdfs:label "Freedonia"@en .
    state:sylvania a cd:State ; rdfs:label "Sylvania"@en .""", "signed a cultural agreement on museums"),
    "meeting": ("""event:ruiz-lind a cd:Meeting ; cd:participant person:ana-ruiz , person:boris-lind .
    person:ana-ruiz a cd:Person ; rdfs:label "Ana Ruiz"@en .
    person:boris-lind a cd:Person ; rdfs:label "Boris Lind"@en .""", "Minister Ana Ruiz met Boris Lind"),
    "tenure": ("""tenure:ruiz-minister a cd:Tenure ; cd:holder person:ana-ruiz ; cd:office office:minister-fr .
    office:minister-fr a cd:Office ; rdfs:label "Minister"@en ; cd:postIn state:freedonia .""", "Minister Ana Ruiz"),
    "statement": ("""statement:ruiz-historic a cd:Statement ; cd:speaker person:ana-ruiz ;
        cd:quotation "the accord was historic" .""", "Ana Ruiz said the accord was historic"),
    "return": ("""transfer:mask a cd:Return ; cd:status status:implemented ;
        cd:origin organization:the-museum ; cd:destination state:sylvania ; cd:transferredObject object:mask .
    organization:the-museum a cd:Museum ; rdfs:label "The museum"@en .""", "The museum returned a mask to Sylvania"),
}


def trig(article: str, claims: dict[str, tuple[str, str]]) -> str:
    out = [PREFIXES, f"@prefix claim: <https://w3id.org/cdkg/claim/{article}/> .\n"]
    for name, (body, evidence) in claims.items():
        out.append(f"claim:{name} {{\n    {body}\n}}\nclaim:{name} cd:reviewStatus review:accepted ; "
                   f'cd:evidence "{evidence}" .\n')
    return "\n".join(out)


@pytest.fixture(scope="module")
def vocabulary():
    return read_vocabulary(assemble_ontology(Project(ROOT)))


def judged(tmp_path: Path, vocabulary, gold: dict, built: dict, other: dict | None = None) -> dict[str, list[bool]]:
    """Each family's checks, passed or not: the gold's checks judged on a built graph holding `built` as the
    article's claims (and `other` as another article's)."""
    (tmp_path / "gold.trig").write_text(trig("art", gold), encoding="utf-8")
    (tmp_path / "built.trig").write_text(trig("art", built), encoding="utf-8")
    quads = parse_file(tmp_path / "built.trig")
    if other:
        (tmp_path / "other.trig").write_text(trig("other", other), encoding="utf-8")
        quads += parse_file(tmp_path / "other.trig")
    gold_claims = read_claims(tmp_path / "gold.trig", TEXT, vocabulary, Known())
    built_claims = checks.built_claims(quads, vocabulary, "art")
    checker = checks.Checker(vocabulary, gold_claims, built_claims, Known.from_quads(quads),
                             checks.countries(quads, parse_file(tmp_path / "gold.trig")))
    found = checker.checks("art")
    checks.judge(found, built_claims)
    out: dict[str, list[bool]] = {}
    for c in found:
        out.setdefault(c.family, []).append(c.passed)
    return out


def test_a_draft_that_satisfies_one_check_and_fails_another(tmp_path, vocabulary):
    gold = {k: GOLD[k] for k in ("agreement", "tenure")}
    built = {"agreement": GOLD["agreement"]}  # the agreement found, the minister's office missed
    assert judged(tmp_path, vocabulary, gold, built) == {
        "undertaking": [True], "undertaking-domain": [True], "tenure": [False]}


def test_the_gold_itself_passes_every_check(tmp_path, vocabulary):
    result = judged(tmp_path, vocabulary, GOLD, GOLD)
    assert set(result) == set(checks.FAMILIES) - {"event-status"}
    assert all(all(v) for v in result.values())


def test_signed_where_the_gold_is_not_fails_and_the_other_way_round(tmp_path, vocabulary):
    body, evidence = GOLD["agreement"]
    proposed = {"agreement": (body.replace("status:signed", "status:proposed"), evidence)}
    assert judged(tmp_path, vocabulary, GOLD, proposed)["undertaking"] == [False]
    assert judged(tmp_path, vocabulary, proposed, GOLD)["undertaking"] == [False]
    # domains are a check of their own: the right domain with the wrong status still passes it
    assert judged(tmp_path, vocabulary, GOLD, proposed)["undertaking-domain"] == [True]


def test_each_family_can_fail(tmp_path, vocabulary):
    wrong = {
        # one party missing, and another domain
        "agreement": (GOLD["agreement"][0].replace("state:freedonia ,", "").replace("domain:museums",
                                                                                     "domain:cinema"), "x"),
        # an exhibition is not a meeting
        "meeting": (GOLD["meeting"][0].replace("cd:Meeting", "cd:Exhibition"), "x"),
        # an office of another state
        "tenure": (GOLD["tenure"][0].replace("cd:postIn state:freedonia", "cd:postIn state:sylvania"), "x"),
        # another speaker
        "statement": (GOLD["statement"][0].replace("cd:speaker person:ana-ruiz", "cd:speaker person:boris-lind"),
                      "x"),
        # a loan is not a return
        "return": (GOLD["return"][0].replace("cd:Return", "cd:Loan"), "x"),
    }
    result = judged(tmp_path, vocabulary, GOLD, wrong)
    assert set(result) == set(checks.FAMILIES) - {"event-status"}
    assert not any(any(v) for v in result.values())


def test_an_event_status_held_iff_the_gold_is(tmp_path, vocabulary):
    body, evidence = GOLD["meeting"]
    cancelled = {"meeting": (body.replace("cd:Meeting ;", "cd:Meeting ; cd:status status:cancelled ;"), evidence)}
    held = {"meeting": (body.replace("cd:Meeting ;", "cd:Meeting ; cd:status status:held ;"), evidence)}
    assert judged(tmp_path, vocabulary, cancelled, GOLD) == {"event": [True], "event-status": [False]}
    assert judged(tmp_path, vocabulary, held, GOLD) == {"event": [True], "event-status": [True]}  # none reads held
    assert judged(tmp_path, vocabulary, held, cancelled) == {"event": [True], "event-status": [False]}


def test_extra_items_and_other_wording_do_not_fail_a_check(tmp_path, vocabulary):
    extra = dict(GOLD)
    # other IRIs and another office wording, same names and the same state; one more undertaking and event
    extra["tenure"] = ("""tenure:t1 a cd:Tenure ; cd:holder person:ruiz ; cd:office office:culture-chief .
    person:ruiz a cd:Person ; rdfs:label "Ana Ruiz"@en .
    office:culture-chief a cd:Office ; cd:postIn state:freedonia .""", "Minister Ana Ruiz")
    extra["more"] = ("""initiative:other a cd:Initiative ; cd:status status:proposed ; cd:party state:sylvania .
    event:other a cd:Exhibition ; cd:participant person:boris-lind .""", "The museum")
    result = judged(tmp_path, vocabulary, GOLD, extra)
    assert all(all(v) for v in result.values())


def test_a_party_found_by_its_state_and_another_articles_claims_do_not_count(tmp_path, vocabulary):
    by_ministries = {"agreement": ("""agreement:fs a cd:Agreement ; cd:status status:signed ;
        cd:party organization:culture-freedonia , state:sylvania .
    organization:culture-freedonia a cd:Ministry ; rdfs:label "Ministry of Culture"@en ;
        cd:country state:freedonia .""", "x")}
    assert judged(tmp_path, vocabulary, GOLD, by_ministries)["undertaking"] == [True]
    # the same agreement in another article's claims only: this article did not find it
    assert judged(tmp_path, vocabulary, GOLD, {}, other=GOLD)["undertaking"] == [False]


def test_the_test_split_hides_its_failures_by_default():
    c = checks.Check("a1", "tenure", "someone holds an office", lambda items: False, "tenures")
    out = io.StringIO()
    checks.report([c], ["a1"], {}, "test", out, details=False)
    assert "someone holds" not in out.getvalue() and "checks passed (test): 0/1 (0%)" in out.getvalue()
    out = io.StringIO()
    checks.report([c], ["a1"], {}, "dev", out, details=True)
    assert "FAILED tenure: someone holds an office" in out.getvalue()


def test_a_split_goes_through_ingest_review_and_build_in_a_copy(tmp_path):
    """The real pipeline on a split of one article of ours: its checks are derived from its gold and judged on
    the graph built in the copy; the project's own data/ is not written."""
    article = tmp_path / "split" / "fr-kz-accord-musees"
    article.mkdir(parents=True)
    text = ("La France et le Kazakhstan ont signé lundi à Paris un accord de coopération dans le domaine des "
            "musées.\n")
    (article / "fr-kz-accord-musees.fr.txt").write_text(text, encoding="utf-8")
    (article / "article.ttl").write_text(
        '@prefix dcterms: <http://purl.org/dc/terms/> .\n@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .\n'
        '<https://w3id.org/cdkg/doc/fr-kz-accord-musees> dcterms:issued "2024-05-15"^^xsd:date ;\n'
        '    dcterms:source <https://example.org/accord-musees> .\n', encoding="utf-8")
    (article / "gold.trig").write_text(trig("fr-kz-accord-musees", {"accord": (
        """agreement:fr-kz-museums a cd:Agreement ; cd:status status:signed ;
        cd:party state:france , state:kazakhstan ; cd:domain domain:museums .""",
        "un accord de coopération dans le domaine des musées")}), encoding="utf-8")
    before = sorted(p.name for p in (ROOT / "data" / "articles").iterdir())
    out = io.StringIO()
    found = checks.run(Project(ROOT), tmp_path / "split", tmp_path / "work", out, details=True)
    assert [(c.article, c.family) for c in found] == [("fr-kz-accord-musees", "undertaking"),
                                                      ("fr-kz-accord-musees", "undertaking-domain")]
    passed = sum(c.passed for c in found)
    assert f"checks passed (split): {passed}/2" in out.getvalue()
    claims = (tmp_path / "work" / "project" / "data" / "articles" / "fr-kz-accord-musees" / "claims.trig")
    assert "review:accepted" in claims.read_text(encoding="utf-8")
    assert (tmp_path / "work" / "project" / "build" / "kg.trig").is_file()
    assert sorted(p.name for p in (ROOT / "data" / "articles").iterdir()) == before
