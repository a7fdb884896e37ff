"""Validate a dataset: SHACL shapes, and checks written as SPARQL queries that must return nothing.

- ``ontology/shapes.ttl``: the shape of each kind of thing (pyshacl, over all graphs merged);
- ``queries/checks/*.rq``: integrity across graphs, among them provenance (every claim's
  ``oa:exact`` is the text at ``[start:end]``) and terms (every term used is declared and
  labelled in French and English). Each check's first comment line says what it guards.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox

from kg import namespaces as ns
from kg.build import Dataset
from kg.errors import Problem, line_of
from kg.project import Project
from kg.rdfio import parse_file


@dataclass(frozen=True)
class Check:
    name: str
    description: str
    query: str
    path: Path


def load_checks(folder: Path) -> list[Check]:
    checks = []
    for path in sorted(folder.glob("*.rq")):
        text = path.read_text(encoding="utf-8")
        first = next((line for line in text.splitlines() if line.startswith("#")), "# (no description)")
        checks.append(Check(path.stem, first.lstrip("# ").strip(), text, path))
    return checks


def store_of(quads: list[ox.Quad]) -> ox.Store:
    store = ox.Store()
    store.extend(quads)
    return store


def run_checks(store: ox.Store, checks: list[Check], ds: Dataset | None = None) -> list[Problem]:
    problems = []
    declared = _declared_terms(store)
    for check in checks:
        result = store.query(check.query)
        variables = [v.value for v in result.variables]
        for row in result:
            values = {v: row[v] for v in variables if row[v] is not None}
            shown = ", ".join(f"{v}={_show(t)}" for v, t in values.items())
            path, line = _locate(values, ds)
            hint = _did_you_mean(values, declared)
            problems.append(Problem(f"check {check.name} ({check.description}): {shown}{hint}", path, line))
    return problems


def _declared_terms(store: ox.Store) -> list[str]:
    graph = ox.NamedNode(ns.ONTOLOGY_GRAPH)
    return sorted({q.subject.value for q in store.quads_for_pattern(None, None, None, graph)
                   if isinstance(q.subject, ox.NamedNode)})


def _did_you_mean(values: dict, declared: list[str]) -> str:
    """For an IRI of a vocabulary of the project that is not declared, the nearest declared names."""
    for term in values.values():
        if isinstance(term, ox.NamedNode) and term.value.startswith(ns.BASE) and term.value not in declared:
            close = difflib.get_close_matches(term.value, declared, n=2, cutoff=0.85)
            if close:
                return " (did you mean " + " or ".join(ns.shorten(c) for c in close) + "?)"
    return ""


def _show(term: ox.NamedNode | ox.Literal | ox.BlankNode) -> str:
    if isinstance(term, ox.NamedNode):
        return ns.shorten(term.value)
    if isinstance(term, ox.Literal):
        value = term.value if len(term.value) <= 80 else term.value[:77] + "..."
        return repr(value)
    return str(term)


def _locate(values: dict, ds: Dataset | None) -> tuple[Path | None, int | None]:
    """Point at the input file and line of a failing row: the file with a quad that holds most of the row's
    terms (a blank node belongs to one file only), else the first file that uses one of its IRIs."""
    if ds is None:
        return None, None
    terms = {t for t in values.values() if isinstance(t, (ox.NamedNode, ox.BlankNode))}
    best, score = None, 0
    for path, quads in ds.origins:
        for q in quads:
            found = [t for t in (q.subject, q.graph_name, q.predicate, q.object) if t in terms]
            if len(found) > score:
                best, score = (path, found), len(found)
    if best:
        path, found = best
        iris = [t.value for t in found if isinstance(t, ox.NamedNode)]
        return path, next((line for iri in iris if (line := _line(path, iri))), None)
    for term in values.values():
        if isinstance(term, ox.NamedNode) and (found := ds.where(term.value)):
            return found
    return None, None


def _line(path: Path, iri: str) -> int | None:
    """The first line naming the IRI: as prefix:name, else by its local name, else written in full."""
    short = ns.shorten(iri)
    if short.startswith("<"):
        return line_of(path, iri)
    return line_of(path, short) or line_of(path, short.split(":", 1)[1]) or line_of(path, iri)


def located_shacl(ds: Dataset, shapes: Path) -> list[Problem]:
    """SHACL's findings, each at the file (and line) that states the focus node's failing property."""
    results = shacl_results(ds.quads, shapes)
    problems = []
    for r in results:
        where: tuple[Path | None, int | None] = (None, None)
        is_iri = r.focus.startswith(("http:", "https:", "urn:"))
        # the file stating the failing property, else one stating anything of the focus (a missing property)
        for wanted in (r.path, None):
            found = next((path for path, quads in ds.origins
                          if any(q.subject.value == r.focus and wanted in (None, q.predicate.value) for q in quads)),
                         None)
            if found:
                where = (found, (_line(found, r.focus) if is_iri else None) or
                         (_line(found, wanted) if wanted else None))
                break
        message = r.problem().message
        if not r.focus.startswith(("http:", "https:", "urn:")):
            message = message.replace(f"<{r.focus}>", f"a blank node (_:{r.focus})", 1)
        problems.append(Problem(message, *where))
    return problems


class _SameIds(dict):
    """rdflib keeps each blank node's id as written (not a new one), so SHACL's findings point back at the input."""

    def get(self, key, default=None):
        return key


def load_shapes(shapes: Path):
    import rdflib

    parse_file(shapes)  # a syntax error is reported with its line and column
    graph = rdflib.Graph()
    graph.parse(shapes, format="turtle")
    return graph


@dataclass(frozen=True)
class ShaclResult:
    shape: str  # the node shape, named even when a property shape of it failed
    focus: str
    path: str | None
    message: str

    def problem(self) -> Problem:
        on = ns.shorten(self.focus) + (f" {ns.shorten(self.path)}" if self.path else "")
        return Problem(f"shape {ns.shorten(self.shape)}: {on}: {self.message}")


def shacl_results(quads: list[ox.Quad], shapes: Path) -> list[ShaclResult]:
    """SHACL over all graphs merged (the ontology included, so subclasses reach their shapes)."""
    import pyshacl
    import rdflib
    from rdflib import RDF, URIRef
    from rdflib.namespace import SH

    data = rdflib.Graph()
    data.parse(data=ox.serialize([ox.Triple(q.subject, q.predicate, q.object) for q in quads],
                                 format=ox.RdfFormat.N_TRIPLES), format="nt", bnode_context=_SameIds())
    shapes_graph = load_shapes(shapes)
    _conforms, report, _ = pyshacl.validate(data, shacl_graph=shapes_graph, inference="none")
    results = []
    for result in report.subjects(RDF.type, SH.ValidationResult):
        shape = report.value(result, SH.sourceShape)
        if not isinstance(shape, URIRef):
            shape = shapes_graph.value(predicate=SH.property, object=shape) or shape
        path = report.value(result, SH.resultPath)
        results.append(ShaclResult(str(shape), str(report.value(result, SH.focusNode)),
                                   str(path) if isinstance(path, URIRef) else None,
                                   str(report.value(result, SH.resultMessage))))
    return sorted(set(results), key=lambda r: (r.shape, r.focus, r.path or "", r.message))


def run_shacl(quads: list[ox.Quad], shapes: Path) -> list[Problem]:
    return [r.problem() for r in shacl_results(quads, shapes)]


def validate(ds: Dataset, project: Project) -> list[Problem]:
    """Every problem found, checks first (they point at files), then SHACL."""
    from kg.literals import ill_typed

    if bad_values := ill_typed(ds.origins):
        return bad_values  # SHACL cannot compare them (pyshacl raises): these first
    store = store_of(ds.quads)
    problems = run_checks(store, load_checks(project.checks), ds)
    problems += located_shacl(ds, project.shapes)
    return problems


def validate_file(path: Path, project: Project) -> list[Problem]:
    """Validate a built dataset file (TriG, N-Quads, JSON-LD) rather than the sources."""
    ds = Dataset()
    ds.add(parse_file(path), path)
    return validate(ds, project)
