"""Typed values that are not what their datatype says ("2024-13-45"^^xsd:date), found before SHACL compares them.

The RDF parser keeps an ill-typed literal as it is written; pyshacl then fails on it with a TypeError
(``sh:lessThanOrEquals`` between a date and a non-date). Each one is reported with the file and line it
comes from, so the person who typed it can fix it.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from decimal import Decimal, InvalidOperation

import pyoxigraph as ox

from kg import namespaces as ns
from kg.errors import Problem, line_of

_TZ = r"(Z|[+-]\d{2}:\d{2})?"
_INTEGER = re.compile(r"[+-]?\d+")


def _date(text: str) -> bool:
    m = re.fullmatch(r"(-?\d{4,})-(\d{2})-(\d{2})" + _TZ, text)
    if not m:
        return False
    year, month, day = int(m.group(1)), int(m.group(2)), int(m.group(3))
    if not 1 <= year <= 9999:  # XSD allows year 0 and negative years (Wikidata uses them); Python does not
        return 1 <= month <= 12 and 1 <= day <= 31
    try:
        date(year, month, day)
    except ValueError:
        return False
    return True


def _datetime(text: str) -> bool:
    m = re.fullmatch(r"(-?\d{4,}-\d{2}-\d{2})T(\d{2}):(\d{2}):(\d{2})(\.\d+)?" + _TZ, text)
    if not m or not _date(m.group(1)):
        return False
    if not 1 <= int(m.group(1)[:-6]) <= 9999:
        return int(m.group(2)) <= 24 and int(m.group(3)) < 60 and int(m.group(4)) < 60
    try:
        datetime.fromisoformat(text.replace("Z", "+00:00").replace("T24:00:00", "T00:00:00"))
    except ValueError:
        return False
    return True


def _decimal(text: str) -> bool:
    if not re.fullmatch(r"[+-]?(\d+(\.\d*)?|\.\d+)", text):
        return False
    try:
        Decimal(text)
    except InvalidOperation:
        return False
    return True


def _double(text: str) -> bool:
    return bool(re.fullmatch(r"[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?|[+-]?INF|NaN", text))


def _integer(low: int | None = None, high: int | None = None):
    def valid(text: str) -> bool:
        if not _INTEGER.fullmatch(text):
            return False
        value = int(text)
        return (low is None or value >= low) and (high is None or value <= high)
    return valid


VALID = {
    "date": _date,
    "dateTime": _datetime,
    "decimal": _decimal,
    "double": _double,
    "float": _double,
    "boolean": lambda t: t in ("true", "false", "1", "0"),
    "integer": _integer(),
    "nonNegativeInteger": _integer(0),
    "positiveInteger": _integer(1),
    "nonPositiveInteger": _integer(None, 0),
    "negativeInteger": _integer(None, -1),
    "gYear": lambda t: bool(re.fullmatch(r"-?\d{4,}" + _TZ, t)),
}
CHECKED = {ns.XSD + name: check for name, check in VALID.items()}


def ill_typed(origins: list[tuple[object, list[ox.Quad]]]) -> list[Problem]:
    """Every literal whose text is not a value of its datatype, located in the file it comes from."""
    problems = []
    for path, quads in origins:
        for q in quads:
            o = q.object
            if isinstance(o, ox.Literal) and (check := CHECKED.get(o.datatype.value)) and not check(o.value):
                kind = ns.shorten(o.datatype.value)
                subject = ns.shorten(q.subject.value) if isinstance(q.subject, ox.NamedNode) else "a blank node"
                problems.append(Problem(f"{o.value!r} is not a valid {kind} (in {subject} "
                                        f"{ns.shorten(q.predicate.value)}); write it as {_EXAMPLES.get(kind, kind)}",
                                        path, line_of(path, o.value)))
    return sorted(set(problems), key=str)


_EXAMPLES = {"xsd:date": '"2024-11-05"^^xsd:date (year-month-day, a day that exists)',
             "xsd:dateTime": '"2024-11-05T18:00:00Z"^^xsd:dateTime'}
