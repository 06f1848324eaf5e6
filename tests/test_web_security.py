"""Web security: one error body everywhere, token rules, CSP on every response, no path
traversal in static files, article text rendered inert (escaped) on every page."""

from __future__ import annotations

import asyncio

import pytest
from fastapi.testclient import TestClient

from rashomon.ingest.engine import Engine
from rashomon.models import (
    Claim,
    Document,
    DocumentCreate,
    Hedge,
    Place,
    Quantity,
    Span,
)
from rashomon.web.app import create_app
from rashomon.web.security import CSP

TOKEN = "tok-123"
SCRIPT = "<script>alert(1)</script>"
IMG = "<img src=x onerror=alert(1)>"
SENTENCE = f"The group said {SCRIPT} its fighters killed 40 soldiers {IMG} in Kalat."
TEXT = f"Kalat, Feb 3 - Report.\n\n{SENTENCE}\n\nThe claim could not be verified."


def hostile_db(path: str, pack) -> tuple[str, str]:
    """A database holding one document whose text, title, outlet and claim carry HTML payloads
    (records built directly: independent of what the extractor makes of the text)."""
    doc = Document.from_create(DocumentCreate(text=TEXT, title=f"Title {SCRIPT}", outlet=f"Outlet {IMG}",
                                              url="https://example.invalid/x", source="test"))
    start = TEXT.index(SENTENCE)
    words = "40"
    w = TEXT.index(words, start)
    claim = Claim(document_id=doc.id, span=Span(start=start, end=start + len(SENTENCE)), quote=SENTENCE,
                  claimant=f"Baloch Liberation Army {SCRIPT}", hedge=Hedge.attributed, event_type="Battles",
                  sub_event_type="Armed clash", place=Place(name="Kalat", admin1="Balochistan",
                                                            admin2="Kalat", country="Pakistan",
                                                            latitude=29.03, longitude=66.59, precision=3),
                  quantities=[Quantity(category="killed", victims="soldiers", low=40, high=40, text=words,
                                       span=Span(start=w, end=w + 2))])
    with Engine.open(path, pack) as engine:
        stored = engine.add(doc, [claim])
    return doc.id, stored.events[0].id


@pytest.fixture(scope="module")
def web(tmp_path_factory):
    from rashomon.packs import load_pack

    db = str(tmp_path_factory.mktemp("sec") / "sec.db")
    doc_id, event_id = hostile_db(db, load_pack("balochistan"))
    app = create_app(db, token=TOKEN)
    with TestClient(app, raise_server_exceptions=False) as client:
        client.doc_id, client.event_id, client.app_ = doc_id, event_id, app
        yield client


@pytest.fixture(scope="module")
def readonly(web):
    with TestClient(create_app(web.app_.state.store.db, token="")) as client:
        yield client


NEW_DOC = {"text": "Gunmen shot dead two labourers in Turbat on Monday, police said."}


@pytest.mark.parametrize("method, url, kwargs, status", [
    ("get", "/api/events/e_nope", {}, 404),
    ("get", "/api/documents/nope", {}, 404),
    ("get", "/api/nowhere", {}, 404),
    ("delete", "/api/events", {}, 405),
    ("get", "/api/events?limit=0", {}, 422),
    ("get", "/api/events?since=yesterday", {}, 422),
    ("get", "/api/stats?by=year", {}, 422),
    ("post", "/api/documents", {"json": {"title": "no text"}, "headers": {"Authorization": f"Bearer {TOKEN}"}}, 422),
    ("post", "/api/documents", {"json": NEW_DOC}, 401),
    ("post", "/api/documents", {"json": NEW_DOC, "headers": {"Authorization": "Bearer wrong"}}, 401),
    ("post", "/api/documents", {"json": NEW_DOC, "headers": {"Authorization": f"Basic {TOKEN}"}}, 401),
])
def test_web_security_every_error_has_the_one_body_shape(web, method, url, kwargs, status):
    r = getattr(web, method)(url, **kwargs)
    assert r.status_code == status
    body = r.json()
    assert set(body) == {"error"}
    assert set(body["error"]) == {"code", "message", "hint", "location"}
    assert body["error"]["code"].startswith("E") and body["error"]["message"]


def test_web_security_crash_answers_500_with_the_body_shape_and_csp(web, monkeypatch):
    def boom(*_a, **_k):
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(web.app_.state.store, "events", boom)
    r = web.get("/api/events")
    assert r.status_code == 500
    assert r.json()["error"]["code"] == "E500" and "disk on fire" not in r.text
    assert r.headers["content-security-policy"] == CSP


