"""A deterministic, seeded generator of synthetic datasets in the project's ontology, shaped like the real one.

Each synthetic article is a bilateral cultural meeting: two states, two ministers holding their offices
(tenures attested at the meeting), a visit and a meeting in a city, a set of signed agreements between
institutions, initiatives that are only proposed, envisaged, discussed or ongoing, in domains of the
SKOS scheme, statements with quotations, and, for every fact, its own named graph whose provenance is a
text segment with quote and position selectors into the article's generated text (computed by the
project's own ``kg.provenance``, so every offset is true). The real seed dataset is included, so the
library's parameterised questions find their default entities.

    python benchmarks/generate.py --triples 100000 --out build/bench/kg-100000.nq

The same seed and size give the same file, byte for byte.
"""

from __future__ import annotations

import argparse
import random
import sys
from pathlib import Path

import pyoxigraph as ox

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from kg import namespaces as ns  # noqa: E402
from kg.provenance import evidence_quads, locate  # noqa: E402

N, L = ox.NamedNode, ox.Literal
A = N(ns.RDF + "type")
LABEL = N(ns.RDFS + "label")
STATUSES = ("signed", "proposed", "envisaged", "discussed", "ongoing")
DOMAINS = ("culture", "cultural-heritage", "museums", "exhibitions", "cultural-events", "film", "film-production",
           "literature", "childrens-culture", "research", "knowledge-exchange", "professional-training",
           "creative-industries", "fashion", "education")
INITIATIVE_VERBS = {"proposed": "a été proposé", "envisaged": "a été envisagé", "discussed": "a été discuté",
                    "ongoing": "se poursuit"}


def cd(local: str) -> ox.NamedNode:
    return N(ns.CD + local)


