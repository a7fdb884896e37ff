"""Reading and writing RDF: located parse errors, deterministic output, atomic files.

Parsing goes through pyoxigraph because its errors give line and column. Output is written from
quads sorted in one fixed order, so the same inputs give byte-identical files.
"""

from __future__ import annotations

import contextlib
import json
import os
import tempfile
from collections.abc import Iterable
from pathlib import Path

import pyoxigraph as ox

from kg import namespaces as ns
from kg.errors import EXIT_SYNTAX, KgError, Problem
from kg.namespaces import RDF

FORMATS: dict[str, ox.RdfFormat] = {
    ".ttl": ox.RdfFormat.TURTLE,
    ".trig": ox.RdfFormat.TRIG,
    ".nt": ox.RdfFormat.N_TRIPLES,
    ".nq": ox.RdfFormat.N_QUADS,
    ".jsonld": ox.RdfFormat.JSON_LD,
    ".json": ox.RdfFormat.JSON_LD,
    ".rdf": ox.RdfFormat.RDF_XML,
    ".owl": ox.RdfFormat.RDF_XML,
}

RDF_TYPE = ox.NamedNode(RDF + "type")
DATASET_SUFFIXES = (".trig", ".nq", ".ttl", ".nt", ".jsonld", ".rdf")  # what pyoxigraph reads by extension


def rdf_format(path: Path) -> ox.RdfFormat:
    try:
        return FORMATS[path.suffix.lower()]
    except KeyError:
        known = ", ".join(sorted(FORMATS))
        raise KgError(Problem(f"unknown RDF file extension {path.suffix!r} (known: {known})", path),
                      EXIT_SYNTAX) from None


def parse_file(path: Path, graph: ox.NamedNode | ox.DefaultGraph | None = None, data: bytes | None = None
               ) -> list[ox.Quad]:
    """All quads of a file (``data``: its bytes, already read). Triples of a Turtle file go to ``graph`` (default
    graph if None).

    A syntax error becomes a KgError naming the file, line and column.
    """
    fmt = rdf_format(path)
    try:
        data = path.read_bytes() if data is None else data
    except OSError as e:
        raise KgError(Problem(f"cannot read: {e.strerror}", path)) from None
    try:
        # no base IRI: a relative IRI in the data is an error, not a file:// address
        quads = list(ox.parse(data, format=fmt, rename_blank_nodes=True))
    except SyntaxError as e:
        raise KgError(Problem(f"syntax error: {_clean(e)}", path, e.lineno, e.offset), EXIT_SYNTAX) from None
    except ValueError as e:  # e.g. invalid UTF-8
        raise KgError(Problem(f"cannot parse: {e}", path), EXIT_SYNTAX) from None
    if graph is not None and not fmt.supports_datasets:
        quads = [ox.Quad(q.subject, q.predicate, q.object, graph) for q in quads]
    return quads


def _clean(e: SyntaxError) -> str:
    msg = e.msg if isinstance(e.msg, str) else str(e)
    # pyoxigraph's message repeats the position; keep the explanation only
    if ": " in msg and msg.startswith("Parser error"):
        msg = msg.split(": ", 1)[1]
    return msg


def term_key(term: ox.NamedNode | ox.BlankNode | ox.Literal | ox.DefaultGraph | ox.Triple) -> str:
    return "" if isinstance(term, ox.DefaultGraph) else str(term)


def quad_key(q: ox.Quad) -> tuple[str, str, int, str, str]:
    # rdf:type first within a subject, so that each block starts with what the thing is
    return (term_key(q.graph_name), str(q.subject), 0 if q.predicate == RDF_TYPE else 1,
            str(q.predicate), str(q.object))


def sorted_quads(quads: Iterable[ox.Quad]) -> list[ox.Quad]:
    return sorted(set(quads), key=quad_key)


def serialize_all(quads: Iterable[ox.Quad], formats: dict[str, ox.RdfFormat]) -> dict[str, bytes]:
    """The same quads in several formats: sorted once, their prefixes found once."""
    return join_parts([serialize_part(quads, formats)], formats)  # type: ignore[return-value]


Part = tuple[dict[str, str], dict[str, bytes]]  # the prefixes a part uses, and its body in each format


def serialize_part(quads: Iterable[ox.Quad], formats: dict[str, ox.RdfFormat]) -> Part:
    """A part of a dataset (one article, say) in several formats, without the header (prefixes, JSON-LD's
    @context): ``join_parts`` puts parts one after the other under one header, so that a dataset is written
    from parts kept from an earlier build rather than sorted and written whole again."""
    ordered = sorted_quads(quads)
    prefixes = _used_prefixes(ordered)
    return prefixes, {name: _body(ordered, fmt, prefixes) for name, fmt in formats.items()}


