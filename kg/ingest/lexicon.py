"""The per-language lexicons and rules (kg/ingest/lexicons/<lang>.toml), checked against the ontology."""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

from kg import namespaces as ns
from kg.errors import KgError, Problem
from kg.ingest.vocabulary import Vocabulary

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

LEXICONS = Path(__file__).parent / "lexicons"


def languages() -> list[str]:
    return sorted(p.stem for p in LEXICONS.glob("*.toml"))


@dataclass(frozen=True)
class Rule:
    id: str
    pattern: re.Pattern[str]
    target: str  # a class IRI or a status IRI
    signing: bool = False
    generic: bool = False  # a generic word: used only where nothing more specific is named


@dataclass
class Lexicon:
    language: str
    path: Path
    raw: dict
    events: list[Rule] = field(default_factory=list)
    undertakings: list[Rule] = field(default_factory=list)
    statuses: list[Rule] = field(default_factory=list)
    event_statuses: list[Rule] = field(default_factory=list)  # whether an event took place: held, postponed…
    modality: dict[str, re.Pattern[str]] = field(default_factory=dict)
    modality_status: dict[str, str] = field(default_factory=dict)
    domains: dict[str, list[str]] = field(default_factory=dict)  # domain IRI → surface forms
    states: dict[str, dict[str, list[str]]] = field(default_factory=dict)  # state IRI → names/adjectives
    notes: list[str] = field(default_factory=list)

    @property
    def stopwords(self) -> set[str]:
        return set(self.raw.get("stopwords", []))

    @property
    def name_stopwords(self) -> set[str]:
        """The listed words, and every state's adjective and possessive ("Lithuanian", "China's"): they
        qualify a name, never belong to one (read from [states], so no state is listed twice)."""
        words = set(self.raw.get("name_stopwords", []))
        for entry in self.states.values():
            words.update(entry["adjectives"])
            words.update(f"{name}{s}" for name in entry["names"] for s in ("'s", "’s"))
        return words


def _compile(path: Path, rule_id: str, pattern: str) -> re.Pattern[str]:
    try:
        return re.compile(pattern, re.IGNORECASE)
    except re.error as e:
        raise KgError(Problem(f"rule {rule_id}: bad pattern: {e}", path)) from None


def load_lexicon(language: str, vocabulary: Vocabulary, folder: Path = LEXICONS) -> Lexicon:
    path = folder / f"{language}.toml"
    if not path.is_file():
        raise KgError(Problem(f"no lexicon for language {language!r} (known: {', '.join(languages()) or 'none'})",
                              path))
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as e:
        raise KgError(Problem(f"cannot read the lexicon: {e}", path)) from None
    lex = Lexicon(language, path, raw)

    def status_of(rule: dict) -> str | None:
        for name in (rule["status"], rule.get("fallback")):
            if name and vocabulary.status(name):
                if name != rule["status"]:
                    lex.notes.append(f"{rule['id']}: the ontology has no status:{rule['status']}; using status:{name}")
                return vocabulary.status(name)
        lex.notes.append(f"{rule['id']}: the ontology has no status:{rule['status']}; rule left out")
        return None

    for kind in ("events", "undertakings"):
        for rule in raw.get(kind, []):
            cls = vocabulary.cls(rule["class"])
            if cls is None:
                lex.notes.append(f"{rule['id']}: the ontology has no cd:{rule['class']}; rule left out")
                continue
            getattr(lex, kind).append(Rule(rule["id"], _compile(path, rule["id"], rule["pattern"]), cls,
                                           generic=bool(rule.get("generic"))))
    for rule in raw.get("status", []):
        target = status_of(rule)
        if target:
            lex.statuses.append(Rule(rule["id"], _compile(path, rule["id"], rule["pattern"]), target,
                                     bool(rule.get("signing"))))
    for rule in raw.get("event_status", []):
        target = vocabulary.event_status(rule["status"])
        if target:
            lex.event_statuses.append(Rule(rule["id"], _compile(path, rule["id"], rule["pattern"]), target))
        else:
            lex.notes.append(f"{rule['id']}: the ontology has no event status status:{rule['status']}; rule left out")
    lex.modality = {k: _compile(path, f"modality/{k}", v) for k, v in raw.get("modality", {}).items()}
    for k, preferred in raw.get("modality_status", {}).items():
        target = next((vocabulary.status(v) for v in preferred if vocabulary.status(v)), None)
        if target is None:
            raise KgError(Problem(f"modality_status.{k}: the ontology has none of {', '.join(preferred)}", path))
        lex.modality_status[k] = target
    for local, forms in raw.get("domains", {}).items():
        iri = ns.DOMAIN + local
        if iri in vocabulary.domains:
            lex.domains[iri] = list(forms)
        else:
            lex.notes.append(f"domains.{local}: not in the ontology's domain scheme; left out")
    for slug, entry in raw.get("states", {}).items():
        lex.states[ns.entity("state", slug)] = {"names": entry.get("names", []),
                                                "adjectives": entry.get("adjectives", [])}
    return lex


def detect_language(text: str, lexicons: dict[str, Lexicon], minimum: int = 3) -> str | None:
    """The language whose stopwords are most frequent in the text, if clearly ahead; else None."""
    words = re.findall(r"[^\W\d_]+", text.lower())[:5000]
    scores = {lang: sum(1 for w in words if w in lex.stopwords) for lang, lex in lexicons.items()}
    if not scores:
        return None
    ranked = sorted(scores.items(), key=lambda kv: -kv[1])
    best, score = ranked[0]
    runner = ranked[1][1] if len(ranked) > 1 else 0
    if score < minimum or score < 0.03 * max(len(words), 1) or score <= 1.5 * runner:
        return None
    return best
