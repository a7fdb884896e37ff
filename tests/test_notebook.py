"""The exploration notebook runs headless from top to bottom, and is committed without outputs."""

import json

import nbformat
import pytest
from test_wikidata import copy_project

from conftest import ROOT

NOTEBOOK = ROOT / "notebooks" / "explore.ipynb"


def test_the_notebook_is_committed_without_outputs():
    nb = json.loads(NOTEBOOK.read_text(encoding="utf-8"))
    for cell in nb["cells"]:
        if cell["cell_type"] == "code":
            assert cell["outputs"] == [] and cell["execution_count"] is None, "clear outputs before committing"
    assert NOTEBOOK.stat().st_size < 20_000


def test_the_notebook_runs_headless_without_errors(tmp_path, monkeypatch):
    nbclient = pytest.importorskip("nbclient")
    project = copy_project(tmp_path / "p")
    monkeypatch.setenv("KG_ROOT", str(project.root))
    nb = nbformat.read(NOTEBOOK, as_version=4)
    nbclient.NotebookClient(nb, timeout=180, kernel_name="python3",
                            resources={"metadata": {"path": str(ROOT / "notebooks")}}).execute()
    text = "\n".join("".join(o.get("text", "") for o in c.outputs) for c in nb.cells if c.cell_type == "code")
    assert "declaration of intent" in text and "proposé" in text
    assert "Meeting of the culture ministers" in text  # the analysis ran
    assert "[942–1048]" in text and "⟦ainsi qu’un mémorandum" in text  # a fact traced to its words
    assert "source: Le Kazakhstan et la France signent" in text and "la-presse-turquoise, 2024-11-05" in text
    assert "announced" in text and "under study" in text and "yannick-lintz" in text  # one undertaking, two sources
    assert "published accepted claims only; left out 0 pending and 0 rejected" in text
    assert "https://www.wikidata.org/wiki/Q860994" in text
    assert any(o.get("output_type") == "display_data" and "image/png" in o.get("data", {})
               for c in nb.cells if c.cell_type == "code" for o in c.outputs), "the plot was drawn"
    assert (project.build / "graph.html").is_file()
