"""Names of things already known: every label and alias in the dataset's entities graph, the
Wikidata cache's labels and aliases of linked items, and the lexicon's states. A name that two
entities share is ambiguous: both are offered, none is chosen."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field

import pyoxigraph as ox

from kg import namespaces as ns
from kg.ingest.lexicon import Lexicon
from kg.ingest.vocabulary import Vocabulary

NAME_PREDICATES = {ns.RDFS + "label", ns.SKOS + "altLabel", ns.SKOS + "prefLabel", ns.SCHEMA + "alternateName"}
# the kinds of thing a name in running text is linked to (others are described, not named)
LINKED_KINDS = ("Person", "State", "Place", "Organization")


def norm(text: str) -> str:
    return unicodedata.normalize("NFC", text).replace("’", "'").casefold()


@dataclass
class Known:
    iri: str
    kind: str  # one of LINKED_KINDS
    cls: str
    labels: set[str] = field(default_factory=set)


@dataclass
class Mention:
    start: int
    end: int
    text: str
    candidates: list[Known]

    @property
    def ambiguous(self) -> bool:
        return len(self.candidates) > 1


class Gazetteer:
    def __init__(self, vocabulary: Vocabulary) -> None:
        self.vocabulary = vocabulary
        self.by_name: dict[str, dict[str, Known]] = {}
        self.entities: dict[str, Known] = {}
        self.adjectives: dict[str, str] = {}  # normalised adjective → state IRI
        self.wikidata_labels: dict[str, set[str]] = {}  # normalised label → Wikidata IRIs (cache, reference)
        self.existing: set[str] = set()  # entities the dataset already describes
        self.offices: dict[str, set[str]] = {}  # office IRI → its normalised labels
        self._pattern: re.Pattern[str] | None = None

    def kind_of(self, cls: str) -> str | None:
        for kind in LINKED_KINDS:
            if self.vocabulary.is_a(cls, kind):
                return kind
        return None

    def add(self, iri: str, cls: str, label: str) -> None:
        kind = self.kind_of(cls)
        if kind is None or not label.strip():
            return
        known = self.entities.setdefault(iri, Known(iri, kind, cls))
        known.labels.add(label)
        self.by_name.setdefault(norm(label), {})[iri] = known
        self._pattern = None

    def lookup(self, name: str) -> list[Known]:
        return sorted(self.by_name.get(norm(name), {}).values(), key=lambda k: k.iri)

    def mentions(self, text: str) -> list[Mention]:
        """Known names in the text, longest first, not overlapping."""
        if self._pattern is None:
            names = sorted({label for k in self.entities.values() for label in k.labels}, key=len, reverse=True)
            alternatives = "|".join(re.escape(n).replace("'", "['’]") for n in names) or r"(?!x)x"
            # case aside ("Musée National" for "Musée national"), but a name starts with a capital
            self._pattern = re.compile(rf"(?<![\w-])(?:{alternatives})(?![\w-])", re.IGNORECASE)
        return [Mention(m.start(), m.end(), m.group(0), self.lookup(m.group(0)))
                for m in self._pattern.finditer(text) if m.group(0)[0].isupper() and self.lookup(m.group(0))]

    def office(self, title: str, country_names: list[str]) -> str | None:
        """An office already in the graph whose label is this title in this country
        ("ministre de la Culture" in Kazakhstan: "ministre de la Culture du Kazakhstan")."""
        title = norm(title)
        countries = "|".join(re.escape(norm(c)) for c in country_names)
        rest = re.compile(rf"\s*(?:du|de la|de l'|des|de|d'|of the|of|in|\()?\s*(?:{countries})\s*\)?\s*$")
        found = sorted(iri for iri, labels in self.offices.items()
                       if any(label.startswith(title) and rest.match(label[len(title):]) for label in labels))
        return found[0] if len(found) == 1 else None

    def wikidata_candidates(self, label: str) -> list[str]:
        return sorted(self.wikidata_labels.get(norm(label), ()))


def build_gazetteer(quads: Iterable[ox.Quad], vocabulary: Vocabulary, lexicon: Lexicon,
                    reference: list[dict[str, str]] = ()) -> Gazetteer:
    g = Gazetteer(vocabulary)
    types: dict[str, set[str]] = {}
    names: dict[str, set[str]] = {}
    wd_names: dict[str, set[str]] = {}
    same_as: dict[str, str] = {}
    for q in quads:
        graph = q.graph_name.value if isinstance(q.graph_name, ox.NamedNode) else ""
        s, p, o = q.subject, q.predicate.value, q.object
        if not isinstance(s, ox.NamedNode):
            continue
        if graph == ns.ENTITIES_GRAPH:
            if p == ns.RDF + "type" and isinstance(o, ox.NamedNode):
                types.setdefault(s.value, set()).add(o.value)
            elif p in NAME_PREDICATES and isinstance(o, ox.Literal):
                names.setdefault(s.value, set()).add(o.value)
        elif graph == ns.WIKIDATA_GRAPH and p in NAME_PREDICATES and isinstance(o, ox.Literal):
            wd_names.setdefault(s.value, set()).add(o.value)
        elif graph == ns.WIKIDATA_LINKS_GRAPH and p == ns.OWL + "sameAs" and isinstance(o, ox.NamedNode):
            same_as[o.value] = s.value
    g.existing = set(types)
    office_cls = vocabulary.cls("Office")
    for iri, classes in types.items():
        if office_cls and any(vocabulary.is_a(c, "Office") for c in classes):
            g.offices[iri] = {norm(label) for label in names.get(iri, ())}
    for iri, classes in sorted(types.items()):
        for cls in sorted(classes):
            for label in sorted(names.get(iri, ())):
                g.add(iri, cls, label)
            for item, local in same_as.items():
                if local == iri:
                    for label in sorted(wd_names.get(item, ())):
                        g.add(iri, cls, label)
    state_cls = vocabulary.cls("State")
    for iri, entry in lexicon.states.items():
        for name in entry["names"]:
            if state_cls and not any(k.iri != iri and k.kind == "State" for k in g.lookup(name)):
                g.add(iri, state_cls, name)
        for adjective in entry["adjectives"]:
            g.adjectives[norm(adjective)] = iri
    if state_cls:
        _add_world_states(g, lexicon, state_cls)
    for item, labels in wd_names.items():
        for label in labels:
            g.wikidata_labels.setdefault(norm(label), set()).add(item)
    for row in reference:
        for key in ("label_en", "label_fr"):
            if row.get(key) and row.get("id", "").startswith("Q"):
                g.wikidata_labels.setdefault(norm(row[key]), set()).add(ns.WD + row["id"])
    return g


# CLDR codes of territories that are not states (unknown, European Union, Eurozone, United Nations, pseudo-locales)
NOT_STATES = {"ZZ", "EU", "EZ", "UN", "QO", "XA", "XB", "AQ"}


def _add_world_states(g: Gazetteer, lexicon: Lexicon, state_cls: str) -> None:
    """Any state, not only the lexicon's: its name in the article's language from CLDR (Babel, offline).
    A state the lexicon lists keeps its IRI; another is state:<its English name> (proposed as new, no
    identifier guessed)."""
    try:
        from babel import Locale
    except ImportError:  # pragma: no cover - a dependency; without it only the lexicon's states are known
        return
    try:
        here, english = Locale.parse(lexicon.language).territories, Locale("en").territories
    except ValueError:  # pragma: no cover - a language CLDR does not know
        return
    skip = set(lexicon.raw.get("not_states", []))
    by_name = {norm(n): iri for iri, e in lexicon.states.items() for n in e["names"]}
    for code in sorted(here):
        if len(code) != 2 or not code.isalpha() or code in NOT_STATES:
            continue
        name, english_name = here[code], english.get(code, "")
        if name in skip or any(k.kind == "State" for k in g.lookup(name)):
            continue
        iri = by_name.get(norm(name)) or by_name.get(norm(english_name)) or \
            ns.entity("state", ns.slugify(english_name or name))
        g.add(iri, state_cls, name)
