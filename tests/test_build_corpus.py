"""Building many articles: each validated on its own, a broken one left out (or failing --strict) with
file and line, unchanged ones not validated again, and the outputs switched as one set."""

from __future__ import annotations

import json
import os
import shutil
from datetime import date
from pathlib import Path

import pyoxigraph as ox
import pytest

from kg import namespaces as ns
from kg.build import CURRENT, OUTPUTS, build, export, ontology_files
from kg.build.validate import MetadataRules, validate_corpus
from kg.cli import main
from kg.errors import EXIT_INVALID, KgError
from kg.project import Project

from conftest import ROOT, write

PREFIXES = """\
@prefix cd: <https://w3id.org/cdkg/ontology#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix prov: <http://www.w3.org/ns/prov#> .
@prefix owl: <http://www.w3.org/2002/07/owl#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix dcterms: <http://purl.org/dc/terms/> .
@prefix schema: <https://schema.org/> .
@prefix status: <https://w3id.org/cdkg/status/> .
@prefix domain: <https://w3id.org/cdkg/domain/> .
@prefix review: <https://w3id.org/cdkg/review/> .
@prefix doc: <https://w3id.org/cdkg/doc/> .
@prefix state: <https://w3id.org/cdkg/id/state/> .
@prefix agreement: <https://w3id.org/cdkg/id/agreement/> .
@prefix organization: <https://w3id.org/cdkg/id/organization/> .
@prefix activity: <https://w3id.org/cdkg/id/activity/> .
"""

TEXTS = {"alpha": "Alpha et Bêta signent un accord culturel à Paris.",
         "beta": "Gamma et Delta signent un accord sur les musées."}
PARTIES = {"alpha": ("alpha", "beta"), "beta": ("gamma", "delta")}


def entities() -> dict[str, str]:
    states = "".join(f'state:{s} a cd:State ; rdfs:label "{s.title()}"@fr , "{s.title()}"@en ; '
                      f'cd:firstMetIn doc:{a} .\n' for a, pair in PARTIES.items() for s in pair)
    agreements = "".join(f'agreement:{a}-accord a cd:Agreement ; rdfs:label "accord {a}"@fr , "{a} agreement"@en ; '
                         f'cd:firstMetIn doc:{a} .\n' for a in PARTIES)
    return {
        "state.ttl": PREFIXES + states,
        "agreement.ttl": PREFIXES + agreements,
        "organization.ttl": PREFIXES + 'organization:press a cd:MediaOrganization ; rdfs:label "Presse"@fr , '
                                       '"Press"@en ; cd:firstMetIn doc:alpha .\n',
    }


def article_ttl(slug: str, issued: str = '"2024-11-05"^^xsd:date', language: str = '"fr"^^xsd:language',
                extra: str = "") -> str:
    return PREFIXES + f"""
doc:{slug} a cd:NewsArticle ;
    dcterms:title "Article {slug}"@fr ;
    rdfs:label "Article {slug}"@fr , "Article {slug}"@en ;
    dcterms:publisher organization:press ;
    dcterms:issued {issued} ;
    dcterms:language {language} {extra}.
"""


def claims_trig(slug: str, status: str = "status:signed") -> str:
    a, b = PARTIES[slug]
    words = TEXTS[slug].split(" un accord")[0] + " un accord"
    return PREFIXES + f"""@prefix claim: <https://w3id.org/cdkg/claim/{slug}/> .

claim:signed {{
    agreement:{slug}-accord a cd:Agreement ; cd:status {status} ; cd:party state:{a} , state:{b} .
}}
claim:signed cd:evidence "{words}" ;
    cd:reviewStatus review:accepted ; cd:reviewedBy "cdkg maintainers" ;
    cd:reviewedAt "2026-11-25T18:00:00Z"^^xsd:dateTime ; prov:wasGeneratedBy activity:hand-authoring-{slug} .

activity:hand-authoring-{slug} a prov:Activity , cd:HandAuthoring ;
    rdfs:label "saisie manuelle de l’article {slug}"@fr , "hand authoring of article {slug}"@en .
"""


def make_corpus(root: Path, *, require_date: bool = True) -> Project:
    """Two articles in the authoring format; the shapes require a date (as issue 10's shapes do)."""
    shutil.copytree(ROOT / "ontology", root / "ontology", ignore=shutil.ignore_patterns("examples"))
    shutil.copytree(ROOT / "queries" / "checks", root / "queries" / "checks")
    shutil.copytree(ROOT / "data" / "reference", root / "data" / "reference")
    shapes = root / "ontology" / "shapes.ttl"
    if require_date and "sh:path dcterms:issued ; sh:minCount 1" not in shapes.read_text(encoding="utf-8"):
        shapes.write_text(shapes.read_text(encoding="utf-8").replace(
            "sh:targetClass cd:NewsArticle ;\n    sh:property [",
            "sh:targetClass cd:NewsArticle ;\n    sh:property [ sh:path dcterms:issued ; sh:minCount 1 ] , ["),
            encoding="utf-8")
    for name, text in entities().items():
        write(root / "data" / "entities" / name, text)
    for slug in PARTIES:
        folder = root / "data" / "articles" / slug
        write(folder / f"{slug}.fr.txt", TEXTS[slug])
        write(folder / "article.ttl", article_ttl(slug))
        write(folder / "claims.trig", claims_trig(slug))
    return Project(root)


@pytest.fixture
def corpus(tmp_path: Path) -> Project:
    return make_corpus(tmp_path / "corpus")


