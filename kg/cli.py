"""The ``kg`` command: a thin layer over the package's functions (a notebook calls the same ones)."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from kg.errors import EXIT_INVALID, EXIT_OK, EXIT_SYNTAX, KgError, Problem
from kg.project import Project, find_project


def _relative(path: Path) -> str:
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


def cmd_build(args: argparse.Namespace, project: Project) -> int:
    import os

    from kg.build import build

    ds, written = build(project, check=not args.no_check, strict=args.strict)
    for problems in (ds.quarantined[folder] for folder in sorted(ds.quarantined)):
        for p in problems:
            print(f"quarantined: {p}", file=sys.stderr)
    if ds.quarantined:
        print(f"{len(ds.quarantined)} article(s) left out of the build (kg build --strict fails on them): "
              + ", ".join(f.name for f in sorted(ds.quarantined)), file=sys.stderr)
    graphs = {q.graph_name for q in ds.quads}
    checked = "" if args.no_check else f" ({ds.validated} part(s) validated, the rest unchanged since the last build)"
    print(f"built {len(set(ds.quads))} quads in {len(graphs)} graphs{checked}")
    for path, size in written.items():
        print(f"  {'kept (same quads)' if ds.kept else 'wrote'} {os.path.relpath(path)} ({size:,} bytes)")
    return EXIT_OK


def cmd_validate(args: argparse.Namespace, project: Project) -> int:
    from kg.validate import validate_corpus, validate_file

    if args.dataset:
        problems = validate_file(Path(args.dataset), project)
        what = args.dataset
    else:
        problems = validate_corpus(project).problems
        what = "the sources in ontology/ and data/"
    if problems:
        for p in problems:
            print(p, file=sys.stderr)
        print(f"{len(problems)} problem(s) in {what}", file=sys.stderr)
        return EXIT_INVALID
    print(f"valid: {what} (SHACL shapes, provenance, terms)")
    return EXIT_OK


def _dataset(args: argparse.Namespace, project: Project) -> Path:
    """The dataset a command reads: --dataset, else build/kg.trig."""
    return Path(args.dataset) if args.dataset else project.dataset


def _engine(args: argparse.Namespace, project: Project):
    from kg.store import open_engine

    dataset = _dataset(args, project)
    persistent = project.build / "oxigraph" if getattr(args, "persistent", False) else None
    return open_engine(dataset, args.engine, args.endpoint, persistent, args.timeout)


def cmd_query(args: argparse.Namespace, project: Project) -> int:
    from kg import query as q

    if args.save_expected:
        for path in q.save_expected(_engine(args, project), project.queries):
            print(f"wrote {_relative(path)}")
        return EXIT_OK
    if args.list or not args.query:
        for item in q.library(project.queries).values():
            params = "".join(f" [{k}={v}]" for k, v in item.params.items())
            needs = f" (needs {item.needs})" if item.needs else ""
            print(f"{item.name}{params}{needs}\n  {item.question}\n  {item.question_fr}")
        return EXIT_OK
    chosen = q.resolve(args.query, project.queries)
    params = q.parse_params(args.param, chosen.params)
    engine = _engine(args, project)
    result = q.run(engine, chosen, params, args.timeout)
    sys.stdout.write(q.render(result, args.format))
    return EXIT_OK


def cmd_load(args: argparse.Namespace, project: Project) -> int:
    from kg.store import load

    dataset = _dataset(args, project)
    counts = load(dataset, args.endpoint, args.protocol, args.timeout)
    print(f"loaded {sum(counts.values())} quads in {len(counts)} graphs into {args.endpoint} ({args.protocol})")
    return EXIT_OK


def cmd_serve(args: argparse.Namespace, project: Project) -> int:
    from kg.serve import serve

    dataset = _dataset(args, project)
    return serve(dataset, project.build / "oxigraph", args.host, args.port, args.union_default_graph,
                 args.timeout)


def projection_input(args: argparse.Namespace, project: Project):
    """The quads to draw: a CONSTRUCT's answer, any RDF file, or the built dataset; with the ontology for names."""
    from kg.build import assemble_ontology
    from kg.rdfio import parse_file
    from kg.store import require_dataset

    ontology = assemble_ontology(project)
    if args.query:
        from kg import query as q

        chosen = q.resolve(args.query, project.queries)
        engine = _engine(args, project)
        result = q.run(engine, chosen, q.parse_params(args.param, chosen.params), args.timeout)
        if result.kind != "graph":
            raise KgError(Problem(f"{args.query}: kg view --query needs a CONSTRUCT or DESCRIBE query"), EXIT_SYNTAX)
        import pyoxigraph as ox

        return ontology + [ox.Quad(t.subject, t.predicate, t.object) for t in result.triples]
    dataset = _dataset(args, project)
    source = Path(args.input) if args.input else require_dataset(dataset)
    return ontology + parse_file(source)


def cmd_view(args: argparse.Namespace, project: Project) -> int:
    from kg.network import project as projection
    from kg.view import write_view

    G = projection(projection_input(args, project), args.lang)
    out = Path(args.output) if args.output else project.build / "graph.html"
    size = write_view(G, out, args.lang)
    print(f"wrote {_relative(out)} ({size:,} bytes, {G.number_of_nodes()} nodes, {G.number_of_edges()} edges)")
    print(f"open it in a browser: file://{out.resolve()}")
    return EXIT_OK


