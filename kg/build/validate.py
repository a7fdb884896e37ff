"""Validate a dataset: SHACL shapes, and checks written as SPARQL queries that must return nothing.

- ``ontology/shapes.ttl``: the shape of each kind of thing (pyshacl, over all graphs merged);
- ``queries/checks/*.rq``: integrity across graphs, among them provenance (every claim's
  ``oa:exact`` is the text at ``[start:end]``) and terms (every term used is declared and
  labelled in French and English). Each check's first comment line says what it guards.
"""

from __future__ import annotations

import difflib
import hashlib
import os
import re
import sys
from collections.abc import Collection, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

import pyoxigraph as ox

from kg import namespaces as ns
from kg.build.assemble import (
    ArticleCache,
    CachedArticle,
    Dataset,
    apply_merges,
    article_folders,
    assemble_shared,
    described_in,
    iri_line,
    iris_in,
    known_entities,
    merges_path,
    read_merges,
)
from kg.build.cache import VerdictCache, digest, files_digest, read_sealed, write_sealed
from kg.errors import EXIT_INVALID, EXIT_SYNTAX, KgError, Problem, line_of
from kg.literals import ill_typed
from kg.project import Project
from kg.rdfio import parse_file


@dataclass(frozen=True)
class Check:
    name: str
    description: str
    query: str
    path: Path


def load_checks(folder: Path) -> list[Check]:
    checks = []
    for path in sorted(folder.glob("*.rq")):
        text = path.read_text(encoding="utf-8")
        first = next((line for line in text.splitlines() if line.startswith("#")), "# (no description)")
        checks.append(Check(path.stem, first.lstrip("# ").strip(), text, path))
    return checks


def ontology_only(check: Check) -> bool:
    """Whether a check reads the ontology's graph only: its WHERE clause is one ``GRAPH <ontology> { … }`` block, with
    no other GRAPH and no SERVICE in the query. An article brings nothing into that graph, so such a check finds
    the same with every article: the build runs it once, on the ontology (``CorpusValidator.rest``). Conservative:
    anything else (a WHERE without the keyword, a second GRAPH even in a string) runs with every article."""
    text = "\n".join(line for line in check.query.splitlines() if not line.lstrip().startswith("#"))
    m = re.search(r"\bWHERE\s*\{\s*GRAPH\s*<" + re.escape(ns.ONTOLOGY_GRAPH) + r">\s*\{", text, re.IGNORECASE)
    words = re.sub(r"<[^<>\s]*>", "<>", text)  # keywords outside IRIs (an IRI of a graph says /graph/)
    if m is None or len(re.findall(r"\bGRAPH\b", words, re.IGNORECASE)) != 1 \
            or re.search(r"\bSERVICE\b", words, re.IGNORECASE):
        return False
    depth, at = 1, m.end()
    while at < len(text) and depth:
        depth += {"{": 1, "}": -1}.get(text[at], 0)
        at += 1
    after = text[at:].lstrip()  # the WHERE clause's own closing brace, then solution modifiers only
    return depth == 0 and after.startswith("}") and "{" not in after[1:] and "}" not in after[1:]


def store_of(quads: list[ox.Quad]) -> ox.Store:
    store = ox.Store()
    store.extend(quads)
    return store


def run_checks(store: ox.Store, checks: list[Check], ds: Dataset | None = None,
               declared: list[str] | None = None) -> list[Problem]:
    """The rows of each check, as problems at file and line. ``declared``: the ontology's terms, for the hints (default:
    those the store's ontology graph holds)."""
    problems = []
    declared = _declared_terms(store) if declared is None else declared
    for check in checks:
        result = store.query(check.query)
        variables = [v.value for v in result.variables]
        for row in result:
            values = {v: row[v] for v in variables if row[v] is not None}
            shown = ", ".join(f"{v}={_show(t)}" for v, t in values.items())
            path, line = _locate(values, ds)
            hint = _did_you_mean(values, declared)
            problems.append(Problem(f"check {check.name} ({check.description}): {shown}{hint}", path, line))
    return problems


def _declared_terms(store: ox.Store) -> list[str]:
    graph = ox.NamedNode(ns.ONTOLOGY_GRAPH)
    return sorted({q.subject.value for q in store.quads_for_pattern(None, None, None, graph)
                   if isinstance(q.subject, ox.NamedNode)})


def _did_you_mean(values: dict, declared: list[str]) -> str:
    """For an IRI of a vocabulary of the project that is not declared, the nearest declared names."""
    for term in values.values():
        if isinstance(term, ox.NamedNode) and term.value.startswith(ns.BASE) and term.value not in declared:
            close = difflib.get_close_matches(term.value, declared, n=2, cutoff=0.85)
            if close:
                return " (did you mean " + " or ".join(ns.shorten(c) for c in close) + "?)"
    return ""


def _show(term: ox.NamedNode | ox.Literal | ox.BlankNode) -> str:
    if isinstance(term, ox.NamedNode):
        return ns.shorten(term.value)
    if isinstance(term, ox.Literal):
        value = term.value if len(term.value) <= 80 else term.value[:77] + "..."
        return repr(value)
    return str(term)


def _locate(values: dict, ds: Dataset | None) -> tuple[Path | None, int | None]:
    """Point at the input file and line of a failing row: the file with a quad that holds most of the row's
    terms (a blank node belongs to one file only), else the first file that uses one of its IRIs."""
    if ds is None:
        return None, None
    terms = {t for t in values.values() if isinstance(t, (ox.NamedNode, ox.BlankNode))}
    best, score = None, 0
    for path, quads in ds.origins:
        for q in quads:
            found = [t for t in (q.subject, q.graph_name, q.predicate, q.object) if t in terms]
            if len(found) > score:
                best, score = (path, found), len(found)
    if best:
        path, found = best
        iris = [t.value for t in found if isinstance(t, ox.NamedNode)]
        return path, next((line for iri in iris if (line := iri_line(path, iri))), None)
    for term in values.values():
        if isinstance(term, ox.NamedNode) and (found := ds.where(term.value)):
            return found
    return None, None


