"""The dashboard's event page shows the explain trace of an event stored by
`ingest --explain`, and no trace panel for one stored without it."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from browser import browser, tool  # noqa: F401 (fixtures)
from flashpoint.facade import ingest

TEXT = (
    "date 2023-05-29\n\nSerb protesters clashed with KFOR troops in Zvecan on Monday. "
    "Police arrested five men in Zvecan.\n"
)


@pytest.fixture(scope="module")
def base_url(tool: Any, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    work = tmp_path_factory.mktemp("trace")
    (work / "explained.txt").write_text(TEXT, encoding="utf-8")
    (work / "plain.txt").write_text(TEXT.replace("five", "six"), encoding="utf-8")
    db = work / "trace.duckdb"
    ingest([str(work / "explained.txt")], str(db), progress=False, explain=True)
    ingest([str(work / "plain.txt")], str(db), progress=False)
    with tool.serve_in_thread(db) as url:
        yield url


def test_event_page_shows_what_decided_each_field(browser: Any, base_url: str) -> None:
    page = browser.new_context().new_page()
    events = page.request.get(base_url + "/events", params={"unit": "reports", "limit": "50"}).json()[
        "events"
    ]
    explained = [
        e for e in events if "explain" in page.request.get(f"{base_url}/events/{e['event_id']}").json()
    ]
    assert explained and len(explained) < len(events)
    event = page.request.get(f"{base_url}/events/{explained[0]['event_id']}").json()
    page.goto(f"{base_url}/#/event/{event['event_id']}")
    page.wait_for_selector(".trace-panel summary")
    page.click(".trace-panel summary")
    steps = page.locator(".trace-step")
    assert steps.count() == len(event["explain"])
    shown = page.locator(".trace-list").inner_text()
    assert event["explain"][0]["decided_by"] in shown and event["explain"][0]["reason"] in shown

    plain = next(e for e in events if e not in explained)
    page.goto(f"{base_url}/#/event/{plain['event_id']}")
    page.wait_for_selector(f".event-head[data-event-id='{plain['event_id']}']")
    assert page.locator(".trace-panel").count() == 0
