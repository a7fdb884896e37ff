"""kg ingest: an article becomes a new folder of pending claims in the authoring format, each with
the exact words behind it; bad input gets a clear error and leaves data/ as it was."""

from __future__ import annotations

import hashlib
import shutil
import unicodedata
from decimal import Decimal
from pathlib import Path

import pyoxigraph as ox
import pytest

from kg import namespaces as ns
from kg.cli import main
from kg.errors import KgError
from kg.ingest import IngestOptions, ingest, load_context
from kg.ingest.reader import MAX_BYTES, html_to_text
from kg.project import Project

from conftest import copy_of_project

ROOT = Path(__file__).resolve().parent.parent
NOW = "2026-11-25T18:00:00Z"
CANNES = ROOT / "eval" / "dev" / "fr-ma-fr-cannes-cinema" / "fr-ma-fr-cannes-cinema.fr.txt"
REVIEW = getattr(ns, "REVIEW", ns.BASE + "review/")
# one meeting of two ministers, each named with an office: one is in the project's graph, the other is not
MEETING = ("Le 18 mai 2024 à Cannes, Mohamed Mehdi Bensaid, ministre marocain de la Culture, a rencontré "
           "Rachida Dati, ministre française de la Culture, pour parler de cinéma.\n")


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Project:
    """A copy of the project's ontology and data: failed runs must leave its data/ untouched."""
    return copy_of_project(tmp_path_factory.mktemp("ingest"))


@pytest.fixture(scope="module")
def ctx(project):
    return load_context(project)


def options(**kw) -> IngestOptions:
    base = {"publisher": "organization:cdkg-project", "issued": "2024-05-18", "now": NOW}
    base.update(kw)
    return IngestOptions(**base)


def tree_digest(folder: Path) -> str:
    h = hashlib.sha256()
    for path in sorted(folder.rglob("*")):
        h.update(str(path.relative_to(folder)).encode())
        if path.is_file():
            h.update(path.read_bytes())
    return h.hexdigest()


def quads_of(path: Path) -> list[ox.Quad]:
    return list(ox.parse(path=str(path), format=ox.RdfFormat.TRIG if path.suffix == ".trig"
                         else ox.RdfFormat.TURTLE))


def text_file(tmp_path: Path, text: str, name: str = "article.txt") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def ingest_text(tmp_path, project, ctx, text: str, **kw):
    return ingest(text_file(tmp_path, text), options(articles_dir=tmp_path / "out", **kw), project, ctx)


def statuses(result) -> dict[str, str]:
    """Each undertaking's status, by the words that support it."""
    return {c.evidence[0]: next(str(o) for _, p, o in c.triples if p == ns.CD + "status")
            for c in result.candidates if c.kind == "undertaking"}


# ---- the folder it writes ---------------------------------------------------------------------

def test_writes_the_article_folder_in_the_authoring_format(tmp_path, project, ctx):
    result = ingest(CANNES, options(article_id="cannes", articles_dir=tmp_path), project, ctx)
    folder = tmp_path / "cannes"
    assert result.folder == folder and result.language == "fr"
    assert (folder / "cannes.fr.txt").read_bytes() == CANNES.read_bytes()  # byte for byte
    meta = {q.predicate.value: q.object for q in quads_of(folder / "article.ttl")}
    assert meta[ns.DCTERMS + "title"] == ox.Literal(CANNES.read_text(encoding="utf-8").splitlines()[0], language="fr")
    assert meta[ns.DCTERMS + "publisher"] == ox.NamedNode(ns.entity("organization", "cdkg-project"))
    assert meta[ns.DCTERMS + "issued"] == ox.Literal("2024-05-18", datatype=ox.NamedNode(ns.XSD + "date"))
    assert meta[ns.DCTERMS + "language"] == ox.Literal("fr", datatype=ox.NamedNode(ns.XSD + "language"))

    quads = quads_of(folder / "claims.trig")
    graphs = {q.graph_name.value for q in quads if isinstance(q.graph_name, ox.NamedNode)}
    assert len(graphs) == len(result.candidates) > 5
    about: dict[str, dict[str, list]] = {}
    for q in quads:
        if isinstance(q.graph_name, ox.DefaultGraph):
            about.setdefault(q.subject.value, {}).setdefault(q.predicate.value, []).append(q.object)
    activity = f"{ns.ID}activity/ingest-cannes"
    for g in graphs:
        assert g.startswith(f"{ns.CLAIM}cannes/")
        meta = about[g]
        assert meta[ns.CD + "reviewStatus"] == [ox.NamedNode(REVIEW + "pending")]
        assert meta[ns.PROV + "wasGeneratedBy"] == [ox.NamedNode(activity)]
        assert meta[ns.CD + "evidence"] and meta[ns.CD + "extractionRule"]
        assert 0 <= float(meta[ns.CD + "confidence"][0].value) <= 1
    used = {o.value for o in about[activity][ns.PROV + "used"]}
    assert "fr_core_news_md 3.8.0" in used and "kg/ingest/lexicons/fr.toml" in used
    assert about[activity][ns.CD + "softwareVersion"]
    assert about[activity][ns.PROV + "startedAtTime"] == [ox.Literal(NOW, datatype=ox.NamedNode(ns.XSD + "dateTime"))]


