"""Build: ontology/ + data/ → validate, attach provenance → the dataset in build/.

The steps, one module each, imported one way (each only from those above it):

- ``cache``: digests, and the verdicts kept between builds (``build/cache/``);
- ``assemble``: every input read into quads, each article on its own, errors at file and line;
- ``validate``: SHACL shapes and the SPARQL checks, article by article (a broken one is quarantined);
- ``outputs``: the dataset in TriG and N-Quads, published as one set (Turtle and JSON-LD on demand: ``export``);
- ``pipeline``: ``build()``, the three above in order.

The dataset contract (``build/kg.trig``), every later step reads it:
- the ontology, with its SKOS schemes, in ``graph:ontology``;
- entities (types, names) in ``graph:entities``; checked Wikidata links in ``graph:wikidata-links``;
- each source's metadata and full text in ``graph:sources``;
- each claim of an article in its own named graph ``claim:<article>/<name>``, whose provenance
  (``prov:wasDerivedFrom`` a text segment with Web Annotation selectors) is in ``graph:provenance``;
- each fact from outside the article in its own graph ``context:<name>``, with its source;
- the Wikidata cache, if any, in ``graph:wikidata``.
"""

from kg.build.assemble import (
    ACCEPTED,
    PENDING,
    REJECTED,
    Dataset,
    apply_merges,
    article_folders,
    assemble,
    assemble_article,
    assemble_ontology,
    assemble_shared,
    checked_wikidata_ids,
    entity_files,
    iri_line,
    known_entities,
    merge_targets,
    merges_path,
    ontology_files,
    quad,
    read_merges,
    reference_rows,
    withheld_summary,
)
from kg.build.outputs import (
    CURRENT,
    INPUTS,
    ON_DEMAND,
    OUTPUTS,
    build_lock,
    export,
    outputs,
    publish,
    remove_leftovers,
)
from kg.build.pipeline import build

__all__ = ["ACCEPTED", "CURRENT", "INPUTS", "ON_DEMAND", "OUTPUTS", "PENDING", "REJECTED", "Dataset", "apply_merges",
           "article_folders", "assemble", "assemble_article", "assemble_ontology", "assemble_shared", "build",
           "build_lock", "checked_wikidata_ids", "entity_files", "export", "iri_line",
           "known_entities", "merge_targets",
           "merges_path", "ontology_files", "outputs", "publish", "quad", "read_merges", "reference_rows",
           "remove_leftovers", "withheld_summary"]
