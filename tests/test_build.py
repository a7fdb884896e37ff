"""The built dataset: the contract every later step reads (build/kg.trig and its siblings)."""

import os
import subprocess
import sys
from pathlib import Path

import pyoxigraph as ox
import pytest

from kg import namespaces as ns
from kg.build import ON_DEMAND, build, checked_wikidata_ids, export

from conftest import ROOT, SHARED

ARTICLE = ROOT / "data" / "articles" / "kz-fr-culture-agreements"
TEXT = (ARTICLE / "kz-fr-culture-agreements.fr.txt").read_text(encoding="utf-8")
DOC = ns.document("kz-fr-culture-agreements")
SEED_CLAIMS = f"{ns.CLAIM}kz-fr-culture-agreements/"


def select(ds, query: str) -> list[dict[str, str]]:
    store = ox.Store()
    store.extend(ds.quads)
    result = store.query(query)
    names = [v.value for v in result.variables]
    return [{n: row[n].value for n in names if row[n] is not None} for row in result]


def test_the_article_text_is_the_seed_byte_for_byte():
    seed = SHARED / "seed" / "kz-fr-culture-agreements.fr.txt"
    if not seed.exists():
        pytest.skip("shared/seed is not beside this checkout")
    assert (ARTICLE / "kz-fr-culture-agreements.fr.txt").read_bytes() == seed.read_bytes()


def test_the_reference_identifiers_are_the_shared_ones():
    shared = SHARED / "reference" / "wikidata-ids.tsv"
    if not shared.exists():
        pytest.skip("shared/reference is not beside this checkout")
    assert (ROOT / "data" / "reference" / "wikidata-ids.tsv").read_bytes() == shared.read_bytes()


def test_every_claim_is_its_own_graph_with_selectors_that_match_the_text(built):
    _, ds = built
    rows = select(ds, f"""
        PREFIX oa: <{ns.OA}> PREFIX prov: <{ns.PROV}> PREFIX cd: <{ns.CD}>
        SELECT ?claim ?exact ?start ?end ?prefix ?suffix ?source ?text WHERE {{
          GRAPH <{ns.PROVENANCE_GRAPH}> {{
            ?claim a cd:ArticleClaim ; prov:wasDerivedFrom ?seg .
            ?seg oa:hasSource ?source ; oa:hasSelector ?q , ?p .
            ?q oa:exact ?exact ; oa:prefix ?prefix ; oa:suffix ?suffix .
            ?p oa:start ?start ; oa:end ?end .
          }}
          GRAPH <{ns.SOURCES_GRAPH}> {{ ?source cd:text ?text }}
        }}""")
    claim_graphs = {q.graph_name.value for q in ds.quads
                    if isinstance(q.graph_name, ox.NamedNode) and q.graph_name.value.startswith(ns.CLAIM)}
    assert claim_graphs == {r["claim"] for r in rows}
    assert len(claim_graphs) >= 20
    for r in rows:
        start, end, text = int(r["start"]), int(r["end"]), r["text"]
        assert text[start:end] == r["exact"], r["claim"]
        assert text[:start].endswith(r["prefix"]) and text[end:].startswith(r["suffix"])
        assert r["source"] == ns.document(r["claim"][len(ns.CLAIM):].split("/")[0])
    assert {r["text"] for r in rows if r["source"] == DOC} == {TEXT}


def test_only_what_the_article_says_was_signed_is_signed(built):
    _, ds = built
    rows = select(ds, f"""
        PREFIX cd: <{ns.CD}>
        SELECT ?u ?status WHERE {{ GRAPH ?g {{ ?u cd:status ?status }}
          FILTER(STRSTARTS(STR(?g), "{SEED_CLAIMS}")) }}""")
    signed = {r["u"].rsplit("/", 1)[1] for r in rows if r["status"] == ns.STATUS + "signed"}
    assert signed == {"paris-meeting-agreements", "declaration-of-intent-museums-heritage",
                      "memorandum-national-museum-guimet"}
    status_of = {r["u"].rsplit("/", 1)[1]: r["status"].rsplit("/", 1)[1] for r in rows}
    assert status_of["internships-for-kazakh-specialists"] == "proposed"
    assert status_of["kazakh-ethnic-fashion-promotion"] == "proposed"
    assert status_of["common-cultural-events"] == "envisaged"
    assert status_of["scientific-cooperation-knowledge-exchange"] == "discussed"


