"""The view at scale: a 2,000-node, 5,000-edge projection in headless Chromium, the project's page against
pyvis's defaults on the same graph, timed from page load to the first drawing (ours: the layout comes finished,
no physics) or vis-network's stabilisation event (pyvis), with the longest task that blocked the page (a freeze).

    .venv/bin/python benchmarks/view_at_scale.py            # the seed's data (61 nodes) and 2,000 nodes
    .venv/bin/python benchmarks/view_at_scale.py --reading  # at 2,000 nodes: overlaps at each zoom, click to card
                                                            # (benchmarks/view_reading.json, with the load average)
    .venv/bin/python benchmarks/view_at_scale.py --reading --nodes 600 --edges 1500   # smaller, while developing

The reading measure looks at the canvas itself: every text drawn (fillText) with its box on screen, every
shape's box on the canvas, at the opening zoom and zoomed in ×2, ×4, ×8; then clicks nodes where they are
drawn and times each from the pointer's release to the card painted (a frame after the panel changed); every
other node is clicked where the card opens (the right of the screen), so that the card's move to the other side
is timed too.
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


# every text drawn, with its box in CSS px on screen; and, from a pointer's release, the time to the card painted
READING = """(() => { window.__texts = []; const f = CanvasRenderingContext2D.prototype.fillText;
CanvasRenderingContext2D.prototype.fillText = function (t, x, y) {
  const m = this.getTransform(), k = Math.hypot(m.a, m.b) / (window.devicePixelRatio || 1), w = this.measureText(t);
  const sx = (m.a * x + m.e) / (window.devicePixelRatio || 1), sy = (m.d * y + m.f) / (window.devicePixelRatio || 1);
  const px = /([0-9.]+)px/.exec(this.font);
  window.__texts.push({t: String(t), px: px ? +px[1] * k : 0, a: this.globalAlpha,
    l: sx, r: sx + w.width * k, top: sy - w.actualBoundingBoxAscent * k, b: sy + w.actualBoundingBoxDescent * k});
  return f.apply(this, arguments); };
  window.__clicks = [];
  document.addEventListener('pointerup', () => { window.__t0 = performance.now(); }, true);
  document.addEventListener('DOMContentLoaded', () => {
    new MutationObserver(() => { const t0 = window.__t0; if (t0 === undefined) return; window.__t0 = undefined;
      requestAnimationFrame(() => setTimeout(() => window.__clicks.push(performance.now() - t0), 0)); })
      .observe(document.getElementById('panel'), {attributes: true, childList: true, subtree: true}); });
})();"""
SIDE = "() => document.getElementById('panel').classList.contains('left')"
SHAPES = """() => { const n = window.kgView.network, b = n.body;
  return b.nodeIndices.map(id => { const x = b.nodes[id]; return [id, x.x, x.y, x.shape.width || 2 * x.options.size,
    x.shape.height || 2 * x.options.size]; }); }"""


def _overlapping(boxes: list[tuple[float, float, float, float]]) -> int:
    """How many boxes (left, top, right, bottom) overlap another, by a grid of cells."""
    cells: dict[tuple[int, int], list[int]] = {}
    size = 64.0
    hit = set()
    for i, (left, top, right, bottom) in enumerate(boxes):
        for cx in range(int(left // size), int(right // size) + 1):
            for cy in range(int(top // size), int(bottom // size) + 1):
                for j in cells.get((cx, cy), []):
                    o = boxes[j]
                    if o[0] < right and left < o[2] and o[1] < bottom and top < o[3]:
                        hit |= {i, j}
                cells.setdefault((cx, cy), []).append(i)
    return len(hit)


def reading(nodes: int = 2000, edges: int = 5000, clicks: int = 20) -> dict:
    """At scale: labels that overlap one another (on screen) and shapes that overlap (on the canvas) at four
    zooms, the smallest label drawn, and the time from a click to its card, for nodes clicked where drawn."""
    from browser import open_page

    from kg.view import write_view

    G = synthetic_projection(nodes, edges)
    out: dict = {"nodes": nodes, "edges": edges, "zooms": []}
    with tempfile.TemporaryDirectory() as tmp:
        html = Path(tmp) / "reading.html"
        write_view(G, html)
        with open_page(html, size=(1440, 900), init_script=READING) as page:
            page.wait("() => !!(window.kgView && window.kgView.stable)", 120)
            shapes = page.eval(SHAPES)

            out["shapes_overlapping"] = _overlapping([(x - w / 2, y - h / 2, x + w / 2, y + h / 2)
                                                      for _, x, y, w, h in shapes])
            opening = page.eval("() => window.kgView.network.getScale()")
            for factor in (1, 2, 4, 8):
                texts = page.eval(f"""() => new Promise(done => {{ const n = window.kgView.network;
                    window.__texts = []; n.once('afterDrawing', () => done(window.__texts));
                    n.moveTo({{scale: {opening * factor}, animation: false}}); }})""")
                # the lines of one label sit one under the other: a label's own lines do not count as overlaps
                out["zooms"].append({"zoom": factor, "texts": len(texts),
                                     "texts_overlapping": _overlapping([(t["l"], t["top"] + 0.5, t["r"], t["b"] - 0.5)
                                                                        for t in texts]),
                                     "smallest_px": round(min((t["px"] for t in texts), default=0), 1),
                                     "faded": sum(1 for t in texts if t["a"] < 0.999)})
            page.eval(f"() => window.kgView.network.moveTo({{scale: {opening * 2}, animation: false}})")
            ids = page.eval("() => window.kgView.visibleIds()")
            step = max(1, len(ids) // clicks)
            same = moved = 0
            for i, node_id in enumerate(ids[::step][:clicks]):
                time.sleep(0.5)  # two clicks closer than this would be a double click (a focus on the neighbourhood)
                # the node in the middle, or (every other click) under the card, at the top of its side: it moves aside
                page.eval(f"""() => {{ const n = window.kgView.network, r = document.getElementById('network'),
                    w = r.clientWidth, h = r.clientHeight;
                    n.moveTo({{position: n.getPositions([{node_id!r}])[{node_id!r}], animation: false,
                    offset: {{x: {(0, 1, 0, -1)[i % 4]} * (w / 2 - 200), y: {i % 2} * (100 - h / 2)}}}}); }}""")
                if i % 2:  # an open card covers its side: a node there is clicked with the card closed
                    page.page.keyboard.press("Escape")
                side = page.eval(SIDE)
                before = len(page.eval("() => window.__clicks"))
                x, y = page.node_xy(node_id)
                page.page.mouse.click(x, y)
                page.wait(f"() => window.__clicks.length > {before}", 10)
                same += page.eval("() => window.kgView.network.getSelectedNodes()[0]") == node_id
                moved += page.eval(SIDE) != side
            times = sorted(page.eval("() => window.__clicks"))
            out["click_to_card_ms"] = {"median": round(times[len(times) // 2], 1),
                                       "p90": round(times[int(len(times) * 0.9)], 1), "max": round(times[-1], 1),
                                       "n": len(times)}
            out["clicked_node_selected"] = f"{same}/{len(times)}"
            out["card_moved_aside"] = f"{moved}/{len(times)}"
            out["problems"] = page.problems
    return out


if __name__ == "__main__":
    import argparse
    import json

    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--reading", action="store_true", help="overlaps at each zoom and click-to-card times only")
    parser.add_argument("--nodes", type=int, default=2000)
    parser.add_argument("--edges", type=int, default=5000)
    args = parser.parse_args()
    if args.reading:
        import os
        from datetime import datetime, timezone

        load_before = os.getloadavg()
        found = reading(args.nodes, args.edges)
        browser = subprocess.run(["/usr/bin/chromium", "--version"], capture_output=True, text=True).stdout.strip()
        found = {"when": datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC"), "browser": browser,
                 "load_average_before": [round(x, 2) for x in load_before],
                 "load_average_after": [round(x, 2) for x in os.getloadavg()], **found}
        text = json.dumps(found, indent=1)
        print(text)
        if (args.nodes, args.edges) == (2000, 5000):  # the recorded figures are the full size's
            out = ROOT / "benchmarks" / "view_reading.json"
            tmp = out.with_suffix(".json.tmp")
            tmp.write_text(text + "\n", encoding="utf-8")
            tmp.replace(out)
    else:
        print({"seed": seed_view(), "scale": measure()})
