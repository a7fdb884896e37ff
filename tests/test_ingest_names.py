"""Per-pattern tests of names, offices and statements (issue 18), with our own sentences: English persons and
bodies without a parser, an office's state or body, and who said a quotation."""

from __future__ import annotations

import pytest

from kg import namespaces as ns

from conftest import state, tenures, values

CD = ns.CD


@pytest.fixture
def run(propose):
    return lambda text, lang="en": propose(text, lang)


@pytest.fixture
def names(ingest_ctx):
    """(kind, text, IRI) of the persons and organisations the extractor reads in a text."""
    def read(text: str, lang: str = "en") -> list[tuple[str, str, str | None]]:
        ex = ingest_ctx.extractor(lang)
        _, ner = ex._sentences_and_names(text)
        return [(x.kind, x.text, x.iri) for x in ex._entities(text, ner) if x.kind in ("Person", "Organization")]
    return read


def people(found) -> list[str]:
    return [text for kind, text, _ in found if kind == "Person"]


# ---- English names without a parser -----------------------------------------------------------

@pytest.mark.parametrize("text, expected", [
    # a title, an office or a state's possessive before the name is not part of it
    ("Tunisia's Minister of Cultural Affairs, Mohamed Ali Ben Salah, opened the fair in Sfax.\n",
     ["Mohamed Ali Ben Salah"]),
    ("On the podium stood Peru's Railways Minister Rosa Quispe and the mayor.\n", ["Rosa Quispe"]),
    ("Deputy Prime Minister Jonas Berg spoke first.\n", ["Jonas Berg"]),
    # a title in the plural names two people
    ("Prime Ministers Anna Holm and Ivo Petrov agreed on a new festival.\n", ["Anna Holm", "Ivo Petrov"]),
    # an initial belongs to the name
    ("Ambassador R. Thomas Webb announced a grant.\n", ["R. Thomas Webb"]),
])
def test_person_names_without_titles(names, text, expected):
    assert people(names(text)) == expected


@pytest.mark.parametrize("text", [
    "A spokeswoman for the Foreign Office said the trip was off.\n",
    "The Lok Sabha passed the bill on Monday.\n",
    "Pieces from the Gulf Coast and the Central Highlands were shown.\n",
    "The talks were held during the Second Silk Road Forum.\n",
    "He praised the Hangzhou Declaration and the Premier League scheme.\n",
    # a named collection of objects
    "Pieces of the Abomey Royal Collection left Paris; Gold Treasures of Cusco followed.\n",
])
def test_not_people(names, text):
    """Bodies, regions, named events and documents after "the" are not people."""
    assert people(names(text)) == []


@pytest.mark.parametrize("text, body, cls", [
    ("A spokeswoman for the Foreign Office said the trip was off.\n", "Foreign Office", "GovernmentBody"),
    ("The Lok Sabha passed the bill on Monday.\n", "Lok Sabha", "GovernmentBody"),
    ("Deputies of the Majilis approved it.\n", "Majilis", "GovernmentBody"),
    ("A British Council programme will train teachers.\n", "British Council", "GovernmentBody"),
    ("Students of Lima National University will study there.\n", "Lima National University", "CulturalInstitution"),
    ("It was paid for by Andes Mining Company and others.\n", "Andes Mining Company", "Organization"),
])
def test_bodies_are_organisations(ingest_ctx, text, body, cls):
    ex = ingest_ctx.extractor("en")
    found = [(x.text, x.cls) for x in ex._entities(text, []) if x.kind == "Organization"]
    assert found == [(body, CD + cls)]


def test_a_common_noun_alone_is_no_body(names):
    assert names("The Embassy said nothing more.\n") == []


def test_a_surname_names_the_person_named_before(names):
    found = names("Ambassador Clara Voss opened the show. Voss said the loans would continue.\n")
    assert [(k, t) for k, t, _ in found] == [("Person", "Clara Voss"), ("Person", "Voss")]
    assert found[0][2] == found[1][2]


