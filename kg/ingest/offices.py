"""An office's title around a person's name in English (issue 18): "India's Railways Minister Suresh Prabhu",
"Vice-Minister of Culture Meng Xiaosi", "Tony Abbott, Australia's prime minister,"; and the state an office
without one belongs to, read from the article ("Lithuania's culture minister" in the headline)."""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Callable

# the post's host after an envoy's title: "ambassador to India", "ambassador in Canberra"
HOST = r"(?:\s+(?:to|in)\s+(?:the\s+)?[A-Z][\w’'-]*(?:\s+[A-Z][\w’'-]*)*)"
# the complement of a title: "of Culture and Fine Arts", "for Culture, Media and Sport", "of the Interior"
COMPLEMENT = r"(?:\s+(?:of|for)\s+(?:the\s+)?[A-Z][\w’'-]*(?:(?:\s*,\s*|\s+)(?:(?:and|&)\s+)?[A-Z][\w’'-]*)*)"

# "minister of culture and tourism of Peru", "minister for tourism, arts and culture": lower-case portfolio
# words up to the apposition's end, and a state
LOWER_COMPLEMENT = (r"\s+(?:of|for)\s+(?:the\s+)?[a-z][\w’'-]*(?:\s*,\s*[a-z][\w’'-]*)*"
                    r"(?:,?\s+(?:and|&)\s+[a-z][\w’'-]*)?"
                    r"(?:\s+of\s+(?:the\s+)?[A-Z][\w’'-]*(?:\s+[A-Z][\w’'-]*)*)?(?=\s*[,;.)]|\s*$)")
# before a name: "the minister of culture, X", "the Minister of Culture of Tunisia, X" (the state's "of" after it)
LOWER_BEFORE = r"(?:\s+(?:of|for)\s+(?:the\s+)?[a-z][\w’'-]*(?:\s+(?:and|&)\s+[a-z][\w’'-]*)?)"
OF_STATE = r"(?:\s+of\s+(?:the\s+)?[A-Z][\w’'-]*(?:\s+[A-Z][\w’'-]*)*(?=\s*,))"
APPOSITION_COMPLEMENT = r"(?:\s+(?:of|for)\s+(?:the\s+)?[A-Z][\w’'-]*(?:\s+(?:(?:and|&)\s+)?[A-Z][\w’'-]*)*)"


def title_before(text: str, lo: int, at: int, heads: str, modifiers: set[str],
                 state_word: Callable[[str], bool]) -> int | None:
    """Where a title that ends right before a name (at) starts, within text[lo:at]: its head and complement,
    and leftwards its modifiers ("Culture and Information", "cabinet", "Vice-") up to a state's adjective or
    possessive (kept) or any other word (not kept)."""
    window = text[lo:at]
    # the last head from which a title runs to the name: an earlier one could swallow a list of titles and
    # names ("Minister of Tourism, Arts and Culture, X, and Peru's Vice-Minister of …, Y")
    title = re.compile(rf"(?:{heads})s?(?:{COMPLEMENT}|{LOWER_BEFORE})?{OF_STATE}?{HOST}?\s*,?\s*$")
    m = None
    for h in re.finditer(rf"(?<![\w])(?:{heads})", window):
        m = title.match(window, h.start()) or m
    if m is None:
        return None
    start = lo + m.start()
    # "Vice-Minister", "Deputy-Director": the prefix belongs to the title
    prefix = re.search(r"[A-Z][\w]*-$", text[lo:start])
    if prefix:
        start -= len(prefix.group(0))
    while True:
        left = re.search(r"([\w’'-]+|&)(\s*,\s*|\s+)$", text[lo:start])
        if left is None:
            return start
        word = left.group(1)
        bare = re.sub(r"['’]s$", "", word)
        if "," in left.group(2) and (state_word(word) or bare != word):
            return start  # "his visit to India, Culture Secretary X": a list of a title's words has no state
        if state_word(word):
            return lo + left.start()  # "India's", "British": the state, and the title ends there
        if bare != word:
            # a body's possessive ("the Goethe-Institut's president"): the body the office is in
            return lo + left.start() if word[:1].isupper() else start
        if word in ("and", "&") or word.lower() in modifiers or (word[:1].isupper() and "," not in left.group(2)):
            start = lo + left.start()
            continue
        if "," in left.group(2) and word[:1].isupper():
            start = lo + left.start()  # "Culture, Media and Sport Secretary"
            continue
        break
    # the title cannot open on a linking word
    while True:
        m2 = re.match(r"(?:and|&)\s+|,\s*", text[start:at])
        if not m2:
            break
        start += m2.end()
    return start


