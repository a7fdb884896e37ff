"""The query library (``queries/*.rq``), safe parameters, and results in the formats tools read.

A library query starts with a header of comment lines::

    # Question: Which agreements were signed ...?
    # Question (fr): Quels accords ont été signés ... ?
    # Shows: what the answer tells, and what it leaves out.
    # Param: ?entity = agreement:memorandum-national-museum-guimet
    # Needs: internet          (only for federated examples; never run by the tests)

Parameters are bound by writing each one's RDF term, serialised by pyoxigraph, where its variable stood
(and ``(term AS ?x)`` in the projection), so every SPARQL server reads the same query and no user text is
pasted into it (``substitute``). Several rows of values (the Wikidata queries) go in a VALUES block.
Expected answers live in ``queries/expected/<name>.tsv`` (SELECT, ASK) or ``.nt`` (CONSTRUCT).
"""

from __future__ import annotations

import csv
import functools
import io
import json
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox

from kg import namespaces as ns
from kg.errors import EXIT_SYNTAX, KgError, Problem
from kg.rdfio import serialize
from kg.store import QueryResult, Term

FORMATS = ("table", "json", "csv", "tsv", "turtle")
UPDATE_KEYWORDS = ("INSERT", "DELETE", "LOAD", "CLEAR", "CREATE", "DROP", "COPY", "MOVE", "ADD", "WITH")


@dataclass
class LibraryQuery:
    name: str
    text: str
    path: Path | None = None
    question: str = ""
    question_fr: str = ""
    shows: str = ""
    params: dict[str, Term] = field(default_factory=dict)
    needs: str = ""

    @property
    def form(self) -> str:
        return query_form(self.text)



def parse_header(name: str, text: str, path: Path | None = None) -> LibraryQuery:
    q = LibraryQuery(name=name, text=text, path=path)
    for line in text.splitlines():
        if not line.startswith("#"):
            if line.strip():
                break
            continue
        key, sep, value = line.lstrip("# ").partition(":")
        if not sep:
            continue
        value = value.strip()
        match key.strip().lower():
            case "question":
                q.question = value
            case "question (fr)":
                q.question_fr = value
            case "shows":
                q.shows = value
            case "needs":
                q.needs = value
            case "param":
                var, _, default = value.partition("=")
                q.params[var.strip().lstrip("?$")] = parse_term(default.strip(), f"{name}: default of {var.strip()}")
    return q


def library(queries: Path) -> dict[str, LibraryQuery]:
    return {p.stem: parse_header(p.stem, p.read_text(encoding="utf-8"), p) for p in sorted(queries.glob("*.rq"))}


def resolve(spec: str, queries: Path) -> LibraryQuery:
    """A library query by name, a file, or ``-`` for standard input."""
    if spec == "-":
        return parse_header("stdin", _utf8(sys.stdin.buffer.read(), "standard input"))
    known = library(queries)
    if spec in known:
        return known[spec]
    path = Path(spec)
    if path.is_file():
        return parse_header(path.stem, _utf8(path.read_bytes(), path), path)
    names = ", ".join(known)
    raise KgError(Problem(f"no library query or file named {spec!r}; the library has: {names}"), EXIT_SYNTAX)


def _utf8(data: bytes, where: Path | str) -> str:
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as e:
        raise KgError(Problem(f"a query must be UTF-8 text; byte {e.start} is {data[e.start:e.start + 1]!r}",
                              where), EXIT_SYNTAX) from None


# --- parameters ---------------------------------------------------------------------------------

def parse_term(value: str, what: str = "parameter") -> Term:
    """``<iri>`` or ``prefix:local`` → an IRI; ``"text"``, ``"text"@fr`` or plain text → a literal."""
    try:
        if value.startswith("<") and value.endswith(">"):
            return ox.NamedNode(value[1:-1])
        if re.fullmatch(r"[A-Za-z][\w-]*:[^\s]*", value) and value.split(":", 1)[0] in ns.PREFIXES:
            return ox.NamedNode(ns.expand(value))
        if re.fullmatch(r"-?\d+", value):
            return ox.Literal(value, datatype=ox.NamedNode(ns.XSD + "integer"))
        m = re.fullmatch(r'"(.*)"(?:@([A-Za-z]+(?:-[A-Za-z0-9]+)*))?', value, re.S)
        if m:
            return ox.Literal(m.group(1), language=m.group(2)) if m.group(2) else ox.Literal(m.group(1))
        return ox.Literal(value)
    except ValueError as e:
        raise KgError(Problem(f"{what}: {value!r} is not a valid RDF term ({e})"), EXIT_SYNTAX) from None


