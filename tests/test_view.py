"""The view: one HTML file, offline (nothing from outside), safe (text never runs), tested in a real browser."""

import json
import os
import re
import shutil
from html.parser import HTMLParser
from pathlib import Path

import pyoxigraph as ox
import pytest
from browser import open_page, require_browser

from kg import namespaces as ns
from kg.build import assemble_ontology
from kg.cli import main
from kg.network import class_style, index, status_style
from kg.network import project as project_quads
from kg.view import build_network, drawable, render, write_view

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
    G = project_quads(ds.quads)
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
    write_view(project_quads(ds.quads), a)
    write_view(project_quads(list(reversed(ds.quads))), b)
    assert a.read_bytes() == b.read_bytes()


def hostile_graph(project_):
    label = HOSTILE_LABEL.replace('"', '\\"')
    ttl = f"""@prefix cd: <https://w3id.org/cdkg/ontology#> . @prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
    @prefix org: <https://w3id.org/cdkg/id/organization/> . @prefix st: <https://w3id.org/cdkg/id/state/> .
    org:evil a cd:Museum ; rdfs:label "{label}"@en , "{HOSTILE_QUOTE}"@fr ; cd:country st:x .
    st:x a cd:State ; rdfs:label "X"@en , "X"@fr ."""
    quads = assemble_ontology(project_) + list(ox.parse(ttl.encode(), format=ox.RdfFormat.TURTLE))
    return project_quads(quads)


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


def page_data(html: str) -> dict:
    return json.loads(re.search(r'<script type="application/json" id="kg-data">(.*?)</script>', html, re.S).group(1))


def test_view_of_a_construct_query_keeps_kinds_statuses_and_evidence(built, monkeypatch, capsys, tmp_path):
    project_, _ = built
    monkeypatch.setenv("KG_ROOT", str(ROOT))
    out = tmp_path / "guimet.html"
    assert main(["view", "--query", "neighbourhood", "--dataset", str(project_.dataset), "--output", str(out)]) == 0
    assert "5 nodes, 4 edges" in capsys.readouterr().out
    out = tmp_path / "set.html"
    assert main(["view", "--query", "neighbourhood", "--param", "entity=agreement:paris-meeting-agreements",
                 "--dataset", str(project_.dataset), "--output", str(out)]) == 0
    nodes = {n["id"]: n for n in page_data(out.read_text(encoding="utf-8"))["nodes"]}
    the_set = nodes[ns.entity("agreement", "paris-meeting-agreements")]
    assert the_set["kg"]["category"] == "AgreementSet" and the_set["kg"]["status"] == ns.STATUS + "signed"
    assert the_set["shapeProperties"]["borderDashes"] is False  # signed: solid, as in the full view
    assert the_set["color"]["background"] == "#2e7d32"
    assert any("accords ont été signés" in e["exact"] for e in the_set["kg"]["evidence"])
    assert all(e["source"]["iri"] == ns.DOC + "kz-fr-culture-agreements" for e in the_set["kg"]["evidence"])
    assert nodes[ns.entity("state", "france")]["shape"] == "diamond"
    example = ROOT / "ontology/examples/valid/agreement-signed.ttl"
    assert main(["view", "--input", str(example), "--output", str(tmp_path / "x.html")]) == 0
    assert main(["view", "--query", "statuses", "--dataset", str(project_.dataset)]) == 2


# --- styles, kinds and statuses come from the ontology --------------------------------------------

def ontology_with(project_, extra: str) -> list:
    prefixes = """@prefix cd: <https://w3id.org/cdkg/ontology#> .
    @prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
    @prefix skos: <http://www.w3.org/2004/02/skos/core#> . @prefix status: <https://w3id.org/cdkg/status/> .
    @prefix org: <https://w3id.org/cdkg/id/organization/> . @prefix ag: <https://w3id.org/cdkg/id/agreement/> .
    @prefix ex: <http://example.org/> . """
    return assemble_ontology(project_) + list(ox.parse((prefixes + extra).encode(), format=ox.RdfFormat.TURTLE))


