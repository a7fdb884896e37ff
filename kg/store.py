"""Engines that answer SPARQL over the built dataset, all giving the same kind of result.

- ``oxigraph`` (default): pyoxigraph, in memory or persistent on disk (``build/oxigraph/``);
- ``rdflib``: rdflib's own in-memory engine, the reference for correctness, slower;
- an endpoint: any SPARQL 1.1 service (Fuseki, GraphDB, QLever, an Oxigraph server) through SPARQLWrapper.

Named graphs are kept by every engine, so provenance queries answer the same everywhere.
Results carry pyoxigraph terms whatever the engine, so formatting and comparison are engine-free.
"""

from __future__ import annotations

import json
import shutil
import sys
import threading
import urllib.error
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal, TypeVar

import pyoxigraph as ox

from kg import __version__
from kg.errors import EXIT_INVALID, KgError, Problem
from kg.rdfio import DATASET_SUFFIXES, bulk_load, read_dataset, require_dataset  # noqa: F401 (kg.store.require_dataset, as before)

Term = ox.NamedNode | ox.BlankNode | ox.Literal
ENGINES = ("oxigraph", "rdflib")
USER_AGENT = (f"cdkg/{__version__} (cultural diplomacy knowledge graph; "
              "https://w3id.org/cdkg/) SPARQLWrapper")
XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
MAX_ANSWER_BYTES = 512 * 1024 * 1024  # an endpoint's answer is read whole: refuse one larger than this
T = TypeVar("T")


@dataclass
class QueryResult:
    kind: Literal["select", "ask", "graph"]
    variables: list[str] = field(default_factory=list)
    rows: list[dict[str, Term]] = field(default_factory=list)
    boolean: bool | None = None
    triples: list[ox.Triple] = field(default_factory=list)

    def __len__(self) -> int:
        if self.kind == "select":
            return len(self.rows)
        if self.kind == "graph":
            return len(self.triples)
        return 1


class QueryTimeout(KgError):
    def __init__(self, seconds: float, where: str) -> None:
        super().__init__(Problem(f"the query was stopped after {seconds:g} s ({where}); "
                                 "narrow it, or raise --timeout"), EXIT_INVALID)


def with_timeout(run: Callable[[], T], seconds: float | None, where: str) -> T:
    """Run a query in a worker thread and stop waiting after ``seconds``.

    Both engines release or share the interpreter while they work, so the caller regains control;
    the abandoned worker is a daemon thread and ends with the process.
    """
    if not seconds:
        return run()
    box: dict[str, object] = {}

    def work() -> None:
        try:
            box["value"] = run()
        except BaseException as e:  # handed to the caller below
            box["error"] = e

    worker = threading.Thread(target=work, daemon=True, name="kg-query")
    worker.start()
    worker.join(seconds)
    if worker.is_alive():
        raise QueryTimeout(seconds, where)
    if "error" in box:
        raise box["error"]  # type: ignore[misc]
    return box["value"]  # type: ignore[return-value]


# --- Oxigraph, embedded -------------------------------------------------------------------------

class OxigraphEngine:
    name = "oxigraph"

    def __init__(self, store: ox.Store) -> None:
        self.store = store

    @classmethod
    def in_memory(cls, dataset: Path) -> OxigraphEngine:
        store = ox.Store()
        bulk_load(store, dataset)
        return cls(store)

    @classmethod
    def persistent(cls, dataset: Path, location: Path) -> OxigraphEngine:
        """A store on disk, read-only, reloaded (into a new folder) only when the dataset changed."""
        opened = ensure_persistent_store(dataset, location)
        engine = cls(opened.store)
        engine.opened = opened  # holds the store folder's read lock for as long as the engine lives
        return engine

    def query(self, text: str, timeout: float | None = None) -> QueryResult:
        return with_timeout(lambda: _oxigraph_answer(self.store, text), timeout, "embedded Oxigraph")


def _oxigraph_answer(store: ox.Store, text: str) -> QueryResult:
    failure = ""
    try:
        return oxigraph_result(store.query(text))
    except OSError as e:  # a SERVICE call that failed (offline, refused)
        failure = str(e)
    # raised outside the except block, so that the half-read answer is freed on the thread that made it
    raise KgError(Problem(f"the query could not be answered: {failure} (a SERVICE clause needs the internet "
                          "and the remote endpoint)"))