def test_a_surname_before_the_full_name_is_not_linked(names):
    found = names("Voss arrived late. Later, Ambassador Clara Voss opened the show.\n")
    assert people(found) == ["Clara Voss"]


def test_malformed_text_never_raises(run):
    for text in ["(((\n", "“ ” « » \"\n", "A.B.C. D. E.\n\nF", "Minister\n\nMinister Minister Minister.\n",
                 "'s 's ’s\n", "Ben bin de la\n"]:
        run(text)


# ---- offices and their state or body ---------------------------------------------------------------

def person(slug: str) -> str:
    return ns.entity("person", slug)


@pytest.mark.parametrize("text, holder, label, post", [
    # the title's modifiers before its head; the state's possessive before them gives the state
    ("On the podium stood Peru's Railways Minister Rosa Quispe and the mayor.\n",
     "rosa-quispe", "Railways Minister", "peru"),
    ("The festival opened with Vice-Minister of Culture Ana Lima Sousa, who praised the troupe from Chile.\n",
     "ana-lima-sousa", "Vice-Minister of Culture", "chile"),
    ("Italian cabinet minister Marco Bellini visited the museum in Lima.\n",
     "marco-bellini", "cabinet minister", "italy"),
    # an apposition after the name: "X, Tunisia's Minister of …,"
    ("Mohamed Ali Ben Salah, Tunisia's Minister of Cultural Affairs, signed a memorandum with Peru.\n",
     "mohamed-ali-ben-salah", "Minister of Cultural Affairs", "tunisia"),
    # an envoy's post in a city is not part of the office's name
    ("Chile's ambassador in Lima, Jorge Parra, opened the show.\n", "jorge-parra", "ambassador", "chile"),
])
def test_office_with_its_state(run, text, holder, label, post):
    found = tenures(run(text))
    assert found[person(holder)] == (label, {state(post)})


def test_an_apposition_belongs_to_the_person_before(run):
    found = tenures(run("During the visit, with Ana Lima Sousa, Peru's Minister of Culture, Jonas Berg talked "
                        "about museums.\n"))
    assert person("jonas-berg") not in found
    assert found[person("ana-lima-sousa")] == ("Minister of Culture", {state("peru")})


def test_an_office_takes_the_state_its_title_has_elsewhere(run):
    """"Culture Minister X" in a text whose headline says "Peru's culture minister": Peru, not the state of
    the sentence ("met China's ambassador")."""
    found = tenures(run("Peru's culture minister meets the Chinese ambassador\n\nCulture Minister Rosa Quispe met "
                        "China's ambassador, Wei Lan, on Monday.\n"))
    assert found[person("rosa-quispe")] == ("Culture Minister", {state("peru")})
    assert found[person("wei-lan")] == ("ambassador", {state("china")})


def test_an_office_without_a_state_takes_the_article_s_main_state(run):
    found = tenures(run("Lithuania opens a design week\n\nThe Lithuanian design week opened in Vilnius with "
                        "about 40 shows from Lithuania and one from Japan.\n\nState Secretary Rita Vaitkus spoke "
                        "at the opening.\n"))
    assert found[person("rita-vaitkus")] == ("State Secretary", {state("lithuania")})


def test_a_body_s_title(run):
    found = tenures(run("The Goethe-Institut's president, Klaus Weber, opened the centre in Lima.\n"))
    label, post = found[person("klaus-weber")]
    assert label == "Goethe-Institut's president" and len(post) == 1 and "goethe-institut" in next(iter(post))


def test_plural_title(run):
    found = tenures(run("Prime Ministers Anna Holm and Ivo Petrov agreed on a new festival for Sweden.\n"))
    assert found[person("anna-holm")][0] == "Prime Minister"


