"""What the ontology says the extraction may use: statuses, classes, domains and their labels.

Nothing here is a list of terms: everything is read from the ontology's quads (ontology/*.ttl)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

import pyoxigraph as ox

from kg import namespaces as ns

RDF_TYPE = ns.RDF + "type"
SUBCLASS = ns.RDFS + "subClassOf"
IN_SCHEME = ns.SKOS + "inScheme"
MEMBER = ns.SKOS + "member"
LABELS = (ns.SKOS + "prefLabel", ns.SKOS + "altLabel", ns.RDFS + "label")


@dataclass
class Vocabulary:
    statuses: set[str] = field(default_factory=set)  # status IRIs in the status scheme
    event_statuses: set[str] = field(default_factory=set)  # status IRIs in the event status scheme
    signature_reached: set[str] = field(default_factory=set)  # statuses that mean "signed or beyond"
    classes: dict[str, set[str]] = field(default_factory=dict)  # class → its superclasses (reflexive, transitive)
    domains: dict[str, dict[str, list[str]]] = field(default_factory=dict)  # domain → lang → labels
    broader: dict[str, set[str]] = field(default_factory=dict)  # concept → its broader concepts (transitive)
    top_concepts: set[str] = field(default_factory=set)
    notes: list[str] = field(default_factory=list)

    def status(self, local: str) -> str | None:
        iri = ns.STATUS + local
        return iri if iri in self.statuses else None

    def event_status(self, local: str) -> str | None:
        iri = ns.STATUS + local
        return iri if iri in self.event_statuses else None

    def cls(self, local: str) -> str | None:
        iri = ns.CD + local
        return iri if iri in self.classes else None

    def is_a(self, cls: str, ancestor_local: str) -> bool:
        return ns.CD + ancestor_local in self.classes.get(cls, {cls})


def read_vocabulary(quads: Iterable[ox.Quad]) -> Vocabulary:
    v = Vocabulary()
    parents: dict[str, set[str]] = {}
    schemes: dict[str, str] = {}
    labels: dict[str, dict[str, list[str]]] = {}
    members: dict[str, set[str]] = {}
    for q in quads:
        s, p, o = q.subject, q.predicate.value, q.object
        if not isinstance(s, ox.NamedNode):
            continue
        if p == SUBCLASS and isinstance(o, ox.NamedNode):
            parents.setdefault(s.value, set()).add(o.value)
        elif p == RDF_TYPE and o.value == ns.OWL + "Class":
            parents.setdefault(s.value, set())
        elif p == IN_SCHEME and isinstance(o, ox.NamedNode):
            schemes[s.value] = o.value
        elif p == ns.SKOS + "broader" and isinstance(o, ox.NamedNode):
            parents.setdefault("skos:" + s.value, set()).add("skos:" + o.value)
        elif p == ns.SKOS + "topConceptOf":
            v.top_concepts.add(s.value)
        elif p == MEMBER and isinstance(o, ox.NamedNode):
            members.setdefault(s.value, set()).add(o.value)
        elif p in LABELS and isinstance(o, ox.Literal) and o.language:
            labels.setdefault(s.value, {}).setdefault(o.language, []).append(o.value)
    for cls in parents:
        seen, todo = {cls}, [cls]
        while todo:
            for up in parents.get(todo.pop(), ()):
                if up not in seen:
                    seen.add(up)
                    todo.append(up)
        if cls.startswith("skos:"):
            v.broader[cls[5:]] = {c[5:] for c in seen if c != cls}
        else:
            v.classes[cls] = seen
    v.statuses = {c for c, scheme in schemes.items() if scheme == ns.STATUS + "scheme"}
    v.event_statuses = {c for c, scheme in schemes.items() if scheme == ns.STATUS + "event-scheme"}
    reached = members.get(ns.STATUS + "signature-reached")
    if reached:
        v.signature_reached = reached
    else:  # an ontology without the collection: only "signed" itself counts
        v.signature_reached = {ns.STATUS + "signed"}
        v.notes.append("the ontology has no status:signature-reached collection; only status:signed counts as signed")
    v.domains = {c: {lang: sorted(set(ls)) for lang, ls in labels.get(c, {}).items()}
                 for c, scheme in schemes.items() if scheme == ns.DOMAIN + "scheme"}
    return v
