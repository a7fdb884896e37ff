"""How close a development article is to the report it retells: the share of its 5-word sequences found in the
source, and its longest run of consecutive source words outside a marked quotation.

The project's rule for articles in its own words: at most 10% of 5-word sequences shared, no run of 8 or more source
words outside a marked quotation (« … », “ … ”, " … "). The sources are not part of the project: keep them under
build/ (or anywhere outside the repository) and pass their path.

    python eval/overlap.py ARTICLE.txt SOURCE.txt [--json]

Exit status: 0 in its own words, 2 too close, 3 not comparable (the source seems to be in another language),
1 bad input (a missing or empty file).
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import unicodedata
from pathlib import Path

WORD = re.compile(r"\w+(?:['’]\w+)*")
# a marked quotation: guillemets, curly or straight double quotes (not apostrophes: they sit inside words). A
# straight quote has no side, so a pair never crosses a line end: one stray " must not mark the rest of the text.
QUOTE = re.compile(r"«[^»]*»|“[^”]*”|\"[^\"\n]*\"")
# letters that NFKD does not decompose and the ASCII fold would otherwise drop (cœur → cur)
LIGATURES = str.maketrans({"œ": "oe", "Œ": "OE", "æ": "ae", "Æ": "AE", "ß": "ss", "ø": "o", "Ø": "O", "ł": "l",
                           "Ł": "L", "đ": "d", "Đ": "D", "ı": "i"})


def _fold(text: str) -> str:
    """Lower case, no accents, one apostrophe: a copy is found whatever its typography."""
    text = unicodedata.normalize("NFKC", text).replace("’", "'").translate(LIGATURES)
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()


def tokens(text: str) -> list[tuple[str, bool]]:
    """The words of `text`, folded, each with whether it stands inside a marked quotation. Marks and words come
    from one pass over the same text, so they stay aligned even where folding drops a word (北京) or splits one."""
    text = unicodedata.normalize("NFKC", text)
    spans = [m.span() for m in QUOTE.finditer(text)]
    out = []
    for m in WORD.finditer(text):
        marked = any(a <= m.start() < b for a, b in spans)
        out.extend((w, marked) for w in WORD.findall(_fold(m.group())))
    return out


def words(text: str) -> list[str]:
    return [w for w, _ in tokens(text)]


def ngrams(tokens: list[str], n: int) -> list[tuple[str, ...]]:
    return [tuple(tokens[i:i + n]) for i in range(len(tokens) - n + 1)]


def overlap(article: str, source: str, n: int = 5) -> dict[str, object]:
    article_tokens = tokens(article)
    a, marked = [w for w, _ in article_tokens], [m for _, m in article_tokens]
    s = words(source)
    grams = ngrams(a, n)
    source_grams = set(ngrams(s, n))
    shared = sum(1 for g in grams if g in source_grams)
    # longest run of article words, outside marked quotations, that also stands in the source word for word
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
    source_words = set(s)
    return {
        # the share of the article's words found anywhere in the source: low when the source is in another
        # language, where shared 5-word sequences say nothing (a close translation would still score 0%)
        "vocabulary": round(sum(1 for w in a if w in source_words) / len(a), 4) if a else 0.0,
        "ngrams": len(grams),
        "shared": shared,
        "overlap": round(shared / len(grams), 4) if grams else 0.0,
        "quoted": sum(marked),
        "longest_run": best,
        "longest_run_words": " ".join(a[best_at:best_at + best]),
    }


MAX_OVERLAP, MAX_RUN = 0.10, 8  # the project's rule: at most 10% shared, no run of 8 or more
# below this share of words in common, article and source are taken to be in different languages (an English
# retelling of an English report shares about 0.5-0.8 of its words with it; of a French one, about 0.2)
MIN_VOCABULARY = 0.35


def too_close(result: dict[str, object]) -> bool:
    return float(result["overlap"]) > MAX_OVERLAP or int(result["longest_run"]) >= MAX_RUN  # type: ignore[arg-type]


def main(argv: list[str] | None = None) -> int:
    """Exit 0 when the article is in its own words, 2 when it is too close, 3 when the two texts seem to be in
    different languages (nothing measured), 1 on bad input."""
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("article", type=Path)
    p.add_argument("source", type=Path)
    p.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = p.parse_args(argv)
    texts = []
    for path in (args.article, args.source):
        if not path.is_file():
            print(f"{path}: no such file", file=sys.stderr)
            return 1
        text = path.read_text(encoding="utf-8")
        if len(words(text)) < 5:  # nothing to measure: an empty file would otherwise pass as 0% overlap
            print(f"{path}: fewer than 5 words, nothing to measure", file=sys.stderr)
            return 1
        texts.append(text)
    result = overlap(*texts)
    if float(result["vocabulary"]) < MIN_VOCABULARY:  # type: ignore[arg-type]
        print(f"{args.article}: only {result['vocabulary']:.0%} of its words occur in {args.source}: the source "
              "seems to be in another language, and a translation cannot be measured by shared word sequences; "
              "compare with a source in the article's language", file=sys.stderr)
        if args.json:
            print(json.dumps(result, ensure_ascii=False))
        return 3
    verdict = too_close(result)
    if args.json:
        print(json.dumps(result, ensure_ascii=False))
    else:
        print(f"{args.article}: 5-word overlap {result['overlap']:.1%} ({result['shared']} of {result['ngrams']}), "
              f"longest run {result['longest_run']} words outside quotations: {'TOO CLOSE' if verdict else 'ok'}")
        if int(result["longest_run"]) >= MAX_RUN:  # type: ignore[arg-type]
            print(f"  run: {result['longest_run_words']}")
    return 2 if verdict else 0


if __name__ == "__main__":
    sys.exit(main())
