"""The rule-based extractor: spaCy for sentences and (in French) names, the project's lexicons and
gazetteer for the rest. Every rule that fires is named in the claim (cd:extractionRule)."""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from itertools import pairwise

import pyoxigraph as ox

from kg import namespaces as ns
from kg.ingest import appositions, english, event_context, offices, quotes
from kg.ingest.events import (
    clause_span,
    date_of,
    dateline,
    event_dates,
    event_status,
    list_heading,
    quoted,
    repeated,
    venue,
    visit_host_after,
    visitor_of,
)
from kg.ingest.extractor import Article, Candidate, Object
from kg.ingest.gazetteer import Gazetteer, norm
from kg.ingest.lexicon import Lexicon, Rule
from kg.ingest.parties import Parties
from kg.ingest.transfers import Transfers
from kg.ingest.undertakings import PERIOD, UNGATED, Commitment, Commitments, Lifecycle
from kg.ingest.vocabulary import Vocabulary

CD = ns.CD
TYPE = ns.RDF + "type"
QUOTES = [("«", "»"), ("“", "”"), ('"', '"')]
# words that end a clause cut before the next undertaking ("… et du", "… as well as a")
TRAILING = re.compile(
    r"(?:[\s,;.:]+|\s+(?:et|ainsi|qu['’]une?|du|de|des|la|le|les|un|une|and|the|a|an|of|as|well)\b)+$", re.IGNORECASE)
# a reporting verb whose clause follows ("X said Germany stood ready", "a assuré que le Brésil était disposé")
REPORTED_THAT = re.compile(r"\b(?:said|says|added|stated|que|qu['’])\s*", re.IGNORECASE)
# a state named after these is a place ("en France", "in Peru"), not who acts
PLACE_BEFORE = re.compile(r"\b(?:en|à|au|aux|in|at|to|from|de|du)\s*$", re.IGNORECASE)
# a list's item: "- …", "• …", "1. …", "2) …"
BULLET = re.compile(r"\s*(?:[-–—•*▪]|\d{1,2}[.)])\s+")
# what joins two coordinated words ("culturel et muséal", "cultural and museum", "culturel, muséal")
COORDINATED = re.compile(r"\s*(?:,|,?\s+(?:et|and|ou|or))\s+|\s*,\s*", re.IGNORECASE)
ORG_HEADS = re.compile(
    r"(?:(?:Centre|Center|Musée|Bibliothèque|Ministère|Institut|Fondation|Museum|Ministry|Institution|Gallery|"
    r"Library|Institute|Foundation|Department|Département)\b[\w'’-]*(?:[ \t]+[\w'’-]+){0,8})", re.UNICODE)


@dataclass
class Entity:
    """A thing named in the article: known (linked) or new (proposed)."""

    start: int
    end: int
    text: str
    kind: str  # Person | State | Place | Organization
    iri: str | None  # None when ambiguous
    candidates: list[str] = field(default_factory=list)
    new: bool = False
    cls: str = ""


@dataclass
class Sentence:
    start: int
    end: int
    text: str


def _pieces(text: str, size: int = 20_000) -> list[tuple[int, str]]:
    """(offset, text) of each paragraph, a long one cut after a full stop every ~size characters."""
    out: list[tuple[int, str]] = []
    for para in re.finditer(r"[^\n]+", text):
        start, body = para.start(), para.group(0)
        while len(body) > size:
            cut = max(body.rfind(". ", 0, size), body.rfind("? ", 0, size), body.rfind("! ", 0, size))
            cut = cut + 2 if cut > 0 else size
            out.append((start, body[:cut]))
            start, body = start + cut, body[cut:]
        out.append((start, body))
    return out


def _slug(text: str, limit: int = 6) -> str:
    words = [w for w in ns.slugify(text).split("-") if w][:limit]
    return "-".join(words) or "x"


def _words(text: str, limit: int = 12) -> str:
    """A name made of the text's own words: the first ``limit`` of them, "…" where cut."""
    words = text.split()
    return " ".join(words[:limit]) + ("…" if len(words) > limit else "")


def _later(date: str, than: str) -> bool:
    """An ISO date (YYYY, YYYY-MM or YYYY-MM-DD) after another, compared at the precision both have."""
    n = min(len(date), len(than))
    return date[:n] > than[:n]


def _distinct_events(events: list[dict]) -> None:
    """Two events the text names alike ("l'exposition" twice) minted with one IRI would be one event with two
    dates, which the shapes refuse: each keeps an IRI of its own (the later one numbered)."""
    seen: set[str] = set()
    for ev in events:
        iri, n = ev["iri"], 2
        while iri in seen:
            iri, n = f"{ev['iri']}-{n}", n + 1
        seen.add(iri)
        if iri != ev["iri"]:
            old = ev["iri"]
            c = ev["candidate"]
            c.triples = [(iri if s == old else s, p, iri if o == old else o) for s, p, o in c.triples]
            ev["iri"] = iri


def _one_label_each(candidates: list[Candidate]) -> None:
    """One rdfs:label per entity and language across the article's claims (the shapes allow no more): a
    thing minted twice keeps the words it was first named with."""
    first: dict[tuple[str, str | None], ox.Literal] = {}
    for c in candidates:
        kept: list[tuple[str, str, Object]] = []
        for s, p, o in c.triples:
            if p == ns.RDFS + "label" and isinstance(o, ox.Literal):
                o = first.setdefault((s, o.language), o)
                if (s, p, o) in kept:
                    continue
            kept.append((s, p, o))
        c.triples = kept


