"""`kg score DRAFT GOLD`: how close a draft article's claims are to a reviewed (gold) set, strictly.

Draft and gold items are first paired on the same thing: the same IRI, or evidence that overlaps by at
least half of the shorter quote's words (an extractor mints its own names, so words locate a claim).
A pair is then right only when every attribute is right (an event's status, host and invitees, an undertaking's
lifecycle and links are judged where the gold states them; a draft event without a status reads as held):
- event: kind (class), status (held, planned, postponed, cancelled, declined), date (at the gold's precision),
  place, participants, host, invitees;
- tenure: holder, office, the office's state or body;
- undertaking: kind, status, parties, signatories, date (cd:date or cd:signatureDate), domains, lifecycle
  (approval, entry into force, duration, end, approving act, legal basis), links (extends, amends, renews,
  supersedes, implements);
- transfer (a restitution, a return or a loan, cd:ObjectTransfer): kind, status, objects, origin, destination, date;
- new entity (a person, organization, state or place the project's graph does not know yet): kind, name;
- statement: speaker, quotation.
Per kind, strict precision, recall and F1 (a pair with one wrong attribute is both a false positive and a
false negative), the accuracy of each attribute on the pairs, "signed where the gold is not" (the
extraction must never turn a proposal into a signature) and the review effort: the reviewer operations
(accept, reject, correct one attribute, add a missing item) that turn the draft into the gold.
Claims marked rejected never count, in the draft or the gold."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox

from kg import namespaces as ns
from kg.errors import EXIT_INVALID, EXIT_SYNTAX, KgError, Problem
from kg.ingest.gazetteer import LINKED_KINDS
from kg.ingest.vocabulary import Vocabulary
from kg.rdfio import parse_file

KINDS = ("events", "tenures", "undertakings", "transfers", "entities", "statements")
ATTRIBUTES = {
    "events": ("kind", "status", "date", "place", "participants", "host", "invitees"),
    "tenures": ("holder", "office", "body"),
    "undertakings": ("kind", "status", "parties", "signatories", "date", "domains", "lifecycle", "links"),
    "transfers": ("kind", "status", "objects", "origin", "destination", "date"),
    "entities": ("kind", "name"),
    "statements": ("speaker", "quotation"),
}
SINGULAR = {"events": "event", "tenures": "tenure", "undertakings": "undertaking", "transfers": "transfer",
            "entities": "entity", "statements": "statement"}
# an undertaking's lifecycle beyond its signature: dates compared at the gold's precision, the rest as sets
LIFECYCLE_DATES = ("approvalDate", "entryIntoForce", "endDate")
LIFECYCLE_OTHER = ("duration", "approvedBy", "legalBasis")
# the stated relations between undertakings (cd:undertakingLink and its narrower properties)
LINKS = ("undertakingLink", "extends", "amends", "renews", "supersedes", "implements")
HELD = ns.STATUS + "held"
MIN_OVERLAP = 0.5  # share of the shorter quote's words two items must share to be about the same thing
TYPE = ns.RDF + "type"
LABELS = {ns.RDFS + "label", ns.SKOS + "altLabel", ns.SKOS + "prefLabel"}
ENTITY_KINDS = tuple(k.lower() for k in LINKED_KINDS)  # id/<kind>/ of the entities kg ingest proposes
REJECTED = ns.REVIEW + "rejected"
PENDING = ns.REVIEW + "pending"
WORD = re.compile(r"\w+")
# words an office's name is written with that do not tell one office from another (both languages)
OFFICE_STOP = {"of", "the", "to", "and", "for", "s", "de", "la", "le", "les", "l", "d", "du", "des", "et", "en",
               "au", "aux", "a"}


def _norm(s: str) -> str:
    return unicodedata.normalize("NFC", s).replace("’", "'").casefold().strip()


def _fold(s: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFD", _norm(s)) if not unicodedata.combining(c))


def _local(iri: str) -> str:
    return iri.rstrip("/").rsplit("/", 1)[-1].rsplit("#", 1)[-1]


def _entity_kind(iri: str) -> str | None:
    for kind in ENTITY_KINDS:
        if iri.startswith(ns.ID + kind + "/"):
            return kind
    return None


def _article_of(claim: str) -> str | None:
    if claim.startswith(ns.CLAIM):
        rest = claim[len(ns.CLAIM):]
        return rest.split("/", 1)[0] if "/" in rest else None
    return None


@dataclass
class Known:
    """What the project's graph (without the article being scored) says of entities: their types, names,
    and offices' states or bodies; entities it knows are not new."""

    types: dict[str, set[str]] = field(default_factory=dict)
    labels: dict[str, set[str]] = field(default_factory=dict)
    post_in: dict[str, set[str]] = field(default_factory=dict)
    states: set[str] = field(default_factory=set)  # every state IRI the lexicons name: to read an office's slug
    counts: dict[str, set[str]] = field(default_factory=dict)  # a group of objects' cd:objectCount

    @classmethod
    def from_quads(cls, quads: Iterable[ox.Quad]) -> Known:
        k = cls()
        for q in quads:
            if not isinstance(q.subject, ox.NamedNode):
                continue
            s, p = q.subject.value, q.predicate.value
            if p == TYPE:
                k.types.setdefault(s, set()).add(q.object.value)
            elif p in LABELS and isinstance(q.object, ox.Literal):
                k.labels.setdefault(s, set()).add(_norm(q.object.value))
            elif p == ns.CD + "postIn":
                k.post_in.setdefault(s, set()).add(q.object.value)
            elif p == ns.CD + "objectCount":
                k.counts.setdefault(s, set()).add(q.object.value)
        return k