def join_parts(parts: list[Part], formats: dict[str, ox.RdfFormat]) -> dict[str, bytes] | None:
    """Parts one after the other under one header: in TriG a graph may come back in several blocks, in JSON-LD
    a graph object may appear twice; both mean the union. None when two parts give one prefix name two
    namespaces (the caller then writes the dataset whole)."""
    prefixes: dict[str, str] = {}
    for used, _ in parts:
        for name, space in used.items():
            if prefixes.setdefault(name, space) != space:
                return None
    prefixes = dict(sorted(prefixes.items()))
    files = {}
    for name, fmt in formats.items():
        bodies = [body[name] for _, body in parts]
        if fmt in (ox.RdfFormat.N_QUADS, ox.RdfFormat.N_TRIPLES):
            files[name] = b"".join(bodies)
        elif fmt == ox.RdfFormat.JSON_LD:
            encode = json.JSONEncoder(ensure_ascii=False).encode
            files[name] = (b'{"@context": ' + encode(prefixes).encode("utf-8") + b',\n"@graph": [\n'
                           + b",\n".join(body for body in bodies if body) + b"\n]}\n")
        else:
            header = "\n".join(f"@prefix {p}: <{iri}> ." for p, iri in prefixes.items())
            files[name] = header.encode("utf-8") + b"\n\n" + b"".join(bodies)
    return files


def serialize(quads: Iterable[ox.Quad], fmt: ox.RdfFormat, *, ordered: bool = False,
              prefixes: dict[str, str] | None = None) -> bytes:
    """Deterministic serialization: quads in one fixed order, prefixes sorted, only those used.
    ``ordered``: the quads are already sorted_quads(); ``prefixes``: already found for them."""
    ordered = list(quads) if ordered else sorted_quads(quads)
    prefixes = _used_prefixes(ordered) if prefixes is None else prefixes
    return join_parts([(prefixes, {"": _body(ordered, fmt, prefixes)})], {"": fmt})[""]  # type: ignore[index]


def _body(ordered: list[ox.Quad], fmt: ox.RdfFormat, prefixes: dict[str, str]) -> bytes:
    """Sorted quads in one format, without the header; for JSON-LD, the items of its top-level @graph."""
    if fmt == ox.RdfFormat.N_QUADS:
        return ox.serialize(ordered, format=fmt)
    if fmt == ox.RdfFormat.JSON_LD:
        return _jsonld_items(ordered, prefixes)
    if fmt.supports_datasets:
        body = ox.serialize(ordered, format=fmt, prefixes=prefixes)
    else:
        # merging graphs can repeat a triple; keep the first of each, in order
        triples = list(dict.fromkeys(ox.Triple(q.subject, q.predicate, q.object) for q in ordered))
        if fmt == ox.RdfFormat.N_TRIPLES:
            return ox.serialize(triples, format=fmt)
        body = ox.serialize(triples, format=fmt, prefixes=prefixes)
    # the writer's own prefix header is in no fixed order: join_parts writes a sorted one
    lines = body.decode("utf-8").split("\n")
    while lines and lines[0].startswith("@prefix "):
        lines.pop(0)
    return "\n".join(lines).encode("utf-8")


def _iris(quads: list[ox.Quad]) -> set[str]:
    found: set[str] = set()
    for q in quads:
        for t in (q.subject, q.predicate, q.object, q.graph_name):
            if isinstance(t, ox.NamedNode):
                found.add(t.value)
            elif isinstance(t, ox.Literal):
                found.add(t.datatype.value)
    return found


def _used_prefixes(quads: list[ox.Quad]) -> dict[str, str]:
    iris = _iris(quads)
    spaces = ns.prefixes_for(iris)
    # every namespace an IRI could be in: its beginnings up to a "/" or "#" (linear in the IRIs,
    # whatever the number of prefixes)
    heads = {iri[:cut] for iri in iris for cut in range(1, len(iri)) if iri[cut - 1] in "/#"}
    return {name: space for name, space in spaces.items()
            if (space in heads if space[-1] in "/#" else any(iri.startswith(space) and iri != space for iri in iris))}