def cmd_stats(args: argparse.Namespace, project: Project) -> int:
    import json

    from kg.analysis import format_stats, stats
    from kg.network import project as projection

    result = stats(projection(projection_input(args, project), args.lang), top=args.top)
    sys.stdout.write(json.dumps(result, ensure_ascii=False, indent=1) + "\n" if args.json else format_stats(result))
    return EXIT_OK


def cmd_export(args: argparse.Namespace, project: Project) -> int:
    from kg.analysis import export
    from kg.network import project as projection

    G = projection(projection_input(args, project), args.lang)
    out = Path(args.output) if args.output else project.build / f"graph.{args.format}"
    for path in export(G, args.format, out):
        print(f"wrote {_relative(path)}")
    return EXIT_OK


def cmd_wikidata(args: argparse.Namespace, project: Project) -> int:
    from kg import wikidata as wd
    from kg.build import assemble

    if args.action == "fetch":
        got = wd.fetch(project, args.endpoint, args.timeout, args.retries, args.backoff, args.allow_missing)
        print(f"fetched {got.triples} triples about {got.items} items from {args.endpoint}"
              + (f" ({got.dropped_blank} with unknown values left out)" if got.dropped_blank else ""))
        print(f"wrote {_relative(got.path)}; run kg build to use it")
        return EXIT_OK
    if args.action == "from-reference":
        path = wd.cache_from_reference(project, args.date)
        print(f"wrote {_relative(path)}: identifiers and labels from data/reference/wikidata-ids.tsv only")
        return EXIT_OK
    ds = assemble(project)
    if args.action == "check":
        problems = wd.check(ds.quads)
        for p in problems:
            print(p, file=sys.stderr)
        links = len(wd.linked_items(project))
        print(f"{links} Wikidata links, {len(problems)} problem(s)", file=sys.stderr if problems else sys.stdout)
        return EXIT_INVALID if problems else EXIT_OK
    from kg import namespaces as ns
    from kg.query import parse_term

    only = [parse_term(e).value for e in args.entity] if args.entity else None
    found = wd.reconcile(project, ds.quads, args.endpoint, args.timeout, args.retries, args.backoff, only)
    for entity, candidates in found.items():
        print(f"{ns.shorten(entity)}")
        for c in candidates or []:
            print(f"  {c.item.rsplit('/', 1)[-1]:<12} {c.label or c.name}  —  {c.description or '(no description)'}")
        if not candidates:
            print("  (no item with exactly these names)")
    print("Nothing was written: add a link to data/links/wikidata.ttl only once you checked it, "
          "and its identifier to data/reference/wikidata-ids.tsv.")
    return EXIT_OK


def cmd_docs(args: argparse.Namespace, project: Project) -> int:
    from kg.docs import make_docs

    for path in make_docs(project, Path(args.output) if args.output else None):
        print(f"wrote {_relative(path)}")
    return EXIT_OK


def _add_projection_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("--lang", choices=("en", "fr"), default="en", help="language of labels (default: en)")
    p.add_argument("--input", metavar="FILE", help="any RDF file or dataset (Turtle, TriG, JSON-LD, N-Quads…)")
    p.add_argument("--query", metavar="NAME|FILE", help="the answer of a CONSTRUCT query, e.g. neighbourhood")
    p.add_argument("--param", action="append", default=[], metavar="NAME=VALUE", help="for --query")
    _add_engine_options(p)


