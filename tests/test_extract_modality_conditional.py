"""A hypothetical act tied to a condition is a stated threat or promise (PLOVER codes
the statement); a bare possibility stays uncoded."""

from __future__ import annotations

import pytest

# These tests check the parse-based rules themselves, without the trained classifier.
CODER = "rules"


@pytest.mark.parametrize(
    "text,type_,mode",
    [
        ("The union may halt the talks if the company cuts wages.", "THREATEN", "relations"),
        ("Dock workers might strike unless wages rise.", "THREATEN", "political"),
    ],
)
def test_conditional_act_is_a_threat(code, text, type_, mode):
    assert [(e.type, e.mode) for e in code(text)] == [(type_, mode)]


@pytest.mark.parametrize(
    "text",
    [
        "Civilians could be killed if the fighting continues.",
        "Workers could block the main road to the port.",
    ],
)
def test_possibility_alone_or_passive_is_not_coded(code, text):
    assert code(text) == []
