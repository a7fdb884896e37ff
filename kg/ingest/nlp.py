"""The language pipelines: spaCy's French model (installed from PyPI, pinned) and, for English, a
blank pipeline with a rule-based sentence splitter. Nothing is downloaded at run time."""

from __future__ import annotations

from functools import cache

from kg.errors import KgError, Problem

MODELS = {"fr": "fr_core_news_md"}


@cache
def pipeline(language: str):
    """(the spaCy pipeline, its name and version for provenance)."""
    try:
        import spacy
    except ImportError:
        raise KgError(Problem("kg ingest needs spaCy: run make install")) from None
    name = MODELS.get(language)
    if name is None:
        nlp = spacy.blank(language)
        nlp.add_pipe("sentencizer")
        return nlp, f"spaCy {spacy.__version__} blank '{language}' pipeline with sentencizer"
    try:
        # the lemmatizer is not used: leave it out for speed
        nlp = spacy.load(name, exclude=["lemmatizer"])
    except OSError:
        raise KgError(Problem(f"the spaCy model {name} is not installed: run make install "
                              "(it comes from PyPI, pinned in pyproject.toml)")) from None
    return nlp, f"{name} {nlp.meta.get('version', '?')}"
