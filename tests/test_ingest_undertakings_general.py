"""Per-pattern tests of undertakings (issue 18), fourth round: patterns chosen to generalise (offers and requests
addressed to another state, advocacy, what a signed instrument provides said in the sentences after it, parties
named with appositions between them). Our own sentences, in French and English."""

from __future__ import annotations

import functools

import pytest

from kg import namespaces as ns

from conftest import one, state, values

CD, STATUS, DOMAIN = ns.CD, ns.STATUS, ns.DOMAIN


@pytest.fixture
def run(propose):
    return functools.partial(propose, kind="undertaking")


@pytest.mark.parametrize("lang, text, words", [
    ("fr", "Le ministre a assuré que le Pérou était tout à fait disposé à aider la Bolivie à atteindre ses "
           "objectifs.\n", "disposé à aider"),
    ("en", "The minister said Peru stood ready to help Bolivia reach its goals.\n", "ready to help"),
])
def test_an_offer_to_another_state_is_envisaged_between_them(run, lang, text, words):
    c = one(run(text, lang), words)
    assert values(c, "status") == {STATUS + "envisaged"}
    assert values(c, "party") == {state("peru"), state("bolivia")}


@pytest.mark.parametrize("lang, text, words", [
    ("fr", "Le vice-président a demandé au Pérou d'appuyer la candidature de la Bolivie.\n", "demandé au Pérou"),
    ("en", "The vice-president asked Peru to back Bolivia's candidacy.\n", "asked Peru"),
])
def test_a_request_to_another_state_is_proposed_between_them(run, lang, text, words):
    c = one(run(text, lang), words)
    assert values(c, "status") == {STATUS + "proposed"}
    assert values(c, "party") == {state("peru"), state("bolivia")}


@pytest.mark.parametrize("lang, text", [
    ("fr", "Le ministre a demandé aux journalistes de patienter.\n"),
    ("en", "The minister asked journalists to wait.\n"),
])
def test_a_request_with_no_domain_and_no_second_state_is_nothing(run, lang, text):
    assert run(text, lang) == []


@pytest.mark.parametrize("lang, text", [
    ("fr", "Le Pérou a plaidé pour un partenariat à trois avec la Bolivie et des pays africains.\n"),
    ("en", "Peru argued for a three-way partnership with Bolivia and African countries.\n"),
])
def test_advocating_a_partnership_proposes_it_and_never_signs_it(run, lang, text):
    c = one(run(text, lang), "parten" if lang == "fr" else "partner")
    assert values(c, "status") == {STATUS + "proposed"}
    assert CD + "Agreement" not in {o for _, p, o in c.triples if p == ns.RDF + "type"}


@pytest.mark.parametrize("lang, text, words", [
    ("fr", "Le Pérou et la Bolivie ont signé mardi un accord culturel. Il a été signé par les deux ministres. "
           "Il prévoit des échanges de livres et de films, pour quatre ans.\n", "accord culturel"),
    ("en", "Peru and Bolivia signed a cultural agreement on Tuesday. The two ministers signed it. It provides "
           "for exchanges of books and films, for four years.\n", "cultural agreement"),
])
def test_what_a_signed_instrument_provides_later_in_its_paragraph_gives_its_domains_and_term(run, lang, text,
                                                                                             words):
    c = one(run(text, lang), words)
    assert {DOMAIN + "literature", DOMAIN + "film"} <= values(c, "domain")
    assert values(c, "duration") == {"P4Y"}


@pytest.mark.parametrize("lang, text, words", [
    ("fr", "Le Pérou et la Bolivie ont signé mardi un accord culturel.\n\nLe musée, lui, prévoit des "
           "expositions de films.\n", "accord culturel"),
    ("en", "Peru and Bolivia signed a cultural agreement on Tuesday.\n\nIt provides for film screenings, the "
           "museum said.\n", "cultural agreement"),
])
def test_what_another_paragraph_or_subject_provides_is_not_the_instruments(run, lang, text, words):
    c = one(run(text, lang), words)
    assert DOMAIN + "film" not in values(c, "domain")


