"""What an event's sentence says beyond its cue, read from the sentence's structure rather than from lists of
names: a place no list knows after a locative preposition ("at the Kremlin", « sur l'île de Ganghwa », « le
festival de Tlemcen »), and a status from the tense of the cue's clause ("will open", « se tiendra »,
« serait »: planned). Helpers of RuleExtractor._event; the words are data in the lexicon's [event_context]
table (kg/ingest/lexicons/<lang>.toml)."""

from __future__ import annotations

import re
from dataclasses import dataclass

FLAGS = re.IGNORECASE
# a capitalised word of a place's name: "Kremlin", "Saint-Pétersbourg", "N'Djamena", "Ganghwa"
_WORD = r"[A-ZÀ-Þ][\w’'-]*\w"


@dataclass(frozen=True)
class Span:
    start: int  # offsets in the article's text
    end: int
    name: str
    city: bool = False  # named right after a preposition, with no article or place noun ("à Tlemcen")


def future(clause: str, table: dict) -> bool:
    """Whether a clause speaks of what is to come ("will open", "is to be held", « ouvrira », « se tiendra »,
    « serait présent »): the tense of its verb, as the lexicon's `future` pattern writes it."""
    pattern = table.get("future")
    # a quoted title is not the clause's verb ("« Rivera … »")
    clause = re.sub(r"«[^»]*»|“[^”]*”|\"[^\"\n]*\"", " ", clause)
    return bool(pattern and re.search(pattern, clause))


def locative_places(text: str, start: int, end: int, table: dict, taken: list[tuple[int, int]],
                    stop: set[str], is_event=lambda words: False) -> list[Span]:
    """Names of places in text[start:end] that no list knows, read from the structure: a run of capitalised
    words after a locative preposition (the lexicon's `locative`: "at the Kremlin", « à Tlemcen », « sur l'île
    de Ganghwa ») or after "of"/« de » right behind an occasion's noun (`of_occasion`: « le festival de
    Tlemcen », « au sommet du G20 de Séoul »), that is not already a name (`taken`: people, bodies, states)
    nor a word of `stop` (months, weekdays, languages), an acronym or an event's name (`is_event`). In text order."""
    pattern = table.get("locative")
    if not pattern:
        return []
    name = rf"(?P<name>{_WORD}(?:[ -](?:{table.get('joiners', '(?!x)x')})?[ -]?{_WORD}){{0,2}})"
    found: list[Span] = []
    for m in re.finditer(rf"(?:{pattern})\s*{name}", text[start:end]):
        s, e = start + m.start("name"), start + m.end("name")
        words = m.group("name")
        cut = next((w for w in re.finditer(r"\S+", words) if w.start() and w.group(0).lower() in stop), None)
        if cut is not None:  # "in Qarvelle on Monday": the name ends before a weekday, a month
            words = words[:cut.start()].rstrip()
            words = re.sub(r"(?:\s+\S+)?$", "", words) if words.split()[-1][:1].islower() else words
            e = s + len(words)
        if any(a < e and s < b for a, b in taken):
            continue
        if words.split()[0].lower() in stop or words.lower() in stop or words.isupper() or is_event(words):
            continue  # a month, a language; an acronym is a body's ("à l'INBA"); "l'Exposition universelle" an event
        city = bool(re.search(table.get("city_after", r"(?!x)x") + r"$", m.group(0)[:m.start("name") - m.start()]))
        found.append(Span(s, e, words, city))
    return found
