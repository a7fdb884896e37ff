"""Per-pattern tests of events and transfers in `kg ingest` (issue 18): meetings and visits (who, whom,
where, when), whether they took place (the event statuses of the ontology), and restitutions, returns and
loans of cultural objects. Every sentence is our own, written for the test (no article's words)."""

from __future__ import annotations

import pytest
from test_wikidata import copy_project  # ontology, data and queries: what kg build reads

from kg import namespaces as ns
from kg.build import build
from kg.ingest import IngestOptions, ingest
from kg.review import Session

from conftest import state, values

CD, STATUS = ns.CD, ns.STATUS
TYPE = ns.RDF + "type"
ISSUED = "2024-05-15"  # a Wednesday


@pytest.fixture
def run(propose):
    return propose


def classes(c) -> set[str]:
    return {o for s, p, o in c.triples if p == TYPE and s == c.triples[0][0]}


def events(candidates) -> list:
    return [c for c in candidates if c.kind == "event"]


def transfers(candidates) -> list:
    return [c for c in candidates if c.kind == "undertaking" and values(c, "transferredObject")]


def person(name: str) -> str:
    return ns.entity("person", ns.slugify(name))


def one(found: list):
    assert len(found) == 1, [c.triples for c in found]
    return found[0]


# ---- meetings and visits: who, whom, where, when ---------------------------------------------------

@pytest.mark.parametrize("lang, text, date", [
    ("fr", "Le président Karim Tazi a reçu dimanche Anjali Mehta au palais présidentiel à Tunis.\n", "2024-05-12"),
    ("en", "Anjali Mehta was received by Karim Tazi in Tunis on Tuesday.\n", "2024-05-14"),
    ("fr", "Karim Tazi s'est entretenu avec Anjali Mehta à Tunis le 3 mai.\n", "2024-05-03"),
])
def test_a_meeting_held_names_both_sides_the_city_and_the_day(run, lang, text, date):
    c = one(events(run(text, lang)))
    assert classes(c) == {CD + "Meeting"}
    assert values(c, "participant") == {person("Karim Tazi"), person("Anjali Mehta")}
    assert values(c, "location") == {ns.entity("place", "tunis")}
    assert values(c, "date") == {date}
    assert not values(c, "status")  # held only where the text says so ("took place")


@pytest.mark.parametrize("lang, text, host", [
    ("fr", "Le président marocain Karim Tazi a reçu mardi Anjali Mehta à Rabat.\n", "morocco"),
    ("en", "Anjali Mehta was received by Karim Tazi, Chile's president, in Santiago on Tuesday.\n", "chile"),
])
def test_the_state_of_who_receives_hosts_the_meeting(run, lang, text, host):
    c = one(events(run(text, lang)))
    assert values(c, "host") == {state(host)}
    assert values(c, "participant") == {person("Karim Tazi"), person("Anjali Mehta")}


@pytest.mark.parametrize("lang, text, cls, date", [
    ("en", "Karim Tazi visited Chile last month.\n", "Visit", "2024-04"),
    ("en", "Karim Tazi paid a state visit to Chile in February 2023.\n", "StateVisit", "2023-02"),
    ("fr", "Anjali Mehta s'est rendue au Chili en visite officielle du 6 au 8 mai 2024.\n", "OfficialVisit",
     "2024-05-06"),
    ("fr", "Anjali Mehta, en visite au Chili, a inauguré une école l'an dernier.\n", "Visit", "2023"),
])
def test_a_visit_names_its_visitor_its_host_country_and_its_date(run, lang, text, cls, date):
    c = one([e for e in events(run(text, lang)) if values(e, "visitor")])
    assert classes(c) == {CD + cls}
    assert values(c, "hostCountry") == {state("chile")}
    assert values(c, "date") == {date}


@pytest.mark.parametrize("lang, text", [
    ("fr", "La visite officielle de Anjali Mehta au Chili a été reportée.\n"),
    ("en", "The official visit of Anjali Mehta to Chile was postponed.\n"),
])
def test_the_visit_of_someone_names_that_person(run, lang, text):
    c = one(events(run(text, lang)))
    assert values(c, "visitor") == {person("Anjali Mehta")}
    assert values(c, "hostCountry") == {state("chile")}
    assert values(c, "status") == {STATUS + "postponed"}


def test_a_visitor_from_one_of_the_articles_two_states_visits_the_other(run):
    text = ("Le Chili et le Pérou renforcent leurs liens.\n\nAnjali Mehta, ministre du Pérou, dont la visite "
            "officielle dans le pays s'achève jeudi, a inauguré une école.\n")
    c = one([e for e in events(run(text, "fr")) if values(e, "visitor")])
    assert values(c, "visitor") == {person("Anjali Mehta")}
    assert values(c, "hostCountry") == {state("chile")}
    assert any("other state" in comment for comment in c.comments)