def test_every_evidence_quote_occurs_once_in_the_stored_text(tmp_path, project, ctx):
    for path, date in ((CANNES, "2024-05-18"),
                       (ROOT / "eval/dev/en-kh-us-smithsonian/en-kh-us-smithsonian.en.txt", "2023-11-02")):
        result = ingest(path, options(issued=date, articles_dir=tmp_path), project, ctx)
        text = path.read_text(encoding="utf-8")
        for c in result.candidates:
            for quote in c.evidence:
                assert text.count(quote) == 1, (c.name, quote)


def test_same_input_gives_byte_identical_files(tmp_path, project, ctx):
    a = ingest(CANNES, options(article_id="x", articles_dir=tmp_path / "a"), project, ctx).folder
    b = ingest(CANNES, options(article_id="x", articles_dir=tmp_path / "b"), project, ctx).folder
    for name in ("article.ttl", "claims.trig", "x.fr.txt"):
        assert (a / name).read_bytes() == (b / name).read_bytes()


def test_never_overwrites_without_force(tmp_path, project, ctx):
    first = ingest(CANNES, options(article_id="x", articles_dir=tmp_path), project, ctx).folder
    (first / "claims.trig").write_text("# reviewed by someone\n", encoding="utf-8")
    with pytest.raises(KgError, match="already exists"):
        ingest(CANNES, options(article_id="x", articles_dir=tmp_path), project, ctx)
    assert (first / "claims.trig").read_text(encoding="utf-8") == "# reviewed by someone\n"
    ingest(CANNES, options(article_id="x", articles_dir=tmp_path, force=True), project, ctx)
    assert "reviewed by someone" not in (first / "claims.trig").read_text(encoding="utf-8")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["x"]  # no staging folder left behind


# ---- what it extracts ---------------------------------------------------------------------------

def test_offices_become_tenures_attested_at_the_meeting(tmp_path, project, ctx):
    result = ingest_text(tmp_path, project, ctx, MEETING, lang="fr")
    tenures = [c for c in result.candidates if c.kind == "tenure"]
    holders = {str(o) for c in tenures for _, p, o in c.triples if p == ns.CD + "holder"}
    assert holders == {ns.entity("person", "mohamed-mehdi-bensaid"), ns.entity("person", "rachida-dati")}
    meeting = next(c for c in result.candidates if c.kind == "event")
    assert (meeting.triples[0][0], ns.CD + "date") in {(s, p) for s, p, _ in meeting.triples}
    for t in tenures:
        assert (ns.CD + "attestedAt", meeting.triples[0][0]) in {(p, o) for _, p, o in t.triples}


def test_a_known_name_is_linked_and_a_new_person_is_proposed(tmp_path, project, ctx):
    result = ingest_text(tmp_path, project, ctx, MEETING, lang="fr")
    meeting = next(c for c in result.candidates if c.kind == "event")
    participants = {o for _, p, o in meeting.triples if p == ns.CD + "participant"}
    assert ns.entity("person", "rachida-dati") in participants  # already in the graph
    new = [c for c in result.candidates if c.kind == "entity"]
    names = {str(o.value) for c in new for _, p, o in c.triples if p == ns.RDFS + "label"}
    assert "Mohamed Mehdi Bensaid" in names and "Rachida Dati" not in names


