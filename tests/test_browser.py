"""End to end in a real headless Chromium (Debian's /usr/bin/chromium, driven by Playwright)
against a real uvicorn server over the demo database: filters, the contested event page, inert
hostile text, and proof that the dashboard makes no request beyond the server (offline).

Fails (never skips) when chromium is missing: ``bash scripts/ensure-system-deps.sh`` installs it.
Set ``RASHOMON_SCREENSHOTS=docs`` to refresh docs/dashboard.png and docs/event.png.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path
from urllib.parse import parse_qs, urlparse

import httpx
import pytest

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--no-first-run", "--disable-sync", "--disable-quic"]
TOKEN = "browser-token"
HOSTILE = ("QUETTA, Feb 3 (Test Wire) - Gunmen killed three policemen in Mastung on Sunday, "
           "police said. <script>alert(1)</script> <img src=x onerror=alert(1)>\n\nNo group claimed it.")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    import uvicorn

    from rashomon.web.app import create_app

    db = str(tmp_path_factory.mktemp("browser") / "demo.db")
    exe = Path(sys.executable).parent / "rashomon"
    r = subprocess.run([str(exe), "demo", "--db", db], capture_output=True, text=True, timeout=600)
    assert r.returncode == 0, r.stderr
    port = free_port()
    srv = uvicorn.Server(uvicorn.Config(create_app(db, token=TOKEN), host="127.0.0.1", port=port,
                                        log_level="warning"))
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    deadline = time.time() + 60
    while not srv.started and time.time() < deadline:
        time.sleep(0.05)
    assert srv.started, "uvicorn did not start"
    yield f"http://127.0.0.1:{port}"
    srv.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    assert Path(CHROMIUM).exists(), "chromium missing: run bash scripts/ensure-system-deps.sh"
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)
        yield b
        b.close()


@pytest.fixture
def page(browser, server):
    """A page that blocks (and records) every request not addressed to the test server, every
    dialog, and every console error (CSP violations show up there)."""
    ctx = browser.new_context(viewport={"width": 1400, "height": 1000})
    pg = ctx.new_page()
    pg.outside, pg.dialogs, pg.errors = [], [], []

    def route(r):
        if urlparse(r.request.url).hostname == "127.0.0.1":
            r.continue_()
        else:
            pg.outside.append(r.request.url)
            r.abort()

    pg.route("**/*", route)
    pg.on("dialog", lambda d: (pg.dialogs.append(d.message), d.dismiss()))
    pg.on("console", lambda m: pg.errors.append(m.text) if m.type == "error" else None)
    pg.on("pageerror", lambda e: pg.errors.append(str(e)))
    yield pg
    ctx.close()


def shoot(pg, name: str, tmp_path: Path) -> Path:
    out = tmp_path / name
    pg.screenshot(path=str(out), full_page=False)
    target = os.environ.get("RASHOMON_SCREENSHOTS")
    if target:
        shutil.copy(out, Path(__file__).resolve().parents[1] / target / name)
    return out


def row_ids(pg) -> list[str]:
    return pg.eval_on_selector_all("#events tbody tr[data-event]", "rows => rows.map(r => r.dataset.event)")


def most_contested(server: str) -> str:
    items = httpx.get(f"{server}/api/events", params={"status": "contested", "limit": 200}).json()["items"]
    with_figures = lambda e: {c["claimant"] for c in e["claims"] if c["category"] and c["low"] is not None}  # noqa: E731
    best = max(items, key=lambda e: (len(with_figures(e)), e["id"]))
    assert len(with_figures(best)) >= 2, "the demo corpus should hold a contested event"
    return best["id"]


def map_loaded(pg) -> int:
    """Wait for the Leaflet map's events layer; the number of events it placed."""
    pg.wait_for_selector('#map[data-loaded="true"]')
    pg.wait_for_selector("#map path.marker, #map .marker-cluster")
    return int(pg.get_attribute("#map", "data-count"))


