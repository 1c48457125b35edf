"""A small event database for the query-parameter tests (store, CLI and API): five
single-report events written directly, no parsing, so the expected answers are known."""

from __future__ import annotations

from flashpoint.models import Actor, Document, Event, Location, Mention
from flashpoint.store import EventStore

ZVECAN = Location("Zveçan", "Zvečan", 42.9078, 20.8403, "XK", "Mitrovica", "Zvečan", 1)
LEPOSAVIC = Location("Leposaviq", "Leposavić", 43.1039, 20.8028, "XK", "Mitrovica", "Leposavić", 1)
BELGRADE = Location("Belgrade", "Belgrade", 44.8040, 20.4651, "RS", "Central Serbia", "Belgrade", 1)
KYIV = Location("Kyiv", "Kyiv", 50.4501, 30.5234, "UA", "Kyiv City", None, 1)

# key: (PLOVER type, ACLED type, ACLED sub-type, date, place, fatalities, actor, target, text)
EVENTS = {
    "zvecan": (
        "ASSAULT",
        "Violence against civilians",
        "Attack",
        "2023-05-29",
        ZVECAN,
        None,
        ("KFOR peacekeepers", "KFOR"),
        ("Serb residents", "Kosovo Serbs"),
        "Peacekeepers pushed back residents outside the town hall in Zvecan.",
    ),
    "leposavic": (
        "PROTEST",
        "Protests",
        "Peaceful protest",
        "2023-05-26",
        LEPOSAVIC,
        0,
        ("Serb protesters", "Kosovo Serbs"),
        None,
        "Hundreds gathered in Leposavic to protest against the new mayor.",
    ),
    "belgrade": (
        "ASSAULT",
        "Battles",
        "Armed clash",
        "2023-04-10",
        BELGRADE,
        3,
        ("a Serbian army unit", "Serbian Army"),
        ("gunmen", "Unidentified Armed Group"),
        "Three soldiers died when gunmen fired on a unit near Belgrade.",
    ),
    "kyiv": (
        "ASSAULT",
        "Explosions/Remote violence",
        "Air/drone strike",
        "2023-05-01",
        KYIV,
        12,
        ("Russian forces", "Military Forces of Russia"),
        None,
        "A drone strike on Kyiv killed twelve people, officials said.",
    ),
    "undated": (
        "REQUEST",
        None,
        None,
        None,
        None,
        None,
        ("the UN envoy", "United Nations"),
        None,
        "The envoy urged both sides to return to talks.",
    ),
}


def build_query_db(path: str) -> dict[str, str]:
    """Write EVENTS to a new database at ``path``; returns key -> event_id."""
    ids: dict[str, str] = {}
    with EventStore(path) as store:
        for key, (type_, acled, sub, date, place, dead, actor, target, text) in EVENTS.items():
            doc = Document(id=f"doc-{key}", text=text, title=f"Report on {key}", source="wire")
            ev = Event(
                doc_id=doc.id,
                event_id=Event.make_id(doc.id, type_, 0, len(text), key),
                type=type_,
                mode=None,
                evidence=Mention(text, 0, len(text)),
                acled_event_type=acled,
                acled_sub_event_type=sub,
                date=date,
                date_precision="day" if date else None,
                location=place,
                fatalities=dead,
                actors=(Actor(*actor),),
                recipients=(Actor(*target),) if target else (),
            )
            store.ingest([(doc, [ev])])
            ids[key] = ev.event_id
    return ids
