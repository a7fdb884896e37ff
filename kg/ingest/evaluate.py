"""`make eval`: ingest every development article into build/eval/ and score it against its gold."""

from __future__ import annotations

import sys
import time
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox

from kg import namespaces as ns
from kg.ingest import IngestOptions, ingest, load_context
from kg.ingest.lexicon import tomllib
from kg.project import Project
from kg.rdfio import parse_file
from kg.score import Score, format_score, score


@dataclass(frozen=True)
class EvalArticle:
    id: str
    text: Path
    language: str
    issued: str
    gold: Path


def _issued(meta: list[ox.Quad]) -> str | None:
    return next((q.object.value for q in meta if q.predicate.value == ns.DCTERMS + "issued"), None)


def corpus(project: Project, folder: Path) -> list[EvalArticle]:
    entries: list[tuple[Path, Path, str | None]] = []
    manifest = folder / "corpus.toml"
    if manifest.is_file():
        for row in tomllib.loads(manifest.read_text(encoding="utf-8")).get("article", []):
            entries.append((project.root / row["folder"], project.root / row["gold"], row.get("issued")))
    entries += [(gold.parent, gold, None) for gold in sorted(folder.glob("*/gold.trig"))]
    out = []
    for article, gold, fallback in entries:
        text = sorted(article.glob("*.txt"))[0]
        language = text.suffixes[-2].lstrip(".")
        issued = _issued(parse_file(article / "article.ttl")) or fallback
        out.append(EvalArticle(article.name, text, language, issued, gold))
    return out


def run(project: Project, folder: Path, out: Path, stream=sys.stdout) -> dict[str, Score]:
    ctx = load_context(project)
    totals: dict[str, Score] = {}
    started = time.perf_counter()
    articles = corpus(project, folder)
    for a in articles:
        result = ingest(a.text, IngestOptions(lang=a.language, publisher="organization:cdkg-project",
                                              issued=a.issued, article_id=a.id, force=True, articles_dir=out,
                                              now="2026-01-01T00:00:00Z"), project, ctx)
        s = score(result.folder, a.gold, ctx.vocabulary, a.text.read_text(encoding="utf-8"))
        stream.write(format_score(s, f"== {a.id} ({a.language}): {len(result.candidates)} candidates"))
        stream.write("\n")
        totals.setdefault(a.language, Score()).add(s)
    elapsed = time.perf_counter() - started
    overall = Score()
    for language, s in sorted(totals.items()):
        stream.write(format_score(s, f"==== {language}: {sum(1 for a in articles if a.language == language)} articles"))
        stream.write("\n")
        overall.add(s)
    stream.write(format_score(overall, f"==== all: {len(articles)} articles ({elapsed:.1f} s with model load)"))
    stream.write(f"overall F1: {overall.overall.f1:.2f}\n")
    return totals
