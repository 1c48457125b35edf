"""Actors and recipients: names, countries (ISO alpha-2) and PLOVER sectors."""

from __future__ import annotations

# These tests check the parse-based rules themselves, without the trained classifier.
CODER = "rules"


def first(events, type_):
    return next(e for e in events if e.type == type_)


def test_person_with_title_and_demonym(code):
    ev = first(code("Serbian President Aleksandar Vucic urged the army to be combat-ready."), "REQUEST")
    vucic = ev.actors[0]
    assert (vucic.name, vucic.country, vucic.sector) == ("Aleksandar Vucic", "RS", "GOV")


def test_coordinated_actors_and_known_organisation(code):
    ev = first(code("Police and KFOR fenced the town halls in Zvecan."), "MOBILIZE")
    names = {a.name: a for a in ev.actors}
    assert "KFOR" in names and names["KFOR"].sector == "PKO"
    police = next(a for a in ev.actors if a.sector == "COP")
    assert police.country == "XK"


def test_peacekeepers_are_of_no_host_country(code):
    events = code(
        "A crowd attacked peacekeepers in Zvecan on Monday. "
        "Italian KFOR soldiers were injured. MINUSMA troops patrolled Gao."
    )
    sides = [a for e in events for a in e.actors + e.recipients if a.sector == "PKO"]
    assert {a.name for a in sides} >= {"peacekeepers", "KFOR", "MINUSMA"}
    # the story is about Kosovo, but peacekeepers are nobody's police or army there
    assert all(a.country != "XK" for a in sides)


def test_un_peacekeepers_are_not_the_un_itself_nor_the_host_army(code):
    events = code(
        "UN peacekeeping forces were attacked near Gao on Tuesday. "
        "Gunmen fired at peacekeeping troops in Bunia."
    )
    hit = [(r.name, r.country, r.sector) for e in events for r in e.recipients]
    assert ("UN peacekeepers", None, "PKO") in hit
    assert ("peacekeeping troops", None, "PKO") in hit


def test_capitals_stand_for_governments(code):
    ev = first(code("KFOR urges Belgrade and Pristina to engage in the EU-led dialogue."), "REQUEST")
    assert [(r.country, r.sector) for r in ev.recipients] == [("RS", "GOV"), ("XK", "GOV")]


def test_ethnic_group_placed_by_its_qualifier(code):
    ev = first(code("Kosovo Serbs boycotted the local elections in Zvecan."), "PROTEST")
    a = ev.actors[0]
    assert (a.country, a.sector) == ("XK", "CVL")
    assert ev.recipients == ()


def test_actor_offsets_point_into_the_text(code):
    text = "Police in riot gear arrested 12 protesters in Mitrovica on Monday."
    ev = first(code(text), "COERCE")
    for actor in ev.actors + ev.recipients:
        assert text[actor.start : actor.end] == actor.text


def test_coordinated_nationalities_split_into_actors(code):
    ev = first(code("KFOR urged Serbian and Kosovar authorities to de-escalate tensions."), "REQUEST")
    assert [(r.name, r.country, r.sector) for r in ev.recipients] == [
        ("Serbian authorities", "RS", "GOV"),
        ("Kosovar authorities", "XK", "GOV"),
    ]


def test_possessive_forces_belong_to_the_actor(code):
    ev = first(code("Serbia ordered its army to advance to the border with Kosovo."), "MOBILIZE")
    assert ev.actors[0].country == "RS"
    assert ev.recipients and ev.recipients[0].country == "RS"


def test_recipient_named_as_indirect_object_or_owner(code):
    aid = first(code("Norway will give Malawi a grant of 40 million dollars."), "AGREE")
    assert [r.country for r in aid.recipients] == ["MW"]
    praise = first(code("The French government praised Ghana's efforts to hold a fair vote."), "SUPPORT")
    assert [r.country for r in praise.recipients] == ["GH"]


def test_aid_sent_to_a_country_goes_to_that_country(code):
    ev = first(code("Japan sent food aid to Nepal on Tuesday."), "AID")
    assert [r.country for r in ev.recipients] == ["NP"]


def test_country_name_tagged_as_person_is_still_a_country(code):
    ev = first(code("Sri Lanka restored diplomatic ties with Tehran on Monday."), "SUPPORT")
    assert (ev.actors[0].country, ev.actors[0].sector) == ("LK", "GOV")
    assert [r.country for r in ev.recipients] == ["IR"]
