"""Unknown names that their own words or the words around them mark as places."""

from __future__ import annotations

from flashpoint.geo import find_toponyms
from flashpoint.geo.fold import load_rules
from flashpoint.geo.local_names import local_nouns, named_feature_nouns, place_object_verbs


def _local(text):
    return [t.text for t in find_toponyms(text) if t.kind == "local"]


def test_rule_file_has_lower_case_word_lists():
    rules = load_rules("local_names.yaml")
    for key in (
        "local_nouns",
        "local_nouns_plural",
        "place_object_verbs",
        "named_feature_nouns",
        "part_nouns",
    ):
        words = rules[key]
        assert words and all(w == w.lower() for w in words), key
    singular, plural = local_nouns()
    assert "village" in singular and "villages" in plural and not singular & plural


def test_every_member_of_a_plural_list_is_a_place():
    text = "Militia fighters overran the villages of Qarbeli, Tuzmeni and Awal Darakh overnight."
    assert _local(text) == ["Qarbeli", "Tuzmeni", "Awal Darakh"]


def test_singular_noun_opens_no_list():
    text = "Militia fighters overran the village of Qarbeli, Tuzmeni told reporters."
    assert _local(text) == ["Qarbeli"]


def test_plural_noun_after_names_marks_them():
    text = "Herders from Qarbeli and Tuzmeni villages fought over a well."
    assert set(_local(text)) == {"Qarbeli", "Tuzmeni"}


def test_name_ending_in_a_site_word_is_a_place():
    assert "named_feature_nouns" and "roundabout" in named_feature_nouns()
    text = "Shells fell near the Tahtani Roundabout and the Merdash Dam after midnight."
    assert _local(text) == ["Tahtani Roundabout", "Merdash Dam"]


def test_site_word_alone_is_no_place():
    assert _local("The Dam was closed, the Hospital said on Monday.") == []


def test_object_of_a_place_verb_needs_no_preposition():
    assert "stormed" in place_object_verbs()
    kept = [t.text for t in find_toponyms("Rebel fighters stormed Mosul before dawn on Friday.")]
    assert "Mosul" in kept
