"""Triggers from the CAMEO codebook's material cooperation roots (06 cooperate, 07 aid,
08 yield) and its statements that are no events (011 decline comment, 016 deny
responsibility). Every sentence here is invented."""

from __future__ import annotations

import pytest

from flashpoint.extraction.lexicon import load_triggers

# These tests check the parse-based rules themselves, without the trained classifier.
CODER = "rules"


def coded(code, text):
    return [(e.type, e.mode) for e in code(text)]


@pytest.mark.parametrize(
    "text,type_,mode",
    [
        ("The kingdom provided $40 million to the flood-hit province.", "AID", "economic"),
        ("Norway gave 5 million euros to the water project.", "AID", "economic"),
        ("The agency allocated $12 million in emergency funding to the camps.", "AID", "economic"),
        ("The navy provided the coast guard with patrol boats and equipment.", "AID", "economic"),
        ("The army gave 200 rifles to the border militia.", "AID", "military"),
        ("Volunteers distributed food and blankets to the displaced families.", "AID", "humanitarian"),
        ("The ministry sent medical supplies to the district hospital.", "AID", "humanitarian"),
        (
            "Ghana is deploying 400 soldiers to the UN peacekeeping mission in the region.",
            "AID",
            "peacekeeping",
        ),
        ("The court approved the extradition of the banker to Spain.", "COOPERATE", None),
        ("The guerrillas released Maria Lopez after six weeks.", "RETREAT", "release"),
        ("The coast guard released the seized fishing vessel on Friday.", "RETREAT", "return"),
        ("The dockworkers ended their strike after a week.", "CONCEDE", None),
        ("The two foreign ministers attended the summit in Oslo.", "CONSULT", None),
        ("The emir received the Italian ambassador at his palace.", "CONSULT", "host"),
        ("The general announced a three-day cease-fire on Sunday.", "RETREAT", "ceasefire"),
    ],
)
def test_material_cooperation_triggers(code, text, type_, mode):
    events = coded(code, text)
    assert (type_, mode) in events, events


def test_breaking_a_ceasefire_is_fighting(code):
    assert [t for t, _ in coded(code, "The militia violated the ceasefire near the dam.")] == ["ASSAULT"]


@pytest.mark.parametrize(
    "text",
    [
        "The ministry declined to comment on the report.",
        "The spokesman refused to comment on the negotiations.",
        "The mayor denied charges that he took bribes from builders.",
        "The cabinet rejected accusations of favouritism in the tender.",
    ],
)
def test_statements_that_turn_nothing_down_are_not_rejections(code, text):
    assert "REJECT" not in [t for t, _ in coded(code, text)]


@pytest.mark.parametrize(
    "text",
    [
        "The union rejected the pay offer on Monday.",
        "The council declined to extend the contract.",
        "The border guards denied entry to the journalists.",
    ],
)
def test_real_refusals_stay_rejections(code, text):
    types = [t for t, _ in coded(code, text)]
    assert types and types[0] in ("REJECT", "SANCTION"), types


def test_a_date_after_call_is_no_call_on(code):
    assert "REQUEST" not in [t for t, _ in coded(code, "The premier called his counterpart on Tuesday.")]
    assert "REQUEST" in [t for t, _ in coded(code, "The premier called on the rebels to lay down arms.")]


def test_the_value_of_shares_is_no_aid(code):
    assert "AID" not in [t for t, _ in coded(code, "The firm gave its shareholders a warning about profits.")]


@pytest.mark.parametrize(
    "word,appeal",
    [
        ("urged", True),
        ("calls", True),
        ("Appealing", True),
        ("asked", True),
        ("pleaded", True),
        ("demanded", False),
        ("insisted", False),
        ("said", False),
        ("sought", False),
    ],
)
def test_appeal_words_are_told_from_demands(word, appeal):
    assert load_triggers().is_appeal(word) is appeal


@pytest.mark.parametrize(
    "text,type_",
    [
        ("The rebels said they will lay down their arms on Sunday.", "AGREE"),
        ("The chancellor will host the Dutch king next week.", "AGREE"),
        ("The militia laid down its weapons at the stadium.", "RETREAT"),
    ],
)
def test_stated_and_done_disarming_and_hosting(code, text, type_):
    assert type_ in [t for t, _ in coded(code, text)]
