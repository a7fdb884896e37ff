"""Restitutions, returns and loans of cultural objects (cd:ObjectTransfer and its subclasses): what moves
(a cd:CulturalObject, or a cd:ObjectGroup with its count when the text gives one), from where (cd:origin) to
where (cd:destination), when and how far it has gone (an undertaking's status). The cues, object nouns,
number words and prepositions are data: the [transfers] table of kg/ingest/lexicons/<lang>.toml."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

import pyoxigraph as ox

from kg import namespaces as ns
from kg.ingest.events import clause_span, date_of, event_dates
from kg.ingest.extractor import Article, Candidate, Object
from kg.ingest.gazetteer import norm

if TYPE_CHECKING:  # the extractor's own types, only for the hints
    from kg.ingest.rules import Entity, RuleExtractor, Sentence

CD = ns.CD
TYPE = ns.RDF + "type"
FLAGS = re.IGNORECASE


def number(word: str, words: dict[str, int]) -> int | None:
    """A count in figures or in words ("34", "vingt-six", "twenty-six")."""
    word = word.lower().replace(" ", "-")
    if word.isdigit():
        return int(word)
    parts = [p for p in re.split(r"-|\s+et\s+|\s+and\s+", word) if p and p not in ("et", "and")]
    if not parts or any(p not in words for p in parts):
        return None
    return sum(words[p] for p in parts)


def _slug(text: str, limit: int = 8) -> str:
    return "-".join([w for w in ns.slugify(text).split("-") if w][:limit]) or "x"


def _gap(start: int, end: int, at: int) -> int:
    """How far the words text[start:end] are from offset `at`."""
    return at - end if end <= at else max(0, start - at)


def _before(text: str, start: int, pattern: str, width: int = 24) -> bool:
    return bool(re.search(rf"(?:{pattern})\s*$", text[max(0, start - width):start], FLAGS))


class Transfers:
    """The transfers of one article; reads entities, states and domains through the rule extractor."""

    def __init__(self, extractor: RuleExtractor) -> None:
        self.ex = extractor
        self.lex = extractor.lex
        self.table = extractor.lex.raw.get("transfers", {})
        self.rules = []
        for rule in self.table.get("cues", []):
            cls = extractor.voc.cls(rule["class"])
            if cls is None:  # the ontology decides the classes
                extractor.warnings.append(f"{rule['id']}: the ontology has no cd:{rule['class']}; rule left out")
                continue
            self.rules.append((rule["id"], re.compile(rule["pattern"], FLAGS), cls))
        self.statuses = []
        for rule in self.table.get("status", []):
            target = extractor.voc.status(rule["status"])
            if target:
                self.statuses.append((rule["id"], re.compile(rule["pattern"], FLAGS), target))

    def extract(self, article: Article, sentences: list[Sentence], ents: list[Entity], name) -> list[Candidate]:
        if not self.rules:
            return []
        out: list[Candidate] = []
        seen: dict[tuple, Candidate] = {}
        for sent in sentences:
            cues: list[tuple[str, re.Match[str], str]] = []
            for rule_id, pattern, cls in self.rules:
                for m in pattern.finditer(sent.text):
                    if not any(m.start() < o.end() and o.start() < m.end() for _, o, _ in cues):
                        cues.append((rule_id, m, cls))
            for cue in sorted(cues, key=lambda c: c[1].start()):
                found = self._transfer(article, sent, ents, *cue)
                if found is not None and not self._again(found, seen):
                    self._add(found, seen, out, name)
        return out

    def _again(self, found: tuple[tuple, Candidate], seen: dict) -> bool:
        """Whether a transfer only names again one reported before: its objects a bare definite mention ("the
        objects were shown …, the Germans who gave them back", "les pièces"), of the same kind between the same
        two states (either way). Its words become more evidence of that one."""
        (cls, origin, destination, objects), cand = found
        bare = rf"(?:{self.table.get('definite', '(?!x)x')})\s*(?:{self.table.get('object_nouns', '(?!x)x')})"
        if not isinstance(objects, str) or not re.fullmatch(bare, objects, FLAGS):
            return False
        twin = next((c for (k_cls, k_o, k_d, _), c in seen.items()
                     if k_cls == cls and {k_o, k_d} == {origin, destination}), None)
        if twin is None:
            return False
        twin.evidence += [e for e in cand.evidence if e not in twin.evidence]
        return True

    def _add(self, found: tuple[tuple, Candidate], seen: dict, out: list[Candidate], name) -> None:
        key, cand = found
        twin_key = next((k for k in seen if k[1:] == key[1:]), None)
        if twin_key is not None:
            # the same objects between the same two places said again: one transfer, more evidence; where the
            # words differ ("le retour de la Vénus" … "restituer la statue"), the cue first in the lexicon's
            # order (restitution before loan before return) names its class
            twin = seen[twin_key]
            twin.evidence += [e for e in cand.evidence if e not in twin.evidence]
            order = [cls for _, _, cls in self.rules]
            if order.index(key[0]) < order.index(twin_key[0]):
                twin.triples = [(s_, p_, key[0] if p_ == TYPE and o_ == twin_key[0] else o_)
                                for s_, p_, o_ in twin.triples]
                seen[key] = seen.pop(twin_key)
            return
        cand.name = name(cand.name)
        seen[key] = cand
        out.append(cand)

    def _objects(self, text: str, sent: Sentence, cue_at: int) -> tuple[str, int | None, int, int] | None:
        """(words, count, start, end) of the objects a sentence names: a count and an object noun
        ("34 archaeological objects", "vingt-six pièces"), else a definite object noun ("la statue",
        "the bronze"); the one nearest to the cue."""
        nouns = self.table.get("object_nouns", r"(?!x)x")
        words: dict[str, int] = self.table.get("numbers", {})
        names = "|".join(sorted(map(re.escape, words), key=len, reverse=True)) or r"(?!x)x"
        counted = re.compile(rf"\b(?P<count>\d+|(?:{names})(?:-(?:{names}))*)\s+(?:[\w’'-]+\s+){{0,3}}?"
                             rf"(?P<noun>{nouns})\b(?:\s+(?:{self.table.get('object_of', '(?!x)x')})\s+"
                             rf"(?-i:[A-ZÀ-Þ][\w’'-]*)(?:\s+(?-i:[A-ZÀ-Þ][\w’'-]*))*)?", FLAGS)
        best = None
        for m in counted.finditer(sent.text):
            n = number(m.group("count"), words)
            if n is None or n < 1:
                continue
            if re.match(r"\s*(?:%|per\s+cent|pour\s+cent|ans|years|ème|e\b)", sent.text[m.end("count"):]):
                continue
            at, end = sent.start + m.start(), sent.start + m.end()
            if best is None or _gap(at, end, cue_at) < _gap(best[2], best[3], cue_at):
                about = re.search(self.table.get("about", r"(?!x)x") + r"\s*$", sent.text[:m.start()], FLAGS)
                best = (m.group(0).strip(), None if about else n, at, end)
        capitalised = r"(?-i:[A-ZÀ-Þ][\w’'-]*)(?:\s+(?-i:[A-ZÀ-Þ][\w’'-]*))*"
        named = re.compile(rf"\b(?:{self.table.get('definite', '(?!x)x')})\s*(?P<noun>{nouns})\b"
                           rf"(?P<of>\s+(?:{self.table.get('object_of', '(?!x)x')})\s*{capitalised})?", FLAGS)
        for m in named.finditer(sent.text):
            at, end = sent.start + m.start(), sent.start + m.end()
            if best is None or _gap(at, end, cue_at) < _gap(best[2], best[3], cue_at):
                words = m.group(0).strip()
                if m.group("of"):
                    # "l'obélisque d'Aksoum": a proper name, named without its article
                    words = re.sub(rf"^(?:{self.table.get('article', '(?!x)x')})\s*", "", words, flags=FLAGS)
                elif not re.match(self.table.get("plural", r"(?!x)x"), words, FLAGS):
                    # "restituer la statue" after "la Vénus de Cyrène": the object named last before, by its name
                    words = self._named_before(text, sent.start, named) or words
                best = (words, None, at, end)
        return best

    def _named_before(self, text: str, at: int, named: re.Pattern[str]) -> str | None:
        """The last object named by a proper name ("la Vénus de Cyrène", "the Throne of Kings") in the
        paragraphs before offset `at` (the headline included), without its article."""
        last = None
        for m in named.finditer(text, 0, at):
            if m.group("of"):
                last = m
        if last is None:
            return None
        return re.sub(rf"^(?:{self.table.get('article', '(?!x)x')})\s*", "", last.group(0).strip(), flags=FLAGS)

    def _transfer(self, article: Article, sent: Sentence, ents: list[Entity], rule_id: str, m: re.Match[str],
                  cls: str) -> tuple[tuple, Candidate] | None:
        text = article.text
        ex = self.ex
        cue_at, cue_end = sent.start + m.start(), sent.start + m.end()
        objects = self._objects(text, sent, cue_at)
        if objects is None:
            return None  # nothing the text names moves: not a transfer of cultural objects
        words, count, o_start, o_end = objects
        bodies = [x for x in ex._in(ents, sent.start, sent.end, ("State", "Organization")) if x.iri]
        # a capital standing for its state ("Rome devra rendre à Tripoli …", "Berlin handed back to Windhoek")
        bodies = sorted(bodies + [_Named(ex.party_words.capitals[norm(x.text)], x.start, x.end)
                                  for x in ex._in(ents, sent.start, sent.end, ("Place",))
                                  if norm(x.text) in ex.party_words.capitals], key=lambda x: x.start)
        held_at = self.table.get("held_at", r"(?!x)x")
        holder = next((x for x in bodies if _before(text, x.start, held_at, 40)), None)
        to, frm = self.table.get("to", r"(?!x)x"), self.table.get("from", r"(?!x)x")
        destination = next((x for x in bodies if x.start >= cue_at and x is not holder and _before(text, x.start, to)),
                           None) or next((x for x in bodies if x is not holder and _before(text, x.start, to)), None)
        origin = next((x for x in bodies if x is not destination and _before(text, x.start, frm)), None)
        comments: list[str] = []
        if origin is None and holder is not None and holder is not destination:
            origin = holder
        if origin is None:
            # the subject: a state or body named before the cue ("Italy returned …", "German citizens handed
            # back …": the state of the adjective)
            subject = [x for x in bodies if x.end <= cue_at and x is not destination]
            if subject:
                origin = subject[0]
            else:
                word = ex._state_word(text[sent.start:cue_at], capitalised=True)
                origin_iri = word[0] if word else None
                if origin_iri and (destination is None or origin_iri != destination.iri):
                    origin = _Named(origin_iri)
        pair = ex._article_states(text, ents)
        if destination is None and origin is not None and origin.iri in pair:
            destination = _Named(next(x for x in pair if x != origin.iri))
            comments.append(f"destination {ns.shorten(destination.iri)}: the article's other state; check it")
        if origin is None and destination is not None and destination.iri in pair:
            origin = _Named(next(x for x in pair if x != destination.iri))
            comments.append(f"origin {ns.shorten(origin.iri)}: the article's other state; check it")
        if origin is None or destination is None:
            return None  # a restitution, a return or a loan says from where and to where (the shapes)
        status = next((target for _, pattern, target in self.statuses if pattern.search(sent.text)), None)
        if status is None and re.match(self.table.get("past_cue", r"(?!x)x"), m.group(0), FLAGS):
            status = ex.voc.status("implemented")  # "Hungary returned 12 statues to …": the tense says done
        status = status or ex.voc.status(self.table.get("default_status", "announced"))
        if status is None:
            return None
        to_slug = destination.iri.rsplit("/", 1)[-1]
        local = _slug(f"{article.id} {cls.rsplit('#', 1)[-1]} {words} {to_slug}", 14)[:90].rstrip("-")
        iri = ns.entity("transfer", local)
        obj = ns.entity("object", _slug(f"{article.id} {words}", 10)[:90].rstrip("-"))
        lang = article.language
        clause = re.match(r"[^,;:.()«»\"]+", text[cue_at:sent.end])
        label = " ".join((clause.group(0) if clause else m.group(0)).split()[:12])
        triples: list[tuple[str, str, Object]] = [
            (iri, TYPE, cls), (iri, ns.RDFS + "label", ox.Literal(label, language=lang)), (iri, CD + "status", status),
            (iri, CD + "transferredObject", obj), (iri, CD + "origin", origin.iri),
            (iri, CD + "destination", destination.iri)]
        # between two states, both are parties; an institution lending or returning objects is where they come
        # from or go, and the body bound (its owner, a ministry) is for the reviewer to name
        states = [x.iri for x in (origin, destination) if x.kind == "State"]
        triples += [(iri, CD + "party", x) for x in states] if len(states) == 2 else []
        roles = self.lex.raw.get("event_roles", {})
        dates = event_dates(sent.text, self.lex.raw["dates"], self.lex.raw.get("event_dates", {}), article.issued,
                            article.issued_year, before=article.text[max(0, sent.start - 400):sent.start])
        d = date_of(dates, clause_span(sent.text, m.start(), roles.get("clause_boundary", r"[;:]")))
        if d:
            triples.append((iri, CD + "date", ox.Literal(d.value, datatype=ox.NamedNode(ns.XSD + d.datatype))))
        plural = count is None and bool(re.match(self.table.get("plural", r"(?!x)x"), words, FLAGS))
        group = plural or (count is not None and count > 1)
        triples += [(obj, TYPE, CD + ("ObjectGroup" if group else "CulturalObject")),
                    (obj, ns.RDFS + "label", ox.Literal(words, language=lang))]
        if group and count is not None:
            triples.append((obj, CD + "objectCount", ox.Literal(str(count), datatype=ox.NamedNode(ns.XSD + "integer"))))
        if holder is not None:
            triples.append((obj, CD + "heldBy", holder.iri))
        # the words from the objects or the cue to the destination where the text names it there
        named = [x.end for x in (destination, origin) if x.end > 0 and x.start >= sent.start]
        s, e = min(cue_at, o_start), max([cue_end, o_end] + [n for n in named if n - cue_end < 120])
        evidence = ex._unique(text, s, e, (sent.start, sent.end))
        cand = Candidate(f"transfer-{_slug(words, 4)}", "undertaking", triples, [evidence], 0.6, rule_id,
                         comments=comments)
        return (cls, origin.iri, destination.iri, count or words.lower()), cand


class _Named:
    """A state known only by its IRI (from an adjective, a capital, or the article's other state)."""

    def __init__(self, iri: str, start: int = -1, end: int = -1) -> None:
        self.iri = iri
        self.kind = "State"
        self.start, self.end = start, end