def test_a_new_kind_and_a_new_status_take_their_style_from_the_ontology_or_a_default(project):
    quads = ontology_with(project, """
    cd:Library rdfs:subClassOf cd:CulturalInstitution ; rdfs:label "library"@en .
    cd:Archive rdfs:subClassOf cd:CulturalInstitution ; rdfs:label "archive"@en ; cd:colour "#123456" .
    status:mooted a skos:Concept ; skos:inScheme status:scheme ; skos:prefLabel "mooted"@en .
    org:lib a cd:Library ; rdfs:label "A library"@en ; cd:party org:arc .
    org:arc a cd:Archive ; rdfs:label "An archive"@en .
    ag:x a cd:Agreement ; rdfs:label "X"@en ; cd:status status:mooted ; cd:party org:lib .
    ag:y a cd:Agreement ; rdfs:label "Y"@en ; cd:status status:signed ; cd:party org:lib .
    ex:t a ex:Thing ; rdfs:label "T"@en ; ex:p org:lib .""")
    G = project_quads(quads)
    lib, arc = G.nodes[ns.entity("organization", "lib")], G.nodes[ns.entity("organization", "arc")]
    organisation = class_style(index(quads), ns.CD + "Organization")
    assert (lib["category"], lib["colour"], lib["shape"]) == ("Organization", organisation["colour"], "square")
    assert (arc["category"], arc["category_label"], arc["colour"], arc["shape"]) == ("Archive", "archive", "#123456",
                                                                                    "square")
    mooted, signed = G.nodes[ns.entity("agreement", "x")], G.nodes[ns.entity("agreement", "y")]
    assert mooted["shape"] == "box" and mooted["dashes"] is True and mooted["signed"] is False
    assert mooted["colour"] == status_style(index(quads), ns.STATUS + "scheme")["colour"]  # the scheme's default
    assert signed["dashes"] is False and signed["colour"] == "#2e7d32"
    assert G.nodes["http://example.org/t"]["category"] == "Other"
    page = page_data(render(build_network(G), G))
    assert {s["key"] for s in page["statuses"]} == {"mooted", "signed"}
    assert {k["category"] for k in page["kinds"]} >= {"Organization", "Archive", "Agreement", "Other"}


def test_signed_or_not_is_read_from_the_signature_collection_when_the_ontology_has_one(project):
    quads = ontology_with(project, """
    status:signature-reached a skos:Collection ; skos:member status:proposed .
    ag:x a cd:Agreement ; rdfs:label "X"@en ; cd:status status:proposed .
    ag:y a cd:Agreement ; rdfs:label "Y"@en ; cd:status status:discussed .""")
    G = project_quads(quads)
    assert G.nodes[ns.entity("agreement", "x")]["dashes"] is False  # made a member here: drawn solid
    assert G.nodes[ns.entity("agreement", "y")]["dashes"] is True   # not a member: dashed


def test_no_python_list_restates_the_styles():
    import kg.network
    import kg.view

    for module in (kg.view, kg.network):
        text = Path(module.__file__).read_text(encoding="utf-8")
        for name in ("Museum", "Ministry", "Visit", "Exhibition", "envisaged", "proposed", "#1f4e9c", "STATUS_STYLE"):
            assert name not in text, f"{name} restated in {module.__name__}"


def test_every_status_of_the_contract_has_a_style():
    styled = {str(q.subject.value) for q in ox.parse(path=str(ROOT / "ontology/styles.ttl"))
              if q.predicate.value == ns.CD + "colour"}
    for key in ("signed", "proposed", "envisaged", "discussed", "ongoing", "announced", "under-study", "initialled",
                "ratified", "in-force", "suspended", "terminated", "declined"):
        assert ns.STATUS + key in styled


def test_a_merged_entity_is_drawn_once_as_the_one_it_was_merged_into(project):
    quads = ontology_with(project, """@prefix owl: <http://www.w3.org/2002/07/owl#> .
    org:old a cd:Museum ; rdfs:label "Old name"@en ; owl:sameAs org:new .
    org:new a cd:Museum ; rdfs:label "New name"@en .
    ag:x a cd:Agreement ; rdfs:label "X"@en ; cd:status status:signed ; cd:party org:old .""")
    G = project_quads(quads)
    assert ns.entity("organization", "old") not in G
    assert G.has_edge(ns.entity("agreement", "x"), ns.entity("organization", "new"))


# --- the source as a citation ---------------------------------------------------------------------

SEED = "kz-fr-culture-agreements"