def query_variables(text: str) -> set[str]:
    """The names of the variables a query mentions (outside comments, strings and IRIs)."""
    code = "".join(m.group() for m in _TOKENS.finditer(text) if m.lastgroup not in ("comment", "string", "iri"))
    return set(re.findall(r"[?$]([A-Za-z0-9_\u00B7-\uFFFF]+)", code))


def check_params(query: LibraryQuery, pairs: list[str]) -> None:
    """Refuse what would be bound quietly wrong: a name the query does not use, a value with an unknown prefix.

    A query takes the parameters its header declares and any variable it mentions. Binding itself is
    ``parse_params``; this only decides what may reach it.
    """
    import difflib

    accepted = set(query.params) | query_variables(query.text)
    problems = []
    for pair in pairs:
        name, sep, value = pair.partition("=")
        name, value = name.strip().lstrip("?$"), value.strip()
        if sep and name not in accepted:
            close = difflib.get_close_matches(name, sorted(accepted), n=1)
            hint = f" (did you mean {close[0]}?)" if close else ""
            takes = ", ".join(sorted(query.params)) or "none declared"
            problems.append(Problem(f"--param {name}: {query.name} has no variable ?{name}{hint}; "
                                    f"its parameters: {takes}"))
        m = re.fullmatch(r"([A-Za-z][\w.-]*):(\S*)", value)
        if sep and m and m.group(1) not in ns.PREFIXES:
            known = ", ".join(sorted(ns.PREFIXES))
            problems.append(Problem(f"--param {name}={value}: unknown prefix {m.group(1)!r}; write a full IRI as "
                                    f"<…> or text in quotes \"…\" (known prefixes: {known})"))
    if problems:
        raise KgError(problems, EXIT_SYNTAX)


def parse_params(pairs: list[str], declared: dict[str, Term]) -> dict[str, Term]:
    values = dict(declared)
    for pair in pairs:
        name, sep, value = pair.partition("=")
        name = name.strip().lstrip("?$")
        if not sep or not re.fullmatch(r"\w+", name):
            raise KgError(Problem(f"--param takes name=value, not {pair!r}"), EXIT_SYNTAX)
        values[name] = parse_term(value.strip(), f"--param {name}")
    return values


_TOKENS = re.compile(r"""
    (?P<comment>\#[^\n]*)
  | (?P<string>'''.*?'''|\"\"\".*?\"\"\"|'(?:[^'\\\n]|\\.)*'|"(?:[^"\\\n]|\\.)*")
  | (?P<iri><[^<>"{}|^`\\\x00-\x20]*>)
  | (?P<open>\{) | (?P<close>\})
  | (?P<word>[A-Za-z]+)
  | (?P<other>.)
""", re.S | re.X)


def _tokens(text: str):
    """Strings, IRIs, braces and words of a query, outside comments (enough to find its structure)."""
    for m in _TOKENS.finditer(text):
        if m.lastgroup in ("string", "iri", "open", "close", "word"):
            yield m.lastgroup, m.group(), m.start(), m.end()


def _body(tokens: list) -> int:
    """The index of the first token after the prologue (PREFIX and BASE declarations)."""
    i = 0
    while i < len(tokens) and tokens[i][0] == "word" and tokens[i][1].upper() in ("PREFIX", "BASE"):
        while i < len(tokens) and tokens[i][0] != "iri":
            i += 1
        i += 1
    return i


def strip_comments(text: str) -> str:
    return "".join(m.group() if m.lastgroup != "comment" else "" for m in _TOKENS.finditer(text))


def query_form(text: str) -> str:
    """SELECT, CONSTRUCT, ASK, DESCRIBE, or the keyword an update starts with."""
    tokens = list(_tokens(text))
    i = _body(tokens)
    return tokens[i][1].upper() if i < len(tokens) and tokens[i][0] == "word" else ""


@functools.lru_cache(maxsize=512)
def where_group_start(text: str) -> int:
    """The offset just after the ``{`` that opens the query's outermost WHERE group."""
    tokens = list(_tokens(text))
    form_at = _body(tokens)
    if form_at >= len(tokens) or tokens[form_at][1].upper() not in ("SELECT", "CONSTRUCT", "ASK", "DESCRIBE"):
        raise KgError(Problem("not a query: no SELECT, CONSTRUCT, ASK or DESCRIBE"), EXIT_SYNTAX)
    start = form_at + 1
    if tokens[form_at][1].upper() == "CONSTRUCT" and tokens[start][1].upper() != "WHERE":
        depth = 0  # skip the template
        for j in range(start, len(tokens)):
            depth += {"open": 1, "close": -1}.get(tokens[j][0], 0)
            if depth == 0 and tokens[j][0] == "close":
                start = j + 1
                break
    for kind, _, _, end in tokens[start:]:
        if kind == "open":
            return end
    raise KgError(Problem("no WHERE group in the query"), EXIT_SYNTAX)


