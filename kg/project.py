"""Where things are: the project's folders, found from the working directory."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Project:
    root: Path
    build_dir: Path | None = None  # where outputs go; build/ under the root unless set

    @property
    def ontology(self) -> Path:
        return self.root / "ontology"

    @property
    def shapes(self) -> Path:
        return self.ontology / "shapes.ttl"

    @property
    def data(self) -> Path:
        return self.root / "data"

    @property
    def queries(self) -> Path:
        return self.root / "queries"

    @property
    def checks(self) -> Path:
        return self.queries / "checks"

    @property
    def build(self) -> Path:
        return self.build_dir or self.root / "build"

    @property
    def dataset(self) -> Path:
        """The dataset contract: every later step reads this file."""
        return self.build / "kg.trig"


def find_project(start: Path | None = None) -> Project:
    """The project whose files to use: $KG_ROOT, else the nearest folder up with ontology/ and data/."""
    if env := os.environ.get("KG_ROOT"):
        return Project(Path(env).resolve())
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        if (folder / "ontology").is_dir() and (folder / "data").is_dir():
            return Project(folder)
    # installed non-editable and run elsewhere: fall back to the source tree next to the package
    return Project(Path(__file__).resolve().parent.parent)
