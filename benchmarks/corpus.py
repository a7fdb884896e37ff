"""A synthetic corpus in the authoring format, and what building it costs.

The articles are those of ``generate.py`` (seeded, the project's shape, about 1,000 quads each once
built), written the way an author writes them: ``data/articles/<id>/`` with the text, ``article.ttl``
(title, publisher, date, language) and ``claims.trig`` (one graph per claim, its evidence, its review
state and the activity that produced it, described in the same file), entities in
``data/entities/<kind>.ttl``. The corpus is a project of its own (a copy of the ontology and the
checks), so ``kg build`` runs on it unchanged.

    python benchmarks/corpus.py write --articles 1000 --out build/bench/corpus
    python benchmarks/corpus.py bench --articles 1000       # full build, no-change rebuild, one more article
    python benchmarks/corpus.py large --mb 3 15 50          # one article with a large text

``bench`` builds in fresh processes and reports wall time and peak memory; it writes
``benchmarks/build-results.json`` and its section of ``benchmarks/RESULTS.md``.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import time
from datetime import date, timedelta
from pathlib import Path

import pyoxigraph as ox

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from generate import Generator  # noqa: E402

from kg import namespaces as ns  # noqa: E402
from kg.rdfio import serialize  # noqa: E402

N, L = ox.NamedNode, ox.Literal
A = N(ns.RDF + "type")
PUBLISHER = ns.entity("organization", "synthetic-press")
REVIEW = ns.BASE + "review/"
# article k is dated FIRST_DAY + (k modulo DAYS) days: synthetic, and never in the future whatever the corpus's size
# (k days alone put the articles after the 9,833rd after today in December 2026: quarantined as not yet published)
FIRST_DAY, DAYS = date(2000, 1, 1), 9000


def issued(k: int) -> date:
    """The date of article k."""
    return FIRST_DAY + timedelta(days=k % DAYS)

class Corpus:
    """Article folders and entity files from the seeded generator."""

    def __init__(self, seed: int = 1) -> None:
        self.gen = Generator(seed)
        self.gen.fixed()
        self.entities: list[ox.Quad] = list(self.gen.quads)
        self.gen.quads.clear()
        self.next = 0

    def article(self) -> tuple[str, dict[str, bytes]]:
        """The next article: its identifier and its files (relative path → bytes); its entities are kept."""
        k, self.next = self.next, self.next + 1
        self.gen.article(k)
        quads, self.gen.quads = self.gen.quads, []
        slug = f"synthetic-{k:06d}"
        doc = ns.document(slug)
        text = next(q.object.value for q in quads if q.predicate.value == ns.CD + "text")
        title = next(q.object.value for q in quads if q.predicate.value == ns.DCTERMS + "title")
        exact = {q.subject.value: q.object.value for q in quads if q.predicate.value == ns.OA + "exact"}
        selectors = {q.subject.value: q.object.value for q in quads if q.predicate.value == ns.OA + "hasSelector"
                     and q.object.value in exact}
        segments = {q.subject.value: q.object.value for q in quads if q.predicate.value == ns.PROV + "wasDerivedFrom"}
        new = {q.subject.value for q in quads if q.graph_name.value == ns.ENTITIES_GRAPH and q.predicate == A}
        self.entities += [q for q in quads if q.graph_name.value == ns.ENTITIES_GRAPH]
        self.entities += [ox.Quad(N(e), N(ns.CD + "firstMetIn"), N(doc)) for e in sorted(new)]
        claims = [q for q in quads if q.graph_name.value.startswith(ns.CLAIM)]
        D = ox.DefaultGraph()
        # the activity that produced the claims, described beside them as the authoring format wants
        activity = N(ns.entity("activity", f"generation-{slug}"))
        claims += [ox.Quad(activity, A, N(ns.PROV + "Activity"), D),
                   ox.Quad(activity, A, N(ns.CD + "HandAuthoring"), D),
                   ox.Quad(activity, N(ns.RDFS + "label"), L(f"génération synthétique de {slug}", language="fr"), D),
                   ox.Quad(activity, N(ns.RDFS + "label"), L(f"synthetic generation of {slug}", language="en"), D)]
        for claim in sorted({q.graph_name.value for q in claims if isinstance(q.graph_name, ox.NamedNode)}):
            c = N(claim)
            claims += [ox.Quad(c, N(ns.CD + "evidence"), L(exact[selectors[segments[claim]]]), D),
                       ox.Quad(c, N(ns.CD + "reviewStatus"), N(REVIEW + "accepted"), D),
                       ox.Quad(c, N(ns.CD + "reviewedBy"), L("cdkg benchmark"), D),
                       ox.Quad(c, N(ns.CD + "reviewedAt"), L("2026-11-25T18:00:00Z", datatype=N(ns.XSD + "dateTime")),
                               D),
                       ox.Quad(c, N(ns.PROV + "wasGeneratedBy"), activity, D)]
        d = N(doc)
        metadata = [ox.Quad(d, A, N(ns.CD + "NewsArticle")),
                    ox.Quad(d, N(ns.DCTERMS + "title"), L(title, language="fr")),
                    ox.Quad(d, N(ns.RDFS + "label"), L(title, language="fr")),
                    ox.Quad(d, N(ns.RDFS + "label"), L(title.replace("Article", "Article (en)"), language="en")),
                    ox.Quad(d, N(ns.DCTERMS + "publisher"), N(PUBLISHER)),
                    ox.Quad(d, N(ns.DCTERMS + "issued"),
                            L(issued(k).isoformat(), datatype=N(ns.XSD + "date"))),
                    ox.Quad(d, N(ns.DCTERMS + "language"), L("fr", datatype=N(ns.XSD + "language")))]
        folder = f"data/articles/{slug}"
        return slug, {f"{folder}/{slug}.fr.txt": text.encode("utf-8"),
                      f"{folder}/article.ttl": serialize(metadata, ox.RdfFormat.TURTLE),
                      f"{folder}/claims.trig": serialize(claims, ox.RdfFormat.TRIG)}

    def entity_files(self) -> dict[str, bytes]:
        """data/entities/<kind>.ttl for every kind met so far, the publisher included."""
        fixed = [ox.Quad(N(PUBLISHER), A, N(ns.CD + "MediaOrganization")),
                 ox.Quad(N(PUBLISHER), N(ns.RDFS + "label"), L("Presse synthétique", language="fr")),
                 ox.Quad(N(PUBLISHER), N(ns.RDFS + "label"), L("Synthetic press", language="en"))]
        by_kind: dict[str, list[ox.Quad]] = {}
        for q in fixed + self.entities:
            kind = q.subject.value[len(ns.ID):].split("/", 1)[0]
            by_kind.setdefault(kind, []).append(ox.Quad(q.subject, q.predicate, q.object))
        return {f"data/entities/{kind}.ttl": serialize(qs, ox.RdfFormat.TURTLE) for kind, qs in sorted(by_kind.items())}


def new_project(out: Path) -> None:
    """The project's ontology, checks and reference lists."""
    if out.exists():
        shutil.rmtree(out)
    shutil.copytree(ROOT / "ontology", out / "ontology", ignore=shutil.ignore_patterns("examples"))
    shutil.copytree(ROOT / "queries" / "checks", out / "queries" / "checks")
    shutil.copytree(ROOT / "data" / "reference", out / "data" / "reference")


