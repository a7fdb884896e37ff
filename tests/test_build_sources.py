"""Sources, review and identity in the build: what is published, what is left out, what is refused.

A claim is published only when accepted; pending and rejected ones are counted and left out. A status
is what one source says at its date (one per undertaking and claim graph). Entities live in one file
per kind, may be named in English only, and a merge is a recorded redirect, never a silent rename.
"""

from __future__ import annotations

import pyoxigraph as ox
import pytest

from kg import namespaces as ns
from kg import query as q
from kg.build import assemble, build, withheld_summary
from kg.build.validate import validate
from kg.errors import KgError
from kg.store import OxigraphEngine

from conftest import MINI_CLAIMS, PREFIXES, ROOT, make_mini_project, write

ACCEPTED_SIGNED = ('claim:signed cd:evidence "Alpha et Bêta signent un accord culturel" ;\n'
                   '    cd:reviewStatus review:accepted ; cd:reviewedBy "tester" ; '
                   'cd:reviewedAt "2026-11-25T18:00:00Z"^^xsd:dateTime ;')


def graphs(ds) -> set[str]:
    return {qd.graph_name.value for qd in ds.quads if isinstance(qd.graph_name, ox.NamedNode)}


def refused(tmp_path, claims: str) -> str:
    with pytest.raises(KgError) as e:
        assemble(make_mini_project(tmp_path, claims=claims))
    return str(e.value)


def test_only_accepted_claims_are_published_and_the_others_are_counted(tmp_path):
    pending = ('claim:signed cd:evidence "Alpha et Bêta signent un accord culturel" ;\n'
               '    cd:reviewStatus review:pending ;')
    claims = MINI_CLAIMS.replace(ACCEPTED_SIGNED, pending)
    claims = claims.replace('cd:reviewStatus review:accepted ; cd:reviewedBy "tester"',
                            'cd:reviewStatus review:rejected ; cd:reviewedBy "tester"')
    ds = assemble(make_mini_project(tmp_path, claims=claims))
    assert ds.withheld == {"pending": 1, "rejected": 1}
    assert withheld_summary(ds) == "published accepted claims only; left out 1 pending and 1 rejected"
    assert not any(g.startswith(ns.CLAIM) for g in graphs(ds))
    assert not any(qd.subject.value.startswith(ns.CLAIM) for qd in ds.quads)  # no provenance either


def test_accepted_claims_carry_their_review_and_activity_into_the_provenance_graph(mini):
    ds = assemble(mini)
    claim = ns.CLAIM + "mini/signed"
    said = {qd.predicate.value for qd in ds.quads if qd.subject.value == claim
            and qd.graph_name.value == ns.PROVENANCE_GRAPH}
    assert {ns.CD + "reviewStatus", ns.CD + "reviewedBy", ns.CD + "reviewedAt", ns.PROV + "wasGeneratedBy"} <= said
    assert any(qd.subject.value == ns.entity("activity", "hand-authoring-mini") for qd in ds.quads)
    assert validate(ds, mini) == []


@pytest.mark.parametrize("change, message", [
    (('cd:reviewStatus review:accepted ; cd:reviewedBy "tester" ; ', 'cd:reviewStatus review:accepted ; '),
     "needs one cd:reviewedBy (who) and one cd:reviewedAt"),
    (("cd:reviewStatus review:accepted ;", ""), "needs one cd:reviewStatus"),
    (("cd:reviewStatus review:accepted ;", "cd:reviewStatus review:pending ;"), "is pending: it has no cd:reviewedBy"),
    (("prov:wasGeneratedBy activity:hand-authoring-mini .", "prov:wasGeneratedBy activity:nobody ."),
     "needs one prov:wasGeneratedBy, an activity described in the same file"),
    (('cd:evidence "Une exposition commune a été proposée" ;',
      'cd:evidence "Une exposition commune a été proposée" ; prov:wasAttributedTo state:alpha ;'),
     "unexpected prov:wasAttributedTo beside a claim (on whose word: cd:accordingTo)"),
    (("cd:status status:proposed ;", "cd:status status:proposed , status:discussed ;"),
     "gives initiative:expo 2 statuses"),
])
def test_a_claim_with_broken_review_or_metadata_is_refused_naming_file_and_claim(tmp_path, change, message):
    old, new = change
    assert old in MINI_CLAIMS
    text = refused(tmp_path, MINI_CLAIMS.replace(old, new, 1))
    assert message in text and "claims.trig" in text


def test_an_entity_named_only_in_english_is_valid(tmp_path):
    project = make_mini_project(tmp_path)
    path = project.data / "entities" / "state.ttl"
    english_only = path.read_text(encoding="utf-8").replace('"Bêta"@fr , "Beta"@en', '"Beta"@en')
    path.write_text(english_only, encoding="utf-8")
    assert validate(assemble(project), project) == []


def test_an_entity_in_another_kind_s_file_or_an_unknown_kind_is_refused(tmp_path):
    project = make_mini_project(tmp_path)
    with (project.data / "entities" / "state.ttl").open("a", encoding="utf-8") as f:
        f.write('initiative:stray a cd:Initiative ; rdfs:label "stray"@en .\n')
    with pytest.raises(KgError, match="initiative:stray is not a state"):
        assemble(project)
    (project.data / "entities" / "things.ttl").write_text(PREFIXES, encoding="utf-8")
    with pytest.raises(KgError, match=r"things\.ttl: not a kind of entity"):
        assemble(project)


MERGE = PREFIXES + """
@prefix owl: <http://www.w3.org/2002/07/owl#> .
@prefix dcterms: <http://purl.org/dc/terms/> .
state:beta owl:sameAs state:alpha ;
    rdfs:comment "test: the same state under two names"@en ; dcterms:date "2026-11-25"^^xsd:date .
"""