def bind(text: str, params: dict[str, Term]) -> str:
    """The query with each parameter's RDF term in place of its variable (see ``substitute``)."""
    return _bound(text, tuple(sorted(params.items()))) if params else text


@functools.lru_cache(maxsize=512)
def _bound(text: str, params: tuple[tuple[str, Term], ...]) -> str:
    return substitute(text, dict(params))  # the same question and values: bound once per process


# --- binding parameters by substitution -----------------------------------------------------------
# A VALUES block joined at the top of the query is standard, but Virtuoso 7 hangs or refuses on it; the
# term written where the variable stood reads the same on every engine (Jena's ParameterizedSparqlString
# does this). Terms are serialised by pyoxigraph, which escapes literals and refuses malformed IRIs and
# language tags, so a value can never close a string or an IRI and add SPARQL of its own.

_SUBST_TOKENS = re.compile(r"""
    (?P<comment>\#[^\n]*)
  | (?P<string>'''(?:(?:'|'')?(?:[^'\\]|\\.))*'''|"\"\"(?:(?:"|"")?(?:[^"\\]|\\.))*"\"\"
               |'(?:[^'\\\n\r]|\\.)*'|"(?:[^"\\\n\r]|\\.)*")
  | (?P<iri><[^<>"{}|^`\\\x00-\x20]*>)
  | (?P<var>[?$][\w\u00B7\u0300-\u036F\u203F-\u2040]+)
  | (?P<lang>@[A-Za-z]+(?:-[A-Za-z0-9]+)*)
  | (?P<name>[A-Za-z_][\w.-]*:(?:[\w:%-]|\\.|\.(?=[\w:%-]))*|:(?:[\w:%-]|\\.|\.(?=[\w:%-]))*|[A-Za-z_]\w*)
  | (?P<punct>[(){}*])
""", re.S | re.X)

# the keywords that end a projection, and an ORDER BY or GROUP BY list
_CLAUSE_END = {"select": {"WHERE", "FROM"}, "modifier": {"HAVING", "LIMIT", "OFFSET", "VALUES", "ORDER", "GROUP"}}


def _term_text(name: str, term: Term) -> str:
    if isinstance(term, ox.NamedNode | ox.Literal):
        return str(term)
    raise KgError(Problem(f"parameter ?{name}: {term!r} cannot be a parameter (an IRI or a literal can)"),
                  EXIT_SYNTAX)


def substitute(text: str, params: dict[str, Term]) -> str:
    """The query with each parameter variable replaced by its term, and ``(term AS ?x)`` where the
    projection names it, so answers still carry the variable.

    In ORDER BY and GROUP BY the term is wrapped in COALESCE (a bare constant is not a condition there,
    and rdflib cannot group by a bracketed one); under ``SELECT *`` a ``BIND(term AS ?x)`` closes the
    query's group. A variable the query computes
    (``AS ?x``) or lists in a VALUES header cannot be a parameter. A substituted query that no longer
    parses (a literal where only an IRI fits: a predicate, a graph name) is refused, naming the parameter.
    """
    bound = _substitute(text, params)
    if not _parses(bound) and _parses(text):
        for name, term in sorted(params.items()):
            if not _parses(_substitute(text, {name: term})):
                raise KgError(Problem(f"parameter ?{name}: {term} cannot stand where the query uses ?{name} "
                                      "(a literal as a predicate or a graph name?)"), EXIT_SYNTAX)
        raise KgError(Problem("the parameters together make the query invalid"), EXIT_SYNTAX)
    return bound


