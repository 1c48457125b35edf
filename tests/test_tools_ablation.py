"""tools/trigger_ablation.py and tools/acled_rule_ablation.py: which trigger lemma or
acled_mapping rule an event came from (the explain trace's rule ids), and the lexicon or
ontology without one of them. Invented sentences, the shipped model; no ../shared needed."""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tools"))
import acled_rule_ablation  # noqa: E402
import real_news_check  # noqa: E402
import trigger_ablation  # noqa: E402

TEXT = "Police arrested four men in Tarsk on Monday after gunmen killed two farmers."


def test_the_explain_trace_names_the_lemmas_that_fired() -> None:
    events = real_news_check.coded_events("shipped", {"a": TEXT}, explain=True)["a"]
    assert ("verb", "arrest") in trigger_ablation.lemmas_fired(events)
    assert ("verb", "kill") in trigger_ablation.lemmas_fired(events)


def test_a_lemma_left_out_fires_no_more() -> None:
    from flashpoint.extraction.lexicon import load_triggers

    lexicon = load_triggers()
    less = trigger_ablation.without(lexicon, "verb", "arrest")
    assert "arrest" in lexicon.verbs and "arrest" not in less.verbs
    assert less.nouns == lexicon.nouns and len(less.verbs) == len(lexicon.verbs) - 1
    settings = {"triggers": {"lexicon": less}}
    events = real_news_check.coded_events("shipped", {"a": TEXT}, settings, explain=True)["a"]
    fired = trigger_ablation.lemmas_fired(events)
    assert ("verb", "arrest") not in fired and ("verb", "kill") in fired


def test_the_acled_rule_behind_an_event_is_found_and_can_be_left_out() -> None:
    from flashpoint.ontology import load_ontology

    events = real_news_check.coded_events("shipped", {"a": TEXT}, explain=True)["a"]
    used = acled_rule_ablation.rules_used(events)
    onto = load_ontology()
    assert used and all(0 <= i < len(onto.acled_rules[t]) for t, i in used)
    type_, index = sorted(used)[0]
    less = acled_rule_ablation.without(onto, type_, index)
    assert len(less.acled_rules[type_]) == len(onto.acled_rules[type_]) - 1
    assert onto.acled_rules[type_][index] not in less.acled_rules[type_]
