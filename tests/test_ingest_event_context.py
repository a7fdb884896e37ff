"""Per-pattern tests of what an event's sentence says beyond its cue, read from its structure (issue 18,
kg/ingest/event_context.py): a place no list knows after a locative preposition, the future tense of the cue's
clause (planned), a meeting told by a discussion verb between two named people, and relative days ("last
night", « demain »). Every sentence is our own, written for the test (no article's words); the places are
invented or small enough that no list of the project holds them."""

from __future__ import annotations

import functools

import pytest

from kg import namespaces as ns

from conftest import values

CD = ns.CD
PLANNED = ns.STATUS + "planned"


@pytest.fixture
def run(propose):
    return functools.partial(propose, kind="event")


def person(name: str) -> str:
    return ns.entity("person", ns.slugify(name))


def place(name: str) -> str:
    return ns.entity("place", ns.slugify(name))


# ---- a place after a locative preposition ---------------------------------------------------------------

@pytest.mark.parametrize("lang, text, where", [
    ("en", "Karim Tazi met Anjali Mehta at the Orveline Pavilion on 3 May.\n", "Orveline Pavilion"),
    ("en", "Karim Tazi led a ceremony on 3 May on the island of Tavrossa for the return of the drums.\n", "Tavrossa"),
    ("fr", "Karim Tazi a rencontré Anjali Mehta le 3 mai à Qarvelle pour parler des musées.\n", "Qarvelle"),
    ("fr", "Le 3 mai, une cérémonie marquera le retour des tambours, sur l'île de Tavrossa.\n", "Tavrossa"),
])
def test_a_place_no_list_knows_after_a_locative_preposition(run, lang, text, where):
    found = run(text, lang)
    assert len(found) == 1, [c.evidence for c in found]
    assert values(found[0], "location") == {place(where)}


@pytest.mark.parametrize("lang, text, where", [
    ("fr", "Le festival de Qarvelle consacré à la calligraphie se tiendra du 4 au 9 novembre.\n", "Qarvelle"),
    ("fr", "Karim Tazi et Anjali Mehta se sont entretenus au sommet du G7 de Vellmark, le 3 mai.\n", "Vellmark"),
    ("en", "The summit of Vellmark opened with a concert on 3 May.\n", "Vellmark"),
])
def test_the_place_an_occasion_is_named_after(run, lang, text, where):
    found = run(text, lang)
    assert found, "no event"
    assert any(values(c, "location") == {place(where)} for c in found), [values(c, "location") for c in found]


@pytest.mark.parametrize("lang, text", [
    # an acronym is a body's, not a place
    ("fr", "Karim Tazi a rencontré Anjali Mehta le 3 mai à l'OQVM pour parler des musées.\n"),
    # an event's name is not a place
    ("fr", "Karim Tazi a rencontré Anjali Mehta le 3 mai à l'Exposition universelle pour parler des musées.\n"),
    # a month or a language after "in" is no place
    ("en", "Karim Tazi met Anjali Mehta in May and spoke in Khmer about museums.\n"),
])
def test_no_place_from_an_acronym_an_event_a_month_or_a_language(run, lang, text):
    found = run(text, lang)
    assert found, "no event"
    assert not any(values(c, "location") for c in found), [values(c, "location") for c in found]


# ---- the tense of the cue's clause ----------------------------------------------------------------------

@pytest.mark.parametrize("lang, text", [
    ("en", "The festival will close with a show of lacquerware at the Orveline Museum.\n"),
    ("en", "An exhibition of Khmer silver would open at the Orveline Museum in the spring.\n"),
    ("fr", "Une exposition de laques ouvrira ses portes au musée d'Orveline.\n"),
    ("fr", "Un festival de musique andalouse se tiendra à Qarvelle du 4 au 9 novembre.\n"),
    ("fr", "L'Iran serait présent à un festival du film à Qarvelle en novembre.\n"),
])
def test_a_future_or_a_conditional_says_planned(run, lang, text):
    found = run(text, lang)
    assert found, "no event"
    assert all(values(c, "status") == {PLANNED} for c in found), [values(c, "status") for c in found]


