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
from jinja2 import Environment, FileSystemLoader, select_autoescape
from pyvis.network import Network

from kg import namespaces as ns

# Colour and shape per category; undertakings are coloured by status instead.
STYLE: dict[str, dict[str, str]] = {
    "State": {"shape": "diamond", "color": "#1f4e9c"},
    "Person": {"shape": "dot", "color": "#e07b24"},
    "Ministry": {"shape": "square", "color": "#7b4f2c"},
    "Museum": {"shape": "square", "color": "#8e44ad"},
    "Organization": {"shape": "square", "color": "#6d6d6d"},
    "Office": {"shape": "triangle", "color": "#b59f00"},
    "Visit": {"shape": "star", "color": "#0f8b8d"},
    "Meeting": {"shape": "star", "color": "#17a2b8"},
    "Exhibition": {"shape": "star", "color": "#5bc0de"},
    "Event": {"shape": "star", "color": "#17a2b8"},
    "Statement": {"shape": "ellipse", "color": "#f4a6c6"},
    "BilateralRelation": {"shape": "hexagon", "color": "#c0392b"},
    "Place": {"shape": "triangleDown", "color": "#95a5a6"},
    "Domain": {"shape": "hexagon", "color": "#a9cce3"},
    "Other": {"shape": "dot", "color": "#bdc3c7"},
}
UNDERTAKINGS = ("Agreement", "AgreementSet", "Initiative")
STATUS_STYLE: dict[str, dict[str, object]] = {
    "signed": {"color": "#2e7d32", "dashes": False},
    "proposed": {"color": "#ef6c00", "dashes": True},
    "envisaged": {"color": "#f9a825", "dashes": True},
    "discussed": {"color": "#9e9e9e", "dashes": True},
    "ongoing": {"color": "#1565c0", "dashes": True},
    "": {"color": "#bdc3c7", "dashes": True},
}
TEXT = {
    "en": {"title": "Cultural diplomacy graph", "search": "Search a name…", "status": "Status", "domain": "Domain",
           "all": "all domains", "legend": "Legend", "signed_note": "solid: signed · dashed: not signed",
           "kind": "kind", "from_article": "from the article", "from_context": "from context notes",
           "words": "The article's words", "wikidata": "Wikidata", "said_by": "said by", "graphs": "stated in",
           "sources": "sources", "attested": "at", "nodes": "nodes", "edges": "edges", "matches": "matches",
           "close": "close", "help": "Click a node or an edge for its sources."},
    "fr": {"title": "Graphe de la diplomatie culturelle", "search": "Chercher un nom…", "status": "Statut",
           "domain": "Domaine", "all": "tous les domaines", "legend": "Légende",
           "signed_note": "trait plein : signé · pointillés : non signé", "kind": "type",
           "from_article": "selon l’article", "from_context": "selon les notes de contexte",
           "words": "Les mots de l’article", "wikidata": "Wikidata", "said_by": "dit par", "graphs": "énoncé dans",
           "sources": "sources", "attested": "lors de", "nodes": "nœuds", "edges": "liens", "matches": "résultats",
           "close": "fermer", "help": "Cliquer un nœud ou un lien pour ses sources."},
}
TEMPLATES = Path(__file__).with_name("templates")


def layout(G: nx.MultiDiGraph, seed: int = 7, scale: float | None = None) -> dict[str, tuple[float, float]]:
    """A deterministic starting layout (spring embedding from a fixed seed, in sorted node order)."""
    simple = nx.Graph()
    simple.add_nodes_from(sorted(G.nodes))
    simple.add_edges_from(sorted((u, v) for u, v in G.edges() if u != v))
    if not simple:
        return {}
    size = scale or 160 * math.sqrt(simple.number_of_nodes())
    if simple.number_of_nodes() > 500:  # force layouts take 8 to 16 s at 2,000 nodes: group instead
        return _grouped(simple, seed, size)
    k = 1.5 / math.sqrt(simple.number_of_nodes())
    pos = nx.spring_layout(simple, seed=seed, k=k, iterations=100, scale=size)
    return {n: (round(float(x), 1), round(float(y), 1)) for n, (x, y) in pos.items()}


