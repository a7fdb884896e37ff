"""The review page with many entities: what the server takes to answer, how long the page takes to show, and how
long a search in a pick-list takes, in headless Chromium (Debian's), with 1,000 and 10,000 entities.

    .venv/bin/python benchmarks/review_at_scale.py               # 1,000 and 10,000 entities
    .venv/bin/python benchmarks/review_at_scale.py --sizes 1000  # one size, quicker

The project is the review page tests' (tests/test_review_page.py) with that many more people. A search is timed
inside the page (performance.now around the input event that redraws the list), median of 20 searches of
different words (the first one also folds every label for the search); the target is well under one frame
(16 ms) at 10,000 entities. The options listed are the entities a search shows (at most 50): not the "more" line,
nor the "+ new …" lines that offer to make a name the graph lacks a new entity. The machine's load average (1, 5
and 15 minutes, and its number of cores) is recorded before and after each size: the figures mean little without
it on a shared machine. Writes benchmarks/review_results.json.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

WORDS = ["personne 0", "personne 09", "personne 5555", "gaia", "maroc", "sen", "p", "zzz", "ne 1", "personne 99",
         "rabat", "paris", "9876", "personne 00001", "e", "onne", "gamma", "Personne 4", "pers", "x"]

TIME_SEARCH = """async (words) => {
  const input = document.querySelector('[data-role=picker-search]');
  const out = [], listed = [];
  for (const w of words) {
    const t0 = performance.now();
    input.value = w;
    input.dispatchEvent(new Event('input'));
    out.push(performance.now() - t0);
    listed.push(document.querySelectorAll('[data-role=picker-list] li[data-iri]').length);  // entities only
    await new Promise((r) => requestAnimationFrame(r));
  }
  return [out, listed];
}"""


def measure(entities: int) -> dict:
    from browser import ARGS, CHROMIUM
    from playwright.sync_api import sync_playwright
    from test_review_page import ARTICLE, make_page_project

    from kg.review import ReviewServer, Session

    load_before = [round(x, 2) for x in os.getloadavg()]
    with tempfile.TemporaryDirectory(prefix="kg-review-bench-") as tmp:
        proj = make_page_project(Path(tmp) / "proj", many=entities)
        t0 = time.perf_counter()
        session = Session(proj, ARTICLE, "Bench")
        opened = time.perf_counter() - t0
        t0 = time.perf_counter()
        session.state()
        state = time.perf_counter() - t0
        t0 = time.perf_counter()
        choices = len(json.dumps(session.choices()).encode())
        server = ReviewServer(session)
        thread = threading.Thread(target=server.serve_forever, daemon=True)
        thread.start()
        try:
            with sync_playwright() as pw:
                browser = pw.chromium.launch(executable_path=CHROMIUM, args=ARGS)
                page = browser.new_page(viewport={"width": 1440, "height": 900})
                t0 = time.perf_counter()
                page.goto(server.url)
                page.wait_for_function("() => window.kgReview !== undefined", timeout=60_000)
                shown = time.perf_counter() - t0
                page.click("#cand-memorandum [data-role=add-parties]")
                searches, listed = page.evaluate(TIME_SEARCH, WORDS)
                browser.close()
        finally:
            server.shutdown()
            server.server_close()
    return {"entities": entities, "session_s": round(opened, 3), "state_s": round(state, 4),
            "choices_bytes": choices, "page_shown_s": round(shown, 3),
            "search_ms_median": round(statistics.median(searches), 2), "search_ms_max": round(max(searches), 2),
            "search_ms_first": round(searches[0], 2), "options_listed_at_most": max(listed),
            "load_average_before": load_before, "load_average_after": [round(x, 2) for x in os.getloadavg()],
            "cores": os.cpu_count()}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", type=int, nargs="+", default=[1000, 10_000])
    args = ap.parse_args()
    results = [measure(n) for n in args.sizes]
    for r in results:
        print(json.dumps(r))
    (ROOT / "benchmarks" / "review_results.json").write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