@pytest.mark.parametrize("lang, text", [
    ("fr", "L'exposition est née d'un accord-cadre conclu en janvier entre le Musée national d'art, rattaché à "
           "l'Institut des beaux-arts, et le Musée du Louvre.\n"),
    ("en", "The exhibition grew out of a framework agreement concluded in January between the National Art "
           "Museum, part of the Fine Arts Institute, and the Louvre Museum.\n"),
])
def test_the_parties_between_are_the_two_named_around_an_apposition_not_what_the_apposition_names(run, lang,
                                                                                                   text):
    c = one(run(text, lang), "accord-cadre" if lang == "fr" else "agreement concluded")
    parties = values(c, "party")
    assert len(parties) == 2 and ns.entity("organization", "louvre-museum") in parties
    assert not any("institut" in p or "institute" in p for p in parties)


@pytest.mark.parametrize("lang, text", [
    ("fr", "Lors d'une cérémonie au Musée national d'art, le Musée du Louvre et la Bibliothèque nationale du "
           "Pérou ont signé un accord sur le patrimoine.\n"),
    ("en", "At a ceremony at the National Art Museum today, the Louvre Museum and the National Library of Peru "
           "signed an agreement on heritage.\n"),
])
def test_a_body_in_the_opening_adverbial_is_a_place_not_a_party(run, lang, text):
    c = one(run(text, lang), "accord" if lang == "fr" else "agreement")
    parties = values(c, "party")
    assert ns.entity("organization", "louvre-museum") in parties and len(parties) == 2
    assert not any("art" in p.rsplit("/", 1)[-1].split("-") for p in parties)


@pytest.mark.parametrize("lang, text, words", [
    ("fr", "Le Pérou et le Chili ont signé mardi un programme d'échanges culturels pour 2021-2024.\n", "programme"),
    ("en", "Peru and Chile signed on Tuesday a cultural exchange programme for 2021-2024.\n", "programme"),
    ("fr", "Le Pérou et le Chili ont annoncé un plan d'action (2021-2024) pour les musées.\n", "plan d'action"),
    ("en", "Peru and Chile announced a 2021–2024 action plan for museums.\n", "action plan"),
])
def test_the_years_an_undertaking_runs_are_its_start_and_end_not_its_date(run, lang, text, words):
    c = one(run(text, lang), words)
    assert values(c, "startDate") == {"2021"} and values(c, "endDate") == {"2024"}
    assert "2021" not in {str(d)[:4] for d in values(c, "date")}


@pytest.mark.parametrize("lang, text, words", [
    ("fr", "Le Pérou et le Chili ont signé un accord de coopération audiovisuelle.\n", "accord"),
    ("en", "Peru and Chile signed an audiovisual cooperation agreement.\n", "agreement"),
])
def test_audiovisual_is_the_film_domain(run, lang, text, words):
    assert values(one(run(text, lang), words), "domain") == {DOMAIN + "film"}


def test_english_words_before_the_name_back_to_the_determiner_name_its_domains(run):
    c = one(run("Peru and Chile signed a new heritage and museum cooperation memorandum.\n", "en"), "memorandum")
    assert values(c, "domain") == {DOMAIN + "cultural-heritage", DOMAIN + "museums"}
    c = one(run("Museums of the region attended. Peru and Chile signed the memorandum.\n", "en"), "memorandum")
    assert not values(c, "domain")  # "Museums" is before the determiner, in another sentence


@pytest.mark.parametrize("lang, text, words", [
    ("fr", "L'ambassadeur du Pérou a annoncé une subvention de 400 000 dollars pour la restauration des monuments "
           "de Bolivie.\n", "subvention"),
    ("en", "Peru's ambassador announced a grant of $400,000 for the restoration of Bolivia's monuments.\n", "grant"),
])
def test_a_grant_announced_is_an_announced_initiative_in_its_field(run, lang, text, words):
    c = one(run(text, lang), words)
    assert values(c, "status") == {STATUS + "announced"}
    assert CD + "Initiative" in {o for _, p, o in c.triples if p == ns.RDF + "type"}
    assert DOMAIN + "cultural-heritage" in values(c, "domain")


@pytest.mark.parametrize("lang, text, words", [
    ("fr", "Le Pérou et le Chili ont signé un accord sur les galeries d'art.\n", "accord"),
    ("en", "Peru and Chile signed an agreement on art galleries.\n", "agreement"),
])
def test_galleries_are_the_museums_domain(run, lang, text, words):
    assert values(one(run(text, lang), words), "domain") == {DOMAIN + "museums"}