@pytest.fixture(scope="module")
def seed_record() -> dict[str, str]:
    """What the seed article's own record says (data/articles/<seed>/article.ttl), the publisher by its
    label in data/entities/: the values the card must cite, read from the files, never restated here."""
    record = {}
    for q in ox.parse(path=str(ROOT / "data/articles" / SEED / "article.ttl")):
        key = {ns.DCTERMS + "title": "title", ns.DCTERMS + "publisher": "publisher", ns.DCTERMS + "issued": "date",
               ns.SCHEMA + "url": "url"}.get(q.predicate.value)
        if key and q.subject.value == ns.DOC + SEED:
            record[key] = q.object.value
    assert set(record) == {"title", "publisher", "date", "url"}, record  # the seed has all four
    labels = {q.object.language: q.object.value for f in sorted((ROOT / "data/entities").glob("*.ttl"))
              for q in ox.parse(path=str(f)) if q.subject.value == record["publisher"]
              and q.predicate.value in (ns.RDFS + "label", ns.SKOS + "prefLabel")}
    record["publisher"] = labels.get("en") or labels.get("fr") or labels[""]
    return record


def test_evidence_names_its_source_with_title_publisher_date_and_address(view, seed_record):
    G, _ = view
    mou = G.nodes[ns.entity("agreement", "memorandum-national-museum-guimet")]
    source = mou["evidence"][0]["source"]
    assert source["iri"] == ns.DOC + SEED
    assert {k: source.get(k) for k in ("title", "publisher", "date", "url")} == seed_record
    assert int(seed_record["date"][:4]) in mou["years"]


def test_evidence_is_found_through_the_provenance_triples_not_the_shape_of_iris(project):
    trig = """@prefix prov: <http://www.w3.org/ns/prov#> . @prefix oa: <http://www.w3.org/ns/oa#> .
    @prefix cd: <https://w3id.org/cdkg/ontology#> . @prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
    <https://w3id.org/cdkg/claim/a/one> { <http://example.org/x> a cd:State ; rdfs:label "X"@en ;
        cd:partner <http://example.org/y> . }
    <https://w3id.org/cdkg/graph/provenance> {
      <https://w3id.org/cdkg/claim/a/one> prov:wasDerivedFrom <http://example.org/segment-7> .
      <http://example.org/segment-7> oa:hasSelector <http://example.org/q> , <http://example.org/p> ;
          oa:hasSource <https://w3id.org/cdkg/doc/a> .
      <http://example.org/q> oa:exact "the words" .
      <http://example.org/p> oa:start 4 ; oa:end 13 . }
    <http://example.org/y> a <http://example.org/Thing> ."""
    quads = assemble_ontology(project) + list(ox.parse(trig.encode(), format=ox.RdfFormat.TRIG))
    words = project_quads(quads).nodes["http://example.org/x"]["evidence"]
    assert [(w["exact"], w["start"], w["end"], w["source"]["iri"]) for w in words] == [
        ("the words", 4, 13, ns.DOC + "a")]


TWO_SOURCES = """@prefix prov: <http://www.w3.org/ns/prov#> . @prefix oa: <http://www.w3.org/ns/oa#> .
@prefix cd: <https://w3id.org/cdkg/ontology#> . @prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix dcterms: <http://purl.org/dc/terms/> . @prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix status: <https://w3id.org/cdkg/status/> . @prefix ag: <https://w3id.org/cdkg/id/agreement/> .
@prefix st: <https://w3id.org/cdkg/id/state/> . @prefix doc: <https://w3id.org/cdkg/doc/> .
@prefix claim: <https://w3id.org/cdkg/claim/> . @prefix ex: <http://example.org/> .
<https://w3id.org/cdkg/graph/entities> { ag:x a cd:Agreement ; rdfs:label "X"@en .
  st:a a cd:State ; rdfs:label "A"@en . }
claim:first { ag:x cd:status status:proposed ; cd:party st:a . }
claim:later { ag:x cd:status status:signed . }
<https://w3id.org/cdkg/graph/sources> {
  doc:one dcterms:title "First report"@en ; dcterms:issued "2023-03-01"^^xsd:date .
  doc:two dcterms:title "Later report"@en ; dcterms:issued "2024-05-14"^^xsd:date . }
<https://w3id.org/cdkg/graph/provenance> {
  claim:first prov:wasDerivedFrom ex:s1 . ex:s1 oa:hasSource doc:one ; oa:hasSelector ex:q1 .
  ex:q1 oa:exact "proposed" .
  claim:later prov:wasDerivedFrom ex:s2 . ex:s2 oa:hasSource doc:two ; oa:hasSelector ex:q2 .
  ex:q2 oa:exact "signed" . }
"""


