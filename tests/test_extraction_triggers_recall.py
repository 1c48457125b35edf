"""Clear violent and protest reports that the trigger stage used to miss: verbs the
parser mistags, split-off prefixes, misparsed event nouns and a few lexicon gaps."""

from __future__ import annotations

import pytest

from flashpoint.evaluate.geo import primary_event
from flashpoint.extraction.lexicon import load_triggers

# These tests check the parse-based rules themselves, without the trained classifier.
CODER = "rules"


def _main(code, text: str) -> tuple[str, str | None] | None:
    main = primary_event(code(text))
    return None if main is None else (main.type, main.mode)


@pytest.mark.parametrize(
    "text,expected",
    [
        # the parser makes 'shot' the object of 'riding' and 'dead' the root
        (
            "Two gunmen riding a scooter shot dead a shopkeeper outside Dorvo on Sunday.",
            ("ASSAULT", "firearms"),
        ),
        # split by the tokenizer: 're-captured', 'baton charged'
        ("The army re-captured Mavo from the insurgents on Friday.", ("ASSAULT", None)),
        (
            "Police baton charged vendors at the main market in Tanu for ignoring the curfew.",
            ("ASSAULT", "crowd-control"),
        ),
        # a misspelt occurrence verb, and a reduced-relative misparse
        ("Clashes errupted between two herding clans near Ubrek on Tuesday.", ("ASSAULT", None)),
        (
            "Late on Monday a clash ensued between returning workers and border guards near the Kibo post.",
            ("ASSAULT", None),
        ),
    ],
)
def test_parse_failures_still_code_the_event(code, text, expected):
    assert _main(code, text) == expected


@pytest.mark.parametrize(
    "text,expected",
    [
        ("Rival supporters fought one another in Kibo during a campaign rally.", ("ASSAULT", None)),
        ("Rioters damaged the front of a bank in the centre of Kibo.", ("ASSAULT", "destroy")),
        ("A crowd burnt down the hut of a man they blamed for the theft of cattle.", ("ASSAULT", "destroy")),
        ("Government troops took control of the town of Mavo after heavy fighting.", ("ASSAULT", None)),
        ("Rebels regained control of the border town of Sarko on Wednesday.", ("ASSAULT", None)),
        ("Farm hands were taken as hostages by an armed gang near Dorvo.", ("ASSAULT", "abduct")),
        (
            "Soldiers stormed the camp at dawn and hurled tear gas at people queueing for water.",
            ("ASSAULT", "crowd-control"),
        ),
        ("A police truck struck an IED near Sarko.", ("ASSAULT", "explosives")),
        ("Artillery shells struck a clinic in the east of Laso.", ("ASSAULT", None)),
        (
            "Rockets fired by the militia caused heavy damage to the fuel depot outside Laso.",
            ("ASSAULT", None),
        ),
        ("Several soldiers suffered casualties from a roadside bomb on the highway.", ("ASSAULT", None)),
        ("The rebels waged three attacks against army posts near Gori.", ("ASSAULT", None)),
        (
            "The army returned fire after its patrol came under attack near the bridge.",
            ("ASSAULT", "firearms"),
        ),
        ("A detainee died under torture in a military prison near Ubrek.", ("ASSAULT", "torture")),
        ("The prisoner was reportedly subjected to torture by his guards.", ("ASSAULT", "torture")),
        ("The armed group executed a young male in the main square of Gori.", ("ASSAULT", None)),
        (
            "The army carried out an operation against the rebels near Fala, leaving two rebels dead.",
            ("ASSAULT", None),
        ),
        (
            "The militia fired rifles and heavy machine guns at homes in the town of Sela.",
            ("ASSAULT", "firearms"),
        ),
        ("Angry residents forced a shop to close in Maro after a worker fell ill.", ("PROTEST", "obstruct")),
    ],
)
def test_lexicon_gaps_are_filled(code, text, expected):
    assert _main(code, text) == expected


@pytest.mark.parametrize(
    "text",
    [
        # the same words with no violence: no object class or follow-up word matches
        "The government took control of the national airline last year.",
        "Police took control of the situation after the match.",
        "The storm left three people dead in the coastal villages.",
        "The striker took a shot at goal in the last minute.",
        "The company suffered heavy losses in the first quarter.",
        # negated or hypothetical variants of the sentences above
        "Rioters did not damage the bank, the police said.",
        "The army has not taken control of the town of Mavo.",
        "The rebels could take control of the town of Sarko next week.",
    ],
)
def test_no_event_without_violence_or_when_denied(code, text):
    assert [e.type for e in code(text) if e.type in ("ASSAULT", "PROTEST")] == []


def test_lexicon_lists_mistagged_verbs_and_prefixes():
    lex = load_triggers()
    verb, follows = lex.mistagged_verbs["shot"]
    assert verb == "shoot" and ("dead",) in follows
    assert lex.verb_prefixes["re"] == "" and lex.verb_prefixes["baton"] == " "
    assert "baton charge" in lex.verbs and "errupt" in lex.intransitive_subject_of
