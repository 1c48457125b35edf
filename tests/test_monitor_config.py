"""data/monitor.yaml: families cover the ontology exactly once and the settings load."""

from __future__ import annotations

from collections import Counter

from flashpoint.monitor.config import alert_rules, intensity_weights, merge_rules
from flashpoint.ontology import load_data_yaml


def test_every_plover_type_is_in_exactly_one_family() -> None:
    types = set(load_data_yaml("ontology.yaml")["types"])
    listed = Counter(t for members in merge_rules().families.values() for t in members)
    assert set(listed) == types
    assert [t for t, n in listed.items() if n != 1] == []


def test_family_of_groups_physical_conflict_and_keeps_protest_and_deployment_apart() -> None:
    rules = merge_rules()
    assert rules.family_of("assault") == rules.family_of("COERCE")
    assert rules.family_of("PROTEST") != rules.family_of("ASSAULT")
    assert rules.family_of("MOBILIZE") != rules.family_of("ASSAULT")
    assert rules.family_of("NOT_A_TYPE") == "NOT_A_TYPE"


def test_alert_and_intensity_settings_are_sane() -> None:
    a = alert_rules()
    assert set(a.count_families) <= set(merge_rules().families)
    assert 0 < a.p_threshold < 0.05 and a.window_days < a.baseline_days
    assert a.min_events >= 1 and a.prior_events > 0 and a.prior_days > 0
    w = intensity_weights()
    assert w.fatality_weight >= w.injured_weight > 0