@pytest.mark.parametrize("lang, text", [
    ("en", "Karim Tazi opened an exhibition of lacquerware at the Orveline Museum on 3 May.\n"),
    ("fr", "Karim Tazi a inauguré le 3 mai une exposition « Rivera et Kahlo » au musée d'Orveline.\n"),
])
def test_a_past_tense_or_a_name_ending_like_a_future_says_no_plan(run, lang, text):
    found = run(text, lang)
    assert found, "no event"
    assert not any(values(c, "status") for c in found)


@pytest.mark.parametrize("lang, text", [
    ("en", "Karim Tazi opened an exhibition of lacquerware on 3 May.\n\nThe exhibition will show 200 pieces.\n"),
    ("fr", "Karim Tazi a inauguré le 3 mai une exposition de laques.\n\nL'exposition montrera 200 pièces.\n"),
])
def test_a_definite_mention_in_the_future_does_not_make_the_event_planned(run, lang, text):
    found = run(text, lang)
    assert found, "no event"
    assert not any(values(c, "status") for c in found), [c.evidence for c in found]


@pytest.mark.parametrize("lang, text", [
    ("en", "The visit of Karim Tazi, which was to take place in June, will not happen: it was cancelled.\n"),
    ("fr", "La visite de Karim Tazi, qui devait avoir lieu en juin, a été annulée et n'aura pas lieu.\n"),
])
def test_a_cancelled_event_is_never_planned_by_its_tense(run, lang, text):
    found = run(text, lang)
    assert found and all(values(c, "status") == {ns.STATUS + "cancelled"} for c in found), \
        [values(c, "status") for c in found]


# ---- a discussion between two named people ---------------------------------------------------------------

@pytest.mark.parametrize("lang, text", [
    ("en", "Karim Tazi and Anjali Mehta discussed the training of curators in Tunis on Tuesday.\n"),
    ("fr", "Karim Tazi et Anjali Mehta ont abordé mardi à Tunis la formation des conservateurs.\n"),
    ("fr", "C'est la question qu'ont examinée mardi Karim Tazi et Anjali Mehta.\n"),
])
def test_two_people_who_discussed_something_met(run, lang, text):
    found = run(text, lang)
    assert len(found) == 1, [c.evidence for c in found]
    assert {o for _, p, o in found[0].triples if p == ns.RDF + "type"} == {CD + "Meeting"}
    assert values(found[0], "participant") == {person("Karim Tazi"), person("Anjali Mehta")}


@pytest.mark.parametrize("lang, text", [
    ("en", "Karim Tazi discussed the training of curators with the press.\n"),
    ("fr", "Karim Tazi a discuté avec la presse de la formation des conservateurs.\n"),
])
def test_one_person_discussing_something_is_no_meeting(run, lang, text):
    assert run(text, lang) == []


# ---- relative days ------------------------------------------------------------------------------------------

@pytest.mark.parametrize("lang, text, day", [
    ("en", "Karim Tazi met Anjali Mehta in Tunis last night.\n", "2024-05-14"),
    ("en", "Karim Tazi will meet Anjali Mehta in Tunis tomorrow.\n", "2024-05-16"),
    ("fr", "Karim Tazi a rencontré Anjali Mehta avant-hier à Tunis.\n", "2024-05-13"),
    ("fr", "Karim Tazi rencontrera Anjali Mehta demain à Tunis.\n", "2024-05-16"),
    ("fr", "Karim Tazi a rencontré Anjali Mehta ce matin à Tunis.\n", "2024-05-15"),
])
def test_a_relative_day_counts_from_the_article_date(run, lang, text, day):
    found = run(text, lang)
    assert len(found) == 1, [c.evidence for c in found]
    assert values(found[0], "date") == {day}


# ---- an occasion listed under a programme's heading ------------------------------------------------------

