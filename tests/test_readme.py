"""The README's examples work: its SPARQL runs on the built dataset and finds what the text says."""

import re

import pyoxigraph as ox

from conftest import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_the_readme_gives_the_two_commands():
    assert "make demo" in README and "make test" in README


def test_the_trace_query_returns_the_passages_the_readme_quotes(built):
    project, _ = built
    (query,) = re.findall(r"```sparql\n(.*?)```", README, flags=re.S)
    store = ox.Store()
    store.load(path=str(project.build / "kg.trig"))
    rows = [(r["exact"].value, int(r["start"].value), int(r["end"].value)) for r in store.query(query)]
    assert rows
    folded = " ".join(README.split())
    for exact, start, end in rows:
        assert f"« {exact} »" in folded
        assert f"{start}–{end}" in folded


def test_the_readme_shows_the_screenshot_of_the_view():
    assert "](docs/graph.png)" in README
    png = ROOT / "docs" / "graph.png"
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and png.stat().st_size > 50_000
