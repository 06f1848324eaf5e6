"""Trends: series, each flag's rule on hand-made series, robustness to contested figures, backtest."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from rashomon.models import ActorKind, ActorMention, Claim, Estimate, Event, Place, Quantity, Span
from rashomon.trends import backtest, build_series, flags_for
from rashomon.trends.flags import change, change_level, ears_c2, emerging_actors, surge, threat, toll_high
from rashomon.trends.series import Series, Point, week_start

SAT = date(2025, 1, 4)  # a Saturday: ACLED's week starts here


def ev(day: date, district: str = "Kech", *, killed: tuple[int, int, int] = (0, 0, 0),
       kind: str = "Battles", group: str | None = None, claimant: str | None = None, n: int = 0) -> Event:
    lo, best, hi = killed
    claims = [Claim(document_id="d", span=Span(start=0, end=1), quote="x", claimant=claimant,
                    quantities=[Quantity(category="killed", low=best, high=best, text="n",
                                         span=Span(start=0, end=1))])] if claimant else []
    actors = [ActorMention(name=group, kind=ActorKind.armed_group, text=group, span=Span(start=0, end=1))] if group else []
    est = {"killed": Estimate(category="killed", low=lo, best=best, high=hi)} if hi else {}
    return Event(id=f"e_{day.isoformat()}_{district}_{n}", event_type=kind, date_start=day, date_end=day,
                 place=Place(name=district, admin2=district, admin1="Balochistan", country="Pakistan"),
                 estimates=est, claims=claims, actors=actors)


def weekly(counts: list[int], district: str = "Kech") -> list[Event]:
    return [ev(SAT + timedelta(weeks=w, days=k % 7), district, n=k)
            for w, c in enumerate(counts) for k in range(c)]


def series_of(counts: list[int]) -> Series:
    return build_series(weekly(counts), period="week", since=SAT, until=SAT + timedelta(weeks=len(counts) - 1))[0]


def test_the_acled_week_runs_saturday_to_friday():
    assert week_start(date(2025, 1, 4)) == date(2025, 1, 4)  # Saturday
    assert week_start(date(2025, 1, 10)) == date(2025, 1, 4)  # Friday
    assert week_start(date(2025, 1, 11)) == date(2025, 1, 11)


def test_series_keep_empty_weeks_and_count_reports_beside_events():
    events = [ev(SAT, killed=(2, 3, 9), claimant="BLA"), ev(SAT + timedelta(weeks=3))]
    s = build_series(events, reports=[SAT, SAT, SAT + timedelta(weeks=1)])[0]
    assert [p.events for p in s.points] == [1, 0, 0, 1]
    assert [p.reports for p in s.points] == [2, 1, 0, 0]
    assert (s.points[0].killed_low, s.points[0].killed_best, s.points[0].killed_high) == (2, 3, 9)
    assert s.points[0].claimants == ["BLA"]


def test_series_by_province_and_month():
    events = [ev(date(2025, 1, 5), "Kech"), ev(date(2025, 1, 20), "Gwadar"), ev(date(2025, 3, 2), "Kech")]
    s = build_series(events, level="province", period="month")
    assert [x.area for x in s] == ["Balochistan"]
    assert [p.events for p in s[0].points] == [2, 0, 1]


def test_surge_fires_at_twice_the_four_week_mean_and_only_where_that_mean_is_at_least_one():
    assert surge(series_of([1, 1, 2, 2, 3]), 4).fired  # 3 >= 2 x 1.5
    assert not surge(series_of([2, 2, 2, 2, 3]), 4).fired  # 3 < 2 x 2
    assert surge(series_of([0, 0, 1, 0, 5]), 4) is None  # mean 0.25 < 1: not eligible


def test_threat_compares_the_last_four_weeks_with_the_year_before():
    assert threat(series_of([1] * 52 + [2, 2, 3, 3]), 55).fired
    assert not threat(series_of([1] * 52 + [1, 2, 1, 2]), 55).fired
    assert threat(series_of([1] * 20), 19) is None  # not enough history


@pytest.mark.parametrize("now, base, level", [
    (13, 10, "large increase"), (12, 10, "moderate increase"), (10, 10, "limited change"),
    (7, 10, "large decrease"), (5, 2, "limited change"),  # low-baseline rule
    (6, 2, "large increase"),
])
def test_change_levels_and_the_low_baseline_rule(now, base, level):
    assert change_level(now, base) == level


def test_change_flag_against_four_weeks():
    f = change(series_of([4, 4, 4, 4, 8]), 4)
    assert f.fired and f.label.startswith("large increase")


def test_ears_c2_alarms_on_a_quiet_district_and_keeps_a_guard_band():
    quiet = [0, 0, 0, 0, 0, 0, 0, 0, 0, 2]
    assert ears_c2(series_of(quiet), 9).fired  # (2 - 0) / 0.5 = 4 > 3
    # the two weeks before the current one are not in the baseline
    guard = [0, 0, 0, 0, 0, 0, 0, 5, 5, 2]
    assert ears_c2(series_of(guard), 9).fired


def test_a_toll_high_resting_only_on_one_side_s_claims_is_claim_dependent():
    until = date(2025, 6, 30)
    past = [ev(until - timedelta(days=200), killed=(4, 4, 4), n=1)]
    contested = past + [ev(until - timedelta(days=3), killed=(2, 2, 60), claimant="Baloch Liberation Army", n=2)]
    f = toll_high("Kech", "district", contested, until, floor=10)
    assert f.fired and f.robustness == "claim-dependent" and f.claimants == ["Baloch Liberation Army"]
    agreed = past + [ev(until - timedelta(days=3), killed=(20, 25, 30), claimant="Police", n=3)]
    assert toll_high("Kech", "district", agreed, until, floor=10).robustness == "robust"
    small = past + [ev(until - timedelta(days=3), killed=(5, 5, 5), n=4)]
    assert not toll_high("Kech", "district", small, until, floor=10).fired  # under the floor


def test_an_armed_group_new_to_a_province_this_month_is_emerging():
    events = [ev(date(2025, 6, 3), group="Baloch Liberation Army", n=1),
              ev(date(2025, 1, 3), group="Baloch Liberation Army", n=2),
              ev(date(2025, 6, 9), group="Baloch Republican Guards", n=3)]
    found = emerging_actors(events, date(2025, 6, 30))
    assert [f.label for f in found] == ["Baloch Republican Guards"]


def test_flags_for_a_database_name_their_formula():
    events = weekly([1, 1, 1, 1, 4])
    found = flags_for(events)
    fired = [f for f in found if f.fired]
    assert {f.kind for f in fired} >= {"surge"}
    assert all(f.formula for f in found)


def test_backtest_counts_surges_the_next_weeks_bore_out_beside_persistence():
    counts = [1, 1, 1, 1, 4, 4, 4, 4, 4, 1, 1, 1, 1, 3, 0, 0, 0, 0]
    rep = backtest(weekly(counts), horizon=4)
    assert rep.surge_flags == 2 and rep.surge_borne_out == 1 and rep.surge_precision == 0.5
    assert rep.persistence_flags >= rep.surge_flags
    assert [r[0] for r in rep.table()] == ["surge rule", "persistence baseline"]


def test_series_refuse_unknown_levels():
    with pytest.raises(ValueError):
        build_series([], level="country")


def test_points_are_records():
    assert Point(start=SAT, end=SAT).events == 0


def test_the_trends_commands_run_on_an_ingested_database(cli, tmp_path):
    corpus = tmp_path / "c.jsonl"
    corpus.write_text("\n".join([
        '{"text": "Gunmen killed four labourers in Kech on 3 May 2025, police said.", "published": "2025-05-04"}',
        '{"text": "Militants attacked a checkpoint in Kech on 10 May 2025, killing two soldiers.", "published": "2025-05-11"}',
    ]) + "\n", encoding="utf-8")
    db = str(tmp_path / "t.db")
    assert cli("ingest", str(corpus), "--db", db).returncode == 0
    out = cli("trends", "series", "--db", db, "--format", "json")
    assert out.returncode == 0, out.stderr
    series = __import__("json").loads(out.stdout)
    assert series[0]["area"] == "Kech" and sum(p["events"] for p in series[0]["points"]) == 2
    assert cli("trends", "flags", "--db", db, "--all").returncode == 0
    assert "persistence baseline" in cli("trends", "backtest", "--db", db).stdout
    bad = cli("trends", "flags", "--db", db, "--level", "country")
    assert bad.returncode != 0 and "E150" in bad.stdout + bad.stderr


def test_the_briefing_renders_in_html_and_pdf_with_its_key_figures(cli, tmp_path):
    import pypdf
    import pypdfium2

    db = str(tmp_path / "demo.db")
    assert cli("demo", "--db", db).returncode == 0
    html = tmp_path / "brief.html"
    done = cli("brief", "--since", "2025-03-01", "--until", "2025-03-31", "-o", str(html), "--db", db)
    assert done.returncode == 0, done.stderr
    page = html.read_text("utf-8")
    assert "Briefing: 2025-03-01 to 2025-03-31" in page and "Methods" in page
    assert "Baloch Liberation Army" in page and "<svg" in page
    pdf = tmp_path / "brief.pdf"
    done = cli("brief", "--since", "2025-03-01", "--until", "2025-03-31", "-o", str(pdf), "--db", db)
    assert done.returncode == 0, done.stderr
    reader = pypdf.PdfReader(str(pdf))
    import unicodedata

    text = unicodedata.normalize("NFKC", " ".join(p.extract_text() for p in reader.pages))  # "ﬁ" ligatures
    assert len(reader.pages) >= 1 and "Briefing" in text and "Top events" in text
    bitmap = pypdfium2.PdfDocument(str(pdf))[0].render(scale=0.5)
    assert bitmap.width > 100 and bitmap.height > 100
    assert len(set(bytes(bitmap.buffer)[: 200_000])) > 2  # something is drawn, not a blank page
    bad = cli("brief", "--since", "2025-03-31", "--until", "2025-03-01", "-o", str(html), "--db", db)
    assert bad.returncode != 0 and "E155" in bad.stdout + bad.stderr


def test_the_thirty_day_toll_counts_the_evaluation_day_and_the_29_before():
    from datetime import date

    from rashomon.trends.flags import _windows

    days = {date(2025, 3, 19): 5, date(2025, 2, 18): 7, date(2025, 2, 17): 100}
    windows = _windows(days, date(2025, 3, 19), 40)
    assert len(windows) == 40
    assert windows[-1] == 5 + 7  # 18 February is the 29th day before 19 March
    assert windows[-2] == 7 + 100  # the window ending 18 March reaches back to 17 February


def test_reference_rows_become_violent_events_with_their_tolls():
    from datetime import date

    from rashomon.models import ReferenceEvent
    from rashomon.trends import as_events
    from rashomon.trends.series import is_violent

    rows = [ReferenceEvent(dataset="ged", ref_id="1", date_start=date(2020, 1, 4), admin1="Balochistan province",
                           admin2="Kech district", low=2, best=3, high=5, type_of_violence=3),
            ReferenceEvent(dataset="ged", ref_id="2", date_start=date(2020, 1, 5), admin1="Sindh province", best=1),
            ReferenceEvent(dataset="acled", ref_id="3", date_start=date(2020, 1, 6), event_type="Protests")]
    one_sided, untyped, protest = as_events(rows)
    assert one_sided.event_type == "Violence against civilians" and one_sided.place.admin2 == "Kech district"
    k = one_sided.estimates["killed"]
    assert (k.low, k.best, k.high) == (2, 3, 5)
    assert untyped.event_type == "Organised violence" and is_violent(untyped)
    assert (untyped.estimates["killed"].low, untyped.estimates["killed"].high) == (1, 1)
    assert not is_violent(protest) and protest.estimates == {}


def test_backtest_replays_the_ucdp_pakistan_rows(cli, shared_data, tmp_path):
    db = str(tmp_path / "ref.db")
    added = cli("reference", "add", str(shared_data / "dev" / "ucdp" / "pakistan_ged.csv"), "--kind", "ucdp",
                "--name", "ged", "--db", db)
    assert added.returncode == 0, added.stderr
    out = cli("trends", "backtest", "--db", db, "--reference", "ged", "--level", "province", "--format", "json")
    assert out.returncode == 0, out.stderr
    rep = __import__("json").loads(out.stdout)
    assert rep["areas"] >= 5 and rep["weeks"] > 500  # two decades of weeks, zeros included
    assert rep["persistence_flags"] > rep["surge_flags"] > 0
    missing = cli("trends", "backtest", "--db", db, "--reference", "nope")
    assert missing.returncode != 0 and "E125" in missing.stdout + missing.stderr
