"""Assemble: read every input (ontology, entities, links, context facts, the Wikidata cache, each article
folder) into quads, with where each came from; refuse, naming file and line, what cannot be used.

An article is assembled on its own (``assemble_article``), so that the build can cache it, validate it
alone and leave it out when it is broken.
"""

from __future__ import annotations

import contextlib
import csv
import itertools
import json
import re
import sys
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox

from kg import namespaces as ns
from kg import provenance
from kg.build.cache import BlobCache, code_digest, digest, read_sealed, write_sealed
from kg.errors import _PREFIX, KgError, Problem, line_of, line_of_subject
from kg.project import Project
from kg.rdfio import parse_file

N = ox.NamedNode
# In an authored claims file, the default graph may only say these things about a claim...
CLAIM_METADATA = {ns.CD + p for p in ("evidence", "accordingTo", "reviewStatus", "reviewedBy", "reviewedAt",
                                      "confidence", "extractionRule")} | {ns.PROV + "wasGeneratedBy",
                                                                           ns.RDFS + "comment"}
# ...and these about the activities that produced the claims.
ACTIVITY_METADATA = {ns.RDF + "type", ns.RDFS + "label", ns.RDFS + "comment", ns.CD + "softwareVersion",
                     ns.PROV + "wasAssociatedWith", ns.PROV + "used", ns.PROV + "startedAtTime",
                     ns.PROV + "endedAtTime"}
ACCEPTED, PENDING, REJECTED = (ns.REVIEW + s for s in ("accepted", "pending", "rejected"))
# Beside the claim graph: the evidence becomes selectors; the rest is published in graph:provenance.
_EVIDENCE = ns.CD + "evidence"
CONTEXT_METADATA = {ns.DCTERMS + "source", ns.PAV + "retrievedOn", ns.RDFS + "comment"}


@dataclass
class Dataset:
    """The assembled quads, and for each input file what it contributed (to point errors at lines)."""

    quads: list[ox.Quad] = field(default_factory=list)
    origins: list[tuple[Path, list[ox.Quad]]] = field(default_factory=list)
    # claims left out because they are not accepted: review status ("pending", "rejected") → count
    withheld: dict[str, int] = field(default_factory=dict)
    quarantined: dict[Path, list[Problem]] = field(default_factory=dict)  # articles left out, and why
    validated: int = 0  # articles (and shared parts) validated anew, not read from the cache
    kept: bool = False  # the build assembled the same quads as the current outputs, kept as they were
    # where each merged part (an article) starts in ``quads``: the outputs are written part by part
    bounds: list[int] = field(default_factory=list)
    spans: list[tuple[Path, int, int]] = field(default_factory=list)  # origins as positions in ``quads``
    iris: set[str] | None = None  # the IRIs its quads name as subject or object, once worked out (see iris_in)
    name: str | None = None  # the article's folder name, for an article
    key: str | None = None  # for an article: the digest of what decides its quads (same key, same quads)
    summary: dict | None = None  # for an article: see ``summary``

    def add(self, quads: Iterable[ox.Quad], origin: Path | None = None) -> None:
        quads = list(quads)
        start = len(self.quads)
        self.quads.extend(quads)
        if origin is not None:
            self.origins.append((origin, quads))
            self.spans.append((origin, start, len(self.quads)))

    def merge(self, other: Dataset) -> None:
        self.cut()
        start = len(self.quads)
        self.bounds.extend(start + b for b in other.bounds)
        self.quads.extend(other.quads)
        self.origins.extend(other.origins)
        self.spans.extend((path, start + a, start + b) for path, a, b in other.spans)
        for status, n in other.withheld.items():
            self.withheld[status] = self.withheld.get(status, 0) + n

    def counts(self) -> tuple[int, int]:
        """How many distinct quads, in how many graphs."""
        return len(set(self.quads)), len({q.graph_name for q in self.quads})

    def cut(self) -> None:
        """End a part here: what follows is written apart (and kept apart in the cache of the outputs)."""
        if self.quads and (not self.bounds or self.bounds[-1] != len(self.quads)):
            self.bounds.append(len(self.quads))

    def parts(self) -> list[list[ox.Quad]]:
        """The quads part by part: what came before the first merge, then each merged dataset."""
        cuts = [0, *self.bounds, len(self.quads)]
        return [self.quads[a:b] for a, b in itertools.pairwise(cuts) if b > a]

    def where(self, iri: str) -> tuple[Path, int | None] | None:
        """The first input file that uses an IRI, and the line where its name appears."""
        for path, quads in self.origins:
            if any(iri in (str(q.subject)[1:-1], str(q.predicate)[1:-1], str(q.object)[1:-1]) for q in quads):
                return path, iri_line(path, iri)
        return None


def iri_line(path: Path, iri: str) -> int | None:
    """The first line naming the IRI: as prefix:name, else by its local name (``context:visit {`` must not win
    over ``event:visit``), else written in full."""
    short = ns.shorten(iri)
    if short.startswith("<"):
        return line_of(path, iri)
    return line_of(path, short) or line_of(path, short.split(":", 1)[1]) or line_of(path, iri)


def quad(s: str, p: str, o: ox.NamedNode | ox.Literal | str, g: str) -> ox.Quad:
    return ox.Quad(N(s), N(p), o if not isinstance(o, str) else N(o), N(g))


def ontology_files(project: Project) -> list[Path]:
    return [p for p in sorted(project.ontology.glob("*.ttl")) if p.name != project.shapes.name]


def assemble_ontology(project: Project) -> list[ox.Quad]:
    """The ontology graph alone: classes, properties, schemes and the labels of every term."""
    return [q for path in ontology_files(project) for q in parse_file(path, N(ns.ONTOLOGY_GRAPH))]