@dataclass
class Item:
    claim: str
    subject: str
    cls: str
    words: frozenset[int]  # indices of the text's words its evidence covers
    values: dict[str, set[str]] = field(default_factory=dict)
    quotes: tuple[frozenset[int], ...] = ()  # the same, one set per quote of its evidence


@dataclass
class Claims:
    """One claims file, as the scorer reads it."""

    path: Path
    items: dict[str, list[Item]]
    labels: dict[str, set[str]]
    post_in: dict[str, set[str]]
    claims: list[str]  # the claims that count (not rejected)
    pending: int  # claims awaiting review or produced by an extraction
    articles: set[str]  # article ids of the claims' IRIs
    evidence: int  # evidence quotes
    missing: list[str]  # evidence quotes not found once in the text
    counts: dict[str, set[str]] = field(default_factory=dict)  # a group of objects' cd:objectCount


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
class Effort:
    """Reviewer operations that turn the draft into the gold."""

    accept: int = 0
    reject: int = 0
    correct: int = 0
    add_: int = 0

    @property
    def total(self) -> int:
        return self.accept + self.reject + self.correct + self.add_

    def add(self, other: Effort) -> None:
        self.accept += other.accept
        self.reject += other.reject
        self.correct += other.correct
        self.add_ += other.add_


@dataclass
class Score:
    counts: dict[str, Counts] = field(default_factory=lambda: {k: Counts() for k in KINDS})
    # kind → attribute → [right, judged] on matched pairs
    attributes: dict[str, dict[str, list[int]]] = field(
        default_factory=lambda: {k: {a: [0, 0] for a in ATTRIBUTES[k]} for k in KINDS})
    effort: Effort = field(default_factory=Effort)
    status_errors: list[str] = field(default_factory=list)
    false_signed: list[str] = field(default_factory=list)
    evidence_missing: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    mismatches: list[str] = field(default_factory=list)  # each wrong attribute of a pair, for the reader

    def add(self, other: Score) -> None:
        for k in KINDS:
            self.counts[k].add(other.counts[k])
            for a, (right, judged) in other.attributes[k].items():
                self.attributes[k][a][0] += right
                self.attributes[k][a][1] += judged
        self.effort.add(other.effort)
        self.status_errors += other.status_errors
        self.false_signed += other.false_signed
        self.evidence_missing += other.evidence_missing
        self.warnings += other.warnings
        self.mismatches += other.mismatches

    @property
    def overall(self) -> Counts:
        total = Counts()
        for c in self.counts.values():
            total.add(c)
        return total


