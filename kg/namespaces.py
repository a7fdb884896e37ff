"""The one place for namespaces and IRI minting.

Every IRI the project creates is minted here, under one persistent-identifier base, so that
readable, stable names (``…/id/person/aida-balaeva``) never depend on where the code runs.
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

BASE = "https://w3id.org/cdkg/"

# The project's own vocabularies.
CD = BASE + "ontology#"
CDSH = BASE + "shapes#"
STATUS = BASE + "status/"
REVIEW = BASE + "review/"
DOMAIN = BASE + "domain/"
CAMEO = BASE + "cameo/"
PLOVER = BASE + "plover/"

# Data: entities, documents, claims and their evidence, and the graphs that hold them.
ID = BASE + "id/"
DOC = BASE + "doc/"
CLAIM = BASE + "claim/"
EVIDENCE = BASE + "evidence/"
GRAPH = BASE + "graph/"
CONTEXT = BASE + "context/"

# Standard vocabularies.
RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"
OWL = "http://www.w3.org/2002/07/owl#"
XSD = "http://www.w3.org/2001/XMLSchema#"
SKOS = "http://www.w3.org/2004/02/skos/core#"
SH = "http://www.w3.org/ns/shacl#"
PROV = "http://www.w3.org/ns/prov#"
OA = "http://www.w3.org/ns/oa#"
ORG = "http://www.w3.org/ns/org#"
DCTERMS = "http://purl.org/dc/terms/"
PAV = "http://purl.org/pav/"
SCHEMA = "https://schema.org/"
FOAF = "http://xmlns.com/foaf/0.1/"
TIME = "http://www.w3.org/2006/time#"
WD = "http://www.wikidata.org/entity/"
WDT = "http://www.wikidata.org/prop/direct/"

# The named graphs of the dataset contract (see README, "The dataset").
ONTOLOGY_GRAPH = GRAPH + "ontology"
ENTITIES_GRAPH = GRAPH + "entities"
SOURCES_GRAPH = GRAPH + "sources"
PROVENANCE_GRAPH = GRAPH + "provenance"
WIKIDATA_LINKS_GRAPH = GRAPH + "wikidata-links"
WIKIDATA_GRAPH = GRAPH + "wikidata"

# The ontology this package reads its kinds of entity from (the source tree next to the package).
ONTOLOGY_DIR = Path(__file__).resolve().parent.parent / "ontology"


def entity_kinds(ontology: Path = ONTOLOGY_DIR) -> tuple[str, ...]:
    """The kinds of entity, the first path segment under ID: each class's ``cd:iriSegment`` in the ontology.

    A new kind is declared in the ontology, nowhere else."""
    import pyoxigraph as ox  # local: this module is otherwise plain strings

    kinds = set()
    for path in sorted(ontology.glob("*.ttl")):
        with path.open("rb") as f:
            kinds |= {t.object.value for t in ox.parse(f, ox.RdfFormat.TURTLE, base_iri=path.resolve().as_uri())
                      if t.predicate.value == CD + "iriSegment"}
    if not kinds:
        raise RuntimeError(f"no kind of entity (cd:iriSegment) declared in {ontology}")
    return tuple(sorted(kinds))


ENTITY_KINDS = entity_kinds()

PREFIXES: dict[str, str] = {
    "cd": CD,
    "cdsh": CDSH,
    "status": STATUS,
    "review": REVIEW,
    "domain": DOMAIN,
    "cameo": CAMEO,
    "plover": PLOVER,
    **{kind: f"{ID}{kind}/" for kind in ENTITY_KINDS},
    "doc": DOC,
    "claim": CLAIM,
    "evidence": EVIDENCE,
    "graph": GRAPH,
    "context": CONTEXT,
    "rdf": RDF,
    "rdfs": RDFS,
    "owl": OWL,
    "xsd": XSD,
    "skos": SKOS,
    "sh": SH,
    "prov": PROV,
    "oa": OA,
    "org": ORG,
    "dcterms": DCTERMS,
    "pav": PAV,
    "schema": SCHEMA,
    "foaf": FOAF,
    "time": TIME,
    "wd": WD,
    "wdt": WDT,
}

_SLUG_OK = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


def slugify(text: str) -> str:
    """A readable IRI segment: ``"Musée Guimet"`` → ``"musee-guimet"``."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")


def entity(kind: str, slug: str) -> str:
    """The IRI of an entity of a known kind."""
    if kind not in ENTITY_KINDS:
        raise ValueError(f"unknown entity kind {kind!r}; known: {', '.join(ENTITY_KINDS)}")
    if not _SLUG_OK.match(slug):
        raise ValueError(f"not a slug: {slug!r} (lower-case letters, digits and single hyphens)")
    return f"{ID}{kind}/{slug}"


def document(slug: str) -> str:
    return DOC + slug


def evidence(claim_iri: str, n: int) -> dict[str, str]:
    """IRIs of the n-th piece of evidence of a claim: the text segment, its selectors, the annotation."""
    if not claim_iri.startswith(CLAIM):
        raise ValueError(f"not a claim IRI: {claim_iri}")
    # flat local names (no "/" after the article's namespace) keep prefixed names readable
    base = f"{EVIDENCE}{claim_iri[len(CLAIM):]}-{n}"
    return {
        "segment": base,
        "quote": base + "-quote",
        "position": base + "-position",
        "annotation": base + "-annotation",
    }


def prefixes_for(iris: set[str]) -> dict[str, str]:
    """The project's prefixes, plus one per article for its claims and evidence (``slug:``, ``slug-ev:``)."""
    found = dict(PREFIXES)
    for iri in iris:
        for space, suffix in ((CLAIM, ""), (EVIDENCE, "-ev")):
            if iri.startswith(space) and "/" in iri[len(space):]:
                slug = iri[len(space):].split("/", 1)[0]
                if slug and slug[0].isalpha():
                    found.setdefault(slug + suffix, f"{space}{slug}/")
    return dict(sorted(found.items()))


def wikidata_entity(qid: str) -> str:
    if not re.fullmatch(r"Q[1-9][0-9]*", qid):
        raise ValueError(f"not a Wikidata item identifier: {qid!r}")
    return WD + qid


def shorten(iri: str) -> str:
    """A prefixed name for messages and tables (the longest matching namespace wins)."""
    table = prefixes_for({iri})
    best = ""
    for prefix, space in table.items():
        if iri.startswith(space) and len(space) > len(table.get(best, "")):
            best = prefix
    if best:
        return f"{best}:{iri[len(table[best]):]}"
    return f"<{iri}>"


def expand(name: str) -> str:
    """The full IRI of a prefixed name or ``<iri>``; raises on an unknown prefix."""
    if name.startswith("<") and name.endswith(">"):
        return name[1:-1]
    if "://" in name:
        return name
    prefix, sep, local = name.partition(":")
    if not sep or prefix not in PREFIXES:
        raise ValueError(f"unknown prefix in {name!r}; known: {', '.join(sorted(PREFIXES))}")
    return PREFIXES[prefix] + local
