"""Who an undertaking binds, read from the words around it: states by name, adjective ("algérienne",
"Peruvian"), possessive ("India's") or capital used for the state ("Alger et Téhéran", "Paris and Beijing"),
and the article's two main states where the text says "les deux pays", "both countries" or "bilatéral".
The words are data: the lexicon's [states] (adjectives), [capitals] and [parties] tables."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import pairwise
from typing import Protocol

from kg import namespaces as ns
from kg.ingest import offices
from kg.ingest.gazetteer import Gazetteer, norm
from kg.ingest.lexicon import Lexicon


class Named(Protocol):
    """An entity found in the text (rules.Entity): where, what kind, which IRI."""

    start: int
    end: int
    text: str
    kind: str
    iri: str | None


@dataclass(frozen=True)
class Mention:
    start: int
    end: int
    iri: str
    how: str  # name | adjective | capital


def _never() -> re.Pattern[str]:
    return re.compile(r"(?!x)x")


class Parties:
    """The states a stretch of text names, and the article's main states, for one language."""

    def __init__(self, lexicon: Lexicon, gazetteer: Gazetteer) -> None:
        self.gaz = gazetteer
        self.capitals: dict[str, str] = {}
        for slug, names in lexicon.raw.get("capitals", {}).items():
            for name in names:
                self.capitals[norm(name)] = ns.entity("state", slug)
        table = lexicon.raw.get("parties", {})
        flags = re.IGNORECASE
        both = "|".join(p for p in (lexicon.raw.get("both_countries"), table.get("bilateral")) if p)
        self.both = re.compile(both, flags) if both else _never()
        self.joint = re.compile(table["joint"], flags) if table.get("joint") else _never()
        # English writes a state's adjective with a capital ("Polish", not "polish"); French does not
        self.capitalised = bool(table.get("adjectives_capitalised"))
        names = sorted(self.capitals, key=len, reverse=True)
        # a capital is a name: only a match that starts with a capital letter counts (checked where found)
        self._capital = re.compile(r"(?<![\w-])(?:" + "|".join(re.escape(n).replace("'", "['’]") for n in names)
                                   + r")(?![\w-])", re.IGNORECASE) if names else _never()
        # an adjective or a hyphenated pair of them ("algéro-iranien", "Indian-Japanese", "UK-India")
        self._word = re.compile(r"[\w’'-]+")
        self.english = lexicon.language == "en"
        self._suffixes = lexicon.raw.get("offices", {}).get("demonym_suffixes")
        self._stems: list[tuple[str, str]] | None = None
        self._demonyms: dict[str, str | None] = {}

    # ---- one word → a state: the one place that says it (offices and parties both ask here) ------------

    def demonym(self, word: str) -> str | None:
        """Any state's adjective, from its name and the language's demonym suffixes ("béninois", "Peruvian"),
        beyond the lexicon's [states] adjectives."""
        if not self._suffixes or len(word) < 5 or (self.english and not word[:1].isupper()):
            return None
        if word not in self._demonyms:
            if self._stems is None:
                self._stems = offices.demonym_stems({k.iri: k.labels for k in self.gaz.entities.values()
                                                     if k.kind == "State"})
            self._demonyms[word] = offices.demonym_state(word, self._stems, self._suffixes)
        return self._demonyms[word]

    def adjective(self, word: str, capitalised: bool) -> str | None:
        """The state of an adjective or a possessive ("kazakhe", "Tunisia's", "béninois"); with capitalised,
        only a word that starts with a capital ("US", not "us")."""
        iri = self.gaz.adjectives.get(norm(word.removesuffix("'s").removesuffix("’s"))) or self.demonym(word)
        return iri if iri and (word[:1].isupper() or not capitalised) else None

    # ---- what a stretch of text names ---------------------------------------------------------------

    def mentions(self, text: str, s: int, e: int, ents: Sequence[Named], capitals: bool = True) -> list[Mention]:
        """States named in text[s:e], in text order: state names (from the entities), adjectives and
        possessives, and capitals (places or bare names) standing for their state."""
        out: list[Mention] = []
        taken: list[tuple[int, int]] = []
        for x in ents:
            if x.end <= s or x.start >= e:
                continue
            if x.kind == "State" and x.iri:
                out.append(Mention(x.start, x.end, x.iri, "name"))
                taken.append((x.start, x.end))
            elif x.kind in ("Organization", "Person"):
                taken.append((x.start, x.end))  # "Musée national du Maroc" is a body, not Morocco
        for whole in self._word.finditer(text, s, e):
            if any(a <= whole.start() < b for a, b in taken):
                continue
            # a hyphenated word is one adjective ("sud-africain") or several names ("Peru-Chile", "UK-India")
            parts = [whole] if self._one(whole.group(0)) else list(re.finditer(r"[^-]+", whole.group(0)))
            for part in parts:
                word, at = part.group(0), whole.start() + (part.start() if part is not whole else 0)
                hit = self._one(word)
                if hit:
                    out.append(Mention(at, at + len(word), *hit))
        if capitals:
            for m in self._capital.finditer(text, s, e):
                iri = self.capitals.get(norm(m.group(0)))
                if iri and m.group(0)[0].isupper() and not any(a <= m.start() < b for a, b in taken):
                    out.append(Mention(m.start(), m.end(), iri, "capital"))
        return sorted(out, key=lambda x: x.start)

    def _one(self, word: str) -> tuple[str, str] | None:
        """(state IRI, how) of one word: a state's adjective or possessive, or a state's name."""
        iri = self.adjective(word, self.capitalised)
        if iri:
            return iri, "adjective"
        if word[:1].isupper():
            states = {k.iri for k in self.gaz.lookup(word) if k.kind == "State"}
            if len(states) == 1:
                return states.pop(), "name"
        return None

    def states(self, text: str, s: int, e: int, ents: Sequence[Named], capitals: bool = True) -> list[str]:
        """The distinct states named in text[s:e], first named first."""
        return list(dict.fromkeys(m.iri for m in self.mentions(text, s, e, ents, capitals)))

    # ---- the article's two states ---------------------------------------------------------------------

    def main_states(self, text: str, ents: Sequence[Named]) -> list[str]:
        """The article's two main states: the most often named (by name, adjective or capital; the headline
        counts twice), first named first among equals; none unless two are named."""
        counts: dict[str, float] = {}
        first: dict[str, int] = {}
        headline_end = text.find("\n") if "\n" in text else len(text)
        for m in self.mentions(text, 0, len(text), ents):
            counts[m.iri] = counts.get(m.iri, 0) + (2 if m.start < headline_end else 1)
            first.setdefault(m.iri, m.start)
        ranked = sorted(counts, key=lambda iri: (-counts[iri], first[iri]))
        if len(ranked) < 2:
            return []
        top = ranked[:2]
        return sorted(top, key=lambda iri: first[iri])

    def says_both(self, text: str, s: int, e: int) -> bool:
        """"les deux pays", "both countries", "bilatéral", "the two sides": the article's two states."""
        return bool(self.both.search(text, s, e))

    def says_joint(self, text: str, s: int, e: int) -> bool:
        """"conjoint", "joint", "mutual", "entre eux": done together, by the two states the article is about."""
        return bool(self.joint.search(text, s, e))

    def joined(self, text: str, s: int, e: int, ents: Sequence[Named]) -> list[str]:
        """Two or more states joined in a phrase of their own: "X et Y", "X and Y", "algérienne et iranienne",
        "Indian-Japanese", "UK-India", "Alger et Téhéran": the states, if the phrase joins two or more."""
        found = self.mentions(text, s, e, ents)
        out: list[str] = []
        for a, b in pairwise(found):
            between = text[a.end:b.start]
            if a.iri != b.iri and re.fullmatch(r"\s*(?:-|–|/|,|et|and|&|\s)\s*(?:l['’]|le|la|les|the)?\s*", between,
                                                 re.IGNORECASE):
                out += [a.iri, b.iri]
        return list(dict.fromkeys(out))
