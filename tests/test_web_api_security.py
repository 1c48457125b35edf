"""Security and concurrency of the REST API: write tokens, body limits, static paths,
CORS, untrusted text, error bodies, and who may open the database while it is served."""

from __future__ import annotations

import asyncio
import json
import subprocess
import sys
import threading
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("httpx")
from fastapi.testclient import TestClient  # noqa: E402

from flashpoint.cli import build_parser  # noqa: E402
from flashpoint.facade import ingest  # noqa: E402
from flashpoint.web import app as web_app  # noqa: E402
from flashpoint.web.app import create_app  # noqa: E402
from flashpoint.web.cache import ResponseCache  # noqa: E402
from flashpoint.web.security import TOKEN_ENV, read_token  # noqa: E402

TOKEN = "test-token-7f3a"
SCRIPT_TEXT = "Police arrested 12 protesters in Leposavic on Friday. <script>alert(1)</script>"
ARTICLES = [
    {"id": "s1", "title": "<script>alert('title')</script>", "date": "2023-05-29", "text": SCRIPT_TEXT},
    {
        "id": "s2",
        "date": "2023-05-29",
        "text": "Kosovo Serbs protested on Monday in front of the town hall in Zvecan.",
    },
]
NEW_ARTICLE = {
    "id": "posted-1",
    "title": "Cars burned",
    "date": "2023-05-28",
    "text": "Rioters burned cars in Mitrovica on Sunday, police said.",
}
LIMIT = 4000


