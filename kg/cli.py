"""The ``kg`` command: a thin layer over the package's functions (a notebook calls the same ones)."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from kg import __version__
from kg.errors import EXIT_INVALID, EXIT_OK, EXIT_SYNTAX, KgError, Problem
from kg.project import Project, find_project


def seconds(text: str) -> float:
    """A duration on the command line: a finite number of seconds, 0 for no limit."""
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number of seconds") from None
    if value != value or value in (float("inf"), float("-inf")) or value < 0:
        raise argparse.ArgumentTypeError(f"{text!r}: give a number of seconds, 0 or more (0: no limit)")
    return value


def whole_seconds(text: str) -> int:
    value = seconds(text)
    if value != int(value):
        raise argparse.ArgumentTypeError(f"{text!r}: give a whole number of seconds (0: no limit)")
    return int(value)


def count(text: str) -> int:
    if not text.isdigit():
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number, 0 or more")
    return int(text)


def port_number(text: str) -> int:
    if not text.isdigit() or not 0 < int(text) < 65536:
        raise argparse.ArgumentTypeError(f"{text!r} is not a port number (1 to 65535)")
    return int(text)


def _relative(path: Path) -> str:
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


def recover_articles(project: Project) -> None:
    """What a killed kg ingest left beside the articles, finished or undone before a command reads them."""
    from kg.ingest.writer import recover

    try:
        done = recover(project.data / "articles")
    except (KgError, OSError) as e:  # a read-only checkout: hidden leftovers are never read as articles anyway
        print(f"warning: what an interrupted kg ingest left was not recovered: {e}", file=sys.stderr)
        return
    for line in done:
        print(f"recovered: {line}", file=sys.stderr)


def cmd_build(args: argparse.Namespace, project: Project) -> int:
    from kg.build import build, withheld_summary

    recover_articles(project)
    ds, written = build(project, check=not args.no_check, strict=args.strict)
    for problems in (ds.quarantined[folder] for folder in sorted(ds.quarantined)):
        for p in problems:
            print(f"quarantined: {p}", file=sys.stderr)
    if ds.quarantined:
        print(f"{len(ds.quarantined)} article(s) left out of the build (kg build --strict fails on them): "
              + ", ".join(f.name for f in sorted(ds.quarantined)), file=sys.stderr)
    quads, graphs = ds.counts()
    checked = "" if args.no_check else f" ({ds.validated} part(s) validated, the rest unchanged since the last build)"
    print(f"built {quads} quads in {graphs} graphs{checked}")
    print(f"  {withheld_summary(ds)}")
    for path, size in written.items():
        print(f"  {'kept (same quads)' if ds.kept else 'wrote'} {os.path.relpath(path)} ({size:,} bytes)")
    return EXIT_OK


def cmd_validate(args: argparse.Namespace, project: Project) -> int:
    from kg.build.validate import validate_corpus, validate_file

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

    if args.save_expected or args.all:
        for path in q.save_expected(_engine(args, project), project.queries, *_save_expected_targets(args, project)):
            print(f"wrote {_relative(path)}")
        return EXIT_OK
    if args.list or not args.query:
        for item in q.library(project.queries).values():
            params = "".join(f" [{k}={v}]" for k, v in item.params.items())
            needs = f" (needs {item.needs})" if item.needs else ""
            print(f"{item.name}{params}{needs}\n  {item.question}\n  {item.question_fr}")
        return EXIT_OK
    chosen = q.resolve(args.query, project.queries)
    q.check_params(chosen, args.param)
    params = q.parse_params(args.param, chosen.params)
    engine = _engine(args, project)
    result = q.run(engine, chosen, params, args.timeout)
    sys.stdout.write(q.render(result, args.format))
    return EXIT_OK


def _save_expected_targets(args: argparse.Namespace, project: Project) -> tuple[list[str] | None]:
    """Which expected answers --save-expected may rewrite: the named one, or all with --all; from the build only."""
    if not args.save_expected:
        raise KgError(Problem("--all goes with --save-expected"), EXIT_SYNTAX)
    if args.endpoint or (args.dataset and Path(args.dataset).resolve() != project.dataset.resolve()):
        raise KgError(Problem("--save-expected writes the answers on the built dataset (build/kg.trig) only: "
                              "drop --dataset and --endpoint"), EXIT_SYNTAX)
    if args.all == bool(args.query):
        raise KgError(Problem("--save-expected needs the name of one question, or --all to rewrite every "
                              "expected answer"), EXIT_SYNTAX)
    return (None if args.all else [args.query],)


def cmd_load(args: argparse.Namespace, project: Project) -> int:
    from kg.store import endpoint_credentials, load, verify_load

    dataset = _dataset(args, project)
    credentials = endpoint_credentials()
    counts = load(dataset, args.endpoint, args.protocol, args.timeout, credentials=credentials)
    print(f"loaded {sum(counts.values())} quads in {len(counts)} graphs into {args.endpoint} ({args.protocol})")
    if verify_load(dataset, args.endpoint, args.protocol, args.timeout, args.query_endpoint, credentials):
        print("  counted on the server: every graph holds what was sent")
    else:
        print("  not counted on the server: give --query-endpoint URL to check what it holds")
    return EXIT_OK


def cmd_serve(args: argparse.Namespace, project: Project) -> int:
    from kg.serve import serve

    dataset = _dataset(args, project)
    return serve(dataset, project.build / "oxigraph", args.host, args.port, args.union_default_graph,
                 args.timeout)


def projection_input(args: argparse.Namespace, project: Project):
    """The quads to draw: a CONSTRUCT's answer, any RDF file, or the built dataset; with the ontology for names."""
    from kg.build import assemble_ontology
    from kg.rdfio import parse_file, require_dataset

    ontology = assemble_ontology(project)
    if args.query:
        from kg import query as q

        chosen = q.resolve(args.query, project.queries)
        q.check_params(chosen, args.param)
        engine = _engine(args, project)
        result = q.run(engine, chosen, q.parse_params(args.param, chosen.params), args.timeout)
        if result.kind != "graph":
            raise KgError(Problem(f"{args.query}: kg view --query needs a CONSTRUCT or DESCRIBE query"), EXIT_SYNTAX)
        import pyoxigraph as ox

        from kg.network import surroundings

        # the answer draws its nodes; what they are (kinds, statuses, evidence, sources) is asked beside it
        iris = {t.value for tr in result.triples for t in (tr.subject, tr.object) if isinstance(t, ox.NamedNode)}
        around = surroundings(lambda text: engine.query(text, args.timeout), iris)
        known = {(q.subject, q.predicate, q.object) for q in around}
        answer = [ox.Quad(t.subject, t.predicate, t.object) for t in result.triples
                  if (t.subject, t.predicate, t.object) not in known]
        args._answer = result.triples
        return ontology + around + answer
    dataset = _dataset(args, project)
    source = Path(args.input) if args.input else require_dataset(dataset)
    return ontology + parse_file(source)


