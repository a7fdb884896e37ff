"""The validation step lives in ``kg.build.validate``; this module keeps the older import path working."""

from kg.build.validate import (
    Check,
    Corpus,
    CorpusValidator,
    MetadataRules,
    ShaclResult,
    duplicate_articles,
    load_checks,
    load_shapes,
    located_shacl,
    metadata_problems,
    parse_date,
    run_checks,
    run_shacl,
    shacl_results,
    store_of,
    validate,
    validate_corpus,
    validate_file,
)

__all__ = ["Check", "Corpus", "CorpusValidator", "MetadataRules", "ShaclResult", "duplicate_articles",
           "load_checks", "load_shapes", "located_shacl", "metadata_problems", "parse_date", "run_checks",
           "run_shacl", "shacl_results", "store_of", "validate", "validate_corpus", "validate_file"]
