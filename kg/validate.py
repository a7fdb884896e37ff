"""The validation step lives in ``kg.build.validate``; this module keeps the older import path working."""

from kg.build.validate import (
    Check,
    Corpus,
    CorpusValidator,
    MetadataRules,
    ShaclResult,
    load_checks,
    run_checks,
    shacl_results,
    store_of,
    validate,
    validate_corpus,
    validate_file,
)

__all__ = ["Check", "Corpus", "CorpusValidator", "MetadataRules", "ShaclResult", "load_checks", "run_checks",
           "shacl_results", "store_of", "validate", "validate_corpus", "validate_file"]