def projection(quads, lang: str, args: argparse.Namespace | None = None):
    """The network to draw or analyse; a query's answer keeps its own nodes and edges only."""
    from kg.network import project as project_quads
    from kg.network import restrict

    G = project_quads(quads, lang)
    answer = getattr(args, "_answer", None)
    return restrict(G, answer) if answer is not None else G


def cmd_view(args: argparse.Namespace, project: Project) -> int:
    from kg import timeline as tl
    from kg.view import write_view

    if args.timeline:  # the relation of two parties over time, one page
        a, b = args.timeline
        engine = _engine(args, project)
        rows = tl.timeline_rows(engine, project.queries, a, b, args.lang, args.timeout)
        names = [tl.party_label(engine, project.queries, x, args.lang, args.timeout) for x in (a, b)]
        out = Path(args.output) if args.output else project.build / "timeline" / tl.file_name(a, b)
        size = tl.write_timeline(rows, out, *names, args.lang)
        print(f"wrote {_relative(out)} ({size:,} bytes, {len(rows)} facts)")
        print(f"open it in a browser: file://{out.resolve()}")
        return EXIT_OK
    G = projection(projection_input(args, project), args.lang, args)
    out = Path(args.output) if args.output else project.build / "graph.html"
    links: dict[str, list[dict[str, str]]] = {}
    # the whole graph: each pair of states' timeline beside it, linked from both cards (the page first)
    timelines = tl.pairs(G) if not args.query and not args.input else []
    for x, y in timelines:
        href = f"{out.stem}-timeline/{tl.file_name(x, y)}"
        links.setdefault(x, []).append({"href": href, "with": G.nodes[y]["label"]})
        links.setdefault(y, []).append({"href": href, "with": G.nodes[x]["label"]})
    size = write_view(G, out, args.lang, timeline_links=links)
    if timelines:
        engine = _engine(args, project)
        for x, y in timelines:
            rows = tl.timeline_rows(engine, project.queries, ns_short(x), ns_short(y), args.lang, args.timeout)
            tl.write_timeline(rows, out.parent / f"{out.stem}-timeline" / tl.file_name(x, y), G.nodes[x]["label"],
                              G.nodes[y]["label"], args.lang, f"../{out.name}")
    print(f"wrote {_relative(out)} ({size:,} bytes, {G.number_of_nodes()} nodes, {G.number_of_edges()} edges)")
    print(f"open it in a browser: file://{out.resolve()}")
    return EXIT_OK


