"""Per-pattern tests of restitutions, returns and loans beyond their cue (issue 18, kg/ingest/transfers.py): a
capital standing for its state, an object named again by a common noun ("la statue") after its proper name, one
transfer told by two cues (the restitution's class wins over a return's), the noun « le retour de ». Every
sentence is our own, written for the test (no article's words); the objects are invented."""

from __future__ import annotations

from kg import namespaces as ns

from conftest import state, values

CD = ns.CD
TYPE = ns.RDF + "type"


def transfers(candidates) -> list:
    return [c for c in candidates if c.kind == "undertaking" and values(c, "transferredObject")]


def labels(c) -> set[str]:
    objects = values(c, "transferredObject")
    return {o.value for s, p, o in c.triples if s in objects and p == ns.RDFS + "label"}


def test_capitals_stand_for_their_states(propose):
    found = transfers(propose("Rome devra rendre à Tripoli le Trône de Garama.\n", "fr"))
    assert len(found) == 1
    assert values(found[0], "origin") == {state("italy")}
    assert values(found[0], "destination") == {state("libya")}


def test_an_object_named_again_by_a_common_noun_is_the_named_one(propose):
    text = ("Le Trône de Garama est exposé à Rome depuis 1930.\n\n"
            "L'Italie restituera la statue à la Libye l'an prochain.\n")
    found = transfers(propose(text, "fr"))
    assert len(found) == 1
    assert labels(found[0]) == {"Trône de Garama"}


def test_one_transfer_told_by_two_cues_is_one_restitution(propose):
    text = ("L'Italie annonce le retour du Trône de Garama en Libye\n\n"
            "La justice italienne a ordonné à l'Italie de restituer la statue à la Libye.\n")
    found = transfers(propose(text, "fr"))
    assert len(found) == 1, [c.evidence for c in found]
    assert {o for s, p, o in found[0].triples if p == TYPE and s == found[0].triples[0][0]} == {CD + "Restitution"}
    assert len(found[0].evidence) == 2


def test_the_return_of_a_person_is_no_transfer(propose):
    assert transfers(propose("Le retour du ministre à Rome est prévu pour le 3 mai.\n", "fr")) == []


def status_of(c) -> set:
    return values(c, "status")


def test_a_transfer_told_in_the_past_tense_is_implemented(propose):
    found = transfers(propose("Hungary returned twelve bronze statues to Senegal on 3 March.\n", "en"))
    assert len(found) == 1
    assert status_of(found[0]) == {ns.STATUS + "implemented"}


def test_a_transfer_to_come_is_announced_not_implemented(propose):
    found = transfers(propose("Hungary will return twelve bronze statues to Senegal next year.\n", "en"))
    assert len(found) == 1
    assert status_of(found[0]) == {ns.STATUS + "announced"}