def claims_file(path: Path) -> Path:
    if path.is_dir():
        for name in ("claims.trig", "gold.trig"):
            if (path / name).is_file():
                return path / name
        raise KgError(Problem("no claims.trig or gold.trig in this folder", path), EXIT_INVALID)
    if not path.is_file():
        raise KgError(Problem("no such claims file or article folder", path), EXIT_INVALID)
    return path


def _text_of(path: Path) -> Path | None:
    folder = path if path.is_dir() else path.parent
    texts = sorted(folder.glob("*.txt"))
    return texts[0] if len(texts) == 1 else None


def article_text(*candidates: Path) -> tuple[str, Path]:
    for path in candidates:
        found = _text_of(path)
        if found:
            return found.read_text(encoding="utf-8"), found
    raise KgError(Problem("cannot find the article's text (one .txt beside the claims)", candidates[0]), EXIT_SYNTAX)


def _words(text: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in WORD.finditer(text)]


def _covered(words: list[tuple[int, int]], text: str, quotes: Iterable[str]) -> frozenset[int]:
    out: set[int] = set()
    for q in quotes:
        at = text.find(q)
        if at >= 0:
            end = at + len(q)
            out.update(i for i, (s, e) in enumerate(words) if s >= at and e <= end)
    return frozenset(out)


def overlap(a: frozenset[int], b: frozenset[int]) -> float:
    """Shared words as a share of the shorter quote's words."""
    shorter = min(len(a), len(b))
    return len(a & b) / shorter if shorter else 0.0


def same_words(d: Item, g: Item) -> float:
    """How far two items rest on the same words: their whole evidence, or one quote of each (a gold item quoted
    twice, "signed an agreement in 1956" and "the historic agreement of 1956", is found by either quote)."""
    return max([overlap(d.words, g.words)] + [overlap(a, b) for a in d.quotes for b in g.quotes])


