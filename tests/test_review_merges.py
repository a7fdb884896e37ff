"""Merges made while reviewing (issue 21, items 1, 2 and 6): never lost, never half-applied, never between
unrelated kinds. The interleavings and the kill are injected at a chosen step, not left to timing."""

from __future__ import annotations

import shutil
import threading
from pathlib import Path

import pyoxigraph as ox
import pytest
from test_review import ARTICLE, make_project

from kg import namespaces as ns
from kg.cli import main
from kg.errors import KgError
from kg.merges import JOURNAL
from kg.project import Project
from kg.review import Session

from conftest import PREFIXES, make_mini_project, write

OTHER = "fixture-other"
SAME_AS = ns.OWL + "sameAs"


def person(slug: str) -> str:
    return ns.entity("person", slug)


def two_articles(root: Path) -> Project:
    """The review fixture with a second article; each names a different published person that a reviewer
    will find to be Gaïa Gamma."""
    proj = make_project(root)
    entities = proj.data / "entities" / "state.ttl"
    entities.write_text(entities.read_text(encoding="utf-8")
                        + 'person:gg-older a cd:Person ; rdfs:label "Gaia G."@fr .\n', encoding="utf-8")
    one = proj.data / "articles" / ARTICLE
    one_claims = one / "claims.trig"
    one_claims.write_text(one_claims.read_text(encoding="utf-8").replace("person:g-gamma ,", "person:g-gamma-old ,"),
                          encoding="utf-8")
    two = proj.data / "articles" / OTHER
    shutil.copytree(one, two)
    (two / f"{ARTICLE}.fr.txt").rename(two / f"{OTHER}.fr.txt")
    for name in ("claims.trig", "article.ttl"):
        path = two / name
        path.write_text(path.read_text(encoding="utf-8").replace(ARTICLE, OTHER)
                        .replace("person:g-gamma-old ,", "person:gg-older ,"), encoding="utf-8")
    return proj


def recorded(proj: Project) -> dict[str, str]:
    path = proj.data / "entities" / "merges.ttl"
    if not path.is_file():
        return {}
    return {q.subject.value: q.object.value for q in ox.parse(path.read_bytes(), format=ox.RdfFormat.TURTLE)
            if q.predicate.value == SAME_AS}


def meeting_participants(proj: Project, article: str) -> set[str]:
    path = proj.data / "articles" / article / "claims.trig"
    return {q.object.value for q in ox.parse(path.read_bytes(), format=ox.RdfFormat.TRIG)
            if q.predicate.value == ns.CD + "participant"}


@pytest.fixture
def proj(tmp_path: Path) -> Project:
    return two_articles(tmp_path / "proj")


# --- item 1: two reviewers merging in two articles at once ------------------------------------------------

def test_two_merges_in_two_articles_at_once_are_both_recorded(proj, monkeypatch):
    """Reviewer A has read merges.ttl and is about to write it when reviewer B merges in another article:
    before, B's record was lost (A wrote the file from its old copy); now B waits for A, then adds its own."""
    a, b = Session(proj, ARTICLE, "A"), Session(proj, OTHER, "B")
    original = Session._redirect
    other: list[threading.Thread] = []
    errors: list[BaseException] = []

    def b_merges() -> None:
        try:
            b.correct("gamma-meeting", {"merge": person("gg-older"), "into": person("gaia-gamma")})
        except BaseException as e:
            errors.append(e)

    def interleaved(self, old: str, into: str) -> bytes:
        data = original(self, old, into)  # A has read merges.ttl and holds its new text
        if self is a and not other:
            other.append(threading.Thread(target=b_merges))
            other[0].start()
            other[0].join(2)  # B runs to its end here, unless something makes it wait for A
        return data

    monkeypatch.setattr(Session, "_redirect", interleaved)
    a.correct("gamma-meeting", {"merge": person("g-gamma-old"), "into": person("gaia-gamma")})
    other[0].join(30)
    assert not errors, errors
    assert recorded(proj) == {person("g-gamma-old"): person("gaia-gamma"), person("gg-older"): person("gaia-gamma")}
    assert person("gaia-gamma") in meeting_participants(proj, ARTICLE) & meeting_participants(proj, OTHER)


# --- item 2: a merge killed between its two renames ------------------------------------------------------

class Killed(BaseException):
    """Stands for kill -9: not an Exception, so no handler of the program catches it."""


