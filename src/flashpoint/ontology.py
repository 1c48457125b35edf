"""The PLOVER ontology and its ACLED mapping, loaded once from data/ontology.yaml."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import Any

import yaml

from .errors import DataFileError

# libyaml's parser, when PyYAML was built with it, reads our lexicons about five times
# faster than the pure-Python one, which shows in every command's start-up.
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def parse_yaml(text: str) -> Any:
    """Parse YAML text with the safe loader (the C one when available)."""
    return yaml.load(text, Loader=_LOADER)  # noqa: S506 - a safe loader either way


def load_data_yaml(name: str) -> Any:
    """Parse a YAML file shipped in flashpoint/data (``name`` relative to it)."""
    try:
        ref = resources.files("flashpoint").joinpath("data", *name.split("/"))
        return parse_yaml(ref.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise DataFileError(f"data file {name} is missing from the package") from exc
    except yaml.YAMLError as exc:
        raise DataFileError(f"data file {name} is not valid YAML: {exc}") from exc


@dataclass(frozen=True)
class Ontology:
    types: dict[str, dict[str, Any]]
    aliases: dict[str, str]
    sectors: dict[str, str]
    acled_types: dict[str, list[str]]
    acled_rules: dict[str, list[dict[str, Any]]]
    armed_sectors: frozenset[str]
    cameo_roots: dict[str, str] = field(default_factory=dict)
    physical_types: frozenset[str] = frozenset()
    destination_types: frozenset[str] = frozenset()
    count_fields: dict[str, tuple[str, ...]] = field(default_factory=dict)
    mode_by_sector: dict[str, str] = field(default_factory=dict)
    acled_context: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    acled_context_window: int = 0

    def canonical_type(self, name: str) -> str:
        """The PLOVER type for ``name``, following aliases from older PLOVER drafts."""
        upper = name.upper()
        upper = self.aliases.get(upper, upper)
        if upper not in self.types:
            raise DataFileError(f"unknown PLOVER event type {name!r}")
        return upper

    def modes(self, type_: str) -> list[str]:
        return list(self.types[type_]["modes"])

    def check_mode(self, type_: str, mode: str | None) -> None:
        if mode is not None and mode not in self.types[type_]["modes"]:
            raise DataFileError(f"mode {mode!r} is not a PLOVER mode of {type_}")

    def from_cameo(self, code: str) -> str | None:
        """PLOVER type of a CAMEO event code ('173' -> COERCE); None for 01 statements."""
        code = str(code).strip()
        return self.cameo_roots.get(code[:3]) or self.cameo_roots.get(code[:2])

    def acled_for(
        self,
        type_: str,
        mode: str | None,
        actor_sectors: Iterable[str | None] = (),
        recipient_sectors: Iterable[str | None] = (),
        mutual: bool = False,
        context: Iterable[str] = (),
        words: Iterable[str] = (),
        lone_actor: bool = False,
    ) -> tuple[str | None, str | None]:
        """ACLED (event type, sub-event type) for a PLOVER event, or (None, None).

        ``context`` names what else the nearby text reports (acled_context flags such as
        "protest"); ``words`` are the sentence's lower-case words, for weapon cues;
        ``lone_actor`` says every actor named is one person."""
        found = self.acled_rule(
            type_, mode, actor_sectors, recipient_sectors, mutual, context, words, lone_actor
        )
        if found is None:
            return None, None
        event_type, sub_type = found[1]["acled"]
        return event_type, sub_type

    def acled_rule(
        self,
        type_: str,
        mode: str | None,
        actor_sectors: Iterable[str | None] = (),
        recipient_sectors: Iterable[str | None] = (),
        mutual: bool = False,
        context: Iterable[str] = (),
        words: Iterable[str] = (),
        lone_actor: bool = False,
    ) -> tuple[int, dict[str, Any]] | None:
        """The first acled_mapping rule of ``type_`` that holds, with its place in the
        list, or None; the arguments are acled_for's."""
        facts = _Facts(
            {s for s in actor_sectors if s},
            {s for s in recipient_sectors if s},
            mutual,
            frozenset(context),
            " " + " ".join(words) + " ",
            lone_actor,
        )
        for i, rule in enumerate(self.acled_rules.get(type_, [])):
            if self._holds(rule, mode, facts):
                return i, rule
        return None

    def describe_rule(self, rule: dict[str, Any], words: Iterable[str]) -> str:
        """An acled_mapping rule's conditions as the explain trace shows them; of a word
        list, only the phrases found among ``words`` (the sentence's words)."""
        text = " " + " ".join(words) + " "
        parts = []
        for key, value in rule.items():
            if key == "acled":
                continue
            if key == "words":
                value = [w for w in value if _phrase_in(w, text)]
            parts.append(f"{key}={value}")
        return ", ".join(parts) or "no condition"

    def flags_raised(
        self,
        type_: str,
        mode: str | None,
        actor_sectors: Iterable[str | None],
        recipient_sectors: Iterable[str | None] = (),
        mutual: bool = False,
        recipient_words: Iterable[str] = (),
    ) -> set[str]:
        """The acled_context flags an event raises for the events near it.
        ``recipient_words`` are the lower-case words naming whom the event was done to."""
        actors = {s for s in actor_sectors if s}
        done_to = set(recipient_words)
        everyone = actors | {s for s in recipient_sectors if s}
        # a sign's "armed" is true when every known side is armed, false when none is;
        # a mix of armed and unarmed sides matches neither
        armed: bool | None = False
        if everyone & self.armed_sectors:
            armed = True if everyone <= self.armed_sectors else None
        return {
            flag
            for flag, signs in self.acled_context.items()
            if any(
                sign["type"] == type_
                and ("mode" not in sign or mode in sign["mode"])
                and ("actor_sectors" not in sign or actors & set(sign["actor_sectors"]))
                and sign.get("mutual", mutual) == mutual
                and sign.get("armed", armed) == armed
                and ("recipient_words" not in sign or done_to & set(sign["recipient_words"]))
                for sign in signs
            )
        }

    def _holds(self, rule: dict[str, Any], mode: str | None, f: _Facts) -> bool:
        armed = self.armed_sectors
        everyone = f.actors | f.recipients
        checks: dict[str, Callable[[Any], bool]] = {
            "mode": lambda v: mode in v,
            "mutual": lambda v: f.mutual == v,
            "all_armed": lambda v: (bool(everyone) and everyone <= armed) == v,
            "armed_both": lambda v: bool(f.actors & armed and f.recipients & armed) == v,
            "actor_sectors": lambda v: bool(f.actors & set(v)),
            "recipient_sectors": lambda v: bool(f.recipients & set(v)),
            "not_recipient_sectors": lambda v: not f.recipients & set(v),
            "no_armed_actor": lambda v: (not f.actors & armed) == v,
            "context": lambda v: bool(f.context & set(v)),
            "no_context": lambda v: not f.context & set(v),
            "words": lambda v: any(_phrase_in(w, f.text) for w in v),
            "lone_actor": lambda v: f.lone == v,
        }
        return all(checks[key](value) for key, value in rule.items() if key != "acled")


