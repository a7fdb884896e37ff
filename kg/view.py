"""The interactive network view: one HTML file that opens offline, safely, in any browser.

pyvis assembles the network (nodes, edges, vis-network options); the page is rendered from the
project's own template (``kg/templates/graph.html``) rather than pyvis's, because pyvis's pulls
Bootstrap and other assets from CDNs and writes tooltips with ``innerHTML``. Here every asset
(vis-network, shipped inside the pyvis package, dual Apache-2.0/MIT) is inlined, the data travels as
JSON inside a ``<script type="application/json">`` block, and tooltips are built with DOM text nodes:
a label or a quote containing HTML shows as text and never runs.

The starting layout is computed with networkx from a fixed seed, so the same data gives the same
file and the same picture; physics then settles briefly and stops.
"""

from __future__ import annotations

import base64
import hashlib
import json
import math
import re
from importlib import resources
from pathlib import Path

import networkx as nx
import numpy as np
from jinja2 import Environment, FileSystemLoader, select_autoescape
from pyvis.network import Network

from kg import namespaces as ns

TEXT = {
    "en": {"title": "Cultural diplomacy graph", "search": "Search a name…", "status": "Status", "domain": "Domain",
           "kinds": "Kind", "all": "all domains", "legend": "Legend", "years": "Years", "from": "from", "to": "to",
           "filters": "Filters", "full_view": "Full view", "other": "other",
           "history": "Status as each source reported it",
           "conflict": "Sources of the same date disagree",
           "drawn": "drawn as",
           "dashed_box": "dashed border: not signed (solid: signed)",
           "dashed_line": "dashed line: from context notes only, not the article",
           "solid_line": "solid line: stated by an article",
           "kind": "kind", "from_article": "from the article", "from_context": "from context notes",
           "words": "The source's words", "wikidata": "Wikidata", "said_by": "said by", "graphs": "stated in",
           "sources": "Sources", "attested": "at", "nodes": "nodes", "edges": "edges", "matches": "matches",
           "close": "close", "link": "link", "focus": "neighbourhood of",
           "help": "Click a node or a link for its sources; double-click to focus on its neighbours. "
                   "Keys: / search, Esc back.",
           "list": "List", "graph": "Graph", "offices": "Offices", "their_words": "In their own words",
           "according_to": "on the word of", "retelling": "The project's retelling, in its own words (not a quotation)",
           "original": "original report", "linked": "Linked to", "timeline": "Relation over time",
           "timeline_with": "timeline with", "stated_at": "stated at",
           "reversed": "The first year is after the last one: the range was not applied.",
           "results": "Best matches", "no_match": "no match", "of": "of"},
    "fr": {"title": "Graphe de la diplomatie culturelle", "search": "Chercher un nom…", "status": "Statut",
           "domain": "Domaine", "kinds": "Type", "all": "tous les domaines", "legend": "Légende", "years": "Années",
           "from": "de", "to": "à", "filters": "Filtres", "full_view": "Vue entière", "other": "autre",
           "history": "Statut selon chaque source",
           "conflict": "Des sources de même date se contredisent",
           "drawn": "dessiné comme",
           "dashed_box": "bordure en pointillés : non signé (pleine : signé)",
           "dashed_line": "trait en pointillés : selon les notes de contexte seulement, pas l’article",
           "solid_line": "trait plein : énoncé par un article",
           "kind": "type", "from_article": "selon l’article", "from_context": "selon les notes de contexte",
           "words": "Les mots de la source", "wikidata": "Wikidata", "said_by": "dit par", "graphs": "énoncé dans",
           "sources": "Sources", "attested": "lors de", "nodes": "nœuds", "edges": "liens", "matches": "résultats",
           "close": "fermer", "link": "lien", "focus": "voisinage de",
           "help": "Cliquer un nœud ou un lien pour ses sources ; double-cliquer pour ne voir que ses voisins. "
                   "Touches : / chercher, Échap revenir.",
           "list": "Liste", "graph": "Graphe", "offices": "Fonctions", "their_words": "Ses propres mots",
           "according_to": "selon", "retelling": "Récit du projet, dans ses propres mots (pas une citation)",
           "original": "article d’origine", "linked": "Lié à", "timeline": "La relation dans le temps",
           "timeline_with": "chronologie avec", "stated_at": "déclaré lors de",
           "reversed": "La première année est après la dernière : la période n’a pas été appliquée.",
           "results": "Meilleurs résultats", "no_match": "aucun résultat", "of": "sur"},
}
TEMPLATES = Path(__file__).with_name("templates")
LARGE = 500  # above this many nodes, communities are laid out as groups and most labels wait for the zoom
# Label sizes (canvas units): every label is drawn between these, by degree. On screen a label is drawn at
# LEGIBLE px or more, at full opacity, or not at all (graph.js); a selected node's neighbours are enlarged to it.
FONT_MIN, FONT_MAX, LEGIBLE = 14, 30, 11
# At scale a shape that holds its label (a box) would be as wide as its name: it is drawn as the plain shape
# of the same family, its name below it, hidden when it does not fit, so shapes never overlap at any zoom.
PLAIN = {"box": "square", "ellipse": "dot", "circle": "dot", "database": "square", "text": "dot"}
SEEDS = 8  # spring embeddings tried for a small graph, from seed on (see layout)
INSIDE = {"box", "ellipse", "circle", "database", "text"}  # shapes that hold their label inside


