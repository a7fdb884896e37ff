"""The view: one HTML file, offline (nothing from outside), safe (text never runs), tested in a real browser."""

import re
import shutil
from html.parser import HTMLParser

import pyoxigraph as ox
import pytest
from browser import open_page, require_browser

from kg import namespaces as ns
from kg.build import assemble_ontology
from kg.cli import main
from kg.network import project
from kg.view import build_network, render, write_view

from conftest import ROOT

HOSTILE_LABEL = '<img src=x onerror="window.__xss=1">Evil museum'
HOSTILE_QUOTE = "</script><script>window.__xss=2</script>"


class Refs(HTMLParser):
    def __init__(self):
        super().__init__()
        self.refs, self.styles, self._in_style, self.scripts = [], [], False, 0

    def handle_starttag(self, tag, attrs):
        self.scripts += tag == "script"
        self.refs += [(tag, k, v) for k, v in attrs if k in ("src", "href", "srcset", "data", "action", "poster")]
        self._in_style = tag == "style"

    def handle_endtag(self, tag):
        self._in_style = False

    def handle_data(self, data):
        if self._in_style:
            self.styles.append(data)


def outside_refs(html: str) -> list[str]:
    """Every reference from the page to something outside it."""
    parser = Refs()
    parser.feed(html)
    found = [f"{tag} {k}={v}" for tag, k, v in parser.refs if not (v or "").startswith(("data:", "#"))]
    for css in parser.styles:
        found += [u for u in re.findall(r"url\(\s*['\"]?([^'\")]*)", css) if not u.startswith("data:")]
        found += re.findall(r"@import[^;]*", css)
    return found


@pytest.fixture(scope="module")
def view(built, tmp_path_factory):
    _, ds = built
    G = project(ds.quads)
    path = tmp_path_factory.mktemp("view") / "graph.html"
    write_view(G, path)
    return G, path


def test_the_page_refers_to_nothing_outside_itself(view):
    _, path = view
    html = path.read_text(encoding="utf-8")
    assert outside_refs(html) == []
    assert "sourceMappingURL" not in html
    assert re.search(r"<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'", html)


def test_the_checker_sees_outside_references():
    assert outside_refs('<script src="https://cdn.example/x.js"></script>') == ["script src=https://cdn.example/x.js"]
    assert outside_refs("<style>a { background: url(https://x/y.png) }</style>") == ["https://x/y.png"]


def test_the_same_data_gives_the_same_file(built, tmp_path):
    _, ds = built
    a, b = tmp_path / "a.html", tmp_path / "b.html"
    write_view(project(ds.quads), a)
    write_view(project(list(reversed(ds.quads))), b)
    assert a.read_bytes() == b.read_bytes()


def hostile_graph(project_):
    label = HOSTILE_LABEL.replace('"', '\\"')
    ttl = f"""@prefix cd: <https://w3id.org/cdkg/ontology#> . @prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
    @prefix org: <https://w3id.org/cdkg/id/organization/> . @prefix st: <https://w3id.org/cdkg/id/state/> .
    org:evil a cd:Museum ; rdfs:label "{label}"@en , "{HOSTILE_QUOTE}"@fr ; cd:country st:x .
    st:x a cd:State ; rdfs:label "X"@en , "X"@fr ."""
    quads = assemble_ontology(project_) + list(ox.parse(ttl.encode(), format=ox.RdfFormat.TURTLE))
    return project(quads)


def test_html_in_the_data_stays_data_in_the_page(project):
    html = render(build_network(hostile_graph(project)), hostile_graph(project))
    data = re.search(r'<script type="application/json" id="kg-data">(.*?)</script>', html, re.S).group(1)
    assert "<" not in data and ">" not in data
    parser = Refs()
    parser.feed(html)
    assert parser.scripts == 3  # the data block, vis-network, the view's own code


def test_view_command_writes_the_page_and_says_where(built, monkeypatch, capsys, tmp_path):
    project_, _ = built
    monkeypatch.setenv("KG_ROOT", str(ROOT))
    out = tmp_path / "g.html"
    assert main(["view", "--dataset", str(project_.dataset), "--output", str(out), "--lang", "fr"]) == 0
    printed = capsys.readouterr().out
    assert f"file://{out.resolve()}" in printed and "nodes" in printed
    assert '<html lang="fr">' in out.read_text(encoding="utf-8")