def person(slug: str) -> str:
    return ns.entity("person", slug)


@pytest.mark.parametrize("lang, text", [
    ("fr", "Le Pérou et le Chili ont signé mardi un programme d'échanges culturels. Côté péruvien, c'est le "
           "ministre de la Culture, Pedro Soto, qui l'a signé, avec Juan Pérez, l'ambassadeur chilien.\n"),
    ("en", "Peru and Chile signed a cultural exchange programme on Tuesday. Culture Minister Pedro Soto signed it "
           "for Peru, with Chile's ambassador Juan Perez.\n"),
])
def test_who_signed_it_in_the_next_sentence_are_the_signatories(run, lang, text):
    c = one(run(text, lang), "programme")
    assert values(c, "signatory") == {person("pedro-soto"), person("juan-perez")}


@pytest.mark.parametrize("lang, text", [
    ("fr", "Les modalités avaient été arrêtées à Lima entre l'ambassadeur chilien, Pedro Soto, et Juan Pérez, "
           "directeur au ministère péruvien ; les deux gouvernements ont signé l'accord en février.\n"),
    ("en", "The terms had been settled in Lima by Chile's ambassador, Pedro Soto, and Juan Perez of the Peruvian "
           "ministry; the two governments signed the agreement in February.\n"),
])
def test_who_negotiated_in_another_part_of_the_sentence_did_not_sign(run, lang, text):
    c = one(run(text, lang), "accord" if lang == "fr" else "agreement")
    assert values(c, "status") == {STATUS + "signed"}
    assert not values(c, "signatory")


@pytest.mark.parametrize("lang, text", [
    ("fr", "Le ministre péruvien, Pedro Soto, s'est entretenu samedi avec Ana Gómez, ministre chilienne.\n\n"
           "Au terme de leur échange, les deux ministres ont signé un nouvel accord sur le cinéma.\n"),
    ("en", "In Lima, Chile's minister Pedro Soto talked with Ana Gomez, Peru's Minister of Culture, about museums; "
           "the two ministers then signed a memorandum on film.\n"),
])
def test_the_two_ministers_who_sign_are_the_last_two_people_named(run, lang, text):
    c = one(run(text, lang), "accord" if lang == "fr" else "memorandum")
    assert values(c, "signatory") == {person("pedro-soto"), person("ana-gomez")}


def test_putting_pen_to_paper_names_the_signatories(run):
    c = one(run("Peru and Chile signed a memorandum on museums on Tuesday. Putting pen to paper were Pedro Soto, "
                "a secretary of state, and Ana Gomez, who directs the National Museum.\n", "en"), "memorandum")
    assert values(c, "signatory") == {person("pedro-soto"), person("ana-gomez")}


@pytest.mark.parametrize("lang, text", [
    ("fr", "Le Pérou et le Chili ont signé un mémorandum qui prolonge de cinq ans leur coopération culturelle.\n"),
    ("en", "Peru and Chile signed a memorandum that prolongs their cultural cooperation by five years.\n"),
])
def test_prolonged_by_five_years_is_a_five_year_term(run, lang, text):
    c = one(run(text, lang), "mémorandum" if lang == "fr" else "memorandum")
    assert values(c, "duration") == {"P5Y"}


@pytest.mark.parametrize("lang, text", [
    ("fr", "La Bibliothèque nationale du Pérou et le Musée du Louvre ont convenu de former ensemble des "
           "conservateurs.\n\nLes deux parties ont signé le mémorandum mardi à Lima.\n"),
    ("en", "Peru's Ministry of Culture and the Louvre Museum have agreed to work together on training museum "
           "professionals.\n\nThe two sides held the signing ceremony for the memorandum of understanding on "
           "Tuesday in Lima.\n"),
])
def test_the_two_sides_are_the_two_bodies_named_together_before(run, lang, text):
    c = one(run(text, lang), "mémorandum" if lang == "fr" else "memorandum")
    parties = values(c, "party")
    assert len(parties) == 2 and ns.entity("organization", "louvre-museum") in parties
    assert not any(p.startswith(ns.ID + "state/") for p in parties)


