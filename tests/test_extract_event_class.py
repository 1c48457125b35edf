"""The classifier's stage: how sentence probabilities decide the events' class, drop a
sentence's events, add an event no trigger found, and become the confidence."""

from __future__ import annotations

from dataclasses import replace

import pytest

from flashpoint.classify.decide import load_policy
from flashpoint.extraction.event_class import ClassifyStage
from flashpoint.models import Document


def _before_classify(pipeline, text: str):
    """The work item after every stage that runs before the classifier."""
    work = pipeline.prepare(Document(id="t", text=text))
    for name, stage in zip(pipeline.stage_names, pipeline.stages):
        if name == "classify":
            break
        work = stage(work)
    return work


class FixedClasses:
    """Every sentence gets the same probabilities, in place of the model's."""

    rule_confusion = None

    def __init__(self, plover: dict[str, float], acled: dict[str, float] | None) -> None:
        self.probs = {"plover": plover, "acled": acled or {"NONE": 1.0}}

    def __call__(self, texts: list[str]) -> list[dict[str, dict[str, float]]]:
        return [self.probs for _ in texts]


def _stage(plover: dict[str, float], acled: dict[str, float] | None = None, **policy) -> ClassifyStage:
    """The real stage with fixed sentence probabilities in place of the model's."""
    stage = ClassifyStage()
    stage.classes = FixedClasses(plover, acled)
    stage.policy = replace(load_policy(), **policy)
    return stage


def test_a_sentence_the_classifier_is_sure_reports_nothing_loses_its_events(pipeline):
    work = _before_classify(pipeline, "Police arrested four men in the old town on Monday.")
    assert [c.type for c in work.candidates] == ["COERCE"]
    _stage({"NONE": 0.97, "COERCE": 0.03}, veto=0.9)(work)
    assert work.candidates[0].dropped and "classifier" in work.candidates[0].dropped


def test_below_the_veto_the_event_stays_with_the_classifiers_confidence(pipeline):
    work = _before_classify(pipeline, "Police arrested four men in the old town on Monday.")
    _stage({"NONE": 0.3, "COERCE": 0.65, "ASSAULT": 0.05}, veto=0.9)(work)
    cand = work.candidates[0]
    assert not cand.dropped and cand.type == "COERCE"
    assert cand.confidence == pytest.approx(0.65)
    assert cand.class_probs["plover"]["COERCE"] == pytest.approx(0.65)


def test_a_type_the_classifier_rules_out_yields_to_the_one_it_is_sure_of(pipeline):
    work = _before_classify(pipeline, "Police arrested four men in the old town on Monday.")
    _stage({"NONE": 0.05, "COERCE": 0.02, "PROTEST": 0.93}, retype_from=0.05, retype_to=0.6)(work)
    assert work.candidates[0].type == "PROTEST"
    assert work.candidates[0].mode is None or work.candidates[0].mode in ("demo", "obstruct")


def test_a_sentence_no_trigger_caught_gets_an_event_when_the_classifier_is_sure(pipeline):
    text = "A chlorine cloud drifted over the eastern suburb after the canisters landed."
    work = _before_classify(pipeline, text)
    assert not work.candidates
    _stage({"NONE": 0.1, "ASSAULT": 0.9}, new_event=0.8)(work)
    (cand,) = work.candidates
    assert cand.type == "ASSAULT" and cand.lexicon_key == "classifier"
    assert cand.sentence.text == text and cand.confidence == pytest.approx(0.9)
    assert text[cand.trigger.start : cand.trigger.end] == cand.trigger.text


def test_no_event_is_added_below_the_threshold(pipeline):
    work = _before_classify(
        pipeline, "A chlorine cloud drifted over the eastern suburb after the canisters landed."
    )
    _stage({"NONE": 0.3, "ASSAULT": 0.7}, new_event=0.8)(work)
    assert not work.candidates


def test_the_acled_head_adds_an_event_the_plover_head_is_unsure_of(pipeline):
    text = "A chlorine cloud drifted over the eastern suburb after the canisters landed."
    work = _before_classify(pipeline, text)
    plover = {"NONE": 0.4, "ASSAULT": 0.35, "COERCE": 0.25}
    _stage(plover, {"Chemical weapon": 0.9, "NONE": 0.1}, new_event=0.8, new_event_acled=1.01)(work)
    assert not work.candidates
    work.explain = True
    _stage(plover, {"Chemical weapon": 0.9, "NONE": 0.1}, new_event=0.8, new_event_acled=0.8)(work)
    (cand,) = work.candidates
    assert cand.type == "ASSAULT" and cand.confidence == pytest.approx(0.9)
    assert "new_event_acled 0.8" in cand.trace[-1].reason