def read_claims(path: Path, text: str, vocabulary: Vocabulary, known: Known | None = None) -> Claims:
    """Items per kind of one claims file; rejected claims are left out."""
    quads = parse_file(path)
    known = known or Known()
    words = _words(text)
    evidence: dict[str, list[str]] = {}
    review: dict[str, set[str]] = {}
    generated: dict[str, set[str]] = {}
    graphs: dict[str, list[ox.Quad]] = {}
    for q in quads:
        if isinstance(q.graph_name, ox.DefaultGraph):
            p = q.predicate.value
            if p == ns.CD + "evidence":
                evidence.setdefault(q.subject.value, []).append(q.object.value)
            elif p == ns.CD + "reviewStatus":
                review.setdefault(q.subject.value, set()).add(q.object.value)
            elif p == ns.PROV + "wasGeneratedBy":
                generated.setdefault(q.subject.value, set()).add(q.object.value)
        else:
            graphs.setdefault(q.graph_name.value, []).append(q)
    extraction = {q.subject.value for q in quads
                  if q.predicate.value == TYPE and q.object.value == ns.CD + "Extraction"}
    counted = sorted(c for c in graphs if REJECTED not in review.get(c, set()))
    labels: dict[str, set[str]] = {}
    post_in: dict[str, set[str]] = {}
    counts: dict[str, set[str]] = {}
    for c in counted:
        for q in graphs[c]:
            if q.predicate.value in LABELS and isinstance(q.object, ox.Literal):
                labels.setdefault(q.subject.value, set()).add(_norm(q.object.value))
            elif q.predicate.value == ns.CD + "postIn":
                post_in.setdefault(q.subject.value, set()).add(q.object.value)
            elif q.predicate.value == ns.CD + "objectCount":
                counts.setdefault(q.subject.value, set()).add(q.object.value)
    missing = [f"{ns.shorten(claim)}: “{e}”" for claim in counted for e in evidence.get(claim, [])
               if text.count(e) != 1]
    items: dict[str, list[Item]] = {k: [] for k in KINDS}
    entities: dict[str, Item] = {}
    for claim in counted:
        covered = _covered(words, text, evidence.get(claim, []))
        quotes = tuple(q for q in (_covered(words, text, [e]) for e in evidence.get(claim, [])) if q)
        by_subject: dict[str, dict[str, set[str]]] = {}
        for q in graphs[claim]:
            if isinstance(q.subject, ox.NamedNode):
                by_subject.setdefault(q.subject.value, {}).setdefault(q.predicate.value, set()).add(q.object.value)
            for term in (q.subject, q.object):
                kind = _entity_kind(term.value) if isinstance(term, ox.NamedNode) else None
                if kind and term.value not in known.types and term.value not in entities:
                    entities[term.value] = Item(claim, term.value, kind, covered, quotes=quotes)
        for subject, props in sorted(by_subject.items()):
            for cls in sorted(props.get(TYPE, ())):
                item = Item(claim, subject, cls, covered, props, quotes)
                if subject in entities:
                    entities[subject].values.setdefault("types", set()).add(cls)
                if vocabulary.is_a(cls, "Event"):
                    items["events"].append(item)
                elif vocabulary.is_a(cls, "Tenure"):
                    items["tenures"].append(item)
                elif vocabulary.is_a(cls, "ObjectTransfer"):  # before Undertaking: a transfer is one
                    items["transfers"].append(item)
                elif vocabulary.is_a(cls, "Undertaking"):
                    items["undertakings"].append(item)
                elif vocabulary.is_a(cls, "Statement"):
                    said = props.get(ns.CD + "quotation", set())
                    item.words = _covered(words, text, said) or covered
                    item.quotes = (item.words,)
                    items["statements"].append(item)
    for iri, entity in entities.items():
        entity.values["labels"] = labels.get(iri, set()) | known.labels.get(iri, set())
    items["entities"] = [entities[k] for k in sorted(entities)]
    pending = sum(1 for c in counted if PENDING in review.get(c, set()) or generated.get(c, set()) & extraction)
    articles = {a for a in (_article_of(c) for c in counted) if a}
    return Claims(path, items, labels, post_in, counted, pending, articles,
                  sum(len(evidence.get(c, [])) for c in counted), missing, counts)


def article_ids(*paths: Path) -> set[str]:
    """The articles whose claims these files hold (by their claims' IRIs)."""
    ids: set[str] = set()
    for path in paths:
        try:
            quads = parse_file(claims_file(path))
        except KgError:
            continue
        ids.update(a for q in quads if not isinstance(q.graph_name, ox.DefaultGraph)
                   for a in [_article_of(q.graph_name.value)] if a)
    return ids


def _pairs(draft: list[Item], gold: list[Item], same_thing, agree) -> list[tuple[Item, Item]]:
    """One-to-one pairs about the same thing, the closest first (same IRI, then the largest overlap); between
    equally close ones (two items drawn from one sentence), the pair that agrees on more attributes."""
    scored = []
    for i, d in enumerate(draft):
        for j, g in enumerate(gold):
            closeness = same_thing(d, g)
            if closeness:
                scored.append((-closeness, -agree(d, g), i, j))
    used_d: set[int] = set()
    used_g: set[int] = set()
    pairs = []
    for _, _, i, j in sorted(scored):
        if i not in used_d and j not in used_g:
            used_d.add(i)
            used_g.add(j)
            pairs.append((draft[i], gold[j]))
    return pairs


def _by_evidence(d: Item, g: Item) -> float:
    if d.subject == g.subject:
        return 2.0
    share = same_words(d, g)
    return share if share >= MIN_OVERLAP else 0.0


