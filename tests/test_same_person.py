"""A person named by surname after a full mention is the same person, with the full
mention's country and sector (extraction/same_person.py, lexicons/actors.yaml
person_sectors)."""

from __future__ import annotations

import pytest

from flashpoint.extraction.lexicon import load_actors
from flashpoint.extraction.same_person import complete_surnames
from flashpoint.models import Actor, Mention
from flashpoint.ontology import load_ontology
from flashpoint.work import Candidate

SECTORS = frozenset({"GOV", "ELI"})


def _cand(at: int, *actors: Actor) -> Candidate:
    return Candidate(
        type="REQUEST",
        mode=None,
        trigger=Mention("said", at, at + 4),
        sentence=Mention("", at - 10, at + 40),
        actors=list(actors),
    )


def _actor(name: str, country: str | None = None, sector: str | None = None) -> Actor:
    return Actor(text=name, name=name, country=country, sector=sector)


def test_a_surname_after_the_full_mention_is_the_same_person() -> None:
    full = _actor("Aleksandar Vučić", "RS", "GOV")
    later = _cand(300, _actor("Vucic", None, "ELI"))
    cands = [later, _cand(20, full)]  # out of text order on purpose
    complete_surnames(cands, SECTORS)
    (person,) = later.actors
    assert (person.name, person.country, person.sector) == ("Aleksandar Vučić", "RS", "GOV")
    assert person.text == "Vucic"  # still the words of its own sentence


def test_what_stays_as_it_is() -> None:
    before_intro = _cand(10, _actor("Scholz"))
    cands = [
        before_intro,
        _cand(20, _actor("Olaf Scholz", "DE", "ELI")),
        # two people of one surname: no one to take
        _cand(30, _actor("Ana Brnabić", "RS", "GOV")),
        _cand(40, _actor("Ivan Brnabić", "HR", "GOV")),
        _cand(50, _actor("Brnabić")),
        # a group is no person: 'Kosovo police' names no 'police' of Kosovo later
        _cand(60, _actor("Kosovo Police", "XK", "COP")),
        _cand(70, _actor("Police")),
        # lower case is no name
        _cand(80, _actor("the government", "XK", "GOV")),
        _cand(90, _actor("government")),
    ]
    complete_surnames(cands, SECTORS)
    assert before_intro.actors[0].country is None  # nobody was introduced yet
    assert cands[4].actors[0].country is None
    assert cands[6].actors[0].country is None
    assert cands[8].actors[0].country is None


def test_recipients_too() -> None:
    cands = [_cand(10, _actor("Emmanuel Macron", "FR", "ELI")), _cand(90)]
    cands[1].recipients = [_actor("Macron")]
    complete_surnames(cands, SECTORS)
    assert cands[1].recipients[0].country == "FR"


def test_the_lexicon_lists_known_sectors() -> None:
    sectors = load_actors().person_sectors
    assert "GOV" in sectors
    assert sectors <= set(load_ontology().sectors)


def test_full_pipeline_reads_a_surname_as_the_person(code) -> None:
    text = (
        "French President Emmanuel Macron met officials in Paris on Monday. "
        "Macron urged both sides to return to talks."
    )
    events = code(text, date="2023-06-01")
    urged = [e for e in events if e.type == "REQUEST"]
    assert urged
    assert any(a.country == "FR" and a.name == "Emmanuel Macron" for e in urged for a in e.actors)


@pytest.mark.parametrize(
    "text",
    [
        # the subject of the verb of saying whose clause holds the pronoun
        "Serbian President Aleksandar Vucic ordered troops to the border on Friday. "
        "Speaking in Belgrade, Vucic said he had asked NATO to protect the Serbs.",
        # a pronoun opening the next sentence: the subject of the sentence before
        "Serbian President Aleksandar Vucic ordered troops to the border on Friday. "
        "Vucic spoke to reporters in Belgrade. He urged NATO to protect the Serbs.",
    ],
)
def test_a_pronoun_stands_for_the_person_who_spoke(code, text: str) -> None:
    events = code(text, date="2023-05-26")
    requests = [e for e in events if e.type == "REQUEST"]
    assert requests
    assert [(a.name, a.country) for a in requests[0].actors] == [("Aleksandar Vucic", "RS")]


def test_a_pronoun_with_no_named_subject_names_no_actor(code) -> None:
    text = "The crowd gathered in Zvecan on Friday. He urged the police to leave."
    requests = [e for e in code(text, date="2023-05-26") if e.type == "REQUEST"]
    assert all(not e.actors for e in requests)


def test_a_pronoun_does_not_stand_for_an_organisation(code) -> None:
    text = "Amnesty International condemned the arrests in Nairobi. He urged the police to release them."
    requests = [e for e in code(text, date="2023-05-26") if e.type == "REQUEST"]
    assert requests
    assert all("Amnesty" not in a.name for e in requests for a in e.actors)
