"""Per-pattern tests of undertakings (issue 18), second file: a signed programme is an agreement, what has held
"since" a year is in force and was not made at the article's occasion, the plural "signatures". Our own
sentences, in French and English."""

from __future__ import annotations

import functools

import pytest

from kg import namespaces as ns

from conftest import one, values

CD, STATUS, DOMAIN = ns.CD, ns.STATUS, ns.DOMAIN


@pytest.fixture
def run(propose):
    return functools.partial(propose, kind="undertaking")


def kinds(c) -> set:
    return {o for _, p, o in c.triples if p == ns.RDF + "type"}


@pytest.mark.parametrize("lang, text, words", [
    ("fr", "Le Pérou et le Chili ont signé à Lima un programme exécutif pour les musées.\n", "programme exécutif"),
    ("en", "Peru and Chile signed a three-year programme of museum exchanges in Lima.\n", "programme"),
])
def test_a_signed_programme_is_an_agreement(run, lang, text, words):
    c = one(run(text, lang), words)
    assert kinds(c) == {CD + "Agreement"}
    assert values(c, "status") == {STATUS + "signed"}


@pytest.mark.parametrize("lang, text", [
    ("fr", "Le Pérou et le Chili ont proposé un programme de résidences d'artistes.\n"),
    ("en", "Peru and Chile proposed a programme of artists' residencies.\n"),
])
def test_a_programme_not_signed_stays_an_initiative(run, lang, text):
    c = one(run(text, lang), "programme")
    assert CD + "Agreement" not in kinds(c)
    assert values(c, "status") == {STATUS + "proposed"}


@pytest.mark.parametrize("lang, text, words", [
    ("fr", "Le Pérou et le Chili ont signé mardi un programme exécutif pour les archives. Il s'inscrit dans "
           "l'accord culturel qui les lie depuis 1985.\n", "accord culturel"),
    ("fr", "Le Pérou et le Chili ont signé mardi un mémorandum sur les archives, qui complète l'accord "
           "culturel en vigueur depuis 1985.\n", "accord culturel"),
    ("en", "Peru and Chile signed a memorandum on archives on Tuesday. It builds on the cultural agreement "
           "that has been in force since 1985.\n", "agreement"),
    ("en", "Peru and Chile signed a memorandum on archives on Tuesday. It builds on the cultural agreement "
           "that has bound them since 1985.\n", "agreement"),
])
def test_what_has_held_since_a_year_is_in_force_and_was_not_signed_at_the_occasion(run, lang, text, words):
    found = run(text, lang)
    old = one(found, words)
    assert values(old, "status") == {STATUS + "in-force"}
    # made long before: neither the article's date nor its meeting date it
    assert not values(old, "date") and not values(old, "signatureDate") and not values(old, "signedAt")
    assert values(old, "party") == {ns.entity("state", "peru"), ns.entity("state", "chile")}
    assert len(found) == 2  # the instrument signed now is another undertaking, not the same one


def test_the_plural_signatures_say_it_was_signed(run):
    c = one(run("Le mémorandum d'entente entre le Pérou et le Chili porte les signatures des deux ministres.\n",
                "fr"), "mémorandum")
    assert values(c, "status") == {STATUS + "signed"}


@pytest.mark.parametrize("lang, text, words", [
    ("fr", "Le Pérou et le Chili signent un accord culturel\n\nL'accord prévoit des échanges de musiciens.\n",
     "accord"),
    ("en", "Peru and Chile sign a cultural agreement\n\nThe agreement provides for exchanges of musicians.\n",
     "agreement"),
])
def test_a_body_mention_without_a_status_keeps_the_headlines(run, lang, text, words):
    found = run(text, lang)
    assert len(found) == 1
    assert values(found[0], "status") == {STATUS + "signed"}


# ---- domains: who acts is not the field; a list the text opens after the instrument ----------------

@pytest.mark.parametrize("lang, text, words", [
    ("fr", "Le Chili et ses institutions culturelles sont prêts à aider le Pérou à restaurer ses musées.\n",
     "prêts"),
    ("en", "Chile and its cultural institutions stood ready to help Peru restore its museums.\n", "stood ready"),
    ("fr", "La ministre péruvienne a proposé de promouvoir la céramique chilienne dans les musées, une forme "
           "d'expression culturelle.\n", "proposé"),
])
def test_a_domains_adjective_that_qualifies_a_body_is_not_a_domain(run, lang, text, words):
    c = one(run(text, lang), words)
    assert DOMAIN + "museums" in values(c, "domain")
    assert DOMAIN + "culture" not in values(c, "domain")