def _grouped(simple: nx.Graph, seed: int, size: float) -> dict[str, tuple[float, float]]:
    """Communities (Louvain, seeded) on a circle, each one's members on a sunflower spiral: O(n), deterministic."""
    groups = sorted((sorted(c) for c in nx.community.louvain_communities(simple, seed=seed)),
                    key=lambda c: (-len(c), c[0]))
    golden = math.pi * (3 - math.sqrt(5))
    spacing = 28.0
    pos: dict[str, tuple[float, float]] = {}
    for i, members in enumerate(groups):
        angle = 2 * math.pi * i / len(groups)
        cx, cy = (0.0, 0.0) if len(groups) == 1 else (size * math.cos(angle), size * math.sin(angle))
        for j, n in enumerate(sorted(members, key=lambda m: (-simple.degree(m), m))):
            r, a = spacing * math.sqrt(j), j * golden
            pos[n] = (round(cx + r * math.cos(a), 1), round(cy + r * math.sin(a), 1))
    return pos


def _short_status(status: str) -> str:
    return status.rsplit("/", 1)[-1] if status.startswith(ns.STATUS) else ""


def build_network(G: nx.MultiDiGraph, lang: str = "en", physics: bool = True) -> Network:
    """The pyvis network: one vis node per entity, one vis edge per relation, styled by kind and status."""
    net = Network(height="100%", width="100%", directed=True, cdn_resources="local")
    positions = layout(G)
    for n, d in sorted(G.nodes(data=True)):
        cat = d["category"]
        status = _short_status(d.get("status", ""))
        style = STYLE.get(cat, STYLE["Other"])
        extra: dict[str, object] = {}
        if cat in UNDERTAKINGS:
            st = STATUS_STYLE.get(status, STATUS_STYLE[""])
            style = {"shape": "box", "color": st["color"]}
            extra["shapeProperties"] = {"borderDashes": [6, 4] if st["dashes"] else False}
            extra["borderWidth"] = 3
            extra["font"] = {"color": "#ffffff" if status == "signed" else "#1b1b1b"}
        x, y = positions.get(n, (0.0, 0.0))
        net.add_node(
            n, label=_wrap(d["label"]), shape=style["shape"], color=style["color"],
            size=round(10 + 6 * math.sqrt(d.get("degree", 0)), 1), x=x, y=y,
            kg={
                "iri": n, "short": ns.shorten(n), "labels": {"fr": d["label_fr"], "en": d["label_en"]},
                "category": cat, "kind": d["kind_label"], "status": status, "status_label": d["status_label"],
                "domains": d["domains"], "wikidata": d["wikidata"].rsplit("/", 1)[-1] if d["wikidata"] else "",
                "description": d.get("description", ""), "sources": d["sources"], "evidence": d["evidence"],
            }, **extra)
    for i, (s, o, key, d) in enumerate(sorted(G.edges(keys=True, data=True), key=lambda e: e[:3])):
        from_context = d["sources"] == ["context"]
        net.add_edge(s, o, id=f"e{i}", label=d["label"], arrows="to", dashes=from_context,
                     color={"color": "#9aa5b1" if from_context else "#5a6470"},
                     kg={"property": ns.shorten(key), "label": d["label"],
                         "graphs": [ns.shorten(g) for g in d["graphs"]],
                         "sources": d["sources"], "context_sources": d.get("context_sources", []),
                         "evidence": d["evidence"], "attested_at": d.get("attested_at", []),
                         "start": d.get("start", ""), "end": d.get("end", "")})
    net.set_options(json.dumps(options(physics, G.number_of_nodes())))
    return net


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
    return {
        "layout": {"randomSeed": 7, "improvedLayout": False},
        "interaction": {"hover": True, "tooltipDelay": 150, "navigationButtons": False, "keyboard": True},
        "nodes": {"font": {"size": 14, "face": "system-ui, sans-serif"}, "borderWidth": 1},
        "edges": {"font": {"size": 10, "align": "middle", "color": "#444"}, "smooth": False,
                  "arrows": {"to": {"scaleFactor": 0.5}}},
        "physics": {
            "enabled": physics,
            "solver": "barnesHut",
            "barnesHut": {"gravitationalConstant": -12000, "centralGravity": 0.15, "springLength": 230,
                          "springConstant": 0.025, "damping": 0.45, "avoidOverlap": 0.4},
            "stabilization": {"enabled": physics, "iterations": 150 if n_nodes < 500 else 60,
                              "updateInterval": 25, "fit": True},
            "minVelocity": 1.0,
        },
    }