def _add_engine_options(p: argparse.ArgumentParser) -> None:
    from kg.store import ENGINES

    p.add_argument("--engine", choices=ENGINES, default="oxigraph", help="embedded engine (default: oxigraph)")
    p.add_argument("--endpoint", metavar="URL", help="query a SPARQL 1.1 endpoint instead of the built dataset")
    p.add_argument("--dataset", metavar="FILE", help="the dataset to query (default: build/kg.trig)")
    p.add_argument("--persistent", action="store_true",
                   help="keep the embedded Oxigraph store on disk in build/oxigraph/ (reloaded when the data changes)")
    p.add_argument("--timeout", type=float, default=30.0, metavar="SECONDS",
                   help="stop a query (or an unanswered endpoint) after this long (default: 30)")


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="kg", description="The cultural diplomacy knowledge graph.")
    sub = p.add_subparsers(dest="command", required=True, metavar="COMMAND")

    b = sub.add_parser("build", help="validate the sources and write build/kg.trig (.ttl, .jsonld, .nq)")
    b.add_argument("--no-check", action="store_true", help="skip validation (faster; not for publishing)")
    b.add_argument("--strict", action="store_true",
                   help="fail on any broken article (by default it is left out and the rest is built)")
    b.set_defaults(func=cmd_build)

    v = sub.add_parser("validate", help="check the sources (or a built dataset): SHACL, provenance, terms")
    v.add_argument("--dataset", metavar="FILE", help="validate this dataset file instead of the sources")
    v.set_defaults(func=cmd_validate)

    q = sub.add_parser("query", help="run a library query (by name), a .rq file, or - for standard input")
    q.add_argument("query", nargs="?", metavar="NAME|FILE|-")
    q.add_argument("--list", action="store_true", help="list the library's questions")
    q.add_argument("--save-expected", action="store_true",
                   help="write every library answer to queries/expected/ (then review the diff)")
    q.add_argument("--format", choices=("table", "json", "csv", "tsv", "turtle"), default="table",
                   help="table (terminal), json/csv/tsv (SPARQL 1.1 results), turtle (CONSTRUCT, DESCRIBE)")
    q.add_argument("--param", action="append", default=[], metavar="NAME=VALUE",
                   help="bind ?NAME to an IRI (<…> or prefix:name) or a literal (text, \"text\"@fr, 42)")
    _add_engine_options(q)
    q.set_defaults(func=cmd_query)

    ld = sub.add_parser("load", help="push the dataset (every named graph) to a remote store")
    ld.add_argument("--endpoint", required=True, metavar="URL",
                    help="Graph Store Protocol URL (Oxigraph: http://host:7878/store; Fuseki: …/ds/data), "
                         "or the update URL with --protocol update")
    ld.add_argument("--protocol", choices=("gsp", "update"), default="gsp")
    ld.add_argument("--dataset", metavar="FILE", help="the dataset to push (default: build/kg.trig)")
    ld.add_argument("--timeout", type=float, default=60.0, metavar="SECONDS")
    ld.set_defaults(func=cmd_load)

    sv = sub.add_parser("serve", help="a local read-only SPARQL endpoint over the built data (Oxigraph server)")
    sv.add_argument("--host", default="127.0.0.1")
    sv.add_argument("--port", type=int, default=7878)
    sv.add_argument("--union-default-graph", action="store_true",
                    help="let queries without GRAPH see every graph (the library queries do not need it)")
    sv.add_argument("--dataset", metavar="FILE", help="the dataset to serve (default: build/kg.trig)")
    sv.add_argument("--timeout", type=int, default=60, metavar="SECONDS", help="server-side query timeout")
    sv.set_defaults(func=cmd_serve)

    vw = sub.add_parser("view", help="write build/graph.html: the interactive network, offline and safe")
    vw.add_argument("--output", metavar="FILE", help="where to write (default: build/graph.html)")
    _add_projection_options(vw)
    vw.set_defaults(func=cmd_view)

    st = sub.add_parser("stats", help="counts, the most central nodes and communities of the network")
    st.add_argument("--top", type=int, default=8, help="how many central nodes to list")
    st.add_argument("--json", action="store_true", help="print JSON")
    _add_projection_options(st)
    st.set_defaults(func=cmd_stats)

    ex = sub.add_parser("export", help="the network for Gephi or Cytoscape (graphml, gexf) or as CSV")
    ex.add_argument("--format", choices=("graphml", "gexf", "csv"), default="graphml")
    ex.add_argument("--output", metavar="FILE", help="default: build/graph.FORMAT")
    _add_projection_options(ex)
    ex.set_defaults(func=cmd_export)

    dc = sub.add_parser("docs", help="HTML documentation of the ontology and its SKOS schemes (pyLODE, offline)")
    dc.add_argument("--output", metavar="DIR", help="default: build/docs")
    dc.set_defaults(func=cmd_docs)

    from kg.wikidata import DEFAULT_ENDPOINT

    wk = sub.add_parser("wikidata", help="fetch Wikidata facts into the offline cache, check links, find candidates")
    wk.add_argument("action", choices=("fetch", "check", "reconcile", "from-reference"),
                    help="fetch (online): refresh data/wikidata/cache.trig; check: compare names with the cache; "
                         "reconcile (online): candidates for unlinked entities; from-reference: reset the cache "
                         "to the checked reference list")
    wk.add_argument("--endpoint", default=DEFAULT_ENDPOINT, metavar="URL",
                    help=f"SPARQL endpoint (default: {DEFAULT_ENDPOINT})")
    wk.add_argument("--timeout", type=float, default=60.0, metavar="SECONDS")
    wk.add_argument("--retries", type=int, default=4, help="retries on 429, 5xx and dropped connections")
    wk.add_argument("--backoff", type=float, default=2.0, metavar="SECONDS", help="first wait; it doubles each time")
    wk.add_argument("--allow-missing", action="store_true", help="accept an answer that lacks some items")
    wk.add_argument("--entity", action="append", default=[], metavar="IRI", help="reconcile only these entities")
    wk.add_argument("--date", default="2026-11-25", help="from-reference: the date the reference list was copied")
    wk.set_defaults(func=cmd_wikidata)
    return p


def main(argv: Sequence[str] | None = None) -> int:
    args = parser().parse_args(argv)
    func: Callable[[argparse.Namespace, Project], int] = args.func
    try:
        return func(args, find_project())
    except KgError as e:
        for problem in e.problems:
            print(f"error: {problem}", file=sys.stderr)
        return e.exit_code
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return EXIT_OK


if __name__ == "__main__":
    sys.exit(main())
