"""A small Wikidata-shaped dataset made by the tests (wd:, wdt:, p:, ps:, pq:, schema:description, rdfs:label).

Descriptions, dates and the extra items here are fixtures for the tests, not facts: the identifiers of the
linked entities are the checked ones, and Q999999999001 is fictitious (far above any real item).
"""

from __future__ import annotations

LINKED = {
    "Q232": ("Kazakhstan", "Kazakhstan", "fixture: country in Central Asia", "Q6256"),
    "Q142": ("France", "France", "fixture: country in Western Europe", "Q6256"),
    "Q90": ("Paris", "Paris", "fixture: capital of France", "Q515"),
    "Q1520": ("Astana", "Astana", "fixture: capital of Kazakhstan", "Q515"),
    "Q200881": ("Qasym-Zhomart Toqaev", "Kassym-Jomart Tokaïev", "fixture: President of Kazakhstan", "Q5"),
    "Q27182": ("Rachida Dati", "Rachida Dati", "fixture: French politician", "Q5"),
    "Q3052772": ("Emmanuel Macron", "Emmanuel Macron", "fixture: President of France", "Q5"),
    "Q860994": ("Guimet Museum", "Musée Guimet", "fixture: museum of Asian art in Paris", "Q33506"),
}
CANDIDATE = "Q999999999001"

PREFIXES = """\
@prefix wd: <http://www.wikidata.org/entity/> .
@prefix wds: <http://www.wikidata.org/entity/statement/> .
@prefix wdt: <http://www.wikidata.org/prop/direct/> .
@prefix p: <http://www.wikidata.org/prop/> .
@prefix ps: <http://www.wikidata.org/prop/statement/> .
@prefix pq: <http://www.wikidata.org/prop/qualifier/> .
@prefix schema: <http://schema.org/> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix geo: <http://www.opengis.net/ont/geosparql#> .
"""


def turtle(overrides: dict[str, str] | None = None, leave_out: tuple[str, ...] = ()) -> str:
    """The fixture; ``overrides`` renames items in English (to make a wrong link), ``leave_out`` drops items."""
    lines = [PREFIXES]
    for qid, (en, fr, description, cls) in LINKED.items():
        if qid in leave_out:
            continue
        en = (overrides or {}).get(qid, en)
        lines.append(f'wd:{qid} rdfs:label "{en}"@en , "{fr}"@fr , "{en}"@ru ;'
                     f' schema:description "{description}"@en ; wdt:P31 wd:{cls} .')
    lines += [
        'wd:Q5 rdfs:label "human"@en , "être humain"@fr .',
        'wd:Q6256 rdfs:label "country"@en , "pays"@fr .',
        'wd:Q232 wdt:P625 "Point(0 0)"^^geo:wktLiteral ; wdt:P17 wd:Q232 .',
        'wd:Q860994 wdt:P17 wd:Q142 ; wdt:P856 <https://example.org/fixture-museum> ;',
        '    wdt:P571 "2000-01-01T00:00:00Z"^^xsd:dateTime .',
        'wd:Q27182 skos:altLabel "R. Dati"@fr ; p:P39 wds:fixture-dati-culture .',
        'wds:fixture-dati-culture ps:P39 wd:Q999999999002 ; pq:P580 "2000-01-01T00:00:00Z"^^xsd:dateTime .',
        'wd:Q999999999002 rdfs:label "fixture: Minister of Culture"@en .',
        f'wd:{CANDIDATE} rdfs:label "Aida Balaeva"@en ; schema:description "fixture: fictitious candidate"@en .',
        'wd:Q999999999003 rdfs:label "Unrelated"@en .',
    ]
    return "\n".join(lines) + "\n"
