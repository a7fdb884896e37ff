"""Cost as the graph grows, engine against engine: load time, peak memory, median latency of every question.

    python benchmarks/bench.py              # every size (10^4 to 10^6), the view at scale: RESULTS.md, cost.png
    python benchmarks/bench.py --quick      # the smallest size, under a minute; prints the speed-up last

Engines, each in its own process (so load time and peak memory are its own):
  pyoxigraph   pyoxigraph used directly, no project code: the reference for the lowest cost reachable
  oxigraph     the project's default engine (kg.store.OxigraphEngine through kg.query.run)
  rdflib       rdflib's in-memory engine (kg.store.RdflibEngine through kg.query.run)
  server       an Oxigraph server on 127.0.0.1 over HTTP through SPARQLWrapper (kg.store.EndpointEngine)
The same bound query texts go to every engine. Medians are over `--repeat` runs after one warm-up; a
question slower than `--slow` seconds runs once, and one slower than `--timeout` is cut off and
counted at the timeout (a lower bound), which the report says.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import platform
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

HERE = Path(__file__).resolve().parent
SIZES = (10_000, 100_000, 1_000_000)
ENGINES = ("pyoxigraph", "oxigraph", "rdflib", "server")
TARGET_MS = 100.0


def library():
    from kg import query as q

    return {name: item for name, item in q.library(ROOT / "queries").items() if not item.needs}


# --- one engine, in its own process ------------------------------------------------------------

def worker(engine: str, dataset: Path, repeat: int, slow: float, timeout: float, url: str | None) -> dict:
    import pyoxigraph as ox

    from kg import query as q
    from kg.store import EndpointEngine, OxigraphEngine, QueryTimeout, RdflibEngine

    items = library()
    started = time.perf_counter()
    if engine == "pyoxigraph":
        store = ox.Store()
        store.bulk_load(path=str(dataset))
    elif engine == "oxigraph":
        runner = OxigraphEngine.in_memory(dataset)
    elif engine == "rdflib":
        runner = RdflibEngine.in_memory(dataset)
    else:
        runner = EndpointEngine(url, timeout=timeout)
    load = time.perf_counter() - started

    def direct(text: str) -> int:
        answer = store.query(text)
        if isinstance(answer, ox.QuerySolutions):  # the cheapest way to read every value
            return len([tuple(s) for s in answer])
        if isinstance(answer, ox.QueryTriples):
            return len(list(answer))
        return 1

    questions = {}
    for name, item in items.items():
        bound = q.bind(item.text, item.params)
        times, rows, cut = [], 0, False
        for i in range(repeat + 1):
            t = time.perf_counter()
            try:
                rows = direct(bound) if engine == "pyoxigraph" else len(q.run(runner, item, timeout=timeout))
            except QueryTimeout:
                times, cut = [timeout], True
                break
            elapsed = time.perf_counter() - t
            if i > 0 or elapsed > slow:
                times.append(elapsed)
            if elapsed > slow:
                break
        questions[name] = {"median_ms": statistics.median(times) * 1000, "rows": rows, "runs": len(times),
                           "cut": cut}
        if cut:  # the abandoned query keeps a core busy: the remaining figures would be wrong
            questions.update({n: {"median_ms": None, "rows": None, "runs": 0, "cut": False, "skipped": True}
                              for n in items if n not in questions})
            break
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {"engine": engine, "load_s": load, "peak_mb": peak, "questions": questions}


def run_worker(engine: str, dataset: Path, args, url: str | None = None) -> dict:
    with tempfile.NamedTemporaryFile(suffix=".json", delete=False) as out:
        target = Path(out.name)
    cmd = [sys.executable, __file__, "worker", "--engine", engine, "--dataset", str(dataset), "--repeat",
           str(args.repeat), "--slow", str(args.slow), "--timeout", str(args.timeout), "--json", str(target)]
    if url:
        cmd += ["--url", url]
    subprocess.run(cmd, check=True, timeout=args.timeout * 40 + 900)
    result = json.loads(target.read_text())
    target.unlink()
    return result


def run_server(dataset: Path, args) -> dict:
    """Load with `oxigraph load` (timed, its memory measured), serve read-only, ask through HTTP."""
    from kg.store import oxigraph_binary
    sys.path.insert(0, str(ROOT / "tests"))
    from servers import free_port, running

    with tempfile.TemporaryDirectory(prefix="bench-oxigraph-") as location:
        loader = [sys.executable, __file__, "server-load", "--dataset", str(dataset), "--location", location]
        loaded = json.loads(subprocess.run(loader, check=True, capture_output=True, text=True).stdout)
        port = free_port()
        cmd = [oxigraph_binary(), "serve-read-only", "--location", location, "--bind", f"127.0.0.1:{port}"]
        with running(cmd, f"http://127.0.0.1:{port}/") as server:
            result = run_worker("server", dataset, args, f"http://127.0.0.1:{port}/query")
            status = Path(f"/proc/{server.pid}/status").read_text()
            server_peak = int(next(x for x in status.splitlines() if x.startswith("VmHWM")).split()[1]) / 1024
    result["load_s"] = loaded["load_s"]
    result["peak_mb"] = max(server_peak, loaded["peak_mb"])
    return result


def server_load(dataset: Path, location: str) -> dict:
    from kg.store import oxigraph_binary

    started = time.perf_counter()
    subprocess.run([oxigraph_binary(), "load", "--location", location, "--file", str(dataset)], check=True,
                   capture_output=True)
    load = time.perf_counter() - started
    return {"load_s": load, "peak_mb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024}


# --- the suite ------------------------------------------------------------------------------------

def dataset(size: int) -> Path:
    """The generated dataset of this size (made once, deterministically, from the built seed data)."""
    path = ROOT / "build" / "bench" / f"kg-{size}.nq"
    if not path.exists():
        seed = ROOT / "build" / "kg.trig"
        if not seed.exists():
            subprocess.run([sys.executable, "-m", "kg.cli", "build"], cwd=ROOT, check=True, capture_output=True)
        subprocess.run([sys.executable, str(HERE / "generate.py"), "--triples", str(size), "--out", str(path)],
                       check=True, capture_output=True)
    return path


def count_quads(path: Path) -> int:
    with path.open("rb") as f:
        return sum(1 for _ in f)


def geomean(values: list[float]) -> float:
    values = [v for v in values if v and v > 0]
    return math.exp(sum(math.log(v) for v in values) / len(values)) if values else float("nan")


def speedup(fast: dict, slow: dict) -> float:
    """Geometric mean over the questions both answered of slow/fast (cut-off times count as lower bounds)."""
    both = [n for n in fast["questions"]
            if fast["questions"][n]["median_ms"] and slow["questions"].get(n, {}).get("median_ms")]
    ratios = [slow["questions"][n]["median_ms"] / fast["questions"][n]["median_ms"] for n in both]
    return geomean(ratios)


def build_seconds(runs: int = 5) -> float:
    """`kg build` on the seed data, as a whole process (interpreter start included), median of runs."""
    times = []
    with tempfile.TemporaryDirectory() as out:
        env = {**os.environ, "KG_ROOT": str(ROOT)}
        code = ("import sys; from pathlib import Path; from kg.cli import main; from kg.project import Project; "
                "import kg.project as p; "
                "p.find_project = lambda start=None: Project(Path(sys.argv[1]), Path(sys.argv[2])); "
                "sys.exit(main(['build']))")
        for _ in range(runs):
            t = time.perf_counter()
            subprocess.run([sys.executable, "-c", code, str(ROOT), out], check=True, env=env, capture_output=True)
            times.append(time.perf_counter() - t)
    return statistics.median(times)


def machine() -> dict:
    import pyoxigraph
    import rdflib

    cpu = next((x.split(":", 1)[1].strip() for x in Path("/proc/cpuinfo").read_text().splitlines()
                if x.startswith("model name")), platform.processor())
    meminfo = Path("/proc/meminfo").read_text().splitlines()
    mem = next((int(x.split()[1]) for x in meminfo if x.startswith("MemTotal")), 0)
    from importlib.metadata import version

    return {"cpu": cpu, "cores": os.cpu_count(), "memory_gb": round(mem / 1024 / 1024, 1),
            "os": f"{platform.system()} {platform.release()}", "python": platform.python_version(),
            "pyoxigraph": pyoxigraph.__version__, "rdflib": rdflib.__version__, "oxigraph": version("oxigraph"),
            "networkx": version("networkx"), "date": time.strftime("%Y-%m-%d")}


def suite(sizes: list[int], args) -> dict:
    results = {"machine": machine(), "sizes": {}}
    for size in sizes:
        path = dataset(size)
        quads = count_quads(path)
        per_engine = {}
        for engine in args.engines:
            print(f"[{size:,}] {engine}…", file=sys.stderr, flush=True)
            per_engine[engine] = run_server(path, args) if engine == "server" else run_worker(engine, path, args)
        results["sizes"][str(size)] = {"quads": quads, "engines": per_engine}
    return results


def default_out(quick: bool) -> Path:
    return ROOT / "build" / "bench" if quick else HERE


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    sub = p.add_subparsers(dest="mode")
    w = sub.add_parser("worker")
    w.add_argument("--engine", choices=ENGINES, required=True)
    w.add_argument("--dataset", type=Path, required=True)
    w.add_argument("--url")
    w.add_argument("--json", type=Path, required=True)
    for q in (p, w):
        q.add_argument("--repeat", type=int, default=5)
        q.add_argument("--slow", type=float, default=5.0, help="a question slower than this runs once")
        q.add_argument("--timeout", type=float, default=120.0, help="cut a question off after this (a lower bound)")
    s = sub.add_parser("server-load")
    s.add_argument("--dataset", type=Path, required=True)
    s.add_argument("--location", required=True)
    p.add_argument("--quick", action="store_true", help="the smallest size only; prints the speed-up last")
    p.add_argument("--sizes", type=int, nargs="*", default=list(SIZES))
    p.add_argument("--engines", nargs="*", default=list(ENGINES), choices=ENGINES)
    p.add_argument("--no-view", action="store_true", help="skip the view at scale")
    p.add_argument("--out", type=Path, help="where results go (default: benchmarks/, and build/bench/ with --quick, "
                                            "so that a quick run never changes a tracked file)")
    args = p.parse_args(argv)

    if args.mode == "worker":
        measured = worker(args.engine, args.dataset, args.repeat, args.slow, args.timeout, args.url)
        args.json.write_text(json.dumps(measured))
        return 0
    if args.mode == "server-load":
        print(json.dumps(server_load(args.dataset, args.location)))
        return 0

    from report import plot, write_results

    if args.quick:  # under a minute: fewer runs, and slow questions run once
        args.repeat, args.slow = min(args.repeat, 3), min(args.slow, 0.5)
    sizes = [min(args.sizes)] if args.quick else sorted(args.sizes)
    args.out = args.out or default_out(args.quick)
    results = suite(sizes, args)
    args.out.mkdir(parents=True, exist_ok=True)
    if args.quick:
        (args.out / "quick.json").write_text(json.dumps(results, indent=1, sort_keys=True) + "\n")
    else:
        results["build_s"] = build_seconds()
        if not args.no_view:
            from view_at_scale import measure

            results["view"] = measure()
        write_results(results, args.out / "RESULTS.md")
        plot(results, args.out / "cost.png")
        (args.out / "results.json").write_text(json.dumps(results, indent=1, sort_keys=True) + "\n")
    for size, data in results["sizes"].items():
        engines = data["engines"]
        for engine, r in engines.items():
            g = geomean([x["median_ms"] for x in r["questions"].values() if x["median_ms"]])
            print(f"{int(size):>9,} quads  {engine:<10} load {r['load_s']:7.2f} s  peak {r['peak_mb']:7.0f} MB  "
                  f"questions (geometric mean of medians) {g:9.2f} ms")
    smallest = results["sizes"][str(sizes[0])]["engines"]
    if "oxigraph" in smallest and "rdflib" in smallest:
        print(f"speed-up of the default engine (oxigraph) over rdflib, geometric mean over the questions: "
              f"{speedup(smallest['oxigraph'], smallest['rdflib']):.1f}x")
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(HERE))
    sys.exit(main())