def _jsonld_items(quads: list[ox.Quad], prefixes: dict[str, str]) -> bytes:
    """JSON-LD's top-level @graph items (join_parts adds the prefixes as its @context): one node object per
    subject, one line per value."""
    by_space = {space: name for name, space in prefixes.items()}
    compacted: dict[str, str] = {}

    def compact(iri: str) -> str:
        # the longest namespace first: try each cut after a "/" or "#", from the right (one dictionary
        # look-up per cut, so that a corpus with a prefix per article stays linear)
        if (done := compacted.get(iri)) is not None:
            return done
        result = iri
        for cut in range(len(iri) - 1, 0, -1):
            if iri[cut - 1] in "/#" and (name := by_space.get(iri[:cut])) is not None \
                    and not iri[cut:].startswith("//"):
                result = f"{name}:{iri[cut:]}"
                break
        compacted[iri] = result
        return result

    def value(t: ox.NamedNode | ox.BlankNode | ox.Literal) -> dict[str, str]:
        if isinstance(t, ox.NamedNode):
            return {"@id": compact(t.value)}
        if isinstance(t, ox.BlankNode):
            return {"@id": f"_:{t.value}"}
        if t.language:
            return {"@value": t.value, "@language": t.language}
        if t.datatype.value == ns.XSD + "string":
            return {"@value": t.value}
        return {"@value": t.value, "@type": compact(t.datatype.value)}

    graphs: dict[str, dict[str, dict[str, list]]] = {}
    for q in quads:  # already sorted: graph, subject, rdf:type first, predicate, object
        g = "" if isinstance(q.graph_name, ox.DefaultGraph) else compact(q.graph_name.value)
        s = f"_:{q.subject.value}" if isinstance(q.subject, ox.BlankNode) else compact(q.subject.value)
        node = graphs.setdefault(g, {}).setdefault(s, {"@id": s})
        if q.predicate == RDF_TYPE and isinstance(q.object, ox.NamedNode):
            node.setdefault("@type", []).append(compact(q.object.value))
        else:
            node.setdefault(compact(q.predicate.value), []).append(value(q.object))
    # one node object per line, each written by json's C encoder (an indented dump goes through its
    # pure-Python encoder, which made this the slowest output of a large dataset)
    encode = json.JSONEncoder(ensure_ascii=False).encode
    items = [" " + encode(node) for node in graphs.pop("", {}).values()]
    items += [' {"@id": ' + encode(g) + ', "@graph": [\n' + ",\n".join("  " + encode(n) for n in nodes.values())
              + "\n ]}" for g, nodes in graphs.items()]
    return ",\n".join(items).encode("utf-8")


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def _publishable(fd: int) -> None:
    """mkstemp makes files private (0600); give the result the mode an ordinary write would (umask)."""
    os.fchmod(fd, 0o666 & ~_umask())


def atomic_write(path: Path, data: bytes) -> None:
    """Write a file so that readers see the old complete file or the new one, never a part."""
    atomic_write_all({path: data})


def atomic_write_all(files: dict[Path, bytes]) -> None:
    """Write several files: all temporaries first, then the renames, so a failure leaves the old set."""
    for path in files:
        if path.is_dir():
            raise KgError(Problem("is a folder: give the name of a file to write", path))
    staged: list[tuple[str, Path]] = []
    renaming = False
    try:
        for path, data in files.items():
            path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
            staged.append((tmp, path))
            _publishable(fd)
            with os.fdopen(fd, "wb") as f:
                f.write(data)
                f.flush()
                os.fsync(f.fileno())
        renaming = True
        for tmp, path in staged:
            os.replace(tmp, path)
    except OSError as e:  # a read-only or full disk: name the file, not the temporary
        failed = e.filename2 or e.filename or next(iter(files))
        if not renaming:
            failed = next((p for t, p in staged if t == failed), failed)
        kept = "" if renaming else "; nothing was changed"
        why = "a file is where a folder is needed" if isinstance(e, (FileExistsError, NotADirectoryError)) \
            else e.strerror or str(e)
        raise KgError(Problem(f"cannot write: {why}{kept}", failed)) from None
    finally:
        for tmp, _ in staged:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(tmp)


# --- the built dataset, read whole ------------------------------------------------------------

def require_dataset(path: Path) -> Path:
    if not path.is_file():
        raise KgError(Problem(f"{path} not found: run `kg build` (or `make demo`) first"))
    if path.suffix.lower() not in DATASET_SUFFIXES:
        raise KgError(Problem(f"not a dataset: a dataset is an RDF file ({', '.join(DATASET_SUFFIXES)})", path))
    return path


def read_dataset(dataset: Path) -> list[ox.Quad]:
    """Every quad of a dataset file; a file that cannot be read is a located error, not a traceback."""
    try:
        return list(ox.parse(path=str(require_dataset(dataset))))
    except SyntaxError as e:
        raise KgError(Problem(f"cannot read the dataset: {e.msg}", dataset, e.lineno), EXIT_SYNTAX) from None
    except ValueError as e:
        raise KgError(Problem(f"cannot read the dataset: {e}", dataset), EXIT_SYNTAX) from None


def bulk_load(store: ox.Store, dataset: Path) -> None:
    try:
        store.bulk_load(path=str(require_dataset(dataset)))
    except SyntaxError as e:
        raise KgError(Problem(f"cannot load the dataset: {e.msg}", dataset, e.lineno), EXIT_SYNTAX) from None
    except ValueError as e:  # e.g. an extension pyoxigraph does not read, or bytes that are not UTF-8
        raise KgError(Problem(f"cannot load the dataset: {e}", dataset), EXIT_SYNTAX) from None