def _importance(G: nx.MultiDiGraph) -> dict[str, float]:
    """0..1 per node, as vis-network scales sizes and labels from a node's value (its degree)."""
    degrees = {n: G.degree(n) for n in G.nodes}
    lo, hi = min(degrees.values(), default=0), max(degrees.values(), default=0)
    return {n: 0.5 if hi == lo else (d - lo) / (hi - lo) for n, d in degrees.items()}


def _box(d: dict, importance: float) -> tuple[float, float, float]:
    """Width and height a node takes on the canvas, label included (a generous estimate of the text), and
    how far below the node's position the middle of that box is (a label under a shape hangs below it)."""
    font = FONT_MIN + (FONT_MAX - FONT_MIN) * importance
    lines = _wrap(d["label"]).split("\n")
    text_w = max(len(line) for line in lines) * font * 0.62
    text_h = len(lines) * font * 1.25
    if d.get("shape", "dot") in INSIDE:
        w, h = text_w + 16, text_h + 14
        if d.get("shape") == "ellipse":
            w, h = w * 1.1, h * 1.15
        if d.get("shape") in ("circle", "database"):
            w = h = max(w, h)
        return w, h, 0.0
    size = 10 + 20 * importance
    return max(2 * size, text_w) + 8, 2 * size + 6 + text_h, (6 + text_h) / 2


def layout(G: nx.MultiDiGraph, seed: int = 7, scale: float | None = None) -> dict[str, tuple[float, float]]:
    """A deterministic layout, final (the page runs no physics): the best of a few spring embeddings from
    fixed seeds, spread to the room the labels need, then nodes pushed apart until no two boxes overlap."""
    simple = nx.Graph()
    simple.add_nodes_from(sorted(G.nodes))
    simple.add_edges_from(sorted((u, v) for u, v in G.edges() if u != v))
    if not simple:
        return {}
    if simple.number_of_nodes() > LARGE:  # force layouts take 8 to 16 s at 2,000 nodes: group instead
        return _grouped(simple, seed)
    imp = _importance(G)
    nodes = sorted(simple.nodes)
    found = np.array([_box(G.nodes[n], imp[n]) for n in nodes])
    boxes, below = found[:, :2], found[:, 2]
    k = 1.5 / math.sqrt(len(nodes))
    # room for the boxes, twice their area, in a landscape frame like a screen's (about 2:1 under the header)
    side = scale or math.sqrt(2.0 * float((boxes[:, 0] * boxes[:, 1]).sum()))
    padded = boxes + 12
    # How tightly the boxes pack depends on where the spring embedding starts: from one seed the separated
    # boxes lock into tall columns the drawing-in cannot undo (the seed's 61 nodes from seed 7 alone opened
    # at a zoom where 8 labels were readable; from the best of eight, 49). So a few seeds are tried and the one
    # whose separated boxes fit a 2:1 screen at the largest zoom is kept: the same picture for the same data.
    best: tuple[float, np.ndarray] | None = None
    for tried in range(seed, seed + SEEDS):
        pos = nx.spring_layout(simple, seed=tried, k=k, iterations=100)
        xy = np.array([pos[n] for n in nodes], dtype=float)
        span = np.maximum(np.ptp(xy, axis=0), 1e-9)
        xy = (xy - xy.mean(axis=0)) / span * np.array([side * 1.4, side * 0.7])
        xy[:, 1] += below  # work on the boxes' middles, then put the nodes back above them
        xy = _separate(xy, padded)
        extent = np.ptp(np.concatenate([xy - padded / 2, xy + padded / 2]), axis=0)
        zoom = min(2.0 / extent[0], 1.0 / extent[1])
        if best is None or zoom > best[0]:
            best = (zoom, xy)
    assert best is not None
    xy = best[1]
    for _ in range(16):  # then draw them in, towards a 2:1 frame: a tighter map reads at a larger zoom
        w, h = np.ptp(xy, axis=0)
        xy = _separate(xy * np.array([0.95, 0.8] if w < 2 * h else [0.8, 0.95]), padded)
    xy[:, 1] -= below
    return {n: (round(float(x), 1), round(float(y), 1)) for n, (x, y) in zip(nodes, xy, strict=True)}


