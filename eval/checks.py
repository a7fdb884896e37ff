"""Vocabulary-agnostic checks of the extraction, as the maintainers measure it (issue 18): every article of a
split goes through the real pipeline (`kg ingest`, `kg review --accept-all`, `kg build`) into ONE temporary copy
of the project, one after another, and the built graph (build/kg.trig) is asked questions derived from each
article's hand-made gold — lenient on vocabulary (an office's wording, an agreement's exact class, a domain's
breadth), strict on meaning (who, signed or not, held or not, which state).

    python eval/checks.py eval/dev            # prints checks passed per family and article, failed ones listed
    python eval/checks.py eval/test           # the figure only (--details to list the failed checks)

The check families (one or two checks per gold item; entities are compared as kg/score.py does: the same IRI or
a shared label, from the gold or the built graph):
- undertaking: an undertaking (any cd:Undertaking) whose parties include each of the gold's parties, signed
  (its status in the ontology's status:signature-reached collection) iff the gold's is;
- undertaking-domain (where the gold gives domains): such an undertaking (parties included) in at least one of
  the gold's domains, or a broader or narrower one;
- event: an event of the same family (meeting or visit, else any other event: read from the class hierarchy)
  whose participants, visitors, hosts or invitees include one of the gold's (the gold names none: one at one of
  its places);
- event-status (where the gold gives a status): such an event that is held iff the gold's is (no status reads
  as held, as in kg/score.py);
- tenure: the holder holds an office whose state or body (cd:postIn, else the state its IRI names) is the
  gold's; an office of that state counts whatever its wording (the gold's office names none: any office);
- statement: a statement whose speaker is the gold's;
- transfer: a transfer of the same class whose origin and destination (each where the gold gives one) are the
  gold's.
A check looks only at the items the article's own claims describe (what other articles say of them counts, so a
later article may complete an earlier one's undertaking); a gold item with no party, participant, place,
holder or speaker to look for gives no check (there is nothing vocabulary-free to ask). Nothing is written
outside a temporary folder (or --keep DIR, for a look at the built graph)."""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox

from kg import namespaces as ns
from kg.errors import KgError, Problem
from kg.ingest.vocabulary import Vocabulary, read_vocabulary
from kg.project import Project, find_project
from kg.rdfio import parse_file
from kg.score import HELD, KINDS, TYPE, Claims, Item, Known, _Judge, _values, read_claims

FAMILIES = ("undertaking", "undertaking-domain", "event", "event-status", "tenure", "statement", "transfer")
# the event classes that are an encounter of people (a meeting, a visit); every other event is one family
ENCOUNTERS = ("Meeting", "Visit")
ROLES = ("participant", "visitor", "host", "invitee")
PUBLISHER = "Evaluation source"  # the publisher every article is ingested with (proposed, then accepted)
NOW = "2026-01-01T00:00:00Z"  # fixed review and ingest times: the same inputs give the same graph


@dataclass
class Check:
    article: str
    family: str
    what: str  # the check in words, for the reader
    test: Callable[[list[Item]], bool] = field(repr=False)  # the built items of its kind → passed
    kind: str = "undertakings"
    passed: bool = False
    given: Check | None = None  # the check this one refines (an event's status, given the event is found)


def built_claims(quads: list[ox.Quad], vocabulary: Vocabulary, article: str) -> Claims:
    """The items the article's own claims describe in the built graph, each with what every claim of the graph
    says of it (its classes, parties, status…), in the scorer's form."""
    own = ns.CLAIM + article + "/"
    props: dict[str, dict[str, set[str]]] = {}
    described: set[str] = set()
    for q in quads:
        graph = "" if isinstance(q.graph_name, ox.DefaultGraph) else q.graph_name.value
        if not isinstance(q.subject, ox.NamedNode) or not (graph.startswith(ns.CLAIM) or q.predicate.value == TYPE):
            continue
        props.setdefault(q.subject.value, {}).setdefault(q.predicate.value, set()).add(q.object.value)
        if graph.startswith(own):
            described.add(q.subject.value)
    items: dict[str, list[Item]] = {k: [] for k in KINDS}
    for subject in sorted(described):
        values = props[subject]
        for cls in sorted(values.get(TYPE, ())):
            kind = ("events" if vocabulary.is_a(cls, "Event") else "tenures" if vocabulary.is_a(cls, "Tenure")
                    else "transfers" if vocabulary.is_a(cls, "ObjectTransfer")
                    else "undertakings" if vocabulary.is_a(cls, "Undertaking")
                    else "statements" if vocabulary.is_a(cls, "Statement") else None)
            if kind:
                items[kind].append(Item(own, subject, cls, frozenset(), values))
    known = Known.from_quads(quads)
    return Claims(Path(article), items, known.labels, known.post_in, [], 0, {article}, 0, [], known.counts)