@pytest.mark.parametrize("lang, text", [
    ("fr", "Karim Tazi s'est rendu au Chili lundi. Le président, venu avec Anjali Mehta et Laila Bennani, a "
           "salué le gouvernement de Pablo Reyes.\n"),
    ("en", "Karim Tazi visited Chile on Monday, accompanied by Anjali Mehta and Laila Bennani, and praised the "
           "government of Pablo Reyes.\n"),
])
def test_who_came_with_a_visitor_took_part_in_the_visit(run, lang, text):
    c = one([e for e in events(run(text, lang)) if values(e, "visitor")])
    assert values(c, "visitor") == {person("Karim Tazi")}
    assert values(c, "participant") == {person("Anjali Mehta"), person("Laila Bennani")}


def test_talks_during_a_visit_are_the_visitors(run):
    text = ("Anjali Mehta is visiting Chile this week.\n\nSantiago\n- talks with Karim Tazi on museums;\n"
            "- a tribute at the war memorial.\n")
    found = events(run(text, "en"))
    visit = one([c for c in found if CD + "Visit" in classes(c)])
    talks = one([c for c in found if CD + "Meeting" in classes(c)])
    assert values(talks, "participant") == {person("Karim Tazi"), person("Anjali Mehta")}
    assert values(talks, "occasion") == {visit.triples[0][0]}


@pytest.mark.parametrize("lang, text", [
    ("fr", "Titre de l'article\n\nTUNIS, 14 mai 2024 – Karim Tazi s'est entretenu mardi avec Anjali Mehta.\n"),
    ("en", "TUNIS (Agency) – Karim Tazi held talks with Anjali Mehta on Tuesday.\n"),
])
def test_a_lead_meeting_with_no_place_took_place_at_the_dateline(run, lang, text):
    c = one(events(run(text, lang)))
    assert values(c, "location") == {ns.entity("place", "tunis")}
    assert any(e.startswith("TUNIS") for e in c.evidence)


def test_a_dateline_in_capitals_is_a_place_not_a_person(run):
    found = run("PORT LOUIS - At a ceremony on Monday, Karim Tazi and Anjali Mehta signed a memorandum.\n", "en")
    c = one(events(found))
    assert values(c, "location") == {ns.entity("place", "port-louis")}
    assert ns.entity("person", "port-louis") not in values(c, "participant")


def test_a_visit_in_the_lead_does_not_take_the_dateline(run):
    c = one(events(run("TUNIS, 14 mai 2024 – Karim Tazi s'est rendu au Chili lundi.\n", "fr")))
    assert not values(c, "location")
    assert values(c, "hostCountry") == {state("chile")}


@pytest.mark.parametrize("lang, text, date", [
    ("en", "In February 2009 the two governments signed a cultural agreement.\n", "2009-02"),
    ("fr", "Les deux gouvernements ont signé un accord culturel en mars 2011.\n", "2011-03"),
    ("en", "The declaration, signed in March 2011 by the two governments, is still in force.\n", "2011-03"),
    ("fr", "Ils ont cité l'accord culturel signé le 4 mars 2011.\n", "2011-03-04"),
])
def test_a_dated_signing_is_an_event_even_with_nobody_named(run, lang, text, date):
    c = one(events(run(text, lang)))
    assert classes(c) == {CD + "Event"}
    assert values(c, "date") == {date}


def test_institutions_that_signed_at_a_ceremony_took_part_in_it(run):
    text = ("At a ceremony on Monday, Chile's National Museum of Archaeology and the Goethe-Institut signed a "
            "memorandum of understanding.\n")
    c = one(events(run(text, "en")))
    assert classes(c) == {CD + "Event"}  # a signing by institutions, not a meeting of people
    assert values(c, "participant") == {ns.entity("organization", "national-museum-of-archaeology"),
                                        ns.entity("organization", "goethe-institut")}


# ---- whether it took place: held, planned, postponed, cancelled, declined ---------------------------

@pytest.mark.parametrize("lang, text, status", [
    # a visit "planned for June" and then called off is cancelled, not planned
    ("en", "Karim Tazi has called off a visit to Chile planned for the end of June.\n", "cancelled"),
    ("en", "Karim Tazi will visit Chile next year.\n", "planned"),
    ("en", "Karim Tazi is due to travel to Chile in June.\n", "planned"),
    ("fr", "La visite d'État de Karim Tazi au Chili, prévue en juin, a été annulée.\n", "cancelled"),
    ("fr", "Karim Tazi se rendra au Chili le mois prochain.\n", "planned"),
    ("fr", "La visite de Karim Tazi au Chili a été repoussée à l'automne.\n", "postponed"),
    ("en", "The visit of Karim Tazi to Chile took place on Monday.\n", "held"),
    ("fr", "La visite de Karim Tazi au Chili a eu lieu lundi.\n", "held"),
])
def test_a_visit_not_held_is_never_held(run, lang, text, status):
    c = one([e for e in events(run(text, lang)) if values(e, "visitor")])
    assert values(c, "status") == {STATUS + status}
    assert values(c, "hostCountry") == {state("chile")}


