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
import re
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
from kg.ingest.writer import Metadata, recover, write_article
from kg.merges import article_lock
from kg.project import Project
from kg.provenance import occurrences

__all__ = ["Article", "Candidate", "Context", "Extractor", "IngestOptions", "IngestResult", "check_options", "ingest",
           "load_context"]


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
    # the shapes' rule for an article's publisher: (the class it must have, the shape's message)
    publisher_rule: tuple[str, str] = (ns.CD + "Organization", "an article's publisher is an organisation")

    def extractor(self, language: str) -> Extractor:
        from kg.ingest.nlp import pipeline
        from kg.ingest.rules import RuleExtractor

        nlp, model = pipeline(language)
        return RuleExtractor(self.lexicons[language], self.gazetteers[language], self.vocabulary, nlp, model,
                             software_version(), self.undertakings)


def _dataset_quads(project: Project, dataset: Path | None) -> list[ox.Quad]:
    from kg.rdfio import parse_file

    if dataset is not None and not dataset.is_file():
        raise KgError(Problem("no such dataset file (kg build writes build/kg.trig; without --dataset kg ingest "
                              "reads build/kg.trig, else the sources)", dataset), EXIT_SYNTAX)
    path = dataset or project.dataset
    if path.is_file():
        quads = parse_file(path)
        return quads if dataset is not None else quads + _reviewed_since(project, path)
    from kg.build import assemble

    return assemble(project).quads


def _accepted_since(claims: Path, since: int) -> bool:
    """A claims file written after ``since`` that accepts a claim: a batch of articles ingested and not yet
    reviewed is not assembled again for each new one (only read for the word)."""
    if not claims.is_file() or claims.stat().st_mtime_ns <= since:
        return False
    text = claims.read_bytes()
    return b"review:accepted" in text or (ns.REVIEW + "accepted").encode() in text


def _reviewed_since(project: Project, built: Path) -> list[ox.Quad]:
    """What the sources say that the last build does not: the articles reviewed and the entity files edited
    after build/kg.trig was written. Articles ingested and reviewed one after another before one build would
    otherwise each propose the same new person, outlet or agreement again. Only accepted claims count (the
    build's own assembly); a file it cannot read is left for kg build to report."""
    from kg.build.assemble import article_folders, assemble_article, entity_files
    from kg.rdfio import parse_file

    since = built.stat().st_mtime_ns
    quads: list[ox.Quad] = []
    newer = [p for p in entity_files(project) if p.stat().st_mtime_ns > since]
    newer += [f for f in article_folders(project) if _accepted_since(f / "claims.trig", since)]
    for path in newer:
        try:
            quads += assemble_article(project, path).quads if path.is_dir() else \
                parse_file(path, ox.NamedNode(ns.ENTITIES_GRAPH))
        except KgError:
            continue
    return quads


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
    """Read the ontology, the dataset (build/kg.trig with what was reviewed since, or the sources when there is no
    build) and lexicons."""
    from kg.build import assemble_ontology, reference_rows

    ontology = assemble_ontology(project)
    vocabulary = read_vocabulary(ontology)
    quads = _dataset_quads(project, dataset)
    ctx = Context(project, vocabulary, quads, undertakings=_undertakings(quads, vocabulary),
                  publisher_rule=_publisher_rule(project))
    reference = project.data / "reference" / "wikidata-ids.tsv"
    rows = reference_rows(reference) if reference.is_file() else []
    for language in languages():
        lex = load_lexicon(language, vocabulary)
        ctx.lexicons[language] = lex
        ctx.gazetteers[language] = build_gazetteer(quads, vocabulary, lex, rows)
    return ctx


def _shape_rule(ontology: list[ox.Quad], path: str) -> tuple[str, str] | None:
    """(sh:class, sh:message) of the shapes' property rule on ``path``: the build's own rule, in its words."""
    on_path = {q.subject for q in ontology if q.predicate.value == ns.SH + "path" and q.object.value == path}
    values = {(q.subject, q.predicate.value): q.object.value for q in ontology if q.subject in on_path
              # the English message (the French one, @fr, is the review page's)
              and not (isinstance(q.object, ox.Literal) and q.object.language not in (None, "en"))}
    for node in on_path:
        if (node, ns.SH + "class") in values:
            return values[(node, ns.SH + "class")], values.get((node, ns.SH + "message"), "")
    return None