class Checker:
    """Derives an article's checks from its gold and judges them on the built items."""

    def __init__(self, vocabulary: Vocabulary, gold: Claims, built: Claims, known: Known,
                 country: dict[str, set[str]] | None = None) -> None:
        self.voc = vocabulary
        self.country = country or {}  # an organisation → the state it belongs to (gold and built graph)
        self.gold = gold
        self.built = built
        self.j = _Judge(built, gold, known, vocabulary)
        for local in ENCOUNTERS:
            if vocabulary.cls(local) is None:
                raise KgError(Problem(f"the ontology has no class cd:{local}: meetings cannot be told apart"))

    def name(self, iri: str) -> str:
        return min(self.j.labels.get(iri, ()), default=None) or ns.shorten(iri)

    def names(self, iris: set[str]) -> str:
        return ", ".join(sorted(self.name(i) for i in iris)) or "—"

    def includes(self, found: set[str], wanted: set[str]) -> bool:
        return all(any(self.j.same(x, y) for x in found) for y in wanted)

    def sides(self, parties: set[str]) -> set[str]:
        """Parties and the states they act for (cd:country): Angola's museum department is a party on Angola's
        side, so that an undertaking of the two states and one of their institutions answer the same question."""
        return parties | {c for p in parties for c in self.country.get(p, ())}

    def includes_parties(self, found: set[str], wanted: set[str]) -> bool:
        """Each wanted party is found, itself or by its state, or found parties act for it (its institutions)."""
        found = self.sides(found)
        return all(any(self.j.same(x, y) for x in found for y in self.sides({w})) for w in wanted)

    def meets(self, found: set[str], wanted: set[str]) -> bool:
        return any(self.j.same(x, y) for x in found for y in wanted)

    def body(self, office: str, side: Claims, other: Claims) -> set[str]:
        """An office's state or body as one side says (the other side's cd:postIn of an office of the same IRI
        does not count), else the state its IRI names."""
        if office in side.post_in:
            return side.post_in[office]
        return set() if office in other.post_in else self.j.body(office)

    def holds(self, tenure: Item, holders: set[str], bodies: set[str]) -> bool:
        """The tenure's holder is the gold's, in an office of the gold's state or body (any, if it names none)."""
        return self.includes(_values(tenure, "holder"), holders) and (not bodies or any(
            self.meets(self.body(o, self.built, self.gold), bodies) for o in _values(tenure, "office")))

    def signed(self, item: Item) -> bool:
        return bool(_values(item, "status") & self.voc.signature_reached)

    def encounter(self, cls: str) -> bool:
        return any(self.voc.is_a(cls, local) for local in ENCOUNTERS)

    def held(self, item: Item) -> bool:
        return (_values(item, "status") or {HELD}) == {HELD}

    def near(self, a: set[str], b: set[str]) -> bool:
        """Two sets of domains share one, or one domain of each is broader than the other."""
        return any(x == y or y in self.voc.broader.get(x, ()) or x in self.voc.broader.get(y, ()) for x in a for y in b)

    def checks(self, article: str) -> list[Check]:
        out: list[Check] = []
        for g in self.gold.items["undertakings"]:
            parties, signed = _values(g, "party"), self.signed(g)
            if not parties:
                continue
            with_parties = self._with_parties(parties)
            out.append(Check(article, "undertaking", f"{'a signed' if signed else 'an unsigned'} undertaking of "
                             f"{self.names(parties)} ({ns.shorten(g.subject)})",
                             lambda items, w=with_parties, s=signed: any(w(u) and self.signed(u) == s for u in items)))
            if domains := _values(g, "domain"):
                out.append(Check(article, "undertaking-domain", f"an undertaking of {self.names(parties)} in "
                                 f"{self.names(domains)} ({ns.shorten(g.subject)})",
                                 lambda items, w=with_parties, d=domains: any(
                                     w(u) and self.near(_values(u, "domain"), d) for u in items)))
        for g in self.gold.items["events"]:
            out += self._event_checks(article, g)
        for g in self.gold.items["tenures"]:
            holders, offices = _values(g, "holder"), _values(g, "office")
            if not holders:
                continue
            bodies = set().union(*(self.body(o, self.gold, self.built) for o in offices)) if offices else set()
            out.append(Check(article, "tenure",
                             f"{self.names(holders)} holds an office of {self.names(bodies) or 'any'}",
                             lambda items, h=holders, b=bodies: any(self.holds(t, h, b) for t in items), "tenures"))
        for g in self.gold.items["statements"]:
            if speakers := _values(g, "speaker"):
                out.append(Check(article, "statement", f"a statement by {self.names(speakers)}",
                                 lambda items, s=speakers: any(self.meets(_values(x, "speaker"), s) for x in items),
                                 "statements"))
        for g in self.gold.items["transfers"]:
            origin, destination = _values(g, "origin"), _values(g, "destination")
            out.append(Check(article, "transfer", f"a {ns.shorten(g.cls)} from {self.names(origin)} to "
                             f"{self.names(destination)}",
                             lambda items, c=g.cls, o=origin, d=destination: any(
                                 t.cls == c and self.includes_parties(_values(t, "origin"), o)
                                 and self.includes_parties(_values(t, "destination"), d) for t in items), "transfers"))
        return out

    def _with_parties(self, parties: set[str]) -> Callable[[Item], bool]:
        return lambda u: self.includes_parties(_values(u, "party"), parties)

    def _event_checks(self, article: str, g: Item) -> list[Check]:
        people = _values(g, *ROLES)
        where = set() if people else _values(g, "location", "hostCountry")
        if not people and not where:
            return []
        encounter = self.encounter(g.cls)
        family = "a meeting or visit" if encounter else "an event (not a meeting or visit)"

        def same(e: Item) -> bool:
            if self.encounter(e.cls) != encounter:
                return False
            if people:
                return self.meets(_values(e, *ROLES), people)
            return self.meets(_values(e, "location", "hostCountry"), where)

        about = f"{family} {'of ' + self.names(people) if people else 'at ' + self.names(where)}"
        out = [Check(article, "event", f"{about} ({ns.shorten(g.subject)})",
                     lambda items: any(same(e) for e in items), "events")]
        if status := _values(g, "status"):
            held = self.held(g)
            out.append(Check(article, "event-status", f"{about}, {'held' if held else 'not held'} "
                             f"({self.names(status)}; {ns.shorten(g.subject)})",
                             lambda items: any(same(e) and self.held(e) == held for e in items), "events",
                             given=out[0]))
        return out