def ns_short(iri: str) -> str:
    from kg import namespaces as ns

    return ns.shorten(iri)


def cmd_stats(args: argparse.Namespace, project: Project) -> int:
    import json

    from kg.analysis import format_stats, stats

    result = stats(projection(projection_input(args, project), args.lang, args), top=args.top)
    sys.stdout.write(json.dumps(result, ensure_ascii=False, indent=1) + "\n" if args.json else format_stats(result))
    return EXIT_OK


def cmd_export(args: argparse.Namespace, project: Project) -> int:
    from kg.analysis import export

    if args.format in DATASET_FORMATS:  # the built dataset itself, written on demand into the current set
        from kg.build import export as export_dataset
        from kg.rdfio import atomic_write

        link, size = export_dataset(project.build, DATASET_FORMATS[args.format])
        print(f"wrote {os.path.relpath(link)} ({size:,} bytes)")  # the link, as kg build says it
        if args.output:
            atomic_write(Path(args.output), link.read_bytes())
            print(f"wrote {_relative(Path(args.output))}")
        return EXIT_OK
    G = projection(projection_input(args, project), args.lang, args)
    out = Path(args.output) if args.output else project.build / f"graph.{args.format}"
    for path in export(G, args.format, out):
        print(f"wrote {_relative(path)}")
    return EXIT_OK


# kg export: the built dataset in another format (not the network)
DATASET_FORMATS = {"nq": "kg.nq", "ttl": "kg.ttl", "jsonld": "kg.jsonld"}


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