def test_events_found_by_the_classifier_are_coded_whole(code):
    """Through the whole pipeline with the shipped model: a sports report with a
    trigger word gives no event, and a clear report of violence gives one with an
    ACLED type and the classifier's probability as its confidence."""
    assert (
        code("The visiting striker shot twice in the first half and the home side's attack never recovered.")
        == []
    )
    (ev,) = [
        e
        for e in code(
            "A suicide bomber blew himself up at a police checkpoint in Kandahar on Monday, "
            "killing six officers."
        )
        if e.type == "ASSAULT"
    ]
    assert ev.acled_sub_event_type == "Suicide bomb"
    assert 0.5 < ev.confidence <= 1.0


def test_a_type_another_trigger_of_the_sentence_carries_is_not_taken_again(pipeline):
    text = "The government ordered its army to the border and urged the rebels to lay down their arms."
    work = _before_classify(pipeline, text)
    assert {c.type for c in work.candidates} >= {"MOBILIZE", "REQUEST"}
    _stage({"NONE": 0.01, "REQUEST": 0.98, "MOBILIZE": 0.01}, retype_from=0.02, retype_to=0.9)(work)
    assert {c.type for c in work.candidates if not c.dropped} >= {"MOBILIZE", "REQUEST"}


@pytest.mark.parametrize(
    "text, sub_event",
    [
        (
            "Two farmers were killed when a landmine exploded under their cart.",
            "Remote explosive/landmine/IED",
        ),
        (
            "Two soldiers were hurt when a bomb planted by insurgents went off beside the road.",
            "Remote explosive/landmine/IED",
        ),
        ("Rebels fired mortars at the market, killing three traders.", "Shelling/artillery/missile attack"),
        ("Attacks by helicopter gunships hit rebel camps in the hills on Monday.", "Air/drone strike"),
        ("A drone struck a car carrying two commanders near the border.", "Air/drone strike"),
        ("Gunmen threw a grenade into a crowded bar, wounding six.", "Grenade"),
    ],
)
def test_the_weapon_sets_the_explosion_sub_type(code, text, sub_event):
    """The ACLED rules that listed weapon words were removed (issue 16): the classifier
    reads the weapon from the sentence."""
    evs = [e for e in code(text) if e.type == "ASSAULT"]
    assert evs and evs[0].acled_sub_event_type == sub_event


STATIVE = "When the governor announced on Sunday that the militia was on alert, many in the valley had a feeling of dread."


def test_an_event_whose_main_verb_tells_no_act_hangs_on_the_act_of_its_adverbial_clause(pipeline):
    """'many had a feeling of dread' is how people felt; the act the classifier read is
    the governor's announcement, and hanging the event there gives it the governor for
    an actor."""
    work = _before_classify(pipeline, STATIVE)
    assert not work.candidates
    _stage({"NONE": 0.1, "MOBILIZE": 0.9}, new_event=0.8)(work)
    (cand,) = work.candidates
    assert cand.trigger.text == "announced"
    assert STATIVE[cand.trigger.start : cand.trigger.end] == "announced"
    actors = dict(zip(pipeline.stage_names, pipeline.stages))["actors"]
    actors(work)
    assert [a.text for a in cand.actors] == ["the governor"]


def test_without_stative_roots_the_event_stays_on_the_main_verb(pipeline):
    work = _before_classify(pipeline, STATIVE)
    _stage({"NONE": 0.1, "MOBILIZE": 0.9}, new_event=0.8, stative_roots=frozenset())(work)
    (cand,) = work.candidates
    assert cand.trigger.text == "had"


def test_a_main_verb_of_action_keeps_the_event(pipeline):
    """Only a main verb that tells how things stood gives its event away: 'residents
    fled' is the act, whatever the clause before it says."""
    text = (
        "When the governor announced on Sunday that the militia was on alert, many residents fled the valley."
    )
    work = _before_classify(pipeline, text)
    work.candidates.clear()
    _stage({"NONE": 0.1, "MOBILIZE": 0.9}, new_event=0.8)(work)
    (cand,) = work.candidates
    assert cand.trigger.text == "fled"


def test_a_stated_readiness_hangs_on_its_to_clause_and_is_no_act(pipeline):
    """'is ready to take all necessary actions' tells how an actor stands: the event the
    classifier reads hangs on 'take', the content of 'ready', which the modality stage
    then reads as a readiness, not an act done."""
    text = "In line with its mandate, the mission is ready to take all necessary actions in the north."
    work = _before_classify(pipeline, text)
    work.candidates.clear()
    _stage({"NONE": 0.1, "REQUEST": 0.9}, new_event=0.8)(work)
    (cand,) = work.candidates
    assert cand.trigger.text == "take"
    stages = dict(zip(pipeline.stage_names, pipeline.stages))
    for name in pipeline.stage_names[pipeline.stage_names.index("classify") + 1 :]:
        work = stages[name](work)
    assert cand.dropped or cand.type != "REQUEST"
