"""Names in English text without a statistical model (issue 18): people and organisations from runs of
capitalised words, cut at the words that qualify a name rather than belong to it (titles, offices, states'
adjectives and possessives, institution words: the lexicon's data), and at a sentence's first word when it is
an ordinary word. Also, in both languages, a person named again by one part of the name ("Murphy said")."""

from __future__ import annotations

import os
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

# a capitalised word, an initial ("W."), or a hyphenated name ("Klaus-Dieter", "Vice-Minister")
WORD = re.compile(r"[A-ZÀ-ÖØ-Þ][\w’'ėščžūąęįųçğışöü-]*\.?|[A-Z]\.")
# lower-case particles inside a person's name ("Ben Salah", "van der Berg", "bin Salman")
# what a person's name does not follow: an article, an office's or a body's "of", a preposition of place
NOT_A_PERSON_AFTER = re.compile(r"(?:\b(?:the|The|an?|An?)|\b[A-Z][\w-]*\s+of(?:\s+the)?|\b(?:in|at|from|near))\s+$")
PARTICLES = {"bin", "ben", "van", "von", "der", "de", "da", "del", "di", "al", "el", "le", "la", "ibn", "dos", "das"}


# Link Grammar's English dictionary (Debian link-grammar-dictionaries-en, installed by `make install`): its
# word lists say which words are common nouns and adjectives, and which are given names
LINK_GRAMMAR_WORDS = Path(os.environ.get("KG_LINK_GRAMMAR_EN", "/usr/share/link-grammar/en/words"))
COMMON_FILES = ("words.n.1-const", "words.n.1-vowel", "words.n.2.s", "words.n.3-const", "words.n.3-vowel",
                "words.adj.1-const", "words.adj.1-vowel", "words.adj.2", "words.adj.3")
GIVEN_FILES = ("entities.given-male.sing", "entities.given-female.sing", "entities.given-bisex.sing")


@dataclass(frozen=True)
class WordLists:
    """Common English nouns and adjectives (lower case) and given names; empty when not installed."""

    common: frozenset[str] = field(default_factory=frozenset)
    given: frozenset[str] = field(default_factory=frozenset)
    missing: str = ""  # why the lists are empty, to say so


@cache
def word_lists(folder: Path = LINK_GRAMMAR_WORDS) -> WordLists:
    """The dictionary's lists ("coast.n", "Abbott.m": a word and its class), read once."""
    def read(names: tuple[str, ...]) -> frozenset[str]:
        out: set[str] = set()
        for name in names:
            path = folder / name
            if path.is_file():
                out.update(w.rsplit(".", 1)[0] for w in path.read_text(encoding="utf-8", errors="replace").split())
        return frozenset(out)

    common, given = read(COMMON_FILES), read(GIVEN_FILES)
    if not common or not given:
        return WordLists(missing=f"Link Grammar's English word lists are not in {folder} (make install puts them "
                                 "there: apt-get install link-grammar-dictionaries-en); English names are read "
                                 "without them, so a common noun in capitals may be taken for a name")
    return WordLists(frozenset(w.lower() for w in common if w.islower()), given)


@dataclass(frozen=True)
class Span:
    start: int
    end: int
    text: str
    kind: str  # "Person" | "Organization"


def _runs(line: str, base: int) -> list[list[tuple[int, int, str]]]:
    """Runs of capitalised words (with the particles between them), each word with its offsets; a
    punctuation mark before or after a word ends the run ("Prabhu, the …", "(JNTO)")."""
    runs: list[list[tuple[int, int, str]]] = []
    current: list[tuple[int, int, str]] = []
    for m in re.finditer(r"\S+", line):
        token = m.group(0)
        core = token.lstrip("(\"“«‘[")
        lead = len(token) - len(core)
        core = core.rstrip(",;:)\"”»!?’'.]")
        if re.fullmatch(r"[A-Z]", core) and token[lead + 1:lead + 2] == ".":
            core += "."  # an initial: "W. Patrick Murphy"
        s, e = base + m.start() + lead, base + m.start() + lead + len(core)
        if lead and current:
            runs.append(current)
            current = []
        if (core[:1].isupper() and WORD.fullmatch(core)) or (core in PARTICLES and current):
            current.append((s, e, core))
        else:
            if current:
                runs.append(current)
            current = []
            continue
        if len(core) < len(token) - lead and current:
            runs.append(current)
            current = []
    if current:
        runs.append(current)
    return runs


