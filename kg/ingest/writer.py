"""Writing a new article folder in the authoring format: the text byte for byte, article.ttl and a
claims.trig whose claims are all pending. The folder appears whole or not at all."""

from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox

from kg import namespaces as ns
from kg.errors import KgError, Problem
from kg.ingest.extractor import Candidate
from kg.rdfio import serialize

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
                  used: list[str], started: str, force: bool = False) -> Path:
    """Write data/articles/<id>/ whole: staged in a hidden sibling folder, then renamed into place."""
    if folder.exists() and not force:
        raise KgError(Problem(f"{folder} already exists: kg ingest never overwrites an article (use --force "
                              "to replace it, or --id to choose another name)"))
    files = {
        f"{meta.id}.{meta.language}.txt": stored,
        "article.ttl": HEADER_ARTICLE.encode() + serialize(article_quads(meta), ox.RdfFormat.TURTLE),
        "claims.trig": HEADER_CLAIMS.encode() + serialize(
            claims_quads(meta, candidates, software_version, used, started), ox.RdfFormat.TRIG),
    }
    folder.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{meta.id}.", suffix=".tmp", dir=folder.parent))
    old: Path | None = None
    try:
        os.chmod(staging, 0o777 & ~_umask())
        for name, data in files.items():
            (staging / name).write_bytes(data)
        if folder.exists():
            old = Path(tempfile.mkdtemp(prefix=f".{meta.id}.", suffix=".old", dir=folder.parent))
            os.rmdir(old)
            os.replace(folder, old)
        os.replace(staging, folder)
    except BaseException:
        if old is not None and not folder.exists():
            os.replace(old, folder)
            old = None
        raise
    finally:
        with contextlib.suppress(FileNotFoundError):
            shutil.rmtree(staging)
        if old is not None:
            shutil.rmtree(old, ignore_errors=True)
    return folder


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
