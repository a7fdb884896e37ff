"""IRIs: minted in one place, readable, and refused when malformed."""

import pytest

from kg import namespaces as ns


def test_slugify_makes_readable_ascii_segments():
    assert ns.slugify("Musée Guimet") == "musee-guimet"
    assert ns.slugify("  Kassym-Jomart Tokaïev ") == "kassym-jomart-tokaiev"


def test_entity_iris_are_typed_paths_under_one_base():
    assert ns.entity("person", "aida-balaeva") == "https://w3id.org/cdkg/id/person/aida-balaeva"


@pytest.mark.parametrize("kind, slug", [("people", "x"), ("person", "Aida"), ("person", "a--b"), ("person", "")])
def test_entity_refuses_unknown_kinds_and_bad_slugs(kind, slug):
    with pytest.raises(ValueError):
        ns.entity(kind, slug)


def test_shorten_and_expand_are_inverse():
    iri = ns.entity("state", "france")
    assert ns.shorten(iri) == "state:france"
    assert ns.expand("state:france") == iri
    assert ns.expand(f"<{iri}>") == iri


def test_expand_refuses_an_unknown_prefix():
    with pytest.raises(ValueError, match="unknown prefix"):
        ns.expand("nope:x")


def test_evidence_iris_are_flat_under_the_article():
    iris = ns.evidence(ns.CLAIM + "kz/visit", 2)
    assert iris["segment"] == ns.EVIDENCE + "kz/visit-2"
    assert iris["quote"].endswith("visit-2-quote")


def test_wikidata_entity_accepts_only_item_identifiers():
    assert ns.wikidata_entity("Q232") == "http://www.wikidata.org/entity/Q232"
    for bad in ("P17", "Q0", "232", "Q23a"):
        with pytest.raises(ValueError):
            ns.wikidata_entity(bad)


def test_per_article_prefixes_keep_prefixed_names_free_of_slashes():
    found = ns.prefixes_for({ns.CLAIM + "kz-fr/visit", ns.EVIDENCE + "kz-fr/visit-1"})
    assert found["kz-fr"] == ns.CLAIM + "kz-fr/"
    assert found["kz-fr-ev"] == ns.EVIDENCE + "kz-fr/"


def test_the_kinds_of_entity_are_read_from_the_ontology(tmp_path):
    assert set(ns.ENTITY_KINDS) >= {"state", "person", "organization", "initiative", "activity", "source"}
    assert all(ns.PREFIXES[kind] == f"{ns.ID}{kind}/" for kind in ns.ENTITY_KINDS)
    (tmp_path / "one.ttl").write_text(
        '@prefix cd: <https://w3id.org/cdkg/ontology#> .\ncd:Thing cd:iriSegment "thing" .\n', encoding="utf-8")
    assert ns.entity_kinds(tmp_path) == ("thing",)
    (tmp_path / "one.ttl").write_text("", encoding="utf-8")
    with pytest.raises(RuntimeError, match="no kind of entity"):
        ns.entity_kinds(tmp_path)
