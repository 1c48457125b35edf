"""The explain trace (flashpoint.trace): each event says which rule or model decided its
type, ACLED type, place, date and counts, from which words; off, nothing changes."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from flashpoint.classify.decide import load_policy
from flashpoint.classify.model import NONE
from flashpoint.cli import main
from flashpoint.extraction.event_class import ClassifyStage
from flashpoint.extraction.quantities import find_quantities, parse_number
from flashpoint.extraction.quantity_lexicon import load_quantity_lexicon
from flashpoint.facade import extract
from flashpoint.io import write_events
from flashpoint.models import Mention
from flashpoint.ontology import load_ontology
from flashpoint.trace import Decision, format_trace
from flashpoint.work import Candidate

LEX = load_quantity_lexicon()

REPO = Path(__file__).resolve().parents[1]
DATE = "2023-05-29"
TEXT = (
    "Serb protesters clashed with KFOR troops in Zvecan on Monday. "
    "Thirty soldiers were injured and police arrested five men."
)


def _steps(event, field: str) -> list[Decision]:
    return [d for d in event.extra["explain"] if d.field == field]


def _check_explained(text: str, events) -> None:
    """Every event's trace names the words of each field it set, at their offsets."""
    assert events
    for ev in events:
        trace = ev.extra["explain"]
        for d in trace:
            for w in d.words:
                assert text[w.start : w.end] == w.text
        typed = _steps(ev, "type")
        assert any(ev.trigger in d.words for d in typed), typed
        assert _steps(ev, "acled")
        if ev.date_text:
            assert any(w.text == ev.date_text for d in _steps(ev, "date") for w in d.words)
        elif ev.date:
            step = _steps(ev, "date")[0]
            if step.decided_by == "the story's last named day":
                # the day named earlier in the text, shown at its own offsets
                assert [w.start < ev.evidence.start for w in step.words] == [True]
            else:
                assert "publication date" in step.decided_by
        if ev.location is not None:
            assert _steps(ev, "place")
            if ev.location.start is not None:
                said = text[ev.location.start : ev.location.end]
                assert any(w.text == said for d in _steps(ev, "place") for w in d.words)
        for name in ("fatalities", "injured", "arrested", "size"):
            value = getattr(ev, name)
            steps = _steps(ev, name)
            if value is None:
                assert steps == []
            else:
                # the number's words, then the cue's: "Thirty" ... "injured"
                assert parse_number(steps[0].words[0].text, LEX) == value
                assert "cue" in steps[0].reason


@pytest.fixture(scope="module")
def events():
    return extract(TEXT, date=DATE, explain=True)


def test_own_sentences_name_trigger_classifier_place_date_and_count_cue(events):
    _check_explained(TEXT, events)
    clash = next(ev for ev in events if ev.trigger.text == "clashed")
    decided = {d.decided_by for d in clash.extra["explain"]}
    assert "trigger lexicon" in decided
    assert any(by.startswith("event classifier, policy: ") for by in decided)
    place = _steps(clash, "place")
    assert any(w.text == "Zvecan" for d in place for w in d.words)
    date = _steps(clash, "date")[0]
    assert [w.text for w in date.words] == ["Monday"] and DATE in date.reason
    injured = _steps(clash, "injured")
    assert [w.text for w in injured[0].words] == ["Thirty", "injured"]
    assert "later" in injured[0].reason  # carried back from the next sentence


def test_trace_prints_under_each_event_and_goes_into_jsonl(events):
    table, lines = io.StringIO(), io.StringIO()
    write_events(events, "table", out=table)
    for ev in events:
        assert format_trace(ev.extra["explain"]) in table.getvalue()
    write_events(events, "jsonl", out=lines)
    records = [json.loads(line) for line in lines.getvalue().splitlines()]
    assert all(
        r["explain"] and {"field", "decided_by", "words", "reason"} <= r["explain"][0].keys() for r in records
    )


def test_off_builds_no_trace_and_writes_the_same_bytes(events):
    plain = extract(TEXT, date=DATE)
    assert all("explain" not in ev.extra for ev in plain)
    assert plain == events  # the trace changes no field
    off, on = io.StringIO(), io.StringIO()
    write_events(plain, "jsonl", out=off)
    write_events(events, "jsonl", out=on)
    stripped = []
    for line in on.getvalue().splitlines():
        record = json.loads(line)
        del record["explain"]
        stripped.append(json.dumps(record, ensure_ascii=False) + "\n")
    assert "".join(stripped) == off.getvalue()