def test_the_view_draws_the_latest_reported_status_and_keeps_who_said_which_when(project):
    quads = assemble_ontology(project) + list(ox.parse(TWO_SOURCES.encode(), format=ox.RdfFormat.TRIG))
    G = project_quads(quads)
    x = G.nodes[ns.entity("agreement", "x")]
    assert x["status"] == ns.STATUS + "signed" and x["dashes"] is False and x["years"] == [2023, 2024]
    assert [(h["status"], h["date"], h["source"]) for h in x["status_history"]] == [
        ("proposed", "2023-03-01", "First report"), ("signed", "2024-05-14", "Later report")]
    assert x["status_conflict"] == []  # the later report settles it
    page = {n["id"]: n for n in page_data(render(build_network(G), G))["nodes"]}
    assert [h["status"] for h in page[ns.entity("agreement", "x")]["kg"]["history"]] == ["proposed", "signed"]


SAME_DATE = TWO_SOURCES.replace("2024-05-14", "2023-03-01")  # the two reports now share their date


def test_sources_of_the_same_date_that_report_different_statuses_are_flagged(project):
    quads = assemble_ontology(project) + list(ox.parse(SAME_DATE.encode(), format=ox.RdfFormat.TRIG))
    G = project_quads(quads)
    x = G.nodes[ns.entity("agreement", "x")]
    assert x["status_conflict"] == ["proposed", "signed"] and x["status_label"] in x["status_conflict"]
    page = {n["id"]: n for n in page_data(render(build_network(G), G))["nodes"]}
    assert page[ns.entity("agreement", "x")]["kg"]["conflict"] == ["proposed", "signed"]
    assert page[ns.entity("agreement", "x")]["kg"]["latest_date"] == "2023-03-01"
    assert page[ns.entity("state", "a")]["kg"]["conflict"] == []


# --- in a real browser ---------------------------------------------------------------------------

SHOT = ROOT / "build" / "graph.png"


def opened(page) -> None:
    page.wait("() => !!(window.kgView && window.kgView.stable)")


def test_in_a_browser_offline_the_whole_graph_is_drawn_with_one_card(view, built):
    require_browser()
    G, path = view
    with open_page(path, size=(1440, 900)) as page:
        opened(page)
        drawn = page.eval("() => ({nodes: window.kgView.network.body.nodeIndices.length,"
                          " edges: window.kgView.network.body.edgeIndices.length})")
        D = drawable(G)  # what is linked to nothing (a publisher) is not drawn
        assert drawn == {"nodes": D.number_of_nodes(), "edges": D.number_of_edges()}
        tokayev = ns.entity("person", "kassym-jomart-tokayev")
        assert page.hover_node(tokayev) == "Kassym-Jomart Tokayev · person"  # a line, not a second card
        panel = page.click_node(ns.entity("agreement", "memorandum-national-museum-guimet"))
        assert "kind: memorandum of understanding · status: signed" in panel
        assert "mémorandum d’entente entre le Musée National de la République du Kazakhstan" in panel
        assert "Le Kazakhstan et la France signent une série d’accords" in panel  # the source, by its title
        assert not re.search(r"\[\d+–\d+\]", panel)  # offsets mean nothing to a reader
        assert page.eval("() => document.querySelectorAll('.card').length") == 1
        # a point of the canvas with no node or link under it (the opening zoom fills the corners): the tooltip goes
        empty = page.eval("""() => { const n = window.kgView.network, r = document.getElementById('network')
            .getBoundingClientRect(); for (let y = r.height - 10; y > 10; y -= 20) for (let x = 10; x < r.width / 2;
            x += 20) if (n.getNodeAt({x, y}) === undefined && n.getEdgeAt({x, y}) === undefined)
            return [r.left + x, r.top + y]; return null; }""")
        page.page.mouse.move(*empty, steps=3)
        page.wait("() => { const t = document.querySelector('div.vis-tooltip');"
                  " return !t || t.style.visibility === 'hidden'; }", 10)
        project_, _ = built
        shot = project_.build / "graph.png"
        page.page.screenshot(path=str(shot))
        assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
        assert page.requests == [path.resolve().as_uri()]
        assert page.problems == []
    if ROOT.joinpath("build").is_dir():  # docs/graph.png is this picture, copied there with KG_UPDATE_DOCS=1
        shutil.copyfile(shot, SHOT)
        if os.environ.get("KG_UPDATE_DOCS") == "1":
            shutil.copyfile(shot, ROOT / "docs" / "graph.png")


