"""The one interface between `kg ingest` and whatever finds the facts.

An extractor reads an Article and returns Candidates: each a fact in the project's model (the
triples of one claim graph) with the exact words behind it. The rule-based extractor (rules.py) is
one; a larger model or an LLM on the user's own endpoint can replace it by implementing the same
protocol, without touching reading, linking, writing or scoring."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Protocol

import pyoxigraph as ox

Object = str | ox.Literal  # an IRI (str) or a literal


@dataclass(frozen=True)
class Article:
    id: str
    text: str
    language: str
    issued: dt.date | None = None  # the publication date, when the day is known
    issued_year: int | None = None
    issued_month: int | None = None  # the month, when the article is dated to a month ("2023-09") or a day


@dataclass
class Candidate:
    """One proposed fact: one claim graph, its evidence, how sure, which rule."""

    name: str  # the claim's local name, unique within the article
    kind: str  # event | tenure | undertaking | statement | entity
    triples: list[tuple[str, str, Object]]
    evidence: list[str]
    confidence: float
    rule: str
    according_to: str | None = None
    comments: list[str] = field(default_factory=list)


class Extractor(Protocol):
    name: str  # e.g. "cdkg rules"
    version: str
    used: list[str]  # models and lexicon files, as recorded with prov:used

    def extract(self, article: Article) -> list[Candidate]: ...