def names(text: str, sentence_starts: set[int], stop: set[str], ordinary: Callable[[str], bool],
          org_heads: dict[str, str], known: Callable[[str], bool], standalone: set[str],
          lists: WordLists = WordLists(), is_title: Callable[[str], bool] = lambda w: False) -> list[Span]:
    """Persons and organisations named in the text, not overlapping.

    stop: words that qualify a name and never belong to one (titles, states' adjectives, …);
    ordinary(word): a sentence's first word that is an ordinary word, not a name ("Putting", "Ties");
    org_heads: a word that ends an organisation's name → its class local name ("Parliament", "Sabha");
    known(name): a name the gazetteer already links (left to it); standalone: heads that name a body alone
    ("Majilis"), where other heads alone are common nouns ("Council"); lists: common words and given names;
    is_title(word): a title or an honorific before a name ("Minister", "Ms"), which vouches for it."""
    out: list[Span] = []
    for line in re.finditer(r"[^\n]+", text):
        for run in _runs(line.group(0), line.start()):
            segment: list[tuple[int, int, str]] = []
            segments: list[list[tuple[int, int, str]]] = []
            for word in run:
                s, _, w = word
                bare = re.sub(r"['’]s$", "", w)
                possessive = bare != w
                # a title in the plural ("Prime Ministers Modi and Abe") is a title too
                plural = re.sub(r"(?:ies)$", "y", bare) if bare.endswith("ies") else bare.removesuffix("s")
                if (w in stop or bare in stop or plural in stop or (s in sentence_starts and ordinary(w))) \
                        and bare not in org_heads:
                    if segment:
                        segments.append(segment)
                    segment = []
                    continue
                segment.append(word)
                if possessive:  # "Goethe-Institut's president": the name ends at its possessive
                    segments.append(segment)
                    segment = []
            if segment:
                segments.append(segment)
            for seg in segments:
                while seg and seg[-1][2] in PARTICLES:
                    seg.pop()
                while seg and seg[0][2] in PARTICLES:
                    seg.pop(0)
                if not seg:
                    continue
                s, e = seg[0][0], seg[-1][1]
                last = re.sub(r"['’]s$", "", seg[-1][2])
                e -= len(seg[-1][2]) - len(last)
                name = text[s:e]
                if known(name):
                    continue
                if last in org_heads:
                    if len(seg) == 1 and last not in standalone and not (
                            run.index(seg[0]) > 0 and not re.search(r"['’]s$", run[run.index(seg[0]) - 1][2])):
                        continue  # "the Embassy", "Council": a common noun alone, not a body's name
                    # "Lok Sabha", "Foreign Office", "National Assembly": an organisation, not a person, with
                    # the run's words before it that qualify it ("Foreign"), not a state's ("India's")
                    i = run.index(seg[0])
                    while i > 0 and not re.search(r"['’]s$", run[i - 1][2]) and run[i - 1][2] not in PARTICLES \
                            and not (run[i - 1][0] in sentence_starts and ordinary(run[i - 1][2])):
                        i -= 1  # its adjectives too ("British Council", "Indonesian Embassy"), not a possessive
                    if len(seg) == 1 and i == run.index(seg[0]) and last not in standalone:
                        continue
                    s = run[i][0]
                    out.append(Span(s, e, text[s:e], "Organization"))
                    continue
                before = text[max(0, s - 40):s]
                if NOT_A_PERSON_AFTER.search(before):
                    continue  # "the First World War", "Chief Minister of West Bengal", "from St Petersburg"
                words = [w for _, _, w in seg]
                if len(words) < 2 or len(words) > 4:
                    continue  # one word is a surname (see surnames); five or more, a title or a work
                if any(w.isupper() and len(w.rstrip(".")) > 1 for w in words):
                    continue  # an acronym ("UCCA", "JNTO") is not part of a person's name
                if any(w.endswith(".") and len(w) > 2 for w in words):
                    continue
                titled = bool(re.search(r"[\w’'.-]+\s+$", before)) and is_title(before.split()[-1])
                last_word = re.sub(r"['’]s$", "", words[-1]).lower()
                if lists.common and not titled and words[0] not in lists.given and (
                        last_word in lists.common or last_word.removesuffix("s") in lists.common
                        or (last_word.endswith("es") and last_word[:-2] in lists.common)):
                    continue  # "Premier League", "Gulf Coast": a common noun, unless a title or a given name says
                out.append(Span(s, e, name, "Person"))
    return out


def surnames(text: str, people: list[tuple[int, int, str, str]], taken: Callable[[int, int], bool],
             stop: set[str]) -> list[tuple[int, int, str, str]]:
    """A person named again by one word of the name after the full name ("Murphy said", "Nadjib said"):
    (start, end, word, IRI) for each such word not already taken, when the word names one person only."""
    by_word: dict[str, set[str]] = {}
    first_at: dict[str, int] = {}
    for s, _e, name, iri in people:
        parts = [w for w in re.findall(r"[\w’'-]+", name) if w[:1].isupper() and len(w) > 2]
        for w in parts:
            by_word.setdefault(w, set()).add(iri)
            first_at[w] = min(first_at.get(w, s), s)
    out: list[tuple[int, int, str, str]] = []
    for word, iris in sorted(by_word.items()):
        if len(iris) != 1 or word in stop:
            continue
        (iri,) = iris
        for m in re.finditer(rf"(?<![\w’'-]){re.escape(word)}(?![\w-])", text):
            if m.start() <= first_at[word] or taken(m.start(), m.end()):
                continue
            out.append((m.start(), m.end(), word, iri))
    return sorted(out)