def article_folders(project: Project) -> list[Path]:
    """The article folders; a hidden one (``.ID.<rnd>.tmp`` or ``.old`` that a killed ingest left) is no article."""
    articles = project.data / "articles"
    return sorted(p for p in articles.iterdir() if p.is_dir() and not p.name.startswith(".")) \
        if articles.is_dir() else []


def assemble_shared(project: Project) -> Dataset:
    """Everything but the articles: ontology, entities, links, context facts, the Wikidata cache."""
    from kg.merges import check_kinds, recover_locked

    recover_locked(project)  # a merge a killed kg review left half-written is finished first
    ds = Dataset()
    parsed = ParsedFiles(project)
    wikidata: dict[Path, list[str]] = {}
    for path in ontology_files(project):
        quads, _, wikidata[path] = parsed.read(path, ns.ONTOLOGY_GRAPH)
        ds.add(quads, path)
    ds.cut()  # each input written apart in the outputs: a new entity does not rewrite the ontology
    data = project.data
    wikidata |= _add_entities(ds, project, ns.entity_kinds(project.ontology), parsed)
    parsed.prune()
    for path in sorted((data / "links").glob("*.ttl")):
        ds.add(_wikidata_links(path), path)
    ds.cut()
    for path in sorted((data / "context").glob("*.trig")):
        _add_context(ds, path)
    ds.cut()
    cache = data / "wikidata" / "cache.trig"
    if cache.is_file():
        _add_wikidata_cache(ds, cache)
        ds.cut()
    _check_wikidata_identifiers(ds, data / "reference", wikidata)
    merges = merges_path(project)
    if merges.is_file():  # checked now (a cycle fails before any article is read), followed once all are in
        quads, targets = read_merges(merges)
        ds.add(quads, merges)
        check_kinds(ds.quads, targets, merges)  # a person merged into a state is refused, not published
    return ds


MERGES = "merges.ttl"


def entity_files(project: Project) -> list[Path]:
    """data/entities/<kind>.ttl, the entity files (merges.ttl is read apart, see read_merges)."""
    return [p for p in sorted((project.data / "entities").glob("*.ttl")) if p.name != MERGES]


def merges_path(project: Project) -> Path:
    return project.data / "entities" / MERGES


def _add_entities(ds: Dataset, project: Project, kinds: tuple[str, ...], cache: ParsedFiles) -> dict[Path, list[str]]:
    """data/entities/<kind>.ttl, one file per kind of entity (named in the ontology), into graph:entities; returns
    the Wikidata identifiers each file names (see ``_check_wikidata_identifiers``).

    Each file holds entities of its own kind only, so that two people adding articles rarely touch the
    same file and a misplaced entity is found."""
    folder = project.data / "entities"
    if not folder.is_dir():
        raise KgError(Problem("the entities folder is missing (one <kind>.ttl per kind of entity)", folder))
    problems = []
    wikidata: dict[Path, list[str]] = {}
    for path in entity_files(project):
        kind = path.stem
        if kind not in kinds:
            problems.append(Problem(f"{path.name}: not a kind of entity (the ontology's cd:iriSegment: "
                                    f"{', '.join(kinds)})", path))
            continue
        quads, misplaced, wikidata[path] = cache.read(path, ns.ENTITIES_GRAPH, kind)
        for subject in misplaced:
            problems.append(Problem(f"{ns.shorten(subject)} is not a {kind}: it belongs in its own kind's file",
                                    path, line_of(path, ns.shorten(subject))))
        ds.add(quads, path)
        ds.cut()
    if problems:
        raise KgError(problems)
    return wikidata


class ParsedFiles:
    """Turtle inputs (the ontology, the entity files) as parsed by earlier builds (``build/cache/parsed/``), by the
    digest of their bytes, the graph they go to, their kind and the parsing code: an unchanged file (most of them
    when an article is added) is read back as N-Quads already in its graph, with what the checks found in it,
    instead of parsed and put into its graph quad by quad."""

    def __init__(self, project: Project) -> None:
        self.cache = BlobCache(project.build / "cache" / "parsed")
        self.code = digest("parsed-files", code_digest("kg.build.assemble", "kg.rdfio", "kg.namespaces"),
                           ox.__version__)
        self.used: set[str] = set()  # the entries of the files read by this build

    def prune(self) -> None:
        """Remove the entries of no file read by this build (an entity file's earlier versions): a file changed at
        each build must not leave one entry per version behind. A reader that loses one only parses its file again."""
        try:
            entries = list(self.cache.folder.iterdir())
        except OSError:
            return
        for entry in entries:
            if entry.name not in self.used and not entry.name.startswith("."):
                entry.unlink(missing_ok=True)

    def read(self, path: Path, graph: str, kind: str = "") -> tuple[list[ox.Quad], list[str], list[str]]:
        """The file's quads in ``graph``, the subjects it types outside its kind's space (an entity file's ``kind``),
        the Wikidata identifiers it names."""
        try:
            data = path.read_bytes()
        except OSError:
            data = None  # parse_file says why
        key = digest(self.code, graph, kind, data) if data is not None else None
        if key is not None:
            self.used.add(key)
        if key is not None and (found := self.cache.get(key)) is not None:
            meta, payload = found
            if isinstance(meta.get("misplaced"), list) and isinstance(meta.get("wikidata"), list):
                return list(ox.parse(payload, format=ox.RdfFormat.N_QUADS)), meta["misplaced"], meta["wikidata"]
        quads = parse_file(path, N(graph), data)
        space = f"{ns.ID}{kind}/"
        misplaced = sorted({q.subject.value for q in quads if q.predicate.value == ns.RDF + "type"
                            and not q.subject.value.startswith(space)}) if kind else []
        ids = _wikidata_ids(quads)
        if key is not None:
            self.cache.put(key, {"misplaced": misplaced, "wikidata": ids},
                           ox.serialize(quads, format=ox.RdfFormat.N_QUADS))
        return quads, misplaced, ids


