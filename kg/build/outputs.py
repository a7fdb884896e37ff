"""Outputs: the dataset written in each format and published as one set (a folder switched by one rename),
so that readers see the whole previous set or the whole new one, never a mix.
"""

from __future__ import annotations

import array
import base64
import contextlib
import hashlib
import os
import shutil
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox

from kg.build.cache import BlobCache, code_digest, digest
from kg.errors import KgError, Problem
from kg.rdfio import Part, _umask, join_parts, serialize_all, serialize_part

# Written by every build: TriG, the contract every later step reads.
OUTPUTS = {"kg.trig": ox.RdfFormat.TRIG}
# Written on demand (``export``, `kg export --format nq|ttl|jsonld`) into the current set, from its TriG: writing
# them on every build was the largest step of one article added (N-Quads alone is four times TriG's size).
ON_DEMAND = {"kg.nq": ox.RdfFormat.N_QUADS, "kg.ttl": ox.RdfFormat.TURTLE, "kg.jsonld": ox.RdfFormat.JSON_LD}
# Each part is kept in the cache in these: TriG to join into the outputs, N-Quads (a line a quad, written one way
# only) to count the distinct quads and to update the on-disk store part by part (kg.persistent).
PART_FORMATS = {"kg.trig": ox.RdfFormat.TRIG, "kg.nq": ox.RdfFormat.N_QUADS}


def outputs(quads: list[ox.Quad]) -> dict[str, bytes]:
    """The dataset in each output format, deterministic."""
    return serialize_all(quads, OUTPUTS)


# Beside the outputs, the digest of the quads they were written from: when a build assembles the very
# same quads, the current set is kept as it is (writing a large dataset is the costly part).
INPUTS = "kg.inputs.sha256"
# Beside them too, the parts the set was joined from (their keys in build/cache/parts/, in order) and its
# number of distinct quads: the on-disk store (kg.persistent) drops the parts gone and adds the new ones,
# rather than loading the whole set again.
MANIFEST = "kg.parts.json"
SIDE_FILES = (INPUTS, MANIFEST)  # in the set, but not outputs: no link to them in build/


def manifest(parts: Parts, quads: int) -> bytes:
    """What kg.persistent needs to update a store from the previous set to this one."""
    import json

    return json.dumps({"format": 1, "quads": quads, "parts": parts.keys, "cache": "../cache/parts",
                       "order": list(PART_FORMATS), "nquads": "kg.nq"}, indent=0).encode("utf-8") + b"\n"


