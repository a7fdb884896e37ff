"""The relation over time: for two parties (two states, or a state and an institution), one HTML page with
the events and each status each source reported for each undertaking on a time axis, by source, sources of
the same date that disagree marked, each fact with the words that support it and a link to its article.

The facts come from queries/timeline.rq (run on any engine); the page is rendered by Jinja with every value
escaped and runs no script at all (its CSP allows none), so it is safe and opens offline.
"""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, select_autoescape

from kg import namespaces as ns
from kg.view import TEMPLATES

TEXT = {
    "en": {"title": "The relation over time", "undated": "undated", "conflict": "sources of this date disagree",
           "conflict_one": "the same source reports another status at this date",
           "retold": "the project's retelling, in its own words (not a quotation)",
           "status": "status", "date": "took place", "words": "the words", "article": "article",
           "retells": "retells", "source": "Source", "sources": "Sources", "none": "Nothing links these two.",
           "axis": "Time axis: each mark is one source's report, placed at the source's date (an event at its own).",
           "back": "the graph"},
    "fr": {"title": "La relation dans le temps", "undated": "sans date", "conflict": "des sources de cette date "
           "se contredisent", "status": "statut", "date": "a eu lieu", "words": "les mots", "article": "article",
           "conflict_one": "la même source rapporte un autre statut à cette date",
           "retold": "récit du projet, dans ses propres mots (pas une citation)",
           "retells": "raconte", "source": "Source", "sources": "Sources", "none": "Rien ne relie ces deux-là.",
           "axis": "Axe du temps : chaque marque est ce qu’une source rapporte, à la date de la source "
                   "(un événement à la sienne).", "back": "le graphe"},
}
MARKS = "●■▲◆★⬟"  # one per source, in the order sources first appear: told apart without colour alone


def _value(row: dict, key: str) -> str:
    t = row.get(key)
    value = t.value if t is not None else ""
    # an address is linked only if it is the web's: no javascript: or data: from the data becomes a link
    return value if key not in ("url", "retells") or value.startswith(("https://", "http://")) else ""


def facts(result) -> list[dict[str, str]]:
    """The rows of queries/timeline.rq as plain strings, the same fact once."""
    keys = ("thing", "label", "kind", "status", "statusLabel", "date", "issued", "source", "title", "url",
            "retells", "claim", "exact")
    seen, out = set(), []
    for row in result.rows:
        fact = {k: _value(row, k) for k in keys}
        key = tuple(fact.values())
        if key not in seen:
            seen.add(key)
            out.append(fact)
    return out


def _year(text: str) -> float | None:
    """A date as a fractional year (a month's middle, a day's), for the axis; None if it is no date."""
    parts = text.split("-")
    try:
        year = int(parts[0])
    except ValueError:
        return None
    month = int(parts[1]) if len(parts) > 1 and parts[1].isdigit() else 7
    day = int(parts[2][:2]) if len(parts) > 2 and parts[2][:2].isdigit() else 15
    return year + (month - 1) / 12 + (day - 1) / 365


