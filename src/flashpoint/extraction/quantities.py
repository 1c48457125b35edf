"""Casualty, arrest and crowd-size counts from one plain sentence.

Rule based over a light tokenisation; every cue word comes from
``data/lexicons/quantities.yaml``. Vague plurals follow ACLED's convention
("dozens" 12, "hundreds" 100, "thousands" 1000; "tens of thousands" 10000);
"several", "many" and the like give no number. Qualifiers such as "at least",
"more than" or "about" keep the stated figure. A reported zero ("no one was killed",
"no casualties") gives 0.

Traps (tests/test_extract_count_traps.py): ages and "one in three" are taken out before
counting; a four-digit number from 1900 to 2100 after a preposition or before a comma is a
year; a sentence with a running or background toll ("since the war began", "so far",
"last year", "came a day after") gives no casualty count; a count next to a cause that is
no political violence (disease, flood, road accident), or in a toll sentence naming one,
is dropped.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from .quantity_lexicon import CASUALTY_FIELDS, MONTH_WORD, TOKEN_RE, YEAR_WORD, Cues, Phrases, QuantityLexicon

_MAX_PHRASE = 5  # words a counted noun phrase may span ("25 of the opposition supporters")
# Larger "counts" are not head counts ("ten billion trillion"); the ceiling also keeps
# every figure inside the event store's 32-bit integer columns.
MAX_COUNT = 1_000_000_000


@dataclass(frozen=True)
class Quantities:
    """Counts found in a sentence; ``spans`` maps each found field to its character span."""

    fatalities: int | None = None
    injured: int | None = None
    arrested: int | None = None
    size: int | None = None
    spans: dict[str, tuple[int, int]] = field(default_factory=dict, compare=False, hash=False)
    # with explain on: each found field's cue, as (rule of the lexicon, character span of
    # its words or None); None with explain off
    cues: dict[str, tuple[str, tuple[int, int] | None]] | None = field(
        default=None, compare=False, hash=False
    )


@dataclass(frozen=True)
class _Number:
    value: int
    first: int  # token index where the phrase starts, qualifiers included
    stop: int  # token index just past the phrase


def _tokenize(text: str) -> tuple[list[str], list[tuple[int, int]]]:
    """Lower-cased tokens and their character spans."""
    matches = list(TOKEN_RE.finditer(text))
    return [m.group(0).lower() for m in matches], [m.span() for m in matches]


def _word_number(low: list[str], i: int, lex: QuantityLexicon) -> tuple[int, int] | None:
    """Numbers in words: "twelve", "twenty-five", "two hundred and fifty", "a dozen"."""
    total, current, j, seen = 0, 0, i, False
    if j + 1 < len(low) and low[j] in ("a", "an") and low[j + 1] in lex.multipliers:
        current, j = 1, j + 1
    while j < len(low):
        word = low[j]
        parts = word.split("-")
        if all(p in lex.small for p in parts) and len(parts) <= 2:
            current += sum(lex.small[p] for p in parts)
        elif word in lex.multipliers and (seen or current):
            scale = lex.multipliers[word]
            if scale >= 1000:
                total, current = total + max(current, 1) * scale, 0
            else:
                current = max(current, 1) * scale
        elif word == "and" and seen and j + 1 < len(low) and low[j + 1].split("-")[0] in lex.small:
            pass
        else:
            break
        seen, j = True, j + 1
    return (total + current, j) if seen else None


def _core_number(low: list[str], i: int, lex: QuantityLexicon) -> tuple[int, int] | None:
    """The number starting exactly at token ``i`` and the index past it."""
    word = low[i]
    if word[0].isdigit():
        if "-" in word:
            return None
        nxt = low[i + 1] if i + 1 < len(low) else ""
        scale = lex.multipliers.get(nxt)
        try:
            amount = float(word.replace(",", ""))
        except ValueError:
            return None
        if not math.isfinite(amount * (scale or 1)):  # "1e999", "1e308 million"
            return None
        if scale:
            return int(round(amount * scale)), i + 2
        if "." in word:  # decimals are measurements, never head counts
            return None
        return int(amount), i + 1
    if word in lex.vague:
        value, j = lex.vague[word], i + 1
        # "tens of thousands", "hundreds of thousands"
        if j + 1 < len(low) and low[j] == "of" and low[j + 1] in lex.vague:
            value, j = value * lex.vague[low[j + 1]], j + 2
        return value, j
    if word == "half" and low[i + 1 : i + 3] == ["a", "dozen"]:
        return 6, i + 3
    return _word_number(low, i, lex)


def _number_at(low: list[str], i: int, lex: QuantityLexicon) -> _Number | None:
    """A count of people starting at token ``i`` (qualifiers included), or None."""
    core = i
    while (j := lex.modifiers.match_at(low, core)) > core:
        core = j
    if core >= len(low):
        return None
    parsed = _core_number(low, core, lex)
    if parsed is None:
        return None
    value, stop = parsed
    if lex.not_after.match_at(low, stop) != -1:
        return None
    before = low[i - 1] if i > 0 else ""
    if before in lex.not_before:
        return None
    if _is_year(low[core]) and stop == core + 1:
        # "in 2019", "As recently as 2014, ...": a year, not a count
        after = low[stop] if stop < len(low) else ""
        if before in lex.year_before or not _is_word(after):
            return None
    return _Number(value, i, stop)


def _is_year(token: str) -> bool:
    return token.isdigit() and len(token) == 4 and 1900 <= int(token) <= 2100


def _is_plain_number(token: str) -> bool:
    return token.replace(",", "").isdigit()


def _mask(low: list[str], lex: QuantityLexicon) -> list[bool]:
    """Which tokens to keep: ages ("aged between 20 and 30", ", 34,") and shares ("one in
    three") are no head counts and would tie the count before them to nothing."""
    keep = [True] * len(low)
    i = 0
    while i < len(low):
        word = low[i]
        if word in lex.age_words:
            j = i + 1
            while j < len(low) and (_is_plain_number(low[j]) or low[j] in lex.range_joiners):
                j += 1
            if j > i + 1:
                _drop_apposition(low, keep, i, j)
                i = j
                continue
        elif (
            _is_plain_number(word)
            and i >= 2
            and low[i - 1] == ","
            and _is_word(low[i - 2])
            and i + 1 < len(low)
            and low[i + 1] in (",", ".", ")")
            and int(word.replace(",", "")) <= 120
        ):
            _drop_apposition(low, keep, i, i + 1)  # "The journalist, 34, was arrested"
        elif (
            word == "in"
            and 0 < i < len(low) - 1
            and _share_side(low[i - 1], lex)
            and _share_side(low[i + 1], lex)
        ):
            keep[i - 1] = keep[i] = keep[i + 1] = False  # "one in three of the injured"
        i += 1
    return keep


def _share_side(token: str, lex: QuantityLexicon) -> bool:
    return _is_plain_number(token) or token in lex.small


def _drop_apposition(low: list[str], keep: list[bool], i: int, j: int) -> None:
    """Drop tokens i..j-1 and, when they sit between commas, the commas too."""
    for k in range(i, j):
        keep[k] = False
    if i > 0 and low[i - 1] == ",":
        keep[i - 1] = False
        if j < len(low) and low[j] == ",":
            keep[j] = False


def _shape(low: list[str], lex: QuantityLexicon) -> list[str]:
    """Tokens with every year and month name replaced by the stand-ins background_cues use."""
    return [YEAR_WORD if _is_year(w) else MONTH_WORD if w in lex.months else w for w in low]


def _is_background(low: list[str], lex: QuantityLexicon) -> bool:
    shape = _shape(low, lex)
    return any(lex.background.match_at(shape, i) != -1 for i in range(len(shape)))


def _other_cause_near(low: list[str], first: int, stop: int, lex: QuantityLexicon) -> bool:
    """A cause of death or injury that is no political violence within the window before
    ``first`` or after ``stop`` (the count's tokens), not past a stop word; anywhere in
    the sentence when it speaks of a toll."""
    if any(w in lex.toll_nouns for w in low):
        causes = lex.other_causes | lex.other_cause_toll_words
        if any(w in causes for w in low):
            return True
    for step, start in ((-1, first - 1), (1, stop)):
        k = start
        for _ in range(lex.other_cause_window):
            if not 0 <= k < len(low) or low[k] in lex.other_cause_stops:
                break
            if low[k] in lex.other_causes:
                return True
            k += step
    return False


def _numbers(low: list[str], lex: QuantityLexicon) -> list[_Number]:
    starters = lex.starters
    found, i = [], 0
    while i < len(low):
        if not (low[i][0].isdigit() or low[i] in starters):
            i += 1
            continue
        number = _number_at(low, i, lex)
        if number is None:
            i += 1
        else:
            found.append(number)
            i = number.stop
    return found


def _skip_phrase_to(
    low: list[str], start: int, target: Phrases, lex: QuantityLexicon, max_words: int = _MAX_PHRASE
) -> int:
    """Walk a noun phrase and auxiliaries from ``start``; index of ``target`` or -1."""
    j, words = start, 0
    while j < len(low):
        k = j
        while k < len(low) and low[k] in lex.auxiliaries:
            k += 1
        if target.match_at(low, k) != -1:
            return k
        word = low[j]
        if words >= max_words or word in lex.breakers or not _is_word(word):
            return -1
        j, words = j + 1, words + 1
    return -1


def _is_word(token: str) -> bool:
    """Letters, or a number glued to a word ("10-year-old"), which is an adjective."""
    return bool(token) and (token[0].isalpha() or (token[0].isdigit() and "-" in token))


def _phrase_words(low: list[str], start: int, lex: QuantityLexicon) -> list[str]:
    """The words of the noun phrase after a number, up to a breaker."""
    out = []
    for word in low[start : start + _MAX_PHRASE]:
        if word in lex.breakers or not _is_word(word):
            break
        out.append(word)
    return out


_COMBINED = "combined"  # "killed or wounded 20": a count that belongs to no single field


def _casualty_field(
    low: list[str], n: _Number, lex: QuantityLexicon, why: list[tuple[str, tuple[int, int]]] | None = None
) -> str | None:
    """Which casualty field, if any, the number ``n`` counts (or ``_COMBINED``). With
    ``why`` (explain on) the cue's lexicon rule and token span are appended to it."""
    head = n.first
    while head > 0 and low[head - 1] in ("all", "the"):
        head -= 1
    if lex.combined.match_ending(low, head) != -1 or _skip_phrase_to(low, n.stop, lex.combined, lex) != -1:
        return _COMBINED
    for name, cues in lex.cues.items():
        k = cues.before.match_ending(low, head)
        rule = "before"
        if k == -1:
            k, rule = cues.noun_to.match_ending(low, head), "noun_to"
        if k != -1:
            if why is not None:
                why.append((f"{name}.{rule}: cue before the number", (k, head)))
            return name
    for name, cues in lex.cues.items():
        end = cues.nouns.match_at(low, n.stop)
        if end != -1:
            if why is not None:
                why.append((f"{name}.nouns: noun after the number", (n.stop, end)))
            return name
        for verb, tail in cues.around:
            k = verb.match_ending(low, head)
            if k != -1 and _skip_phrase_to(low, n.stop, tail, lex) != -1:
                if why is not None:
                    why.append((f"{name}.around: verb before the number with its tail after", (k, head)))
                return name
    for name, cues in lex.cues.items():
        k = _skip_phrase_to(low, n.stop, cues.after, lex)
        if k != -1 and not _active_use(low, k, cues.after, lex):
            if why is not None:
                why.append((f"{name}.after: cue after the counted phrase", (k, cues.after.match_at(low, k))))
            return name
    # "the death toll climbed sharply to 30": a toll word shortly before the number.
    window = low[max(0, head - 8) : head]
    tolls = [i for i, w in enumerate(window) if w in lex.toll_nouns]
    if tolls and all(_is_word(w) for w in window[tolls[-1] :]):
        if why is not None:
            at = max(0, head - 8) + tolls[-1]
            why.append(("toll_nouns: a toll word shortly before the number", (at, at + 1)))
        return "fatalities"
    return None


def _active_use(low: list[str], k: int, after: Phrases, lex: QuantityLexicon) -> bool:
    """True for "bombers killed 23 people": a cue used as an active verb with an object,
    so the number before it counts the doers, not the victims."""
    if k > 0 and low[k - 1] in lex.auxiliaries:
        return False
    nxt = after.match_at(low, k)
    if nxt >= len(low):
        return False
    word = low[nxt]
    return word in lex.object_starts or _number_at(low, nxt, lex) is not None


def _is_crowd(low: list[str], n: _Number, lex: QuantityLexicon) -> bool:
    if lex.crowd_of.match_ending(low, n.first) != -1:
        return True
    if any(w in lex.crowd_nouns for w in _phrase_words(low, n.stop, lex)):
        return True
    return _skip_phrase_to(low, n.stop, lex.gathering, lex) != -1


def _singular(low: list[str], cues: Cues, lex: QuantityLexicon) -> tuple[int, int] | None:
    """ "a man was killed", "the victim died", "killing a journalist": token span, else None."""
    for i, word in enumerate(low):
        if word in ("a", "an"):
            if lex.vague_none.match_at(low, i) != -1:
                continue
            if cues.before.match_ending(low, i) != -1:
                return i, i + 2
        elif word not in lex.singular_openers or not _one_person_after(low, i, lex):
            continue
        elif word == "the" and cues.before.match_ending(low, i) != -1:
            return i, i + 2  # "police shot dead the gunman"
        k = _skip_phrase_to(low, i + 1, cues.singular, lex)
        if k == -1:
            continue
        # A participle needs "was/has been" ("a car bomb killed" is active, not a victim).
        needs_aux = low[k] not in lex.intransitive
        if not needs_aux or (k > 0 and low[k - 1] in lex.auxiliaries):
            return i, k + 1
    return None


def _one_person_after(low: list[str], i: int, lex: QuantityLexicon) -> bool:
    """After "he"/"she" always; after "the" when a singular noun follows."""
    if low[i] != "the":
        return True
    nxt = low[i + 1] if i + 1 < len(low) else ""
    return (
        bool(nxt)
        and _is_word(nxt)
        and nxt not in lex.group_nouns
        and not (nxt.endswith("s") and not nxt.endswith("ss"))
    )


def _negated(low: list[str], cues: Cues, lex: QuantityLexicon) -> tuple[int, int] | None:
    """ "no one was killed", "no casualties": the token span of the reported zero."""
    for i in range(len(low)):
        j = lex.negators.match_at(low, i)
        if j == -1:
            continue
        for k in range(j, min(j + 4, len(low))):
            end = cues.negation.match_at(low, k)
            if end != -1:
                return i, end
            if not _is_word(low[k]):
                break
    return None


def _share_conjoined(
    low: list[str], numbers: list[_Number], names: list[str | None], lex: QuantityLexicon
) -> list[tuple[list[_Number], str | None]]:
    """Group "25 Iraqis and seven US soldiers were killed" into one count of 32.

    Two neighbouring numbers joined only by a noun phrase and "and", of which just one
    is tied to a cue, share that cue and are added up.
    """
    groups: list[tuple[list[_Number], str | None]] = []
    for n, name in zip(numbers, names):
        if groups:
            prev_group, prev_name = groups[-1]
            gap = low[prev_group[-1].stop : n.first]
            joined = (
                len(gap) >= 1
                and gap[-1] == "and"
                and all(_is_word(w) and w not in lex.breakers and w not in lex.auxiliaries for w in gap[:-1])
            )
            if joined and (prev_name is None) != (name is None) and _COMBINED not in (prev_name, name):
                groups[-1] = (prev_group + [n], prev_name or name)
                continue
        groups.append(([n], name))
    return groups


class _Tally:
    """The fields found so far in one sentence, and which fields are closed to counts."""

    def __init__(
        self, low: list[str], offsets: list[tuple[int, int]], lex: QuantityLexicon, explain: bool
    ) -> None:
        self.low, self.offsets, self.lex = low, offsets, lex
        self.values: dict[str, int] = {}
        self.spans: dict[str, tuple[int, int]] = {}
        self.cues: dict[str, tuple[str, tuple[int, int] | None]] | None = {} if explain else None
        # A running or background toll, or another event's: no casualty field takes a count
        # (the number is still read, so it cannot become a crowd size either).
        self.closed = set(CASUALTY_FIELDS) if _is_background(low, lex) else set()

    def keep(
        self, name: str, value: int, first: int, stop: int, cue: tuple[str, tuple[int, int]] | None = None
    ) -> None:
        """The first count tied to a field wins; a toll of another cause closes the field."""
        if name in self.values or name in self.closed or value > MAX_COUNT:
            return
        if name in ("fatalities", "injured") and _other_cause_near(self.low, first, stop, self.lex):
            self.closed.add(name)
            return
        self.values[name] = value
        self.spans[name] = (self.offsets[first][0], self.offsets[stop - 1][1])
        if self.cues is not None and cue is not None:
            rule, (i, j) = cue
            self.cues[name] = (rule, (self.offsets[i][0], self.offsets[j - 1][1]) if j > i else None)


def find_quantities(
    sentence: str, lex: QuantityLexicon, explain: bool = False, most_numbers: int | None = None
) -> Quantities:
    """Fatalities, injured, arrested and crowd size stated in ``sentence``; with
    ``explain``, the cue of each in ``cues``. Only the first ``most_numbers`` numbers are
    read (the quantities stage gives data/budget.yaml's ``numbers_per_sentence``: a table
    of figures is not a casualty report); None reads them all.

    The first count tied to a field wins; each number feeds at most one field.
    """
    low, offsets = _tokenize(sentence)
    kept = _mask(low, lex)
    low = [w for w, k in zip(low, kept) if k]
    offsets = [o for o, k in zip(offsets, kept) if k]
    if not low:
        return Quantities()
    tally = _Tally(low, offsets, lex, explain)
    leftovers = _counted_fields(tally, _ranges_and_changes(low, _numbers(low, lex)[:most_numbers], lex))
    _cue_only_fields(tally)
    for n in leftovers:
        if _is_crowd(low, n, lex):
            tally.keep(
                "size", n.value, n.first, n.stop, ("size: crowd noun or gathering verb", (n.first, n.stop))
            )
            break
    return Quantities(spans=tally.spans, cues=tally.cues, **tally.values)


def _ranges_and_changes(low: list[str], numbers: list[_Number], lex: QuantityLexicon) -> list[_Number]:
    """Two numbers that state one figure become one: a change ('the toll rose from 10 to
    12') stands at the later figure, a range ('between 10 and 12 people') at the lower, as
    ACLED codes a range. The joined number spans both, so cues around either apply."""
    out: list[_Number] = []
    i = 0
    while i < len(numbers):
        n = numbers[i]
        after = numbers[i + 1] if i + 1 < len(numbers) else None
        joiner = low[n.stop] if n.stop < len(low) else ""
        before = low[n.first - 1] if n.first > 0 else ""
        if after is not None and after.first == n.stop + 1:
            if (
                before == "from"
                and joiner == "to"
                and lex.change_words & set(low[max(0, n.first - 4) : n.first - 1])
            ):
                out.append(_Number(after.value, n.first, after.stop))
                i += 2
                continue
            # the number's phrase may start with its qualifier: 'between 10'
            if lex.range_openers & {before, low[n.first]} and joiner == "and":
                out.append(_Number(min(n.value, after.value), n.first, after.stop))
                i += 2
                continue
        out.append(n)
        i += 1
    return out


def _counted_fields(tally: _Tally, numbers: list[_Number]) -> list[_Number]:
    """Each number (or numbers joined by 'and') tied to a casualty field fills it; the
    numbers tied to none are returned, to be read as a crowd size."""
    low, lex = tally.low, tally.lex
    whys: dict[int, list[tuple[str, tuple[int, int]]]] = {n.first: [] for n in numbers}
    if tally.cues is None:
        fields = [_casualty_field(low, n, lex) for n in numbers]
    else:
        fields = [_casualty_field(low, n, lex, whys[n.first]) for n in numbers]
    leftovers = []
    for group, name in _share_conjoined(low, numbers, fields, lex):
        if name == _COMBINED:
            continue
        if name is None:
            leftovers.extend(group)
            continue
        cue = None
        if tally.cues is not None:
            cue = next((c for n in group for c in whys[n.first]), None)
            if cue is not None and len(group) > 1:
                cue = (cue[0] + f"; {len(group)} numbers joined by 'and' share it", cue[1])
        tally.keep(name, sum(n.value for n in group), group[0].first, group[-1].stop, cue)
    return leftovers


def _cue_only_fields(tally: _Tally) -> None:
    """A field no number filled may still be stated in words: one person, or none."""
    low, lex = tally.low, tally.lex
    for name, cues in lex.cues.items():
        if name in tally.values:
            continue
        for value, found, rule in (
            (1, _singular(low, cues, lex), "singular_after: one person"),
            (0, _negated(low, cues, lex), "negation_cues: a reported zero"),
        ):
            if found is not None:
                tally.keep(
                    name, value, *found, cue=(f"{name}.{rule}", found) if tally.cues is not None else None
                )
                break


def parse_number(text: str, lex: QuantityLexicon) -> int | None:
    """The count a whole phrase states: "1,200", "twenty-five", "a dozen" (12),
    "dozens" (12), "hundreds" (100), "tens of thousands" (10000), "at least 10" (10),
    "more than 300" (300). Vague words ("several", "many") and decimals give None.
    """
    low, _ = _tokenize(text)
    if not low:
        return None
    number = _number_at(low, 0, lex)
    if number is None or number.stop != len(low):
        return None
    return number.value
