"""Headless Chromium (Debian's, at /usr/bin/chromium) driven by Playwright, with the network cut off.

`make test` installs chromium with apt-get and sets KG_REQUIRE_BROWSER=1, so a missing browser fails
there; run by hand without one, the browser tests are skipped with the reason.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest

CHROMIUM = os.environ.get("KG_CHROMIUM", "/usr/bin/chromium")
ARGS = ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def require_browser() -> None:
    if not (Path(CHROMIUM).exists() or shutil.which(CHROMIUM)):
        if os.environ.get("KG_REQUIRE_BROWSER") == "1":
            pytest.fail(f"{CHROMIUM} is missing: `make test` installs Debian's chromium")
        pytest.skip(f"{CHROMIUM} is not installed (make test installs it)")
    pytest.importorskip("playwright.sync_api")


@dataclass
class Page:
    page: object
    requests: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)

    def eval(self, script: str):
        # page.evaluate runs through the DevTools protocol, which the page's CSP does not block
        return self.page.evaluate(script)

    def wait(self, script: str, seconds: float = 30.0) -> float:
        start = time.monotonic()
        while not self.eval(script):
            if time.monotonic() - start > seconds:
                raise AssertionError(f"not true after {seconds} s: {script}")
            time.sleep(0.05)
        return time.monotonic() - start

    def node_xy(self, node_id: str) -> tuple[float, float]:
        return self.eval(f"""() => {{
            const n = window.kgView.network;
            const p = n.getPositions([{node_id!r}])[{node_id!r}];
            const d = n.canvasToDOM(p);
            const r = document.getElementById('network').getBoundingClientRect();
            return [r.left + d.x, r.top + d.y];
        }}""")

    def hover_node(self, node_id: str) -> str:
        """Move the mouse onto a node and return the text of the tooltip vis-network shows."""
        x, y = self.node_xy(node_id)
        self.page.mouse.move(x - 40, y - 40)
        self.page.mouse.move(x, y, steps=5)
        self.wait("() => { const t = document.querySelector('div.vis-tooltip');"
                  " return !!t && t.style.visibility !== 'hidden' && t.textContent.length > 0; }", 10)
        return self.eval("() => document.querySelector('div.vis-tooltip').textContent")

    def click_node(self, node_id: str) -> str:
        """Click a node and return the text of the side panel it opens."""
        self.page.mouse.click(*self.node_xy(node_id))
        self.wait("() => !document.getElementById('panel').hidden")
        return self.page.locator("#panel").text_content()


@contextlib.contextmanager
def open_page(html: Path, *, bypass_csp: bool = False, size=(1400, 900),
              init_script: str | None = None) -> Iterator[Page]:
    """The page in headless Chromium, offline; init_script runs before the page's own (a benchmark's observer)."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        try:
            context = browser.new_context(viewport={"width": size[0], "height": size[1]}, offline=True,
                                          bypass_csp=bypass_csp)
            seen = Page(page=None)

            def route(r):
                seen.requests.append(r.request.url)
                if r.request.url == html.resolve().as_uri():
                    r.continue_()
                else:
                    r.abort()

            context.route("**/*", route)
            if init_script:
                context.add_init_script(init_script)
            page = context.new_page()
            seen.page = page
            page.on("console", lambda m: seen.problems.append(f"{m.type}: {m.text}")
                    if m.type in ("error", "warning") else None)
            page.on("pageerror", lambda e: seen.problems.append(f"pageerror: {e}"))
            page.on("requestfailed", lambda r: seen.problems.append(f"request failed: {r.url}"))
            page.goto(html.resolve().as_uri())
            yield seen
        finally:
            browser.close()
