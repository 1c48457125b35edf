"""Finding place names in text: gazetteer matching of capitalised spans, checked
against spaCy's entities and the words around each span.

Only capitalised token runs (at most MAX_TOKENS, six) are looked up, each with one dict
probe, so the cost grows with the text, not with the gazetteer.

``find_toponyms`` walks the tokens with small steps over one ``ToponymScan``; each rule
that keeps or drops a match is a function whose docstring names the rule, and with
explain on the trace quotes it for the words it judged.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from ..trace import Decision, words_at
from ..work import Toponym
from .document_countries import group_names
from .fold import fold
from .gazetteer import Gazetteer, load_gazetteer
from .local_names import (
    add_entity_places,
    add_local_names,
    after_place_verb,
    local_nouns,
    parenthetical_qualifier,
)
from .place import Place
from .tokens import (
    ARTICLE,
    BIG_PLACE,
    CITY_OF_MILLIONS,
    CONNECTORS,
    DROPPABLE_JOINERS,
    ENT_LABELS_CONTAINER,
    MAX_TOKENS,
    SHORT_TOWN_POP,
    SpanIndex,
    TextToken,
    entity_spans,
    is_common_word,
    kind_of_places,
    locative_before,
    match_key,
    sentence_initial,
    tokenize,
    without_joiners,
    word_sets,
)

_ARTICLE_WORDS = frozenset({"al", "el", "ad", "ar", "ash", "az", "ed"})  # not at/as/an: English words


Found = tuple[Toponym, int, int, bool]  # toponym, first token, last token, needs context
SCAN = "toponym scan (geo/toponyms.py {})"


@dataclass
class ToponymScan:
    """One pass of find_toponyms over a text: what every step reads, and the names found
    so far. ``why`` is a list only when explain is on; the steps add their decisions to it."""

    text: str
    doc: Any
    toks: list[TextToken]
    ents: list[tuple[int, int, str]]
    entities: SpanIndex
    gaz: Gazetteer
    words: dict[str, frozenset[str]]
    found: list[Found] = field(default_factory=list)
    why: list[Decision] | None = None

    def add(self, t: Toponym, a: int, b: int, needs_context: bool = False) -> None:
        self.found.append((t, a, b, needs_context))

    def note(self, rule: Callable[..., Any], a: int, b: int, outcome: str) -> None:
        """Record in the trace that ``rule`` (its docstring says which) settled tokens a..b."""
        if self.why is None:
            return
        start, end = self.toks[a].start, self.toks[b].end
        said = f"'{self.text[start:end]}' {outcome}; rule: {(rule.__doc__ or '').strip().splitlines()[0]}"
        self.why.append(
            Decision(
                "place", SCAN.format(rule.__name__.lstrip("_")), said, (words_at(self.text, start, end),)
            )
        )


@dataclass
class Match:
    """A gazetteer match under judgement: tokens a..b of the scan, read as ``what``
    ('place', 'demonym' or 'ignore'), with its places once they are looked up."""

    a: int
    b: int
    what: str
    ids: tuple[int, ...]
    direction: bool  # opened by a direction word: 'North' of 'North Kivu'
    text: str = ""
    key: str = ""
    places: list[Place] = field(default_factory=list)
    kind: str = ""


def find_toponyms(
    text: str, doc: Any = None, why: list[Decision] | None = None, gaz: Gazetteer | None = None
) -> list[Toponym]:
    """Place names, nationality words and region names found in ``text``, in order.

    ``doc`` is spaCy's Doc of the same text, or None for gazetteer-only matching; with
    ``why`` (explain on) each step that drops or keeps a name adds a Decision to it.
    ``gaz`` is the gazetteer to match against (the stage's; the shipped one by default).
    """
    ents = entity_spans(doc)
    scan = ToponymScan(
        text, doc, tokenize(text), ents, SpanIndex(ents), gaz or load_gazetteer(), word_sets(), why=why
    )
    i = 0
    while i < len(scan.toks):
        i = _scan_at(scan, i)
    add_entity_places(text, scan.toks, ents, scan.found, scan.words)
    add_local_names(text, scan.toks, scan.found, scan.words)
    return _apply_context(text, scan.toks, scan.found, scan.words)


def _scan_at(scan: ToponymScan, i: int) -> int:
    """One step of the scan: the name opening at token i, if any; returns where to go on."""
    toks, words = scan.toks, scan.words
    tok = toks[i]
    opens_cap = i + 1 < len(toks) and toks[i + 1].cap
    direction = tok.text.lower() in words["dir"] and opens_cap
    # 'in al Bab', 'near el Fasher': a lower-case Arabic article opens the name
    article = tok.text in _ARTICLE_WORDS and opens_cap
    if not tok.cap and not direction and not article:
        return i + 1
    prefixed = _prefixed_local_name(toks, i, words)
    if prefixed is not None:
        _add_prefixed(scan, i, prefixed)
        return prefixed + 1
    m = _longest_match(scan, i, direction)
    if m is None:
        if article:
            return i + 1  # the name alone is tried next
        if _split_hyphenated(toks, i, scan.text, scan.gaz, words):  # 'Mogadishu-Hodan': try its parts
            return i
        return i + 1
    _judge_match(scan, m)
    return m.b + 1


def _add_prefixed(scan: ToponymScan, a: int, b: int) -> None:
    """A local prefix opens a neighbourhood's name, taken whole: 'Colonia El Pedregal'."""
    start, end = scan.toks[a].start, scan.toks[b].end
    scan.add(Toponym(start, end, scan.text[start:end], (), kind="local"), a, b)
    scan.note(_add_prefixed, a, b, "kept as a local name")


def _longest_match(scan: ToponymScan, i: int, direction: bool) -> Match | None:
    """The longest run of capitalised tokens from token i that the gazetteer knows."""
    toks, text, words, gaz = scan.toks, scan.text, scan.words, scan.gaz
    tok = toks[i]
    for k in range(min(MAX_TOKENS, len(toks) - i), 0, -1):
        last = toks[i + k - 1]
        if not last.cap:
            continue
        inner = toks[i + 1 : i + k - 1]
        if any(not (t.cap or t.text.lower() in CONNECTORS or t.text in "-'’") for t in inner):
            continue
        span = text[tok.start : last.end]
        m = match_key(gaz, fold(span), words)
        if m is None and _hyphen_joins_words(span):
            # 'Petion-Ville' is 'Pétionville': a hyphen inside a name is a spelling choice
            m = match_key(gaz, fold(span.replace("-", "")), words)
        if m is None and any(t.text in DROPPABLE_JOINERS for t in inner):
            m = match_key(gaz, without_joiners([t.text for t in toks[i : i + k]]), words)
        if m is not None:
            return Match(i, i + k - 1, m[0], m[1], direction, span, fold(span))
    return None


def _judge_match(scan: ToponymScan, m: Match) -> None:
    """Keep the match as a nationality word or place name, or drop it, by the rules below."""
    if m.what == "ignore" or (m.direction and m.what == "demonym"):
        return scan.note(_judge_match, m.a, m.b, "dropped as a word listed to ignore")
    if m.direction and m.a == m.b:
        return scan.note(_judge_match, m.a, m.b, "dropped: a direction word alone")
    _province_not_people(scan, m)
    if m.what == "demonym":
        return _add_demonym(scan, m)
    m.places = [scan.gaz.place(x) for x in m.ids[:50]]
    m.kind = kind_of_places(m.places)
    if _loose_country(scan, m):
        return
    for rule in (_armed_group, _stop_word, _common_word_opening):
        if rule(scan, m):
            return scan.note(rule, m.a, m.b, "dropped")
    if _province_code(scan, m):
        return
    for rule in (_short_word, _piece_of_longer_name):
        if rule(scan, m):
            return scan.note(rule, m.a, m.b, "dropped")
    if _in_organisation(scan, m):
        return
    _add_place(scan, m)


def _province_not_people(scan: ToponymScan, m: Match) -> None:
    """'Somali region' is a province, not a people: a demonym before an admin word."""
    if m.what != "demonym":
        return
    admin = [x for x in scan.gaz.ids(m.key, variant=False) if scan.gaz.place(x).kind in ("admin1", "admin2")]
    if admin and _admin_word_after(scan.toks, m.b, scan.words):
        m.what, m.ids = "place", tuple(admin)
        scan.note(_province_not_people, m.a, m.b, "read as a province")


def _add_demonym(scan: ToponymScan, m: Match) -> None:
    """A nationality word points at its country: 'Serb', 'Malian'."""
    cc = scan.gaz.demonym(m.text) or ""
    cands = (scan.gaz.country(cc),) if cc and scan.gaz.country(cc) else ()
    start, end = scan.toks[m.a].start, scan.toks[m.b].end
    scan.add(Toponym(start, end, m.text, cands, kind="demonym"), m.a, m.b)
    scan.note(_add_demonym, m.a, m.b, f"kept as a nationality word of {cc or 'no known country'}")


def _loose_country(scan: ToponymScan, m: Match) -> bool:
    """A country is written as such: 'Ghani Khel' is no loose spelling of Ghana."""
    if m.kind != "country" or scan.gaz.is_exact(m.key):
        return False
    m.places = [p for p in m.places if p.kind != "country"]
    if not m.places:
        scan.note(_loose_country, m.a, m.b, "dropped")
        return True
    m.kind = kind_of_places(m.places)
    return False


def _armed_group(scan: ToponymScan, m: Match) -> bool:
    """'Taliban prisons': an armed group, not a village known by that spelling."""
    return m.kind == "place" and m.key in group_names() and all(fold(p.name) != m.key for p in m.places)


def _stop_word(scan: ToponymScan, m: Match) -> bool:
    """A one-word name that is also a common word counts only after a locative preposition."""
    if m.a != m.b or m.key not in scan.words["stop"]:
        return False
    return m.key not in scan.words["stop_loc"] or not locative_before(scan.toks, m.a, scan.words)


def _common_word_opening(scan: ToponymScan, m: Match) -> bool:
    """A one-word place opening a sentence that is an ordinary word there or elsewhere."""
    return (
        m.kind == "place"
        and m.a == m.b
        and sentence_initial(scan.toks, m.a, scan.text)
        and is_common_word(scan.doc, scan.toks[m.a], scan.text)
    )


def _province_code(scan: ToponymScan, m: Match) -> bool:
    """'Salem (Salem, TN)', 'Niteroi, RJ': a province abbreviation qualifying a name."""
    tok = scan.toks[m.a]
    if not (m.a == m.b and len(m.key) <= 3 and tok.text.isupper() and _qualifier_slot(scan.text, tok.start)):
        return False
    provinces = [p for p in m.places if p.kind == "admin1"]
    if not provinces:
        return False
    scan.add(Toponym(tok.start, tok.end, m.text, tuple(provinces), kind="place"), m.a, m.a)
    scan.note(_province_code, m.a, m.b, "kept as a province")
    return True


def _short_word(scan: ToponymScan, m: Match) -> bool:
    """Short words (IS, Ur) count only as a country code or alias, or a sizeable town
    right after a locative preposition."""
    tok = scan.toks[m.a]
    return (
        m.a == m.b
        and len(m.key) <= 3
        and (m.kind == "place" or not tok.text.replace(".", "").isupper())
        and not (tok.text.istitle() and _admin_word_after(scan.toks, m.a, scan.words))
        and not _short_town_after_preposition(scan.toks, m.a, m.places, scan.words)
    )


def _piece_of_longer_name(scan: ToponymScan, m: Match) -> bool:
    """'Ain Issa', 'Ahrar al-Sham': a piece of a longer unknown name."""
    top = m.places[0]
    big = top.population >= CITY_OF_MILLIONS and fold(top.name) == m.key  # not 'Sana'
    return m.kind == "place" and _inside_longer_name(
        scan.toks, m.a, m.b, scan.text, scan.words, big=big, city=top.kind == "city"
    )


def _in_organisation(scan: ToponymScan, m: Match) -> bool:
    """'Kosovo' in 'Kosovo Central Election Commission' tells the country, nothing more."""
    start, end = scan.toks[m.a].start, scan.toks[m.b].end
    over = scan.entities.overlapping(start, end)
    if not any(
        lbl in ENT_LABELS_CONTAINER and lbl != "FAC" and _name_continues(scan.text, s, e, start, end)
        for s, e, lbl in over
    ):
        return False
    if m.kind == "place" and m.places[0].population < BIG_PLACE:
        scan.note(_in_organisation, m.a, m.b, "dropped as a small place")
        return True
    scan.add(Toponym(start, end, m.text, tuple(m.places), kind="in_org"), m.a, m.b)
    scan.note(_in_organisation, m.a, m.b, "kept only as a country hint")
    return True


def _add_place(scan: ToponymScan, m: Match) -> None:
    """A place name; a small place, or one inside a person's name, needs context."""
    start, end = scan.toks[m.a].start, scan.toks[m.b].end
    needs = any(lbl == "PERSON" for _s, _e, lbl in scan.entities.overlapping(start, end)) or (
        m.kind == "place" and max(p.population for p in m.places) < BIG_PLACE
    )
    scan.add(Toponym(start, end, m.text, tuple(m.places), kind=m.kind), m.a, m.b, needs)
    scan.note(_add_place, m.a, m.b, "kept, if the words around it say it is a place" if needs else "kept")


def _apply_context(
    text: str,
    toks: list[TextToken],
    found: list[tuple[Toponym, int, int, bool]],
    words: dict[str, frozenset[str]],
) -> list[Toponym]:
    """Keep context-dependent names only after a locative preposition, in a list with an
    accepted place, or before an administrative word (Hakkari province)."""
    # 'blocked the Halba highway': a road or square named after a town is context too
    ok = [
        not needs
        or locative_before(toks, a, words)
        or _admin_word_after(toks, b, words)
        or after_place_verb(toks, a, words)
        or parenthetical_qualifier(text, t.start, t.end)
        or (t.kind == "place" and b + 1 < len(toks) and toks[b + 1].text.lower() in words["feature"])
        for t, a, b, needs in found
    ]
    # list members share their neighbours' acceptance: "of Zvecan, Zubin Potok, and Leposavic"
    changed = True
    while changed:
        changed = False
        for x in range(len(found) - 1):
            if (
                ok[x] == ok[x + 1]
                or found[x][0].kind in ("demonym", "in_org")
                or found[x + 1][0].kind in ("demonym", "in_org")
            ):
                continue
            a_end, b_start = found[x][0].end, found[x + 1][0].start
            if (
                list_joined(text, a_end, b_start)
                or admin_joined(text, a_end, b_start)
                or _unit_word_joined(text, a_end, b_start, words)
            ):
                ok[x] = ok[x + 1] = True
                changed = True
    return [f[0] for f, keep in zip(found, ok) if keep]


_NAME_JOINERS = frozenset("de del da do dos das di du des la los las el al bin ibn van von".split())


def _inside_longer_name(
    toks: list[TextToken],
    a: int,
    b: int,
    text: str,
    words: dict[str, frozenset[str]],
    big: bool = False,
    city: bool = True,
) -> bool:
    """Is the name a piece of a longer unknown one? A city of millions is read so only
    when an article binds it: 'Ahrar al Sham', 'Santa Catarina de los Reyes'."""

    def name_like(j: int) -> bool:
        if j < 0 or j >= len(toks) or not toks[j].cap:
            return False
        w = toks[j].text.lower()
        return (
            w not in words["stop"]
            and w not in words["admin1"]
            and w not in words["admin2"]
            and w not in ("city", "town", "village", "camp")
        )

    before = (
        name_like(a - 1)
        and not sentence_initial(toks, a - 1, text)
        and text[toks[a - 1].end : toks[a].start] in (" ", "-")
    )
    after = name_like(b + 1) and text[toks[b].end : toks[b + 1].start] in (" ", "-")
    # 'Santa Cruz de la Sierra': a Romance or Arabic article joins the name to more of it
    j = b + 1
    while j < len(toks) and j < b + 3 and toks[j].text.lower() in _NAME_JOINERS:
        j += 1
    joined = j > b + 1 and name_like(j)
    # 'the Lomitas del Zulia sector', 'Bab al Hawa': a lower-case joiner binds the name to
    # the unknown word before it ('Provincia del Zulia' is a province: an admin head)
    bound = (
        a >= 2
        and toks[a - 1].text in _NAME_JOINERS
        and name_like(a - 2)
        and not sentence_initial(toks, a - 2, text)
        and fold(toks[a - 2].text) not in words["admin_head"]
    )
    if big:
        # a big city keeps its name in 'Barrio Norte de Lima'; a province does not
        return joined or (before and toks[a].text in _ARTICLE_WORDS) or (bound and not city)
    return before or after or joined or bound


def _name_continues(text: str, ent_start: int, ent_end: int, start: int, end: int) -> bool:
    """The entity goes on past the place name with another capitalised word, as in
    'Kosovo Central Election Commission' (not 'Timbuktu (Tombouctou', a tagging slip)."""
    after = text[end:ent_end]
    before = text[ent_start:start]
    nxt = re.match(r" ([A-Za-z]+)", after)
    if nxt and nxt.group(1).lower() in word_sets()["admin2"] | word_sets()["admin1"]:
        return False  # 'Biu LGA', 'Hodan District': the unit, not an organisation
    return bool(re.match(r" [A-Z]", after)) or bool(
        re.search(r"[A-Za-z]+ $", before) and re.search(r"(?:^|\s)[A-Z][\w-]* $", before)
    )


def list_joined(text: str, end: int, start: int) -> bool:
    """True when the text between two names is a list separator (', ' ' and ' ', and ')."""
    gap = text[end:start].strip().lower()
    return gap in (",", "and", ", and", "or", ", or", "&", ";")


def admin_joined(text: str, end: int, start: int) -> bool:
    """True when the second name may qualify the first: 'Famale (Dessa, Tillaberi)',
    'Zvecan, Mitrovica', 'Ghaydah in Kirkuk'."""
    # a bracketed other spelling may come between: 'Zibane [Ziban] (Anzourou, Tillaberi)'
    gap = _BRACKETED.sub("", text[end:start]).strip().lower()
    return gap in (",", "(", ", (", "in", "in the", "of", "of the", "-")


_BRACKETED = re.compile(r"\s*\[[^\]]{1,40}\]")


def _split_hyphenated(
    toks: list[TextToken], i: int, text: str, gaz: Gazetteer, words: dict[str, frozenset[str]]
) -> bool:
    """Split 'Mogadishu-Hodan' or 'Saudi-led' into its parts when the whole is no name but
    its first part is, so the parts are looked up in turn. 'al-Qamishli' keeps its article;
    a bracketed province ('(Mayo-Sava, Extreme-Nord)') is one unit's name, kept whole."""
    tok = toks[i]
    head, sep, _rest = tok.text.partition("-")
    if not sep or not tok.cap or ARTICLE.match(tok.text) or len(head) < 3:
        return False
    if parenthetical_qualifier(text, tok.start, tok.end):
        return False
    found = match_key(gaz, fold(head), words)
    if found is None or found[0] == "ignore":
        return False
    s = tok.start
    h = s + len(head)
    rest = tok.text[len(head) + 1 :]
    toks[i : i + 1] = [
        TextToken(s, h, head, True),
        TextToken(h, h + 1, "-", False),
        TextToken(h + 1, tok.end, rest, rest[:1].isupper()),
    ]
    return True


def _hyphen_joins_words(span: str) -> bool:
    """A hyphen between two words of three letters or more ('Petion-Ville'), not an
    article ('Lima-La Victoria', 'al-Bab')."""
    parts = span.split("-")
    return len(parts) > 1 and all(len(p.strip()) >= 3 for p in parts)


def _short_town_after_preposition(
    toks: list[TextToken], i: int, places: list[Place], words: dict[str, frozenset[str]]
) -> bool:
    """'in Van', 'near Kut', 'in central Gao': a three-letter town named right after a
    locative preposition, if sizeable (smaller namesakes are too often words or initials)."""
    tok = toks[i]
    if len(tok.text) != 3 or not tok.text.istitle() or i == 0:
        return False
    prev = toks[i - 1].text.lower()
    if prev in ("central", "northern", "southern", "eastern", "western") and i > 1:
        prev = toks[i - 2].text.lower()
    return (
        prev in ("in", "at", "near", "outside", "around")
        and max(p.population for p in places) >= SHORT_TOWN_POP
    )


def _prefixed_local_name(toks: list[TextToken], i: int, words: dict[str, frozenset[str]]) -> int | None:
    """Last token of 'Colonia El Pedregal', 'Barangay Magdawat' opening at token i."""
    if toks[i].text.lower() not in words["local_prefix"]:
        return None
    j = i
    # a number may open or carry the name: 'Colonia 20 de Noviembre', 'Barangay 5'
    while (
        j + 1 < len(toks)
        and j - i < MAX_TOKENS
        and (
            toks[j + 1].cap
            or toks[j + 1].text.isdigit()
            or (toks[j + 1].text in _NAME_JOINERS and j + 2 < len(toks) and toks[j + 2].cap)
        )
    ):
        j += 1
    return j if j > i else None


def _qualifier_slot(text: str, start: int) -> bool:
    """Right after 'Name,' or 'Name (': where a province qualifies a town."""
    before = text[max(0, start - 40) : start].rstrip()
    return before[-1:] in (",", "(") and before[:-1].rstrip()[-1:].isalpha()


def _unit_word_joined(text: str, end: int, start: int, words: dict[str, frozenset[str]]) -> bool:
    """'Pur Chaman district, Farah', 'Gakara village (Kolofata)': a unit word, then the
    name qualifying the first one."""
    gap = text[end:start].split()
    if not gap:
        return False
    unit = gap[0].rstrip(",(").lower()
    if unit not in words["admin1"] and unit not in words["admin2"] and unit not in local_nouns()[0]:
        return False
    return " ".join(gap)[len(unit) :].strip() in (",", "(", ", (", "in", "of", "-", "in the")


def _admin_word_after(toks: list[TextToken], b: int, words: dict[str, frozenset[str]]) -> bool:
    if b + 1 >= len(toks):
        return False
    w = toks[b + 1].text.lower()
    return w in words["admin1"] or w in words["admin2"] or w in ("city", "town", "village", "camp")