class _Judge:
    """Attribute comparisons, with every name the draft, the gold and the project's graph give."""

    def __init__(self, draft: Claims, gold: Claims, known: Known, vocabulary: Vocabulary) -> None:
        self.vocabulary = vocabulary
        self.labels: dict[str, set[str]] = {}
        self.post_in: dict[str, set[str]] = {}
        self.counts: dict[str, set[str]] = {}
        # a draft item's IRI → the gold item's it is paired with: so that a link to a paired undertaking agrees
        self.alias: dict[str, str] = {}
        for table, target in ((known.labels, self.labels), (draft.labels, self.labels), (gold.labels, self.labels),
                              (known.post_in, self.post_in), (draft.post_in, self.post_in),
                              (gold.post_in, self.post_in), (known.counts, self.counts), (draft.counts, self.counts),
                              (gold.counts, self.counts)):
            for k, v in table.items():
                target.setdefault(k, set()).update(v)
        iris = set(self.labels) | set(known.types) | known.states
        for c in (draft, gold):
            for items in c.items.values():
                for it in items:
                    iris.add(it.subject)
                    for vs in it.values.values():
                        iris.update(vs)
        self.states = sorted((i for i in iris if i.startswith(ns.ID + "state/")), key=lambda s: -len(_local(s)))

    def same(self, a: str, b: str) -> bool:
        return a == b or self.alias.get(a) == b or bool(self.labels.get(a, set()) & self.labels.get(b, set()))

    def same_object(self, a: str, b: str) -> bool:
        """The same cultural object or group: by IRI or name, or two groups of the same stated count."""
        return self.same(a, b) or bool(self.counts.get(a, set()) & self.counts.get(b, set()))

    def same_objects(self, a: set[str], b: set[str]) -> bool:
        return all(any(self.same_object(x, y) for y in b) for x in a) and \
            all(any(self.same_object(x, y) for x in a) for y in b)

    def same_links(self, a: set[tuple[str, str]], b: set[tuple[str, str]]) -> bool:
        """Links (property, target) agree when each has one of the same property to the same thing."""
        return all(any(p == q and self.same(x, y) for q, y in b) for p, x in a) and \
            all(any(p == q and self.same(x, y) for p, x in a) for q, y in b)

    def same_set(self, a: set[str], b: set[str]) -> bool:
        return all(any(self.same(x, y) for y in b) for x in a) and all(any(self.same(x, y) for x in a) for y in b)

    @staticmethod
    def same_date(draft: set[str], gold: set[str]) -> bool:
        if not gold:
            return not draft
        g = min(gold)
        return any(d[: len(g)] == g for d in draft)

    def _state_words(self) -> set[str]:
        words = set()
        for s in self.states:
            words.update(_local(s).split("-"))
            for label in self.labels.get(s, ()):
                words.update(WORD.findall(_fold(label)))
        return words

    def office_key(self, office: str) -> set[frozenset[str]]:
        """An office's name as its content words, six letters each, without the state's name: so that
        "China's Minister of Culture", "ministre de la Culture" (China) and minister-of-culture-china agree."""
        stop = OFFICE_STOP | self._state_words()
        names = self.labels.get(office) or {_local(office).replace("-", " ")}
        return {frozenset(w[:6] for w in WORD.findall(_fold(n)) if w not in stop) for n in names}

    def same_office(self, a: str, b: str) -> bool:
        return self.same(a, b) or bool(self.office_key(a) & self.office_key(b))

    def body(self, office: str) -> set[str]:
        """The office's state or body: as stated, else the first state its name (IRI) contains."""
        if office in self.post_in:
            return self.post_in[office]
        slug = "-" + _local(office) + "-"
        found = [(slug.find("-" + _local(s) + "-"), s) for s in self.states if "-" + _local(s) + "-" in slug]
        return {min(found)[1]} if found else set()


def _values(item: Item, *props: str) -> set[str]:
    out: set[str] = set()
    for p in props:
        out |= item.values.get(ns.CD + p, set())
    return out


