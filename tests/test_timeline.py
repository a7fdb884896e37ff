"""The relation over time (kg view --timeline): one safe, offline page per pair, from queries/timeline.rq."""

import itertools
import os
import re
import shutil

import pytest
from browser import open_page, require_browser

from kg.cli import main
from kg.timeline import lanes

from conftest import ROOT


@pytest.fixture(scope="module")
def page_path(built, tmp_path_factory):
    project_, _ = built
    out = tmp_path_factory.mktemp("timeline") / "kz-fr.html"
    assert main(["view", "--timeline", "state:kazakhstan", "state:france", "--dataset", str(project_.dataset),
                 "--output", str(out)]) == 0
    return out


def test_the_timeline_page_runs_nothing_and_refers_to_nothing_outside_but_its_sources(page_path):
    html = page_path.read_text(encoding="utf-8")
    assert "<script" not in html
    assert re.search(r"Content-Security-Policy\" content=\"default-src 'none'; script-src 'none'", html)
    assert not re.findall(r'(?:src|href)="(?!#|https?://)[^"]*"', html)  # links only to sources and inside


def test_the_timeline_shows_kazakhstan_and_france_across_the_articles(page_path):
    html = page_path.read_text(encoding="utf-8")
    for year in ("2008", "2023", "2024"):
        assert f">{year}<" in html
    assert "Strategic partnership agreement between Kazakhstan and France (2008)" in html
    assert "https://lapresseturquoise.fr/2024/11/05/kazakhstan-france-signature-accords-culture" in html
    # the retelling links the report it retells
    assert "https://art-critique.com/2023/11/le-kazakhstan-bientot-a-lhonneur-au-musee-guimet" in html
    assert "<q>Parmi les accords" in html  # the words, quoted from the article


def test_sources_of_the_same_date_that_disagree_are_marked():
    row = {"thing": "ex:x", "label": "X", "kind": "agreement", "date": "", "issued": "2024-05-01", "url": "",
           "retells": "", "exact": "", "title": ""}
    rows = [{**row, "status": "s1", "statusLabel": "signed", "source": "ex:one", "claim": "c1"},
            {**row, "status": "s2", "statusLabel": "proposed", "source": "ex:two", "claim": "c2"},
            {**row, "status": "s2", "statusLabel": "proposed", "source": "ex:one", "claim": "c3",
             "issued": "2023-01-01"}]
    drawn = lanes(rows, "en")["lanes"][0]["marks"]
    assert [(m["when"], m["status"], m["conflict"]) for m in drawn] == [
        ("2023-01-01", "proposed", False), ("2024-05-01", "signed", True), ("2024-05-01", "proposed", True)]
    assert drawn[0]["mark"] != drawn[2]["mark"] or drawn[0]["source"] == drawn[2]["source"]


def test_a_retelling_is_not_quoted_as_words_and_says_what_it_is(page_path):
    """The project's own article retells a report: its sentences are its own, not a quotation of anyone."""
    html = page_path.read_text(encoding="utf-8")
    retold = "Macron also announced a prestige exhibition of Kazakh heritage for Paris"
    assert retold in html
    assert not re.search(r"<q>[^<]*" + retold, html)
    fact = re.search(r"<li id=\"fact-[^>]*>(?:(?!</li>).)*" + retold + r"(?:(?!</li>).)*</li>", html, re.S).group(0)
    assert "not a quotation" in fact and "art-critique.com" in fact


def test_one_source_reporting_two_statuses_is_not_called_sources_that_disagree():
    from kg.timeline import render

    row = {"thing": "ex:x", "label": "X", "kind": "initiative", "date": "", "issued": "2023-11", "url": "",
           "retells": "", "exact": "", "title": "One report", "source": "ex:one"}
    rows = [{**row, "status": "s1", "statusLabel": "announced", "claim": "c1"},
            {**row, "status": "s2", "statusLabel": "under study", "claim": "c2"}]
    html = render(rows, "A", "B")
    assert "the same source reports another status at this date" in html and "sources of this date" not in html
    rows.append({**row, "status": "s3", "statusLabel": "signed", "claim": "c3", "source": "ex:two"})
    assert "sources of this date disagree" in render(rows, "A", "B")