def test_web_security_no_token_configured_means_read_only(readonly):
    r = readonly.post("/api/documents", json=NEW_DOC, headers={"Authorization": "Bearer anything"})
    assert r.status_code == 403
    assert r.json()["error"]["code"] == "E403"


def test_web_security_missing_token_is_401_with_challenge(web):
    r = web.post("/api/documents", json=NEW_DOC)
    assert r.status_code == 401 and r.headers["www-authenticate"] == "Bearer"


def test_web_security_right_token_can_write(web):
    r = web.post("/api/documents", json=NEW_DOC, headers={"Authorization": f"Bearer {TOKEN}"})
    assert r.status_code == 201, r.text


@pytest.mark.parametrize("url", ["/", "/docs", "/api/events", "/static/app.css", "/nowhere",
                                 "/openapi.json", "/api/export/events.csv"])
def test_web_security_every_response_has_csp(web, url):
    r = web.get(url)
    assert r.headers["content-security-policy"] == CSP
    assert "default-src 'self'" in CSP and "unsafe-inline" not in CSP
    assert r.headers["x-content-type-options"] == "nosniff"


def raw_get(app, raw_path: bytes) -> tuple[int, bytes]:
    """Send a request path to the ASGI app exactly as given (no client-side normalisation)."""
    sent: list[dict] = []
    asked: list[int] = []

    async def receive():
        asked.append(1)
        if len(asked) > 1:  # streaming responses listen for a disconnect that never comes
            await asyncio.Event().wait()
        return {"type": "http.request", "body": b"", "more_body": False}

    async def send(message):
        sent.append(message)

    path = raw_path.split(b"?")[0]
    from urllib.parse import unquote_to_bytes

    scope = {"type": "http", "asgi": {"version": "3.0"}, "http_version": "1.1", "method": "GET",
             "scheme": "http", "path": unquote_to_bytes(path).decode("latin-1"), "raw_path": path,
             "query_string": b"", "root_path": "", "headers": [(b"host", b"testserver")],
             "client": ("127.0.0.1", 1), "server": ("testserver", 80)}
    asyncio.run(app(scope, receive, send))
    status = next(m["status"] for m in sent if m["type"] == "http.response.start")
    return status, b"".join(m.get("body", b"") for m in sent if m["type"] == "http.response.body")


@pytest.mark.parametrize("raw", [
    b"/static/../../etc/passwd", b"/static/..%2f..%2fetc%2fpasswd", b"/static/%2e%2e/%2e%2e/etc/passwd",
    b"/static/%2e%2e%2f%2e%2e%2fetc%2fpasswd", b"/static/..%252f..%252fetc%252fpasswd",
    b"/static/....//....//etc/passwd", b"/static/..\\..\\etc\\passwd", b"/static//etc/passwd",
    b"/static/%2fetc%2fpasswd", b"/static/../web/app.py", b"/static/..%2fapp.py",
])
def test_web_security_static_files_refuse_path_traversal(web, raw):
    status, body = raw_get(web.app_, raw)
    assert status in (400, 404)
    assert b"root:" not in body and b"create_app" not in body


def test_web_security_static_files_still_serve_assets(web):
    status, body = raw_get(web.app_, b"/static/dashboard.js")
    assert status == 200 and b"textContent" in body


@pytest.mark.parametrize("page", ["document", "event"])
def test_web_security_article_text_is_escaped_in_html(web, page):
    url = f"/documents/{web.doc_id}" if page == "document" else f"/events/{web.event_id}"
    html = web.get(url).text
    assert SCRIPT not in html and IMG not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "&lt;img src=x onerror=alert(1)&gt;" in html
    assert "<script>" not in html  # the only scripts are external files
    assert html.count("<script src=") >= 1


def test_web_security_document_page_marks_the_evidence_span(web):
    html = web.get(f"/documents/{web.doc_id}").text
    assert "<mark id=" in html and "its fighters killed 40 soldiers" in html


def test_web_security_serve_binds_localhost_by_default(cli):
    r = cli("serve", "--help")
    assert r.returncode == 0 and "127.0.0.1" in r.stdout and "Example: rashomon serve" in r.stdout


def test_web_security_serve_on_a_taken_port_is_one_sentence(cli, tmp_path):
    import socket

    with socket.create_server(("127.0.0.1", 0)) as taken:
        r = cli("serve", "--db", str(tmp_path / "x.db"), "--port", str(taken.getsockname()[1]))
    assert r.returncode == 2 and "E104" in r.stderr and "Traceback" not in r.stderr
