"""The view at scale: a 2,000-node, 5,000-edge projection in headless Chromium, the project's page against
pyvis's defaults on the same graph, timed from page load to the first drawing (ours: the layout comes finished,
no physics) or vis-network's stabilisation event (pyvis), with the longest task that blocked the page (a freeze).

    .venv/bin/python benchmarks/view_at_scale.py            # the seed's data (61 nodes) and 2,000 nodes
"""

from __future__ import annotations

import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import networkx as nx

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

CATEGORIES = ("State", "Person", "Ministry", "Museum", "Office", "Meeting", "Visit", "Statement", "Exhibition")
STATUSES = ("signed", "proposed", "envisaged", "discussed", "ongoing")
# the longest main-thread task from navigation on (Chromium's Long Tasks API: tasks over 50 ms)
LONGEST = ("() => (window.__longest || 0)")
WATCH_TASKS = """window.__longest = 0; new PerformanceObserver(list => { for (const e of list.getEntries())
  window.__longest = Math.max(window.__longest, e.duration); }).observe({type: 'longtask', buffered: true});"""


def synthetic_projection(nodes: int = 2000, edges: int = 5000, seed: int = 3) -> nx.MultiDiGraph:
    """A projection shaped like the real one: clustered by country, hubs (states, meetings), undertakings."""
    from kg import namespaces as ns
    from kg.build import assemble_ontology
    from kg.network import class_style, index, status_style
    from kg.project import Project

    ix = index(assemble_ontology(Project(ROOT)))  # the styles are the ontology's, as in a real projection
    rnd = random.Random(seed)
    G = nx.MultiDiGraph()
    countries = 40
    for i in range(nodes):
        undertaking = i % 4 == 0
        cat = rnd.choice(("Agreement", "Initiative")) if undertaking else CATEGORIES[i % len(CATEGORIES)]
        status = ("signed" if cat == "Agreement" else rnd.choice(STATUSES[1:])) if undertaking else ""
        label = f"{cat} {i}"
        style = class_style(ix, ns.CD + cat)
        if status:
            style = {**style, **status_style(ix, ns.STATUS + status)}
        G.add_node(f"https://w3id.org/cdkg/id/synthetic/{i}", label=label, label_fr=label, label_en=label, kind="",
                   kind_label=cat.lower(), category=cat, category_label=cat.lower(),
                   status=ns.STATUS + status if status else "", status_label=status, domains=[], wikidata="",
                   description="", sources=["article"], evidence=[], country=i % countries,
                   years=[2020 + i % 6], **style)
    ids = sorted(G.nodes, key=lambda n: int(n.rsplit("/", 1)[1]))
    by_country = {c: [n for n in ids if G.nodes[n]["country"] == c] for c in range(countries)}
    while G.number_of_edges() < edges:
        a = rnd.choice(ids)
        # mostly within a country's cluster, sometimes across (bilateral relations)
        pool = by_country[G.nodes[a]["country"]] if rnd.random() < 0.8 else ids
        b = rnd.choice(pool)
        if a != b:
            G.add_edge(a, b, key=f"p{G.number_of_edges()}", property="", label="related", graphs=[],
                       sources=["article"], evidence=[])
    for n in G.nodes:
        G.nodes[n]["degree"] = G.degree(n)
    return G


def time_to_stable(html: Path, script: str, limit: float) -> tuple[float | None, float | None]:
    """Seconds from load to the script's condition, and the longest task (ms) that blocked the page."""
    from browser import open_page

    with open_page(html, size=(1440, 900), init_script=WATCH_TASKS) as page:
        started = time.monotonic()
        try:
            page.wait(script, limit)
        except AssertionError:
            return None, None
        seconds = time.monotonic() - started
        time.sleep(0.3)  # let the observer report the last tasks
        return seconds, page.eval(LONGEST)


def seed_view() -> dict:
    """The seed's view (61 nodes in November 2026), from ontology/ and data/ as kg view draws it."""
    from kg.build import assemble
    from kg.network import project
    from kg.project import Project
    from kg.view import write_view

    G = project(assemble(Project(ROOT)).quads)
    with tempfile.TemporaryDirectory() as tmp:
        html = Path(tmp) / "seed.html"
        started = time.perf_counter()
        write_view(G, html)
        write_s = time.perf_counter() - started
        seconds, longest = time_to_stable(html, "() => !!(window.kgView && window.kgView.stable)", 60)
        return {"nodes": G.number_of_nodes(), "edges": G.number_of_edges(), "write_s": write_s, "ours_s": seconds,
                "longest_task_ms": longest}


def measure(limit: float = 120.0) -> dict:
    from pyvis.network import Network

    from kg.view import write_view

    G = synthetic_projection()
    started = time.perf_counter()
    from kg.view import layout

    layout(G)
    layout_s = time.perf_counter() - started
    with tempfile.TemporaryDirectory() as tmp:
        ours = Path(tmp) / "ours.html"
        write_view(G, ours)
        ours_s, ours_longest = time_to_stable(ours, "() => !!(window.kgView && window.kgView.stable)", limit)
        # pyvis's defaults: its own template, vis-network inlined (no CDN: the browser is offline), no layout
        net = Network(cdn_resources="in_line")
        for n, d in G.nodes(data=True):
            net.add_node(n, label=d["label"])
        for s, o in G.edges():
            net.add_edge(s, o)
        theirs = Path(tmp) / "pyvis.html"
        net.write_html(str(theirs))
        hook = ("() => { if (!window.network) return false; if (!window.__hooked) { window.__hooked = true;"
                " window.network.once('stabilizationIterationsDone', () => { window.__stable = true; });"
                " window.network.once('stabilized', () => { window.__stable = true; }); }"
                " return !!window.__stable || !!(window.network.physics && window.network.physics.stabilized); }")
        pyvis_s, pyvis_longest = time_to_stable(theirs, hook, limit)
        browser = subprocess.run(["/usr/bin/chromium", "--version"], capture_output=True, text=True).stdout.strip()
        return {"nodes": G.number_of_nodes(), "edges": G.number_of_edges(), "ours_s": ours_s,
                "ours_longest_task_ms": ours_longest, "pyvis_longest_task_ms": pyvis_longest, "pyvis_s": pyvis_s,
                "pyvis_limit": limit, "layout_s": layout_s, "ours_bytes": ours.stat().st_size,
                "pyvis_bytes": theirs.stat().st_size, "browser": browser}


if __name__ == "__main__":
    print({"seed": seed_view(), "scale": measure()})
