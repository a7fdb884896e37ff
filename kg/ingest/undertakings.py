"""Undertakings stated by a verb rather than a noun ("ont convenu de", "agreed to", "des troupes
circuleront"), and what an undertaking's own clause says of its lifecycle: when it was signed ("signé le 25
décembre 2002", "signed in 2017"), approved or ratified, when it entered into force; dates relative to the
article's date ("l'an prochain", "last year") resolved against it. The cues are data: the lexicon's
[[commitments]] and [lifecycle]; classes, statuses and properties are the ontology's (cd:date,
cd:signatureDate, cd:approvalDate, cd:entryIntoForce)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from kg.errors import KgError, Problem
from kg.ingest.dates import Found, find_dates
from kg.ingest.extractor import Article
from kg.ingest.lexicon import Lexicon, Rule
from kg.ingest.vocabulary import Vocabulary

# the lexicon's [lifecycle] cue → the ontology's property (local name) its date fills
PROPERTIES = {"signature": "signatureDate", "approval": "approvalDate", "entry_into_force": "entryIntoForce",
              "end": "endDate"}
# steps dated whatever the status ("runs until 2030" is an end, signed or not; "a programme for 2016-2019" runs
# those years, signed or only announced)
UNGATED = {"date", "startDate", "endDate"}
# the years an undertaking runs ("pour 2016-2019"): not the date it was made
PERIOD = {"startDate", "endDate"}


@dataclass(frozen=True)
class Dated:
    prop: str  # the ontology's local name: date, signatureDate, approvalDate, entryIntoForce
    found: Found


class Lifecycle:
    """Dates of an undertaking from its own clause, each with the step of its lifecycle it dates."""

    def __init__(self, lexicon: Lexicon, vocabulary: Vocabulary) -> None:
        self.dates = lexicon.raw["dates"]
        table = lexicon.raw.get("lifecycle", {})
        self.cues = {key: re.compile(table[key], re.IGNORECASE) for key in PROPERTIES if table.get(key)}
        self.since = re.compile(table["since"], re.IGNORECASE) if table.get("since") else None
        self.held_since = re.compile(table["held_since"], re.IGNORECASE) if table.get("held_since") else None
        # how far before a date its cue may stand ("signé à Rabat le 9 janvier 2024": the place between)
        self.reach = int(table.get("reach", 45))
        self.links = {prop: re.compile(p, re.IGNORECASE) for prop, p in table.get("links", {}).items()}
        # a realised step ("implemented", "ratified") said of the future ("will be implemented") is not reached
        self.to_come = re.compile(table["to_come"], re.IGNORECASE) if table.get("to_come") else None
        self.realised = {vocabulary.status(n) for n in table.get("realised", [])} - {None}
        self.pronoun = re.compile(table["pronoun"], re.IGNORECASE) if table.get("pronoun") else None
        self.duration = re.compile(table["duration"], re.IGNORECASE) if table.get("duration") else None
        self.numbers: dict[str, int] = table.get("numbers", {})
        self.period = re.compile(table["period"], re.IGNORECASE) if table.get("period") else None

    def term(self, text: str, s: int, e: int) -> str | None:
        """For how long text[s:e] says the undertaking runs ("pour une durée de cinq ans", "for a period of five
        years"): an ISO 8601 duration as the ontology's cd:duration wants it ("P5Y"), or None."""
        m = self.duration.search(text, s, e) if self.duration else None
        if m is None:
            return None
        n = m.group("n").lower()
        years = int(n) if n.isdigit() else self.numbers.get(n)
        return f"P{years}Y" if years else None

    def status_cue(self, rules: list[Rule], text: str) -> tuple[tuple[Rule, re.Match[str]] | None, bool]:
        """The first status cue of a text, as the extractor's _cue, but a realised step said of the future
        ("will be implemented", "sera ratifié") left out: ((rule, match) or None, whether one was left out)."""
        best: tuple[Rule, re.Match[str]] | None = None
        left_out = False
        for rule in rules:
            for m in rule.pattern.finditer(text):
                if self.to_come and rule.target in self.realised and self.to_come.search(
                        text[max(0, m.start() - 30):m.start()]):
                    left_out = True
                    continue
                if best is None or m.start() < best[1].start():
                    best = (rule, m)
                break
        return best, left_out

    def link(self, text: str, s: int, e: int) -> tuple[str, int, int | None] | None:
        """A link the clause text[s:e] states to another undertaking ("abroge", "prolongs", "renouvelle"):
        (the ontology's property, where the cue ends, where a pronoun standing for the other begins or None)."""
        best: tuple[str, re.Match[str]] | None = None
        for prop, cue in self.links.items():
            m = cue.search(text, s, e)
            if m and (best is None or m.start() < best[1].start()):
                best = (prop, m)
        if best is None:
            return None
        prop, m = best
        p = self.pronoun.match(text, m.end(), e) if self.pronoun else None
        return prop, m.end(), (p.start("pronoun") if p else None)

    def holds_since(self, text: str, s: int, e: int) -> bool:
        """Whether text[s:e] says since when the undertaking has held ("en vigueur depuis 1953", "qui les lie
        depuis 1980", "in force since 1980"): it was made before, not at the occasion the article reports."""
        return bool(self.held_since and self.held_since.search(text, s, e))

    def of_clause(self, article: Article, s: int, e: int) -> list[Dated]:
        """The dates text[s:e] gives, each as the step it dates: a date right after a cue of signature,
        approval or entry into force is that step's; the first other one is the undertaking's date
        (cd:date). A date after "depuis"/"since" says how long something has held, not when it was made."""
        text = article.text
        out: list[Dated] = []
        plain: Found | None = None
        for f in find_dates(text[s:e], self.dates, article.issued, article.issued_year):
            at = s + f.start
            before = text[max(s, at - self.reach):at]
            if self.since and self.since.search(before[-12:]):
                continue
            step = None
            nearest = -1
            for key, cue in self.cues.items():
                for m in cue.finditer(before):
                    # the cue nearest the date, with no clause break (";", ".") between them
                    if m.end() > nearest and not re.search(r"[;.]", before[m.end():]):
                        step, nearest = key, m.end()
            found = Found(f.value, f.datatype, at, s + f.end, f.text)
            if step:
                if not any(d.prop == PROPERTIES[step] for d in out):
                    out.append(Dated(PROPERTIES[step], found))
            elif plain is None:
                plain = found
        signed = next((d.found for d in out if d.prop == "signatureDate"), None)
        if signed or plain:
            out.insert(0, Dated("date", signed or plain))
        # "un programme d'échanges pour 2016-2019", "the action plan for 2018-2019": the years it runs
        m = self.period.search(text, s, e) if self.period else None
        if m and int(m.group("start")) < int(m.group("end")):
            for prop, group in (("startDate", "start"), ("endDate", "end")):
                if not any(d.prop == prop for d in out):
                    year = m.group(group)
                    out.append(Dated(prop, Found(year, "gYear", m.start(group), m.end(group), year)))
        return out


@dataclass(frozen=True)
class Commitment:
    """An undertaking stated by a verb rather than named by a noun ("ont convenu de", "agreed to co-produce",
    "troupes will tour"): the lexicon's [[commitments]] rule, its class and the status its verb says."""

    rule: Rule
    status: str  # the status IRI the verb says
    subject: bool  # the undertaking's words start at the clause's subject ("des troupes circuleront")
    needs_topic: bool  # only where the clause names a cooperation domain or says the two sides act together
    restates: bool  # beside a signed instrument ("have agreed to work together. … signed a memorandum"): its terms
    addressed: bool = False  # an offer or request to another side: two states named are topic enough


class Commitments:
    def __init__(self, lexicon: Lexicon, vocabulary: Vocabulary) -> None:
        self.rules: list[Commitment] = []
        self.notes: list[str] = []
        path = lexicon.path
        for raw in lexicon.raw.get("commitments", []):
            cls, status = vocabulary.cls(raw["class"]), vocabulary.status(raw["status"])
            if cls is None or status is None:
                self.notes.append(f"{raw['id']}: the ontology has no cd:{raw['class']} or status:{raw['status']}; "
                                  "rule left out")
                continue
            try:
                pattern = re.compile(raw["pattern"], re.IGNORECASE)
            except re.error as e:
                raise KgError(Problem(f"rule {raw['id']}: bad pattern: {e}", path)) from None
            self.rules.append(Commitment(Rule(raw["id"], pattern, cls), status, bool(raw.get("subject")),
                                         bool(raw.get("needs_topic")), bool(raw.get("restates")),
                                         bool(raw.get("addressed"))))

    def find(self, sentence: str) -> list[tuple[Commitment, re.Match[str]]]:
        """Each commitment verb of a sentence, the first rule's where two overlap, in text order."""
        out: list[tuple[Commitment, re.Match[str]]] = []
        for c in self.rules:
            for m in c.rule.pattern.finditer(sentence):
                if not any(m.start() < o.end() and o.start() < m.end() for _, o in out):
                    out.append((c, m))
        return sorted(out, key=lambda cm: cm[1].start())