class RuleExtractor:
    name = "cdkg rules"

    def __init__(self, lexicon: Lexicon, gazetteer: Gazetteer, vocabulary: Vocabulary, nlp, model_name: str,
                 version: str, undertakings: list[dict] | None = None) -> None:
        self.lex = lexicon
        self.gaz = gazetteer
        self.voc = vocabulary
        self.nlp = nlp
        self.version = version
        self.used = [model_name, f"kg/ingest/lexicons/{lexicon.path.name}"]
        self.existing_undertakings = undertakings or []
        self.party_words = Parties(lexicon, gazetteer)  # undertakings' parties (kg/ingest/parties.py)
        self.lifecycle = Lifecycle(lexicon, vocabulary)  # undertakings' dates (kg/ingest/undertakings.py)
        self.commitments = Commitments(lexicon, vocabulary)  # undertakings stated by a verb (same module)
        lexicon.notes.extend(self.commitments.notes)
        self.warnings: list[str] = []
        self._ents: list[Entity] = []
        self._starts: list[int] = []

    # ---- reading the text -------------------------------------------------------------------

    def _sentences_and_names(self, text: str) -> tuple[list[Sentence], list[tuple[int, int, str]]]:
        """Sentences (paragraph by paragraph) and, where the pipeline has NER, person/org/place spans."""
        sentences: list[Sentence] = []
        ner: list[tuple[int, int, str]] = []
        # paragraphs, and a very long one in pieces of at most ~20,000 characters cut after a full stop
        # (spaCy refuses texts over its max_length, and memory grows with a text's length)
        for base, piece in _pieces(text):
            doc = self.nlp(piece)
            for sent in doc.sents:
                s, e = base + sent.start_char, base + sent.end_char
                sentences.append(Sentence(s, e, text[s:e]))
            for ent in getattr(doc, "ents", ()):
                ner.append((base + ent.start_char, base + ent.end_char, ent.label_))
        return sentences, ner

    @staticmethod
    def _repair(text: str, sentences: list[Sentence], ents: list[Entity]) -> list[Sentence]:
        """Join sentences the splitter cut inside a name ("Kassym-|Jomart") or before a lower-case word."""
        out: list[Sentence] = []
        starts = [x.start for x in ents]

        def inside_a_name(at: int) -> bool:
            i = bisect_left(starts, at) - 1  # names do not overlap: only the one starting last before can
            return i >= 0 and ents[i].end > at

        for sent in sentences:
            if out and "\n" not in text[out[-1].end:sent.start] and (
                    inside_a_name(sent.start) or sent.text[:1].islower() or sent.text[:1] in "-–"):
                start = out[-1].start
                out[-1] = Sentence(start, sent.end, text[start:sent.end])
            else:
                out.append(sent)
        return out

    def _entities(self, text: str, ner: list[tuple[int, int, str]]) -> list[Entity]:

        taken_starts: list[int] = []
        taken_ends: list[int] = []

        def free(s: int, e: int) -> bool:
            i = bisect_left(taken_starts, e)  # spans do not overlap: the last one starting before e decides
            return i == 0 or taken_ends[i - 1] <= s

        by_start: dict[int, Entity] = {}

        def take(x: Entity) -> None:
            i = bisect_right(taken_starts, x.start)
            taken_starts.insert(i, x.start)
            taken_ends.insert(i, x.end)
            by_start[x.start] = x

        def release(x: Entity) -> None:
            i = bisect_left(taken_starts, x.start)
            del taken_starts[i], taken_ends[i]
            del by_start[x.start]

        def add_org(s: int, e: int, name: str, cls: str | None = None) -> None:
            lo, hi = max(0, bisect_left(taken_starts, s) - 1), bisect_left(taken_starts, e)
            inside = [by_start[st] for st in taken_starts[lo:hi] if by_start[st].end > s]
            # a state named inside an institution's name ("Centre culturel du Kazakhstan") is part of it
            if len(name.split()) >= 2 and all(x.kind == "State" and s <= x.start and x.end <= e for x in inside):
                for x in inside:
                    release(x)
                take(Entity(s, e, name, "Organization", ns.entity("organization", _slug(name, 10)),
                                    new=True, cls=cls or self._org_class(name)))

        for m in self.gaz.mentions(text):
            iris = [k.iri for k in m.candidates]
            kind = m.candidates[0].kind
            if len(iris) > 1:
                names = ", ".join(ns.shorten(i) for i in iris)
                self.warnings.append(f"“{m.text}” (offset {m.start}) names {len(iris)} entities: {names}; "
                                     "none chosen, both offered for review")
            take(Entity(m.start, m.end, m.text, kind, iris[0] if len(iris) == 1 else None, iris,
                                cls=m.candidates[0].cls))
        # a name never runs across a line break ([^\S\n]: any space but a new line), as after a headline
        for m in re.finditer(r"\b(?:[A-Z][\w'’-]+[^\S\n]+){1,4}(?:Institution|Museums?|Gallery|Library|Institute|"
                             r"Foundation|Centre|Center|Department)"
                             r"(?:[^\S\n]+(?:of|for)[^\S\n]+(?:[A-Z][\w'’-]+)(?:[^\S\n]+[A-Z][\w'’-]+)*"
                             r"(?:[^\S\n]+(?:and|&)[^\S\n]+[A-Z][\w'’-]+(?:[^\S\n]+[A-Z][\w'’-]+)*)?)?\b", text):
            # "the …", "Angola's …": the name starts after the article or the possessive
            name = re.sub(r"^(?:(?:The|Le|La|Les)\s+|[A-Z][\w-]*['’]s\s+)+", "", m.group(0))
            # "Institute of Anthropology and History": "and" continues the complement, unless what follows
            # is another name ("… of Anthropology and Berlin's Ethnological Museum", "… of Art and Germany")
            both = re.search(r"\s+(?:and|&)\s+(\S.*)$", name)
            if both and " of " in name[:both.start()] + " " and (
                    re.search(r"['’]s\b", both.group(1)) or self.gaz.lookup(both.group(1))
                    or self.gaz.lookup(both.group(1).split()[0])):
                name = name[:both.start()]
            s = m.end() - len(re.sub(r"^(?:(?:The|Le|La|Les)\s+|[A-Z][\w-]*['’]s\s+)+", "", m.group(0)))
            add_org(s, s + len(name), name)
        # one hyphenated word ("Goethe-Institut", "Confucius-Institut"): an institution's whole name
        for m in re.finditer(r"\b[A-Z][\w’']+-(?:Institut|Institute|Museum|Zentrum|Centre|Center)\b", text):
            if free(m.start(), m.end()):
                name = m.group(0)
                take(Entity(m.start(), m.end(), name, "Organization", ns.entity("organization", _slug(name, 10)),
                            new=True, cls=self._org_class(name)))
        # "Kais" and "Saied" read apart by the model: one name
        ner_people = appositions.joined_people(text, [(s, e) for s, e, label in ner if label in ("PER", "PERSON")])
        city_cls = self.voc.cls("City") or self.voc.cls("Place") or CD + "Place"
        languages = set(self.lex.raw.get("places", {}).get("languages", []))  # "printed in Khmer": no place
        for m in re.finditer(r"\b(?:à|in)[^\S\n]+([A-ZÀ-Þ][\w’'-]+(?:[^\S\n]+[A-Z][\w-]+)?)", text):
            s, e = m.start(1), m.end(1)
            # "à Luanda Carolina Cerqueira": the place ends where a person's name starts
            e = appositions.place_end(text, s, e, ner_people, english.word_lists().given)
            name = text[s:e]
            if name in self.lex.name_stopwords or name in languages or not free(s, e) or self.gaz.lookup(name):
                continue
            take(Entity(s, e, name, "Place", ns.entity("place", _slug(name)), new=True, cls=city_cls))
        # « le Fort Jésus », « le Mont Cameroun »: a place the model tags, opening on a place's noun
        for s, e, label in ner:
            if label == "LOC" and text[s:e].split()[0] in self.lex.raw.get("places", {}).get("first_words", []) \
                    and len(text[s:e].split()) > 1 and free(s, e) and not self.gaz.lookup(text[s:e]):
                take(Entity(s, e, text[s:e], "Place", ns.entity("place", _slug(text[s:e])), new=True,
                            cls=self.voc.cls("Place") or CD + "Place"))
        # "in Astana and Beijing", "from St Petersburg to Yekaterinburg": each place of a list or a range
        for s, e in appositions.places_listed(text, self.lex.raw.get("places", {})):
            name = text[s:e]
            if any(w in self.lex.name_stopwords for w in name.split()) or not free(s, e) or self.gaz.lookup(name) \
                    or any(a < e and s < b for a, b in ner_people):
                continue
            take(Entity(s, e, name, "Place", ns.entity("place", _slug(name)), new=True, cls=city_cls))
        for m in re.finditer(r"\b(?:Centre|Center|Musée|Bibliothèque|Ministère|Institut|Fondation|Museum|Ministry|"
                             r"Institution|Gallery|Library|Institute|Foundation|Department|Département)\b", text):
            tail = re.match(r"[\w'’-]*(?:[ \t]+[\w'’-]+){0,8}", text[m.start():])
            name = self._org_name(tail.group(0) if tail else m.group(0))
            s, e = m.start(), m.start() + len(name)
            add_org(s, e, name)
        stop = self.lex.name_stopwords
        person_cls = self.voc.cls("Person") or CD + "Person"
        spans: list[tuple[int, int, str]] = []
        if ner:
            # "Thomas Boni Yayi" read as "Boni Yayi": the capitalised words right before belong to the name
            not_names = self.lex.name_stopwords | {w.capitalize() for w in self.lex.stopwords}
            given = english.word_lists().given
            spans += [(appositions.widened(text, s, not_names, lambda w: bool(self.gaz.lookup(w)), given),
                       appositions.hyphen_end(text, e), "Person") for s, e in ner_people]
            # "le ministre chinois de la Culture, Sun Yeli, …": a name the model missed, vouched for by the title
            spans += [(s, e, "Person") for s, e in appositions.after_titles(text, self.lex.raw["offices"]["heads"])
                      if not any(a < e and s < b for a, b in ner_people)]
            # "la ministre jordanienne de la Culture Haifa Najjar a …": no comma, the model or a given name vouches
            if self.lex.raw["offices"].get("title_portfolio"):
                spans += [(s, e, "Person") for s, e in appositions.titled_names(
                    text, self.lex.raw["offices"]["heads"], self.lex.raw["offices"]["title_portfolio"],
                    lambda a, b: any(x < b and a < y for x, y, _ in ner) or text[a:b].split()[0] in given)
                    if not any(a < e and s < b for a, b in ner_people)]
        else:
            spans += self._english_names(text, free, take, add_org)
        title_first = re.compile(rf"(?:{self.lex.raw['offices']['heads']})\b", re.IGNORECASE)
        nouns = self.lex.raw.get("places", {}).get("apposition")
        place_apposition = re.compile(nouns, re.IGNORECASE) if nouns else None
        # "Fort Jesus", "Mount Kenya", "Parliament Square": a place's noun opens or closes the name
        place_first = set(self.lex.raw.get("places", {}).get("first_words", []))
        place_last = set(self.lex.raw.get("places", {}).get("last_words", []))
        honorific = re.compile(rf"^(?:{'|'.join(re.escape(h) for h in self.lex.raw.get('honorifics', []))})\s+") \
            if self.lex.raw.get("honorifics") else None
        for s, e, kind in spans:
            h = honorific.match(text[s:e]) if honorific else None
            if h:  # "Mme Dati", "Mr Clarke": the name without its honorific (one word: a surname, linked below)
                s += h.end()
            raw = text[s:e]
            name = raw.strip(" ,.;:’'")
            s += len(raw) - len(raw.lstrip(" ,.;:’'"))  # the span moves with what is stripped at either end
            e = s + len(name)
            if len(name.split()) < 2 or not free(s, e) or any(c in name for c in "«»\""):
                continue
            if any(self.gaz.adjectives.get(norm(w)) for w in name.split()):
                continue
            if any(w in stop for w in name.split()) or title_first.match(name) or re.match(r"[IVXLC]+e\b", name):
                continue  # "Président de la République", "XXe siècle": a title or a century, not a person
            words = name.split()
            if (place_apposition and place_apposition.match(text, e)) or words[0] in place_first or \
                    words[-1] in place_last:
                # "Phnom Bakheng, a temple built in the 9th century": the apposition or a place's noun says a place
                take(Entity(s, e, name, "Place", ns.entity("place", _slug(name)), new=True,
                            cls=self.voc.cls("Place") or CD + "Place"))
                continue
            take(Entity(s, e, name, kind, ns.entity("person", _slug(name, 8)), new=True, cls=person_cls))
        # a person named again by one word of the name ("Murphy said"): the same person
        people = [(x.start, x.end, x.text, x.iri) for x in by_start.values() if x.kind == "Person" and x.iri]
        for s, e, word, iri in english.surnames(text, people, lambda a, b: not free(a, b), stop):
            if free(s, e):
                take(Entity(s, e, word, "Person", iri, cls=person_cls))
        found = [self._ministry_of_state(text, by_start[st]) for st in taken_starts]
        # the same ministry named again without its state ("the Ministry of Culture") is the one named with it
        stated: dict[str, set[str]] = {}
        for x, st in zip(found, taken_starts, strict=True):
            if x.iri != by_start[st].iri:
                stated.setdefault(by_start[st].iri, set()).add(x.iri)
        return [Entity(x.start, x.end, x.text, x.kind, next(iter(stated[x.iri])), x.candidates, x.new, x.cls)
                if len(stated.get(x.iri, ())) == 1 else x for x in found]

    def _ministry_of_state(self, text: str, x: Entity) -> Entity:
        """A new ministry is its state's: "Peru's Ministry of Culture", "the Peruvian Ministry of Culture", "the
        Ministry of Culture of Peru" is organization:ministry-of-culture-peru (two states' ministries of culture
        are two bodies, as the project names them)."""
        ministry = self.voc.cls("Ministry")
        if not (x.new and x.kind == "Organization" and x.iri and ministry and x.cls == ministry):
            return x
        state = None
        lead = re.search(r"([\w’'-]+)\s+$", text[max(0, x.start - 40):x.start])
        if lead:
            state = self._state_named(lead.group(1))
        named = re.search(r"\s+of\s+(?:the\s+)?([A-Z][\w’'-]*(?:\s+[A-Z][\w’'-]*)*)$", x.text)
        name = x.text
        if state is None and named:
            states = [k.iri for k in self.gaz.lookup(named.group(1)) if k.kind == "State"]
            if len(states) == 1:
                state, name = states[0], x.text[:named.start()]
        if state is None:
            return x
        local = state.rsplit("/", 1)[-1]
        slug = _slug(name, 10)
        iri = ns.entity("organization", slug if slug.endswith("-" + local) else f"{slug}-{local}")
        return Entity(x.start, x.end, x.text, x.kind, iri, x.candidates, x.new, x.cls)

    def _english_names(self, text: str, free, take, add_org) -> list[tuple[int, int, str]]:
        """Without a model: persons from capitalised runs cut at the lexicon's title and state words
        (kg/ingest/english.py); organisations ending in one of its heads ("Lok Sabha", "Foreign Office")."""
        lowered = set(re.findall(r"(?<![\w’'])[a-zà-ÿ][\w’'-]*", text))
        common = self.lex.stopwords

        def ordinary(word: str) -> bool:
            w = word.lower()
            return w in lowered or w in common or w.endswith(("ing", "ly"))

        starts = {m.end() for m in re.finditer(r"(?:^|[.!?:;–—-]|\n)[\s\"“‘(«*]*", text)}
        heads = self.lex.raw.get("organization_heads", {})
        spans: list[tuple[int, int, str]] = []
        lists = english.word_lists()
        if lists.missing:
            self.warnings.append(lists.missing)
        honorifics = set(self.lex.raw.get("honorifics", []))
        title = re.compile(rf"(?:{self.lex.raw['offices']['heads']})s?", re.IGNORECASE)

        def is_title(word: str) -> bool:
            return word in honorifics or bool(title.fullmatch(word.rsplit("-", 1)[-1]))

        for x in english.names(text, starts, self.lex.name_stopwords | honorifics, ordinary, heads,
                               lambda n: bool(self.gaz.lookup(n)), set(self.lex.raw.get("standalone_bodies", [])),
                               lists, is_title):
            if x.kind == "Person":
                spans.append((x.start, x.end, "Person"))
            else:
                cls = self._agency_class(x.text) or self.voc.cls(heads[x.text.split()[-1]]) or \
                    self.voc.cls("Organization") or CD + "Organization"
                if free(x.start, x.end):
                    take(Entity(x.start, x.end, x.text, "Organization", ns.entity("organization", _slug(x.text, 10)),
                                new=True, cls=cls))
                else:  # "Japan National Tourism Organisation": a state named inside a body's name is part of it
                    add_org(x.start, x.end, x.text, cls)
        return spans

    def _agency_class(self, name: str) -> str | None:
        """A state's agency named as national ("National Institute of Anthropology", "Centre national du
        cinéma", "Japan National Tourism Organisation"): the lexicon's [state_agencies] class, else None."""
        table = self.lex.raw.get("state_agencies")
        if not table or not re.search(table["national"], name):
            return None
        if any(re.search(rf"\b{re.escape(w)}\b", name) for w in table["heads"]):
            return self.voc.cls(table["class"])
        return None

    def _org_class(self, name: str) -> str:
        """A new institution's class from a word of its name ("Musée …": cd:Museum), else cd:Organization."""
        agency = self._agency_class(name)
        if agency:
            return agency
        for word, local in self.lex.raw.get("organization_kinds", {}).items():
            if re.search(rf"\b{re.escape(word)}\b", name) and self.voc.cls(local):
                return self.voc.cls(local)
        return self.voc.cls("Organization") or CD + "Organization"

    def _org_name(self, raw: str) -> str:
        """An institution's name: capitalised words and linking words; in French also the lower-case
        adjectives of its name ("Centre national du cinéma"), up to a verb or the next name."""
        linking = {"de", "du", "des", "d'", "d’", "la", "l'", "l’", "et", "of", "and", "for", "the"}
        stops = {"sera", "seront", "a", "ont", "est", "sont", "pour", "qui", "que", "dans", "sur", "avec", "à", "au",
                 "aux", "en", "par", "entre", "signed", "has", "have", "is", "was", "in", "on", "at", "to"}
        french = self.lex.language == "fr"
        words = raw.split()
        keep: list[str] = []
        for i, w in enumerate(words):
            nxt = words[i + 1].lower() if i + 1 < len(words) else ""
            if w.lower() in stops or (w.lower() in ("et", "and") and (
                    nxt in ("le", "la", "les", "un", "une", "the", "a") or nxt.startswith(("l'", "l’")))):
                break
            if w[0].isupper() or w.lower() in linking or w.startswith(("d'", "d’", "l'", "l’")) or \
                    (french and w[0].isalpha() and i > 0):
                keep.append(w)
            else:
                break
        while keep and keep[-1].lower() in linking:
            keep.pop()
        return " ".join(keep).rstrip(",.;:")

    # ---- helpers ----------------------------------------------------------------------------

    def _unique(self, text: str, start: int, end: int, limit: tuple[int, int]) -> str:
        """Exact words text[start:end], widened word by word within limit until they occur once in the text
        (a few steps, then the whole limit: counting is a pass over the text)."""
        for _ in range(6):
            quote = text[start:end].strip()
            if text.count(quote) <= 1 or (start <= limit[0] and end >= limit[1]):
                return quote
            if end < limit[1]:
                nxt = re.search(r"\S+", text[end:limit[1]])
                end = end + nxt.end() if nxt else limit[1]
            else:
                prev = re.search(r"\S+\s*$", text[limit[0]:start])
                start = limit[0] + prev.start() if prev else limit[0]
        return text[limit[0]:limit[1]].strip()

    def _in(self, ents: list[Entity], s: int, e: int, kinds: tuple[str, ...] | None = None) -> list[Entity]:
        """The entities within text[s:e] (ents sorted by start: a binary search, not a scan)."""
        starts = [x.start for x in ents] if ents is not self._ents else self._starts
        out = []
        for x in ents[bisect_left(starts, s):bisect_left(starts, e)]:
            if x.end <= e and (kinds is None or x.kind in kinds):
                out.append(x)
        return out

    def _cue(self, rules: list[Rule], text: str) -> tuple[Rule, re.Match[str]] | None:
        best = None
        for rule in rules:
            m = rule.pattern.search(text)
            if m and (best is None or m.start() < best[1].start()):
                best = (rule, m)
        return best

    # ---- extraction -------------------------------------------------------------------------

    def extract(self, article: Article) -> list[Candidate]:
        self.warnings = []
        text = article.text
        sentences, ner = self._sentences_and_names(text)
        ents = self._entities(text, ner)
        self._ents, self._starts = ents, [x.start for x in ents]
        sentences = self._repair(text, sentences, ents)
        out: list[Candidate] = []
        used_names: set[str] = set()

        def name(base: str) -> str:
            n, i = base, 2
            while n in used_names:
                n, i = f"{base}-{i}", i + 1
            used_names.add(n)
            return n

        holders: dict[str, str] = {}

        def guarded(stage) -> list:
            """A stage over all sentences; should one break a rule (an input no rule foresaw), the stage again
            sentence by sentence, the failing ones left out with a warning: one bad sentence never stops an article."""
            names, held, said = set(used_names), dict(holders), len(self.warnings)
            try:
                return stage(sentences)
            except (ValueError, IndexError, KeyError, TypeError, AttributeError):
                # what the failed pass did is undone, so that the claims found again get the same names
                used_names.clear()
                used_names.update(names)
                holders.clear()
                holders.update(held)
                del self.warnings[said:]
            found: list = []
            for sent in sentences:
                try:
                    found += stage([sent])
                except (ValueError, IndexError, KeyError, TypeError, AttributeError) as e:
                    self.warnings.append(f"the sentence at offset {sent.start} (“{sent.text.strip()[:60]}”) was left "
                                         f"out by {stage.__name__}: {type(e).__name__}: {e}")
            return found

        def _events(sents):
            return self._events(article, sents, ents, name)

        events = guarded(_events)
        _distinct_events(events)
        main = next((ev for ev in events if ev["main"]), events[0] if events else None)
        out += [ev["candidate"] for ev in events]

        def _tenures(sents):
            return self._tenures(article, sents, ents, events, main, name, holders)

        def _undertakings(sents):
            return self._undertakings(article, sents, ents, main, name)

        def _statements(sents):
            return self._statements(article, sents, ents, main, name, holders)

        def _stances(sents):
            return self._stances(article, sents, ents, events, main, name)

        out += guarded(_tenures)
        try:
            self._complete_meetings(text, sentences, ents, events, holders)
        except (ValueError, IndexError, KeyError, TypeError, AttributeError) as e:
            self.warnings.append(f"meetings were left as found: {type(e).__name__}: {e}")
        def _transfers(sents):
            return Transfers(self).extract(article, sents, ents, name)

        for stage in (_undertakings, _transfers, _statements, _stances):
            out += guarded(stage)
        out += self._new_entities(article, ents, out, name)
        try:
            out += self._states_named_otherwise(article, ents, out, name)
        except (ValueError, IndexError, KeyError, TypeError, AttributeError) as e:
            self.warnings.append("states named by an adjective or a capital were not proposed: "
                                 f"{type(e).__name__}: {e}")
        _one_label_each(out)
        return out

    def _event_at(self, events: list[dict], sent: Sentence, at: int | None = None) -> dict | None:
        """The event named in a sentence: the one whose cue is nearest before `at`, else the first."""
        here = [ev for ev in events if ev["sentence"] is sent]
        if at is not None:
            before = [ev for ev in here if ev["cue"] <= at]
            if before:
                return before[-1]
        return here[0] if here else None

    def _families(self, sent: Sentence) -> list[tuple[Rule, re.Match[str]]]:
        """Event cues of a sentence, the first of each class family, in text order."""
        chosen: dict[str, tuple[Rule, re.Match[str]]] = {}
        for rule in self.lex.events:
            m = rule.pattern.search(sent.text)
            if not m:
                continue
            family = next((f for f in ("Visit", "Meeting", "Exhibition") if self.voc.is_a(rule.target, f)), "Event")
            if rule.id in self._occasion_rules():
                family = "Occasion"  # a festival, a forum: an event of its own beside a meeting held at it
            taken = chosen.get(family)
            overlaps = any(m.start() < o.end() and o.start() < m.end() for _, o in chosen.values())
            # "s'est rendu au Japon en visite d'État": the narrower class named in the sentence wins
            narrower = taken is not None and rule.target != taken[0].target and self.voc.is_a(
                rule.target, taken[0].target.rsplit("#", 1)[-1])
            broader = taken is not None and rule.target != taken[0].target and self.voc.is_a(
                taken[0].target, rule.target.rsplit("#", 1)[-1])
            if (taken is None or narrower or (m.start() < taken[1].start() and not broader)) and not overlaps:
                chosen[family] = (rule, m)
        if "Event" in chosen and "Meeting" in chosen:
            # "at a ceremony …, X and Y signed": one occasion, named by its first cue
            later = "Event" if chosen["Event"][1].start() > chosen["Meeting"][1].start() else "Meeting"
            del chosen[later]
        return sorted(chosen.values(), key=lambda rm: rm[1].start())

    def _occasion_rules(self) -> set[str]:
        """The event rules the lexicon marks `occasion` (a festival, a forum, a summit): an event of its own
        even where a meeting is held at it."""
        return {r["id"] for r in self.lex.raw.get("events", []) if r.get("occasion")}

    def _events(self, article: Article, sentences: list[Sentence], ents: list[Entity], name) -> list[dict]:
        place = self._dateline_entity(article.text, ents)
        events: list[dict] = []
        self._spots: list[Entity] = []
        for sent in sentences:
            for rule, m in self._families(sent):
                items = self._listed(sent, rule, m)
                ends = [x.start() for x in items] + [len(sent.text)]
                for i, cue in enumerate([m, *items]):
                    event = self._event(article, sent, ents, rule, cue, name, ends[i] if items else None)
                    if event:
                        events.append(event)
        for spot in self._spots:  # the places read after a preposition join the article's names
            i = bisect_left([x.start for x in ents], spot.start)
            ents.insert(i, spot)
            if ents is self._ents:
                self._starts.insert(i, spot.start)
        self._drop_repeated(article.text, ents, events)
        self._from_headings(article, ents, events)
        self._dateline_place(article.text, ents, events, place)
        meetings = [ev for ev in events if self.voc.is_a(ev["cls"], "Meeting")]
        main = meetings[0] if meetings else (events[0] if events else None)
        for ev in events:
            ev["main"] = ev is main
        return events

    def _drop_repeated(self, text: str, ents: list[Entity], events: list[dict]) -> None:
        """One event, one proposal: a headline's event, a caption's and a later definite mention ("the
        exhibition", "l'inauguration") name again an event the article reports; who a mention says attended
        ("Assistaient à l'inauguration X, Y") took part in that event."""
        roles = self.lex.raw.get("event_roles", {})
        attendance = roles.get("attended")

        def family(cls: str) -> str:
            return next((f for f in ("Visit", "Meeting", "Exhibition") if self.voc.is_a(cls, f)), "Event")

        for ev, same in repeated(text, events, family, roles.get("definite")):
            events.remove(ev)
            sent = ev["sentence"]
            if same is None or not attendance or not re.search(attendance, sent.text, re.IGNORECASE) \
                    or family(same["cls"]) == "Exhibition":
                continue
            have = {o for s, p, o in same["candidate"].triples if p in (CD + "participant", CD + "visitor")}
            added = [x.iri for x in self._in(ents, sent.start, sent.end, ("Person",))
                     if x.iri and x.iri not in have and not quoted(sent.text, x.start - sent.start)]
            same["candidate"].triples += [(same["iri"], CD + "participant", iri) for iri in dict.fromkeys(added)]
            if added:
                same["candidate"].evidence.append(self._unique(text, sent.start, sent.end,
                                                               (sent.start, sent.end)).rstrip(" ."))

    def _from_headings(self, article: Article, ents: list[Entity], events: list[dict]) -> None:
        """An event named in a list item takes what its heading says, where the item does not: the city a
        heading names ("Kolkata" over "- talks with X"), that it is planned ("Ce qui est prévu :", "the 2018
        programme includes:") and a programme's year."""
        text = article.text
        planned = [r for r in self.lex.event_statuses if r.target == ns.STATUS + "planned"]
        for ev in events:
            head = list_heading(text, ev["cue"])
            if head is None:
                continue
            cand, iri = ev["candidate"], ev["iri"]
            props = {p for s, p, _ in cand.triples if s == iri}
            line = text[head[0]:head[1]]
            # the heading is a place's name alone (one the name finder found there, or the project knows)
            known = [k for k in self.gaz.lookup(line.strip(" :–-\t")) if k.kind == "Place"]
            named = [x.iri for x in self._in(ents, head[0], head[1], ("Place",))
                     if x.iri and not line.replace(x.text, "").strip(" :–-\t")] or [k.iri for k in known]
            if not named and not known:
                # a heading that is a name no list knows ("Kolkata" over "- talks with X"): a place
                alone = self._heading_place(text, head)
                named = [alone.iri] if alone is not None else []
            if len(named) == 1 and CD + "location" not in props and not self.voc.is_a(ev["cls"], "Visit"):
                cand.triples.append((iri, CD + "location", named[0]))
                cand.evidence.append(line.strip())
            # "le programme 2018 …, qui comprend :": what a programme lists is planned, in its year
            year = re.search(r"\b(?:19|20)\d\d\b", line)
            programme = re.search(self.lex.raw.get("event_roles", {}).get("programme", r"(?!x)x"), line, re.IGNORECASE)
            programme = programme and (year is None or article.issued_year is None
                                       or int(year.group(0)) >= article.issued_year)
            if planned and CD + "status" not in props and (
                    any(r.pattern.search(line) for r in planned) or programme):
                cand.triples.append((iri, CD + "status", planned[0].target))
                if programme and year and CD + "date" not in props:
                    cand.triples.append((iri, CD + "date", ox.Literal(year.group(0),
                                                                      datatype=ox.NamedNode(ns.XSD + "gYear"))))
                if line.strip() not in cand.evidence:
                    cand.evidence.append(line.strip())

    def _listed(self, sent: Sentence, rule: Rule, m: re.Match[str]) -> list[re.Match[str]]:
        """The further items of a list of occasions after a colon ("trois rendez-vous : le festival de X, le
        Festival de Y et le Festival de Z"): the same cue again, each after a list separator, up to the end of
        the list's part of the sentence."""
        if rule.id not in self._occasion_rules() or ":" not in sent.text[:m.start()]:
            return []
        separator = self.lex.raw.get("event_context", {}).get("list_separator")
        if not separator:
            return []
        end = clause_span(sent.text, m.start(), r"[;:]")[1]
        out: list[re.Match[str]] = []
        last = m
        for x in rule.pattern.finditer(sent.text, m.end(), end):
            if quoted(sent.text, x.start()) or not re.search(separator, sent.text[last.end():x.start()]):
                continue
            out.append(x)
            last = x
        return out

    def _taking_part(self, sent: Sentence, states: list[Entity], span: tuple[int, int]) -> list[str]:
        """States named in sent.text[span] as taking part in what follows: a state right before the
        lexicon's `takes_part` words ("Iran will take part in", « le Maroc sera l'invité d'honneur de »), the
        introduction of a list of occasions included."""
        words = self.lex.raw.get("event_context", {}).get("takes_part")
        colon = sent.text.rfind(":", 0, span[1])
        start = 0 if colon >= 0 else span[0]
        if not words:
            return []
        out = []
        for x in states:
            at = x.start - sent.start
            if x.iri and start <= at < span[1] and re.match(rf"\s*(?:{words})", sent.text[x.end - sent.start:],
                                                             re.IGNORECASE):
                out.append(x.iri)
        return list(dict.fromkeys(out))

    def _heading_place(self, text: str, head: tuple[int, int]) -> Entity | None:
        """A list's heading that is only a name — one to three capitalised words, none of them a word the text
        writes in lower case elsewhere, a common word of the language, a month or a weekday, an event's cue or
        a state — names the place of its items; as an entity of the article."""
        line = text[head[0]:head[1]]
        words = line.strip(" :–-\t")
        if not re.fullmatch(r"[A-ZÀ-Þ][\w’'-]*\w(?:[ -][A-ZÀ-Þ][\w’'-]*\w){0,2}", words):
            return None
        lowered = {w.lower() for w in re.findall(r"(?<![\w’'])[a-zà-ÿ][\w’'-]*", text)}
        dates = self.lex.raw["dates"]
        common = english.word_lists().common if self.lex.language == "en" else frozenset()
        stop = {w.lower() for w in [*dates.get("months", {}), *dates.get("weekdays", {})]} | {
            w.lower() for w in self.lex.stopwords}
        if any(w.lower() in lowered or w.lower() in common or w.lower() in stop for w in re.split(r"[ -]", words)):
            return None
        if self._cue(self.lex.events, words) or any(k.kind != "Place" for k in self.gaz.lookup(words)) \
                or self._state_named(words):
            return None
        start = head[0] + line.index(words)
        place = Entity(start, start + len(words), words, "Place", ns.entity("place", _slug(words)), new=True,
                       cls=self.voc.cls("City") or CD + "Place")
        if any(x.start < place.end and place.start < x.end for x in self._ents):
            return None
        i = bisect_left([x.start for x in self._ents], place.start)
        self._ents.insert(i, place)
        self._starts.insert(i, place.start)
        return place

    def _planned_heading(self, text: str, at: int) -> bool:
        """Whether the list item at `at` sits under a heading that says its items are planned or names a
        programme (the same words _from_headings reads)."""
        head = list_heading(text, at)
        if head is None:
            return False
        line = text[head[0]:head[1]]
        programme = self.lex.raw.get("event_roles", {}).get("programme", r"(?!x)x")
        return bool(re.search(programme, line, re.IGNORECASE) or any(
            r.pattern.search(line) for r in self.lex.event_statuses if r.target == ns.STATUS + "planned"))

    def _event(self, article: Article, sent: Sentence, ents: list[Entity], rule: Rule, m: re.Match[str],
               name, until: int | None = None) -> dict | None:
        """The event a cue names; `until`, for an item of a list of occasions, where the next item starts."""
        text = article.text
        cls = rule.target
        people = self._in(ents, sent.start, sent.end, ("Person",))
        places = self._in(ents, sent.start, sent.end, ("Place",))
        states = self._in(ents, sent.start, sent.end, ("State",))
        orgs = self._in(ents, sent.start, sent.end, ("Organization",))
        roles = self.lex.raw.get("event_roles", {})
        families = all_families = self._families(sent)
        if rule.id not in self._occasion_rules():
            # a meeting held at a festival keeps the sentence's place and day as if the festival were not named
            families = [(r, o) for r, o in families if r.id not in self._occasion_rules()]
        # whether it took place, as the cue's clause says (cancelled, declined, postponed, planned, held); a
        # planned or postponed event's day or month without a year is the next one, not the last
        said = event_status(sent.text, m.start(), self.lex.event_statuses, roles.get("clause_boundary", r"[;:]"),
                            len(families) <= 1,
                            {r["id"] for r in self.lex.raw.get("event_status", []) if r.get("sentence_wide")},
                            {r.id for r in self.lex.event_statuses if r.target == ns.STATUS + "planned"})
        context = self.lex.raw.get("event_context", {})
        a, b = clause_span(sent.text, m.start(), roles.get("clause_boundary", r"[;:]"))
        definite = re.search(rf"(?:{roles.get('definite', '(?!x)x')})\s*$", sent.text[:m.start()], re.IGNORECASE)
        if said is None and not definite and event_context.future(sent.text[a:b], context):
            # "the festival will end with a show", « une exposition ouvrira » : the tense says it is to come (not
            # for a definite mention, "the exhibition would reveal …", an event reported before)
            said = next((r for r in self.lex.event_statuses if r.target == ns.STATUS + "planned"), None)
        colon = sent.text.rfind(":", 0, m.start())
        if said is None and colon > 0:
            # the items of a list take the status its introduction says ("l'Iran serait présent à trois
            # rendez-vous : …", "two events are planned: …")
            a, b = clause_span(sent.text[:colon], colon - 1, roles.get("clause_boundary", r"[;:]"))
            intro = sent.text[a:colon]
            said = next((r for r in self.lex.event_statuses if r.pattern.search(intro)), None) or (
                next((r for r in self.lex.event_statuses if r.target == ns.STATUS + "planned"), None)
                if event_context.future(intro, context) else None)
        ahead = said is not None and said.target in (ns.STATUS + "planned", ns.STATUS + "postponed")
        dates = event_dates(sent.text, self.lex.raw["dates"], self.lex.raw.get("event_dates", {}), article.issued,
                            article.issued_year, article.issued_month, ahead, text[max(0, sent.start - 400):sent.start])
        # people named inside a quoted title ("l'exposition « Diego Rivera, Frida Kahlo … »") are not there
        people = [p for p in people if not quoted(sent.text, p.start - sent.start)]
        # what an event's own part of the sentence says: its scope ("…, because officials declined to meet
        # him" is another event's) and, in it, its clause
        scope = clause_span(sent.text, m.start(), roles.get("scope_boundary", r"[;:]"))
        own = clause_span(sent.text, m.start(), roles.get("clause_boundary", r"[;:]"))
        if len(families) > 1:
            dates = [d for d in dates if scope[0] <= d.start < scope[1]]
        if self.voc.is_a(cls, "Visit") and any(
                o.start() != m.start() and scope[0] <= o.start() < scope[1] and (
                    self.voc.is_a(r.target, "Meeting") or r.id in self._occasion_rules()) for r, o in all_families):
            # a visit and another event in one part of a sentence (a meeting, or a forum the visitor attends:
            # "X, who is visiting China, attends … in Hangzhou"): the day and the city are the other's; the
            # visit keeps what its own clause says
            places = [p for p in places if own[0] <= p.start - sent.start < own[1]]
            dates = [d for d in dates if own[0] <= d.start < own[1]]
        occasion = rule.id in self._occasion_rules()
        if occasion and len(families) > 1:
            # "profité du Forum X, à Saint-Pétersbourg, pour s'entretenir avec Y": the people are the meeting's;
            # the forum keeps the place and the day named between its cue and the next event's
            people = []
            upto = min([o.start() for _, o in families if o.start() > m.start()] + [scope[1]])
            places = [p for p in places if m.start() <= p.start - sent.start < upto]
            dates = [d for d in dates if m.start() <= d.start < upto]
        if until is not None:
            # "trois rendez-vous : le festival de X (18-22 novembre), le Festival de Y …": each item has the
            # place and the day named up to the next item
            people = []
            places = [p for p in places if m.start() <= p.start - sent.start < until]
            dates = [d for d in dates if m.start() <= d.start < until]
            scope = (scope[0], min(scope[1], until))
        # a state that takes part ("l'Iran serait présent à …", "Morocco will be the guest of honour at …"), in
        # the event's part of the sentence or in the introduction of the list it is an item of
        taking = [] if people or not occasion else self._taking_part(sent, states, (scope[0], m.start()))
        if any(r.get("id") == rule.id and r.get("pair") for r in self.lex.raw.get("events", [])) \
                and len(people) < 2:
            return None  # "discussed", « ont abordé »: a meeting only between two people the sentence names
        # a place no list knows, after a locative preposition ("at the Kremlin", « sur l'île de Ganghwa »)
        spot = None if places or self.voc.is_a(cls, "Visit") else self._locative(
            text, sent, ents, (own if not occasion else (m.start(), scope[1])), scope, m.start())
        dated = re.search(roles.get("dated_alone", r"(?!x)x"), sent.text, re.IGNORECASE) and dates
        # an occasion listed under a heading that announces a programme or a plan ("Ce qui est prévu :",
        # "the 2018 programme includes:") is an event of that programme, with or without a day or a place
        dated = dated or (occasion and self._planned_heading(text, sent.start + m.start()))
        dated = dated or (occasion and (places or dates))  # a festival is somewhere or at some time
        # (a place read from a preposition alone does not make an event of a sentence, a festival's neither:
        # measured on held-out dev articles, it added more false events than it found)
        if not people and (self.voc.is_a(cls, "Visit") or (
                not self.voc.is_a(cls, "Exhibition") and not (places and dates) and not dated)):
            # a meeting is someone's, or at least somewhere at some time (a signing: at some time); a visit
            # is someone's
            return None
        triples: list[tuple[str, str, Object]] = []
        local = _slug(" ".join([*(p.text.split()[-1] for p in people[:2]), ns.shorten(cls).split(":")[1],
                                *(p.text for p in places[:1])]))
        iri = ns.entity("event", f"{article.id}-{local}"[:80].rstrip("-"))
        triples.append((iri, TYPE, cls))
        cue = sent.start + m.start()
        # its name: the text's words from the cue ("rencontre …", "visite officielle …") to the clause's end
        clause = re.match(r"[^,;:.()«»\"]+", text[cue:sent.end])
        triples.append((iri, ns.RDFS + "label", ox.Literal(_words(clause.group(0) if clause else m.group(0), 10),
                                                           language=article.language)))
        comments: list[str] = []
        if self.voc.is_a(cls, "Visit"):
            cue_end = sent.start + m.end()
            visitor = visitor_of(text, sent.start, cue, cue_end, people, roles.get("of", r"(?!x)x"))
            if visitor and visitor.iri:
                triples.append((iri, CD + "visitor", visitor.iri))
            host = visit_host_after(text, sent.start, cue_end, states, roles.get("into", r"(?!x)x"))
            if host is None:
                # "a trip to Budapest", « son voyage à Dakar »: a capital's state hosts the visit
                capitals = [Entity(x.start, x.end, "", "State", x.iri) for x in self.party_words.mentions(
                    text, sent.start, sent.end, ents) if x.how == "capital"]
                host = visit_host_after(text, sent.start, cue_end, capitals, roles.get("into", r"(?!x)x"))
            if host is None and visitor is not None:
                # "X, vice-président de l'Inde, dont la visite … dans le royaume": in an article about two
                # states, the one the visitor is not from hosts the visit
                home = self._state_of_person(text, sent, visitor, ents)
                pair = self._article_states(text, ents)
                if home in pair:
                    host_iri = next(x for x in pair if x != home)
                    triples.append((iri, CD + "hostCountry", host_iri))
                    comments.append(f"host country {ns.shorten(host_iri)}: the article's other state than the "
                                    f"visitor's ({ns.shorten(home)}); check it")
            elif host is not None:
                triples.append((iri, CD + "hostCountry", host.iri))
        elif self.voc.is_a(cls, "Exhibition"):
            # where it is shown: the institution the text puts it at ("at the National Gallery"), else the last
            where = venue(text, orgs, sent.start, roles.get("venue", r"(?!x)x")) or (orgs[-1] if orgs else None)
            if where is not None and where.iri:
                triples.append((iri, CD + "location", where.iri))
            elif spot is not None:
                triples.append((iri, CD + "location", self._place_entity(text, ents, spot).iri))
        else:
            for p in people:
                if p.iri:
                    triples.append((iri, CD + "participant", p.iri))
            triples += [(iri, CD + "participant", x) for x in taking]
            host = self._host(text, sent, m, people, ents, roles)
            if host:
                triples.append((iri, CD + "host", host))
        where = venue(text, orgs, sent.start, roles.get("venue", r"(?!x)x"))
        if self.voc.is_a(cls, "Exhibition"):
            pass
        elif where is not None:
            triples.append((iri, CD + "location", where.iri))
        elif places and places[0].iri:
            triples.append((iri, CD + "location", places[0].iri))
        elif spot is not None:
            triples.append((iri, CD + "location", self._place_entity(text, ents, spot).iri))
        d = date_of(dates, own)
        if d:
            triples.append((iri, CD + "date", ox.Literal(d.value, datatype=ox.NamedNode(ns.XSD + d.datatype))))
        if said:
            triples.append((iri, CD + "status", said.target))
            if any(r.get("id") == said.id and r.get("invitees") for r in self.lex.raw.get("event_status", [])):
                # who refused to meet whom: invited, never participants (the model: cd:invitee)
                triples = [(s_, CD + "invitee" if p_ == CD + "participant" else p_, o_) for s_, p_, o_ in triples]
        comments += [f"ambiguous name “{p.text}”: " + ", ".join(ns.shorten(c) for c in p.candidates)
                     + " (none chosen)" for p in people if p.iri is None]
        # a meeting of fewer than two named people, a visit with no visitor or host country, an exhibition with
        # no place: the shapes refuse the narrower class, so the claim says "an event" and the reviewer can narrow it
        has = {p for _, p, _ in triples if p != CD + "participant"} | (
            {CD + "participant"} if sum(1 for _, p, _ in triples if p == CD + "participant") >= 2 else set())
        needs = next((need for family, need in (("Meeting", {CD + "participant"}),
                                                ("Visit", {CD + "visitor", CD + "hostCountry"}),
                                                ("Exhibition", {CD + "location"}))
                      if self.voc.is_a(cls, family)), set())
        if needs - has:
            triples[0] = (iri, TYPE, CD + "Event")
            comments.append(f"the text says {ns.shorten(cls)} but names too little for one ("
                            + ", ".join(sorted(ns.shorten(n) for n in needs - has)) + "): proposed as cd:Event")
        evidence = self._unique(text, sent.start, sent.end, (sent.start, sent.end)).rstrip(" .")
        cand = Candidate(name(f"event-{_slug(ns.shorten(cls).split(':')[1])}"), "event", triples, [evidence],
                         0.7 if people else 0.5, rule.id, comments=comments)
        return {"candidate": cand, "iri": iri, "sentence": sent, "cls": cls, "cue": cue, "main": False}

    def _locative(self, text: str, sent: Sentence, ents: list[Entity], own: tuple[int, int],
                  scope: tuple[int, int], cue: int) -> event_context.Span | None:
        """Where an event took place when no place the name finder knows is named: a capitalised name after a
        locative preposition, in the cue's clause, else after the cue in its part of the sentence."""
        context = self.lex.raw.get("event_context", {})
        taken = [(x.start, x.end) for x in self._in(ents, sent.start, sent.end)]
        dates = self.lex.raw["dates"]
        stop = {w.lower() for w in [*dates.get("months", {}), *dates.get("weekdays", {}),
                                     *self.lex.raw.get("places", {}).get("languages", []),
                                     *context.get("not_places", [])]}
        for a, b in (own, (cue, scope[1])):
            found = event_context.locative_places(text, sent.start + a, sent.start + b, context, taken, stop,
                                                  lambda words: self._cue(self.lex.events, words) is not None)
            if found:
                return found[0]
        return None

    def _place_entity(self, text: str, ents: list[Entity], spot: event_context.Span) -> Entity:
        """The place a locative names, as an entity of the article (the project's, where it knows the name)."""
        here = next((x for x in [*ents, *self._spots] if x.start == spot.start and x.end == spot.end), None)
        if here is not None:
            return here
        # a name whose word says an institution ("the Orveline Museum", « le Théâtre Vellmark ») is a body's
        body = self._org_class(spot.name)
        kind = "Place" if body == (self.voc.cls("Organization") or CD + "Organization") else "Organization"
        known = [k for k in self.gaz.lookup(spot.name) if k.kind == kind]
        place = Entity(spot.start, spot.end, spot.name, kind,
                       known[0].iri if len(known) == 1 else ns.entity(kind.lower(), _slug(spot.name)),
                       new=not known,
                       cls=known[0].cls if len(known) == 1 else body if kind != "Place"
                       else (self.voc.cls("City") or CD + "Place") if spot.city else CD + "Place")
        self._spots.append(place)  # among the article's names once every event is read (not a place of the
        return place               # sentence's other events: "à Paris" is this one's)

    def _companions(self, text: str, sentences: list[Sentence], ents: list[Entity], events: list[dict]) -> None:
        """"Le président, venu avec X, sept ministres — parmi lesquels Y …, a scellé": who came with a visitor,
        in the visit's sentence or the rest of its paragraph, took part in the visit (up to the main verb)."""
        table = self.lex.raw.get("event_roles", {})
        cue, until = table.get("companions"), table.get("companions_end", r"(?!x)x")
        if not cue:
            return
        for ev in events:
            if not self.voc.is_a(ev["cls"], "Visit"):
                continue
            sent = ev["sentence"]
            para_end = text.find("\n", sent.start)
            para_end = len(text) if para_end == -1 else para_end
            cand = ev["candidate"]
            have = {o for _, p, o in cand.triples if p in (CD + "participant", CD + "visitor")}
            for nxt in sentences:
                if nxt.start < sent.start or nxt.start >= para_end or (
                        nxt is not sent and any(other["sentence"] is nxt for other in events)):
                    continue
                m = re.search(cue, nxt.text, re.IGNORECASE)
                if m is None:
                    continue
                stop = re.search(until, nxt.text[m.end():], re.IGNORECASE)
                end = nxt.start + m.end() + (stop.start() if stop else len(nxt.text) - m.end())
                for x in self._in(ents, nxt.start + m.end(), end, ("Person",)):
                    if x.iri and x.iri not in have:
                        have.add(x.iri)
                        cand.triples.append((ev["iri"], CD + "participant", x.iri))
                if nxt.text.strip() not in " ".join(cand.evidence):
                    cand.evidence.append(self._unique(text, nxt.start + m.start(), end, (nxt.start, nxt.end)))

    def _dateline_entity(self, text: str, ents: list[Entity]) -> Entity | None:
        """The city of a dispatch's dateline ("CANNES, 18 mai 2024 –", "PHNOM PENH -"), as a place among the
        article's entities (a run of capitals the name finder took for a person is that place)."""
        m = dateline(text, self.lex.raw.get("event_roles", {}).get("dateline"))
        if m is None:
            return None
        words = m.group("city").strip()
        name = words.title()
        known = [k for k in self.gaz.lookup(name) if k.kind == "Place"]
        start = m.start("city")
        place = Entity(start, start + len(words), name, "Place",
                       known[0].iri if len(known) == 1 else ns.entity("place", _slug(name)), new=not known,
                       cls=known[0].cls if len(known) == 1 else (self.voc.cls("City") or CD + "Place"))
        here = next((x for x in ents if x.start < place.end and place.start < x.end), None)
        if here is not None and here.kind in ("Place", "State"):
            return here
        if here is not None and not (here.start == place.start and here.end == place.end and here.kind == "Person"):
            return None  # the capitals are part of another name: leave it
        if here is not None:
            ents[ents.index(here)] = place
        else:
            i = bisect_left([x.start for x in ents], place.start)
            ents.insert(i, place)
            if ents is self._ents:
                self._starts.insert(i, place.start)
        return place

    def _dateline_place(self, text: str, ents: list[Entity], events: list[dict], place: Entity | None) -> None:
        """"CANNES, 18 mai 2024 – X s'est entretenu avec Y": an event of the dispatch's lead paragraph that
        names no place (a meeting, a ceremony; not a visit or an exhibition) took place where the dateline says."""
        if place is None or place.iri is None:
            return
        lead_end = text.find("\n", place.end)
        lead_end = len(text) if lead_end == -1 else lead_end
        line_start = text.rfind("\n", 0, place.start) + 1
        todo = [ev for ev in events if line_start <= ev["sentence"].start < lead_end and not any(
            p == CD + "location" for _, p, _ in ev["candidate"].triples) and not (
            self.voc.is_a(ev["cls"], "Exhibition") or self.voc.is_a(ev["cls"], "Visit"))]  # a visit spans a country
        for ev in todo:
            ev["candidate"].triples.append((ev["iri"], CD + "location", place.iri))
            words = text[place.start:place.end]
            if not any(words in e for e in ev["candidate"].evidence):
                ev["candidate"].evidence.append(self._unique(text, place.start, place.end, (line_start, lead_end)))

    def _host(self, text: str, sent: Sentence, m: re.Match[str], people: list[Entity], ents: list[Entity],
              roles: dict) -> str | None:
        """"Le président X a reçu Y", "Y was received by X": the state of the one who receives hosts the
        meeting (cd:host), where the sentence gives that person's state."""
        if not re.search(roles.get("receives", r"(?!x)x"), m.group(0), re.IGNORECASE):
            return None
        cue, cue_end = sent.start + m.start(), sent.start + m.end()
        by = re.match(rf"\s*(?:{roles.get('by', '(?!x)x')})\s+", text[cue_end:sent.end], re.IGNORECASE)
        if by:
            host = next((p for p in people if p.start == cue_end + by.end()), None)
        else:
            host = next(iter([p for p in people if p.end <= cue][-1:]), None)
        return self._state_of_person(text, sent, host, ents) if host is not None else None

    def _state_of_person(self, text: str, sent: Sentence, person: Entity, ents: list[Entity]) -> str | None:
        """A person's state as the sentence gives it: a state's adjective just before the name ("British
        cabinet minister Ken Clarke") or a state or adjective in the apposition after it ("X, vice-président
        de l'Inde,")."""
        lead = text[max(sent.start, person.start - 40):person.start]
        word = self._state_word(lead.split(",")[-1], capitalised=True)
        if word:
            return word[0]
        tail = re.match(r"\s*,([^,;.]*)", text[person.end:sent.end])
        if tail:
            a, b = person.end + tail.start(1), person.end + tail.end(1)
            inside = [x for x in self._in(ents, a, b, ("State",)) if x.iri]
            if inside:
                return inside[0].iri
            word = self._state_word(tail.group(1))
            if word:
                return word[0]
        return None

    def _complete_meetings(self, text: str, sentences: list[Sentence], ents: list[Entity], events: list[dict],
                           holders: dict[str, str]) -> None:
        """A meeting whose sentence names fewer than two people: "the minister" is the last minister named,
        and the next sentences of its paragraph, up to another event, name the rest ("The memorandum was
        signed by X and Y, in the presence of Z")."""
        self._companions(text, sentences, ents, events)
        roles = self.lex.raw["offices"].get("roles", {})
        for ev in events:
            if not (self.voc.is_a(ev["cls"], "Meeting") or ev["cls"] == CD + "Event"):
                continue
            cand, iri, sent = ev["candidate"], ev["iri"], ev["sentence"]
            if any(p == CD + "invitee" for _, p, _ in cand.triples):
                continue  # invited, not met: nobody is added as a participant
            have = [o for _, p, o in cand.triples if p == CD + "participant"]
            if len(have) >= 2:
                continue
            found = list(have)
            named = self._in(ents, sent.start, sent.end, ("Person",))
            for role, head in roles.items():
                # "the minister" is the last minister named; not where the role is a named person's own
                # title ("Le chef de l'État kazakh, Kassym-Jomart Tokaïev, a présidé …")
                said = [r for r in re.finditer(rf"\b{re.escape(role)}\b", sent.text, re.IGNORECASE)
                        if not any(0 <= x.start - (sent.start + r.end()) <= 30 for x in named)]
                if said and holders.get(norm(head)):
                    found.append(holders[norm(head)])
            if len(dict.fromkeys(found)) < 2:
                para_end = text.find("\n", sent.end)
                para_end = len(text) if para_end == -1 else para_end
                for nxt in sentences:
                    if nxt.start < sent.end or nxt.start >= para_end:
                        continue
                    if any(other["sentence"] is nxt for other in events):
                        break
                    found += [x.iri for x in self._in(ents, nxt.start, nxt.end, ("Person",)) if x.iri]
            attendance = self.lex.raw.get("attendance")
            if len(dict.fromkeys(found)) < 2 and ev["main"] and attendance:
                # "The memorandum was signed by X and Y, in the presence of Z" (a sentence of no event of its
                # own, anywhere in the article): who signed or attended at the article's occasion
                for nxt in sentences:
                    if nxt.start >= sent.end and re.search(attendance, nxt.text, re.IGNORECASE) and \
                            not any(other["sentence"] is nxt for other in events):
                        found += [x.iri for x in self._in(ents, nxt.start, nxt.end, ("Person",)) if x.iri]
            signers: list[str] = []
            if len(dict.fromkeys(found)) < 2:
                # "the U.S. Embassy and Cambodia's Ministry of Culture signed …" at the event: the bodies that
                # signed took part
                signing = self._cue([r for r in self.lex.statuses if r.signing], sent.text)
                if signing:
                    bodies = {x.iri for x in ents if x.kind == "Organization"}
                    signers = [iri for iri in self._subject_parties(text, sent, sent.start + signing[1].start(), ents)
                               if iri in bodies]
                    found += signers
            occasion = None
            if len(dict.fromkeys(found)) == 1 and not any(
                    0 <= ev["cue"] - x.end <= 12 for x in self._in(ents, sent.start, sent.end, ("Person",))):
                # "talks with X" during a visit the article reported before: the visitor met X (not where a
                # name is the cue's subject: "Y met X the previous year" is Y's meeting)
                visit = next((v for v in reversed(events[:events.index(ev)]) if self.voc.is_a(v["cls"], "Visit")),
                             None)
                visitor = next((o for _, p, o in visit["candidate"].triples if p == CD + "visitor"), None) \
                    if visit else None
                if visitor:
                    found.append(visitor)
                    occasion = visit["iri"]
            found = list(dict.fromkeys(found))
            if len(found) < 2:
                continue
            triples = [t for t in cand.triples if t[1] != CD + "participant"]
            if occasion:
                triples.append((iri, CD + "occasion", occasion))
            triples += [(iri, CD + "participant", x) for x in found]
            # it names enough now for the narrower class (institutions that signed make a signing, not a meeting)
            if (iri, TYPE, CD + "Event") in triples and set(found) - set(signers):
                triples[triples.index((iri, TYPE, CD + "Event"))] = (iri, TYPE, ev["cls"])
                cand.comments = [c for c in cand.comments if "names too little" not in c]
            cand.triples = triples

    def _office_before(self, text: str, sent: Sentence, person: Entity, ents: list[Entity]) -> tuple[int, int] | None:
        if self.lex.language == "en":
            return self._title_before(text, sent, person, ents)
        heads = re.compile(self.lex.raw["offices"]["heads"], re.IGNORECASE if self.lex.language == "fr" else 0)
        window_start = max(sent.start, person.start - 130)
        window = text[window_start:person.start]
        found = [m for m in heads.finditer(window)]
        if not found:
            return None
        m = found[-1]
        s = window_start + m.start()
        between = text[s:person.start]
        if self._in(ents, s, person.start, ("Person",)):
            return None
        breaks = self.lex.raw["offices"].get("title_breaks", r"\b(?:a|ont|est|et\s+(?:le|la)|and\s+the|met|said)\b")
        if re.search(breaks, between[len(m.group(0)):]):
            return None  # a verb or another person's mention between the title and the name
        if between[len(m.group(0)):][:1].isalpha():
            return None  # "présidents", "ministres": a plural, or a head inside another word
        before_people = self._in(ents, max(sent.start, s - 60), s, ("Person",))
        if "," in between and re.search(r"\w\s*,\s*(?:le\s+|la\s+|l['’])?$", text[max(sent.start, s - 8):s]) and \
                before_people and not self._office_before(text, sent, before_people[-1], ents):
            # "X, ministre de la Culture, Y, directrice …": the apposition is X's, unless X's title came before X
            # ("la ministre de la Culture, X, le ministre du Tourisme, Y": a list of titles and names)
            return None

        # widen to the determiner and the state's adjective or possessive before the head
        before = text[max(sent.start, s - 40):s]
        lead = re.search(r"((?:\b(?:le|la|l['’]|the|[A-Z][\w]+['’]s)\s*)(?:\w+\s+)?)$", before)
        if lead:
            s -= len(lead.group(1))
        return s, person.start

    def _title_before(self, text: str, sent: Sentence, person: Entity, ents: list[Entity]) -> tuple[int, int] | None:
        """English: the title right before the name, with its modifiers and state (kg/ingest/offices.py); not
        an apposition of the person before ("with X, India's Minister of Culture, Y talked")."""
        table = self.lex.raw["offices"]
        s = offices.title_before(text, max(sent.start, person.start - 130), person.start, table["heads"],
                                 set(table.get("modifiers", [])), self._is_state_word)
        if s is None or self._in(ents, s, person.start, ("Person",)):
            return None
        if "," in text[s:person.start] and re.search(r"\w\s*,\s*$", text[max(sent.start, s - 3):s]) and \
                self._in(ents, max(sent.start, s - 60), s, ("Person",)):
            return None
        return s, person.start

    def _without_state(self, title: str, state: str) -> str:
        """A title without its state's name at its end ("ministre de la Culture de la France"), unless it is
        all the title has after its head ("président de la Chine" keeps its words when that is the known label)."""
        k = self.gaz.entities.get(state)
        for label in sorted(k.labels if k else (), key=len, reverse=True):
            m = re.search(rf"\s+(?:du|de\s+la|de\s+l['’]|des|de|d['’]|of(?:\s+the)?)\s*{re.escape(label)}$", title,
                          re.IGNORECASE)
            if m and m.start() > 0:
                return title[:m.start()]
        return title

    def _without_possessive(self, text: str, at: int, title: str) -> tuple[str, str | None]:
        """A title that opens on the last word of a state's name of several words in the possessive ("Zealand's
        Arts Minister" of "New Zealand's …", at: where the title starts in the text): (the title without it,
        the state), else (the title, None)."""
        first = title.split(" ", 1)
        bare = re.sub(r"['’]s$", "", first[0])
        if len(first) < 2 or bare == first[0]:
            return title, None
        lead = re.search(r"((?:[A-Z][\w-]*\s+){1,2})$", text[max(0, at - 30):at])
        words = lead.group(1).split() if lead else []
        for i in range(len(words)):
            states = [k for k in self.gaz.lookup(" ".join([*words[i:], bare])) if k.kind == "State"]
            if len(states) == 1:
                return first[1], states[0].iri
        return title, None

    def _is_state_word(self, word: str) -> bool:
        """A state's adjective ("British"), name or possessive ("India's")."""
        bare = re.sub(r"['’]s$", "", word)
        return self._state_word(word, capitalised=True) is not None or self._withheld_state(word) is not None or (
            bare[:1].isupper() and any(k.kind == "State" for k in self.gaz.lookup(bare)))

    def _withheld_state(self, word: str) -> str | None:
        """"Jordan's", "Chad's": a state the gazetteer leaves out as more often a person's name (the lexicon's
        not_states) is the state in the possessive, before a title."""
        bare = re.sub(r"['’]s$", "", word)
        if bare == word or bare not in self.lex.raw.get("not_states", []):
            return None
        return ns.entity("state", ns.slugify(bare))

    def _state_named(self, word: str) -> str | None:
        """The state IRI of an adjective, a name or a possessive ("Lithuanian", "Lithuania's")."""
        found = self._state_word(word, capitalised=True)
        if found:
            return found[0]
        if withheld := self._withheld_state(word):
            return withheld
        states = {k.iri for k in self.gaz.lookup(re.sub(r"['’]s$", "", word)) if k.kind == "State"}
        return states.pop() if len(states) == 1 and word[:1].isupper() else None

    def _office_after(self, text: str, sent: Sentence, person: Entity) -> tuple[int, int] | None:
        heads = self.lex.raw["offices"]["heads"]
        if self.lex.language == "en":
            end = offices.title_after(text, person.end, sent.end, heads,
                                      set(self.lex.raw["offices"].get("modifiers", [])), self._is_state_word,
                                      self.lex.raw["offices"].get("title_adverbs", r"(?!x)x"))
            return (person.start, end) if end is not None else None
        # "X, alors président du Conseil": the adverb is not part of the title
        adverbs = self.lex.raw["offices"].get("title_adverbs", r"(?!x)x")
        more = self.lex.raw["offices"].get("title_continues", r"(?!x)x")
        m = re.match(rf"\s*,\s*(?:(?:{adverbs})\s+)?((?:the\s+|le\s+|la\s+|l['’])?{heads}[^,;.]*(?:{more})?)",
                     text[person.end:sent.end])
        if not m:
            return None
        if re.match(r"(?:le|la|l['’])", m.group(1), re.IGNORECASE) and re.search(
                r"\bet\s+(?:[A-ZÀ-Þ][\w’'-]*\s+){0,2}$", text[max(sent.start, person.start - 40):person.start]):
            return None  # "X et Y, l'ambassadeur de France, ainsi que …": the next item of a list, not Y's title
        return person.start, person.end + m.end(1)

    def _state_word(self, phrase: str, capitalised: bool = False) -> tuple[str, str] | None:
        """(state IRI, the word) of the first state adjective or possessive in a phrase ("kazakhe",
        "Tunisia's"); outside an office's own words only a capitalised one ("US", not "us"); French writes its
        adjectives in lower case. The word → state mapping is kg/ingest/parties.py's, shared with parties."""
        for w in re.findall(r"[\w’'-]+", phrase):
            iri = self.party_words.adjective(w, capitalised and self.lex.language != "fr")
            if iri is None and re.search(r"['’]s$", w) and w[:1].isupper():
                # "Washington's ambassador": a capital in the possessive stands for its state (lexicon [capitals])
                iri = self.party_words.capitals.get(norm(w[:-2]))
            if iri:
                return iri, w
        return None

    def _demonym(self, word: str) -> str | None:
        """Any state's adjective, from its name and the language's demonym suffixes ("béninois", "Peruvian")."""
        return self.party_words.demonym(word)

    def _state_in_context(self, text: str, sent: Sentence, office: str, at: int, ents: list[Entity],
                          events: list[dict] | None = None) -> str | None:
        """An office named without its state: the state of a ministry named with the same words elsewhere
        ("Cambodia's Ministry of Culture and Fine Arts" for "Minister of Culture and Fine Arts"), else the
        nearest state named before it in the sentence ("the German delegation, led by Ambassador …"), else the
        first after it that is not a post's host."""
        table = self.lex.raw["offices"]
        tail = re.search(table.get("office_tail", r"(?!x)x"), office, re.IGNORECASE)
        if tail:
            for m in re.finditer(rf"{table['ministry']}\s+{re.escape(tail.group(0))}", text, re.IGNORECASE):
                lead = text[max(0, m.start() - 30):m.start()]
                near = [x for x in self._in(ents, max(0, m.start() - 30), m.end() + 30, ("State",)) if x.iri]
                word = self._state_word(lead.split(".")[-1] + " " + m.group(0)) or (
                    (near[0].iri, near[0].text) if near else None)
                if word:
                    return word[0]
        host = table.get("host", r"(?!x)x")

        def states_in(a: int, b: int) -> list[tuple[int, str]]:
            found = [(x.start, x.iri) for x in self._in(ents, a, b, ("State",)) if x.iri and not re.search(
                rf"(?:{host})\s*$", text[max(a, x.start - 12):x.start], re.IGNORECASE)]
            for w in re.finditer(r"[\w’'-]+", text[a:b]):
                word = self._state_word(w.group(0), capitalised=True)
                if word:
                    found.append((a + w.start(), word[0]))
            return sorted(found)

        # the same title named elsewhere with its state ("Lithuania's culture minister" in the headline)
        head = re.search(table["heads"], office, re.IGNORECASE)
        same = offices.same_title_state(text, office, head.group(0) if head else None, self._state_named)
        if same:
            return same
        # a state in another person's title ("avec le dirigeant libyen X, Y, alors président du Conseil") is
        # that person's; in a two-state article the office is then the other state's (the counterpart's)
        holder = next((x for x in self._in(ents, at, sent.end, ("Person",)) if x.iri), None)
        others = [x for x in self._in(ents, sent.start, sent.end, ("Person",))
                  if x.iri and (holder is None or x.iri != holder.iri)]
        theirs = {iri for pos, iri in states_in(sent.start, sent.end)
                  if offices.in_title_of(text, pos, [(x.start, x.end) for x in others])}
        before = states_in(sent.start, at)
        mine = [iri for _, iri in before if iri not in theirs]
        if mine:
            return mine[-1]
        if len(theirs) == 1:
            rest = [iri for iri in self.party_words.main_states(text, ents) if iri not in theirs]
            if len(rest) == 1:
                return rest[0]
        if before:  # both sides' titles named before: the nearest
            return before[-1][1]
        # the holder visits one of the article's two states: the office is the other's
        hosts = {o for ev in events or () for c in [ev.get("candidate")] if c is not None and holder is not None
                 and (c.triples[0][0], CD + "visitor", holder.iri) in c.triples
                 for _, p, o in c.triples if p == CD + "hostCountry"}
        if len(hosts) == 1:
            rest = [iri for iri in self.party_words.main_states(text, ents) if iri not in hosts]
            if len(rest) == 1:
                return rest[0]
        # the state the article is most about (an office left without one is lost when all is accepted)
        named = [iri for _, iri in states_in(0, len(text))]
        most = offices.most_named(named)
        if most and re.search(table.get("envoys", r"(?!x)x"), office, re.IGNORECASE):
            # an envoy serves abroad: the article's main state hosts the post, the envoy is the other's
            return offices.most_named(named, but=most)
        if most:
            return most
        after = states_in(at, sent.end)
        return after[0][1] if after else None

    def _tenures(self, article: Article, sentences: list[Sentence], ents: list[Entity], events: list[dict],
                 main: dict | None, name, holders: dict[str, str]) -> list[Candidate]:
        text = article.text
        out: list[Candidate] = []
        seen: set[tuple[str, str]] = set()
        counterpart = self.lex.raw["offices"].get("counterpart")
        for sent in sentences:
            titles_here: list[str] = []
            for person in self._in(ents, sent.start, sent.end, ("Person",)):
                span = self._office_before(text, sent, person, ents)
                after = False
                phrase = ""
                portfolio = None
                if span is None and self.lex.raw["offices"].get("portfolio"):
                    # "X, titulaire du portefeuille de la Culture": a minister, of that portfolio
                    portfolio = offices.portfolio_after(text, person.end, sent.end,
                                                        self.lex.raw["offices"]["portfolio"])
                    if portfolio:
                        span, after = (person.start, portfolio[0]), True
                        phrase = f"{self.lex.raw['offices'].get('portfolio_title', 'minister')} {portfolio[1]}"
                if span is None and titles_here and counterpart:
                    # "X, ministre de la Culture, et son homologue béninois Y": Y holds the same office in Benin
                    cp = re.search(rf"(?:{counterpart})\s*,?\s*$", text[sent.start:person.start], re.IGNORECASE)
                    if cp:
                        span = (sent.start + cp.start(), person.start)
                        phrase = f"{titles_here[-1]} {cp.group('adj') or ''}".strip()
                if span is None:
                    span = self._office_after(text, sent, person)
                    after = True
                led = None
                if span is None:
                    # "X, who heads the Japan National Tourism Organisation": the body's head, in that body
                    led = offices.body_led(text, person.end, sent.end, self.lex.raw["offices"].get("leads", {}),
                                           self._in(ents, person.end, sent.end, ("Organization",)))
                    if led:
                        span, phrase = (person.start, led[1].end), led[0]
                if span is None:
                    # "the Lok Sabha members X and Y", "X, a member of the Bundestag": a member of that body
                    member = offices.member_of(text, (person.start, person.end), sent.start, sent.end,
                                               self.lex.raw["offices"].get("member", {}),
                                               self._in(ents, sent.start, sent.end, ("Organization",)))
                    if member:
                        led = (member[0], member[1])
                        span, phrase, after = (member[2], member[3]), member[0], False
                if span is None or person.iri is None:
                    continue
                s, e = span
                phrase = phrase or (text[s:e] if not after else text[person.end:e])
                phrase = TRAILING.sub("", phrase.strip(" ,"))  # "ministre de la Culture, et …" ends at its title
                adverbs = self.lex.raw["offices"].get("title_adverbs", r"(?!x)x")
                phrase = re.sub(rf"^(?:{adverbs})\s+", "", phrase)  # "alors président du Conseil"
                # "ministre chargé de la Culture, mais aussi de la Jeunesse": one list of portfolios
                for pattern, repl in self.lex.raw["offices"].get("title_rewrites", {}).items():
                    phrase = re.sub(pattern, repl, phrase)
                # "Ambassador to Cambodia", "ambassadeur de France au Maroc": the state after "to"/"au" hosts
                # the post; the office belongs to the other one
                host = self.lex.raw["offices"].get("host", r"(?!x)x")
                states = [x for x in self._in(ents, s, e, ("State",)) if x.iri
                          and not re.search(rf"(?:{host})\s*$", text[max(s, x.start - 12):x.start], re.IGNORECASE)]
                country = states[0].iri if states else None
                if portfolio and portfolio[2]:  # "qui dirige au Sénégal le ministère …": the minister's state
                    named = [x.iri for x in self._in(ents, *portfolio[2], ("State",)) if x.iri]
                    country = named[0] if named else country
                adjective = self._state_word(phrase)
                if adjective and (country is None or phrase.find(adjective[1]) < phrase.find(states[0].text)):
                    country = adjective[0]
                office_words = re.sub(r"^(?:(?:le|la|the)\s+|l['’]\s*)", "", phrase, flags=re.IGNORECASE)
                # "ministre marocain de la Culture": the office is "ministre de la Culture", in Morocco
                office_words = " ".join(w for w in office_words.split()
                                        if not self.gaz.adjectives.get(norm(w.removesuffix("'s").removesuffix("’s")))
                                        and not self._demonym(w)
                                        and not (re.search(r"['’]s$", w) and self._is_state_word(w)))
                if self.lex.language == "en":  # "Prime Ministers X and Y", "ambassador in Canberra"
                    office_words = offices.host_removed(offices.singular(office_words,
                                                                         self.lex.raw["offices"]["heads"]))
                else:  # "chargé d'affaires à N'Djaména": the post's city is not part of the office
                    office_words = re.sub(self.lex.raw["offices"].get("post_city", r"(?!x)x"), "", office_words)
                if country:  # "ministre de la Culture de la France": the state is the office's postIn
                    office_words = self._without_state(office_words, country)
                # "New Zealand's Arts Minister": the title starts after its state's name
                office_words, named = self._without_possessive(text, s, office_words)
                country = country or named
                # "le chef de la diplomatie béninoise": the title a periphrasis stands for
                office_words = self.lex.raw["offices"].get("synonyms", {}).get(office_words.lower(), office_words)
                titles_here.append(office_words)
                office_slug = _slug(office_words, 12)
                if country and country.rsplit("/", 1)[-1] not in office_slug:
                    office_slug = f"{office_slug}-{country.rsplit('/', 1)[-1]}"
                names = [label for k in [self.gaz.entities.get(country)] if k for label in k.labels] if country else []
                known_office = self.gaz.office(office_words, names) if names else None
                office = known_office or ns.entity("office", office_slug[:90].rstrip("-"))
                if (person.iri, office) in seen:
                    continue
                seen.add((person.iri, office))
                holder_slug = person.iri.rsplit("/", 1)[-1].split("-")[-1]
                tenure = ns.entity("tenure", f"{holder_slug}-{office_slug}"[:90].rstrip("-"))
                event = self._event_at(events, sent, person.start) or main
                triples: list[tuple[str, str, Object]] = [
                    (tenure, TYPE, CD + "Tenure"), (tenure, CD + "holder", person.iri), (tenure, CD + "office", office)]
                if tenure not in self.gaz.existing:  # a known tenure has its name (as a known office, below)
                    # named as the seed names tenures, "<holder>, <office>", in the text's words
                    triples.insert(1, (tenure, ns.RDFS + "label", ox.Literal(f"{person.text}, {office_words}",
                                                                              language=article.language)))
                # an office the graph holds (found by its words, or the IRI another article minted from words of
                # another case, "Culture Minister" / "culture minister", with the same state in it) is named by its IRI
                # alone: its description is the graph's (a second label in one language is one too many for the
                # shapes). An IRI minted without a state ("office:ambassador") names no one office: declared again.
                if not known_office and not (country and office in self.gaz.existing):  # a new office
                    triples += [(office, TYPE, CD + "Office"),
                                (office, ns.RDFS + "label", ox.Literal(office_words, language=article.language))]
                    # where it exists: the state, else the body named in the same words ("of the Ministry of …")
                    body = (led[1].iri if led else None) or country or next(
                        (x.iri for x in self._in(ents, s, e, ("Organization",)) if x.iri), None)
                    body = body or self._state_in_context(text, sent, office_words, s, ents, events)
                    if body:
                        triples.append((office, CD + "postIn", body))
                if event:
                    triples.append((tenure, CD + "attestedAt", event["iri"]))
                else:  # true at the article's date: without it the shapes refuse the tenure and accept-all drops it
                    triples.append((tenure, CD + "attestedIn", ns.document(article.id)))
                head = re.search(self.lex.raw["offices"]["heads"], phrase, re.IGNORECASE)
                if head:
                    holders[norm(head.group(0))] = person.iri
                evidence = self._unique(text, s, e if after else person.end, (sent.start, sent.end))
                out.append(Candidate(name(f"tenure-{holder_slug}"), "tenure", triples, [evidence], 0.75,
                                     f"{self.lex.language}/office/{'after' if after else 'before'}-name"))
        return out

    def _status(self, sent: Sentence, clause_start: int, clause_end: int, own_only: bool = False
                ) -> tuple[str, str, int, float, bool] | None:
        """(status IRI, rule id, cue offset, confidence, signing cue) for a clause: its own first cue,
        else the sentence's first cue (its main verb, as a rule) unless own_only."""
        rel_s, rel_e = clause_start - sent.start, clause_end - sent.start
        hit, to_come = self.lifecycle.status_cue(self.lex.statuses, sent.text[rel_s:rel_e])
        offset = rel_s
        if hit is None:
            before, _ = self.lifecycle.status_cue(self.lex.statuses, sent.text[:rel_s])
            after, _ = self.lifecycle.status_cue(self.lex.statuses, sent.text[rel_e:])
            hit = None if own_only else (before or after)
            if hit is None:
                # "which will be implemented next year": a step to come, announced (the verb before is the status)
                future = self.lex.modality_status.get("future")
                return (future, f"{self.lex.language}/lifecycle/to-come", clause_start, 0.6, False) \
                    if to_come and future else None
            offset = 0 if hit is before else rel_e
        rule, m = hit
        cue_at = offset + m.start()
        status, rule_id, confidence = rule.target, rule.id, 0.8
        if rule.signing:
            # a negation or modal anywhere before the verb in the sentence, or after it up to the next comma
            # ("la signature … est prévue"): when unsure, not signed
            after = re.match(r"[^,;]*", sent.text[cue_at:])
            window = sent.text[:cue_at] + (after.group(0) if after else "")
            for modality in ("negation", "conditional", "future"):
                pattern = self.lex.modality.get(modality)
                if pattern and pattern.search(window) and modality in self.lex.modality_status:
                    status = self.lex.modality_status[modality]
                    rule_id = f"{self.lex.language}/modality/{modality}"
                    confidence = 0.6
                    break
            # "ont paraphé un accord qui devrait être signé en juin": a signing to come, said in a relative clause,
            # is the next step; the verb that governs the noun says where it stands
            relative = self.lex.raw.get("relative")
            if rule_id.endswith(("/future", "/conditional")) and relative and offset == rel_s and re.search(
                    rf"\b(?:{relative})\b", sent.text[rel_s:cue_at], re.IGNORECASE):
                governing, _ = self.lifecycle.status_cue(self.lex.statuses, sent.text[:rel_s])
                if governing is not None:
                    g_rule, g_m = governing
                    return g_rule.target, g_rule.id, sent.start + g_m.start(), 0.7, g_rule.signing
        return status, rule_id, sent.start + cue_at, confidence, rule.signing

    def _parties(self, text: str, s: int, e: int, ents: list[Entity]) -> list[str]:
        """The states or bodies an undertaking binds: "entre X et Y", "between X and Y", "par X et Y"; a
        capital may stand for its state ("entre Alger et Téhéran")."""
        m = re.search(r"\b(?:entre|between|by|par)\b", text[s:e])
        if not m:
            return []
        # "entre le Munal, musée rattaché à l'INBA, et la RMN": the first party, its apposition between commas
        # (what it names is not a party), then the second party after ", et" (where the clause stopped)
        more = re.match(r",\s+(?:et|and)\s+[^,.;:]+", text[e:])
        pool = self._party_pool(text, s + m.end(), e + more.end() if more else e, ents)
        if pool and text[pool[0][1]:pool[0][1] + 1] == ",":
            conj = re.search(r",\s+(?:et|and)\s+", text[pool[0][1]:e + more.end() if more else e])
            after = pool[0][1] + conj.end() if conj else None
            second = next((x for x in pool if after is not None and x[0] >= after and x[2] != pool[0][2]), None)
            if second:
                return [pool[0][2], second[2]]
        return self._named_parties(text, s + m.end(), e, ents)

    def _named_parties(self, text: str, s: int, e: int, ents: list[Entity]) -> list[str]:
        """Two or more states or bodies named in text[s:e] (not "Peru's" before a body's name), else none."""
        found = list(dict.fromkeys(iri for _, _, iri in self._party_pool(text, s, e, ents)))
        return found[:4] if len(found) >= 2 else []

    def _party_pool(self, text: str, s: int, e: int, ents: list[Entity]) -> list[tuple[int, int, str]]:
        """(start, end, IRI) of each state or body named in text[s:e], a capital for its state, in text order."""
        pool = [(x.start, x.end, x.iri) for x in self._in(ents, s, e, ("State", "Organization"))
                if x.iri and not re.match(r"['’]s\b", text[x.end:x.end + 2])]
        named = {a for a, _, _ in pool}
        pool += [(m.start, m.end, m.iri) for m in self.party_words.mentions(text, s, e, ents)
                 if m.how == "capital" and m.start not in named]
        return sorted(pool)

    def _article_states(self, text: str, ents: list[Entity]) -> list[str]:
        """"les deux pays": the article's two main states, the most often named (kg/ingest/parties.py)."""
        return self.party_words.main_states(text, ents)

    def _subject_parties(self, text: str, sent: Sentence, cue_at: int, ents: list[Entity]) -> list[str]:
        """"X et Y signent…", "X and Y signed…", "Alger et Téhéran veulent…": the subject before the verb,
        when it joins two names."""
        start = sent.start
        # "At a ceremony at the National Museum today, the Embassy and the Ministry signed": the opening adverbial
        # says where or when (a museum named there is a place, not a party)
        adverbial = self.lex.raw.get("parties", {}).get("adverbial")
        lead = re.match(rf"\s*(?:{adverbial})\b[^,]*,", text[start:cue_at], re.IGNORECASE) if adverbial else None
        start += lead.end() if lead else 0
        subject = text[start:cue_at]
        if not re.search(r"\s(?:et|and)\s", subject):
            return []
        return self._named_parties(text, start, cue_at, ents)

    def _party_fallback(self, text: str, sent: Sentence, s: int, e: int, ents: list[Entity], agreement: bool
                        ) -> tuple[list[str], str]:
        """Parties the clause gives without naming them side by side: two states joined ("algérienne et
        iranienne", "Indian-Japanese"); "les deux pays", "bilatéral", "both sides"; or, for an agreement or a
        joint undertaking that names no other party, the article's two main states ("un accord avec l'Inde"
        in an article about Morocco and India). (parties, how) — how is said in the claim's comment."""
        words = self.party_words
        # the words before the head noun qualify it ("a joint Indian-Japanese film project"): back to the
        # clause's start (a comma, a colon) within the sentence
        lead = text[max(sent.start, s - 60):s]
        cut = max(lead.rfind(","), lead.rfind(";"), lead.rfind(":"))
        s = s - len(lead) + cut + 1 if cut >= 0 else max(sent.start, s - 60)
        joined = words.joined(text, s, e, ents)
        if len(joined) >= 2:
            return joined[:4], ""
        # "the two sides", "les deux parties": the last two named together before ("Cambodia's Ministry of Culture
        # and the Smithsonian Institution have agreed …"), else the article's two states
        pair = self._pair_before(text, sent.start, ents) if words.says_both(text, s, e) else []
        if pair:
            return pair, ""
        main = self._article_states(text, ents)
        if not main:
            return [], ""
        if words.says_both(text, s, e):
            return main, ""
        named = words.states(text, s, e, ents)
        bodies = [x for x in self._in(ents, s, e, ("Organization",)) if x.iri]
        if bodies or any(x not in main for x in named):
            return [], ""
        # "Germany … stood ready to help Angolan museums": one state the clause's subject, the other named after
        # it (not "un programme de stages en France pour des spécialistes kazakhs": no state acts there)
        first = next(iter(words.mentions(text, s, e, ents)), None)
        lead = text[s:first.start] if first else ""
        if len(named) == 2 and first and first.how == "name" and not PLACE_BEFORE.search(lead):
            return named, ""
        if agreement or words.says_joint(text, s, e) or words.says_both(text, sent.start, sent.end):
            return main, "the article's two states, which the clause does not name side by side"
        return [], ""

    def _pair_before(self, text: str, at: int, ents: list[Entity]) -> list[str]:
        """The last two states or bodies named side by side ("X and Y", "X et Y") in the paragraph before `at` and
        the one before it, where one of them is a body (two states are the article's two, said otherwise)."""
        breaks = [m.end() for m in re.finditer(r"\n[ \t]*\n", text[:at])]
        since = breaks[-2] if len(breaks) > 1 else 0
        pool = self._party_pool(text, since, at, ents)
        bodies = {x.iri for x in self._in(ents, since, at, ("Organization",)) if x.iri}
        for (_, a_e, a), (b_s, _, b) in reversed(list(pairwise(pool))):
            if a != b and (a in bodies or b in bodies) and re.fullmatch(
                    r"\s*(?:,|et|and|&)\s*(?:l['’]|le|la|les|the)?\s*", text[a_e:b_s], re.IGNORECASE):
                return [a, b]
        return []

    def _domains(self, text: str, s: int, e: int, ents: list[Entity] = ()) -> list[str]:
        """The domain scheme's concepts named in text[s:e] (not inside an institution's name); a form inside a
        longer form of another concept counts for the longer one only ("production cinématographique" is film
        production, not also cinema)."""
        names = [(x.start, x.end) for x in self._in(ents, s, e, ("Organization",))] if ents else []
        hits: list[tuple[int, int, str]] = []
        for iri, labels in self.voc.domains.items():
            forms = labels.get(self.lex.language, []) + self.lex.domains.get(iri, [])
            for form in forms:
                for m in re.finditer(rf"(?<![\w-]){re.escape(form)}(?![\w-])", text[s:e], re.IGNORECASE):
                    if not any(a <= s + m.start() < b for a, b in names):
                        hits.append((m.start(), m.end(), iri))
        hits = [(a, b, iri) for a, b, iri in hits
                if not any(x <= a and b <= y and (y - x) > (b - a) and other != iri for x, y, other in hits)]
        span = text[s:e]
        # a domain's adjective that qualifies a body or a person ("institutions culturelles", "cultural
        # officials", "une forme d'expression culturelle") names who acts, not the field of the undertaking
        scope = self.lex.raw.get("domain_scope", {})
        before = re.compile(rf"(?:{scope['bodies_before']})\s+$", re.IGNORECASE) if scope.get("bodies_before") else None
        after = re.compile(rf"\s+(?:{scope['bodies_after']})\b", re.IGNORECASE) if scope.get("bodies_after") else None
        hits = [(a, b, iri) for a, b, iri in hits
                if not (before and before.search(text[max(0, s + a - 40):s + a]))
                and not (after and after.match(text, s + b))]
        # "agir de concert" (together): an idiom's words name no domain
        idioms = [m.span() for m in re.finditer(scope["idioms"], span, re.IGNORECASE)] if scope.get("idioms") else []
        hits = [(a, b, iri) for a, b, iri in hits if not any(x <= a and b <= y for x, y in idioms)]

        def qualifies(a: int, b: int, top: str) -> bool:
            """The top concept's word only coordinated with a narrower one ("domaine culturel et muséal",
            "cultural and museum work") qualifies it; named on its own ("accord culturel … dans le cinéma",
            "la culture, les arts") it is a domain of its own."""
            return any(top in self.voc.broader.get(iri, ()) and (
                COORDINATED.fullmatch(span[b:x]) or COORDINATED.fullmatch(span[y:a])) for x, y, iri in hits)
        return sorted({iri for a, b, iri in hits if not (iri in self.voc.top_concepts and qualifies(a, b, iri))})

    def _undertakings(self, article: Article, sentences: list[Sentence], ents: list[Entity], main: dict | None,
                      name) -> list[Candidate]:
        text = self._text = article.text
        self._ents = ents
        self._year = article.issued.year if article.issued else article.issued_year
        self._minted: set[str] = set()
        self._today = article.issued.isoformat() if article.issued else str(article.issued_year or "")
        found: list[dict] = []
        headline_end = text.find("\n") if "\n" in text else len(text)
        counted: tuple | None = None  # "Deux documents ont été signés": the status its items take, later
        intro: tuple | None = None  # "… plusieurs idées :": the status of the bulleted items after it
        for n, sent in enumerate(sentences):
            counted = self._counted(sent, n) or (counted if counted and n - counted[1] <= 3 else None)
            ordinal = counted is not None and counted[1] < n and self._opens_with_ordinal(sent)
            matches: list[tuple[Rule, int, int]] = []
            for rule in self.lex.undertakings:
                for m in rule.pattern.finditer(sent.text):
                    s, e = sent.start + m.start(), sent.start + m.end()
                    if not any(s < me and ms < e for _, ms, me in matches):
                        matches.append((rule, s, e))
            matches.sort(key=lambda x: x[1])
            # generic words ("projets", "coopération") count only in a part of the sentence (between
            # commas) that names nothing more specific, and only the first of them
            kept: list[tuple[Rule, int, int]] = [x for x in matches if not x[0].generic]
            for part in re.finditer(r"[^,;:]+", sent.text):
                ps, pe = sent.start + part.start(), sent.start + part.end()
                inside = [x for x in matches if ps <= x[1] < pe]
                if inside and all(x[0].generic for x in inside):
                    kept.append(inside[0])
            matches = sorted(kept, key=lambda x: x[1])
            # undertakings stated by a verb ("ont convenu de …"): each replaces a generic word inside its words
            verbs = {a: (c, b) for c, a, b in self._commitments(text, sent, ents, matches)}
            if verbs:
                matches = sorted([x for x in matches if not (x[0].generic and any(
                    a <= x[1] < b for a, (_, b) in verbs.items()))] + [(c.rule, a, a) for a, (c, _) in verbs.items()],
                    key=lambda x: x[1])
            # "M. X a mis sur la table plusieurs idées :" then "- un pavillon … ;": a bulleted item under an
            # introduction that says a status and names no undertaking of its own is one, with that status
            bullet = BULLET.match(sent.text)
            if intro and not bullet:
                intro = None
            if sent.text.rstrip().endswith(":") and not matches:
                said = self._status(sent, sent.start, sent.end, own_only=True)
                intro = said if said and not said[4] else None  # never "signed" for items nobody named
            elif bullet and intro and not matches and (initiative := next(
                    (r for r in self.lex.undertakings if r.target == CD + "Initiative" and not r.generic), None)):
                # (a lexicon without a rule for initiatives proposes no bulleted item)
                item_end = sent.start + len(sent.text.rstrip(" ;.,\n"))
                u = self._undertaking(article, sent, ents, main, initiative, sent.start + bullet.end(), item_end,
                                      (intro[0], f"{self.lex.language}/list/bullet + {intro[1]}",
                                       sent.start + bullet.end(), 0.6, False), False, headline=False, own=True)
                u.update(listed=True)
                found.append(u)
                continue
            # an item named by a noun without a status of its own takes the set's or the introduction's
            inherited = counted[0] if ordinal and counted else (intro if bullet and intro else None)
            listed = self._list_items(article, sent, ents, main, matches,
                                     matches[-1][1] < headline_end if matches else False)
            if listed:
                # the items replace what is named inside them, and a generic head word ("des projets …")
                items_start, head = min(u["start"] for u in listed), listed[0]["head"]
                # the list's head ("plusieurs accords", "agreements on …") is the set its items make, not one more
                matches = [x for x in matches if x[1] < items_start and not x[1] <= head < max(x[2], x[1] + 1)
                           and not (x[0].generic and x[1] >= head)]
                found += listed
            here: dict[int, dict] = {}  # this sentence's undertakings by where their words start
            pending: list[tuple[dict, str, int]] = []  # (undertaking, link property, where its target starts)
            for i, (rule, s, _) in enumerate(matches):
                clause_end = self._clause_end(text, s, matches[i + 1][1] if i + 1 < len(matches) else sent.end)
                if s in verbs:
                    c, end = verbs[s]
                    u = self._undertaking(article, sent, ents, main, c.rule, s, min(end, clause_end),
                                          (c.status, c.rule.id, s, 0.7, False), False, headline=False)
                    u.update(restates=c.restates)
                    # "a demandé au Maroc d'appuyer l'Inde": a verb's clause that names two states binds them,
                    # whatever preposition brings them (the one asked is no place) and whatever body is named too
                    named = self.party_words.states(text, s, min(end, clause_end), ents, capitals=False)
                    if not u["parties"] and len(named) == 2:
                        u["parties"] = named
                    # "Norway offered to train Ghanaian curators": the subject's state and the one the clause names
                    both = self.party_words.states(text, sent.start, min(end, clause_end), ents, capitals=False)
                    if not u["parties"] and c.addressed and len(both) == 2:
                        u["parties"] = both
                    # "Le chef de l'État français avait promis de rendre …": one state the subject names, alone
                    subject = self.party_words.states(text, sent.start, s, ents, capitals=False)
                    if not u["parties"] and len(subject) == 1 and not named:
                        u["parties"] = subject
                    found.append(u)
                    continue
                # "l'accord abroge celui que … avaient signé en 1977", "an agreement that prolongs the memorandum":
                # a link to another undertaking (cd:supersedes, cd:extends …), a pronoun's being one of its own
                link = self.lifecycle.link(text, s, clause_end)
                earlier: dict | None = None
                if link and link[2] is not None:
                    pronoun = link[2]
                    said = self._status(sent, pronoun, clause_end, own_only=True)
                    if said is not None and not (self.voc.is_a(rule.target, "Initiative")
                                                 and said[0] in self.voc.signature_reached):
                        earlier = self._undertaking(article, sent, ents, main, rule, pronoun, clause_end, said,
                                                    False, headline=False, own=True)
                        earlier.update(definite=False, listed=True)  # its own undertaking, never merged with another
                        clause_end = pronoun
                status = self._status(sent, s, clause_end)
                within = self.lex.raw.get("lifecycle", {}).get("within")
                ongoing = self.voc.status("ongoing")
                if within and ongoing and self.voc.is_a(rule.target, "Programme") and re.search(
                        rf"(?:{within})(?:\s+[\w«“\"'’-]+){{0,3}}\s*$", text[max(sent.start, s - 60):s], re.IGNORECASE):
                    # "dans le cadre du programme « Courants du monde »", "under the Fulbright programme": what
                    # another undertaking is done within exists already, whatever the sentence says of the new one
                    status = (ongoing, f"{self.lex.language}/lifecycle/within", s, 0.6, False)
                if status is None and inherited:
                    # "Le premier est un programme d'échanges culturels": an item of the set counted before;
                    # "- une semaine culturelle …": an item of the list introduced before
                    status = (inherited[0], f"{self.lex.language}/list/item + {inherited[1]}", s, 0.7, inherited[4])
                u = None
                if status is None:
                    definite = re.search(r"(?:\b(?:l['’]|le|la|the|this|cet|ce|cette)\s*)$",
                                         text[max(sent.start, s - 6):s], re.IGNORECASE)
                    if definite and not self.voc.is_a(rule.target, "Initiative"):
                        # "La note prévoit …": what the agreement named before covers, not a new one
                        u = self._undertaking(article, sent, ents, main, rule, s, clause_end,
                                              (None, "", s, 0.0, False), False, headline=False)
                elif rule.generic and status[4]:
                    pass  # "renforçant la coopération" in a sentence about signing: not an undertaking
                elif self.voc.is_a(rule.target, "Initiative") and status[0] in self.voc.signature_reached and \
                        self._signed_as(rule) is None:
                    pass  # an initiative is never signed: an agreement would be named
                else:
                    noun = rule.target
                    if status[0] in self.voc.signature_reached:
                        rule = self._signed_as(rule) or rule
                    # "signed an agreement that prolongs the memorandum": the second's words are its own, the
                    # verb and subject before the first are the first's
                    behind = i > 0 and status[2] <= matches[i - 1][1] < s
                    u = self._undertaking(article, sent, ents, main, rule, s, clause_end, status,
                                          len(matches) == 1, headline=s < headline_end, own=behind)
                    u["noun"] = noun  # a signed programme is an agreement, but "l'accord" later is not it
                if u is not None:
                    here[s] = u
                    found.append(u)
                    if earlier is not None:
                        found.append(earlier)
                        u["links"].append((link[0], earlier))
                    elif link and i + 1 < len(matches):
                        pending.append((u, link[0], matches[i + 1][1]))
            for u, prop, at in pending:
                if at in here:
                    u["links"].append((prop, here[at]))
        merged = self._merge([f for f in found if f])
        return [Candidate(name(u["name"]), "undertaking", u["triples"](), u["evidence"], u["confidence"],
                          u["rule"], u["according"], u["comments"]) for u in merged]

    def _counted(self, sent: Sentence, n: int) -> tuple[tuple, int] | None:
        """A sentence that counts a set of instruments and says what became of them ("Deux documents de
        coopération ont été signés", "Two texts were signed"): (its status, the sentence's index), else None."""
        table = self.lex.raw.get("lists", {})
        m = re.search(table["counted"], sent.text, re.IGNORECASE) if table.get("counted") else None
        status = self._status(sent, sent.start, sent.end) if m else None
        return (status, n) if status else None

    def _opens_with_ordinal(self, sent: Sentence) -> bool:
        """"Le premier …", "Le second …", "L'autre …", "The first …": a sentence about one of a set counted before."""
        pattern = self.lex.raw.get("lists", {}).get("ordinal")
        return bool(pattern and re.match(rf"\s*(?:{pattern})", sent.text, re.IGNORECASE))

    def _clause_end(self, text: str, s: int, end: int) -> int:
        """Where an undertaking's clause ends: at the next one, or at a break of the sentence (";", a dash,
        ", et …", ", and …") after its own words."""
        brk = self.lex.raw.get("clause_break")
        m = re.search(brk, text[s:end], re.IGNORECASE) if brk else None
        end = s + m.start() if m and m.start() > 0 else end
        # "More than sixty years after India and Japan signed an agreement in 1956, the two countries want …": a
        # subordinate clause opened before the undertaking (no comma since) ends at the next comma
        sub = self.lex.raw.get("subordinate")
        lead = text[max(0, s - 80):s]
        opened = list(re.finditer(rf"\b(?:{sub})\b", lead, re.IGNORECASE)) if sub else []
        if opened and not re.search(r"[,;:.\n]", lead[opened[-1].end():]):
            comma = text.find(", ", s, end)
            return comma if comma > s else end
        return end

    def _commitments(self, text: str, sent: Sentence, ents: list[Entity], matches: list[tuple[Rule, int, int]]
                     ) -> list[tuple[Commitment, int, int]]:
        """Undertakings a sentence states by a verb (kg/ingest/undertakings.py): (rule, start, end) each, not
        where the clause names an undertaking by a noun of its own; a clause of the future only where it names
        a cooperation domain or the two sides acting together, and no person (a person's plans are events)."""
        out: list[tuple[Commitment, int, int]] = []
        for c, m in self.commitments.find(sent.text):
            cue = sent.start + m.start()
            part_end = self._clause_end(text, cue, sent.end)
            part_start = cue
            if c.subject:
                lead = sent.text[:m.start()]
                # a list's item names its subject whole ("- troupes, pièces de théâtre et concerts circuleront")
                bullet = BULLET.match(lead)
                cut = max(lead.rfind(";"), lead.rfind(":"), bullet.end() - 1) if bullet else \
                    max(lead.rfind(","), lead.rfind(";"), lead.rfind(":"))
                # "Lolke said Germany stood ready to …": the clause reported starts after the reporting verb
                said = [r.end() - 1 for r in REPORTED_THAT.finditer(lead) if r.end() - 1 > cut]
                cut = said[-1] if said else cut
                part_start = sent.start + cut + 1 if cut >= 0 else sent.start
                part_start += len(text[part_start:cue]) - len(text[part_start:cue].lstrip(" -•–"))
            if any(part_start <= x[1] < part_end and not x[0].generic for x in matches):
                continue  # "ont convenu de signer un accord": the agreement is the undertaking
            if c.needs_topic:
                if self._in(ents, part_start, cue, ("Person",)):
                    continue
                # a cooperation domain, the two sides together, or, for an offer or a request (the lexicon's
                # `addressed`), one state acting towards another ("le Brésil était disposé à aider l'Angola")
                if not (self._domains(text, part_start, part_end, ents) or self.party_words.says_joint(
                        text, part_start, part_end) or self.party_words.says_both(text, part_start, part_end)
                        or (c.addressed and len(self.party_words.states(text, sent.start, part_end, ents)) >= 2)):
                    continue
            if out and part_start < out[-1][2]:
                continue
            out.append((c, part_start, part_end))
            # "sont convenus d'agir de concert …, et de se rendre mutuellement visite", "agreed to …, and to …": each
            # infinitive the verb governs is an undertaking of its own, with the verb's status
            more = self.lex.raw.get("lists", {}).get("next_complement")
            while more and (nxt := re.match(rf",?\s+(?:{more})\s", text[part_end:sent.end], re.IGNORECASE)):
                start = part_end + nxt.start() + len(nxt.group(0)) - len(nxt.group(0).lstrip(", "))
                end = self._clause_end(text, part_end + nxt.end(), sent.end)
                out.append((c, start, end))
                part_end = end
        return out

    def _list_items(self, article: Article, sent: Sentence, ents: list[Entity], main: dict | None,
                    matches: list[tuple[Rule, int, int]], headline: bool) -> list[dict]:
        """"plusieurs documents ont été signés, notamment sur X, Y et Z", "signed agreements on X, Y and Z":
        one undertaking per item, with the list's status and its parties unless an item names its own."""
        table = self.lex.raw.get("lists")
        if not table:
            return []
        text = article.text
        flags = re.IGNORECASE
        m = re.search(rf"(?:(?P<agreements>{table['agreement_heads']})|(?P<initiatives>{table['initiative_heads']}))"
                      rf"(?P<gap>[^.;:«»\"]{{0,60}}?)(?:{table['introducers']})\s+(?P<items>[^.;«»\"]+)",
                      sent.text, flags)
        if m is None:
            return []
        items_s = sent.start + m.start("items")
        body = m.group("items")
        stop = re.search(table["end"], body, flags)
        if stop:
            body = body[:stop.start()]
        pieces: list[tuple[int, int]] = []
        at = 0
        for sep in re.finditer(table["separators"], body, flags):
            pieces.append((at, sep.start()))
            at = sep.end()
        pieces.append((at, len(body)))
        # "la coopération entre A et B": the "et" of "entre … et …" joins two parties, not two items
        joined: list[tuple[int, int]] = []
        for a, b in pieces:
            joins = re.search(table["between"], body[joined[-1][0]:joined[-1][1]], flags) and \
                not re.search(r"[,;]", body[joined[-1][1]:a]) if joined else False
            # "… en matière de musées et de patrimoine": an item that opens on a preposition continues the last
            if joined and (joins or re.match(table["continues"], body[a:b], flags)):
                joined[-1] = (joined[-1][0], b)
            else:
                joined.append((a, b))
        joined = [(a, b) for a, b in joined if body[a:b].strip(" ,")]
        if len(joined) < 2:
            return []
        head_s = sent.start + m.start()
        status = self._status(sent, head_s, items_s)
        if status is None:
            return []
        agreement = m.group("agreements") is not None
        # "partageront documents et expériences sur la jeunesse et les sports": "documents" names instruments
        # only when they are signed (or more: ratified …), not papers shared
        papers = table.get("papers")
        if agreement and papers and status[0] not in self.voc.signature_reached and re.fullmatch(
                papers, m.group("agreements"), flags):
            return []
        out: list[dict] = []
        for a, b in joined:
            s, e = items_s + a, items_s + b
            own = next((x for x in matches if s <= x[1] < e and not x[0].generic), None)
            rule = own[0] if own else next(r for r in self.lex.undertakings if self.voc.is_a(
                r.target, "Agreement" if agreement else "Initiative") and r.target in (CD + "Agreement",
                                                                                        CD + "Initiative"))
            if self.voc.is_a(rule.target, "Initiative") and status[0] in self.voc.signature_reached:
                if self._signed_as(rule) is None:
                    continue  # an initiative is never signed
                rule = self._signed_as(rule)
            item = self._undertaking(article, sent, ents, main, rule, s, e, status, False, headline, own=True)
            if not item["parties"]:
                head_parties = self._parties(text, sent.start, items_s, ents) or self._subject_parties(
                    text, sent, head_s, ents)
                item["parties"] = head_parties or item["parties"]
            item.update(listed=True, start=s, head=head_s, rule=f"{self.lex.language}/list/item + {item['rule']}")
            out.append(item)
        return out

    def _signed_as(self, rule: Rule) -> Rule | None:
        """The agreement rule a signed programme becomes ("ont signé un programme exécutif", "signed a cultural
        exchange programme": a programme that is signed is an instrument), or None for any other initiative
        (never signed) and for a generic word."""
        if rule.generic or not self.voc.is_a(rule.target, "Programme"):
            return None
        return next((r for r in self.lex.undertakings if r.target == CD + "Agreement" and not r.generic), None)

    def _word_before(self, text: str, s: int, sent: Sentence) -> int:
        """Where the words just before an undertaking's name start: English adjectives and nouns come first ("a
        cultural agreement", "a cultural cooperation agreement", "a heritage memorandum") and name its domain; back
        to a determiner (the lexicon's `determiners`), at most four words."""
        stop = self.lex.raw.get("determiners")
        m = re.search(r"(?:[\w-]+[ \t]+){1,4}$" if stop else r"[\w-]+[ \t]+$", text[max(sent.start, s - 60):s])
        if not m:
            return s
        cut = [d.end() for d in re.finditer(rf"(?:{stop})(?![\w-])", m.group(0), re.IGNORECASE)] if stop else []
        return s - len(m.group(0)) + (cut[-1] if cut else 0)

    def _undertaking(self, article: Article, sent: Sentence, ents: list[Entity], main: dict | None, rule: Rule,
                     s: int, clause_end: int, found: tuple, alone: bool, headline: bool, own: bool = False
                     ) -> dict | None:
        text = article.text
        status, status_rule, cue_at, confidence, _ = found
        cls = rule.target
        # "les deux gouvernements ont signé l'accord", "the Angolan and German governments signed an agreement":
        # an agreement between governments is intergovernmental (the ontology's narrower class)
        governments = self.lex.raw.get("parties", {}).get("governments")
        if cls == CD + "Agreement" and governments and self.voc.cls("IntergovernmentalAgreement") and re.search(
                governments, text[sent.start:max(s, cue_at)], re.IGNORECASE):
            cls = CD + "IntergovernmentalAgreement"
        is_agreement = not self.voc.is_a(cls, "Initiative")
        parties = self._parties(text, s, clause_end, ents) or (
            [] if own else self._subject_parties(text, sent, cue_at, ents))
        if not parties and alone:
            parties = self._parties(text, sent.start, sent.end, ents)
        comments: list[str] = []
        if not parties:
            parties, how = self._party_fallback(text, sent, s, clause_end, ents, is_agreement)
            if how:
                comments.append(f"parties: {how}")
                confidence -= 0.1
        definite = re.search(r"(?:\b(?:l['’]|le|la|the|this|cet|ce|cette)\s*)$", text[max(sent.start, s - 6):s],
                             re.IGNORECASE)
        start = s if own else min(cue_at, s)  # a list's item: its own words
        evidence = TRAILING.sub("", self._unique(text, start, clause_end, (sent.start, sent.end)))
        kind_ns = "agreement" if is_agreement else "initiative"
        signatories = []
        signing = re.search(r"sign\w*\s+(?:par|by|de|d['’]|of)\b|ont\s+signé", sent.text, re.IGNORECASE)
        if is_agreement and status in self.voc.signature_reached and signing:
            # the people of the signing's own part of the sentence ("Les modalités avaient été arrêtées entre X et
            # Y ; les deux gouvernements ont signé l'accord": X and Y negotiated, they did not sign)
            a = sent.text.rfind(";", 0, signing.start()) + 1
            b = sent.text.find(";", signing.end())
            b = len(sent.text) if b < 0 else b
            signatories = [p.iri for p in self._in(ents, sent.start + a, sent.start + b, ("Person",)) if p.iri]
        both = self.lex.raw.get("signers", {}).get("both")
        said = re.search(both, text[sent.start:max(cue_at, s)], re.IGNORECASE) if both else None
        if is_agreement and found[4] and status in self.voc.signature_reached and not signatories and said:
            # "les deux ministres ont signé", "the two ministers then signed" (a signing verb, not "en vigueur"): the
            # last two people named before, in this paragraph or the one before it
            breaks = [m.end() for m in re.finditer(r"\n[ \t]*\n", text[:sent.start])]
            since = breaks[-2] if len(breaks) > 1 else 0
            before = [p.iri for p in ents if p.kind == "Person" and p.iri and since <= p.start
                      and p.end <= sent.start + said.start()]
            named = list(dict.fromkeys(reversed(before)))[:2]
            signatories = sorted(named) if len(named) == 2 else []
        according = None
        reported = self.lex.modality.get("reported")
        if reported and reported.search(sent.text):
            people = self._in(ents, sent.start, sent.end, ("Person",))
            according = next((p.iri for p in people if p.iri), None)
            confidence -= 0.1
        dates = self.lifecycle.of_clause(article, start, clause_end)
        own_date = any(d.prop not in PERIOD for d in dates)  # the years it runs do not say when it was made
        # "l'accord en vigueur depuis 1953": made long before, neither signed at the article's occasion nor the
        # instrument just named again
        held = self.lifecycle.holds_since(text, start, clause_end)
        term = self.lifecycle.term(text, start, clause_end)
        # a list's item is its own words only ("…, museums and the protection of heritage": not museums)
        domains = self._domains(text, s if own else self._word_before(text, s, sent), clause_end, ents)
        return {"name": f"{kind_ns}-{_slug(text[s:s + 40], 4)}", "cls": cls, "status": status,
                "parties": list(parties), "domains": domains,
                "signatories": signatories, "evidence": [evidence], "confidence": round(confidence, 2),
                "rule": f"{rule.id} + {status_rule}", "according": according, "comments": comments,
                "dates": dates,
                "local": f"{article.id}-{_slug(text[s:clause_end], 6)}"[:90].rstrip("-"), "kind_ns": kind_ns,
                "label": ox.Literal(_words(TRAILING.sub("", " ".join(text[s:clause_end].split())), 14),
                                    language=article.language),
                "definite": bool(definite) and not held, "headline": headline,
                "indefinite": bool(re.search(r"\b(?:un|une|an?)\s+$", text[max(sent.start, s - 4):s], re.I)),
                "main": None if own_date or held else main,
                "agreement": is_agreement, "listed": False, "sentences": [(sent.start, sent.end)],
                "restates": False, "links": [], "into": None, "term": term, "noun": cls}

    def _merge(self, found: list[dict]) -> list[dict]:
        """One undertaking named twice is one candidate with both passages as evidence: the headline's
        and the body's (the body's status and parties win), "the memorandum" again (an anaphora adds
        its words and signatories, nothing else), or the same kind with the same parties and status."""
        out: list[dict] = []

        def related(a: dict, b: dict) -> bool:
            return a["cls"] == b["cls"] or self.voc.is_a(a["cls"], b["cls"].rsplit("#", 1)[-1]) or \
                self.voc.is_a(b["cls"], a["cls"].rsplit("#", 1)[-1])

        def dated(u: dict) -> set[str]:
            return {d.found.value for d in u["dates"] if d.prop == "date"}

        def linked(a: dict, b: dict) -> bool:  # one extends, supersedes … the other: two undertakings
            return any(t is b for _, t in a["links"]) or any(t is a for _, t in b["links"])

        def compatible(a: dict, b: dict) -> bool:
            if linked(a, b):
                return False
            if a["parties"] and b["parties"] and set(a["parties"]) != set(b["parties"]):
                return False
            if dated(a) and dated(b) and not dated(a) & dated(b):
                return False  # "the agreement signed in 1977" and the one signed this week are two
            return not (a["domains"] and b["domains"] and not set(a["domains"]) & set(b["domains"]))

        for u in found:
            if u["listed"]:  # an item of a list is its own undertaking, never a repeat of another
                out.append(u)
                continue
            earlier = [v for v in out if related(u, v) and not v["listed"]]
            headline = next((v for v in earlier if v["headline"] and not u["headline"]), None)
            # "the agreement" refers back to an agreement, not to a programme that was signed
            unlinked = [v for v in earlier if not linked(u, v) and related({"cls": u["noun"]}, {"cls": v["noun"]})]
            anaphora = unlinked[-1] if u["definite"] and u["agreement"] and unlinked else None
            # "un accord sur … et un mémorandum sur …": two named side by side, each with its own article, are two
            same = next((v for v in earlier if u["agreement"] and u["status"] == v["status"] and compatible(u, v)
                         and related({"cls": u["noun"]}, {"cls": v["noun"]}) and not (
                             u["indefinite"] and v["indefinite"] and set(u["sentences"]) & set(v["sentences"]))), None)
            if headline is not None:
                # a body mention without a status of its own ("L'accord prévoit …") keeps the headline's
                headline.update(status=u["status"] or headline["status"],
                                rule=u["rule"] if u["status"] else headline["rule"], headline=False, name=u["name"],
                                local=u["local"], label=u["label"], parties=u["parties"] or headline["parties"],
                                cls=u["cls"] if self.voc.is_a(u["cls"], headline["cls"].rsplit("#", 1)[-1])
                                else headline["cls"], according=u["according"], main=u["main"],
                                dates=u["dates"] or headline["dates"])
                twin = headline
            elif anaphora is not None:
                anaphora["evidence"] += [e for e in u["evidence"] if e not in anaphora["evidence"]]
                for key in ("signatories", "domains"):
                    anaphora[key] = list(dict.fromkeys(anaphora[key] + u[key]))
                anaphora["dates"] = anaphora["dates"] or u["dates"]  # "the memorandum, signed in 2017"
                anaphora["sentences"] = anaphora["sentences"] + u["sentences"]
                anaphora["links"] = anaphora["links"] + u["links"]
                u["into"] = anaphora
                continue
            elif u["status"] is None:
                continue  # an anaphora with nothing before it to refer to
            elif same is not None:
                twin = same
            else:
                out.append(u)
                continue
            twin["evidence"] = twin["evidence"] + [e for e in u["evidence"] if e not in twin["evidence"]]
            twin["sentences"] = twin["sentences"] + u["sentences"]
            twin["links"] = twin["links"] + u["links"]
            twin["term"] = twin["term"] or u["term"]
            u["into"] = twin
            for key in ("parties", "domains", "signatories"):
                twin[key] = list(dict.fromkeys(twin[key] + u[key]))
            twin["dates"] = twin["dates"] or u["dates"]
        out = self._terms_of_signed(out)
        for u in out:
            self._finish(u)
        return out

    def _terms_of_signed(self, found: list[dict]) -> list[dict]:
        """"X and Y have agreed to work together on …" next to "… signed the memorandum": what was agreed is
        the signed instrument's terms, its words and domains, not an undertaking of its own."""
        text, year = self._text, str(self._year or "")

        def recent(v: dict) -> bool:  # signed at the article's time, not "the agreement signed in 2002"
            return all(d.found.value.startswith(year) for d in v["dates"] if d.prop == "date")

        signed = [v for v in found if v["agreement"] and v["status"] in self.voc.signature_reached and recent(v)]
        out: list[dict] = []
        def next_to(a: tuple[int, int], b: tuple[int, int]) -> bool:
            return a == b or (b[0] >= a[1] and not text[a[1]:b[0]].strip()) or (
                b[1] <= a[0] and not text[b[1]:a[0]].strip())

        starts = sorted({a for u in found for a, _ in u["sentences"]})
        for v in signed:
            end = max(b for _, b in v["sentences"])
            v["domains"] = sorted(set(v["domains"]) | set(self._listed_terms(end)))
            # "Il prévoit des échanges … en musique, dans les archives", "It covers …" later in its paragraph, before
            # another undertaking is named: what the instrument provides
            stop = min([a for a in starts if a >= end] + [len(text)])
            for a, b in self._said_terms(end, stop):
                v["domains"] = sorted(set(v["domains"]) | set(self._domains(text, a, b)))
                v["term"] = v["term"] or self.lifecycle.term(text, a, b)
            # "C'est le ministre, X, qui l'a signé, avec Y", "Minister X signed it for Peru": its signatories
            if not v["signatories"] and v["agreement"]:
                v["signatories"] = self._signed_it(end, stop)
        for u in found:
            beside = [v for v in signed if any(next_to(a, b) for a in u["sentences"] for b in v["sentences"])]
            if u["restates"] and beside:
                v = beside[0]
                u["into"] = v
                v["evidence"] += [e for e in u["evidence"] if e not in v["evidence"]]
                v["domains"] = sorted(set(v["domains"]) | set(u["domains"]))
                continue
            out.append(u)
        return out

    def _signed_it(self, end: int, stop: int) -> list[str]:
        """The people of the first sentence of the paragraph after `end` (and before `stop`) that says they signed
        the instrument just named, by a pronoun (the lexicon's signed_it: « qui l'a signé », "signed it")."""
        said = self.lex.raw.get("signed_it")
        if not said:
            return []
        text = self._text
        brk = re.search(r"\n[ \t]*\n", text[end:stop])
        stop = end + brk.start() if brk else stop
        for m in re.finditer(r"[^.!?\n]+", text[end:stop]):
            if re.search(said, m.group(0), re.IGNORECASE):
                a, b = end + m.start(), end + m.end()
                return [p.iri for p in self._in(self._ents, a, b, ("Person",)) if p.iri]
        return []

    def _said_terms(self, end: int, stop: int) -> list[tuple[int, int]]:
        """The sentences of the paragraph after `end` (and before `stop`) whose subject is the instrument just
        named and whose verb says what it provides (the lexicon's terms_said): "Il prévoit …", "It covers …"."""
        said = self.lex.raw.get("terms_said")
        if not said:
            return []
        text = self._text
        brk = re.search(r"\n[ \t]*\n", text[end:stop])
        stop = end + brk.start() if brk else stop
        opening = re.compile(rf"(?:^|(?<=[.!?»”\"])[ \t]+)(?:{said})\b[^\n]*?(?:[.!?](?=\s|$)|$)",
                             re.IGNORECASE | re.MULTILINE)
        return [(m.start(), m.end()) for m in opening.finditer(text, end, stop)]

    def _listed_terms(self, end: int) -> list[str]:
        """The domains of a list that the sentences right after a signed instrument's (the rest of its paragraph
        and the next one) open with that instrument as subject ("Le document énumère plusieurs volets : - …",
        "It covers three fields: …"), up to the list's paragraph end; a list found lets the paragraph after it
        open another ("Ce que prévoit le texte : - …")."""
        intro = self.lex.raw.get("terms_listed")
        if not intro:
            return []
        text = self._text

        def paragraph_after(at: int) -> int:  # where the paragraph after the one at `at` ends
            breaks = [m.end() for m in re.finditer(r"\n[ \t]*\n", text[at:])][:2]
            return at + breaks[1] if len(breaks) > 1 else len(text)

        opening = re.compile(rf"(?:^|(?<=[.!?])[ \t]+)(?:{intro})", re.IGNORECASE | re.MULTILINE)
        found: set[str] = set()
        at, stop = end, paragraph_after(end)
        while (m := opening.search(text, at, stop)) is not None:  # the text itself: "^" and "." are its own
            colon = m.end()
            after = re.search(r"\n[ \t]*\n", text[colon:])
            list_end = colon + after.start() if after else len(text)
            found |= set(self._domains(text, colon, list_end))
            at, stop = max(colon, list_end), max(stop, paragraph_after(list_end))
        return sorted(found)

    def _finish(self, u: dict) -> None:
        parties = [p for p in u["parties"]]
        existing = self._same_undertaking(u["cls"], parties, u["domains"])
        iri = existing or ns.entity(u["kind_ns"], u["local"])
        n = 2
        while not existing and iri in self._minted:  # two undertakings whose words begin alike: two IRIs
            iri, n = ns.entity(u["kind_ns"], f"{u['local']}-{n}"), n + 1
        self._minted.add(iri)
        u["iri"] = iri
        if existing:
            u["comments"].append(f"proposed as the same undertaking as {ns.shorten(iri)} (same kind, parties and "
                                 "domain): this report joins its status history")

        def triples() -> list[tuple[str, str, Object]]:
            out: list[tuple[str, str, Object]] = [(iri, TYPE, u["cls"]), (iri, CD + "status", u["status"])]
            if not existing:  # a new one is named by the text's words; a known one has its name already
                out.append((iri, ns.RDFS + "label", u["label"]))
            out += [(iri, CD + "party", p) for p in u["parties"]]
            out += [(iri, CD + "domain", d) for d in u["domains"]]
            out += [(iri, CD + "signatory", p) for p in u["signatories"]]
            # its dates from its own clause: cd:date, and the lifecycle step each dates (cd:signatureDate …),
            # a step only once a signature is reached ("signera l'an prochain" dates no signature)
            reached_now = u["status"] in self.voc.signature_reached
            # a signed instrument's date is not after the report ("signed …, to be implemented next year")
            after_report = [d for d in u["dates"] if reached_now and d.prop == "date" and self._today
                            and _later(d.found.value, self._today)]
            out += [(iri, CD + d.prop, ox.Literal(d.found.value, datatype=ox.NamedNode(ns.XSD + d.found.datatype)))
                    for d in u["dates"] if (d.prop in UNGATED or reached_now) and d not in after_report]
            if u.get("term"):
                out.append((iri, CD + "duration", ox.Literal(u["term"])))
            for prop, target in u["links"]:  # cd:supersedes, cd:extends …: the other undertaking, as merged
                while target.get("into") is not None:
                    target = target["into"]
                if target.get("iri") and target["iri"] != iri:
                    out.append((iri, CD + prop, target["iri"]))
            if u["main"]:
                reached = u["status"] in self.voc.signature_reached
                if u["agreement"] and reached:
                    out.append((iri, CD + "signedAt", u["main"]["iri"]))
                    # signed at the meeting the article reports: on its date, where the text gives one
                    on = next((o for _, p, o in u["main"]["candidate"].triples if p == CD + "date"), None)
                    if on is not None and not any(d.prop == "date" for d in u["dates"]):
                        out += [(iri, CD + "date", on), (iri, CD + "signatureDate", on)]
                elif not reached:
                    out.append((iri, CD + "discussedAt", u["main"]["iri"]))
            return out

        u["triples"] = triples

    def _same_undertaking(self, cls: str, parties: list[str], domains: list[str]) -> str | None:
        wanted = set(parties)
        if not wanted:
            return None
        for u in self.existing_undertakings:
            if u["cls"] == cls and u["parties"] == wanted and (not domains or set(domains) & u["domains"]):
                return u["iri"]
        return None

    def _statements(self, article: Article, sentences: list[Sentence], ents: list[Entity], main: dict | None,
                    name, holders: dict[str, str]) -> list[Candidate]:
        text = article.text
        out: list[Candidate] = []
        speech = self.lex.raw["speech"]
        flags = re.IGNORECASE
        people = [x for x in ents if x.kind == "Person" and x.iri]
        honorific = "(?:" + "|".join(re.escape(h) for h in self.lex.raw.get("honorifics", ["(?!x)x"])) + r")\s+"
        for opening, closing in QUOTES:
            # a quotation of one word counts ("a glimpse of Indonesia's "soul""): short ones need a named speaker
            pattern = re.compile(rf"{re.escape(opening)}\s*([^{re.escape(closing)}\n]{{3,}}?)\s*{re.escape(closing)}")
            for m in pattern.finditer(text):
                quote = m.group(1).strip()
                # fewer than four words: a title or a name in quotation marks, unless a named person "said" it
                short = len(quote.split()) < 4
                sent = next((x for x in sentences if x.start <= m.start() < x.end), None)
                limit_s = sent.start if sent else m.start()
                # the quote can close after the sentence splitter's end: the clause after it still counts
                para_end = text.find("\n", m.end())
                limit_e = para_end if para_end != -1 else len(text)
                speaker: Entity | None = None
                rule = ""
                after = text[m.end():limit_e]
                v = re.match(rf"\s*,?\s*(?:{speech['verbs']})\s+", after, flags)
                if v:
                    at = m.end() + v.end()
                    speaker = next(iter(self._in(ents, at, at + 200, ("Person",))[:1]), None)
                    # « … », a affirmé Mme Torres: an honorific before the name
                    speaker = speaker if speaker is not None and (speaker.start == at or re.fullmatch(
                        honorific, text[at:speaker.start])) else None
                    rule = f"{self.lex.language}/quote/verb-then-name"
                    if speaker is None and not short:
                        # « … », a lancé sur le tarmac le chef de la diplomatie béninoise, Aurélien Agbénonci
                        speaker = quotes.verb_then_name(text, at, limit_e, people)
                        rule = f"{self.lex.language}/quote/verb-then-title-name"
                    if speaker is None:
                        for role, head in self.lex.raw["offices"].get("roles", {}).items():
                            if after[v.end():].lower().startswith(role.lower()) and norm(head) in holders:
                                iri = self._role_holder(text, m.start(), head, people, holders)
                                end = m.end() + v.end() + len(role)
                                speaker = Entity(m.end() + v.end(), end, role, "Person", iri)
                                rule = f"{self.lex.language}/quote/verb-then-role"
                if speaker is None and not short:
                    # '"…," Vice-Minister of Culture Meng Xiaosi told the press'
                    speaker = quotes.name_then_verb(text, m.end(), limit_e, people, speech["verbs"],
                                                    self.lex.raw["offices"]["heads"],
                                                    speech.get("relative", r"(?!x)x"))
                    rule = f"{self.lex.language}/quote/title-name-then-verb"
                if speaker is None and not short:
                    speaker, rule = self._speaker_after(text, m.start(), m.end(), after, ents)
                if speaker is None:
                    # '"…," the minister said': the role's last holder named before
                    for role, head in self.lex.raw["offices"].get("roles", {}).items():
                        r = re.match(rf"\s*,?\s*({re.escape(role)})\s+(?:{speech['verbs']})\b", after, flags)
                        if r and norm(head) in holders:
                            at = m.end() + r.start(1)
                            speaker = Entity(at, at + len(r.group(1)), r.group(1), "Person",
                                             self._role_holder(text, m.start(), head, people, holders))
                            rule = f"{self.lex.language}/quote/role-then-verb"
                            break
                alone = re.search(r"(?:^|[.!?…])\s*$", text[limit_s:m.start()]) and \
                    not text[m.end():limit_e].strip(" .,;!?…")
                if speaker is None and alone and not short and \
                        len({x.iri for x in quotes.sentence_before(text, m.start(), people)}) == 1:
                    # 'Torres was upbeat. "We have waited for years."': a quotation standing alone as its
                    # paragraph's last sentence is the one person the sentence before names
                    speaker = quotes.sentence_before(text, m.start(), people)[-1]
                    rule = f"{self.lex.language}/quote/sentence-before"
                if speaker is None:
                    before = self._in(ents, limit_s, m.start(), ("Person",))
                    # the name before counts when a verb of speech ties it to the quotation ("X said …
                    # « … »", "Pour X, … « … »", "« … », a-t-il ajouté"), not "X inaugurated "Title""
                    lead = text[limit_s:m.start()]
                    # 'X called it "…"', « X a qualifié l'accord de « … » », 'X was clear: "…"'
                    said = (re.search(rf"\b(?:{speech['verbs']})\b", lead, flags)
                            or re.search(speech.get("verbs_before", "(?!x)x"), lead, flags)
                            or re.search(r":\s*$", lead)) if before else None
                    if before and (said or (not short and (v or re.match(
                            rf"\s*,?\s*(?:{speech.get('pronoun_after', '(?!x)x')})", after, flags)))):
                        speaker = before[-1]
                        rule = f"{self.lex.language}/quote/name-before"
                    elif not before and re.match(speech.get("subject_pronoun", "(?!x)x"), text[limit_s:m.start()]):
                        # "Il le jugeait même « … »": the person the sentence before named
                        speaker = quotes.last_before(text, limit_s, self._people_and_roles(text, people, holders))
                        rule = f"{self.lex.language}/quote/name-before"
                    elif not before and re.search(rf"\b(?:{speech['verbs']})\b", text[limit_s:m.start()], flags):
                        # "the Lithuanian minister …, saying she was "very proud"": the role's last holder
                        role = quotes.role_before(text[limit_s:m.start()], self.lex.raw["offices"]["heads"],
                                                  self.lex.raw["offices"].get("role_determiners", "(?!x)x"))
                        if role and holders.get(norm(role[1])):
                            at = limit_s + role[0]
                            speaker = Entity(at, at + len(role[1]), role[1], "Person",
                                             self._role_holder(text, at, role[1], people, holders))
                            rule = f"{self.lex.language}/quote/role-before"
                named_before = rule.endswith(("name-before", "role-before", "sentence-before", "role-then-verb"))
                if speaker is None or speaker.iri is None or (short and not named_before):
                    continue
                s, e = min(speaker.start, m.start()), max(speaker.end, m.end())
                evidence = self._unique(text, s, e, (limit_s, limit_e))
                local = _slug(f"{speaker.iri.rsplit('/', 1)[-1].split('-')[-1]} {quote}", 6)
                iri = ns.entity("statement", f"{article.id}-{local}"[:90].rstrip("-"))
                triples: list[tuple[str, str, Object]] = [
                    (iri, TYPE, CD + "Statement"), (iri, CD + "speaker", speaker.iri),
                    (iri, CD + "quotation", ox.Literal(quote, language=article.language)),
                    # named as the seed names statements: the speaker, then the quotation's first words
                    (iri, ns.RDFS + "label", ox.Literal(
                        f"{speaker.text} : « {_words(quote, 10)} »" if article.language == "fr"
                        else f"{speaker.text}: “{_words(quote, 10)}”", language=article.language))]
                if main:
                    triples.append((iri, CD + "statedAt", main["iri"]))
                out.append(Candidate(name(f"statement-{local}"), "statement", triples, [evidence], 0.85, rule,
                                     speaker.iri))
        # "he"/"she" stands for the last person named or, when the text last named one by a role ("the
        # minister"), that role's holder
        out += self._indirect_speech(article, sentences, self._people_and_roles(text, people, holders), main, name)
        return out

    def _role_holder(self, text: str, at: int, head: str, people: list[Entity], holders: dict[str, str]) -> str:
        """Who "the minister" at `at` is: the last person named before with that title next to the name, else
        the title's last holder."""
        titled = [x for x in people if x.end <= at and quotes.titled(text, x, people, head)]
        return titled[-1].iri if titled else holders[norm(head)]

    def _people_and_roles(self, text: str, people: list[Entity], holders: dict[str, str]) -> list[Entity]:
        """The people named, and the mentions of a role whose holder the text named ("the minister" after
        "Culture Minister X"), as that holder, in text order."""
        roles = []
        for role, head in self.lex.raw["offices"].get("roles", {}).items():
            if norm(head) not in holders:
                continue
            for m in re.finditer(rf"(?<![\w-]){re.escape(role)}(?![\w-])", text, re.IGNORECASE):
                # the holder is the last person named before with that title next to the name
                titled = [x for x in people if x.end <= m.start() and quotes.titled(text, x, people, head)]
                if titled:
                    roles.append(Entity(m.start(), m.end(), m.group(0), "Person", titled[-1].iri))
        return sorted([*people, *roles], key=lambda x: x.start)

    def _indirect_speech(self, article: Article, sentences: list[Sentence], people: list[Entity],
                         main: dict | None, name) -> list[Candidate]:
        """What was said without quotation marks, as a stance: "X said that …", "X a déclaré que …" (the
        speaker the person named just before, or the last one for "he"/"il"), "Pour X, …", "According to X, …"."""
        speech, lang, text = self.lex.raw["speech"], self.lex.language, article.text
        out: list[Candidate] = []
        for sent in sentences:
            if any(q in sent.text for pair in QUOTES for q in pair):
                continue  # a sentence with a quotation is the quotation's
            speaker, start, rule = None, None, ""
            m = re.search(speech.get("indirect", "(?!x)x"), sent.text)
            if m:
                here = [x for x in people if sent.start <= x.start and x.end <= sent.start + m.start()]
                if here and quotes.title_between(text, sent.start, here[-1], sent.start + m.start(),
                                                 self.lex.raw["offices"]["heads"]):
                    speaker = here[-1]  # "X said that …", "X, Peru's culture minister, said that …"
                elif re.match(speech.get("subject_pronoun", "(?!x)x"), sent.text):
                    speaker = quotes.last_before(text, sent.start, people)
                start, rule = m.end(), f"{lang}/speech/indirect"
            else:
                a = re.match(speech.get("attribution", "(?!x)x"), sent.text)
                # "According to X, …", "According to Peruvian Culture Minister X, …", "Selon la ministre …, X, …"
                named = [x for x in people if a and sent.start + a.end() <= x.start < sent.end and (
                    x.start == sent.start + a.end() or quotes.is_title(text[sent.start + a.end():x.start],
                                                                       self.lex.raw["offices"]["heads"]))][:1]
                if named:
                    start = quotes.attributed_clause(sent.text, named[0].end - sent.start,
                                                     speech.get("clause_openers", "(?!x)x"))
                    speaker, rule = (named[0], f"{lang}/speech/attributed") if start is not None else (None, "")
            if speaker is None or start is None:
                continue
            said = quotes.reported_clause(sent.text, start)
            if len(said.split()) < 3:
                continue
            local = _slug(f"{speaker.iri.rsplit('/', 1)[-1].split('-')[-1]} {said}", 6)
            iri = ns.entity("statement", f"{article.id}-{local}"[:90].rstrip("-"))
            triples: list[tuple[str, str, Object]] = [
                (iri, TYPE, CD + "Statement"), (iri, CD + "speaker", speaker.iri),
                (iri, CD + "stance", ox.Literal(said, language=article.language)),
                (iri, ns.RDFS + "label", ox.Literal(f"{speaker.text}: {_words(said, 10)}", language=article.language))]
            if main:
                triples.append((iri, CD + "statedAt", main["iri"]))
            evidence = self._unique(text, min(speaker.start, sent.start + start), sent.start + start + len(said),
                                    (sent.start, sent.end))
            out.append(Candidate(name(f"statement-{local}"), "statement", triples, [evidence], 0.6, rule,
                                 speaker.iri))
        return out

    def _speaker_after(self, text: str, q_start: int, q_end: int, after: str, ents: list[Entity]
                       ) -> tuple[Entity | None, str]:
        """A quotation's speaker named after it by a surname ("…," Murphy said: the person of that surname
        named earlier) or a pronoun ("…," he said; « … », a-t-il déclaré: the last person named before)."""
        speech, lang = self.lex.raw["speech"], self.lex.language
        # '"…," Torres said', '"…," Torres, 54, said': the name, an age at most, the verb
        named = re.match(rf"\s*,?\s*([A-ZÀ-Þ][\w’'-]+(?:\s+[A-ZÀ-Þ][\w’'-]+){{0,3}})(?:\s*,\s*\d{{1,3}}\s*,)?"
                         rf"\s+(?:{speech['verbs']})\b", after)
        people = [x for x in self._in(ents, 0, q_start, ("Person",)) if x.iri]
        if named:
            at = q_end + named.start(1)
            here = self._in(ents, at, at + len(named.group(1)), ("Person",))
            if here:
                return here[0], f"{lang}/quote/name-then-verb"
            word = named.group(1)
            same = [x for x in people if x.text == word or x.text.endswith(" " + word)]
            if same and len({x.iri for x in same}) == 1:
                return Entity(at, at + len(word), word, "Person", same[-1].iri), f"{lang}/quote/surname-then-verb"
            return None, ""
        pronoun = re.match(rf"\s*,?\s*(?:{speech.get('pronoun_after', '(?!x)x')})\b", after, re.IGNORECASE)
        # the last person named before, within the paragraph or the one before it
        if pronoun and people and len(re.findall(r"\n+", text[people[-1].end:q_start])) <= 1:
            at = q_end + pronoun.start() + len(pronoun.group(0)) - len(pronoun.group(0).lstrip(" ,"))
            return (Entity(at, q_end + pronoun.end(), pronoun.group(0).strip(" ,"), "Person", people[-1].iri),
                    f"{lang}/quote/pronoun")
        return None, ""

    def _stances(self, article: Article, sentences: list[Sentence], ents: list[Entity], events: list[dict],
                 main: dict | None, name) -> list[Candidate]:
        """"Les deux ministres se sont montrés optimistes": a stance, on the word of the people named
        (or of the meeting's participants when the sentence says "both")."""
        table = self.lex.raw.get("stances")
        if not table:
            return []
        cue, group = re.compile(table["pattern"], re.IGNORECASE), re.compile(table["group"], re.IGNORECASE)
        out: list[Candidate] = []
        for sent in sentences:
            m = cue.search(sent.text)
            if m is None or any(q in sent.text for q in ("«", "“")):
                continue
            speakers = [x.iri for x in self._in(ents, sent.start, sent.start + m.start(), ("Person",)) if x.iri]
            if not speakers and group.search(sent.text[:m.start()]) and main:
                speakers = [str(o) for _, p, o in main["candidate"].triples if p == CD + "participant"]
            if not speakers:
                continue
            stance = m.group(0)
            local = _slug(f"{article.id} {' '.join(s.rsplit('/', 1)[-1] for s in speakers[:2])} {stance}", 8)
            iri = ns.entity("statement", local[:90].rstrip("-"))
            triples: list[tuple[str, str, Object]] = [(iri, TYPE, CD + "Statement")]
            triples += [(iri, CD + "speaker", sp) for sp in dict.fromkeys(speakers)]
            triples.append((iri, CD + "stance", ox.Literal(stance, language=article.language)))
            if main:
                triples.append((iri, CD + "statedAt", main["iri"]))
            evidence = TRAILING.sub("", self._unique(article.text, sent.start, sent.start + m.end(),
                                                     (sent.start, sent.end)))
            triples.insert(1, (iri, ns.RDFS + "label", ox.Literal(_words(evidence, 12), language=article.language)))
            out.append(Candidate(name(f"stance-{_slug(stance, 3)}"), "statement", triples, [evidence], 0.6,
                                 f"{self.lex.language}/stance"))
        return out

    def _states_named_otherwise(self, article: Article, ents: list[Entity], facts: list[Candidate], name
                                ) -> list[Candidate]:
        """A new state a fact uses but the text names only by an adjective, a capital or inside a word
        ("sud-africain", "Téhéran", "Peru-Chile") is proposed too, under its name, with that word as evidence
        (otherwise the fact would point at a state the graph never declares)."""
        declared = {s for c in facts for s, p, _ in c.triples if p == TYPE}
        used = {o for c in facts for _, _, o in c.triples if isinstance(o, str) and o.startswith(ns.ID + "state/")}
        missing = used - declared - set(self.gaz.existing)
        if not missing:
            return []
        text, out = article.text, []
        state_cls = self.voc.cls("State") or CD + "State"
        for m in self.party_words.mentions(text, 0, len(text), ents):
            if m.iri not in missing:
                continue
            missing.discard(m.iri)
            known = self.gaz.entities.get(m.iri)
            label = sorted(known.labels)[0] if known and known.labels else text[m.start:m.end]
            para_start = text.rfind("\n", 0, m.start) + 1
            para_end = text.find("\n", m.end)
            evidence = self._unique(text, m.start, m.end, (para_start, para_end if para_end != -1 else len(text)))
            out.append(Candidate(name(f"entity-state-{m.iri.rsplit('/', 1)[-1]}"), "entity",
                                 [(m.iri, TYPE, state_cls), (m.iri, ns.RDFS + "label",
                                                             ox.Literal(label, language=article.language))],
                                 [evidence], 0.7, f"{self.lex.language}/entity/state-by-{m.how}"))
        return out

    def _new_entities(self, article: Article, ents: list[Entity], facts: list[Candidate], name) -> list[Candidate]:
        """Every new thing a fact uses is proposed as an entity: type, label, candidate identifier."""
        used = {o for c in facts for _, _, o in c.triples if isinstance(o, str)}
        # a person or body the text names is news of its own, whether or not a fact of this article uses it
        # (not the names of a list of people only, "Frida Kahlo, Diego Rivera, Rufino Tamayo": works' authors)
        listed = appositions.listed_only(article.text, [x for x in ents if x.kind == "Person"],
                                         self.lex.raw.get("name_list_joins", "(?!x)x"))
        used |= {x.iri for x in ents if x.new and x.iri and x.kind in self.lex.raw.get("proposed_kinds", [])
                 and x.iri not in listed}
        out: list[Candidate] = []
        done: set[str] = set()
        existing = set(self.gaz.existing)
        for x in ents:
            if not x.iri or x.iri in done or x.iri not in used or x.iri in existing:
                continue
            done.add(x.iri)
            label = x.text
            triples: list[tuple[str, str, Object]] = [
                (x.iri, TYPE, x.cls), (x.iri, ns.RDFS + "label", ox.Literal(label, language=article.language))]
            comments = [f"candidate Wikidata item {c.rsplit('/', 1)[-1]} (unchecked: check it before linking)"
                        for c in self.gaz.wikidata_candidates(label)]
            para_start = article.text.rfind("\n", 0, x.start) + 1
            para_end = article.text.find("\n", x.end)
            evidence = self._unique(article.text, x.start, x.end, (para_start, para_end if para_end != -1
                                                                   else len(article.text)))
            out.append(Candidate(name(f"entity-{x.iri.rsplit('/', 2)[-2]}-{x.iri.rsplit('/', 1)[-1]}"), "entity",
                                 triples, [evidence], 0.6 if x.new else 0.8, f"{self.lex.language}/entity/"
                                 + ("new-name" if x.new else "lexicon-state"), comments=comments))
        return out

