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
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import networkx as nx
import pyoxigraph as ox

from kg import namespaces as ns

if TYPE_CHECKING:
    from kg.store import QueryResult

RDF_TYPE = ns.RDF + "type"
LABELS = (ns.RDFS + "label", ns.SKOS + "prefLabel")
DESCRIPTIONS = (ns.SCHEMA + "description", "http://schema.org/description")  # Wikidata uses http://
# Graphs that describe the data rather than state facts: never drawn as edges.
META_GRAPHS = {ns.ONTOLOGY_GRAPH, ns.PROVENANCE_GRAPH, ns.SOURCES_GRAPH, ns.WIKIDATA_LINKS_GRAPH, ns.WIKIDATA_GRAPH}
# the activities and software that made claims are provenance, not nodes to draw
NOT_NODES = {ns.CD + c for c in ("Tenure", "NewsArticle", "Publication", "Claim", "ArticleClaim", "ContextClaim",
                                 "ClaimActivity", "HandAuthoring", "Extraction", "Software")}
NOT_NODE_SPACES = (ns.OA, ns.OWL, ns.RDFS, ns.SH, ns.PROV + "Entity")
# The view's styles, read from ontology/styles.ttl (annotations on classes, schemes and status concepts).
STYLE_PROPS = {ns.CD + "colour": "colour", ns.CD + "shape": "shape", ns.CD + "dashes": "dashes"}
ROOT_CLASS = ns.OWL + "Thing"  # the style of a class with no styled ancestor
DEFAULT_STYLE: dict[str, object] = {"colour": "#bdc3c7", "shape": "dot", "dashes": True}  # if even that is absent
STATUS_SCHEME = ns.STATUS + "scheme"
SIGNED = ns.STATUS + "signature-reached"  # the statuses at or past a signature (a skos:Collection)
# What a source record says about itself, for a citation (all optional).
CITATION = {ns.DCTERMS + "title": "title", ns.DCTERMS + "publisher": "publisher", ns.DCTERMS + "issued": "date",
            ns.SCHEMA + "url": "url", "http://schema.org/url": "url"}
# What a source that retells another report says of it (data/articles/<id>/article.ttl): the original's address
RETELLING = {ns.DCTERMS + "source": "retells", ns.RDFS + "comment": "retells_note"}
# A statement's own words, the only text the view presents as someone's words (cd:quotation), and its stance
WORDS = {ns.CD + "quotation": "quotation", ns.CD + "stance": "stance"}
DATES = (ns.CD + "date", ns.CD + "startDate", ns.CD + "endDate")
SPEAKERS = (ns.CD + "accordingTo", ns.PROV + "wasAttributedTo")


@dataclass
class Evidence:
    """The words that support a fact, where they are, and the source they come from."""

    exact: str
    start: int
    end: int
    claim: str
    speaker: str | None = None
    source: str | None = None


@dataclass
class Index:
    """What the projection needs to know, read once from the quads."""

    labels: dict[str, dict[str, str]] = field(default_factory=lambda: defaultdict(dict))
    types: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    parents: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    evidence: dict[str, list[Evidence]] = field(default_factory=lambda: defaultdict(list))
    context_source: dict[str, str] = field(default_factory=dict)
    same_as: dict[str, str] = field(default_factory=dict)
    merged: dict[str, str] = field(default_factory=dict)  # old entity -> the one it was merged into
    descriptions: dict[str, dict[str, str]] = field(default_factory=lambda: defaultdict(dict))
    facts: list[ox.Quad] = field(default_factory=list)
    subjects_in: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    styles: dict[str, dict[str, object]] = field(default_factory=lambda: defaultdict(dict))
    schemes: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    broader: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    members: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    records: dict[str, dict[str, str]] = field(default_factory=lambda: defaultdict(dict))
    _ancestors: dict[str, list[str]] = field(default_factory=dict)


def _graph(q: ox.Quad) -> str:
    return "" if isinstance(q.graph_name, ox.DefaultGraph) else q.graph_name.value


