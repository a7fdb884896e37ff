"""Per-pattern tests of undertakings (issue 18): their dates and lifecycle from their own clause, their
parties however the text names them, their domains. Our own sentences, in French and English."""

from __future__ import annotations

import functools

import pytest

from kg import namespaces as ns

from conftest import one, state, values

CD, STATUS, DOMAIN = ns.CD, ns.STATUS, ns.DOMAIN


@pytest.fixture
def run(propose):
    return functools.partial(propose, kind="undertaking")


# ---- dates from the undertaking's own clause ------------------------------------------------------

@pytest.mark.parametrize("lang, text, words, date", [
    ("fr", "Le Pérou et le Chili ont évoqué l'accord culturel signé le 14 mars 1998 à Lima.\n",
     "accord culturel", "1998-03-14"),
    ("fr", "Le Pérou et le Chili avaient signé en mai 2011 un mémorandum sur les archives.\n", "mémorandum",
     "2011-05"),
    ("en", "Peru and Chile recalled the memorandum on archives they signed in 2017.\n", "memorandum", "2017"),
    ("en", "Peru and Chile signed a cultural agreement in February 2011.\n", "agreement", "2011-02"),
])
def test_a_signed_undertaking_is_dated_by_its_own_clause(run, lang, text, words, date):
    c = one(run(text, lang), words)
    assert values(c, "status") == {STATUS + "signed"}
    assert values(c, "date") == {date}
    assert values(c, "signatureDate") == {date}


@pytest.mark.parametrize("lang, text, date", [
    ("fr", "Le Pérou et le Chili signeront l'an prochain un accord sur les archives.\n", "2025"),
    ("en", "Peru and Chile will sign an agreement on archives next year.\n", "2025"),
])
def test_a_relative_date_is_read_against_the_articles_date_and_is_not_a_signature(run, lang, text, date):
    c = one(run(text, lang, issued="2024-05-15"), "accord" if lang == "fr" else "agreement")
    assert values(c, "status") == {STATUS + "announced"}
    assert values(c, "date") == {date}
    assert not values(c, "signatureDate")  # announced: nothing was signed, no date of signature


@pytest.mark.parametrize("lang, text, date", [
    ("fr", "L'accord culturel entre le Pérou et le Chili est entré en vigueur le 1er mars 2019.\n", "2019-03-01"),
    ("en", "The cultural agreement between Peru and Chile entered into force on 1 March 2019.\n", "2019-03-01"),
])
def test_entry_into_force_dates_its_own_step(run, lang, text, date):
    c = one(run(text, lang), "accord" if lang == "fr" else "agreement")
    assert values(c, "status") == {STATUS + "in-force"}
    assert values(c, "entryIntoForce") == {date}
    assert not values(c, "signatureDate")


def test_a_date_after_since_is_not_the_undertakings_date(run):
    c = one(run("Le Pérou et le Chili sont liés par un accord culturel signé, en vigueur depuis 1980.\n", "fr"),
            "accord")
    assert "1980" not in values(c, "date")


# ---- parties --------------------------------------------------------------------------------------

@pytest.mark.parametrize("lang, text, parties", [
    ("fr", "Lima et Santiago ont signé un accord sur le cinéma.\n", {"peru", "chile"}),
    ("fr", "Un accord sur le cinéma a été signé entre Lima et Santiago.\n", {"peru", "chile"}),
    ("en", "Paris and Beijing signed a memorandum on museums.\n", {"france", "china"}),
    ("en", "A memorandum on museums was signed between Algiers and Tehran.\n", {"algeria", "iran"}),
])
def test_capitals_stand_for_their_states_as_parties(run, lang, text, parties):
    found = run(text, lang)
    assert found
    assert values(found[0], "party") == {state(s) for s in parties}


@pytest.mark.parametrize("lang, text, parties", [
    ("fr", "Le jumelage des bibliothèques nationales algérienne et iranienne a été proposé.\n",
     {"algeria", "iran"}),
    ("en", "A joint Indian-Japanese film project was announced.\n", {"india", "japan"}),
])
def test_two_states_joined_by_their_adjectives_are_the_parties(run, lang, text, parties):
    found = run(text, lang)
    assert found
    assert values(found[0], "party") == {state(s) for s in parties}


