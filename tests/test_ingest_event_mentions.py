"""Per-pattern tests of one event, one proposal in `kg ingest` (issue 18): a headline and its lead, a photo
caption and a later definite mention ("the opening", "l'inauguration") name again an event the article
reports, and who such a mention says attended took part in it; a role word that is a named person's own
title is not another person; a meeting whose subject is named is not a visitor's. Every sentence is our own,
written for the test (no article's words)."""

from __future__ import annotations

import functools

import pytest

from kg import namespaces as ns

from conftest import values

CD = ns.CD


@pytest.fixture
def run(propose):
    return functools.partial(propose, kind="event")


def person(name: str) -> str:
    return ns.entity("person", ns.slugify(name))


@pytest.mark.parametrize("lang, text", [
    ("fr", "Rencontre entre Karim Tazi et Anjali Mehta à Tunis\n\nKarim Tazi a reçu mardi Anjali Mehta à Tunis "
           "pour parler des musées.\n"),
    ("en", "Karim Tazi meets Anjali Mehta in Tunis\n\nKarim Tazi met Anjali Mehta in Tunis on Tuesday to talk "
           "about museums.\n"),
])
def test_a_headline_and_its_lead_are_one_event(run, lang, text):
    found = run(text, lang)
    assert len(found) == 1, [c.evidence for c in found]
    assert all("musée" in e or "museums" in e for e in found[0].evidence)  # the lead's words, not the headline's
    assert values(found[0], "participant") == {person("Karim Tazi"), person("Anjali Mehta")}


@pytest.mark.parametrize("lang, text", [
    ("fr", "Karim Tazi a inauguré le 14 mai à Tunis le nouveau musée de la musique.\n\nInauguration du musée, "
           "le 14 mai à Tunis.\n"),
    ("en", "Karim Tazi opened the new music museum in Tunis on 14 May.\n\nOpening ceremony of the museum, 14 May, "
           "Tunis.\n"),
])
def test_a_caption_on_the_same_day_at_the_same_place_is_the_same_event(run, lang, text):
    found = run(text, lang)
    assert len(found) == 1, [c.evidence for c in found]
    assert values(found[0], "date") == {"2024-05-14"}


@pytest.mark.parametrize("lang, text", [
    ("fr", "Karim Tazi a inauguré mardi à Tunis le nouveau musée de la musique.\n\nAssistaient à l'inauguration "
           "Anjali Mehta et Laila Bennani.\n"),
    ("en", "Karim Tazi opened the new music museum in Tunis on Tuesday.\n\nAnjali Mehta and Laila Bennani "
           "attended the opening.\n"),
])
def test_who_attended_a_mentioned_event_took_part_in_it(run, lang, text):
    found = run(text, lang)
    assert len(found) == 1, [c.evidence for c in found]
    assert values(found[0], "participant") == {person("Karim Tazi"), person("Anjali Mehta"),
                                               person("Laila Bennani")}


@pytest.mark.parametrize("lang, text", [
    ("fr", "Karim Tazi a rencontré Anjali Mehta à Tunis lundi.\n\nLa rencontre avec Laila Bennani a eu lieu "
           "vendredi à Rabat.\n"),
    ("en", "Karim Tazi met Anjali Mehta in Tunis on Monday.\n\nThe meeting with Laila Bennani took place in Rabat "
           "on Friday.\n"),
])
def test_a_definite_mention_with_its_own_day_and_place_is_another_event(run, lang, text):
    assert len(run(text, lang)) == 2


@pytest.mark.parametrize("lang, text", [
    ("fr", "Le chef de l'État tunisien, Karim Tazi, a présidé mardi à Tunis l'ouverture du festival.\n\n"
           "Le Chili, dont le président est Pablo Reyes, n'était pas représenté.\n"),
    ("en", "The president, Karim Tazi, opened the music festival in Tunis on Tuesday.\n\n"
           "Chile, whose president is Pablo Reyes, sent no one.\n"),
])
def test_a_role_that_is_the_named_persons_title_is_not_someone_else(run, lang, text):
    found = [c for c in run(text, lang) if person("Karim Tazi") in values(c, "participant")]
    assert found
    assert all(person("Pablo Reyes") not in values(c, "participant") for c in found)


@pytest.mark.parametrize("lang, text", [
    ("fr", "Anjali Mehta est en visite au Chili cette semaine.\n\nL'an dernier, Karim Tazi a rencontré le recteur "
           "de l'université.\n"),
    ("en", "Anjali Mehta is visiting Chile this week.\n\nLast year Karim Tazi met the rector of the "
           "university.\n"),
])
def test_a_meeting_whose_subject_is_named_is_not_the_visitors(run, lang, text):
    found = [c for c in run(text, lang) if person("Karim Tazi") in values(c, "participant")]
    assert found
    assert all(person("Anjali Mehta") not in values(c, "participant") for c in found)


# ---- list items under a heading; exhibitions -----------------------------------------------------------