def _publisher_rule(project: Project) -> tuple[str, str]:
    from kg.rdfio import parse_file

    shapes = parse_file(project.shapes) if project.shapes.is_file() else []
    return _shape_rule(shapes, ns.DCTERMS + "publisher") or Context.publisher_rule


def _iri(value: str, what: str, path: Path) -> str:
    """An absolute IRI as RDF allows it, else a clear error naming the option."""
    if re.fullmatch(r"[A-Za-z][A-Za-z0-9+.-]*:[^\s<>\"{}|\\^`]+", value):
        try:
            return ox.NamedNode(value).value
        except ValueError:
            pass
    raise KgError(Problem(f"{what} {value!r} is not a valid IRI (an absolute address without spaces, "
                          "e.g. https://example.org/page)", path), EXIT_SYNTAX)


@dataclass(frozen=True)
class Publisher:
    iri: str
    name: str | None = None  # given as a name ("Le Monde"): a new organisation to propose for review


def parse_publisher(value: str | None, path: Path) -> Publisher:
    """--publisher as organization:<slug>, <IRI>, a bare slug, or a name ("Le Monde") to propose as new."""
    if not value or not value.strip():
        raise KgError(Problem("the publisher is required: --publisher organization:<slug> (an entity in the graph) "
                              "or its name (\"Le Monde\") to propose a new one", path), EXIT_SYNTAX)
    value = value.strip()
    if value.startswith("<") or value.endswith(">") or "://" in value:
        return Publisher(_iri(value.removeprefix("<").removesuffix(">"), "--publisher", path))
    if re.fullmatch(r"[A-Za-z][\w.-]*:\S+", value):
        try:
            return Publisher(_iri(ns.expand(value), "--publisher", path))
        except ValueError as e:
            raise KgError(Problem(f"--publisher: {e}", path), EXIT_SYNTAX) from None
    slug = ns.slugify(value)[:60].rstrip("-")
    if not slug:
        raise KgError(Problem(f"--publisher {value!r}: give organization:<slug> or a name with letters", path),
                      EXIT_SYNTAX)
    return Publisher(ns.entity("organization", slug), None if slug == value else value)


def parse_url(value: str | None, path: Path) -> str | None:
    if value is None:
        return None
    if not re.match(r"https?://[^/\s]+", value):
        raise KgError(Problem(f"--url {value!r} is not an article's address: give the absolute http:// or https:// "
                              "address of the page", path), EXIT_SYNTAX)
    return _iri(value, "--url", path)


def check_issued(value: str | None, path: Path) -> tuple[dt.date | None, str]:
    """The publication date, refused now if the build would refuse it (the build's own reading of dates)."""
    from kg.validate import parse_date

    if not value:
        raise KgError(Problem("the publication date is required: --date YYYY-MM-DD (or YYYY-MM, YYYY)", path),
                      EXIT_SYNTAX)
    try:
        issued, datatype = parse_issued(value)
    except ValueError as e:
        message = str(e) if value in str(e) else f"--date {value}: {e}"
        raise KgError(Problem(message, path), EXIT_SYNTAX) from None
    first_day = parse_date(ox.Literal(value, datatype=ox.NamedNode(ns.XSD + datatype)))
    if first_day is None:
        raise KgError(Problem(f"--date {value}: dcterms:issued {value!r} is not a valid xsd:{datatype} "
                              "(the build would refuse it)", path), EXIT_SYNTAX)
    if first_day > dt.datetime.now(dt.timezone.utc).date():
        raise KgError(Problem(f"the publication date {value} is in the future", path), EXIT_SYNTAX)
    return issued, datatype


def check_options(path: Path, options: IngestOptions) -> None:
    """What can be refused before anything is loaded: the file, the date, the publisher and the address."""
    from kg.ingest.reader import check_file

    check_file(path)
    check_issued(options.issued, path)
    parse_publisher(options.publisher, path)
    parse_url(options.url, path)