def oxigraph_result(answer: ox.QuerySolutions | ox.QueryBoolean | ox.QueryTriples) -> QueryResult:
    if isinstance(answer, ox.QueryBoolean):
        return QueryResult("ask", boolean=bool(answer))
    if isinstance(answer, ox.QueryTriples):
        return QueryResult("graph", triples=list(answer))
    variables = [v.value for v in answer.variables]
    # a solution iterates its values in variable order; zip is twice as fast as looking each up by name
    rows = [{v: t for v, t in zip(variables, row, strict=True) if t is not None} for row in answer]
    return QueryResult("select", variables, rows)


def ensure_persistent_store(dataset: Path, location: Path):
    """An on-disk Oxigraph store holding exactly ``dataset``, opened read-only (see kg.persistent)."""
    from kg.persistent import open_persistent

    return open_persistent(dataset, location)


# --- rdflib -------------------------------------------------------------------------------------

class RdflibEngine:
    name = "rdflib"

    def __init__(self, dataset) -> None:
        self.dataset = dataset

    @classmethod
    def in_memory(cls, dataset: Path) -> RdflibEngine:
        import rdflib

        ds = rdflib.Dataset()
        # parsed from N-Quads written by pyoxigraph: the same terms, and rdflib's fastest reader
        nquads = ox.serialize(read_dataset(dataset), format=ox.RdfFormat.N_QUADS)
        ds.parse(data=nquads.decode("utf-8"), format="nquads")
        return cls(ds)

    def query(self, text: str, timeout: float | None = None) -> QueryResult:
        return with_timeout(lambda: rdflib_result(self.dataset.query(text)), timeout, "rdflib")


def from_rdflib(term) -> Term:
    import rdflib

    if isinstance(term, rdflib.URIRef):
        return ox.NamedNode(str(term))
    if isinstance(term, rdflib.BNode):
        return ox.BlankNode(str(term))
    if term.language:
        return ox.Literal(str(term), language=term.language)
    datatype = str(term.datatype) if term.datatype else XSD_STRING
    return ox.Literal(str(term), datatype=ox.NamedNode(datatype))


def rdflib_result(answer) -> QueryResult:
    if answer.type == "ASK":
        return QueryResult("ask", boolean=bool(answer.askAnswer))
    if answer.type in ("CONSTRUCT", "DESCRIBE"):
        return QueryResult("graph", triples=[ox.Triple(*(from_rdflib(t) for t in triple)) for triple in answer])
    variables = [str(v) for v in answer.vars]
    rows = [{v: from_rdflib(t) for v, t in zip(variables, row, strict=True) if t is not None} for row in answer]
    return QueryResult("select", variables, rows)


# --- any SPARQL 1.1 endpoint --------------------------------------------------------------------

class EndpointEngine:
    """A remote SPARQL 1.1 endpoint, through SPARQLWrapper (POST, JSON or N-Triples back)."""

    name = "endpoint"

    def __init__(self, url: str, timeout: float = 30.0) -> None:
        self.url = require_url(url)
        self.timeout = timeout

    def query(self, text: str, timeout: float | None = None) -> QueryResult:
        seconds = self.timeout if timeout is None else timeout  # 0: no limit
        request = sparql_request(self.url, text, seconds)

        def run() -> QueryResult:
            return decode_answer(*endpoint_call(request, self.url, seconds), self.url)

        return with_timeout(run, seconds + 5 if seconds else None, f"endpoint {self.url}")


def require_url(url: str) -> str:
    from urllib.parse import urlsplit

    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise KgError(Problem(f"{url!r} is not an endpoint address: give an http:// or https:// URL, "
                              "e.g. http://127.0.0.1:7878/query"))
    return url


def sparql_request(endpoint: str, query: str, timeout: float,
                   agent: str = USER_AGENT) -> Callable[[], tuple[bytes, str]]:
    """The one way the project sends SPARQL over HTTP: SPARQLWrapper, POST, a descriptive User-Agent.

    CONSTRUCT and DESCRIBE ask for N-Triples (or Turtle), the other forms for SPARQL results JSON. The call
    returns the body and its content type; callers decide how to handle failures (fail, or retry).
    """
    from SPARQLWrapper import JSON, POST, TURTLE, SPARQLWrapper

    def call() -> tuple[bytes, str]:
        sw = SPARQLWrapper(endpoint, agent=agent)
        sw.setMethod(POST)
        if timeout:  # 0: no limit
            sw.setTimeout(int(max(1, timeout)))
        sw.setQuery(query)
        if sw.queryType in ("CONSTRUCT", "DESCRIBE"):
            sw.setReturnFormat(TURTLE)
            sw.addCustomHttpHeader("Accept", "application/n-triples, text/turtle;q=0.9")
        else:
            sw.setReturnFormat(JSON)
        with sw.query().response as response:
            return read_capped(response, endpoint), (response.headers.get("Content-Type") or "").split(";")[0].strip()

    return call