class Parts:
    """The outputs written part by part (the shared inputs, then each article in order), each part in
    every format once and kept in ``build/cache/parts/``: a new article costs its own part and the joining
    of the others, not a sort of the whole dataset. Same parts, same bytes."""

    # a large part (an entity file) is written as buckets of its subjects, so that a few new entities rewrite
    # a few buckets, not the file's whole part: as many buckets as make each hold at most LARGE quads on average,
    # a power of two (so the buckets, and their keys, change only when a file's size doubles)
    LARGE = 500
    FORK_FROM = 32  # parts to write from which they are written in several processes

    def __init__(self, parts: list[list[ox.Quad] | KeyedPart], cache: Path | None) -> None:
        self.parts: list[list[ox.Quad] | KeyedPart] = [
            bucket for quads in parts for bucket in ([quads] if isinstance(quads, KeyedPart) else self._split(quads))]
        self.cache = BlobCache(cache) if cache is not None else None
        writer = code_digest("kg.rdfio", "kg.namespaces", "kg.build.outputs")
        self.writer = digest(writer, ox.__version__)
        # a keyed part (an article) by its key, the others by their quads
        self.keys = [digest("keyed-part", self.writer, part.key) if isinstance(part, KeyedPart) else
                     digest("part", self.writer, ox.serialize(part, format=ox.RdfFormat.N_QUADS))
                     for part in self.parts]
        # the quads, and the code that writes them (a new serialiser must not leave the old files standing)
        self.inputs = digest("outputs", self.writer, *self.keys)
        self.graphs: set[str] = set()  # the graphs of the parts written or read (see files)
        self.distinct = 0  # distinct quads of the parts joined (see files)
        self._fingerprints: list[bytes] = []  # of each part read or written by ``files``, in order

    @classmethod
    def _split(cls, quads: list[ox.Quad]) -> list[list[ox.Quad]]:
        if len(quads) <= cls.LARGE:
            return [quads]
        n = 2
        while len(quads) > n * cls.LARGE:
            n *= 2
        buckets: list[list[ox.Quad]] = [[] for _ in range(n)]
        for q in quads:
            buckets[zlib.crc32(q.subject.value.encode("utf-8")) % n].append(q)
        return [bucket for bucket in buckets if bucket]

    def files(self, jobs: int | None = None) -> dict[str, bytes]:
        """The joined files. Parts not in the cache are written first, in ``jobs`` processes (default: one per
        core), each part on its own (same parts, same bytes, whatever the number of processes)."""
        self._write_missing(jobs or os.cpu_count() or 1)
        self._fingerprints = []
        written = [self._part(key, quads) for key, quads in zip(self.keys, self.parts, strict=True)]
        self.distinct = self._distinct(written)
        joined = join_parts([(prefixes, {name: bodies[name] for name in OUTPUTS}) for prefixes, bodies in written],
                            OUTPUTS)
        if joined is None:  # two parts give one prefix name two namespaces: written whole
            quads = [q for part in self.parts for q in _quads(part)]
            self.distinct = len(set(quads))
            return outputs(quads)
        return joined

    def _distinct(self, written: list[Part]) -> int:
        """The distinct quads of the parts: distinct lines of their N-Quads (a quad is written one way only). Each
        part keeps an 8-byte digest of each of its lines (its fingerprints, in the cache beside it): when no two
        lines of the parts have the same digest, no two are the same line, and the count is the sum; else (a quad in
        two parts, or two lines with one digest) the lines themselves are counted."""
        seen: set[int] = set()
        total = 0
        for fingerprints in self._fingerprints:
            numbers = array.array("Q", fingerprints)
            seen.update(numbers)
            total += len(numbers)
        if len(seen) == total:
            return total
        lines: set[bytes] = set()
        for _, bodies in written:
            lines.update(bodies["kg.nq"].split(b"\n"))
        lines.discard(b"")
        return len(lines)

    def counts(self) -> tuple[int, int]:
        """How many distinct quads the parts joined by ``files`` hold, in how many graphs."""
        return self.distinct, len(self.graphs)

    def _write_missing(self, jobs: int) -> None:
        import multiprocessing

        if self.cache is None or jobs <= 1 or "fork" not in multiprocessing.get_all_start_methods():
            return
        # a part not there at all (one there but damaged is written again by _part, in this process)
        todo = [i for i, key in enumerate(self.keys) if not (self.cache.folder / key).is_file()]
        if len(todo) < self.FORK_FROM:
            return  # a few new parts: not worth forking a large process
        global _MISSING
        _MISSING = self  # forked workers inherit the parts: nothing is pickled but the indices
        with multiprocessing.get_context("fork").Pool(min(jobs, len(todo))) as pool:
            for _ in pool.imap_unordered(_write_part, todo, chunksize=max(1, min(16, len(todo) // (jobs * 8)))):
                pass

    def _part(self, key: str, part: list[ox.Quad] | KeyedPart) -> Part:
        found = self.cache.get(key) if self.cache else None
        if found is not None:
            meta, payload = found
            sizes = meta.get("sizes", {})
            if set(sizes) == set(PART_FORMATS) and sum(sizes.values()) == len(payload) \
                    and isinstance(meta.get("graphs"), list):
                bodies, at = {}, 0
                for name in PART_FORMATS:
                    bodies[name] = payload[at:at + sizes[name]]
                    at += sizes[name]
                self.graphs.update(meta["graphs"])
                self._fingerprints.append(_fingerprints_of(meta.get("fingerprints"), bodies["kg.nq"]))
                return meta["prefixes"], bodies
        quads = _quads(part)
        graphs = sorted({"" if isinstance(q.graph_name, ox.DefaultGraph) else q.graph_name.value for q in quads})
        self.graphs.update(graphs)
        prefixes, bodies = serialize_part(quads, PART_FORMATS)
        fingerprints = fingerprints_of(bodies["kg.nq"])
        self._fingerprints.append(fingerprints)
        if self.cache is not None:
            self.cache.put(key, {"prefixes": prefixes, "sizes": {name: len(bodies[name]) for name in PART_FORMATS},
                                 "graphs": graphs, "fingerprints": base64.b64encode(fingerprints).decode("ascii")},
                           b"".join(bodies[name] for name in PART_FORMATS))
        return prefixes, bodies


def fingerprints_of(nquads: bytes) -> bytes:
    """An 8-byte digest of each distinct line of a part's N-Quads, sorted (see ``Parts._distinct``)."""
    lines = set(nquads.split(b"\n"))
    lines.discard(b"")
    return b"".join(sorted(hashlib.blake2b(line, digest_size=8).digest() for line in lines))


def _fingerprints_of(kept: object, nquads: bytes) -> bytes:
    """A cached part's fingerprints as kept beside it (one per line: a part's lines are distinct), else worked out
    again from its lines (an entry damaged or written before they were kept)."""
    if isinstance(kept, str):
        with contextlib.suppress(ValueError):
            found = base64.b64decode(kept, validate=True)
            if len(found) == 8 * nquads.count(b"\n"):
                return found
    return fingerprints_of(nquads)


@dataclass(frozen=True)
class KeyedPart:
    """A part known by a key (same key, same quads: an article's, see ``Dataset.key``) whose quads are read only
    when its part is not in the cache: an unchanged article is joined from its bytes, never parsed."""

    key: str
    load: Callable[[], list[ox.Quad]]


def _quads(part: list[ox.Quad] | KeyedPart) -> list[ox.Quad]:
    return part.load() if isinstance(part, KeyedPart) else part


_MISSING: Parts | None = None  # the parts forked workers write (see Parts._write_missing)


def _write_part(i: int) -> None:
    assert _MISSING is not None
    _MISSING._part(_MISSING.keys[i], _MISSING.parts[i])  # into the cache, read back by the parent


def unchanged_outputs(folder: Path, inputs: str) -> dict[Path, int] | None:
    """The current outputs, if they were written from these inputs (``Parts.inputs``) and are all there; else None."""
    current = folder / CURRENT
    try:
        if (current / INPUTS).read_text() != inputs:
            return None
        sizes = {folder / name: (current / name).stat().st_size for name in OUTPUTS}
    except OSError:
        return None
    if not all((folder / name).is_symlink() and os.readlink(folder / name) == f"{CURRENT}/{name}" for name in OUTPUTS):
        return None
    return sizes


# The output set: build/.kg-<digest>/ holds the files of one build; build/.kg-current points to it
# (a symbolic link switched by one rename), and build/kg.trig … point through .kg-current. Readers
# see the whole previous set or the whole new one, never a mix.
CURRENT = ".kg-current"


@contextlib.contextmanager
def build_lock(folder: Path) -> Iterator[None]:
    """One build at a time in a build folder (a second one waits), so that cleaning up never removes
    the files of a build still running."""
    folder.mkdir(parents=True, exist_ok=True)
    with open(folder / ".build.lock", "a+b") as lock:
        try:
            import fcntl
        except ImportError:  # not POSIX: no lock, builds must not overlap
            yield
            return
        fcntl.flock(lock.fileno(), fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(lock.fileno(), fcntl.LOCK_UN)


def remove_leftovers(folder: Path) -> list[Path]:
    """What a killed build left: temporary files and folders, output sets no longer current."""
    current = os.readlink(folder / CURRENT) if (folder / CURRENT).is_symlink() else None
    gone = []
    for path in sorted(folder.glob(".kg*")):
        stale = ((path.name.startswith(".kg.") and path.name.endswith(".tmp"))  # atomic_write of an older build
                 or ".tmp-" in path.name  # a set or a switch being written
                 or (path.name.startswith(".kg-") and path.name != CURRENT and path.name != current))
        if stale:
            if path.is_dir() and not path.is_symlink():
                shutil.rmtree(path, ignore_errors=True)
            else:
                path.unlink(missing_ok=True)
            gone.append(path)
    for path in (folder / "cache").glob("*/.*.tmp"):
        path.unlink(missing_ok=True)
        gone.append(path)
    return gone


def export(folder: Path, name: str) -> tuple[Path, int]:
    """An on-demand format (``ON_DEMAND``) of the current set, written into it from its TriG (temp file, then
    rename) unless already there, and linked as ``build/<name>``: same set, same bytes. A later build's set does
    not hold it (its link is removed then, never left pointing at another set's data) until exported again."""
    if name not in ON_DEMAND:
        raise ValueError(f"{name} is not written on demand (known: {', '.join(ON_DEMAND)})")
    with build_lock(folder):
        current = folder / CURRENT
        if not current.is_symlink() or not (folder / os.readlink(current) / "kg.trig").is_file():
            raise KgError(Problem("no built dataset to export: run kg build first", folder / "kg.trig"))
        link = folder / name
        if os.path.lexists(link) and not (link.is_symlink() or link.is_file()):
            raise KgError(Problem(f"{link} is in the way (not a file): remove it and export again", link))
        target = folder / os.readlink(current) / name
        if not target.is_file():
            quads = list(ox.parse(path=str(target.with_name("kg.trig")), format=ox.RdfFormat.TRIG))
            data = serialize_all(quads, {name: ON_DEMAND[name]})[name]
            tmp = folder / f".kg.export-{name}.{os.getpid()}.tmp"  # removed by remove_leftovers if killed
            with open(tmp, "wb") as f:
                f.write(data)
                f.flush()
                os.fsync(f.fileno())
            os.chmod(tmp, 0o666 & ~_umask())
            os.replace(tmp, target)
        _symlink(f"{CURRENT}/{name}", link)
        _fsync_dir(folder)
        return link, target.stat().st_size


def publish(folder: Path, files: dict[str, bytes], inputs: str | None = None) -> dict[Path, int]:
    """Write a set of output files into a new folder, then switch to it with one rename. ``inputs``: a digest
    that names these files' contents (else the files are hashed)."""
    folder.mkdir(parents=True, exist_ok=True)
    for name in (name for name in files if name not in SIDE_FILES):
        link = folder / name
        if os.path.lexists(link) and not (link.is_symlink() or link.is_file()):
            raise KgError(Problem(f"{link} is in the way (not a file): remove it and build again", link))
    name = ".kg-" + (digest("set", inputs, *sorted(files)) if inputs else
                     digest(*(part for item in sorted(files.items()) for part in item)))[:16]
    target = folder / name
    whole = target.is_dir() and all((target / f).is_file() and (target / f).stat().st_size == len(data)
                                    for f, data in files.items())
    if not (folder / CURRENT).is_symlink() or os.readlink(folder / CURRENT) != name or not whole:
        staging = folder / f"{name}.tmp-{os.getpid()}"
        staging.mkdir()
        for filename, data in files.items():
            with open(staging / filename, "wb") as f:
                f.write(data)
                f.flush()
                os.fsync(f.fileno())
            os.chmod(staging / filename, 0o666 & ~_umask())
        if target.exists():  # a set by that name that is not whole (damaged): set it aside, replace it
            aside = folder / f"{name}.tmp-old-{os.getpid()}"
            os.replace(target, aside)
            os.replace(staging, target)
            shutil.rmtree(aside, ignore_errors=True)
        else:
            os.replace(staging, target)
        _symlink(name, folder / CURRENT)  # the switch
    for filename in (name for name in files if name not in SIDE_FILES):
        wanted = f"{CURRENT}/{filename}"
        link = folder / filename
        if not (link.is_symlink() and os.readlink(link) == wanted):
            _symlink(wanted, link)
    for filename in ON_DEMAND:  # exported from an earlier set: not this set's data, so no longer linked
        link = folder / filename
        if link.is_symlink() and os.readlink(link) == f"{CURRENT}/{filename}" and not link.exists():
            link.unlink()
    _fsync_dir(folder)
    remove_leftovers(folder)
    return {folder / filename: len(data) for filename, data in files.items()}


def _symlink(target: str, link: Path) -> None:
    """Point ``link`` at ``target`` atomically (a new link, then a rename over the old name)."""
    tmp = link.with_name(f".kg-link.{link.name}.tmp-{os.getpid()}")
    tmp.unlink(missing_ok=True)
    os.symlink(target, tmp)
    os.replace(tmp, link)


def _fsync_dir(folder: Path) -> None:
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