def test_a_link_from_the_data_is_never_a_script():
    from kg.timeline import _value

    class T:
        value = "javascript:alert(1)"
    assert _value({"url": T()}, "url") == "" and _value({"title": T()}, "title") == "javascript:alert(1)"


@pytest.mark.parametrize("size", [(1440, 900), (390, 844)], ids=["screen", "phone"])
def test_in_a_browser_the_timeline_reads_offline_and_a_states_card_leads_to_it(built, page_path, tmp_path, size,
                                                                                monkeypatch):
    require_browser()
    with open_page(page_path, size=size) as page:
        assert page.eval("() => document.querySelectorAll('.lane-block').length") >= 5
        assert page.eval("() => document.documentElement.scrollWidth") <= size[0]
        assert page.requests == [page_path.resolve().as_uri()] and page.problems == []
        # the years shown on the axis do not run into one another (on a phone, 18 of them did), and every
        # mark, the undated ones left of the axis too, is on the screen
        years = page.eval("""() => [...document.querySelectorAll('.tick')].map(t => t.getBoundingClientRect())
            .filter(r => r.width > 0).map(r => [r.left, r.right])""")
        assert len(years) >= 3 and all(a[1] <= b[0] for a, b in itertools.pairwise(years))
        marks = page.eval("""() => [...document.querySelectorAll('.mark')].map(m => m.getBoundingClientRect())
            .map(r => [r.left, r.right])""")
        assert marks and all(left >= 0 and right <= size[0] for left, right in marks)
        # docs/timeline*.png are these pictures: written to build/, copied to docs/ with KG_UPDATE_DOCS=1
        name = "timeline.png" if size[0] > 1000 else "timeline-phone.png"
        if (ROOT / "build").is_dir():
            page.page.screenshot(path=str(ROOT / "build" / name), full_page=size[0] > 1000)
            if os.environ.get("KG_UPDATE_DOCS") == "1":
                shutil.copyfile(ROOT / "build" / name, ROOT / "docs" / name)
    # kg view writes each pair of states' timeline beside the graph; a state's card links it
    project_, _ = built
    monkeypatch.setenv("KG_ROOT", str(ROOT))
    graph = tmp_path / "graph.html"
    assert main(["view", "--dataset", str(project_.dataset), "--output", str(graph)]) == 0
    assert (tmp_path / "graph-timeline" / "state-france--state-kazakhstan.html").exists()
    from browser import open_page as open_graph

    with open_graph(graph, size=size) as page:
        page.wait("() => !!(window.kgView && window.kgView.stable)")
        page.eval("() => window.kgView.openNode('https://w3id.org/cdkg/id/state/france')")
        # France shares undertakings with several states: one link each, Kazakhstan's among them
        hrefs = page.eval("() => [...document.querySelectorAll('#panel .timeline-link a')]"
                          ".map(a => a.getAttribute('href'))")
        assert "graph-timeline/state-france--state-kazakhstan.html" in hrefs


@pytest.mark.parametrize("party, said", [("state:nowhere", "is not in the dataset"),
                                         ('"France"', "is not an entity")])
def test_a_party_that_is_not_an_entity_of_the_dataset_is_refused_and_nothing_written(built, tmp_path, capsys, party,
                                                                                    said):
    project_, _ = built
    out = tmp_path / "t.html"
    assert main(["view", "--timeline", "state:kazakhstan", party, "--dataset", str(project_.dataset),
                 "--output", str(out)]) == 2
    assert said in capsys.readouterr().err and not out.exists()


def test_the_page_names_the_parties_by_their_labels(page_path):
    assert "<h1>The relation over time: Kazakhstan – France</h1>" in page_path.read_text(encoding="utf-8")
