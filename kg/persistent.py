"""The on-disk Oxigraph store (``build/oxigraph/``): loaded whole into a new folder, switched by one rename.

Layout of ``build/oxigraph/``::

    active -> store-<n>      a symbolic link, replaced atomically once a new store is complete
    store-<n>/               an Oxigraph (RocksDB) store, never written again once active
    store-<n>/kg-store.json  what it holds: the dataset's SHA-256 and the number of quads loaded
    store-<n>.lock           held shared by every process that reads store-<n> (so it is not deleted under it)
    writer.lock              held by the one process that loads a new store; others wait, and say so

When the dataset is a built set (``build/kg.trig``…) whose ``kg.parts.json`` names the parts it was joined from,
and the active store was loaded from an earlier set, the new store is that store's copy (a RocksDB backup: hard
links) with the parts gone removed and the new parts added (their N-Quads read from ``build/cache/parts/``), kept
only if it then holds exactly the set's number of quads; else (many parts changed, a part no longer cached, a
quad two parts shared) it is loaded whole.

Readers open the active store read-only and take no RocksDB lock, so any number of ``kg query --persistent``
and ``kg serve`` run at once. A store whose marker does not match the dataset, whose quad count differs from
the marker's, or that cannot be opened is not trusted: a new one is loaded beside it.
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import json
import os
import shutil
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pyoxigraph as ox

from kg.errors import KgError, Problem
from kg.rdfio import bulk_load, require_dataset

MARKER = "kg-store.json"
WAIT_SECONDS = 600.0  # how long a process waits for another one's load before giving up


def digest(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


class OpenStore:
    """A read-only store and the shared lock that keeps its folder from being deleted while it is read."""

    def __init__(self, store: ox.Store, folder: Path, lock_fd: int) -> None:
        self.store, self.folder, self._fd = store, folder, lock_fd

    def close(self) -> None:
        if self._fd >= 0:
            os.close(self._fd)
            self._fd = -1

    def __del__(self) -> None:
        self.close()


def _marker(folder: Path) -> dict:
    try:
        return json.loads((folder / MARKER).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}


def _open_checked(folder: Path, wanted: str) -> OpenStore | None:
    """The store in ``folder`` if it holds the dataset with this hash, whole; None on any doubt."""
    marker = _marker(folder)
    if marker.get("dataset_sha256") != wanted or not isinstance(marker.get("quads"), int):
        return None
    fd = os.open(folder.with_name(folder.name + ".lock"), os.O_RDWR | os.O_CREAT, 0o644)
    try:
        fcntl.flock(fd, fcntl.LOCK_SH)
        if not folder.is_dir():  # deleted between resolving the link and taking the lock
            raise OSError
        store = ox.Store.read_only(str(folder))
        if len(store) != marker["quads"]:
            raise OSError
    except (OSError, RuntimeError):  # RocksDB reports missing or corrupt files as either
        os.close(fd)
        return None
    return OpenStore(store, folder, fd)


def _active(location: Path) -> Path | None:
    link = location / "active"
    return location / os.readlink(link) if link.is_symlink() else None


@contextlib.contextmanager
def _writer_lock(location: Path, wait: float) -> Iterator[None]:
    fd = os.open(location / "writer.lock", os.O_RDWR | os.O_CREAT, 0o644)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            print(f"waiting: another kg process is loading the store in {location} …", file=sys.stderr, flush=True)
            deadline = time.monotonic() + wait
            while True:
                try:
                    fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                    break
                except BlockingIOError:
                    if time.monotonic() > deadline:
                        raise KgError(Problem(f"another kg process has been loading the store for more than "
                                              f"{wait:g} s; if none is running, delete the folder", location)) \
                            from None
                    time.sleep(0.2)
        yield
    finally:
        os.close(fd)


def _manifest(dataset: Path) -> dict | None:
    """The parts a built set was joined from (kg.parts.json beside the file the dataset's link points to)."""
    try:
        doc = json.loads((dataset.parent / "kg.parts.json").read_text(encoding="utf-8"))
        if doc.get("format") != 1 or not isinstance(doc.get("quads"), int) or not isinstance(doc.get("parts"), list):
            return None
        return doc
    except (OSError, ValueError):
        return None


def _part_quads(manifest: dict, folder: Path, key: str) -> list[ox.Quad] | None:
    """A part's quads, from its N-Quads in the build's cache of parts; None if it is not there whole."""
    from kg.build.cache import BlobCache

    found = BlobCache((folder / manifest["cache"]).resolve()).get(key)
    if found is None:
        return None
    meta, payload = found
    sizes, order = meta.get("sizes", {}), manifest.get("order", [])
    if set(sizes) != set(order) or manifest.get("nquads") not in sizes or sum(sizes.values()) != len(payload):
        return None
    at = sum(sizes[name] for name in order[:order.index(manifest["nquads"])])
    try:
        return list(ox.parse(payload[at:at + sizes[manifest["nquads"]]], format=ox.RdfFormat.N_QUADS))
    except (SyntaxError, ValueError):
        return None


def _update(dataset: Path, location: Path, wanted: str, active: Path | None) -> Path | None:
    """A new store-<n>: the active store with the parts gone removed and the new ones added, switched to if it
    holds exactly the set's quads; None when a whole load is needed (or cheaper)."""
    manifest, old = _manifest(dataset), _marker(active) if active is not None else {}
    if manifest is None or active is None or not isinstance(old.get("parts"), list):
        return None
    before, after = set(old["parts"]), set(manifest["parts"])
    gone, new = before - after, after - before
    if len(gone) + len(new) > max(16, len(after) // 4):
        return None  # much changed: loading whole is as quick
    removed, added = [], []
    for keys, into in ((sorted(gone), removed), (sorted(new), added)):
        for key in keys:
            quads = _part_quads(manifest, dataset.parent, key)
            if quads is None:
                return None
            into.extend(quads)
    folder = _new_folder(location)
    try:
        source = ox.Store.read_only(str(active))
        if len(source) != old.get("quads"):
            return None  # not whole: nothing to start from
        source.backup(str(folder))
        del source
        store = ox.Store(str(folder))
        for q in removed:  # first: a quad both a gone and a new part hold stays
            store.remove(q)
        store.extend(added)
        store.flush()
        quads = len(store)
        del store
        if quads != manifest["quads"]:  # a removed quad another part still holds: load whole
            shutil.rmtree(folder, ignore_errors=True)
            return None
        _write_marker(folder, wanted, quads, manifest)
    except (OSError, RuntimeError):
        shutil.rmtree(folder, ignore_errors=True)
        return None
    except BaseException:
        shutil.rmtree(folder, ignore_errors=True)
        raise
    _switch(location, folder)
    return folder


def _new_folder(location: Path) -> Path:
    numbers = [int(p.name[6:]) for p in location.glob("store-*") if p.is_dir() and p.name[6:].isdigit()]
    folder = location / f"store-{max(numbers, default=0) + 1}"
    shutil.rmtree(folder, ignore_errors=True)
    return folder


def _write_marker(folder: Path, wanted: str, quads: int, manifest: dict | None) -> None:
    marker = {"dataset_sha256": wanted, "quads": quads}
    if manifest is not None and manifest["quads"] == quads:
        marker["parts"] = manifest["parts"]  # what the next set's update starts from
    (folder / MARKER).write_text(json.dumps(marker) + "\n", encoding="utf-8")


def _load(dataset: Path, location: Path, wanted: str) -> Path:
    """Load the dataset into a new store-<n> folder and switch ``active`` to it."""
    manifest = _manifest(dataset.resolve())  # read before loading: the set it names is then the one loaded
    folder = _new_folder(location)
    try:
        store = ox.Store(str(folder))
        bulk_load(store, dataset)
        store.flush()
        quads = len(store)
        del store  # closes RocksDB: readers may open it from now on
        _write_marker(folder, wanted, quads, manifest)
    except BaseException:
        shutil.rmtree(folder, ignore_errors=True)
        raise
    _switch(location, folder)
    return folder


def _switch(location: Path, folder: Path) -> None:
    link = location / ".active.tmp"
    with contextlib.suppress(FileNotFoundError):
        link.unlink()
    link.symlink_to(folder.name)
    os.replace(link, location / "active")  # the switch: readers see the old store or the new one, whole


def _remove_unused(location: Path, keep: Path) -> None:
    """Delete every other store folder no process reads (and whatever an older layout left at the top)."""
    for path in location.iterdir():
        if path.name in ("active", "writer.lock", keep.name, keep.name + ".lock"):
            continue
        if path.name.startswith("store-") and path.is_dir():
            fd = os.open(path.with_name(path.name + ".lock"), os.O_RDWR | os.O_CREAT, 0o644)
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                shutil.rmtree(path, ignore_errors=True)  # under the lock: a reader waits, then sees it gone
            except BlockingIOError:
                continue  # someone still reads it: the next load removes it
            finally:
                os.close(fd)
        elif path.name.startswith("store-") and path.name.endswith(".lock"):
            if not (location / path.name[:-5]).exists():
                path.unlink(missing_ok=True)
        elif path.is_dir():
            shutil.rmtree(path, ignore_errors=True)
        else:
            path.unlink(missing_ok=True)


def open_persistent(dataset: Path, location: Path, wait: float = WAIT_SECONDS) -> OpenStore:
    """A read-only store holding exactly ``dataset``, loaded first if the active one is missing, stale or damaged."""
    real = require_dataset(dataset).resolve()  # a built set's file: its kg.parts.json is beside it
    wanted = digest(real)
    location.mkdir(parents=True, exist_ok=True)
    active = _active(location)
    if active is not None and (opened := _open_checked(active, wanted)):
        return opened
    with _writer_lock(location, wait):
        active = _active(location)  # another process may have loaded it while this one waited
        if active is None or not (opened := _open_checked(active, wanted)):
            damaged = active is not None and _marker(active).get("dataset_sha256") == wanted
            if damaged:
                print(f"the store in {active} is damaged (it cannot be opened, or holds other than "
                      f"{_marker(active).get('quads')} quads): loading {dataset} again", file=sys.stderr, flush=True)
            folder = (None if damaged else _update(real, location, wanted, active)) or _load(dataset, location, wanted)
            opened = _open_checked(folder, wanted)
            if opened is None:
                raise KgError(Problem("the store just loaded does not hold the dataset's quads; the disk may be "
                                      "full or failing", location))
        _remove_unused(location, opened.folder)
    return opened
