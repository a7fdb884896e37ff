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
    return r"(?<!\w)" + re.escape(words).replace("'", "['’]") + r"(?!\w)"


def find_dates(text: str, lexicon: dict, issued: dt.date | None, issued_year: int | None = None) -> list[Found]:
    """Every date expression in a sentence that can be resolved; unresolvable ones are left out."""
    months: dict[str, int] = lexicon["months"]
    weekdays: dict[str, int] = lexicon["weekdays"]
    out: list[Found] = []
    taken: list[tuple[int, int]] = []
    year_known = issued.year if issued else issued_year
    for m in re.finditer(lexicon["absolute"], text, re.IGNORECASE):
        month = months.get(m.group("month").lower())
        if not month:
            continue
        day = 1 if m.group("day").lower() == "1er" else int(m.group("day"))
        year = int(m.group("year")) if m.group("year") else year_known
        if year is None:
            continue
        try:
            d = dt.date(year, month, day)
        except ValueError:
            continue
        if not m.group("year") and issued and d > issued:
            d = d.replace(year=d.year - 1)  # "18 mai" in a report of January: the last one
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
                year = year_known - (1 if issued and month > issued.month else 0)
                out.append(Found(f"{year}-{month:02d}", "gYearMonth", m.start(), m.end(), m.group(0)))
                taken.append((m.start(), m.end()))
    for m in re.finditer(lexicon["year"], text, re.IGNORECASE):
        if not any(s <= m.start("year") < e for s, e in taken):
            out.append(Found(m.group("year"), "gYear", m.start(), m.end(), m.group(0)))
    if year_known is not None:  # "l'an prochain", "last year": a year, from the article's year
        for word, delta in lexicon.get("relative_years", {}).items():
            for m in re.finditer(_phrase(word), text, re.IGNORECASE):
                out.append(Found(str(year_known + delta), "gYear", m.start(), m.end(), m.group(0)))
    if issued:
        names = "|".join(map(re.escape, weekdays))
        for m in re.finditer(rf"\b({names})\b", text, re.IGNORECASE):
            if any(s <= m.start() < e for s, e in taken):
                continue
            back = (issued.weekday() - weekdays[m.group(1).lower()]) % 7
            d = issued - dt.timedelta(days=back)
            out.append(Found(d.isoformat(), "date", m.start(), m.end(), m.group(0)))
        for word, delta in lexicon.get("relative_months", {}).items():  # "le mois dernier": a month
            for m in re.finditer(_phrase(word), text, re.IGNORECASE):
                month = issued.year * 12 + issued.month - 1 + delta
                out.append(Found(f"{month // 12:04d}-{month % 12 + 1:02d}", "gYearMonth", m.start(), m.end(),
                                 m.group(0)))
        for word, delta in lexicon.get("relative", {}).items():
            for m in re.finditer(rf"\b{re.escape(word)}\b", text, re.IGNORECASE):
                d = issued + dt.timedelta(days=delta)
                out.append(Found(d.isoformat(), "date", m.start(), m.end(), m.group(0)))
    return sorted(out, key=lambda f: f.start)