def read_capped(response, where: str, limit: int | None = None) -> bytes:
    """The body of an HTTP answer, refused (before it fills the memory) once it is larger than the limit."""
    limit = MAX_ANSWER_BYTES if limit is None else limit
    too_big = KgError(Problem(f"the answer is larger than {limit / 2**20:g} MiB: narrow the query (LIMIT, "
                              "a FILTER) or load the data into a store (kg load, kg query --persistent)", where))
    declared = response.headers.get("Content-Length")
    if declared and declared.isdigit() and int(declared) > limit:
        raise too_big
    body = response.read(limit + 1)
    if len(body) > limit:
        raise too_big
    return body


def graph_triples(body: bytes, content_type: str) -> list[ox.Triple]:
    """The triples of a CONSTRUCT answer (N-Triples is read as Turtle when the type says Turtle)."""
    fmt = ox.RdfFormat.TURTLE if "turtle" in content_type else ox.RdfFormat.N_TRIPLES
    return [ox.Triple(q.subject, q.predicate, q.object) for q in ox.parse(body, format=fmt)]


def decode_answer(body: bytes, content_type: str, where: str | None = None) -> QueryResult:
    """An endpoint's answer as a result; an answer that is not SPARQL results or RDF is a clear error."""
    def refuse(what: str) -> KgError:
        start = " ".join(body[:120].decode("utf-8", "replace").split())
        return KgError(Problem(f"the endpoint's answer is {what}, not SPARQL results (it starts: {start!r}); "
                               "is this the SPARQL endpoint's address (often …/sparql or …/query)?", where))

    if "html" in content_type or body.lstrip()[:15].lower().startswith((b"<!doctype html", b"<html")):
        raise refuse(f"an HTML page ({content_type or 'no content type'})")
    if "json" in content_type:
        try:
            doc = json.loads(body)
        except ValueError:
            raise refuse("broken JSON") from None
        try:
            return json_result(doc)
        except (KeyError, TypeError, AttributeError, ValueError):
            raise refuse("JSON") from None
    try:
        return QueryResult("graph", triples=graph_triples(body, content_type))
    except (SyntaxError, ValueError) as e:
        raise refuse(f"not RDF ({content_type or 'no content type'}: {getattr(e, 'msg', e)})") from None


def endpoint_call(call: Callable[[], T], url: str, seconds: float) -> T:
    """Turn the ways an HTTP call fails into one clear message each."""
    from SPARQLWrapper.SPARQLExceptions import SPARQLWrapperException

    try:
        return call()
    except SPARQLWrapperException as e:
        status = {"QueryBadFormed": 400, "Unauthorized": 401, "EndPointNotFound": 404, "URITooLong": 414,
                  "EndPointInternalError": 500}.get(type(e).__name__)
        detail = " ".join(str(e).split())[:400]
        raise KgError(Problem(f"the endpoint answered HTTP {status or '?'} ({type(e).__name__}): {detail}", url)) \
            from None
    except urllib.error.HTTPError as e:
        detail = " ".join(e.read().decode("utf-8", "replace").split())[:400]
        raise KgError(Problem(f"the endpoint answered HTTP {e.code} {e.reason}: {detail}", url)) from None
    except TimeoutError:
        raise KgError(Problem(f"no answer from the endpoint within {seconds:g} s (raise --timeout)", url)) from None
    except urllib.error.URLError as e:
        reason = e.reason
        if isinstance(reason, TimeoutError):
            raise KgError(Problem(f"no answer from the endpoint within {seconds:g} s (raise --timeout)", url)) \
                from None
        raise KgError(Problem(f"cannot reach the endpoint: {reason}", url)) from None
    except (ConnectionError, OSError) as e:
        raise KgError(Problem(f"cannot reach the endpoint: {e}", url)) from None


def json_result(doc: dict) -> QueryResult:
    """SPARQL 1.1 Query Results JSON → QueryResult."""
    if "boolean" in doc:
        if not isinstance(doc["boolean"], bool):
            raise ValueError("boolean is not true or false")
        return QueryResult("ask", boolean=doc["boolean"])
    variables = list(doc["head"].get("vars", []))
    if not all(isinstance(v, str) for v in variables) or not isinstance(doc["results"]["bindings"], list):
        raise ValueError("not SPARQL results JSON")
    rows = [{v: from_json(b[v]) for v in variables if v in b} for b in doc["results"]["bindings"]]
    return QueryResult("select", variables, rows)