def test_a_merge_killed_between_its_two_renames_is_finished_by_the_next_command(proj, monkeypatch):
    import os

    real_replace = os.replace

    def replace(src, dst, *args, **kwargs):
        if Path(dst).name == "merges.ttl":
            raise Killed  # the claims are renamed already; merges.ttl is not
        return real_replace(src, dst, *args, **kwargs)

    monkeypatch.setattr(os, "replace", replace)
    with pytest.raises(Killed):
        Session(proj, ARTICLE, "A").correct("gamma-meeting", {"merge": person("g-gamma-old"),
                                                                "into": person("gaia-gamma")})
    monkeypatch.setattr(os, "replace", real_replace)
    assert person("gaia-gamma") in meeting_participants(proj, ARTICLE)  # half-applied: the claims only
    # the next command, whatever it is (here: listing another article's claims), finishes the merge
    Session(proj, OTHER, "B").list()
    assert recorded(proj) == {person("g-gamma-old"): person("gaia-gamma")}
    assert not (proj.data / "entities" / JOURNAL).exists()
    assert person("g-gamma-old") not in meeting_participants(proj, ARTICLE)


def test_a_merge_killed_before_its_journal_is_written_changes_nothing(proj, monkeypatch):
    import os

    before = (proj.data / "articles" / ARTICLE / "claims.trig").read_bytes()
    real_replace = os.replace

    def replace(src, dst, *args, **kwargs):
        if Path(dst).name == JOURNAL:
            raise Killed
        return real_replace(src, dst, *args, **kwargs)

    monkeypatch.setattr(os, "replace", replace)
    with pytest.raises(Killed):
        Session(proj, ARTICLE, "A").correct("gamma-meeting", {"merge": person("g-gamma-old"),
                                                                "into": person("gaia-gamma")})
    monkeypatch.setattr(os, "replace", real_replace)
    Session(proj, ARTICLE, "B").list()
    assert (proj.data / "articles" / ARTICLE / "claims.trig").read_bytes() == before
    assert recorded(proj) == {}


def test_the_build_finishes_a_half_applied_merge_before_reading(tmp_path, monkeypatch, capsys):
    import os

    from test_review_page import ARTICLE as PAGE
    from test_review_page import make_page_project

    page = make_page_project(tmp_path / "page")
    people = page.data / "entities" / "person.ttl"
    people.write_text(people.read_text(encoding="utf-8")
                      + f'person:gg-old a cd:Person ; rdfs:label "G. G."@fr ; cd:firstMetIn doc:{PAGE} .\n',
                      encoding="utf-8")
    claims = page.data / "articles" / PAGE / "claims.trig"
    claims.write_text(claims.read_text(encoding="utf-8").replace("cd:signatory person:gaia-gamma",
                                                                 "cd:signatory person:gg-old"), encoding="utf-8")
    real_replace = os.replace

    def replace(src, dst, *args, **kwargs):
        if Path(dst).name == "merges.ttl":
            raise Killed
        return real_replace(src, dst, *args, **kwargs)

    monkeypatch.setattr(os, "replace", replace)
    with pytest.raises(Killed):
        Session(page, PAGE, "A").correct("memorandum", {"merge": person("gg-old"), "into": person("gaia-gamma")})
    monkeypatch.setattr(os, "replace", real_replace)
    assert (page.data / "entities" / JOURNAL).is_file() and recorded(page) == {}
    monkeypatch.setenv("KG_ROOT", str(page.root))
    monkeypatch.chdir(page.root)
    assert main(["build", "--strict"]) == 0, capsys.readouterr().err
    assert recorded(page) == {person("gg-old"): person("gaia-gamma")}
    assert not (page.data / "entities" / JOURNAL).exists()


# --- item 6: merges between unrelated kinds --------------------------------------------------------------

MERGE_PERSON_INTO_STATE = PREFIXES + """\
@prefix owl: <http://www.w3.org/2002/07/owl#> .
@prefix dcterms: <http://purl.org/dc/terms/> .
person:someone owl:sameAs state:alpha ; rdfs:comment "merged by hand"@en ; dcterms:date "2026-11-30"^^xsd:date .
"""


def test_the_build_refuses_a_person_merged_into_a_state(tmp_path, monkeypatch, capsys):
    mini = make_mini_project(tmp_path / "mini")
    write(mini.data / "entities" / "person.ttl", PREFIXES + 'person:someone a cd:Person ; rdfs:label "Someone"@fr ; '
          "cd:firstMetIn doc:mini .\n")
    monkeypatch.setenv("KG_ROOT", str(mini.root))
    monkeypatch.chdir(mini.root)
    assert main(["build", "--strict"]) == 0  # the project builds as it is
    capsys.readouterr()
    write(mini.data / "entities" / "merges.ttl", MERGE_PERSON_INTO_STATE)
    assert main(["build", "--strict"]) != 0
    err = capsys.readouterr().err
    line = MERGE_PERSON_INTO_STATE.splitlines().index(MERGE_PERSON_INTO_STATE.splitlines()[-1]) + 1
    assert f"merges.ttl:{line}:" in err
    assert "person:someone (cd:Person) cannot be merged into state:alpha (cd:State)" in err