def docs_in(project: Project) -> set[str]:
    quads = ox.parse(path=str(project.build / "kg.trig"))
    return {q.subject.value.rsplit("/", 1)[1] for q in quads
            if q.predicate.value == ns.RDF + "type" and q.object.value == ns.CD + "NewsArticle"}


def outputs_of(project: Project) -> dict[str, bytes]:
    return {name: (project.build / name).read_bytes() for name in OUTPUTS}


def break_article(project: Project, slug: str, file: str, text: str) -> Path:
    return write(project.data / "articles" / slug / file, text)


# ----- the happy path, and quarantine ----------------------------------------------------------

def test_every_valid_article_is_built(corpus):
    ds, written = build(corpus, strict=True)
    assert ds.quarantined == {}
    assert docs_in(corpus) == {"alpha", "beta"}
    assert set(written) == {corpus.build / name for name in OUTPUTS}


def test_a_broken_article_is_left_out_with_file_and_line_and_the_rest_builds(corpus):
    claims = break_article(corpus, "beta", "claims.trig",
                           claims_trig("beta").replace("cd:party state:gamma", "cd:partie state:gamma"))
    ds, _ = build(corpus)
    assert set(ds.quarantined) == {corpus.data / "articles" / "beta"}
    [problem] = ds.quarantined[corpus.data / "articles" / "beta"]
    line = next(i for i, t in enumerate(claims.read_text().splitlines(), 1) if "cd:partie" in t)
    assert (problem.path, problem.line) == (claims, line) and "cd:partie" in problem.message
    assert docs_in(corpus) == {"alpha"}


def test_strict_fails_on_a_broken_article_and_leaves_the_outputs_as_they_were(corpus, monkeypatch, capsys):
    build(corpus)
    before = outputs_of(corpus)
    claims = break_article(corpus, "beta", "claims.trig",
                           claims_trig("beta").replace("cd:party state:gamma", "cd:partie state:gamma"))
    monkeypatch.setenv("KG_ROOT", str(corpus.root))
    assert main(["build", "--strict"]) == EXIT_INVALID
    assert f"error: {claims}:" in capsys.readouterr().err
    assert outputs_of(corpus) == before
    assert main(["build"]) == 0  # without --strict: the rest is built, the article named on stderr
    assert "quarantined:" in capsys.readouterr().err and docs_in(corpus) == {"alpha"}


# ----- bad input: each named with its file and claim, the article quarantined --------------------

def only_problem_of(project: Project, slug: str) -> str:
    corpus = validate_corpus(project, today=date(2026, 11, 25))
    assert set(corpus.quarantined) == {project.data / "articles" / slug}, corpus.problems
    return "\n".join(str(p) for p in corpus.quarantined[project.data / "articles" / slug])


@pytest.mark.parametrize(("issued", "expected"), [
    (None, "no dcterms:issued (the shapes require it)"),
    ('"2031-01-01"^^xsd:date', "dcterms:issued 2031-01-01 is in the future (today is 2026-11-25)"),
    ('"2024-13-45"^^xsd:date', "dcterms:issued '2024-13-45' is not a valid xsd:date"),
    ('"5 novembre 2024"', "dcterms:issued must be an xsd:date"),
])
def test_an_article_without_a_real_past_date_is_quarantined(corpus, issued, expected):
    text = article_ttl("beta").replace('    dcterms:issued "2024-11-05"^^xsd:date ;\n', "") if issued is None \
        else article_ttl("beta", issued=issued)
    path = break_article(corpus, "beta", "article.ttl", text)
    message = only_problem_of(corpus, "beta")
    assert f"{path}:" in message and "article doc:beta" in message and expected in message


def test_a_month_or_a_year_is_a_date_where_the_day_is_not_known(corpus):
    break_article(corpus, "beta", "article.ttl", article_ttl("beta", issued='"2024-11"^^xsd:gYearMonth'))
    assert validate_corpus(corpus).quarantined == {}


def test_an_unknown_language_is_quarantined(corpus):
    path = break_article(corpus, "beta", "article.ttl", article_ttl("beta", language='"de"^^xsd:language'))
    message = only_problem_of(corpus, "beta")
    assert f"{path}:" in message and "unknown language" in message and "en, fr" in message


def test_two_articles_with_the_same_identifier_are_both_quarantined(corpus):
    write(corpus.data / "articles" / "beta" / "article.ttl",
          article_ttl("beta") + 'doc:alpha a cd:NewsArticle .\n')
    found = validate_corpus(corpus)
    assert set(found.quarantined) == {corpus.data / "articles" / s for s in ("alpha", "beta")}
    assert all("two articles with the same identifier doc:alpha" in str(p)
               for ps in found.quarantined.values() for p in ps)


def test_two_articles_with_the_same_address_are_both_quarantined(corpus):
    url = ' ;\n    schema:url <https://example.org/report>'
    for slug in PARTIES:
        write(corpus.data / "articles" / slug / "article.ttl", article_ttl(slug, extra=url))
    found = validate_corpus(corpus)
    assert len(found.quarantined) == 2
    assert "two articles with the same address https://example.org/report" in str(found.problems[0])


def test_a_claim_giving_one_thing_two_statuses_is_quarantined(corpus):
    path = break_article(corpus, "beta", "claims.trig", claims_trig("beta", "status:signed , status:proposed"))
    message = only_problem_of(corpus, "beta")
    assert f"{path}:" in message
    assert "claim beta:signed gives agreement:beta-accord 2 statuses (status:proposed, status:signed)" in message


