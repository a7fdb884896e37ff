"""The build as a whole: assemble, validate each article, publish the outputs."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pyoxigraph as ox

from kg.build.assemble import (
    Dataset,
    apply_merges,
    article_folders,
    assemble_article,
    assemble_shared,
    known_entities,
    merges_path,
    read_merges,
)
from kg.build.cache import code_digest, digest, write_whole
from kg.build.outputs import (
    INPUTS,
    MANIFEST,
    SIDE_FILES,
    KeyedPart,
    Parts,
    build_lock,
    manifest,
    publish,
    remove_leftovers,
    unchanged_outputs,
)
from kg.build.validate import validate_corpus, validator_code
from kg.errors import KgError, Problem
from kg.project import Project


def build(project: Project, *, check: bool = True, strict: bool = False) -> tuple[Dataset, dict[Path, int]]:
    """Assemble, validate each article, and publish build/kg.trig as one set (other formats: ``export``).

    A broken article is left out (``ds.quarantined`` says which and why); with ``strict`` it fails
    the build instead. A problem outside the articles (ontology, entities, context…) always fails it.
    Nothing is published unless the whole set is written. When no input, no cached entry and no line of
    the build's code changed since the last build (see ``stamp``), the last build's outcome stands.
    An unchanged article is never parsed: its verdict and its part of the outputs are found by digests
    (see kg.build.cache), so one article more costs its own work and the joining of the others' bytes.
    """
    with build_lock(project.build):
        remove_leftovers(project.build)
        stamp = sources_stamp(project) if check else None
        if stamp is not None and (same := _same_as_last(project, stamp)) is not None:
            ds, written = same
            if strict and ds.quarantined:
                raise KgError([p for f in sorted(ds.quarantined) for p in ds.quarantined[f]], ds.exit_code)
            return ds, written
        if check:
            corpus = validate_corpus(project)
            if corpus.shared:
                raise KgError(corpus.problems)
            if strict and corpus.quarantined:
                raise KgError(corpus.problems, corpus.exit_code)
            if corpus.merges:  # merges rewrite the articles' quads: every article read, the parts keyed by quads
                ds = corpus.dataset
                pieces: list = ds.parts()
            else:  # an article's part by its key: an unchanged one is joined from its bytes, never parsed
                ds = CorpusDataset(corpus)
                pieces = [*corpus.inputs.parts(), *(KeyedPart(a.key, _loader(a)) for a in corpus.accepted)]
            ds.quarantined = corpus.quarantined
            ds.validated = corpus.validated
        else:
            ds, pieces = _assembled(project)
        parts = Parts(pieces, project.build / "cache" / "parts")
        written = unchanged_outputs(project.build, parts.inputs)
        ds.kept = written is not None
        if written is None:
            files = parts.files()
            counts = parts.counts()
            written = publish(project.build, {**files, INPUTS: parts.inputs.encode(),
                                              MANIFEST: manifest(parts, counts[0])}, parts.inputs)
            for side in SIDE_FILES:
                written.pop(project.build / side)
        else:
            counts = _published_counts(project.build) or Dataset.counts(ds)
        ds._counts = counts
        if stamp is not None:
            _remember(project, stamp, parts.inputs, ds, corpus.exit_code, counts)
    return ds, written


# What the last build found, beside the cache (deleted with it): the stamp of its inputs, the digest of the
# outputs it published, what it withheld and quarantined.
LAST = "last-build.json"


def sources_stamp(project: Project) -> str:
    """The name, size and modification time of every input file (ontology, data, checks), the build's own
    code, the SHACL engine and today's date (an article dated tomorrow is valid tomorrow)."""
    from datetime import datetime, timezone

    return digest("sources", validator_code(), code_digest("kg.build.pipeline", "kg.build.outputs", "kg.rdfio"),
                  ox.__version__, datetime.now(timezone.utc).date().isoformat(),
                  _files_stamp(project.ontology, project.data, project.checks))


def _files_stamp(*tops: Path) -> str:
    parts: list[str] = []
    for top in tops:
        for folder, dirs, files in os.walk(top):
            dirs.sort()
            for name in sorted(files):
                path = os.path.join(folder, name)
                try:
                    st = os.stat(path)
                except OSError:
                    continue
                parts.append(f"{path}\0{st.st_size}\0{st.st_mtime_ns}")
    return digest(*parts)


def _cache_stamp(project: Project) -> str:
    """The cache's entries as the last build left them: one damaged or deleted since is worked out again."""
    return _files_stamp(*(p for p in (project.build / "cache").glob("*") if p.is_dir()))


