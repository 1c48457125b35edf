"""Finding place names in text: gazetteer matching of capitalised spans, checked
against spaCy's entities and the words around each span.

Only capitalised token runs (at most four tokens) are looked up, each with one dict
probe, so the cost grows with the text, not with the gazetteer.
"""

from __future__ import annotations

import re
from typing import Any

from ..work import Toponym
from .focus import group_names
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


def find_toponyms(text: str, doc: Any = None) -> list[Toponym]:
    """Place names, nationality words and region names found in ``text``, in order.

    ``doc`` is spaCy's Doc of the same text, or None for gazetteer-only matching.
    """
    gaz = load_gazetteer()
    words = word_sets()
    toks = tokenize(text)
    ents = entity_spans(doc)
    entities = SpanIndex(ents)
    found: list[tuple[Toponym, int, int, bool]] = []  # toponym, first token, last token, needs context
    n = len(toks)
    i = 0
    while i < n:
        tok = toks[i]
        direction = tok.text.lower() in words["dir"] and i + 1 < n and toks[i + 1].cap
        # 'in al Bab', 'near el Fasher': a lower-case Arabic article opens the name
        article = tok.text in _ARTICLE_WORDS and i + 1 < n and toks[i + 1].cap
        if not tok.cap and not direction and not article:
            i += 1
            continue
        prefixed = _prefixed_local_name(toks, i, words)
        if prefixed is not None:  # 'Colonia El Pedregal': a neighbourhood, named whole
            found.append(
                (
                    Toponym(
                        tok.start, toks[prefixed].end, text[tok.start : toks[prefixed].end], (), kind="local"
                    ),
                    i,
                    prefixed,
                    False,
                )
            )
            i = prefixed + 1
            continue
        hit = None
        for k in range(min(MAX_TOKENS, n - i), 0, -1):
            last = toks[i + k - 1]
            if not last.cap:
                continue
            inner = toks[i + 1 : i + k - 1]
            if any(not (t.cap or t.text.lower() in CONNECTORS or t.text in "-'’") for t in inner):
                continue
            key = fold(text[tok.start : last.end])
            m = match_key(gaz, key, words)
            if m is None and _hyphen_joins_words(text[tok.start : last.end]):
                # 'Petion-Ville' is 'Pétionville': a hyphen inside a name is a spelling choice
                m = match_key(gaz, fold(text[tok.start : last.end].replace("-", "")), words)
            if m is None and any(t.text in DROPPABLE_JOINERS for t in inner):
                m = match_key(gaz, without_joiners([t.text for t in toks[i : i + k]]), words)
            if m is not None:
                hit = (k, m)
                break
        if hit is None and article:
            i += 1  # the name alone is tried next
            continue
        if hit is None:
            if _split_hyphenated(toks, i, text, gaz, words):  # 'Mogadishu-Hodan': try its parts
                n = len(toks)
                continue
            i += 1
            continue
        k, (what, ids) = hit
        last = toks[i + k - 1]
        span_text = text[tok.start : last.end]
        if what == "ignore" or (direction and what == "demonym"):
            i += k
            continue
        if direction and k == 1:
            i += 1
            continue
        admin_ids = (
            [x for x in gaz.ids(fold(span_text), variant=False) if gaz.place(x).kind in ("admin1", "admin2")]
            if what == "demonym"
            else []
        )
        if admin_ids and _admin_word_after(toks, i + k - 1, words):
            what, ids = "place", tuple(admin_ids)  # 'Somali region' is a province, not a people
        if what == "demonym":
            cc = gaz.demonym(span_text) or ""
            cands = (gaz.country(cc),) if cc and gaz.country(cc) else ()
            found.append(
                (Toponym(tok.start, last.end, span_text, cands, kind="demonym"), i, i + k - 1, False)
            )
            i += k
            continue
        places = [gaz.place(x) for x in ids[:50]]
        kind = kind_of_places(places)
        key = fold(span_text)
        needs_context = False
        if kind == "country" and not gaz.is_exact(key):
            # a country is written as such: 'Ghani Khel' is no loose spelling of Ghana
            places = [p for p in places if p.kind != "country"]
            if not places:
                i += k
                continue
            kind = kind_of_places(places)
        if kind == "place" and key in group_names() and all(fold(p.name) != key for p in places):
            i += k  # 'Taliban prisons': an armed group, not a village known by that spelling
            continue
        if k == 1 and key in words["stop"]:
            if key not in words["stop_loc"] or not locative_before(toks, i, words):
                i += k
                continue
        if kind == "place" and sentence_initial(toks, i, text) and k == 1 and is_common_word(doc, tok, text):
            i += k
            continue
        if k == 1 and len(key) <= 3 and tok.text.isupper() and _qualifier_slot(text, tok.start):
            # 'Salem (Salem, TN)', 'Niteroi, RJ': a province abbreviation qualifying a name
            provinces = [p for p in places if p.kind == "admin1"]
            if provinces:
                places, kind = provinces, "place"
                found.append((Toponym(tok.start, last.end, span_text, tuple(places), kind=kind), i, i, False))
                i += 1
                continue
        if (
            k == 1
            and len(key) <= 3
            and (kind == "place" or not tok.text.replace(".", "").isupper())
            and not (tok.text.istitle() and _admin_word_after(toks, i, words))
            and not _short_town_after_preposition(toks, i, places, words)
        ):
            i += k  # short words (IS, Ur) only count when they are a country code or alias
            continue
        big = places[0].population >= CITY_OF_MILLIONS and fold(places[0].name) == key  # not 'Sana'
        if kind == "place" and _inside_longer_name(
            toks, i, i + k - 1, text, words, big=big, city=places[0].kind == "city"
        ):
            i += k  # "Ain Issa", "Ahrar al-Sham": a piece of a longer unknown name
            continue
        over = entities.overlapping(tok.start, last.end)
        if any(
            lbl in ENT_LABELS_CONTAINER and lbl != "FAC" and _name_continues(text, s, e, tok.start, last.end)
            for s, e, lbl in over
        ):
            # "Kosovo" in "Kosovo Central Election Commission" tells the country, nothing more
            if kind == "place" and places[0].population < BIG_PLACE:
                i += k
                continue
            found.append(
                (Toponym(tok.start, last.end, span_text, tuple(places), kind="in_org"), i, i + k - 1, False)
            )
            i += k
            continue
        if any(lbl == "PERSON" for _s, _e, lbl in over):
            needs_context = True
        if kind == "place" and max(p.population for p in places) < BIG_PLACE:
            needs_context = True
        found.append(
            (Toponym(tok.start, last.end, span_text, tuple(places), kind=kind), i, i + k - 1, needs_context)
        )
        i += k
    add_entity_places(text, toks, ents, found, words)
    add_local_names(text, toks, found, words)
    return _apply_context(text, toks, found, words)


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