@pytest.mark.parametrize("lang, text", [
    ("fr", "Le Pérou et le Chili ont signé mardi un mémorandum d'entente.\n\nIl couvre deux champs : les archives "
           "et le patrimoine.\n\nCe que prévoit le texte :\n- des expositions itinérantes ;\n- des festivals de "
           "musique.\n"),
    ("en", "Peru and Chile signed a memorandum of understanding on Tuesday.\n\nIt covers two fields: archives "
           "and heritage.\n\nWhat the text provides:\n- touring exhibitions;\n- music festivals.\n"),
])
def test_each_list_the_text_opens_after_a_signed_instrument_gives_it_domains(run, lang, text):
    found = [c for c in run(text, lang) if values(c, "status") == {STATUS + "signed"}]
    assert len(found) == 1
    assert {DOMAIN + d for d in ("cultural-heritage", "exhibitions", "cultural-events")} <= values(found[0],
                                                                                                     "domain")


# ---- parties: the subject state and the other state the clause names --------------------------------

@pytest.mark.parametrize("lang, text, words", [
    ("en", "The envoy said Chile stood ready to help restore Peruvian museums.\n", "stood ready"),
    ("fr", "L'envoyé a dit que le Chili était prêt à aider à restaurer les musées péruviens.\n", "prêt"),
])
def test_the_subject_state_and_the_state_it_helps_are_the_parties(run, lang, text, words):
    c = one(run(text, lang), words)
    assert values(c, "party") == {ns.entity("state", "chile"), ns.entity("state", "peru")}


def test_a_state_named_as_a_place_does_not_act(run):
    found = run("Le Pérou et le Chili ont évoqué la coopération.\n\nUn programme de stages en France pour des "
                "spécialistes péruviens a été proposé.\n", "fr")
    c = one(found, "stages")
    assert ns.entity("state", "france") not in values(c, "party")


# ---- "Deux documents ont été signés. Le premier est …": each item of a counted set ------------------

@pytest.mark.parametrize("lang, text, words", [
    ("fr", "Deux documents ont été signés lundi à Lima par le Pérou et le Chili. Le premier est un programme "
           "d'échanges de musiciens pour 2025-2027.\n", "programme"),
    ("en", "Two documents were signed in Lima on Monday by Peru and Chile. The first is a programme of "
           "exchanges of musicians for 2025-2027.\n", "programme"),
])
def test_an_item_of_a_counted_set_takes_its_status(run, lang, text, words):
    c = one(run(text, lang), words)
    assert values(c, "status") == {STATUS + "signed"}
    assert kinds(c) == {CD + "Agreement"}


def test_an_ordinal_without_a_counted_set_before_says_nothing(run):
    found = run("Le Pérou et le Chili ont évoqué leurs musées. Le premier est un programme de résidences.\n", "fr")
    assert not any(values(c, "status") == {STATUS + "signed"} for c in found)


def test_a_memorandum_after_a_signed_programme_is_another_instrument(run):
    text = ("Deux documents ont été signés lundi à Lima par le Pérou et le Chili. Le premier est un programme "
            "d'échanges de musiciens. Ce mémorandum d'entente porte les signatures des deux ministres.\n")
    found = [c for c in run(text, "fr") if values(c, "status") == {STATUS + "signed"}]
    assert len(found) == 2


# ---- a list's items: each names its subject whole; visiting each other is done together -------------

@pytest.mark.parametrize("lang, text, words", [
    ("fr", "Le Pérou et le Chili ont signé un mémorandum.\n\nCe que prévoit le texte :\n- conservateurs, gens du "
           "livre, musiciens et peintres se rendront visite ;\n- des festivals auront lieu tour à tour.\n",
     "se rendront visite"),
    ("en", "Peru and Chile signed a memorandum.\n\nWhat the text provides:\n- curators, writers, musicians and "
           "painters will visit each other;\n- festivals will be held in turn.\n", "visit each other"),
])
def test_a_list_items_subject_is_whole_and_mutual_visits_bind_both_states(run, lang, text, words):
    c = one(run(text, lang), words)
    assert any(("gens du livre" if lang == "fr" else "writers") in e for e in c.evidence)
    assert values(c, "status") == {STATUS + "announced"}
    assert values(c, "party") == {ns.entity("state", "peru"), ns.entity("state", "chile")}


# ---- a bulleted list after an introduction that says a status -------------------------------------

@pytest.mark.parametrize("lang, text", [
    ("fr", "Le Pérou et le Chili ont évoqué leurs archives.\n\nL'ambassadeur a mis sur la table plusieurs idées :\n"
           "- un fonds pour restaurer les manuscrits ;\n- une semaine culturelle dans les deux capitales ;\n"
           "- des stages pour les archivistes.\n"),
    ("en", "Peru and Chile talked about their archives.\n\nThe ambassador put forward several ideas:\n"
           "- a fund to restore manuscripts;\n- a cultural week in both capitals;\n- internships for archivists.\n"),
])
def test_each_bulleted_item_after_an_introduction_is_an_undertaking_with_its_status(run, lang, text):
    found = [c for c in run(text, lang) if values(c, "status") == {STATUS + "proposed"}]
    assert len(found) == 3, [c.evidence for c in found]
    assert all(CD + "Initiative" in kinds(c) for c in found)