@pytest.mark.parametrize("lang, text", [
    ("fr", "Le Pérou reçoit le Chili.\n\nLes deux pays ont signé un mémorandum sur les musées. Le Pérou "
           "accueillera aussi un festival.\n"),
    ("fr", "Le Pérou reçoit le Chili.\n\nUn accord culturel bilatéral a été signé. Le Pérou accueillera aussi "
           "un festival.\n"),
    ("en", "Peru welcomes Chile.\n\nThe two sides signed a memorandum on museums. Peru will also host a "
           "festival.\n"),
])
def test_the_two_countries_are_the_articles_two_main_states(run, lang, text):
    c = one(run(text, lang), "mémorandum" if "mémorandum" in text else ("accord" if lang == "fr" else "memorandum"))
    assert values(c, "party") == {state("peru"), state("chile")}


def test_the_main_states_are_the_most_named_not_the_first_named(run):
    text = ("La France salue la coopération entre le Pérou et le Chili.\n\nLe Pérou et le Chili ont célébré leur "
            "amitié. Le président péruvien a reçu son homologue chilien. Les deux pays ont signé un accord sur "
            "les archives.\n")
    c = one(run(text, "fr"), "accord sur les archives")
    assert values(c, "party") == {state("peru"), state("chile")}


def test_a_body_named_in_the_clause_is_not_replaced_by_the_states(run):
    text = ("Le Pérou reçoit le Chili.\n\nLe Musée national du Pérou et la Fondation Neruda ont signé un "
            "mémorandum sur les expositions.\n")
    c = one(run(text, "fr"), "mémorandum")
    assert state("peru") not in values(c, "party") and len(values(c, "party")) == 2


# ---- domains ------------------------------------------------------------------------------------------

@pytest.mark.parametrize("lang, text, domains", [
    ("fr", "Le Pérou et le Chili ont signé un accord sur la production cinématographique.\n", {"film-production"}),
    ("en", "Peru and Chile signed an agreement on film production.\n", {"film-production"}),
])
def test_a_domain_named_inside_a_longer_one_counts_for_the_longer_only(run, lang, text, domains):
    found = run(text, lang)
    assert found
    assert values(found[0], "domain") == {DOMAIN + d for d in domains}


@pytest.mark.parametrize("lang, text, domains", [
    # the general concept named on its own stays beside a narrower one
    ("fr", "Le Pérou et le Chili ont signé un accord culturel qui porte aussi sur les musées.\n",
     {"culture", "museums"}),
    ("en", "Peru and Chile signed a cultural agreement that also covers museums.\n", {"culture", "museums"}),
    # coordinated with a narrower word, it only qualifies it
    ("fr", "Le Pérou et le Chili ont signé un accord de formation dans le domaine culturel et muséal.\n",
     {"museums", "professional-training"}),
])
def test_the_top_domain_stays_unless_it_is_coordinated_with_a_narrower_one(run, lang, text, domains):
    found = run(text, lang)
    assert found
    assert values(found[0], "domain") == {DOMAIN + d for d in domains}


def test_the_adjective_before_an_english_undertakings_name_gives_its_domain(run):
    found = run("Peru and Chile signed a cultural agreement in 2011.\n", "en")
    assert values(one(found, "agreement"), "domain") == {DOMAIN + "culture"}


@pytest.mark.parametrize("lang, text, domains", [
    ("fr", "Le Pérou et le Chili ont signé hier un mémorandum d'entente.\n\nLe texte comprend plusieurs volets :\n"
           "- expositions et festivals ;\n- échanges de spécialistes.\n\nLa séance a été levée.\n",
     {"cultural-events", "exhibitions", "knowledge-exchange"}),
    ("en", "Peru and Chile signed a memorandum of understanding yesterday. It covers two fields: archaeology "
           "and exhibitions.\n\nThe meeting then closed with a concert.\n",
     {"cultural-heritage", "exhibitions"}),
])
def test_a_list_the_signed_instrument_opens_right_after_gives_its_domains(run, lang, text, domains):
    found = run(text, lang)
    signed = [c for c in found if values(c, "status") & {STATUS + "signed"}]
    assert len(signed) == 1, [c.evidence for c in found]
    assert values(signed[0], "domain") == {DOMAIN + d for d in domains}


