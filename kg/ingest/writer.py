"""Writing a new article folder in the authoring format: the text byte for byte, article.ttl and a
claims.trig whose claims are all pending. The folder appears whole or not at all."""

from __future__ import annotations

import contextlib
import fcntl
import json
import os
import re
import shutil
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox

from kg import namespaces as ns
from kg.errors import KgError, Problem
from kg.ingest.extractor import Candidate
from kg.rdfio import atomic_write, serialize

N = ox.NamedNode
REVIEW = getattr(ns, "REVIEW", ns.BASE + "review/")
SOFTWARE = ns.ID + "software/cdkg"


@dataclass(frozen=True)
class Metadata:
    id: str
    title: str
    language: str
    publisher: str  # IRI
    issued: str  # ISO date, year-month or year
    issued_datatype: str  # xsd local name
    url: str | None = None


def activity_iri(article_id: str) -> str:
    return f"{ns.ID}activity/ingest-{article_id}"


def article_quads(meta: Metadata) -> list[ox.Quad]:
    doc = N(ns.document(meta.id))

    def q(p: str, o: ox.NamedNode | ox.Literal) -> ox.Quad:
        return ox.Quad(doc, N(p), o)

    quads = [q(ns.RDF + "type", N(ns.CD + "NewsArticle")),
             q(ns.DCTERMS + "title", ox.Literal(meta.title, language=meta.language)),
             # every source needs a name in fr or en (shapes: EntityShape): its title, in its language
             q(ns.RDFS + "label", ox.Literal(meta.title, language=meta.language)),
             q(ns.DCTERMS + "publisher", N(meta.publisher)),
             q(ns.DCTERMS + "issued", ox.Literal(meta.issued, datatype=N(ns.XSD + meta.issued_datatype))),
             q(ns.DCTERMS + "language", ox.Literal(meta.language, datatype=N(ns.XSD + "language")))]
    if meta.url:
        quads.append(q(ns.SCHEMA + "url", N(meta.url)))
    return quads


def claims_quads(meta: Metadata, candidates: list[Candidate], software_version: str, used: list[str],
                 started: str) -> list[ox.Quad]:
    activity = N(activity_iri(meta.id))
    quads = [ox.Quad(activity, N(ns.RDF + "type"), N(ns.PROV + "Activity")),
             ox.Quad(activity, N(ns.RDF + "type"), N(ns.CD + "Extraction")),
             ox.Quad(activity, N(ns.RDFS + "label"), ox.Literal(f"kg ingest of {meta.id}", language="en")),
             ox.Quad(activity, N(ns.PROV + "wasAssociatedWith"), N(SOFTWARE)),
             ox.Quad(activity, N(ns.CD + "softwareVersion"), ox.Literal(software_version)),
             ox.Quad(activity, N(ns.PROV + "startedAtTime"), ox.Literal(started, datatype=N(ns.XSD + "dateTime")))]
    quads += [ox.Quad(activity, N(ns.PROV + "used"), ox.Literal(u)) for u in used]
    for c in candidates:
        claim = N(f"{ns.CLAIM}{meta.id}/{c.name}")
        for s, p, o in c.triples:
            quads.append(ox.Quad(N(s), N(p), N(o) if isinstance(o, str) else o, claim))
        about = [(ns.CD + "evidence", ox.Literal(e)) for e in c.evidence]
        about += [(ns.CD + "reviewStatus", N(REVIEW + "pending")),
                  (ns.PROV + "wasGeneratedBy", activity),
                  (ns.CD + "confidence", ox.Literal(f"{c.confidence:.2f}", datatype=N(ns.XSD + "decimal"))),
                  (ns.CD + "extractionRule", ox.Literal(c.rule))]
        if c.according_to:
            about.append((ns.CD + "accordingTo", N(c.according_to)))
        about += [(ns.RDFS + "comment", ox.Literal(text)) for text in c.comments]
        quads += [ox.Quad(claim, N(p), o) for p, o in about]
    return quads


