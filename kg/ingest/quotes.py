"""Who said a quotation, and what was said without one (issue 18): helpers of RuleExtractor._statements over
offsets and the lexicon's [speech] patterns, kept apart from the extractor's state so they can be tested alone."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Protocol


class Named(Protocol):
    start: int
    end: int


# what may stand between a verb of speech and the speaker's name: "sur le tarmac le chef de la diplomatie
# béninoise," (no sentence's end, no other quotation)
CLAUSE_GAP = re.compile(r"[^.;!?«»“”\"\n]{0,120}")
# what may stand between a quotation and the name before its verb: a title only ("Vice-Minister of Culture")
TITLE_GAP = re.compile(r"\s*,?\s*(?:(?:[A-ZÀ-Þ][\w’'.-]*|of|the|for|and|de|du|des|la|le|l['’]|d['’]|en)(?:\s+|$))*")


def name_then_verb(text: str, q_end: int, stop: int, people: Sequence[Named], verbs: str,
                   heads: str = r"(?!x)x", relative: str = r"(?!x)x") -> Named | None:
    """'"…," Vice-Minister of Culture Meng Xiaosi told the press', '"…", Peru's culture minister Ana Torres
    said': the first person named after the quotation, within its sentence, when a verb of speech follows the
    name and only a title stands between."""
    for x in people:
        if x.start < q_end or x.start >= stop:
            continue
        gap = text[q_end:x.start]
        if not (TITLE_GAP.fullmatch(gap) or is_title(gap, heads)) or re.search(r"\b(?:and|et)\b", gap):
            return None
        # '"…," X, who heads the museum, told the guests': a relative clause between the name and the verb
        return x if re.match(rf"(?:\s*,\s*(?:{relative})\b[^,;.«»“”\"]{{0,80}},)?\s*,?\s*(?:{verbs})\b",
                             text[x.end:stop], re.IGNORECASE) else None
    return None


def is_title(gap: str, heads: str) -> bool:
    """A few words that name an office and nothing else: a comma at either end at most, no sentence's end,
    no quotation mark, an office's head among them ("Ghana's foreign minister", ", ministre de la Culture,")."""
    return bool(re.fullmatch(r"\s*,?[^,;.!?«»“”\"()]{0,80},?\s*", gap)) and \
        bool(re.search(rf"(?<![\w])(?:{heads})s?(?![\w])", gap, re.IGNORECASE))


def title_between(text: str, start: int, name: Named, verb_at: int, heads: str) -> bool:
    """'X, Peru's culture minister, said …', 'Le ministre ghanéen …, X, a déclaré que …': between the name and
    the verb, nothing or the name's apposition (a title), or the comma closing a title named before it."""
    gap = text[name.end:verb_at]
    if not re.search(r"[,;]", gap) or is_title(gap, heads):
        return True
    before = text[start:name.start].rstrip()
    if not (re.fullmatch(r"\s*,\s*", gap) and before.endswith(",")):
        return False
    return is_title(before[:-1].split(",")[-1], heads)


def verb_then_name(text: str, at: int, stop: int, people: Sequence[Named]) -> Named | None:
    """'« … », a lancé sur le tarmac le chef de la diplomatie béninoise, Aurélien Agbénonci': after the verb
    of speech, the first person named in the same clause (no sentence's end or other quotation between)."""
    for x in people:
        if x.start < at or x.start >= stop:
            continue
        return x if CLAUSE_GAP.fullmatch(text[at:x.start]) else None
    return None


def last_before(text: str, at: int, people: Sequence[Named]) -> Named | None:
    """The last person named before `at`, in the same paragraph or the one before it."""
    before = [x for x in people if x.end <= at]
    if not before or len(re.findall(r"\n+", text[before[-1].end:at])) > 1:
        return None
    return before[-1]


def sentence_before(text: str, at: int, people: Sequence[Named]) -> list[Named]:
    """The people named in the sentence right before `at`, in the same paragraph."""
    line = text.rfind("\n", 0, at) + 1
    ends = [m.end() for m in re.finditer(r"[.!?…][»”\"]?\s+", text[line:at])]
    if not ends:
        return []
    start = line + (ends[-2] if len(ends) > 1 else 0)
    end = line + ends[-1]
    return [x for x in people if start <= x.start and x.end <= end]


def titled(text: str, person: Named, people: Sequence[Named], head: str) -> bool:
    """The title's head right before the name ("Culture Minister X", no other name between) or in its
    apposition ("X, the culture minister")."""
    lo = max(0, person.start - 40)
    before = list(re.finditer(rf"(?<![\w-]){re.escape(head)}(?![\w-])", text[lo:person.start], re.IGNORECASE))
    if before and not any(lo + before[-1].end() <= x.start < person.start for x in people) and \
            not re.search(r"[.;!?]", text[lo + before[-1].end():person.start]):
        return True
    return bool(re.match(rf"\s*,\s*(?:[\w’'-]+\s+){{0,3}}{re.escape(head)}(?![\w-])", text[person.end:person.end + 60],
                         re.IGNORECASE))


def reported_clause(sentence: str, start: int) -> str:
    """The words reported from `start` to the sentence's end, without its final punctuation."""
    return sentence[start:].strip().rstrip(".!?;: ").strip()


def attributed_clause(sentence: str, after: int, openers: str) -> int | None:
    """'Pour X, qui …, la venue de la troupe permet …': where the attributed clause starts, the first segment
    after a comma that opens on a determiner or a pronoun (lexicon: speech.clause_openers)."""
    for m in re.finditer(r",\s+", sentence[after:]):
        at = after + m.end()
        if re.match(rf"(?:{openers})\b", sentence[at:]):
            return at
    return None


def role_before(window: str, heads: str, determiners: str) -> tuple[int, str] | None:
    """The last role named in a window as a definite description ("the Lithuanian minister", "le ministre
    marocain"): (its head's offset in the window, the head's words)."""
    found = list(re.finditer(rf"\b(?:{determiners})\s+(?:[\w’'-]+\s+)?({heads})\b", window, re.IGNORECASE))
    return (found[-1].start(1), found[-1].group(1)) if found else None