def write(out: Path, files: dict[str, bytes]) -> None:
    for name, data in files.items():
        path = out / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)


def write_corpus(out: Path, articles: int, seed: int = 1) -> Corpus:
    """A new project at ``out`` with ``articles`` synthetic articles; returns the generator to add more."""
    new_project(out)
    corpus = Corpus(seed)
    for _ in range(articles):
        write(out, corpus.article()[1])
    write(out, corpus.entity_files())
    return corpus


# A fresh process per measurement: peak memory is the process's own, nothing is warm but the disk.
MEASURE = """
import json, resource, sys, time
from pathlib import Path
t0 = time.perf_counter()
from kg.build import build
from kg.project import Project
ds, written = build(Project(Path(sys.argv[1])), strict=False)
me, workers = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
print(json.dumps({"seconds": time.perf_counter() - t0, "quads": ds.counts()[0], "validated": ds.validated,
                  "quarantined": len(ds.quarantined), "peak_mb": me.ru_maxrss / 1024,
                  "workers_peak_mb": workers.ru_maxrss / 1024,
                  "cpu_seconds": me.ru_utime + me.ru_stime + workers.ru_utime + workers.ru_stime}))
"""


def measure(project: Path) -> dict:
    load = os.getloadavg()[0]  # the machine may be shared: say how busy it was
    done = subprocess.run([sys.executable, "-c", MEASURE, str(project)], capture_output=True, text=True)
    if done.returncode != 0:
        raise SystemExit(f"the build failed:\n{done.stderr[-3000:]}")
    return {**json.loads(done.stdout.strip().splitlines()[-1]), "load_before": load}


