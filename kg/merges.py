"""Merging one entity into another, safely: a project-wide lock, a journal, and a check of kinds.

A merge changes two files at once (the article's ``claims.trig`` and the shared
``data/entities/merges.ttl``), and two reviewers of two articles may merge at the same moment.
So:

- ``review_lock`` is taken by every writer of review decisions (``kg review``, the page), before its
  article's own lock (``article_lock``, which ``kg ingest --force`` takes too before it replaces an
  article): merges of two articles wait for each other instead of rewriting merges.ttl from the same old
  copy (one record lost), and a replaced article never loses a decision half-written, or gets one
  written over its new claims.
- ``journaled_write`` first writes the whole new content of every file to
  ``data/entities/.merge-journal.json`` (atomically: it is the commit point), then each file, then
  removes the journal. ``recover`` (run by the next review command and by the build) writes again
  every file of a journal left by a killed run: the merge is then whole, never half-applied. The
  journal is not a ``.ttl`` file and not a folder: the build never mistakes it for data.
- ``check_kinds`` refuses a merge between entities of unrelated kinds (a person into a state): the
  kinds of the old entity and of the canonical one must be the same or one a subclass of the other,
  in the ontology's own hierarchy. ``by_parts`` names the kinds no merge applies to at all: those the
  ontology says are what their parts make them (``cd:identifiedBy``: a tenure, a statement).
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import os
from collections.abc import Iterable, Iterator
from pathlib import Path

import pyoxigraph as ox

from kg import namespaces as ns
from kg.errors import KgError, Problem, line_of
from kg.project import Project
from kg.rdfio import atomic_write_all

JOURNAL = ".merge-journal.json"
A = ns.RDF + "type"
SUBCLASS = ns.RDFS + "subClassOf"


def journal_path(project: Project) -> Path:
    return project.data / "entities" / JOURNAL


@contextlib.contextmanager
def review_lock(project: Project) -> Iterator[None]:
    """One review writer at a time in the project (flock on data/entities, released when closed)."""
    folder = project.data / "entities"
    folder.mkdir(parents=True, exist_ok=True)
    fd = os.open(folder, os.O_RDONLY)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)


@contextlib.contextmanager
def article_lock(project: Project, folder: Path) -> Iterator[None]:
    """What every writer of an article's claims holds (the review page, kg review, kg ingest --force replacing
    it): the project's review lock, then the article folder's own; a merge a killed run left half-written is
    finished before anything is read."""
    with review_lock(project):
        fd = os.open(folder, os.O_RDONLY)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX)
            recover(project)
            yield
        finally:
            os.close(fd)  # closing releases the lock


def journaled_write(project: Project, files: dict[Path, bytes]) -> None:
    """Write several files so that a kill at any point leaves either the old set or a journal that
    ``recover`` completes. Call it under ``review_lock``."""
    if len(files) < 2:
        atomic_write_all(files)
        return
    journal = journal_path(project)
    root = project.root.resolve()

    def name(p: Path) -> str:  # relative to the project when it can be (a copy of the project still recovers)
        try:
            return str(p.resolve().relative_to(root))
        except ValueError:
            return str(p.resolve())

    record = {"files": {name(p): data.decode("utf-8") for p, data in files.items()}}
    atomic_write_all({journal: json.dumps(record, ensure_ascii=False, sort_keys=True).encode("utf-8")})
    atomic_write_all(files)
    journal.unlink()


def recover(project: Project) -> list[Path]:
    """Finish a multi-file write a killed run left (its journal): every file written whole again. Returns
    the files written; call it under ``review_lock`` (the build calls it too, see ``recover_locked``)."""
    journal = journal_path(project)
    if not journal.is_file():
        return []
    try:
        record = json.loads(journal.read_text(encoding="utf-8"))
        files = {project.root / name: text.encode("utf-8") for name, text in record["files"].items()}
    except (ValueError, KeyError, TypeError, AttributeError) as e:
        raise KgError(Problem(f"an unfinished merge's journal cannot be read ({e}); restore the files it names "
                              "(git diff) and delete it", journal)) from None
    outside = [p for p in files if project.data.resolve() not in p.resolve().parents]
    if outside:
        raise KgError(Problem(f"the merge journal names a file outside data/: {outside[0]}", journal))
    atomic_write_all(files)
    journal.unlink()
    return sorted(files)


def recover_locked(project: Project) -> list[Path]:
    if not journal_path(project).is_file():
        return []
    with review_lock(project):
        return recover(project)


# --------------------------------------------------------------------------------------------------
# Which kinds can be merged


def class_ancestors(ontology: Iterable[ox.Quad]) -> dict[str, set[str]]:
    """Each class of the ontology's own namespace -> itself and every class above it."""
    parents: dict[str, set[str]] = {}
    for q in ontology:
        if q.predicate.value == SUBCLASS and q.subject.value.startswith(ns.CD) and q.object.value.startswith(ns.CD):
            parents.setdefault(q.subject.value, set()).add(q.object.value)
            parents.setdefault(q.object.value, set())
    ups: dict[str, set[str]] = {}

    def up(c: str, seen: frozenset[str] = frozenset()) -> set[str]:
        if c not in ups:
            found = {c}
            for p in parents.get(c, ()):
                if p not in seen:
                    found |= up(p, seen | {c})
            ups[c] = found
        return ups[c]

    for c in parents:
        up(c)
    return ups