def _assembled(project: Project) -> tuple[Dataset, list]:
    """Every input read, without validation, and the parts of the outputs as a validated build makes them (each
    article a part of its own, never split: same inputs, same bytes, validated or not)."""
    shared = assemble_shared(project)
    known = known_entities(shared)
    articles = [assemble_article(project, folder, known) for folder in article_folders(project)]
    pieces: list = shared.parts()
    ds = shared
    for article in articles:
        ds.merge(article)
    if merges_path(project).is_file() and read_merges(merges_path(project))[1]:  # as validate_corpus decides
        apply_merges(ds, project)
        return ds, ds.parts()
    return ds, [*pieces, *(KeyedPart(digest("quads", ox.serialize(a.quads, format=ox.RdfFormat.N_QUADS)), _loader(a))
                           for a in articles)]


def _loader(article: Dataset):
    return lambda: article.quads


def _published_counts(folder: Path) -> tuple[int, int] | None:
    """The counts the last build remembered, when its outputs are the current ones (see ``_remember``)."""
    try:
        doc = json.loads((folder / "cache" / LAST).read_bytes())
        if unchanged_outputs(folder, doc["outputs"]) is None:
            return None
        return int(doc["counts"][0]), int(doc["counts"][1])
    except (OSError, ValueError, KeyError, TypeError, IndexError):
        return None


class CorpusDataset(Dataset):
    """The dataset a build published from a validated corpus: its quads (every article's, merged) read only when
    asked for; its counts are those of the outputs."""

    def __init__(self, corpus) -> None:
        self._corpus = corpus
        super().__init__()
        withheld = dict(corpus.inputs.withheld)
        for article in corpus.accepted:
            for status, n in article.withheld.items():
                withheld[status] = withheld.get(status, 0) + n
        self.withheld = withheld

    @property  # type: ignore[override]
    def quads(self) -> list[ox.Quad]:
        return self._corpus.dataset.quads

    @quads.setter
    def quads(self, value: list[ox.Quad]) -> None:
        if value:
            raise ValueError("the corpus's quads are its articles'")

    @property  # type: ignore[override]
    def origins(self) -> list:
        return self._corpus.dataset.origins

    @origins.setter
    def origins(self, value: list) -> None:
        if value:
            raise ValueError("the corpus's origins are its articles'")

    def counts(self) -> tuple[int, int]:
        return self._counts


class PublishedDataset(Dataset):
    """The dataset of the current outputs: its quads read from build/kg.trig only when asked for."""

    def __init__(self, source: Path, **fields) -> None:
        self._source, self._quads = source, None
        super().__init__(**fields)

    @property  # type: ignore[override]
    def quads(self) -> list[ox.Quad]:
        if self._quads is None:
            self._quads = list(ox.parse(path=str(self._source), format=ox.RdfFormat.TRIG))
        return self._quads

    @quads.setter
    def quads(self, value: list[ox.Quad]) -> None:
        self._quads = value or None

    def counts(self) -> tuple[int, int]:
        return self._counts if self._quads is None else super().counts()


def _remember(project: Project, stamp: str, outputs: str, ds: Dataset, exit_code: int,
              counts: tuple[int, int]) -> None:
    root = project.root
    problems = {os.path.relpath(folder, root): [[p.message, None if p.path is None else os.path.relpath(p.path, root),
                                                 p.line, p.column] for p in found]
                for folder, found in ds.quarantined.items()}
    doc = {"stamp": stamp, "cache": _cache_stamp(project), "outputs": outputs, "withheld": ds.withheld,
           "counts": list(counts),
           "quarantined": problems, "exit_code": exit_code}
    if sources_stamp(project) == stamp:  # no input changed while this build ran
        write_whole(project.build / "cache" / LAST, json.dumps(doc, sort_keys=True).encode("utf-8"))


def _same_as_last(project: Project, stamp: str) -> tuple[Dataset, dict[Path, int]] | None:
    try:
        doc = json.loads((project.build / "cache" / LAST).read_bytes())
        if doc["stamp"] != stamp or doc["cache"] != _cache_stamp(project):
            return None
        written = unchanged_outputs(project.build, doc["outputs"])
        if written is None:
            return None
        root = project.root
        quarantined = {root / folder: [Problem(m, None if p is None else root / p, line, column)
                                       for m, p, line, column in found]
                       for folder, found in doc["quarantined"].items()}
        ds = PublishedDataset(project.build / "kg.trig", withheld=dict(doc["withheld"]), quarantined=quarantined,
                              kept=True)
        ds.exit_code = int(doc["exit_code"])
        ds._counts = (int(doc["counts"][0]), int(doc["counts"][1]))
        return ds, written
    except (OSError, ValueError, KeyError, TypeError):
        return None