def test_reference_article(seed_path):
    text = seed_path.read_text(encoding="utf-8")
    events = extract(text, explain=True)
    _check_explained(text, events)
    steps = [d for ev in events for d in ev.extra["explain"]]
    assert any(d.decided_by == "trigger lexicon" for d in steps)
    assert any(d.decided_by.startswith("event classifier") for d in steps)
    assert any(d.field == "place" and "attachment model" in d.decided_by for d in steps)
    assert any(d.field == "date" and d.words for d in steps)
    plain = extract(text)
    assert plain == events


def test_count_cues_only_when_asked():
    sentence = "Police arrested 12 protesters and three people were killed."
    q = find_quantities(sentence, LEX)
    assert q.cues is None
    explained = find_quantities(sentence, LEX, explain=True)
    assert explained == q
    rule, (start, end) = explained.cues["fatalities"]
    assert rule.startswith("fatalities.") and sentence[start:end] == "killed"
    rule, (start, end) = explained.cues["arrested"]
    assert rule.startswith("arrested.") and sentence[start:end] == "arrested"


def _judged(plover: dict[str, float], type_: str = "ASSAULT") -> Candidate:
    stage = ClassifyStage.__new__(ClassifyStage)  # the policy alone, no model loaded
    stage.policy, stage.types = load_policy(), load_ontology().types
    sentence = Mention("Gunmen attacked a post.", 0, 23)
    cand = Candidate(type=type_, mode=None, trigger=Mention("attacked", 7, 15), sentence=sentence, trace=[])
    stage._judge([cand], {"plover": plover, "acled": {}})
    return cand


def test_classifier_policy_branches_are_named():
    policy = load_policy()
    vetoed = _judged({NONE: policy.veto, "ASSAULT": 1 - policy.veto})
    assert vetoed.dropped and "vetoed" in vetoed.trace[-1].decided_by
    low = policy.retype_from / 2
    retyped = _judged({"ASSAULT": low, "PROTEST": max(policy.retype_to, 1 - low), NONE: 0.0})
    assert retyped.type == "PROTEST" and "retyped" in retyped.trace[-1].decided_by
    assert "ASSAULT -> PROTEST" in retyped.trace[-1].reason
    kept = _judged({"ASSAULT": 0.9, NONE: 0.1})
    assert kept.type == "ASSAULT" and "kept" in kept.trace[-1].decided_by


def test_cli_explain(tmp_path: Path, capsys):
    article = tmp_path / "a.txt"
    article.write_text(f"date {DATE}\n\n{TEXT}\n", encoding="utf-8")
    assert main(["extract", str(article), "--explain", "--format", "table", "-q"]) == 0
    out = capsys.readouterr().out
    assert "trigger lexicon" in out and "'Monday' [" in out
    assert main(["extract", str(article), "--explain", "--format", "csv", "-q"]) != 0
    assert "--explain" in capsys.readouterr().err


def test_explain_is_documented_in_the_readme():
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    row = next(line for line in readme.splitlines() if line.startswith("| `flashpoint extract "))
    assert "--explain" in row


def test_off_every_candidate_is_without_a_trace(pipeline):
    from flashpoint.models import Document

    for explain in (False, True):
        work = pipeline.prepare(Document(id="d", text=TEXT, date=None), explain)
        for stage in pipeline.stages:
            work = stage(work)
        assert work.candidates
        assert all((c.trace is not None) == explain for c in work.candidates)


def test_a_lexicon_or_mapping_step_names_its_entry_in_the_data_file(events):
    from flashpoint.ontology import load_data_yaml

    triggers = load_data_yaml("lexicons/triggers.yaml")
    mapping = load_ontology().acled_rules
    seen = set()
    for ev in events:
        for step in ev.extra["explain"]:
            if step.decided_by == "trigger lexicon":
                part, index = step.rule.removeprefix("triggers.yaml ").rstrip("]").split("[")
                entry = triggers[part][int(index)]
                # the entry the rule id points at is the one the reason quotes
                assert f"entry '{entry['lemma']}' gives" in step.reason
                seen.add("trigger")
            elif step.decided_by.startswith("acled_mapping") and step.rule:
                type_, index = step.rule.removeprefix("ontology.yaml acled_mapping ").rstrip("]").split("[")
                assert step.reason.startswith(f"{type_} rule {int(index) + 1} ")
                assert " / ".join(mapping[type_][int(index)]["acled"]) in step.reason
                seen.add("mapping")
            else:
                assert step.rule is None
    assert seen == {"trigger", "mapping"}