def _literal_value(o: ox.Literal) -> object:
    if o.datatype.value == ns.XSD + "boolean":
        return o.value in ("true", "1")
    return o.value


def index(quads: Iterable[ox.Quad]) -> Index:
    ix = Index()
    # the provenance graph's triples: claim -derivedFrom-> segment -selector-> selector -exact/start/end-> value
    derived: dict[str, set[str]] = defaultdict(set)
    selectors: dict[str, set[str]] = defaultdict(set)
    segment_source: dict[str, str] = {}
    selector_values: dict[str, dict[str, str]] = defaultdict(dict)
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
        elif p in STYLE_PROPS and isinstance(o, ox.Literal):
            # two values for one style (a stale copy beside the ontology): the smallest, whatever the order
            key, value = STYLE_PROPS[p], _literal_value(o)
            if key not in ix.styles[s.value] or str(value) < str(ix.styles[s.value][key]):
                ix.styles[s.value][key] = value
        elif p == ns.SKOS + "inScheme" and isinstance(o, ox.NamedNode):
            ix.schemes[s.value].add(o.value)
        elif p == ns.SKOS + "broader" and isinstance(o, ox.NamedNode):
            ix.broader[s.value].add(o.value)
        elif p == ns.SKOS + "member" and isinstance(o, ox.NamedNode):
            ix.members[s.value].add(o.value)
        elif p == ns.OWL + "sameAs" and isinstance(o, ox.NamedNode) and o.value.startswith(ns.WD):
            ix.same_as[s.value] = o.value
        elif p == ns.OWL + "sameAs" and isinstance(o, ox.NamedNode) and s.value.startswith(ns.ID) \
                and o.value.startswith(ns.ID) and s.value != o.value:
            ix.merged[s.value] = o.value  # a recorded merge (data/entities/merges.ttl): drawn as the canonical
        elif p in DESCRIPTIONS and isinstance(o, ox.Literal):
            ix.descriptions[s.value].setdefault(o.language or "", o.value)
        elif p in RETELLING and g == ns.SOURCES_GRAPH:
            # a source that retells another (the project's own articles): the report it retells, and how it says so
            ix.records[s.value].setdefault(RETELLING[p], o.value)
            continue
        elif p in CITATION and g in (ns.SOURCES_GRAPH, ns.ENTITIES_GRAPH, ns.PROVENANCE_GRAPH, ""):
            key = CITATION[p]
            if key == "title" and isinstance(o, ox.Literal) and o.language and key in ix.records[s.value]:
                continue  # the first title stays (one per source in practice)
            ix.records[s.value].setdefault(key, o.value)
            continue
        elif g == ns.PROVENANCE_GRAPH:
            if p == ns.PROV + "wasDerivedFrom" and isinstance(o, ox.NamedNode):
                derived[s.value].add(o.value)
            elif p in SPEAKERS and isinstance(o, ox.NamedNode):
                # cd:accordingTo, where present, wins over its super-property
                if p == SPEAKERS[0] or s.value not in speakers:
                    speakers[s.value] = o.value
            elif p == ns.DCTERMS + "source" and s.value.startswith(ns.CONTEXT):
                ix.context_source[s.value] = o.value
            elif p == ns.OA + "hasSelector" and isinstance(o, ox.NamedNode):
                selectors[s.value].add(o.value)
            elif p == ns.OA + "hasSource" and isinstance(o, ox.NamedNode):
                segment_source[s.value] = o.value
            elif p in (ns.OA + "exact", ns.OA + "start", ns.OA + "end"):
                selector_values[s.value][p.rsplit("#", 1)[1]] = o.value
            continue
        # where an entity was first met is bookkeeping, not a relation to draw
        if g not in META_GRAPHS and p not in LABELS and p != RDF_TYPE and p != ns.CD + "firstMetIn":
            ix.facts.append(q)
            ix.subjects_in[g].add(s.value)
    if ix.merged:  # what is said of a merged entity is drawn on the one it was merged into
        ix.facts = [_follow_merges(ix, q) for q in ix.facts]
        ix.subjects_in = defaultdict(set)
        for q in ix.facts:
            ix.subjects_in[_graph(q)].add(q.subject.value)
    for claim, segs in derived.items():
        for seg in sorted(segs):
            found: dict[str, str] = {}
            for sel in sorted(selectors.get(seg, ())):
                found.update(selector_values.get(sel, {}))
            if "exact" in found:
                ix.evidence[claim].append(Evidence(found["exact"], int(found.get("start", -1)),
                                                   int(found.get("end", -1)), claim, speakers.get(claim),
                                                   segment_source.get(seg)))
        ix.evidence[claim].sort(key=lambda e: (e.start, e.exact))
    return ix