@pytest.mark.parametrize("text, holder, label, post", [
    # "son homologue béninois": the title of the person named before, in the adjective's state
    ("La ministre française de la Culture, Claire Roux, et son homologue béninois Paul Agossou ont signé "
     "l'accord.\n", "paul-agossou", "ministre de la Culture", "benin"),
    ("Peru's Minister of Culture, Rosa Quispe, and her Chilean counterpart Jorge Parra opened the show.\n",
     "jorge-parra", "Minister of Culture", "chile"),
    # any state's adjective, made of its name: "la ministre algérienne de la Culture"
    ("La ministre algérienne de la Culture, Nadia Benali, a reçu l'ambassadeur.\n",
     "nadia-benali", "ministre de la Culture", "algeria"),
    ("The Sudanese Culture Minister Omar Hassan opened the week.\n", "omar-hassan", "Culture Minister", "sudan"),
])
def test_counterparts_and_adjectives(run, text, holder, label, post):
    lang = "fr" if " la " in text else "en"
    found = tenures(run(text, lang))
    assert found[person(holder)] == (label, {state(post)})


def test_french_title_does_not_reach_past_another_person(run):
    """"l'ambassadeur de France, ainsi que X": the ambassador is not X."""
    found = tenures(run("Étaient présents l'ambassadeur de France, ainsi que Marie Dubois, historienne.\n", "fr"))
    assert person("marie-dubois") not in found


# ---- statements: who said it ----------------------------------------------------------------------

def statements(candidates) -> list[tuple[set, set, set]]:
    """(speakers, quotations, stances) of each statement."""
    out = []
    for c in candidates:
        if c.kind == "statement":
            out.append((values(c, "speaker"), values(c, "quotation"), values(c, "stance")))
    return out


@pytest.mark.parametrize("text, lang, speaker, quotation", [
    # a title between the quotation and the name that the verb follows
    ('The week opened in Lima. "We will bring our best dancers to every region," Deputy Minister of Culture '
     'Rosa Quispe told reporters.\n', "en", "rosa-quispe", "We will bring our best dancers to every region,"),
    # « … », a lancé … le chef de la diplomatie, X
    ("« Ce jour restera dans notre mémoire », a lancé devant la foule le chef de la diplomatie chilienne, "
     "Jorge Parra.\n", "fr", "jorge-parra", "Ce jour restera dans notre mémoire"),
    # a one-word quotation with a verb of speech and the speaker named before it
    ('Ambassador Clara Voss said the show gave visitors a view of Peru\'s "soul".\n', "en", "clara-voss", "soul"),
    # a sentence whose subject is a pronoun: the person named in the sentence before
    ("Pour Paul Agossou, ministre béninois de la Culture, le retour est « une fête ». Il le jugeait même "
     "« tout à fait historique ».\n", "fr", "paul-agossou", "tout à fait historique"),
    # a surname and an honorific name the person named in full before
    ("La ministre Claire Roux a visité le musée. Mme Roux a jugé que l'accord « ouvre une voie nouvelle ».\n", "fr",
     "claire-roux", "ouvre une voie nouvelle"),
])
def test_quotation_speaker(run, text, lang, speaker, quotation):
    found = statements(run(text, lang))
    assert ({person(speaker)}, quotation) in [(s, q) for s, qs, _ in found for q in qs]


def test_each_quotation_of_a_speaker_is_a_statement(run):
    """The shapes give a statement one quotation: two in a sentence are two statements of the same speaker."""
    found = statements(run('Minister Rosa Quispe recalled the "treaty of friendship" and said ties were '
                           '"stronger than ever".\n'))
    assert sorted(found, key=str) == [({person("rosa-quispe")}, {"stronger than ever"}, set()),
                                      ({person("rosa-quispe")}, {"treaty of friendship"}, set())]