def bench(articles: int, out: Path, seed: int = 1, query: bool = True, checks: bool = True) -> dict:
    t0 = time.perf_counter()
    corpus = write_corpus(out, articles, seed)
    written = time.perf_counter() - t0
    cold = progress(articles, "cold", measure(out))
    unchanged = progress(articles, "unchanged", measure(out))
    write(out, corpus.article()[1])
    write(out, corpus.entity_files())
    one_more = progress(articles, "one_more", measure(out))
    # one article's text edited (a sentence added at its end: its quotes still found where they were)
    text = next((out / "data" / "articles" / "synthetic-000000").glob("*.txt"))
    text.write_text(text.read_text(encoding="utf-8") + " Une phrase ajoutée après relecture.", encoding="utf-8")
    edited = progress(articles, "edited", measure(out))

    def another() -> None:  # one more article, built: the on-disk store is then updated, not loaded whole
        write(out, corpus.article()[1])
        write(out, corpus.entity_files())
        progress(articles, "one more, for the store", measure(out))

    return {"articles": articles, "write_seconds": written, "cold": cold, "unchanged": unchanged,
            "one_more": one_more, "edited": edited, **({"query": query_costs(out, another)} if query else {}),
            **({"checks": whole_checks(out)} if checks else {})}


def progress(articles: int, what: str, result: dict) -> dict:
    """Say each figure as it comes (a long run stopped midway still told what it measured)."""
    print(f"{articles} articles, {what}: {result['seconds']:.2f} s wall, {result['cpu_seconds']:.2f} s CPU, "
          f"peak {result['peak_mb']:,.0f} MB, load average {result['load_before']:.1f}", file=sys.stderr, flush=True)
    return result


