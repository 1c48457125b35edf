"""How the classifier's probabilities and the rules' choice combine (classify.decide)."""

from __future__ import annotations

from dataclasses import replace

from flashpoint.classify.decide import load_policy
from flashpoint.ontology import load_ontology


def test_the_policy_file_names_only_real_types_and_sub_events():
    policy, onto = load_policy(), load_ontology()
    subs = {s for t in onto.acled_types.values() for s in t} | {"NONE"}
    assert set(policy.acled_by_plover) == set(onto.types)
    for plover, allowed in policy.acled_by_plover.items():
        assert set(allowed) <= subs, plover
    # every ACLED sub-event type is reachable from some PLOVER type
    assert {s for allowed in policy.acled_by_plover.values() for s in allowed} == subs
    assert 0 < policy.retype_from < policy.retype_to <= 1
    assert 0.5 <= policy.new_event <= 1 and 0.5 <= policy.veto <= 1
    assert 0.5 <= policy.new_event_acled <= 1.01


def test_the_acled_choice_stays_within_the_events_plover_type():
    policy = replace(load_policy(), rule_boost=2.0)
    probs = {"Armed clash": 0.7, "Arrests": 0.2, "NONE": 0.1}
    # the sentence reads as a battle, but its arrest event is still an arrest
    assert policy.choose_acled("COERCE", probs, "Arrests") == "Arrests"
    assert policy.choose_acled("ASSAULT", probs, "Attack") == "Armed clash"


def test_a_new_event_needs_one_head_sure_of_a_class():
    policy = replace(load_policy(), new_event=0.7, new_event_acled=0.8)
    sure_plover = {"plover": {"ASSAULT": 0.9, "NONE": 0.1}, "acled": {"NONE": 0.6, "Attack": 0.4}}
    assert policy.new_type(sure_plover) == ("ASSAULT", 0.9)
    # the PLOVER head torn between no event and two types, the ACLED head sure of an
    # abduction: the type is the likeliest that may take an abduction
    torn = {
        "plover": {"NONE": 0.45, "COERCE": 0.3, "ASSAULT": 0.2, "ACCUSE": 0.05},
        "acled": {"Abduction/forced disappearance": 0.85, "NONE": 0.15},
    }
    assert policy.new_type(torn) == ("COERCE", 0.85)
    # a sub-event only ASSAULT may take gives ASSAULT however the PLOVER head reads it
    bomb = {
        "plover": {"NONE": 0.55, "COERCE": 0.4, "ASSAULT": 0.05},
        "acled": {"Suicide bomb": 0.9, "NONE": 0.1},
    }
    assert policy.new_type(bomb) == ("ASSAULT", 0.9)
    assert policy.new_type({**torn, "acled": {"Abduction/forced disappearance": 0.75, "NONE": 0.25}}) is None
    assert policy.new_type({**torn, "acled": {"NONE": 0.95, "Attack": 0.05}}) is None
    # a model with no ACLED head adds events by its PLOVER head alone
    assert policy.new_type({"plover": torn["plover"]}) is None
    assert replace(policy, new_event_acled=1.01).new_type(bomb) is None


def test_the_rules_choice_counts_rule_boost_times():
    probs = {"Attack": 0.30, "Armed clash": 0.45, "NONE": 0.25}
    assert replace(load_policy(), rule_boost=2.0).choose_acled("ASSAULT", probs, "Attack") == "Attack"
    assert replace(load_policy(), rule_boost=1.0).choose_acled("ASSAULT", probs, "Attack") == "Armed clash"


def test_types_acled_does_not_code_get_no_acled_class():
    policy = load_policy()
    assert policy.choose_acled("ACCUSE", {"Attack": 0.9, "NONE": 0.1}, None) is None
    assert policy.choose_acled("REQUEST", {"Peaceful protest": 0.1, "NONE": 0.9}, "Peaceful protest") is None
    # a demand is speech: however sure the classifier is, ACLED does not code it
    assert policy.choose_acled("REQUEST", {"Peaceful protest": 0.85, "NONE": 0.15}, None) is None


def test_a_type_is_changed_only_when_the_classifier_is_sure_and_the_rules_type_unlikely():
    policy = replace(load_policy(), retype_from=0.05, retype_to=0.6)
    assert policy.retype("ASSAULT", {"ASSAULT": 0.02, "COERCE": 0.9, "NONE": 0.08}) == "COERCE"
    assert policy.retype("ASSAULT", {"ASSAULT": 0.2, "COERCE": 0.7, "NONE": 0.1}) is None
    assert policy.retype("ASSAULT", {"ASSAULT": 0.02, "COERCE": 0.5, "PROTEST": 0.48}) is None
    assert policy.retype("ASSAULT", {"ASSAULT": 0.01, "NONE": 0.99}) is None


def test_the_rules_answer_weighs_by_how_often_they_give_it_for_each_class(tmp_path):
    from flashpoint.classify.rule_confusion import RuleConfusion

    # the rules say "Violent demonstration" almost only when it is one, and "Attack"
    # for nearly any violence
    confusion = RuleConfusion.count(
        [("Violent demonstration", "Violent demonstration")] * 9
        + [("Violent demonstration", "Peaceful protest")]
        + [("Attack", "Attack")] * 5
        + [("Attack", "Armed clash")] * 5
        + [("Peaceful protest", "Peaceful protest")] * 20
        + [("Armed clash", "Armed clash")] * 5
    )
    policy = load_policy()
    probs = {"Peaceful protest": 0.6, "Violent demonstration": 0.3, "Attack": 0.05, "Armed clash": 0.05}
    assert (
        policy.choose_acled("PROTEST", probs, "Violent demonstration", confusion) == "Violent demonstration"
    )
    assert policy.choose_acled("PROTEST", probs, None, confusion) == "Peaceful protest"
    clash = {"Armed clash": 0.7, "Attack": 0.3}
    assert policy.choose_acled("ASSAULT", clash, "Attack", confusion) == "Armed clash"
    assert 0 < confusion.likelihood("Grenade", "Attack") < confusion.likelihood("Attack", "Attack")
    confusion.save(tmp_path)
    assert RuleConfusion.load(tmp_path) == confusion
    assert RuleConfusion.load(tmp_path / "none") is None
