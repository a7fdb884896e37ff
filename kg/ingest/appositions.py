"""Names the statistical model misses or runs together, read from their surroundings (issue 18): a person
named in apposition right after an office's title ("le ministre chinois de la Culture, Sun Yeli, …"), and
where a place's name ends when a person's name follows it ("à Luanda Carolina Cerqueira, ministre …")."""

from __future__ import annotations

import re

# a capitalised word of a person's name, hyphenated parts included ("Abdel-Gadir", "Jean-Ortiz", "McKenzie")
NAME_WORD = r"[A-ZÀ-ÖØ-Þ][\w’'-]*[\w]"
# what may follow a name in apposition: a comma, a full stop, a semicolon, "et", "ainsi que", "and", a bracket
# what a place's name follows: "à Luanda", "in Kolkata", "d'Incheon"
PLACE_PREPOSITIONS = r"à|au|aux|en|de|d['’]|du|des|vers|in|at|from|to|near|of"
NAME_END = r"(?=\s*(?:[,.;)]|\s(?:et|ainsi|and|qui|who)\b|$))"


def after_titles(text: str, heads: str) -> list[tuple[int, int]]:
    """(start, end) of each run of two to four capitalised words set off by a comma right after a title
    ("<title> …, Sun Yeli,"): the title vouches for a person's name there. The title's words run to the comma
    without a full stop, and the run ends where the apposition does."""
    out: list[tuple[int, int]] = []
    # the title in any case ("Ministre", "ministre"), the name capitalised
    pattern = re.compile(rf"(?<![\w-])(?i:{heads})\b[^,.;:\n«»\"]{{0,90}},[^\S\n]+"
                         rf"({NAME_WORD}(?:[^\S\n]+{NAME_WORD}){{1,3}}){NAME_END}")
    for m in pattern.finditer(text):
        out.append((m.start(1), m.end(1)))
    return out