def query_costs(project: Path, change=None) -> dict:
    """What a question costs on the built dataset: loading build/kg.trig into a store (in this process), and
    `kg query` as a fresh process, in memory (the dataset loaded at each call) and on disk (--persistent:
    the first call loads the store, the next ones open it)."""
    project = project.resolve()
    dataset = project / "build" / "kg.trig"
    store = ox.Store()
    t0 = time.perf_counter()
    store.bulk_load(path=str(dataset))
    load = time.perf_counter() - t0
    kg = str(Path(sys.executable).parent / "kg")
    question = str(ROOT / "queries" / "signed-agreements.rq")

    def run(*extra: str) -> float:
        t0 = time.perf_counter()
        done = subprocess.run([kg, "query", question, "--format", "json", "--dataset", str(dataset), *extra],
                              capture_output=True, cwd=project, env={**os.environ, "KG_ROOT": str(project)})
        if done.returncode != 0:
            raise SystemExit(f"kg query failed:\n{done.stderr.decode()[-2000:]}")
        return time.perf_counter() - t0

    shutil.rmtree(project / "build" / "oxigraph", ignore_errors=True)
    costs = {"quads": len(store), "load_seconds": load, "load_before": os.getloadavg()[0],
             "in_memory": run(), "persistent_first": run("--persistent"), "persistent_next": run("--persistent")}
    print(f"kg query: in memory {costs['in_memory']:.2f} s, --persistent first {costs['persistent_first']:.2f} s, "
          f"next {costs['persistent_next']:.2f} s, load average {costs['load_before']:.1f}",
          file=sys.stderr, flush=True)
    if change is not None:  # the dataset changed by one article: the store updated from the one before
        change()
        costs["load_after_change"] = os.getloadavg()[0]
        costs["persistent_after_change"] = run("--persistent")
        print(f"kg query --persistent after one article more: {costs['persistent_after_change']:.2f} s",
              file=sys.stderr, flush=True)
    return costs


def large(megabytes: list[float], out: Path) -> list[dict]:
    """The seed article with its text padded to each size (its claims unchanged): a build in a fresh process."""
    rows = []
    for mb in megabytes:
        if out.exists():
            shutil.rmtree(out)
        for part in ("ontology", "queries/checks", "data"):
            shutil.copytree(ROOT / part, out / part, ignore=shutil.ignore_patterns("examples"))
        text = next((out / "data" / "articles").glob("*/*.txt"))
        filler = "\nUne phrase de remplissage, numéro {}, qui ne dit rien de particulier."
        padding = "".join(filler.format(i) for i in range(int(mb * 1_000_000 / len(filler))))
        text.write_text(text.read_text(encoding="utf-8") + padding, encoding="utf-8")
        rows.append({"megabytes": round(text.stat().st_size / 1e6, 1), **measure(out)})
    return rows


def whole_checks(project: Path) -> dict[str, float]:
    """Seconds of each check of queries/checks/ over the whole built dataset (as `kg validate --dataset` runs
    them), after loading it into an embedded store."""
    from kg.build.validate import load_checks

    store = ox.Store()
    t0 = time.perf_counter()
    store.bulk_load(path=str(project / "build" / "kg.trig"), format=ox.RdfFormat.TRIG)
    seconds = {"(load)": time.perf_counter() - t0}
    for check in load_checks(ROOT / "queries" / "checks"):
        t0 = time.perf_counter()
        rows = sum(1 for _ in store.query(check.query))
        seconds[check.name] = time.perf_counter() - t0
        if rows:
            raise SystemExit(f"check {check.name} fails on the corpus ({rows} rows)")
    return seconds


MARK_START, MARK_END = "<!-- corpus-build:start -->", "<!-- corpus-build:end -->"