def test_a_reviewed_claim_whose_evidence_left_the_text_is_quarantined(corpus):
    break_article(corpus, "beta", "beta.fr.txt", "Gamma et Delta ont signé un accord sur les musées.")
    message = only_problem_of(corpus, "beta")
    assert "claim beta:signed was reviewed by cdkg maintainers at 2026-11-25T18:00:00Z" in message
    assert "'Gamma et Delta signent un accord' is no longer in beta.fr.txt" in message
    assert str(corpus.data / "articles" / "beta" / "claims.trig") in message
    assert len(message.splitlines()) == 1  # said once, by the assembly's quote check


def test_a_merge_that_makes_a_cycle_fails_every_build(corpus):
    merges = write(corpus.data / "entities" / "merges.ttl", PREFIXES + """
state:alpha owl:sameAs state:beta ; rdfs:comment "one state"@en ; dcterms:date "2026-11-25"^^xsd:date .
state:beta owl:sameAs state:alpha ; rdfs:comment "the other way round"@en ; dcterms:date "2026-11-25"^^xsd:date .
""")
    with pytest.raises(KgError) as e:
        build(corpus)  # not an article's fault: no quarantine, the build stops
    line = next(i for i, t in enumerate(merges.read_text().splitlines(), 1) if t.startswith("state:alpha"))
    assert f"{merges}:{line}: merges make a cycle: state:alpha → state:beta → state:alpha" in str(e.value)
    assert not (corpus.build / "kg.trig").exists()


def test_the_metadata_rules_are_read_from_the_shapes(corpus):
    from kg.build import assemble_ontology
    from kg.rdfio import parse_file

    rules = MetadataRules.read(parse_file(corpus.shapes), assemble_ontology(corpus))
    assert ns.DCTERMS + "issued" in rules.required and ns.DCTERMS + "title" in rules.required
    assert ns.CD + "text" not in rules.required  # the build adds the text itself
    shapes = corpus.shapes.read_text(encoding="utf-8")
    corpus.shapes.write_text(shapes.replace("sh:path dcterms:issued ; sh:minCount 1", "sh:path dcterms:issued"),
                             encoding="utf-8")
    relaxed = MetadataRules.read(parse_file(corpus.shapes), assemble_ontology(corpus))
    assert ns.DCTERMS + "issued" not in relaxed.required


# ----- the cache ---------------------------------------------------------------------------------

def cache_files(project: Project) -> list[Path]:
    return sorted((project.build / "cache" / "validation").glob("*.json"))


def test_unchanged_articles_are_not_validated_again(corpus):
    first, _ = build(corpus)
    assert first.validated == 3  # two articles and the rest (ontology, entities no article uses…)
    again, _ = build(corpus)
    assert again.validated == 0
    write(corpus.data / "articles" / "beta" / "claims.trig", claims_trig("beta") + "\n# a comment\n")
    assert build(corpus)[0].validated == 0  # same quads: same verdict
    write(corpus.data / "articles" / "beta" / "claims.trig",
          claims_trig("beta").replace("state:delta .", "state:delta , state:alpha ."))
    assert build(corpus)[0].validated == 1  # only the article that changed


def test_a_changed_entity_revalidates_the_articles_that_use_it_only(corpus):
    build(corpus)
    files = entities()
    write(corpus.data / "entities" / "state.ttl",
          files["state.ttl"].replace('"Gamma"@en', '"Gamma (state)"@en'))
    assert build(corpus)[0].validated == 1  # beta, which names state:gamma; not alpha


def test_entity_files_are_read_back_by_their_bytes_and_a_changed_or_damaged_one_is_parsed_again(corpus):
    """Issue 19: an unchanged entity (or ontology) file is read from build/cache/parsed/ (its quads in their graph,
    what the checks found in it), never trusted for other bytes: an edit is seen, a damaged entry is parsed again."""
    build(corpus)
    first = outputs_of(corpus)
    cached = corpus.build / "cache" / "parsed"
    assert len(list(cached.iterdir())) == len(entities()) + len(ontology_files(corpus))
    for entry in cached.iterdir():
        entry.write_bytes(b"not what a build wrote")
    shutil.rmtree(corpus.build / ".kg-current", ignore_errors=True)
    (corpus.build / CURRENT).unlink()
    build(corpus)
    assert outputs_of(corpus) == first  # parsed again: the same quads, the same bytes
    assert all(entry.read_bytes() != b"not what a build wrote" for entry in cached.iterdir())
    files = entities()
    write(corpus.data / "entities" / "state.ttl",
          files["state.ttl"] + 'organization:unesco a cd:Organization ; rdfs:label "Unesco"@fr , "Unesco"@en .\n')
    with pytest.raises(KgError, match="organization:unesco is not a state: it belongs in its own kind's file"):
        build(corpus)
    write(corpus.data / "entities" / "state.ttl", files["state.ttl"].replace('"Gamma"@en', '"Gamma (state)"@en'))
    build(corpus)
    assert '"Gamma (state)"@en' in (corpus.build / "kg.trig").read_text(encoding="utf-8")
    # one entry per file read: an edited file's earlier versions are gone, the cache does not grow with each edit
    assert len(list(cached.iterdir())) == len(entities()) + len(ontology_files(corpus))


