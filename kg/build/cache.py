"""The validation cache: an article whose inputs did not change is not validated again.

One small JSON file per verdict under ``build/cache/validation/``, named by the SHA-256 of everything
the verdict depends on (the article's files, the ontology, the shapes, the checks, the entities it
uses). Deleting the folder is always safe: the next build validates again. A file that cannot be
read, is not JSON, or does not say it holds the verdict for its own key is ignored (and rewritten),
never trusted. Files are written whole (temp file, then rename), so a killed build leaves no part.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from kg.errors import Problem
from kg.rdfio import atomic_write

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
        atomic_write(self._file(key), (json.dumps(doc, ensure_ascii=False, sort_keys=True) + "\n").encode("utf-8"))

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
