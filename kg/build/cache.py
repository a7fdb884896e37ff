"""The build's cache: what an unchanged input gives is not worked out again.

- ``build/cache/validation/``: one small JSON file per verdict, named by the SHA-256 of everything the
  verdict depends on (the digest of the article's quads, the ontology, the shapes, the checks, the digests of
  the entities it uses and of what other articles say of the things it uses, the validator's own code);
- ``build/cache/articles/``: each article folder assembled (its quads, where each came from), named by
  the digest of its files and of the assembling code, with a summary on its first line (the digest of its
  quads, the IRIs they name, its metadata, a digest per thing its claims describe) that lets a build key,
  validate and write an unchanged article without parsing its quads;
- ``build/cache/articles-index``: each article folder's key (by the stamp of its files) and its summary, in one
  file read once per build and written whole (marshal, with a checksum); a damaged one is rebuilt from the
  entries' first lines (see kg.build.assemble.ArticleCache);
- ``build/cache/parts/``: each part of the outputs (an article, by the digest of its quads; a bucket of
  an input's subjects, by its quads) in every format, joined byte for byte into the outputs;
- ``build/cache/context-keys``: each article's context key as the last build made it, with the digests of what
  it depended on, taken again while none of those changed (see kg.build.validate.KeyMemo).

Deleting the folder is always safe: the next build works everything out again. A file that cannot be
read, is not what it says, or does not say it holds its own key is ignored (and rewritten), never
trusted. Files are written whole (temp file, then rename), so a killed build leaves no part; they are
not synced to disk (a cache entry lost to a power cut is only worked out again).
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import tempfile
from pathlib import Path

from kg.errors import Problem

FORMAT = 1  # bump when the meaning of a verdict changes: older files are then ignored


def digest(*parts: bytes | str) -> str:
    """SHA-256 of the parts, each length-prefixed so that ("ab", "c") and ("a", "bc") differ."""
    h = hashlib.sha256()
    for part in parts:
        data = part.encode("utf-8") if isinstance(part, str) else part
        h.update(len(data).to_bytes(8, "big"))
        h.update(data)
    return h.hexdigest()


def files_digest(paths: list[Path], root: Path) -> str:
    """The digest of some files' names (relative to ``root``) and contents."""
    parts: list[bytes | str] = []
    for path in sorted(paths):
        parts += [path.relative_to(root).as_posix(), path.read_bytes()]
    return digest(*parts)


class VerdictCache:
    """Problems found for a key (an empty list: valid). Paths are kept relative to the project root."""

    def __init__(self, folder: Path, root: Path) -> None:
        self.folder = folder
        self.root = root

    def _file(self, key: str) -> Path:
        return self.folder / f"{key}.json"

    def get(self, key: str) -> list[Problem] | None:
        """The cached problems, or None when there is no usable verdict for this key."""
        try:
            doc = json.loads(self._file(key).read_bytes().decode("utf-8"))
            if doc["format"] != FORMAT or doc["key"] != key:
                return None
            return [Problem(str(p["message"]), self._absolute(p["path"]), _int(p["line"]), _int(p["column"]))
                    for p in doc["problems"]]
        except (OSError, UnicodeDecodeError, ValueError, KeyError, TypeError):
            return None  # missing or corrupt: validate again

    def put(self, key: str, problems: list[Problem]) -> None:
        doc = {"format": FORMAT, "key": key,
               "problems": [{"message": p.message, "path": self._relative(p.path), "line": p.line,
                             "column": p.column} for p in problems]}
        write_whole(self._file(key), (json.dumps(doc, ensure_ascii=False, sort_keys=True) + "\n").encode("utf-8"))

    def _relative(self, path: Path | str | None) -> str | None:
        if path is None:
            return None
        try:
            return Path(path).relative_to(self.root).as_posix()
        except ValueError:
            return str(path)

    def _absolute(self, path: str | None) -> Path | None:
        if path is None:
            return None
        if not isinstance(path, str):
            raise TypeError("a path is a string")
        return self.root / path


def _int(value: object) -> int | None:
    if value is None:
        return None
    if not isinstance(value, int) or isinstance(value, bool):
        raise TypeError("a line or column is an integer")
    return value


def write_sealed(path: Path, head: tuple, value: object) -> None:
    """A cache file of plain values (marshal: fast, and it runs no code when read), with a head that says what
    made it and a checksum, written whole."""
    import marshal
    import zlib

    data = marshal.dumps((head, value))
    write_whole(path, zlib.crc32(data).to_bytes(4, "big") + data)


def read_sealed(path: Path, head: tuple) -> object | None:
    """What ``write_sealed`` wrote with this head, or None: a file missing, damaged or made by other code is never
    used, not even in part (the reader checks the value's shape)."""
    import marshal
    import zlib

    try:
        data = path.read_bytes()
        if len(data) < 4 or int.from_bytes(data[:4], "big") != zlib.crc32(data[4:]):
            return None
        found, value = marshal.loads(data[4:])
    except (OSError, ValueError, EOFError, TypeError):
        return None
    return value if found == head else None


def write_whole(path: Path, data: bytes) -> None:
    """Write a cache file whole (temporary file, then rename), without waiting for the disk."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
        os.replace(tmp, path)
    finally:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)


class BlobCache:
    """Entries of a description (JSON, on the first line) and bytes, by key."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def get(self, key: str) -> tuple[dict, bytes] | None:
        try:
            data = (self.folder / key).read_bytes()
            head, _, payload = data.partition(b"\n")
            meta = json.loads(head.decode("utf-8"))
            if meta["format"] != FORMAT or meta["key"] != key or meta["size"] != len(payload):
                return None
            return meta, payload
        except (OSError, UnicodeDecodeError, ValueError, KeyError, TypeError):
            return None  # missing or damaged: worked out again

    def head(self, key: str) -> dict | None:
        """An entry's description alone (its first line): its bytes are read by ``get`` when needed."""
        try:
            with open(self.folder / key, "rb") as f:
                meta = json.loads(f.readline().decode("utf-8"))
            return meta if meta["format"] == FORMAT and meta["key"] == key else None
        except (OSError, UnicodeDecodeError, ValueError, KeyError, TypeError):
            return None

    def put(self, key: str, meta: dict, payload: bytes) -> None:
        head = json.dumps({**meta, "format": FORMAT, "key": key, "size": len(payload)}, ensure_ascii=False,
                          sort_keys=True)
        write_whole(self.folder / key, head.encode("utf-8") + b"\n" + payload)


def code_digest(*modules: str) -> str:
    """The digest of some modules' source files: cached work done by older code is not trusted."""
    import importlib

    return digest(*(Path(importlib.import_module(name).__file__).read_bytes() for name in modules))