def test_context_keys_kept_between_builds_follow_the_entities_and_a_damaged_file_is_only_work(corpus):
    """Issue 19: an article's context key is taken again from the last build unless a thing it depends on changed;
    the keys it gives are those worked out anew (a verdict found again), and a damaged file is worked out again."""
    build(corpus)
    kept = corpus.build / "cache" / "context-keys"
    assert kept.is_file()
    files = entities()
    changed = files["state.ttl"].replace('"Gamma"@en', '"Gamma (state)"@en')
    write(corpus.data / "entities" / "state.ttl", changed)
    assert build(corpus)[0].validated == 1  # beta, which names state:gamma, keyed anew; alpha's key kept
    assert kept_keys(corpus) == fresh_keys(corpus)  # what was kept is what a build with no kept key works out
    write(corpus.data / "entities" / "state.ttl", files["state.ttl"])
    assert build(corpus)[0].validated == 0  # beta keyed anew, as before: its first verdict found again
    kept.write_bytes(b"not what a build wrote")
    write(corpus.data / "entities" / "state.ttl", changed)
    assert build(corpus)[0].validated == 0  # every key worked out anew: the same keys, the same verdicts
    assert kept.read_bytes() != b"not what a build wrote"
    extra = 'state:epsilon a cd:State ; rdfs:label "Epsilon"@fr , "Epsilon"@en ; cd:firstMetIn doc:alpha .\n'
    write(corpus.data / "entities" / "state.ttl", changed + extra)
    assert build(corpus)[0].validated == 1  # no article names epsilon: only the rest is validated again
    assert kept_keys(corpus) == fresh_keys(corpus)


def kept_keys(project) -> dict[str, str]:
    """Each article's context key as the last build kept it."""
    import marshal

    _, (_, articles) = marshal.loads((project.build / "cache" / "context-keys").read_bytes()[4:])  # after its seal
    return {name: key for name, (_, key, _) in articles.items()}


def fresh_keys(project) -> dict[str, str]:
    """The keys a first build of the same inputs works out (a copy with no build folder)."""
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / project.root.name
        shutil.copytree(project.root, root, ignore=shutil.ignore_patterns(project.build.name))
        fresh = Project(root, build_dir=root / project.build.name)
        build(fresh)
        return kept_keys(fresh)


def test_a_change_to_the_validators_code_makes_every_cached_verdict_stale(corpus, tmp_path, monkeypatch):
    """Issue 21 item 7: old verdicts were trusted after an upgrade of the validator."""
    import importlib
    import sys

    import kg.build.validate

    build(corpus)
    assert build(corpus)[0].validated == 0
    module = tmp_path / "validator_part.py"  # stands for one of the validator's modules, edited
    module.write_text("RULE = 1\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    monkeypatch.setattr(kg.build.validate, "VALIDATOR_MODULES", (*kg.build.validate.VALIDATOR_MODULES,
                                                                 "validator_part"))
    assert build(corpus)[0].validated == 3  # a module joined the validator's code: every verdict again
    assert build(corpus)[0].validated == 0
    module.write_text("RULE = 2\n")  # its code changed
    sys.modules.pop("validator_part", None)
    importlib.invalidate_caches()
    assert build(corpus)[0].validated == 3
    monkeypatch.setattr(kg.build.validate, "shacl_engine_version", lambda: "another SHACL engine 9.9")
    assert build(corpus)[0].validated == 3  # another validator, or another version of it


def test_a_corrupt_cache_is_never_trusted(corpus):
    build(corpus)
    files = cache_files(corpus)
    assert len(files) == 3
    files[0].write_text("{ not json")
    doc = json.loads(files[1].read_text())
    files[1].write_text(json.dumps({**doc, "key": "0" * 64}))  # a verdict for another key
    files[2].write_bytes(b"\xff\xfe")
    again, _ = build(corpus)
    assert again.validated == 3
    assert all(json.loads(f.read_text())["key"] == f.stem for f in cache_files(corpus))


def test_a_cached_verdict_of_a_broken_article_still_quarantines_it(corpus):
    break_article(corpus, "beta", "claims.trig",
                  claims_trig("beta").replace("cd:party state:gamma", "cd:partie state:gamma"))
    first, _ = build(corpus)
    second, _ = build(corpus)
    assert second.validated == 0 and second.quarantined == first.quarantined != {}


def test_the_cache_is_safe_to_delete(corpus):
    build(corpus)
    before = outputs_of(corpus)
    shutil.rmtree(corpus.build / "cache")
    assert build(corpus)[0].validated == 3
    assert outputs_of(corpus) == before



