"""The projection: entities and relations, not triples; the same one for the view and the analysis."""

import pyoxigraph as ox

from kg import namespaces as ns
from kg.build import assemble_ontology
from kg.network import project as projection


def test_the_projection_has_the_entities_not_the_machinery(built):
    _, ds = built
    G = projection(ds.quads)
    categories = {d["category"] for _, d in G.nodes(data=True)}
    assert {"State", "Person", "Office", "Ministry", "Museum", "Meeting", "Visit", "Exhibition", "Agreement",
            "AgreementSet", "Initiative", "Statement", "Domain"} <= categories
    for n in G.nodes:
        assert not n.startswith((ns.CLAIM, ns.CONTEXT, ns.EVIDENCE, ns.GRAPH, ns.DOC, ns.CD, ns.STATUS))
        assert "/id/tenure/" not in n and "/id/source/" not in n


def test_a_tenure_becomes_an_edge_from_the_person_to_the_office_with_its_time(built):
    _, ds = built
    G = projection(ds.quads)
    dati = ns.entity("person", "rachida-dati")
    office = ns.entity("office", "minister-of-culture-france")
    edge = G.get_edge_data(dati, office)[ns.CD + "office"]
    assert edge["start"] == "2024-01-11" and edge["end"] == "2026-02-25"
    assert edge["attested_at"] == ["Meeting of the culture ministers Aida Balaeva and Rachida Dati in Paris"]
    assert set(edge["sources"]) == {"article", "context"}


def test_nodes_carry_status_domains_wikidata_and_the_words_that_support_them(built):
    _, ds = built
    G = projection(ds.quads, lang="fr")
    mou = G.nodes[ns.entity("agreement", "memorandum-national-museum-guimet")]
    assert mou["status"] == ns.STATUS + "signed" and mou["status_label"] == "signé"
    assert mou["domains"] == [ns.DOMAIN + "museums"]
    assert any("mémorandum d’entente" in e["exact"] for e in mou["evidence"])
    assert G.nodes[ns.entity("organization", "guimet-museum")]["wikidata"] == ns.WD + "Q860994"
    assert G.nodes[ns.entity("person", "aida-balaeva")]["wikidata"] == ""
    assert G.nodes[ns.entity("initiative", "kazakh-ethnic-fashion-promotion")]["status_label"] == "proposé"


def test_any_rdf_can_be_projected(project):
    ttl = b"""@prefix ex: <http://example.org/> . @prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
    ex:a a ex:Thing ; rdfs:label "A" ; ex:knows ex:b . ex:b a ex:Thing ; rdfs:label "B" . ex:c ex:p "text" ."""
    quads = assemble_ontology(project) + list(ox.parse(ttl, format=ox.RdfFormat.TURTLE))
    G = projection(quads)
    assert set(G.nodes) == {"http://example.org/a", "http://example.org/b"}
    assert G.number_of_edges() == 1


def test_evidence_follows_the_selector_triples_whatever_the_iris_look_like(built):
    """Words reach a fact through claim → segment → selector triples, not by cutting an IRI at its last '-'."""
    _, ds = built

    def opaque(term):
        if isinstance(term, ox.NamedNode) and term.value.startswith(ns.EVIDENCE):
            return ox.NamedNode("urn:uuid:" + term.value[len(ns.EVIDENCE):].replace("-", "_"))
        return term

    renamed = [ox.Quad(opaque(q.subject), q.predicate, opaque(q.object), q.graph_name) for q in ds.quads]
    mou = ns.entity("agreement", "memorandum-national-museum-guimet")
    words = {(e["exact"], e["start"], e["end"]) for e in projection(renamed).nodes[mou]["evidence"]}
    assert words == {(e["exact"], e["start"], e["end"]) for e in projection(ds.quads).nodes[mou]["evidence"]}
    assert any("mémorandum d’entente" in exact for exact, _, _ in words)


def test_the_status_shown_is_the_latest_reported_one(built):
    _, ds = built
    exhibition = projection(ds.quads).nodes[ns.entity("initiative", "kazakh-heritage-exhibition-paris")]
    assert exhibition["status"] == ns.STATUS + "ongoing"  # 2024-11-05, after "announced" and "under study" (2023-11)
    assert exhibition["status_conflict"] == []  # the two reports of 2023-11 are older than the latest one


def test_a_thing_with_no_date_of_its_own_is_in_the_years_of_what_it_takes_part_in(project):
    """A state is in the year of an agreement it is party to, even when undated context notes state it."""
    trig = """@prefix cd: <https://w3id.org/cdkg/ontology#> . @prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
    @prefix xsd: <http://www.w3.org/2001/XMLSchema#> . @prefix ag: <https://w3id.org/cdkg/id/agreement/> .
    @prefix st: <https://w3id.org/cdkg/id/state/> .
    <https://w3id.org/cdkg/graph/entities> { ag:p a cd:Agreement ; rdfs:label "P"@en .
      st:a a cd:State ; rdfs:label "A"@en . st:b a cd:State ; rdfs:label "B"@en . }
    <https://w3id.org/cdkg/context/p> { ag:p cd:date "2008-06-11"^^xsd:date ; cd:party st:a . }"""
    G = projection(assemble_ontology(project) + list(ox.parse(trig.encode(), format=ox.RdfFormat.TRIG)))
    assert G.nodes[ns.entity("agreement", "p")]["years"] == [2008]
    assert G.nodes[ns.entity("state", "a")]["years"] == [2008]
    assert G.nodes[ns.entity("state", "b")]["years"] == []  # in nothing dated