def cmd_review(args: argparse.Namespace, project: Project) -> int:
    from kg import namespaces as ns
    from kg.review import Session, parse_confidence, serve

    if args.min_confidence is not None and not args.accept_all:
        raise KgError(Problem("--min-confidence goes with --accept-all"), EXIT_SYNTAX)
    recover_articles(project)
    session = Session(project, args.article, args.reviewer, ui=args.ui)
    decisions = {i: "accepted" for i in args.accept or []}
    for i in args.reject or []:
        if decisions.get(i) == "accepted":
            raise KgError(Problem(f"{i}: both --accept and --reject; nothing was changed"), EXIT_SYNTAX)
        decisions[i] = "rejected"
    acted = bool(decisions) or args.accept_all
    if decisions:
        for c in session.decide_many(decisions):
            print(f"{c.review:<9} {c.id}")
    if args.accept_all:
        threshold = None if args.min_confidence is None else parse_confidence(args.min_confidence)
        chosen = session.accept_all(threshold)
        for c in chosen:
            print(f"accepted  {c.id}" + (f" (confidence {c.confidence})" if c.confidence is not None else ""))
        at_least = f" with confidence >= {threshold}" if threshold is not None else ""
        print(f"accepted {len(chosen)} claim(s){at_least}")
        for iri, why in sorted(session.held_back.items()):
            print(f"left pending: {ns.shorten(iri)}: the build would refuse it: {why}", file=sys.stderr)
    if acted:
        print(f"wrote {_relative(session.article.claims_path)} (reviewer: {session.reviewer})")
    if args.list:
        cands = session.list()
        t = session.terms
        for c in cands:
            conf = f"{c.confidence}" if c.confidence is not None else "-"
            what = " ".join(x for x in (t.label(c.kind) if c.kind else "", t.label(c.status) if c.status else "") if x)
            print(f"{c.id:<34} {c.review:<10} {conf:>5}  {what}" + (f"  [{', '.join(c.rules)}]" if c.rules else ""))
            for quote in c.evidence:
                print(f"    « {quote} »")
            for p in c.parties:
                print(f"    party: {t.label(p)} ({ns.shorten(p)})")
            for d in c.domains:
                print(f"    domain: {t.label(d)}")
        counts: dict[str, int] = {}
        for c in cands:
            counts[c.review] = counts.get(c.review, 0) + 1
        print(f"{len(cands)} claim(s): " + ", ".join(f"{n} {k}" for k, n in sorted(counts.items())))
    if acted or args.list:
        return EXIT_OK
    return serve(session, args.port, args.open)


def cmd_ingest(args: argparse.Namespace, project: Project) -> int:
    from kg.ingest import IngestOptions, check_options, ingest, load_context

    def ask(value: str | None, question: str) -> str | None:
        # metadata not given as options is asked for, when someone is there to answer
        if value or not sys.stdin.isatty():
            return value
        return input(f"{question}: ").strip() or None

    options = IngestOptions(lang=args.lang, html=args.html, encoding=args.encoding, title=args.title,
                            publisher=ask(args.publisher, "publisher (organization:<slug>)"),
                            issued=ask(args.date, "publication date (YYYY-MM-DD)"), url=args.url,
                            article_id=args.id, force=args.force)
    check_options(Path(args.file), options)  # a pipe, a bad date or address: refused before anything is loaded
    ctx = load_context(project, Path(args.dataset) if args.dataset else None)
    result = ingest(Path(args.file), options, project, ctx)
    for warning in result.warnings:
        print(f"warning: {warning}", file=sys.stderr)
    kinds: dict[str, int] = {}
    for c in result.candidates:
        kinds[c.kind] = kinds.get(c.kind, 0) + 1
    plural = {"entity": "entities"}
    summary = ", ".join(f"{n} {plural.get(kind, kind + 's') if n > 1 else kind}" for kind, n in sorted(kinds.items()))
    print(f"wrote {_relative(result.folder)} ({result.language}): {len(result.candidates)} pending claims"
          + (f" ({summary})" if summary else ""))
    print(f"review them: kg review {_relative(result.folder)}")
    return EXIT_OK


def cmd_score(args: argparse.Namespace, project: Project) -> int:
    from kg.build import assemble_ontology
    from kg.ingest.vocabulary import read_vocabulary

    if args.eval:
        from kg.ingest.evaluate import run

        run(project, Path(args.eval), Path(args.output) if args.output else project.build / "eval",
            rescore=args.rescore)
        return EXIT_OK
    if not (args.draft and args.gold):
        raise KgError(Problem("kg score needs DRAFT and GOLD (article folders or claims files), or --eval DIR"),
                      EXIT_SYNTAX)
    from kg.ingest.evaluate import project_known
    from kg.score import article_ids, format_score, score

    draft, gold = Path(args.draft), Path(args.gold)
    result = score(draft, gold, read_vocabulary(assemble_ontology(project)),
                   known=project_known(project, article_ids(draft, gold)))
    sys.stdout.write(format_score(result))
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
    p.add_argument("--timeout", type=seconds, default=30.0, metavar="SECONDS",
                   help="stop a query (or an unanswered endpoint) after this long; 0: no limit (default: 30)")


