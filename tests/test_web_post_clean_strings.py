"""POST /documents with a record no database can hold (a lone surrogate, a non-finite id):
400 naming the record, and the whole body is refused before anything is written
(issue 21 point 3; docs/reliability.md says which of the two choices is made)."""

from __future__ import annotations

import pytest

pytest.importorskip("httpx")
from fastapi.testclient import TestClient  # noqa: E402

from flashpoint.store import EventStore  # noqa: E402
from flashpoint.web.app import create_app  # noqa: E402

TOKEN = "clean-strings-token"
GOOD = '{"id": "good-1", "text": "Police arrested ten protesters in Pristina on Monday."}'


@pytest.fixture
def served(tmp_path):
    db = str(tmp_path / "post.duckdb")
    with EventStore(db):
        pass  # an empty database, so nothing is coded before the records are checked
    return db, TestClient(create_app(db, token=TOKEN))


@pytest.mark.parametrize(
    "bad, field",
    [
        ('{"id": "x", "text": "Smile \\ud83d now."}', "text"),
        ('{"id": "\\ud83d", "text": "Troops left the town."}', "id"),
        ('{"id": "x", "title": "\\udfff", "text": "Troops left the town."}', "title"),
        ('{"id": 1e999, "text": "Troops left the town."}', "id"),
        ('{"id": NaN, "text": "Troops left the town."}', "id"),
    ],
)
def test_bad_record_is_400_naming_it_and_nothing_is_stored(served, bad, field):
    _, client = served
    body = f"[{GOOD}, {bad}]".encode()
    r = client.post(
        "/documents",
        content=body,
        headers={"Authorization": f"Bearer {TOKEN}", "Content-Type": "application/json"},
    )
    assert r.status_code == 400
    assert r.json()["detail"].startswith(f"document 2: field '{field}' ")
    # The good record in the same body was not stored either.
    missing = client.get("/documents/good-1")
    assert missing.status_code == 404 and "no document" in missing.json()["detail"]


def test_two_records_with_one_id_refuse_the_body(served):
    _, client = served
    body = f'[{GOOD}, {{"id": "x", "text": "Troops left."}}, {GOOD}]'.encode()
    r = client.post(
        "/documents",
        content=body,
        headers={"Authorization": f"Bearer {TOKEN}", "Content-Type": "application/json"},
    )
    assert r.status_code == 400
    assert r.json()["detail"] == ("document 3: id 'good-1' is already used by document 1 of this request")
