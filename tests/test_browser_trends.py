"""The trends page in a real headless Chromium (Debian's /usr/bin/chromium via Playwright), over
the corpus written for tests/test_trends_page.py: from the main page's alerts to the small
multiples, hover text holding each flag's formula, filters kept, nothing fetched from outside.

Fails (never skips) when chromium is missing. ``RASHOMON_SCREENSHOTS=docs`` refreshes docs/trends.png.
"""

from __future__ import annotations

import subprocess
import sys
import threading
import time
from pathlib import Path
from urllib.parse import parse_qs, urlparse

import pytest

from tests.test_browser import browser, free_port, page, shoot  # noqa: F401  (fixtures)

CORPUS = Path(__file__).parent / "data" / "trends" / "surge.jsonl"


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    import uvicorn

    from rashomon.web.app import create_app

    db = str(tmp_path_factory.mktemp("browser-trends") / "t.db")
    exe = Path(sys.executable).parent / "rashomon"
    r = subprocess.run([str(exe), "ingest", str(CORPUS), "--db", db], capture_output=True, text=True, timeout=600)
    assert r.returncode == 0, r.stderr
    srv = uvicorn.Server(uvicorn.Config(create_app(db), host="127.0.0.1", port=free_port(), log_level="warning"))
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    deadline = time.time() + 60
    while not srv.started and time.time() < deadline:
        time.sleep(0.05)
    assert srv.started, "uvicorn did not start"
    yield f"http://127.0.0.1:{srv.config.port}"
    srv.should_exit = True
    thread.join(timeout=10)


def test_browser_alerts_lead_to_the_trends_page_with_the_same_filters(page, server, tmp_path):
    page.goto(server + "/?place=Balochistan")
    alerts = page.locator("#alerts li.alert")
    assert alerts.count() >= 3
    assert "Surge Tracker" in page.locator("#alerts li.k-surge").first.get_attribute("title")
    page.click("#alerts a.more")
    page.wait_for_url("**/trends?place=Balochistan")
    areas = page.eval_on_selector_all("#multiples section.small", "s => s.map(x => x.dataset.area)")
    assert areas[0] == "Kech" and "Panjgur" in areas
    mark = page.locator('section[data-area="Kech"] line.flag-mark.k-surge title')
    assert "value 3 against baseline 1" in mark.text_content()
    assert page.locator('section[data-area="Kech"] rect.bar').count() == 6
    shoot(page, "trends.png", tmp_path)
    page.click('a[href*="level=province"]')
    page.wait_for_url("**level=province**")
    assert page.eval_on_selector_all("#multiples section.small", "s => s.map(x => x.dataset.area)") == ["Balochistan"]
    page.select_option("select[name=type]", index=1)  # the script submits on change; the level stays
    page.wait_for_url("**type=**")
    query = parse_qs(urlparse(page.url).query)
    assert query["level"] == ["province"] and query["place"] == ["Balochistan"]
    assert page.outside == [] and page.dialogs == [] and page.errors == []


def test_browser_trends_page_fits_a_phone(browser, server):  # noqa: F811
    ctx = browser.new_context(viewport={"width": 390, "height": 800})
    pg = ctx.new_page()
    pg.goto(server + "/trends")
    assert pg.locator("#multiples section.small").count() >= 2
    overflow = pg.evaluate("document.scrollingElement.scrollWidth - window.innerWidth")
    ctx.close()
    assert overflow <= 0, f"the page is {overflow}px wider than the phone"
