"""Wikidata: fetch what it says about the linked entities into an offline cache, check links, find candidates.

Only explicit commands reach the network (``kg wikidata fetch``, ``reconcile``); ``kg build`` and the
tests read the cache in ``data/wikidata/cache.trig`` and never go online. The cache is a TriG file:
the Wikidata triples in ``graph:wikidata``, and beside it, in the default graph, where and when they
were retrieved and with which query. It is replaced only by a complete, valid answer.

Requests follow Wikimedia's policy: a descriptive User-Agent, one batched query, a timeout, retries
with exponential back-off on 429 and 5xx honouring Retry-After, and a clear error when offline.
"""

from __future__ import annotations

import email.utils
import http.client
import re
import time
import unicodedata
import urllib.error
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import TypeVar

import pyoxigraph as ox

from kg import namespaces as ns
from kg.build import reference_rows
from kg.errors import EXIT_INVALID, KgError, Problem
from kg.project import Project
from kg.query import bind_rows
from kg.rdfio import atomic_write, parse_file, serialize
from kg.store import decode_answer, graph_triples, sparql_request

DEFAULT_ENDPOINT = "https://query.wikidata.org/sparql"
T = TypeVar("T")
N, L = ox.NamedNode, ox.Literal
XSD_DATE, XSD_DATETIME = N(ns.XSD + "date"), N(ns.XSD + "dateTime")


def cache_path(project: Project) -> Path:
    return project.data / "wikidata" / "cache.trig"


def linked_items(project: Project) -> dict[str, str]:
    """Local entity IRI → Wikidata item IRI, from the checked links in data/links/."""
    links = {}
    for path in sorted((project.data / "links").glob("*.ttl")):
        for q in parse_file(path):
            if q.predicate.value == ns.OWL + "sameAs" and q.object.value.startswith(ns.WD):
                links[q.subject.value] = q.object.value
    return dict(sorted(links.items()))


# --- HTTP, politely -----------------------------------------------------------------------------

class Retry(Exception):
    def __init__(self, why: str, wait: float | None = None) -> None:
        super().__init__(why)
        self.why, self.wait = why, wait