@pytest.mark.parametrize("lang, text", [
    ("fr", "Karim Tazi a présenté le programme 2024 du centre culturel, qui comprend :\n"
           "• un festival de musique andalouse ;\n• des ateliers de calligraphie.\n"),
    ("en", "What the cultural centre has planned:\n- a festival of Andalusian music;\n- calligraphy workshops.\n"),
])
def test_an_occasion_under_a_programme_heading_is_a_planned_event(run, lang, text):
    found = run(text, lang)
    assert len(found) == 1, [c.evidence for c in found]
    assert values(found[0], "status") == {PLANNED}


@pytest.mark.parametrize("lang, text", [
    ("fr", "Karim Tazi a rappelé les succès du centre culturel :\n• un festival de musique andalouse ;\n"
           "• des ateliers de calligraphie.\n"),
    ("en", "The cultural centre's successes:\n- a festival of Andalusian music;\n- calligraphy workshops.\n"),
])
def test_an_occasion_under_another_heading_needs_a_day_or_a_place(run, lang, text):
    assert run(text, lang) == []


# ---- a list of occasions in one sentence; a state that takes part ---------------------------------------------

def state(name: str) -> str:
    return ns.entity("state", ns.slugify(name))


@pytest.mark.parametrize("lang, text", [
    ("fr", "Le ministre a annoncé que le Maroc serait présent à deux rendez-vous de l'automne : le festival de "
           "Qarvelle (12-15 octobre) et le Festival du conte de Vellmark, du 2 au 6 novembre.\n"),
    ("en", "The minister said that Morocco would take part in two autumn events: the festival of Qarvelle "
           "(12-15 October) and the storytelling festival in Vellmark, from 2 to 6 November.\n"),
])
def test_each_occasion_of_a_list_is_an_event_with_its_place_day_and_the_list_status(run, lang, text):
    found = run(text, lang)
    assert len(found) == 2, [c.evidence for c in found]
    by_place = {frozenset(values(c, "location")): c for c in found}
    first, second = by_place[frozenset({place("Qarvelle")})], by_place[frozenset({place("Vellmark")})]
    assert values(first, "date") == {"2024-10-12"} and values(second, "date") == {"2024-11-02"}
    assert all(values(c, "status") == {PLANNED} for c in found)
    assert all(values(c, "participant") == {state("Morocco")} for c in found)


@pytest.mark.parametrize("lang, text", [
    ("fr", "Le Maroc a été l'invité d'honneur du festival de Qarvelle, le 3 mai.\n"),
    ("en", "Morocco was the guest of honour at the festival in Qarvelle on 3 May.\n"),
])
def test_a_state_that_takes_part_in_an_occasion_is_a_participant(run, lang, text):
    found = run(text, lang)
    assert len(found) == 1, [c.evidence for c in found]
    assert values(found[0], "participant") == {state("Morocco")}


@pytest.mark.parametrize("lang, text", [
    ("fr", "Le Maroc a salué le festival de Qarvelle, le 3 mai.\n"),
    ("en", "Morocco praised the festival in Qarvelle on 3 May.\n"),
])
def test_a_state_named_beside_an_occasion_does_not_take_part(run, lang, text):
    found = run(text, lang)
    assert len(found) == 1, [c.evidence for c in found]
    assert not values(found[0], "participant")


# ---- receptions in the passive; a place after a venue's noun ------------------------------------------------

@pytest.mark.parametrize("lang, text", [
    ("fr", "Anjali Mehta a été reçue par Karim Tazi à Qarvelle le 3 mai.\n"),
    ("en", "Anjali Mehta was received by Karim Tazi in Qarvelle on 3 May.\n"),
])
def test_who_was_received_by_whom_met(run, lang, text):
    found = run(text, lang)
    assert len(found) == 1, [c.evidence for c in found]
    assert values(found[0], "participant") == {person("Karim Tazi"), person("Anjali Mehta")}
    assert values(found[0], "location") == {place("Qarvelle")}
    assert values(found[0], "date") == {"2024-05-03"}


