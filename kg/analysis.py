"""Network analysis on the projection the view draws: counts, centrality, communities, exports.

Exports are for Gephi and Cytoscape (GraphML, GEXF) and for spreadsheets (two CSV files). List
attributes are joined with "; " since those formats hold scalars only.
"""

from __future__ import annotations

import csv
import io
from collections import Counter
from pathlib import Path

import networkx as nx

from kg import namespaces as ns
from kg.rdfio import atomic_write, atomic_write_all

SCALAR_NODE_FIELDS = ("label", "label_fr", "label_en", "category", "kind", "kind_label", "status", "status_label",
                      "wikidata", "degree")
SCALAR_EDGE_FIELDS = ("property", "label")


def stats(G: nx.MultiDiGraph, top: int = 8, seed: int = 7) -> dict:
    """Counts by class, status and domain; the most central nodes; communities (Louvain, seeded)."""
    simple = nx.Graph(G.to_undirected())
    degree = nx.degree_centrality(simple) if simple.number_of_nodes() > 1 else {}
    between = nx.betweenness_centrality(simple, seed=seed) if simple.number_of_nodes() > 2 else {}
    communities = nx.community.louvain_communities(simple, seed=seed) if simple.number_of_edges() else []
    by_domain: Counter[str] = Counter()
    for _, d in G.nodes(data=True):
        for dom in d.get("domains", []):
            by_domain[G.nodes[dom]["label"] if dom in G.nodes else ns.shorten(dom)] += 1

    def ranked(scores: dict[str, float]) -> list[tuple[str, float]]:
        rows = ((G.nodes[n]["label"], round(s, 4)) for n, s in scores.items())
        return sorted(rows, key=lambda x: (-x[1], x[0]))[:top]

    return {
        "nodes": G.number_of_nodes(),
        "edges": G.number_of_edges(),
        "by_category": dict(sorted(Counter(d["category"] for _, d in G.nodes(data=True)).items())),
        "by_status": dict(sorted(Counter(d["status_label"] for _, d in G.nodes(data=True) if d.get("status")).items())),
        "by_domain": dict(sorted(by_domain.items(), key=lambda x: (-x[1], x[0]))),
        "degree": ranked(degree),
        "betweenness": ranked(between),
        "communities": sorted((sorted(G.nodes[n]["label"] for n in c) for c in communities),
                              key=lambda c: (-len(c), c)),
    }


def format_stats(s: dict) -> str:
    lines = [f"{s['nodes']} nodes, {s['edges']} edges", "", "by class:"]
    lines += [f"  {k:<20} {v}" for k, v in s["by_category"].items()]
    lines += ["", "by status (agreements and initiatives):"]
    lines += [f"  {k:<20} {v}" for k, v in s["by_status"].items()]
    lines += ["", "by domain:"]
    lines += [f"  {k:<32} {v}" for k, v in s["by_domain"].items()]
    for name in ("degree", "betweenness"):
        lines += ["", f"most central ({name}):"]
        lines += [f"  {score:<8} {label}" for label, score in s[name]]
    lines += ["", f"communities (Louvain, {len(s['communities'])}):"]
    for i, c in enumerate(s["communities"], 1):
        shown = ", ".join(c[:6]) + (f", … (+{len(c) - 6})" if len(c) > 6 else "")
        lines.append(f"  {i}. [{len(c)}] {shown}")
    return "\n".join(lines) + "\n"


def flat(G: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """A copy whose attributes are all scalars, for GraphML and GEXF."""
    H = nx.MultiDiGraph()
    for n, d in G.nodes(data=True):
        attrs = {k: d[k] for k in SCALAR_NODE_FIELDS if k in d}
        attrs["domains"] = "; ".join(d.get("domains", []))
        attrs["sources"] = "; ".join(d.get("sources", []))
        attrs["evidence"] = " | ".join(e["exact"] for e in d.get("evidence", []))
        H.add_node(n, **attrs)
    for s, o, k, d in G.edges(keys=True, data=True):
        attrs = {f: d[f] for f in SCALAR_EDGE_FIELDS}
        attrs["graphs"] = "; ".join(d.get("graphs", []))
        attrs["sources"] = "; ".join(d.get("sources", []))
        H.add_edge(s, o, key=k, **attrs)
    return H


def export(G: nx.MultiDiGraph, fmt: str, out: Path) -> list[Path]:
    """Write the network as graphml, gexf (one file) or csv (out-nodes.csv, out-edges.csv)."""
    H = flat(G)
    if fmt == "graphml":
        buf = io.BytesIO()
        nx.write_graphml(H, buf, encoding="utf-8")
        atomic_write(out, buf.getvalue())
        return [out]
    if fmt == "gexf":
        buf = io.BytesIO()
        nx.write_gexf(H, buf, encoding="utf-8")
        atomic_write(out, buf.getvalue())
        return [out]
    if fmt == "csv":
        stem = out.with_suffix("")
        node_fields = ["id", *SCALAR_NODE_FIELDS, "domains", "sources", "evidence"]
        nodes = _csv(node_fields, ({"id": n, **d} for n, d in H.nodes(data=True)))
        edge_fields = ["source", "target", *SCALAR_EDGE_FIELDS, "graphs", "sources"]
        edges = _csv(edge_fields, ({"source": s, "target": o, **d} for s, o, d in H.edges(data=True)))
        paths = [Path(f"{stem}-nodes.csv"), Path(f"{stem}-edges.csv")]
        atomic_write_all({paths[0]: nodes, paths[1]: edges})
        return paths
    raise ValueError(f"unknown export format {fmt!r} (graphml, gexf, csv)")


def _csv(fields: list[str], rows) -> bytes:
    buf = io.StringIO()
    w = csv.DictWriter(buf, fieldnames=fields, extrasaction="ignore", lineterminator="\n")
    w.writeheader()
    for row in rows:
        w.writerow(row)
    return buf.getvalue().encode("utf-8")


def plot(G: nx.MultiDiGraph, ax=None, labels: bool = True):
    """A static drawing of the network (matplotlib), with the view's colours and deterministic layout."""
    import matplotlib.pyplot as plt

    from kg.view import layout

    if ax is None:
        _, ax = plt.subplots(figsize=(12, 8))
    pos = layout(G)

    def colour(d: dict) -> str:  # the projection carries the ontology's style (a status's colour, else the kind's)
        return str(d.get("colour", "#bdc3c7"))

    nodes = sorted(G.nodes)
    nx.draw_networkx_edges(nx.Graph(G.to_undirected()), pos, ax=ax, alpha=0.25, width=0.8)
    nx.draw_networkx_nodes(G, pos, nodelist=nodes, ax=ax, node_color=[colour(G.nodes[n]) for n in nodes],
                           node_size=[60 + 40 * G.nodes[n].get("degree", 0) for n in nodes])
    if labels:
        big = {n: G.nodes[n]["label"][:28] for n in nodes if G.nodes[n].get("degree", 0) >= 4}
        nx.draw_networkx_labels(G, pos, labels=big, ax=ax, font_size=7)
    ax.set_axis_off()
    return ax