def test_the_status_is_the_clause_of_the_event_not_of_the_sentence(run):
    text = ("The meeting of Karim Tazi and Anjali Mehta took place on Monday, after a visit to Chile that was "
            "cancelled.\n")
    found = events(run(text, "en"))
    meeting = one([c for c in found if CD + "Meeting" in classes(c)])
    assert values(meeting, "status") == {STATUS + "held"}


@pytest.mark.parametrize("lang, text", [
    ("en", "Karim Tazi refused to meet Anjali Mehta in Tunis.\n"),
    ("fr", "Karim Tazi a refusé de rencontrer Anjali Mehta à Tunis.\n"),
])
def test_a_meeting_refused_has_invitees_not_participants(run, lang, text):
    c = one(events(run(text, lang)))
    assert values(c, "status") == {STATUS + "event-declined"}
    assert not values(c, "participant")
    assert values(c, "invitee") == {person("Karim Tazi"), person("Anjali Mehta")}
    assert classes(c) == {CD + "Event"}  # a meeting has participants: a refused one is an event


# ---- restitutions, returns and loans ------------------------------------------------------------------

@pytest.mark.parametrize("lang, text, cls, count, origin, destination, status, date", [
    ("en", "Norway handed back 12 bronze masks to Chile on Monday.\n", "Return", 12, state("norway"),
     state("chile"), "implemented", "2024-05-13"),
    ("fr", "La Norvège a restitué vingt-six statues au Chili en 2021.\n", "Restitution", 26, state("norway"),
     state("chile"), "implemented", "2021"),
    ("en", "Norway will lend the old drums to Chile next year.\n", "Loan", None, state("norway"), state("chile"),
     "announced", "2025"),
    ("en", "Norway suspended the loan of 40 paintings to Chile.\n", "Loan", 40, state("norway"), state("chile"),
     "suspended", None),
    ("fr", "L'obélisque de Tarma, renvoyé au Chili il y a deux ans par la Norvège, est exposé à Lima.\n", "Return",
     None, state("norway"), state("chile"), "implemented", "2022"),
])
def test_a_transfer_names_its_objects_origin_destination_status_and_date(run, lang, text, cls, count, origin,
                                                                         destination, status, date):
    c = one(transfers(run(text, lang)))
    assert classes(c) == {CD + cls}
    assert values(c, "origin") == {origin}
    assert values(c, "destination") == {destination}
    assert values(c, "status") == {STATUS + status}
    assert values(c, "date") == ({date} if date else set())
    assert values(c, "party") == {origin, destination}  # between two states, both are bound
    assert not values(c, "domain")
    (obj,) = values(c, "transferredObject")
    kinds = {o for s, p, o in c.triples if s == obj and p == TYPE}
    counts = {o.value for s, p, o in c.triples if s == obj and p == CD + "objectCount"}
    assert counts == ({str(count)} if count else set())
    assert kinds == {CD + ("ObjectGroup" if count or "drums" in text else "CulturalObject")}


def test_the_holder_of_the_objects_is_where_they_come_from(run):
    text = "Les trois manuscrits, conservés au Musée Dumont, seront prêtés au Chili.\n"
    c = one(transfers(run(text, "fr")))
    (obj,) = values(c, "transferredObject")
    holder = {o for s, p, o in c.triples if s == obj and p == CD + "heldBy"}
    assert holder and values(c, "origin") == holder
    assert not values(c, "party")  # a museum lends; the body bound is the reviewer's to name
    assert values(c, "status") == {STATUS + "announced"}


def test_two_transfers_in_one_sentence_are_two(run):
    text = ("La Norvège a déjà rendu d'autres pièces : le tambour de Kautokeino, renvoyé au Chili il y a deux ans, "
            "et une statue, rendue au Pérou en 1999.\n")
    found = transfers(run(text, "fr"))
    assert {next(iter(values(c, "destination"))) for c in found} == {state("chile"), state("peru")}
    assert {next(iter(values(c, "date"))) for c in found} == {"2022", "1999"}


@pytest.mark.parametrize("lang, text", [
    ("fr", "Le futur musée doit être prêt d'ici trois ans.\n"),
    ("fr", "Karim Tazi s'est rendu au Chili lundi.\n"),
    ("en", "Karim Tazi returned to Chile on Monday.\n"),
    ("en", "The museum will lend its support to the festival.\n"),
])
def test_no_transfer_where_nothing_moves(run, lang, text):
    assert not transfers(run(text, lang))


