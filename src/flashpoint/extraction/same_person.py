"""A person named by surname after a full mention is the same person.

News introduces a person once in full ("Serbian President Aleksandar Vučić") and then
writes the surname alone ("Vučić said ..."). The bare surname carries neither the
nationality nor the office, so on its own it names an actor of no country or sector;
read as the person introduced earlier, it takes that actor's name, country and sector.
"""

from __future__ import annotations

from dataclasses import replace

from ..geo.fold import fold
from ..models import Actor
from ..work import Candidate


def complete_surnames(candidates: list[Candidate], person_sectors: frozenset[str]) -> None:
    """Give each bare-surname actor of ``candidates`` (in text order) the name, country
    and sector of the one person introduced earlier in the document under a full name
    ending in that surname. ``person_sectors`` are the sectors a named person is coded
    with (a government, an elite); a surname shared by two people stays as it is."""
    introduced: dict[str, list[Actor]] = {}
    for cand in sorted(candidates, key=lambda c: c.trigger.start):
        cand.actors = [_completed(a, introduced) for a in cand.actors]
        cand.recipients = [_completed(a, introduced) for a in cand.recipients]
        for a in [*cand.actors, *cand.recipients]:
            words = a.name.split()
            if len(words) > 1 and a.sector in person_sectors and _proper(words):
                known = introduced.setdefault(fold(words[-1]), [])
                if all(fold(k.name) != fold(a.name) for k in known):
                    known.append(a)


def _completed(actor: Actor, introduced: dict[str, list[Actor]]) -> Actor:
    words = actor.name.split()
    if len(words) != 1 or not _proper(words) or (actor.country and actor.sector):
        return actor
    known = introduced.get(fold(words[0]), [])
    if len(known) != 1:
        return actor
    full = known[0]
    return replace(actor, name=full.name, country=full.country, sector=full.sector)


def _proper(words: list[str]) -> bool:
    """A person's name is written in capitals ('Aleksandar Vučić', not 'the government')."""
    return all(w[:1].isupper() for w in words)
