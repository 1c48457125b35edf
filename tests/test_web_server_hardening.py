"""Server hardening (issue 21 point 5, issue 20 point 4): the Host allowlist against DNS
rebinding, time limits for slow clients (raw sockets against a real uvicorn server), the
Content-Security-Policy header, and Swagger UI served from local files."""

from __future__ import annotations

import re
import socket
import threading
import time
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path

import pytest

pytest.importorskip("httpx")
uvicorn = pytest.importorskip("uvicorn")
from fastapi.testclient import TestClient

from flashpoint.errors import UsageError
from flashpoint.web.app import STATIC_DIR, create_app
from flashpoint.web.security import allowed_host_names, host_name, server_settings
from flashpoint.web.timeouts import slow_client_protocol

TOKEN = "hardening-test-token"
HEAD_LIMIT_S = 1.5
BODY_LIMIT_S = 0.5
WAIT_S = 8.0  # far above both limits: how long a test waits for the server to hang up


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> str:
    return str(tmp_path_factory.mktemp("hardening") / "events.duckdb")


@pytest.fixture(scope="module")
def guarded(db: str) -> Iterator[TestClient]:
    """An app answering only the hosts `flashpoint serve --allowed-host api.example` would."""
    app = create_app(db, token=TOKEN, allowed_hosts=allowed_host_names("127.0.0.1", ["api.example"]))
    with TestClient(app, base_url="http://127.0.0.1:8000") as client:
        yield client


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, int]]:
    """A real uvicorn server with the slow-client limits cut to half a second."""
    db = str(tmp_path_factory.mktemp("slow") / "events.duckdb")
    app = create_app(
        db, token=TOKEN, body_timeout_s=BODY_LIMIT_S, allowed_hosts=allowed_host_names("127.0.0.1")
    )
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    config = uvicorn.Config(app, log_level="warning", lifespan="on", http=slow_client_protocol(HEAD_LIMIT_S))
    srv = uvicorn.Server(config)
    thread = threading.Thread(target=srv.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 60
    while not srv.started:
        assert thread.is_alive() and time.monotonic() < deadline, "the server did not start"
        time.sleep(0.05)
    try:
        yield sock.getsockname()
    finally:
        srv.should_exit = True
        thread.join(timeout=10)
        sock.close()


def _connect(address: tuple[str, int]) -> socket.socket:
    conn = socket.create_connection(address, timeout=WAIT_S)
    return conn


def _read_one_response(conn: socket.socket) -> bytes:
    """One whole response (head and Content-Length body): the head and the body may
    arrive in separate packets, and a kept-alive connection must be drained before the
    next request."""
    data = b""
    while b"\r\n\r\n" not in data:
        chunk = conn.recv(65536)
        if not chunk:
            return data
        data += chunk
    head, _, body = data.partition(b"\r\n\r\n")
    length = re.search(rb"(?im)^content-length:\s*(\d+)", head)
    want = int(length.group(1)) if length else 0
    while len(body) < want:
        chunk = conn.recv(65536)
        if not chunk:
            break
        body += chunk
    return head + b"\r\n\r\n" + body


def _read_until_closed(conn: socket.socket) -> tuple[bytes, bool]:
    """Everything the server sends until it hangs up; (data, True) if it did within WAIT_S."""
    data = b""
    conn.settimeout(WAIT_S)
    try:
        while chunk := conn.recv(65536):
            data += chunk
    except TimeoutError:
        return data, False
    except ConnectionResetError:
        pass
    return data, True


# -- settings --------------------------------------------------------------------------


def test_server_settings_are_loaded_and_strict() -> None:
    settings = server_settings()
    assert settings.header_timeout_s > 0 and settings.body_timeout_s > 0
    assert {"localhost", "127.0.0.1", "::1"} <= set(settings.loopback_hosts)
    for policy in (settings.content_security_policy, settings.docs_content_security_policy):
        assert "default-src 'self'" in policy
        assert "unsafe-inline" not in policy and "unsafe-eval" not in policy
        assert "http:" not in policy and "https:" not in policy and "*" not in policy


# -- Host allowlist --------------------------------------------------------------------


@pytest.mark.parametrize(
    "header, name",
    [
        ("localhost:8000", "localhost"),
        ("LocalHost.", "localhost"),
        ("[::1]:8000", "::1"),
        ("::1", "::1"),
        ("127.0.0.1", "127.0.0.1"),
        ("Api.Example:443", "api.example"),
    ],
)
def test_host_name_drops_port_brackets_case_and_final_dot(header: str, name: str) -> None:
    assert host_name(header) == name


def test_allowed_hosts_are_loopback_the_bound_address_and_the_named_ones() -> None:
    assert allowed_host_names("127.0.0.1") == {"localhost", "127.0.0.1", "::1"}
    assert "10.1.2.3" in allowed_host_names("10.1.2.3")
    assert allowed_host_names("0.0.0.0") == allowed_host_names(None)  # every interface: no name
    assert "dashboard.example" in allowed_host_names("0.0.0.0", ["Dashboard.Example:8000"])
    with pytest.raises(UsageError, match="--allowed-host"):
        allowed_host_names("127.0.0.1", [" "])


@pytest.mark.parametrize("path", ["/", "/events", "/docs", "/openapi.json", "/static/app.js"])
def test_a_rebound_host_name_is_refused_everywhere(guarded: TestClient, path: str) -> None:
    r = guarded.get(path, headers={"Host": "evil.attacker.example"})
    assert r.status_code == 400
    assert "--allowed-host evil.attacker.example" in r.json()["detail"]
    assert "default-src 'self'" in r.headers["content-security-policy"]


def test_a_rebound_host_cannot_post_even_with_the_token(guarded: TestClient) -> None:
    r = guarded.post(
        "/documents",
        json={"text": "x"},
        headers={"Host": "evil.attacker.example", "Authorization": f"Bearer {TOKEN}"},
    )
    assert r.status_code == 400


@pytest.mark.parametrize("host", ["127.0.0.1:8000", "localhost", "[::1]:8000", "api.example"])
def test_loopback_and_allowed_names_are_served(guarded: TestClient, host: str) -> None:
    assert guarded.get("/events", headers={"Host": host}).status_code == 200


def test_a_request_without_host_header_is_refused(server: tuple[str, int]) -> None:
    with _connect(server) as conn:
        conn.sendall(b"GET /events HTTP/1.0\r\n\r\n")
        data, _ = _read_until_closed(conn)
    assert data.startswith(b"HTTP/1.1 400") and b"no Host header" in data


# -- Content-Security-Policy -----------------------------------------------------------


@pytest.mark.parametrize("path", ["/", "/events", "/openapi.json", "/static/app.js", "/nowhere"])
def test_every_answer_carries_the_policy_header(guarded: TestClient, path: str) -> None:
    r = guarded.get(path)
    assert r.headers["content-security-policy"] == server_settings().content_security_policy
    assert r.headers["x-frame-options"] == "DENY"


class _PageAudit(HTMLParser):
    """Collects what a strict policy would block: inline scripts, style attributes,
    event-handler attributes, <style> blocks, <meta> policies and off-site URLs."""

    def __init__(self) -> None:
        super().__init__()
        self.problems: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        named = dict(attrs)
        if tag == "script":
            self._in_script = True
            if not named.get("src"):
                self.problems.append("inline <script>")
        if tag == "style":
            self.problems.append("<style> block")
        if tag == "meta" and (named.get("http-equiv") or "").lower() == "content-security-policy":
            self.problems.append("CSP in a <meta> tag")
        for key, value in attrs:
            if key == "style" or key.startswith("on"):
                self.problems.append(f"<{tag} {key}=...>")
            if key in ("src", "href") and value and re.match(r"(?i)\s*(https?:)?//", value):
                self.problems.append(f"off-site {key}={value}")

    def handle_data(self, data: str) -> None:
        if self._in_script and data.strip():
            self.problems.append("inline script text")

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":
            self._in_script = False


@pytest.mark.parametrize(
    "page", [STATIC_DIR / "index.html", Path(STATIC_DIR).parent / "apidocs" / "index.html"]
)
def test_pages_need_nothing_the_policy_forbids(page: Path) -> None:
    audit = _PageAudit()
    audit.feed(page.read_text(encoding="utf-8"))
    assert audit.problems == []


def test_our_scripts_never_evaluate_strings() -> None:
    ours = sorted(p for p in STATIC_DIR.rglob("*.js") if "vendor" not in p.parts)
    ours.append(Path(STATIC_DIR).parent / "apidocs" / "swagger-init.js")
    assert len(ours) > 3
    for script in ours:
        text = script.read_text(encoding="utf-8")
        assert not re.search(r"\beval\s*\(|new\s+Function\s*\(|setTimeout\s*\(\s*['\"`]", text), script


# -- /docs from local files ------------------------------------------------------------


def test_api_explorer_is_served_from_local_files(guarded: TestClient) -> None:
    """Swagger UI's files come from the pinned fastapi-offline package (see apidocs.py)."""
    page = guarded.get("/docs")
    assert page.status_code == 200
    assert page.headers["content-security-policy"] == server_settings().docs_content_security_policy
    urls = re.findall(r'(?:src|href)="([^"]+)"', page.text)
    assert {u for u in urls if u.startswith("/docs/assets/")} >= {
        "/docs/assets/swagger-ui.css",
        "/docs/assets/swagger-ui-bundle.js",
        "/docs/assets/swagger-init.js",
    }
    for url in urls:
        assert url.startswith("/"), url
        assert guarded.get(url).status_code == 200, url
    assert guarded.get("/redoc").status_code == 404  # FastAPI's CDN page is off


@pytest.mark.parametrize("path", ["../security.py", "..%2Fsecurity.py", ".hidden", "nope.js"])
def test_api_explorer_assets_stay_in_their_folders(guarded: TestClient, path: str) -> None:
    assert guarded.get("/docs/assets/" + path).status_code == 404


# -- slow clients ----------------------------------------------------------------------


def test_slow_request_heads_are_dropped(server: tuple[str, int]) -> None:
    """Twenty clients trickling headers, one line every 0.2 s, are all hung up on."""
    conns = [_connect(server) for _ in range(20)]
    for conn in conns:
        conn.sendall(b"GET /events HTTP/1.1\r\nHost: 127.0.0.1\r\n")
    started = time.monotonic()
    open_conns = list(conns)
    while open_conns and time.monotonic() - started < WAIT_S:
        time.sleep(0.2)
        for conn in list(open_conns):
            try:
                conn.sendall(b"X-Slow: 1\r\n")
            except OSError:  # the server closed it
                open_conns.remove(conn)
    for conn in conns:
        data, closed = _read_until_closed(conn)
        assert closed and not data.startswith(b"HTTP/1.1 200")
        conn.close()
    assert not open_conns


def test_an_idle_connection_is_dropped(server: tuple[str, int]) -> None:
    with _connect(server) as conn:
        assert _read_until_closed(conn) == (b"", True)


def test_a_stalled_body_gets_408(server: tuple[str, int]) -> None:
    with _connect(server) as conn:
        conn.sendall(
            b"POST /documents HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
            b"Authorization: Bearer " + TOKEN.encode() + b"\r\nContent-Length: 1000\r\n\r\n"
            b'{"text": "'
        )
        data, closed = _read_until_closed(conn)
    assert data.startswith(b"HTTP/1.1 408") and b"did not arrive" in data and closed


def test_a_trickled_body_gets_408_too(server: tuple[str, int]) -> None:
    """The body limit is a deadline for the whole body, not a gap between bytes."""
    with _connect(server) as conn:
        conn.sendall(
            b"POST /documents HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
            b"Authorization: Bearer " + TOKEN.encode() + b"\r\nContent-Length: 200\r\n\r\n"
        )
        conn.settimeout(0.1)
        answer = b""
        for _ in range(100):  # one byte each 0.1 s: 10 s for the body unless cut off
            try:
                conn.sendall(b" ")
                answer += conn.recv(65536)
            except (TimeoutError, BlockingIOError):
                continue
            except OSError:
                break
            if answer:
                break
        data, _ = _read_until_closed(conn)
    assert (answer + data).startswith(b"HTTP/1.1 408")


def test_prompt_clients_are_still_served_on_a_kept_alive_connection(server: tuple[str, int]) -> None:
    with _connect(server) as conn:
        for _ in range(2):
            conn.sendall(b"GET /events?limit=1 HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
            answer = _read_one_response(conn)
            assert answer.startswith(b"HTTP/1.1 200"), answer[:200]
            time.sleep(HEAD_LIMIT_S * 1.5)  # idle between requests is uvicorn's keep-alive limit


def test_serve_wires_the_allowlist_and_the_head_limit(monkeypatch: pytest.MonkeyPatch, db: str) -> None:
    """`flashpoint serve` hands uvicorn the guarded app and the slow-client protocol."""
    from uvicorn.protocols.http.h11_impl import H11Protocol

    from flashpoint.web import app as web_app

    seen: dict[str, object] = {}
    monkeypatch.setattr(uvicorn, "run", lambda app, **kw: seen.update(app=app, **kw))
    web_app.serve(db, host="127.0.0.1", port=8000, allowed_hosts=["team.example"])
    assert issubclass(seen["http"], H11Protocol) and seen["http"] is not H11Protocol
    with TestClient(seen["app"], base_url="http://127.0.0.1:8000") as client:
        assert client.get("/events", headers={"Host": "team.example"}).status_code == 200
        assert client.get("/events", headers={"Host": "other.example"}).status_code == 400


def test_a_star_accepts_any_host(db: str) -> None:
    app = create_app(db, allowed_hosts=allowed_host_names("127.0.0.1", ["*"]))
    with TestClient(app) as client:
        assert client.get("/events", headers={"Host": "anything.example"}).status_code == 200