def from_json(b: dict) -> Term:
    if b["type"] == "uri":
        return ox.NamedNode(b["value"])
    if b["type"] == "bnode":
        return ox.BlankNode(b["value"])
    if "xml:lang" in b:
        return ox.Literal(b["value"], language=b["xml:lang"])
    return ox.Literal(b["value"], datatype=ox.NamedNode(b.get("datatype", XSD_STRING)))


def open_engine(dataset: Path, engine: str = "oxigraph", endpoint: str | None = None,
                persistent: Path | None = None, timeout: float = 30.0):
    """The engine a user asked for: an endpoint URL wins; else oxigraph (optionally on disk) or rdflib."""
    if endpoint:
        return EndpointEngine(endpoint, timeout)
    if engine == "rdflib":
        return RdflibEngine.in_memory(dataset)
    if engine != "oxigraph":
        raise KgError(Problem(f"unknown engine {engine!r} (known: {', '.join(ENGINES)}, or --endpoint URL)"))
    if persistent is not None:
        return OxigraphEngine.persistent(dataset, persistent)
    return OxigraphEngine.in_memory(dataset)


def oxigraph_binary() -> str:
    """The `oxigraph` server command installed beside this Python (the PyPI package), or on PATH."""
    beside = Path(sys.executable).parent / "oxigraph"
    found = str(beside) if beside.exists() else shutil.which("oxigraph")
    if not found:
        raise KgError(Problem("the `oxigraph` command is not installed (pip install oxigraph)"))
    return found



# --- pushing the dataset to a remote store ------------------------------------------------------

def graphs_of(dataset: Path) -> dict[str, list[ox.Quad]]:
    by_graph: dict[str, list[ox.Quad]] = {}
    for q in read_dataset(dataset):
        key = "" if isinstance(q.graph_name, ox.DefaultGraph) else q.graph_name.value
        by_graph.setdefault(key, []).append(q)
    return dict(sorted(by_graph.items()))


def _ntriples(quads: list[ox.Quad]) -> bytes:
    return ox.serialize([ox.Triple(q.subject, q.predicate, q.object) for q in quads], format=ox.RdfFormat.N_TRIPLES)


Credentials = tuple[str, str]


def _http(method: str, url: str, body: bytes, content_type: str, timeout: float,
          credentials: Credentials | None = None) -> int:
    """One HTTP request; with credentials, answers an HTTP Digest (Virtuoso) or Basic challenge."""
    import urllib.request

    request = urllib.request.Request(url, data=body, method=method,
                                     headers={"Content-Type": content_type, "User-Agent": USER_AGENT})
    with _opener(url, credentials).open(request, timeout=timeout or None) as response:
        return response.status


def _opener(url: str, credentials: Credentials | None):
    """An HTTP opener that answers an HTTP Digest (Virtuoso) or Basic challenge when given credentials."""
    import urllib.request

    handlers = []
    if credentials:
        passwords = urllib.request.HTTPPasswordMgrWithDefaultRealm()
        passwords.add_password(None, url, *credentials)
        handlers = [urllib.request.HTTPDigestAuthHandler(passwords), urllib.request.HTTPBasicAuthHandler(passwords)]
    return urllib.request.build_opener(*handlers)


USER_VARIABLE = "KG_ENDPOINT_USER"
PASSWORD_VARIABLE = "KG_ENDPOINT_PASSWORD"


def endpoint_credentials(environ: dict[str, str] | None = None,
                         prompt: Callable[[str], str] | None = None) -> Credentials | None:
    """A user name and password for a store that wants them: from the environment (KG_ENDPOINT_USER,
    KG_ENDPOINT_PASSWORD), the password asked at the terminal when only the user is set; never from an
    argument, which ``ps`` would show to everyone on the machine."""
    import os

    env = os.environ if environ is None else environ
    user = env.get(USER_VARIABLE)
    if not user:
        return None
    password = env.get(PASSWORD_VARIABLE)
    if password is None:
        if prompt is None:
            import getpass

            if not sys.stdin.isatty():
                raise KgError(Problem(f"{USER_VARIABLE} is set but {PASSWORD_VARIABLE} is not, and there is no "
                                      "terminal to ask for the password"))
            prompt = getpass.getpass
        password = prompt(f"password for {user} at the endpoint: ")
    return user, password


