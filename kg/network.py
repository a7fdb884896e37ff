"""The projection: RDF quads → a network of entities and relations (not raw triples).

One projection, two uses: the interactive view (``kg view``) and the analysis (``kg stats``, ``kg export``).
Nodes are the things people ask about (states, people, offices, institutions, events, agreements,
initiatives, statements, relations, cooperation domains); edges are the relations between them, each
remembering the graphs that state it and, for an article's claims, the words that support it. A
tenure (a person holding an office) becomes an edge from the person to the office.

It works on the project's dataset and on any RDF: what it cannot place, it leaves out.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

import networkx as nx
import pyoxigraph as ox

from kg import namespaces as ns

RDF_TYPE = ns.RDF + "type"
LABELS = (ns.RDFS + "label", ns.SKOS + "prefLabel")
DESCRIPTIONS = (ns.SCHEMA + "description", "http://schema.org/description")  # Wikidata uses http://
# Graphs that describe the data rather than state facts: never drawn as edges.
META_GRAPHS = {ns.ONTOLOGY_GRAPH, ns.PROVENANCE_GRAPH, ns.SOURCES_GRAPH, ns.WIKIDATA_LINKS_GRAPH, ns.WIKIDATA_GRAPH}
# Kinds drawn as nodes, most general first; a node's category is the first ancestor found here.
CATEGORIES = ("Agreement", "AgreementSet", "Initiative", "State", "Person", "Ministry", "Museum", "Organization",
              "Office", "Visit", "Meeting", "Exhibition", "Event", "Statement", "BilateralRelation", "Place")
NOT_NODES = {ns.CD + c for c in ("Tenure", "NewsArticle", "Publication", "Claim", "ArticleClaim", "ContextClaim",
                                 "ClaimActivity", "HandAuthoring", "Extraction", "Software")}
NOT_NODE_SPACES = (ns.OA, ns.OWL, ns.RDFS, ns.SH, ns.PROV + "Entity")


@dataclass
class Evidence:
    """The words that support a fact, and where they are."""

    exact: str
    start: int
    end: int
    claim: str
    speaker: str | None = None


@dataclass
class Index:
    """What the projection needs to know, read once from the quads."""

    labels: dict[str, dict[str, str]] = field(default_factory=lambda: defaultdict(dict))
    types: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    parents: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    evidence: dict[str, list[Evidence]] = field(default_factory=lambda: defaultdict(list))
    context_source: dict[str, str] = field(default_factory=dict)
    same_as: dict[str, str] = field(default_factory=dict)
    descriptions: dict[str, dict[str, str]] = field(default_factory=lambda: defaultdict(dict))
    facts: list[ox.Quad] = field(default_factory=list)
    subjects_in: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    source_of: dict[str, str] = field(default_factory=dict)  # claim graph → its source
    issued: dict[str, str] = field(default_factory=dict)  # source → its publication date, as written
    _ancestors: dict[str, list[str]] = field(default_factory=dict)


def _graph(q: ox.Quad) -> str:
    return "" if isinstance(q.graph_name, ox.DefaultGraph) else q.graph_name.value


def index(quads: Iterable[ox.Quad]) -> Index:
    ix = Index()
    selectors: dict[str, dict[str, str]] = defaultdict(dict)
    segment_of: dict[str, str] = {}  # selector → its text segment, by the oa:hasSelector triple
    derived: dict[str, list[str]] = defaultdict(list)
    speakers: dict[str, str] = {}
    for q in quads:
        s, p, o, g = q.subject, q.predicate.value, q.object, _graph(q)
        if not isinstance(s, ox.NamedNode):
            continue
        if p in LABELS and isinstance(o, ox.Literal):
            ix.labels[s.value].setdefault(o.language or "", o.value)
        elif p == RDF_TYPE and isinstance(o, ox.NamedNode):
            if g != ns.ONTOLOGY_GRAPH:  # the ontology's own individuals (schemes, codes) are not drawn
                ix.types[s.value].add(o.value)
        elif p == ns.RDFS + "subClassOf" and isinstance(o, ox.NamedNode):
            ix.parents[s.value].add(o.value)
        elif p == ns.OWL + "sameAs" and isinstance(o, ox.NamedNode) and o.value.startswith(ns.WD):
            ix.same_as[s.value] = o.value
        elif p in DESCRIPTIONS and isinstance(o, ox.Literal):
            ix.descriptions[s.value].setdefault(o.language or "", o.value)
        elif p == ns.DCTERMS + "issued" and g == ns.SOURCES_GRAPH:
            ix.issued[s.value] = o.value
        elif g == ns.PROVENANCE_GRAPH:
            if p == ns.DCTERMS + "source":
                ix.source_of[s.value] = o.value
            if p == ns.PROV + "wasDerivedFrom":
                derived[s.value].append(o.value)
            elif p in (ns.PROV + "wasAttributedTo", ns.CD + "accordingTo"):  # on whose word
                speakers[s.value] = o.value
            elif p == ns.DCTERMS + "source" and s.value.startswith(ns.CONTEXT):
                ix.context_source[s.value] = o.value
            elif p == ns.OA + "hasSelector":
                segment_of[o.value] = s.value
            elif p in (ns.OA + "exact", ns.OA + "start", ns.OA + "end"):
                selectors[s.value][p.rsplit("#", 1)[1]] = o.value
            continue
        # where an entity was first met is bookkeeping, not a relation to draw
        if g not in META_GRAPHS and p not in LABELS and p != RDF_TYPE and p != ns.CD + "firstMetIn":
            ix.facts.append(q)
            ix.subjects_in[g].add(s.value)
    segments: dict[str, dict[str, str]] = defaultdict(dict)
    for selector, fields in selectors.items():
        if selector in segment_of:
            segments[segment_of[selector]].update(fields)
    for claim, segs in derived.items():
        for seg in segs:
            found = segments.get(seg, {})
            if "exact" in found:
                ix.evidence[claim].append(Evidence(found["exact"], int(found.get("start", -1)),
                                                   int(found.get("end", -1)), claim, speakers.get(claim)))
        ix.evidence[claim].sort(key=lambda e: (e.start, e.end, e.exact))
    return ix


def label(ix: Index, iri: str, lang: str) -> str:
    found = ix.labels.get(iri, {})
    return found.get(lang) or found.get("en") or found.get("fr") or found.get("") or ns.shorten(iri)


def _ancestors(ix: Index, cls: str) -> list[str]:
    """The class and its ancestors, nearest first (breadth-first)."""
    if cls in ix._ancestors:
        return ix._ancestors[cls]
    seen, order, frontier = {cls}, [cls], [cls]
    while frontier:
        nxt = []
        for c in frontier:
            for parent in sorted(ix.parents.get(c, ())):
                if parent not in seen:
                    seen.add(parent)
                    order.append(parent)
                    nxt.append(parent)
        frontier = nxt
    ix._ancestors[cls] = order
    return order


def most_specific(ix: Index, types: set[str]) -> str | None:
    """The type no other type of the node specialises (ties broken by name, for determinism)."""
    candidates = [t for t in types if not any(t != u and t in _ancestors(ix, u) for u in types)]
    return sorted(candidates, key=lambda t: (-len(_ancestors(ix, t)), t))[0] if candidates else None


def category(ix: Index, cls: str | None) -> str:
    if cls is None:
        return "Other"
    for ancestor in _ancestors(ix, cls):
        if ancestor.startswith(ns.CD) and ancestor[len(ns.CD):] in CATEGORIES:
            return ancestor[len(ns.CD):]
    return "Other"


def _is_node_type(t: str) -> bool:
    return t not in NOT_NODES and not t.startswith(NOT_NODE_SPACES) and t != ns.SKOS + "ConceptScheme"


def _from(graph: str) -> str:
    if graph.startswith(ns.CLAIM):
        return "article"
    if graph.startswith(ns.CONTEXT):
        return "context"
    return "entities" if graph == ns.ENTITIES_GRAPH else "data"


def project(quads: Iterable[ox.Quad], lang: str = "en") -> nx.MultiDiGraph:
    """The network of entities and relations, with everything the view and the analysis show."""
    ix = index(quads)
    node_ids = {s for s, types in ix.types.items() if s.startswith(("http://", "https://"))
                and any(_is_node_type(t) for t in types) and not s.startswith((ns.CLAIM, ns.CONTEXT, ns.GRAPH))
                and ns.OWL + "Class" not in types and ns.OWL + "ObjectProperty" not in types}
    node_ids -= {s for s, types in ix.types.items() if types & NOT_NODES}
    domains_used = {q.object.value for q in ix.facts if q.predicate.value == ns.CD + "domain"}
    node_ids |= domains_used
    node_ids -= {s for s, types in ix.types.items() if ns.SKOS + "Concept" in types} - domains_used

    # what each node is, and what is said about it
    # a status is what one source says at its date: show the latest (ties: the last by name, so the same
    # data always gives the same view, whatever the order of the quads)
    status_at: dict[str, tuple[str, str]] = {}
    domains: dict[str, set[str]] = defaultdict(set)
    mentioned_in: dict[str, set[str]] = defaultdict(set)
    for q in ix.facts:
        s, g = q.subject.value, _graph(q)
        mentioned_in[s].add(g)
        if isinstance(q.object, ox.NamedNode):
            mentioned_in[q.object.value].add(g)
        if q.predicate.value == ns.CD + "status":
            when = ix.issued.get(ix.source_of.get(g, ""), "")
            status_at[s] = max(status_at.get(s, ("", "")), (when, q.object.value))
        elif q.predicate.value == ns.CD + "domain":
            domains[s].add(q.object.value)

    status = {s: value for s, (_, value) in status_at.items()}
    G = nx.MultiDiGraph(lang=lang)
    for n in sorted(node_ids):
        types = {t for t in ix.types.get(n, set()) if _is_node_type(t)}
        if n in domains_used:
            types |= {ns.SKOS + "Concept"}
        cls = most_specific(ix, types)
        cat = "Domain" if n in domains_used else category(ix, cls)
        kind_label = label(ix, ns.CD + "domain", lang) if cat == "Domain" else label(ix, cls, lang) if cls else ""
        graphs = sorted(mentioned_in.get(n, ()))
        words = [e for g in graphs if n in ix.subjects_in.get(g, ()) for e in ix.evidence.get(g, [])]
        G.add_node(
            n,
            label=label(ix, n, lang),
            label_fr=label(ix, n, "fr"),
            label_en=label(ix, n, "en"),
            kind=cls or "",
            kind_label=kind_label,
            category=cat,
            status=status.get(n, ""),
            status_label=label(ix, status[n], lang) if n in status else "",
            domains=sorted(domains.get(n, ())),
            wikidata=ix.same_as.get(n, ""),
            description=(ix.descriptions.get(ix.same_as.get(n, ""), {}).get(lang)
                         or ix.descriptions.get(n, {}).get(lang, "")),
            sources=sorted({_from(g) for g in graphs}),
            evidence=[_evidence_dict(e, ix, lang) for e in words],
        )

    # relations between nodes, merged across the graphs that state them
    edges: dict[tuple[str, str, str], dict] = {}
    for q in ix.facts:
        if not isinstance(q.object, ox.NamedNode):
            continue
        s, p, o, g = q.subject.value, q.predicate.value, q.object.value, _graph(q)
        if s in node_ids and o in node_ids:
            _merge_edge(edges, ix, s, o, p, g, lang)
    for tenure in sorted(t for t, types in ix.types.items() if ns.CD + "Tenure" in types):
        _tenure_edge(edges, ix, tenure, node_ids, lang)
    for (s, o, p), attrs in sorted(edges.items()):
        G.add_edge(s, o, key=p, **attrs)
    for n in G.nodes:
        G.nodes[n]["degree"] = G.degree(n)
    return G


def _evidence_dict(e: Evidence, ix: Index, lang: str) -> dict:
    out = {"exact": e.exact, "start": e.start, "end": e.end, "claim": e.claim}
    if e.speaker:
        out["speaker"] = label(ix, e.speaker, lang)
    return out


def _merge_edge(edges: dict, ix: Index, s: str, o: str, p: str, g: str, lang: str, **extra) -> None:
    edge = edges.setdefault((s, o, p), {
        "property": p, "label": label(ix, p, lang), "graphs": [], "sources": [], "evidence": [], **extra})
    if g not in edge["graphs"]:
        edge["graphs"].append(g)
        edge["graphs"].sort()
        edge["sources"] = sorted({_from(x) for x in edge["graphs"]})
        # in the order of the graphs, not of their arrival: the same data gives the same edge
        edge["evidence"] = [_evidence_dict(e, ix, lang) for x in edge["graphs"] for e in ix.evidence.get(x, [])]
        edge["context_sources"] = sorted(label(ix, ix.context_source[x], lang) for x in edge["graphs"]
                                         if x in ix.context_source)


def _tenure_edge(edges: dict, ix: Index, tenure: str, node_ids: set[str], lang: str) -> None:
    said: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for q in ix.facts:
        if q.subject.value == tenure:
            said[q.predicate.value].append((q.object.value, _graph(q)))
    holder, office = said.get(ns.CD + "holder"), said.get(ns.CD + "office")
    if not holder or not office or holder[0][0] not in node_ids or office[0][0] not in node_ids:
        return
    when = {
        "attested_at": sorted(label(ix, v, lang) for v, _ in said.get(ns.CD + "attestedAt", [])),
        "start": next((v for v, _ in said.get(ns.CD + "startDate", [])), ""),
        "end": next((v for v, _ in said.get(ns.CD + "endDate", [])), ""),
    }
    for _, g in sorted({x for values in said.values() for x in values}, key=lambda x: x[1]):
        _merge_edge(edges, ix, holder[0][0], office[0][0], ns.CD + "office", g, lang, **when)
