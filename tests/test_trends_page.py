"""The dashboard's trends page and the main page's alerts, over a corpus written for the test
(tests/data/trends/surge.jsonl): one violent event a week in Kech for five weeks, then three in
the last week (a surge by ACLED's rule) with the highest 30-day toll; Panjgur stays quiet."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from rashomon.web.app import create_app
from tests.conftest import run_cli

CORPUS = Path(__file__).parent / "data" / "trends" / "surge.jsonl"


@pytest.fixture(scope="module")
def client(tmp_path_factory):
    db = str(tmp_path_factory.mktemp("trends") / "t.db")
    r = run_cli("ingest", str(CORPUS), "--db", db)
    assert r.returncode == 0, r.stderr
    with TestClient(create_app(db)) as c:
        yield c


def charts(html: str) -> list[str]:
    return re.findall(r'<section class="panel small" data-area="([^"]+)"', html)


def test_trends_page_draws_one_chart_per_area_with_the_flagged_area_first(client):
    html = client.get("/trends").text
    assert charts(html)[0] == "Kech" and "Panjgur" in charts(html)
    kech = html[html.index('data-area="Kech"'):html.index('data-area="Panjgur"')]
    assert kech.count('class="bar"') == 6  # five quiet weeks with one violent event, and the last
    assert 'class="band"' in kech and 'class="best"' in kech


def test_a_fired_flag_is_marked_on_its_chart_with_its_formula_on_hover(client):
    html = client.get("/trends").text
    marks = re.findall(r'<line class="flag-mark k-(\w+)"[^>]*><title>([^<]+)</title>', html)
    kinds = {k for k, _ in marks}
    assert {"surge", "toll_high"} <= kinds
    surge = next(t for k, t in marks if k == "surge")
    assert "value 3 against baseline 1" in surge and "2 x the mean of the 4 weeks before" in surge


def test_toll_flags_say_whether_they_hold_on_the_low_figures(client):
    html = client.get("/trends").text
    assert re.search(r"highest 30-day toll: Kech[^<]*robust \(claims by [^)]*Balochistan Liberation Front", html)


def test_the_main_page_lists_fired_flags_and_links_to_the_trends_page(client):
    html = client.get("/?place=Balochistan").text
    panel = html[html.index('id="alerts"'):]
    panel = panel[:panel.index("</section>")]
    assert "surge: Kech" in panel and 'href="/trends?place=Balochistan"' in panel
    assert re.search(r'<li class="alert k-surge" title="[^"]*Surge Tracker', panel)


def test_the_trends_page_shares_the_dashboard_filters(client):
    only_panjgur = client.get("/trends", params={"place": "Panjgur"}).text
    assert charts(only_panjgur) == ["Panjgur"]
    assert 'name="place"' in only_panjgur and 'value="Panjgur"' in only_panjgur
    assert "No flag fired for this selection." in only_panjgur
    nothing = client.get("/trends", params={"since": "2030-01-01"}).text
    assert "No dated events match these filters." in nothing


def test_the_trends_page_by_province(client):
    html = client.get("/trends", params={"level": "province"}).text
    assert charts(html) == ["Balochistan"]
    assert "emerging actor: Balochistan" in html
    assert client.get("/trends", params={"level": "planet"}).status_code == 422