@pytest.mark.parametrize(("lang", "text", "expected"), [
    ("fr", "Le Maroc et la France ont signé un accord culturel.", "signed"),
    ("fr", "La ministre a proposé un accord culturel avec la France.", "proposed"),
    ("fr", "Le Maroc et la France pourraient signer un accord culturel.", "envisaged"),
    ("fr", "L'accord culturel entre le Maroc et la France n'a pas été signé.", "envisaged"),
    ("fr", "Un mémorandum sur les musées sera signé par le Maroc et la France.", None),  # future: not signed
    ("fr", "Les deux ministres ont discuté d'un accord sur le cinéma.", "discussed"),
    ("en", "Morocco and France signed a cultural agreement.", "signed"),
    ("en", "The minister proposed a cultural agreement with France.", "proposed"),
    ("en", "Morocco and France could sign a cultural agreement.", "envisaged"),
    ("en", "The cultural agreement between Morocco and France has not been signed.", "envisaged"),
    ("en", "Morocco and France will sign a memorandum on museums next year.", None),
    ("en", "The ministers discussed an agreement on cinema.", "discussed"),
    # more ways of not (yet) signing: none may come out as signed
    ("fr", "La signature d'un accord culturel entre le Maroc et la France est prévue l'an prochain.", None),
    ("fr", "Un accord culturel devrait être signé par le Maroc et la France.", None),
    ("fr", "Le Maroc a refusé de signer l'accord culturel avec la France.", None),
    # the verb first, then its subject: a signing to come (« Viendra ensuite la signature … »)
    ("fr", "Viendra ensuite la signature d'un accord culturel entre le Maroc et la France.", None),
    ("fr", "Suivra la signature d'un accord culturel entre le Maroc et la France.", None),
    ("en", "Morocco and France are set to sign a cultural agreement.", None),
    ("en", "A draft agreement between Morocco and France was signed off for discussion.", None),
    ("en", "Morocco declined to sign the cultural agreement with France.", None),
    # initialled: the text agreed by the negotiators, not yet signed (the ontology's status:initialled)
    ("fr", "Le Maroc et la France ont paraphé un accord culturel.", "initialled"),
    ("en", "Morocco and France initialled a cultural agreement.", "initialled"),
    # an instrument's later life: in force, extended, carried out, expired (the ontology's statuses)
    ("fr", "L'accord culturel entre le Maroc et la France est entré en vigueur en mai.", "in-force"),
    ("en", "The cultural agreement between Morocco and France entered into force in May.", "in-force"),
    ("fr", "L'accord culturel entre le Maroc et la France a été prorogé de cinq ans.", "extended"),
    ("en", "The cultural agreement between Morocco and France was extended for five years.", "extended"),
    ("fr", "Le programme d'échanges entre le Maroc et la France a été mis en œuvre.", "implemented"),
    ("en", "The exchange programme between Morocco and France was implemented.", "implemented"),
    ("fr", "L'accord culturel entre le Maroc et la France a expiré en 2020.", "expired"),
    ("en", "The cultural agreement between Morocco and France expired in 2020.", "expired"),
])
def test_status_follows_the_texts_modality(tmp_path, project, ctx, lang, text, expected):
    found = statuses(ingest_text(tmp_path, project, ctx, text, lang=lang))
    assert len(found) == 1, found
    status = next(iter(found.values()))
    if expected is None:
        assert status != ns.STATUS + "signed"
    else:
        assert status == ns.STATUS + expected


def test_every_states_adjective_and_possessive_qualifies_a_name_never_joins_it(ctx):
    # read from the lexicon's [states], not listed one development article at a time
    stop = ctx.lexicons["en"].name_stopwords
    for state in ctx.lexicons["en"].states.values():
        assert set(state["adjectives"]) <= stop
        assert {f"{name}'s" for name in state["names"]} <= stop
    assert {"Italian", "Italy's", "Brazilian"} <= stop


@pytest.mark.parametrize(("lang", "text", "expected"), [
    ("en", "The state visit of Emmanuel Macron to Kazakhstan was postponed.", "postponed"),
    ("fr", "La visite d'État d'Emmanuel Macron au Kazakhstan a été reportée.", "postponed"),
    ("en", "The meeting between Rachida Dati and Aida Balaeva in Paris was cancelled.", "cancelled"),
    ("fr", "La rencontre entre Rachida Dati et Aida Balaeva à Paris a été annulée.", "cancelled"),
    ("en", "The meeting between Rachida Dati and Aida Balaeva in Paris took place on Monday.", "held"),
    ("en", "Rachida Dati met Aida Balaeva in Paris.", None),  # no word on whether it took place: no status
])
def test_an_event_gets_the_status_its_sentence_states(tmp_path, project, ctx, lang, text, expected):
    """Whether an event took place is a concept of the ontology's event status scheme, proposed only where said."""
    events = [c for c in ingest_text(tmp_path, project, ctx, text, lang=lang).candidates if c.kind == "event"]
    assert len(events) == 1, events
    said = [str(o) for _, p, o in events[0].triples if p == ns.CD + "status"]
    assert said == ([ns.STATUS + expected] if expected else [])


def test_a_quotation_gets_its_speaker(tmp_path, project, ctx):
    text = ("Rachida Dati a rencontré Aida Balaïeva à Paris.\n"
            "« Nos deux pays partagent une longue histoire culturelle », a déclaré Rachida Dati.\n")
    result = ingest_text(tmp_path, project, ctx, text, lang="fr")
    statements = [c for c in result.candidates if c.kind == "statement"]
    assert len(statements) == 1
    triples = {p: o for _, p, o in statements[0].triples}
    assert triples[ns.CD + "speaker"] == ns.entity("person", "rachida-dati")
    assert triples[ns.CD + "quotation"].value == "Nos deux pays partagent une longue histoire culturelle"
    assert statements[0].according_to == ns.entity("person", "rachida-dati")


