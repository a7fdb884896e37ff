"""What the rules read about an event beyond its cue: whether it took place (the event statuses of the
ontology, said in the cue's own clause), when (ranges, months, relative months and years against the
article's date), and who visits whom. Helpers of RuleExtractor._event; the patterns are data
(the [event_dates] and [event_roles] tables and the [[event_status]] rules of kg/ingest/lexicons/<lang>.toml)."""

from __future__ import annotations

import datetime as dt
import re

from kg.ingest.dates import Found, find_dates, year_shift
from kg.ingest.lexicon import Rule

FLAGS = re.IGNORECASE


def clause_span(text: str, at: int, boundary: str) -> tuple[int, int]:
    """(start, end) of the clause of text around offset `at`: between the boundaries the lexicon names
    (punctuation, "because", "parce que" …); not inside a quoted title ("Bali: The Island of Gods")."""
    start, end = 0, len(text)
    for m in re.finditer(boundary, text, FLAGS):
        if quoted(text, m.start()):
            continue
        if m.end() <= at:
            start = m.end()
        elif m.start() > at:
            end = m.start()
            break
    return start, end


def event_status(text: str, at: int, rules: list[Rule], boundary: str, alone: bool,
                 sentence_wide: set[str] = frozenset(), plans: set[str] = frozenset()) -> Rule | None:
    """The status the text gives the event whose cue is at `at` in a sentence: the first rule, in the
    lexicon's order (cancelled before planned), that matches in the cue's clause; when the sentence names no
    other event, a rule marked sentence-wide (an outcome: "La visite …, prévue en juin, a été annulée")
    anywhere in it, also over a plan or an offer its clause says (`plans`: those rules' ids)."""
    s, e = clause_span(text, at, boundary)
    found = next((rule for rule in rules if rule.pattern.search(text[s:e])), None)
    if alone and (found is None or found.id in plans):
        # an outcome said later in the sentence overrides a plan or an offer: "offered to meet X, but she
        # refused to meet him" was declined
        for rule in rules:
            if rule.id in sentence_wide and rule.pattern.search(text):
                return rule
    return found


def _month_of(word: str, months: dict[str, int]) -> int | None:
    return months.get(word.lower())