def title_after(text: str, end: int, stop: int, heads: str, modifiers: set[str],
                state_word: Callable[[str], bool], adverbs: str = r"(?!x)x") -> int | None:
    """Where an apposition after a name ends ("X, Australia's prime minister," "X, the Minister of Law,",
    "X, then foreign minister,"): the end of the title, or None when what follows the comma is not a title."""
    m = re.match(rf"\s*,\s*(?:(?:{adverbs})\s+)?(?:the\s+)?", text[end:stop])
    if m is None:
        return None
    at = end + m.end()
    words = 0
    while words < 4:
        h = re.match(rf"(?:{heads})s?(?![\w])", text[at:stop])
        if h:
            # no comma inside an apposition's complement: "X, Minister of Culture, Y said" ends at the comma
            rest = re.match(rf"{APPOSITION_COMPLEMENT}?{HOST}?", text[at + h.end():stop])
            if not rest or not rest.end():  # "the minister of culture of Peru": a complement in lower case
                rest = re.match(LOWER_COMPLEMENT, text[at + h.end():stop])
            return at + h.end() + (rest.end() if rest else 0)
        w = re.match(r"([\w’'-]+)\s+", text[at:stop])
        if w is None:
            return None
        word = w.group(1)
        if not (state_word(word) or word.lower() in modifiers or word[:1].isupper()):
            return None
        at += w.end()
        words += 1
    return None


def host_removed(title: str) -> str:
    """An ambassador's title without the city of the post ("ambassador in Canberra" is the ambassador)."""
    return re.sub(r"\s+(?:in|at)\s+[A-Z][\w’'-]*(?:\s+[A-Z][\w’'-]*)*$", "", title)


def singular(title: str, heads: str) -> str:
    """"Prime Ministers Modi and Abe": each holds the office in the singular."""
    return re.sub(rf"((?:{heads}))s\b", r"\1", title)


def same_title_state(text: str, title: str, head: str | None,
                     state_of: Callable[[str], str | None]) -> str | None:
    """The state of an office named elsewhere in the article with the same words and a state's adjective or
    possessive ("Lithuania's culture minister" for "Culture Minister Liana …"), else with the head alone
    ("the Lithuanian minister") when it names one state only."""
    for words in (title, head):
        if not words:
            continue
        # not where the same words are another person's title ("China's Culture Minister Luo Shugang")
        pattern = rf"([\w’'-]+)\s+{re.escape(words)}(?![\w])(?!\s*,?\s*(?-i:[A-Z]))"
        found = {state_of(m.group(1)) for m in re.finditer(pattern, text, re.IGNORECASE)} - {None}
        if len(found) == 1:
            return found.pop()
    return None


def most_named(states: list[str], but: str | None = None) -> str | None:
    """The state the article names most often, when one does (other than `but`)."""
    counts = [(iri, n) for iri, n in Counter(states).most_common() if iri != but][:2]
    if not counts or (len(counts) == 2 and counts[0][1] == counts[1][1]):
        return None
    return counts[0][0]