def test_in_a_browser_selecting_highlights_neighbours_and_double_click_focuses(view):
    require_browser()
    G, path = view
    G = drawable(G)
    meeting = ns.entity("event", "balaeva-dati-meeting-paris")
    around = {meeting} | set(G.predecessors(meeting)) | set(G.successors(meeting))
    with open_page(path, size=(1440, 900)) as page:
        opened(page)
        before = page.eval("() => window.kgView.network.getPositions()")
        page.click_node(meeting)
        assert set(page.eval("() => window.kgView.dimmed()")) == set(G.nodes) - around
        page.page.keyboard.press("Escape")
        page.page.keyboard.press("Escape")
        assert page.eval("() => window.kgView.dimmed()") == []
        # the node where the card opens (the right of the screen): the card the first click opened took the
        # second click, and the double click never reached the node
        page.eval(f"""() => {{ const n = window.kgView.network, w = document.getElementById('network').clientWidth;
            n.moveTo({{position: n.getPositions([{meeting!r}])[{meeting!r}], offset: {{x: w / 2 - 200, y: 0}},
                      animation: false}}); }}""")
        page.page.mouse.dblclick(*page.node_xy(meeting))
        # the opening zoom already offers "Full view", so wait for the focus itself
        page.wait("() => document.getElementById('focus-note').textContent !== ''", 5)
        assert not page.eval("() => document.getElementById('full-view').hidden")
        assert set(page.eval("() => window.kgView.visibleIds()")) == around
        page.page.locator("#full-view").click()
        assert page.eval("() => window.kgView.visibleCounts().nodes") == G.number_of_nodes()
        assert page.eval("() => window.kgView.network.getPositions()") == before  # nothing moved
        assert page.problems == []


def test_in_a_browser_filters_by_kind_status_domain_and_years_leave_nothing_floating(view):
    require_browser()
    G, path = view
    degree = {n: G.degree(n) for n in G.nodes}

    def floating(page) -> list[str]:
        """Nodes drawn with links in the data but none drawn (a link can be hidden by the years too)."""
        ids = set(page.eval("() => window.kgView.visibleIds()"))
        drawn = page.eval("() => window.kgView.visibleLinks()")
        assert all(s in ids and o in ids for s, o in drawn)
        linked = {x for s, o in drawn if s != o for x in (s, o)}
        return sorted(n for n in ids if degree[n] and n not in linked)

    with open_page(path, size=(1440, 900)) as page:
        opened(page)
        before = page.eval("() => window.kgView.network.getPositions()")
        proposed = {n for n, d in G.nodes(data=True) if d["status"].endswith("/proposed")}
        page.page.locator("#status-filter input[value=proposed]").uncheck()
        ids = set(page.eval("() => window.kgView.visibleIds()"))
        assert not ids & proposed and floating(page) == []
        page.page.locator("#status-filter input[value=proposed]").check()
        assert page.eval("() => window.kgView.network.getPositions()") == before  # nodes do not jump
        page.page.locator("#kind-filter input[value=Domain]").uncheck()
        assert not {n for n in page.eval("() => window.kgView.visibleIds()") if G.nodes[n]["category"] == "Domain"}
        assert floating(page) == []
        page.page.locator("#kind-filter input[value=Domain]").check()
        page.page.locator("#domain-filter").select_option(ns.DOMAIN + "museums")
        ids = set(page.eval("() => window.kgView.visibleIds()"))
        undertakings = {n for n in ids if G.nodes[n]["status"]}
        assert undertakings and all(ns.DOMAIN + "museums" in G.nodes[n]["domains"] for n in undertakings)
        assert floating(page) == []
        page.page.locator("#domain-filter").select_option("")
        page.page.locator("#year-to").fill("2010")
        page.page.locator("#year-to").press("Enter")
        ids = set(page.eval("() => window.kgView.visibleIds()"))
        dated = {n for n, d in G.nodes(data=True) if d["years"]}
        assert {n for n in dated if min(G.nodes[n]["years"]) > 2010}.isdisjoint(ids)
        assert {n for n in dated if G.nodes[n]["years"] == [2008]} <= ids
        assert floating(page) == []
        assert page.problems == []