def test_the_three_direct_quotes_are_attributed_to_their_speakers(built):
    _, ds = built
    rows = select(ds, f"""
        PREFIX cd: <{ns.CD}>
        SELECT ?speaker ?quotation WHERE {{ GRAPH ?g {{ ?s cd:speaker ?speaker ; cd:quotation ?quotation }} }}""")
    speakers = sorted(r["speaker"].rsplit("/", 1)[1] for r in rows)
    assert speakers == ["aida-balaeva", "aida-balaeva", "rachida-dati"]
    for r in rows:
        assert f"« {r['quotation']} »" in TEXT


def test_offices_are_held_at_a_time_never_currently(built):
    _, ds = built
    rows = select(ds, f"""
        PREFIX cd: <{ns.CD}>
        SELECT ?holder ?when WHERE {{ GRAPH ?g {{ ?t cd:holder ?holder ; cd:attestedAt ?when }}
          FILTER(STRSTARTS(STR(?g), "{SEED_CLAIMS}")) }}""")
    held = {r["holder"].rsplit("/", 1)[1]: r["when"].rsplit("/", 1)[1] for r in rows}
    assert held == {"kassym-jomart-tokayev": "tokayev-official-visit-france",
                    "aida-balaeva": "balaeva-dati-meeting-paris",
                    "rachida-dati": "balaeva-dati-meeting-paris"}


def test_context_facts_stay_in_their_own_graphs_with_a_source(built):
    _, ds = built
    visit_dates = [q for q in ds.quads if q.predicate.value == ns.CD + "startDate"
                   and q.subject.value.endswith("tokayev-official-visit-france")]
    assert [q.graph_name.value for q in visit_dates] == [ns.CONTEXT + "state-visit-dates"]
    rows = select(ds, f"""
        PREFIX cd: <{ns.CD}> PREFIX dcterms: <{ns.DCTERMS}>
        SELECT ?g ?source WHERE {{
          GRAPH <{ns.PROVENANCE_GRAPH}> {{ ?g a cd:ContextClaim ; dcterms:source ?source }} }}""")
    assert rows and all(r["g"].startswith(ns.CONTEXT) for r in rows)


def test_wikidata_links_are_only_checked_identifiers(built):
    _, ds = built
    checked = checked_wikidata_ids(ROOT / "data" / "reference" / "wikidata-ids.tsv")
    links = {q.subject.value.rsplit("/", 1)[1]: q.object.value[len(ns.WD):]
             for q in ds.quads if q.predicate.value == ns.OWL + "sameAs"}
    assert links["kazakhstan"] == "Q232" and links["kassym-jomart-tokayev"] == "Q200881"
    assert set(links.values()) <= set(checked)
    for local in ("aida-balaeva", "national-museum-of-kazakhstan", "ministry-of-culture-kazakhstan",
                  "ministry-of-culture-france"):
        assert local not in links


def test_every_output_holds_the_same_dataset(built):
    project, ds = built
    expected = set(ds.quads)
    for name in ON_DEMAND:  # written on demand, from the set's TriG
        export(project.build, name)
    for name in ("kg.trig", "kg.nq", "kg.jsonld"):
        assert set(ox.parse(path=str(project.build / name))) == expected, name
    merged = {ox.Triple(q.subject, q.predicate, q.object) for q in expected}
    assert {ox.Triple(q.subject, q.predicate, q.object) for q in ox.parse(path=str(project.build / "kg.ttl"))} == merged


def test_the_build_is_byte_identical_across_runs_and_hash_seeds(built, tmp_path: Path):
    project, _ = built
    env = {**os.environ, "PYTHONHASHSEED": "12345", "KG_ROOT": str(ROOT)}
    code = ("import sys; from pathlib import Path; from kg.project import Project; from kg.build import build; "
            f"build(Project(Path({str(ROOT)!r}), build_dir=Path({str(tmp_path)!r})), check=False); "
            f"from kg.build import export; [export(Path({str(tmp_path)!r}), n) for n in {list(ON_DEMAND)!r}]")
    subprocess.run([sys.executable, "-c", code], check=True, env=env)
    for name in ON_DEMAND:
        export(project.build, name)
    for name in ("kg.trig", "kg.ttl", "kg.jsonld", "kg.nq"):
        assert (tmp_path / name).read_bytes() == (project.build / name).read_bytes(), name
    again = tmp_path / "again"
    build(type(project)(ROOT, build_dir=again), check=False)
    assert (again / "kg.trig").read_bytes() == (project.build / "kg.trig").read_bytes()