def test_a_tenure_without_an_event_is_attested_in_the_article(run):
    """"True at the time": with no event in its sentence, the article's date (cd:attestedIn)."""
    tenure = next(c for c in run("Railways Minister Rosa Quispe is a keen reader of Peru's poets.\n")
                  if c.kind == "tenure")
    assert values(tenure, "attestedIn") and not values(tenure, "attestedAt")


def test_a_quotation_of_someone_unnamed_is_not_the_next_name_s(run):
    found = statements(run('Ambassador Clara Voss spoke. One visitor put it simply: "We waited too long for '
                           'this day." Something to build on, Voss says.\n'))
    assert found == []


@pytest.mark.parametrize("text, lang, speaker, stance", [
    ("Minister Rosa Quispe said that the museum would reopen in May.\n", "en", "rosa-quispe",
     "the museum would reopen in May"),
    ("Le ministre Paul Agossou a déclaré que les œuvres seraient exposées à Ouidah.\n", "fr", "paul-agossou",
     "les œuvres seraient exposées à Ouidah"),
    ("Pour Paul Agossou, qui a la charge de la Culture, des Arts et du Patrimoine, la venue de la troupe ouvre "
     "une saison nouvelle.\n", "fr", "paul-agossou", "la venue de la troupe ouvre une saison nouvelle"),
    ("According to Clara Voss, the loans will continue next year.\n", "en", "clara-voss",
     "the loans will continue next year"),
])
def test_indirect_speech_is_a_stance(run, text, lang, speaker, stance):
    assert ({person(speaker)}, set(), {stance}) in statements(run(text, lang))


def test_said_without_that_is_no_statement(run):
    """"X said the museum …" without "that" is left to review: it is often a paraphrase of a fact."""
    assert statements(run("Minister Rosa Quispe said the museum would reopen in May.\n")) == []


# ---- new entities ------------------------------------------------------------------------------------

def new_entities(candidates) -> dict[str, str]:
    """IRI → class of each proposed entity."""
    return {next(s for s, p, _ in c.triples if p == ns.RDF + "type"): next(o for _, p, o in c.triples
                                                                         if p == ns.RDF + "type")
            for c in candidates if c.kind == "entity"}


def test_people_and_bodies_named_are_proposed_without_a_fact(run):
    """A person or a body the text names is proposed even when no claim of the article uses it."""
    found = new_entities(run("The Tretiakov Gallery lent two paintings; the curator Ivo Petrov chose them.\n"))
    assert found[ns.entity("organization", "tretiakov-gallery")] == CD + "Museum"
    assert found[person("ivo-petrov")] == CD + "Person"


@pytest.mark.parametrize("text, lang", [
    ("La visite a été annoncée par le Président de la République lors de son passage à Paris.\n", "fr"),
    ("L'exposition couvre l'art du XXe siècle mexicain.\n", "fr"),
])
def test_titles_and_centuries_are_not_people(run, text, lang):
    assert not [iri for iri in new_entities(run(text, lang)) if "/person/" in iri]


def test_a_centre_for_is_one_cultural_institution(names, ingest_ctx):
    ex = ingest_ctx.extractor("en")
    found = [(x.text, x.cls) for x in ex._entities("It lent works to the UCCA Center for Contemporary Art.\n", [])
             if x.kind == "Organization"]
    assert found == [("UCCA Center for Contemporary Art", CD + "CulturalInstitution")]


def test_an_envoy_without_a_state_is_the_other_state_s(run):
    """In an article mostly about Peru, "Ambassador X" with no state named is the other state's envoy."""
    found = tenures(run("Peru and Chile renew a heritage accord\n\nLIMA - Peru's heritage office and Chile signed "
                        "the accord in Lima, the third between Peru and Chile since 2003. Peru will lend twelve "
                        "textiles.\n\nAmbassador Jorge Parra announced a grant for the museum.\n"))
    assert found[person("jorge-parra")] == ("Ambassador", {state("chile")})


# ---- Link Grammar's English word lists -------------------------------------------------------------

