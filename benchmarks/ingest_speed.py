"""kg ingest's speed: short articles a minute on this machine, after the model is loaded.

Ingests the development corpus (eval/dev/) over and over, each time as a new article written to a
temporary folder, and reports articles per minute for French and English. Target: >= 50 a minute.
Writes benchmarks/ingest_results.json."""

from __future__ import annotations

import argparse
import json
import platform
import tempfile
import time
from pathlib import Path

from kg.ingest import IngestOptions, ingest, load_context
from kg.ingest.evaluate import corpus
from kg.ingest.nlp import pipeline
from kg.project import find_project

TARGET = 50.0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rounds", type=int, default=10, help="times through the corpus (default: 10)")
    args = parser.parse_args()
    project = find_project()
    ctx = load_context(project)
    articles = corpus(project, project.root / "eval" / "dev")
    t0 = time.perf_counter()
    for language in sorted({a.language for a in articles}):
        pipeline(language)
    load = time.perf_counter() - t0
    results: dict[str, dict] = {}
    with tempfile.TemporaryDirectory() as tmp:
        for language in sorted({a.language for a in articles}):
            chosen = [a for a in articles if a.language == language]
            count, chars = 0, 0
            start = time.perf_counter()
            for r in range(args.rounds):
                for a in chosen:
                    ingest(a.text, IngestOptions(lang=language, publisher="organization:cdkg-project", issued=a.issued,
                                                 article_id=f"{a.id}-{r}", articles_dir=Path(tmp),
                                                 now="2026-01-01T00:00:00Z"), project, ctx)
                    count += 1
                    chars += len(a.text.read_text(encoding="utf-8"))
            seconds = time.perf_counter() - start
            results[language] = {"articles": count, "seconds": round(seconds, 2),
                                 "articles_per_minute": round(60 * count / seconds, 1),
                                 "mean_characters": round(chars / count)}
    report = {"machine": f"{platform.machine()}, {platform.python_version()}", "model_load_seconds": round(load, 2),
              "target_articles_per_minute": TARGET, "results": results}
    out = Path(__file__).with_name("ingest_results.json")
    out.write_text(json.dumps(report, indent=1) + "\n", encoding="utf-8")
    print(f"model load: {load:.1f} s")
    for language, r in results.items():
        verdict = "meets" if r["articles_per_minute"] >= TARGET else "MISSES"
        print(f"{language}: {r['articles_per_minute']:.0f} articles/minute ({r['articles']} articles of "
              f"~{r['mean_characters']} characters in {r['seconds']} s) — {verdict} the target of {TARGET:.0f}")
    print(f"wrote {out}")


if __name__ == "__main__":
    main()
