"""The review loop end to end in a real headless Chromium (as tests/test_browser.py): an analyst
logs in with a token on the event page, corrects a figure, verifies the event, merges a second
event into it; the export and the history show it; a reader's token cannot write.

Set ``RASHOMON_SCREENSHOTS=docs`` to refresh docs/review.png.
"""

from __future__ import annotations

import csv
import io
import subprocess
import sys
import threading
import time
from pathlib import Path

import httpx
import pytest
from test_browser import browser, free_port, most_contested, page, shoot  # noqa: F401  (fixtures)

TOKEN = "browser-review-admin-token"


@pytest.fixture(scope="module")
def tokens(tmp_path_factory):
    from rashomon.review import add_user
    from rashomon.store import open_store

    db = str(tmp_path_factory.mktemp("review") / "demo.db")
    exe = Path(sys.executable).parent / "rashomon"
    r = subprocess.run([str(exe), "demo", "--db", db], capture_output=True, text=True, timeout=600)
    assert r.returncode == 0, r.stderr
    with open_store(db) as store:
        made = {role: add_user(store, f"{role}-one", role) for role in ("reader", "analyst")}
    return db, made


@pytest.fixture(scope="module")
def server(tokens):
    import uvicorn

    from rashomon.web.app import create_app

    port = free_port()
    srv = uvicorn.Server(uvicorn.Config(create_app(tokens[0], token=TOKEN), host="127.0.0.1",
                                        port=port, log_level="warning"))
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    deadline = time.time() + 60
    while not srv.started and time.time() < deadline:
        time.sleep(0.05)
    assert srv.started, "uvicorn did not start"
    yield f"http://127.0.0.1:{port}"
    srv.should_exit = True
    thread.join(timeout=10)


def login(pg, token: str) -> None:
    pg.fill("#review-token", token)
    pg.click("#review-login button[type=submit]")
    pg.wait_for_selector("#review-status-buttons, .status-buttons", state="visible")


def test_browser_review_analyst_corrects_verifies_merges_and_export_shows_it(page, server, tokens, tmp_path):
    event_id = most_contested(server)
    other = next(e["id"] for e in httpx.get(f"{server}/api/events", params={"limit": 200}).json()["items"]
                 if e["id"] != event_id)
    page.goto(f"{server}/events/{event_id}")
    login(page, tokens[1]["analyst"])
    page.select_option("#correct-field", "killed.best")
    page.fill("#correct-value", "31")
    page.fill("#correct-why", "hospital register")
    with page.expect_navigation():
        page.click("#review-correct button[type=submit]")
    assert "31" in page.inner_text("table.estimates")
    with page.expect_navigation():
        page.click('.set-status[data-status="verified"]')
    assert page.inner_text("#review-status") == "verified"
    page.fill("#merge-other", other)
    with page.expect_navigation():
        page.click("#review-merge button[type=submit]")
    merged = page.url.rsplit("/", 1)[-1]
    page.wait_for_selector("#review-history li.history-entry")
    history = page.inner_text("#review-history")
    assert "merge" in history and "killed.best" in history and "analyst-one" in history
    page.evaluate("document.getElementById('review').scrollIntoView()")
    shoot(page, "review.png", tmp_path)
    rows = list(csv.DictReader(io.StringIO(httpx.get(f"{server}/api/export/events.csv").text)))
    row = next(r for r in rows if r["id"] == merged)
    assert (row["review_status"], row["killed_best"], row["corrected_fields"]) == ("verified", "31", "killed.best")
    assert page.outside == [] and page.dialogs == [] and page.errors == []


def test_browser_review_reader_token_is_refused_on_the_page(page, server, tokens):
    event_id = most_contested(server)
    page.goto(f"{server}/events/{event_id}")
    login(page, tokens[1]["reader"])
    page.click('.set-status[data-status="rejected"]')
    page.wait_for_selector("#review-msg.bad")
    assert "403 E612" in page.inner_text("#review-msg")
    assert httpx.get(f"{server}/api/events/{event_id}").json()["review_status"] != "rejected"