@lru_cache(maxsize=4096)
def _phrase_pattern(phrase: str) -> re.Pattern[str]:
    # "*" stands for any one word: "during * demonstration" is "during the demonstration"
    # and "during their demonstration"
    parts = [r"\S+" if w == "*" else re.escape(w) for w in phrase.split()]
    return re.compile(" " + " ".join(parts) + " ")


def _phrase_in(phrase: str, text: str) -> bool:
    if "*" not in phrase:
        return f" {phrase} " in text
    return _phrase_pattern(phrase).search(text) is not None


@dataclass(frozen=True)
class _Facts:
    """What a mapping rule may test about one event."""

    actors: set[str]
    recipients: set[str]
    mutual: bool
    context: frozenset[str]
    text: str
    lone: bool = False


CONTEXT_KEYS = frozenset({"type", "mode", "actor_sectors", "mutual", "armed", "recipient_words"})
# Conditions an acled_mapping rule may set; anything else is a typo in ontology.yaml.
RULE_KEYS = frozenset(
    {
        "acled",
        "mode",
        "mutual",
        "all_armed",
        "armed_both",
        "actor_sectors",
        "recipient_sectors",
        "not_recipient_sectors",
        "no_armed_actor",
        "context",
        "no_context",
        "words",
        "lone_actor",
    }
)


@lru_cache(maxsize=1)
def load_ontology() -> Ontology:
    raw = load_data_yaml("ontology.yaml")
    try:
        onto = Ontology(
            types=raw["types"],
            aliases=raw.get("aliases", {}),
            sectors=raw["sectors"],
            acled_types=raw["acled_types"],
            acled_rules=raw.get("acled_mapping", {}),
            armed_sectors=frozenset(raw.get("armed_sectors", [])),
            cameo_roots={str(k): v for k, v in (raw.get("cameo_roots") or {}).items()},
            physical_types=frozenset(raw.get("physical_types") or ()),
            destination_types=frozenset(raw.get("destination_types") or ()),
            count_fields={k: tuple(v or ()) for k, v in (raw.get("count_fields") or {}).items()},
            mode_by_sector=dict(raw.get("mode_by_sector") or {}),
            acled_context=dict((raw.get("acled_context") or {}).get("flags") or {}),
            acled_context_window=int((raw.get("acled_context") or {}).get("window", 0)),
        )
    except (KeyError, TypeError) as exc:
        raise DataFileError(f"ontology.yaml lacks a required section: {exc}") from exc
    _validate(onto)
    return onto


COUNTS = frozenset({"fatalities", "injured", "arrested", "size"})


def _validate(onto: Ontology) -> None:
    for type_ in onto.physical_types | set(onto.count_fields):
        if type_ not in onto.types:
            raise DataFileError(f"ontology.yaml names unknown type {type_} in physical_types or count_fields")
    if not onto.destination_types <= onto.physical_types:
        raise DataFileError("destination_types must be physical_types too")
    for type_, names in onto.count_fields.items():
        if set(names) - COUNTS:
            raise DataFileError(f"count_fields {type_}: unknown count {sorted(set(names) - COUNTS)}")
    for sector, mode in onto.mode_by_sector.items():
        if sector not in onto.sectors:
            raise DataFileError(f"mode_by_sector names unknown sector {sector}")
        onto.check_mode("MOBILIZE", mode)
    for code, type_ in onto.cameo_roots.items():
        if type_ not in onto.types:
            raise DataFileError(f"cameo_roots {code} names unknown type {type_}")
    for flag, signs in onto.acled_context.items():
        for sign in signs:
            if sign.get("type") not in onto.types or set(sign) - CONTEXT_KEYS:
                raise DataFileError(f"acled_context {flag}: bad sign {sign}")
    for type_, rules in onto.acled_rules.items():
        if type_ not in onto.types:
            raise DataFileError(f"acled_mapping names unknown type {type_}")
        for rule in rules:
            if set(rule) - RULE_KEYS or "acled" not in rule:
                raise DataFileError(f"acled_mapping {type_}: unknown condition in {rule}")
            event_type, sub_type = rule["acled"]
            if sub_type not in onto.acled_types.get(event_type, []):
                raise DataFileError(f"acled_mapping {type_}: {event_type}/{sub_type} is not an ACLED type")
            for mode in rule.get("mode", []):
                if mode is not None:
                    onto.check_mode(type_, mode)