def located_shacl(ds: Dataset, shapes: Path) -> list[Problem]:
    """SHACL's findings, each at the file (and line) that states the focus node's failing property."""
    results = shacl_results(ds.quads, shapes)
    problems = []
    for r in results:
        where: tuple[Path | None, int | None] = (None, None)
        is_iri = r.focus.startswith(("http:", "https:", "urn:"))
        # the file stating the failing property, else one stating anything of the focus (a missing property)
        for wanted in (r.path, None):
            found = next((path for path, quads in ds.origins
                          if any(q.subject.value == r.focus and wanted in (None, q.predicate.value) for q in quads)),
                         None)
            if found:
                where = (found, (iri_line(found, r.focus) if is_iri else None) or
                         (iri_line(found, wanted) if wanted else None))
                break
        message = r.problem().message
        if not r.focus.startswith(("http:", "https:", "urn:")):
            message = message.replace(f"<{r.focus}>", f"a blank node (_:{r.focus})", 1)
        problems.append(Problem(message, *where))
    return problems


def load_shapes(shapes: Path):
    """The shapes as an rdflib graph (what the SHACL engines take), read by pyoxigraph: a syntax error is
    reported with its line and column, and reading is ten times faster than rdflib's Turtle parser."""
    import rdflib

    graph = rdflib.Graph()
    for q in parse_file(shapes):
        graph.add((_rdflib_term(q.subject), _rdflib_term(q.predicate), _rdflib_term(q.object)))
    return graph


@dataclass(frozen=True)
class ShaclResult:
    shape: str  # the node shape, named even when a property shape of it failed
    focus: str
    path: str | None
    message: str

    def problem(self) -> Problem:
        on = ns.shorten(self.focus) + (f" {ns.shorten(self.path)}" if self.path else "")
        return Problem(f"shape {ns.shorten(self.shape)}: {on}: {self.message}")


def shacl_engine():
    """The SHACL validator: pyshacl-turbo (pySHACL's API and reports, run in Rust, about five times faster here)
    where it is installed, else pyshacl. Both give the same results on the shapes' examples (tests/test_validate)."""
    try:
        import pyshacl_turbo as engine
    except ImportError:
        import pyshacl as engine
    return engine


def shacl_engine_version() -> str:
    """Which validator and which version: part of every cached verdict's key."""
    import importlib.util
    from importlib.metadata import PackageNotFoundError, version

    for name in ("pyshacl-turbo", "pyshacl"):  # in shacl_engine's order, read without importing them (slow)
        if importlib.util.find_spec(name.replace("-", "_")) is not None:
            try:
                return f"{name} {version(name)}"
            except PackageNotFoundError:
                return name
    return "none"


# The code that decides a verdict: a change to any of these modules makes every cached verdict stale.
VALIDATOR_MODULES = ("kg.build.validate", "kg.build.assemble", "kg.build.cache", "kg.literals", "kg.namespaces",
                     "kg.errors", "kg.provenance")


def validator_code() -> str:
    """The digest of the validator's own code (VALIDATOR_MODULES' source files) and of the SHACL engine."""
    import importlib

    files = [Path(importlib.import_module(name).__file__).read_bytes() for name in VALIDATOR_MODULES]
    return digest("validator", shacl_engine_version(), *files)


def shacl_results(quads: list[ox.Quad], shapes) -> list[ShaclResult]:
    """SHACL over all graphs merged (the ontology included, so subclasses reach their shapes).
    ``shapes``: the shapes file, or its graph already loaded (to reuse it across articles)."""
    from rdflib import RDF, URIRef
    from rdflib.namespace import SH

    shapes_graph = load_shapes(shapes) if isinstance(shapes, Path) else shapes
    report, shapes_graph = _shacl_report(quads, shapes_graph)
    results = []
    for result in report.subjects(RDF.type, SH.ValidationResult):
        shape = report.value(result, SH.sourceShape)
        if not isinstance(shape, URIRef):
            shape = shapes_graph.value(predicate=SH.property, object=shape) or shape
        path = report.value(result, SH.resultPath)
        results.append(ShaclResult(str(shape), str(report.value(result, SH.focusNode)),
                                   str(path) if isinstance(path, URIRef) else None,
                                   str(_english(report.objects(result, SH.resultMessage)))))
    return sorted(set(results), key=lambda r: (r.shape, r.focus, r.path or "", r.message))


def _english(messages) -> object:
    """The build's words: of a shape's sh:message in several languages (English untagged, French @fr for the review
    page), the English one; None when the shape gives none (as before)."""
    messages = sorted(messages)
    english = [m for m in messages if getattr(m, "language", None) in (None, "en")]
    return (english or messages or [None])[0]


_COMPILED: dict[int, tuple[object, object]] = {}  # id(shapes graph) → (the graph, its compiled shapes)


def _shacl_report(quads: list[ox.Quad], shapes_graph):
    """The validation report graph, and the shapes graph its blank nodes belong to."""
    engine = shacl_engine()
    if engine.__name__ == "pyshacl_turbo":
        # the shapes compiled once per shapes graph; the data handed over as N-Triples (no rdflib graph to build)
        if id(shapes_graph) not in _COMPILED:
            _COMPILED[id(shapes_graph)] = (shapes_graph, engine.CompiledShapes(shapes_graph))
        compiled = _COMPILED[id(shapes_graph)][1]
        from pyshacl_turbo.rdf import Input

        triples = ox.serialize([ox.Triple(q.subject, q.predicate, q.object) for q in quads],
                               format=ox.RdfFormat.N_TRIPLES)
        _conforms, report, _ = compiled.validate(Input(triples.decode("utf-8"), "nt", None, {}, {},
                                                       preserve_ids=True), inference="none")
        return report, compiled.graph
    import rdflib

    data = rdflib.Graph()
    for q in quads:  # term by term: a third faster than writing N-Triples and parsing them again
        data.add((_rdflib_term(q.subject), _rdflib_term(q.predicate), _rdflib_term(q.object)))
    _conforms, report, _ = engine.validate(data, shacl_graph=shapes_graph, inference="none")
    return report, shapes_graph