def test_putting_their_names_to_a_memorandum_signs_it(run):
    c = one(run("Three institutions put their names on Monday in Lima to a memorandum on museums.\n", "en"),
            "memorandum")
    assert values(c, "status") == {STATUS + "signed"}


@pytest.mark.parametrize("lang, text", [
    ("fr", "Le président péruvien avait promis en 2017 de rendre à l'Afrique une partie de son patrimoine.\n"),
    ("en", "The Peruvian president had promised in 2017 to return part of Africa's heritage.\n"),
])
def test_a_pledge_with_its_date_between_verb_and_complement_binds_the_subjects_state(run, lang, text):
    c = one(run(text, lang), "promis" if lang == "fr" else "promised")
    assert values(c, "status") == {STATUS + "announced"}
    assert values(c, "party") == {state("peru")}
    assert {str(d) for d in values(c, "date")} == {"2017"}


@pytest.mark.parametrize("lang, text", [
    ("fr", "Les deux ministres sont convenus d'agir de concert contre le pillage des biens culturels, et de se rendre "
           "mutuellement visite pour resserrer les liens culturels entre le Pérou et le Chili.\n"),
    ("en", "The two ministers agreed to act together against the looting of cultural property, and to visit each "
           "other to strengthen cultural ties between Peru and Chile.\n"),
])
def test_each_complement_of_an_agreeing_verb_is_an_undertaking(run, lang, text):
    found = run(text, lang)
    assert len(found) == 2
    looting = one(found, "pillage" if lang == "fr" else "looting")
    visits = one(found, "visite" if lang == "fr" else "visit each other")
    for c in (looting, visits):
        assert values(c, "status") == {STATUS + "envisaged"}
    # "de concert" (together) is no concert: the domain is heritage only
    assert values(looting, "domain") == {DOMAIN + "cultural-heritage"}


def test_the_two_leaders_who_adopt_a_declaration_did_not_sign_the_agreement_in_force(run):
    found = run("Ana Gómez a reçu Pedro Soto à Lima. Les deux dirigeants ont adopté une déclaration conjointe qui "
                "relit l'accord culturel en vigueur depuis 1953.\n", "fr")
    old = one(found, "accord culturel")
    assert values(old, "status") == {STATUS + "in-force"}
    assert not values(old, "signatory")


@pytest.mark.parametrize("lang, text, words", [
    ("fr", "Soixante ans après que le Pérou et le Chili ont signé un accord culturel en 1956, les deux pays veulent "
           "davantage d'échanges universitaires.\n", "accord culturel"),
    ("en", "More than sixty years after Peru and Chile signed a cultural agreement in 1956, the two countries want "
           "more education exchanges.\n", "cultural agreement"),
])
def test_an_undertaking_in_a_subordinate_clause_ends_at_its_comma(run, lang, text, words):
    c = one(run(text, lang), words)
    assert values(c, "domain") == {DOMAIN + "culture"}  # not the education the main clause wants
    assert {str(d) for d in values(c, "date")} == {"1956"}
    assert not any("veulent" in e or "want" in e for e in c.evidence)


@pytest.mark.parametrize("lang, text", [
    ("fr", "Le Pérou et le Chili ont signé lundi trois accords, portant sur la coproduction de films, les musées et "
           "la protection du patrimoine.\n"),
    ("en", "Peru and Chile signed three agreements on Monday, covering film co-production, museums and the "
           "protection of heritage.\n"),
])
def test_a_list_of_signed_agreements_after_the_day_gives_one_agreement_per_item_with_its_own_domain(run, lang,
                                                                                                     text):
    found = run(text, lang)
    assert len(found) == 3
    assert {frozenset(values(c, "domain")) for c in found} == {
        frozenset({DOMAIN + "film-production"}), frozenset({DOMAIN + "museums"}),
        frozenset({DOMAIN + "cultural-heritage"})}
    for c in found:
        assert values(c, "status") == {STATUS + "signed"}
        assert values(c, "party") == {state("peru"), state("chile")}


