"""The view patches vis-network 9.1.2's internals (kg/templates/graph.js: what no public option reaches). A
change of the vendored version, or of one internal patched, must fail loudly, not draw silently otherwise."""

import pytest
from browser import open_page, require_browser

import kg.view as view
from kg.network import project as project_quads
from kg.view import VIS_VERSION, write_view


def test_the_vendored_vis_network_is_the_version_the_patches_are_written_for():
    assert f"@version {VIS_VERSION}" in view._asset("vis-network.min.js")[:2000]


def test_another_vis_network_version_is_refused_with_a_reason(monkeypatch):
    monkeypatch.setattr(view, "VIS_VERSION", "9.9.9")
    with pytest.raises(RuntimeError, match=r"graph\.js patches its internals"):
        view._asset("vis-network.min.js")


def test_in_a_browser_a_patched_internal_that_is_gone_is_said_on_the_console(built, monkeypatch, tmp_path):
    require_browser()
    _, ds = built
    asset = view._asset
    # a vis-network whose labels no longer have visible(): the page must say so (every browser test checks the
    # console is quiet), not draw half-patched
    monkeypatch.setattr(view, "_asset", lambda name: asset(name).replace('key:"visible"', 'key:"shown"'))
    path = tmp_path / "graph.html"
    write_view(project_quads(ds.quads), path)
    with open_page(path, size=(1440, 900)) as page:
        page.wait("() => !!(window.kgView && window.kgView.network)")
        page.page.wait_for_timeout(1000)
        assert any("vis-network internals changed" in p and "visible" in p for p in page.problems), page.problems
    monkeypatch.undo()
    write_view(project_quads(ds.quads), path)
    with open_page(path, size=(1440, 900)) as page:
        page.wait("() => !!(window.kgView && window.kgView.stable)")
        assert page.problems == []
