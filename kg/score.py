"""`kg score DRAFT GOLD`: how close a draft article's claims are to a reviewed (gold) set.

Claims are matched by where their evidence lies in the text, not by IRI (an extractor mints its own
names): a draft item and a gold item of the same kind match when their quoted words overlap. Per
kind, precision, recall and F1:
- events (of a compatible class), tenures (same holder), undertakings with the right status,
  parties and domains of undertakings, quotations with the right speaker;
and every status error listed, with the "signed when the gold is not" errors counted apart (the
extraction must never turn a proposal, discussion or announcement into a signature)."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox

from kg import namespaces as ns
from kg.errors import EXIT_SYNTAX, KgError, Problem
from kg.ingest.vocabulary import Vocabulary
from kg.rdfio import parse_file

KINDS = ("events", "tenures", "undertakings", "parties", "domains", "quotations")
TYPE = ns.RDF + "type"
LABELS = {ns.RDFS + "label", ns.SKOS + "altLabel", ns.SKOS + "prefLabel"}


@dataclass
class Item:
    claim: str
    subject: str
    cls: str
    spans: list[tuple[int, int]]
    values: dict[str, set[str]] = field(default_factory=dict)
    text: str = ""  # a quotation's words


@dataclass
class Counts:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    def add(self, other: Counts) -> None:
        self.tp, self.fp, self.fn = self.tp + other.tp, self.fp + other.fp, self.fn + other.fn

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else (1.0 if not self.fn else 0.0)

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass
class Score:
    counts: dict[str, Counts] = field(default_factory=lambda: {k: Counts() for k in KINDS})
    status_errors: list[str] = field(default_factory=list)
    false_signed: list[str] = field(default_factory=list)
    evidence_missing: list[str] = field(default_factory=list)

    def add(self, other: Score) -> None:
        for k in KINDS:
            self.counts[k].add(other.counts[k])
        self.status_errors += other.status_errors
        self.false_signed += other.false_signed
        self.evidence_missing += other.evidence_missing

    @property
    def overall(self) -> Counts:
        total = Counts()
        for c in self.counts.values():
            total.add(c)
        return total


def _norm(s: str) -> str:
    return unicodedata.normalize("NFC", s).replace("’", "'").casefold().strip()


def claims_file(path: Path) -> Path:
    if path.is_dir():
        for name in ("claims.trig", "gold.trig"):
            if (path / name).is_file():
                return path / name
        raise KgError(Problem("no claims.trig or gold.trig in this folder", path), EXIT_SYNTAX)
    return path


def article_text(*candidates: Path) -> tuple[str, Path]:
    for path in candidates:
        folder = path if path.is_dir() else path.parent
        texts = sorted(folder.glob("*.txt"))
        if len(texts) == 1:
            return texts[0].read_text(encoding="utf-8"), texts[0]
    raise KgError(Problem("cannot find the article's text (one .txt beside the claims)", candidates[0]), EXIT_SYNTAX)


def _spans(text: str, quotes: Iterable[str]) -> list[tuple[int, int]]:
    out = []
    for q in quotes:
        at = text.find(q)
        if at >= 0:
            out.append((at, at + len(q)))
    return out


def read_items(path: Path, text: str, vocabulary: Vocabulary) -> tuple[dict[str, list[Item]], dict[str, set[str]],
                                                                       list[str]]:
    """Items per kind, entity labels, and the evidence quotes not found in the text."""
    quads = parse_file(path)
    evidence: dict[str, list[str]] = {}
    graphs: dict[str, list[ox.Quad]] = {}
    labels: dict[str, set[str]] = {}
    for q in quads:
        if isinstance(q.graph_name, ox.DefaultGraph):
            if q.predicate.value == ns.CD + "evidence":
                evidence.setdefault(q.subject.value, []).append(q.object.value)
        else:
            graphs.setdefault(q.graph_name.value, []).append(q)
        if q.predicate.value in LABELS and isinstance(q.object, ox.Literal):
            labels.setdefault(q.subject.value, set()).add(_norm(q.object.value))
    missing = [f"{ns.shorten(claim)}: “{e}”" for claim, quotes in sorted(evidence.items()) for e in quotes
               if text.count(e) != 1]
    items: dict[str, list[Item]] = {k: [] for k in KINDS}
    for claim, qs in sorted(graphs.items()):
        spans = _spans(text, evidence.get(claim, []))
        by_subject: dict[str, dict[str, set[str]]] = {}
        for q in qs:
            if isinstance(q.subject, ox.NamedNode):
                by_subject.setdefault(q.subject.value, {}).setdefault(q.predicate.value, set()).add(q.object.value)
        for subject, props in sorted(by_subject.items()):
            for cls in sorted(props.get(TYPE, ())):
                item = Item(claim, subject, cls, spans, props)
                if vocabulary.is_a(cls, "Event"):
                    items["events"].append(item)
                elif vocabulary.is_a(cls, "Tenure"):
                    items["tenures"].append(item)
                elif vocabulary.is_a(cls, "Undertaking") and ns.CD + "status" in props:
                    items["undertakings"].append(item)
                elif vocabulary.is_a(cls, "Statement") and ns.CD + "quotation" in props:
                    item.text = sorted(props[ns.CD + "quotation"])[0]
                    item.spans = _spans(text, [item.text]) or spans
                    items["quotations"].append(item)
    return items, labels, missing


def _overlap(a: list[tuple[int, int]], b: list[tuple[int, int]]) -> int:
    return sum(max(0, min(e1, e2) - max(s1, s2)) for s1, e1 in a for s2, e2 in b)


def _match(draft: list[Item], gold: list[Item], compatible, prefer=lambda d, g: True) -> list[tuple[Item, Item]]:
    """One-to-one pairs of overlapping items: preferred pairs first (e.g. the same status, where one
    passage supports two facts), then the largest overlap."""
    scored = sorted(((not prefer(d, g), -_overlap(d.spans, g.spans), i, j) for i, d in enumerate(draft)
                     for j, g in enumerate(gold) if compatible(d, g)))
    used_d: set[int] = set()
    used_g: set[int] = set()
    pairs = []
    for _, minus_size, i, j in scored:
        size = -minus_size
        if size > 0 and i not in used_d and j not in used_g:
            used_d.add(i)
            used_g.add(j)
            pairs.append((draft[i], gold[j]))
    return pairs


def _family(vocabulary: Vocabulary, cls: str) -> str:
    for name in ("Visit", "Meeting", "Exhibition"):
        if vocabulary.is_a(cls, name):
            return name
    return "Event"


def score(draft_path: Path, gold_path: Path, vocabulary: Vocabulary, text: str | None = None) -> Score:
    draft_file, gold_file = claims_file(draft_path), claims_file(gold_path)
    if text is None:
        text, _ = article_text(draft_path, gold_path)
    draft, dlabels, missing = read_items(draft_file, text, vocabulary)
    gold, glabels, _ = read_items(gold_file, text, vocabulary)
    labels: dict[str, set[str]] = {}
    for table in (dlabels, glabels):
        for k, v in table.items():
            labels.setdefault(k, set()).update(v)

    def same(a: str, b: str) -> bool:
        return a == b or bool(labels.get(a, set()) & labels.get(b, set()))

    def same_sets(a: set[str], b: set[str]) -> int:
        return sum(1 for x in a if any(same(x, y) for y in b))

    result = Score(evidence_missing=[f"{draft_file}: {m}" for m in missing])
    c = result.counts

    def tally(kind: str, pairs: list[tuple[Item, Item]], ok) -> None:
        good = sum(1 for d, g in pairs if ok(d, g))
        c[kind].tp += good
        c[kind].fp += len(draft[kind]) - good
        c[kind].fn += len(gold[kind]) - good

    ev_pairs = _match(draft["events"], gold["events"], lambda d, g: _family(vocabulary, d.cls) == "Event"
                      or _family(vocabulary, g.cls) == "Event" or _family(vocabulary, d.cls) == _family(vocabulary,
                                                                                                         g.cls))
    tally("events", ev_pairs, lambda d, g: True)
    holder = ns.CD + "holder"
    te_pairs = _match(draft["tenures"], gold["tenures"],
                      lambda d, g: same_sets(d.values.get(holder, set()), g.values.get(holder, set())) > 0)
    tally("tenures", te_pairs, lambda d, g: True)
    status = ns.CD + "status"
    un_pairs = _match(draft["undertakings"], gold["undertakings"], lambda d, g: True,
                      lambda d, g: d.values[status] == g.values[status])
    tally("undertakings", un_pairs, lambda d, g: d.values[status] == g.values[status])
    for d, g in un_pairs:
        if d.values[status] != g.values[status]:
            ds, gs = sorted(d.values[status]), sorted(g.values[status])
            words = text[d.spans[0][0]:d.spans[0][1]] if d.spans else ""
            result.status_errors.append(f"{ns.shorten(d.claim)}: {', '.join(map(ns.shorten, ds))} where the gold "
                                        f"{ns.shorten(g.claim)} says {', '.join(map(ns.shorten, gs))} — “{words}”")
    reached = vocabulary.signature_reached
    for d in draft["undertakings"]:
        if d.values[status] & reached:
            # a gold status the ontology does not define cannot be judged signed or not: left to the status errors
            touching = [g for g in gold["undertakings"] if _overlap(d.spans, g.spans)
                        and g.values[status] <= vocabulary.statuses]
            if touching and not any(g.values[status] & reached for g in touching):
                result.false_signed.append(f"{ns.shorten(d.claim)} is signed where the gold says "
                                           + ", ".join(ns.shorten(s) for g in touching for s in g.values[status]))
    paired = {id(d): g for d, g in un_pairs}
    for kind, prop, compare in (("parties", ns.CD + "party", same_sets),
                                ("domains", ns.CD + "domain", lambda a, b: len(a & b))):
        for d in draft["undertakings"]:
            values = d.values.get(prop, set())
            g = paired.get(id(d))
            good = compare(values, g.values.get(prop, set())) if g else 0
            c[kind].tp += good
            c[kind].fp += len(values) - good
        for d, g in un_pairs:
            c[kind].fn += len(g.values.get(prop, set())) - compare(d.values.get(prop, set()), g.values.get(prop, set()))
        matched_gold = {id(g) for _, g in un_pairs}
        c[kind].fn += sum(len(g.values.get(prop, set())) for g in gold["undertakings"] if id(g) not in matched_gold)
    speaker = ns.CD + "speaker"
    qu_pairs = _match(draft["quotations"], gold["quotations"], lambda d, g: True,
                      lambda d, g: same_sets(d.values.get(speaker, set()), g.values.get(speaker, set())) > 0)
    tally("quotations", qu_pairs,
          lambda d, g: same_sets(d.values.get(speaker, set()), g.values.get(speaker, set())) > 0)
    return result


def format_score(s: Score, title: str = "") -> str:
    lines = [title] if title else []
    lines.append(f"{'kind':<14}{'precision':>10}{'recall':>8}{'F1':>7}{'tp':>5}{'fp':>5}{'fn':>5}")
    for k in KINDS:
        c = s.counts[k]
        label = {"undertakings": "undertakings*", "quotations": "quotations**"}.get(k, k)
        lines.append(f"{label:<14}{c.precision:>10.2f}{c.recall:>8.2f}{c.f1:>7.2f}{c.tp:>5}{c.fp:>5}{c.fn:>5}")
    o = s.overall
    lines.append(f"{'all':<14}{o.precision:>10.2f}{o.recall:>8.2f}{o.f1:>7.2f}{o.tp:>5}{o.fp:>5}{o.fn:>5}")
    lines.append("* with the right status; ** with the right speaker")
    lines.append(f"signed where the gold is not: {len(s.false_signed)}")
    lines += [f"  {e}" for e in s.false_signed]
    lines.append(f"status errors: {len(s.status_errors)}")
    lines += [f"  {e}" for e in s.status_errors]
    if s.evidence_missing:
        lines.append(f"evidence not found once in the text: {len(s.evidence_missing)}")
        lines += [f"  {e}" for e in s.evidence_missing]
    return "\n".join(lines) + "\n"