def _substitute(text: str, params: dict[str, Term]) -> str:
    terms = {name: _term_text(name, term) for name, term in params.items()}
    out: list[str] = []
    at = 0
    last = ""  # the previous keyword or punctuation, upper-cased (or the kind of the previous token)
    parens = 0
    braces = 0
    clause = ""  # "select" (a projection), "modifier" (ORDER BY, GROUP BY) or "values" (a VALUES header)
    clause_parens = 0
    stars: list[int] = []  # brace depths of the SELECT * whose WHERE group is open
    star_pending: int | None = None
    seen: set[str] = set()
    for m in _SUBST_TOKENS.finditer(text):
        kind, token = m.lastgroup, m.group()
        if kind in ("comment", "string", "iri", "lang"):
            last = kind
            continue
        upper = token.upper()
        if kind == "name":
            if upper in _CLAUSE_END.get(clause, ()):
                clause = ""
            if upper == "SELECT":
                clause, clause_parens = "select", parens
            elif upper == "BY" and last in ("ORDER", "GROUP"):
                clause, clause_parens = "modifier", parens
            elif upper == "VALUES":
                clause = "values"
            last = upper
            continue
        if kind == "punct":
            if token == "*" and clause == "select" and last in ("SELECT", "DISTINCT", "REDUCED"):
                star_pending = braces
            if token == "(":
                parens += 1
            elif token == ")":
                parens -= 1
            elif token == "{":
                if clause in ("select", "values"):
                    clause = ""
                if star_pending is not None:
                    stars.append(star_pending)
                    star_pending = None
                braces += 1
            elif token == "}":
                braces -= 1
                if clause == "modifier":
                    clause = ""
                if stars and stars[-1] == braces:
                    stars.pop()
                    binds = "".join(f"BIND({terms[n]} AS ?{n}) " for n in sorted(seen))
                    out.append(text[at:m.start()] + binds)
                    at = m.start()
            last = token
            continue
        name, before, last = token[1:], last, "var"
        if name not in terms:
            continue
        if before == "AS":
            raise KgError(Problem(f"?{name} is computed by the query (AS ?{name}): it cannot be a parameter"),
                          EXIT_SYNTAX)
        if clause == "values":
            raise KgError(Problem(f"?{name} is listed by a VALUES block of the query: it cannot be a parameter"),
                          EXIT_SYNTAX)
        seen.add(name)
        if clause == "select" and parens == clause_parens:
            replacement = f"({terms[name]} AS {token})"
        elif clause == "modifier" and parens == clause_parens:
            replacement = f"COALESCE({terms[name]})"
        else:
            replacement = terms[name]
        out.append(text[at:m.start()] + replacement)
        at = m.end()
    out.append(text[at:])
    return "".join(out)


@functools.lru_cache(maxsize=1024)
def _parses(text: str) -> bool:
    try:
        ox.Store().query(text)
    except SyntaxError:
        return False
    return True


def bind_rows(text: str, names: list[str], rows: list[list[Term]]) -> str:
    """The query with a VALUES block of several rows (RDF terms, serialized) at the start of its WHERE group.

    For many rows at once (the Wikidata queries); a library parameter is substituted instead."""
    if any(len(row) != len(names) for row in rows):
        raise ValueError("every VALUES row needs one term per variable")
    body = " ".join(f"({' '.join(str(t) for t in row)})" for row in rows)
    block = f" VALUES ({' '.join('?' + n for n in names)}) {{ {body} }} "
    at = where_group_start(text)
    return text[:at] + block + text[at:]


def check_syntax(text: str, name: str = "query") -> None:
    """Refuse updates, and report a syntax error with its line and column, before any engine runs."""
    if text in _CHECKED:
        return
    if query_form(text) in UPDATE_KEYWORDS:
        raise KgError(Problem(f"{name}: SPARQL Update ({query_form(text)}) is refused: kg query only reads. "
                              "Change the data in data/ and run kg build."), EXIT_SYNTAX)
    try:
        ox.Store().query(text)
    except SyntaxError as e:
        msg = e.msg if isinstance(e.msg, str) else str(e)
        m = re.match(r"error at (\d+):(\d+): (.*)", msg, re.S)
        if m:
            raise KgError(Problem(f"SPARQL syntax error: {_readable(m.group(3))}", name, int(m.group(1)),
                                  int(m.group(2))), EXIT_SYNTAX) from None
        raise KgError(Problem(f"SPARQL syntax error: {msg}", name), EXIT_SYNTAX) from None
    if len(_CHECKED) < 1024:  # a library's worth of queries, each parsed once per process
        _CHECKED.add(text)


_CHECKED: set[str] = set()


def _readable(message: str) -> str:
    """The parser's message, with its character-class alternatives cut to something a person reads."""
    if "Prefix not found" in message:
        return "unknown prefix: declare it with PREFIX, or write the full <IRI>"
    message = " ".join(message.split())
    if message.startswith("expected one of "):
        words = [w for w in message[len("expected one of "):].split(", ") if not w.startswith("[")]
        return "expected one of " + ", ".join(words[:8]) if words else "unexpected character"
    return message