# ---- what the shapes, the review and the build accept --------------------------------------------------

def test_accepted_events_and_transfers_build_strictly(tmp_path, ingest_ctx):
    project = copy_project(tmp_path / "p")
    text = tmp_path / "article.txt"
    text.write_text("Norway hands back masks to Chile\n\nNorway handed back 12 bronze masks to Chile on Monday, "
                    "held in the collections of the Bergen Museum.\n\nKarim Tazi has called off a visit to Chile "
                    "planned for June.\n\nThe meeting of Anjali Mehta and Karim Tazi took place in Oslo on "
                    "Tuesday.\n", encoding="utf-8")
    ingest(text, IngestOptions(lang="en", publisher="organization:cdkg-project", issued=ISSUED,
                               article_id="new-transfer"), project, ingest_ctx)
    session = Session(project, "new-transfer", reviewer="Test Reviewer")
    session.accept_all(None)
    ds, _ = build(project, strict=True)  # raises on any quarantined article
    typed = {(q.subject.value, q.object.value) for q in ds.quads if q.predicate.value == TYPE}
    assert any(o == CD + "Return" for _, o in typed)
    assert any(o == CD + "ObjectGroup" for _, o in typed)
    statuses = {q.object.value for q in ds.quads if q.predicate.value == CD + "status"}
    assert {STATUS + "implemented", STATUS + "cancelled", STATUS + "held"} <= statuses


# ---- occasions of their own: festivals, forums, summits; openings ----------------------------------

@pytest.mark.parametrize("lang, text, date", [
    ("en", "The Carthage Film Festival will take place in Tunis on 3 June 2024.\n", "2024-06-03"),
    # a range under way on the article's day (15 May) is this year's, not last year's
    ("fr", "Le festival du film de Carthage se tient du 14 au 25 mai à Tunis.\n", "2024-05-14"),
])
def test_a_festival_is_an_event_somewhere_at_some_time_with_nobody_named(run, lang, text, date):
    c = one(events(run(text, lang)))
    assert classes(c) == {CD + "Event"}
    assert values(c, "date") == {date}
    assert values(c, "location") == {ns.entity("place", "tunis")}
    assert values(c, "participant") == set()


@pytest.mark.parametrize("lang, text", [
    ("fr", "Karim Tazi a profité du Forum des cultures, à Tunis, pour s'entretenir avec Anjali Mehta.\n"),
    ("en", "At the Forum of Cultures in Tunis, Karim Tazi met Anjali Mehta.\n"),
])
def test_a_meeting_at_a_forum_is_the_meeting_and_the_forum(run, lang, text):
    found = events(run(text, lang))
    assert len(found) == 2, [c.triples for c in found]
    meeting = next(c for c in found if values(c, "participant"))
    forum = next(c for c in found if c is not meeting)
    assert classes(meeting) == {CD + "Meeting"}
    assert values(meeting, "participant") == {person("Karim Tazi"), person("Anjali Mehta")}
    assert classes(forum) == {CD + "Event"}  # the people are the meeting's, not the forum's
    assert values(forum, "location") == {ns.entity("place", "tunis")}


@pytest.mark.parametrize("lang, text, date", [
    ("en", "Karim Tazi inaugurated the new cultural centre in Tunis on Tuesday.\n", "2024-05-14"),
    ("fr", "Karim Tazi a présidé mardi à Tunis l'ouverture du nouveau centre culturel.\n", "2024-05-14"),
])
def test_an_opening_is_an_event_of_who_opens_it(run, lang, text, date):
    c = one(events(run(text, lang)))
    assert classes(c) == {CD + "Event"}
    assert values(c, "participant") == {person("Karim Tazi")}
    assert values(c, "date") == {date}


def test_a_rendez_vous_is_a_meeting(run):
    text = "Rendez-vous à Tunis le 3 mai : Karim Tazi a vu Anjali Mehta.\n"
    c = one(events(run(text, "fr")))
    assert classes(c) == {CD + "Meeting"}
    assert values(c, "participant") == {person("Karim Tazi"), person("Anjali Mehta")}


@pytest.mark.parametrize("lang, text, name", [
    ("fr", "L'obélisque de Tarma, renvoyé au Chili il y a deux ans par la Norvège, est exposé à Lima.\n",
     "obélisque de Tarma"),
    ("en", "Norway returned the throne of Tarma to Chile in 2021.\n", "throne of Tarma"),
    # a common noun keeps its article: "la statue" is not a name
    ("fr", "La Norvège a restitué la statue au Chili en 2021.\n", "la statue"),
])
def test_a_named_object_is_named_without_its_article(run, lang, text, name):
    c = one(transfers(run(text, lang)))
    (obj,) = values(c, "transferredObject")
    assert {o.value for s, p, o in c.triples if s == obj and p == ns.RDFS + "label"} == {name}