def _separate(xy: np.ndarray, boxes: np.ndarray, rounds: int = 400, sideways: float = 2.5) -> np.ndarray:
    """Push overlapping boxes apart along the axis where they overlap least, until none overlap."""
    xy = xy.copy()
    n = len(xy)
    for _ in range(rounds):
        dx = xy[:, None, 0] - xy[None, :, 0]
        dy = xy[:, None, 1] - xy[None, :, 1]
        ox_ = (boxes[:, None, 0] + boxes[None, :, 0]) / 2 - np.abs(dx)
        oy_ = (boxes[:, None, 1] + boxes[None, :, 1]) / 2 - np.abs(dy)
        overlap = (ox_ > 0) & (oy_ > 0)
        overlap[np.arange(n), np.arange(n)] = False
        if not overlap.any():
            break
        along_x = ox_ < sideways * oy_  # sideways first (by default): screens are wide, labels are wide
        # ties (same spot) are broken by index, so the result stays deterministic
        sx = np.where(dx == 0, np.sign(np.arange(n)[:, None] - np.arange(n)[None, :]), np.sign(dx))
        sy = np.where(dy == 0, np.sign(np.arange(n)[:, None] - np.arange(n)[None, :]), np.sign(dy))
        push_x = np.where(overlap & along_x, sx * (ox_ / 2 + 0.5), 0).sum(axis=1)
        push_y = np.where(overlap & ~along_x, sy * (oy_ / 2 + 0.5), 0).sum(axis=1)
        xy[:, 0] += push_x * 0.5
        xy[:, 1] += push_y * 0.5
    return xy


def _grouped(simple: nx.Graph, seed: int) -> dict[str, tuple[float, float]]:
    """Communities (Louvain, seeded) as discs placed by a spring layout of the graph of communities (so
    linked communities sit side by side), each one's members on a sunflower spiral, hubs at its centre."""
    groups = sorted((sorted(c) for c in nx.community.louvain_communities(simple, seed=seed)),
                    key=lambda c: (-len(c), c[0]))
    of = {n: i for i, members in enumerate(groups) for n in members}
    spacing = 42.0  # a node at scale is at most 28 wide: two at this distance never overlap, even diagonally
    radius = np.array([spacing * math.sqrt(len(c)) + spacing for c in groups])
    between = nx.Graph()
    between.add_nodes_from(range(len(groups)))
    for u, v in simple.edges():
        a, b = sorted((of[u], of[v]))
        if a != b:
            w = between.get_edge_data(a, b, {"weight": 0})["weight"]
            between.add_edge(a, b, weight=w + 1)
    if len(groups) > 1:
        centre = nx.spring_layout(between, seed=seed, weight="weight", iterations=100)
        xy = np.array([centre[i] for i in range(len(groups))]) * radius.sum() / 2
        discs = np.repeat(radius[:, None] * 2 + spacing, 2, axis=1)
        xy = _separate(xy, discs, sideways=1.0)
        for _ in range(40):  # drawn in until they touch: a map of clusters, not a ring with strays far out
            xy = _separate(xy * 0.9, discs, sideways=1.0)
    else:
        xy = np.zeros((1, 2))
    golden = math.pi * (3 - math.sqrt(5))
    pos: dict[str, tuple[float, float]] = {}
    for i, members in enumerate(groups):
        cx, cy = xy[i]
        for j, n in enumerate(sorted(members, key=lambda m: (-simple.degree(m), m))):
            r, a = spacing * math.sqrt(j), j * golden
            pos[n] = (round(float(cx + r * math.cos(a)), 1), round(float(cy + r * math.sin(a)), 1))
    return pos