def _rdflib_term(term: ox.NamedNode | ox.BlankNode | ox.Literal):
    import rdflib

    if isinstance(term, ox.NamedNode):
        return rdflib.URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return rdflib.BNode(term.value)
    if term.language:
        return rdflib.Literal(term.value, lang=term.language)
    return rdflib.Literal(term.value, datatype=rdflib.URIRef(term.datatype.value))


def run_shacl(quads: list[ox.Quad], shapes: Path) -> list[Problem]:
    return [r.problem() for r in shacl_results(quads, shapes)]


def validate(ds: Dataset, project: Project) -> list[Problem]:
    """Every problem found, checks first (they point at files), then SHACL."""
    if bad_values := ill_typed(ds.origins):
        return bad_values  # SHACL cannot compare them (pyshacl raises): these first
    store = store_of(ds.quads)
    problems = run_checks(store, load_checks(project.checks), ds)
    problems += located_shacl(ds, project.shapes)
    return problems


def validate_file(path: Path, project: Project) -> list[Problem]:
    """Validate a built dataset file (TriG, N-Quads, JSON-LD) rather than the sources."""
    ds = Dataset()
    ds.add(parse_file(path), path)
    return validate(ds, project)


# ---------------------------------------------------------------------------------------------
# Per article: each article is validated on its own, with the ontology and the entities it uses,
# so that a broken article can be left out (quarantined) and an unchanged one is not validated again.
# ---------------------------------------------------------------------------------------------

ISSUED = ns.DCTERMS + "issued"
LANGUAGE = ns.DCTERMS + "language"
BUILT_BY_THE_BUILD = {ns.CD + "text"}  # required by the shapes, but added by the build from the .txt file
DATE_TYPES = {ns.XSD + "date": "%Y-%m-%d", ns.XSD + "gYearMonth": "%Y-%m", ns.XSD + "gYear": "%Y"}


def _iri(term: object) -> str | None:
    return term.value if isinstance(term, ox.NamedNode) else None


def _subclasses(ontology: list[ox.Quad], cls: str) -> set[str]:
    """A class and its superclasses (a shape on a superclass applies to it)."""
    parents: dict[str, set[str]] = {}
    for q in ontology:
        if q.predicate.value == ns.RDFS + "subClassOf" and isinstance(q.object, ox.NamedNode):
            parents.setdefault(q.subject.value, set()).add(q.object.value)
    found, todo = {cls}, [cls]
    while todo:
        for parent in parents.get(todo.pop(), ()):
            if parent not in found:
                found.add(parent)
                todo.append(parent)
    return found


@dataclass(frozen=True)
class MetadataRules:
    """What an article's metadata must have, read from the shapes (and the ontology for languages)."""

    article_class: str
    required: tuple[str, ...]
    languages: tuple[str, ...]

    @classmethod
    def read(cls, shapes: list[ox.Quad], ontology: list[ox.Quad]) -> MetadataRules:
        article_class = ns.CD + "NewsArticle"
        targets = _subclasses(ontology, article_class)
        by_subject: dict[str, list[ox.Quad]] = {}
        for q in shapes:
            by_subject.setdefault(str(q.subject), []).append(q)
        shapes_of_article = [str(q.subject) for q in shapes
                             if q.predicate.value == ns.SH + "targetClass" and _iri(q.object) in targets]
        required, languages = set(), set()
        for shape in shapes_of_article:
            for prop in (str(q.object) for q in by_subject.get(shape, []) if q.predicate.value == ns.SH + "property"):
                values = {q.predicate.value: q.object for q in by_subject.get(prop, [])}
                path = _iri(values.get(ns.SH + "path"))
                if path is None:
                    continue
                min_count = values.get(ns.SH + "minCount")
                if isinstance(min_count, ox.Literal) and int(min_count.value) >= 1 and path not in BUILT_BY_THE_BUILD:
                    required.add(path)
                if path == LANGUAGE and ns.SH + "in" in values:
                    languages |= {t.value for t in _rdf_list(by_subject, values[ns.SH + "in"])}
        if not languages:  # no list in the shapes: the languages the ontology itself is written in
            languages = {q.object.language for q in ontology
                         if q.predicate.value == ns.RDFS + "label" and isinstance(q.object, ox.Literal)
                         and q.object.language}
        return cls(article_class, tuple(sorted(required)), tuple(sorted(languages)))


def _rdf_list(by_subject: dict[str, list[ox.Quad]], head: object) -> list[ox.NamedNode | ox.Literal]:
    items = []
    while isinstance(head, ox.BlankNode | ox.NamedNode) and _iri(head) != ns.RDF + "nil":
        values = {q.predicate.value: q.object for q in by_subject.get(str(head), [])}
        if ns.RDF + "first" not in values:
            break
        items.append(values[ns.RDF + "first"])
        head = values.get(ns.RDF + "rest")
    return items


def parse_date(literal: ox.Literal) -> date | None:
    """The first day of an xsd:date, xsd:gYearMonth or xsd:gYear; None if it is not a valid one."""
    form = DATE_TYPES.get(literal.datatype.value)
    if form is None:
        return None
    try:
        return datetime.strptime(literal.value, form).date()
    except ValueError:
        return None


