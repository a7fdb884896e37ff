"""The build as a whole: assemble, validate each article, publish the outputs."""

from __future__ import annotations

from pathlib import Path

from kg.build.assemble import Dataset, assemble
from kg.build.outputs import INPUTS, Parts, build_lock, publish, remove_leftovers, unchanged_outputs
from kg.build.validate import validate_corpus
from kg.errors import KgError
from kg.project import Project


def build(project: Project, *, check: bool = True, strict: bool = False) -> tuple[Dataset, dict[Path, int]]:
    """Assemble, validate each article, and publish build/kg.{trig,ttl,jsonld,nq} as one set.

    A broken article is left out (``ds.quarantined`` says which and why); with ``strict`` it fails
    the build instead. A problem outside the articles (ontology, entities, context…) always fails it.
    Nothing is published unless the whole set is written.
    """
    with build_lock(project.build):
        remove_leftovers(project.build)
        if check:
            corpus = validate_corpus(project)
            if corpus.shared:
                raise KgError(corpus.problems)
            if strict and corpus.quarantined:
                raise KgError(corpus.problems, corpus.exit_code)
            ds = corpus.dataset
            ds.quarantined = corpus.quarantined
            ds.validated = corpus.validated
        else:
            ds = assemble(project)
        parts = Parts(ds.parts(), project.build / "cache" / "parts")
        written = unchanged_outputs(project.build, parts.inputs)
        ds.kept = written is not None
        if written is None:
            written = publish(project.build, {**parts.files(), INPUTS: parts.inputs.encode()}, parts.inputs)
            written.pop(project.build / INPUTS)
    return ds, written