@pytest.mark.parametrize("lang, text", [
    ("fr", "Karim Tazi a rencontré Anjali Mehta le 3 mai au palais présidentiel de Qarvelle.\n"),
    ("fr", "Karim Tazi a rencontré Anjali Mehta le 3 mai à l'aéroport de Qarvelle.\n"),
    ("en", "Karim Tazi met Anjali Mehta on 3 May at the old palace of Qarvelle.\n"),
])
def test_the_place_after_a_venue_noun(run, lang, text):
    found = run(text, lang)
    assert len(found) == 1, [c.evidence for c in found]
    assert values(found[0], "location") == {place("Qarvelle")}


# ---- a list's heading that is only a name -------------------------------------------------------------------

@pytest.mark.parametrize("lang, text", [
    ("en", "What the minister did on her trip:\n\nQarvelle\n- talks with Karim Tazi and Anjali Mehta on 3 May;\n"
           "- a tour of the harbour.\n"),
    ("fr", "Ce que la ministre a fait pendant son voyage :\n\nQarvelle\n- un entretien le 3 mai entre Karim Tazi et "
           "Anjali Mehta ;\n- une promenade sur le port.\n"),
])
def test_a_heading_that_is_only_a_name_is_the_place_of_its_items(run, lang, text):
    found = run(text, lang)
    assert len(found) == 1, [c.evidence for c in found]
    assert values(found[0], "location") == {place("Qarvelle")}


@pytest.mark.parametrize("lang, text", [
    ("en", "What the minister did on her trip:\n\nHighlights\n- talks with Karim Tazi and Anjali Mehta on 3 May;\n"
           "- a tour of the harbour.\n"),
    ("fr", "Ce que la ministre a fait pendant son voyage :\n\nCulture\n- un entretien le 3 mai entre Karim Tazi et "
           "Anjali Mehta ;\n- la culture du port.\n"),
])
def test_a_heading_that_is_a_common_word_is_no_place(run, lang, text):
    found = run(text, lang)
    assert len(found) == 1, [c.evidence for c in found]
    assert not values(found[0], "location")


# ---- visits to a capital; refusals and reciprocal meetings ------------------------------------------------

CANCELLED, DECLINED = ns.STATUS + "cancelled", ns.STATUS + "event-declined"


@pytest.mark.parametrize("lang, text", [
    ("en", "Karim Tazi's planned trip to Budapest was cancelled at the last minute.\n"),
    ("fr", "Le voyage de Karim Tazi à Budapest a été annulé à la dernière minute.\n"),
])
def test_a_cancelled_trip_to_a_capital_is_a_cancelled_visit_to_its_state(run, lang, text):
    found = run(text, lang)
    assert len(found) == 1, [c.evidence for c in found]
    assert {o for _, p, o in found[0].triples if p == ns.RDF + "type"} == {CD + "Visit"}
    assert values(found[0], "hostCountry") == {state("Hungary")}
    assert values(found[0], "status") == {CANCELLED}


@pytest.mark.parametrize("lang, text", [
    ("en", "Anjali Mehta refused to receive Karim Tazi in Budapest.\n"),
    ("fr", "Anjali Mehta a refusé de recevoir Karim Tazi à Budapest.\n"),
])
def test_a_refusal_to_receive_is_a_declined_meeting_never_held(run, lang, text):
    found = run(text, lang)
    assert len(found) == 1, [c.evidence for c in found]
    assert values(found[0], "status") == {DECLINED}
    assert not values(found[0], "participant")
    assert values(found[0], "invitee") == {person("Karim Tazi"), person("Anjali Mehta")}


def test_two_people_who_met_each_other_met(run):
    found = run("Lundi, Karim Tazi et Anjali Mehta se sont rencontrés à Budapest.\n", "fr")
    assert len(found) == 1, [c.evidence for c in found]
    assert values(found[0], "participant") == {person("Karim Tazi"), person("Anjali Mehta")}
    assert values(found[0], "date") == {"2024-05-13"}