def test_view_of_a_construct_query_and_of_any_rdf_file(built, monkeypatch, capsys, tmp_path):
    project_, _ = built
    monkeypatch.setenv("KG_ROOT", str(ROOT))
    out = tmp_path / "guimet.html"
    assert main(["view", "--query", "neighbourhood", "--dataset", str(project_.dataset), "--output", str(out)]) == 0
    assert "5 nodes, 4 edges" in capsys.readouterr().out
    example = ROOT / "ontology/examples/valid/agreement-signed.ttl"
    assert main(["view", "--input", str(example), "--output", str(tmp_path / "x.html")]) == 0
    assert main(["view", "--query", "statuses", "--dataset", str(project_.dataset)]) == 2


# --- in a real browser ---------------------------------------------------------------------------

def test_in_a_browser_offline_the_whole_graph_is_drawn_and_explains_itself(view, built):
    require_browser()
    G, path = view
    with open_page(path) as page:
        seconds = page.wait("() => !!(window.kgView && window.kgView.stable)")
        drawn = page.eval("() => ({nodes: window.kgView.network.body.nodeIndices.length,"
                          " edges: window.kgView.network.body.edgeIndices.length})")
        assert drawn == {"nodes": G.number_of_nodes(), "edges": G.number_of_edges()}
        assert page.eval("() => window.kgView.stableMs") < 10_000 and seconds < 15
        tokayev = ns.entity("person", "kassym-jomart-tokayev")
        tooltip = page.hover_node(tokayev)
        assert "Kassym-Jomart Tokayev" in tooltip and "Kassym-Jomart Tokaïev" in tooltip
        assert "kind: person" in tooltip and "wikidata:Q200881" in tooltip
        panel = page.click_node(ns.entity("agreement", "memorandum-national-museum-guimet"))
        assert "kind: memorandum of understanding · status: signed" in panel
        assert "mémorandum d’entente entre le Musée National de la République du Kazakhstan" in panel
        page.page.mouse.move(5, 5)
        project_, _ = built
        shot = project_.build / "graph.png"
        page.page.screenshot(path=str(shot))
        assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
        assert page.requests == [path.resolve().as_uri()]
        assert page.problems == []
    if ROOT.joinpath("build").is_dir():
        shutil.copyfile(shot, ROOT / "build" / "graph.png")


def test_in_a_browser_filters_and_search_act_on_the_graph(view):
    require_browser()
    G, path = view
    proposed = sum(1 for _, d in G.nodes(data=True) if d["status"].endswith("/proposed"))
    with open_page(path) as page:
        page.wait("() => !!(window.kgView && window.kgView.stable)")
        page.page.locator("#status-filter input[value=proposed]").uncheck()
        assert page.eval("() => window.kgView.visibleCounts().nodes") == G.number_of_nodes() - proposed
        expected = sum(1 for n, d in G.nodes(data=True) if not d["status"].endswith("/proposed")
                       and "guimet" in f"{d['label_fr']} {d['label_en']} {ns.shorten(n)}".lower())
        page.page.locator("#search").fill("guimet")
        assert page.page.locator("#search-count").text_content() == f"{expected} matches"
        assert page.eval("() => window.kgView.network.getSelectedNodes().length") == expected
        assert page.problems == []


@pytest.mark.parametrize("bypass_csp", [False, True], ids=["with-csp", "without-csp"])
def test_in_a_browser_html_in_labels_and_quotes_shows_as_text_and_never_runs(project, tmp_path, bypass_csp):
    """Safe twice over: the page builds tooltips from text nodes, and its CSP would refuse injected code."""
    require_browser()
    G = hostile_graph(project)
    path = tmp_path / "hostile.html"
    write_view(G, path)
    with open_page(path, bypass_csp=bypass_csp) as page:
        page.wait("() => !!(window.kgView && window.kgView.stable)")
        tooltip = page.hover_node(ns.entity("organization", "evil"))
        assert HOSTILE_LABEL in tooltip and HOSTILE_QUOTE in tooltip
        assert HOSTILE_LABEL in page.click_node(ns.entity("organization", "evil"))
        assert page.eval("() => window.__xss === undefined")
        injected = "img[src=x], #panel script, div.vis-tooltip img"
        assert page.eval(f"() => document.querySelectorAll({injected!r}).length") == 0
        assert page.requests == [path.resolve().as_uri()]