def test_the_build_accepts_a_city_merged_into_a_place(tmp_path, monkeypatch, capsys):
    mini = make_mini_project(tmp_path / "mini")
    write(mini.data / "entities" / "place.ttl", PREFIXES + """\
@prefix place: <https://w3id.org/cdkg/id/place/> .
place:rabat-city a cd:City ; rdfs:label "Rabat"@fr ; cd:firstMetIn doc:mini .
place:rabat a cd:Place ; rdfs:label "Rabat (lieu)"@fr ; cd:firstMetIn doc:mini .
""")
    write(mini.data / "entities" / "merges.ttl", PREFIXES + """\
@prefix owl: <http://www.w3.org/2002/07/owl#> .
@prefix dcterms: <http://purl.org/dc/terms/> .
@prefix place: <https://w3id.org/cdkg/id/place/> .
place:rabat-city owl:sameAs place:rabat ; rdfs:comment "one place"@en ; dcterms:date "2026-11-30"^^xsd:date .
""")
    monkeypatch.setenv("KG_ROOT", str(mini.root))
    monkeypatch.chdir(mini.root)
    assert main(["build", "--strict"]) == 0, capsys.readouterr().err


def test_review_refuses_to_merge_a_state_into_a_person_and_changes_nothing(proj):
    path = proj.data / "articles" / ARTICLE / "claims.trig"
    before = path.read_bytes()
    s = Session(proj, ARTICLE, "A")
    with pytest.raises(KgError, match=r"cannot be merged into Gaïa Gamma \(person:gaia-gamma\): unrelated kinds"):
        s.correct("gamma-meeting", {"merge": ns.entity("state", "beta"), "into": person("gaia-gamma")})
    assert path.read_bytes() == before and recorded(proj) == {}


# --- issue 20, item 1: a merge never overwrites the target's labels; undo puts the files back -------------

def test_a_merged_new_entity_gives_its_name_as_another_name_not_a_second_label(proj):
    path = proj.data / "articles" / ARTICLE / "claims.trig"
    before = path.read_bytes()
    s = Session(proj, ARTICLE, "A")
    s.correct("exhibition-proposed", {"merge": person("g-gamma"), "into": person("gaia-gamma")})
    quads = list(ox.parse(path.read_bytes(), format=ox.RdfFormat.TRIG))
    about_target = {(q.predicate.value, q.object.value) for q in quads if q.subject.value == person("gaia-gamma")}
    assert (ns.RDFS + "label", "G. Gamma") not in about_target  # before: Gaïa Gamma had two French labels
    assert (ns.SKOS + "altLabel", "G. Gamma") in about_target
    assert s.terms.label(person("gaia-gamma")) == "Gaïa Gamma"
    assert s.undo() == "exhibition-proposed: merge"
    assert path.read_bytes() == before
    with pytest.raises(KgError, match="nothing to undo"):
        s.undo()


def test_undo_of_a_redirect_removes_the_merges_file_it_created(proj):
    s = Session(proj, ARTICLE, "A")
    s.correct("gamma-meeting", {"merge": person("g-gamma-old"), "into": person("gaia-gamma")})
    assert recorded(proj)
    s.undo()
    assert not (proj.data / "entities" / "merges.ttl").exists()
    assert person("g-gamma-old") in meeting_participants(proj, ARTICLE)


def test_undo_refuses_when_the_file_changed_since(proj):
    s = Session(proj, ARTICLE, "A")
    s.decide(["gamma-meeting"], "accepted")
    Session(proj, ARTICLE, "B").decide(["agreement-signed"], "rejected")
    with pytest.raises(KgError, match="changed since"):
        s.undo()


# --- issue 20, item 4: a decision keeps the hand-written file's formatting but for the claim it touches ---

def test_a_decision_rewrites_only_the_claim_it_touches_in_a_hand_written_file(proj):
    from test_review import ROOT

    seed = ROOT / "data" / "articles" / "kz-fr-culture-agreements"
    shutil.copytree(seed, proj.data / "articles" / seed.name)
    path = proj.data / "articles" / seed.name / "claims.trig"
    # hand-written habits render_claims would change: aligned columns, a trailing comment, spacing
    text = path.read_text(encoding="utf-8")
    first = text.index("\n", text.index("@prefix")) + 1
    text = text[:first] + "# a hand-written note\n\n\n" + text[first:]
    text = text.replace(" ;\n", "  ;\n", 3)
    path.write_text(text, encoding="utf-8")
    s = Session(proj, seed.name, "Ada")
    target = s.list()[1]
    s.decide([target.id], "accepted", when="2026-11-25T18:30:00Z")
    after = path.read_text(encoding="utf-8")
    old_lines, new_lines = text.splitlines(), after.splitlines()
    import difflib

    changed = [line for line in difflib.unified_diff(old_lines, new_lines, lineterm="", n=0)
               if line[:1] in "+-" and not line.startswith(("+++", "---"))]
    assert changed, "the decision was written"
    # every changed line belongs to the touched claim's block
    start = next(i for i, line in enumerate(new_lines) if line.startswith(f"claim:{target.id} "))
    block = set(new_lines[start:start + 40])
    assert all(line[1:] in block or line.startswith("-") for line in changed)
    assert len([line for line in changed if line.startswith("-")]) <= 12
    assert "# a hand-written note" in after and "\n\n\n" in after