def load(dataset: Path, url: str, protocol: Literal["gsp", "update"] = "gsp", timeout: float = 60.0,
         batch: int = 20_000, credentials: Credentials | None = None) -> dict[str, int]:
    """Push every named graph of the dataset to a remote store, replacing each graph whole.

    ``gsp``: SPARQL 1.1 Graph Store Protocol, one ``PUT url?graph=<g>`` per graph (Oxigraph: ``/store``,
    Fuseki: ``/<dataset>/data``, Virtuoso: ``/sparql-graph-crud-auth`` with credentials). ``update``: SPARQL
    1.1 Update, ``DROP SILENT GRAPH`` then ``INSERT DATA`` in batches (Oxigraph: ``/update``, Virtuoso:
    ``/sparql-auth``). Running it twice leaves the same graphs: it is idempotent.
    """

    def send(method: str, target: str, body: bytes, content_type: str) -> None:
        try:
            endpoint_call(lambda: _http(method, target, body, content_type, timeout, credentials), url, timeout)
        except KgError as e:
            if "HTTP 401" not in str(e):
                raise
            hint = ("the user name or password was refused" if credentials else
                    f"the store asks for credentials: set {USER_VARIABLE} (and {PASSWORD_VARIABLE}, or be asked)")
            raise KgError(Problem(f"{e.problems[0].message}; {hint}", url)) from None

    counts = {}
    for graph, quads in graphs_of(dataset).items():
        if protocol == "gsp":
            target = gsp_target(url, graph)
            send("PUT", target, _ntriples(quads), "application/n-triples")
        else:
            where = f"GRAPH <{graph}>" if graph else "DEFAULT"
            drop = f"DROP SILENT {where}" if graph else "CLEAR SILENT DEFAULT"
            send("POST", url, drop.encode(), "application/sparql-update")
            for start in range(0, len(quads), batch):
                chunk = _ntriples(quads[start:start + batch]).decode("utf-8")
                body = (f"INSERT DATA {{ GRAPH <{graph}> {{ {chunk} }} }}" if graph
                        else f"INSERT DATA {{ {chunk} }}").encode("utf-8")
                send("POST", url, body, "application/sparql-update")
        counts[graph] = len(quads)
    return counts


def verify_load(dataset: Path, url: str, protocol: Literal["gsp", "update"] = "gsp", timeout: float = 60.0,
                query_endpoint: str | None = None, credentials: Credentials | None = None) -> bool:
    """Count on the server what ``load`` sent, graph by graph: a server that answers 200 without storing
    anything (an HTML page, a proxy) is caught here. False when there is no way to count (``update``
    without a query endpoint); raises KgError on any difference."""

    expected = {g: len(set(qs)) for g, qs in graphs_of(dataset).items()}
    found: dict[str, int] = {}
    if query_endpoint:
        engine = EndpointEngine(query_endpoint, timeout)
        rows = engine.query("SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g").rows
        named = {r["g"].value: int(r["n"].value) for r in rows if "g" in r}
        found = {g: named.get(g, 0) for g in expected if g}
        if "" in expected:
            default = engine.query("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }").rows
            found[""] = int(default[0]["n"].value) if default else 0
    elif protocol == "gsp":
        for graph in expected:
            target = gsp_target(url, graph)
            body, kind = endpoint_call(lambda target=target: _get(target, timeout, credentials), url, timeout)
            try:
                found[graph] = len(graph_triples(body, kind))
            except (SyntaxError, ValueError):
                start = " ".join(body[:80].decode("utf-8", "replace").split())
                raise KgError(Problem(f"the store's answer to GET {target} is not RDF ({kind or 'no content type'}: "
                                      f"{start!r}); is {url} a Graph Store Protocol address (Oxigraph: …/store, "
                                      "Fuseki: …/ds/data)? Nothing shows the data was stored", url)) from None
    else:
        return False
    wrong = [g for g in expected if found.get(g) != expected[g]]
    if wrong:
        details = ", ".join(f"{g or 'the default graph'}: {found.get(g, 0)} of {expected[g]}" for g in wrong[:3])
        raise KgError(Problem(f"the store does not hold what was sent: {len(wrong)} graph(s) differ ({details}); "
                              "it answered as if it had stored them", url))
    return True


def gsp_target(url: str, graph: str) -> str:
    """The Graph Store Protocol address of one graph ("" for the default graph): where load puts it, and
    where verify_load reads it back."""
    from urllib.parse import quote

    return f"{url}{'&' if '?' in url else '?'}" + (f"graph={quote(graph, safe='')}" if graph else "default")


def _get(url: str, timeout: float, credentials: Credentials | None = None) -> tuple[bytes, str]:
    import urllib.request

    request = urllib.request.Request(url, headers={"Accept": "application/n-triples", "User-Agent": USER_AGENT})
    with _opener(url, credentials).open(request, timeout=timeout or None) as response:
        return read_capped(response, url), (response.headers.get("Content-Type") or "").split(";")[0].strip()