def report(results: dict) -> str:
    """The RESULTS.md section: every run, and the targets with met or not."""
    rows = []
    for label, key in (("full build, empty cache", "cold"), ("rebuild, nothing changed", "unchanged"),
                       ("one article added", "one_more"), ("one article's text edited", "edited")):
        if key not in results:
            continue
        r = results[key]
        rows.append(f"| {label} | {r['quads']:,} | {r['validated']} | {r['quarantined']} | {r['seconds']:.1f} "
                    f"| {r['cpu_seconds']:.1f} | {r['peak_mb']:,.0f} | {r['workers_peak_mb']:,.0f} "
                    f"| {r['load_before']:.1f} |")
    cold, one = results["cold"], results["one_more"]
    lines = [MARK_START, "", f"## Building a corpus of {results['articles']:,} articles",
             "", "Written by `python benchmarks/corpus.py bench --articles N` (in `make bench`); raw figures in "
             "`build-results.json`. Each build runs in a fresh process (wall time, including Python's start and "
             "imports; peak resident memory of that process).", "",
             "| run | quads published | parts validated | quarantined | wall (s) | CPU (s, all processes) "
             "| peak memory (MB) | peak of a worker (MB) | load average before |",
             "|---|---:|---:|---:|---:|---:|---:|---:|---:|", *rows, "",
             "| target | measured | met |", "|---|---|---|",
             f"| full build with validation of ~10^6 quads under 60 s | {cold['seconds']:.1f} s for "
             f"{cold['quads']:,} quads | {'yes' if cold['seconds'] < 60 else '**no**'} |",
             f"| adding one article under 2 s | {one['seconds']:.1f} s | {'yes' if one['seconds'] < 2 else '**no**'} |",
             f"| rebuild with nothing changed under 3 s | {results['unchanged']['seconds']:.1f} s "
             f"| {'yes' if results['unchanged']['seconds'] < 3 else '**no**'} |",
             *([f"| one article's text edited under 2 s | {results['edited']['seconds']:.1f} s "
                f"| {'yes' if results['edited']['seconds'] < 2 else '**no**'} |"] if "edited" in results else []),
             f"| peak memory reported | {cold['peak_mb']:,.0f} MB (full build) | yes |", "",
             "Figures taken on a machine shared with other work (2 cores): the load average beside each says how "
             "busy it was; wall time under a load above 2 is longer than on a free machine.", ""]
    sizes = {int(n): r for n, r in results.get("sizes", {}).items()}
    if sizes:
        every = {results["articles"]: results, **sizes}
        def both(run: dict | None) -> str:
            return "not measured" if run is None else f"{run['seconds']:.1f} ({run['cpu_seconds']:.1f})"

        def peak(run: dict | None) -> str:
            return "not measured" if run is None else f"{run['peak_mb']:,.0f}"

        def load(run: dict | None) -> str:
            return "–" if run is None else f"{run['load_before']:.1f}"

        lines += ["### As the corpus grows", "",
                  "Wall time, and in brackets CPU time (all processes), in seconds: under a varying load the CPU "
                  "time is the figure to compare.", "",
                  "| articles | quads | full build | nothing changed | one added | one edited "
                  "| peak memory, full build / one added (MB) | load average (full build, one added) |",
                  "|---:|---:|---:|---:|---:|---:|---:|---:|",
                  *(f"| {n:,} | {r['cold']['quads']:,} | {both(r['cold'])} | {both(r.get('unchanged'))} "
                    f"| {both(r.get('one_more'))} | {both(r.get('edited'))} "
                    f"| {peak(r['cold'])} / {peak(r.get('one_more'))} "
                    f"| {load(r['cold'])}, {load(r.get('one_more'))} |"
                    for n, r in sorted(every.items())), ""]
        if unfinished := [n for n, r in sorted(every.items()) if "one_more" not in r]:
            lines += [f"At {', '.join(f'{n:,}' for n in unfinished)} articles the run did not finish in the time "
                      "it had: the figures not measured are said so, not estimated.", ""]
    queries = {n: r["query"] for n, r in ({results["articles"]: results, **sizes}).items() if r.get("query")}
    if queries:
        lines += ["### Asking a question of the built dataset", "",
                  "`kg query signed-agreements` as a fresh process (wall time to its answer, Python's start "
                  "included); loading `build/kg.trig` into an in-memory store is what every in-memory call pays.", "",
                  "| articles | quads | load of kg.trig (s) | `kg query` in memory (s) | `kg query --persistent`, "
                  "first call: loads the store (s) | `--persistent`, next calls (s) | `--persistent` after one "
                  "article more: updates the store (s) | load average |",
                  "|---:|---:|---:|---:|---:|---:|---:|---:|",
                  *(f"| {n:,} | {q['quads']:,} | {q['load_seconds']:.1f} | {q['in_memory']:.1f} "
                    f"| {q['persistent_first']:.1f} | {q['persistent_next']:.1f} "
                    f"| {_seconds(q.get('persistent_after_change'))} | {q['load_before']:.1f} |"
                    for n, q in sorted(queries.items())), ""]
    if results.get("checks"):
        checks = results["checks"]
        slowest = max((k for k in checks if k != "(load)"), key=checks.get)
        lines += [f"The checks of `queries/checks/` over the whole built dataset ({one['quads']:,} quads, as "
                  f"`kg validate --dataset` runs them): {sum(v for k, v in checks.items() if k != '(load)'):.1f} s "
                  f"for all {len(checks) - 1}, the slowest {slowest} ({checks[slowest]:.1f} s), after "
                  f"{checks['(load)']:.1f} s of loading. The build itself runs them per article.", ""]
    if results.get("large"):
        lines += ["### One large article", "", "`python benchmarks/corpus.py large --mb 3 15 50`: the seed article "
                  "with its text padded (claims unchanged), built in a fresh process (the figures of the last "
                  "`large` run, kept in `build-results.json`).", "",
                  "| text (MB) | wall (s) | CPU (s) | peak memory (MB) | load average before |",
                  "|---:|---:|---:|---:|---:|",
                  *(f"| {r['megabytes']} | {r['seconds']:.1f} | {r['cpu_seconds']:.1f} | {r['peak_mb']:,.0f} "
                    f"| {r['load_before']:.1f} |" for r in results["large"]), ""]
    per_article = (cold["cpu_seconds"] - results["unchanged"]["cpu_seconds"]) / results["articles"]
    lines += [f"Where the time goes. A full build costs about {per_article * 1000:,.0f} ms of CPU per article (the "
              "full build's CPU time less the unchanged rebuild's, over the articles): assembling it, the SPARQL "
              "checks and SHACL (pyshacl-turbo) on the article with the entities and the part of the ontology it "
              "uses, and writing its part of the outputs; run in one process per core, so wall time is CPU time "
              "divided by the cores the machine can spare (see the load average: here the full build's wall time was "
              f"{cold['seconds'] / cold['cpu_seconds']:.1f} times its CPU time). A rebuild with nothing changed "
              "compares the names, sizes and times of the input files and of the cache's entries with the last "
              "build's, and keeps its outcome. A new or edited "
              "article is assembled, validated and written alone (`build/cache/`); an unchanged one is never "
              "parsed: its verdict is keyed by the digest of its quads and digests of its context (the entities "
              "it uses, what other articles say of what it uses), read from a summary kept beside its cached "
              "quads, and its part of the outputs is found by the same digest and joined byte for byte; the "
              "digest of its context is the last build's (`build/cache/context-keys`) unless a thing it depends "
              "on has another digest now. Only kg.trig is written by every build (N-Quads, Turtle and JSON-LD on "
              "demand, `kg export --format nq|ttl|jsonld`); an unchanged ontology or entity file is read back from "
              "`build/cache/parsed/` by the digest of its bytes; the checks that read the ontology's graph only run "
              "once per build, not with every article. What still grows with the corpus in one article added: "
              "reading every article's summary, the digests of every entity's description (to know which changed), "
              "parsing the entity files that changed (the benchmark rewrites them all, with the new article's "
              "entities: most kinds change), indexing the shared quads for validation, statting the inputs and the "
              "cache, reading the cached parts and counting their distinct quads, and writing the whole kg.trig.", "",
              "Before issue 19's changes (the same benchmark at 1,000 articles, load average 3.6 to 5.2): full "
              "build 225.0 s wall (122.3 s CPU), nothing changed 7.1 s (4.5 s CPU), one article added 33.3 s "
              "(15.9 s CPU). After the build became a package with per-article caches (load average 6.8 to 7.2): "
              "full build 177.6 s wall (72.4 s CPU), nothing changed 0.5 s, one article added 19.9 s (4.9 s CPU), "
              "one edited 19.8 s (4.6 s CPU). Before unchanged articles stopped being parsed (load average 9 to "
              "14): full build 567.2 s wall (210.4 s CPU), nothing changed 1.1 s (0.2 s CPU), one article added "
              "24.3 s (8.0 s CPU), one edited 27.1 s (9.8 s CPU). Before context keys were kept between builds "
              "(load average 7.0 to 8.6): full build 322.0 s wall (115.8 s CPU), nothing changed 0.4 s (0.2 s "
              "CPU), one article added 8.7 s (5.4 s CPU), one edited 10.9 s (4.8 s CPU).", "",
              "The on-disk store (`kg query --persistent`) follows the builds by parts: the set names its parts "
              "(`kg.parts.json`), and a store loaded from an earlier set is copied (hard links), the parts gone "
              "removed and the new ones added, then kept only if it holds the set's number of quads; the column "
              "'after one article more' is that update, where the first call loads the whole dataset.", "",
              MARK_END]
    return "\n".join(lines)


