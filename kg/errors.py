"""Errors that reach the user: where (file, line, column) and what, never a traceback."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

# Exit codes of the command line.
EXIT_OK = 0
EXIT_INVALID = 1  # the input is well-formed but wrong: a missing quote, an unknown term, a failed check
EXIT_SYNTAX = 2  # the input cannot be read: malformed Turtle, a SPARQL syntax error, a bad argument


@dataclass(frozen=True)
class Problem:
    """One thing wrong, located as precisely as the input allows."""

    message: str
    path: Path | str | None = None
    line: int | None = None
    column: int | None = None

    def __str__(self) -> str:
        where = ""
        if self.path is not None:
            where = str(self.path)
            if self.line is not None:
                where += f":{self.line}"
                if self.column is not None:
                    where += f":{self.column}"
            where += ": "
        return where + self.message


class KgError(Exception):
    """One or more problems; ``exit_code`` says what kind."""

    def __init__(self, problems: Problem | list[Problem], exit_code: int = EXIT_INVALID) -> None:
        self.problems = problems if isinstance(problems, list) else [problems]
        self.exit_code = exit_code
        super().__init__("\n".join(str(p) for p in self.problems))


def line_of(path: Path, needle: str) -> int | None:
    """The first line of a file that contains ``needle`` (1-based), to point a user at an error."""
    try:
        for number, text in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            if needle in text:
                return number
    except OSError:
        return None
    return None


_PREFIX = re.compile(r"^\s*(?:@prefix|PREFIX)\s+([A-Za-z][\w.-]*|):\s*<([^>]*)>", re.IGNORECASE)


def line_of_subject(path: Path, iri: str, needle: str | None = None) -> int | None:
    """The line where ``iri`` is described in a Turtle or TriG file (as <iri> or under any of the file's
    prefixes, at the start of a line), or the first line of that description containing ``needle``: each
    claim's own line, not the first line anywhere that shares a quote or a name with it."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError):
        return None
    forms = [f"<{iri}>"]
    for line in lines:
        if (m := _PREFIX.match(line)) and iri.startswith(m.group(2)) and m.group(2):
            forms.append(f"{m.group(1)}:{iri[len(m.group(2)):]}")
    start = re.compile(r"^\s*(?:GRAPH\s+)?(?:" + "|".join(map(re.escape, forms)) + r")(?=[\s{;,]|$)")
    first = None
    for number, text in enumerate(lines, start=1):
        if start.match(text):
            first = first or number
            if needle is None:
                return number
            for offset, later in enumerate(lines[number - 1:]):
                if needle in later:
                    return number + offset
                if later.rstrip().endswith((" .", "\t.", "}")):
                    break  # that description ended without it: the subject may be described again further on
    return first