def reference_date(text: str) -> str:
    """An ISO date (YYYY-MM-DD) that has happened."""
    from datetime import date

    try:
        day = date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date as YYYY-MM-DD") from None
    if len(text) != 10 or day > date.today():
        raise argparse.ArgumentTypeError(f"{text!r}: give the day as YYYY-MM-DD, today or earlier")
    return day.isoformat()


def _add_wikidata(sub) -> None:
    from datetime import date

    from kg.wikidata import DEFAULT_ENDPOINT

    wk = sub.add_parser("wikidata", help="fetch Wikidata facts into the offline cache, check links, find candidates",
                        description="Wikidata and the graph: only fetch and reconcile go online; kg build reads "
                                    "the cache data/wikidata/cache.trig. kg wikidata ACTION --help for each action.")
    actions = wk.add_subparsers(dest="action", required=True, metavar="ACTION", help="one of:")

    def online(a: argparse.ArgumentParser) -> None:
        a.add_argument("--endpoint", default=DEFAULT_ENDPOINT, metavar="URL",
                       help=f"SPARQL endpoint (default: {DEFAULT_ENDPOINT})")
        a.add_argument("--timeout", type=seconds, default=60.0, metavar="SECONDS",
                       help="give up on an unanswered request after this long; 0: no limit (default: 60)")
        a.add_argument("--retries", type=count, default=4,
                       help="retries on 429, 5xx and dropped connections (default: 4)")
        a.add_argument("--backoff", type=seconds, default=2.0, metavar="SECONDS",
                       help="first wait between retries; it doubles each time (default: 2)")
        a.set_defaults(func=cmd_wikidata)

    f = actions.add_parser("fetch", help="(online) refresh data/wikidata/cache.trig with what Wikidata says "
                                         "about the linked items", description="Ask Wikidata about every linked "
                                         "item in one query and replace the cache, only with a complete answer.")
    online(f)
    f.add_argument("--allow-missing", action="store_true",
                   help="accept an answer that lacks some items (deleted or merged on Wikidata)")
    c = actions.add_parser("check", help="compare each link's names in the graph with the cache's",
                           description="Report links the cache does not know, and links whose Wikidata names share "
                                       "none of the graph's (an identifier pointing at someone else?). Offline.")
    c.set_defaults(func=cmd_wikidata)
    r = actions.add_parser("reconcile", help="(online) candidate items for entities without a link; writes nothing",
                           description="Look up Wikidata items whose label or alias is exactly an unlinked "
                                       "entity's name, for a person to check. Nothing is written.")
    online(r)
    r.add_argument("--entity", action="append", default=[], metavar="IRI",
                   help="reconcile only this entity (prefix:name or <IRI>; repeat for more)")
    today = date.today().isoformat()
    fr = actions.add_parser("from-reference", help="reset the cache to the checked reference list (offline)",
                            description="Write data/wikidata/cache.trig from data/reference/wikidata-ids.tsv: "
                                        "identifiers and labels only.")
    fr.add_argument("--date", type=reference_date, default=today, metavar="YYYY-MM-DD",
                    help=f"the day the reference list was copied (default: today, {today})")
    fr.set_defaults(func=cmd_wikidata)


