"""`kg ingest`: an article (text or HTML, French or English) becomes a new data/articles/<id>/ folder
whose claims are all pending review, each with its exact words, a confidence and the rule that fired.

Steps, one module each: reader (bytes → text), lexicon (language, rules as data), gazetteer (names
already known), extractor (the one interface; rules.py is the implementation), writer (the folder).
A notebook calls the same functions as the command line:

    ctx = load_context(project)
    result = ingest(Path("article.txt"), IngestOptions(publisher="organization:x", issued="2024-05-18"), project, ctx)
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path

import pyoxigraph as ox

from kg import namespaces as ns
from kg.errors import EXIT_SYNTAX, KgError, Problem
from kg.ingest.dates import parse_issued
from kg.ingest.extractor import Article, Candidate, Extractor
from kg.ingest.gazetteer import Gazetteer, build_gazetteer
from kg.ingest.lexicon import Lexicon, detect_language, languages, load_lexicon
from kg.ingest.reader import read_article
from kg.ingest.vocabulary import Vocabulary, read_vocabulary
from kg.ingest.writer import Metadata, write_article
from kg.project import Project

__all__ = ["Article", "Candidate", "Context", "Extractor", "IngestOptions", "IngestResult", "ingest", "load_context"]


def software_version() -> str:
    try:
        return metadata.version("cdkg")
    except metadata.PackageNotFoundError:  # pragma: no cover - running from a bare source tree
        return "unknown"


@dataclass
class IngestOptions:
    lang: str | None = None
    html: bool = False
    encoding: str | None = None
    title: str | None = None
    publisher: str | None = None  # an organization IRI, prefixed name (organization:x) or slug
    issued: str | None = None  # YYYY-MM-DD, YYYY-MM or YYYY
    url: str | None = None
    article_id: str | None = None
    force: bool = False
    articles_dir: Path | None = None  # default: the project's data/articles
    now: str | None = None  # prov:startedAtTime; fixed in tests for byte-identical output


@dataclass
class IngestResult:
    folder: Path
    language: str
    candidates: list[Candidate]
    warnings: list[str] = field(default_factory=list)


@dataclass
class Context:
    """What every ingest of a session shares: the ontology's terms, the dataset's names, the pipelines."""

    project: Project
    vocabulary: Vocabulary
    quads: list[ox.Quad]
    lexicons: dict[str, Lexicon] = field(default_factory=dict)
    gazetteers: dict[str, Gazetteer] = field(default_factory=dict)
    undertakings: list[dict] = field(default_factory=list)

    def extractor(self, language: str) -> Extractor:
        from kg.ingest.nlp import pipeline
        from kg.ingest.rules import RuleExtractor

        nlp, model = pipeline(language)
        return RuleExtractor(self.lexicons[language], self.gazetteers[language], self.vocabulary, nlp, model,
                             software_version(), self.undertakings)


def _dataset_quads(project: Project, dataset: Path | None) -> list[ox.Quad]:
    from kg.rdfio import parse_file

    path = dataset or project.dataset
    if path.is_file():
        return parse_file(path)
    from kg.build import assemble

    return assemble(project).quads


def _undertakings(quads: list[ox.Quad], vocabulary: Vocabulary) -> list[dict]:
    """Agreements and initiatives already in the graph: kind, parties, domains (to join, not twin)."""
    found: dict[str, dict] = {}
    for q in quads:
        s = q.subject.value if isinstance(q.subject, ox.NamedNode) else None
        if s is None:
            continue
        p = q.predicate.value
        if p == ns.RDF + "type" and vocabulary.is_a(q.object.value, "Undertaking"):
            found.setdefault(s, {"iri": s, "cls": None, "parties": set(), "domains": set()})["cls"] = q.object.value
        elif p == ns.CD + "party":
            found.setdefault(s, {"iri": s, "cls": None, "parties": set(), "domains": set()})["parties"].add(
                q.object.value)
        elif p == ns.CD + "domain":
            found.setdefault(s, {"iri": s, "cls": None, "parties": set(), "domains": set()})["domains"].add(
                q.object.value)
    return sorted((u for u in found.values() if u["cls"]), key=lambda u: u["iri"])


def load_context(project: Project, dataset: Path | None = None) -> Context:
    """Read the ontology, the dataset (build/kg.trig, or the sources when there is no build) and lexicons."""
    from kg.build import assemble_ontology, reference_rows

    ontology = assemble_ontology(project)
    vocabulary = read_vocabulary(ontology)
    quads = _dataset_quads(project, dataset)
    ctx = Context(project, vocabulary, quads, undertakings=_undertakings(quads, vocabulary))
    reference = project.data / "reference" / "wikidata-ids.tsv"
    rows = reference_rows(reference) if reference.is_file() else []
    for language in languages():
        lex = load_lexicon(language, vocabulary)
        ctx.lexicons[language] = lex
        ctx.gazetteers[language] = build_gazetteer(quads, vocabulary, lex, rows)
    return ctx


def _publisher(value: str | None, path: Path) -> str:
    if not value:
        raise KgError(Problem("the publisher is required: --publisher organization:<slug> (an entity in the graph)",
                              path), EXIT_SYNTAX)
    if ":" not in value:
        return ns.entity("organization", value)
    try:
        return ns.expand(value)
    except ValueError as e:
        raise KgError(Problem(f"--publisher: {e}", path), EXIT_SYNTAX) from None


def _evidenced(candidates: list[Candidate], text: str) -> tuple[list[Candidate], list[str]]:
    """The candidates whose every quoted span is in the text; the others dropped, each with a warning (the
    build would refuse the whole article for one quote it cannot find)."""
    kept, warnings = [], []
    for c in candidates:
        missing = next((e for e in c.evidence if not e or e not in text), None)
        if missing is None:
            kept.append(c)
        else:
            warnings.append(f"claim {c.name} dropped: its words “{missing[:60]}” are not in the text "
                            f"(rule {c.rule})")
    return kept, warnings


def ingest(path: Path, options: IngestOptions, project: Project, ctx: Context | None = None) -> IngestResult:
    """Read, extract and write one article. On any error nothing under data/ has changed."""
    ctx = ctx or load_context(project)
    text, stored = read_article(path, options.html, options.encoding)
    language = options.lang or detect_language(text, ctx.lexicons)
    if language is None:
        raise KgError(Problem("cannot tell the article's language (kg ingest reads "
                              f"{', '.join(sorted(ctx.lexicons))}): give it with --lang", path), EXIT_SYNTAX)
    if language not in ctx.lexicons:
        raise KgError(Problem(f"no lexicon for language {language!r} (known: {', '.join(sorted(ctx.lexicons))})",
                              path), EXIT_SYNTAX)
    if not options.issued:
        raise KgError(Problem("the publication date is required: --date YYYY-MM-DD (or YYYY-MM, YYYY)", path),
                      EXIT_SYNTAX)
    try:
        issued, datatype = parse_issued(options.issued)
    except ValueError as e:
        raise KgError(Problem(str(e), path), EXIT_SYNTAX) from None
    today = dt.datetime.now(dt.timezone.utc).date()
    if options.issued[:10] > today.isoformat()[: len(options.issued[:10])]:
        raise KgError(Problem(f"the publication date {options.issued} is in the future", path), EXIT_SYNTAX)
    title = options.title or next((line.strip() for line in text.splitlines() if line.strip()), "")[:200]
    article_id = options.article_id or ns.slugify(title)[:60].rstrip("-") or ns.slugify(path.stem)
    try:
        ns.document(article_id) and ns.entity("source", article_id)
    except ValueError as e:
        raise KgError(Problem(f"--id: {e}", path), EXIT_SYNTAX) from None
    publisher = _publisher(options.publisher, path)
    warnings = list(ctx.vocabulary.notes) + list(ctx.lexicons[language].notes)
    if publisher not in ctx.gazetteers[language].existing:
        warnings.append(f"the publisher {ns.shorten(publisher)} is not an entity of the graph yet: add it to "
                        "data/entities/organization.ttl")
    meta = Metadata(article_id, title, language, publisher, options.issued, datatype, options.url)
    extractor = ctx.extractor(language)
    article = Article(article_id, text, language, issued, int(options.issued[:4]))
    candidates = extractor.extract(article)
    warnings += getattr(extractor, "warnings", [])
    candidates, lost = _evidenced(candidates, text)
    warnings += lost
    started = options.now or dt.datetime.now(dt.timezone.utc).replace(microsecond=0).isoformat().replace(
        "+00:00", "Z")
    folder = (options.articles_dir or project.data / "articles") / article_id
    write_article(folder, meta, stored, candidates, software_version(), extractor.used, started, options.force)
    return IngestResult(folder, language, candidates, warnings)