def countries(*quad_lists: list[ox.Quad]) -> dict[str, set[str]]:
    out: dict[str, set[str]] = {}
    for quads in quad_lists:
        for q in quads:
            if q.predicate.value == ns.CD + "country":
                out.setdefault(q.subject.value, set()).add(q.object.value)
    return out


def judge(checks: list[Check], built: Claims) -> None:
    for c in checks:
        c.passed = c.test(built.items[c.kind])


def article_url(folder: Path) -> str | None:
    meta = folder / "article.ttl"
    if not meta.is_file():
        return None
    quads = parse_file(meta)  # the report it retells (eval/), else the article's own address (data/articles/)
    return next((q.object.value for p in (ns.DCTERMS + "source", ns.SCHEMA + "url") for q in quads
                 if q.predicate.value == p), None)


def copy_project(source: Project, root: Path) -> Project:
    """The project's ontology, data and queries under root (what `kg build` and `kg ingest` read)."""
    for part in ("ontology", "data", "queries"):
        shutil.copytree(source.root / part, root / part)
    return Project(root, build_dir=root / "build")


def run(source: Project, folder: Path, work: Path, stream=sys.stdout, details: bool = True) -> list[Check]:
    """Ingest, accept and build every article of the split into one copy of the project under work, then
    judge each article's checks on the built graph."""
    from kg.build import assemble_ontology, build
    from kg.ingest import IngestOptions, ingest, load_context
    from kg.ingest.evaluate import context_without, corpus
    from kg.review import Session

    articles = corpus(source, folder)
    project = copy_project(source, work / "project")
    build(project)  # the graph the first article is read against
    failures: dict[str, str] = {}
    for a in articles:
        try:
            options = IngestOptions(lang=a.language, publisher=PUBLISHER, issued=a.issued,
                                    url=article_url(a.text.parent), article_id=a.id, force=True, now=NOW)
            # an article already in data/ (the seed) is read against the graph without its own claims, as
            # `make eval` does, and its folder is replaced by the draft (force)
            ingest(a.text, options, project, context_without(load_context(project), a.id))
            Session(project, a.id, reviewer="eval checks").accept_all(when=NOW)
        except KgError as e:  # the article counts with its checks failed, and the reader is told why
            failures[a.id] = str(e).splitlines()[0] if str(e) else type(e).__name__
    refused = final_build(project, work / "left-out", failures)
    quads = parse_file(project.dataset)
    vocabulary = read_vocabulary(assemble_ontology(project))
    known = Known.from_quads(quads)
    out: list[Check] = []
    for a in articles:
        gold = read_claims(a.gold, a.text.read_text(encoding="utf-8"), vocabulary, Known())
        built = built_claims(quads, vocabulary, a.id)
        checks = Checker(vocabulary, gold, built, known, countries(quads, parse_file(a.gold))).checks(a.id)
        judge(checks, built)
        out += checks
    if refused:
        stream.write(f"NOTE: kg build refused the graph ({refused}); the checks below are judged on the graph "
                     "assembled without the build's checks, the articles it named left out\n")
    report(out, [a.id for a in articles], failures, folder.name, stream, details)
    return out