def test_a_list_after_a_sentence_of_another_subject_is_not_the_instruments(run):
    found = run("Peru and Chile signed a memorandum of understanding yesterday.\n\nThe ministers then visited "
                "three places: a museum, a festival and a library.\n", "en")
    signed = [c for c in found if values(c, "status") & {STATUS + "signed"}]
    assert signed and not values(signed[0], "domain") & {DOMAIN + "museums", DOMAIN + "cultural-events"}


# ---- never signed when it was not -------------------------------------------------------------------

@pytest.mark.parametrize("lang, text", [
    ("fr", "Lima a proposé à Santiago un accord sur le cinéma, qui sera signé l'an prochain.\n"),
    ("en", "Peru and Chile have said they will sign an agreement on film next year.\n"),
])
def test_a_proposal_or_a_future_signature_is_not_signed(run, lang, text):
    found = run(text, lang)
    assert found
    reached = {STATUS + s for s in ("signed", "ratified", "in-force", "approved", "extended", "expired")}
    assert not {s for c in found for s in values(c, "status")} & reached
    assert not any(values(c, "signatureDate") for c in found)


# ---- undertakings stated by a verb --------------------------------------------------------------------

@pytest.mark.parametrize("lang, text, words, status", [
    ("fr", "Le Pérou et le Chili sont convenus de restaurer ensemble les églises coloniales.\n",
     "convenus de restaurer", "envisaged"),
    ("fr", "Les deux ministres se sont engagés à numériser les archives de la mission.\n", "engagés à numériser",
     "announced"),
    ("fr", "Les deux ministres ont suggéré de jumeler les musées de Lima et de Santiago.\n", "ont suggéré de jumeler",
     "proposed"),
    ("en", "Peru and Chile agreed to co-produce a documentary on the Andes.\n", "agreed to co-produce", "envisaged"),
    ("en", "The two ministers pledged to restore the colonial churches together.\n", "pledged to restore",
     "announced"),
    ("en", "Chilean and Peruvian dance troupes will jointly organise a festival in Cusco.\n",
     "will jointly organise a festival", "announced"),
    ("fr", "Des troupes de danse péruviennes et chiliennes circuleront d'un pays à l'autre.\n",
     "Des troupes de danse", "announced"),
])
def test_an_undertaking_stated_by_a_verb_gets_the_verbs_status(run, lang, text, words, status):
    c = one(run(text, lang), words)
    assert values(c, "status") == {STATUS + status}


@pytest.mark.parametrize("lang, text", [
    ("en", "The minister will travel to Lima on Monday.\n"),  # a person's plan: an event, not an undertaking
    ("fr", "Le ministre a convenu de signer un accord sur les archives.\n"),  # the agreement is named
])
def test_a_verb_gives_no_undertaking_of_its_own_where_a_person_plans_or_a_noun_names_it(run, lang, text):
    found = run(text, lang)
    assert not any(c.rule.split(" + ")[0].split("/")[1] == "commitment" for c in found), \
        [(c.rule, c.evidence) for c in found]


def test_an_undertakings_words_end_at_a_break_of_the_sentence(run):
    c = one(run("Peru and Chile signed a cultural agreement in 1998, and the new museum opened in Lima.\n", "en"),
            "cultural agreement")
    assert all("museum" not in e for e in c.evidence)
    assert values(c, "date") == {"1998"}


@pytest.mark.parametrize("lang, text, issued, date", [
    ("fr", "Le musée et la fondation ont conclu en janvier un accord-cadre entre le Pérou et le Chili.\n",
     "2016-03-10", "2016-01"),
    ("fr", "Le Pérou et le Chili ont signé en juillet un accord sur les archives.\n", "2016-03-10", "2015-07"),
    ("en", "Peru and Chile signed an agreement on archives in July.\n", "2016-09-01", "2016-07"),
])
def test_a_month_without_a_year_is_the_last_one_up_to_the_articles_date(run, lang, text, issued, date):
    found = run(text, lang, issued=issued)
    assert found
    assert values(found[0], "date") == {date}