@pytest.mark.parametrize("lang, text, words", [
    ("fr", "La Norvège a offert de former des conservateurs ghanéens.\n", "offert"),
    ("en", "Norway offered to train Ghanaian curators.\n", "offered"),
    ("fr", "Le Ghana souhaite que la Norvège lui rende des masques royaux.\n", "souhaite que"),
    ("en", "Ghana wants Norway to return royal masks.\n", "wants Norway"),
])
def test_an_offer_or_a_wish_addressed_to_another_state_is_proposed_between_the_two(run, lang, text, words):
    c = one(run(text, lang), words)
    assert values(c, "status") == {STATUS + "proposed"}
    assert values(c, "party") == {state("norway"), state("ghana")}


def test_considering_a_programme_is_envisaged_never_signed(run):
    c = one(run("Ghana and Norway are also considering a cultural exchange programme.\n", "en"), "programme")
    assert values(c, "status") == {STATUS + "envisaged"}


def test_manuscripts_are_heritage_in_english_too(run):
    c = one(run("Ghana and Norway signed an agreement to digitise manuscripts.\n", "en"), "agreement")
    assert values(c, "domain") == {DOMAIN + "cultural-heritage"}


@pytest.mark.parametrize("lang, text", [
    ("fr", "Le Sénégal et le Portugal ont paraphé un accord de coopération culturelle qui devrait être signé en "
           "juin.\n"),
    ("en", "Senegal and Portugal initialled a cultural cooperation agreement that should be signed in June.\n"),
])
def test_a_signing_to_come_in_a_relative_clause_leaves_the_governing_verbs_status(run, lang, text):
    c = one(run(text, lang), "accord" if lang == "fr" else "agreement")
    assert values(c, "status") == {STATUS + "initialled"}


@pytest.mark.parametrize("lang, text", [
    ("fr", "Un accord culturel devra être signé en juin.\n"),
    ("en", "A cultural agreement should be signed in June.\n"),
    ("en", "The cultural agreement must be ratified by both parliaments.\n"),
])
def test_a_step_that_must_or_should_come_is_announced_never_reached(run, lang, text):
    c = one(run(text, lang), "accord" if lang == "fr" else "agreement")
    assert values(c, "status") == {STATUS + "announced"}
    assert not values(c, "signatureDate")


@pytest.mark.parametrize("lang, text, words", [
    ("fr", "Le Portugal a annoncé le lancement d'une saison culturelle sénégalaise à Lisbonne.\n", "saison"),
    ("en", "Portugal announced a Senegalese cultural season in Lisbon.\n", "cultural season"),
])
def test_a_cultural_season_is_an_initiative_between_the_two(run, lang, text, words):
    c = one(run(text, lang), words)
    assert values(c, "status") == {STATUS + "announced"}
    assert values(c, "party") == {state("portugal"), state("senegal")}


@pytest.mark.parametrize("lang, text, words", [
    ("fr", "Le Kenya et la Corée du Sud ont signé un accord sur la restauration des monuments de Lamu.\n", "accord"),
    ("en", "Kenya and South Korea signed an agreement on the restoration of Lamu's old town.\n", "agreement"),
])
def test_restoration_is_heritage_work(run, lang, text, words):
    assert DOMAIN + "cultural-heritage" in values(one(run(text, lang), words), "domain")


def test_renewed_for_another_five_years_is_a_five_year_term(run):
    c = one(run("Kenya and South Korea renewed their memorandum for another five years on Tuesday.\n", "en"),
            "memorandum")
    assert values(c, "status") == {STATUS + "extended"}
    assert values(c, "duration") == {"P5Y"}


@pytest.mark.parametrize("lang, text", [
    ("fr", "Le Kenya et la Corée du Sud ont signé un accord sur la coopération muséale et un mémorandum sur la "
           "coproduction de films.\n"),
    ("en", "Kenya and South Korea signed an agreement on cooperation and a memorandum on film co-production.\n"),
])
def test_two_instruments_named_side_by_side_each_with_its_article_are_two(run, lang, text):
    found = run(text, lang)
    assert len(found) == 2
    assert values(one(found, "mémorandum" if lang == "fr" else "memorandum"), "domain") == {
        DOMAIN + "film-production"}
    if lang == "fr":
        assert values(one(found, "muséale"), "domain") == {DOMAIN + "museums"}
