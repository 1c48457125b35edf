"""A state's own act (a statement, a mobilisation, its authorities' arrests) that names no place of its own stays in
the state's country instead of inheriting a town abroad from an earlier sentence
(geo/locations.py home_location, data/geo_rules.yaml home_acts)."""

from __future__ import annotations

import pytest

from flashpoint.geo.gazetteer import load_gazetteer
from flashpoint.geo.locations import home_location
from flashpoint.geo.rules import geo_rules
from flashpoint.models import Actor, Location
from flashpoint.ontology import load_ontology
from flashpoint.trace import Decision


@pytest.fixture(scope="module")
def gaz():
    return load_gazetteer()


@pytest.fixture(scope="module")
def town(gaz):
    """A town of Kosovo an earlier sentence could have set the report in."""
    place = next(p for p in gaz.lookup("Zvecan") if p.country == "XK" and p.kind != "country")
    return place


def _inherited(gaz, town) -> list[Location]:
    return [gaz.to_location(town)]  # no span: not named in the event's own sentence


def _minister(country: str | None = "RS", sector: str | None = "GOV") -> Actor:
    return Actor(
        text="the defence minister", name="defence minister", country=country, sector=sector, start=10, end=30
    )


def test_a_state_alert_abroad_goes_home(gaz, town) -> None:
    why: list[Decision] = []
    before = _inherited(gaz, town)
    out = home_location(before, "MOBILIZE", [_minister()], [], gaz, why)
    assert len(out) == 1
    assert out[0].country == "RS"
    assert out[0].precision == 4  # the country as a whole, not a made-up town
    assert out[0].start is None
    assert why and why[-1].field == "place" and "home_location" in why[-1].decided_by
    assert "RS" in why[-1].reason and str(before[0].name) in why[-1].reason
    assert [(w.start, w.end) for w in why[-1].words] == [(10, 30)]  # the actor that decided


@pytest.mark.parametrize("event_type", ["ACCUSE", "REQUEST", "THREATEN", "REJECT"])
def test_a_state_statement_goes_home(gaz, town, event_type: str) -> None:
    out = home_location(_inherited(gaz, town), event_type, [_minister("US")], [], gaz)
    assert [loc.country for loc in out] == ["US"]


@pytest.mark.parametrize("event_type", ["ASSAULT", "PROTEST", "CONSULT"])
def test_an_act_on_the_spot_keeps_its_place(gaz, town, event_type: str) -> None:
    before = _inherited(gaz, town)
    assert home_location(before, event_type, [_minister()], [], gaz) == before


@pytest.mark.parametrize("sector", ["GOV", "COP", "JUD"])
def test_an_authority_s_arrest_or_ban_goes_home(gaz, town, sector: str) -> None:
    why: list[Decision] = []
    out = home_location(_inherited(gaz, town), "COERCE", [_minister("RS", sector)], [], gaz, why)
    assert [(loc.country, loc.precision) for loc in out] == [("RS", 4)]
    assert why and "COERCE" in why[-1].reason


@pytest.mark.parametrize("sector", ["MIL", "REB", "CVL", None])
def test_a_seizure_by_others_keeps_its_place(gaz, town, sector: str | None) -> None:
    # troops and armed groups seize and detain across borders, where the report says
    before = _inherited(gaz, town)
    assert home_location(before, "COERCE", [_minister("RS", sector)], [], gaz) == before


def test_an_arrest_named_by_a_noun_keeps_its_place(gaz, town) -> None:
    # "Serbian officials called the arrest unlawful": the speaker did not arrest anyone
    before = _inherited(gaz, town)
    assert home_location(before, "COERCE", [_minister()], [], gaz, verb=False) == before
    # a statement named by a noun is still the state's own
    assert [loc.country for loc in home_location(before, "ACCUSE", [_minister()], [], gaz, verb=False)] == [
        "RS"
    ]


def test_a_place_named_in_the_sentence_is_kept(gaz, town) -> None:
    named = [gaz.to_location(town, "Zvecan", 40, 46)]
    assert home_location(named, "MOBILIZE", [_minister()], [], gaz) == named
    # a town the sentence names in another role is named there too, span or not
    before = _inherited(gaz, town)
    assert home_location(before, "MOBILIZE", [_minister()], [town], gaz) == before


def test_a_country_named_in_the_sentence_does_not_block(gaz) -> None:
    kosovo = gaz.country("XK")
    assert kosovo is not None
    before = [gaz.to_location(kosovo)]  # the focus country, inherited
    out = home_location(before, "MOBILIZE", [_minister()], [kosovo], gaz)
    assert [loc.country for loc in out] == ["RS"]


