"""One source of truth: a status and a kind of institution added to a copy of ontology/ reach every step.

No code change: build, validation, the questions, the statistics, the Wikidata reconciliation and the
benchmark generator read statuses, their grouping and the classes from the ontology.

Hook for the view (its styles come from ontology/styles.ttl, with a default for a class or status
without one): draw ``network(quads)`` of the ``extended`` fixture with ``kg.view.write_view`` and check
the new status and class get the fallback style; that part belongs with tests/test_view.py.
"""

from __future__ import annotations

import shutil
import sys

import pyoxigraph as ox
import pytest

from kg import namespaces as ns
from kg import query as q
from kg.analysis import stats
from kg.build import build
from kg.build.validate import validate_file
from kg.network import project as network
from kg.project import Project
from kg.store import OxigraphEngine
from kg.wikidata import reconcilable

from conftest import ROOT, write

# a status the ontology does not have (postponed is an event's status now, in status:event-scheme)
NEGOTIATED = ns.STATUS + "under-negotiation"
LIBRARY_CLASS = ns.CD + "Library"

NEW_STATUS = """
status:under-negotiation a skos:Concept ; skos:inScheme status:scheme ; skos:topConceptOf status:scheme ;
    skos:notation "under-negotiation" ;
    skos:prefLabel "under negotiation"@en , "en négociation"@fr ;
    skos:definition "Being negotiated (« en négociation »)."@en , "En cours de négociation."@fr .
"""
NEW_CLASS = """
cd:Library a owl:Class ;
    rdfs:label "library"@en , "bibliothèque"@fr ;
    skos:definition "A cultural institution that keeps books."@en , "Une institution qui conserve des livres."@fr ;
    rdfs:subClassOf cd:CulturalInstitution ;
    skos:closeMatch schema:Library .
"""
TEXT = "La Bibliothèque d’Alpha et le Kazakhstan négocient un échange de manuscrits."
PREFIXES = """@prefix cd: <https://w3id.org/cdkg/ontology#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix prov: <http://www.w3.org/ns/prov#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix dcterms: <http://purl.org/dc/terms/> .
@prefix status: <https://w3id.org/cdkg/status/> .
@prefix review: <https://w3id.org/cdkg/review/> .
@prefix doc: <https://w3id.org/cdkg/doc/> .
@prefix organization: <https://w3id.org/cdkg/id/organization/> .
@prefix initiative: <https://w3id.org/cdkg/id/initiative/> .
@prefix activity: <https://w3id.org/cdkg/id/activity/> .
@prefix state: <https://w3id.org/cdkg/id/state/> .
@prefix claim: <https://w3id.org/cdkg/claim/library-test/> .
"""


@pytest.fixture(scope="module")
def extended(tmp_path_factory: pytest.TempPathFactory) -> tuple[Project, list[ox.Quad]]:
    """The real project, copied, with one new status, one new class, and an article that uses both."""
    root = tmp_path_factory.mktemp("extended")
    for folder in ("ontology", "data", "queries"):
        shutil.copytree(ROOT / folder, root / folder)
    with (root / "ontology" / "status.ttl").open("a", encoding="utf-8") as f:
        f.write(NEW_STATUS)
    with (root / "ontology" / "cdkg.ttl").open("a", encoding="utf-8") as f:
        f.write(NEW_CLASS)
    with (root / "data" / "entities" / "organization.ttl").open("a", encoding="utf-8") as f:
        f.write('\n<https://w3id.org/cdkg/id/organization/alpha-library> a cd:Library ;\n'
                '    rdfs:label "Bibliothèque d’Alpha"@fr ; cd:firstMetIn doc:library-test .\n')
    with (root / "data" / "entities" / "initiative.ttl").open("a", encoding="utf-8") as f:
        f.write('\n<https://w3id.org/cdkg/id/initiative/manuscript-exchange> a cd:Initiative ;\n'
                '    rdfs:label "échange de manuscrits"@fr ; cd:firstMetIn doc:library-test .\n')
    article = root / "data" / "articles" / "library-test"
    write(article / "library-test.fr.txt", TEXT)
    write(article / "article.ttl", PREFIXES + """
doc:library-test a cd:NewsArticle ; rdfs:label "Test"@fr ; dcterms:title "Un report"@fr ;
    dcterms:publisher organization:la-presse-turquoise ; dcterms:issued "2025-01-15"^^xsd:date ;
    dcterms:language "fr"^^xsd:language .
""")
    write(article / "claims.trig", PREFIXES + """
claim:negotiated {
    initiative:manuscript-exchange a cd:Initiative ; cd:status status:under-negotiation ;
        cd:party organization:alpha-library , state:kazakhstan .
}
claim:negotiated cd:evidence "négocient un échange de manuscrits" ;
    cd:reviewStatus review:accepted ; cd:reviewedBy "tester" ; cd:reviewedAt "2026-11-25T18:00:00Z"^^xsd:dateTime ;
    prov:wasGeneratedBy activity:hand-authoring-library-test .
activity:hand-authoring-library-test a prov:Activity , cd:HandAuthoring ; rdfs:label "saisie"@fr .
""")
    proj = Project(root)
    ds, _ = build(proj)  # validates: shapes and checks read the new status and class from the copy
    return proj, ds.quads


def test_the_build_validates_the_new_status_and_class(extended):
    proj, quads = extended
    assert validate_file(proj.dataset, proj) == []
    assert any(qd.predicate.value == ns.CD + "status" and qd.object.value == NEGOTIATED for qd in quads)


def test_the_questions_group_the_new_status_as_not_signed_and_report_it(extended):
    proj, _ = extended
    engine, library = OxigraphEngine.in_memory(proj.dataset), q.library(proj.queries)
    not_signed = q.run(engine, library["not-signed"])
    assert {r["status"].value for r in not_signed.rows if r["undertaking"].value.endswith("manuscript-exchange")} \
        == {"under negotiation"}
    now = q.run(engine, library["status-now"])
    assert [(r["status"].value, r["conflict"].value) for r in now.rows
            if r["undertaking"].value.endswith("manuscript-exchange")] == [(NEGOTIATED, "false")]
    counts = {r["status"].value: r["count"].value for r in q.run(engine, library["statuses"]).rows}
    assert counts[NEGOTIATED] == "1"


def test_the_statistics_count_the_new_status_and_the_institution(extended):
    _, quads = extended
    G = network(quads)
    assert stats(G)["by_status"].get("under negotiation") == 1
    library = ns.entity("organization", "alpha-library")
    assert G.nodes[library]["kind"] == LIBRARY_CLASS


def test_wikidata_reconciliation_knows_the_new_kind_of_institution(extended):
    _, quads = extended
    assert LIBRARY_CLASS in reconcilable(quads)


def test_the_generator_draws_the_new_status_and_class_and_its_data_validates(extended, tmp_path):
    proj, _ = extended
    sys.path.insert(0, str(ROOT / "benchmarks"))
    from generate import Model, generate

    model = Model(proj.ontology)
    assert NEGOTIATED in model.not_signed and NEGOTIATED not in model.signed
    assert LIBRARY_CLASS in model.institutions
    quads = generate(12_000, seed=3, base=proj.dataset, ontology=proj.ontology)
    used = {qd.object.value for qd in quads}
    assert NEGOTIATED in used and LIBRARY_CLASS in used
    out = tmp_path / "generated.nq"
    out.write_bytes(ox.serialize(quads, format=ox.RdfFormat.N_QUADS))
    assert validate_file(out, proj) == []