def event_dates(text: str, lexicon: dict, extra: dict, issued: dt.date | None, issued_year: int | None,
                issued_month: int | None = None, ahead: bool = False, before: str = "") -> list[Found]:
    """Dates of a sentence (find_dates), then what it leaves: the first day of a range ("du 6 au 8 juin",
    "6-8 June"), a month and year ("en octobre 2002", "in February 2009"), a month or year counted from the
    article's date ("last month", "l'an dernier"). With `ahead` (a planned event), a day or a month without
    its year is the next one from the article's date. Sorted by offset."""
    found = find_dates(text, lexicon, issued, issued_year, issued_month, ahead, before)
    months: dict[str, int] = lexicon["months"]
    out: list[Found] = []
    range_start = extra.get("range_start")
    for f in found:
        if range_start and f.datatype == "date":
            m = re.search(range_start + r"$", text[:f.start], FLAGS)
            if m:
                day = 1 if m.group("day").lower() == "1er" else int(m.group("day"))
                try:
                    start = dt.date.fromisoformat(f.value).replace(day=day)
                except ValueError:
                    start = None
                end = dt.date.fromisoformat(f.value)
                if start and issued and start.year == issued.year - 1 and \
                        year_shift(start, 1) <= issued <= year_shift(end, 1):
                    # "qui se tient du 14 au 25 mai" in an article of 18 May: this year's range, under way
                    start = year_shift(start, 1)
                if start and start <= end.replace(year=start.year):
                    f = Found(start.isoformat(), "date", m.start(), f.end, text[m.start():f.end])
        out.append(f)
    taken = [(f.start, f.end) for f in out]
    names = "|".join(sorted(map(re.escape, months), key=len, reverse=True))
    if names and extra.get("month_year"):
        for m in re.finditer(extra["month_year"].replace("MONTHS", names), text, FLAGS):
            if any(s <= m.start("month") < e for s, e in taken):
                continue
            month = _month_of(m.group("month"), months)
            if month:
                out.append(Found(f"{int(m.group('year')):04d}-{month:02d}", "gYearMonth", m.start(), m.end(),
                                 m.group(0)))
                taken.append((m.start(), m.end()))
    year = issued.year if issued else issued_year
    if names and extra.get("month_alone") and year is not None:
        now = issued.month if issued else issued_month
        for m in re.finditer(extra["month_alone"].replace("MONTHS", names), text, FLAGS):
            if any(s <= m.start("month") < e for s, e in taken):
                continue
            month = _month_of(m.group("month"), months)
            if month:
                # "prévue en mars" in a report of November: next March
                y = year + (1 if ahead and now and month < now else 0)
                out.append(Found(f"{y:04d}-{month:02d}", "gYearMonth", m.start(), m.end(), m.group(0)))
                taken.append((m.start(), m.end()))
    if year is not None and extra.get("years_back"):
        # "il y a deux ans", "two years ago"
        words = extra.get("numbers", {})
        names = "|".join(sorted(map(re.escape, words), key=len, reverse=True)) or r"(?!x)x"
        for m in re.finditer(extra["years_back"].replace("N", rf"(?P<n>\d+|{names})"), text, FLAGS):
            n = int(m.group("n")) if m.group("n").isdigit() else words.get(m.group("n").lower())
            if n and not any(s <= m.start() < e for s, e in taken):
                out.append(Found(f"{year - n:04d}", "gYear", m.start(), m.end(), m.group(0)))
                taken.append((m.start(), m.end()))
    if year is not None and extra.get("season"):
        # "à l'automne dernier", "next spring": the year that season (starting in its month) falls in
        now = issued.month if issued else issued_month
        for m in re.finditer(extra["season"], text, FLAGS):
            start = extra.get("seasons", {}).get(m.group("season").lower())
            step = extra.get("which", {}).get(m.group("which").lower())
            if start is None or step is None or any(s <= m.start() < e for s, e in taken):
                continue
            if now is not None:
                y = year - 1 if step < 0 and start >= now else year + 1 if step > 0 and start <= now else year
            elif step < 0 and start >= 9:  # last autumn or winter, the article's month unknown: last year's
                y = year - 1
            else:
                continue  # "l'été dernier" in an article of some month of the year: which year is not said
            out.append(Found(f"{y:04d}", "gYear", m.start(), m.end(), m.group(0)))
            taken.append((m.start(), m.end()))
    for key, unit in (("months_ago", "month"), ("years_ago", "year")):
        if year is None or (unit == "month" and issued is None):
            continue
        for word, delta in extra.get(key, {}).items():
            for m in re.finditer(rf"\b{re.escape(word)}\b", text, FLAGS):
                if any(s <= m.start() < e for s, e in taken):
                    continue
                if unit == "year":
                    out.append(Found(f"{year + delta:04d}", "gYear", m.start(), m.end(), m.group(0)))
                else:
                    n = issued.year * 12 + issued.month - 1 + delta
                    out.append(Found(f"{n // 12:04d}-{n % 12 + 1:02d}", "gYearMonth", m.start(), m.end(),
                                     m.group(0)))
                taken.append((m.start(), m.end()))
    return sorted(out, key=lambda f: f.start)


def visit_host_after(text: str, sent_start: int, cue_end: int, states: list, into: str) -> object | None:
    """The state a visit goes to: named after the cue, introduced by "to", "in", "au", "en" … (the
    lexicon's `into`), within a few words."""
    for x in states:
        if x.start < cue_end or not x.iri:
            continue
        gap = text[cue_end:x.start]
        if len(gap) <= 40 and re.search(rf"(?:{into})\s*$", gap, FLAGS):
            return x
    # "s'est rendu au Japon en visite d'État": before the cue, after a preposition of its own
    before = [x for x in states if x.end <= cue_end and x.iri and re.search(
        rf"(?:{into})\s*$", text[max(0, x.start - 8):x.start], FLAGS) and x.start >= sent_start]
    return before[-1] if before else None


def visitor_of(text: str, sent_start: int, cue: int, cue_end: int, people: list, of: str) -> object | None:
    """Who makes a visit: "la visite de X", "X's visit" (named right after the cue by "de"/"of", or just
    before it with a possessive), else the person nearest before the cue in the sentence ("X s'est rendu",
    "X, dont la visite"), else the first after it ("during his visit to India, … Sajid Javid")."""
    after = [p for p in people if p.start >= cue_end]
    if after and re.fullmatch(rf"\s*(?:{of})\s*", text[cue_end:after[0].start], FLAGS):
        return after[0]
    before = [p for p in people if p.end <= cue]
    if before:
        return before[-1]
    return after[0] if after else None


def quoted(text: str, at: int) -> bool:
    """Whether offset `at` of a sentence is inside a quotation or a quoted title (« … », “ … ”, " … ")."""
    return any(m.start() < at < m.end() for m in re.finditer(r"«[^»]*»|“[^”]*”|\"[^\"\n]*\"", text))


