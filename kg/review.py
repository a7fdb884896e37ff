"""Reviewing an article's candidate claims: accept, reject, correct, merge; each decision saved at once.

The claims file (``data/articles/<id>/claims.trig``) is read and rewritten in the authoring format: one
named graph per claim, and beside it, in the default graph, its evidence and review annotations
(``cd:reviewStatus``, ``cd:reviewedBy``, ``cd:reviewedAt``…). Rewriting keeps the file readable and
diff-friendly: its prefixes, its header comment and the comments just above each claim graph, the comments
inside a claim (beside the subject or property they were about), the order of claims, subjects and predicates as
the file had them; every decision writes the whole file atomically
(temporary file, re-read and checked, then renamed), so a reader sees the old file or the new one.

Pick-lists come from the ontology and the data, never from this module: statuses from the status scheme,
review states from the review scheme, kinds from the ontology's classes, domains from the domain scheme,
parties and links from the dataset's entities.

A claim without ``cd:reviewStatus`` (hand-written before the review step existed) is shown as
"unreviewed": it can be accepted or rejected like a pending one, and ``accept_all`` takes it only if it has
a confidence at or above the threshold (a hand-written claim has none, so it is left to a person).

Merging a proposed entity into an existing one: if the proposed IRI is only in this article's claims (a new
entity the extractor proposed), the IRI is rewritten to the existing one throughout the article's claims;
if it is an entity already in ``data/entities``, an ``owl:sameAs`` redirect is added to
``data/entities/merges.ttl`` (the build follows it) and the claims are rewritten too.

The HTTP page (``serve``) is a thin layer over these functions.
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import functools
import hmac
import itertools
import json
import os
import re
import secrets
import subprocess
import threading
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pyoxigraph as ox

from kg import namespaces as ns
from kg.build import article_folders, entity_files, merges_path
from kg.errors import EXIT_INVALID, EXIT_SYNTAX, KgError, Problem, line_of_subject
from kg.merges import (
    article_lock,
    by_parts,
    class_ancestors,
    compatible,
    identified_by,
    journaled_write,
    recover_locked,
    repoint,
)
from kg.project import Project
from kg.rdfio import parse_file

REVIEW = ns.REVIEW
ACTIVITY = ns.PREFIXES["activity"]

A = ns.RDF + "type"
LABEL = ns.RDFS + "label"
COMMENT = ns.RDFS + "comment"
SUBCLASS = ns.RDFS + "subClassOf"
IN_SCHEME = ns.SKOS + "inScheme"
PREF_LABEL = ns.SKOS + "prefLabel"
ALT_LABEL = ns.SKOS + "altLabel"
SAME_AS = ns.OWL + "sameAs"
OWL_CLASS = ns.OWL + "Class"
EVIDENCE = ns.CD + "evidence"
REVIEW_STATUS = ns.CD + "reviewStatus"
REVIEWED_BY = ns.CD + "reviewedBy"
REVIEWED_AT = ns.CD + "reviewedAt"
CONFIDENCE = ns.CD + "confidence"
RULE = ns.CD + "extractionRule"
ACCORDING_TO = ns.CD + "accordingTo"
GENERATED_BY = ns.PROV + "wasGeneratedBy"
STATUS = ns.CD + "status"
PARTY = ns.CD + "party"
DOMAIN = ns.CD + "domain"
UNDERTAKING = ns.CD + "Undertaking"  # what has a status, parties and domains
AGENT = ns.CD + "Agent"  # what can be a party
XSD_STRING = ns.XSD + "string"
LANG_STRING = ns.RDF + "langString"

DECISIONS = ("accepted", "rejected", "pending")
UI_LANGS = ("fr", "en")  # the page's own words: kg/templates/review.strings.json
UNREVIEWED = "unreviewed"


class ReviewError(KgError):
    """A decision or a correction that cannot be made (an unknown ID, a term outside the pick-lists…)."""


def _problem(message: str, path: Path | None = None, code: int = EXIT_INVALID) -> ReviewError:
    return ReviewError(Problem(message, path), code)


# --------------------------------------------------------------------------------------------------
# The claims file: parsed with its order and comments, written back the same way


_PREFIX_LINE = re.compile(r"^\s*(?:@prefix|PREFIX)\s+([A-Za-z][\w.-]*|):\s*<([^>]*)>\s*\.?\s*$", re.IGNORECASE)
_GRAPH_OPEN = re.compile(r"^\s*(?:GRAPH\s+)?(<[^>]*>|[A-Za-z][\w.-]*:[^\s{]*)\s*\{")
_SUBJECT_OPEN = re.compile(r"^(<[^>]*>|[A-Za-z][\w.-]*:[^\s{]*)\s")  # a description at the margin
_LOCAL = re.compile(r"^[A-Za-z0-9_](?:[A-Za-z0-9_.-]*[A-Za-z0-9_-])?$")

Notes = dict[tuple[str | None, str | None], tuple[list[str], list[str]]]  # (subject, predicate) -> above, after


@dataclass
class ClaimsFile:
    """A claims.trig as the reviewer sees it: quads in document order, prefixes and comments kept."""

    path: Path
    header: list[str]  # comment lines before the first prefix
    prefixes: dict[str, str]  # in the file's order
    quads: list[ox.Quad]  # document order, no duplicates
    comments: dict[str, list[str]] = field(default_factory=dict)  # graph or subject IRI -> comment lines above it
    trailer: list[str] = field(default_factory=list)
    # the text as read, and where each claim (its graph and its annotations) is in it: a rewrite keeps the
    # text of every claim it does not touch byte for byte (see render_keeping)
    source: list[str] = field(default_factory=list)  # lines, with their ends
    spans: dict[str, list[tuple[int, int, bool]]] = field(default_factory=dict)  # claim -> [(first, end, graph?)]
    prefix_end: int = 0  # the line after the last prefix line
    inner: dict[tuple[str, bool], Notes] = field(default_factory=dict)  # (claim, graph?) -> comments inside it
    original: list[ox.Quad] = field(default_factory=list)

    @property
    def claims(self) -> list[str]:
        """Claim graph IRIs, in the order the file gives them."""
        return list(self.index()[0])

    def index(self) -> tuple[dict[str, list[ox.Quad]], dict[str, list[ox.Quad]]]:
        """In one pass: each claim graph's quads, and each default-graph subject's quads, in document order."""
        graphs: dict[str, list[ox.Quad]] = {}
        about: dict[str, list[ox.Quad]] = {}
        for q in self.quads:
            if isinstance(q.graph_name, ox.NamedNode):
                graphs.setdefault(q.graph_name.value, []).append(q)
            else:
                about.setdefault(q.subject.value, []).append(q)
        return graphs, about


def read_claims(path: Path) -> ClaimsFile:
    quads = list(dict.fromkeys(parse_file(path)))  # located syntax errors come from parse_file
    lines = path.read_text(encoding="utf-8").splitlines()
    header: list[str] = []
    prefixes: dict[str, str] = {}
    comments: dict[str, list[str]] = {}
    pending: list[str] = []
    seen_prefix = False
    for line in lines:
        stripped = line.strip()
        if m := _PREFIX_LINE.match(line):
            if not seen_prefix:
                header, pending = [c for c in pending if c], []
            seen_prefix = True
            prefixes[m.group(1)] = m.group(2)
        elif stripped.startswith("#"):
            pending.append(stripped)
        elif not stripped:
            if pending:  # blank lines inside a comment block, or between it and its claim, are kept
                pending.append("")
        elif m := _GRAPH_OPEN.match(line) or _SUBJECT_OPEN.match(line):
            name = _expand(m.group(1), prefixes)
            if name and pending and name not in comments:
                comments[name] = pending
            pending = []
        else:
            pending = []
    if not seen_prefix:
        header, pending = pending, []
    while pending and not pending[-1]:
        pending.pop()
    doc = ClaimsFile(path, header, prefixes, quads, comments, pending)
    _locate(doc, path.read_bytes().decode("utf-8").splitlines(keepends=True))
    return doc


def _locate(doc: ClaimsFile, source: list[str]) -> None:
    """Where each claim's text is: its graph and the descriptions of it that follow, when they are contiguous
    statements at the margin (else the claim is not located and a rewrite renders the whole file)."""
    units: list[tuple[str | None, int, int, bool]] = []  # (name, first line, last content line + 1, graph?)
    last_content = 0
    prefix_end = 0
    for i, line in enumerate(source):
        stripped = line.strip()
        if _PREFIX_LINE.match(line):
            prefix_end = i + 1
            last_content = i + 1
            continue
        if not stripped or stripped.startswith("#"):
            continue
        graph = _GRAPH_OPEN.match(line)
        m = graph or _SUBJECT_OPEN.match(line)
        if m and not line[0].isspace():
            if units:
                units[-1] = (*units[-1][:2], last_content, units[-1][3])
            units.append((_expand(m.group(1), doc.prefixes), i, i + 1, graph is not None))
        last_content = i + 1
    if units:
        units[-1] = (*units[-1][:2], last_content, units[-1][3])
    claims = set(doc.index()[0])
    spans: dict[str, list[tuple[int, int, bool]]] = {}
    for name, first, end, graph in units:
        if name in claims:
            spans.setdefault(name, []).append((first, end, graph))
    doc.source = source
    doc.spans = {k: v for k, v in spans.items() if sum(g for _, _, g in v) == 1}
    for name, located in doc.spans.items():
        for first, end, graph in located:
            if any(line.lstrip().startswith("#") or "#" in line for line in source[first:end]):
                found = _inner_comments("".join(source[first:end]), doc.prefixes)
                for key, (above, after) in found.items():
                    have = doc.inner.setdefault((name, graph), {}).setdefault(key, ([], []))
                    have[0].extend(above)
                    have[1].extend(after)
    doc.prefix_end = prefix_end
    doc.original = list(doc.quads)


# Comments inside a claim's text (its graph or its annotations) belong to the subject or the predicate they
# stand above, or end the line of: a rewritten claim puts them back there (see _Writer.block).
_TOKEN = re.compile(r"""(?P<comment>\#[^\n]*)|(?P<iri><[^>\s]*>)
    |(?P<string>"{3}(?:[^"\\]|\\.|"(?!""))*"{3}|'{3}(?:[^'\\]|\\.|'(?!''))*'{3}|"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*')
    |(?P<punct>[{}\[\]();,])|(?P<word>[^\s{}\[\]();,"'<\#]+)|(?P<space>\s+)""", re.X)

def _tokens(text: str) -> list[tuple[str, str, int]]:
    """Turtle's tokens as (kind, text, line): enough to tell subjects, predicates, objects and comments apart."""
    out: list[tuple[str, str, int]] = []
    line = 0
    for m in _TOKEN.finditer(text):
        kind, value = m.lastgroup or "", m.group()
        if kind == "word" and value.endswith("."):  # "status:signed." ends a statement
            core = value.rstrip(".")
            if core:
                out.append((kind, core, line))
            out += [("punct", ".", line)] * (len(value) - len(core))
        elif kind != "space":
            out.append((kind, value, line))
        line += value.count("\n")
    return out


def _inner_comments(text: str, prefixes: dict[str, str]) -> Notes:
    """The comments inside one claim's text, each with the (subject, predicate) it stands above or ends the line
    of; (None, None) for those on the graph's opening line or with nothing left to stand by, (None, "}") for
    those before its closing brace."""
    notes: Notes = {}

    def iri(value: str) -> str | None:
        return A if value == "a" else _expand(value, prefixes) if not value.startswith("<") else value[1:-1]

    subject = predicate = None
    expect = "subject"  # what the next term is
    depth = 0  # inside [ ] or ( ): terms there belong to the current predicate
    waiting: list[str] = []  # comments on their own lines, before the next term
    last: tuple[str | None, str | None] = (None, None)
    last_line = -1
    for kind, value, at in _tokens(text):
        if kind == "comment":
            if at == last_line:  # at the end of a line: about what that line says
                notes.setdefault(last, ([], []))[1].append(value)
            else:
                waiting.append(value)
            continue
        last_line = at
        key = (subject, predicate)
        if kind == "punct":
            if value in "[(":
                depth += 1
            elif value in "])":
                depth -= 1
            elif depth == 0 and value in "{.}":
                expect = "subject"
                if value == "{":
                    last = key = (None, None)
                elif value == "}":
                    key = (None, "}")
            elif depth == 0 and value == ";":
                expect = "predicate"
            if value != "}":
                continue
        elif depth or (kind == "word" and value.startswith(("@", "^^"))):  # inside an object, or its tag
            pass
        elif expect == "subject":
            subject, predicate, expect = iri(value), None, "predicate"
            key = (subject, None)
        elif expect == "predicate":
            predicate, expect = iri(value), "object"
            key = (subject, predicate)
        if waiting:
            notes.setdefault(key, ([], []))[0].extend(waiting)
            waiting = []
        last = key
    if waiting:
        notes.setdefault((None, None), ([], []))[0].extend(waiting)
    return notes


def _expand(name: str, prefixes: dict[str, str]) -> str | None:
    if name.startswith("<"):
        return name[1:-1]
    prefix, _, local = name.partition(":")
    return prefixes[prefix] + local if prefix in prefixes else None


class _Writer:
    def __init__(self, prefixes: dict[str, str]) -> None:
        self.prefixes = prefixes
        # longest namespace first, so that claim:<id>/ wins over a shorter one
        self.spaces = sorted(prefixes.items(), key=lambda kv: (-len(kv[1]), kv[0]))

    def iri(self, iri: str) -> str:
        if iri == A:
            return "a"
        for name, space in self.spaces:
            if iri.startswith(space) and _LOCAL.match(iri[len(space):]):
                return f"{name}:{iri[len(space):]}"
        return f"<{iri}>"

    def term(self, t: ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple) -> str:
        if isinstance(t, ox.NamedNode):
            return self.iri(t.value)
        if isinstance(t, ox.BlankNode):
            return f"_:{t.value}"
        if isinstance(t, ox.Literal):
            text = '"' + _escape(t.value) + '"'
            if t.language:
                return f"{text}@{t.language}"
            if t.datatype.value == XSD_STRING:
                return text
            return f"{text}^^{self.iri(t.datatype.value)}"
        raise _problem(f"cannot write {t!r} in a claims file")

    def block(self, subject: str, pairs: list[tuple[str, list[str]]], indent: str,
              notes: dict[str | None, tuple[list[str], list[str]]] | None = None) -> list[str]:
        """One subject with its predicates, in the project's hand-written style; ``notes`` are the comments the
        file had inside it: for the subject (None) or a predicate as written, the lines above it and the comment
        at the end of its line."""
        notes = notes or {}
        inner = indent + "    "

        def above(key: str | None, at: str) -> list[str]:
            return [at + c for c in notes.get(key, ([], []))[0]]

        def after(key: str | None, line: str) -> str:
            return " ".join([line, *notes.get(key, ([], []))[1]])

        out: list[str] = []
        if len(pairs) == 1 and len(pairs[0][1]) == 1:
            line = f"{indent}{subject} {pairs[0][0]} {pairs[0][1][0]} ."
            if len(line) <= (120 if indent else 110):  # the hand-written files' habit
                return [*above(None, indent), *above(pairs[0][0], indent), after(pairs[0][0], after(None, line))]
        typed = pairs and pairs[0][0] == "a"
        out += above(None, indent) + (above("a", indent) if typed else [])
        first = f"{indent}{subject} a {' , '.join(pairs[0][1])} ;" if typed else f"{indent}{subject}"
        out.append(after("a", after(None, first)) if typed else after(None, first))
        rest = pairs[1:] if typed else pairs
        for n, (pred, objects) in enumerate(rest):
            end = " ." if n == len(rest) - 1 else " ;"
            out += above(pred, inner)
            one_line = f"{inner}{pred} {' , '.join(objects)}"
            if len(one_line) <= 110 or len(objects) == 1:
                out.append(after(pred, one_line + end))
            else:
                out.append(f"{inner}{pred} {objects[0]} ,")
                for k, o in enumerate(objects[1:], start=1):
                    out.append(f"{inner}    {o}" + (end if k == len(objects) - 1 else " ,"))
                out[-1] = after(pred, out[-1])
        if typed and not rest:  # "s a C ;" alone: the statement ends there
            out[-1] = first[:-2] + " ." + out[-1][len(first):]
        return out


def _escape(value: str) -> str:
    return (value.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\r", "\\r")
            .replace("\t", "\\t"))


def _grouped(quads: Iterable[ox.Quad], w: _Writer) -> list[tuple[str, str, list[tuple[str, list[str]]]]]:
    """(subject IRI, subject as written, predicates) in first-seen order, rdf:type first."""
    subjects: dict[tuple[str, str], dict[str, list[str]]] = {}
    for q in quads:
        preds = subjects.setdefault((q.subject.value, w.term(q.subject)), {})
        preds.setdefault(w.iri(q.predicate.value), []).append(w.term(q.object))
    return [(iri, term, sorted(preds.items(), key=lambda kv: kv[0] != "a"))
            for (iri, term), preds in subjects.items()]


def _blocks(parts: list[tuple[str, str, list[tuple[str, list[str]]]]], notes: Notes, w: _Writer,
            indent: str) -> list[str]:
    """Subjects written anew, each with the comments it had; the comments used are taken out of ``notes``."""
    out = []
    for s, term, pairs in parts:
        mine = {None: notes.pop((s, None), ([], []))}
        for pred, _ in pairs:
            key = next((k for k in notes if k[0] == s and k[1] and w.iri(k[1]) == pred), None)
            if key:
                mine[pred] = notes.pop(key)
        out += w.block(term, pairs, indent, mine)
    return out


def _claim_parts(doc: ClaimsFile, w: _Writer) -> dict[str, tuple[list[str], list[str]]]:
    """Each claim's graph block and its annotations, as written anew, with the comments the file had inside them
    back above (or at the end of the line of) what they were about; a comment whose statement is gone stays too,
    at the top of the claim."""
    graphs, about = doc.index()
    out = {}
    for g, quads in graphs.items():
        notes = dict(doc.inner.get((g, True), {}))
        blocks = _blocks(_grouped(quads, w), notes, w, "    ")
        top, end = notes.pop((None, None), ([], [])), notes.pop((None, "}"), ([], []))
        orphans = [c for above, after in notes.values() for c in above + after]
        lines = [" ".join([f"{w.iri(g)} {{", *top[1]]), *("    " + c for c in top[0] + orphans), *blocks,
                 *("    " + c for c in end[0]), " ".join(["}", *end[1]])]
        notes = dict(doc.inner.get((g, False), {}))
        annotations = _blocks(_grouped(about.get(g, []), w), notes, w, "")
        out[g] = (lines, [c for above, after in notes.values() for c in above + after] + annotations)
    return out


def _prefixes(doc: ClaimsFile) -> dict[str, str]:
    """The file's prefixes, and the project's for any namespace the quads now use that the file lacks."""
    prefixes = dict(doc.prefixes)
    used = {t.value for q in doc.quads for t in (q.subject, q.predicate, q.object, q.graph_name)
            if isinstance(t, ox.NamedNode)} - {A}
    used |= {q.object.datatype.value for q in doc.quads if isinstance(q.object, ox.Literal)} - {XSD_STRING, LANG_STRING}
    for name, space in sorted(ns.PREFIXES.items()):
        if space not in prefixes.values() and name not in prefixes and any(i.startswith(space) for i in used):
            prefixes[name] = space
    return prefixes


def render_keeping(doc: ClaimsFile) -> bytes | None:
    """The file's own text with only the claims whose statements changed written anew; None when that cannot
    be done (claims added, removed or reordered, other descriptions changed, a claim not located)."""
    if not doc.source:
        return None
    graphs, about = doc.index()
    before_graphs, before_about = ClaimsFile(doc.path, [], {}, doc.original).index()
    added = list(graphs)[len(before_graphs):]  # claims a change adds (a publisher named on the page) go last
    if list(graphs)[:len(before_graphs)] != list(before_graphs) or set(graphs) - set(doc.spans) - set(added):
        return None
    rest = [q for s, qs in about.items() if s not in graphs for q in qs]
    before_rest = [q for s, qs in before_about.items() if s not in before_graphs for q in qs]
    if rest != before_rest:
        return None
    prefixes = _prefixes(doc)
    w = _Writer(prefixes)
    parts = _claim_parts(doc, w)
    edits: list[tuple[int, int, list[str]]] = []
    for g in before_graphs:
        block, notes = parts[g]
        graph_changed = graphs[g] != before_graphs[g]
        notes_changed = about.get(g, []) != before_about.get(g, [])
        spans = doc.spans[g]
        first_notes = next((x for x in spans if not x[2]), None)
        for span in spans:
            first, end, graph = span
            if graph and graph_changed:
                edits.append((first, end, block + (notes if first_notes is None and notes_changed else [])))
            elif graph and first_notes is None and notes_changed:
                edits.append((end, end, notes))  # annotations the claim had none of: after its graph
            elif not graph and notes_changed:
                edits.append((first, end, notes if span == first_notes else []))
    out = list(doc.source)
    for first, end, text in sorted(edits, reverse=True):  # from the end: earlier spans keep their lines
        out[first:end] = [line + "\n" for line in text]
    if out and not out[-1].endswith("\n"):
        out[-1] += "\n"
    for g in added:
        out += ["\n", *(line + "\n" for line in parts[g][0] + parts[g][1])]
    new = [f"@prefix {name}: <{space}> .\n" for name, space in prefixes.items() if name not in doc.prefixes]
    out[doc.prefix_end:doc.prefix_end] = new
    if out and not out[-1].endswith("\n"):
        out[-1] += "\n"
    return "".join(out).encode("utf-8")


def render_claims(doc: ClaimsFile) -> bytes:
    """The file's text: header, prefixes, descriptions (activities), then each claim and its annotations."""
    prefixes = _prefixes(doc)
    w = _Writer(prefixes)
    lines = [*doc.header]
    lines += [f"@prefix {name}: <{space}> ." for name, space in prefixes.items()]
    graphs, about = doc.index()
    others = [q for subject, qs in about.items() if subject not in graphs for q in qs]
    descriptions: list[str] = []  # activities and other descriptions, with the comments above them
    for iri, term, pairs in _grouped(others, w):
        descriptions += ["", *doc.comments.get(iri, []), *w.block(term, pairs, "")]
    # they stay where the file had them: before the claims or after them
    other_set = set(others)
    first_other = next((i for i, q in enumerate(doc.quads) if q in other_set), None)
    first_claim = next((i for i, q in enumerate(doc.quads) if isinstance(q.graph_name, ox.NamedNode)), None)
    at_end = first_other is not None and first_claim is not None and first_claim < first_other
    if not at_end:
        lines += descriptions
    for g, (block, notes) in _claim_parts(doc, w).items():
        lines.append("")
        lines += doc.comments.get(g, [])
        lines += block + notes
    if at_end:
        lines += descriptions
    if doc.trailer:
        lines += ["", *doc.trailer]
    return ("\n".join(lines) + "\n").encode("utf-8")


def checked_text(doc: ClaimsFile) -> bytes:
    """The new text, after checking that it parses back to exactly the intended quads: the file's own text
    with the touched claims rewritten, else (if that does not give the quads) the whole file rendered."""
    blank = any(isinstance(t, ox.BlankNode) for q in doc.quads for t in (q.subject, q.object))
    for render in (render_keeping, render_claims):
        data = render(doc)
        if data is None:
            continue
        try:
            back = set(ox.parse(data, format=ox.RdfFormat.TRIG))
        except SyntaxError as e:  # a bug here must never reach the file
            if render is render_keeping:
                continue
            raise _problem(f"the rewritten claims would not parse ({e}); nothing was written", doc.path) from None
        if blank or back == set(doc.quads):
            return data
    raise _problem("the rewritten claims would differ from the decision; nothing was written", doc.path)


# --------------------------------------------------------------------------------------------------
# Pick-lists: the ontology's terms and the dataset's entities


@dataclass(frozen=True)
class Choice:
    iri: str
    label: str
    group: str = ""  # the class of an entity, the root class of a kind

    def as_json(self) -> dict[str, str]:
        return {"iri": self.iri, "label": self.label, "group": self.group}


@dataclass
class Terms:
    statuses: list[Choice]
    reviews: dict[str, Choice]  # "accepted" | "pending" | "rejected" -> concept
    kinds: list[Choice]  # every class of the ontology's own namespace, grouped by its root class
    domains: list[Choice]
    entities: list[Choice]  # the dataset's entities (data/entities)
    proposed: list[Choice]  # entities only this article's claims describe (new ones the extractor proposes)
    labels: dict[str, str]  # every labelled IRI -> its label in the chosen language
    types: dict[str, set[str]] = field(default_factory=dict)  # entity -> its classes (data and claims)
    fields: dict[str, list[dict]] = field(default_factory=dict)  # class -> properties its shape gives it
    ancestors: dict[str, set[str]] = field(default_factory=dict)  # class -> itself and the classes above it
    children: dict[str, list[str]] = field(default_factory=dict)  # class -> the classes right under it
    segments: dict[str, str] = field(default_factory=dict)  # class -> the IRI segment of its new entities
    identified: dict[str, list[str]] = field(default_factory=dict)  # class -> the properties that make it (no merge)

    def label(self, iri: str) -> str:
        return self.labels.get(iri) or ns.shorten(iri)


def _pick_label(labels: list[ox.Literal], lang: str) -> str | None:
    by_lang = {lit.language or "": lit.value for lit in labels}
    for want in (lang, "en", "fr", ""):
        if want in by_lang:
            return by_lang[want]
    return next(iter(by_lang.values()), None)


def load_terms(project: Project, lang: str = "en", extra: Iterable[ox.Quad] = ()) -> Terms:
    from kg.build import assemble_ontology

    onto = assemble_ontology(project)
    entity_quads = [q for path in entity_files(project) for q in parse_file(path)]
    # the articles themselves, what a tenure is attested in: named by their title
    for folder in article_folders(project):
        meta = folder / "article.ttl"
        try:
            quads = parse_file(meta) if meta.is_file() else []
        except KgError:
            continue  # the build names it; the page still opens
        doc = ns.document(folder.name)
        entity_quads += [ox.Quad(q.subject, ox.NamedNode(LABEL) if q.predicate.value == ns.DCTERMS + "title"
                                 else q.predicate, q.object) for q in quads if q.subject.value == doc
                         and q.predicate.value in (A, ns.DCTERMS + "title")]
    labels_of: dict[str, list[ox.Literal]] = {}
    for q in [*onto, *entity_quads, *extra]:
        if q.predicate.value in (LABEL, PREF_LABEL) and isinstance(q.object, ox.Literal):
            labels_of.setdefault(q.subject.value, []).append(q.object)
    labels = {iri: _pick_label(lits, lang) or ns.shorten(iri) for iri, lits in labels_of.items()}

    def label(iri: str) -> str:
        return labels.get(iri) or ns.shorten(iri)

    def scheme_members(scheme: str) -> list[str]:
        return sorted({q.subject.value for q in onto if q.predicate.value == IN_SCHEME and q.object.value == scheme})

    # every status scheme of the ontology (an undertaking's, an event's), the undertakings' first; the page
    # groups them by scheme and the shapes say which is whose
    status_schemes = sorted({q.object.value for q in onto if q.predicate.value == IN_SCHEME
                             and q.object.value.startswith(ns.STATUS)}, key=lambda s: (s != ns.STATUS + "scheme", s))
    statuses = [Choice(i, label(i), scheme) for scheme in status_schemes for i in scheme_members(scheme)]
    domains = sorted((Choice(i, label(i)) for i in scheme_members(ns.DOMAIN + "scheme")), key=lambda c: c.label)
    reviews = {i[len(REVIEW):]: Choice(i, label(i)) for i in sorted({
        q.subject.value for q in onto if q.predicate.value == IN_SCHEME and q.object.value.startswith(REVIEW)
        and q.subject.value.startswith(REVIEW)})}
    missing = [d for d in DECISIONS if d not in reviews]
    if missing:
        raise _problem(f"the ontology has no review concept(s) {', '.join('review:' + m for m in missing)} "
                       f"(a SKOS scheme under {REVIEW}, ontology/review.ttl)", project.ontology)
    if not statuses:
        raise _problem("the ontology has no status scheme (status:scheme)", project.ontology)

    classes = sorted({q.subject.value for q in onto if q.predicate.value == A and q.object.value == OWL_CLASS
                      and q.subject.value.startswith(ns.CD)})
    parents: dict[str, list[str]] = {}
    for q in onto:
        if q.predicate.value == SUBCLASS and q.subject.value in classes and q.object.value in classes:
            parents.setdefault(q.subject.value, []).append(q.object.value)

    def root(c: str, seen: frozenset[str] = frozenset()) -> str:
        ups = sorted(p for p in parents.get(c, []) if p not in seen)
        return root(ups[0], seen | {c}) if ups else c

    kinds = sorted((Choice(c, label(c), root(c)) for c in classes), key=lambda c: (label(c.group), c.label))
    typed: dict[str, str] = {}
    for q in entity_quads:
        if q.predicate.value == A and isinstance(q.subject, ox.NamedNode):
            typed.setdefault(q.subject.value, q.object.value)
    entities = sorted((Choice(e, label(e), t) for e, t in typed.items()), key=lambda c: (c.label.lower(), c.iri))
    new: dict[str, str] = {}
    for q in extra:
        if q.predicate.value == A and isinstance(q.graph_name, ox.NamedNode) and q.subject.value.startswith(ns.ID) \
                and q.subject.value not in typed:
            new.setdefault(q.subject.value, q.object.value)
    proposed = sorted((Choice(e, label(e), t) for e, t in new.items()), key=lambda c: (c.label.lower(), c.iri))
    types: dict[str, set[str]] = {}
    for q in [*entity_quads, *extra]:
        if q.predicate.value == A and isinstance(q.subject, ox.NamedNode) and isinstance(q.object, ox.NamedNode):
            types.setdefault(q.subject.value, set()).add(q.object.value)
    ancestors = class_ancestors(onto)
    children: dict[str, list[str]] = {}
    for c, ups in sorted(parents.items()):
        for up in ups:
            children.setdefault(up, []).append(c)
    own = {q.subject.value: q.object.value for q in onto if q.predicate.value == ns.CD + "iriSegment"
           and isinstance(q.object, ox.Literal)}
    # a class without its own segment names its entities as the nearest class above it that has one (a city: place)
    segments = {c: own.get(c) or next((own[a] for a in sorted(ancestors.get(c, ()), key=lambda a: (
        -len(ancestors.get(a, ())), a)) if a in own), "") for c in classes}
    return Terms(statuses, reviews, kinds, domains, entities, proposed, labels, types,
                 shape_fields(project, onto), ancestors, children, {c: g for c, g in segments.items() if g},
                 identified_by(onto))


SH = "http://www.w3.org/ns/shacl#"


def shape_messages(project: Project, lang: str) -> dict[str, str]:
    """The shapes' messages in the page's language: each English sh:message (the build's words, untagged or @en)
    with the one in ``lang`` its shape gives beside it (sh:message "…"@fr), where it gives one."""
    if not project.shapes.is_file():
        return {}
    said: dict[object, dict[str | None, str]] = {}
    for q in parse_file(project.shapes):
        if q.predicate.value == SH + "message" and isinstance(q.object, ox.Literal):
            said.setdefault(q.subject, {})[q.object.language] = q.object.value
    return {m.get("en", m.get(None)): m[lang] for m in said.values()
            if lang in m and m.get("en", m.get(None)) is not None}


def shape_fields(project: Project, onto: list[ox.Quad]) -> dict[str, list[dict]]:
    """For each class a shape targets, the simple properties it describes (an IRI path): what the page lets a
    reviewer add to a claim, required ones (sh:minCount) first. Ranges: sh:class, else the ontology's."""
    if not project.shapes.is_file():
        return {}
    quads = parse_file(project.shapes)
    by_subject: dict[object, list[ox.Quad]] = {}
    for q in quads:
        by_subject.setdefault(q.subject, []).append(q)
    ranges = {q.subject.value: q.object.value for q in onto if q.predicate.value == ns.RDFS + "range"
              and q.object.value.startswith(ns.CD)}
    out: dict[str, list[dict]] = {}
    for qs in by_subject.values():
        targets = [q.object.value for q in qs if q.predicate.value == SH + "targetClass"]
        if not targets:
            continue
        for prop in (q.object for q in qs if q.predicate.value == SH + "property"):
            values = {q.predicate.value: q.object for q in by_subject.get(prop, [])}
            path = values.get(SH + "path")
            if not isinstance(path, ox.NamedNode) or not path.value.startswith(ns.CD):
                continue
            # sh:class or sh:datatype, or the alternatives of an sh:or ([sh:class A] [sh:class B])
            options = [values] + [{q.predicate.value: q.object for q in by_subject.get(alt, [])}
                                  for alt in _rdf_list(by_subject, values.get(SH + "or"))]
            classes = [o[SH + "class"].value for o in options if SH + "class" in o]
            dtypes = [o[SH + "datatype"].value for o in options if SH + "datatype" in o]
            classes = classes or ([ranges[path.value]] if path.value in ranges else [])
            minimum = values.get(SH + "minCount")
            f = {"p": path.value, "range": classes[0] if classes else "", "ranges": classes,
                 "datatype": dtypes[0] if dtypes else "", "datatypes": dtypes,
                 "required": minimum is not None and int(minimum.value) > 0}
            if not f["range"] and not f["datatype"]:
                continue
            for t in targets:
                out.setdefault(t, []).append(f)
        # "one of these is required" (a tenure says when it is true: an event, a source or a start date): each
        # alternative is a field, marked with the others of its group
        for head in (q.object for q in qs if q.predicate.value == SH + "or"):
            group = []
            for alt in _rdf_list(by_subject, head):
                values = {q.predicate.value: q.object for q in by_subject.get(alt, [])}
                path, minimum = values.get(SH + "path"), values.get(SH + "minCount")
                if isinstance(path, ox.NamedNode) and minimum is not None and int(minimum.value) > 0:
                    group.append(path.value)
            if len(group) < 2:
                continue
            for t in targets:
                have = {f["p"]: f for f in out.get(t, [])}
                for p in group:
                    if p not in have:
                        rng = ranges.get(p, "")
                        have[p] = {"p": p, "range": rng, "ranges": [rng] if rng else [], "datatype": "",
                                   "required": False}
                        out.setdefault(t, []).append(have[p])
                    have[p]["oneOf"] = group
    return out


def _rdf_list(by_subject: dict, head) -> list:
    """The members of an RDF list (rdf:first / rdf:rest), from its head node."""
    out, seen = [], set()
    while head is not None and head not in seen and not (isinstance(head, ox.NamedNode) and head.value == NIL):
        seen.add(head)
        values = {q.predicate.value: q.object for q in by_subject.get(head, [])}
        if ns.RDF + "first" in values:
            out.append(values[ns.RDF + "first"])
        head = values.get(ns.RDF + "rest")
    return out


NIL = ns.RDF + "nil"


# --------------------------------------------------------------------------------------------------
# The article and its candidates


@dataclass
class Article:
    id: str
    folder: Path
    text_path: Path
    lang: str
    text: str
    title: str

    @property
    def claims_path(self) -> Path:
        return self.folder / "claims.trig"

    @property
    def claim_space(self) -> str:
        return f"{ns.CLAIM}{self.id}/"


def find_article(project: Project, ref: str) -> Article:
    """An article by its id (the folder name under data/articles/) or the path of its folder."""
    folder = project.data / "articles" / ref
    if not folder.is_dir() and Path(ref).is_dir():
        folder = Path(ref)
    if not folder.is_dir():
        known = sorted(p.name for p in (project.data / "articles").glob("[!.]*") if p.is_dir())
        raise _problem(f"no article {ref!r} (known: {', '.join(known) or 'none'})", project.data / "articles",
                       EXIT_SYNTAX)
    texts = sorted(folder.glob("*.txt"))
    if len(texts) != 1:
        raise _problem(f"an article folder needs exactly one .txt file (the text), found {len(texts)}", folder)
    if not (folder / "claims.trig").is_file():
        raise _problem("an article folder needs claims.trig", folder)
    try:
        text = texts[0].read_bytes().decode("utf-8")
    except UnicodeDecodeError as e:
        raise _problem(f"the text is not UTF-8 (byte {e.start})", texts[0]) from None
    parts = texts[0].name.split(".")
    lang = parts[-2] if len(parts) >= 3 else "en"
    title = folder.name
    meta = folder / "article.ttl"
    if meta.is_file():
        titles = [q.object for q in parse_file(meta) if q.predicate.value == ns.DCTERMS + "title"
                  and isinstance(q.object, ox.Literal)]
        title = _pick_label(titles, lang) or title
    return Article(folder.name, folder, texts[0], lang, text, title)


@dataclass
class Candidate:
    id: str
    iri: str
    review: str  # accepted | pending | rejected | unreviewed
    reviewed_by: str | None
    reviewed_at: str | None
    confidence: Decimal | None
    rules: list[str]
    evidence: list[str]
    according_to: list[str]
    comments: list[str]
    generated_by: list[str]
    subject: str | None  # the thing the claim is mainly about: its first typed subject
    kind: str | None
    status: str | None
    parties: list[str]
    domains: list[str]
    triples: list[tuple[str, str, ox.NamedNode | ox.Literal | ox.BlankNode]]


def _names(message: str, iri: str) -> bool:
    """Whether a problem's message names this IRI (in full or by its prefixed name), not a longer one."""
    return any(re.search(rf"(?<![\w:/-]){re.escape(form)}(?![\w/-])", message) for form in {iri, ns.shorten(iri)})


def _mentioned(c: Candidate) -> set[str]:
    """The project's IRIs a claim states something about or points at."""
    names = {o.value for _, _, o in c.triples if isinstance(o, ox.NamedNode)} | {s for s, _, _ in c.triples}
    return {n for n in names if n.startswith((ns.ID, ns.DOC))}


def _claim_id(iri: str, article: Article) -> str:
    return iri[len(article.claim_space):] if iri.startswith(article.claim_space) else ns.shorten(iri)


def _main_subject(graph: list[ox.Quad]) -> str | None:
    """The first typed subject nothing else in the claim points at: the tenure, not the new office it holds."""
    pointed = {q.object.value for q in graph if isinstance(q.object, ox.NamedNode) and q.predicate.value != A}
    typed = [q.subject.value for q in graph if q.predicate.value == A and isinstance(q.subject, ox.NamedNode)
             and q.object.value.startswith(ns.CD)]
    for subject in [s for s in typed if s not in pointed] + typed:
        return subject
    return graph[0].subject.value if graph and isinstance(graph[0].subject, ox.NamedNode) else None


def candidates(doc: ClaimsFile, article: Article, terms: Terms) -> list[Candidate]:
    by_status = {c.iri: name for name, c in terms.reviews.items()}
    found = []
    graphs, annotations = doc.index()
    for g, graph in graphs.items():
        about = annotations.get(g, [])

        def values(pred: str, _about: list[ox.Quad] = about) -> list[ox.NamedNode | ox.Literal]:
            return [q.object for q in _about if q.predicate.value == pred]

        review = [v.value for v in values(REVIEW_STATUS)]
        confidence = None
        for v in values(CONFIDENCE):
            try:
                confidence = Decimal(v.value)
            except InvalidOperation:
                confidence = None
            if confidence is None or not confidence.is_finite():  # NaN cannot be compared with a threshold
                raise ReviewError(Problem(f"{ns.shorten(g)}: cd:confidence {v.value!r} is not a number",
                                          doc.path, line_of_subject(doc.path, g, v.value)), EXIT_INVALID)
        subject = _main_subject(graph)
        own = [q for q in graph if q.subject.value == subject]
        kinds = [q.object.value for q in own if q.predicate.value == A]
        statuses = [q.object.value for q in own if q.predicate.value == STATUS]
        found.append(Candidate(
            id=_claim_id(g, article), iri=g,
            review=by_status.get(review[0], review[0]) if review else UNREVIEWED,
            reviewed_by=next((v.value for v in values(REVIEWED_BY)), None),
            reviewed_at=next((v.value for v in values(REVIEWED_AT)), None),
            confidence=confidence,
            rules=[v.value for v in values(RULE)],
            evidence=[v.value for v in values(EVIDENCE)],
            according_to=[v.value for v in values(ACCORDING_TO) + values(ns.PROV + "wasAttributedTo")],
            comments=[v.value for v in values(COMMENT)],
            generated_by=[v.value for v in values(GENERATED_BY)],
            subject=subject, kind=kinds[0] if kinds else None, status=statuses[0] if statuses else None,
            parties=[q.object.value for q in own if q.predicate.value == PARTY],
            domains=[q.object.value for q in own if q.predicate.value == DOMAIN],
            triples=[(q.subject.value, q.predicate.value, q.object) for q in graph],
        ))
    return found


def _resolve_ids(ids: Sequence[str], cands: list[Candidate], article: Article, dedupe: bool = True) -> list[Candidate]:
    """Candidates by ID (``official-visit``, ``claim:official-visit`` or the full IRI); all unknown IDs reported."""
    by_key: dict[str, Candidate] = {}
    for c in cands:
        by_key[c.id] = by_key[c.iri] = by_key[f"claim:{c.id}"] = by_key[ns.shorten(c.iri)] = c
    unknown = [i for i in ids if i not in by_key]
    if unknown:
        known = ", ".join(c.id for c in cands) or "none"
        raise _problem(f"unknown claim ID(s) {', '.join(unknown)} in {article.id} (known: {known}); "
                       "nothing was changed", article.claims_path, EXIT_SYNTAX)
    found = [by_key[i] for i in ids]
    return list({c.iri: c for c in found}.values()) if dedupe else found


# --------------------------------------------------------------------------------------------------
# Decisions and corrections: each reads the file afresh, changes it, and writes it back at once


def reviewer_name(given: str | None = None) -> str:
    """Who decides: --reviewer, else git's user.name, else $USER."""
    if given and given.strip():
        return given.strip()
    try:
        name = subprocess.run(["git", "config", "user.name"], capture_output=True, text=True, timeout=5,
                              check=False).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        name = ""
    name = name or os.environ.get("USER", "").strip()
    if not name:
        raise _problem("who is reviewing? give --reviewer NAME (no git user.name and no $USER)", code=EXIT_SYNTAX)
    return name


def now() -> str:
    return dt.datetime.now(dt.timezone.utc).replace(microsecond=0).strftime("%Y-%m-%dT%H:%M:%SZ")


class Session:
    """One article under review; what a notebook, the command line and the page call.

    Every method re-reads the claims file, so that several tools (or two tabs) never undo each other's
    decisions, and writes it back before it returns.
    """

    def __init__(self, project: Project, article: str, reviewer: str | None = None, ui: str | None = None) -> None:
        self.project = project
        self.article = find_article(project, article)
        self.reviewer = reviewer_name(reviewer)
        if ui is not None and ui not in UI_LANGS:
            raise _problem(f"--ui {ui!r}: the page speaks {' or '.join(UI_LANGS)}", code=EXIT_SYNTAX)
        self.ui = ui or (self.article.lang if self.article.lang in UI_LANGS else "en")
        self._lock = threading.Lock()
        recover_locked(self.project)  # a merge a killed run left half-written: finished before anything is read
        self.terms = self._terms()
        self.held_back: dict[str, str] = {}  # claim IRI -> why the last accept_all left it undecided
        self.undo_stack: list[tuple[str, dict[Path, bytes | None], dict[Path, bytes]]] = []  # what, before, after

    @contextlib.contextmanager
    def _locked(self) -> Iterator[None]:
        """One writer at a time: threads of this page, and other processes (kg review --accept…) too. The
        project's review lock comes first (merges of two articles share merges.ttl), then the article's; a
        merge a killed run left half-written is finished before anything else is read."""
        with self._lock, article_lock(self.project, self.article.folder):
            yield

    def _write(self, doc: ClaimsFile, extra: dict[Path, bytes] | None = None, what: str = "") -> None:
        """Write the claims (and the other files of a merge) as one change, remembered for undo."""
        files = {doc.path: checked_text(doc), **(extra or {})}
        before = {p: p.read_bytes() if p.is_file() else None for p in files}
        journaled_write(self.project, files)
        self.undo_stack.append((what, before, files))
        del self.undo_stack[:-20]

    def undo(self) -> str:
        """Put back the files as they were before this session's last change, if nothing changed them since."""
        with self._locked():
            if not self.undo_stack:
                raise _problem("nothing to undo in this session", code=EXIT_SYNTAX)
            what, before, after = self.undo_stack[-1]
            moved = [p for p, data in after.items() if not p.is_file() or p.read_bytes() != data]
            if moved:
                raise _problem(f"cannot undo {what or 'the last change'}: {moved[0].name} changed since",
                               moved[0], EXIT_SYNTAX)
            for p in [p for p, data in before.items() if data is None]:
                p.unlink()  # a merges.ttl the undone merge created: first, so a kill leaves no redirect alone
            journaled_write(self.project, {p: data for p, data in before.items() if data is not None})
            self.undo_stack.pop()
            self.terms = self._terms()
            return what

    def _terms(self) -> Terms:
        return load_terms(self.project, self.ui, read_claims(self.article.claims_path).quads)

    def read(self) -> tuple[ClaimsFile, list[Candidate]]:
        doc = read_claims(self.article.claims_path)
        return doc, candidates(doc, self.article, self.terms)

    def list(self) -> list[Candidate]:
        return self.read()[1]

    # decisions ------------------------------------------------------------------------------------

    def decide(self, ids: Sequence[str], decision: str, when: str | None = None) -> list[Candidate]:
        """Accept, reject (or send back to pending) the claims with these IDs; unknown IDs change nothing."""
        return self.decide_many({i: decision for i in ids} if ids else {}, when)

    def decide_many(self, decisions: dict[str, str], when: str | None = None) -> list[Candidate]:
        """Several decisions in one write: all IDs are checked before anything changes."""
        wrong = sorted({d for d in decisions.values() if d not in DECISIONS})
        if wrong:
            raise _problem(f"unknown decision {', '.join(map(repr, wrong))} (one of {', '.join(DECISIONS)})",
                           code=EXIT_SYNTAX)
        if not decisions:
            raise _problem("no claim ID given", code=EXIT_SYNTAX)
        with self._locked():
            doc, cands = self.read()
            chosen = _resolve_ids(list(decisions), cands, self.article)  # refuses unknown IDs, all named
            by_iri: dict[str, set[str]] = {}
            for key, c in zip(decisions, _resolve_ids(list(decisions), cands, self.article, dedupe=False),
                              strict=True):
                by_iri.setdefault(c.iri, set()).add(decisions[key])
            both = [ns.shorten(i) for i, ds in by_iri.items() if len(ds) > 1]
            if both:
                raise _problem(f"contradictory decisions for {', '.join(both)}; nothing was changed", code=EXIT_SYNTAX)
            self._set_reviews(doc, {c.iri: next(iter(by_iri[c.iri])) for c in chosen}, when or now())
            self._write(doc, what=", ".join(f"{c.id}: {next(iter(by_iri[c.iri]))}" for c in chosen))
            return [x for x in candidates(doc, self.article, self.terms) if x.iri in by_iri]

    def accept_all(self, min_confidence: Decimal | None = None, when: str | None = None) -> list[Candidate]:
        """Accept every undecided claim whose confidence reaches the threshold (all pending ones without one),
        except those the build would refuse: see ``held_back``, set by each call."""
        stamp = when or now()
        with self._locked():
            doc, cands = self.read()
            if min_confidence is None:
                chosen = [c for c in cands if c.review == "pending"]
            else:
                chosen = [c for c in cands if c.review in ("pending", UNREVIEWED)
                          and c.confidence is not None and c.confidence >= min_confidence]
            self.held_back, left = self._unbuildable(doc, chosen, stamp)
            if left:  # the build would leave the article out all the same: say why and how to fix it, first
                raise ReviewError([Problem(
                    f"nothing was accepted: even with these claims accepted, kg build would leave {self.article.id} "
                    f"out, for {len(left)} problem(s) no claim to accept causes; fix them, then accept again",
                    self.article.claims_path)] + [Problem(f"{p.message} — fix: {self._fix(p, cands)}", p.path, p.line)
                                                  for p in left], EXIT_INVALID)
            chosen = [c for c in chosen if c.iri not in self.held_back]
            self._set_reviews(doc, {c.iri: "accepted" for c in chosen}, stamp)
            if chosen:
                self._write(doc, what=f"{len(chosen)} accepted")
        return chosen

    def _unbuildable(self, doc: ClaimsFile, chosen: list[Candidate], stamp: str
                     ) -> tuple[dict[str, str], list[Problem]]:
        """Of the claims about to be accepted, those the build would quarantine the article for, each with the
        first problem that names something it states: an accepted claim pointing at an entity whose own claim
        stays pending (unlabelled, untyped), or one the shapes refuse (an office in no state). The article is
        validated as kg build does, in a temporary copy with the claims accepted, until what is left passes;
        what is still left then (the article's metadata, a claim accepted before) is returned beside."""
        import dataclasses

        if not chosen:
            return {}, []
        check = self._checker()
        held: dict[str, str] = {}
        remaining = list(chosen)
        problems: list[Problem] = []
        while remaining:
            trial = dataclasses.replace(doc, quads=list(doc.quads))
            self._set_reviews(trial, {c.iri: "accepted" for c in remaining}, stamp)
            found = check(trial)
            if found is None:
                return held, []  # the shared inputs are broken: every build fails on them, whatever is accepted
            problems = found
            blamed = {}
            for c in remaining:
                names = _mentioned(c)
                why = next((p.message for p in problems if any(_names(p.message, n) for n in names)), None)
                if why:
                    blamed[c.iri] = why
            if not blamed:
                break
            held.update(blamed)
            remaining = [c for c in remaining if c.iri not in blamed]
            problems = []
        return held, problems

    def _publisher(self) -> str | None:
        """The article's publisher (article.ttl), when it has one."""
        meta = self.article.folder / "article.ttl"
        found = [q.object.value for q in parse_file(meta) if q.subject.value == ns.document(self.article.id)
                 and q.predicate.value == ns.DCTERMS + "publisher" and isinstance(q.object, ox.NamedNode)] \
            if meta.is_file() else []
        return found[0] if len(found) == 1 else None

    def name_publisher(self, name: str) -> str:
        """Name the article's publisher when the graph does not describe it (kg ingest was given its IRI, not its
        name): a claim declaring it a media organisation with that name, accepted by this reviewer, as
        ``kg ingest --publisher "Name"`` would have proposed it. Returns the claim's ID."""
        name = " ".join(str(name).split())
        publisher = self._publisher()
        kind = ns.CD + "MediaOrganization"
        if not name:
            raise _problem("the publisher's name is empty", code=EXIT_SYNTAX)
        if publisher is None:
            raise _problem("the article names no one publisher (dcterms:publisher)", self.article.folder /
                           "article.ttl")
        self._check(kind, self.terms.kinds, "kind (class)")  # the ontology's own class, not restated here
        if publisher in {ch.iri for ch in self.terms.entities}:
            raise _problem(f"{ns.shorten(publisher)} is described already ({self.terms.label(publisher)})",
                           code=EXIT_SYNTAX)
        with self._locked():
            doc, cands = self.read()
            if described := next((c.id for c in cands if (publisher, A) in {(x, p) for x, p, _ in c.triples}), None):
                raise _problem(f"the claim {described} describes {ns.shorten(publisher)}: accept it", code=EXIT_SYNTAX)
            text = self.article.text
            quote = name if text.count(name) == 1 else next(
                (line.strip() for line in text.splitlines() if line.strip()), "")  # else the headline it published
            if not quote or text.count(quote) != 1:
                raise _problem("the article's text gives neither the name nor a headline to quote", code=EXIT_SYNTAX)
            activity = next((q.object for q in doc.quads if q.predicate.value == GENERATED_BY
                             and isinstance(q.graph_name, ox.DefaultGraph)), None)
            if activity is None:
                raise _problem("no activity in the claims file to say how the claim was made", doc.path)
            taken = {c.id for c in cands}
            base = f"entity-organization-{publisher.rstrip('/').rsplit('/', 1)[-1]}"
            claim_id = next(x for x in (base, *(f"{base}-{n}" for n in range(2, 1000))) if x not in taken)
            g, org = ox.NamedNode(self.article.claim_space + claim_id), ox.NamedNode(publisher)
            doc.quads += [
                ox.Quad(org, ox.NamedNode(A), ox.NamedNode(kind), g),
                ox.Quad(org, ox.NamedNode(LABEL), ox.Literal(name, language=self.article.lang), g),
                ox.Quad(g, ox.NamedNode(EVIDENCE), ox.Literal(quote)),
                ox.Quad(g, ox.NamedNode(COMMENT), ox.Literal("the article's publisher, named on the review page",
                                                             language="en")),
                ox.Quad(g, ox.NamedNode(GENERATED_BY), activity)]
            self._set_reviews(doc, {g.value: "accepted"}, now())
            self._write(doc, what=f"{claim_id}: accepted")
            self.terms = self._terms()
            return claim_id

    def _fix(self, p: Problem, cands: list[Candidate], lang: str = "en") -> str:
        """What a person does about a problem that stops publication, in a few words (kg/templates/
        review.strings.json)."""
        words = ui_strings(lang)
        waiting = [c.id for c in cands if c.review not in ("accepted", "rejected")  # a rejection is a decision
                   and any(_names(p.message, x) for x, pred, _ in c.triples if pred == A)]
        meta = self.article.folder / "article.ttl"
        where = str(meta.relative_to(self.project.root) if meta.is_relative_to(self.project.root) else meta)
        publishers = [q.object.value for q in parse_file(meta) if q.predicate.value == ns.DCTERMS + "publisher"] \
            if meta.is_file() else []
        named = next((c.id for c in sorted(cands, key=lambda c: c.review != "accepted")  # the accepted one first
                      if any(_names(p.message, n) for n in _mentioned(c))), None)
        if waiting:
            key = "fixAccept"
        elif any(_names(p.message, x) for x in publishers) or "publisher" in p.message:
            key = "fixPublisher"
        elif p.path is not None and Path(p.path).name == "article.ttl":
            key, where = "fixArticle", where + (f":{p.line}" if p.line else "")
        else:
            key = "fixClaim" if named else "fixBuild"
        return str(words[key]).format(claim=(waiting or [named])[0], article=self.article.id, file=where,
                                      publisher=ns.shorten(publishers[0]) if publishers else "?")

    def _checker(self):
        """A function that validates a version of this article's claims exactly as kg build does and returns the
        problems the build would quarantine the article for (its metadata, a twin article, its claims' shapes
        and checks, with what the other articles say of the things it re-uses); None when the shared inputs are
        broken (every build fails on them). The build runs on the project with this article's folder replaced by
        a temporary copy (the rest linked, not copied) and the project's own build cache, so an unchanged
        article costs a cache read."""
        import shutil
        import tempfile

        from kg.build import article_folders
        from kg.build.validate import validate_corpus

        project, mine = self.project, self.article.folder

        def check(doc: ClaimsFile | None, extra: dict[Path, bytes] | None = None) -> list[Problem] | None:
            """``doc``: the claims to check (None: the file as it is); ``extra``: other files of data/ as a change
            would write them (a merge's merges.ttl)."""
            with tempfile.TemporaryDirectory(prefix="kg-review-") as tmp:
                root = Path(tmp)
                for name in ("ontology", "queries"):
                    if (project.root / name).exists():
                        (root / name).symlink_to((project.root / name).resolve())
                articles = root / "data" / "articles"
                articles.mkdir(parents=True)
                changed = {path.resolve().relative_to(project.data.resolve()): data
                           for path, data in (extra or {}).items()}
                for child in project.data.iterdir():
                    if child.name == "articles":
                        continue
                    if not any(rel.parts[0] == child.name for rel in changed):
                        (root / "data" / child.name).symlink_to(child.resolve())
                        continue
                    (root / "data" / child.name).mkdir()  # a folder a change writes in: its files linked one by one
                    for inner in child.iterdir():
                        (root / "data" / child.name / inner.name).symlink_to(inner.resolve())
                for rel, data in changed.items():
                    target = root / "data" / rel
                    target.unlink(missing_ok=True)
                    target.write_bytes(data)
                for folder in article_folders(project):
                    if folder.name != mine.name:
                        (articles / folder.name).symlink_to(folder.resolve())
                trial = articles / mine.name
                shutil.copytree(mine, trial, ignore=shutil.ignore_patterns(".*"))
                if doc is not None:
                    (trial / "claims.trig").write_bytes(checked_text(doc))
                try:
                    corpus = validate_corpus(Project(root, build_dir=project.build), jobs=1, keep_keys=False)
                except KgError:
                    return None
                if corpus.shared:
                    return None

                def here(path: Path | str | None) -> Path | str | None:  # the temporary copy's paths, made real
                    if path is None or not Path(path).is_relative_to(root):
                        return path
                    rel = Path(path).relative_to(root)
                    return project.root / rel
                return [Problem(p.message, here(p.path), p.line, p.column) for p in corpus.quarantined.get(trial, [])]

        return check

    def blockers(self) -> list[dict]:
        """What stops the article from being published as it is: every problem kg build would quarantine it for,
        in the build's words, with the accepted claim it names if one does, the waiting claims whose acceptance
        would fix it, and where the problem is (file and line) when it is outside the claims."""
        cands = self.list()
        problems = self._checker()(None)
        if problems is None:
            return [{"claim": None, "message": "the shared inputs (ontology, entities, merges) do not build; "
                                               "run kg build for the details", "accept": []}]
        # the article's publisher, when neither the graph nor a claim describes it: the page can name it
        unnamed = self._publisher()
        if unnamed in {ch.iri for ch in self.terms.entities} or any(
                (unnamed, A) in {(x, pred) for x, pred, _ in c.triples} for c in cands):
            unnamed = None
        out = []
        for p in problems:
            claim = next((c.id for c in cands if c.review == "accepted" and any(
                _names(p.message, n) for n in _mentioned(c))), None)
            # an accepted claim pointing at a thing whose own claim waits: accepting that claim is the fix
            # (never a rejected one: the reviewer said no; the fix is then in the accepted claim)
            waiting = [c.id for c in cands if c.review not in ("accepted", "rejected") and c.id != claim
                       and any(_names(p.message, x) for x, pred, _ in c.triples if pred == A)]
            where = None
            if p.path is not None and Path(p.path).name != "claims.trig":
                rel = Path(p.path).relative_to(self.project.root) if Path(p.path).is_relative_to(
                    self.project.root) else Path(p.path)
                where = f"{rel}:{p.line}" if p.line else str(rel)
            about_publisher = unnamed is not None and (_names(p.message, unnamed) or "publisher" in p.message)
            out.append({"claim": claim, "message": p.message, "plain": self._plain(p.message, cands),
                        "accept": waiting[:3], "where": where,
                        "fix": self._fix(p, cands, self.ui), "publisher": unnamed if about_publisher else None})
        return out

    _NAME = re.compile(r"(?<![\w/#:<-])([A-Za-z][\w-]*):((?:[\w][\w.-]*)?\w)(?![\w/-]|:\S)")

    def _labelled(self, text: str) -> str:
        """A message or a note with the prefixed names of what the ontology and the data name replaced by their
        labels (« Cambodge », « signé lors de »): words a person reads, not identifiers."""
        def name(m: re.Match) -> str:
            space = ns.PREFIXES.get(m.group(1))
            iri = space + m.group(2) if space else None
            return f"« {self.terms.labels[iri]} »" if iri in self.terms.labels else m.group(0)
        return self._NAME.sub(name, text)

    def _plain(self, message: str, cands: list[Candidate]) -> str:
        """A problem of the build said for a person who knows the subject: a thing no accepted claim describes is
        said so; otherwise the build's message with names for identifiers and without the shape's name."""
        accepted = {x for c in cands if c.review == "accepted" for x, p, _ in c.triples if p == A}
        known = {ch.iri for ch in self.terms.entities} | accepted
        for c in cands:
            for x in {x for x, p, _ in c.triples if p == A} - known:
                if _names(message, x):  # a rejected claim is never the fix: say so, with its undo
                    key = "notDescribedRejected" if c.review == "rejected" else "notDescribed"
                    return str(ui_strings(self.ui)[key]).format(name=self.terms.label(x),
                                                                           review=self.terms.reviews[
                                                                               c.review].label
                                                                           if c.review in self.terms.reviews
                                                                           else c.review)
        return self._labelled(re.sub(r"^shape \S+: ", "", self._in_ui(message)))

    @functools.cached_property
    def _ui_messages(self) -> dict[str, str]:
        """The shapes' messages in the page's language, read once a session (not once a blocker)."""
        return shape_messages(self.project, self.ui)

    def _in_ui(self, message: str) -> str:
        """A problem of the build with its shape's message in the page's language (the build says it in English)."""
        for english, said in self._ui_messages.items():
            if english != said and message.endswith(": " + english):
                return message[: -len(english)] + said
        return message

    def _set_review(self, doc: ClaimsFile, claim: str, decision: str, stamp: str) -> None:
        self._set_reviews(doc, {claim: decision}, stamp)

    def _set_reviews(self, doc: ClaimsFile, decisions: dict[str, str], stamp: str) -> None:
        """New review annotations, in one pass over the file: where each claim's old review status was, or
        after the claim's other annotations (or at the end if it has none)."""
        review_preds = {REVIEW_STATUS, REVIEWED_BY, REVIEWED_AT}

        def new(claim: str) -> list[ox.Quad]:
            g, decision = ox.NamedNode(claim), decisions[claim]
            quads = [ox.Quad(g, ox.NamedNode(REVIEW_STATUS), ox.NamedNode(self.terms.reviews[decision].iri))]
            if decision != "pending":
                quads += [ox.Quad(g, ox.NamedNode(REVIEWED_BY), ox.Literal(self.reviewer)),
                          ox.Quad(g, ox.NamedNode(REVIEWED_AT),
                                  ox.Literal(stamp, datatype=ox.NamedNode(ns.XSD + "dateTime")))]
            return quads

        def targeted(q: ox.Quad) -> bool:
            return isinstance(q.graph_name, ox.DefaultGraph) and q.subject.value in decisions

        anchor: dict[str, int] = {}  # claim -> index after which (or at which) the new annotations go
        for i, q in enumerate(doc.quads):
            if targeted(q):
                c = q.subject.value
                has_status = c in anchor and doc.quads[anchor[c]].predicate.value == REVIEW_STATUS
                if q.predicate.value == REVIEW_STATUS or (q.predicate.value not in review_preds and not has_status):
                    anchor[c] = i
        at = {i: c for c, i in anchor.items()}
        out: list[ox.Quad] = []
        for i, q in enumerate(doc.quads):
            c = at.get(i)
            if c is not None and q.predicate.value == REVIEW_STATUS:
                out += new(c)
                continue
            if not (targeted(q) and q.predicate.value in review_preds):
                out.append(q)
            if c is not None:
                out += new(c)
        out += [q for c in decisions if c not in anchor for q in new(c)]
        doc.quads = out

    # corrections ------------------------------------------------------------------------------------

    def correct(self, claim_id: str, change: dict) -> Candidate:
        """Apply one correction to a claim. ``change`` is one of:

        ``{"set": "status"|"kind", "value": IRI}``, ``{"set": "parties"|"domains", "values": [IRI…]}``,
        ``{"link": [subject, predicate, old object], "value": new IRI or "" to remove it}``,
        ``{"merge": proposed IRI, "into": existing entity IRI}``,
        ``{"literal": [subject, predicate, old lexical form], "value": new lexical form}`` (same datatype or
        language; with ``"remove": true`` the value is removed),
        ``{"add": [subject, predicate], "value": IRI or lexical form, "datatype": IRI (a literal)}``,
        ``{"evidence": old quote, "value": new quote}`` (the words the claim rests on: refused unless found exactly
        once in the article's text, as the build requires).
        A decided claim keeps its decision, now signed by this reviewer at this time. A merge is refused if
        the build would find a problem in the article that it does not find now.
        """
        with self._locked():
            doc, cands = self.read()
            (c,) = _resolve_ids([claim_id], cands, self.article)
            what = next((k for k in ("set", "link", "merge", "literal", "add", "evidence") if k in change), "change")
            if isinstance(change.get("new"), dict):  # a thing the graph does not have yet, named by the reviewer
                iri = self._declare(doc, c, change["new"])
                change = {**change, **({"values": [*change["values"], iri]} if "values" in change else {"value": iri})}
            try:
                if "merge" in change:
                    preview = self._preview_merge(doc, cands, c, change)
                    if preview["problems"]:
                        raise _problem("the build would refuse the article after this merge: "
                                       + "; ".join(preview["problems"]) + "; nothing was changed", code=EXIT_INVALID)
                extra = self._apply(doc, c, change)
                if c.review in ("accepted", "rejected"):
                    self._set_review(doc, c.iri, c.review, now())
                self._write(doc, extra, what=f"{c.id}: {change.get('set') or what}")
            finally:
                self.terms = self._terms()  # what the file now says (a new entity refused is forgotten)
            return next(x for x in candidates(doc, self.article, self.terms) if x.iri == c.iri)

    def _declare(self, doc: ClaimsFile, c: Candidate, new: dict) -> str:
        """A new entity declared in the claim (typed, named in the article's language), for a field that needs
        one the graph lacks: ``{"label": "Lituanie", "kind": cd:State}``. The pick-lists know it until the
        next reading of the file; the claim brings it to the graph once accepted."""
        t = self.terms
        name, kind = str(new.get("label", "")).strip(), str(new.get("kind", ""))
        self._check(kind, t.kinds, "kind (class)")
        slug = ns.slugify(name)
        if not slug or kind not in t.segments:
            raise _problem(f"cannot name a new {t.label(kind)} {name!r}", code=EXIT_SYNTAX)
        iri = ns.entity(t.segments[kind], slug)
        same = next((ch.iri for ch in [*t.entities, *t.proposed] if ns.slugify(ch.label) == slug
                     and compatible([kind], t.types.get(ch.iri, ()), t.ancestors)), None)
        iri = same or iri  # a name the graph has for a thing of this kind: that thing, chosen in the list
        if iri in {ch.iri for ch in [*t.entities, *t.proposed]}:
            raise _problem(f"{ns.shorten(iri)} exists already ({t.label(iri)}): choose it in the list",
                           code=EXIT_SYNTAX)
        g = ox.NamedNode(c.iri)
        doc.quads += [ox.Quad(ox.NamedNode(iri), ox.NamedNode(A), ox.NamedNode(kind), g),
                      ox.Quad(ox.NamedNode(iri), ox.NamedNode(LABEL), ox.Literal(name, language=self.article.lang), g)]
        t.proposed.append(Choice(iri, name, kind))
        t.types[iri] = {kind}
        return iri

    def _apply(self, doc: ClaimsFile, c: Candidate, change: dict) -> dict[Path, bytes]:
        if "set" in change:
            self._set(doc, c, change)
        elif "link" in change:
            self._relink(doc, c, change)
        elif "merge" in change:
            return self._merge(doc, c, change)
        elif "literal" in change:
            self._reword(doc, c, change)
        elif "add" in change:
            self._add(doc, c, change)
        elif "evidence" in change:
            self._requote(doc, c, change)
        else:
            raise _problem(f"unknown correction {json.dumps(change)[:200]}", code=EXIT_SYNTAX)
        return {}

    def preview(self, claim_id: str, change: dict) -> dict:
        """What a merge would change, and what the build would then refuse; nothing is written."""
        if "merge" not in change:
            raise _problem("only a merge has a preview", code=EXIT_SYNTAX)
        doc, cands = self.read()
        (c,) = _resolve_ids([claim_id], cands, self.article)
        return self._preview_merge(doc, cands, c, change)

    def _preview_merge(self, doc: ClaimsFile, cands: list[Candidate], c: Candidate, change: dict) -> dict:
        import dataclasses

        t = self.terms
        old, into = str(change.get("merge", "")), str(change.get("into", ""))
        trial = dataclasses.replace(doc, quads=list(doc.quads))
        try:
            extra = self._apply(trial, c, change)
        except ReviewError as e:
            return {"ok": False, "problems": [p.message for p in e.problems], "claims": [], "redirect": False}
        before_graphs, _ = doc.index()
        after_graphs, _ = trial.index()
        touched = [x.id for x in cands if before_graphs.get(x.iri) != after_graphs.get(x.iri)]
        problems: list[str] = []
        if extra:  # the new merges.ttl, read as the build reads it (no fork, no cycle)
            import tempfile

            from kg.build import read_merges

            with tempfile.TemporaryDirectory(prefix="kg-review-") as tmp:
                path = Path(tmp) / "merges.ttl"
                for data in extra.values():
                    path.write_bytes(data)
                try:
                    read_merges(path)
                except KgError as e:
                    problems += [p.message for p in e.problems]
        check = self._checker()
        before, after = check(None), check(trial, extra)
        if before is not None and after is not None:
            known = {p.message for p in before}
            problems += [p.message for p in after if p.message not in known]
        return {"ok": not problems, "problems": problems, "claims": touched, "redirect": bool(extra),
                "old": {"iri": old, "label": t.label(old)}, "into": {"iri": into, "label": t.label(into)}}

    def _literal(self, value: str, like: ox.Literal | None, datatype: str | None = None) -> ox.Literal:
        """A new literal with the old one's datatype or language; a date is checked as a real date."""
        value = str(value).strip()
        if not value:
            raise _problem("an empty value; remove the statement instead", code=EXIT_SYNTAX)
        if like is not None and like.language:
            return ox.Literal(value, language=like.language)
        dtype = like.datatype.value if like is not None else (datatype or XSD_STRING)
        if dtype == ns.XSD + "date":
            try:
                dt.date.fromisoformat(value)
            except ValueError:
                raise _problem(f"{value!r} is not a date (YYYY-MM-DD)", code=EXIT_SYNTAX) from None
        elif dtype == ns.XSD + "gYear" and not re.fullmatch(r"-?\d{4}", value):
            raise _problem(f"{value!r} is not a year", code=EXIT_SYNTAX)
        elif dtype == ns.XSD + "gYearMonth" and not re.fullmatch(r"\d{4}-(0[1-9]|1[0-2])", value):
            raise _problem(f"{value!r} is not a month (YYYY-MM)", code=EXIT_SYNTAX)
        return ox.Literal(value) if dtype == XSD_STRING else ox.Literal(value, datatype=ox.NamedNode(dtype))

    def _reword(self, doc: ClaimsFile, c: Candidate, change: dict) -> None:
        s, p, old = change["literal"]
        g = ox.NamedNode(c.iri)
        hit = [i for i, q in enumerate(doc.quads) if q.graph_name == g and q.subject.value == s
               and q.predicate.value == p and isinstance(q.object, ox.Literal) and q.object.value == old]
        if not hit:
            raise _problem(f"{c.id}: no value {old!r} of {ns.shorten(p)} to change", code=EXIT_SYNTAX)
        q = doc.quads[hit[0]]
        if change.get("remove") is True:  # a value the article does not give (a date that is another event's)
            del doc.quads[hit[0]]
            if not any(x.graph_name == g for x in doc.quads):
                raise _problem(f"{c.id}: removing its last statement would leave an empty claim; reject it instead",
                               code=EXIT_SYNTAX)
            return
        field_ = next((f for f in self._fields_of(s, c) if f["p"] == p), {})
        value = str(change.get("value", ""))
        if len(field_.get("datatypes", [])) > 1 and not q.object.language:  # a date, a month or a year: as written
            new = self._literal(value, None, _date_type(value, field_["datatypes"]))
        else:
            new = self._literal(value, q.object)
        doc.quads[hit[0]] = ox.Quad(q.subject, q.predicate, new, g)
        doc.quads = list(dict.fromkeys(doc.quads))

    def _requote(self, doc: ClaimsFile, c: Candidate, change: dict) -> None:
        """The words a claim rests on, corrected: the new quote must occur exactly once in the article's text (the
        build's own check, kg.provenance.locate), else nothing changes and the reason is given."""
        from kg.provenance import QuoteAmbiguous, QuoteNotFound, locate

        old, new = str(change["evidence"]), str(change.get("value", "")).strip()
        g = ox.NamedNode(c.iri)
        hit = [i for i, q in enumerate(doc.quads) if isinstance(q.graph_name, ox.DefaultGraph) and q.subject == g
               and q.predicate.value == EVIDENCE and isinstance(q.object, ox.Literal) and q.object.value == old]
        if not hit:
            raise _problem(f"{c.id}: no quote {old!r} to correct", code=EXIT_SYNTAX)
        try:
            locate(self.article.text, new)
        except (QuoteNotFound, QuoteAmbiguous) as e:
            raise _problem(f"{c.id}: the words {new[:80]!r} cannot be the claim's quote: {e} "
                           f"(in {self.article.text_path.name}); nothing was changed", code=EXIT_SYNTAX) from None
        if new in (x for x in c.evidence if x != old):
            raise _problem(f"{c.id}: the claim rests on these words already", code=EXIT_SYNTAX)
        q = doc.quads[hit[0]]
        doc.quads[hit[0]] = ox.Quad(q.subject, q.predicate, ox.Literal(new, language=q.object.language)
                                    if q.object.language else ox.Literal(new), q.graph_name)

    def _add(self, doc: ClaimsFile, c: Candidate, change: dict) -> None:
        """A statement the claim lacks (an office's state), about one of the claim's own subjects, with a
        property the shapes or the ontology give that subject's kind."""
        s, p = change["add"]
        g = ox.NamedNode(c.iri)
        subjects = {x for x, _, _ in c.triples}
        if s not in subjects:
            raise _problem(f"{c.id}: {ns.shorten(s)} is not described in this claim", code=EXIT_SYNTAX)
        allowed = {f["p"]: f for f in self._fields_of(s, c)}
        if p not in allowed:
            raise _problem(f"{c.id}: {ns.shorten(p)} is not a property of {ns.shorten(s)}'s kind", code=EXIT_SYNTAX)
        field_ = allowed[p]
        if field_["datatype"]:
            value = str(change.get("value", ""))
            dtype = _date_type(value, field_["datatypes"]) if len(field_.get("datatypes", [])) > 1 \
                else field_["datatype"]
            obj: ox.NamedNode | ox.Literal = self._literal(value, None, dtype)
        else:
            obj = self._check(str(change.get("value", "")), self.terms.entities + self.terms.proposed, "entity")
            kinds = self.terms.types.get(obj.value, set())
            ranges = field_.get("ranges") or ([field_["range"]] if field_["range"] else [])
            if ranges and not any(r in self.terms.ancestors.get(k, {k}) for k in kinds for r in ranges):
                raise _problem(f"{self.terms.label(obj.value)} is not a "
                               f"{' or '.join(self.terms.label(r) for r in ranges)}", code=EXIT_SYNTAX)
        last = max(i for i, q in enumerate(doc.quads) if q.graph_name == g and q.subject.value == s)
        doc.quads.insert(last + 1, ox.Quad(ox.NamedNode(s), ox.NamedNode(p), obj, g))
        doc.quads = list(dict.fromkeys(doc.quads))

    def _fields_of(self, subject: str, c: Candidate) -> list[dict]:
        """The properties the shapes give the subject's kinds (and their ancestors): path, range, datatype,
        whether required."""
        kinds = {str(o.value) for s, p, o in c.triples if s == subject and p == A}
        kinds |= self.terms.types.get(subject, set())
        above = set().union(*(self.terms.ancestors.get(k, {k}) for k in kinds)) if kinds else set()
        out: dict[str, dict] = {}
        for cls in sorted(above):
            for f in self.terms.fields.get(cls, []):
                have = out.get(f["p"])
                if have is None or (f["required"] and not have["required"]):
                    out[f["p"]] = f
        return list(out.values())

    def _check(self, value: str, allowed: Iterable[Choice], what: str) -> ox.NamedNode:
        if value not in {ch.iri for ch in allowed}:
            raise _problem(f"{value!r} is not a {what} the ontology or the data knows", code=EXIT_SYNTAX)
        return ox.NamedNode(value)

    def _replace_objects(self, doc: ClaimsFile, c: Candidate, pred: str, objects: list[ox.NamedNode],
                         subject: str | None = None) -> None:
        subject = subject or c.subject
        if subject is None:
            raise _problem(f"{c.id}: the claim has no subject to correct", code=EXIT_SYNTAX)
        g, s, p = ox.NamedNode(c.iri), ox.NamedNode(subject), ox.NamedNode(pred)
        old = [i for i, q in enumerate(doc.quads) if q.graph_name == g and q.subject == s and q.predicate == p]
        new = [ox.Quad(s, p, o, g) for o in dict.fromkeys(objects)]
        at = old[0] if old else max(i for i, q in enumerate(doc.quads) if q.graph_name == g and q.subject == s) + 1
        gone = set(old)
        rest = [q for i, q in enumerate(doc.quads) if i not in gone]
        before = sum(1 for i in range(at) if i not in gone)
        doc.quads = list(dict.fromkeys(rest[:before] + new + rest[before:]))

    def _set(self, doc: ClaimsFile, c: Candidate, change: dict) -> None:
        what = change["set"]
        t = self.terms
        if what == "status":
            self._replace_objects(doc, c, STATUS, [self._check(change.get("value", ""), t.statuses, "status")])
        elif what == "kind":  # of the claim's main subject, or of another thing it describes (a new office)
            subject = change.get("subject") or c.subject
            if subject not in {x for x, p, _ in c.triples if p == A}:
                raise _problem(f"{c.id}: {ns.shorten(str(subject))} has no kind in this claim", code=EXIT_SYNTAX)
            kind = self._check(change.get("value", ""), t.kinds, "kind (class)")
            if not self._rekind(doc, c, str(subject), kind.value):
                self._replace_objects(doc, c, A, [kind], subject)
        elif what == "parties":
            values = [self._check(v, t.entities + t.proposed, "party (entity)") for v in change.get("values", [])]
            self._replace_objects(doc, c, PARTY, values)
        elif what == "domains":
            values = [self._check(v, t.domains, "domain") for v in change.get("values", [])]
            self._replace_objects(doc, c, DOMAIN, values)
        else:
            raise _problem(f"cannot set {what!r} (status, kind, parties or domains)", code=EXIT_SYNTAX)

    def _named_elsewhere(self, *iris: str) -> list[str]:
        """The other articles whose claims name one of these IRIs, written whole or with the project's prefix."""
        forms = re.compile("|".join(re.escape(f) for iri in iris for f in (f"<{iri}>", ns.shorten(iri)))
                           + r"(?![\w-])")
        out = []
        for path in sorted(self.article.folder.parent.glob("*/claims.trig")):
            if path.parent != self.article.folder and forms.search(path.read_text(encoding="utf-8")):
                out.append(path.parent.name)
        return out

    def _rekind(self, doc: ClaimsFile, c: Candidate, subject: str, kind: str) -> bool:
        """A new entity (first met in this article) given a kind whose IRIs have another segment (a temple
        proposed as a person, now a place): its IRI minted anew under that kind, every statement of the article
        about it or pointing at it moved there, its type changed. Refused when the new IRI names something
        already, or when the build would then find a problem it does not find now (a claim needing another kind).
        False when the IRI stays (a kind of the same segment, or an entity of the data): only the type changes."""
        t = self.terms
        segment, rest = subject[len(ns.ID):].partition("/")[::2] if subject.startswith(ns.ID) else ("", "")
        to = t.segments.get(kind, "")
        if not to or to == segment or not rest or subject in {e.iri for e in t.entities}:
            return False
        try:
            new = ns.entity(to, rest)  # the project's one minting place: same name, the new kind's segment
        except ValueError as e:
            raise _problem(f"{c.id}: {ns.shorten(subject)} cannot be named as a {t.label(kind)}: {e}",
                           code=EXIT_SYNTAX) from None
        taken = {e.iri for e in [*t.entities, *t.proposed]} | {x for q in doc.quads
                                                              for x in (q.subject.value, q.object.value)}
        if new in taken:
            raise _problem(f"{ns.shorten(new)} exists already ({t.label(new)}): choose \"same as…\" to merge "
                           f"{t.label(subject)} into it instead; nothing was changed", code=EXIT_SYNTAX)
        if elsewhere := self._named_elsewhere(subject, new):
            # another article's claims name the thing as it is or as it would be: renaming it here alone would
            # split one thing in two, or join two different things when built
            raise _problem(f"{c.id}: {ns.shorten(subject)} or {ns.shorten(new)} is named by other articles too "
                           f"({', '.join(elsewhere)}): change its kind there first, or merge; nothing was changed",
                           code=EXIT_SYNTAX)
        trial = repoint(doc.quads, subject, new)
        trial = list(dict.fromkeys(ox.Quad(q.subject, q.predicate, ox.NamedNode(kind), q.graph_name)
                                   if q.subject.value == new and q.predicate.value == A else q for q in trial))
        # the claims that use it, checked as the build will check them once accepted (a pending claim is not
        # built yet, a rejected one never)
        using = {q.graph_name.value for q in doc.quads if isinstance(q.graph_name, ox.NamedNode)
                 and subject in (q.subject.value, q.object.value)}
        rejected = {x.subject.value for x in doc.quads if x.predicate.value == REVIEW_STATUS
                    and x.object.value == t.reviews["rejected"].iri}
        as_accepted = dict.fromkeys(sorted(using - rejected), "accepted")
        versions = [dataclasses.replace(doc, quads=list(qs)) for qs in (doc.quads, trial)]
        for v in versions:
            self._set_reviews(v, as_accepted, now())
        check = self._checker()
        before, after = check(versions[0]), check(versions[1])
        if before is not None and after is not None:
            known = {p.message for p in before}
            problems = [p.message for p in after  # a problem it had already, now named by its new IRI, is not new
                        if p.message.replace(ns.shorten(new), ns.shorten(subject)) not in known]
            if problems:
                raise _problem(f"{c.id}: the build would refuse the article if {t.label(subject)} were a "
                               f"{t.label(kind)}: " + "; ".join(problems) + "; nothing was changed",
                               code=EXIT_INVALID)
        doc.quads = trial
        return True

    def _relink(self, doc: ClaimsFile, c: Candidate, change: dict) -> None:
        s, p, o = change["link"]
        g = ox.NamedNode(c.iri)
        hit = [i for i, q in enumerate(doc.quads) if q.graph_name == g and q.subject.value == s
               and q.predicate.value == p and isinstance(q.object, ox.NamedNode) and q.object.value == o]
        if not hit:
            raise _problem(f"{c.id}: no link {ns.shorten(s)} {ns.shorten(p)} {ns.shorten(o)} to change",
                           code=EXIT_SYNTAX)
        value = change.get("value") or ""
        q = doc.quads[hit[0]]
        if value:
            target = self._check(value, self.terms.entities + self.terms.proposed, "linked entity")
            doc.quads[hit[0]] = ox.Quad(q.subject, q.predicate, target, g)
            doc.quads = list(dict.fromkeys(doc.quads))
        else:
            del doc.quads[hit[0]]
        # a new thing the claim described only for this link (an office the words named, now the existing one)
        # goes with it: else the claim would still publish it
        old = q.object
        known = {ch.iri for ch in self.terms.entities}
        if old.value not in known and not any(x.object == old for x in doc.quads) \
                and any(x.subject == old and x.graph_name == g for x in doc.quads):
            doc.quads = [x for x in doc.quads if not (x.subject == old and x.graph_name == g)]
        if not any(x.graph_name == g for x in doc.quads):
            raise _problem(f"{c.id}: removing its last statement would leave an empty claim; reject it instead",
                           code=EXIT_SYNTAX)

    def _merge(self, doc: ClaimsFile, c: Candidate, change: dict) -> dict[Path, bytes]:
        old, into = change["merge"], change.get("into", "")
        target = self._check(into, self.terms.entities, "existing entity")
        if old == into:
            raise _problem(f"cannot merge {ns.shorten(old)} into itself", code=EXIT_SYNTAX)
        t = self.terms
        parts = by_parts(t.types.get(old, ()), t.identified, t.ancestors)
        if parts:
            raise _problem(f"{t.label(old)} ({ns.shorten(old)}) is what its {', '.join(t.label(p) for p in parts)} "
                           "make it: correct those instead of merging it", code=EXIT_SYNTAX)
        if not compatible(t.types.get(old, ()), t.types.get(into, ()), t.ancestors):
            kinds = " and ".join(", ".join(sorted(t.label(k) for k in t.types.get(x, ()))) for x in (old, into))
            raise _problem(f"{t.label(old)} ({ns.shorten(old)}) cannot be merged into {t.label(into)} "
                           f"({ns.shorten(into)}): unrelated kinds ({kinds})", code=EXIT_SYNTAX)
        mine = [q for q in doc.quads if (isinstance(q.graph_name, ox.NamedNode) and q.graph_name.value == c.iri)
                or (isinstance(q.graph_name, ox.DefaultGraph) and q.subject.value == c.iri)]
        if not any(old in (q.subject.value, q.object.value) for q in mine):
            raise _problem(f"{c.id}: {ns.shorten(old)} does not occur in this claim", code=EXIT_SYNTAX)
        # the proposed IRI becomes the existing one in every claim of the article; the target keeps its own
        # labels: the merged entity's name becomes one of its other names
        doc.quads = repoint(doc.quads, old, target.value, labels_as=ALT_LABEL)
        if old in {ch.iri for ch in self.terms.entities}:
            return {merges_path(self.project): self._redirect(old, into)}
        return {}

    def _redirect(self, old: str, into: str) -> bytes:
        """data/entities/merges.ttl with one more ``old owl:sameAs canonical`` (comment and date)."""
        path = merges_path(self.project)
        merges = read_claims(path) if path.is_file() else ClaimsFile(path, [
            "# Entities found to be one: old owl:sameAs canonical; the build follows the redirect."], {}, [])
        s = ox.NamedNode(old)
        if any(q.subject == s and q.predicate.value == SAME_AS for q in merges.quads):
            raise _problem(f"{ns.shorten(old)} is already merged (see {path.name})", path, EXIT_SYNTAX)
        merges.quads += [
            ox.Quad(s, ox.NamedNode(SAME_AS), ox.NamedNode(into)),
            ox.Quad(s, ox.NamedNode(COMMENT), ox.Literal(f"merged while reviewing {self.article.id} by "
                                                         f"{self.reviewer}", language="en")),
            ox.Quad(s, ox.NamedNode(ns.DCTERMS + "date"),
                    ox.Literal(now()[:10], datatype=ox.NamedNode(ns.XSD + "date"))),
        ]
        return render_claims(merges)

    # the page's view of it --------------------------------------------------------------------------

    def state(self) -> dict:
        """Everything the review page shows, as JSON-ready data (the text in segments, never as markup), in the
        page's language; the dataset's entities for the pick-lists come apart (``choices``), once."""
        doc, cands = self.read()
        t = self.terms
        known_entities = {ch.iri for ch in t.entities}
        kinds_by_root: dict[str, list[str]] = {}
        for k in t.kinds:
            kinds_by_root.setdefault(k.group, []).append(k.iri)
        root_of = {k.iri: k.group for k in t.kinds}
        family = {e.iri: root_of.get(e.group, e.group) for e in [*t.entities, *t.proposed]}
        kinds_known = {e.group for e in t.entities}  # the kinds the graph has entities of: what a merge may target
        graphs, _ = doc.index()
        when: dict[str, str] = {}
        where: dict[str, str] = {}
        for qs in graphs.values():
            for q in qs:
                if q.predicate.value in (ns.CD + "date", ns.CD + "startDate") and isinstance(q.object, ox.Literal):
                    when.setdefault(q.subject.value, q.object.value)
                elif q.predicate.value == ns.CD + "location" and isinstance(q.object, ox.NamedNode):
                    where.setdefault(q.subject.value, q.object.value)
        items = []
        for c in cands:
            iris = {x for s, _, o in c.triples for x in (s, o.value if isinstance(o, ox.NamedNode) else None) if x}
            fixed = {c.kind, c.status, *c.domains, c.iri} | {k.iri for k in t.kinds} | {s.iri for s in t.statuses}
            links = [{"s": s, "p": p, "o": o.value, "sl": t.label(s), "pl": t.label(p), "ol": t.label(o.value),
                      "family": family.get(o.value, "")}
                     for s, p, o in c.triples if isinstance(o, ox.NamedNode) and p not in (A, STATUS, DOMAIN, PARTY)
                     and o.value not in fixed]
            typed_here = {x for x, p, _ in c.triples if p == A}
            new = [i for i in sorted(iris & typed_here) if i.startswith(ns.ID) and i not in known_entities]
            items.append({
                "id": c.id, "iri": c.iri, "review": c.review, "reviewedBy": c.reviewed_by,
                "reviewedAt": c.reviewed_at, "confidence": None if c.confidence is None else str(c.confidence),
                "rules": c.rules, "evidence": c.evidence, "found": [e in self.article.text for e in c.evidence],
                "accordingTo": [{"iri": a, "label": t.label(a)} for a in c.according_to],
                "comments": [self._labelled(x) for x in c.comments], "subject": c.subject,
                "subjectLabel": self._name(c, c.subject or ""),
                "kind": c.kind, "kindLabel": t.label(c.kind) if c.kind else "",
                "kinds": self._kinds_offered(c.subject or "", c.kind or "", known_entities)
                or kinds_by_root.get(root_of.get(c.kind or "", ""), [k.iri for k in t.kinds]),
                "undertaking": root_of.get(c.kind or "") == UNDERTAKING,
                "status": c.status, "parties": c.parties, "domains": c.domains, "links": links,
                "clauses": self._clauses(c, known_entities, when, where),
                "newEntities": [{"iri": i, "family": family.get(i, ""), "label": self._name(c, i),
                                 "kinds": kinds, "merge": self._mergeable(i, kinds, kinds_known)}
                                for i in new for kinds in [self._related_kinds(i)]],
            })
        return {
            "article": {"id": self.article.id, "title": self.article.title, "lang": self.article.lang},
            "ui": {"lang": self.ui, "strings": ui_strings(self.ui)},
            "reviewer": self.reviewer,
            "segments": segments(self.article.text, [(c.id, e) for c in cands for e in c.evidence]),
            "candidates": items,
            "undo": self.undo_stack[-1][0] if self.undo_stack else None,
            "choices": {
                "statuses": [s.as_json() | {"groupLabel": t.label(s.group)} for s in t.statuses],
                "reviews": {k: v.as_json() for k, v in t.reviews.items()},
                "kinds": [k.as_json() | {"groupLabel": t.label(k.group)} for k in t.kinds],
                "domains": [d.as_json() for d in t.domains],
                "proposed": [e.as_json() | {"groupLabel": t.label(e.group), "family": family[e.iri]}
                             for e in t.proposed],
                "partyFamily": AGENT,
                "children": t.children,
                "segments": t.segments,
                "ancestors": {k: sorted(v) for k, v in sorted(t.ancestors.items())},
            },
            "labels": {i: t.label(i) for c in items
                       for i in (*c["parties"], *c["domains"], c["kind"] or "", c["status"] or "",
                                 *(n["iri"] for n in c["newEntities"])) if i},
        }

    def choices(self) -> dict:
        """The dataset's entities for the pick-lists (label, kind, family): sent once, searched by the page."""
        t = self.terms
        root_of = {k.iri: k.group for k in t.kinds}
        return {"entities": [e.as_json() | {"groupLabel": t.label(e.group), "family": root_of.get(e.group, e.group)}
                             for e in t.entities]}

    def _name(self, c: Candidate, iri: str) -> str:
        """An entity's name: its label in the claim itself (a new entity), else the data's."""
        names = [o for s, p, o in c.triples if s == iri and p in (LABEL, PREF_LABEL) and isinstance(o, ox.Literal)]
        return _pick_label(names, self.ui) or self.terms.label(iri) if names else self.terms.label(iri)

    def _mergeable(self, iri: str, related: list[str], known: set[str]) -> bool:
        """Whether "same as…" makes sense for a new thing: a thing its name identifies (not a tenure, which its
        holder and office make), with at least one entity of a related kind in the graph to be the same as."""
        return not by_parts(self.terms.types.get(iri, ()), self.terms.identified, self.terms.ancestors) \
            and bool(known.intersection(related))

    def _related_kinds(self, iri: str) -> list[str]:
        """The classes an entity may be merged with: its own, those above and those below."""
        mine = self.terms.types.get(iri, set())
        return sorted(k.iri for k in self.terms.kinds if compatible([k.iri], mine, self.terms.ancestors))

    def _kinds_offered(self, iri: str, kind: str, known: set[str]) -> list[str]:
        """The kinds a new entity may be changed to across families (a temple proposed as a person: a place):
        every kind of the families the data's entities belong to (things named by their name, whose IRI a kind
        segment begins), when the entity is new and of one of them; empty otherwise (its own family is offered)."""
        t = self.terms
        root_of = {k.iri: k.group for k in t.kinds}
        families = {root_of.get(e.group, e.group) for e in t.entities}
        if not iri.startswith(ns.ID) or iri in known or root_of.get(kind) not in families:
            return []
        return [k.iri for k in t.kinds if k.group in families and k.iri in t.segments]

    def _clauses(self, c: Candidate, known: set[str], when: dict[str, str], where: dict[str, str]) -> list[dict]:
        """The claim as the page says it: one clause per thing it describes (the main one first), each with its
        kind, name and fields (property label, values, how to edit them), and the fields the shapes require
        that it lacks."""
        t = self.terms
        order = list(dict.fromkeys([*(x for x in [c.subject] if x), *(s for s, _, _ in c.triples)]))
        out = []
        for s in order:
            own = [(p, o) for x, p, o in c.triples if x == s]
            kinds = [o.value for p, o in own if p == A and isinstance(o, ox.NamedNode)]
            kind = next((k for k in kinds if k.startswith(ns.CD)), kinds[0] if kinds else "")
            names = [o for p, o in own if p in (LABEL, PREF_LABEL) and isinstance(o, ox.Literal)]
            name = _pick_label(names, self.ui) if names else None
            name_lit = next((o for o in names if o.value == name), None)
            shape = {f["p"]: f for f in self._fields_of(s, c)}
            fields: dict[str, dict] = {}
            for p, o in own:
                if p in (A, LABEL, PREF_LABEL):
                    continue
                f = fields.setdefault(p, {
                    "p": p, "pl": t.label(p), "values": [], "range": shape.get(p, {}).get("range", ""),
                    "ranges": shape.get(p, {}).get("ranges", []),
                    "datatype": shape.get(p, {}).get("datatype", ""),
                    "datatypes": shape.get(p, {}).get("datatypes", []), "required": shape.get(p, {}).get(
                        "required", False), "missing": False,
                    "edit": ("status" if p == STATUS else "parties" if p == PARTY else "domains" if p == DOMAIN
                             else "link" if isinstance(o, ox.NamedNode) else "literal") if s == c.subject
                    else ("link" if isinstance(o, ox.NamedNode) else "literal")})
                if isinstance(o, ox.NamedNode):
                    f["values"].append({"v": o.value, "label": t.label(o.value), "iri": True,
                                        "when": when.get(o.value), "where": t.label(where[o.value])
                                        if o.value in where else None})
                elif isinstance(o, ox.Literal):
                    f["values"].append({"v": o.value, "label": o.value, "iri": False,
                                        "datatype": o.datatype.value if not o.language else "",
                                        "lang": o.language or ""})
            described_elsewhere = s in known  # the data may give what the claim does not
            if s == c.subject and PARTY not in fields and PARTY in shape and any(
                    UNDERTAKING in t.ancestors.get(k, {k}) for k in kinds):  # an undertaking's parties, even none yet
                f = shape[PARTY]
                fields[PARTY] = {"p": PARTY, "pl": t.label(PARTY), "values": [], "range": f["range"],
                                 "ranges": f["ranges"], "datatype": "", "datatypes": [], "required": f["required"],
                                 "missing": False, "edit": "parties"}
            for p, f in shape.items():
                if p in fields:
                    continue
                if f["required"] and not described_elsewhere:
                    fields[p] = {"p": p, "pl": t.label(p), "values": [], "range": f["range"], "ranges": f["ranges"],
                                 "datatype": f["datatype"], "datatypes": f.get("datatypes", []), "required": True,
                                 "missing": True, "edit": "add"}
            groups = list(dict.fromkeys(tuple(f["oneOf"]) for f in shape.values() if f.get("oneOf")))
            for group in groups:  # one of several is required: each is offered, "or" the one before
                if described_elsewhere or any(x in fields for x in group):
                    continue
                for n, x in enumerate(x for x in group if x in shape):
                    f = shape[x]
                    fields[x] = {"p": x, "pl": t.label(x), "values": [], "range": f["range"], "ranges": f["ranges"],
                                 "datatype": f["datatype"], "datatypes": f.get("datatypes", []), "required": True,
                                 "missing": True, "edit": "add",
                                 "orPrevious": n > 0}
            addable = [{"p": p, "pl": t.label(p), "range": f["range"], "ranges": f["ranges"], "datatype": f["datatype"],
                        "datatypes": f.get("datatypes", [])}
                       for p, f in sorted(shape.items(), key=lambda kv: t.label(kv[0])) if p not in fields]
            root = next((k.group for k in t.kinds if k.iri == kind), "")
            out.append({"s": s, "main": s == c.subject, "kind": kind, "kindLabel": t.label(kind) if kind else "",
                        "kinds": self._kinds_offered(s, kind, known)
                        or ([k.iri for k in t.kinds if k.group == root] if root else []),
                        "name": name or t.label(s), "nameLiteral": name_lit.value if name_lit else None,
                        "new": s.startswith(ns.ID) and s not in known, "fields": list(fields.values()),
                        "addable": addable if s.startswith(ns.ID) else []})
        return out


@functools.cache
def ui_strings(lang: str) -> dict[str, object]:
    """The page's own words (buttons, headings, confidence in words) in one language."""
    strings = json.loads((TEMPLATES / "review.strings.json").read_text(encoding="utf-8"))
    return strings[lang]


def segments(text: str, quotes: list[tuple[str, str]]) -> list[dict]:
    """The text cut at every evidence boundary: each piece with the IDs of the claims whose words it is."""
    spans: list[tuple[int, int, str]] = []
    for cid, quote in quotes:
        start = text.find(quote) if quote else -1
        while start >= 0:
            spans.append((start, start + len(quote), cid))
            start = text.find(quote, start + 1)
    cuts = sorted({0, len(text), *(s for s, _, _ in spans), *(e for _, e, _ in spans)})
    out = []
    for a, b in itertools.pairwise(cuts):
        ids = sorted({cid for s, e, cid in spans if s <= a and b <= e})
        out.append({"text": text[a:b], "claims": ids})
    return out


def _date_type(value: str, allowed: list[str]) -> str:
    """The datatype a field allowing a day, a month or a year takes for a value as a person writes it."""
    forms = [(r"\d{4}-\d{2}-\d{2}", "date"), (r"\d{4}-\d{2}", "gYearMonth"), (r"-?\d{4}", "gYear")]
    found = next((ns.XSD + name for form, name in forms if re.fullmatch(form, value.strip())), allowed[0])
    if found not in allowed:
        raise _problem(f"{value!r}: give {' or '.join(ns.shorten(a) for a in allowed)}", code=EXIT_SYNTAX)
    return found


def parse_confidence(value: str) -> Decimal:
    try:
        d = Decimal(value)
    except InvalidOperation:
        d = None
    if d is None or not d.is_finite():  # Decimal reads "nan" and "inf", which no confidence can be compared with
        raise _problem(f"--min-confidence {value!r} is not a number", code=EXIT_SYNTAX)
    if not Decimal(0) <= d <= Decimal(1):
        raise _problem(f"--min-confidence {value} is outside 0..1", code=EXIT_SYNTAX)
    return d


# --------------------------------------------------------------------------------------------------
# The page: a thin HTTP layer on 127.0.0.1, one secret token per session

TEMPLATES = Path(__file__).with_name("templates")
TOKEN_HEADER = "X-Review-Token"
MAX_BODY = 64 * 1024


class ReviewServer(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, session: Session, port: int = 0) -> None:
        self.session = session
        self.token = secrets.token_urlsafe(32)
        super().__init__(("127.0.0.1", port), _Handler)
        self.port = self.server_address[1]
        html = (TEMPLATES / "review.html").read_text(encoding="utf-8")
        self.js = (TEMPLATES / "review.js").read_bytes()
        style = re.search(r"<style>(.*?)</style>", html, re.S)
        import base64
        import hashlib

        style_hash = base64.b64encode(hashlib.sha256((style.group(1) if style else "").encode()).digest()).decode()
        self.html = html.replace("__TOKEN__", self.token).encode("utf-8")
        self.csp = ("default-src 'none'; script-src 'self'; connect-src 'self'; "
                    f"style-src 'sha256-{style_hash}'; img-src data:; base-uri 'none'; form-action 'none'; "
                    "frame-ancestors 'none'")

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/?token={self.token}"


class _Handler(BaseHTTPRequestHandler):
    server: ReviewServer
    server_version = "kg-review"
    sys_version = ""
    timeout = 30  # seconds a client may leave a request unfinished before its connection is closed

    def log_message(self, format: str, *args) -> None:
        pass  # the token is in request lines: never log them

    def _send(self, status: int, body: bytes, ctype: str = "text/plain; charset=utf-8") -> None:
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Content-Security-Policy", self.server.csp)
        self.send_header("X-Content-Type-Options", "nosniff")
        self.send_header("Referrer-Policy", "no-referrer")
        self.send_header("Cache-Control", "no-store")
        self.send_header("Cross-Origin-Resource-Policy", "same-origin")
        self.end_headers()
        # the page may be closed or reloaded before the answer arrives; the decision is saved all the same
        with contextlib.suppress(BrokenPipeError, ConnectionResetError):
            self.wfile.write(body)

    def _json(self, status: int, data: object) -> None:
        self._send(status, json.dumps(data, ensure_ascii=False).encode("utf-8"), "application/json; charset=utf-8")

    def _allowed(self) -> bool:
        """The Host (against DNS rebinding), the Origin of a write, and the session's token."""
        port = self.server.port
        if self.headers.get("Host", "") not in (f"127.0.0.1:{port}", f"localhost:{port}"):
            self._send(HTTPStatus.MISDIRECTED_REQUEST, b"wrong Host\n")
            return False
        origin = self.headers.get("Origin")
        if origin is not None and origin not in (f"http://127.0.0.1:{port}", f"http://localhost:{port}"):
            self._send(HTTPStatus.FORBIDDEN, b"wrong Origin\n")
            return False
        query = parse_qs(urlsplit(self.path).query)
        given = self.headers.get(TOKEN_HEADER) or (query.get("token") or [""])[0]
        if not hmac.compare_digest(given.encode(), self.server.token.encode()):
            self._send(HTTPStatus.FORBIDDEN, b"this review session needs its token (see the address kg review "
                                              b"printed)\n")
            return False
        return True

    def do_GET(self) -> None:
        if not self._allowed():
            return
        path = urlsplit(self.path).path
        if path == "/":
            self._send(HTTPStatus.OK, self.server.html, "text/html; charset=utf-8")
        elif path == "/review.js":
            self._send(HTTPStatus.OK, self.server.js, "text/javascript; charset=utf-8")
        elif path == "/api/state":
            self._call(self.server.session.state)
        elif path == "/api/choices":
            self._call(self.server.session.choices)
        elif path == "/api/blockers":
            self._call(lambda: {"blockers": self.server.session.blockers()})
        else:
            self._send(HTTPStatus.NOT_FOUND, b"not found\n")

    def do_POST(self) -> None:
        if not self._allowed():
            return
        if not self.headers.get("Content-Type", "").startswith("application/json"):
            self._send(HTTPStatus.UNSUPPORTED_MEDIA_TYPE, b"send JSON\n")
            return
        length = self._length()
        if length is None:
            return
        try:
            data = self.rfile.read(length)
        except TimeoutError:  # fewer bytes than announced, then silence: answer, and free the thread
            self.close_connection = True
            self._send(HTTPStatus.REQUEST_TIMEOUT, b"the body did not arrive\n")
            return
        if len(data) < length:
            self.close_connection = True
            self._json(HTTPStatus.BAD_REQUEST, {"error": "the body is shorter than its Content-Length"})
            return
        try:
            body = json.loads(data or b"{}")
        except (ValueError, RecursionError):  # RecursionError: arrays nested thousands deep
            self._json(HTTPStatus.BAD_REQUEST, {"error": "the body is not JSON"})
            return
        path = urlsplit(self.path).path
        s = self.server.session
        ids = body.get("ids") if isinstance(body, dict) else None
        if path == "/api/decide" and isinstance(ids, list) and all(isinstance(i, str) for i in ids):
            self._call(lambda: (s.decide(ids, str(body.get("decision"))), s.state())[1])
        elif path == "/api/correct" and isinstance(body, dict) and isinstance(body.get("change"), dict):
            self._call(lambda: (s.correct(str(body.get("id")), body["change"]), s.state())[1])
        elif path == "/api/preview" and isinstance(body, dict) and isinstance(body.get("change"), dict):
            self._call(lambda: s.preview(str(body.get("id")), body["change"]))
        elif path == "/api/publisher" and isinstance(body, dict) and isinstance(body.get("name"), str):
            self._call(lambda: (s.name_publisher(body["name"]), s.state())[1])
        elif path == "/api/undo":
            self._call(lambda: (s.undo(), s.state())[1])
        else:
            self._send(HTTPStatus.NOT_FOUND, b"not found\n")

    def _length(self) -> int | None:
        """The body's length, or None once a refusal was sent: a length that is not one whole number of bytes, or
        is over the limit, closes the connection unread (never read until the client hangs up)."""
        given = {v.strip() for v in self.headers.get_all("Content-Length") or []}
        refusal = None
        if "Transfer-Encoding" in self.headers:
            refusal = (HTTPStatus.LENGTH_REQUIRED, b"send the body with a Content-Length\n")
        elif len(given) > 1 or (given and not re.fullmatch(r"[0-9]{1,12}", next(iter(given)))):
            refusal = (HTTPStatus.BAD_REQUEST, b"Content-Length must be one whole number of bytes\n")
        elif given and int(next(iter(given))) > MAX_BODY:
            refusal = (HTTPStatus.REQUEST_ENTITY_TOO_LARGE, b"too large\n")
        if refusal:
            self.close_connection = True
            self._send(*refusal)
            return None
        return int(next(iter(given))) if given else 0

    def _call(self, fn) -> None:
        try:
            self._json(HTTPStatus.OK, fn())
        except KgError as e:
            self._json(HTTPStatus.BAD_REQUEST, {"error": "; ".join(p.message for p in e.problems)})
        except (KeyError, TypeError, ValueError) as e:
            self._json(HTTPStatus.BAD_REQUEST, {"error": f"malformed request: {e}"})


def serve(session: Session, port: int = 0, open_browser: bool = False) -> int:
    """Serve the review page until interrupted; prints its address (with the token) once it listens."""
    server = ReviewServer(session, port)
    print(f"review page for {session.article.id} (reviewer: {session.reviewer}):", flush=True)
    print(f"  {server.url}", flush=True)
    print("  only this machine can open it, and only with this address; Ctrl-C stops it", flush=True)
    if open_browser:
        import webbrowser

        webbrowser.open(server.url)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
    return 0
