"""The PLOVER ontology and its ACLED mapping, loaded once from data/ontology.yaml."""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import Any, Iterable

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

    def acled_for(self, type_: str, mode: str | None, actor_sectors: Iterable[str | None] = (),
                  recipient_sectors: Iterable[str | None] = (), mutual: bool = False
                  ) -> tuple[str | None, str | None]:
        """ACLED (event type, sub-event type) for a PLOVER event, or (None, None)."""
        actors = {s for s in actor_sectors if s}
        recipients = {s for s in recipient_sectors if s}
        for rule in self.acled_rules.get(type_, []):
            if "mode" in rule and mode not in rule["mode"]:
                continue
            if rule.get("mutual") and not mutual:
                continue
            if rule.get("all_armed") and not (actors | recipients
                                              and (actors | recipients) <= self.armed_sectors):
                continue
            if rule.get("armed_both") and not (actors & self.armed_sectors
                                               and recipients & self.armed_sectors):
                continue
            if "actor_sectors" in rule and not actors & set(rule["actor_sectors"]):
                continue
            if "recipient_sectors" in rule and not recipients & set(rule["recipient_sectors"]):
                continue
            event_type, sub_type = rule["acled"]
            return event_type, sub_type
        return None, None


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
    for type_, rules in onto.acled_rules.items():
        if type_ not in onto.types:
            raise DataFileError(f"acled_mapping names unknown type {type_}")
        for rule in rules:
            event_type, sub_type = rule["acled"]
            if sub_type not in onto.acled_types.get(event_type, []):
                raise DataFileError(f"acled_mapping {type_}: {event_type}/{sub_type} is not an ACLED type")
            for mode in rule.get("mode", []):
                if mode is not None:
                    onto.check_mode(type_, mode)