def _links(item: Item) -> set[tuple[str, str]]:
    return {(p, o) for p in LINKS for o in _values(item, p)}


def _lifecycle(d: Item, g: Item, j: _Judge) -> bool | None:
    """Approval, entry into force, end (at the gold's precision), duration, approving act and legal basis: judged
    where the gold states one of them."""
    if not any(_values(g, p) for p in LIFECYCLE_DATES + LIFECYCLE_OTHER):
        return None
    return all(j.same_date(_values(d, p), _values(g, p)) for p in LIFECYCLE_DATES) and \
        _values(d, "duration") == _values(g, "duration") and \
        all(j.same_set(_values(d, p), _values(g, p)) for p in ("approvedBy", "legalBasis"))


def _judge(kind: str, d: Item, g: Item, j: _Judge) -> dict[str, bool | None]:
    """Each attribute right (True), wrong (False) or not judged (None: the gold cannot say)."""
    if kind == "events":
        g_status, g_host, g_invited = _values(g, "status"), _values(g, "host"), _values(g, "invitee")
        return {"kind": d.cls == g.cls,
                # a draft says an event's status where its words do: none reads as held
                "status": (_values(d, "status") or {HELD}) == g_status if g_status else None,
                "date": j.same_date(_values(d, "date", "startDate"), _values(g, "date", "startDate")),
                "place": j.same_set(_values(d, "location", "hostCountry"), _values(g, "location", "hostCountry")),
                "participants": j.same_set(_values(d, "participant", "visitor"), _values(g, "participant", "visitor")),
                "host": j.same_set(_values(d, "host"), g_host) if g_host else None,
                "invitees": j.same_set(_values(d, "invitee"), g_invited) if g_invited else None}
    if kind == "tenures":
        d_off, g_off = _values(d, "office"), _values(g, "office")
        office = bool(d_off) == bool(g_off) and all(any(j.same_office(x, y) for x in d_off) for y in g_off)
        g_body = set().union(*(j.body(o) for o in g_off)) if g_off else set()
        d_body = set().union(*(j.body(o) for o in d_off)) if d_off else set()
        return {"holder": j.same_set(_values(d, "holder"), _values(g, "holder")), "office": office,
                "body": j.same_set(d_body, g_body) if g_body else None}
    if kind == "undertakings":
        return {"kind": d.cls == g.cls, "status": _values(d, "status") == _values(g, "status"),
                "parties": j.same_set(_values(d, "party"), _values(g, "party")),
                "signatories": j.same_set(_values(d, "signatory"), _values(g, "signatory")),
                "date": j.same_date(_values(d, "date", "signatureDate"), _values(g, "date", "signatureDate")),
                "domains": _values(d, "domain") == _values(g, "domain"),
                "lifecycle": _lifecycle(d, g, j),
                "links": j.same_links(_links(d), _links(g)) if _links(g) else None}
    if kind == "transfers":
        return {"kind": d.cls == g.cls, "status": _values(d, "status") == _values(g, "status"),
                "objects": j.same_objects(_values(d, "transferredObject"), _values(g, "transferredObject")),
                "origin": j.same_set(_values(d, "origin"), _values(g, "origin")),
                "destination": j.same_set(_values(d, "destination"), _values(g, "destination")),
                "date": j.same_date(_values(d, "date", "signatureDate", "startDate"),
                                    _values(g, "date", "signatureDate", "startDate"))}
    if kind == "entities":
        d_types, g_types = d.values.get("types", set()), g.values.get("types", set())
        return {"kind": d.cls == g.cls and (not (d_types and g_types) or d_types == g_types),
                "name": bool(d.values["labels"] & g.values["labels"]) or not g.values["labels"]}
    quotes = [{tuple(WORD.findall(_norm(q))) for q in _values(x, "quotation")} for x in (d, g)]
    return {"speaker": j.same_set(_values(d, "speaker"), _values(g, "speaker")), "quotation": quotes[0] == quotes[1]}