def test_browser_dashboard_filter_updates_url_and_list(page, server, tmp_path):
    page.goto(server + "/")
    map_loaded(page)
    before = row_ids(page)
    assert len(before) >= 5
    assert page.locator("#timeline rect.bar").count() >= 1
    shoot(page, "dashboard.png", tmp_path)
    page.select_option("select[name=status]", "contested")  # the script submits on change
    page.wait_for_url("**status=contested**")
    query = parse_qs(urlparse(page.url).query)
    assert query == {"status": ["contested"]}  # empty fields stay out of the shared URL
    after = row_ids(page)
    assert after and set(after) < set(before)
    badges = page.eval_on_selector_all("#events tbody tr .badge:first-child", "b => b.map(x => x.textContent)")
    assert set(badges) == {"contested"}
    assert map_loaded(page) <= len(after)
    assert page.outside == [] and page.dialogs == [] and page.errors == []


def cluster_total(pg) -> int:
    """Events on the map: single circles plus the counts the cluster icons show."""
    counts = pg.eval_on_selector_all("#map .marker-cluster span", "s => s.map(x => +x.textContent)")
    return pg.locator("#map path.marker").count() + sum(counts)


def test_browser_map_draws_outlines_clusters_and_popups_offline(page, server):
    page.goto(server + "/")
    placed = map_loaded(page)
    located = [f for f in httpx.get(f"{server}/api/map/events.geojson").json()["features"]]
    assert placed == len(located) >= 5
    assert page.locator("#map path.country").count() >= 2  # outlines, no tiles
    assert page.locator("#map .leaflet-tile").count() == 0
    assert page.locator("#map .country-label", has_text="Pakistan").count() == 1
    assert cluster_total(page) == placed  # every event is a circle or inside a cluster
    page.click("#map-fit")  # zoom to the events: clusters split as the map zooms in
    page.wait_for_timeout(600)
    assert cluster_total(page) == placed
    page.click("#map .marker-cluster, #map path.marker >> nth=0")
    page.wait_for_timeout(800)  # a cluster zooms (or spiderfies) on click; then open a circle
    page.locator("#map path.marker").first.click(force=True)
    popup = page.locator("#map .leaflet-popup .map-popup")
    popup.wait_for()
    assert "killed" in popup.text_content()
    assert popup.locator("a").get_attribute("href").startswith("/events/")
    page.set_viewport_size({"width": 375, "height": 740})  # a phone: the map fits the width
    page.wait_for_timeout(200)
    box = page.locator("#map").bounding_box()
    assert box["width"] <= 375 and 280 <= box["height"] <= 740
    assert page.outside == [] and page.dialogs == [] and page.errors == []


def test_browser_contested_event_shows_both_sides(page, server, tmp_path):
    event_id = most_contested(server)
    page.goto(server + "/?status=contested")
    page.click(f'#events a[href="/events/{event_id}"]')
    page.wait_for_url(f"**/events/{event_id}")
    sides = page.locator("#claimants section.claimant")
    with_figures = [sides.nth(i) for i in range(sides.count()) if sides.nth(i).locator("li.figure").count()]
    names = {s.get_attribute("data-claimant") for s in with_figures}
    assert len(names) >= 2, names
    assert page.locator("#status").text_content() == "contested"
    assert page.locator("table.estimates").count() == 1
    shoot(page, "event.png", tmp_path)
    page.locator("#claimants .source a").first.click()  # quote -> its source document
    page.wait_for_selector("#text mark")
    assert page.outside == [] and page.dialogs == [] and page.errors == []


def test_browser_hostile_text_stays_inert(page, server):
    body = {"text": HOSTILE, "title": "<script>alert(2)</script>", "outlet": "<img src=y onerror=alert(3)>"}
    r = httpx.post(f"{server}/api/documents", json=body, headers={"Authorization": f"Bearer {TOKEN}"},
                   timeout=120)
    assert r.status_code == 201, r.text
    doc_id = r.json()["document_id"]
    page.goto(f"{server}/documents/{doc_id}")
    assert "<script>alert(1)</script>" in page.locator("#text").text_content()
    assert page.locator("#text script, #text img, h1 script").count() == 0
    for event_id in r.json()["events"]:
        page.goto(f"{server}/events/{event_id}")
        assert page.locator("#claimants img, #claimants script").count() == 0
    page.wait_for_timeout(300)
    assert page.dialogs == []
    assert page.outside == []


def test_browser_api_docs_render_offline(page, server):
    page.goto(server + "/docs")
    page.wait_for_selector("#apidocs section.op")
    assert page.locator("#apidocs section.op").count() >= 8
    assert page.outside == [] and page.errors == []
