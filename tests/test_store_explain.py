"""`ingest --explain` stores each event's trace (schema version 7), the event page reads it
back, and coding again without it leaves no stale trace."""

from __future__ import annotations

from pathlib import Path

from flashpoint.facade import extract, ingest
from flashpoint.store import EventStore
from flashpoint.store.reads import event_detail

TEXT = (
    "date 2023-05-29\n\nSerb protesters clashed with KFOR troops in Zvecan on Monday. "
    "Police arrested five men in Zvecan.\n"
)


def _article(tmp_path: Path) -> Path:
    path = tmp_path / "a.txt"
    path.write_text(TEXT, encoding="utf-8")
    return path


def test_ingest_with_explain_stores_the_trace_the_event_page_shows(tmp_path: Path) -> None:
    db = str(tmp_path / "e.duckdb")
    ingest([str(_article(tmp_path))], db, progress=False, explain=True)
    # the same events as extract gives (the stored document's id differs, so the event ids do)
    expected = {
        (ev.type, ev.trigger.start): [d.to_dict() for d in ev.extra["explain"]]
        for ev in extract(TEXT, explain=True)
    }
    with EventStore(db) as store:
        ids = [r[0] for r in store.conn.execute("SELECT event_id FROM events").fetchall()]
        assert len(ids) == len(expected)
        for event_id in ids:
            page = event_detail(store.conn, event_id)
            assert page["explain"] == expected[(page["type"], page["trigger"]["start"])]
            assert any(d["field"] == "type" for d in page["explain"])


def test_recoding_without_explain_drops_the_trace(tmp_path: Path) -> None:
    db = str(tmp_path / "e.duckdb")
    path = str(_article(tmp_path))
    ingest([path], db, progress=False, explain=True)
    ingest([path], db, progress=False, recode=True)
    with EventStore(db) as store:
        assert store.conn.execute("SELECT count(*) FROM event_explain").fetchone()[0] == 0
        event_id = store.conn.execute("SELECT min(event_id) FROM events").fetchone()[0]
        assert "explain" not in event_detail(store.conn, event_id)
