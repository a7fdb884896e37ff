"""Engines that answer SPARQL over the built dataset, all giving the same kind of result.

- ``oxigraph`` (default): pyoxigraph, in memory or persistent on disk (``build/oxigraph/``);
- ``rdflib``: rdflib's own in-memory engine, the reference for correctness, slower;
- an endpoint: any SPARQL 1.1 service (Fuseki, GraphDB, QLever, an Oxigraph server) through SPARQLWrapper.

Named graphs are kept by every engine, so provenance queries answer the same everywhere.
Results carry pyoxigraph terms whatever the engine, so formatting and comparison are engine-free.
"""

from __future__ import annotations

import hashlib
import json
import shutil
import sys
import tempfile
import threading
import urllib.error
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal, TypeVar

import pyoxigraph as ox

from kg import __version__
from kg.errors import EXIT_INVALID, EXIT_SYNTAX, KgError, Problem

Term = ox.NamedNode | ox.BlankNode | ox.Literal
ENGINES = ("oxigraph", "rdflib")
USER_AGENT = (f"cdkg/{__version__} (cultural diplomacy knowledge graph; "
              "https://w3id.org/cdkg/) SPARQLWrapper")
XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
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


def require_dataset(path: Path) -> Path:
    if not path.is_file():
        raise KgError(Problem(f"{path} not found: run `kg build` (or `make demo`) first"))
    return path


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
        """A store on disk, rebuilt only when the dataset file changed (a stamp records its hash)."""
        return cls(ox.Store(str(ensure_persistent_store(dataset, location))))

    def query(self, text: str, timeout: float | None = None) -> QueryResult:
        return with_timeout(lambda: oxigraph_result(self.store.query(text)), timeout, "embedded Oxigraph")


def bulk_load(store: ox.Store, dataset: Path) -> None:
    try:
        store.bulk_load(path=str(require_dataset(dataset)))
    except SyntaxError as e:
        raise KgError(Problem(f"cannot load the dataset: {e.msg}", dataset, e.lineno), EXIT_SYNTAX) from None


def oxigraph_result(answer: ox.QuerySolutions | ox.QueryBoolean | ox.QueryTriples) -> QueryResult:
    if isinstance(answer, ox.QueryBoolean):
        return QueryResult("ask", boolean=bool(answer))
    if isinstance(answer, ox.QueryTriples):
        return QueryResult("graph", triples=list(answer))
    variables = [v.value for v in answer.variables]
    # a solution iterates its values in variable order; zip is twice as fast as looking each up by name
    rows = [{v: t for v, t in zip(variables, row, strict=True) if t is not None} for row in answer]
    return QueryResult("select", variables, rows)


def _digest(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def ensure_persistent_store(dataset: Path, location: Path) -> Path:
    """An on-disk Oxigraph store holding exactly ``dataset``; replaced whole, never half-loaded."""
    digest = _digest(require_dataset(dataset))
    stamp = location / "kg-dataset.sha256"
    if stamp.is_file() and stamp.read_text().strip() == digest:
        return location
    location.parent.mkdir(parents=True, exist_ok=True)
    fresh = Path(tempfile.mkdtemp(prefix=f".{location.name}.", dir=location.parent))
    try:
        store = ox.Store(str(fresh))
        bulk_load(store, dataset)
        store.flush()
        del store
        (fresh / "kg-dataset.sha256").write_text(digest + "\n")
        old = location.with_name(f".{location.name}.old")
        shutil.rmtree(old, ignore_errors=True)
        if location.exists():
            location.rename(old)
        fresh.rename(location)
        shutil.rmtree(old, ignore_errors=True)
    finally:
        shutil.rmtree(fresh, ignore_errors=True)
    return location


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
        nquads = ox.serialize(ox.parse(path=str(require_dataset(dataset))), format=ox.RdfFormat.N_QUADS)
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
        self.url = url
        self.timeout = timeout

    def query(self, text: str, timeout: float | None = None) -> QueryResult:
        seconds = timeout or self.timeout
        request = sparql_request(self.url, text, seconds)

        def run() -> QueryResult:
            return decode_answer(*endpoint_call(request, self.url, seconds))

        return with_timeout(run, seconds + 5, f"endpoint {self.url}")


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
        sw.setTimeout(int(max(1, timeout)))
        sw.setQuery(query)
        if sw.queryType in ("CONSTRUCT", "DESCRIBE"):
            sw.setReturnFormat(TURTLE)
            sw.addCustomHttpHeader("Accept", "application/n-triples, text/turtle;q=0.9")
        else:
            sw.setReturnFormat(JSON)
        with sw.query().response as response:
            return response.read(), (response.headers.get("Content-Type") or "").split(";")[0].strip()

    return call


def graph_triples(body: bytes, content_type: str) -> list[ox.Triple]:
    """The triples of a CONSTRUCT answer (N-Triples is read as Turtle when the type says Turtle)."""
    fmt = ox.RdfFormat.TURTLE if "turtle" in content_type else ox.RdfFormat.N_TRIPLES
    return [ox.Triple(q.subject, q.predicate, q.object) for q in ox.parse(body, format=fmt)]


def decode_answer(body: bytes, content_type: str) -> QueryResult:
    if "json" in content_type:
        return json_result(json.loads(body))
    return QueryResult("graph", triples=graph_triples(body, content_type))


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
        return QueryResult("ask", boolean=bool(doc["boolean"]))
    variables = list(doc["head"].get("vars", []))
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
    for q in ox.parse(path=str(require_dataset(dataset))):
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
    handlers = []
    if credentials:
        passwords = urllib.request.HTTPPasswordMgrWithDefaultRealm()
        passwords.add_password(None, url, *credentials)
        handlers = [urllib.request.HTTPDigestAuthHandler(passwords), urllib.request.HTTPBasicAuthHandler(passwords)]
    with urllib.request.build_opener(*handlers).open(request, timeout=timeout) as response:
        return response.status


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
    from urllib.parse import quote

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
            target = f"{url}{'&' if '?' in url else '?'}" + (f"graph={quote(graph, safe='')}" if graph else "default")
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
