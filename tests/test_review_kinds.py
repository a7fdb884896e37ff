"""A new entity proposed under the wrong family (a place's name proposed as a person) is given its right kind on
its card: its IRI is minted anew under that kind and every claim of the article that referred to it follows
(issue 20: "every field the build requires (…, a new entity's kind, …) editable")."""

from __future__ import annotations

from pathlib import Path

import pytest
from test_review_page import ARTICLE, annotations, claims_file, has, make_page_project, page_for, quads, settle

from kg import namespaces as ns
from kg.errors import KgError
from kg.project import Project
from kg.review import Session

MEDINA = ns.entity("person", "medina")
PLACE = ns.entity("place", "medina")


def person_for_a_place(root: Path) -> Project:
    """The page's fixture where the signing took place at "Médina", which the extractor proposed as a person,
    and "Paris" too (a place the data has under that name)."""
    proj = make_page_project(root)
    path = claims_file(proj)
    text = path.read_text(encoding="utf-8").replace("cd:location place:rabat .", "cd:location person:medina .")
    text += ("\nclaim:person-medina {\n    person:medina a cd:Person ;\n        rdfs:label \"Médina\"@fr .\n}\n"
             + annotations("person-medina", "Rabat", "0.50", "fr/entity/new-name")
             + "\nclaim:person-paris {\n    person:paris a cd:Person ;\n        rdfs:label \"Paris\"@fr .\n}\n"
             + annotations("person-paris", "Paris", "0.50", "fr/entity/new-name"))
    path.write_text(text, encoding="utf-8")
    return proj


@pytest.fixture
def proj(tmp_path: Path) -> Project:
    return person_for_a_place(tmp_path / "proj")


def test_a_new_person_made_a_place_is_renamed_in_every_claim_checked_and_undone(proj):
    s = Session(proj, ARTICLE, "A")
    card = next(c for c in s.state()["candidates"] if c["id"] == "person-medina")
    assert ns.CD + "Place" in card["kinds"] and ns.CD + "City" in card["kinds"]  # across families, from the ontology
    before = claims_file(proj).read_bytes()
    s.correct("person-medina", {"set": "kind", "value": ns.CD + "Place"})
    event = ns.entity("event", "ma-sn-signing")
    assert has(proj, event, ns.CD + "location", PLACE) and has(proj, PLACE, ns.RDF + "type", ns.CD + "Place")
    assert not any(MEDINA in (q.subject.value, q.object.value) for q in quads(proj))
    text = claims_file(proj).read_text(encoding="utf-8")
    memorandum = before.decode("utf-8").split("# The memorandum")[1].split("claim:signing")[0]
    assert memorandum in text  # an untouched claim keeps its hand-written form
    after = claims_file(proj).read_bytes()
    # a claim that needs a place refuses a person (as the build would), and nothing changes
    with pytest.raises(KgError, match="build would refuse"):
        s.correct("person-medina", {"set": "kind", "value": ns.CD + "Person"})
    assert claims_file(proj).read_bytes() == after
    # a name another thing has under the new kind is merged, not minted twice
    with pytest.raises(KgError, match="place:paris exists already"):
        s.correct("person-paris", {"set": "kind", "value": ns.CD + "City"})
    assert claims_file(proj).read_bytes() == after
    s.undo()
    assert claims_file(proj).read_bytes() == before


@pytest.mark.parametrize("named", [PLACE, MEDINA])
def test_a_thing_another_article_names_keeps_its_kind_here(proj, named):
    # another article's claims name the place (a rename here would join two things when built) or the person (a
    # rename here alone would split one thing in two): refused, and nothing changes
    other = claims_file(proj).parent.parent / "another-report"
    other.mkdir()
    (other / "claims.trig").write_text(f"@prefix cd: <{ns.CD}> .\n@prefix {named.split('/')[-2]}: "
                                       f"<{named.rsplit('/', 1)[0]}/> .\n# written by hand\n"
                                       f"<{ns.ID}claim/x> {{ {ns.shorten(named)} a cd:Place . }}\n", encoding="utf-8")
    before = claims_file(proj).read_bytes()
    with pytest.raises(KgError, match="named by other articles too \\(another-report\\)"):
        Session(proj, ARTICLE, "A").correct("person-medina", {"set": "kind", "value": ns.CD + "Place"})
    assert claims_file(proj).read_bytes() == before


def test_on_the_page_a_person_proposed_for_a_place_becomes_a_place_on_its_card(proj):
    event = ns.entity("event", "ma-sn-signing")
    with page_for(proj) as page:
        card = page.locator("#cand-person-medina")
        card.locator("[data-role=kind]").select_option(ns.CD + "Place")
        settle(page, lambda: has(proj, event, ns.CD + "location", PLACE))
        page.locator("#cand-person-medina [data-role=kind]").wait_for()
        assert page.locator("#cand-person-medina [data-role=kind]").input_value() == ns.CD + "Place"
    assert has(proj, PLACE, ns.RDF + "type", ns.CD + "Place")
    assert not any(MEDINA in (q.subject.value, q.object.value) for q in quads(proj))


def test_checking_a_change_as_the_build_would_leaves_the_last_build_s_keys_alone(proj):
    from kg.build import build

    build(proj)
    keys = proj.build / "cache" / "context-keys"
    assert keys.is_file()
    before = keys.read_bytes()
    s = Session(proj, ARTICLE, "A")
    s.correct("person-medina", {"set": "kind", "value": ns.CD + "Place"})  # checked by a trial build of a copy
    assert has(proj, PLACE, ns.RDF + "type", ns.CD + "Place")
    assert keys.read_bytes() == before