def test_a_hyphenated_word_the_splitter_cut_stays_in_its_sentence(run):
    c = one(run("L'exposition est née d'un accord-cadre conclu entre le Pérou et le Chili.\n", "fr"), "accord-cadre")
    assert values(c, "status") == {STATUS + "signed"}


def test_what_two_sides_agreed_next_to_a_signed_memorandum_is_its_terms(run):
    text = ("The Museum of Lima and the Neruda Foundation have agreed to work together on training curators.\n\n"
            "The two sides signed the memorandum on Tuesday in Lima.\n\nThe weather was fine.\n\nLater, the "
            "ministers agreed to open a joint festival of Andean music.\n")
    found = run(text, "en")
    memo = one(found, "memorandum")
    assert values(memo, "status") == {STATUS + "signed"}
    assert any("training curators" in e for e in memo.evidence)
    assert not any(values(c, "status") == {STATUS + "envisaged"} and any("training" in e for e in c.evidence)
                   for c in found)
    festival = one(found, "festival")  # not beside the signing: an undertaking of its own
    assert values(festival, "status") == {STATUS + "envisaged"}


def test_what_was_agreed_next_to_an_old_signed_agreement_is_an_undertaking_of_its_own(run):
    text = ("Two texts are cited: the cultural agreement Peru and Chile signed in 1998.\n\nThe two ministers also "
            "agreed to work together on the digitisation of manuscripts.\n")
    found = run(text, "en", issued="2024-05-15")
    c = one(found, "digitisation")
    assert values(c, "status") == {STATUS + "envisaged"}


# ---- links between undertakings (the ontology's cd:supersedes, cd:extends …) -------------------------------

def test_a_pronoun_after_a_link_is_the_earlier_undertaking_with_its_own_date(run):
    text = ("Le Pérou et le Chili ont signé hier un nouvel accord sur le cinéma. L'accord abroge celui que les deux "
            "pays avaient signé le 27 juillet 1977 à Lima.\n")
    found = run(text, "fr")
    new, old = one(found, "nouvel accord"), one(found, "celui que")
    assert values(old, "date") == {"1977-07-27"}
    assert values(old, "status") == {STATUS + "signed"}
    assert values(old, "party") == {state("peru"), state("chile")}
    assert values(new, "supersedes") == {old.triples[0][0]}
    assert "1977-07-27" not in values(new, "date")


def test_an_agreement_that_prolongs_a_memorandum_extends_it(run):
    text = ("The museum and the ministry signed an agreement that prolongs by five years the Peru-Chile memorandum "
            "of understanding on heritage.\n")
    found = run(text, "en")
    agreement, memo = one(found, "agreement that prolongs"), one(found, "memorandum of understanding")
    assert agreement is not memo
    assert values(agreement, "extends") == {memo.triples[0][0]}
    assert values(memo, "party") == {state("peru"), state("chile")}  # "Peru-Chile": two states in one word


# ---- aspect and lifecycle ---------------------------------------------------------------------------------

@pytest.mark.parametrize("lang, text, status, prop, date", [
    ("en", "The cultural agreement between Peru and Chile was ratified by Parliament in March 2020.\n", "ratified",
     "approvalDate", "2020-03"),
    ("en", "The cultural agreement between Peru and Chile was approved by decree on 3 May 2021.\n", "approved",
     "approvalDate", "2021-05-03"),
    ("fr", "L'accord culturel entre le Pérou et le Chili est entré en vigueur en 2019.\n", "in-force",
     "entryIntoForce", "2019"),
    ("en", "The memorandum between Peru and Chile expired in 2015.\n", "expired", "endDate", "2015"),
    ("fr", "Le Pérou et le Chili ont signé un accord qui court jusqu'en 2030.\n", "signed", "endDate", "2030"),
    ("fr", "Le mémorandum entre le Pérou et le Chili a été prorogé de cinq ans.\n", "extended", None, None),
    ("en", "The memorandum between Peru and Chile was extended for ten more years.\n", "extended", None, None),
    ("fr", "Le programme d'échanges entre le Pérou et le Chili a été adapté.\n", "implemented", None, None),
    ("en", "The exchange programme between Peru and Chile has been adapted.\n", "implemented", None, None),
])
def test_each_step_of_the_lifecycle_gets_its_status_and_its_date(run, lang, text, status, prop, date):
    found = run(text, lang)
    assert len(found) == 1, [c.evidence for c in found]
    assert values(found[0], "status") == {STATUS + status}
    if prop:
        assert values(found[0], prop) == {date}