def _by_name(d: Item, g: Item) -> float:
    return 2.0 if d.subject == g.subject else (1.0 if d.values["labels"] & g.values["labels"] else 0.0)


def score(draft_path: Path, gold_path: Path, vocabulary: Vocabulary, text: str | None = None,
          known: Known | None = None) -> Score:
    draft_file, gold_file = claims_file(draft_path), claims_file(gold_path)
    result = Score()
    if text is None:
        text, text_path = article_text(draft_path, gold_path)
        gold_text = _text_of(gold_path)
        if gold_text and gold_text.resolve() != text_path.resolve() and \
                _norm(gold_text.read_text(encoding="utf-8")) != _norm(text):
            raise KgError(Problem(f"the gold is another article's: its text {gold_text} is not the draft's "
                                  f"{text_path}", gold_file), EXIT_INVALID)
    known = known or Known()
    draft = read_claims(draft_file, text, vocabulary, known)
    gold = read_claims(gold_file, text, vocabulary, known)
    if not gold.claims:
        raise KgError(Problem("the gold holds no claim to score against", gold_file), EXIT_INVALID)
    if gold.evidence and len(gold.missing) * 2 > gold.evidence:
        raise KgError(Problem(f"{len(gold.missing)} of the gold's {gold.evidence} evidence quotes are not in the "
                              "article's text: is it another article's gold?", gold_file), EXIT_INVALID)
    if draft.articles and gold.articles and not draft.articles & gold.articles:
        result.warnings.append(f"the draft's claims are of {', '.join(sorted(draft.articles))}, the gold's of "
                               f"{', '.join(sorted(gold.articles))}: another article's gold?")
    if draft.claims and not draft.pending:
        result.warnings.append(f"{draft_file}: the DRAFT holds no pending or extracted claim (hand-authored?)")
    if gold.pending:
        result.warnings.append(f"{gold_file}: the GOLD holds {gold.pending} pending or extracted claims "
                               "(not reviewed; DRAFT and GOLD swapped?)")
    result.evidence_missing = [f"{draft_file}: {m}" for m in draft.missing]
    j = _Judge(draft, gold, known, vocabulary)
    matched_claims: set[str] = set()
    pairs_of: dict[str, list[tuple[Item, Item]]] = {}
    for kind in KINDS:
        pairs_of[kind] = _pairs(draft.items[kind], gold.items[kind], _by_name if kind == "entities" else _by_evidence,
                                lambda d, g, kind=kind: sum(1 for ok in _judge(kind, d, g, j).values() if ok))
    # a link from a draft undertaking to another is right when it points at the one paired with the gold's target
    j.alias = {d.subject: g.subject for kind in KINDS if kind != "entities" for d, g in pairs_of[kind]
               if d.subject != g.subject}
    for kind in KINDS:
        pairs = pairs_of[kind]
        right = 0
        for d, g in pairs:
            verdicts = _judge(kind, d, g, j)
            wrong = [a for a, ok in verdicts.items() if ok is False]
            for a, ok in verdicts.items():
                if ok is not None:
                    result.attributes[kind][a][1] += 1
                    result.attributes[kind][a][0] += int(ok)
            right += not wrong
            result.effort.correct += len(wrong)
            matched_claims.add(d.claim)
            if wrong:
                result.mismatches.append(f"{SINGULAR[kind]} {ns.shorten(d.subject)} ~ gold {ns.shorten(g.subject)}: "
                                         f"wrong {', '.join(wrong)}")
        c = result.counts[kind]
        c.tp += right
        c.fp += len(draft.items[kind]) - right
        c.fn += len(gold.items[kind]) - right
        result.effort.add_ += len(gold.items[kind]) - len(pairs)
    # one decision per draft claim the scorer can judge (one holding an item of a scored kind)
    judged = {it.claim for items in draft.items.values() for it in items}
    result.effort.accept = len(matched_claims)
    result.effort.reject = len(judged - matched_claims)
    # an unmatched item inside an accepted claim is one correction more (taking it out)
    paired_items = {id(d) for pairs in pairs_of.values() for d, _ in pairs}
    result.effort.correct += sum(1 for items in draft.items.values() for it in items
                                 if it.claim in matched_claims and id(it) not in paired_items)
    status = ns.CD + "status"
    for d, g in pairs_of["undertakings"] + pairs_of["transfers"]:
        if d.values.get(status, set()) != g.values.get(status, set()):
            ds, gs = sorted(d.values.get(status, ())), sorted(g.values.get(status, ()))
            result.status_errors.append(f"{ns.shorten(d.claim)}: {', '.join(map(ns.shorten, ds)) or 'none'} where "
                                        f"the gold {ns.shorten(g.claim)} says "
                                        f"{', '.join(map(ns.shorten, gs)) or 'none'}")
    reached = vocabulary.signature_reached
    # a restitution, a return or a loan is an undertaking too: never signed where the gold is not
    paired = {id(d): g for d, g in pairs_of["undertakings"] + pairs_of["transfers"]}
    golds = gold.items["undertakings"] + gold.items["transfers"]
    for d in draft.items["undertakings"] + draft.items["transfers"]:
        if not d.values.get(status, set()) & reached:
            continue
        # a gold status the ontology does not define cannot be judged signed or not: left to the status errors
        # falsely signed only when no gold undertaking its words report is signed: a draft quote that runs over
        # two clauses ("signed an agreement in 1956, … want more exchanges") may be paired with the unsigned one
        g = paired.get(id(d))
        touching = [x for x in golds if x is g or same_words(d, x) >= MIN_OVERLAP]
        touching = [x for x in touching if x.values.get(status, set()) <= vocabulary.statuses]
        if touching and not any(x.values.get(status, set()) & reached for x in touching):
            result.false_signed.append(f"{ns.shorten(d.claim)} is signed where the gold says "
                                       + ", ".join(ns.shorten(s) for x in touching for s in
                                                   sorted(x.values.get(status, ())) or ["no status"]))
    return result


