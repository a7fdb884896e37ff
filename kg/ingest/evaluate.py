"""`make eval`: ingest every article of a split (eval/dev, eval/test) into build/eval/ and score it against
its gold, each against the project's graph *without that article's own claims* (no leakage: the seed
article is both data and a development article)."""

from __future__ import annotations

import sys
import time
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox

from kg import namespaces as ns
from kg.errors import EXIT_INVALID, KgError, Problem
from kg.ingest import Context, IngestOptions, _dataset_quads, _undertakings, ingest, load_context
from kg.ingest.gazetteer import build_gazetteer
from kg.ingest.lexicon import tomllib
from kg.project import Project
from kg.rdfio import parse_file
from kg.score import Known, Score, format_score, score

# what a split's figures may be called: only the frozen test split is unseen
SPLITS = {"dev": "development: the rules were tuned on these", "test": "unseen: frozen, never tuned on"}


@dataclass(frozen=True)
class EvalArticle:
    id: str
    text: Path
    language: str
    issued: str
    gold: Path


def _issued(meta: list[ox.Quad]) -> str | None:
    return next((q.object.value for q in meta if q.predicate.value == ns.DCTERMS + "issued"), None)


def _rows(manifest: Path, split: str | None) -> list[dict]:
    if not manifest.is_file():
        return []
    rows = tomllib.loads(manifest.read_text(encoding="utf-8")).get("article", [])
    return [r for r in rows if "gold" in r and "folder" in r and (split is None or r.get("split") == split)]


def corpus(project: Project, folder: Path) -> list[EvalArticle]:
    """A split's articles: every <folder>/<id>/gold.trig, and the rows of <folder>/corpus.toml or of
    eval/corpus.toml (with split = the folder's name) whose gold lives elsewhere (the seed's)."""
    if not folder.is_dir():
        raise KgError(Problem("no such evaluation corpus (a folder of <id>/gold.trig)", folder), EXIT_INVALID)
    entries: list[tuple[Path, Path, str | None]] = [
        (project.root / r["folder"], project.root / r["gold"], r.get("issued"))
        for r in _rows(folder / "corpus.toml", None) + _rows(folder.parent / "corpus.toml", folder.name)]
    entries += [(gold.parent, gold, None) for gold in sorted(folder.glob("*/gold.trig"))]
    out, seen = [], set()
    for article, gold, fallback in entries:
        if gold.resolve() in seen:
            continue
        seen.add(gold.resolve())
        texts = sorted(article.glob("*.txt"))
        if len(texts) != 1 or not gold.is_file():
            raise KgError(Problem("an evaluation article needs one <id>.<lang>.txt and its gold", article),
                          EXIT_INVALID)
        language = texts[0].suffixes[-2].lstrip(".") if len(texts[0].suffixes) > 1 else ""
        meta = article / "article.ttl"
        issued = (_issued(parse_file(meta)) if meta.is_file() else None) or fallback
        out.append(EvalArticle(article.name, texts[0], language, issued, gold))
    if not out:
        raise KgError(Problem("no article to evaluate here (no <id>/gold.trig)", folder), EXIT_INVALID)
    return out


def without_article(quads: list[ox.Quad], article_id: str) -> list[ox.Quad]:
    """The graph without an article's claims, their evidence, the article itself, and the entities only it
    introduced (cd:firstMetIn the article and named by no other article's claims nor any context)."""
    doc = ns.document(article_id)
    own = (ns.CLAIM + article_id + "/", ns.EVIDENCE + article_id + "/")

    def graph(q: ox.Quad) -> str:
        return "" if isinstance(q.graph_name, ox.DefaultGraph) else q.graph_name.value

    introduced = {q.subject.value for q in quads if q.predicate.value == ns.CD + "firstMetIn" and q.object.value == doc}
    elsewhere = set()
    for q in quads:
        g = graph(q)
        if (g.startswith(ns.CLAIM) and not g.startswith(own[0])) or g.startswith(ns.CONTEXT):
            elsewhere.update((q.subject.value, q.object.value))
    gone = (introduced - elsewhere) | {doc}
    return [q for q in quads if not graph(q).startswith(own) and not q.subject.value.startswith(own)
            and q.subject.value not in gone and q.object.value not in gone]


