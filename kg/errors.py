"""Errors that reach the user: where (file, line, column) and what, never a traceback."""

from __future__ import annotations

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
