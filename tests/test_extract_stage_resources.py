"""Each extraction stage takes its resources when it is built (issue 19 point 3): a
pipeline built with a smaller or altered resource codes with that one, and the shipped
resources stay as they were. Texts are invented here."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from flashpoint.budget import limits
from flashpoint.classify.decide import load_policy
from flashpoint.extraction.actors import load_countries
from flashpoint.extraction.lexicon import load_actors, load_modality, load_triggers
from flashpoint.models import Document, Event
from flashpoint.ontology import load_ontology
from flashpoint.pipeline import RULES_ONLY, Pipeline

PUB = date(2023, 5, 29)


@pytest.fixture(scope="module")
def shipped() -> Pipeline:
    return Pipeline()


def coded(pipeline: Pipeline, text: str) -> list[Event]:
    return pipeline.extract(Document(id="d", text=text, date=PUB))


def sides(events: list[Event]) -> list[tuple[list[tuple[str, str | None]], list[tuple[str, str | None]]]]:
    return [
        ([(a.name, a.country) for a in e.actors], [(r.name, r.country) for r in e.recipients]) for e in events
    ]


def test_the_actors_stage_reads_capitals_from_its_countries(shipped):
    text = "Belgrade accused Pristina of provoking the clashes."
    assert sides(coded(shipped, text)) == [([("Serbia", "RS")], [("Kosovo", "XK")])]
    no_capitals = replace(load_countries(), capitals={})
    built = Pipeline(config={"actors": {"countries": no_capitals}})
    assert sides(coded(built, text)) == [([("Belgrade", None)], [("Pristina", None)])]


def test_the_actors_stage_names_only_the_groups_of_its_lexicon(shipped):
    text = "KFOR troops clashed with protesters in Zvecan on Friday."
    assert [a.name for e in coded(shipped, text) for a in e.actors] == ["KFOR"]
    unnamed = replace(load_actors(), named={})
    built = Pipeline(config={"actors": {"lexicon": unnamed}})
    assert [a.name for e in coded(built, text) for a in e.actors] == ["KFOR troops"]


def test_armed_modifiers_come_from_the_actor_lexicon(shipped):
    text = "Armed men attacked a village near Gao on Monday."
    assert [a.sector for e in coded(shipped, text) for a in e.actors] == ["UAF"]
    plain = replace(load_actors(), armed_modifiers=frozenset())
    built = Pipeline(config={"actors": {"lexicon": plain}})
    assert [a.sector for e in coded(built, text) for a in e.actors] != ["UAF"]


def test_the_ontology_stage_reads_lone_actors_from_its_actor_lexicon():
    # the rules alone: with the classifier the stage's answer is one vote among others
    text = "A man beat a teenager with a stick in Zvecan on Friday."
    assert [e.acled_sub_event_type for e in coded(Pipeline(RULES_ONLY), text)] == ["Attack"]
    # without "man" among the one-person heads the attacker may be a crowd: mob violence
    nobody_alone = replace(load_actors(), one_person_heads=frozenset())
    built = Pipeline(RULES_ONLY, config={"ontology": {"actors": nobody_alone}})
    assert [e.acled_sub_event_type for e in coded(built, text)] == ["Mob violence"]


def test_the_build_stage_splits_by_place_only_the_physical_types_of_its_ontology(shipped):
    text = "Gunmen attacked villages in Kano and Kaduna on Monday, killing 12 people."
    assert [e.location.name for e in coded(shipped, text) if e.location] == ["Kano", "Kaduna"]
    nothing_physical = replace(load_ontology(), physical_types=frozenset())
    built = Pipeline(config={"build": {"ontology": nothing_physical}})
    assert [e.location.name for e in coded(built, text) if e.location] == ["Kano"]


def test_the_triggers_stage_finds_only_the_words_of_its_lexicon():
    text = "Protesters stormed the town hall in Zvecan on Friday."
    assert [e.trigger.text for e in coded(Pipeline(RULES_ONLY), text)] == ["stormed"]
    lexicon = load_triggers()
    without_storm = replace(lexicon, verbs={k: v for k, v in lexicon.verbs.items() if k != "storm"})
    built = Pipeline(RULES_ONLY, config={"triggers": {"lexicon": without_storm}})
    assert coded(built, text) == []


def test_the_modality_stage_drops_by_the_modals_of_its_lexicon():
    text = "Militants might attack the army post near Gao."
    assert coded(Pipeline(RULES_ONLY), text) == []
    no_modals = replace(load_modality(), hypothetical=frozenset(), future=frozenset())
    built = Pipeline(RULES_ONLY, config={"modality": {"lexicon": no_modals}})
    assert [e.trigger.text for e in coded(built, text)] == ["attack"]


def test_the_classify_stage_adds_events_by_the_thresholds_of_its_policy(shipped):
    text = "Protesters answered with stones and bottles."
    found = coded(shipped, text)
    assert [e.type for e in found] == ["PROTEST"]  # no trigger word: the classifier's event
    # a policy no probability can meet adds no event of its own
    never_new = replace(load_policy(), new_event=1.01, new_event_acled=1.01)
    assert coded(Pipeline(config={"classify": {"policy": never_new}}), text) == []


def test_the_actors_stage_reads_destinations_from_its_ontology(shipped):
    text = "Protesters marched to Pristina on Monday."
    assert sides(coded(shipped, text)) == [([("Protesters", "XK")], [])]
    # an ontology with no act that goes to a place: Pristina becomes the party concerned
    nowhere = replace(load_ontology(), destination_types=frozenset())
    built = Pipeline(config={"actors": {"ontology": nowhere}})
    assert [r.name for e in coded(built, text) for r in e.recipients] == ["Kosovo"]


def test_the_stages_read_their_bounds_from_what_they_were_built_with(shipped):
    text = "Serbia, Hungary and Croatia accused Kosovo of provoking the clashes in Zvecan on Friday."
    [event] = coded(shipped, text)
    assert [a.name for a in event.actors] == ["Serbia", "Hungary", "Croatia"]
    assert event.evidence.text == text
    tight = Pipeline(
        config={
            "actors": {"bounds": replace(limits(), actors_per_side=1)},
            "build": {"evidence_max_chars": 30},
        }
    )
    [event] = coded(tight, text)
    assert [a.name for a in event.actors] == ["Serbia"]
    assert len(event.evidence.text) == 30 and event.evidence.text in text
    assert event.trigger.text in event.evidence.text


def test_the_quantities_stage_reads_only_the_numbers_it_was_given(shipped):
    text = "In 3 towns police arrested 12 protesters on Friday."
    assert [e.arrested for e in coded(shipped, text)] == [12]
    first_number_only = Pipeline(config={"quantities": {"most_numbers": 1}})
    assert [e.arrested for e in coded(first_number_only, text)] == [None]