def final_build(project: Project, aside: Path, failures: dict[str, str]) -> str | None:
    """`kg build` after the last review: an article it leaves out counts with its checks failed. When the build
    refuses the whole graph for a problem outside the articles, the articles it names are set aside and it is
    tried again; if it still refuses, the graph is assembled without the checks (what the reason is, is returned
    and printed: the figure is then not what `kg build` gives)."""
    from kg.build import build

    articles = project.data / "articles"
    for _ in range(2):
        try:
            ds, _ = build(project)
        except KgError as e:
            named = {Path(p.path).relative_to(articles).parts[0] for p in e.problems
                     if p.path and Path(p.path).is_relative_to(articles)}
            for name in sorted(named):
                failures.setdefault(name, "left out: kg build refuses it: " + next(
                    p.message for p in e.problems if p.path and Path(p.path).is_relative_to(articles / name)))
                aside.mkdir(parents=True, exist_ok=True)
                shutil.move(articles / name, aside / name)
            refused = next((str(p) for p in e.problems if not (p.path and Path(p.path).is_relative_to(articles))),
                           str(e))
            if named:
                continue
            break
        for path, problems in sorted(ds.quarantined.items()):
            failures.setdefault(Path(path).name, f"left out of the build: {problems[0].message if problems else ''}")
        return None
    build(project, check=False)
    return refused


def _share(passed: int, total: int) -> str:
    return f"{passed}/{total} ({100 * passed / total:.0f}%)" if total else "0/0"


def report(checks: list[Check], articles: list[str], failures: dict[str, str], split: str, stream,
           details: bool) -> None:
    stream.write(f"== vocabulary-agnostic checks, {split}: {len(articles)} articles through kg ingest, "
                 "kg review --accept-all, kg build\n")
    if details:
        for article in articles:
            mine = [c for c in checks if c.article == article]
            stream.write(f"{article}: {_share(sum(c.passed for c in mine), len(mine))}"
                         f"{'  [' + failures[article] + ']' if article in failures else ''}\n")
            for c in mine:
                if not c.passed:
                    stream.write(f"    FAILED {c.family}: {c.what}\n")
    elif failures:
        stream.write(f"{len(failures)} article(s) failed to ingest, review or build (--details says which)\n")
    stream.write("per family:\n")
    for family in FAMILIES:
        mine = [c for c in checks if c.family == family]
        stream.write(f"  {family:<20} {_share(sum(c.passed for c in mine), len(mine))}\n")
    refined = [c for c in checks if c.given is not None and c.given.passed]
    stream.write(f"  (of which, where the event itself was found: event-status "
                 f"{_share(sum(c.passed for c in refined), len(refined))})\n")
    stream.write(f"checks passed ({split}): {_share(sum(c.passed for c in checks), len(checks))}\n")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("split", type=Path, help="eval/dev or eval/test (a folder of <id>/gold.trig)")
    parser.add_argument("--details", action=argparse.BooleanOptionalAction, default=None,
                        help="per article, the failed checks (default: on, except for a split named test)")
    parser.add_argument("--keep", type=Path, help="work in this folder (kept) instead of a temporary one")
    args = parser.parse_args(argv)
    details = args.details if args.details is not None else args.split.resolve().name != "test"
    try:
        if args.keep:
            if args.keep.exists():
                shutil.rmtree(args.keep)
            run(find_project(), args.split, args.keep, details=details)
        else:
            with tempfile.TemporaryDirectory(prefix="cdkg-checks-") as work:
                run(find_project(), args.split, Path(work), details=details)
    except KgError as e:
        print(e, file=sys.stderr)
        return e.exit_code
    return 0


if __name__ == "__main__":
    sys.exit(main())