def context_without(ctx: Context, article_id: str) -> Context:
    """The ingest context as if the project had never read this article (itself when it had not)."""
    if not any(q.subject.value == ns.document(article_id) for q in ctx.quads):
        return ctx
    from kg.build import reference_rows

    quads = without_article(ctx.quads, article_id)
    reference = ctx.project.data / "reference" / "wikidata-ids.tsv"
    rows = reference_rows(reference) if reference.is_file() else []
    return Context(ctx.project, ctx.vocabulary, quads, dict(ctx.lexicons),
                   {lang: build_gazetteer(quads, ctx.vocabulary, lex, rows) for lang, lex in ctx.lexicons.items()},
                   _undertakings(quads, ctx.vocabulary))


def project_known(project: Project, article_ids: set[str]) -> Known:
    """What the project's graph knows of entities, without the scored article's own claims."""
    from kg.build import assemble_ontology
    from kg.ingest.lexicon import languages, load_lexicon
    from kg.ingest.vocabulary import read_vocabulary

    quads = _dataset_quads(project, None)
    for article_id in sorted(article_ids):
        quads = without_article(quads, article_id)
    vocabulary = read_vocabulary(assemble_ontology(project))
    return _known(quads, [load_lexicon(language, vocabulary) for language in languages()])


def _known(quads: list[ox.Quad], lexicons) -> Known:
    known = Known.from_quads(quads)
    known.states = {iri for lex in lexicons for iri in lex.states}
    return known


def run(project: Project, folder: Path, out: Path, stream=sys.stdout, rescore: bool = False) -> dict[str, Score]:
    """Ingest and score every article of a split; with rescore, score the drafts already in `out` (made by
    another version, say) with this scorer instead of ingesting again."""
    articles = corpus(project, folder)
    split = folder.name
    ctx = load_context(project)
    totals: dict[str, Score] = {}
    efforts: list[str] = []
    started = time.perf_counter()
    for a in articles:
        own = context_without(ctx, a.id)
        if rescore:
            draft, found = out / a.id, "scored again"
            if not (draft / "claims.trig").is_file():
                raise KgError(Problem(f"no draft of {a.id} to score again", draft), EXIT_INVALID)
        else:
            result = ingest(a.text, IngestOptions(lang=a.language, publisher="organization:cdkg-project",
                                                  issued=a.issued, article_id=a.id, force=True, articles_dir=out,
                                                  now="2026-01-01T00:00:00Z"), project, own)
            draft, found = result.folder, f"{len(result.candidates)} candidates"
        s = score(draft, a.gold, ctx.vocabulary, a.text.read_text(encoding="utf-8"),
                  _known(own.quads, ctx.lexicons.values()))
        stream.write(format_score(s, f"== {split}/{a.id} ({a.language}): {found}"))
        stream.write("\n")
        efforts.append(f"{a.id} {s.effort.total}")
        totals.setdefault(a.language, Score()).add(s)
    elapsed = time.perf_counter() - started
    stream.write(f"review effort per article ({split}): {', '.join(efforts)}\n\n")
    overall = Score()
    for language, s in sorted(totals.items()):
        n = sum(1 for a in articles if a.language == language)
        stream.write(format_score(s, f"==== {split} {language}: {n} articles", details=False))
        stream.write("\n")
        overall.add(s)
    what = SPLITS.get(split, "a corpus outside eval/dev and eval/test")
    stream.write(format_score(overall, f"==== {split} ({what}), all: {len(articles)} articles "
                                       f"({elapsed:.1f} s with model load)", details=False))
    stream.write(f"overall F1 ({split}, strict): {overall.overall.f1:.2f}; review effort "
                 f"{overall.effort.total} operations\n")
    return totals
