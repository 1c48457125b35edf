"""ACLED's export conventions (columns, codes, labels, regions) from data/acled_export.yaml."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from ...errors import DataFileError
from ...models import Actor
from ...ontology import load_data_yaml
from .countries import country_name

DATA_FILE = "acled_export.yaml"


@dataclass(frozen=True)
class AcledConventions:
    columns: tuple[str, ...]
    date_format: str
    time_precision: dict[str, int]
    geo_precision: dict[int, int]
    disorder_by_type: dict[str, str]
    disorder_by_sub_type: dict[str, str]
    actor_types: dict[int, str]
    type_by_sector: dict[str, int]
    other_sectors_type: int
    crowd_sectors: frozenset[str]
    crowd_type_by_event_type: dict[str, int]
    force_first_sub_types: frozenset[str]
    foreign_state_type: int
    armed_event_types: frozenset[str]
    armed_civilian_type: int
    state_actor_names: dict[str, str]
    default_actor1: dict[str, tuple[str, int]]
    default_actor2: dict[str, tuple[str, int]]
    civilian_targeting: dict[str, Any]
    crowd_size_tag: dict[str, Any]
    source_scale: dict[str, str]
    country_names: dict[str, str]
    region_of: dict[str, str]

    def disorder_type(self, event_type: str, sub_type: str | None) -> str:
        return self.disorder_by_sub_type.get(sub_type or "", self.disorder_by_type[event_type])

    def is_crowd(self, actor: Actor) -> bool:
        return (actor.sector or "ELI") in self.crowd_sectors

    def actor_type(
        self, actor: Actor, first: bool, event_type: str, sub_type: str | None, country: str
    ) -> int:
        """ACLED's actor type (1-8) of ``actor``, the event's first actor when ``first``."""
        crowd_code = self.crowd_type_by_event_type.get(event_type)
        if self.is_crowd(actor) and crowd_code is not None:
            if sub_type in self.force_first_sub_types:
                return crowd_code if not first else self.other_sectors_type
            return crowd_code if first else self.other_sectors_type
        code = self.type_by_sector.get(actor.sector or "", self.other_sectors_type)
        if code == 1 and actor.country and actor.country != country:
            return self.foreign_state_type
        if first and code == self.other_sectors_type and event_type in self.armed_event_types:
            return self.armed_civilian_type
        return code

    def interaction(self, inter1: int, inter2: int | None) -> str:
        """The label of the pair, lower number first ("State forces-Rioters"), or
        "<type> only" when there is no second actor."""
        if not inter2:
            return f"{self.actor_types[inter1]} only"
        low, high = sorted((inter1, inter2))
        return f"{self.actor_types[low]}-{self.actor_types[high]}"

    def targets_civilians(self, event_type: str, sub_type: str | None, inter2: int | None) -> bool:
        rule = self.civilian_targeting
        return sub_type in rule["always_sub_event_types"] or (
            event_type in rule["event_types"] and inter2 == rule["target_type"]
        )

    def actor_name(self, actor: Actor) -> str:
        """ACLED's name of a state actor whose country is known; otherwise ours."""
        form = self.state_actor_names.get(actor.sector or "")
        if form is None or not actor.country:
            return actor.name
        return form.format(
            country=self.country_names.get(actor.country) or country_name(actor.country) or actor.country
        )

    def scale_of(self, source: str | None) -> str:
        return self.source_scale.get((source or "").strip().lower(), "")


def _pairs(raw: dict[str, Any]) -> dict[str, tuple[str, int]]:
    return {key: (str(value[0]), int(value[1])) for key, value in raw.items()}


@lru_cache(maxsize=1)
def load_conventions() -> AcledConventions:
    data = load_data_yaml(DATA_FILE)
    try:
        actor_types = {int(code): str(label) for code, label in data["actor_types"].items()}
        conventions = AcledConventions(
            columns=tuple(data["columns"]),
            date_format=str(data["date_format"]),
            time_precision={str(k): int(v) for k, v in data["time_precision"].items()},
            geo_precision={int(k): int(v) for k, v in data["geo_precision"].items()},
            disorder_by_type=dict(data["disorder_type"]["by_event_type"]),
            disorder_by_sub_type=dict(data["disorder_type"]["by_sub_event_type"]),
            actor_types=actor_types,
            type_by_sector={str(k): int(v) for k, v in data["type_by_sector"].items()},
            other_sectors_type=int(data["other_sectors_type"]),
            crowd_sectors=frozenset(data["crowd_sectors"]),
            crowd_type_by_event_type={k: int(v) for k, v in data["crowd_type_by_event_type"].items()},
            force_first_sub_types=frozenset(data["force_first_sub_event_types"]),
            foreign_state_type=int(data["foreign_state_type"]),
            armed_event_types=frozenset(data["armed_event_types"]),
            armed_civilian_type=int(data["armed_civilian_type"]),
            state_actor_names={str(k): str(v) for k, v in data["state_actor_names"].items()},
            default_actor1=_pairs(data["default_actor1"]),
            default_actor2=_pairs(data["default_actor2"]),
            civilian_targeting=dict(data["civilian_targeting"]),
            crowd_size_tag=dict(data["crowd_size_tag"]),
            source_scale={
                name.lower(): scale for scale, names in data["source_scale"].items() for name in names
            },
            country_names={str(k): str(v) for k, v in data["country_names"].items()},
            region_of={str(code): region for region, codes in data["regions"].items() for code in codes},
        )
    except (KeyError, TypeError, ValueError, IndexError) as exc:
        raise DataFileError(f"data/{DATA_FILE}: {exc!r}") from exc
    used = (
        {conventions.other_sectors_type, conventions.foreign_state_type, conventions.armed_civilian_type}
        | set(conventions.type_by_sector.values())
        | set(conventions.crowd_type_by_event_type.values())
        | {code for _, code in conventions.default_actor1.values()}
        | {code for _, code in conventions.default_actor2.values()}
    )
    if used - set(actor_types):
        raise DataFileError(f"data/{DATA_FILE}: actor types {sorted(used - set(actor_types))} have no label")
    return conventions