def canonical(ix: Index, iri: str) -> str:
    """Where a chain of merges ends (a cycle, which the build refuses, stops where it closes)."""
    seen = {iri}
    while iri in ix.merged and ix.merged[iri] not in seen:
        iri = ix.merged[iri]
        seen.add(iri)
    return iri


def _follow_merges(ix: Index, q: ox.Quad) -> ox.Quad:
    s = ox.NamedNode(canonical(ix, q.subject.value))
    o = ox.NamedNode(canonical(ix, q.object.value)) if isinstance(q.object, ox.NamedNode) else q.object
    return q if (s == q.subject and o == q.object) else ox.Quad(s, q.predicate, o, q.graph_name)


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


def _local(iri: str) -> str:
    return iri.rsplit("#", 1)[-1].rsplit("/", 1)[-1]


def styled_class(ix: Index, cls: str | None) -> str | None:
    """The nearest class (the class itself, then its ancestors) that the ontology gives a style."""
    for ancestor in _ancestors(ix, cls) if cls else ():
        if ancestor != ROOT_CLASS and ix.styles.get(ancestor):
            return ancestor
    return None


def category(ix: Index, cls: str | None) -> str:
    """A node's kind in the legend and the kind filter: the local name of its nearest styled class."""
    found = styled_class(ix, cls)
    return _local(found) if found else "Other"


def class_style(ix: Index, cls: str | None) -> dict[str, object]:
    """Colour and shape for a class: each from the nearest ancestor that has it, else owl:Thing's, else a default."""
    chain = [*(_ancestors(ix, cls) if cls else ()), ROOT_CLASS]
    return {k: next((ix.styles[c][k] for c in chain if k in ix.styles.get(c, {})), DEFAULT_STYLE[k])
            for k in ("colour", "shape")}


def _concept_chain(ix: Index, concept: str) -> list[str]:
    """The concept, its broader concepts (breadth-first), then their schemes: where a style is looked for."""
    order, frontier = [concept], [concept]
    while frontier:
        frontier = [b for c in frontier for b in sorted(ix.broader.get(c, ())) if b not in order]
        order += frontier
    return order + sorted({s for c in order for s in ix.schemes.get(c, ())})


def status_style(ix: Index, status: str) -> dict[str, object]:
    """Colour of a status, and whether it is drawn dashed: not signed, read from status:signature-reached."""
    chain = _concept_chain(ix, status) if status else [STATUS_SCHEME]
    colour = next((ix.styles[c]["colour"] for c in chain if "colour" in ix.styles.get(c, {})),
                  DEFAULT_STYLE["colour"])
    # signature-reached speaks for the undertakings' scheme only; an event's status (its own scheme) says with
    # cd:dashes whether it took place
    if SIGNED in ix.members and (not status or STATUS_SCHEME in chain):
        signed = bool(status) and status in ix.members[SIGNED]
    else:
        signed = not next((ix.styles[c]["dashes"] for c in chain if "dashes" in ix.styles.get(c, {})), True)
    return {"colour": colour, "dashes": not signed, "signed": signed}