@pytest.fixture(scope="session")
def static_root(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("site")
    static = root / "static"
    static.mkdir()
    (static / "app.js").write_text("// dashboard code", encoding="utf-8")
    (root / "secret.txt").write_text("TOP-SECRET", encoding="utf-8")
    try:
        (static / "link.txt").symlink_to(root / "secret.txt")
    except OSError:
        pass  # no symlinks on this file system; the other paths still run
    return static


@pytest.fixture(scope="session")
def db(tmp_path_factory) -> str:
    folder = tmp_path_factory.mktemp("websec")
    src = folder / "in.jsonl"
    src.write_text("".join(json.dumps(a) + "\n" for a in ARTICLES), encoding="utf-8")
    path = str(folder / "events.duckdb")
    ingest([str(src)], path, progress=False)
    return path


@pytest.fixture(scope="session")
def client(db, static_root) -> TestClient:
    return TestClient(create_app(db, token=TOKEN, max_body_bytes=LIMIT, static_dir=static_root))


def _auth(token: str = TOKEN) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def test_post_without_or_with_a_wrong_token_is_401(client):
    for headers in ({}, _auth("wrong"), _auth(TOKEN + "x"), {"Authorization": f"Basic {TOKEN}"}):
        r = client.post("/documents", json=NEW_ARTICLE, headers=headers)
        assert r.status_code == 401, headers
        assert r.headers["www-authenticate"] == "Bearer" and r.json()["detail"]
    assert client.get(f"/documents/{NEW_ARTICLE['id']}").status_code == 404


def test_post_with_the_token_ingests_and_the_events_are_visible(client):
    before = client.get("/events", params={"limit": 500}).json()  # now cached
    r = client.post("/documents", json=NEW_ARTICLE, headers=_auth())
    assert r.status_code == 200, r.text
    result = r.json()
    assert result["documents_new"] == 1 and result["documents"] == [NEW_ARTICLE["id"]]
    assert client.get(f"/documents/{NEW_ARTICLE['id']}").json()["text"] == NEW_ARTICLE["text"]
    mine = [
        e
        for e in client.get("/events", params={"limit": 500}).json()["events"]
        if e["doc_id"] == NEW_ARTICLE["id"]
    ]
    assert len(mine) == result["events_new"] > 0
    after = client.get("/events", params={"limit": 500}).json()
    assert after["total"] == before["total"] + result["events_new"]
    again = client.post("/documents", json=[NEW_ARTICLE], headers=_auth()).json()
    assert again["documents_unchanged"] == 1 and again["documents_new"] == 0


def test_writes_are_disabled_without_a_configured_token(tmp_path):
    r = TestClient(create_app(str(tmp_path / "ro.duckdb"))).post(
        "/documents", json=NEW_ARTICLE, headers=_auth()
    )
    assert r.status_code == 403 and "token" in r.json()["detail"]


@pytest.mark.parametrize(
    "body, word",
    [
        (b"{not json", "not JSON"),
        (b"[]", "no documents"),
        (b'{"title": "x"}', "document 1"),
        (b'[{"text": "ok text"}, {"text": 5}]', "document 2"),
    ],
)
def test_bad_bodies_are_400_with_a_message(client, body, word):
    r = client.post("/documents", content=body, headers={**_auth(), "Content-Type": "application/json"})
    assert r.status_code == 400 and word in r.json()["detail"]


def test_body_over_the_limit_is_413_declared_or_streamed(client):
    big = json.dumps({"text": "x" * (LIMIT + 10)}).encode()
    assert client.post("/documents", content=big, headers=_auth()).status_code == 413

    def chunks():  # no Content-Length: only counting the stream can catch it
        for _ in range(4):
            yield b" " * (LIMIT // 2)

    r = client.post("/documents", content=chunks(), headers=_auth())
    assert r.status_code == 413 and "limit" in r.json()["detail"]


def _raw_get(app: Any, raw_path: bytes) -> tuple[int, bytes]:
    """Send a path to the ASGI app untouched (HTTP clients would normalise '../')."""
    sent: list[dict[str, Any]] = []
    path = raw_path.decode("latin-1")
    scope = {
        "type": "http",
        "asgi": {"version": "3.0"},
        "http_version": "1.1",
        "method": "GET",
        "scheme": "http",
        "path": path,
        "raw_path": raw_path,
        "root_path": "",
        "query_string": b"",
        "headers": [(b"host", b"testserver")],
        "client": ("127.0.0.1", 1),
        "server": ("testserver", 80),
    }

    async def receive() -> dict[str, Any]:
        return {"type": "http.request", "body": b"", "more_body": False}

    async def send(message: dict[str, Any]) -> None:
        sent.append(message)

    asyncio.run(app(scope, receive, send))
    status = next(m["status"] for m in sent if m["type"] == "http.response.start")
    return status, b"".join(m.get("body", b"") for m in sent if m["type"] == "http.response.body")


@pytest.mark.parametrize(
    "raw",
    [
        b"/static/../secret.txt",
        b"/static/../../app.py",
        b"/static/..%2fsecret.txt",
        b"/static/%2e%2e/secret.txt",
        b"/static/%2e%2e%2fsecret.txt",
        b"/static/..\\secret.txt",
        b"/static//etc/passwd",
        b"/static/./../secret.txt",
        b"/static/link.txt",
        b"/static/app.js%00.png",
        b"/static/.hidden",
    ],
)
def test_static_paths_cannot_leave_the_static_folder(client, raw):
    status, body = _raw_get(client.app, raw)
    assert status == 404 and b"TOP-SECRET" not in body


def test_encoded_traversal_through_the_http_client_is_404(client):
    assert client.get("/static/app.js").text == "// dashboard code"
    for url in ("/static/%2e%2e/secret.txt", "/static/..%2Fsecret.txt", "/static/%252e%252e/secret.txt"):
        r = client.get(url)
        assert r.status_code == 404 and "TOP-SECRET" not in r.text


def test_no_cors_headers_unless_origins_are_configured(client, tmp_path):
    r = client.get("/events", headers={"Origin": "https://evil.example"})
    assert "access-control-allow-origin" not in r.headers
    pre = client.options(
        "/documents", headers={"Origin": "https://evil.example", "Access-Control-Request-Method": "POST"}
    )
    assert "access-control-allow-origin" not in pre.headers
    allowed = TestClient(create_app(str(tmp_path / "c.duckdb"), cors_origins=["http://localhost:5173"]))
    ok = allowed.get("/events", headers={"Origin": "http://localhost:5173"})
    assert ok.headers["access-control-allow-origin"] == "http://localhost:5173"
    other = allowed.get("/events", headers={"Origin": "https://evil.example"})
    assert "access-control-allow-origin" not in other.headers


def test_script_in_a_text_comes_back_as_json_data(client):
    doc = client.get("/documents/s1")
    assert doc.headers["content-type"].startswith("application/json")
    assert doc.headers["x-content-type-options"] == "nosniff"
    assert doc.json()["text"] == SCRIPT_TEXT and doc.json()["title"] == ARTICLES[0]["title"]
    features = client.get("/events.geojson").json()["features"]
    assert ARTICLES[0]["title"] in {f["properties"]["title"] for f in features}


def test_an_unexpected_failure_is_a_json_500_without_a_traceback(db, static_root, monkeypatch):
    def broken(*args: Any, **kwargs: Any) -> None:
        raise RuntimeError("secret internals")

    monkeypatch.setattr(web_app.reads, "list_events", broken)
    app = create_app(db, static_dir=static_root)
    r = TestClient(app, raise_server_exceptions=False).get("/events")
    assert r.status_code == 500 and "internal error" in r.json()["detail"]
    assert "Traceback" not in r.text and "secret internals" not in r.text


def test_reads_are_answered_while_a_write_holds_the_lock(client):
    service = client.app.state.service
    entered, release = threading.Event(), threading.Event()

    def long_write() -> None:
        with service.write_lock:
            entered.set()
            release.wait(30)

    writer = threading.Thread(target=long_write)
    writer.start()
    try:
        assert entered.wait(10)
        assert client.get("/events").status_code == 200
        assert client.get("/events.geojson").status_code == 200
    finally:
        release.set()
        writer.join()


def test_the_cache_never_keeps_a_body_computed_across_a_write():
    cache = ResponseCache()
    assert cache.get_or_make("/a", lambda: b"old") == b"old"
    assert cache.get_or_make("/a", lambda: b"unused") == b"old"

    def racing() -> bytes:
        cache.invalidate()  # a write commits while this body is being computed
        return b"maybe stale"

    cache.invalidate()
    assert cache.get_or_make("/a", racing) == b"maybe stale"
    assert cache.get_or_make("/a", lambda: b"fresh") == b"fresh"


def test_cli_ingest_on_a_served_database_fails_with_one_clear_line(client, db, tmp_path):
    src = tmp_path / "one.txt"
    src.write_text("Protesters blocked a road in Zvecan on Monday.", encoding="utf-8")
    run = subprocess.run(
        [sys.executable, "-m", "flashpoint.cli", "ingest", str(src), "--db", db],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert run.returncode == 2
    lines = [line for line in run.stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and "Traceback" not in run.stderr
    assert "POST" in lines[0] and "stop the server" in lines[0]


def test_serve_binds_loopback_by_default_and_reads_the_token(tmp_path, monkeypatch):
    args = build_parser().parse_args(["serve", "--db", "x.duckdb"])
    assert args.host == "127.0.0.1" and args.port == 8000 and args.token_file is None
    monkeypatch.delenv(TOKEN_ENV, raising=False)
    assert read_token(None) is None
    monkeypatch.setenv(TOKEN_ENV, " from-env ")
    assert read_token(None) == "from-env"
    secret = tmp_path / "token"
    secret.write_text("from-file\n", encoding="utf-8")
    assert read_token(str(secret)) == "from-file"
