"""Dates in an article: absolute ("le 2 septembre 2025"), a month ("en mai 2017", "in February 2011"),
partial ("samedi 18 mai") or relative ("mardi soir", "on Tuesday", "l'an prochain", "last year"), resolved
against the article's own date."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass


@dataclass(frozen=True)
class Found:
    value: str  # ISO: YYYY-MM-DD, YYYY-MM or YYYY
    datatype: str  # xsd local name: date, gYearMonth, gYear
    start: int
    end: int
    text: str


def parse_issued(value: str) -> tuple[dt.date | None, str]:
    """An article date as given on the command line: (date or None if partial, xsd datatype)."""
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        return dt.date.fromisoformat(value), "date"
    if re.fullmatch(r"\d{4}-\d{2}", value):
        int(value[5:]) in range(1, 13) or _bad(value)
        return None, "gYearMonth"
    if re.fullmatch(r"\d{4}", value):
        return None, "gYear"
    return _bad(value)


def _bad(value: str):
    raise ValueError(f"cannot read the date {value!r}: give YYYY-MM-DD, YYYY-MM or YYYY")


def _phrase(words: str) -> str:
    """A lexicon's phrase as a pattern: whole words, either apostrophe."""
    # "cette année" is not "cette année-là"
    return r"(?<!\w)" + re.escape(words).replace("'", "['’]") + r"(?![\w-])"


def _absolute(lexicon: dict) -> list[re.Pattern[str]]:
    """The patterns of a day of a month: "18 mai 2024", and where the language writes it so, "June 18, 2014"."""
    return [re.compile(lexicon[key], re.IGNORECASE) for key in ("absolute", "month_day") if lexicon.get(key)]


