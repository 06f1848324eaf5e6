"""HTTP API reliability (issue #14): no client input gets a 500, bodies are bounded before they
are held, a database that cannot answer is a 503, links and redirects cannot be steered."""

from __future__ import annotations

import asyncio
import json

import pytest
from fastapi.testclient import TestClient
from pgserver import pg_server, pg_url  # noqa: F401  (fixtures)

from rashomon.web.app import create_app

TOKEN = "reliable-token"
AUTH = {"Authorization": f"Bearer {TOKEN}"}
# Written for these tests.
RAID = "Armed men raided a levies post near Panjgur last week and killed three guards, officials said."


@pytest.fixture(scope="module")
def client(tmp_path_factory):
    db = str(tmp_path_factory.mktemp("rel") / "rel.db")
    with TestClient(create_app(db, token=TOKEN), raise_server_exceptions=False) as c:
        yield c


def assert_error_shape(r, status: int, code: str | None = None) -> None:
    assert r.status_code == status, r.text
    err = r.json()["error"]
    assert set(err) == {"code", "message", "hint", "location"} and err["message"]
    if code:
        assert err["code"] == code


HOSTILE_GETS = [
    ("/api/events?offset=9223372036854775808", 422), ("/api/documents?offset=9223372036854775808", 422),
    ("/?offset=9223372036854775808", 422), ("/api/events?offset=-1", 422),
    ("/api/events?updated_since=0.5", 422), ("/api/stats?updated_since=1700000000", 422),
    ("/api/events?until=0", 422), ("/api/stats?since=20250101", 422),
    ("/api/events?place=%00", 400), ("/api/stats?actor=a%00b", 400), ("/api/export/events.csv?type=%00", 400),
    ("/api/documents/%00", 400), ("/api/events/e_%00", 400), ("/documents/%00", 400),
]


@pytest.mark.parametrize("url, status", HOSTILE_GETS)
def test_api_hostile_query_or_path_is_a_4xx_with_the_error_shape(client, url, status):
    assert_error_shape(client.get(url, headers={"Accept": "application/json"}), status)


def test_api_updated_since_with_an_offset_at_the_calendar_end_is_not_an_error(client):
    r = client.get("/api/events", params={"updated_since": "9999-12-31T23:59:59-12:00"})
    assert r.status_code == 200 and r.json()["items"] == []


@pytest.mark.parametrize("published", ["9999-12-31", "0001-01-01"])
def test_api_post_with_an_impossible_publication_date_keeps_the_document_without_it(client, published):
    text = RAID.replace("Panjgur", "Panjgur" if published.startswith("9") else "Washuk")
    r = client.post("/api/documents", json={"text": text, "published": published}, headers=AUTH)
    assert r.status_code == 201, r.text
    assert r.json()["warnings"] and published in r.json()["warnings"][0]
    doc = client.get(f"/api/documents/{r.json()['document_id']}").json()
    assert doc["published"] is None and doc["text"] == text


@pytest.mark.parametrize("body, where", [
    ({"text": " \n\t "}, "body.text"), ({"text": "\u200b\u200b\ufeff"}, "body.text"),
    ({"text": "Gunmen fired at a bus.", "title": "\ud800"}, "body.title"),
    ({"text": "Gunmen fired at a bus.", "published": "2025-02-30"}, "body.published"),
    ({"text": "Gunmen fired at a bus.", "published": 0}, "body.published"),
])
def test_api_post_refuses_unusable_fields_naming_the_field(client, body, where):
    # json.dumps escapes the lone surrogate as \ud800, as a hostile client would send it
    r = client.post("/api/documents", content=json.dumps(body),
                    headers={**AUTH, "Content-Type": "application/json"})
    assert_error_shape(r, 422, "E422")
    assert r.json()["error"]["location"] == where


def test_api_post_body_with_a_number_too_long_to_read_is_a_400(client):
    raw = b'{"text": "Gunmen fired at a bus.", "title": ' + b"7" * 6000 + b"}"
    r = client.post("/api/documents", content=raw, headers={**AUTH, "Content-Type": "application/json"})
    assert_error_shape(r, 400)


def test_api_post_strips_nul_from_text_fields(client):
    r = client.post("/api/documents", json={"text": "Gunmen\u0000 torched a school in Kharan.",
                                            "title": "A\u0000B"}, headers=AUTH)
    assert r.status_code == 201, r.text
    doc = client.get(f"/api/documents/{r.json()['document_id']}").json()
    assert doc["text"] == "Gunmen torched a school in Kharan." and doc["title"] == "AB"


# ----------------------------------------------------------------- both backends


@pytest.fixture(params=["sqlite", "postgresql"])
def any_db(request, tmp_path) -> str:
    return str(tmp_path / "b.db") if request.param == "sqlite" else request.getfixturevalue("pg_url")


def test_api_nul_is_refused_in_paths_and_stripped_in_bodies_alike_on_both_backends(any_db):
    with TestClient(create_app(any_db, token=TOKEN), raise_server_exceptions=False) as c:
        for url in ("/api/events?place=%00", "/api/documents/%00", "/api/events/%00"):
            assert_error_shape(c.get(url), 400, "E461")
        r = c.post("/api/documents", json={"text": "Gunmen\u0000 shot a trader in Mand.",
                                           "outlet": "Wire\u0000"}, headers=AUTH)
        assert r.status_code == 201, r.text
        doc = c.get(f"/api/documents/{r.json()['document_id']}").json()
        assert (doc["text"], doc["outlet"]) == ("Gunmen shot a trader in Mand.", "Wire")


# ----------------------------------------------------------------- an unavailable database


