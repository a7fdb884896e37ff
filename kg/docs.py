"""Documentation of the ontology and its SKOS schemes, generated offline with pyLODE (pinned to 3.3.4:
3.4.1 crashes on import). Each page is written whole (atomically), with an index linking them."""

from __future__ import annotations

import html
import json
import logging
import re
from pathlib import Path

from kg.project import Project
from kg.rdfio import atomic_write

PAGES = (  # (output, source, pyLODE profile, title)
    ("ontology.html", "cdkg.ttl", "ontpub", "Cultural diplomacy ontology (OWL)"),
    ("status.html", "status.ttl", "vocpub", "Status of undertakings (SKOS)"),
    ("review.html", "review.ttl", "vocpub", "Review state of claims (SKOS)"),
    ("domains.html", "domains.ttl", "vocpub", "Cooperation domains (SKOS)"),
    ("event-codes.html", "event-codes.ttl", "vocpub", "CAMEO and PLOVER codes (SKOS)"),
)


_SCHEMA_ORG = re.compile(r'(<script id="schema.org" type="application/ld\+json">)(.*?)(</script>)', re.S)


def _sorted_json(value: object) -> object:
    if isinstance(value, dict):
        return {k: _sorted_json(v) for k, v in sorted(value.items())}
    if isinstance(value, list):  # JSON-LD arrays are sets (no @list here): any fixed order will do
        return sorted((_sorted_json(v) for v in value), key=lambda v: json.dumps(v, ensure_ascii=False))
    return value


def stable(page: str) -> str:
    """The page with its embedded schema.org JSON-LD in one fixed order: pyLODE writes the concept schemes
    of a file with two (event-codes.ttl: CAMEO, PLOVER) in set order, which changes from run to run."""
    def canonical(m: re.Match) -> str:
        try:
            data = json.loads(m.group(2))
        except ValueError:
            return m.group(0)
        return m.group(1) + "\n" + json.dumps(_sorted_json(data), ensure_ascii=False, indent=2) + "\n\t" + m.group(3)

    return _SCHEMA_ORG.sub(canonical, page)


def make_docs(project: Project, out: Path | None = None) -> list[Path]:
    from pylode import OntPub, VocPub

    logging.getLogger().setLevel(logging.WARNING)  # pyLODE sets up logging of its progress on import

    out = out or project.build / "docs"
    written = []
    for name, source, profile, _ in PAGES:
        maker = OntPub if profile == "ontpub" else VocPub
        page = stable(maker(ontology=project.ontology / source, sort_subjects=True).make_html(include_css=True))
        atomic_write(out / name, page.encode("utf-8"))
        written.append(out / name)
    items = "\n".join(f'<li><a href="{html.escape(n)}">{html.escape(t)}</a> — '
                      f"<code>ontology/{html.escape(s)}</code></li>" for n, s, _, t in PAGES)
    index = (f"<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Cultural diplomacy graph: "
             f"documentation</title></head><body><h1>Cultural diplomacy graph: documentation</h1><ul>\n{items}\n</ul>"
             "<p>Generated from <code>ontology/</code> by <code>make docs</code> (pyLODE 3.3.4).</p></body></html>\n")
    atomic_write(out / "index.html", index.encode("utf-8"))
    return [out / "index.html", *written]