def lanes(rows: list[dict[str, str]], lang: str) -> dict:
    """What the page draws: one lane per undertaking or event, its marks on the axis, the sources, the span."""
    sources: dict[str, dict] = {}
    things: dict[str, dict] = {}
    for r in rows:
        src = sources.setdefault(r["source"], {"iri": r["source"], "title": r["title"] or ns.shorten(r["source"]),
                                              "date": r["issued"], "url": r["url"], "retells": r["retells"]})
        src["mark"] = MARKS[list(sources).index(r["source"]) % len(MARKS)]
        thing = things.setdefault(r["thing"], {"iri": r["thing"], "label": r["label"] or ns.shorten(r["thing"]),
                                               "kind": r["kind"], "marks": {}})
        when = r["date"] if r["date"] else r["issued"]  # an event at its date, a report at its source's
        key = (r["source"], r["claim"], r["status"], r["date"])
        mark = thing["marks"].setdefault(key, {"when": when, "at": _year(when) if when else None,
                                               "status": r["statusLabel"], "event": bool(r["date"]),
                                               "source": r["source"], "claim": r["claim"], "words": []})
        if r["exact"] and r["exact"] not in mark["words"]:
            mark["words"].append(r["exact"])
    years = [m["at"] for t in things.values() for m in t["marks"].values() if m["at"] is not None]
    lo, hi = (int(min(years)), int(max(years)) + 1) if years else (0, 1)
    step = max(1, -(-(hi - lo) // 5))
    out = []
    for t in sorted(things.values(), key=lambda t: (min((m["at"] for m in t["marks"].values()
                                                          if m["at"] is not None), default=9999), t["label"])):
        marks = sorted(t["marks"].values(), key=lambda m: (m["at"] is None, m["at"] or 0, m["source"], m["claim"]))
        # sources of the same date that report different statuses (as queries/status-now.rq's ?conflict)
        said: dict[str, set[str]] = defaultdict(set)
        saying: dict[str, set[str]] = defaultdict(set)
        for m in marks:
            if m["status"]:
                said[m["when"]].add(m["status"])
                saying[m["when"]].add(m["source"])
        for m in marks:
            m["conflict"] = bool(m["status"]) and len(said[m["when"]]) > 1
            # one source that reports two statuses is not two sources that disagree: said as it is
            m["conflict_one"] = m["conflict"] and len(saying[m["when"]]) == 1
            m["left"] = None if m["at"] is None else round(100 * (m["at"] - lo) / (hi - lo), 2)
            m["mark"] = sources[m["source"]]["mark"]
        out.append({**t, "marks": marks})
    return {"lanes": out, "sources": list(sources.values()), "from": lo, "to": hi,
            # every year on a wide screen; on a phone only the "major" ones (at most 6), so no two years overlap
            "ticks": [{"year": y, "left": round(100 * (y - lo) / (hi - lo), 2), "major": (y - lo) % step == 0}
                      for y in range(lo, hi + 1)]}


def render(rows: list[dict[str, str]], a: str, b: str, lang: str = "en", graph_href: str = "") -> str:
    words = TEXT.get(lang, TEXT["en"])
    env = Environment(loader=FileSystemLoader(str(TEMPLATES)), autoescape=select_autoescape(["html"]))
    return env.get_template("timeline.html").render(lang=lang, t=words, a=a, b=b, graph_href=graph_href,
                                                    **lanes(rows, lang))


def write_timeline(rows: list[dict[str, str]], path: Path, a: str, b: str, lang: str = "en",
                   graph_href: str = "") -> int:
    """Write the timeline page atomically; its size in bytes."""
    from kg.rdfio import atomic_write

    html = render(rows, a, b, lang, graph_href).encode("utf-8")
    atomic_write(path, html)
    return len(html)


def timeline_rows(engine, queries: Path, a: str, b: str, lang: str, timeout: float | None = None) -> list[dict]:
    """Ask queries/timeline.rq about two parties (prefixed names or IRIs) on an engine."""
    import pyoxigraph as ox

    from kg import query as q
    from kg.errors import EXIT_SYNTAX, KgError, Problem

    chosen = q.resolve("timeline", queries)
    params = q.parse_params([f"a={a}", f"b={b}", f'lang="{lang}"'], chosen.params)
    for given, key in ((a, "a"), (b, "b")):
        if not isinstance(params[key], ox.NamedNode):
            raise KgError(Problem(f"kg view --timeline: {given!r} is not an entity (give state:<slug>, "
                                  f"organization:<slug> or a full IRI)"), EXIT_SYNTAX)
    return facts(q.run(engine, chosen, params, timeout))


def party_label(engine, queries: Path, party: str, lang: str, timeout: float | None = None) -> str:
    """A party's name in the page's language (queries/entity.rq), else as it was given."""
    from kg import query as q

    chosen = q.resolve("entity", queries)
    rows = q.run(engine, chosen, q.parse_params([f"entity={party}"], chosen.params), timeout).rows
    names = {r["value"].language or "": r["value"].value for r in rows
             if r.get("property") is not None and r["property"].value in (ns.RDFS + "label", ns.SKOS + "prefLabel")
             and r.get("value") is not None and hasattr(r["value"], "language")}
    if not rows:
        from kg.errors import EXIT_SYNTAX, KgError, Problem

        raise KgError(Problem(f"kg view --timeline: {party} is not in the dataset (nothing is said of it)"),
                      EXIT_SYNTAX)
    return names.get(lang) or names.get("en") or names.get("") or next(iter(names.values()), party)


def pairs(G) -> list[tuple[str, str]]:
    """The pairs of states that are parties to one undertaking: whose relation has a timeline."""
    found = set()
    for n, d in G.nodes(data=True):
        if not d.get("status"):
            continue
        states = sorted({m for m in (*G.predecessors(n), *G.successors(n)) if G.nodes[m].get("category") == "State"})
        found |= {(x, y) for i, x in enumerate(states) for y in states[i + 1:]}
    return sorted(found)


def file_name(a: str, b: str) -> str:
    """A file name for a pair, from IRIs or prefixed names (state:kazakhstan -> state-kazakhstan)."""
    def part(x: str) -> str:
        short = ns.shorten(x) if x.startswith(("http://", "https://")) else x
        return "".join(c if c.isalnum() or c == "-" else "-" for c in short.strip("<>"))
    return f"{part(a)}--{part(b)}.html"