@pytest.mark.parametrize("lang, text", [
    ("fr", "Le programme de la visite d'Anjali Mehta.\n\nParis\n- un entretien avec Karim Tazi sur les musées ;\n"
           "- une conférence à l'université.\n"),
    ("en", "What the minister's visit achieved.\n\nParis\n- talks with Karim Tazi on museums;\n"
           "- a lecture at the university.\n"),
])
def test_a_list_item_takes_the_city_its_heading_names(run, lang, text):
    talks = [c for c in run(text, lang) if person("Karim Tazi") in values(c, "participant")]
    assert len(talks) == 1
    assert values(talks[0], "location") == {ns.entity("place", "paris")}


@pytest.mark.parametrize("lang, text", [
    ("fr", "Ce qui est prévu :\n- le 3 juin, une cérémonie à Tunis ;\n- du 5 au 9 juillet, une exposition au "
           "Musée du Bardo.\n"),
    ("en", "What is planned:\n- on 3 June, a ceremony in Tunis;\n- from 5 to 9 July, an exhibition at the "
           "Bardo Museum.\n"),
])
def test_list_items_under_a_heading_that_says_planned_are_planned(run, lang, text):
    found = run(text, lang)
    assert len(found) == 2, [c.evidence for c in found]
    assert all(values(c, "status") == {ns.STATUS + "planned"} for c in found)


def test_a_show_of_works_is_an_exhibition_at_the_institution_named(run):
    text = ('Karim Tazi opened "Paris: Light and Stone", a show of painting and sculpture, on Tuesday, May 14, in '
            "Paris, at the Guimet Museum, the Tunisian Embassy said.\n")
    found = run(text, "en")
    show = [c for c in found if values(c, "location") and CD + "Exhibition" in {
        o for s, p, o in c.triples if p == ns.RDF + "type"}]
    assert len(show) == 1, [c.triples for c in found]
    assert values(show[0], "location") == {ns.entity("organization", "guimet-museum")}
    opening = [c for c in found if person("Karim Tazi") in values(c, "participant")]
    assert len(opening) == 1 and values(opening[0], "date") == {"2024-05-14"}  # the colon in the title ends nothing


def test_a_show_of_support_is_not_an_exhibition(run):
    found = run("Karim Tazi met Anjali Mehta in Tunis on Tuesday in a show of support for the museum.\n", "en")
    assert all(CD + "Exhibition" not in {o for s, p, o in c.triples if p == ns.RDF + "type"} for c in found)


# ---- a transfer named again ---------------------------------------------------------------------------------

def transfers(candidates) -> list:
    return [c for c in candidates if c.kind == "undertaking" and values(c, "transferredObject")]


@pytest.mark.parametrize("lang, text", [
    ("en", "Norway handed back 12 bronze masks to Chile on Monday.\n\nThe masks were shown in Santiago, where "
           "Chile thanked the Norwegians who had given them back to Chile from Norway.\n"),
    ("fr", "La Norvège a restitué douze masques de bronze au Chili lundi.\n\nLes masques, restitués au Chili par "
           "la Norvège, ont été présentés à Santiago.\n"),
])
def test_a_transfer_of_the_objects_named_again_is_the_same_transfer(propose, lang, text):
    found = transfers(propose(text, lang))
    assert len(found) == 1, [c.evidence for c in found]
    assert len(found[0].evidence) == 2  # the later words are more evidence of it


def test_a_second_transfer_between_other_states_stays_apart(propose):
    text = ("Norway handed back 12 bronze masks to Chile on Monday.\n\nThe masks were then lent to Peru by "
            "Chile.\n")
    found = transfers(propose(text, "en"))
    assert len(found) == 2, [c.evidence for c in found]


@pytest.mark.parametrize("lang, text", [
    ("fr", "Le ministre a présenté le programme 2025 du centre culturel, qui comprend :\n• une exposition au Musée "
           "Guimet ;\n• un concert à Paris.\n"),
    ("en", "The minister presented the cultural centre's 2025 programme, which includes:\n• an exhibition at the "
           "Guimet Museum;\n• a concert in Paris.\n"),
])
def test_what_a_programme_lists_is_planned_in_its_year(run, lang, text):
    found = run(text, lang)
    assert len(found) == 2, [c.evidence for c in found]
    assert all(values(c, "status") == {ns.STATUS + "planned"} for c in found)
    assert all(values(c, "date") == {"2025"} for c in found)


def test_what_a_past_programme_listed_is_not_planned(run):
    text = ("The minister recalled the cultural centre's 2019 programme, which included:\n• an exhibition at the "
            "Guimet Museum;\n• a concert in Paris.\n")
    found = run(text, "en")
    assert found
    assert all(ns.STATUS + "planned" not in values(c, "status") for c in found)


def test_a_speech_well_received_is_not_a_reception(run):
    text = ("Karim Tazi spoke at the music conference in Tunis on Tuesday, where his case for open museums was "
            "well received.\n")
    found = run(text, "en")
    assert found
    assert all(CD + "Meeting" not in {o for s, p, o in c.triples if p == ns.RDF + "type"} for c in found)
    received = run("Karim Tazi was received by Anjali Mehta in Tunis on Tuesday.\n", "en")
    assert received and all(CD + "Meeting" in {o for s, p, o in c.triples if p == ns.RDF + "type"}
                            for c in received)
