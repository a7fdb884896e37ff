"""How close a development article is to the report it retells: the share of its 5-word sequences found in the
source, and its longest run of consecutive source words outside a marked quotation.

The project's rule for articles in its own words: at most 10% of 5-word sequences shared, no run of 8 or more source
words outside a marked quotation (« … », “ … ”, " … "). The sources are not part of the project: keep them under
build/ (or anywhere outside the repository) and pass their path.

    python eval/overlap.py ARTICLE.txt SOURCE.txt [--json]
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import unicodedata
from pathlib import Path

WORD = re.compile(r"\w+(?:['’]\w+)*")
# a marked quotation: guillemets, curly or straight double quotes (not apostrophes: they sit inside words)
QUOTE = re.compile(r"«[^»]*»|“[^”]*”|\"[^\"]*\"")


def words(text: str) -> list[str]:
    """Lower-cased words without accents, so that a copy is found whatever its typography."""
    folded = unicodedata.normalize("NFKD", text.replace("’", "'")).encode("ascii", "ignore").decode().lower()
    return WORD.findall(folded)


def _marked(text: str) -> list[bool]:
    """For each word of `text`, whether it stands inside a marked quotation."""
    spans = [m.span() for m in QUOTE.finditer(text)]
    flags = []
    for m in WORD.finditer(text):
        flags.append(any(a <= m.start() < b for a, b in spans))
    return flags


def ngrams(tokens: list[str], n: int) -> list[tuple[str, ...]]:
    return [tuple(tokens[i:i + n]) for i in range(len(tokens) - n + 1)]


def overlap(article: str, source: str, n: int = 5) -> dict[str, object]:
    a, s = words(article), words(source)
    grams = ngrams(a, n)
    source_grams = set(ngrams(s, n))
    shared = sum(1 for g in grams if g in source_grams)
    # longest run of article words, outside marked quotations, that also stands in the source word for word
    marked = _marked(unicodedata.normalize("NFKC", article).replace("’", "'"))
    if len(marked) != len(a):  # folding changed the word count: fall back to no quotation marks
        marked = [False] * len(a)
    source_index: dict[str, list[int]] = {}
    for i, w in enumerate(s):
        source_index.setdefault(w, []).append(i)
    best, best_at = 0, 0
    for i in range(len(a)):
        if marked[i]:
            continue
        for j in source_index.get(a[i], ()):
            k = 0
            while i + k < len(a) and j + k < len(s) and not marked[i + k] and a[i + k] == s[j + k]:
                k += 1
            if k > best:
                best, best_at = k, i
    return {
        "ngrams": len(grams),
        "shared": shared,
        "overlap": round(shared / len(grams), 4) if grams else 0.0,
        "longest_run": best,
        "longest_run_words": " ".join(a[best_at:best_at + best]),
    }


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("article", type=Path)
    p.add_argument("source", type=Path)
    p.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = p.parse_args(argv)
    for path in (args.article, args.source):
        if not path.is_file():
            print(f"{path}: no such file", file=sys.stderr)
            return 1
    result = overlap(args.article.read_text(encoding="utf-8"), args.source.read_text(encoding="utf-8"))
    if args.json:
        print(json.dumps(result, ensure_ascii=False))
    else:
        verdict = "ok" if result["overlap"] <= 0.10 and result["longest_run"] < 8 else "TOO CLOSE"
        print(f"{args.article}: 5-word overlap {result['overlap']:.1%} ({result['shared']} of {result['ngrams']}), "
              f"longest run {result['longest_run']} words outside quotations: {verdict}")
        if result["longest_run"] >= 8:
            print(f"  run: {result['longest_run_words']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
