"""The ontology's semantics: the OWL RL closure of the ontology with the data stays clean.

A reasoner must not infer nonsense from the model: nothing is inconsistent, nothing is an owl:Nothing,
no status is the same as another (cd:status is not functional: sources at different dates differ), and
who is a party, signs, proposes or speaks is not "on whose word" a claim rests.
"""

from __future__ import annotations

import owlrl
import pyoxigraph as ox
import pytest
import rdflib
from rdflib import OWL, RDF, URIRef

from kg import namespaces as ns

ERROR = URIRef("http://www.daml.org/2002/03/agents/agent-ont#ErrorMessage")


def closure(quads: list[ox.Quad]) -> rdflib.Graph:
    """All triples of the dataset (every graph merged, the ontology included), closed under OWL RL."""
    g = rdflib.Graph()
    g.parse(data=ox.serialize([ox.Triple(q.subject, q.predicate, q.object) for q in quads],
                              format=ox.RdfFormat.N_TRIPLES), format="nt")
    owlrl.DeductiveClosure(owlrl.OWLRL_Semantics, axiomatic_triples=False, datatype_axioms=False).expand(g)
    return g


def problems(g: rdflib.Graph) -> list[str]:
    found = [f"inconsistent: {g.value(m, URIRef(str(ERROR).replace('ErrorMessage', 'error')))}"
             for m in g.subjects(RDF.type, ERROR)]
    found += [f"{x} is an owl:Nothing" for x in g.subjects(RDF.type, OWL.Nothing) if x != OWL.Nothing]
    found += [f"{a} owl:sameAs {b}" for a, b in g.subject_objects(OWL.sameAs)
              if a != b and str(a).startswith(ns.STATUS) and str(b).startswith(ns.STATUS)]
    return sorted(found)


@pytest.fixture(scope="module")
def closed(built) -> rdflib.Graph:
    _, ds = built
    return closure(ds.quads)


def test_the_closure_of_the_ontology_and_the_data_is_clean(closed):
    assert problems(closed) == []


def test_only_claims_rest_on_someone_s_word(closed):
    attributed = set(closed.subjects(URIRef(ns.PROV + "wasAttributedTo"), None))
    assert attributed, "cd:accordingTo is a sub-property of prov:wasAttributedTo: the claims that use it show up"
    assert all(str(s).startswith(ns.CLAIM) for s in attributed), sorted(attributed)[:5]
    agreement_set = URIRef(ns.entity("agreement", "paris-meeting-agreements"))
    assert (agreement_set, URIRef(ns.PROV + "wasAttributedTo"), URIRef(ns.entity("state", "france"))) not in closed


def test_a_functional_status_would_make_two_statuses_the_same(built):
    """The check above can fail: with the old functional cd:status, two sources' statuses collapse into one."""
    _, ds = built
    functional = ox.Quad(ox.NamedNode(ns.CD + "status"), ox.NamedNode(ns.RDF + "type"),
                         ox.NamedNode(ns.OWL + "FunctionalProperty"), ox.NamedNode(ns.ONTOLOGY_GRAPH))
    assert any("owl:sameAs" in p for p in problems(closure([*ds.quads, functional])))