def fold(word: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFD", word.casefold()) if not unicodedata.combining(c))


def demonym_stems(states: dict[str, set[str]]) -> list[tuple[str, str]]:
    """(stem, state IRI) of every one-word state name, longest first: "benin", "maroc", "chin" (Chine),
    "ital" (Italy): the start of the state's adjective ("béninois", "marocain", "chinois", "Italian")."""
    out = []
    for iri, names in states.items():
        for name in names:
            folded = fold(name)
            if not folded.isalpha():
                continue
            stem = folded[:-1] if len(folded) > 4 and folded[-1] in "aeiouy" else folded
            out.append((stem, iri))
    return sorted(set(out), key=lambda x: (-len(x[0]), x))


def demonym_state(word: str, stems: list[tuple[str, str]], suffixes: str) -> str | None:
    """The state whose name an adjective is made of: the stem and a demonym suffix of the language
    ("béninois" = "benin" + "ois"), the longest stem winning ("nigerian" is Nigeria's, not Niger's)."""
    folded = fold(word)
    for stem, iri in stems:
        if folded.startswith(stem) and re.fullmatch(suffixes, folded[len(stem):]):
            return iri
    return None


def body_led(text: str, end: int, stop: int, leads: dict[str, str], bodies: list) -> tuple[str, object] | None:
    """"X, who heads the Japan National Tourism Organisation", "X, qui dirige le Ballet national": (the title,
    "Head of <the body>", and the body) when the verb's object is a body the text names."""
    if not leads:
        return None
    verbs = "|".join(re.escape(v) for v in sorted(leads, key=len, reverse=True))
    m = re.match(rf"\s*,\s*(?:who|qui)\s+({verbs})\s+(?:the\s+|le\s+|la\s+|les\s+|l['’]|[A-Z][\w-]*['’]s\s+)*",
                 text[end:stop])
    if m is None:
        return None
    at = end + m.end()
    body = next((b for b in bodies if b.start == at and b.iri), None)
    if body is None:
        return None
    title, link = leads[m.group(1)].split("|") if "|" in leads[m.group(1)] else (leads[m.group(1)], "of")
    return f"{title} {link} {text[body.start:body.end]}", body


def member_of(text: str, person: tuple[int, int], lo: int, hi: int, table: dict[str, str], bodies: list
              ) -> tuple[str, object, int, int] | None:
    """"the Lok Sabha members X and Y", "X, a member of the Bundestag": (the title, "Member of the <body>", the
    body, and the span of the words that say it) when the body is one the text names; table: the lexicon's
    [offices.member] (`cue`: the plural or singular noun, `title`: the title with {} for the body's name)."""
    if not table:
        return None
    s, e = person
    for b in bodies:  # before: "<body> members X (and Y)"
        if b.iri and b.end <= s and b.start >= lo and re.fullmatch(
                rf"\s+(?:{table['cue']})\s+(?:[A-ZÀ-Þ][\w’'.-]*\s+){{0,4}}?(?:(?:and|et)\s+)?", text[b.end:s]) and \
                not re.search(r"[,;]", text[b.end:s]):
            return table["title"].format(text[b.start:b.end]), b, b.start, e
    m = re.match(rf"\s*,\s*(?:an?\s+|une?\s+|the\s+|le\s+|la\s+)?((?:{table['cue']})\s+(?:{table['link']})\s*)",
                 text[e:hi])
    if m:  # after: "X, a member of the <body>": the title in the text's words ("membre de la Fondation …")
        body = next((b for b in bodies if b.start == e + m.end() and b.iri), None)
        if body is not None:
            return text[e + m.start(1):body.end], body, s, body.end
    return None


def portfolio_after(text: str, end: int, stop: int, cues: str) -> tuple[int, str, tuple[int, int] | None] | None:
    """"X, titulaire du portefeuille de la Culture", "X, chargée de l'Enseignement supérieur", "X, qui dirige au
    Sénégal le ministère de la Culture": (where the title ends, the portfolio's words "de la Culture", the span of
    the place named with it, "au Sénégal" or "en Russie", if any). The portfolio opens on a capital: "chargé de
    mission" is no office."""
    place = r"(?:au|aux|en)\s+(?P<{0}>[A-Z][\w’'-]*(?:\s+(?:du\s+|de\s+)?[A-Z][\w’'-]*)*)"
    m = re.match(rf"\s*,\s*(?:{cues})(?:\s+{place.format('at')})?\s+(?:le\s+ministère\s+)?"
                 rf"(?P<what>(?:de\s+la|de\s+l['’]|du|des|aux?|d['’])\s*[A-ZÉ][^,;.()—–]*?"
                 rf"(?:\s*,\s*(?:de\s+la|de\s+l['’]|du|des)\s+[A-ZÉ][^,;.()—–]*?)*)"
                 rf"(?:\s+{place.format('in')})?(?=\s*[,;.)—–]|\s*$)", text[end:stop])
    if m is None:
        return None
    group = "at" if m.group("at") else "in" if m.group("in") else None
    where = (end + m.start(group), end + m.end(group)) if group else None
    return end + m.end(), m.group("what"), where


def in_title_of(text: str, at: int, people: list[tuple[int, int]]) -> bool:
    """A state's word at `at` inside one of these people's titles: before the name with no comma or verb
    between ("le dirigeant libyen Mouammar Kadhafi", "Peruvian President Luis Vega"), or in the apposition
    after it ("Amar Sinha, responsable … à la diplomatie indienne")."""
    for s, e in people:
        if at < s and re.fullmatch(r"[\w’'-]*(?:\s+[\w’'-]+){0,4}\s+", text[at:s]) and \
                not re.search(r"[,;.]", text[at:s]):
            return True
        if e <= at and re.fullmatch(r"\s*,[^,;.()«»“”\"]{0,100}", text[e:at]):
            return True
    return False