def compatible(old_kinds: Iterable[str], new_kinds: Iterable[str], ancestors: dict[str, set[str]]) -> bool:
    """Whether two entities can be one: every kind of each is the same as, or a subclass or superclass of,
    some kind of the other (a city and a place can; a person and a state cannot)."""
    olds = [k for k in old_kinds if k.startswith(ns.CD)]
    news = [k for k in new_kinds if k.startswith(ns.CD)]
    if not olds or not news:
        return True  # an untyped side: nothing to compare (the shapes ask every entity for a kind)

    def related(a: str, b: str) -> bool:
        return a in ancestors.get(b, {b}) or b in ancestors.get(a, {a})

    return all(any(related(o, n) for n in news) for o in olds) and all(any(related(o, n) for o in olds)
                                                                         for n in news)


IDENTIFIED_BY = ns.CD + "identifiedBy"


def identified_by(ontology: Iterable[ox.Quad]) -> dict[str, list[str]]:
    """Each class the ontology says is what its parts make it (``cd:identifiedBy``: a tenure is its holder and its
    office) -> those properties."""
    out: dict[str, list[str]] = {}
    for q in ontology:
        if q.predicate.value == IDENTIFIED_BY and isinstance(q.object, ox.NamedNode):
            out.setdefault(q.subject.value, []).append(q.object.value)
    return {c: sorted(ps) for c, ps in out.items()}


def by_parts(kinds: Iterable[str], identified: dict[str, list[str]], ancestors: dict[str, set[str]]) -> list[str]:
    """The properties that identify a thing of these kinds (or of a class above them); empty when its name does:
    a thing identified by its parts is corrected through them (a tenure's holder or office), never merged."""
    found: set[str] = set()
    for k in kinds:
        for up in ancestors.get(k, {k}):
            found.update(identified.get(up, ()))
    return sorted(found)


def repoint(quads: Iterable[ox.Quad], old: str, new: str, labels_as: str | None = None) -> list[ox.Quad]:
    """Every statement about ``old`` or pointing at it, in every graph, now about or pointing at ``new`` (order
    kept, duplicates dropped): a merge, or a new entity renamed under another kind. With ``labels_as``, ``old``'s
    labels become that property of ``new`` (a merge: the target keeps its own labels)."""
    source, target = ox.NamedNode(old), ox.NamedNode(new)
    label_props = (ns.RDFS + "label", ns.SKOS + "prefLabel")

    def swap(t):
        return target if t == source else t

    def moved(q: ox.Quad) -> ox.Quad:
        if labels_as and q.subject == source and q.predicate.value in label_props:
            return ox.Quad(target, ox.NamedNode(labels_as), q.object, q.graph_name)
        return ox.Quad(swap(q.subject), q.predicate, swap(q.object), q.graph_name)

    return list(dict.fromkeys(moved(q) for q in quads))


def check_kinds(quads: Iterable[ox.Quad], targets: dict[str, str], path: Path) -> None:
    """Refuse recorded merges (old -> canonical) between entities of unrelated kinds, each named at its line."""
    quads = list(quads)
    kinds: dict[str, set[str]] = {}
    for q in quads:
        if q.predicate.value == A and isinstance(q.object, ox.NamedNode):
            kinds.setdefault(q.subject.value, set()).add(q.object.value)
    ancestors = class_ancestors(quads)
    problems = []
    for old, new in sorted(targets.items()):
        if not compatible(kinds.get(old, ()), kinds.get(new, ()), ancestors):
            problems.append(Problem(
                f"{ns.shorten(old)} ({', '.join(sorted(ns.shorten(k) for k in kinds[old]))}) cannot be merged into "
                f"{ns.shorten(new)} ({', '.join(sorted(ns.shorten(k) for k in kinds[new]))}): unrelated kinds",
                path, line_of(path, ns.shorten(old))))
    if problems:
        raise KgError(problems)