def run(engine, query: LibraryQuery, params: dict[str, Term] | None = None,
        timeout: float | None = None) -> QueryResult:
    """Check, bind and run a query on an engine."""
    where = str(query.path) if query.path else query.name
    check_syntax(query.text, where)
    bound = bind(query.text, {**query.params, **(params or {})})
    return engine.query(bound, timeout)


# --- formats ------------------------------------------------------------------------------------

def term_text(t: Term | None) -> str:
    """Plain text for tables and CSV: IRIs as they are, literals as their lexical form."""
    if t is None:
        return ""
    return t.value


def to_json(r: QueryResult) -> str:
    if r.kind == "ask":
        return json.dumps({"head": {}, "boolean": r.boolean}, indent=1) + "\n"

    def binding(t: Term) -> dict[str, str]:
        if isinstance(t, ox.NamedNode):
            return {"type": "uri", "value": t.value}
        if isinstance(t, ox.BlankNode):
            return {"type": "bnode", "value": t.value}
        out = {"type": "literal", "value": t.value}
        if t.language:
            out["xml:lang"] = t.language
        elif t.datatype.value != ns.XSD + "string":
            out["datatype"] = t.datatype.value
        return out

    doc = {"head": {"vars": r.variables},
           "results": {"bindings": [{v: binding(row[v]) for v in r.variables if v in row} for row in r.rows]}}
    return json.dumps(doc, ensure_ascii=False, indent=1) + "\n"


def to_csv(r: QueryResult) -> str:
    out = io.StringIO()
    w = csv.writer(out, lineterminator="\r\n")  # SPARQL 1.1 CSV: RFC 4180, CRLF
    if r.kind == "ask":
        w.writerow(["boolean"])
        w.writerow(["true" if r.boolean else "false"])
        return out.getvalue()
    w.writerow(r.variables)
    for row in r.rows:
        w.writerow([term_text(row.get(v)) for v in r.variables])
    return out.getvalue()


def to_tsv(r: QueryResult) -> str:
    """SPARQL 1.1 TSV: terms in N-Triples syntax, so nothing of a term is lost."""
    if r.kind == "ask":
        return "?boolean\n" + ('"true"' if r.boolean else '"false"') + "^^<http://www.w3.org/2001/XMLSchema#boolean>\n"
    lines = ["\t".join("?" + v for v in r.variables)]
    lines += ["\t".join(str(row[v]) if v in row else "" for v in r.variables) for row in r.rows]
    return "\n".join(lines) + "\n"


def from_tsv(text: str) -> QueryResult:
    lines = text.rstrip("\n").split("\n")
    variables = [v[1:] for v in lines[0].split("\t")]
    if variables == ["boolean"]:
        return QueryResult("ask", boolean="true" in lines[1])
    rows = []
    for line in lines[1:]:
        cells = line.split("\t")
        row = {}
        for v, cell in zip(variables, cells, strict=True):
            if cell:
                (q,) = ox.parse(f"<urn:s> <urn:p> {cell} .", format=ox.RdfFormat.N_TRIPLES)
                row[v] = q.object
        rows.append(row)
    return QueryResult("select", variables, rows)


def to_turtle(r: QueryResult) -> str:
    quads = [ox.Quad(t.subject, t.predicate, t.object) for t in r.triples]
    return serialize(quads, ox.RdfFormat.TURTLE).decode("utf-8")


def to_ntriples(r: QueryResult) -> str:
    return "".join(sorted(f"{t.subject} {t.predicate} {t.object} .\n" for t in r.triples))


def to_table(r: QueryResult, width: int = 60) -> str:
    """A table for a terminal: IRIs shortened with the project's prefixes, long values cut."""
    if r.kind == "ask":
        return "yes\n" if r.boolean else "no\n"
    if r.kind == "graph":
        return to_turtle(r)

    def cell(t: Term | None) -> str:
        if t is None:
            return ""
        text = ns.shorten(t.value) if isinstance(t, ox.NamedNode) else " ".join(t.value.split())
        return text if len(text) <= width else text[:width - 1] + "…"

    grid = [[cell(row.get(v)) for v in r.variables] for row in r.rows]
    widths = [max([len(v)] + [len(line[i]) for line in grid]) for i, v in enumerate(r.variables)]
    fmt = "  ".join(f"{{:<{w}}}" for w in widths)
    lines = [fmt.format(*r.variables).rstrip(), fmt.format(*("-" * w for w in widths)).rstrip()]
    lines += [fmt.format(*line).rstrip() for line in grid]
    lines.append(f"({len(r.rows)} row{'s' if len(r.rows) != 1 else ''})")
    return "\n".join(lines) + "\n"