def joined_people(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The model's person spans with the fragments of one name joined: "Kais" and "Saied" read apart are
    "Kais Saied" when only a space separates them on the same line."""
    out: list[tuple[int, int]] = []
    for s, e in sorted(spans):
        if out and re.fullmatch(r"[^\S\n]+", text[out[-1][1]:s]):
            out[-1] = (out[-1][0], e)
        else:
            out.append((s, e))
    return out


def titled_names(text: str, heads: str, portfolio: str, vouched) -> list[tuple[int, int]]:
    """"la ministre jordanienne de la Culture Haifa Najjar a …", "le président tunisien Kais Saied a reçu": a
    run of two to four capitalised words right after a title with no comma, followed by a lower-case word
    (a verb) or the clause's end; the title is its head, lower-case words (adjectives), and a portfolio
    opening on a capital ("de la Culture", "des Affaires étrangères"). vouched(start, end) says whether the
    model or the given names vouch for a name there: a title alone does not."""
    out: list[tuple[int, int]] = []
    pattern = re.compile(rf"(?<![\w-])(?i:{heads})(?:[^\S\n]+[a-zà-ÿ][\w’'-]*)?(?:{portfolio})?[^\S\n]+"
                         rf"({NAME_WORD}(?:[^\S\n]+{NAME_WORD}){{1,3}})(?=[^\S\n]+[a-zà-ÿ]|\s*[,.;)]|\s*$)")
    for m in pattern.finditer(text):
        if vouched(m.start(1), m.end(1)):
            out.append((m.start(1), m.end(1)))
    return out


def listed_only(text: str, people: list, conjunction: str) -> set[str]:
    """IRIs of the people named only in lists of three or more names ("Frida Kahlo, Diego Rivera et Rufino
    Tamayo": the artists of a show) or only inside quotation marks (a work's title): names, not actors of the
    article, unless a fact uses them. conjunction: the words that join a list's last name (lexicon)."""
    inside = [(m.start(), m.end()) for m in re.finditer(r"«[^»\n]*»|“[^”\n]*”|\"[^\"\n]*\"", text)]
    people = sorted((x for x in people if x.iri), key=lambda x: x.start)
    joins = rf"\s*,\s*|\s*,?\s+(?:{conjunction})\s+"
    in_list: set[int] = set()
    run = [0] if people else []
    for i in range(1, len(people) + 1):
        if i < len(people) and re.fullmatch(joins, text[people[i - 1].end:people[i].start]):
            run.append(i)
            continue
        if len(run) >= 3:
            in_list.update(run)
        run = [i]
    seen: dict[str, bool] = {}
    for i, x in enumerate(people):
        only = i in in_list or any(a <= x.start and x.end <= b for a, b in inside)
        seen[x.iri] = seen.get(x.iri, True) and only
    return {iri for iri, only in seen.items() if only}


def place_end(text: str, start: int, end: int, people: list[tuple[int, int]], given: frozenset[str]) -> int:
    """Where a place's name of up to two words (text[start:end]) ends: before its second word when a person's
    name starts there (a span of the model's, or a given name followed by another capitalised word: "à Bamako
    Fatoumata Keïta"), else at end."""
    second = re.search(r"\s+(\S+)$", text[start:end])
    if second is None:
        return end
    at = start + second.start(1)
    if any(s == at for s, _ in people):
        return start + second.start()
    if second.group(1) in given and re.match(rf"[^\S\n]+{NAME_WORD}", text[end:]):
        return start + second.start()
    return end


def widened(text: str, start: int, stop: set[str], known, given: frozenset[str], limit: int = 2) -> int:
    """Where a person's name the model cut short starts: up to `limit` given names right before it on the
    same line ("Thomas" of "Thomas Boni Yayi"; not "Culture" of "ministre de la Culture Claire Roux"), not a
    title or a function word (stop), not a sentence's first word, not a name the gazetteer knows (known(word))."""
    for _ in range(limit):
        m = re.search(rf"(?<![\w’'-])({NAME_WORD})[^\S\n]+$", text[max(0, start - 40):start])
        if m is None or m.group(1) in stop or known(m.group(1)) or m.group(1) not in given:
            break
        at = start - len(m.group(0))
        if re.search(r"(?:^|[.!?:;«»\"“”–—-]|\n)\s*$", text[max(0, at - 3):at]) or not text[:at].strip():
            break  # a sentence's first word may be any word ("Mardi", "Selon")
        if re.search(rf"(?<![\w’'-])(?:{PLACE_PREPOSITIONS})\s*$", text[max(0, at - 8):at], re.IGNORECASE):
            break  # "à Luanda Carolina Cerqueira": a place before the name
        start = at
    return start


def hyphen_end(text: str, end: int) -> int:
    """Where a name the model cut at a hyphen ends ("Graham Abdel" of "Graham Abdel-Gadir"): over the rest of
    its hyphenated capitalised word."""
    m = re.match(r"(?:-[A-ZÀ-ÖØ-Þ][\w’']*)+", text[end:])
    return end + m.end() if m else end


PLACE_WORD = r"[A-ZÀ-ÖØ-Þ][\w’'-]+(?:[^\S\n]+[A-Z][\w-]+)?"


def places_listed(text: str, table: dict[str, str | list[str]]) -> list[tuple[int, int]]:
    """(start, end) of the places a sentence names together with the one after its preposition of place
    ("in Astana and Beijing", "à Dakar, Thiès et Kaolack") and of both ends of a range ("from Lisbon to
    Luanda"), and of the places a place's noun names ("l'aéroport d'Incheon"); table: the lexicon's [places]
    (its `before`, `and`, `range` and `of` patterns, and the `languages` that are no places)."""
    out: list[tuple[int, int]] = []
    before, conj = table.get("before"), table.get("and")
    if before and conj:
        chain = re.compile(rf"(?<![\w’'-])(?:{before})[^\S\n]+({PLACE_WORD})((?:[^\S\n]*,[^\S\n]*{PLACE_WORD})*"
                           rf"[^\S\n]+(?:{conj})[^\S\n]+{PLACE_WORD})")
        languages = set(table.get("languages", []))
        for m in chain.finditer(text):
            if m.group(1) in languages:  # "in English and Arabic": a list of languages, not of places
                continue
            for item in re.finditer(PLACE_WORD, m.group(2)):
                if item.group(0) not in languages:
                    out.append((m.start(2) + item.start(), m.start(2) + item.end()))
    if table.get("of"):  # "l'aéroport d'Incheon", "the port of Callao": the place a place's noun names
        for m in re.finditer(rf"(?:{table['of']})[^\S\n]*({PLACE_WORD})", text):
            out.append((m.start(1), m.end(1)))
    if table.get("range"):
        for m in re.finditer(table["range"].replace("X", PLACE_WORD), text):
            out += [(m.start(1), m.end(1)), (m.start(2), m.end(2))]
    return sorted(out)