def year_shift(day: dt.date, years: int) -> dt.date:
    """The same day `years` later (28 February for a 29th with no match)."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


def find_dates(text: str, lexicon: dict, issued: dt.date | None, issued_year: int | None = None,
               issued_month: int | None = None, ahead: bool = False, before: str = "") -> list[Found]:
    """Every date expression in a sentence that can be resolved; unresolvable ones are left out. A day or a
    month without its year is the last one up to the article's date, or with `ahead` (what the text says is
    planned) the next one from it; a weekday in an article dated only to a month is that month; "that year"
    is the last year named in the sentence or in `before` (the text before it)."""
    months: dict[str, int] = lexicon["months"]
    weekdays: dict[str, int] = lexicon["weekdays"]
    out: list[Found] = []
    taken: list[tuple[int, int]] = []
    year_known = issued.year if issued else issued_year
    for pattern in _absolute(lexicon):
        for m in pattern.finditer(text):
            month = months.get(m.group("month").lower())
            if not month or any(s < m.end() and m.start() < e for s, e in taken):
                continue
            day = 1 if m.group("day").lower() == "1er" else int(m.group("day"))
            year = int(m.group("year")) if m.group("year") else year_known
            if year is None:
                continue
            try:
                d = dt.date(year, month, day)
            except ValueError:
                continue
            if not m.group("year") and issued and d > issued and not ahead:
                d = year_shift(d, -1)  # "18 mai" in a report of January: the last one
            elif not m.group("year") and issued and d < issued and ahead:
                d = year_shift(d, 1)  # "will open on 12 March" in a report of November: the next one
            out.append(Found(d.isoformat(), "date", m.start(), m.end(), m.group(0)))
            taken.append((m.start(), m.end()))
    for m in re.finditer(lexicon.get("month_year", r"(?!x)x"), text, re.IGNORECASE):
        month = months.get(m.group("month").lower())
        if month and not any(s <= m.start() < e or s < m.end() <= e for s, e in taken):
            out.append(Found(f"{m.group('year')}-{month:02d}", "gYearMonth", m.start(), m.end(), m.group(0)))
            taken.append((m.start(), m.end()))
    if year_known is not None:  # "conclu en janvier": the last such month, in the article's year or the one before
        for m in re.finditer(lexicon.get("month_alone", r"(?!x)x"), text, re.IGNORECASE):
            month = months.get(m.group("month").lower())
            if month and not any(s <= m.start("month") < e for s, e in taken):
                now = issued.month if issued else issued_month
                year = year_known + (1 if ahead and now and month < now else 0) \
                    - (1 if not ahead and now and month > now else 0)
                out.append(Found(f"{year}-{month:02d}", "gYearMonth", m.start(), m.end(), m.group(0)))
                taken.append((m.start(), m.end()))
    for m in re.finditer(lexicon["year"], text, re.IGNORECASE):
        if not any(s <= m.start("year") < e for s, e in taken):
            out.append(Found(m.group("year"), "gYear", m.start(), m.end(), m.group(0)))
    if year_known is not None:  # "l'an prochain", "last year": a year, from the article's year
        for word, delta in lexicon.get("relative_years", {}).items():
            for m in re.finditer(_phrase(word), text, re.IGNORECASE):
                out.append(Found(str(year_known + delta), "gYear", m.start(), m.end(), m.group(0)))
    if year_known is not None:  # "cette année-là", "that year": the year the text named just before
        for word in lexicon.get("that_year", []):
            for m in re.finditer(_phrase(word), text, re.IGNORECASE):
                if named := _years_named(before + " " + text[:m.start()], lexicon["year"]):
                    out.append(Found(named[-1], "gYear", m.start(), m.end(), m.group(0)))
    names = "|".join(map(re.escape, weekdays))
    if issued:
        for m in re.finditer(rf"\b({names})\b", text, re.IGNORECASE):
            if any(s <= m.start() < e for s, e in taken):
                continue
            wd = weekdays[m.group(1).lower()]
            if ahead and wd != issued.weekday():
                d = issued + dt.timedelta(days=(wd - issued.weekday()) % 7)  # "will meet on Friday": the next one
            else:
                d = issued - dt.timedelta(days=(issued.weekday() - wd) % 7)
            out.append(Found(d.isoformat(), "date", m.start(), m.end(), m.group(0)))
        for word, delta in lexicon.get("relative", {}).items():
            for m in re.finditer(rf"\b{re.escape(word)}\b", text, re.IGNORECASE):
                d = issued + dt.timedelta(days=delta)
                out.append(Found(d.isoformat(), "date", m.start(), m.end(), m.group(0)))
    elif issued_month and year_known is not None:
        # "dimanche", "yesterday" in an article dated "2023-09": that month is all the text gives
        words = [names, *map(re.escape, lexicon.get("relative", {}))]
        for m in re.finditer(rf"\b(?:{'|'.join(words)})\b", text, re.IGNORECASE):
            if not any(s <= m.start() < e for s, e in taken):
                out.append(Found(f"{year_known:04d}-{issued_month:02d}", "gYearMonth", m.start(), m.end(),
                                 m.group(0)))
    if issued:  # "last week", « la semaine prochaine »: the month (else the year) the whole week falls in
        for word, delta in lexicon.get("relative_weeks", {}).items():
            for m in re.finditer(_phrase(word), text, re.IGNORECASE):
                monday = issued + dt.timedelta(days=7 * delta - issued.weekday())
                sunday = monday + dt.timedelta(days=6)
                if (monday.year, monday.month) == (sunday.year, sunday.month):
                    out.append(Found(f"{monday.year:04d}-{monday.month:02d}", "gYearMonth", m.start(), m.end(),
                                     m.group(0)))
                elif monday.year == sunday.year:
                    out.append(Found(f"{monday.year:04d}", "gYear", m.start(), m.end(), m.group(0)))
    now = (issued.year, issued.month) if issued else (year_known, issued_month) if issued_month else None
    if now and now[0] is not None:
        for word, delta in lexicon.get("relative_months", {}).items():  # "le mois dernier": a month
            for m in re.finditer(_phrase(word), text, re.IGNORECASE):
                month = now[0] * 12 + now[1] - 1 + delta
                out.append(Found(f"{month // 12:04d}-{month % 12 + 1:02d}", "gYearMonth", m.start(), m.end(),
                                 m.group(0)))
    return sorted(out, key=lambda f: f.start)


def _years_named(text: str, year: str) -> list[str]:
    """The years a text names, in order: "in 2015" (the lexicon's year pattern), or a number of four digits that
    no lower-case word follows ("1500 visiteurs" is a count, not a year)."""
    found = {m.start("year"): m.group("year") for m in re.finditer(year, text, re.IGNORECASE)}
    for m in re.finditer(r"\b(?:1[5-9]|20)\d\d\b(?![^\S\n]+[a-zà-ÿ])", text):
        found.setdefault(m.start(), m.group(0))
    return [found[k] for k in sorted(found)]
