"""The ``kg`` command: a thin layer over the package's functions (a notebook calls the same ones)."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from kg.errors import EXIT_INVALID, EXIT_OK, EXIT_SYNTAX, KgError
from kg.project import Project, find_project


def _relative(path: Path) -> str:
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


def cmd_build(args: argparse.Namespace, project: Project) -> int:
    from kg.build import build

    ds, written = build(project, check=not args.no_check)
    graphs = {q.graph_name for q in ds.quads}
    print(f"built {len(set(ds.quads))} quads in {len(graphs)} graphs")
    for path, size in written.items():
        print(f"  wrote {_relative(path)} ({size:,} bytes)")
    return EXIT_OK


def cmd_validate(args: argparse.Namespace, project: Project) -> int:
    from kg.build import assemble
    from kg.validate import validate, validate_file

    if args.dataset:
        problems = validate_file(Path(args.dataset), project)
        what = args.dataset
    else:
        problems = validate(assemble(project), project)
        what = "the sources in ontology/ and data/"
    if problems:
        for p in problems:
            print(p, file=sys.stderr)
        print(f"{len(problems)} problem(s) in {what}", file=sys.stderr)
        return EXIT_INVALID
    print(f"valid: {what} (SHACL shapes, provenance, terms)")
    return EXIT_OK


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="kg", description="The cultural diplomacy knowledge graph.")
    sub = p.add_subparsers(dest="command", required=True, metavar="COMMAND")

    b = sub.add_parser("build", help="validate the sources and write build/kg.trig (.ttl, .jsonld, .nq)")
    b.add_argument("--no-check", action="store_true", help="skip validation (faster; not for publishing)")
    b.set_defaults(func=cmd_build)

    v = sub.add_parser("validate", help="check the sources (or a built dataset): SHACL, provenance, terms")
    v.add_argument("--dataset", metavar="FILE", help="validate this dataset file instead of the sources")
    v.set_defaults(func=cmd_validate)
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

__all__ = ["EXIT_SYNTAX", "main"]