def metadata_problems(folder: Path, rules: MetadataRules, today: date,
                      quads: list[ox.Quad] | None = None) -> list[Problem]:
    """The article's own metadata (article.ttl, or its ``quads`` already read): required terms, a real date not
    in the future, a known language."""
    path = folder / "article.ttl"
    doc = ns.document(folder.name)
    try:
        quads = parse_file(path) if quads is None else quads
    except KgError:
        return []  # the assembly says so once: the missing file, or the syntax error with its position
    about = [q for q in quads if q.subject.value == doc]
    if not any(q.predicate.value == ns.RDF + "type" for q in about):
        return []  # not this folder's article: the assembly says so once, not once per required term
    name = ns.shorten(doc)

    def line() -> int | None:  # looked up only for a problem: reading the file for each article costs
        return line_of(path, name.split(":", 1)[1])

    problems = []
    present = {q.predicate.value for q in about}
    for needed in rules.required:
        if needed not in present:
            problems.append(Problem(f"article {name}: no {ns.shorten(needed)} (the shapes require it)", path, line()))
    for q in about:

        def where(q: ox.Quad = q) -> int | None:
            return line_of(path, ns.shorten(q.predicate.value)) or line()

        if q.predicate.value == ISSUED:
            if not isinstance(q.object, ox.Literal) or q.object.datatype.value not in DATE_TYPES:
                problems.append(Problem(f"article {name}: dcterms:issued must be an xsd:date (or xsd:gYearMonth, "
                                        f"xsd:gYear where the day is not known), not {q.object}", path, where()))
            elif (issued := parse_date(q.object)) is None:
                problems.append(Problem(f"article {name}: dcterms:issued {q.object.value!r} is not a valid "
                                        f"{ns.shorten(q.object.datatype.value)}", path, where()))
            elif issued > today:
                problems.append(Problem(f"article {name}: dcterms:issued {q.object.value} is in the future "
                                        f"(today is {today.isoformat()})", path, where()))
        elif q.predicate.value == LANGUAGE:
            lang = q.object.value if isinstance(q.object, ox.Literal) else None
            if lang not in rules.languages:
                problems.append(Problem(f"article {name}: unknown language {q.object} (known: "
                                        f"{', '.join(rules.languages)})", path, where()))
            elif not (folder / f"{folder.name}.{lang}.txt").is_file():
                problems.append(Problem(f"article {name}: its language is {lang!r} but its text is not "
                                        f"{folder.name}.{lang}.txt", path, where()))
    if sum(q.predicate.value == ISSUED for q in about) > 1:
        problems.append(Problem(f"article {name}: more than one dcterms:issued", path, line()))
    return problems


def duplicate_articles(metadata: dict[Path, list[ox.Quad]]) -> dict[Path, list[Problem]]:
    """Two article folders that describe the same article (the same identifier or the same address)."""
    claims: dict[tuple[str, str], list[Path]] = {}
    for folder, quads in metadata.items():
        for q in quads:
            if q.predicate.value == ns.RDF + "type" and isinstance(q.subject, ox.NamedNode) \
                    and q.subject.value.startswith(ns.DOC):
                claims.setdefault(("identifier", q.subject.value), []).append(folder)
            elif q.predicate.value == ns.SCHEMA + "url" and isinstance(q.object, ox.NamedNode):
                claims.setdefault(("address", q.object.value), []).append(folder)
    problems: dict[Path, list[Problem]] = {}
    for (what, value), folders in sorted(claims.items()):
        folders = sorted(set(folders))
        if len(folders) < 2:
            continue
        shown = ns.shorten(value) if what == "identifier" else value
        for folder in folders:
            others = ", ".join(str(f / "article.ttl") for f in folders if f != folder)
            path = folder / "article.ttl"
            problems.setdefault(folder, []).append(Problem(
                f"two articles with the same {what} {shown}: this one and {others} (keep one)",
                path, line_of(path, value) or line_of(path, shown.split(":", 1)[-1])))
    return problems


def _digests_by_key(table: dict[str, list[ox.Quad]]) -> dict[str, bytes]:
    """The SHA-256 of each entry's quads as N-Quads, all written in one call (an N-Quads line is a quad)."""
    lines = ox.serialize([q for quads in table.values() for q in quads], format=ox.RdfFormat.N_QUADS).split(b"\n")
    found, at = {}, 0
    for key, quads in table.items():
        found[key] = hashlib.sha256(b"\n".join(lines[at:at + len(quads)])).digest()
        at += len(quads)
    return found


def _nquads(quads: list[ox.Quad]) -> bytes:
    """For a cache key: the quads as they come (reading the same files gives them in the same order)."""
    return ox.serialize(quads, format=ox.RdfFormat.N_QUADS)