def merge_targets(pairs: list[tuple[str, str]], path: Path) -> dict[str, str]:
    """old → canonical, following chains (a → b → c gives a → c); a cycle or a fork is an error."""
    direct: dict[str, str] = {}
    problems = []
    for old, new in pairs:
        if direct.get(old, new) != new:
            problems.append(Problem(f"{ns.shorten(old)} is merged into two entities: {ns.shorten(direct[old])} "
                                    f"and {ns.shorten(new)}", path, line_of(path, ns.shorten(old))))
        direct[old] = new
    resolved = {}
    for old in sorted(direct):
        seen, current = [old], direct[old]
        while current in direct:
            if current in seen:
                cycle = " → ".join(ns.shorten(x) for x in [*seen[seen.index(current):], current])
                problems.append(Problem(f"merges make a cycle: {cycle}", path, line_of(path, ns.shorten(old))))
                break
            seen.append(current)
            current = direct[current]
        resolved[old] = current
    if problems:
        raise KgError(sorted(set(problems), key=str))
    return resolved


def read_merges(path: Path) -> tuple[list[ox.Quad], dict[str, str]]:
    """Recorded merges: ``old owl:sameAs canonical`` (with rdfs:comment and dcterms:date) in data/entities/merges.ttl.

    Returns the redirects (for graph:entities, where they stay queryable) and old → canonical."""
    quads = parse_file(path, N(ns.ENTITIES_GRAPH))
    problems, pairs = [], []
    about: dict[str, set[str]] = {}
    for q in quads:
        about.setdefault(q.subject.value, set()).add(q.predicate.value)
        if q.predicate.value == ns.OWL + "sameAs":
            if not (isinstance(q.object, ox.NamedNode) and q.object.value.startswith(ns.ID)
                    and q.subject.value.startswith(ns.ID)):
                problems.append(Problem("a merge links two of the project's entities (owl:sameAs between "
                                        f"{ns.ID}… IRIs)", path, line_of(path, ns.shorten(q.subject.value))))
                continue
            pairs.append((q.subject.value, q.object.value))
        elif q.predicate.value not in (ns.RDFS + "comment", ns.DCTERMS + "date"):
            problems.append(Problem(f"unexpected {ns.shorten(q.predicate.value)} in merges (allowed: owl:sameAs, "
                                    "rdfs:comment, dcterms:date)", path, line_of(path, ns.shorten(q.predicate.value))))
    for old, _ in pairs:
        for needed in (ns.RDFS + "comment", ns.DCTERMS + "date"):
            if needed not in about[old]:
                problems.append(Problem(f"the merge of {ns.shorten(old)} needs {ns.shorten(needed)} (why, and when)",
                                        path, line_of(path, ns.shorten(old))))
    if problems:
        raise KgError(problems)
    return quads, merge_targets(pairs, path)


def _apply_merges(ds: Dataset, path: Path) -> None:
    """Follow the merges of ``path``: claims and context facts about the old IRI are published about the
    canonical one; the old entity keeps its own description in graph:entities. Never a silent rename."""
    target = read_merges(path)[1]
    keep = {N(g) for g in (ns.ONTOLOGY_GRAPH, ns.ENTITIES_GRAPH, ns.WIKIDATA_GRAPH, ns.WIKIDATA_LINKS_GRAPH)}

    def follow(term):
        return N(target[term.value]) if isinstance(term, ox.NamedNode) and term.value in target else term

    ds.quads = [q if q.graph_name in keep else ox.Quad(follow(q.subject), q.predicate, follow(q.object), q.graph_name)
                for q in ds.quads]


def assemble_article(project: Project, folder: Path, known: set[str] | frozenset[str] = frozenset()) -> Dataset:
    """One article folder on its own; raise KgError with every problem found in it. ``known``: the entities
    data/entities/ describes; any other entity an accepted claim types is one the article brings."""
    ds = _assemble_own(project, folder)
    _add_new_entities(ds, folder, known)
    ds.name = folder.name
    return ds


def _assemble_own(project: Project, folder: Path) -> Dataset:
    """The article folder alone: what does not depend on the rest of the project (the entities it brings
    are added apart, as they depend on what data/entities/ describes)."""
    ds = Dataset()
    _add_article(ds, folder)
    _check_wikidata_identifiers(ds, project.data / "reference")
    return ds


# What the build needs of an article without its quads, kept beside them in the cache (see ``summary``).
SUMMARY_KEYS = ("quads", "iris", "metadata", "typed_all", "described")