def date_of(found: list[Found], span: tuple[int, int]) -> Found | None:
    """The date of an event: the first in its cue's clause, else the sentence's first."""
    own = [f for f in found if span[0] <= f.start < span[1]]
    return (own or found or [None])[0]


def venue(text: str, orgs: list, sent_start: int, at: str) -> object | None:
    """An institution named as where the event took place ("at the National Museum", "au Grand Palais"):
    the most precise place a report gives."""
    for x in orgs:
        if x.iri and re.search(rf"(?:{at})\s*$", text[max(sent_start, x.start - 20):x.start], FLAGS):
            return x
    return None


def dateline(text: str, pattern: str | None) -> re.Match[str] | None:
    """A dispatch's dateline ("CANNES, 18 mai 2024 –", "RABAT (AA) –") at the start of a paragraph among the
    first lines of the text: its group `city` names where the report was filed."""
    if not pattern:
        return None
    return re.compile(pattern, re.MULTILINE).search(text[:600])


def headline_end(text: str) -> int:
    """The end of a headline: a first line without a final full stop, followed by a blank line (0 when the
    text opens otherwise)."""
    first = text.find("\n")
    if first == -1 or text[first:first + 2] != "\n\n" or re.search(r"[.!?…]\W*$", text[:first]):
        return 0
    return first


def repeated(text: str, events: list[dict], family, definite: str | None) -> list[tuple[dict, dict | None]]:
    """The events that only name again one the article reports elsewhere, each with that other event:
    - a headline's events, where the lead paragraph under it reports one (a headline sums up its lead);
    - an event on the same day at the same place as an earlier one, naming no one it does not (a caption);
    - a definite mention ("the exhibition", "pendant la cérémonie") with no day or place of its own, after an
      event of the same kind (an exhibition and an opening or a ceremony count as one kind): the latest such.
    `family(cls)` names an event class's family (Visit, Meeting, Exhibition, Event)."""
    def values(ev: dict, prop: str) -> set:
        return {o for s, p, o in ev["candidate"].triples if s == ev["iri"] and p.endswith("#" + prop)}

    out: list[tuple[dict, dict | None]] = []
    end = headline_end(text)
    # the lead: the first paragraph under the headline that is not a byline ("Feature | 16 June 2009")
    lead = next((m for m in re.finditer(r"^[^\n|]{40,}$", text[end:], re.MULTILINE)), None) if end else None
    if lead and any(end + lead.start() <= ev["cue"] < end + lead.end() for ev in events):
        out += [(ev, None) for ev in events if ev["cue"] < end]
    gone = {id(ev) for ev, _ in out}
    for i, ev in enumerate(events):
        if id(ev) in gone:
            continue
        earlier = [e for e in events[:i] if id(e) not in gone and e["sentence"] is not ev["sentence"]]
        date, place = values(ev, "date"), values(ev, "location")
        people = values(ev, "participant") | values(ev, "visitor")
        same = next((e for e in reversed(earlier) if date and place and values(e, "date") == date
                     and values(e, "location") == place
                     and people <= values(e, "participant") | values(e, "visitor")), None)
        # an exhibition's later mentions give its run, not a day of its own ("L'exposition reste ouverte
        # jusqu'au …", "The exhibition, agreed in January, …"): no day of its own is needed there
        if same is None and definite and not place and (not date or family(ev["cls"]) == "Exhibition") and (
                re.search(rf"(?:{definite})\s*$", text[max(0, ev["cue"] - 12):ev["cue"]], FLAGS)
                or re.match(rf"(?:{definite})\b", text[ev["cue"]:ev["cue"] + 12], FLAGS)):  # "the opening"
            kin = [e for e in earlier if family(e["cls"]) == family(ev["cls"])] or [
                e for e in earlier if {family(e["cls"]), family(ev["cls"])} <= {"Event", "Exhibition"}]  # its show
            same = (kin or [None])[-1]
        if same is not None:
            out.append((ev, same))
            gone.add(id(ev))
    return out


def list_heading(text: str, at: int, marker: str = r"[-•*–]\s") -> tuple[int, int] | None:
    """The heading a list item at offset `at` sits under: the nearest line above it, in the same block (no
    blank line between), that is not an item itself ("Kolkata", "Ce qui est prévu :"). None off a list."""
    start = text.rfind("\n", 0, at) + 1
    if not re.match(marker, text[start:]):
        return None
    while start > 0:
        prev = text.rfind("\n", 0, start - 1) + 1
        line = text[prev:start - 1]
        if not line.strip():
            return None
        if not re.match(marker, line):
            return prev, start - 1
        start = prev
    return None