def test_a_merge_publishes_claims_about_the_canonical_entity_and_keeps_the_redirect(tmp_path):
    project = make_mini_project(tmp_path)
    write(project.data / "entities" / "merges.ttl", MERGE)
    ds = assemble(project)
    beta, alpha = ns.entity("state", "beta"), ns.entity("state", "alpha")
    in_claims = [qd for qd in ds.quads if qd.graph_name.value.startswith(ns.CLAIM)]
    assert not any(beta in (qd.subject.value, qd.object.value) for qd in in_claims)
    assert any(qd.object.value == alpha and qd.predicate.value == ns.CD + "party" for qd in in_claims)
    redirect = ox.Quad(ox.NamedNode(beta), ox.NamedNode(ns.OWL + "sameAs"), ox.NamedNode(alpha),
                       ox.NamedNode(ns.ENTITIES_GRAPH))
    assert ds.quads.count(redirect) == 1  # read once, though followed after the articles are in
    assert validate(ds, project) == []


def test_a_merge_cycle_or_an_undocumented_merge_is_refused(tmp_path):
    project = make_mini_project(tmp_path)
    write(project.data / "entities" / "merges.ttl", MERGE + """
state:alpha owl:sameAs state:beta ;
    rdfs:comment "test: back again"@en ; dcterms:date "2026-11-25"^^xsd:date .
""")
    with pytest.raises(KgError, match="merges make a cycle: state:alpha → state:beta → state:alpha"):
        assemble(project)
    write(project.data / "entities" / "merges.ttl", MERGE.replace(' ;\n    rdfs:comment "test: the same state under '
                                                                  'two names"@en', ""))
    with pytest.raises(KgError, match="needs rdfs:comment"):
        assemble(project)


@pytest.mark.parametrize("old, new, message", [
    ("<http://purl.org/dc/terms/publisher> organization:gazette ;", "", "an article has one publisher"),
    ('"fr"^^<http://www.w3.org/2001/XMLSchema#language>', '"de"^^<http://www.w3.org/2001/XMLSchema#language>',
     "an article has one language"),
    ('"2024-11-05"^^xsd:date', '"5 novembre 2024"', "one publication date"),
    ('"2024-11-05"^^xsd:date', '"2999-01-01"^^xsd:date', "articles-not-in-future"),
])
def test_malformed_article_metadata_is_reported(tmp_path, old, new, message):
    project = make_mini_project(tmp_path)
    meta = project.data / "articles" / "mini" / "article.ttl"
    text = meta.read_text(encoding="utf-8")
    assert old in text
    meta.write_text(text.replace(old, new), encoding="utf-8")
    problems = validate(assemble(project), project)
    assert any(message in str(p) for p in problems), problems


def second_source(project, slug: str, issued: str, status: str) -> None:
    """Another article of the mini project reporting the joint exhibition with another status."""
    folder = project.data / "articles" / slug
    write(folder / f"{slug}.fr.txt", f"L’exposition commune est {status}.")
    write(folder / "article.ttl", PREFIXES + f"""
doc:{slug} a cd:NewsArticle ; rdfs:label "{slug}"@fr ; <http://purl.org/dc/terms/title> "{slug}"@fr ;
    <http://purl.org/dc/terms/language> "fr"^^xsd:language ;
    <http://purl.org/dc/terms/publisher> organization:gazette ; <http://purl.org/dc/terms/issued> {issued} .
""")
    write(folder / "claims.trig", PREFIXES.replace("/claim/mini/", f"/claim/{slug}/") + f"""
claim:expo {{ initiative:expo cd:status status:{status} . }}
claim:expo cd:evidence "L’exposition commune est {status}" ;
    cd:reviewStatus review:accepted ; cd:reviewedBy "tester" ; cd:reviewedAt "2026-11-25T18:00:00Z"^^xsd:dateTime ;
    prov:wasGeneratedBy activity:hand-authoring-{slug} .
activity:hand-authoring-{slug} a prov:Activity , cd:HandAuthoring ; rdfs:label "saisie"@fr .
""")


def test_status_history_is_oldest_first_and_status_now_flags_same_date_disagreement(tmp_path):
    project = make_mini_project(tmp_path)  # the mini article (2024-11-05) says the exhibition was proposed
    second_source(project, "later-a", '"2025-03"^^xsd:gYearMonth', "announced")
    second_source(project, "later-b", '"2025-03"^^xsd:gYearMonth', "declined")
    build(project)
    engine, library = OxigraphEngine.in_memory(project.dataset), q.library(ROOT / "queries")
    expo = ns.entity("initiative", "expo")
    history = [(r["status"].value.rsplit("/", 1)[1], r["issued"].value) for r in
               q.run(engine, library["status-history"]).rows if r["undertaking"].value == expo]
    assert history[0] == ("proposed", "2024-11-05") and sorted(history[1:]) == [("announced", "2025-03"),
                                                                               ("declined", "2025-03")]
    now = sorted((r["status"].value.rsplit("/", 1)[1], r["conflict"].value, r["source"].value.rsplit("/", 1)[1])
                 for r in q.run(engine, library["status-now"]).rows if r["undertaking"].value == expo)
    assert now == [("announced", "true", "later-a"), ("declined", "true", "later-b")]
    agreement = [r for r in q.run(engine, library["status-now"]).rows
                 if r["undertaking"].value == ns.entity("agreement", "accord")]
    assert [(r["status"].value, r["conflict"].value) for r in agreement] == [(ns.STATUS + "signed", "false")]