@pytest.mark.parametrize("lang, text", [
    ("en", "The meeting between Karim Tazi and Anjali Mehta in Budapest did not take place.\n"),
    ("en", "The talks between Karim Tazi and Anjali Mehta were not held in the end.\n"),
    ("fr", "La rencontre entre Karim Tazi et Anjali Mehta à Budapest n'a pas eu lieu.\n"),
    ("fr", "La réunion entre Karim Tazi et Anjali Mehta ne s'est pas tenue.\n"),
])
def test_an_event_that_did_not_take_place_is_never_held(run, lang, text):
    found = run(text, lang)
    assert len(found) == 1, [c.evidence for c in found]
    assert values(found[0], "status") == {CANCELLED}


@pytest.mark.parametrize("lang, text", [
    ("en", "The meeting between Karim Tazi and Anjali Mehta took place in Budapest.\n"),
    ("fr", "La rencontre entre Karim Tazi et Anjali Mehta a eu lieu à Budapest.\n"),
])
def test_an_event_that_took_place_is_held(run, lang, text):
    found = run(text, lang)
    assert len(found) == 1, [c.evidence for c in found]
    assert values(found[0], "status") == {ns.STATUS + "held"}


@pytest.mark.parametrize("lang, text, cls", [
    ("fr", "Karim Tazi a rencontré Anjali Mehta le 3 mai à Qarvelle.\n", "City"),
    ("fr", "Le 3 mai, une cérémonie marquera le retour des tambours, sur l'île de Tavrossa.\n", "Place"),
    ("en", "Karim Tazi met Anjali Mehta at the Orveline Pavilion on 3 May.\n", "Place"),
])
def test_a_name_right_after_a_preposition_is_a_city_else_a_place(propose, lang, text, cls):
    found = propose(text, lang)
    located = {o for c in found if c.kind == "event" for _, p, o in c.triples if p == CD + "location"}
    assert len(located) == 1
    kinds = {o for c in found for s, p, o in c.triples if s in located and p == ns.RDF + "type"}
    assert kinds == {CD + cls}


@pytest.mark.parametrize("lang, text, issued, day", [
    ("en", "Karim Tazi met Anjali Mehta in Tunis last week.\n", "2024-05-15", "2024-05"),
    ("fr", "La semaine prochaine, Karim Tazi rencontrera à Tunis Anjali Mehta.\n", "2024-05-29", "2024-06"),
    # a week over two months: only its year is said
    ("fr", "Karim Tazi a rencontré Anjali Mehta la semaine dernière à Tunis.\n", "2024-06-05", "2024"),
])
def test_a_relative_week_gives_the_month_it_falls_in(propose, lang, text, issued, day):
    found = propose(text, lang, issued=issued, kind="event")
    assert len(found) == 1, [c.evidence for c in found]
    assert values(found[0], "date") == {day}


@pytest.mark.parametrize("text", [
    "The ceremony for the return of the drums will take place in Qarvelle on 10 November.\n",
    "Anjali Mehta is expected in Qarvelle next month for talks with Karim Tazi.\n",
])
def test_what_will_take_place_or_who_is_expected_is_planned(run, text):
    found = run(text, "en")
    assert len(found) == 1, [c.evidence for c in found]
    assert values(found[0], "status") == {PLANNED}


def test_who_welcomed_a_named_guest_met_them(run):
    found = run("Karim Tazi welcomed Anjali Mehta to Qarvelle on 2 June 2022.\n", "en")
    assert len(found) == 1, [c.evidence for c in found]
    assert values(found[0], "participant") == {person("Karim Tazi"), person("Anjali Mehta")}
    assert values(found[0], "date") == {"2022-06-02"}


def test_welcoming_a_decision_is_no_meeting(run):
    assert run("Karim Tazi welcomed the decision of the museum board.\n", "en") == []