class ArticleCache:
    """Article folders assembled by earlier builds (``build/cache/articles/``), by the digest of the folder's
    files, of the reference lists and of the assembling code. The entities an article brings are added after
    (they depend on what data/entities/ describes, which a new article often extends).

    What a build needs of every article without its quads (its folder's key, its summary) is kept in one index,
    ``build/cache/articles-index``, read once per build and written whole: one file, not one per article. An index
    that cannot be read, is damaged or was made by other code is not used at all; the entries are then read from
    each article's cache entry (its first line) and the index is written again."""

    CODE = ("kg.build.assemble", "kg.provenance", "kg.rdfio", "kg.namespaces", "kg.errors")
    INDEX = "articles-index"
    FORMAT = 1
    # what the index keeps of an article's cache entry: what ``assemble`` needs of an unchanged article
    ENTRY_KEYS = ("withheld", "typed", *dict.fromkeys(("iris", *SUMMARY_KEYS)))

    def __init__(self, project: Project, known: set[str] | frozenset[str]) -> None:
        self.project, self.known = project, known
        self.cache = BlobCache(project.build / "cache" / "articles")
        reference = sorted((project.data / "reference").glob("*.tsv"))
        self.context = digest("assembly", code_digest(*self.CODE), ox.__version__,
                              *(part for path in reference for part in (path.name, path.read_bytes())))
        self.head = (self.INDEX, self.FORMAT, self.context, sys.version_info[:2])
        # each folder by name: the stamp of its files (names, sizes, times, inodes), its key and its entry, so that
        # an unchanged folder's files are not read again to be hashed (a file written since has another change time)
        # and its cache entry is not opened
        self.index_path = project.build / "cache" / self.INDEX
        self.index = self._read_index()
        self.seen: dict[str, tuple[str, str, dict | None]] = {}

    def _read_index(self) -> dict[str, tuple[str, str, dict | None]]:
        """The last build's index, whole, or nothing (a part of a damaged index is never used)."""
        folders = read_sealed(self.index_path, self.head)
        if not isinstance(folders, dict):
            return {}
        try:
            for name, (stamp, key, entry) in folders.items():
                if not (isinstance(name, str) and isinstance(stamp, str) and isinstance(key, str)
                        and (entry is None or (isinstance(entry, dict) and all(k in entry for k in self.ENTRY_KEYS)))):
                    return {}
        except (ValueError, TypeError):  # an entry that is not (stamp, key, entry)
            return {}
        return folders

    def key(self, folder: Path) -> str:
        """The digest of the folder's files (their names and contents) and of what assembles them."""
        files = sorted(p for p in folder.iterdir() if p.is_file())
        stats = [(path.name, path.stat()) for path in files]
        stamp = digest(str(folder), *(f"{name}\0{st.st_size}\0{st.st_mtime_ns}\0{st.st_ctime_ns}\0{st.st_ino}"
                                      for name, st in stats))
        known = self.index.get(folder.name)
        if known is not None and known[0] == stamp:
            key, entry = known[1], known[2]
        else:
            key, entry = digest(self.context, folder.name,
                                *(part for path in files for part in (path.name, path.read_bytes()))), None
        self.seen[folder.name] = (stamp, key, entry)
        return key

    def save(self) -> None:
        """Keep the index of the folders seen by this build for the next one (written whole)."""
        if self.seen != self.index:
            write_sealed(self.index_path, self.head, self.seen)
        with contextlib.suppress(OSError):  # the index of earlier builds (keys only, JSON)
            (self.index_path.parent / "articles-index.json").unlink()

    def _entry(self, name: str, key: str) -> dict | None:
        """What the index keeps of an article's cache entry: from the index, else from the entry's first line."""
        stamp, indexed, entry = self.seen[name]
        if indexed == key and entry is not None:
            return entry
        meta = self.cache.head(key)
        if meta is None or not all(k in meta for k in self.ENTRY_KEYS):
            return None
        self.seen[name] = (stamp, key, entry := _interned({k: meta[k] for k in self.ENTRY_KEYS}))
        return entry

    def assemble(self, folder: Path) -> Dataset:
        """The article as ``assemble_article`` gives it, from the cache when its files did not change. A cached
        article's quads are not parsed unless asked for (see ``CachedArticle``): an unchanged article is keyed,
        validated and written by digests and bytes kept beside it."""
        key = self.key(folder)
        if (meta := self._entry(folder.name, key)) is not None:
            ds: Dataset = CachedArticle(folder, meta, CachedQuads(self.project, self.cache.folder, key, folder))
            ds.iris, typed = set(meta["iris"]), set(meta["typed"])
        else:
            ds = _assemble_own(self.project, folder)
            ds.iris, typed = iris_in(ds.quads), _typed_in_claims(ds)
            payload = ox.serialize(ds.quads, format=ox.RdfFormat.N_QUADS)
            ds.summary = summary(ds, folder, payload)
            if all(path.parent == folder for path, _, _ in ds.spans):
                meta = {"withheld": ds.withheld, "spans": [[p.name, a, b] for p, a, b in ds.spans],
                        "iris": sorted(ds.iris), "typed": sorted(typed), **ds.summary}
                self.cache.put(key, meta, payload)
                stamp = self.seen[folder.name][0]
                # as read back from the entry (JSON): the same index whether this build or the next one made it
                self.seen[folder.name] = (stamp, key, _interned(json.loads(json.dumps(
                    {k: meta[k] for k in self.ENTRY_KEYS}))))
        new = sorted(typed - self.known)
        if new:
            _add_new_entities(ds, folder, self.known)
        # same key, same quads: the quads the folder gives (a comment added changes nothing), the entities it brings
        ds.key = digest("article", ds.summary["quads"], *new)
        ds.name = folder.name
        return ds


def _interned(value):
    """A JSON value with its strings interned: marshal writes a string met again as a reference, so the index
    names each IRI about once."""
    if isinstance(value, str):
        return sys.intern(value)
    if isinstance(value, list):
        return [_interned(v) for v in value]
    if isinstance(value, dict):
        return {sys.intern(k): _interned(v) for k, v in value.items()}
    return value


@dataclass(frozen=True)
class CachedQuads:
    """How a cached article's quads and spans are read (a value that a worker process receives whole): from its
    cache entry, else by assembling the folder again if the entry went since (same key, same quads)."""

    project: Project
    cache: Path
    key: str
    folder: Path

    def __call__(self) -> tuple[list[ox.Quad], list[tuple[Path, int, int]]]:
        if (found := BlobCache(self.cache).get(self.key)) is not None:
            meta, payload = found
            return (list(ox.parse(payload, format=ox.RdfFormat.N_QUADS)),
                    [(self.folder / name, start, end) for name, start, end in meta["spans"]])
        ds = _assemble_own(self.project, self.folder)
        return ds.quads, ds.spans


