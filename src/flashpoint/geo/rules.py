"""The numbers of place-name resolution, from data/geo_rules.yaml (each with its reason
there): populations, distances, country votes and score weights. Word lists are in
data/gazetteer/rules.yaml (``fold.load_rules``)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from ..settings import settings_file

DATA_FILE = "geo_rules.yaml"


@dataclass(frozen=True)
class Population:
    big_place: int
    short_town: int
    city_of_millions: int
    small_village: int
    qualifying_town: int
    closing_village: int
    known_town: int
    town_share: int
    dominant_factor: int


@dataclass(frozen=True)
class DistanceKm:
    near: float
    feature: float
    urban: float
    town_reach: float
    namesake_town: float
    district_reach: float
    province_reach: float
    namesake_unit: float
    nearest_slack: float
    seat: float
    lone: float
    qualifier_reach: float


@dataclass(frozen=True)
class BoundariesKm:
    same_place: float
    namesake_abroad: float
    nearest_town: float
    far_town: float


@dataclass(frozen=True)
class TextChars:
    qualifier_gap: int


@dataclass(frozen=True)
class CountryVotes:
    country: float
    demonym: float
    province: float
    place: float
    alternate_spelling_village: float
    weak: float
    owner_modifier: float
    armed_group: float
    district_only: float
    admin_word: float
    agreed: float
    mentioned: float
    unvoted_preference: float
    district_support: float


@dataclass(frozen=True)
class CandidateScore:
    population_divisor: float
    own_name: float
    focus_country: float
    mentioned_country: float
    country_kind: float
    hinted_kind: float
    district_with_town: float
    in_named_unit: float
    near_town: float
    near_place: float
    confidence_slope: float


@dataclass(frozen=True)
class EventPlace:
    strong_preposition: float
    other_preposition: float
    chars_per_point: float
    after_trigger: float
    chain_slack: float
    chain_chars: int


@dataclass(frozen=True)
class HomeActs:
    types: tuple[str, ...]
    sectors: tuple[str, ...]
    authority_types: tuple[str, ...]
    authority_sectors: tuple[str, ...]
    object_path: tuple[str, ...]

    def sectors_for(self, event_type: str, verb: bool) -> tuple[str, ...]:
        """The actor sectors whose ``event_type`` acts happen at home (none: not a home act).
        An authority's act counts only when a verb names it (``verb``): "called the arrest
        unlawful" gives the speaker as the actor of a noun, not the one who arrested."""
        rules = [(self.types, self.sectors)]
        if verb:
            rules.append((self.authority_types, self.authority_sectors))
        return tuple(sector for types, sectors in rules if event_type in types for sector in sectors)


@dataclass(frozen=True)
class DatelineActs:
    types: tuple[str, ...]


@dataclass(frozen=True)
class SceneActs:
    types: tuple[str, ...]
    outcome_types: tuple[str, ...]


@dataclass(frozen=True)
class DatelineRegions:
    words: tuple[str, ...]
    prepositions: tuple[str, ...]


@dataclass(frozen=True)
class GeoRules:
    population: Population
    distance_km: DistanceKm
    boundaries_km: BoundariesKm
    text_chars: TextChars
    country_votes: CountryVotes
    candidate_score: CandidateScore
    event_place: EventPlace
    home_acts: HomeActs
    dateline_acts: DatelineActs
    dateline_regions: DatelineRegions
    scene_acts: SceneActs


@cache
def geo_rules() -> GeoRules:
    """data/geo_rules.yaml, read and checked once."""
    return settings_file(DATA_FILE).record("", GeoRules)