def _publisher_problem(publisher: Publisher, ctx: Context) -> str | None:
    """Why the build would refuse this publisher (the shapes' rule), or None."""
    cls, message = ctx.publisher_rule
    types = {q.object.value for q in ctx.quads if q.subject.value == publisher.iri
             and q.predicate.value == ns.RDF + "type"}
    fits = any(cls in ctx.vocabulary.classes.get(t, {t}) for t in types)
    if fits or (not types and publisher.iri.startswith(ns.ID + "organization/")):
        return None
    what = ", ".join(sorted(ns.shorten(t) for t in types)) if types else "not an organisation of the graph"
    return (f"--publisher {ns.shorten(publisher.iri)} is {what}, not a {ns.shorten(cls)}: the build would refuse "
            f"the article ({message})")


def _publisher_claim(publisher: Publisher, text: str, language: str, ctx: Context,
                     candidates: list[Candidate]) -> Candidate | None:
    """A publisher given by name and new to the graph, proposed as an entity claim for the reviewer: once
    accepted, the article's dcterms:publisher names a typed, labelled organisation and the build takes it."""
    if publisher.name is None or publisher.iri in ctx.gazetteers[language].existing:
        return None
    if any(s == publisher.iri and p == ns.RDF + "type" for c in candidates for s, p, _ in c.triples):
        return None  # the text names it and the extractor proposed it already
    cls = ctx.vocabulary.cls("MediaOrganization") or ctx.publisher_rule[0]
    # its words: the name where the text gives it once, else the headline it published
    quote = publisher.name if publisher.name and len(occurrences(text, publisher.name)) == 1 else next(
        (line.strip() for line in text.splitlines() if line.strip()), "")
    if not quote or len(occurrences(text, quote)) != 1:  # placed as the build places it
        return None
    taken = {c.name for c in candidates}
    name = base = f"entity-organization-{publisher.iri.rsplit('/', 1)[-1]}"
    n = 2
    while name in taken:
        name, n = f"{base}-{n}", n + 1
    label = ox.Literal(publisher.name, language=language)
    return Candidate(name, "entity", [(publisher.iri, ns.RDF + "type", cls), (publisher.iri, ns.RDFS + "label", label)],
                     [quote], 1.0, "publisher/command-line",  # the user named it: as sure as the article's date
                     comments=[f"the article's publisher as given to kg ingest (--publisher {publisher.name!r}); "
                               "accept it to add this organisation to the graph"])


def _same_address(articles: Path, url: str | None) -> list[tuple[Path, int | None]]:
    """The article folders whose article.ttl gives this address (schema:url), with the line: the build's rule
    (validate.duplicate_articles) leaves out every article of an address two of them give."""
    from kg.errors import line_of
    from kg.rdfio import parse_file

    if url is None or not articles.is_dir():
        return []
    found = []
    for folder in sorted(p for p in articles.iterdir() if p.is_dir() and not p.name.startswith(".")):
        meta = folder / "article.ttl"
        try:
            quads = parse_file(meta) if meta.is_file() else []
        except KgError:
            continue  # a broken article.ttl is the build's to report
        if any(q.predicate.value == ns.SCHEMA + "url" and q.object.value == url for q in quads):
            found.append((folder, line_of(meta, url)))
    return found


def _evidenced(candidates: list[Candidate], text: str) -> tuple[list[Candidate], list[str]]:
    """The candidates whose every quoted span the build can place: in the text once (``provenance.occurrences``,
    as ``provenance.locate`` counts); the others dropped, each with a warning (the build would refuse the whole
    article for one quote it cannot find or place). A quote that occurs several times is left out of a claim that
    has other words to show; a claim with none left is dropped."""
    kept, warnings = [], []
    for c in candidates:
        counts = {e: len(occurrences(text, e)) if e else 0 for e in c.evidence}
        missing = next((e for e in c.evidence if not counts[e]), None)
        if missing is not None:
            warnings.append(f"claim {c.name} dropped: its words “{missing[:60]}” are not in the text "
                            f"(rule {c.rule})")
            continue
        several = [e for e in c.evidence if counts[e] > 1]
        if several and len(several) == len(c.evidence):
            warnings.append(f"claim {c.name} dropped: its words “{several[0][:60]}” occur "
                            f"{counts[several[0]]} times in the text (rule {c.rule})")
            continue
        if several:
            c.evidence = [e for e in c.evidence if e not in several]
            warnings.append(f"claim {c.name}: words that occur several times in the text left out of its evidence: "
                            + ", ".join(f"“{e[:40]}”" for e in several))
        kept.append(c)
    return kept, warnings