def test_the_articles_index_is_one_file_and_a_damaged_one_is_rebuilt_whole_from_the_entries(corpus):
    """Issue 19: a build reads every article's folder key and summary from one index file, not one file per article;
    an index that is damaged is not used at all (not even its sound entries): it is rebuilt from the articles' cache
    entries, and the outputs are the same bytes as a first build of the same inputs gives."""
    import marshal
    import tempfile
    import zlib

    build(corpus)
    index = corpus.build / "cache" / "articles-index"
    head, folders = marshal.loads(index.read_bytes()[4:])
    assert sorted(folders) == ["alpha", "beta"]
    assert all(set(entry) >= {"quads", "iris", "described", "metadata"} for _, _, entry in folders.values())
    before = outputs_of(corpus)

    def sealed(value) -> bytes:  # as a build writes it: a checksum of what follows
        data = marshal.dumps(value)
        return zlib.crc32(data).to_bytes(4, "big") + data

    alpha = folders["alpha"]
    tampered = {**folders, "alpha": (alpha[0], alpha[1], {**alpha[2], "quads": "0" * 64})}
    broken = {**tampered, "beta": (*folders["beta"][:2], {"quads": "0" * 64})}  # an entry without its summary
    data = index.read_bytes()
    for damaged in (b"", b"not an index", data[:len(data) // 2], data[:-1] + bytes([data[-1] ^ 1]),
                    sealed((head, broken)), sealed((("articles-index", 0, *head[2:]), tampered))):
        index.write_bytes(damaged)
        (corpus.build / "cache" / "last-build.json").unlink()  # else nothing changed: the last outcome stands
        ds, _ = build(corpus)
        assert ds.validated == 0  # alpha's tampered digest was not taken: its verdict was found by its true key
        assert outputs_of(corpus) == before
        assert marshal.loads(index.read_bytes()[4:]) == (head, folders)  # rebuilt whole from the entries

    with tempfile.TemporaryDirectory() as tmp:  # a first build of the same inputs: the same bytes
        root = Path(tmp) / corpus.root.name
        shutil.copytree(corpus.root, root, ignore=shutil.ignore_patterns(corpus.build.name))
        fresh = Project(root, build_dir=root / corpus.build.name)
        build(fresh)
        assert outputs_of(fresh) == before
        assert marshal.loads((fresh.build / "cache" / "articles-index").read_bytes()[4:])[1].keys() == folders.keys()

# ----- the outputs change together ---------------------------------------------------------------

def test_the_outputs_are_one_set_switched_by_one_link(corpus):
    build(corpus)
    current = os.readlink(corpus.build / CURRENT)
    for name in OUTPUTS:
        assert os.readlink(corpus.build / name) == f"{CURRENT}/{name}"
    write(corpus.data / "articles" / "beta" / "claims.trig",
          claims_trig("beta").replace("state:delta .", "state:delta , state:alpha ."))
    build(corpus)
    assert os.readlink(corpus.build / CURRENT) != current
    assert not (corpus.build / current).exists()  # the previous set is gone once switched
    assert sorted(p.name for p in corpus.build.glob(".kg-*")) == sorted([CURRENT, os.readlink(corpus.build / CURRENT)])


def test_something_in_the_way_of_an_output_fails_before_anything_changes(corpus, monkeypatch, capsys):
    build(corpus)
    before, current = outputs_of(corpus), os.readlink(corpus.build / CURRENT)
    (corpus.build / "kg.trig").unlink()
    (corpus.build / "kg.trig").mkdir()
    write(corpus.data / "articles" / "beta" / "claims.trig",
          claims_trig("beta").replace("state:delta .", "state:delta , state:alpha ."))
    monkeypatch.setenv("KG_ROOT", str(corpus.root))
    assert main(["build"]) == EXIT_INVALID
    assert "kg.trig is in the way (not a file): remove it and build again" in capsys.readouterr().err
    assert os.readlink(corpus.build / CURRENT) == current  # the set is still the one before
    for name in OUTPUTS:
        assert (corpus.build / current / name).read_bytes() == before[name]


def test_turtle_and_json_ld_are_written_on_demand_into_the_current_set(corpus, monkeypatch, capsys):
    monkeypatch.setenv("KG_ROOT", str(corpus.root))
    assert main(["export", "--format", "ttl"]) == EXIT_INVALID  # nothing built yet: said, not a traceback
    assert "run kg build first" in capsys.readouterr().err
    build(corpus)
    assert not any(os.path.lexists(corpus.build / name) for name in ("kg.nq", "kg.ttl", "kg.jsonld"))
    for fmt in ("nq", "ttl", "jsonld"):
        assert main(["export", "--format", fmt]) == 0
    current = os.readlink(corpus.build / CURRENT)
    for name in ("kg.nq", "kg.ttl", "kg.jsonld"):  # in the set, beside the outputs it was written from
        assert os.readlink(corpus.build / name) == f"{CURRENT}/{name}" and (corpus.build / current / name).is_file()
    quads = set(ox.parse(path=str(corpus.build / "kg.trig")))
    assert set(ox.parse(path=str(corpus.build / "kg.nq"))) == quads
    assert set(ox.parse(path=str(corpus.build / "kg.jsonld"))) == quads
    assert {ox.Triple(q.subject, q.predicate, q.object) for q in ox.parse(path=str(corpus.build / "kg.ttl"))} \
        == {ox.Triple(q.subject, q.predicate, q.object) for q in quads}
    before = (corpus.build / "kg.ttl").read_bytes()
    export(corpus.build, "kg.ttl")
    assert (corpus.build / "kg.ttl").read_bytes() == before
    write(corpus.data / "articles" / "beta" / "claims.trig",
          claims_trig("beta").replace("state:delta .", "state:delta , state:alpha ."))
    build(corpus)  # another set: the formats exported from the previous one are no longer linked, never stale
    assert not any(os.path.lexists(corpus.build / name) for name in ("kg.nq", "kg.ttl", "kg.jsonld"))
    export(corpus.build, "kg.ttl")
    assert (corpus.build / "kg.ttl").read_bytes() != before and "state:alpha" in (corpus.build / "kg.ttl").read_text()


def test_what_a_killed_build_left_is_cleaned_up(corpus):
    build(corpus)
    leftovers = [corpus.build / ".kg.trig.x1y2.tmp", corpus.build / ".kg-0123456789abcdef.tmp-999",
                 corpus.build / ".kg-fedcba9876543210", corpus.build / "cache" / "validation" / ".k.json.z.tmp"]
    for path in leftovers:
        if path.suffix == ".tmp":
            path.write_text("partial")
        else:
            path.mkdir()
            (path / "kg.trig").write_text("partial")
    build(corpus)
    assert [p for p in leftovers if p.exists()] == []
    assert docs_in(corpus) == {"alpha", "beta"}


def test_an_older_build_of_plain_files_is_replaced_by_the_set(corpus):
    corpus.build.mkdir(parents=True)
    for name in OUTPUTS:
        (corpus.build / name).write_text("an older build")
    build(corpus)
    assert all((corpus.build / name).is_symlink() for name in OUTPUTS)
    assert docs_in(corpus) == {"alpha", "beta"}


def test_the_project_s_own_data_builds_strictly(project, tmp_path):
    ds, _ = build(Project(project.root, build_dir=tmp_path / "build"), strict=True)
    assert ds.quarantined == {} and ds.validated >= 2


def test_the_same_quads_keep_the_current_set_without_writing_it_again(corpus):
    build(corpus)
    current = corpus.build / os.readlink(corpus.build / CURRENT)
    stamps = {p.name: p.stat().st_mtime_ns for p in current.iterdir()}
    write(corpus.data / "articles" / "beta" / "claims.trig", claims_trig("beta") + "\n# a comment\n")
    assert build(corpus)[0].kept  # the same quads
    assert {p.name: p.stat().st_mtime_ns for p in current.iterdir()} == stamps
    (current / "kg.trig").unlink()  # a set that is not whole is written again
    build(corpus)
    assert (corpus.build / "kg.trig").is_file() and docs_in(corpus) == {"alpha", "beta"}


# ----- an article that re-uses what the graph already holds (issue 17) ---------------------------

REUSE_PREFIXES = PREFIXES + """@prefix person: <https://w3id.org/cdkg/id/person/> .
@prefix office: <https://w3id.org/cdkg/id/office/> .
@prefix tenure: <https://w3id.org/cdkg/id/tenure/> .
@prefix event: <https://w3id.org/cdkg/id/event/> .
"""
REVIEWED = """ ;
    cd:reviewStatus review:accepted ; cd:reviewedBy "tester" ; cd:reviewedAt "2026-11-25T18:00:00Z"^^xsd:dateTime ;
    prov:wasGeneratedBy activity:hand-authoring-{slug} ."""
ACTIVITY = """
activity:hand-authoring-{slug} a prov:Activity , cd:HandAuthoring ; rdfs:label "saisie de {slug}"@fr .
"""


def add_reuse_article(project: Project, slug: str, text: str, claims: dict[str, tuple[str, str]]) -> Path:
    """An article folder: its text, metadata and claims (name → (graph body, evidence)), nothing elsewhere."""
    folder = project.data / "articles" / slug
    write(folder / f"{slug}.fr.txt", text)
    write(folder / "article.ttl", article_ttl(slug))
    body = "".join(f"claim:{name} {{\n{graph}\n}}\nclaim:{name} cd:evidence \"{quote}\"{REVIEWED.format(slug=slug)}\n\n"
                   for name, (graph, quote) in claims.items())
    write(folder / "claims.trig", REUSE_PREFIXES + f"@prefix claim: <https://w3id.org/cdkg/claim/{slug}/> .\n\n"
          + body + ACTIVITY.format(slug=slug))
    return folder


def add_reusing_articles(corpus: Project, when: str = "cd:attestedAt event:festival") -> None:
    """Two articles: "first" states a tenure (holder, office), "second" uses it by its IRI alone."""
    entity_files = {
        "person.ttl": 'person:ada a cd:Person ; rdfs:label "Ada"@fr ; cd:firstMetIn doc:first .\n',
        "office.ttl": 'office:culture-minister-alpha a cd:Office ; rdfs:label "ministre de la Culture d’Alpha"@fr ; '
                      'cd:postIn state:alpha ; cd:firstMetIn doc:first .\n',
        "tenure.ttl": 'tenure:ada-minister a cd:Tenure ; rdfs:label "Ada, ministre de la Culture d’Alpha"@fr ; '
                      'cd:firstMetIn doc:first .\n',
        "event.ttl": 'event:festival a cd:Event ; rdfs:label "festival de Paris"@fr ; cd:firstMetIn doc:first .\n'}
    for name, line in entity_files.items():
        write(corpus.data / "entities" / name, REUSE_PREFIXES + line)
    add_reuse_article(corpus, "first", "Ada, ministre de la Culture d’Alpha, ouvre le festival de Paris.", {
        "minister": ("tenure:ada-minister a cd:Tenure ; cd:holder person:ada ; cd:office office:culture-minister-alpha "
                     f"; {when} .", "Ada, ministre de la Culture d’Alpha"),
        "festival": ('event:festival a cd:Event ; cd:date "2024-10-01"^^xsd:date .', "ouvre le festival de Paris")})
    if (corpus.data / "articles" / "second").is_dir():
        return
    build(corpus, strict=True)
    add_reuse_article(corpus, "second", "Ada, ministre de la Culture, reçoit Bob à Paris.", {
        "meeting": ('event:second-meeting a cd:Meeting ; rdfs:label "rencontre d’Ada et de Bob"@fr ;\n'
                    '    cd:participant person:ada , person:bob .\nperson:bob a cd:Person ; rdfs:label "Bob"@fr .',
                    "Ada, ministre de la Culture, reçoit Bob"),
        "minister": ("tenure:ada-minister cd:attestedAt event:second-meeting .", "Ada, ministre de la Culture")})


def test_a_short_article_reuses_a_tenure_by_its_iri_and_declares_new_entities_inline(corpus):
    """Issue 17: a hand-written article needs only its own folder. A tenure the graph already holds (holder and
    office stated by another article) is used by its IRI alone; a new person and a new meeting are declared in
    the article's own claims, not in data/entities/."""
    add_reusing_articles(corpus)
    entities_before = {path: path.read_bytes() for path in (corpus.data / "entities").iterdir()}
    ds, _ = build(corpus, strict=True)  # raises if the article were quarantined
    assert ds.quarantined == {}
    assert {path: path.read_bytes() for path in (corpus.data / "entities").iterdir()} == entities_before
    quads = set(ox.parse(path=str(corpus.build / "kg.trig")))
    tenure, meeting = (ox.NamedNode(ns.ID + iri) for iri in ("tenure/ada-minister", "event/second-meeting"))
    entities_graph = ox.NamedNode(ns.ENTITIES_GRAPH)
    assert ox.Quad(tenure, ox.NamedNode(ns.CD + "attestedAt"), meeting,
                   ox.NamedNode("https://w3id.org/cdkg/claim/second/minister")) in quads
    for new in (meeting, ox.NamedNode(ns.ID + "person/bob")):  # inline: into graph:entities, first met here
        assert ox.Quad(new, ox.NamedNode(ns.CD + "firstMetIn"), ox.NamedNode(ns.DOC + "second"),
                       entities_graph) in quads
    # what it re-uses is checked: a tenure of nobody known (no article says its holder) is still refused
    add_reuse_article(corpus, "third", "Bob, ministre, reçoit Ada.", {
        "minister": ("tenure:bob-minister cd:attestedAt event:second-meeting .\n"
                     'tenure:bob-minister a cd:Tenure ; rdfs:label "Bob, ministre"@fr .', "Bob, ministre")})
    ds, _ = build(corpus)
    assert set(ds.quarantined) == {corpus.data / "articles" / "third"}
    third = ds.quarantined[corpus.data / "articles" / "third"]
    assert any("a tenure has exactly one holder" in p.message for p in third)


def test_a_new_entity_one_article_declares_can_be_named_by_another_by_its_iri_alone(corpus):
    """An entity first met in one article (a new person its accepted claims declare) is then known to the graph,
    so `kg ingest` of a second article names it without declaring it again: that article must be published,
    and the entity stays first met in the article that declared it. (Validated alone, the second article once
    saw the person typed but met nowhere, and was quarantined by the check entities-first-met.)"""
    add_reusing_articles(corpus)  # "second" declares person:bob inline
    build(corpus, strict=True)
    add_reuse_article(corpus, "fourth", "Bob visite le festival de Paris.", {
        "visit": ('event:fourth-visit a cd:Meeting ; rdfs:label "visite de Bob"@fr ;\n'
                  '    cd:participant person:ada , person:bob .', "Bob visite le festival")})
    ds, _ = build(corpus, strict=True)  # raises if "fourth" were quarantined
    assert ds.quarantined == {}
    quads = set(ox.parse(path=str(corpus.build / "kg.trig")))
    bob, met = ox.NamedNode(ns.ID + "person/bob"), ox.NamedNode(ns.CD + "firstMetIn")
    assert {q.object for q in quads if q.subject == bob and q.predicate == met} == {ox.NamedNode(ns.DOC + "second")}
    assert ox.Quad(ox.NamedNode(ns.ID + "event/fourth-visit"), ox.NamedNode(ns.CD + "participant"), bob,
                   ox.NamedNode("https://w3id.org/cdkg/claim/fourth/visit")) in quads


def test_an_article_that_joins_the_status_history_of_another_articles_agreement_keeps_its_name(corpus):
    """`kg ingest` proposes a second report of a known agreement as the same undertaking: the report types it and
    gives its own status and parties, but not its name, which the article that declared it gave. The second
    article is published (validated alone, it once had an agreement with no label and was quarantined by the check
    entities-labelled), and renaming the agreement in the first article re-validates the second."""
    agreement = "agreement:ng-museums-accord a cd:Agreement ; cd:party state:alpha , state:beta ; cd:status {status} ."
    add_reuse_article(corpus, "first-report", "Alpha et Bêta ont signé un accord sur les musées.", {
        "accord": (agreement.format(status="status:signed").replace(
            " ;", ' ; rdfs:label "accord sur les musées"@fr ;', 1), "ont signé un accord sur les musées")})
    build(corpus, strict=True)
    add_reuse_article(corpus, "second-report", "L’accord entre Alpha et Bêta est entré en vigueur.", {
        "accord": (agreement.format(status="status:in-force"), "L’accord entre Alpha et Bêta est entré en vigueur")})
    ds, _ = build(corpus, strict=True)  # raises if "second-report" were quarantined
    assert ds.quarantined == {}
    first = corpus.data / "articles" / "first-report" / "claims.trig"
    first.write_text(first.read_text().replace("accord sur les musées\"@fr", "accord muséal\"@fr"))
    ds, _ = build(corpus, strict=True)
    assert ds.validated == 2  # the renamed one and the one that takes its name


def test_an_article_that_names_a_state_only_through_an_office_knows_where_the_state_was_first_met(corpus):
    """A tenure of an office the graph holds ("ministre de la Culture de Gamma"), in an article that never names
    the office's state: the state comes with its names and where it was first met, and that article's names come
    too. (They did not: the article met an unlabelled source, and the problem, located in the entity file that
    names the source, failed the whole build.)"""
    # the office first met in "alpha", its state Gamma in "beta"
    write(corpus.data / "entities" / "office.ttl", REUSE_PREFIXES + 'office:culture-minister-gamma a cd:Office ; '
          'rdfs:label "ministre de la Culture de Gamma"@fr ; cd:postIn state:gamma ; cd:firstMetIn doc:alpha .\n')
    add_reuse_article(corpus, "gamma-minister", "Cléo, ministre de la Culture, inaugure le festival de Paris.", {
        "minister": ("tenure:cleo-minister a cd:Tenure ; rdfs:label \"Cléo, ministre de la Culture\"@fr ;\n"
                     "    cd:holder person:cleo ; cd:office office:culture-minister-gamma ;\n"
                     "    cd:attestedAt event:opening .\n"
                     'person:cleo a cd:Person ; rdfs:label "Cléo"@fr .\n'
                     'event:opening a cd:Event ; rdfs:label "inauguration du festival de Paris"@fr ; '
                     'cd:date "2024-10-01"^^xsd:date .', "Cléo, ministre de la Culture, inaugure le festival")})
    ds, _ = build(corpus, strict=True)  # raises on any problem, the article's or a shared file's
    assert ds.quarantined == {}
    assert "gamma-minister" in docs_in(corpus)


def test_what_another_article_says_of_a_thing_decides_the_verdict_of_an_article_that_uses_it(corpus):
    """Issue 19: an article is validated with what other articles' claims say of the things it uses by IRI alone;
    its cached verdict is keyed by digests of those descriptions, so a change to one re-validates the articles that
    use it (and the one that changed), not an unrelated one."""
    add_reusing_articles(corpus, 'cd:attestedAt event:festival ; cd:startDate "2024-01-01"^^xsd:date')
    build(corpus, strict=True)
    assert build(corpus, strict=True)[0].validated == 0
    # "first" gives the tenure "second" uses another date: what it names is the same, what it says is not
    add_reusing_articles(corpus, 'cd:attestedAt event:festival ; cd:startDate "2023-01-01"^^xsd:date')
    ds, _ = build(corpus, strict=True)
    assert ds.validated == 2  # first and second; not alpha, beta, nor the rest


def test_large_parts_are_written_in_buckets_and_give_the_same_dataset(corpus, monkeypatch):
    from kg.build.outputs import Parts

    build(corpus)
    whole = {name: set(ox.parse(path=str(corpus.build / name))) for name in OUTPUTS}
    shutil.rmtree(corpus.build)
    monkeypatch.setattr(Parts, "LARGE", 5)  # every part but the smallest is split into buckets of its subjects
    build(corpus)
    first = outputs_of(corpus)
    assert {name: set(ox.parse(path=str(corpus.build / name))) for name in whole} == whole
    shutil.rmtree(corpus.build / "cache")
    build(corpus)
    assert outputs_of(corpus) == first  # same inputs, same bytes



def test_the_distinct_quads_of_the_parts_are_counted_from_fingerprints_kept_with_each_part(tmp_path):
    """Issue 19: each part keeps a digest per line beside it, so that a build need not gather every line of every
    part to count the distinct quads; a quad in two parts is still counted once, and a part's damaged fingerprints
    are worked out again from its lines."""
    import base64

    from kg.build.outputs import Parts

    def q(s: str, o: str, g: str = "g") -> ox.Quad:
        return ox.Quad(ox.NamedNode(ns.ID + s), ox.NamedNode(ns.RDFS + "seeAlso"), ox.NamedNode(ns.ID + o),
                       ox.NamedNode(ns.CLAIM + g))

    apart = [[q("a", "b"), q("a", "c")], [q("d", "e")], [q("f", "g", "h")]]
    shared = [*apart, [q("a", "b"), q("x", "y")]]  # the last part repeats a quad of the first
    for parts, distinct in ((apart, 4), (shared, 5)):
        cache = tmp_path / f"parts-{distinct}"
        for _ in range(2):  # written, then read back from the cache
            found = Parts(parts, cache)
            found.files(jobs=1)
            assert found.counts() == (distinct, 2)
        entry = cache / found.keys[0]
        head, _, payload = entry.read_bytes().partition(b"\n")
        meta = json.loads(head)
        assert len(base64.b64decode(meta["fingerprints"])) == 8 * 2  # one per line of the part
        entry.write_bytes(json.dumps({**meta, "fingerprints": "AAAA"}).encode() + b"\n" + payload)
        found = Parts(parts, cache)
        found.files(jobs=1)
        assert found.counts() == (distinct, 2)

# ----- checks that read the ontology only run once, not with every article (issue 19) -------------------------

def test_a_check_of_the_ontology_alone_runs_once_and_still_fails_the_build(corpus):
    from kg.build.validate import Check, load_checks, ontology_only

    checks = {check.name: check for check in load_checks(corpus.checks)}
    assert ontology_only(checks["ontology-documented"])
    assert not any(ontology_only(checks[name]) for name in ("entities-typed", "terms-declared", "statuses-in-scheme"))
    graph = "<https://w3id.org/cdkg/graph/ontology>"
    for query in (f"SELECT ?t WHERE {{ GRAPH {graph} {{ ?t a ?k }} ?t ?p ?o }}",  # a pattern outside the graph
                  f"SELECT ?t WHERE {{ GRAPH {graph} {{ ?t a ?k FILTER EXISTS {{ GRAPH ?g {{ ?t ?p ?o }} }} }} }}",
                  f"SELECT ?t {{ GRAPH {graph} {{ ?t a ?k }} }}"):  # no WHERE keyword: not recognised, run per article
        assert not ontology_only(Check("q", "", query, corpus.checks / "q.rq"))
    assert ontology_only(Check("q", "", f"SELECT ?t WHERE {{ GRAPH {graph} {{ ?t a ?k }} }} ORDER BY ?t",
                               corpus.checks / "q.rq"))
    with (corpus.ontology / "cdkg.ttl").open("a", encoding="utf-8") as f:
        f.write("\n<https://w3id.org/cdkg/ontology#Undocumented> a <http://www.w3.org/2002/07/owl#Class> .\n")
    corpus_found = validate_corpus(corpus)
    assert corpus_found.quarantined == {}  # the ontology's problem is no article's
    assert [p for p in corpus_found.shared if "check ontology-documented" in p.message and "Undocumented" in p.message]
    with pytest.raises(KgError, match="ontology-documented"):
        build(corpus)