def test_items_under_an_introduction_that_names_an_undertaking_are_its_contents(run):
    text = ("Le Pérou et le Chili ont évoqué leurs archives.\n\nL'ambassadeur a présenté le programme 2025, qui "
            "comprend :\n- un festival de cinéma ;\n- une exposition itinérante.\n")
    assert not any(any("festival de cinéma" in e for e in c.evidence) and len(c.evidence) == 1
                   and c.evidence[0].startswith("un festival") for c in run(text, "fr"))


def test_a_bulleted_item_never_becomes_signed_by_its_introduction(run):
    text = ("Le Pérou et le Chili ont signé plusieurs textes :\n- un fonds pour restaurer les manuscrits ;\n"
            "- des stages pour les archivistes.\n")
    assert not any(values(c, "status") == {STATUS + "signed"} and any(e.startswith("un fonds") for e in c.evidence)
                   for c in run(text, "fr"))


# ---- one place maps a word to a state: parties now know every demonym offices knew ----------------

@pytest.mark.parametrize("lang, text", [
    ("fr", "Un jumelage des archives nationales bolivienne et estonienne a été proposé.\n"),
    ("en", "A joint Bolivian-Estonian film project was announced.\n"),
])
def test_parties_read_any_states_demonym(run, lang, text):
    found = run(text, lang)
    assert found and values(found[0], "party") == {ns.entity("state", "bolivia"), ns.entity("state", "estonia")}


def test_offices_and_parties_ask_the_same_place(ingest_ctx):
    from kg.ingest.parties import Parties
    words = Parties(ingest_ctx.lexicons["fr"], ingest_ctx.gazetteers["fr"])
    assert words.adjective("estonien", capitalised=False) == ns.entity("state", "estonia")
    assert words.adjective("estonien", capitalised=True) is None  # lower case, where a capital is required


# ---- an agreement the governments sign is intergovernmental ---------------------------------------

@pytest.mark.parametrize("lang, text, words", [
    ("fr", "Les gouvernements péruvien et chilien ont signé un accord sur les archives.\n", "accord"),
    ("en", "The Peruvian and Chilean governments signed an agreement on archives.\n", "agreement"),
])
def test_an_agreement_signed_by_the_governments_is_intergovernmental(run, lang, text, words):
    c = one(run(text, lang), words)
    assert kinds(c) == {CD + "IntergovernmentalAgreement"}


def test_an_agreement_signed_by_ministers_stays_an_agreement(run):
    c = one(run("Les ministres péruvien et chilien ont signé un accord sur les archives.\n", "fr"), "accord")
    assert kinds(c) == {CD + "Agreement"}


# ---- "documents" names instruments only when they are signed ---------------------------------------

@pytest.mark.parametrize("lang, text", [
    ("fr", "Le Pérou et le Chili partageront documents et expériences sur la jeunesse et les sports.\n"),
    ("en", "Peru and Chile will share documents and experience on youth and sports.\n"),
])
def test_shared_papers_are_no_list_of_instruments(run, lang, text):
    assert not any(CD + "Agreement" in kinds(c) for c in run(text, lang))


def test_signed_documents_are_still_a_list_of_instruments(run):
    found = run("Plusieurs documents ont été signés par le Pérou et le Chili, notamment sur les archives, le "
                "cinéma et les musées.\n", "fr")
    assert len([c for c in found if values(c, "status") == {STATUS + "signed"}]) == 3


# ---- a programme named as the frame of another exists already: ongoing -----------------------------

@pytest.mark.parametrize("lang, text, frame", [
    ("fr", "Des stages pour des archivistes péruviens dans le cadre du programme chilien « Memoria » ont été "
           "proposés.\n", "Memoria"),
    ("en", "Internships for Peruvian archivists under the Chilean Memoria programme were proposed.\n", "programme"),
])
def test_the_programme_another_is_done_within_is_ongoing(run, lang, text, frame):
    found = run(text, lang)
    framing = [c for c in found if values(c, "status") == {STATUS + "ongoing"}]
    assert len(framing) == 1 and any(frame in e for e in framing[0].evidence)


def test_a_programme_proposed_on_its_own_stays_proposed(run):
    c = one(run("Le Pérou a proposé un programme de stages pour des archivistes chiliens.\n", "fr"), "programme")
    assert values(c, "status") == {STATUS + "proposed"}


# ---- a list of signed instruments: its items, not its head once more --------------------------------

@pytest.mark.parametrize("lang, text", [
    ("fr", "Le Pérou et le Chili ont tenu des entretiens à Lima. Plusieurs accords ont été signés, notamment sur "
           "les archives, la coproduction et la formation des conservateurs.\n"),
    ("en", "Peru and Chile held talks in Lima. The two sides signed agreements on archives, film co-production "
           "and museum training.\n"),
])
def test_a_signed_list_gives_its_items_and_not_its_head_again(run, lang, text):
    found = [c for c in run(text, lang) if values(c, "status") == {STATUS + "signed"}]
    assert len(found) == 3, [c.evidence for c in found]
    assert any(DOMAIN + "film-production" in values(c, "domain") for c in found)
