"""Validation: the shapes accept the valid examples and reject each invalid one; each check can fail."""

from pathlib import Path

import pyoxigraph as ox
import pytest

from kg import namespaces as ns
from kg.build import assemble
from kg.build.validate import load_checks, run_checks, shacl_results, store_of, validate
from kg.rdfio import parse_file

from conftest import ROOT

EXAMPLES = ROOT / "ontology" / "examples"
SHAPES = ROOT / "ontology" / "shapes.ttl"


def ontology_quads() -> list[ox.Quad]:
    return [q for p in sorted((ROOT / "ontology").glob("*.ttl")) if p.name != "shapes.ttl"
            for q in parse_file(p, ox.NamedNode(ns.ONTOLOGY_GRAPH))]


ONTOLOGY = ontology_quads()


def failing_shapes(example: Path) -> set[str]:
    quads = ONTOLOGY + parse_file(example, ox.NamedNode(ns.ENTITIES_GRAPH))
    return {ns.shorten(r.shape) for r in shacl_results(quads, SHAPES)}


def declared_shapes() -> set[str]:
    return {ns.shorten(q.subject.value) for q in parse_file(SHAPES)
            if q.predicate.value == ns.RDF + "type" and q.object.value == ns.SH + "NodeShape"}


@pytest.mark.parametrize("example", sorted((EXAMPLES / "valid").glob("*.ttl")), ids=lambda p: p.stem)
def test_valid_examples_conform(example):
    assert failing_shapes(example) == set()


@pytest.mark.parametrize("example", sorted((EXAMPLES / "invalid").glob("*.ttl")), ids=lambda p: p.stem)
def test_each_invalid_example_is_rejected_by_the_shape_it_is_named_for_and_no_other(example):
    shape = "cdsh:" + example.stem.split("--")[0]
    assert failing_shapes(example) == {shape}


def test_every_shape_has_an_invalid_example():
    covered = {"cdsh:" + p.stem.split("--")[0] for p in (EXAMPLES / "invalid").glob("*.ttl")}
    assert declared_shapes() - covered == set()
    assert covered - declared_shapes() == set(), "an example is named for a shape that does not exist"


def test_the_real_sources_are_valid(project):
    assert validate(assemble(project), project) == []


CD, OA = ns.CD, ns.OA
N, L = ox.NamedNode, ox.Literal
PROV_G = N(ns.PROVENANCE_GRAPH)


def _shift_first_start(quads):
    target = next(q for q in quads if q.predicate.value == OA + "start")
    moved = L(str(int(target.object.value) + 1), datatype=target.object.datatype)
    return [q for q in quads if q != target] + [ox.Quad(target.subject, target.predicate, moved, target.graph_name)]


def _change_a_quotation(quads):
    target = next(q for q in quads if q.predicate.value == CD + "quotation")
    return [q for q in quads if q != target] + [
        ox.Quad(target.subject, target.predicate, L("words nobody said", language="en"), target.graph_name)]


def _add(*quads):
    return lambda base: base + list(quads)


EVENT = N(ns.entity("event", "balaeva-dati-meeting-paris"))
MUTATIONS = {
    "provenance-offsets": _shift_first_start,
    "quotations-verbatim": _change_a_quotation,
    "claims-have-evidence": _add(ox.Quad(EVENT, N(CD + "date"), L("2024"), N(ns.CLAIM + "kz-fr-culture-agreements/x"))),
    "graphs-known": _add(ox.Quad(EVENT, N(CD + "date"), L("2024"), N(ns.GRAPH + "stray"))),
    "terms-declared": _add(ox.Quad(EVENT, N(CD + "dated"), L("2024"), N(ns.ENTITIES_GRAPH))),
    "entities-labelled": _add(ox.Quad(N(ns.entity("person", "nobody")), N(ns.RDF + "type"), N(CD + "Person"),
                                      N(ns.ENTITIES_GRAPH))),
    "entities-typed": _add(ox.Quad(EVENT, N(CD + "participant"), N(ns.entity("person", "unnamed")),
                                   N(ns.CLAIM + "kz-fr-culture-agreements/ministers-meeting"))),
    "no-blank-nodes": _add(ox.Quad(EVENT, N(CD + "participant"), ox.BlankNode("someone"), N(ns.ENTITIES_GRAPH))),
    "article-facts-stay-apart": _add(ox.Quad(N(ns.CLAIM + "kz-fr-culture-agreements/official-visit"),
                                             N(ns.DCTERMS + "source"), N(ns.DOC + "another-article"), PROV_G)),
    "wikidata-cache-sourced": lambda base: [q for q in base if q.predicate.value != ns.PAV + "retrievedOn"
                                             or q.subject.value != ns.WIKIDATA_GRAPH],
    "ontology-documented": _add(ox.Quad(N(CD + "Undocumented"), N(ns.RDF + "type"), N(ns.OWL + "Class"),
                                        N(ns.ONTOLOGY_GRAPH))),
    "statuses-in-scheme": _add(ox.Quad(N(ns.entity("initiative", "joint-film-production")), N(CD + "status"),
                                       N(ns.DOMAIN + "film"), N(ns.CLAIM + "kz-fr-culture-agreements/x"))),
    "entities-first-met": lambda base: [q for q in base if q.predicate.value != CD + "firstMetIn"
                                        or q.subject.value != ns.entity("person", "aida-balaeva")],
    "articles-not-in-future": lambda base: [
        q if q.predicate.value != ns.DCTERMS + "issued" else
        ox.Quad(q.subject, q.predicate, L("2999-01-01", datatype=N(ns.XSD + "date")), q.graph_name) for q in base],
}


def test_every_check_has_a_mutation_that_it_catches():
    assert {c.name for c in load_checks(ROOT / "queries" / "checks")} == set(MUTATIONS)


@pytest.mark.parametrize("name", sorted(MUTATIONS))
def test_each_check_catches_its_mutation(project, name):
    base = assemble(project).quads
    checks = load_checks(ROOT / "queries" / "checks")
    assert run_checks(store_of(base), checks) == []
    broken = MUTATIONS[name](list(base))
    failing = {p.message.split(" ", 2)[1] for p in run_checks(store_of(broken), checks)}
    assert name in failing


def test_a_built_dataset_file_validates_like_its_sources(built):
    from kg.build.validate import validate_file

    project, _ = built
    assert validate_file(project.build / "kg.trig", project) == []