def retry_after(value: str | None, now: float | None = None) -> float | None:
    """Seconds to wait from a Retry-After header: a number of seconds or an HTTP date."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, when.timestamp() - (now if now is not None else time.time()))


def with_retries(call: Callable[[], T], endpoint: str, retries: int = 4, backoff: float = 2.0,
                 max_wait: float = 120.0, sleep: Callable[[float], None] = time.sleep) -> T:
    """Run an HTTP call, retrying what may pass (429, 5xx, a dropped connection), failing clearly otherwise."""
    from SPARQLWrapper.SPARQLExceptions import EndPointInternalError, SPARQLWrapperException

    attempt = 0
    while True:
        try:
            try:
                return call()
            except urllib.error.HTTPError as e:
                if e.code == 429 or e.code >= 500:
                    raise Retry(f"HTTP {e.code} {e.reason}", retry_after(e.headers.get("Retry-After"))) from None
                detail = " ".join(e.read().decode("utf-8", "replace").split())[:300]
                raise KgError(Problem(f"the endpoint answered HTTP {e.code} {e.reason}: {detail}", endpoint)) \
                    from None
            except EndPointInternalError:
                raise Retry("HTTP 500 (internal error)") from None
            except SPARQLWrapperException as e:
                raise KgError(Problem(f"the endpoint refused the query: {' '.join(str(e).split())[:300]}",
                                      endpoint)) from None
            except (http.client.RemoteDisconnected, http.client.IncompleteRead, ConnectionResetError,
                    http.client.BadStatusLine) as e:
                raise Retry(f"the connection dropped ({type(e).__name__})") from None
            except TimeoutError:
                raise Retry("no answer before the timeout") from None
            except urllib.error.URLError as e:
                if isinstance(e.reason, (ConnectionResetError, http.client.RemoteDisconnected, TimeoutError)):
                    raise Retry(f"the connection dropped ({e.reason})") from None
                raise KgError(Problem(f"cannot reach the endpoint ({e.reason}); are you offline? Nothing was "
                                      "changed: the cache in data/wikidata/ is kept", endpoint)) from None
        except Retry as r:
            attempt += 1
            wait = r.wait if r.wait is not None else backoff * 2 ** (attempt - 1)
            if attempt > retries:
                raise KgError(Problem(f"gave up after {retries + 1} attempts ({r.why}); the cache is kept",
                                      endpoint)) from None
            if wait > max_wait:
                raise KgError(Problem(f"the endpoint asks to wait {wait:.0f} s ({r.why}); try again later",
                                      endpoint)) from None
            sleep(wait)


# --- fetch --------------------------------------------------------------------------------------

@dataclass
class Fetched:
    path: Path
    items: int
    triples: int
    dropped_blank: int


def fetch_query(project: Project, items: list[str]) -> str:
    text = (project.queries / "wikidata" / "fetch.rq").read_text(encoding="utf-8")
    return bind_rows(text, ["item"], [[N(i)] for i in items])


def fetch(project: Project, endpoint: str = DEFAULT_ENDPOINT, timeout: float = 60.0, retries: int = 4,
          backoff: float = 2.0, allow_missing: bool = False, now: datetime | None = None,
          sleep: Callable[[float], None] = time.sleep) -> Fetched:
    """Ask the endpoint about every linked item in one query, and replace the cache if the answer is whole."""
    items = sorted(set(linked_items(project).values()))
    if not items:
        raise KgError(Problem("no Wikidata links in data/links/: nothing to fetch"))
    query = fetch_query(project, items)
    body, content_type = with_retries(sparql_request(endpoint, query, timeout), endpoint, retries, backoff,
                                      sleep=sleep)
    try:
        triples = graph_triples(body, content_type)
    except SyntaxError as e:
        raise KgError(Problem(f"the answer is not valid RDF ({e.msg}); the cache is kept", endpoint)) from None
    kept = [t for t in triples if not isinstance(t.subject, ox.BlankNode) and not isinstance(t.object, ox.BlankNode)]
    labelled = {t.subject.value for t in kept if t.predicate.value == ns.RDFS + "label"}
    missing = [i for i in items if i not in labelled]
    if missing and not allow_missing:
        raise KgError(Problem(f"the answer has no label for {', '.join(ns.shorten(m) for m in missing)} "
                              "(a deleted or merged item?); the cache is kept. --allow-missing accepts it", endpoint))
    when = now or datetime.now(timezone.utc)
    meta = {
        ns.PAV + "retrievedFrom": N(endpoint),
        ns.PAV + "retrievedOn": L(when.date().isoformat(), datatype=XSD_DATE),
        ns.PROV + "generatedAtTime": L(when.replace(microsecond=0).isoformat(), datatype=XSD_DATETIME),
        ns.CD + "query": L(query),
    }
    path = cache_path(project)
    atomic_write(path, cache_bytes(kept, meta))
    return Fetched(path, len(items), len(kept), len(triples) - len(kept))


def cache_bytes(triples: list[ox.Triple], meta: dict[str, ox.NamedNode | ox.Literal]) -> bytes:
    g = N(ns.WIKIDATA_GRAPH)
    quads = [ox.Quad(t.subject, t.predicate, t.object, g) for t in triples]
    quads += [ox.Quad(g, N(p), o) for p, o in meta.items()]
    return serialize(quads, ox.RdfFormat.TRIG)


def cache_from_reference(project: Project, retrieved_on: str) -> Path:
    """The cache as it is before anyone fetched: the identifiers and labels the reference list states."""
    from datetime import date

    try:
        valid = date.fromisoformat(retrieved_on) <= date.today() and len(retrieved_on) == 10
    except (TypeError, ValueError):
        valid = False
    if not valid:
        raise KgError(Problem(f"{retrieved_on!r}: the date the reference list was copied is a day as YYYY-MM-DD, "
                              "today or earlier"))
    reference = project.data / "reference" / "wikidata-ids.tsv"
    links = set(linked_items(project).values())
    triples = []
    for row in reference_rows(reference):
        item = ns.WD + row["id"]
        if item in links:
            triples.append(ox.Triple(N(item), N(ns.RDFS + "label"), L(row["label_en"], language="en")))
            triples.append(ox.Triple(N(item), N(ns.RDFS + "label"), L(row["label_fr"], language="fr")))
    meta = {ns.DCTERMS + "source": N(ns.entity("source", "reference-wikidata-ids")),
            ns.PAV + "retrievedOn": L(retrieved_on, datatype=XSD_DATE)}
    path = cache_path(project)
    atomic_write(path, cache_bytes(triples, meta))
    return path


# --- check --------------------------------------------------------------------------------------

def _norm(text: str) -> str:
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    return re.sub(r"[^a-z0-9]+", " ", text).strip()


def check(quads: list[ox.Quad]) -> list[Problem]:
    """Links whose Wikidata names share none of the graph's names (in any language or alias), and links
    the cache knows nothing about."""
    ours: dict[str, set[str]] = {}
    theirs: dict[str, set[str]] = {}
    links: dict[str, str] = {}
    names = (ns.RDFS + "label", ns.SKOS + "altLabel")
    for q in quads:
        g = "" if isinstance(q.graph_name, ox.DefaultGraph) else q.graph_name.value
        p = q.predicate.value
        if p == ns.OWL + "sameAs" and q.object.value.startswith(ns.WD):
            links[q.subject.value] = q.object.value
        elif p in names and isinstance(q.object, ox.Literal):
            target = theirs if g == ns.WIKIDATA_GRAPH else ours
            target.setdefault(q.subject.value, set()).add(_norm(q.object.value))
    problems = []
    for entity, item in sorted(links.items()):
        if item not in theirs:
            problems.append(Problem(f"{ns.shorten(entity)} → {ns.shorten(item)}: not in the Wikidata cache "
                                    "(run kg wikidata fetch)"))
        elif not ours.get(entity, set()) & theirs[item]:
            problems.append(Problem(f"{ns.shorten(entity)} → {ns.shorten(item)}: Wikidata names it "
                                    f"{sorted(theirs[item])[:4]}, the graph {sorted(ours.get(entity, set()))}: "
                                    "an identifier that points to someone else?"))
    return problems


# --- reconcile ----------------------------------------------------------------------------------

# Wikidata describes agents (states, people, organisations) and places: these classes and every subclass
# the ontology declares of them (read from the dataset's ontology graph, so a new kind needs no code).
RECONCILABLE_ROOTS = (ns.CD + "Agent", ns.CD + "Place")


def reconcilable(quads: list[ox.Quad]) -> set[str]:
    """The classes whose entities may be reconciled with Wikidata, from the ontology graph of the quads."""
    parents: dict[str, set[str]] = {}
    for q in quads:
        if q.predicate.value == ns.RDFS + "subClassOf" and q.graph_name == ox.NamedNode(ns.ONTOLOGY_GRAPH):
            parents.setdefault(q.subject.value, set()).add(q.object.value)
    found, frontier = set(RECONCILABLE_ROOTS), set(RECONCILABLE_ROOTS)
    while frontier:
        frontier = {c for c, ps in parents.items() if ps & frontier} - found
        found |= frontier
    return found


@dataclass
class Candidate:
    name: str
    item: str
    label: str
    description: str


def unlinked(quads: list[ox.Quad]) -> dict[str, list[ox.Literal]]:
    """Entities of kinds Wikidata describes, with no link yet, and their names."""
    typed, linked, names, classes = set(), set(), {}, reconcilable(quads)
    for q in quads:
        p = q.predicate.value
        if p == ns.RDF + "type" and q.object.value in classes:
            typed.add(q.subject.value)
        elif p == ns.OWL + "sameAs":
            linked.add(q.subject.value)
        elif p in (ns.RDFS + "label", ns.SKOS + "altLabel") and isinstance(q.object, ox.Literal) and q.object.language:
            names.setdefault(q.subject.value, []).append(q.object)
    return {e: sorted(set(names.get(e, [])), key=str) for e in sorted(typed - linked)}


def reconcile(project: Project, quads: list[ox.Quad], endpoint: str = DEFAULT_ENDPOINT, timeout: float = 60.0,
              retries: int = 4, backoff: float = 2.0, only: list[str] | None = None,
              sleep: Callable[[float], None] = time.sleep) -> dict[str, list[Candidate]]:
    """Candidates by exact name (French and English labels and aliases), for a person to choose. Writes nothing."""
    todo = {e: n for e, n in unlinked(quads).items() if not only or e in only}
    text = (project.queries / "wikidata" / "reconcile.rq").read_text(encoding="utf-8")
    found: dict[str, list[Candidate]] = {}
    for entity, entity_names in todo.items():
        if not entity_names:
            continue
        query = bind_rows(text, ["name"], [[n] for n in entity_names])
        result = decode_answer(*with_retries(sparql_request(endpoint, query, timeout), endpoint, retries,
                                             backoff, sleep=sleep), endpoint)
        found[entity] = [Candidate(r["name"].value, r["item"].value, r.get("label", L("")).value,
                                   r.get("description", L("")).value) for r in result.rows]
    return found


def raise_if(problems: list[Problem]) -> None:
    if problems:
        raise KgError(problems, EXIT_INVALID)