def render(r: QueryResult, fmt: str) -> str:
    if r.kind == "graph":
        if fmt not in ("table", "turtle"):
            raise KgError(Problem(f"--format {fmt} is for the rows of SELECT and ASK; this query gives a graph "
                                  "(CONSTRUCT, DESCRIBE): use --format turtle"), EXIT_SYNTAX)
        return to_turtle(r)
    if fmt == "turtle":
        raise KgError(Problem("--format turtle is for CONSTRUCT and DESCRIBE; use table, json, csv or tsv"),
                      EXIT_SYNTAX)
    return {"table": to_table, "json": to_json, "csv": to_csv, "tsv": to_tsv}[fmt](r)


# --- expected answers ---------------------------------------------------------------------------

def expected_path(query: LibraryQuery, expected_dir: Path) -> Path:
    return expected_dir / f"{query.name}.{'nt' if query.form in ('CONSTRUCT', 'DESCRIBE') else 'tsv'}"


_INTEGERS = {ns.XSD + t for t in ("integer", "nonNegativeInteger", "positiveInteger", "nonPositiveInteger",
                                  "negativeInteger", "long", "int", "short", "byte", "unsignedLong",
                                  "unsignedInt", "unsignedShort", "unsignedByte")}


def _same_value(t: Term) -> str:
    # Oxigraph stores integer subtypes (xsd:nonNegativeInteger offsets) as xsd:integer: compare by value
    if isinstance(t, ox.Literal) and t.datatype.value in _INTEGERS:
        return f'"{int(t.value)}"^^<{ns.XSD}integer>'
    # Virtuoso writes every xsd:boolean in SPARQL JSON results as "0" or "1", the same values as false and true
    if isinstance(t, ox.Literal) and t.datatype.value == ns.XSD + "boolean" and t.value in ("0", "1"):
        return f'"{"true" if t.value == "1" else "false"}"^^<{ns.XSD}boolean>'
    return str(t)


def canonical(r: QueryResult) -> object:
    """A form to compare answers across engines: N-Triples terms, rows as a sorted multiset."""
    if r.kind == "ask":
        return r.boolean
    if r.kind == "graph":
        return sorted(f"{t.subject} {t.predicate} {_same_value(t.object)}" for t in r.triples)
    rows = [tuple(_same_value(row[v]) if v in row else "" for v in r.variables) for row in r.rows]
    return (tuple(r.variables), sorted(rows))


def expected_text(r: QueryResult) -> str:
    """An answer as a file: N-Triples lines for a graph, SPARQL TSV for rows (sorted: diffs stay small)."""
    if r.kind == "graph":
        return to_ntriples(r)
    rows = sorted(r.rows, key=lambda row: [str(row.get(v, "")) for v in r.variables])
    return to_tsv(QueryResult(r.kind, r.variables, rows, r.boolean))


def save_expected(engine, queries: Path, names: list[str] | None = None) -> list[Path]:
    """Write the named library queries' answers (all of them if ``names`` is None) as their expected answers,
    for a person to review in the diff."""
    from kg.rdfio import atomic_write

    known = library(queries)
    for name in names or []:
        if name not in known:
            raise KgError(Problem(f"--save-expected: no library query named {name!r} (a file outside the "
                                  f"library has no expected answer); the library has: {', '.join(known)}"),
                          EXIT_SYNTAX)
        if known[name].needs:
            raise KgError(Problem(f"--save-expected: {name} needs {known[name].needs} and has no expected answer"),
                          EXIT_SYNTAX)
    written = []
    for item in known.values():
        if item.needs or (names is not None and item.name not in names):
            continue
        path = expected_path(item, queries / "expected")
        atomic_write(path, expected_text(run(engine, item)).encode("utf-8"))
        written.append(path)
    return written


def load_expected(query: LibraryQuery, expected_dir: Path) -> QueryResult:
    path = expected_path(query, expected_dir)
    text = path.read_text(encoding="utf-8")
    if path.suffix == ".nt":
        return QueryResult("graph", triples=[ox.Triple(q.subject, q.predicate, q.object)
                                             for q in ox.parse(text, format=ox.RdfFormat.N_TRIPLES)])
    return from_tsv(text)
