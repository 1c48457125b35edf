"""What someone declines to do did not happen; the refusal itself is the event."""

from __future__ import annotations

# These tests check the parse-based rules themselves, without the trained classifier.
CODER = "rules"


def test_declining_to_resign_is_a_refusal_only(code):
    events = code("The vice-president declined to resign despite weeks of pressure.")
    assert [e.type for e in events] == ["REJECT"]
