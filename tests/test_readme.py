"""The README's examples work: its SPARQL runs on the built dataset and finds what the text says."""

import os
import re
import shlex
import shutil
import subprocess
import sys
import urllib.request

import pyoxigraph as ox
import pytest

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


# --- every command in the README runs -------------------------------------------------------------

def readme_commands() -> list[str]:
    lines = []
    for block in re.findall(r"```sh\n(.*?)```", README, flags=re.S):
        for line in block.splitlines():
            command = line.split(" #", 1)[0].strip()
            if command:
                lines.append(command)
    return lines


COMMANDS = readme_commands()


@pytest.fixture(scope="module")
def readme_env(tmp_path_factory):
    """A copy of the project to run in, an Oxigraph server for the remote-store commands, and a
    Wikidata-shaped server for the Wikidata ones (both on 127.0.0.1: the tests never go online)."""
    from servers import oxigraph_server
    from test_wikidata import copy_project, serve_fixture
    from wikidata_fixture import turtle

    from kg.build import build

    project = copy_project(tmp_path_factory.mktemp("readme") / "p")
    shutil.copytree(ROOT / "eval", project.root / "eval")  # the development articles `kg ingest` reads
    build(project)  # what the README's first command, make demo, does
    with oxigraph_server(tmp_path_factory.mktemp("store")) as store, \
            oxigraph_server(tmp_path_factory.mktemp("wikidata")) as wikidata:
        serve_fixture(wikidata, turtle())
        yield {"root": project.root, "store": store, "wikidata": wikidata + "/query"}


def test_the_readme_has_commands_for_every_part_of_the_tour():
    joined = "\n".join(COMMANDS)
    for needed in ("make demo", "make test", "kg query", "kg view", "kg stats", "kg export", "kg load", "kg serve",
                   "kg wikidata fetch", "make notebook", "make docs", "make validate"):
        assert needed in joined, needed


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_in_the_readme_runs(command, readme_env):
    words = shlex.split(command)
    if words[:2] == ["make", "test"]:
        assert "make test" in (ROOT / ".ci/run").read_text(), "make test is what CI runs"
        return
    if words[0] == "make":
        if not (ROOT / ".venv/bin/kg").exists():
            pytest.skip("make targets need the .venv that `make test` creates")
        done = subprocess.run(words, cwd=ROOT, capture_output=True, text=True, timeout=600)
        assert done.returncode == 0, done.stdout + done.stderr
        if words[1] == "demo":
            assert "build/graph.html" in done.stdout
        return
    assert words[0] == ".venv/bin/kg", f"a README command this test does not know how to run: {command}"
    args = [readme_env["store"] + "/store" if a == "http://localhost:3030/kg/data"
            else a.replace("http://localhost:7878", readme_env["store"]) for a in words[1:]]
    if args[:1] == ["wikidata"] and args[1] in ("fetch", "reconcile") and "--endpoint" not in args:
        args += ["--endpoint", readme_env["wikidata"]]
    env = {**os.environ, "KG_ROOT": str(readme_env["root"])}
    cmd = [sys.executable, "-m", "kg.cli", *args]
    if args[:1] == ["serve"]:
        from servers import free_port, running

        port = free_port()
        with running([*cmd, "--port", str(port)], f"http://127.0.0.1:{port}/", env=env, seconds=60):
            answer = urllib.request.urlopen(f"http://127.0.0.1:{port}/query?query=ASK%7B%7D", timeout=10).read()
            assert b"true" in answer
        return
    done = subprocess.run(cmd, cwd=readme_env["root"], env=env, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stdout + done.stderr
    assert done.stdout.strip(), "every README command prints something"
