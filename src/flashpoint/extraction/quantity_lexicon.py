"""The quantity lexicon (data/lexicons/quantities.yaml) loaded once into phrase tables."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from flashpoint.errors import DataFileError
from flashpoint.ontology import parse_yaml

LEXICON_PATH = Path(__file__).resolve().parents[1] / "data" / "lexicons" / "quantities.yaml"
CASUALTY_FIELDS = ("fatalities", "injured", "arrested")

# Initialisms ("U.S."), numbers glued to a word ("10-year-old", one adjective, never a
# count), plain numbers (commas only between groups of three digits, so "In 1998," keeps
# its comma apart), words (with inner hyphens/apostrophes), then any other symbol.
TOKEN_RE = re.compile(
    r"(?:[A-Za-z]\.){2,}|\d+(?:-[A-Za-z\d]+)+|\d{1,3}(?:,\d{3})+(?:\.\d+)?(?!\d)|\d+(?:\.\d+)?"
    r"|[A-Za-z]+(?:[-'\u2019][A-Za-z\d]+)*|[^\sA-Za-z\d]"
)
# Stand-ins for any year and any month name in background_cues ({year}, {month}).
YEAR_WORD, MONTH_WORD = "yyyy", "mmmm"


class Phrases:
    """A set of word sequences, matched at or ending at a token position."""

    def __init__(self, phrases: list[str]):
        self.items = {tuple(_words(p)) for p in phrases}
        self.items.discard(())
        self.lengths = sorted({len(p) for p in self.items}, reverse=True)

    def match_at(self, low: list[str], i: int) -> int:
        """Index just past the longest phrase starting at ``i``, or -1."""
        for n in self.lengths:
            # a slice past the end is shorter than n and could equal a shorter phrase
            if i + n <= len(low) and tuple(low[i : i + n]) in self.items:
                return i + n
        return -1

    def match_ending(self, low: list[str], j: int) -> int:
        """Start index of the longest phrase ending just before ``j``, or -1."""
        for n in self.lengths:
            if j - n >= 0 and tuple(low[j - n : j]) in self.items:
                return j - n
        return -1


def _words(text: str) -> list[str]:
    return [m.group(0).lower() for m in TOKEN_RE.finditer(text)]


@dataclass(frozen=True)
class Cues:
    after: Phrases
    before: Phrases
    nouns: Phrases
    noun_to: Phrases
    singular: Phrases
    negation: Phrases
    around: tuple[tuple[Phrases, Phrases], ...]


@dataclass(frozen=True)
class QuantityLexicon:
    small: dict[str, int]
    multipliers: dict[str, int]
    vague: dict[str, int]
    vague_none: Phrases
    modifiers: Phrases
    not_after: Phrases
    not_before: frozenset[str]
    year_before: frozenset[str]
    auxiliaries: frozenset[str]
    breakers: frozenset[str]
    cues: dict[str, Cues]
    crowd_nouns: frozenset[str]
    gathering: Phrases
    crowd_of: Phrases
    negators: Phrases
    object_starts: frozenset[str]
    combined: Phrases
    toll_nouns: frozenset[str]
    intransitive: frozenset[str]
    singular_openers: frozenset[str]
    group_nouns: frozenset[str]
    age_words: frozenset[str]
    range_joiners: frozenset[str]
    background: Phrases
    other_causes: frozenset[str]
    other_cause_window: int
    other_cause_stops: frozenset[str]
    other_cause_toll_words: frozenset[str]
    repeat_any_type_from: int
    undated_count_ceiling: int
    months: frozenset[str]
    change_words: frozenset[str]
    range_openers: frozenset[str]
    # words that can open a number phrase; any other word (not a digit) is skipped
    starters: frozenset[str] = field(init=False)

    def __post_init__(self) -> None:
        starters = (
            self.small.keys() | self.vague.keys() | {"a", "an", "half"} | {p[0] for p in self.modifiers.items}
        )
        object.__setattr__(self, "starters", frozenset(starters))


def _strings(data: Any, where: str) -> list[str]:
    if not isinstance(data, list) or not all(isinstance(x, str) for x in data):
        raise DataFileError(
            f"'{where}' must be a list of words (quote yes/no/on/off, which YAML reads as booleans)"
        )
    return data


@lru_cache(maxsize=4)
def load_quantity_lexicon(path: Path = LEXICON_PATH) -> QuantityLexicon:
    """The quantity lexicon at ``path`` (the shipped one by default), read once per path."""
    try:
        return _lexicon(parse_yaml(path.read_text(encoding="utf-8")))
    except DataFileError as exc:
        raise DataFileError(f"quantity lexicon {path}: {exc}") from exc
    except (OSError, yaml.YAMLError, KeyError, TypeError, ValueError, AttributeError) as exc:
        raise DataFileError(f"cannot load quantity lexicon {path}: {exc!r}") from exc


def _casualty_cues(raw: dict[str, Any]) -> dict[str, Cues]:
    """The words around a number that tie it to each casualty field."""
    cues: dict[str, Cues] = {}
    for name in CASUALTY_FIELDS:
        spec = raw[name]
        around = tuple(
            (Phrases(_strings(a["before"], f"{name}.around")), Phrases([a["after"]]))
            for a in spec.get("around", [])
        )
        after, before, nouns, noun_to, singular = (
            Phrases(_strings(spec[k], f"{name}.{k}"))
            for k in ("after", "before", "nouns", "noun_to", "singular_after")
        )
        cues[name] = Cues(
            after,
            before,
            nouns,
            noun_to,
            singular,
            negation=Phrases(_strings(raw["negation_cues"][name], "negation_cues")),
            around=around,
        )
    return cues


def _lexicon(raw: dict[str, Any]) -> QuantityLexicon:
    """The lexicon from the parsed YAML; a missing key raises KeyError."""
    small = {**raw["units"], **raw["tens"]}
    cues = _casualty_cues(raw)
    size = raw["size"]
    return QuantityLexicon(
        small={str(k): int(v) for k, v in small.items()},
        multipliers={str(k): int(v) for k, v in raw["multipliers"].items()},
        vague={str(k): int(v) for k, v in raw["vague_amounts"].items()},
        vague_none=Phrases(_strings(raw["vague_none"], "vague_none")),
        modifiers=Phrases(_strings(raw["modifiers"], "modifiers")),
        not_after=Phrases(_strings(raw["not_people_after"], "not_people_after")),
        not_before=frozenset(_strings(raw["not_count_before"], "not_count_before")),
        year_before=frozenset(_strings(raw["year_prepositions"], "year_prepositions")),
        auxiliaries=frozenset(_strings(raw["auxiliaries"], "auxiliaries")),
        breakers=frozenset(_strings(raw["phrase_breakers"], "phrase_breakers")),
        cues=cues,
        crowd_nouns=frozenset(_strings(size["crowd_nouns"], "size.crowd_nouns")),
        gathering=Phrases(_strings(size["gathering_verbs"], "size.gathering_verbs")),
        crowd_of=Phrases(_strings(size["crowd_of"], "size.crowd_of")),
        negators=Phrases(_strings(raw["negators"], "negators")),
        object_starts=frozenset(_strings(raw["object_starts"], "object_starts")),
        combined=Phrases(_strings(raw["combined_cues"], "combined_cues")),
        toll_nouns=frozenset(_strings(raw["toll_nouns"], "toll_nouns")),
        intransitive=frozenset(_strings(raw["intransitive_cues"], "intransitive_cues")),
        singular_openers=frozenset(_strings(raw["singular_openers"], "singular_openers")),
        group_nouns=frozenset(_strings(raw["group_nouns"], "group_nouns")),
        age_words=frozenset(_strings(raw["age_words"], "age_words")),
        range_joiners=frozenset(_strings(raw["range_joiners"], "range_joiners")),
        background=Phrases(
            [
                p.replace("{year}", YEAR_WORD).replace("{month}", MONTH_WORD)
                for p in _strings(raw["background_cues"], "background_cues")
            ]
        ),
        other_causes=frozenset(_strings(raw["other_causes"], "other_causes")),
        other_cause_window=int(raw["other_cause_window"]),
        other_cause_stops=frozenset(_strings(raw["other_cause_stops"], "other_cause_stops")),
        other_cause_toll_words=frozenset(_strings(raw["other_cause_toll_words"], "other_cause_toll_words")),
        repeat_any_type_from=int(raw["repeat_any_type_from"]),
        undated_count_ceiling=int(raw["undated_count_ceiling"]),
        months=frozenset(_strings(raw["months"], "months")),
        change_words=frozenset(_strings(raw["change_words"], "change_words")),
        range_openers=frozenset(_strings(raw["range_openers"], "range_openers")),
    )