def summary(ds: Dataset, folder: Path, nquads: bytes) -> dict:
    """What an article's own quads say that the build needs of every article, unchanged ones included: their
    digest (``nquads``: them as N-Quads), the IRIs they name (sorted), its metadata (article.ttl's quads, as
    N-Quads), the subjects it types, and for each thing its claims describe (see ``described_in``) the digest of
    that description and the IRIs it names."""
    metadata = next((ds.quads[a:b] for path, a, b in ds.spans if path == folder / "article.ttl"), [])
    return {"quads": digest(nquads), "iris": sorted(ds.iris or iris_in(ds.quads)),
            "metadata": ox.serialize(metadata, format=ox.RdfFormat.N_QUADS).decode("utf-8"),
            "typed_all": sorted({q.subject.value for q in ds.quads if q.predicate.value == ns.RDF + "type"}),
            "described": {iri: [digest(ox.serialize(qs, format=ox.RdfFormat.N_QUADS)), sorted(iris_in(qs))]
                          for iri, qs in sorted(described_in(ds.quads).items())}}


def described_in(quads: list[ox.Quad]) -> dict[str, list[ox.Quad]]:
    """What an article's claims say of each of the project's things (subject → quads), put in graph:entities: another
    article may use a thing this one describes (a tenure, an event) by its IRI alone, and is validated with it."""
    claims, entities = ns.CLAIM, N(ns.ENTITIES_GRAPH)
    found: dict[str, list[ox.Quad]] = {}
    for q in quads:
        if isinstance(q.graph_name, ox.NamedNode) and q.graph_name.value.startswith(claims) \
                and isinstance(q.subject, ox.NamedNode) and q.subject.value.startswith(ns.ID):
            found.setdefault(q.subject.value, []).append(ox.Quad(q.subject, q.predicate, q.object, entities))
    return found


class CachedArticle(Dataset):
    """An article from the cache of assembled articles: its quads (and where each came from) parsed from the
    cached N-Quads only when asked for. Its summary (``SUMMARY_KEYS``) is read from the cache entry's description."""

    def __init__(self, folder: Path, meta: dict, read: CachedQuads) -> None:
        self._folder, self._read = folder, read
        self._loaded: list[ox.Quad] | None = None
        super().__init__(withheld=dict(meta["withheld"]))
        self.summary = {k: meta[k] for k in SUMMARY_KEYS}

    @property
    def loaded(self) -> bool:
        return self._loaded is not None

    def _load(self) -> list[ox.Quad]:
        if self._loaded is None:
            self._loaded, self._spans = self._read()
            self._origins = [(path, self._loaded[a:b]) for path, a, b in self._spans]
        return self._loaded

    # the setters take the empty lists of Dataset's constructor only; adding to the article (the entities it
    # brings) goes through ``quads``, which loads it first
    @property  # type: ignore[override]
    def quads(self) -> list[ox.Quad]:
        return self._load()

    @quads.setter
    def quads(self, value: list[ox.Quad]) -> None:
        if value:
            raise ValueError("a cached article's quads are those of its cache entry")

    @property  # type: ignore[override]
    def origins(self) -> list[tuple[Path, list[ox.Quad]]]:
        self._load()
        return self._origins

    @origins.setter
    def origins(self, value: list) -> None:
        if value:
            raise ValueError("a cached article's origins are those of its cache entry")

    @property  # type: ignore[override]
    def spans(self) -> list[tuple[Path, int, int]]:
        self._load()
        return self._spans

    @spans.setter
    def spans(self, value: list) -> None:
        if value:
            raise ValueError("a cached article's spans are those of its cache entry")

    def metadata(self) -> list[ox.Quad]:
        return list(ox.parse(self.summary["metadata"].encode("utf-8"), format=ox.RdfFormat.N_QUADS))


def iris_in(quads: list[ox.Quad]) -> set[str]:
    """The IRIs some quads name as subject or object."""
    return {t.value for q in quads for t in (q.subject, q.object) if isinstance(t, ox.NamedNode)}


def known_entities(ds: Dataset) -> frozenset[str]:
    """The entities described in graph:entities (typed there)."""
    entities = N(ns.ENTITIES_GRAPH)
    return frozenset(q.subject.value for q in ds.quads
                     if q.graph_name == entities and q.predicate.value == ns.RDF + "type")


def _typed_in_claims(ds: Dataset) -> set[str]:
    """The entities an article's claims type (those data/entities/ does not describe are the article's own)."""
    claims = ns.CLAIM
    return {q.subject.value for q in ds.quads if q.predicate.value == ns.RDF + "type"
            and isinstance(q.graph_name, ox.NamedNode) and q.graph_name.value.startswith(claims)
            and isinstance(q.subject, ox.NamedNode) and q.subject.value.startswith(ns.ID)}


def _add_new_entities(ds: Dataset, folder: Path, known: set[str] | frozenset[str]) -> None:
    """An entity first met in this article (a new person or place kg ingest proposed, once its claim is
    accepted) joins graph:entities with its type, its names and where it was first met, as if written in
    data/entities/; entities already described there are left as they are."""
    doc, claims = N(ns.document(folder.name)), N(ns.CLAIM)
    names = {ns.RDFS + "label", ns.SKOS + "altLabel"}
    typed = _typed_in_claims(ds) - known
    if not typed:
        return
    entities = N(ns.ENTITIES_GRAPH)
    new = {ox.Quad(q.subject, q.predicate, q.object, entities) for q in ds.quads
           if isinstance(q.graph_name, ox.NamedNode) and q.graph_name.value.startswith(claims.value)
           and q.subject.value in typed and (q.predicate.value == ns.RDF + "type" or q.predicate.value in names)}
    new |= {ox.Quad(N(s), N(ns.CD + "firstMetIn"), doc, entities) for s in typed}
    ds.add(sorted(new, key=str), folder / "claims.trig")