OLD_NEWS = """@prefix prov: <http://www.w3.org/ns/prov#> . @prefix oa: <http://www.w3.org/ns/oa#> .
@prefix cd: <https://w3id.org/cdkg/ontology#> . @prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix dcterms: <http://purl.org/dc/terms/> . @prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix ag: <https://w3id.org/cdkg/id/agreement/> . @prefix st: <https://w3id.org/cdkg/id/state/> .
@prefix doc: <https://w3id.org/cdkg/doc/> . @prefix claim: <https://w3id.org/cdkg/claim/> .
@prefix ex: <http://example.org/> .
<https://w3id.org/cdkg/graph/entities> { ag:old a cd:Agreement ; rdfs:label "Old"@en . ag:new a cd:Agreement ;
  rdfs:label "New"@en . st:a a cd:State ; rdfs:label "A"@en . st:b a cd:State ; rdfs:label "B"@en . }
claim:report { ag:old cd:date "2008-06-11"^^xsd:date ; cd:party st:a . ag:new cd:party st:b . }
<https://w3id.org/cdkg/graph/sources> { doc:one dcterms:title "Report"@en ; dcterms:issued "2024-05-14"^^xsd:date . }
<https://w3id.org/cdkg/graph/provenance> { claim:report prov:wasDerivedFrom ex:s . ex:s oa:hasSource doc:one ;
  oa:hasSelector ex:q . ex:q oa:exact "words" . }
"""


def test_in_a_browser_a_link_outside_the_years_holds_up_no_node(project, tmp_path):
    """A 2008 agreement told by a 2024 report: up to 2010, its party is in 2008 but the link is the report's."""
    require_browser()
    G = project_quads(assemble_ontology(project) + list(ox.parse(OLD_NEWS.encode(), format=ox.RdfFormat.TRIG)))
    assert G.nodes[ns.entity("state", "a")]["years"] == [2008, 2024]
    path = tmp_path / "old-news.html"
    write_view(G, path)
    with open_page(path, size=(1440, 900)) as page:
        opened(page)
        page.page.locator("#year-to").fill("2010")
        page.page.locator("#year-to").press("Enter")
        assert page.eval("() => window.kgView.visibleLinks()") == []
        assert page.eval("() => window.kgView.visibleIds()") == []  # nothing drawn alone
        assert page.problems == []


def test_in_a_browser_search_and_filters_work_from_the_keyboard(view):
    require_browser()
    G, path = view
    with open_page(path, size=(1440, 900)) as page:
        opened(page)
        page.page.keyboard.press("/")
        assert page.eval("() => document.activeElement.id") == "search"
        page.page.keyboard.type("guimet")
        expected = sum(1 for n, d in G.nodes(data=True)
                       if "guimet" in f"{d['label_fr']} {d['label_en']} {ns.shorten(n)}".lower())
        assert page.page.locator("#search-count").text_content() == f"{expected} matches"
        page.page.keyboard.press("Enter")
        assert not page.eval("() => document.getElementById('panel').hidden")
        page.page.keyboard.press("Escape")
        assert page.eval("() => document.getElementById('panel').hidden")
        for _ in range(40):  # Tab reaches the kind checkboxes; Space unticks one
            page.page.keyboard.press("Tab")
            if page.eval("() => document.activeElement.name") == "kind":
                break
        kind = page.eval("() => document.activeElement.value")
        page.page.keyboard.press("Space")
        assert not {n for n in page.eval("() => window.kgView.visibleIds()") if G.nodes[n]["category"] == kind}


def test_in_a_browser_the_legend_draws_what_it_names_and_explains_both_dashes(view):
    require_browser()
    G, path = view
    with open_page(path, size=(1440, 900)) as page:
        opened(page)
        drawn = dict(page.eval("""() => Array.from(document.querySelectorAll('#kind-filter label')).map(l =>
            [l.querySelector('input').value, l.querySelector('svg').getAttribute('data-shape')])"""))
        shapes = {d["category"]: d["shape"] for _, d in drawable(G).nodes(data=True)}
        assert drawn == shapes
        assert len({shapes["Visit"], shapes["Meeting"], shapes["Exhibition"]}) == 3
        statuses = page.eval("""() => Array.from(document.querySelectorAll('#status-filter label')).map(l =>
            [l.querySelector('input').value, l.querySelector('svg *').getAttribute('stroke-dasharray')])""")
        assert dict(statuses)["signed"] is None and dict(statuses)["proposed"] == "3 2"
        legend = page.page.locator("#legend").text_content()
        assert "dashed border: not signed" in legend and "dashed line: from context notes" in legend
        # the legend repeats the shapes and fills, the not-signed statuses dashed, and explains both dashes
        dashed = sum(1 for _, dashes in statuses if dashes) + 2
        assert page.eval("() => document.querySelectorAll('#legend svg [stroke-dasharray]').length") == dashed