def _asset(name: str) -> str:
    text = resources.files("pyvis").joinpath("lib", "vis-9.1.2", name).read_text(encoding="utf-8")
    # a source map is fetched by developer tools only, but the file should point nowhere outside itself
    return re.sub(r"/[/*]# sourceMappingURL=[^\n]*", "", text)


def _script_json(value: object) -> str:
    """JSON safe inside a <script> element: no "<" can close it or open a comment."""
    text = json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def render(net: Network, G: nx.MultiDiGraph, lang: str = "en", title: str | None = None) -> str:
    nodes, edges, _heading, _height, _width, opts = net.get_network_data()
    words = TEXT.get(lang, TEXT["en"])
    present = sorted({d["category"] for _, d in G.nodes(data=True)})
    legend = [{"category": c, **STYLE.get(c, STYLE["Other"]), "label": _category_label(c, lang)}
              for c in present if c not in UNDERTAKINGS]
    statuses = [{"status": s, "color": STATUS_STYLE[s]["color"], "dashes": STATUS_STYLE[s]["dashes"]}
                for s in STATUS_STYLE if s]
    domains = sorted({(dom, G.nodes[dom]["label"] if dom in G.nodes else ns.shorten(dom))
                      for _, d in G.nodes(data=True) for dom in d["domains"]}, key=lambda x: x[1])
    data = {"nodes": nodes, "edges": edges, "options": json.loads(opts), "legend": legend, "statuses": statuses,
            "domains": [{"iri": i, "label": label} for i, label in domains], "lang": lang, "text": words,
            "counts": {"nodes": len(nodes), "edges": len(edges)}}
    env = Environment(loader=FileSystemLoader(str(TEMPLATES)), autoescape=select_autoescape(["html"]))
    vis_js = _asset("vis-network.min.js")
    app_js = (TEMPLATES / "graph.js").read_text(encoding="utf-8")
    # only these two scripts may run: an injected handler or script would be refused by the browser
    hashes = " ".join(f"'sha256-{base64.b64encode(hashlib.sha256(s.encode()).digest()).decode()}'"
                      for s in (vis_js, app_js))
    return env.get_template("graph.html").render(
        title=title or words["title"], lang=lang, data_json=_script_json(data), script_hashes=hashes,
        vis_css=_asset("vis-network.css"), vis_js=vis_js, app_js=app_js)


CATEGORY_LABELS = {
    "State": ("État", "state"), "Person": ("personne", "person"), "Ministry": ("ministère", "ministry"),
    "Museum": ("musée", "museum"), "Organization": ("organisation", "organisation"), "Office": ("fonction", "office"),
    "Visit": ("visite", "visit"), "Meeting": ("rencontre", "meeting"), "Exhibition": ("exposition", "exhibition"),
    "Event": ("événement", "event"), "Statement": ("déclaration", "statement"),
    "BilateralRelation": ("relation bilatérale", "bilateral relation"), "Place": ("lieu", "place"),
    "Domain": ("domaine de coopération", "cooperation domain"), "Other": ("autre", "other"),
}


def _category_label(category: str, lang: str) -> str:
    fr, en = CATEGORY_LABELS.get(category, (category, category))
    return fr if lang == "fr" else en


def write_view(G: nx.MultiDiGraph, path: Path, lang: str = "en", title: str | None = None) -> int:
    """Write the HTML view atomically; its size in bytes."""
    from kg.rdfio import atomic_write

    html = render(build_network(G, lang), G, lang, title).encode("utf-8")
    atomic_write(path, html)
    return len(html)