def assemble(project: Project) -> Dataset:
    """Read every input into one dataset; raise KgError on the first file that cannot be used."""
    ds = assemble_shared(project)
    known = known_entities(ds)
    for folder in article_folders(project):
        ds.merge(assemble_article(project, folder, known))
    apply_merges(ds, project)
    return ds


def apply_merges(ds: Dataset, project: Project) -> None:
    """Follow the recorded merges (data/entities/merges.ttl), once every article is in."""
    merges = merges_path(project)
    if merges.is_file():
        _apply_merges(ds, merges)


def _add_wikidata_cache(ds: Dataset, path: Path) -> None:
    """The Wikidata cache: its triples in graph:wikidata, where they come from in graph:provenance."""
    quads = parse_file(path)
    if not quads:  # an interrupted copy, not a cache: `kg wikidata from-reference` or `fetch` writes a whole one
        raise KgError(Problem("the Wikidata cache is empty; restore it (git checkout), or rewrite it with "
                              "kg wikidata from-reference or kg wikidata fetch", path))
    stray = [q for q in quads if isinstance(q.graph_name, ox.NamedNode) and q.graph_name.value != ns.WIKIDATA_GRAPH]
    if stray:
        raise KgError(Problem(f"the Wikidata cache may only fill {ns.shorten(ns.WIKIDATA_GRAPH)}, not "
                              f"{ns.shorten(stray[0].graph_name.value)}", path))
    ds.add([q for q in quads if isinstance(q.graph_name, ox.NamedNode)], path)
    ds.add([ox.Quad(q.subject, q.predicate, q.object, N(ns.PROVENANCE_GRAPH))
            for q in quads if isinstance(q.graph_name, ox.DefaultGraph)])


_WIKIDATA_IRI = re.compile(r"^http://www\.wikidata\.org/(entity|prop/direct|prop/qualifier|prop/statement|prop)/"
                           r"([PQ]\d+)$")


def _wikidata_ids(quads: list[ox.Quad]) -> list[str]:
    """The Wikidata items and properties some quads name, in order of first use (what graph:wikidata says aside)."""
    found: dict[str, None] = {}
    wikidata = N(ns.WIKIDATA_GRAPH)
    for q in quads:
        if q.graph_name == wikidata:
            continue  # what Wikidata itself says is not ours to check here
        for term in (q.subject, q.predicate, q.object):
            m = _WIKIDATA_IRI.match(term.value) if isinstance(term, ox.NamedNode) else None
            if m:
                found[m.group(2)] = None
    return list(found)


def _check_wikidata_identifiers(ds: Dataset, reference: Path, known: dict[Path, list[str]] | None = None) -> None:
    """Every Wikidata item and property the ontology and data name is one of the checked ones. ``known``: the
    identifiers some inputs name, already found (see ``EntityFiles``)."""
    lists = {"Q": reference / "wikidata-ids.tsv", "P": reference / "wikidata-properties.tsv"}
    checked = {kind: {row["id"] for row in reference_rows(path)} for kind, path in lists.items()}
    problems = []
    for path, quads in ds.origins:
        for found in (known[path] if known and path in known else _wikidata_ids(quads)):
            if found not in checked[found[0]]:
                problems.append(Problem(f"{found} is not in {lists[found[0]].name}: an identifier that was not "
                                        "checked stays out (keep the entity local, or check it first)", path,
                                        line_of(path, found)))
    if problems:
        raise KgError(sorted(set(problems), key=str))


def reference_rows(path: Path) -> list[dict[str, str]]:
    """The rows of a reference list (tab-separated, with a header; lines starting with # are notes)."""
    with path.open(encoding="utf-8") as f:
        return list(csv.DictReader((line for line in f if not line.startswith("#")), delimiter="\t"))


def checked_wikidata_ids(reference: Path) -> dict[str, str]:
    """QID → English label, from the reference list of checked identifiers."""
    return {row["id"]: row["label_en"] for row in reference_rows(reference)}


def _wikidata_links(path: Path) -> list[ox.Quad]:
    """owl:sameAs links to Wikidata items, and nothing else (whether each was checked: see
    _check_wikidata_identifiers, which covers every input)."""
    quads = parse_file(path, N(ns.WIKIDATA_LINKS_GRAPH))
    problems = []
    for q in quads:
        target = q.object.value if isinstance(q.object, ox.NamedNode) else str(q.object)
        if q.predicate.value != ns.OWL + "sameAs" or not target.startswith(ns.WD):
            what = f"{ns.shorten(q.predicate.value)} {target}"
            problems.append(Problem(f"only owl:sameAs to a Wikidata item belongs here, not {what}", path,
                                    line_of(path, ns.shorten(q.subject.value).split(":", 1)[1])))
    if problems:
        raise KgError(problems)
    source = ns.entity("source", "reference-wikidata-ids")
    return [*quads, quad(ns.WIKIDATA_LINKS_GRAPH, ns.DCTERMS + "source", source, ns.PROVENANCE_GRAPH)]