@pytest.mark.parametrize(
    "actors",
    [
        [],  # nobody named
        [_minister("RS", "CVL")],  # not a state actor
        [_minister("RS", "COP")],  # police act where the report is
        [_minister("RS", "MIL")],  # troops abroad act where they are
        [_minister("RS", None)],
        [_minister(None, "GOV")],  # a state actor of no known country
        [_minister("RS"), _minister("HU")],  # two states: no one home
        [_minister("XK")],  # the inherited place is the actor's own country
    ],
)
def test_no_single_foreign_state_keeps_the_place(gaz, town, actors: list[Actor]) -> None:
    before = _inherited(gaz, town)
    assert home_location(before, "MOBILIZE", actors, [], gaz) == before


def test_unplaced_stays_unplaced(gaz) -> None:
    assert home_location([], "MOBILIZE", [_minister()], [], gaz) == []


def test_the_rule_lists_only_acts_a_state_does_at_home() -> None:
    onto = load_ontology()
    rules = geo_rules().home_acts
    assert set(rules.types) <= set(onto.types)
    assert set(rules.sectors) <= set(onto.sectors)
    # what a state says, and the alert of its own forces; never a physical act on the spot
    for name in rules.types:
        assert onto.types[name]["quad"].startswith("verbal") or name == "MOBILIZE", name
    assert not {"ASSAULT", "PROTEST", "COERCE", "CONSULT"} & set(rules.types)
    # an authority's coercion at home: never a fight, a protest or a meeting, and never
    # by troops or armed groups
    assert set(rules.authority_types) <= set(onto.types)
    assert set(rules.authority_sectors) <= set(onto.sectors)
    assert not {"ASSAULT", "PROTEST", "CONSULT", "MOBILIZE"} & set(rules.authority_types)
    assert not {"MIL", "REB"} & set(rules.authority_sectors)


CODER = "rules"


def test_full_pipeline_places_a_ministry_statement_at_home(code) -> None:
    text = (
        "Gunmen attacked a border post near Tal Afar on Sunday, killing two guards. "
        "The Turkish government condemned the attack."
    )
    events = code(text, date="2023-03-05")
    attack = [e for e in events if e.type == "ASSAULT"]
    statement = [e for e in events if e.type == "ACCUSE"]
    assert attack and statement
    assert attack[0].location is not None and attack[0].location.country == "IQ"
    assert statement[0].location is not None
    assert statement[0].location.country == "TR"
    assert statement[0].location.precision == 4


def test_full_pipeline_places_an_arrest_by_a_state_s_police_at_home(code) -> None:
    text = (
        "Gunmen attacked a border post near Tal Afar on Sunday, killing two guards. "
        "Turkish police arrested two suspects on Monday."
    )
    events = code(text, date="2023-03-06")
    attack = [e for e in events if e.type == "ASSAULT"]
    arrest = [e for e in events if e.type == "COERCE"]
    assert attack and arrest
    assert attack[0].location is not None and attack[0].location.country == "IQ"
    assert arrest[0].location is not None
    assert arrest[0].location.country == "TR"


def test_an_act_said_of_the_object_of_a_state_s_arrest_is_that_state_s(code) -> None:
    # "accused" has no actor of its own: it describes the man the Turkish authorities arrested
    text = (
        "Gunmen attacked a border post near Tal Afar on Sunday, killing two guards. "
        "Turkish authorities arrested a man accused of planning the attack."
    )
    events = code(text, date="2023-03-06")
    accusation = [e for e in events if e.type == "ACCUSE"]
    assert accusation and not accusation[0].actors
    assert accusation[0].location is not None and accusation[0].location.country == "TR"


def test_an_act_in_a_clause_beside_a_state_s_arrest_keeps_its_place(code) -> None:
    # the calls to investigate come from others than the Turkish authorities
    text = (
        "Gunmen attacked a border post near Tal Afar on Sunday, killing two guards. "
        "While the attack prompted calls to investigate it, Turkish authorities arrested two men."
    )
    events = code(text, date="2023-03-06")
    inquiry = [e for e in events if e.type == "ACCUSE"]
    arrest = [e for e in events if e.type == "COERCE"]
    assert inquiry and arrest and not inquiry[0].actors
    assert arrest[0].location is not None and arrest[0].location.country == "TR"
    assert inquiry[0].location is not None and inquiry[0].location.country == "IQ"


def _accusation_countries(code, accuser: str) -> list[str | None]:
    text = (
        "Police fired tear gas at protesters in Zvecan, Kosovo, on Friday. "
        f"{accuser} accused Kosovo of provoking the violence."
    )
    return [
        e.location.country if e.location else None
        for e in code(text, date="2023-06-01")
        if e.type == "ACCUSE"
    ]


def test_a_state_s_accusation_of_another_state_is_made_at_home(code) -> None:
    # Kosovo is the one accused, not where Serbia's government spoke
    assert _accusation_countries(code, "The Serbian government") == ["RS"]


def test_the_country_addressed_stays_when_no_state_speaks(code) -> None:
    # a rights group has no home in the data: the country it names is the best place left
    assert _accusation_countries(code, "Amnesty International") == ["XK"]