def test_a_relative_date_is_resolved_against_the_articles_date(tmp_path, project, ctx):
    text = "Le ministre Aliou Sow a rencontré Rachida Dati mardi soir à Dakar.\n"
    result = ingest_text(tmp_path, project, ctx, text, lang="fr", issued="2024-01-10")  # a Wednesday
    event = next(c for c in result.candidates if c.kind == "event")
    dates = [o for _, p, o in event.triples if p == ns.CD + "date"]
    assert dates == [ox.Literal("2024-01-09", datatype=ox.NamedNode(ns.XSD + "date"))]


def test_english_has_no_model_but_finds_names_offices_and_agreements(tmp_path, project, ctx):
    path = ROOT / "eval/dev/en-kh-us-smithsonian/en-kh-us-smithsonian.en.txt"
    result = ingest(path, options(issued="2023-11-02", articles_dir=tmp_path), project, ctx)
    assert result.language == "en"
    kinds = {c.kind for c in result.candidates}
    assert {"event", "tenure", "undertaking"} <= kinds
    assert statuses(result) and set(statuses(result).values()) == {ns.STATUS + "signed"}


# ---- bad input ----------------------------------------------------------------------------------

@pytest.fixture
def untouched(project):
    """Asserts after the test that nothing under data/ changed."""
    before = tree_digest(project.data)
    yield
    assert tree_digest(project.data) == before


def run_cli(project, monkeypatch, capsys, *args: str) -> tuple[int, str, str]:
    monkeypatch.setenv("KG_ROOT", str(project.root))
    code = main(["ingest", *args])
    out, err = capsys.readouterr()
    return code, out, err


def test_cli_ingest_writes_a_folder_under_data_articles(project, monkeypatch, capsys, tmp_path):
    code, out, _ = run_cli(project, monkeypatch, capsys, str(CANNES), "--publisher", "organization:cdkg-project",
                           "--date", "2024-05-18", "--id", "cli-cannes")
    assert code == 0 and "pending claims" in out
    folder = project.data / "articles" / "cli-cannes"
    assert (folder / "claims.trig").is_file()
    shutil.rmtree(folder)