def test_in_a_browser_at_390_px_everything_fits_the_width(view):
    require_browser()
    _, path = view
    with open_page(path, size=(390, 844)) as page:
        opened(page)
        page.page.locator("#filters > summary").click()
        assert page.eval("() => document.getElementById('filters').open")
        assert page.eval("() => document.documentElement.scrollWidth") <= 390
        right = page.eval("""() => Math.max(...Array.from(document.querySelectorAll(
            'header *, #filters input, #filters select, #filters label')).map(e => e.getBoundingClientRect().right))""")
        assert right <= 390
        assert page.problems == []


def test_in_a_browser_the_source_is_a_citation_with_a_link(view, seed_record):
    require_browser()
    _, path = view
    with open_page(path, size=(1440, 900)) as page:
        opened(page)
        panel = page.click_node(ns.entity("agreement", "memorandum-national-museum-guimet"))
        assert f"{seed_record['title']}, {seed_record['publisher']}, {seed_record['date']}" in panel
        link = page.eval("() => { const a = document.querySelector('#panel .cite a');"
                         " return [a.href, a.target, a.rel]; }")
        assert link == [seed_record["url"], "_blank", "noopener noreferrer"]
        assert page.requests == [path.resolve().as_uri()]


def test_in_a_browser_the_card_says_which_source_reported_which_status_when(project, tmp_path):
    require_browser()
    quads = assemble_ontology(project) + list(ox.parse(TWO_SOURCES.encode(), format=ox.RdfFormat.TRIG))
    path = tmp_path / "two.html"
    write_view(project_quads(quads), path)
    with open_page(path, size=(1440, 900)) as page:
        opened(page)
        panel = page.click_node(ns.entity("agreement", "x"))
        assert "Status as each source reported it" in panel
        assert "proposed (2023-03-01)First report" in panel and "signed (2024-05-14)Later report" in panel
        assert page.problems == []


def test_in_a_browser_the_card_flags_sources_of_the_same_date_that_disagree(project, tmp_path):
    require_browser()
    path = tmp_path / "same-date.html"
    write_view(project_quads(assemble_ontology(project) + list(ox.parse(SAME_DATE.encode(),
                                                                         format=ox.RdfFormat.TRIG))), path)
    with open_page(path, size=(1440, 900)) as page:
        opened(page)
        panel = page.click_node(ns.entity("agreement", "x"))
        assert "Sources of the same date disagree (2023-03-01): proposed / signed" in panel
        assert "proposed (2023-03-01)First report" in panel and "signed (2023-03-01)Later report" in panel
        panel = page.click_node(ns.entity("state", "a"))
        assert "disagree" not in panel
        assert page.problems == []


@pytest.mark.parametrize("bypass_csp", [False, True], ids=["with-csp", "without-csp"])
def test_in_a_browser_html_in_labels_and_quotes_shows_as_text_and_never_runs(project, tmp_path, bypass_csp):
    """Safe twice over: the page builds cards from text nodes, and its CSP would refuse injected code."""
    require_browser()
    G = hostile_graph(project)
    path = tmp_path / "hostile.html"
    write_view(G, path)
    with open_page(path, bypass_csp=bypass_csp) as page:
        opened(page)
        tooltip = page.hover_node(ns.entity("organization", "evil"))
        assert HOSTILE_LABEL in tooltip
        panel = page.click_node(ns.entity("organization", "evil"))
        assert HOSTILE_LABEL in panel and HOSTILE_QUOTE in panel
        assert page.eval("() => window.__xss === undefined")
        injected = "img[src=x], #panel script, div.vis-tooltip img"
        assert page.eval(f"() => document.querySelectorAll({injected!r}).length") == 0
        assert page.requests == [path.resolve().as_uri()]