def subject_lines(path: Path) -> dict[str, int]:
    """Each IRI's first line as a subject (or graph name) at the start of a line of a Turtle or TriG file, as
    ``line_of_subject(path, iri)`` finds it, for all IRIs in one reading of the file (not one per claim)."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError):
        return {}
    prefixes: dict[str, list[str]] = {}
    for line in lines:
        if (m := _PREFIX.match(line)) and m.group(2):
            prefixes.setdefault(m.group(1), []).append(m.group(2))
    found: dict[str, int] = {}
    for number, text in enumerate(lines, start=1):
        text = text.lstrip()
        if text.startswith("GRAPH") and text[5:6].isspace():
            text = text[5:].lstrip()
        if text.startswith("<"):
            end = text.find(">")
            if end < 0:
                continue
            iris, rest = [text[1:end]], text[end + 1:]
        else:
            cut = next((i for i, c in enumerate(text) if c.isspace() or c in "{;,"), len(text))
            token, rest = text[:cut], text[cut:]
            name, colon, local = token.partition(":")
            if not colon or name not in prefixes:
                continue
            iris = [space + local for space in prefixes[name]]
        if not rest or rest[0].isspace() or rest[0] in "{;,":
            for iri in iris:
                found.setdefault(iri, number)
    return found


def _add_article(ds: Dataset, folder: Path) -> None:
    """One article folder: its text and metadata into graph:sources, its accepted claims each in their own
    graph with their provenance (evidence selectors, on whose word, review, activity) in graph:provenance.

    Claims that are pending or rejected are left out and counted in ``ds.withheld``."""
    slug = folder.name
    doc = ns.document(slug)
    meta_path, claims_path = folder / "article.ttl", folder / "claims.trig"
    texts = sorted(folder.glob("*.txt"))
    for needed in (meta_path, claims_path):
        if not needed.is_file():
            raise KgError(Problem(f"an article folder needs {needed.name}", folder))
    if len(texts) != 1:
        raise KgError(Problem(f"an article folder needs exactly one .txt file (the text), found {len(texts)}", folder))
    text_path = texts[0]
    try:
        text = text_path.read_bytes().decode("utf-8")
    except UnicodeDecodeError as e:
        raise KgError(Problem(f"the text is not UTF-8 (byte {e.start})", text_path)) from None
    if problem := provenance.text_problem(text):
        raise KgError(Problem(problem, text_path))

    meta = parse_file(meta_path, N(ns.SOURCES_GRAPH))
    if not any(q.subject.value == doc and q.predicate.value == ns.RDF + "type" for q in meta):
        raise KgError(Problem(f"article.ttl must describe <{doc}> (the folder's name is the article's)", meta_path))
    ds.add(meta, meta_path)
    ds.add([quad(doc, ns.CD + "text", ox.Literal(text), ns.SOURCES_GRAPH)])

    authored = parse_file(claims_path)
    graphs = {q.graph_name.value for q in authored if isinstance(q.graph_name, ox.NamedNode)}
    about: dict[str, list[ox.Quad]] = {}
    problems: list[Problem] = []
    prefix = f"{ns.CLAIM}{slug}/"
    for q in authored:
        if isinstance(q.graph_name, ox.DefaultGraph):
            about.setdefault(q.subject.value, []).append(q)
    for g in sorted(graphs):
        if not g.startswith(prefix):
            problems.append(Problem(f"claim graph <{g}> must be named under {prefix}", claims_path,
                                    line_of(claims_path, g.rsplit("/", 1)[-1])))
    activities = {s for s, qs in about.items() if s not in graphs and any(
        q.predicate.value == ns.RDF + "type" and q.object.value == ns.PROV + "Activity" for q in qs)}
    for subject, qs in about.items():
        name = ns.shorten(subject)
        if subject in activities:
            allowed, what = ACTIVITY_METADATA, "an activity"
        elif subject in graphs:
            allowed, what = CLAIM_METADATA, "a claim"
        else:
            problems.append(Problem(f"{name} is described beside the claims but is neither a claim graph of that "
                                    "name nor a prov:Activity", claims_path,
                                    line_of(claims_path, name.split(":", 1)[-1])))
            continue
        for q in qs:
            if q.predicate.value not in allowed:
                hint = " (on whose word: cd:accordingTo)" if q.predicate.value == ns.PROV + "wasAttributedTo" else ""
                problems.append(Problem(f"{name}: unexpected {ns.shorten(q.predicate.value)} beside {what}{hint} "
                                        f"(allowed: {', '.join(sorted(ns.shorten(p) for p in allowed))})", claims_path,
                                        line_of(claims_path, ns.shorten(q.predicate.value))))
    provenance_quads: list[ox.Quad] = []
    published: set[str] = set()
    used_activities: set[str] = set()
    first_lines = subject_lines(claims_path)
    for g in sorted(graphs):
        name = ns.shorten(g)
        line = first_lines.get(g)
        meta_of = about.get(g, [])
        quotes = [q.object.value for q in meta_of if q.predicate.value == _EVIDENCE]
        if not quotes:
            problems.append(Problem(f"claim {name} has no cd:evidence quote", claims_path, line))
            continue
        review = _review_of(name, meta_of, activities, claims_path, line, problems)
        statuses: dict[str, set[str]] = {}
        for q in authored:
            if q.graph_name == N(g) and q.predicate.value == ns.CD + "status":
                statuses.setdefault(q.subject.value, set()).add(q.object.value)
        for undertaking, found in sorted(statuses.items()):
            if len(found) > 1:
                shown = ", ".join(sorted(ns.shorten(s) for s in found))
                problems.append(Problem(f"claim {name} gives {ns.shorten(undertaking)} {len(found)} statuses "
                                        f"({shown}): one claim graph says one status (another source or date is "
                                        "another claim)",
                                        claims_path, line))
        claim_prov = [quad(g, ns.RDF + "type", ns.CD + "ArticleClaim", ns.PROVENANCE_GRAPH),
                      quad(g, ns.DCTERMS + "source", doc, ns.PROVENANCE_GRAPH)]
        claim_prov += [ox.Quad(q.subject, q.predicate, q.object, N(ns.PROVENANCE_GRAPH))
                       for q in meta_of if q.predicate.value != _EVIDENCE]
        for n, quote in enumerate(sorted(quotes), start=1):
            try:
                sel = provenance.locate(text, quote)
            except (provenance.QuoteNotFound, provenance.QuoteAmbiguous) as e:
                problems.append(Problem(_quote_problem(name, quote, e, meta_of, text_path.name), claims_path,
                                        line_of_subject(claims_path, g, quote[:40])))
                continue
            claim_prov += provenance.evidence_quads(g, doc, n, sel, ns.PROVENANCE_GRAPH)
        if review == ACCEPTED:
            published.add(g)
            provenance_quads += claim_prov
            used_activities |= {q.object.value for q in meta_of if q.predicate.value == ns.PROV + "wasGeneratedBy"}
        elif review:
            key = review.rsplit("/", 1)[-1]
            ds.withheld[key] = ds.withheld.get(key, 0) + 1
    if problems:
        raise KgError(problems)
    ds.add([q for q in authored if isinstance(q.graph_name, ox.NamedNode) and q.graph_name.value in published],
           claims_path)
    ds.add(provenance_quads)
    ds.add([ox.Quad(q.subject, q.predicate, q.object, N(ns.PROVENANCE_GRAPH))
            for a in sorted(used_activities) for q in about.get(a, [])])


def _quote_problem(name: str, quote: str, error: ValueError, meta: list[ox.Quad], text_name: str) -> str:
    """What is wrong with a quote; for a reviewed claim whose quote is not found, that the review no longer holds."""
    marks = {q.predicate.value: q.object.value for q in meta if q.predicate.value in (ns.CD + "reviewedBy",
                                                                                        ns.CD + "reviewedAt")}
    if isinstance(error, provenance.QuoteNotFound) and marks:
        who, when = marks.get(ns.CD + "reviewedBy", "someone"), marks.get(ns.CD + "reviewedAt")
        return (f"claim {name} was reviewed by {who}{f' at {when}' if when else ''} but its evidence {quote!r} is "
                f"no longer in {text_name} ({error}): the text or the quote changed after the review; fix the quote "
                "and review it again")
    return f"claim {name}: quote {quote!r}: {error} (in {text_name})"


def _review_of(name: str, meta: list[ox.Quad], activities: set[str], path: Path, line: int | None,
               problems: list[Problem]) -> str | None:
    """The claim's review status, after checking its review metadata and its activity (problems are appended)."""
    def values(p: str) -> list[ox.Term]:
        return [q.object for q in meta if q.predicate.value == p]

    status = values(ns.CD + "reviewStatus")
    review = status[0].value if len(status) == 1 else None
    if review not in (ACCEPTED, PENDING, REJECTED):
        problems.append(Problem(f"claim {name} needs one cd:reviewStatus: review:accepted, review:pending or "
                                "review:rejected", path, line))
        review = None
    reviewed = [values(ns.CD + "reviewedBy"), values(ns.CD + "reviewedAt")]
    if review in (ACCEPTED, REJECTED) and any(len(v) != 1 for v in reviewed):
        problems.append(Problem(f"claim {name} is {ns.shorten(review)}: it needs one cd:reviewedBy (who) and one "
                                "cd:reviewedAt (xsd:dateTime, when)", path, line))
    if review == PENDING and any(reviewed):
        problems.append(Problem(f"claim {name} is pending: it has no cd:reviewedBy or cd:reviewedAt yet", path, line))
    at = reviewed[1][0] if len(reviewed[1]) == 1 else None
    if at is not None and not (isinstance(at, ox.Literal) and at.datatype == N(ns.XSD + "dateTime")):
        problems.append(Problem(f"claim {name}: cd:reviewedAt is an xsd:dateTime", path, line))
    generated = values(ns.PROV + "wasGeneratedBy")
    if len(generated) != 1 or generated[0].value not in activities:
        problems.append(Problem(f"claim {name} needs one prov:wasGeneratedBy, an activity described in the same file "
                                "(a prov:Activity: hand authoring or an extraction)", path, line))
    return review


