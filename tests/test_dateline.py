"""A wire dateline abroad says where statements and meetings with no place of their own
happened (geo/dateline.py dateline_place, geo/locations.py dateline_location,
data/geo_rules.yaml dateline_acts)."""

from __future__ import annotations

import pytest

from flashpoint.geo.dateline import dateline_place
from flashpoint.geo.gazetteer import load_gazetteer
from flashpoint.geo.locations import dateline_location
from flashpoint.geo.resolve import resolve_toponyms
from flashpoint.geo.rules import geo_rules
from flashpoint.geo.toponyms import find_toponyms
from flashpoint.models import Location
from flashpoint.ontology import load_ontology
from flashpoint.trace import Decision


@pytest.fixture(scope="module")
def gaz():
    return load_gazetteer()


def _filed(text: str):
    toponyms = find_toponyms(text)
    resolve_toponyms(toponyms, text)
    return dateline_place(text, toponyms)


@pytest.mark.parametrize(
    ("text", "country"),
    [
        ("GENEVA, March 3 (Reuters) - Talks on Syria resumed on Friday.", "CH"),
        ("KYIV, Ukraine, March 3 (AP) - Shelling hit Kharkiv overnight.", "UA"),
        # a village the gazetteer may lack: the country the dateline names
        ("ZZYXQUA, Moldova, June 1 (BWS) - Leaders met on Thursday.", "MD"),
    ],
)
def test_the_dateline_names_where_the_report_was_filed(text: str, country: str) -> None:
    place = _filed(text)
    assert place is not None
    assert place.country == country


@pytest.mark.parametrize(
    "text",
    [
        "BRUSSELS/PRISTINA, April 25 (BWS) - The European Union said on Monday it regretted the vote.",
        "Talks on Syria resumed in Geneva on Friday - officials said.",
        "",
    ],
)
def test_no_one_dateline_place(text: str) -> None:
    assert _filed(text) is None


def _inherited(gaz) -> list[Location]:
    town = next(p for p in gaz.lookup("Zvecan") if p.country == "XK" and p.kind != "country")
    return [gaz.to_location(town)]  # no span: not named in the event's own sentence


def _chisinau(gaz):
    return next(p for p in gaz.lookup("Chisinau") if p.country == "MD" and p.kind == "city")


@pytest.mark.parametrize("event_type", ["CONSULT", "REQUEST", "REJECT"])
def test_a_statement_reported_from_abroad_happened_there(gaz, event_type: str) -> None:
    why: list[Decision] = []
    out = dateline_location(_inherited(gaz), event_type, _chisinau(gaz), "XK", [], gaz, why)
    assert [loc.country for loc in out] == ["MD"]
    assert out[0].start is None
    assert why and "dateline_location" in why[-1].decided_by and "MD" in why[-1].reason


def test_what_the_dateline_leaves_alone(gaz) -> None:
    before = _inherited(gaz)
    chisinau = _chisinau(gaz)
    # a material act happens on the spot the report describes
    assert dateline_location(before, "ASSAULT", chisinau, "XK", [], gaz) == before
    # a dateline inside the report's country is the bureau covering it
    assert dateline_location(before, "REQUEST", chisinau, "MD", [], gaz) == before
    # a place named in the event's own sentence
    named = [gaz.to_location(gaz.lookup("Zvecan")[0], "Zvecan", 40, 46)]
    assert dateline_location(named, "REQUEST", chisinau, "XK", [], gaz) == named
    assert dateline_location([], "REQUEST", chisinau, "XK", [], gaz) == []
    assert dateline_location(before, "REQUEST", None, "XK", [], gaz) == before


def test_the_rule_lists_only_words_and_meetings() -> None:
    onto = load_ontology()
    types = geo_rules().dateline_acts.types
    assert set(types) <= set(onto.types)
    for name in types:
        assert onto.types[name]["quad"].startswith("verbal") or name == "CONSULT", name


CODER = "rules"


def test_full_pipeline_puts_a_summit_appeal_at_the_dateline(code) -> None:
    text = (
        "CHISINAU, Moldova, June 1 (Reuters) - Police fired tear gas at protesters in Zvecan, "
        "Kosovo, on Friday, and 30 peacekeepers were injured in Zvecan.\n\n"
        "European leaders meeting at the summit called for calm on Thursday."
    )
    events = code(text, date="2023-06-01")
    assert any(e.location is not None and e.location.country == "XK" for e in events if e.type == "ASSAULT")
    appeals = [e for e in events if e.type == "REQUEST"]
    assert appeals
    assert all(e.location is not None and e.location.country == "MD" for e in appeals)


def _statement_countries(code, text: str) -> list[str | None]:
    events = code(text, date="2023-06-01")
    return [e.location.country if e.location else None for e in events if e.type == "REJECT"]


_FIGHTING = (
    "CHISINAU, Moldova, June 1 (Reuters) - {police} fired tear gas at protesters in Zvecan, "
    "Kosovo, on Friday, and 30 peacekeepers were injured in Zvecan.\n\n"
)
_VUCIC = "Serbian President Aleksandar Vucic rejected the demand for new elections on Thursday."


@pytest.mark.parametrize(
    ("text", "countries"),
    [
        # Moldova is no actor's country: the reporter went to the summit, where Vucic spoke
        (_FIGHTING.format(police="Police") + _VUCIC, ["MD"]),
        # a Moldovan actor: the dateline is a bureau covering Moldova, and Serbia spoke at home
        (_FIGHTING.format(police="Moldovan police") + _VUCIC, ["RS"]),
        # "Moldova's government" reports no act of its own, yet it tells a bureau covering
        # Moldova, not a reporter visiting it: which events survive must not decide that
        (
            _FIGHTING.format(police="Police")
            + "Moldova's government has a new spokeswoman this week.\n\n"
            + _VUCIC,
            ["RS"],
        ),
    ],
    ids=["visit", "bureau", "bureau-by-owner"],
)
def test_a_state_s_words_stay_at_a_visit_s_dateline_and_go_home_from_a_bureau(
    code, text: str, countries: list[str]
) -> None:
    assert _statement_countries(code, text) == countries
