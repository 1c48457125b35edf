"""An authority reporting a coercive measure in the passive took it itself, and unqualified
officials joined to a clause about a state's government are that state's
(extraction/actors.py, data/lexicons/actors.yaml reported_measures)."""

from __future__ import annotations

from flashpoint.extraction.lexicon import load_actors
from flashpoint.ontology import load_ontology

CODER = "rules"


def _one(events, type_: str):
    (ev,) = [e for e in events if e.type == type_]
    return ev


def test_the_police_reporting_arrests_made_them(code) -> None:
    ev = _one(code("Police said three men were arrested in the market in Kano on Sunday."), "COERCE")
    assert [(a.text, a.sector) for a in ev.actors] == [("Police", "COP")]


def test_a_relative_reporting_a_detention_did_not_make_it(code) -> None:
    ev = _one(code("Relatives said the teacher was detained in Kano on Sunday."), "COERCE")
    assert not ev.actors


def test_the_agent_named_is_the_actor(code) -> None:
    ev = _one(code("Officials said the teacher was detained by soldiers in Kano on Sunday."), "COERCE")
    assert [a.sector for a in ev.actors] == ["MIL"]


def test_officials_reporting_deaths_are_not_the_killers(code) -> None:
    ev = _one(code("Officials said five people were killed in the blast in Kano."), "ASSAULT")
    assert not ev.actors


STORY = (
    "Serbian police detained two men in Novi Pazar and Kraljevo on Monday, Serbian officials said.\n\n"
    "Kosovo's {body} said it would protest, and officials said restrictions on goods from Serbia "
    "were being introduced.\n"
)


def _restriction(code, body: str):
    (ev,) = [e for e in code(STORY.format(body=body)) if e.trigger.text == "introduced"]
    return ev


def test_officials_joined_to_a_governments_clause_are_that_governments(code) -> None:
    ev = _restriction(code, "government")
    assert [(a.text, a.country) for a in ev.actors] == [("officials", "XK")]
    # a government's measure stays home, not in the Serbian town the story began in
    assert ev.location is not None and ev.location.country == "XK"


def test_officials_beside_another_kind_of_body_belong_to_the_storys_country(code) -> None:
    ev = _restriction(code, "army")
    assert [(a.text, a.country) for a in ev.actors] == [("officials", "RS")]


def test_the_rule_names_known_types_and_sectors() -> None:
    rule = load_actors().reported_measures
    onto = load_ontology()
    assert rule.types and rule.types <= set(onto.types)
    assert rule.sectors and rule.sectors <= set(onto.sectors)
    assert "say" in rule.speech_verbs
    assert "ASSAULT" not in rule.types