def test_api_full_disk_on_post_is_a_503_with_a_reason(tmp_path):
    from sqlalchemy import event, text

    app = create_app(str(tmp_path / "full.db"), token=TOKEN)
    engine = app.state.store.engine
    with engine.connect() as conn:
        pages = conn.execute(text("PRAGMA page_count")).scalar()
    # SQLite's own "database or disk is full": the file may not grow by a single page
    event.listen(engine, "connect", lambda dbapi, _r: dbapi.execute(f"PRAGMA max_page_count={pages}"))
    engine.dispose()
    with TestClient(app, raise_server_exceptions=False) as c:
        r = c.post("/api/documents", json={"text": RAID + " " + "More details followed. " * 400}, headers=AUTH)
        assert_error_shape(r, 503)
        assert r.headers["retry-after"]
        assert c.get("/api/events").status_code == 200  # reads still work


def test_api_dead_database_is_a_503_with_a_reason(tmp_path):
    from sqlalchemy import create_engine

    app = create_app(str(tmp_path / "dead.db"), token=TOKEN)
    with TestClient(app, raise_server_exceptions=False) as c:
        app.state.store.engine = create_engine("sqlite:////nonexistent-folder/x.db")
        for url in ("/api/events", "/api/documents", "/api/stats?place=Kech"):
            r = c.get(url)
            assert_error_shape(r, 503, "E501")
            assert "unreachable" in r.json()["error"]["message"]


# ----------------------------------------------------------------- bodies bounded before they are held


def call(app, method: str, path: str, headers: dict, chunks, chunk_delay: float = 0.0) -> tuple[int, int, dict]:
    """Send a request straight to the ASGI app; the body comes from ``chunks`` one receive at
    a time. Returns (status, how many body chunks the app pulled, response headers)."""
    pulled, sent = [0], []
    it = iter(chunks)

    async def receive():
        if chunk_delay:
            await asyncio.sleep(chunk_delay)
        part = next(it, None)
        if part is None:
            return {"type": "http.request", "body": b"", "more_body": False}
        pulled[0] += 1
        return {"type": "http.request", "body": part, "more_body": True}

    async def send(message):
        sent.append(message)

    scope = {"type": "http", "asgi": {"version": "3.0"}, "http_version": "1.1", "method": method,
             "scheme": "http", "path": path, "raw_path": path.encode(), "query_string": b"",
             "root_path": "", "client": ("127.0.0.1", 1), "server": ("testserver", 80),
             "headers": [(k.lower().encode(), v.encode()) for k, v in headers.items()]}
    asyncio.run(app(scope, receive, send))
    start = next(m for m in sent if m["type"] == "http.response.start")
    return start["status"], pulled[0], {k.decode(): v.decode() for k, v in start["headers"]}


MB = b"x" * 1_000_000


@pytest.fixture(scope="module")
def small_app(tmp_path_factory):
    return create_app(str(tmp_path_factory.mktemp("lim") / "lim.db"), token=TOKEN,
                      max_body_bytes=2_000_000, body_timeout=0.2)


def endless(n=100):
    return (MB for _ in range(n))


def test_api_unauthenticated_100_mb_body_is_refused_without_reading_it(small_app):
    declared = {"content-type": "application/json", "content-length": str(100 * len(MB))}
    assert call(small_app, "POST", "/api/documents", declared, endless())[:2] == (413, 0)
    chunked = {"content-type": "application/json", "transfer-encoding": "chunked"}
    assert call(small_app, "POST", "/api/documents", chunked, endless())[:2] == (401, 0)


def test_api_authenticated_oversized_chunked_body_stops_at_the_limit(small_app):
    headers = {"content-type": "application/json", "transfer-encoding": "chunked", **AUTH}
    status, pulled, _ = call(small_app, "POST", "/api/documents", headers, endless())
    assert status == 413 and pulled <= 3  # 2 MB limit: the third megabyte is the refusal


def test_api_stalled_body_times_out_with_408(small_app):
    headers = {"content-type": "application/json", "transfer-encoding": "chunked", **AUTH}
    status, _, _ = call(small_app, "POST", "/api/documents", headers, endless(), chunk_delay=0.5)
    assert status == 408


# ----------------------------------------------------------------- what the schema and headers say


def test_api_openapi_declares_security_errors_and_export_media(client):
    doc = client.get("/openapi.json").json()
    post = doc["paths"]["/api/documents"]["post"]
    assert post["security"] == [{"bearer": []}] and doc["components"]["securitySchemes"]["bearer"]["scheme"] == "bearer"
    for status in ("400", "401", "404", "413", "422", "503"):
        assert status in post["responses"]
    assert "text/csv" in doc["paths"]["/api/export/events.{fmt}"]["get"]["responses"]["200"]["content"]
    assert "security" not in doc["paths"]["/api/events"]["get"]


def test_api_405_lists_every_method_of_the_path(client):
    r = client.request("OPTIONS", "/api/documents")
    assert_error_shape(r, 405, "E405")
    assert r.headers["allow"] == "GET, POST"


def test_api_slash_redirect_is_relative_whatever_the_host_header(client):
    r = client.get("/api/events/?limit=2", headers={"Host": "attacker.example"}, follow_redirects=False)
    assert r.status_code == 307 and r.headers["location"] == "/api/events?limit=2"


@pytest.mark.parametrize("url, linked", [("javascript:alert(1)", False), ("data:text/html,x", False),
                                         ("https://example.invalid/a", True)])
def test_api_document_page_links_only_http_urls(client, url, linked):
    r = client.post("/api/documents", json={"text": f"Gunmen attacked a post in Awaran ({url}).",
                                            "url": url}, headers=AUTH)
    html = client.get(f"/documents/{r.json()['document_id']}").text
    assert (f'href="{url}"' in html) is linked
