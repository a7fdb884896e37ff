"""Shared fixtures: the real project, its built dataset, and small throw-away projects for failure paths."""

from __future__ import annotations

import contextlib
import shutil
import textwrap
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from kg import namespaces as ns
from kg.build import Dataset, build
from kg.ingest import Candidate, IngestOptions, ingest, load_context
from kg.project import Project
from kg.review import ReviewServer, Session

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"

PREFIXES = """\
@prefix cd: <https://w3id.org/cdkg/ontology#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix prov: <http://www.w3.org/ns/prov#> .
@prefix status: <https://w3id.org/cdkg/status/> .
@prefix domain: <https://w3id.org/cdkg/domain/> .
@prefix doc: <https://w3id.org/cdkg/doc/> .
@prefix state: <https://w3id.org/cdkg/id/state/> .
@prefix person: <https://w3id.org/cdkg/id/person/> .
@prefix event: <https://w3id.org/cdkg/id/event/> .
@prefix agreement: <https://w3id.org/cdkg/id/agreement/> .
@prefix initiative: <https://w3id.org/cdkg/id/initiative/> .
@prefix claim: <https://w3id.org/cdkg/claim/mini/> .
@prefix organization: <https://w3id.org/cdkg/id/organization/> .
@prefix activity: <https://w3id.org/cdkg/id/activity/> .
@prefix review: <https://w3id.org/cdkg/review/> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
"""

MINI_TEXT = "Alpha et Bêta signent un accord culturel. Une exposition commune a été proposée. Un accord."

# One entity per line, each written to data/entities/<kind>.ttl by make_mini_project.
MINI_ENTITIES = PREFIXES + """
state:alpha a cd:State ; rdfs:label "Alpha"@fr , "Alpha"@en ; cd:firstMetIn doc:mini .
state:beta a cd:State ; rdfs:label "Bêta"@fr , "Beta"@en ; cd:firstMetIn doc:mini .
agreement:accord a cd:Agreement ; rdfs:label "accord culturel"@fr , "cultural agreement"@en ; cd:firstMetIn doc:mini .
initiative:expo a cd:Initiative ; rdfs:label "exposition commune"@fr , "joint exhibition"@en ; cd:firstMetIn doc:mini .
organization:gazette a cd:MediaOrganization ; rdfs:label "La Gazette"@fr ; cd:firstMetIn doc:mini .
"""

MINI_ARTICLE = PREFIXES + """
doc:mini a cd:NewsArticle ; rdfs:label "Mini"@fr , "Mini"@en ;
    <http://purl.org/dc/terms/title> "Alpha et Bêta"@fr ;
    <http://purl.org/dc/terms/language> "fr"^^<http://www.w3.org/2001/XMLSchema#language> ;
    <http://purl.org/dc/terms/publisher> organization:gazette ;
    <http://purl.org/dc/terms/issued> "2024-11-05"^^xsd:date .
"""

# What every hand-written claim says beside its evidence: accepted, by whom, when, made by hand.
MINI_REVIEW = """ ;
    cd:reviewStatus review:accepted ; cd:reviewedBy "tester" ; cd:reviewedAt "2026-11-25T18:00:00Z"^^xsd:dateTime ;
    prov:wasGeneratedBy activity:hand-authoring-mini ."""
MINI_ACTIVITY = """
activity:hand-authoring-mini a prov:Activity , cd:HandAuthoring ; rdfs:label "saisie"@fr .
"""

MINI_CLAIMS = PREFIXES + """
claim:signed {
    agreement:accord a cd:Agreement ; cd:status status:signed ; cd:party state:alpha , state:beta ;
        cd:domain domain:culture .
}
claim:signed cd:evidence "Alpha et Bêta signent un accord culturel\"""" + MINI_REVIEW + """

claim:proposed {
    initiative:expo a cd:Initiative ; cd:status status:proposed ; cd:domain domain:exhibitions .
}
claim:proposed cd:evidence "Une exposition commune a été proposée\"""" + MINI_REVIEW + MINI_ACTIVITY


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def make_mini_project(root: Path, *, claims: str = MINI_CLAIMS, text: str = MINI_TEXT) -> Project:
    """A small project: the real ontology and checks, and a one-article data folder."""
    shutil.copytree(ROOT / "ontology", root / "ontology", ignore=shutil.ignore_patterns("examples"))
    shutil.copytree(ROOT / "queries" / "checks", root / "queries" / "checks")
    shutil.copytree(ROOT / "data" / "reference", root / "data" / "reference")
    for line in MINI_ENTITIES.splitlines():
        if line and not line.startswith("@"):
            kind = line.split(":", 1)[0]
            path = root / "data" / "entities" / f"{kind}.ttl"
            write(path, (path.read_text(encoding="utf-8") if path.exists() else PREFIXES) + line + "\n")
    article = root / "data" / "articles" / "mini"
    write(article / "article.ttl", MINI_ARTICLE)
    write(article / "mini.fr.txt", text)
    write(article / "claims.trig", claims)
    return Project(root)