HEADER_ARTICLE = "# The article's metadata, written by kg ingest.\n"
HEADER_CLAIMS = ("# Claims proposed by kg ingest: all pending until reviewed (kg review). Each names its evidence\n"
                 "# (exact words of the text), the rule that fired and how sure it is.\n")


def write_article(folder: Path, meta: Metadata, stored: bytes, candidates: list[Candidate], software_version: str,
                  used: list[str], started: str, force: bool = False,
                  lock: Callable[[], contextlib.AbstractContextManager] | None = None) -> Path:
    """Write data/articles/<id>/ whole: staged in a hidden sibling folder, then renamed into place. Replacing an
    article (--force) is journalled: once the new folder is complete, a journal names the three folders, and a
    command killed anywhere in the swap leaves what the next ingest, review or build finishes (see recover).
    ``lock`` is held from that journal to the end of the swap: the lock of the article's review writers, so that
    a decision being saved is finished first and none is written into the folder being replaced."""
    files = {
        f"{meta.id}.{meta.language}.txt": stored,
        "article.ttl": HEADER_ARTICLE.encode() + serialize(article_quads(meta), ox.RdfFormat.TURTLE),
        "claims.trig": HEADER_CLAIMS.encode() + serialize(
            claims_quads(meta, candidates, software_version, used, started), ox.RdfFormat.TRIG),
    }
    articles = folder.parent
    articles.mkdir(parents=True, exist_ok=True)
    with articles_lock(articles):
        _recover(articles)
        if _exists(folder) and not force:
            raise KgError(Problem(f"{folder} already exists: kg ingest never overwrites an article (use --force "
                                  "to replace it, or --id to choose another name)"))
        try:
            staging = Path(tempfile.mkdtemp(prefix=f".{meta.id}.", suffix=".tmp", dir=articles))
        except OSError as e:  # a read-only or full disk: name the article, not the staging folder it tried
            raise KgError(Problem(f"cannot write: {e.strerror or e}; nothing was changed", folder)) from None
        journal = articles / f".{meta.id}{JOURNAL}"
        try:
            os.chmod(staging, 0o777 & ~_umask())
            for name, data in files.items():
                with open(staging / name, "wb") as f:
                    f.write(data)
                    f.flush()
                    os.fsync(f.fileno())
            if not _exists(folder):  # a new article: one rename puts it in place whole, nothing to journal
                os.replace(staging, folder)
                _sync(articles)
                return folder
            old = staging.with_name(staging.name.removesuffix(".tmp") + ".old")
        except OSError as e:
            shutil.rmtree(staging, ignore_errors=True)
            real = folder / Path(e.filename).name if e.filename and Path(e.filename).name in files else folder
            raise KgError(Problem(f"cannot write: {e.strerror or e}; nothing was changed", real)) from None
        except BaseException:
            shutil.rmtree(staging, ignore_errors=True)
            raise
        with (lock or contextlib.nullcontext)():
            try:
                # the commit point: from here on the swap is finished by whoever comes next
                atomic_write(journal, json.dumps({"article": folder.name, "staging": staging.name, "old": old.name},
                                                 sort_keys=True).encode())
            except BaseException as e:
                shutil.rmtree(staging, ignore_errors=True)
                if isinstance(e, OSError):
                    raise KgError(Problem(f"cannot write: {e.strerror or e}; nothing was changed", folder)) from None
                raise
            try:
                _replay(articles, journal)
            except OSError as e:
                raise KgError(Problem(f"cannot put the new version in place: {e.strerror or e}; the next kg "
                                      "ingest, review or build finishes it", folder)) from None
    return folder


# ---- the swap's journal and the recovery of interrupted ingests ---------------------------------------------