def lists_in(folder, common: list[str], given: list[str]):
    from kg.ingest import english
    (folder / "words.n.1-const").write_text("\n".join(f"{w}.n" for w in common), encoding="utf-8")
    (folder / "entities.given-male.sing").write_text("\n".join(f"{w}.m" for w in given), encoding="utf-8")
    return english.word_lists(folder)


def test_a_common_noun_in_capitals_is_no_person_unless_vouched_for(tmp_path):
    from kg.ingest import english
    lists = lists_in(tmp_path, ["coast", "award", "banks"], ["Kwame"])
    text = ("Shows came from the Pacific and Gulf Coast regions. Golden Dragon Awards went to Kwame Banks and "
            "to Minister Ana Banks.\n")
    found = english.names(text, {0}, {"Minister"}, lambda w: False, {}, lambda n: False, set(), lists,
                          lambda w: w == "Minister")
    assert [x.text for x in found if x.kind == "Person"] == ["Kwame Banks", "Ana Banks"]


def test_without_the_word_lists_names_are_read_and_it_is_said(tmp_path):
    from kg.ingest import english
    lists = english.word_lists(tmp_path)
    assert not lists.common and "link-grammar-dictionaries-en" in lists.missing
    found = english.names("Golden Dragon Awards went to Kwame Banks.\n", {0}, set(), lambda w: False, {},
                          lambda n: False, set(), lists)
    assert [x.text for x in found] == ["Golden Dragon Awards", "Kwame Banks"]


@pytest.mark.parametrize("text, lang, holder, label, post", [
    ("« Un grand jour », a lancé le chef de la diplomatie chilienne, Jorge Parra, à l'aéroport.\n", "fr",
     "jorge-parra", "ministre des Affaires étrangères", "chile"),
    ("Peru's top diplomat Rosa Quispe opened the exhibition.\n", "en", "rosa-quispe", "Foreign Minister", "peru"),
])
def test_a_periphrasis_names_its_office(run, text, lang, holder, label, post):
    assert tenures(run(text, lang))[person(holder)] == (label, {state(post)})


@pytest.mark.parametrize("text, lang, holder, label, body", [
    ("On stage were the dancers and Ivo Petrov, who heads the Peru National Tourism Organisation (PNTO).\n", "en",
     "ivo-petrov", "Head of Peru National Tourism Organisation", "peru-national-tourism-organisation"),
    ("Ils ont été reçus par Paul Agossou, qui dirige le Musée national du Bénin, à Cotonou.\n", "fr",
     "paul-agossou", "directeur de Musée national du Bénin", "musee-national-du-benin"),
])
def test_who_heads_a_body_holds_its_head_office(run, text, lang, holder, label, body):
    """"X, who heads <a body>": the body's head, posted in that body (a state inside its name is part of it)."""
    assert tenures(run(text, lang))[person(holder)] == (label, {ns.entity("organization", body)})


@pytest.mark.parametrize("text, lang, speaker, quotation", [
    ('Culture Minister Rosa Quispe opened the forum. In her speech the Peruvian minister praised the artists, '
     'saying she was "very proud".\n', "en", "rosa-quispe", "very proud"),
    ("La ministre de la Culture Claire Roux a ouvert le salon. Devant la presse, la ministre a déclaré que le "
     "salon était « un succès ».\n", "fr", "claire-roux", "un succès"),
])
def test_a_role_names_its_last_holder_as_speaker(run, text, lang, speaker, quotation):
    found = statements(run(text, lang))
    assert ({person(speaker)}, quotation) in [(s, q) for s, qs, _ in found for q in qs]


# ---- French titles: portfolios, lists of persons, adverbs ------------------------------------------