@pytest.fixture
def mini(tmp_path: Path) -> Project:
    return make_mini_project(tmp_path / "mini")


@pytest.fixture(scope="session")
def project() -> Project:
    return Project(ROOT)


@pytest.fixture(scope="session")
def built(project: Project, tmp_path_factory: pytest.TempPathFactory) -> tuple[Project, Dataset]:
    """The real sources, built (and validated) once into a temporary build folder."""
    target = Project(project.root, build_dir=tmp_path_factory.mktemp("build"))
    ds, _ = build(target)
    return target, ds


def copy_of_project(root: Path, *, queries: bool = False, articles: Path | None = None) -> Project:
    """A copy of the project's ontology and data under root: a test that writes must leave data/ untouched.
    ``queries``: its queries too (what the build's checks read); ``articles``: each folder under it added as an
    article (a frozen draft to review)."""
    shutil.copytree(ROOT / "ontology", root / "ontology")
    shutil.copytree(ROOT / "data", root / "data")
    if queries:
        shutil.copytree(ROOT / "queries", root / "queries")
    for folder in sorted(articles.iterdir()) if articles else []:
        shutil.copytree(folder, root / "data" / "articles" / folder.name)
    return Project(root, build_dir=root / "build")


def ingested(folder: Path, project: Project, ctx, text: str, lang: str, issued: str = "2024-05-15"
               ) -> list[Candidate]:
    """What `kg ingest` proposes for a text of ours (written under folder), with fixed dates: the per-pattern
    tests of the extractor read these."""
    path = folder / "article.txt"
    path.write_text(text, encoding="utf-8")
    options = IngestOptions(lang=lang, publisher="organization:cdkg-project", issued=issued,
                            now="2026-11-25T18:00:00Z", articles_dir=folder / "out", force=True)
    return ingest(path, options, project, ctx).candidates


@pytest.fixture(scope="module")
def ingest_project(tmp_path_factory: pytest.TempPathFactory) -> Project:
    """A copy of the project (ontology, data, queries) for one test module of the extractor: a module that
    builds or reviews what it ingested writes there, never in data/."""
    return copy_of_project(tmp_path_factory.mktemp("ingest"), queries=True)


@pytest.fixture(scope="module")
def ingest_ctx(ingest_project: Project):
    """The extractor's context (lexicons, gazetteer, models) over that copy: loaded once per module."""
    return load_context(ingest_project)


@pytest.fixture
def propose(tmp_path: Path, ingest_project: Project, ingest_ctx):
    """propose(text, lang, issued="2024-05-15", kind=None): what `kg ingest` proposes for a text of ours,
    only the proposals of one kind ("undertaking", "event"…) when kind is given."""
    def extract(text: str, lang: str, issued: str = "2024-05-15", kind: str | None = None) -> list[Candidate]:
        found = ingested(tmp_path, ingest_project, ingest_ctx, text, lang, issued)
        return [c for c in found if kind is None or c.kind == kind]
    return extract


def values(c: Candidate, prop: str) -> set:
    """A proposal's values of one cd: property: IRIs as strings, literals as their Python values."""
    return {o if isinstance(o, str) else o.value for _, p, o in c.triples if p == ns.CD + prop}


def state(slug: str) -> str:
    """A state's IRI, as the per-pattern tests name the states they expect."""
    return ns.entity("state", slug)


def one(found: list[Candidate], words: str) -> Candidate:
    """The one proposal whose evidence holds these words (the test fails if there are none or several)."""
    hit = [c for c in found if any(words in e for e in c.evidence)]
    assert len(hit) == 1, [c.evidence for c in found]
    return hit[0]


@contextlib.contextmanager
def serve_review(project: Project, article: str, reviewer: str = "Page Reviewer") -> Iterator[ReviewServer]:
    """The review page's server for one article, on a loopback port, stopped on leaving."""
    server = ReviewServer(Session(project, article, reviewer))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server
    finally:
        server.shutdown()
        server.server_close()
        thread.join(10)


def tenures(candidates) -> dict[str, tuple[str, set]]:
    """holder IRI → (the office's label, its cd:postIn)."""
    out = {}
    for c in candidates:
        if c.kind != "tenure":
            continue
        holder = next(o for _, p, o in c.triples if p == ns.CD + "holder")
        office = next(o for _, p, o in c.triples if p == ns.CD + "office")
        label = next((o.value for s, p, o in c.triples if s == office and p == ns.RDFS + "label"), "")
        post = {o for s, p, o in c.triples if s == office and p == ns.CD + "postIn"}
        out[holder] = (label, post)
    return out
