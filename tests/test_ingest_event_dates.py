"""Per-pattern tests of when an event took or will take place in `kg ingest` (issue 18): days written month
first, day ranges with a hyphen, what a planned event's day or month without a year means, weekdays in an
article dated only to a month, "that year"; and who is named in a quoted title is not there. Every sentence
is our own, written for the test (no article's words)."""

from __future__ import annotations

import pytest

from kg import namespaces as ns

from conftest import values

CD, STATUS = ns.CD, ns.STATUS


@pytest.fixture
def run(propose):
    return propose


def person(name: str) -> str:
    return ns.entity("person", ns.slugify(name))


def meeting(candidates) -> object:
    found = [c for c in candidates if c.kind == "event"]
    assert len(found) == 1, [c.triples for c in found]
    return found[0]


@pytest.mark.parametrize("text, date", [
    ("Karim Tazi met Anjali Mehta in Tunis on the evening of Wednesday, May 8.\n", "2024-05-08"),
    ("Karim Tazi met Anjali Mehta in Tunis on March 3, 2023.\n", "2023-03-03"),
])
def test_a_day_written_month_first_is_that_day(run, text, date):
    assert values(meeting(run(text, "en")), "date") == {date}


@pytest.mark.parametrize("lang, text, date", [
    ("fr", "Karim Tazi et Anjali Mehta se sont entretenus à Tunis (visite de travail, 6-8 mai).\n", "2024-05-06"),
    ("en", "Karim Tazi and Anjali Mehta held talks in Tunis (working visit, 6-8 May).\n", "2024-05-06"),
])
def test_a_day_range_with_a_hyphen_starts_on_its_first_day(run, lang, text, date):
    found = [c for c in run(text, lang) if c.kind == "event"]
    assert any(values(c, "date") == {date} for c in found), [c.triples for c in found]


@pytest.mark.parametrize("lang, text, date", [
    # an article of November: a planned meeting "in March" is next March, a held one last March
    ("fr", "Karim Tazi doit rencontrer Anjali Mehta à Tunis en mars.\n", "2025-03"),
    ("en", "Karim Tazi will meet Anjali Mehta in Tunis in March.\n", "2025-03"),
    ("fr", "Karim Tazi rencontrera Anjali Mehta à Tunis le 12 mars.\n", "2025-03-12"),
    ("en", "Karim Tazi is due to meet Anjali Mehta in Tunis on 12 March.\n", "2025-03-12"),
    ("fr", "Karim Tazi a rencontré Anjali Mehta à Tunis en mars.\n", "2024-03"),
    ("en", "Karim Tazi met Anjali Mehta in Tunis on 12 March.\n", "2024-03-12"),
])
def test_a_planned_events_day_or_month_without_a_year_is_the_next_one(run, lang, text, date):
    c = meeting(run(text, lang, "2024-11-05"))
    assert values(c, "date") == {date}


@pytest.mark.parametrize("lang, text", [
    ("fr", "Karim Tazi s'est entretenu dimanche à Tunis avec Anjali Mehta.\n"),
    ("en", "Karim Tazi met Anjali Mehta in Tunis on Sunday.\n"),
])
def test_a_weekday_in_an_article_dated_to_a_month_is_that_month(run, lang, text):
    assert values(meeting(run(text, lang, "2023-09")), "date") == {"2023-09"}


@pytest.mark.parametrize("lang, text", [
    ("fr", "Tout a commencé en 2019. Cette année-là, Karim Tazi a rencontré Anjali Mehta à Tunis.\n"),
    ("en", "It all began in 2019. That year, Karim Tazi met Anjali Mehta in Tunis.\n"),
    # a count of four digits is no year: the year is the one named before it
    ("fr", "Tout a commencé en 2019 avec 1500 visiteurs. Cette année-là, Karim Tazi a rencontré Anjali Mehta "
           "à Tunis.\n"),
    ("en", "It all began in 2019 with 1800 visitors. That year, Karim Tazi met Anjali Mehta in Tunis.\n"),
])
def test_that_year_is_the_year_named_before_not_the_articles(run, lang, text):
    assert values(meeting(run(text, lang)), "date") == {"2019"}


@pytest.mark.parametrize("lang, text", [
    ("fr", "Karim Tazi a inauguré mardi à Tunis l'exposition « Anjali Mehta et ses amis ».\n"),
    ("en", 'Karim Tazi opened the exhibition "Anjali Mehta and Her Friends" in Tunis on Tuesday.\n'),
])
def test_who_a_quoted_title_names_is_not_a_participant(run, lang, text):
    found = [c for c in run(text, lang) if c.kind == "event"]
    assert found
    assert all(person("Anjali Mehta") not in values(c, "participant") for c in found)
    assert any(person("Karim Tazi") in values(c, "participant") for c in found)


@pytest.mark.parametrize("lang, text, issued, date", [
    ("fr", "Karim Tazi a rencontré Anjali Mehta à Tunis l'automne dernier.\n", "2011", "2010"),
    ("en", "Karim Tazi met Anjali Mehta in Tunis last autumn.\n", "2024-05-15", "2023"),
    ("en", "Karim Tazi will meet Anjali Mehta in Tunis next spring.\n", "2024-05-15", "2025"),
    ("fr", "Karim Tazi rencontrera Anjali Mehta à Tunis l'automne prochain.\n", "2024-05-15", "2024"),
])
def test_a_season_counted_from_the_article_is_its_year(run, lang, text, issued, date):
    assert values(meeting(run(text, lang, issued)), "date") == {date}


def test_last_summer_in_an_article_of_an_unknown_month_is_left_undated(run):
    assert not values(meeting(run("Karim Tazi a rencontré Anjali Mehta à Tunis l'été dernier.\n", "fr", "2011")),
                      "date")


# ---- a meeting only offered, wished or invited to is never held ------------------------------------------

@pytest.mark.parametrize("lang, text", [
    ("en", "Karim Tazi offered to meet Anjali Mehta in Tunis.\n"),
    ("en", "Karim Tazi hopes to meet Anjali Mehta in Tunis.\n"),
    ("en", "Karim Tazi invited Anjali Mehta to visit Chile.\n"),
    ("fr", "Karim Tazi a proposé de rencontrer Anjali Mehta à Tunis.\n"),
    ("fr", "Karim Tazi souhaite rencontrer Anjali Mehta à Tunis.\n"),
    ("fr", "Karim Tazi a invité Anjali Mehta à se rendre au Chili.\n"),
])
def test_an_offered_or_wished_meeting_is_planned_not_held(run, lang, text):
    found = [c for c in run(text, lang) if c.kind == "event"]
    assert found
    assert all(values(c, "status") == {STATUS + "planned"} for c in found)



@pytest.mark.parametrize("lang, text", [
    ("en", "Karim Tazi offered to meet Anjali Mehta in Tunis, but she refused to meet him.\n"),
    ("fr", "Karim Tazi a proposé de rencontrer Anjali Mehta à Tunis, mais elle a refusé de le rencontrer.\n"),
])
def test_an_offer_turned_down_later_in_the_sentence_is_declined(run, lang, text):
    found = [c for c in run(text, lang) if c.kind == "event"]
    assert len(found) == 1
    assert values(found[0], "status") == {STATUS + "event-declined"}
    assert not values(found[0], "participant")  # invited, never met