def communities_of(G: nx.MultiDiGraph, seed: int = 7) -> dict[str, int]:
    simple = nx.Graph()
    simple.add_nodes_from(sorted(G.nodes))
    simple.add_edges_from(sorted((u, v) for u, v in G.edges() if u != v))
    groups = sorted((sorted(c) for c in nx.community.louvain_communities(simple, seed=seed)),
                    key=lambda c: (-len(c), c[0]))
    return {n: i for i, members in enumerate(groups) for n in members}


def _ink(colour: str) -> str:
    """Dark or light text, whichever reads on the fill."""
    r, g, b = (int(colour[i:i + 2], 16) / 255 for i in (1, 3, 5)) if re.fullmatch(r"#[0-9a-fA-F]{6}", colour) \
        else (0.7, 0.7, 0.7)
    return "#ffffff" if 0.2126 * r + 0.7152 * g + 0.0722 * b < 0.45 else "#1b1b1b"


def build_network(G: nx.MultiDiGraph, lang: str = "en", physics: bool = False) -> Network:
    """The pyvis network: one vis node per entity, one vis edge per relation, styled as the ontology says."""
    net = Network(height="100%", width="100%", directed=True, cdn_resources="local")
    positions = layout(G)
    large = G.number_of_nodes() > LARGE
    group = communities_of(G) if large else {}
    imp = _importance(G)
    top = FONT_MAX
    if large and positions:  # the hubs' names must read at the zoom that shows everything (about 1400 px wide)
        span = np.ptp(np.array(list(positions.values())), axis=0)
        top = max(FONT_MAX, round(13 / min(1400 / max(span[0], 1), 700 / max(span[1], 1)), 1))
    # the most connected first: the page draws labels in this order and leaves out one that would overlap
    for n, d in sorted(G.nodes(data=True), key=lambda nd: (-G.degree(nd[0]), nd[0])):
        colour, shape = d.get("colour", "#bdc3c7"), drawn_shape(d, large)
        extra: dict[str, object] = {}
        if d.get("status"):
            extra["shapeProperties"] = {"borderDashes": [6, 4] if d.get("dashes") else False}
            extra["borderWidth"] = 3
            extra["color"] = {"background": colour, "border": "#1b1b1b" if d.get("dashes") else colour,
                              "highlight": {"background": colour, "border": "#000000"}}
        else:
            extra["color"] = colour
        # sizes by degree, computed here: vis-network's own value scaling costs 0.25 s at 2,000 nodes
        extra["font"] = {"size": round(FONT_MIN + (top - FONT_MIN) * imp[n], 1)}
        size = round(5 + 9 * imp[n], 1) if large else round(10 + 20 * imp[n], 1)  # at scale: within the spacing
        if shape in INSIDE:  # the label sits on the fill: no halo, a colour that reads on it
            extra["font"] |= {"color": _ink(colour), "strokeWidth": 0}
        x, y = positions.get(n, (0.0, 0.0))
        net.add_node(
            n, label=_wrap(d["label"]), shape=shape, size=size, x=x, y=y, physics=False,
            title=d["label"] + (f" · {d['kind_label']}" if d["kind_label"] else ""),  # a line; the card is the panel's
            kg={
                "iri": n, "short": ns.shorten(n), "labels": {"fr": d["label_fr"], "en": d["label_en"]},
                "category": d["category"], "kind": d["kind_label"], "status": d["status"],
                "status_label": d["status_label"], "domains": d["domains"],
                "domain_labels": d.get("domain_labels", {}), "quotation": d.get("quotation", ""),
                "stance": d.get("stance", ""),
                "history": d.get("status_history", []) if len(d.get("status_history", [])) > 1 else [],
                "conflict": d.get("status_conflict", []), "latest_date": _latest_date(d),
                "wikidata": d["wikidata"].rsplit("/", 1)[-1] if d["wikidata"] else "",
                "description": d.get("description", ""), "sources": d["sources"], "evidence": d["evidence"],
                "years": d.get("years", []),
            }, **extra)
    for i, (s, o, key, d) in enumerate(sorted(G.edges(keys=True, data=True), key=lambda e: e[:3])):
        from_context = d["sources"] == ["context"]
        across = large and group.get(s) != group.get(o)
        colour = "#9aa5b1" if from_context else "#5a6470"
        # at scale, an edge's name is in its card only: thousands of hidden labels still cost a measure each
        net.add_edge(s, o, id=f"e{i}", **({} if large else {"label": d["label"]}), arrows="to", dashes=from_context,
                     color={"color": colour, "opacity": 0.18 if across else 1.0},
                     kg={"property": ns.shorten(key), "label": d["label"],
                         "graphs": [ns.shorten(g) for g in d["graphs"]],
                         "sources": d["sources"], "context_sources": d.get("context_sources", []),
                         "citations": d.get("citations", []),
                         "evidence": d["evidence"], "attested_at": d.get("attested_at", []),
                         "start": d.get("start", ""), "end": d.get("end", ""), "years": d.get("years", [])})
    net.set_options(json.dumps(options(physics, G.number_of_nodes())))
    return net