def test_a_new_city_merged_into_paris_and_accepted_is_published_by_a_strict_build(tmp_path, monkeypatch, capsys):
    """Issue 20, item 1: before, Paris gained the new city's label and the build left the whole article out."""
    from test_review_page import ARTICLE as PAGE
    from test_review_page import make_page_project

    page = make_page_project(tmp_path / "page")
    s = Session(page, PAGE, "A")
    s.correct("city-paris", {"merge": ns.entity("place", "paris-new"), "into": ns.entity("place", "paris")})
    s.decide(["city-paris", "memorandum", "signing"], "accepted")
    assert s.blockers() == []
    monkeypatch.setenv("KG_ROOT", str(page.root))
    monkeypatch.chdir(page.root)
    assert main(["build", "--strict"]) == 0, capsys.readouterr().err
    built = list(ox.parse((page.build / "kg.trig").read_bytes(), format=ox.RdfFormat.TRIG))
    paris = [q.object.value for q in built if q.subject.value == ns.entity("place", "paris")
             and q.predicate.value == ns.RDFS + "label" and q.object.language == "fr"]
    assert paris == ["Paris"]
    assert any(q.subject.value == ns.entity("agreement", "ma-sn-heritage") for q in built)  # the article is in


def test_comments_inside_a_rewritten_claim_stay_beside_what_they_were_about(tmp_path):
    """Issue 20: a correction rewrote the claim's block from its statements, and every comment inside it was lost."""
    from test_review_page import ARTICLE as PAGE
    from test_review_page import make_page_project

    page = make_page_project(tmp_path / "page")
    path = page.data / "articles" / PAGE / "claims.trig"
    text = path.read_text(encoding="utf-8")
    text = text.replace("        cd:status status:signed ;\n",
                        "        # the verb is « ont signé »\n        cd:status status:signed ;  # not « annoncé »\n")
    text = text.replace("claim:signing {\n", "claim:signing {  # the signing itself\n    # dated by the text\n")
    text = text.replace("        cd:location place:rabat .\n}",
                        "        cd:location place:rabat .\n    # last words\n}")
    text = text.replace('claim:signing cd:evidence "le 3 mars 2024 à Rabat" ;',
                        'claim:signing cd:evidence "le 3 mars 2024 à Rabat" ;  # a quote of the dateline')
    text = text.replace("        cd:signatory person:gaia-gamma ;\n",
                        "        # the minister signed\n        cd:signatory person:gaia-gamma ;\n")
    path.write_text(text, encoding="utf-8")
    s = Session(page, PAGE, "A")
    s.correct("memorandum", {"set": "status", "value": ns.STATUS + "proposed"})
    s.correct("memorandum", {"link": [ns.entity("agreement", "ma-sn-heritage"), ns.CD + "signatory",
                                      ns.entity("person", "gaia-gamma")], "value": ""})  # its comment's statement
    s.correct("signing", {"literal": [ns.entity("event", "ma-sn-signing"), ns.CD + "date", "2024-03-03"],
                          "value": "2024-03-04"})
    s.decide(["signing", "memorandum"], "accepted")
    after = path.read_text(encoding="utf-8")
    lines = [line.strip() for line in after.splitlines()]
    status = next(i for i, line in enumerate(lines) if line.startswith("cd:status status:proposed"))
    assert lines[status - 1] == "# the verb is « ont signé »" and lines[status].endswith("# not « annoncé »")
    assert "claim:signing { # the signing itself" in after
    opened = lines.index("claim:signing { # the signing itself")
    assert lines[opened + 1] == "# dated by the text" and lines[opened + 2].startswith("event:ma-sn-signing a")
    assert lines[lines.index("# last words") + 1] == "}"
    assert "# a quote of the dateline" in after and "# the minister signed" in after  # its statement is gone
    assert not any(q.predicate.value == ns.CD + "signatory" for q in
                   ox.parse(path.read_bytes(), format=ox.RdfFormat.TRIG))