class Generator:
    def __init__(self, seed: int) -> None:
        self.rnd = random.Random(seed)
        self.states = [ns.entity("state", f"synthetic-state-{i:03d}") for i in range(60)]
        self.cities = [ns.entity("place", f"synthetic-city-{i:03d}") for i in range(120)]
        self.quads: list[ox.Quad] = []

    def add(self, s: str, p: ox.NamedNode, o, g: str) -> None:
        self.quads.append(ox.Quad(N(s), p, o if not isinstance(o, str) else N(o), N(g)))

    def name(self, iri: str, fr: str, en: str, kind: str) -> None:
        g = ns.ENTITIES_GRAPH
        self.add(iri, A, cd(kind), g)
        self.add(iri, LABEL, L(fr, language="fr"), g)
        self.add(iri, LABEL, L(en, language="en"), g)

    def fixed(self) -> None:
        for i, s in enumerate(self.states):
            self.name(s, f"État {i}", f"State {i}", "State")
        for i, c in enumerate(self.cities):
            self.name(c, f"Ville {i}", f"City {i}", "City")
            self.add(c, cd("country"), self.states[i % len(self.states)], ns.ENTITIES_GRAPH)

    def article(self, k: int) -> None:
        """One synthetic article and its claims (about 900 quads, like the real one)."""
        rnd, slug = self.rnd, f"synthetic-{k:06d}"
        doc = ns.document(slug)
        a, b = rnd.sample(self.states, 2)
        city = rnd.choice(self.cities)
        e = lambda kind, name: ns.entity(kind, f"{slug}-{name}")  # noqa: E731
        minister_a, minister_b = e("person", "minister-a"), e("person", "minister-b")
        meeting, visit = e("event", "meeting"), e("event", "visit")
        museums = [e("organization", f"museum-{i}") for i in range(2)]
        sentences: list[str] = []
        claims: list[tuple[str, list[tuple[ox.NamedNode, ox.NamedNode, object]], str]] = []

        def claim(name: str, sentence: str, triples) -> None:
            sentences.append(sentence)
            claims.append((f"{ns.CLAIM}{slug}/{name}", triples, sentence))

        self.name(minister_a, f"Ministre A{k}", f"Minister A{k}", "Person")
        self.name(minister_b, f"Ministre B{k}", f"Minister B{k}", "Person")
        self.name(meeting, f"Rencontre {k}", f"Meeting {k}", "Meeting")
        self.name(visit, f"Visite {k}", f"Visit {k}", "OfficialVisit")
        for i, m in enumerate(museums):
            self.name(m, f"Musée {k}-{i}", f"Museum {k}-{i}", "Museum")
            self.add(m, cd("country"), (a, b)[i], ns.ENTITIES_GRAPH)
        for who, state in ((minister_a, a), (minister_b, b)):
            office, tenure = ns.entity("office", f"{slug}-{who[-1]}"), ns.entity("tenure", f"{slug}-{who[-1]}")
            self.name(office, f"Ministre de la Culture {k}{who[-1]}", f"Minister of Culture {k}{who[-1]}", "Office")
            self.add(office, cd("postIn"), state, ns.ENTITIES_GRAPH)
            self.name(tenure, f"Mandat {k}{who[-1]}", f"Tenure {k}{who[-1]}", "Tenure")
            claim(f"tenure-{who[-1]}", f"Le ministre {who[-1]} de l’article {k} occupe sa fonction.",
                  [(N(tenure), A, cd("Tenure")), (N(tenure), cd("holder"), N(who)),
                   (N(tenure), cd("office"), N(office)), (N(tenure), cd("attestedAt"), N(meeting))])
        claim("visit", f"La visite officielle numéro {k} a eu lieu.",
              [(N(visit), A, cd("OfficialVisit")), (N(visit), cd("visitor"), N(minister_a)),
               (N(visit), cd("hostCountry"), N(b))])
        claim("meeting", f"Une rencontre numéro {k} s’est tenue dans la ville.",
              [(N(meeting), A, cd("Meeting")), (N(meeting), cd("participant"), N(minister_a)),
               (N(meeting), cd("participant"), N(minister_b)), (N(meeting), cd("location"), N(city)),
               (N(meeting), cd("occasion"), N(visit))])
        agreements = []
        for i in range(rnd.randint(1, 3)):
            ag = e("agreement", f"agreement-{i}")
            kind = rnd.choice(("DeclarationOfIntent", "MemorandumOfUnderstanding"))
            self.name(ag, f"Accord {k}-{i}", f"Agreement {k}-{i}", kind)
            agreements.append(ag)
            claim(f"agreement-{i}", f"L’accord {k}-{i} a été signé lors de la rencontre.",
                  [(N(ag), A, cd(kind)), (N(ag), cd("status"), N(ns.STATUS + "signed")),
                   (N(ag), cd("signedAt"), N(meeting)), (N(ag), cd("party"), N(museums[0])),
                   (N(ag), cd("party"), N(museums[1])),
                   *[(N(ag), cd("domain"), N(ns.DOMAIN + d)) for d in rnd.sample(DOMAINS, 2)]])
        for i in range(rnd.randint(3, 6)):
            ini = e("initiative", f"initiative-{i}")
            status = rnd.choice(STATUSES[1:])
            self.name(ini, f"Initiative {k}-{i}", f"Initiative {k}-{i}", "Initiative")
            claim(f"initiative-{i}", f"L’initiative {k}-{i} {INITIATIVE_VERBS[status]} par le ministre A.",
                  [(N(ini), A, cd("Initiative")), (N(ini), cd("status"), N(ns.STATUS + status)),
                   (N(ini), cd("putForwardBy"), N(minister_a)), (N(ini), cd("discussedAt"), N(meeting)),
                   *[(N(ini), cd("domain"), N(ns.DOMAIN + d)) for d in rnd.sample(DOMAINS, rnd.randint(1, 3))]])
        for i in range(rnd.randint(1, 3)):
            st = e("statement", f"statement-{i}")
            words = f"Nous coopérons depuis longtemps, dit-on dans l’article {k}, déclaration {i}"
            self.name(st, f"Déclaration {k}-{i}", f"Statement {k}-{i}", "Statement")
            claim(f"statement-{i}", f"« {words} », a affirmé le ministre.",
                  [(N(st), A, cd("Statement")), (N(st), cd("speaker"), N(minister_b)),
                   (N(st), cd("quotation"), L(words, language="fr")), (N(st), cd("statedAt"), N(meeting))])
        text = " ".join(sentences)
        self.add(doc, A, cd("NewsArticle"), ns.SOURCES_GRAPH)
        self.add(doc, LABEL, L(f"Article {k}", language="fr"), ns.SOURCES_GRAPH)
        self.add(doc, LABEL, L(f"Article {k}", language="en"), ns.SOURCES_GRAPH)
        self.add(doc, N(ns.DCTERMS + "title"), L(f"Article {k}", language="fr"), ns.SOURCES_GRAPH)
        self.add(doc, N(ns.DCTERMS + "language"), L("fr", datatype=N(ns.XSD + "language")), ns.SOURCES_GRAPH)
        self.add(doc, cd("text"), L(text), ns.SOURCES_GRAPH)
        for iri, triples, sentence in claims:
            for s, p, o in triples:
                self.quads.append(ox.Quad(s, p, o, N(iri)))
            self.add(iri, A, cd("ArticleClaim"), ns.PROVENANCE_GRAPH)
            self.add(iri, N(ns.DCTERMS + "source"), doc, ns.PROVENANCE_GRAPH)
            self.quads += evidence_quads(iri, doc, 1, locate(text, sentence), ns.PROVENANCE_GRAPH)


def generate(triples: int, seed: int = 1, base: Path | None = None) -> list[ox.Quad]:
    """At least ``triples`` quads: the real dataset (``base``), the fixed pools, then articles until the size."""
    gen = Generator(seed)
    if base is not None and base.is_file():
        gen.quads += list(ox.parse(path=str(base)))
    gen.fixed()
    k = 0
    while len(gen.quads) < triples:
        gen.article(k)
        k += 1
    return gen.quads


DATASET_FORMATS = {".nq": ox.RdfFormat.N_QUADS, ".trig": ox.RdfFormat.TRIG}


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--triples", type=int, required=True)
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--base", type=Path, default=ROOT / "build" / "kg.trig", help="the real dataset to include")
    p.add_argument("--out", type=Path, required=True, help="a .nq or .trig file (the format follows the extension)")
    args = p.parse_args(argv)
    from kg.rdfio import atomic_write

    fmt = DATASET_FORMATS.get(args.out.suffix.lower())
    if fmt is None:
        p.error(f"--out {args.out}: the data has named graphs; write a .nq (N-Quads) or .trig (TriG) file")
    quads = generate(args.triples, args.seed, args.base)
    atomic_write(args.out, ox.serialize(quads, format=fmt))
    print(f"wrote {args.out} ({len(quads):,} quads)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