def drawn_shape(d: dict, large: bool) -> str:
    shape = d.get("shape", "dot")
    return PLAIN.get(shape, shape) if large else shape


def drawable(G: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """What the page draws: a node linked to nothing (a publisher, known only as a source's) is left out,
    since it would float unlabelled among the others; a graph with no links at all is drawn whole."""
    alone = [n for n in G.nodes if G.degree(n) == 0]
    if not alone or len(alone) == G.number_of_nodes():
        return G
    H = G.copy()
    H.remove_nodes_from(alone)
    return H


def _latest_date(d: dict) -> str:
    """The date of the latest report of a node's status, where sources of that date disagree."""
    dates = [h["date"] for h in d.get("status_history", []) if h["date"]]
    return max(dates) if d.get("status_conflict") and dates else ""


def _wrap(text: str, width: int = 28) -> str:
    """Labels on a few short lines, so boxes stay readable."""
    words, lines, line = text.split(), [], ""
    for w in words:
        if line and len(line) + 1 + len(w) > width:
            lines.append(line)
            line = w
        else:
            line = f"{line} {w}".strip()
    lines.append(line)
    return "\n".join(lines[:4]) + ("…" if len(lines) > 4 else "")


def options(physics: bool, n_nodes: int) -> dict:
    large = n_nodes > LARGE
    return {
        "layout": {"randomSeed": 7, "improvedLayout": False},
        "interaction": {"hover": True, "tooltipDelay": 200, "navigationButtons": False, "keyboard": False,
                        "hideEdgesOnDrag": large, "hideEdgesOnZoom": large, "multiselect": False},
        "nodes": {"font": {"size": FONT_MIN, "face": "system-ui, sans-serif", "strokeWidth": 3,
                           "strokeColor": "#ffffff"},
                  "borderWidth": 1,
                  # label sizes are set per node; vis-network still hides those under the threshold on screen
                  # vis-network fades a label near its threshold: graph.js decides instead (LEGIBLE px or nothing)
                  "scaling": {"label": {"enabled": False, "maxVisible": 40, "drawThreshold": 1}}},
        "edges": {"font": {"size": 11, "align": "middle", "color": "#333", "background": "rgba(255,255,255,0.9)",
                           "strokeWidth": 0},
                  "scaling": {"label": {"enabled": True, "drawThreshold": 1, "maxVisible": 16}},
                  "smooth": False, "width": 0.6 if large else 1, "arrows": {"to": {"scaleFactor": 0.5}}},
        # the layout comes finished from Python: no physics, so nothing settles, freezes or jumps
        "physics": {"enabled": physics, "stabilization": {"enabled": False}},
    }


# graph.js patches vis-network internals no public option reaches (a label drawn whole or not, no label over
# another, hit-testing of what is drawn, a dimmed element's ink, redraws held while a large graph loads): it is
# written against this version, and a page is refused with another (tests/test_view_vis.py checks both ends)
VIS_VERSION = "9.1.2"


def _asset(name: str) -> str:
    lib = resources.files("pyvis").joinpath("lib", f"vis-{VIS_VERSION}")
    if not lib.is_dir():
        raise RuntimeError(f"kg view: pyvis no longer ships vis-network {VIS_VERSION} (kg/templates/graph.js "
                           f"patches its internals: check them against the new version, then VIS_VERSION)")
    text = lib.joinpath(name).read_text(encoding="utf-8")
    found = re.search(r"@version (\S+)", text[:2000])
    if name.endswith(".js") and (not found or found.group(1) != VIS_VERSION):
        raise RuntimeError(f"kg view: {name} is vis-network {found.group(1) if found else '?'}, not "
                           f"{VIS_VERSION} (kg/templates/graph.js patches its internals)")
    # a source map is fetched by developer tools only, but the file should point nowhere outside itself
    return re.sub(r"/[/*]# sourceMappingURL=[^\n]*", "", text)


def _script_json(value: object) -> str:
    """JSON safe inside a <script> element: no "<" can close it or open a comment."""
    text = json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def render(net: Network, G: nx.MultiDiGraph, lang: str = "en", title: str | None = None,
           timeline_links: dict[str, list[dict[str, str]]] | None = None) -> str:
    nodes, edges, _heading, _height, _width, opts = net.get_network_data()
    words = TEXT.get(lang, TEXT["en"])
    kinds: dict[str, dict[str, object]] = {}
    for _, d in sorted(G.nodes(data=True)):
        entry = kinds.setdefault(d["category"], {"category": d["category"], "count": 0,
                                                 "label": d.get("category_label") or words["other"],
                                                 "shape": drawn_shape(d, G.number_of_nodes() > LARGE),
                                                 "colour": d.get("colour", "#bdc3c7")})
        entry["count"] = int(entry["count"]) + 1  # type: ignore[call-overload]
        if d.get("status"):  # an undertaking's fill is its status's: the legend draws it neutral
            entry["colour"] = "#ffffff"
    used = {d["status"] for _, d in G.nodes(data=True) if d.get("status")}
    statuses = [{"status": s["iri"], "key": s["key"], "label": s["label"], "colour": s["colour"],
                 "dashes": s["dashes"], "signed": s["signed"]}
                for s in G.graph.get("statuses", []) if s["iri"] in used]
    known = {s["status"] for s in statuses}
    for _n, d in sorted(G.nodes(data=True)):  # a status the ontology's scheme does not list still gets a box
        if d.get("status") and d["status"] not in known:
            known.add(d["status"])
            statuses.append({"status": d["status"], "key": d["status"].rsplit("/", 1)[-1],
                             "label": d["status_label"], "colour": d.get("colour", "#bdc3c7"),
                             "dashes": bool(d.get("dashes")), "signed": bool(d.get("signed"))})
    # a domain by its label, also where the domain itself is not drawn (a neighbourhood view)
    domains = sorted({(dom, G.nodes[dom]["label"] if dom in G.nodes
                       else d.get("domain_labels", {}).get(dom) or ns.shorten(dom))
                      for _, d in G.nodes(data=True) for dom in d["domains"]}, key=lambda x: x[1])
    years = sorted({y for _, d in G.nodes(data=True) for y in d.get("years", [])}
                   | {y for *_, d in G.edges(data=True) for y in d.get("years", [])})
    timeline_links = timeline_links or {}
    data = {"nodes": nodes, "edges": edges, "options": json.loads(opts),
            "kinds": sorted(kinds.values(), key=lambda k: (-int(k["count"]), str(k["label"]))),  # type: ignore
            "statuses": statuses, "domains": [{"iri": i, "label": label} for i, label in domains],
            "years": [years[0], years[-1]] if years else [], "lang": lang, "text": words,
            "counts": {"nodes": len(nodes), "edges": len(edges)}, "legible": LEGIBLE,
            "timelines": timeline_links}
    env = Environment(loader=FileSystemLoader(str(TEMPLATES)), autoescape=select_autoescape(["html"]))
    vis_js = _asset("vis-network.min.js")
    app_js = (TEMPLATES / "graph.js").read_text(encoding="utf-8")
    # only these two scripts may run: an injected handler or script would be refused by the browser
    hashes = " ".join(f"'sha256-{base64.b64encode(hashlib.sha256(s.encode()).digest()).decode()}'"
                      for s in (vis_js, app_js))
    return env.get_template("graph.html").render(
        title=title or words["title"], lang=lang, data_json=_script_json(data), script_hashes=hashes,
        vis_css=_asset("vis-network.css"), vis_js=vis_js, app_js=app_js)


def write_view(G: nx.MultiDiGraph, path: Path, lang: str = "en", title: str | None = None,
               timeline_links: dict[str, list[dict[str, str]]] | None = None) -> int:
    """Write the HTML view atomically; its size in bytes. timeline_links: a state's IRI -> the timeline
    pages of its relations ({"href", "with"}: kg view writes them beside the page), linked from its card."""
    from kg.rdfio import atomic_write

    G = drawable(G)
    html = render(build_network(G, lang), G, lang, title, timeline_links).encode("utf-8")
    atomic_write(path, html)
    return len(html)
