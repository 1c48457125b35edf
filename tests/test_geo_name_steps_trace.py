"""The steps of finding and resolving place names record what they decided when a trace
list is given (explain on), and decide the same with or without it."""

from __future__ import annotations

from flashpoint.facade import extract
from flashpoint.geo import find_toponyms, resolve_toponyms
from flashpoint.trace import Decision

TEXT = "Serb protesters clashed with police in Zvecan on Monday. Later, protesters gathered in Leposavic."


def _read(text: str, why: list[Decision] | None) -> list[tuple[str, str, object, float]]:
    toponyms = find_toponyms(text, None, why)
    focus = resolve_toponyms(toponyms, text, why)
    return [(t.text, t.kind, t.place, t.score) for t in toponyms] + [("focus", focus or "", None, 0.0)]


def _by(why: list[Decision], word: str) -> list[Decision]:
    return [d for d in why if any(w.text == word for w in d.words)]


def test_the_trace_changes_no_reading() -> None:
    why: list[Decision] = []
    assert _read(TEXT, why) == _read(TEXT, None)
    assert why and all(d.field == "place" for d in why)
    for d in why:
        for w in d.words:
            assert TEXT[w.start : w.end] == w.text


def test_each_step_names_its_rule_and_the_words_it_judged() -> None:
    why: list[Decision] = []
    _read(TEXT, why)
    serb = _by(why, "Serb")
    assert any("add_demonym" in d.decided_by and "RS" in d.reason for d in serb), serb
    monday = _by(why, "Monday")
    assert monday and all("dropped" in d.reason and "rule: " in d.reason for d in monday), monday
    zvecan = _by(why, "Zvecan")
    assert any("add_place" in d.decided_by and "kept" in d.reason for d in zvecan), zvecan
    focus = [d for d in why if not d.words]
    assert len(focus) == 1 and "focus country XK" in focus[0].reason


def test_an_event_carries_the_steps_about_the_names_of_its_sentence() -> None:
    events = extract(TEXT, date="2023-05-29", explain=True)
    clash = next(ev for ev in events if ev.trigger.text == "clashed")
    scan = [d for d in clash.extra["explain"] if d.decided_by.startswith("toponym scan")]
    said = {w.text for d in scan for w in d.words}
    assert {"Serb", "Zvecan", "Monday"} <= said
    assert "Leposavic" not in said  # another sentence's name
    assert all(clash.evidence.start <= w.start and w.end <= clash.evidence.end for d in scan for w in d.words)
    assert extract(TEXT, date="2023-05-29") == events