def _share(right: int, judged: int) -> str:
    return f"{right}/{judged}" if judged else "—"


def format_score(s: Score, title: str = "", details: bool = True) -> str:
    lines = [title] if title else []
    lines.append(f"{'kind':<14}{'precision':>10}{'recall':>8}{'F1':>7}{'tp':>5}{'fp':>5}{'fn':>5}")
    for k in KINDS:
        c = s.counts[k]
        lines.append(f"{k:<14}{c.precision:>10.2f}{c.recall:>8.2f}{c.f1:>7.2f}{c.tp:>5}{c.fp:>5}{c.fn:>5}")
    o = s.overall
    lines.append(f"{'all':<14}{o.precision:>10.2f}{o.recall:>8.2f}{o.f1:>7.2f}{o.tp:>5}{o.fp:>5}{o.fn:>5}")
    lines.append("strict: an item is right only when every attribute below is right")
    lines.append("attributes right on matched pairs:")
    for k in KINDS:
        lines.append(f"  {k + ':':<14}" + ", ".join(f"{a} {_share(*s.attributes[k][a])}" for a in ATTRIBUTES[k]))
    e = s.effort
    lines.append(f"review effort: {e.total} operations ({e.accept} accept, {e.reject} reject, "
                 f"{e.correct} correct an attribute, {e.add_} add a missing item)")
    lines.append(f"signed where the gold is not: {len(s.false_signed)}")
    lines += [f"  {x}" for x in s.false_signed]
    lines.append(f"status errors: {len(s.status_errors)}")
    if details:
        lines += [f"  {x}" for x in s.status_errors]
        lines += [f"  {x}" for x in s.mismatches]
    if s.evidence_missing:
        lines.append(f"evidence not found once in the text: {len(s.evidence_missing)}")
        lines += [f"  {x}" for x in s.evidence_missing]
    if details:
        lines += [f"warning: {w}" for w in s.warnings]
    return "\n".join(lines) + "\n"