JOURNAL = ".swap.json"
# what kg ingest leaves beside the articles while it writes: .<id>.<random>.tmp (staging), .<id>.<random>.old
# (the replaced article), .<id>.swap.json (the journal) and its own temporary ..<id>.swap.json.<random>.tmp
LEFTOVER = re.compile(r"^\.\.?(?P<id>[a-z0-9]+(?:-[a-z0-9]+)*)\."
                      r"(?:[A-Za-z0-9_]+\.(?P<kind>tmp|old)|swap\.json(?:\..+\.tmp)?)$")


@contextlib.contextmanager
def articles_lock(articles: Path) -> Iterator[None]:
    """One writer of the articles folder's entries at a time (ingests, and the recovery of their leftovers)."""
    fd = os.open(articles, os.O_RDONLY)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)


def recover(articles: Path) -> list[str]:
    """Finish or undo what a killed kg ingest left in the articles folder; what was done, one line each.
    A journalled swap is completed (the new version was whole); an article found only in its .old folder is put
    back; a staging folder without a journal was never finished and is removed."""
    if not articles.is_dir() or not any(LEFTOVER.match(p.name) for p in articles.iterdir()):
        return []
    with articles_lock(articles):
        return _recover(articles)


def _recover(articles: Path) -> list[str]:
    done: list[str] = []
    for journal in sorted(articles.glob(f".*{JOURNAL}")):
        done.append(_replay(articles, journal))
    olds: dict[str, list[Path]] = {}
    for path in sorted(articles.iterdir()):
        m = LEFTOVER.match(path.name)
        if not m or not _exists(path):
            continue
        if m.group("kind") == "old":
            olds.setdefault(m.group("id"), []).append(path)
        else:
            _remove(path)
            done.append(f"removed {path}: the staging of a kg ingest that did not finish")
    for article_id, found in olds.items():  # from a swap without a journal (before journals were written)
        folder = articles / article_id
        found.sort(key=lambda p: p.lstat().st_mtime)
        if not _exists(folder):
            os.replace(found.pop(), folder)
            done.append(f"put back {folder} from the copy an interrupted kg ingest --force had set aside")
        for path in found:
            _remove(path)
            done.append(f"removed {path}: the previous version of {folder}, replaced by kg ingest --force")
    if done:
        _sync(articles)
    return done


def _replay(articles: Path, journal: Path) -> str:
    """Complete a journalled swap (idempotent: every step checks what is already done), then drop the journal."""
    try:
        entry = json.loads(journal.read_bytes())
        names = [entry["article"], entry["staging"], entry["old"]]
    except (OSError, ValueError, KeyError, TypeError):
        names = []
    if len(names) != 3 or not all(isinstance(n, str) and n and "/" not in n and n not in (".", "..") for n in names):
        raise KgError(Problem("the journal of an interrupted kg ingest --force cannot be read: check the article "
                              "folders beside it by hand, then delete it", journal))
    folder, staging, old = (articles / n for n in names)
    if staging.is_dir() and not staging.is_symlink():  # the new version is whole (the journal came after it)
        if _exists(folder) and not _exists(old):
            os.replace(folder, old)
        if not _exists(folder):
            os.replace(staging, folder)
            outcome = f"{folder}: the replacement kg ingest --force wrote is in place"
        else:
            _remove(staging)
            outcome = f"{folder}: kept as it is (an interrupted replacement was dropped)"
    elif not _exists(folder) and _exists(old):
        os.replace(old, folder)
        outcome = f"{folder}: put back as it was before an interrupted kg ingest --force"
    else:
        outcome = f"{folder}: the replacement kg ingest --force wrote is in place"
    _sync(articles)
    if _exists(old) and _exists(folder):
        _remove(old)
    journal.unlink(missing_ok=True)
    _sync(articles)
    return outcome


def _exists(path: Path) -> bool:
    return path.exists() or path.is_symlink()  # a dangling symlink is an entry all the same


def _remove(path: Path) -> None:
    """Remove a leftover; a symlinked article's link only, never what it points to."""
    if path.is_symlink() or path.is_file():
        path.unlink(missing_ok=True)
    elif path.is_dir():
        shutil.rmtree(path)


def _sync(folder: Path) -> None:
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