@pytest.mark.parametrize("lang, text, expected", [
    ("en", "Peru and Chile have signed an agreement on archives, which will be implemented next year.\n", "signed"),
    ("en", "The agreement between Peru and Chile will enter into force next year.\n", "announced"),
    ("fr", "L'accord entre le Pérou et le Chili doit être ratifié par le Parlement.\n", "announced"),
])
def test_a_step_said_of_the_future_is_not_reached(run, lang, text, expected):
    found = run(text, lang)
    assert len(found) == 1
    assert values(found[0], "status") == {STATUS + expected}
    assert not values(found[0], "date") - {"2024"}  # no date after the report for what was signed
    assert not values(found[0], "entryIntoForce") and not values(found[0], "approvalDate")


@pytest.mark.parametrize("lang, text", [
    ("en", "Peru and Chile signed a memorandum on archives for a period of five years.\n"),
    ("fr", "Le Pérou et le Chili ont signé un accord sur les archives pour une durée de cinq ans.\n"),
])
def test_a_term_is_an_iso_duration(run, lang, text):
    found = run(text, lang)
    assert values(found[0], "duration") == {"P5Y"}


def test_signed_at_the_articles_meeting_is_dated_by_it_and_a_year_only_report_keeps_its_months(run):
    text = ("Le président Karim Tazi a reçu mardi Anjali Mehta au palais présidentiel à Rabat. Les deux "
            "dirigeants ont signé un accord sur les archives.\n")
    c = one(run(text, "fr", issued="2024-05-15"), "accord")
    assert values(c, "date") == {"2024-05-14"} and values(c, "signatureDate") == {"2024-05-14"}
    c = one(run("Le Pérou et le Chili ont signé l'accord sur les archives en février.\n", "fr", issued="2011"),
            "accord")
    assert values(c, "date") == {"2011-02"}


@pytest.mark.parametrize("lang, text, parties", [
    ("fr", "Un jumelage des archives nationales péruvienne et chilienne a été proposé.\n", {"peru", "chile"}),
    ("en", "A joint Peruvian-Chilean film project was announced.\n", {"peru", "chile"}),
])
def test_states_outside_the_first_lexicon_are_named_by_their_adjectives(run, lang, text, parties):
    found = run(text, lang)
    assert found and values(found[0], "party") == {state(s) for s in parties}


def test_a_lower_case_english_word_is_not_a_states_adjective(run):
    found = run("The ministry will polish and swiss-roll nothing; a joint festival of Chilean film was announced "
                "with Peru.\n", "en")
    assert all(state("poland") not in values(c, "party") for c in found)


@pytest.mark.parametrize("lang, text, words", [
    ("en", "The ambassador said Chile stood ready to help restore Peruvian museums.\n", "stood ready"),
    ("fr", "L'ambassadeur a assuré que le Chili était tout à fait disposé à aider le Pérou à restaurer ses musées.\n",
     "disposé"),
])
def test_an_offer_reported_after_a_speaker_is_an_envisaged_initiative(run, lang, text, words):
    c = one(run(text, lang), words)
    assert values(c, "status") == {STATUS + "envisaged"}
    assert DOMAIN + "museums" in values(c, "domain")


def test_being_ready_without_a_cooperation_domain_is_no_undertaking(run):
    assert not run("The minister said she was ready to leave the meeting early.\n", "en")