def ingest(path: Path, options: IngestOptions, project: Project, ctx: Context | None = None) -> IngestResult:
    """Read, extract and write one article. On any error nothing under data/ has changed."""
    check_options(path, options)
    ctx = ctx or load_context(project)
    text, stored = read_article(path, options.html, options.encoding)
    detected = detect_language(text, ctx.lexicons)
    if options.lang and detected and detected != options.lang:
        raise KgError(Problem(f"--lang {options.lang}, but the text reads as {detected!r} (the {detected} lexicon's "
                              f"common words outnumber the {options.lang} one's): give --lang {detected}, or leave "
                              "--lang out", path), EXIT_SYNTAX)
    language = options.lang or detected
    if language is None:
        raise KgError(Problem("cannot tell the article's language (kg ingest reads "
                              f"{', '.join(sorted(ctx.lexicons))}): give it with --lang", path), EXIT_SYNTAX)
    if language not in ctx.lexicons:
        raise KgError(Problem(f"no lexicon for language {language!r} (known: {', '.join(sorted(ctx.lexicons))})",
                              path), EXIT_SYNTAX)
    issued, datatype = check_issued(options.issued, path)
    title = options.title or next((line.strip() for line in text.splitlines() if line.strip()), "")[:200]
    article_id = options.article_id or ns.slugify(title)[:60].rstrip("-") or ns.slugify(path.stem)
    try:
        ns.document(article_id) and ns.entity("source", article_id)
    except ValueError as e:
        raise KgError(Problem(f"--id: {e}", path), EXIT_SYNTAX) from None
    publisher = parse_publisher(options.publisher, path)
    if problem := _publisher_problem(publisher, ctx):
        raise KgError(Problem(problem, path), EXIT_SYNTAX)
    url = parse_url(options.url, path)
    articles = options.articles_dir or project.data / "articles"
    recovered = recover(articles)  # what a killed ingest left is finished first (this one may be --force)
    for other, line in _same_address(articles, url):
        if other.name != article_id:
            raise KgError(Problem(f"--url {url} is the address of the article {other.name} already "
                                  f"({other / 'article.ttl'}:{line}): two articles with one address are both left "
                                  f"out of the build; to replace it, kg ingest --force --id {other.name}", path),
                          EXIT_SYNTAX)
    warnings = recovered + list(ctx.vocabulary.notes) + list(ctx.lexicons[language].notes)
    meta = Metadata(article_id, title, language, publisher.iri, options.issued, datatype, url)
    extractor = ctx.extractor(language)
    article = Article(article_id, text, language, issued, int(options.issued[:4]),
                      int(options.issued[5:7]) if len(options.issued) >= 7 else None)
    candidates = extractor.extract(article)
    warnings += getattr(extractor, "warnings", [])
    candidates, lost = _evidenced(candidates, text)
    warnings += lost
    if proposed := _publisher_claim(publisher, text, language, ctx, candidates):
        candidates.append(proposed)
    elif publisher.iri not in ctx.gazetteers[language].existing:
        warnings.append(f"the publisher {ns.shorten(publisher.iri)} is not an entity of the graph yet: add it to "
                        "data/entities/organization.ttl")
    started = options.now or dt.datetime.now(dt.timezone.utc).replace(microsecond=0).isoformat().replace(
        "+00:00", "Z")
    folder = articles / article_id
    write_article(folder, meta, stored, candidates, software_version(), extractor.used, started, options.force,
                  lock=lambda: article_lock(project, folder))  # a review write on this article is finished first
    return IngestResult(folder, language, candidates, warnings)
