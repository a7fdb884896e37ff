"""The benchmark harness keeps working: the generator, the quick run, the report, the view-at-scale graph."""

import subprocess
import sys
from pathlib import Path

import pyoxigraph as ox

from kg.build.validate import validate_file
from kg.project import Project

from conftest import ROOT

sys.path.insert(0, str(ROOT / "benchmarks"))


def generate(tmp_path: Path, name: str, triples: int, base: Path) -> Path:
    out = tmp_path / name
    subprocess.run([sys.executable, str(ROOT / "benchmarks/generate.py"), "--triples", str(triples),
                    "--base", str(base), "--out", str(out)], check=True, capture_output=True)
    return out


def test_the_generator_is_deterministic_and_makes_data_of_the_project_s_shape(tmp_path, built):
    project, _ = built  # the real dataset goes in too, ontology included
    a, b = (generate(tmp_path, name, 10_000, project.dataset) for name in ("a.nq", "b.nq"))
    assert a.read_bytes() == b.read_bytes()
    quads = list(ox.parse(path=str(a)))
    assert 10_000 <= len(quads) < 11_500
    claims = {q.graph_name.value for q in quads if "/claim/" in str(q.graph_name)}
    assert len(claims) > 100  # one named graph per claim
    assert validate_file(a, Project(ROOT)) == []  # every shape and check holds, selectors included


def test_bench_quick_runs_every_engine_and_ends_with_the_speed_up(tmp_path):
    done = subprocess.run([sys.executable, str(ROOT / "benchmarks/bench.py"), "--quick", "--out", str(tmp_path)],
                          cwd=ROOT, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr[-2000:]
    lines = done.stdout.strip().splitlines()
    assert lines[-1].startswith("speed-up of the default engine (oxigraph) over rdflib")
    assert float(lines[-1].rsplit(" ", 1)[1].rstrip("x")) > 1
    assert {line.split()[2] for line in lines[:-1]} == {"pyoxigraph", "oxigraph", "rdflib", "server"}

    import json

    from report import plot, write_results

    results = json.loads((tmp_path / "quick.json").read_text())
    write_results(results, tmp_path / "RESULTS.md")
    plot(results, tmp_path / "cost.png")
    report = (tmp_path / "RESULTS.md").read_text()
    assert "| engine | load (s) |" in report and "embedded Oxigraph (default)" in report
    assert "project overhead over pyoxigraph" in report
    assert (tmp_path / "cost.png").read_bytes()[:4] == b"\x89PNG"


def test_the_view_at_scale_uses_a_graph_of_the_size_the_issue_names():
    from view_at_scale import synthetic_projection

    G = synthetic_projection()
    assert (G.number_of_nodes(), G.number_of_edges()) == (2000, 5000)
    assert {d["category"] for _, d in G.nodes(data=True)} >= {"Agreement", "Initiative", "State", "Person"}


def test_the_generator_writes_the_format_its_file_name_says_or_refuses(tmp_path):
    trig = generate(tmp_path, "a.trig", 2_000, tmp_path / "none.trig")
    assert len(list(ox.parse(path=str(trig)))) >= 2_000
    assert b"{" in trig.read_bytes()  # TriG's graph blocks, not N-Quads lines
    done = subprocess.run([sys.executable, str(ROOT / "benchmarks/generate.py"), "--triples", "100",
                           "--out", str(tmp_path / "a.ttl")], capture_output=True, text=True)
    assert done.returncode == 2 and "write a .nq (N-Quads) or .trig (TriG) file" in done.stderr
    assert not (tmp_path / "a.ttl").exists()


def test_a_quick_benchmark_writes_under_build_never_into_tracked_files():
    from bench import default_out

    assert default_out(quick=True) == ROOT / "build" / "bench"
    tracked = subprocess.run(["git", "ls-files", "benchmarks"], cwd=ROOT, capture_output=True, text=True).stdout
    assert "benchmarks/quick.json" not in tracked.split()
