"""Cooperation, concession and sanction triggers: verbs with precise objects, event
nouns with 'of' phrases, light nouns, amounts, and 'X said Y must act' as a demand."""

from __future__ import annotations

import pytest

# These tests check the parse-based rules themselves, without the trained classifier.
CODER = "rules"


def coded(code, text):
    return [(e.type, e.mode) for e in code(text)]


@pytest.mark.parametrize(
    "text,type_,mode",
    [
        ("The foreign minister telephoned his Greek counterpart on Tuesday.", "CONSULT", "phone"),
        ("The prime minister arrived in Vienna for talks on Monday.", "CONSULT", "visit"),
        ("The president gave a warm welcome to the visiting delegation.", "CONSULT", "host"),
        ("The bishop began a mediation effort to end the feud of the two clans.", "CONSULT", "third-party"),
        ("The two governments renewed negotiations on the border.", "CONSULT", None),
        ("Norway shared intelligence with Sweden about the network.", "COOPERATE", None),
        ("The navies of both countries began joint military exercises off the coast.", "COOPERATE", None),
        ("The charity handed over 300 kg of medicine to the clinic.", "AID", "humanitarian"),
        ("Kenya contributed 500 troops to the regional force.", "AID", "peacekeeping"),
        ("The first peacekeeping troops arrived in the capital on Sunday.", "AID", "peacekeeping"),
        ("The governor lifted the curfew in the port city.", "CONCEDE", None),
        ("The cabinet eased emergency measures in the province.", "CONCEDE", None),
        ("The government lifted the state of emergency in the north.", "CONCEDE", None),
        ("The union conceded to the demands of the employers.", "CONCEDE", None),
        ("The army lifted the blockade of the harbour.", "RETREAT", "ease"),
        ("The colonel resigned on Sunday after weeks of unrest.", "RETREAT", None),
        ("The state paid compensation to the families of the victims.", "RETREAT", None),
        ("The troops speeded up the withdrawal of their units from the valley.", "RETREAT", "withdraw"),
        ("The rebels handed over their weapons to the monitors.", "RETREAT", "disarm"),
        ("The government imposed sanctions on the regime.", "SANCTION", None),
        ("The airline board announced a suspension of flights to the island.", "SANCTION", "discontinue"),
        ("The donor suspended part of its military aid programme.", "SANCTION", "discontinue"),
        ("The embassy withdrew its ambassador from the capital.", "SANCTION", "withdraw"),
        ("Police prevented the rally outside the ministry.", "COERCE", "restrict"),
        ("The army reimposed a blockade on the district.", "COERCE", "restrict"),
        ("The council declared a state of siege across the province.", "COERCE", "martial-law"),
        ("Soldiers remained on high alert along the border.", "MOBILIZE", "troops"),
        ("The agency dispatched inspectors to the plant.", "ACCUSE", "investigate"),
        ("The mayor was put under investigation for fraud.", "ACCUSE", "investigate"),
        ("The embassy lodged a formal protest with the foreign ministry.", "ACCUSE", "disapprove"),
        ("Farmers blocked the highway into the capital on Monday.", "PROTEST", "obstruct"),
        ("The foreign minister met with his Iranian counterpart on Monday.", "CONSULT", None),
        ("The country broke off diplomatic relations with its neighbour.", "SANCTION", "withdraw"),
        ("The treasury froze the assets of the ruling family.", "SANCTION", "discontinue"),
        ("The army massed troops along the frontier.", "MOBILIZE", "troops"),
        ("The king pardoned 300 prisoners on Sunday.", "RETREAT", "release"),
        ("The rebels returned the captured territory to the government.", "RETREAT", "return"),
        ("The junta turned down the offer of talks.", "REJECT", None),
        ("The regime shut down two newspapers on Monday.", "COERCE", "censor"),
        ("The army vacated its positions near the river.", "RETREAT", "withdraw"),
    ],
)
def test_new_triggers_give_type_and_mode(code, text, type_, mode):
    events = coded(code, text)
    assert (type_, mode) in events, events


@pytest.mark.parametrize(
    "text,type_",
    [
        ("The minister said the rebels must release the hostages.", "REQUEST"),
        ("The envoy issued a warning that the militia must disarm.", "REQUEST"),
    ],
)
def test_a_party_that_must_act_is_a_demand(code, text, type_):
    assert [t for t, _ in coded(code, text)] == [type_]


@pytest.mark.parametrize(
    "text",
    [
        "He said he must leave the country soon.",
        "Police said the man must have died at night.",
        "The president opened a new bridge in the capital.",
        "The law allows citizens to carry hunting rifles.",
        "Troops blocked roads leading to the capital.",
        "The ministry shared information about the vaccine.",
        "The rebels tightened their grip on the city.",
        "The team met its sales target.",
        "Police consulted the records of the court.",
        "He shut down his computer after work.",
    ],
)
def test_look_alikes_are_not_events(code, text):
    assert code(text) == [], coded(code, text)


def test_a_month_is_not_a_march(code):
    events = coded(code, "Both sides violated the truce signed in March 2001.")
    assert ("PROTEST", "demo") not in events


def test_an_air_strike_is_no_labour_strike(code):
    assert ("ASSAULT", "aerial") in coded(code, "An air strike hit the village on Monday.")
    assert not [t for t, _ in coded(code, "An air strike hit the village on Monday.") if t == "PROTEST"]


def test_evacuating_the_wounded_is_aid_not_assault(code):
    events = coded(code, "Helicopters evacuated the wounded from the surrounded town.")
    assert [t for t, _ in events] == ["AID"]


def test_sanctions_and_curfews_split_between_sanction_and_coerce(code):
    assert [t for t, _ in coded(code, "The council imposed an arms embargo on the junta.")] == ["SANCTION"]
    assert coded(code, "The army imposed a curfew in the town.") == [("COERCE", "curfew")]