def _add_review_parser(sub) -> None:
    rv = sub.add_parser("review", help="accept, correct or reject an article's candidate claims: a local page, "
                                       "or --list/--accept/--reject/--accept-all",
                        description="Without options, serve a review page on 127.0.0.1 (a random port and a secret "
                                    "token) showing the article with each candidate's words; every decision is "
                                    "saved at once to the article's claims.trig. With --list, --accept, --reject "
                                    "or --accept-all, decide from the command line.")
    rv.add_argument("article", metavar="ARTICLE", help="the article's id (its folder under data/articles/) or folder")
    rv.add_argument("--list", action="store_true", help="print the claims with their review status")
    rv.add_argument("--accept", nargs="+", metavar="ID", help="accept these claims")
    rv.add_argument("--reject", nargs="+", metavar="ID", help="reject these claims")
    rv.add_argument("--accept-all", action="store_true",
                    help="accept every pending claim (with --min-confidence: every undecided one at or above it)")
    rv.add_argument("--min-confidence", metavar="X", help="with --accept-all: the lowest cd:confidence (0..1)")
    rv.add_argument("--reviewer", metavar="NAME", help="who decides (default: git config user.name, else $USER)")
    rv.add_argument("--port", type=port_number, default=0, help="the page's port on 127.0.0.1 (default: a free one)")
    rv.add_argument("--open", action="store_true", help="open the page in the default browser")
    rv.add_argument("--ui", choices=("fr", "en"), help="the page's language (default: the article's)")
    rv.set_defaults(func=cmd_review)


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="kg", description="The cultural diplomacy knowledge graph.",
                                epilog="kg COMMAND --help describes each command and its options.")
    p.add_argument("--version", action="version", version=f"kg {__version__}")
    sub = p.add_subparsers(dest="command", required=True, metavar="COMMAND", help="one of:")

    b = sub.add_parser("build", help="validate the sources and write build/kg.trig",
                       description="Read ontology/ and data/, validate them (SHACL shapes, provenance, terms) and "
                                   "write the dataset to build/kg.trig (kg export --format nq|ttl|jsonld writes "
                                   "the same quads to kg.nq, kg.ttl, kg.jsonld). Nothing is written unless "
                                   "everything is valid.")
    b.add_argument("--no-check", action="store_true", help="skip validation (faster; not for publishing)")
    b.add_argument("--strict", action="store_true",
                   help="fail on any broken article (by default it is left out and the rest is built)")
    b.set_defaults(func=cmd_build)

    v = sub.add_parser("validate", help="check the sources (or a built dataset): SHACL, provenance, terms",
                       description="Check the sources in ontology/ and data/ (or a built dataset) without writing "
                                   "anything: every problem is printed with its file and line.")
    v.add_argument("--dataset", metavar="FILE", help="validate this dataset file instead of the sources")
    v.set_defaults(func=cmd_validate)

    q = sub.add_parser("query", help="run a library query (by name), a .rq file, or - for standard input",
                       description="Answer a question of the library (queries/*.rq, see --list), a SPARQL file, "
                                   "or a query on standard input, on the built dataset, in memory or on disk, "
                                   "or on a SPARQL endpoint. Only queries run: SPARQL Update is refused.")
    q.add_argument("query", nargs="?", metavar="NAME|FILE|-",
                   help="a library question's name, a .rq file, or - to read the query from standard input")
    q.add_argument("--list", action="store_true", help="list the library's questions")
    q.add_argument("--save-expected", action="store_true",
                   help="write the named question's answer on build/kg.trig to queries/expected/ "
                        "(then review the diff)")
    q.add_argument("--all", action="store_true", help="with --save-expected: rewrite every expected answer")
    q.add_argument("--format", choices=("table", "json", "csv", "tsv", "turtle"), default="table",
                   help="table (terminal), json/csv/tsv (SPARQL 1.1 results), turtle (CONSTRUCT, DESCRIBE)")
    q.add_argument("--param", action="append", default=[], metavar="NAME=VALUE",
                   help="bind ?NAME to an IRI (<…> or prefix:name) or a literal (text, \"text\"@fr, 42)")
    _add_engine_options(q)
    q.set_defaults(func=cmd_query)

    ld = sub.add_parser("load", help="push the dataset (every named graph) to a remote store",
                        description="Replace each named graph of the dataset on a remote store (SPARQL 1.1 Graph "
                                    "Store Protocol, or SPARQL Update), then check the store holds them.",
                        epilog="A store that wants a login (Virtuoso) reads it from KG_ENDPOINT_USER and "
                               "KG_ENDPOINT_PASSWORD; with only the user set, the password is asked.")
    ld.add_argument("--endpoint", required=True, metavar="URL",
                    help="Graph Store Protocol URL (Oxigraph: http://host:7878/store; Fuseki: …/ds/data; "
                         "Virtuoso: http://host:8890/sparql-graph-crud-auth), "
                         "or the update URL with --protocol update")
    ld.add_argument("--protocol", choices=("gsp", "update"), default="gsp",
                    help="gsp: one HTTP PUT per graph (Graph Store Protocol); update: DROP then INSERT DATA "
                         "through the SPARQL Update URL (default: gsp)")
    ld.add_argument("--dataset", metavar="FILE", help="the dataset to push (default: build/kg.trig)")
    ld.add_argument("--query-endpoint", metavar="URL",
                    help="the store's SPARQL query URL, to count there what was loaded (without it, gsp counts "
                         "by reading each graph back; update cannot count)")
    ld.add_argument("--timeout", type=seconds, default=60.0, metavar="SECONDS",
                    help="give up on a request the store has not answered after this long; 0: no limit "
                         "(default: 60)")
    ld.set_defaults(func=cmd_load)

    sv = sub.add_parser("serve", help="a local read-only SPARQL endpoint over the built data (Oxigraph server)",
                        description="Serve the built dataset read-only at http://HOST:PORT/query until Ctrl-C, "
                                    "SIGTERM or SIGHUP (the server is stopped with it). After kg build, restart it "
                                    "to serve the new data.")
    sv.add_argument("--host", default="127.0.0.1",
                    help="the address to listen on (default: 127.0.0.1, this machine only; 0.0.0.0 opens it to "
                         "the network)")
    sv.add_argument("--port", type=port_number, default=7878, help="the TCP port to listen on (default: 7878)")
    sv.add_argument("--union-default-graph", action="store_true",
                    help="let queries without GRAPH see every graph (the library queries do not need it)")
    sv.add_argument("--dataset", metavar="FILE", help="the dataset to serve (default: build/kg.trig)")
    sv.add_argument("--timeout", type=whole_seconds, default=60, metavar="SECONDS",
                    help="the server stops a query after this long; 0: no limit (default: 60)")
    sv.set_defaults(func=cmd_serve)

    vw = sub.add_parser("view", help="write build/graph.html: the interactive network, offline and safe",
                        description="Draw the network (entities and the relations claims state) as one HTML file "
                                    "that works offline: of the built dataset, an RDF file, or a CONSTRUCT answer.")
    vw.add_argument("--output", metavar="FILE", help="where to write (default: build/graph.html)")
    vw.add_argument("--timeline", nargs=2, metavar=("A", "B"),
                    help="write the relation of two parties over time instead (e.g. state:kazakhstan state:france): "
                         "events and each reported status on a time axis, by source (default: "
                         "build/timeline/<a>--<b>.html)")
    _add_projection_options(vw)
    vw.set_defaults(func=cmd_view)

    st = sub.add_parser("stats", help="counts, the most central nodes and communities of the network",
                        description="Print the network's size, its most central nodes and its communities.")
    st.add_argument("--top", type=count, default=8, help="how many central nodes to list (default: 8)")
    st.add_argument("--json", action="store_true", help="print JSON")
    _add_projection_options(st)
    st.set_defaults(func=cmd_stats)

    ex = sub.add_parser("export", help="the network for Gephi or Cytoscape (graphml, gexf) or as CSV; "
                                       "the built dataset in N-Quads, Turtle or JSON-LD",
                        description="Write the network for Gephi or Cytoscape (GraphML, GEXF) or as two CSV "
                                    "files (nodes, edges); or the built dataset as build/kg.nq (nq), build/kg.ttl "
                                    "(ttl) or build/kg.jsonld (jsonld), which kg build does not write every time.")
    ex.add_argument("--format", choices=("graphml", "gexf", "csv", *DATASET_FORMATS), default="graphml",
                    help="graphml, gexf, or csv (nodes and edges files); nq, ttl or jsonld: the dataset "
                         "(default: graphml)")
    ex.add_argument("--output", metavar="FILE", help="default: build/graph.FORMAT (nq, ttl, jsonld: a copy of "
                                                     "build/kg.FORMAT)")
    _add_projection_options(ex)
    ex.set_defaults(func=cmd_export)

    dc = sub.add_parser("docs", help="HTML documentation of the ontology and its SKOS schemes (pyLODE, offline)",
                        description="Write HTML pages documenting the ontology and its SKOS schemes, with an index.")
    dc.add_argument("--output", metavar="DIR", help="default: build/docs")
    dc.set_defaults(func=cmd_docs)

    _add_wikidata(sub)
    _add_review_parser(sub)
    ig = sub.add_parser("ingest", help="propose an article's facts as pending claims in data/articles/<id>/",
                        description="Read an article (text or HTML), find the facts it reports in the project's "
                                    "model (entities, events, offices, agreements and initiatives with a status "
                                    "from the text's own wording, quotations), each with its exact words, and "
                                    "write them as pending claims in a new data/articles/<id>/ for kg review.")
    ig.add_argument("file", metavar="FILE", help="the article: plain text (UTF-8), or HTML with --html")
    ig.add_argument("--html", action="store_true", help="the file is an HTML page: keep its text, drop the rest")
    ig.add_argument("--lang", choices=("fr", "en"), help="the article's language (default: detected)")
    ig.add_argument("--encoding", help="the file's encoding when it is not UTF-8 (e.g. cp1252, latin-1)")
    ig.add_argument("--title", help="default: the first line of the text")
    ig.add_argument("--publisher", metavar="organization:SLUG", help="who published it (an organization entity)")
    ig.add_argument("--date", metavar="YYYY-MM-DD", help="publication date (YYYY-MM or YYYY when the day is unknown)")
    ig.add_argument("--url", help="the article's address")
    ig.add_argument("--id", help="the article's folder name (default: from the title)")
    ig.add_argument("--force", action="store_true", help="replace an existing article of that name")
    ig.add_argument("--dataset", metavar="FILE", help="names already known (default: build/kg.trig and what was "
                    "reviewed since, else the sources)")
    ig.set_defaults(func=cmd_ingest)

    sc = sub.add_parser("score", help="compare a draft article's claims with reviewed (gold) ones",
                        description="Strict precision, recall and F1 per kind (events, tenures, undertakings, new "
                                    "entities, statements: right only when every attribute is), each attribute's "
                                    "accuracy, the review effort and every status error; with --eval, ingest and "
                                    "score a whole split (eval/dev or eval/test).")
    sc.add_argument("draft", nargs="?", metavar="DRAFT", help="the draft's folder or claims.trig")
    sc.add_argument("gold", nargs="?", metavar="GOLD", help="the gold folder or claims file")
    sc.add_argument("--eval", metavar="DIR", help="ingest and score a whole split (eval/dev or eval/test)")
    sc.add_argument("--output", metavar="DIR", help="with --eval: where drafts go (default: build/eval)")
    sc.add_argument("--rescore", action="store_true",
                    help="with --eval: score the drafts already in --output (e.g. another version's) without ingesting")
    sc.set_defaults(func=cmd_score)
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
    except OSError as e:  # the file system refused (read-only, full, a folder where a file goes): say where
        where = f"{e.filename}: " if e.filename else ""
        print(f"error: {where}{e.strerror or e}", file=sys.stderr)
        return EXIT_INVALID


if __name__ == "__main__":
    sys.exit(main())