def statuses(ix: Index, lang: str) -> list[dict[str, object]]:
    """Every status concept of the ontology's scheme, signed ones first, with its label and style."""
    found = sorted(c for c, schemes in ix.schemes.items() if STATUS_SCHEME in schemes)
    rows = [{"iri": c, "key": _local(c), "label": label(ix, c, lang), **status_style(ix, c)} for c in found]
    return sorted(rows, key=lambda r: (not r["signed"], r["label"]))


def citation(ix: Index, source: str | None, lang: str) -> dict[str, str]:
    """What a source record says about itself (title, publisher's name, date, address); only what it has."""
    if not source:
        return {}
    record = ix.records.get(source, {})
    out = {"iri": source, "title": record.get("title") or label(ix, source, lang)}
    if record.get("publisher"):
        out["publisher"] = label(ix, record["publisher"], lang)
    for key in ("date", "url", "retells", "retells_note"):
        if record.get(key):
            out[key] = record[key]
    return out


def _year(value: str) -> int | None:
    head = value.lstrip("-")[:4]
    return int(head) if len(head) == 4 and head.isdigit() and not value.startswith("-") else None


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
    node_ids -= set(ix.merged)

    # what each node is, and what is said about it
    said_status: dict[str, set[tuple[str, str]]] = defaultdict(set)
    domains: dict[str, set[str]] = defaultdict(set)
    mentioned_in: dict[str, set[str]] = defaultdict(set)
    own_years: dict[str, set[int]] = defaultdict(set)
    linked: dict[str, set[str]] = defaultdict(set)
    said_words: dict[str, dict[str, dict[str, str]]] = defaultdict(dict)
    for q in ix.facts:
        s, g = q.subject.value, _graph(q)
        mentioned_in[s].add(g)
        if isinstance(q.object, ox.NamedNode):
            mentioned_in[q.object.value].add(g)
            linked[s].add(q.object.value)
            linked[q.object.value].add(s)
        if q.predicate.value == ns.CD + "status":
            said_status[s].add((q.object.value, g))
        elif q.predicate.value == ns.CD + "domain":
            domains[s].add(q.object.value)
        elif q.predicate.value in WORDS and isinstance(q.object, ox.Literal):
            said_words[s].setdefault(WORDS[q.predicate.value], {}).setdefault(q.object.language or "", q.object.value)
        elif q.predicate.value in DATES and isinstance(q.object, ox.Literal) and _year(q.object.value):
            own_years[s].add(_year(q.object.value))  # type: ignore[arg-type]
    dated = {g: _graph_date(ix, g) for gs in mentioned_in.values() for g in gs}

    G = nx.MultiDiGraph(lang=lang, statuses=statuses(ix, lang))
    for n in sorted(node_ids):
        types = {t for t in ix.types.get(n, set()) if _is_node_type(t)}
        if n in domains_used:
            types |= {ns.SKOS + "Concept"}
        cls = most_specific(ix, types)
        if n in domains_used:
            cat, kind_label, cat_label = "Domain", label(ix, ns.CD + "domain", lang), label(ix, ns.CD + "domain", lang)
            style = _concept_style(ix, n)
        else:
            styled = styled_class(ix, cls)
            cat, kind_label = category(ix, cls), label(ix, cls, lang) if cls else ""
            cat_label, style = label(ix, styled, lang) if styled else "", class_style(ix, cls)
        # a status is what one source says at its date: the view draws the latest one said
        reported = sorted(said_status.get(n, ()), key=lambda sg: (dated.get(sg[1], ""), sg[0]))
        status = reported[-1][0] if reported else ""
        # sources of that latest date that report different statuses: the model's ?conflict (status-now.rq)
        latest = dated.get(reported[-1][1], "") if reported else ""
        at_latest = sorted({st for st, g in reported if dated.get(g, "") == latest})
        if reported:
            st = status_style(ix, status)
            style = {**style, "colour": st["colour"], "dashes": st["dashes"], "signed": st["signed"]}
        graphs = sorted(mentioned_in.get(n, ()))
        words = [e for g in graphs if n in ix.subjects_in.get(g, ()) for e in ix.evidence.get(g, [])]
        # a thing with no date of its own (a state, a place) is in the years of the sources that mention it and
        # of the dated things drawn beside it: France is in 2008 through the partnership signed then, which
        # context notes (no date of their own) state; a tenure (an edge, not a node) lends its years to no one
        years = own_years.get(n) or ({_year(dated[g]) for g in graphs if dated.get(g)}
                                     | {y for m in linked.get(n, set()) & node_ids for y in own_years.get(m, ())})
        G.add_node(
            n,
            label=label(ix, n, lang),
            label_fr=label(ix, n, "fr"),
            label_en=label(ix, n, "en"),
            kind=cls or "",
            kind_label=kind_label,
            category=cat,
            category_label=cat_label,
            colour=style["colour"],
            shape=style["shape"],
            dashes=bool(style.get("dashes", False)),
            signed=style.get("signed"),
            status=status,
            status_label=label(ix, status, lang) if status else "",
            statuses_reported=sorted({st for st, _ in reported}),
            status_history=_history(ix, reported, dated, lang),
            status_conflict=[label(ix, st, lang) for st in at_latest] if len(at_latest) > 1 else [],
            domains=sorted(domains.get(n, ())),
            domain_labels={d: label(ix, d, lang) for d in sorted(domains.get(n, ()))},
            **{k: _in_lang(v, lang) for k, v in said_words.get(n, {}).items()},
            wikidata=ix.same_as.get(n, ""),
            description=(ix.descriptions.get(ix.same_as.get(n, ""), {}).get(lang)
                         or ix.descriptions.get(n, {}).get(lang, "")),
            sources=sorted({_from(g) for g in graphs}),
            evidence=[_evidence_dict(e, ix, lang) for e in words],
            years=sorted(y for y in years if y),
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
        attrs["years"] = sorted({y for g in attrs["graphs"] if (y := _year(_graph_date(ix, g)))})
        G.add_edge(s, o, key=p, **attrs)
    for n in G.nodes:
        G.nodes[n]["degree"] = G.degree(n)
    return G


def _in_lang(values: dict[str, str], lang: str) -> str:
    """The value in the page's language, else any (a quotation is kept in the words it was said in)."""
    return values.get(lang) or values.get("") or values[sorted(values)[0]]


def _history(ix: Index, reported: list[tuple[str, str]], dated: dict[str, str], lang: str) -> list[dict]:
    """Each status as one source reported it, oldest first: the status, the source's date and title."""
    rows = []
    for status, g in reported:
        sources = sorted({e.source for e in ix.evidence.get(g, []) if e.source}
                         | ({ix.context_source[g]} if g in ix.context_source else set()))
        rows.append({"status": label(ix, status, lang), "date": dated.get(g, ""),
                     "source": citation(ix, sources[0], lang).get("title", "") if sources else ""})
    return sorted({tuple(sorted(r.items())): r for r in rows}.values(), key=lambda r: (r["date"], r["status"]))


def _graph_date(ix: Index, graph: str) -> str:
    """The date of the source a claim or context graph comes from, where the source record has one."""
    sources = [e.source for e in ix.evidence.get(graph, []) if e.source]
    if graph in ix.context_source:
        sources.append(ix.context_source[graph])
    return max((ix.records.get(s, {}).get("date", "") for s in sources), default="")


def _concept_style(ix: Index, concept: str) -> dict[str, object]:
    chain = _concept_chain(ix, concept)
    fallback = class_style(ix, ns.SKOS + "Concept")
    return {k: next((ix.styles[c][k] for c in chain if k in ix.styles.get(c, {})), fallback[k])
            for k in ("colour", "shape")}


def _evidence_dict(e: Evidence, ix: Index, lang: str) -> dict:
    out: dict[str, object] = {"exact": e.exact, "start": e.start, "end": e.end, "claim": e.claim}
    if e.speaker:
        out["speaker"] = label(ix, e.speaker, lang)
    if e.source:
        out["source"] = citation(ix, e.source, lang)
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
        edge["citations"] = sorted((citation(ix, ix.context_source[x], lang) for x in edge["graphs"]
                                    if x in ix.context_source), key=lambda c: c["iri"])


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


DESCRIBE = Path(__file__).with_name("templates") / "graph.describe.rq"
TENURES = Path(__file__).with_name("templates") / "graph.tenures.rq"


def surroundings(ask: Callable[[str], QueryResult], iris: Iterable[str], rounds: int = 5,
                 batch: int = 200) -> list[ox.Quad]:
    """What the view needs about some nodes, asked of any engine: every statement about them in every
    graph, then, a round at a time, what the provenance, sources and entities graphs say about the claim
    graphs that state them and what those point to (evidence segments, selectors, sources, publishers)."""
    from kg.query import bind_rows

    text = DESCRIBE.read_text(encoding="utf-8")
    found: list[ox.Quad] = []
    seen: set[str] = set()
    frontier = sorted(set(iris))
    # the tenures of the people drawn, and their offices, are asked about like the nodes themselves
    held = TENURES.read_text(encoding="utf-8")
    for i in range(0, len(frontier), batch):
        answer = ask(bind_rows(held, ["s"], [[ox.NamedNode(s)] for s in frontier[i:i + batch]]))
        frontier += [r[k].value for r in answer.rows for k in ("tenure", "office")
                     if isinstance(r.get(k), ox.NamedNode)]
    frontier = sorted(set(frontier))
    for depth in range(rounds):
        seen.update(frontier)
        got: list[ox.Quad] = []
        for i in range(0, len(frontier), batch):
            answer = ask(bind_rows(text, ["s"], [[ox.NamedNode(s)] for s in frontier[i:i + batch]]))
            got += [ox.Quad(r["s"], r["p"], r["o"], r["g"]) for r in answer.rows
                    if isinstance(r.get("g"), ox.NamedNode) and isinstance(r.get("s"), ox.NamedNode)]
        if depth:  # past the nodes themselves, only what describes claims and sources, not more facts
            got = [q for q in got if q.graph_name.value in META_GRAPHS | {ns.ENTITIES_GRAPH}
                   and q.graph_name.value != ns.ONTOLOGY_GRAPH]
        found += got
        nxt = {q.graph_name.value for q in got if q.graph_name.value not in META_GRAPHS | {ns.ENTITIES_GRAPH}}
        nxt |= {q.object.value for q in got if isinstance(q.object, ox.NamedNode) and depth
                and q.graph_name.value in (ns.PROVENANCE_GRAPH, ns.SOURCES_GRAPH)}
        nxt |= {q.object.value for q in got if isinstance(q.object, ox.NamedNode)
                and q.predicate.value in CITATION}
        frontier = sorted(nxt - seen)
        if not frontier:
            break
    return sorted(set(found), key=str)


def restrict(G: nx.MultiDiGraph, triples: Iterable[ox.Triple]) -> nx.MultiDiGraph:
    """The projection cut down to what a CONSTRUCT answer draws: its nodes, the edges it states, and the
    offices of its people (a tenure's edge)."""
    stated = {(t.subject.value, t.predicate.value, t.object.value) for t in triples
              if isinstance(t.subject, ox.NamedNode) and isinstance(t.object, ox.NamedNode)}
    keep = {x for s, _, o in stated for x in (s, o)} & set(G.nodes)
    # a person's offices stay beside them: a tenure is a node of its own in RDF, which a neighbourhood leaves out
    keep |= {o for s, o, key in G.edges(keys=True) if key == ns.CD + "office" and s in keep}
    H = nx.MultiDiGraph(**G.graph)
    H.add_nodes_from((n, dict(G.nodes[n])) for n in sorted(keep))
    for s, o, key, d in sorted(G.edges(keys=True, data=True), key=lambda e: e[:3]):
        if s in keep and o in keep and ((s, key, o) in stated or key == ns.CD + "office"):
            H.add_edge(s, o, key=key, **d)
    for n in H.nodes:
        H.nodes[n]["degree"] = H.degree(n)
    return H