def _add_context(ds: Dataset, path: Path) -> None:
    authored = parse_file(path)
    graphs = sorted({q.graph_name.value for q in authored if isinstance(q.graph_name, ox.NamedNode)})
    problems: list[Problem] = []
    meta: dict[str, dict[str, list[ox.Quad]]] = {}
    for q in authored:
        if isinstance(q.graph_name, ox.DefaultGraph):
            if q.predicate.value not in CONTEXT_METADATA or q.subject.value not in graphs:
                problems.append(Problem(f"unexpected {ns.shorten(q.subject.value)} {ns.shorten(q.predicate.value)} "
                                        "(beside a context graph: dcterms:source, pav:retrievedOn, rdfs:comment)",
                                        path, line_of(path, ns.shorten(q.predicate.value))))
                continue
            meta.setdefault(q.subject.value, {}).setdefault(q.predicate.value, []).append(q)
    for g in graphs:
        name = ns.shorten(g)
        if not g.startswith(ns.CONTEXT):
            problems.append(Problem(f"context graph <{g}> must be named under {ns.CONTEXT}", path))
        for needed in (ns.DCTERMS + "source", ns.PAV + "retrievedOn"):
            if len(meta.get(g, {}).get(needed, [])) != 1:
                problems.append(Problem(f"context graph {name} needs exactly one {ns.shorten(needed)}", path,
                                        line_of(path, name.split(":", 1)[-1] + " {")))
    if problems:
        raise KgError(problems)
    ds.add([q for q in authored if isinstance(q.graph_name, ox.NamedNode)], path)
    ds.add([quad(g, ns.RDF + "type", ns.CD + "ContextClaim", ns.PROVENANCE_GRAPH) for g in graphs])
    ds.add([ox.Quad(q.subject, q.predicate, q.object, N(ns.PROVENANCE_GRAPH))
            for by_pred in meta.values() for qs in by_pred.values() for q in qs])


def withheld_summary(ds: Dataset) -> str:
    """What the build left out for want of review, in words (always said, even when nothing)."""
    counts = {k: ds.withheld.get(k, 0) for k in ("pending", "rejected")}
    return (f"published accepted claims only; left out {counts['pending']} pending and "
            f"{counts['rejected']} rejected")