class CorpusValidator:
    """Shapes and checks on one article at a time, with the ontology and the entities it uses.

    A problem is the article's when it is located in one of the article's files (or nowhere);
    a problem located in a shared file (an entity file) is the shared file's, and fails any build.
    """

    def __init__(self, project: Project, shared: Dataset, documents: list[ox.Quad] = ()) -> None:
        self.project = project
        self.shared = shared
        self.ontology: list[ox.Quad] = []
        self.entities: dict[str, list[ox.Quad]] = {}
        # what an entity names (cd:firstMetIn an article, say) needs its type, labels and where it was first
        # met (the checks that every typed entity is labelled and was met somewhere), nothing more
        self.names: dict[str, list[ox.Quad]] = {}
        keep = {ns.RDF + "type", ns.RDFS + "label", ns.CD + "firstMetIn"}
        # one pass over the shared quads, the graphs' names made once (this runs in every build, over every entity)
        ontology, entities, doc = ox.NamedNode(ns.ONTOLOGY_GRAPH), ox.NamedNode(ns.ENTITIES_GRAPH), ns.DOC
        for q in shared.quads:
            graph, subject = q.graph_name, q.subject
            named = isinstance(subject, ox.NamedNode)
            if graph == entities:
                self.entities.setdefault(subject.value if named else str(subject), []).append(q)
                if named and q.predicate.value in keep:
                    self.names.setdefault(subject.value, []).append(q)
                continue
            if graph == ontology:
                self.ontology.append(q)
            if named and q.predicate.value in keep and subject.value.startswith(doc):
                self.names.setdefault(subject.value, []).append(q)
        for q in documents:
            if isinstance(q.subject, ox.NamedNode) and q.predicate.value in keep and (
                    q.graph_name == entities or q.subject.value.startswith(doc)):
                self.names.setdefault(q.subject.value, []).append(q)
        self.checks = load_checks(project.checks)
        # with each article: the checks whose findings can depend on it (the others run once, in ``rest``)
        self.article_checks = [check for check in self.checks if not ontology_only(check)]
        self._declared: list[str] | None = None  # the ontology's terms, for the checks' hints (did you mean…)
        self._shapes = None
        self._shared_ill_typed: list[Problem] | None = None
        inputs = [p for p in project.ontology.glob("*.ttl")] + [c.path for c in self.checks]
        # everything that decides a verdict: the ontology, the shapes, the checks, the validator's own code
        self.key = digest("validation", files_digest(inputs, project.root), validator_code())
        self.cache = VerdictCache(project.build / "cache" / "validation", project.root)
        self.validated = 0  # how many verdicts were computed rather than read from the cache
        # what the articles' claims say of each thing (subject → article → quads): an article may use a thing
        # another article describes (a tenure, an event) by its IRI alone (see know_articles)
        # (the digest of what it says, the IRIs that names, the article)
        self.described: dict[str, dict[str, tuple[str, frozenset[str], Dataset]]] = {}
        self._iris_of: dict[str, frozenset[str]] = {}  # what each entity's description names
        # each entity's description, each thing's names: their digests, worked out at once (see context_key)
        self._entity_digests: dict[str, bytes | tuple[bytes]] | None = None
        self._name_digests: dict[str, bytes] | None = None
        self._keys: KeyMemo | None = None  # the last build's context keys (see context_key)
        self._depends: set[str] | None = None  # the things the context key being made depends on

    def know_articles(self, articles: list[Dataset]) -> None:
        """Let each article be validated with what the other articles' claims say of the things it names but
        does not describe itself: re-using a tenure or an event already in the graph needs its IRI only.
        Read from each article's summary (a digest per thing described): an unchanged article is not parsed."""
        for article in articles:
            found = article.summary["described"] if article.summary is not None else {
                iri: [digest(_nquads(qs)), sorted(_iris_in(qs))] for iri, qs in described_in(article.quads).items()}
            for iri, (key, named) in found.items():
                self.described.setdefault(iri, {})[article.name] = (key, frozenset(named), article)

    @property
    def shapes(self):
        if self._shapes is None:
            self._shapes = load_shapes(self.project.shapes)
        return self._shapes

    def context_of(self, quads: list[ox.Quad], used: set[str] | None = None, name: str | None = None,
                   typed: set[str] | None = None) -> list[ox.Quad]:
        """The entities some quads use: their descriptions, and the type and labels of what those name.
        ``used``: the IRIs the quads name, when already known. ``name``: the article the quads are, whose
        untyped uses of a thing another article describes bring that description (see know_articles).
        ``typed``: the subjects the quads type, when already known."""
        entities, elsewhere, named = self._context(quads, used, name, typed)
        keep = {ns.RDF + "type", ns.RDFS + "label", ns.SKOS + "altLabel", ns.CD + "firstMetIn"}
        return ([q for iri in entities for q in self.entities[iri]]
                + [q for iri, other, _, whole in elsewhere for q in self._described(iri, other)
                   if whole or q.predicate.value in keep]
                + [q for iri in named for q in self.names.get(iri, [])])

    def _described(self, iri: str, other: str) -> list[ox.Quad]:
        """What article ``other`` says of a thing, as the build puts it in graph:entities: a thing it types that
        data/entities/ does not describe was first met there (``assemble._add_new_entities``), so an article that
        names it by its IRI alone (a person `kg ingest` found in the graph) sees where it was first met, and that
        article's names."""
        quads = described_in(self.described[iri][other][2].quads)[iri]
        if iri not in self.entities and any(q.predicate.value == ns.RDF + "type" for q in quads):
            doc = ns.document(other)
            quads = [*quads, ox.Quad(ox.NamedNode(iri), ox.NamedNode(ns.CD + "firstMetIn"), ox.NamedNode(doc),
                                     ox.NamedNode(ns.ENTITIES_GRAPH)), *self.names.get(doc, [])]
        return quads

    def _context(self, quads: list[ox.Quad] | None, used: set[str] | None, name: str | None,
                 typed: set[str] | None) -> tuple[list[str], list[tuple[str, str, str, bool]], list[str]]:
        """What ``context_of`` is made of, without the quads: the entities described (their IRIs, sorted), what other
        articles describe (IRI, article, digest, whether the whole description or its names only) and the things
        whose type and labels are added (IRIs, sorted)."""
        used = _iris_in(quads) if used is None else used
        elsewhere: list[tuple[str, str, str, bool]] = []
        if name is not None and self.described:
            if typed is None:
                typed = {q.subject.value for q in quads if q.predicate.value == ns.RDF + "type"}
            elsewhere, more = self._elsewhere(used, typed, name)
            used = used | more
        entities = [iri for iri in sorted(used) if iri in self.entities]
        names = set(used)  # with what the other articles' whole descriptions name (see _elsewhere)
        for iri in entities:
            names |= self._entity_iris(iri)
        # a named thing comes with where it was first met (cd:firstMetIn): that article's names come too (an office's
        # state, first met in another article than the office, named only through the office)
        met = ns.CD + "firstMetIn"
        names |= {q.object.value for iri in list(names) for q in self.names.get(iri, ()) if q.predicate.value == met}
        names -= set(entities)
        return entities, elsewhere, sorted(names)

    def _elsewhere(self, used: Iterable[str], typed: Collection[str], name: str
                   ) -> tuple[list[tuple[str, str, str, bool]], set[str]]:
        """What other articles say of the things an article uses (``context_of`` and ``context_key`` both read it):
        (IRI, article, digest of what it says, whether its whole description or its type and names only), and the
        things those whole descriptions name (a tenure's holder and office), which the context describes too.

        A thing the article types itself is its own, but may leave its name to the article that declared it (kg ingest
        joining a known agreement's status history): that article's type and names come. So do those of what the
        whole descriptions name that only other articles describe (the meeting a known tenure was attested at)."""
        found: list[tuple[str, str, str, bool]] = []
        more: set[str] = set()
        own: set[str] | None = None  # made only for an article that uses something another article describes
        for iri in sorted(used):
            if iri not in self.described:
                continue
            own = set(typed) if own is None else own
            whole = iri not in own
            if whole or iri not in self.entities:
                said = self._said_elsewhere(iri, name, whole)
                found += said
                if whole:
                    for _, other, _, _ in said:
                        more |= self.described[iri][other][1]
        seen = {iri for iri, _, _, _ in found}
        for iri in sorted(more - seen):
            if iri not in self.entities:
                found += self._said_elsewhere(iri, name, False)
        return found, more

    def _said_elsewhere(self, iri: str, name: str, whole: bool) -> list[tuple[str, str, str, bool]]:
        return [(iri, other, key, whole) for other, (key, _, _) in sorted(
            self.described.get(iri, {}).items(), key=lambda kv: kv[0]) if other != name]

    def _entity_iris(self, iri: str) -> frozenset[str]:
        if (found := self._iris_of.get(iri)) is None:
            found = self._iris_of[iri] = frozenset(_iris_in(self.entities[iri]))
        return found

    def context_key(self, article: Dataset) -> str:
        """A digest that decides an article's context (what ``context_of`` gives it; the article's own IRIs are
        decided by its key), from digests kept per thing: each entity's description with the names of what it
        names, each other thing's names, what other articles say of what it uses (their summaries' digests).
        Nothing is parsed, and little is done per article (this runs for every article of every build).

        The last build's key is taken again when the article's key is the same and no thing it depended on
        changed (see ``KeyMemo``): a new entity re-keys only the articles that name it."""
        memo = self._memo()
        if article.name is not None and article.key is not None:
            if (kept := memo.kept(article.name, article.key)) is not None:
                return kept
            self._depends = set()
            key = self._context_key(article)
            memo.remember(article.name, article.key, key, self._depends)
            self._depends = None
            return key
        return self._context_key(article)

    def _memo(self) -> KeyMemo:
        if self._keys is None:
            if self._entity_digests is None:
                self._entity_digests = _digests_by_key(self.entities)
            if self._name_digests is None:
                self._name_digests = _digests_by_key(self.names)
            described = {iri: hashlib.sha256("\0".join(f"{other}\0{key}" for other, (key, _, _) in sorted(
                by.items(), key=lambda kv: kv[0])).encode("utf-8")).digest() for iri, by in self.described.items()}
            self._keys = KeyMemo(self.project.build / "cache" / KeyMemo.FILE, self.key,
                                 {"entities": dict(self._entity_digests), "names": self._name_digests,
                                  "described": described})
        return self._keys

    def save_keys(self) -> None:
        """Keep this build's context keys and the digests they were made from, for the next build."""
        if self._keys is not None:
            self._keys.save()

    def _context_key(self, article: Dataset) -> str:
        summary = article.summary
        if summary is not None:
            typed, used = summary["typed_all"], summary["iris"]  # both sorted
        else:
            typed = sorted({q.subject.value for q in article.quads if q.predicate.value == ns.RDF + "type"})
            used = sorted(article.iris if article.iris is not None else _iris_in(article.quads))
        parts: list[bytes | str] = []
        if article.name is not None and self.described:
            elsewhere, more = self._elsewhere(used, typed, article.name)
            parts += [f"{iri}\0{other}\0{key}\0{whole}" for iri, other, key, whole in elsewhere]
            if more - set(used):
                used = sorted(set(used) | more)
        if self._name_digests is None:
            self._name_digests = _digests_by_key(self.names)
        names, entities = self._name_digests, self.entities
        parts += [self._entity_digest(iri) if iri in entities else names.get(iri, b"") for iri in used]
        if self._depends is not None:  # what this key was made from: the things used, and what those entities name
            self._depends.update(used)
            for iri in used:
                if iri in entities:
                    self._depends.update(self._entity_iris(iri))
        return digest("context", *parts)

    def _entity_digest(self, iri: str) -> bytes:
        if self._entity_digests is None:
            self._entity_digests = _digests_by_key(self.entities)
        if self._name_digests is None:
            self._name_digests = _digests_by_key(self.names)
        found = self._entity_digests[iri]
        if not isinstance(found, tuple):  # not yet with the names of what it names
            names = self._name_digests
            found = self._entity_digests[iri] = (hashlib.sha256(found + b"".join(
                names.get(named, b"") for named in sorted(self._entity_iris(iri)))).digest(),)
        return found[0]

    def article(self, article: Dataset) -> list[Problem]:
        """Shape and check problems of one assembled article (from the cache when its inputs are unchanged)."""
        return self.articles([article])[0]

    def articles(self, articles: list[Dataset], jobs: int = 1) -> list[list[Problem]]:
        """The problems of each article: cached verdicts read, the others computed (in ``jobs`` processes)."""
        # an article by its key (same key, same quads), else by its quads; its context by digests
        keys = [digest(self.key, a.key or _nquads(a.quads), self.context_key(a)) for a in articles]
        found = [self.cache.get(key) for key in keys]
        todo = [i for i, verdict in enumerate(found) if verdict is None]
        for i, verdict in zip(todo, self._map(self._validate, [articles[i] for i in todo], jobs), strict=True):
            found[i] = verdict
            self.cache.put(keys[i], verdict)  # as each arrives: a build stopped midway keeps what it did
            self.validated += 1
        return [verdict or [] for verdict in found]

    def _map(self, work, items: list, jobs: int) -> Iterator:
        """``work`` over ``items`` in order, in forked processes when there are several to do and several cores."""
        import multiprocessing

        if jobs <= 1 or len(items) < 2 or "fork" not in multiprocessing.get_all_start_methods():
            yield from (work(item) for item in items)
            return
        global _WORK
        _WORK = work  # forked workers inherit it (with the loaded shapes and entities): nothing is pickled but results
        with multiprocessing.get_context("fork").Pool(min(jobs, len(items))) as pool:
            yield from pool.imap(_call_work, items, chunksize=max(1, min(16, len(items) // (jobs * 8))))

    def rest(self, used: set[str]) -> list[Problem]:
        """Checks on what no article brings: the ontology, context facts, links, the Wikidata cache, and
        the entities no article names (``used``: what the articles name; an entity an article names is
        validated with that article, its description included). Shapes on all but the entities."""
        shared_graphs = {ns.ONTOLOGY_GRAPH, ns.ENTITIES_GRAPH}
        core = [q for q in self.shared.quads if not (isinstance(q.graph_name, ox.NamedNode)
                                                      and q.graph_name.value in shared_graphs)]
        core += [q for subject, qs in sorted(self.entities.items()) if subject not in used for q in qs]
        context = self.context_of(core)
        key = digest(self.key, "rest", _nquads(core), _nquads(context))
        found = self.cache.get(key)
        if found is None:
            quads = self.ontology + context + core
            # an entity's shapes are checked with the articles that use it: alone, an agreement has no
            # status (its claims give it one), and one met only in a quarantined article has none at all
            found = self._problems(quads, self.shared, lambda focus: focus not in self.names)
            self.cache.put(key, found)
            self.validated += 1
        return found

    def _validate(self, article: Dataset) -> list[Problem]:
        own = {q.subject.value for q in article.quads if isinstance(q.subject, ox.NamedNode)}
        where = Dataset(origins=[*article.origins, *self.shared.origins])
        typed = set(article.summary["typed_all"]) if article.summary is not None else None
        data = self.context_of(article.quads, article.iris, article.name, typed) + article.quads
        # the checks, like the shapes, see the part of the ontology the data uses (its hierarchy, what it says of
        # each term used): what they find in the rest of the ontology is found once, by ``rest``
        used = self.ontology_for(data) + data
        return self._problems(used, where, lambda focus: focus in own or focus in self.entities, used,
                              ill_typed(article.origins) + self.shared_ill_typed, self.article_checks)

    @property
    def shared_ill_typed(self) -> list[Problem]:
        """The shared files' ill-typed literals, found once (not again with each article)."""
        if self._shared_ill_typed is None:
            self._shared_ill_typed = ill_typed(self.shared.origins)
        return self._shared_ill_typed

    def ontology_for(self, quads: list[ox.Quad]) -> list[ox.Quad]:
        """The part of the ontology some data uses, for the shapes: the class and property hierarchy,
        and what the ontology says about (or with) each term the data names. The ontology's own shapes
        (its concepts' labels…) are checked once, with the rest; this keeps an article's cost its own."""
        used = {t.value for q in quads for t in (q.subject, q.predicate, q.object) if isinstance(t, ox.NamedNode)}
        hierarchy = {ns.RDFS + "subClassOf", ns.RDFS + "subPropertyOf"}
        return [q for q in self.ontology if q.predicate.value in hierarchy or q.subject.value in used
                or (isinstance(q.object, ox.NamedNode) and q.object.value in used)]

    def _problems(self, quads: list[ox.Quad], where: Dataset, concerns,
                  shacl_quads: list[ox.Quad] | None = None, bad_values: list[Problem] | None = None,
                  checks: list[Check] | None = None) -> list[Problem]:
        """``bad_values``: the ill-typed literals of ``where`` when already known; ``checks``: the checks to run
        (default: all)."""
        if self._declared is None:
            self._declared = sorted({q.subject.value for q in self.ontology if isinstance(q.subject, ox.NamedNode)})
        problems = run_checks(store_of(quads), self.checks if checks is None else checks, where, self._declared)
        if bad_values is None:
            bad_values = ill_typed(where.origins)
        if bad_values:
            return sorted(set(problems + bad_values), key=str)  # SHACL cannot compare them (pyshacl raises)
        try:
            results = shacl_results(quads if shacl_quads is None else shacl_quads, self.shapes)
        except (TypeError, ValueError) as e:  # pyshacl on an ill-typed literal, such as "2024-13-45"^^xsd:date
            return [*problems, Problem(f"the shapes could not be checked ({type(e).__name__}: {e}); look for a "
                                       "value that is not of its datatype, such as a date that does not exist")]
        for result in results:
            if not concerns(result.focus):
                continue  # the ontology's own terms: validated once with the rest
            problem = result.problem()
            path, line = where.where(result.focus) or (None, None)
            problems.append(Problem(problem.message, path, line))
        return sorted(set(problems), key=str)


class KeyMemo:
    """Each article's context key as the last build made it (``build/cache/context-keys``), with the digests of
    every thing it was made from: the entities' descriptions, the things' names, what the articles say of each
    thing. A key is taken again only for the same article key when none of the things it depended on has another
    digest now (a thing added, changed or gone); anything else, or a file that cannot be read, is worked out again.
    Written whole and sealed (``cache.write_sealed``)."""

    FILE = "context-keys"
    FORMAT = 2

    def __init__(self, path: Path, validator: str, tables: dict[str, dict[str, bytes]]) -> None:
        self.path, self.tables = path, tables
        self.head = ("context-keys", self.FORMAT, validator, sys.version_info[:2])
        self.articles: dict[str, tuple[str, str, tuple[str, ...]]] = {}
        self.changed: set[str] = set()
        self.old: dict[str, tuple[str, str, tuple[str, ...]]] = {}
        try:
            old_tables, old = read_sealed(path, self.head)  # None (nothing kept) raises TypeError
            if not isinstance(old_tables, dict) or not isinstance(old, dict):
                return
            changed: set[str] = set()
            for name, table in tables.items():
                before = old_tables[name]
                if not isinstance(before, dict):
                    return
                changed.update(iri for iri, d in table.items() if before.get(iri) != d)
                changed.update(iri for iri in before if iri not in table)
            self.changed, self.old = changed, old
        except (ValueError, TypeError, KeyError):
            self.changed, self.old = set(), {}

    def kept(self, name: str, article_key: str) -> str | None:
        found = self.old.get(name)
        try:
            if found is not None and found[0] == article_key and isinstance(found[1], str) \
                    and self.changed.isdisjoint(found[2]):
                self.articles[name] = found
                return found[1]
        except (TypeError, IndexError, KeyError):  # a damaged entry: worked out again
            pass
        return None

    def remember(self, name: str, article_key: str, key: str, depends: set[str]) -> None:
        # interned: marshal writes a string met again as a reference, so the file names each IRI about once
        self.articles[name] = (article_key, key, tuple(sorted(sys.intern(iri) for iri in depends)))

    def save(self) -> None:
        if self.articles != self.old or self.changed:
            tables = {name: {sys.intern(iri): (d if isinstance(d, bytes) else d[0]) for iri, d in table.items()}
                      for name, table in self.tables.items()}
            write_sealed(self.path, self.head, (tables, self.articles))


_WORK = None  # the function forked workers run (see CorpusValidator._map)


def _call_work(item):
    return _WORK(item)


_iris_in = iris_in


@dataclass
class Corpus:
    """The outcome of validating the sources article by article."""

    inputs: Dataset  # the shared inputs
    quarantined: dict[Path, list[Problem]]  # article folder → why it is left out
    shared: list[Problem]  # problems outside any article: they fail every build
    articles: int = 0  # article folders found
    validated: int = 0  # verdicts computed (the rest came from the cache)
    exit_code: int = EXIT_INVALID  # EXIT_SYNTAX when an article could not even be read
    accepted: list[Dataset] = field(default_factory=list)  # every article that passed, in order
    merges: bool = False  # recorded merges rewrite the articles' quads (data/entities/merges.ttl)
    project: Project | None = None

    @property
    def dataset(self) -> Dataset:
        """The shared inputs and every article that passed, merges followed: every article's quads read (the
        build itself writes unchanged articles from their parts, see kg.build.pipeline)."""
        if getattr(self, "_dataset", None) is None:
            ds = Dataset()
            ds.merge(self.inputs)
            for article in self.accepted:
                ds.merge(article)
            if self.merges and self.project is not None:
                apply_merges(ds, self.project)
            self._dataset = ds
        return self._dataset

    @property
    def problems(self) -> list[Problem]:
        return self.shared + [p for folder in sorted(self.quarantined) for p in self.quarantined[folder]]


def validate_corpus(project: Project, today: date | None = None, jobs: int | None = None,
                    keep_keys: bool = True) -> Corpus:
    """Assemble and validate the sources, each article on its own; raise KgError only when the shared
    inputs cannot be read (ontology, entities, links, context, Wikidata cache). ``jobs``: processes
    for the articles to validate (default: one per core); ``keep_keys``: save the context keys for the next
    build (a trial on a changed copy, as the review page runs, leaves the last build's keys alone)."""
    from datetime import timezone


    today = today or datetime.now(timezone.utc).date()
    shared = assemble_shared(project)
    known = known_entities(shared)
    shared_problems: list[Problem] = []
    folders = article_folders(project)
    quarantined: dict[Path, list[Problem]] = {}
    metadata: dict[Path, list[ox.Quad]] = {}
    assembled: dict[Path, Dataset | KgError] = {}
    cache = ArticleCache(project, known)
    for folder in folders:
        try:
            assembled[folder] = article = cache.assemble(folder)
            metadata[folder] = article.metadata() if isinstance(article, CachedArticle) else next(
                (article.quads[a:b] for path, a, b in article.spans if path == folder / "article.ttl"), [])
        except KgError as e:
            assembled[folder] = e
            try:
                metadata[folder] = parse_file(folder / "article.ttl") if (folder / "article.ttl").is_file() else []
            except KgError:
                metadata[folder] = []  # the assembly reports the syntax error
    cache.save()
    sources = ox.NamedNode(ns.SOURCES_GRAPH)
    validator = CorpusValidator(project, shared, [ox.Quad(q.subject, q.predicate, q.object, sources)
                                                  for qs in metadata.values() for q in qs])
    rules = MetadataRules.read(parse_file(project.shapes), validator.ontology)
    for folder, problems in duplicate_articles(metadata).items():
        quarantined.setdefault(folder, []).extend(problems)
    used: set[str] = set()
    accepted: list[Dataset] = []
    candidates: list[tuple[Path, Dataset]] = []  # assembled, no problem yet: to validate
    unreadable = False
    for folder in folders:
        article = assembled[folder]
        # the claims are checked by the assembly
        problems = metadata_problems(folder, rules, today, None if isinstance(article, KgError) else metadata[folder])
        if isinstance(article, KgError):
            problems += article.problems
            unreadable |= article.exit_code == EXIT_SYNTAX
            article = None
        if article is not None:
            used |= article.iris if article.iris is not None else _iris_in(article.quads)
        if problems or folder in quarantined:
            quarantined.setdefault(folder, []).extend(problems)
        elif article is not None:
            candidates.append((folder, article))
    validator.know_articles([article for _, article in candidates])
    verdicts = validator.articles([article for _, article in candidates], jobs or os.cpu_count() or 1)
    if keep_keys:
        validator.save_keys()
    for (folder, article), found in zip(candidates, verdicts, strict=True):
        shared_problems += [p for p in found if not _inside(p, folder)]
        if inside := [p for p in found if _inside(p, folder)]:
            quarantined[folder] = inside
        else:
            accepted.append(article)
    shared_problems += validator.rest(used)
    try:
        merges = read_merges(merges_path(project))[1] if merges_path(project).is_file() else {}
    except KgError as e:
        shared_problems += e.problems
        merges = {}
    return Corpus(shared, {f: sorted(set(ps), key=str) for f, ps in quarantined.items()},
                  sorted(set(shared_problems), key=str), len(folders), validator.validated,
                  EXIT_SYNTAX if unreadable else EXIT_INVALID, accepted, bool(merges), project)


def _inside(problem: Problem, folder: Path) -> bool:
    """A problem belongs to an article when it points into the article's folder (or nowhere)."""
    return problem.path is None or Path(problem.path).is_relative_to(folder)