def _seconds(value: float | None) -> str:
    return "not measured" if value is None else f"{value:.1f}"


def write_report(results: dict, path: Path) -> None:
    """Replace (or append) this section of RESULTS.md; the rest of the file is left as it is."""
    old = path.read_text(encoding="utf-8") if path.exists() else "# Benchmark results\n"
    section = report(results)
    if MARK_START in old and MARK_END in old:
        new = old[:old.index(MARK_START)] + section + old[old.index(MARK_END) + len(MARK_END):]
    else:
        new = old.rstrip("\n") + "\n\n" + section + "\n"
    path.write_text(new, encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("action", choices=("write", "bench", "large", "checks", "report"))
    p.add_argument("--articles", type=int, nargs="+", default=[1000],
                   help="corpus sizes; the first is reported in full, the others in the growth table")
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--mb", type=float, nargs="+", default=[3, 15, 50], help="large: sizes of the text")
    p.add_argument("--out", type=Path, default=ROOT / "build" / "bench" / "corpus")
    p.add_argument("--results", type=Path, default=ROOT / "benchmarks",
                   help="where build-results.json and RESULTS.md go (bench)")
    args = p.parse_args(argv)
    if args.action == "report":  # the section again from build-results.json (after a change of wording)
        write_report(json.loads((args.results / "build-results.json").read_text()), args.results / "RESULTS.md")
        return 0
    if args.action == "write":
        write_corpus(args.out, args.articles[0], args.seed)
        print(f"wrote {args.articles[0]} articles into {args.out}")
        return 0
    args.results.mkdir(parents=True, exist_ok=True)
    saved = args.results / "build-results.json"
    if args.action == "checks":  # the checks again over the corpus last built at --out
        results = {**json.loads(saved.read_text()), "checks": whole_checks(args.out)}
    elif args.action == "large":
        results = json.loads(saved.read_text()) if saved.exists() else {}
        results["large"] = large(args.mb, args.out.with_name(args.out.name + "-large"))
        for r in results["large"]:
            print(f"large article, {r['megabytes']} MB of text: {r['seconds']:.2f} s, peak {r['peak_mb']:,.0f} MB")
    else:
        first, *more = args.articles
        results = {**bench(first, args.out, args.seed),
                   **({"large": json.loads(saved.read_text()).get("large")} if saved.exists() else {})}
        if more:
            # the checks over the whole dataset are reported for the first size only
            results["sizes"] = {str(n): bench(n, args.out.with_name(f"{args.out.name}-{n}"), args.seed, checks=False)
                                for n in more}
    saved.write_text(json.dumps(results, indent=1, sort_keys=True) + "\n")
    if "cold" in results:
        write_report(results, args.results / "RESULTS.md")
    if args.action in ("large", "checks"):
        return 0
    for key in ("cold", "unchanged", "one_more", "edited"):
        r = results[key]
        print(f"{key}: {r['seconds']:.2f} s, {r['quads']:,} quads, {r['validated']} validated, "
              f"{r['quarantined']} quarantined, peak {r['peak_mb']:,.0f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