@pytest.mark.parametrize(("content", "message"), [
    (b"", "empty"),
    (b"   \n\n", "empty"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary"),
    ("L'accord a été signé à Paris, déclare le ministère.".encode("cp1252"), "--encoding"),
    # stored byte for byte, these would be refused by the build: refused here, in the build's words
    ("Le Maroc et le Sénégal signent un accord.\r\nLe ministre a signé.\r\n".encode(), "CR or CRLF line ends"),
    ("\ufeffLe Maroc et le Sénégal signent un accord.".encode(), "byte-order mark"),
    (unicodedata.normalize("NFD", "Le Maroc et le Sénégal signent un accord.").encode(), "Unicode NFD"),
])
def test_unreadable_files_get_a_clear_error(tmp_path, project, monkeypatch, capsys, untouched, content, message):
    path = tmp_path / "bad.txt"
    path.write_bytes(content)
    code, _, err = run_cli(project, monkeypatch, capsys, str(path), "--publisher", "x", "--date", "2024-01-01")
    assert code != 0 and message in err and "bad.txt" in err


def test_a_non_utf8_file_is_read_with_encoding(tmp_path, project, ctx):
    path = tmp_path / "latin.txt"
    path.write_bytes("Le Maroc et la France ont signé un accord culturel à Cannes.".encode("cp1252"))
    result = ingest(path, options(encoding="cp1252", lang="fr", articles_dir=tmp_path / "out"), project, ctx)
    stored = next(result.folder.glob("*.txt")).read_bytes()
    assert stored.decode("utf-8").startswith("Le Maroc et la France ont signé")  # stored as UTF-8


def test_a_very_long_text_is_refused_with_the_limit(tmp_path, project, monkeypatch, capsys, untouched):
    path = tmp_path / "long.txt"
    path.write_bytes(b"Le Maroc et la France ont sign\xc3\xa9 un accord. " * (10_000_000 // 48))
    code, _, err = run_cli(project, monkeypatch, capsys, str(path), "--publisher", "x", "--date", "2024-01-01")
    assert code != 0 and f"{MAX_BYTES:,}" in err


def test_html_keeps_the_article_and_drops_scripts_and_navigation(tmp_path, project, ctx):
    page = ("<html><head><title>t</title><script>var signed = 'un accord a été signé';</script>"
            "<style>p {color: red}</style></head><body><nav>Accueil Culture Sport Newsletter</nav>"
            "<script>alert('accord signé')</script><article><h1>Le Maroc et la France signent un accord</h1>"
            "<p>Le Maroc et la France ont signé un accord culturel à Cannes.</p>"
            "<p>La ministre a proposé une semaine culturelle commune.</p></article>"
            "<footer>Tous droits réservés, mentions légales et plan du site</footer>"
            + "<script>" + "x=1;" * 5000 + "</script></body></html>")
    text = html_to_text(page)
    assert "alert" not in text and "var signed" not in text and "Newsletter" not in text and "droits" not in text
    assert "Le Maroc et la France ont signé un accord culturel à Cannes." in text
    path = tmp_path / "page.html"
    path.write_text(page, encoding="utf-8")
    result = ingest(path, options(html=True, articles_dir=tmp_path / "out"), project, ctx)
    stored = next(result.folder.glob("*.txt")).read_text(encoding="utf-8")
    assert stored == text
    for c in result.candidates:
        assert all(stored.count(q) == 1 for q in c.evidence)


def test_an_unknown_language_is_refused(tmp_path, project, monkeypatch, capsys, untouched):
    path = text_file(tmp_path, "Die beiden Minister haben in Berlin ein Kulturabkommen unterzeichnet und "
                               "über die Zusammenarbeit der Museen gesprochen.")
    code, _, err = run_cli(project, monkeypatch, capsys, str(path), "--publisher", "x", "--date", "2024-01-01")
    assert code != 0 and "language" in err and "--lang" in err


@pytest.mark.parametrize("date", ["18 mai 2024", "2024-13", "yesterday", "2999-01-01"])
def test_an_unreadable_or_future_date_is_refused(tmp_path, project, monkeypatch, capsys, untouched, date):
    code, _, err = run_cli(project, monkeypatch, capsys, str(CANNES), "--publisher", "x", "--date", date)
    assert code != 0 and date in err


def test_a_name_of_two_entities_offers_both_and_chooses_none(tmp_path, project):
    # a dataset with two people named Rachida Dati: the name alone does not tell which one is meant
    graph = ox.NamedNode(ns.ENTITIES_GRAPH)
    quads = []
    for slug in ("rachida-dati", "rachida-dati-2"):
        person = ox.NamedNode(ns.entity("person", slug))
        quads += [ox.Quad(person, ox.NamedNode(ns.RDF + "type"), ox.NamedNode(ns.CD + "Person"), graph),
                  ox.Quad(person, ox.NamedNode(ns.RDFS + "label"), ox.Literal("Rachida Dati", language="fr"), graph)]
    dataset = tmp_path / "twins.nq"
    dataset.write_bytes(ox.serialize(quads, format=ox.RdfFormat.N_QUADS))
    twins = load_context(project, dataset=dataset)
    result = ingest_text(tmp_path, project, twins, MEETING, lang="fr")
    warning = next(w for w in result.warnings if "Rachida Dati" in w)
    assert "person:rachida-dati," in warning and "person:rachida-dati-2" in warning and "none chosen" in warning
    meeting = next(c for c in result.candidates if c.kind == "event")
    linked = {o for _, p, o in meeting.triples if p == ns.CD + "participant"}
    assert not linked & {ns.entity("person", "rachida-dati"), ns.entity("person", "rachida-dati-2")}
    assert any("rachida-dati-2" in comment for comment in meeting.comments)


def test_an_office_already_in_the_graph_is_linked_not_twinned(tmp_path, project, ctx):
    seed = ROOT / "data/articles/kz-fr-culture-agreements/kz-fr-culture-agreements.fr.txt"
    result = ingest(seed, options(issued="2024", articles_dir=tmp_path), project, ctx)
    offices = {str(o) for c in result.candidates if c.kind == "tenure" for _, p, o in c.triples
               if p == ns.CD + "office"}
    assert ns.entity("office", "president-of-kazakhstan") in offices  # "président kazakh"
    assert ns.entity("office", "minister-of-culture-france") in offices  # "ministre française de la Culture"


def test_an_undertaking_already_in_the_graph_is_proposed_as_the_same_one(tmp_path, project, ctx):
    text = "Le Kazakhstan et la France signent une série d’accords dans le domaine de la culture\n"
    result = ingest_text(tmp_path, project, ctx, text, lang="fr", issued="2024-11-05")
    (u,) = [c for c in result.candidates if c.kind == "undertaking"]
    assert u.triples[0][0] == ns.entity("agreement", "paris-meeting-agreements")  # same kind, parties, domain
    assert any("same undertaking" in comment for comment in u.comments)


def test_a_new_name_with_a_checked_wikidata_identifier_gets_it_as_an_unchecked_candidate(project, ctx):
    from kg.ingest.gazetteer import build_gazetteer

    gaz = build_gazetteer([], ctx.vocabulary, ctx.lexicons["fr"],
                          [{"id": "Q90", "label_en": "Paris", "label_fr": "Paris"}])
    assert gaz.wikidata_candidates("Paris") == [ns.WD + "Q90"]
    assert gaz.wikidata_candidates("Lyon") == []


def test_a_stance_is_attributed_to_the_people_it_names(tmp_path, project, ctx):
    text = ("Rachida Dati a rencontré Aida Balaïeva à Paris.\n"
            "Les deux ministres se sont montrés optimistes quant aux perspectives de collaboration.\n")
    result = ingest_text(tmp_path, project, ctx, text, lang="fr")
    (stance,) = [c for c in result.candidates if c.name.startswith("stance")]
    speakers = {o for _, p, o in stance.triples if p == ns.CD + "speaker"}
    assert speakers == {ns.entity("person", "rachida-dati"), ns.entity("person", "aida-balaeva")}
    assert ox.Literal("optimistes", language="fr") in {o for _, p, o in stance.triples if p == ns.CD + "stance"}


def test_an_html_page_with_only_scripts_and_navigation_is_refused(tmp_path, project, monkeypatch, capsys, untouched):
    path = tmp_path / "empty.html"
    path.write_text("<html><head><script>document.write('un accord a été signé')</script></head>"
                    "<body><nav>Accueil Culture</nav><script>var x = 1;</script></body></html>", encoding="utf-8")
    code, _, err = run_cli(project, monkeypatch, capsys, str(path), "--html", "--publisher", "x",
                           "--date", "2024-01-01")
    assert code != 0 and "no article text" in err


# ---- issue 18 "Crash": a rebuilt span is found in the text or dropped, never a traceback -----------

def test_a_name_running_across_the_blank_line_after_a_headline_does_not_stop_the_article(tmp_path, project, ctx):
    # the headline has no full stop: its last capitalised words and the text's first name form one run
    text = ("Peru and Japan agree on a heritage programme in Lima\n\n"
            "Maria Lopez, the director of the national museum, said the two countries signed an agreement "
            "on museums.\n")
    result = ingest_text(tmp_path, project, ctx, text, lang="en")
    stored = next(result.folder.glob("*.txt")).read_text(encoding="utf-8")
    assert result.candidates and all(stored.count(q) >= 1 for c in result.candidates for q in c.evidence)
    names = {str(o) for c in result.candidates for _, p, o in c.triples if p == ns.RDFS + "label"}
    assert not any("\n" in n or "Lima Maria" in n for n in names)


def test_a_claim_whose_words_are_not_in_the_text_is_dropped_with_a_warning(tmp_path, project, ctx, monkeypatch):
    from kg.ingest import Candidate, Context

    class Broken:
        def __init__(self) -> None:
            self.used, self.warnings = ["test"], []

        def extract(self, article):
            return [Candidate("kept", "entity", [], [article.text.split()[0]], 0.5, "test"),
                    Candidate("lost", "entity", [], ["Lima Maria Lopez"], 0.5, "test")]

    monkeypatch.setattr(Context, "extractor", lambda self, language: Broken())
    result = ingest_text(tmp_path, project, ctx, "Peru and Japan agree on a heritage programme.\n", lang="en")
    assert [c.name for c in result.candidates] == ["kept"]
    assert any("claim lost dropped" in w and "Lima Maria Lopez" in w for w in result.warnings)
    written = (result.folder / "claims.trig").read_text(encoding="utf-8")
    assert "/kept>" in written or ":kept" in written
    assert "lost" not in written


def test_words_that_occur_several_times_never_stand_alone_as_a_claims_evidence(tmp_path, project, ctx, monkeypatch):
    """The build places each quote by finding it once in the text: a claim whose only words occur twice is dropped
    with a warning (it would keep the whole article out), and such words are left out of a claim that has others."""
    from kg.ingest import Candidate, Context

    class Repeating:
        def __init__(self) -> None:
            self.used, self.warnings = ["test"], []

        def extract(self, article):
            return [Candidate("only-deal", "entity", [], ["deal"], 0.5, "test"),
                    Candidate("with-more", "entity", [], ["deal", "The deal with Japan"], 0.5, "test")]

    monkeypatch.setattr(Context, "extractor", lambda self, language: Repeating())
    text = "Peru wants a deal on heritage. The deal with Japan was signed in Lima.\n"
    result = ingest_text(tmp_path, project, ctx, text, lang="en")
    assert [(c.name, c.evidence) for c in result.candidates] == [("with-more", ["The deal with Japan"])]
    assert any("claim only-deal dropped" in w and "occur 2 times" in w for w in result.warnings)
    assert any("claim with-more" in w and "“deal”" in w for w in result.warnings)


# ---- issue 21 item 13, item 10 (/dev/zero): what is not a regular file is refused at once --------------

@pytest.fixture
def alarm():
    """A read that blocks (a FIFO without a writer) fails the test instead of hanging it."""
    import signal

    def hung(signum, frame):
        raise TimeoutError("kg ingest blocked")

    previous = signal.signal(signal.SIGALRM, hung)
    signal.alarm(30)
    yield
    signal.alarm(0)
    signal.signal(signal.SIGALRM, previous)


def test_a_fifo_a_device_or_a_folder_is_refused_at_once(tmp_path, project, monkeypatch, capsys, untouched, alarm):
    import os

    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    for path, what in ((fifo, "named pipe"), (Path("/dev/zero"), "device"), (tmp_path, "folder")):
        code, _, err = run_cli(project, monkeypatch, capsys, str(path), "--publisher", "x", "--date", "2024-01-01")
        assert code != 0 and what in err and str(path) in err and "Traceback" not in err


def test_a_file_is_read_up_to_the_limit_only(tmp_path, monkeypatch):
    import os

    from kg.ingest import reader

    path = tmp_path / "long.txt"
    path.write_bytes(b"x" * 100)
    sizes = []
    real = os.fdopen

    class Counted:
        def __init__(self, f):
            self.f = f

        def __enter__(self):
            return self

        def __exit__(self, *exc):
            self.f.close()

        def fileno(self):
            return self.f.fileno()

        def read(self, size=-1):
            sizes.append(size)
            return self.f.read(size)

    monkeypatch.setattr(reader, "MAX_BYTES", 10)
    monkeypatch.setattr(os, "fdopen", lambda *a, **k: Counted(real(*a, **k)))
    with pytest.raises(KgError, match="up to 10 bytes"):
        reader.read_bytes(path)
    assert sizes and all(0 < s <= 11 for s in sizes)  # never "read everything" (-1)


# ---- issue 21 items 8 and 10: options the build would refuse are refused at ingest, clearly ------------

@pytest.mark.parametrize(("option", "value", "message"), [
    ("--publisher", "<http://x y>", "--publisher 'http://x y' is not a valid IRI"),
    ("--publisher", "http://x y", "is not a valid IRI"),
    ("--publisher", "nope:x", "unknown prefix"),
    ("--publisher", "person:emmanuel-macron", "person:emmanuel-macron is cd:Person, not a cd:Organization"),
    ("--url", "not a url", "--url 'not a url' is not an article's address"),
    ("--url", "articles/x.html", "--url 'articles/x.html' is not an article's address"),
    ("--url", "https://example.org/a b", "is not a valid IRI"),
    ("--date", "0000", "'0000' is not a valid xsd:gYear"),
    ("--date", "0000-01-01", "--date 0000-01-01"),
    ("--lang", "en", "the text reads as 'fr'"),
    ("--encoding", "cp1252", "this file is UTF-8: read as cp1252"),
    ("--dataset", "/nope/kg.trig", "/nope/kg.trig: no such dataset file"),
])
def test_an_option_the_build_would_refuse_is_an_error_not_a_traceback(project, monkeypatch, capsys, untouched,
                                                                       option, value, message):
    args = {"--publisher": "organization:cdkg-project", "--date": "2024-05-18", option: value}
    code, out, err = run_cli(project, monkeypatch, capsys, str(CANNES), "--id", "refused",
                             *(x for kv in args.items() for x in kv))
    assert code != 0 and message in err and "Traceback" not in err and out == "", err
    assert not (project.data / "articles" / "refused").exists()


def test_a_utf8_text_with_garbled_accents_is_refused_with_its_line(tmp_path, project, monkeypatch, capsys, untouched):
    path = text_file(tmp_path, "Le Maroc et la France signent.\nLe SÃ©nÃ©gal a signÃ© un accord culturel.\n")
    code, _, err = run_cli(project, monkeypatch, capsys, str(path), "--publisher", "x", "--date", "2024-01-01")
    assert code != 0 and f"{path}:2: garbled accents ('SÃ©nÃ©gal')" in err


def test_a_publisher_given_by_name_is_proposed_for_review_and_builds_once_accepted(tmp_path, ctx):
    from test_wikidata import copy_project

    from kg.build import build
    from kg.review import Session

    copy = copy_project(tmp_path / "p")
    result = ingest(CANNES, options(article_id="by-name", publisher="Le Monde Afrique"), copy, ctx)
    org = ns.entity("organization", "le-monde-afrique")
    proposed = [c for c in result.candidates if (org, ns.RDF + "type", ns.CD + "MediaOrganization") in c.triples]
    assert len(proposed) == 1 and proposed[0].evidence[0] in CANNES.read_text(encoding="utf-8")
    assert (ox.NamedNode(org), ox.NamedNode(ns.RDFS + "label"), ox.Literal("Le Monde Afrique", language="fr")) in {
        (ox.NamedNode(s), ox.NamedNode(p), o) for s, p, o in proposed[0].triples}
    assert not any("not an entity of the graph" in w for w in result.warnings)
    session = Session(copy, "by-name", reviewer="Test Reviewer")
    # the publisher is as sure as the user who named it: accepted even at the highest threshold
    assert [c.id for c in session.accept_all(Decimal("0.99"))] == [proposed[0].name]
    ds, _ = build(copy, strict=True)  # raises if the article is quarantined
    doc = ox.NamedNode(ns.document("by-name"))
    assert any(q.subject == doc and q.predicate.value == ns.DCTERMS + "publisher" and q.object.value == org
               for q in ds.quads)
    assert any(q.subject.value == org and q.object.value == ns.CD + "MediaOrganization" for q in ds.quads)


# ---- issue 21 item 5: an address already published is not taken out of the build by a second article ---------

def test_an_address_already_published_is_refused_naming_the_article_unless_force_on_it(tmp_path, project, ctx):
    seed = "kz-fr-culture-agreements"
    articles = tmp_path / "articles"
    shutil.copytree(project.data / "articles" / seed, articles / seed)
    meta = articles / seed / "article.ttl"
    url = next(q.object.value for q in quads_of(meta) if q.predicate.value == ns.SCHEMA + "url")
    line = next(n for n, t in enumerate(meta.read_text(encoding="utf-8").splitlines(), start=1) if url in t)
    before = tree_digest(articles)
    with pytest.raises(KgError) as refused:
        ingest(CANNES, options(article_id="another", url=url, articles_dir=articles), project, ctx)
    message = str(refused.value)
    assert f"is the address of the article {seed} already ({meta}:{line})" in message
    assert f"--force --id {seed}" in message and tree_digest(articles) == before
    # --force on another id does not make it right either; on the same id it replaces that article
    with pytest.raises(KgError, match="is the address of the article"):
        ingest(CANNES, options(article_id="another", url=url, force=True, articles_dir=articles), project, ctx)
    ingest(CANNES, options(article_id=seed, url=url, force=True, articles_dir=articles), project, ctx)
    assert sorted(p.name for p in articles.iterdir()) == [seed]
    assert "Cannes" in next((articles / seed).glob("*.txt")).read_text(encoding="utf-8")


def test_one_sentence_that_breaks_a_rule_is_left_out_with_a_warning_not_the_article(tmp_path, project, ctx,
                                                                                     monkeypatch):
    from kg.ingest.rules import RuleExtractor

    real = RuleExtractor._undertakings

    def breaks_on_one(self, article, sentences, *args):
        if any("semaine culturelle" in s.text for s in sentences):
            raise ValueError("substring not found")  # as rules._entities did on an unforeseen input
        return real(self, article, sentences, *args)

    text = ("Le Maroc et la France ont signé un accord culturel à Cannes. "
            "La ministre a proposé une semaine culturelle commune.\n")
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    whole = {c.evidence[0] for c in ingest_text(tmp_path / "a", project, ctx, text, lang="fr").candidates
             if c.kind == "undertaking"}
    monkeypatch.setattr(RuleExtractor, "_undertakings", breaks_on_one)
    result = ingest_text(tmp_path / "b", project, ctx, text, lang="fr")
    kept = {c.evidence[0] for c in result.candidates if c.kind == "undertaking"}
    assert kept and kept < whole and not any("semaine" in e for e in kept)
    assert any("semaine culturelle" in w and "ValueError: substring not found" in w for w in result.warnings)


@pytest.mark.parametrize(("lang", "text"), [
    ("en", "Peru and Japan agree on a heritage programme in Lima\n\nNational Museum of Peru director Maria Lopez "
           "said the two countries signed an agreement in Cusco.\n"),
    ("en", "Talks in Lima\n\nMaria  Lopez and 'Juan Perez, of the Lima  Art Museum, met in Cusco.\n"),
    ("fr", "Le Pérou et la France signent un accord à Lima\n\nLe Musée du Louvre accueillera une exposition à "
           "Paris.\n"),
])
def test_every_name_found_is_a_span_of_one_line_of_the_text(ctx, lang, text):
    extractor = ctx.extractor(lang)
    _, ner = extractor._sentences_and_names(text)
    found = extractor._entities(text, ner)
    assert found
    for x in found:
        assert text[x.start:x.end] == x.text and "\n" not in x.text, x


def test_articles_reviewed_since_the_last_build_are_known_to_the_next_ingest(tmp_path, monkeypatch, capsys):
    """Articles ingested and reviewed one after another before one build: the second does not propose again the
    new person the first one's accepted claims declared (kg ingest reads build/kg.trig and what was reviewed since);
    a claim still pending declares nothing."""
    project = copy_of_project(tmp_path / "p", queries=True)
    monkeypatch.setenv("KG_ROOT", str(project.root))
    assert main(["build"]) == 0
    first = "Le 18 mai 2024 à Cannes, Mohamed Mehdi Bensaid, ministre marocain de la Culture, a parlé de cinéma.\n"
    second = "Le 20 mai 2024 à Rabat, Mohamed Mehdi Bensaid, ministre marocain de la Culture, a ouvert un festival.\n"

    def proposed(slug: str, text: str) -> set[str]:
        path = text_file(tmp_path, text, f"{slug}.txt")
        found = ingest(path, options(lang="fr", article_id=slug), project, load_context(project)).candidates
        return {str(o.value) for c in found if c.kind == "entity" for _, p, o in c.triples if p == ns.RDFS + "label"}

    assert "Mohamed Mehdi Bensaid" in proposed("premier", first)
    assert "Mohamed Mehdi Bensaid" in proposed("pendant", second)  # "premier" is not reviewed yet
    assert main(["review", "premier", "--accept-all"]) == 0
    capsys.readouterr()
    assert "Mohamed Mehdi Bensaid" not in proposed("second", second)