@pytest.mark.parametrize("text, holder, label, post", [
    # a portfolio stands for a minister's title
    ("Pour le Pérou, Rosa Quispe, titulaire du portefeuille de la Culture et des Arts, a ouvert le salon.\n",
     "rosa-quispe", "ministre de la Culture et des Arts", "peru"),
    ("Pour le Chili, Jorge Parra, chargé de l'Éducation et de la Recherche, a visité le musée.\n",
     "jorge-parra", "ministre de l'Éducation et de la Recherche", "chile"),
    # the place named with the portfolio is the minister's state
    ("Marc Léon a reçu Ivo Petrov, qui occupe le même portefeuille de la Culture en Bulgarie.\n",
     "ivo-petrov", "ministre de la Culture", "bulgaria"),
    ("Marc Léon a reçu Paul Agossou, qui dirige au Bénin le ministère du Tourisme et des Arts.\n",
     "paul-agossou", "ministre du Tourisme et des Arts", "benin"),
    # an adverb before the title is not part of it
    ("Le projet fut lancé à Rome par Marco Bellini, alors président du Conseil italien.\n",
     "marco-bellini", "président du Conseil", "italy"),
    # an envoy's city is not part of the office; a leader is a head
    ("Wei Lan, chargé d'affaires chinois à Lima, a salué les danseurs.\n", "wei-lan", "chargé d'affaires", "china"),
    ("Le dirigeant péruvien Ivo Petrov a reçu la statue.\n", "ivo-petrov", "dirigeant", "peru"),
])
def test_french_portfolios_and_titles(run, text, holder, label, post):
    assert tenures(run(text, "fr"))[person(holder)] == (label, {state(post)})


def test_chef_de_l_etat_is_the_president(run):
    found = tenures(run("Le chef de l'État péruvien, Ivo Petrov, a reçu les danseurs.\n", "fr"))
    assert found[person("ivo-petrov")][0] == "président"


def test_a_portfolio_needs_a_capital(run):
    """"chargé de mission", "chargé des relations": no portfolio, no minister."""
    found = tenures(run("Au Pérou, Rosa Quispe, chargée de mission auprès du musée, a parlé.\n", "fr"))
    assert person("rosa-quispe") not in found


@pytest.mark.parametrize("text, first, second", [
    # ", et Y": the title of the person before is not Y's
    ("Nadia Benali, ministre algérienne de la Culture et des Arts, et Ivo Petrov, maire de Sofia, ont signé.\n",
     "nadia-benali", "ivo-petrov"),
    # "X, ministre …, Y, directrice …": the apposition is X's, Y has her own
    ("Étaient présents Nadia Benali, ministre algérienne de la Culture, Rosa Quispe, directrice du musée.\n",
     "nadia-benali", "rosa-quispe"),
])
def test_an_apposition_is_not_the_next_person_s_title(run, text, first, second):
    found = tenures(run(text, "fr"))
    assert found[person(first)][0].startswith("ministre")
    assert not found.get(person(second), ("",))[0].startswith("ministre")


def test_the_state_s_name_after_a_title_is_its_post(run):
    found = tenures(run("Étaient présents Rosa Quispe, ministre du Tourisme du Pérou, et des élus.\n", "fr"))
    assert found[person("rosa-quispe")] == ("ministre du Tourisme", {state("peru")})


@pytest.mark.parametrize("text, holder, label", [
    # "chargé de" after "ministre" adds nothing; "mais aussi de …" lists more portfolios of the same minister
    ("Nadia Benali, ministre algérienne chargée du Tourisme, mais aussi des Arts et de la Mode, est venue.\n",
     "nadia-benali", "ministre du Tourisme, des Arts et de la Mode"),
    ("Le ministre chargé des Sports, Paul Agossou, a parlé.\n", "paul-agossou", "ministre des Sports"),
    # a dash ends a portfolio
    ("Pour le Pérou, Rosa Quispe, chargée des Arts — et une délégation — est venue.\n", "rosa-quispe",
     "ministre des Arts"),
])
def test_french_portfolio_lists(run, text, holder, label):
    assert tenures(run(text, "fr"))[person(holder)][0] == label
