"""Reference datasets: import of the real UCDP dev file, bad rows as problems, idempotent
re-adding, matching rules, and a compare run against events the project extracted from short
texts written for this test (incidents of rows of ../shared/data/dev/ucdp/pakistan_ged.csv)."""

from __future__ import annotations

import io
import json
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pgserver import pg_server, pg_url  # noqa: F401  (fixtures: a throwaway PostgreSQL)
from sqlalchemy import inspect

from rashomon.errors import InputError, NotFoundError
from rashomon.export import export_events
from rashomon.models import Event, Place, ReferenceEvent
from rashomon.reference import compare_reference, import_reference
from rashomon.reference.compare import admin_key, compare_events, types_compatible
from rashomon.reference.ucdp import ucdp_event
from rashomon.store import EventFilter, open_store
from rashomon.store.reference import list_datasets, load_events

GED = Path(__file__).resolve().parents[1] / ".." / "shared" / "data" / "dev" / "ucdp" / "pakistan_ged.csv"

# (text id, GED id it describes or None, published, text); written for this test.
TEXTS = [
    ("t1", "151792", "2014-04-07", "KALAT, April 7 (Test Wire) - Security forces killed 40 militants "
     "of the Baloch Liberation Army in an operation in the Parud area of Kalat district on Monday, "
     "the Frontier Corps said."),
    ("t2", "153383", "2014-06-05", "DERA BUGTI, June 5 (Test Wire) - Troops killed 30 insurgents of "
     "the Baloch Republican Army in clashes near Dera Bugti on Thursday, officials said."),
    ("t3", "225071", "2016-03-21", "QUETTA, March 21 (Test Wire) - Security forces killed 12 "
     "militants of the Baloch Liberation Army in a gunfight in Kohlu district on Monday, the "
     "Frontier Corps said."),
    ("t4", "239399", "2017-06-20", "GWADAR, June 20 (Test Wire) - Gunmen of the Baloch Liberation "
     "Army attacked a security post in Jiwani on Tuesday, killing two soldiers, officials said."),
    ("t5", "236120", "2016-11-12", "KHUZDAR, November 12 (Test Wire) - A suicide bomber blew himself "
     "up at the Shah Noorani shrine in Khuzdar district on Saturday, killing 52 worshippers, "
     "officials said."),
    ("t6", None, "2015-09-10", "PANJGUR, September 10 (Test Wire) - Gunmen shot dead three labourers "
     "at a construction site in Panjgur on Thursday, police said."),
]


@pytest.fixture(scope="module")
def compared_db(tmp_path_factory, pack) -> str:
    from rashomon.ingest.engine import Engine
    from rashomon.ingest.run import ingest_paths

    folder = tmp_path_factory.mktemp("ref")
    src = folder / "texts.jsonl"
    src.write_text("\n".join(json.dumps({"id": i, "published": d, "outlet": "Test Wire", "text": t})
                             for i, _, d, t in TEXTS), "utf-8")
    db = str(folder / "ref.db")
    with Engine(open_store(db), pack) as engine:
        ingest_paths(engine, [str(src)])
        import_reference(engine.store, GED, "ucdp", name="ged")
    return db


def test_reference_imports_the_dev_ucdp_file(store):
    ds = import_reference(store, GED, "ucdp", name="ged")
    assert (ds.n_events, ds.problems) == (376, [])
    evs = load_events(store, "ged")
    assert len(evs) == 376 and all(e.low <= e.best <= e.high for e in evs)
    assert {e.date_precision for e in evs} <= {"day", "week", "month", "year"}


def test_reference_readding_the_same_name_replaces_it(store):
    for _ in range(2):
        import_reference(store, GED, "ucdp", name="ged")
    import_reference(store, GED, "ucdp", name="other")
    assert sorted(d.name for d in list_datasets(store)) == ["ged", "other"]
    assert len(load_events(store, "ged")) == 376
    assert store.count("events") == 0 and store.count("claims") == 0  # kept apart from ours


def test_reference_bad_rows_are_problems_with_their_line(store, tmp_path):
    path = tmp_path / "ged.csv"
    path.write_text("id,date_start,date_end,adm_1,best,low,high\n"
                    "1,2014-01-02,2014-01-02,Balochistan province,3,3,3\n"
                    "2,not a date,,Sindh province,1,1,1\n"
                    "3,2014-01-05,2014-01-05,Sindh province,many,1,1\n"
                    "4,2014-01-06,2014-01-06,Sindh province,5,6,7\n"
                    "5,2014-01-07,2014-01-07,,,,\n", "utf-8")
    ds = import_reference(store, path, "ucdp")
    assert ds.name == "ged" and ds.n_events == 2
    assert [p.location.rsplit(":", 1)[1] for p in ds.problems] == ["3", "4", "5"]
    assert "best" in ds.problems[1].message and "ordered" in ds.problems[2].message


def test_reference_file_of_another_kind_is_refused(store, tmp_path):
    path = tmp_path / "x.csv"
    path.write_text("a,b\n1,2\n", "utf-8")
    with pytest.raises(InputError):
        import_reference(store, path, "acled")


def test_reference_compare_without_dataset_says_so(store):
    with pytest.raises(NotFoundError):
        compare_reference(store)


@given(st.dictionaries(st.sampled_from(["id", "date_start", "date_end", "best", "low", "high",
                                        "latitude", "type_of_violence", "date_prec", "where_prec"]),
                       st.text(max_size=12)))
def test_reference_ucdp_row_parser_fails_only_with_valueerror(row):
    try:
        ev = ucdp_event(2, row)
    except ValueError:
        return
    assert ev.date_start is not None and ev.date_end >= ev.date_start


@pytest.mark.parametrize("a,b", [("Khyber Pakhtunkwa province", "Khyber Pakhtunkhwa"),
                                 ("Baluchistan", "Balochistan province"), ("Bolan district", "Kachhi"),
                                 ("Orakzai agency", "Orakzai"), ("Jhal Magsi district", "Jhal Magsi"),
                                 ("Federally Administered Tribal Areas", "Khyber Pakhtunkhwa")])
def test_reference_admin_key_folds_spellings(a, b):
    assert admin_key(a) == admin_key(b)


@pytest.mark.parametrize("a,b", [("Kech district", "Kachhi"), ("Quetta", "Kalat"), ("Kohlu", "Kalat")])
def test_reference_admin_key_keeps_districts_apart(a, b):
    assert admin_key(a) != admin_key(b)


@pytest.mark.parametrize("ours,tov,side_b,ok", [
    ("Battles", 1, "BLA", True), ("Violence against civilians", None, "Civilians", True),
    ("Battles", None, "Civilians", False), ("Protests", 1, "BLA", False), (None, 2, "TTP", True),
])
def test_reference_type_compatibility(ours, tov, side_b, ok):
    ev = Event(id="e_x", event_type=ours)
    ref = ReferenceEvent(ref_id="1", type_of_violence=tov, side_a="Government of Pakistan", side_b=side_b)
    assert types_compatible(ev, ref) is ok


def _ev(d: date, lat: float | None, admin2: str | None, precision: int = 1) -> Event:
    return Event(id=f"e_{d}{admin2}", event_type="Battles", date_start=d, date_end=d, date_precision="day",
                 place=Place(name="x", admin1="Balochistan", admin2=admin2, latitude=lat,
                             longitude=None if lat is None else 66.0, precision=precision))


@pytest.mark.parametrize("ours,theirs_day,their_admin2,their_lat,matched", [
    (_ev(date(2020, 1, 10), 30.0, "Quetta"), date(2020, 1, 12), None, 30.3, True),   # 33 km, 2 days
    (_ev(date(2020, 1, 10), 30.0, "Quetta"), date(2020, 1, 13), None, 30.0, False),  # 3 days apart
    (_ev(date(2020, 1, 10), 30.0, "Quetta"), date(2020, 1, 10), None, 31.0, False),  # 111 km
    (_ev(date(2020, 1, 10), None, "Kech", 3), date(2020, 1, 10), "Kech district", None, True),
    (_ev(date(2020, 1, 10), None, "Kech", 3), date(2020, 1, 10), "Kalat district", None, False),
    (_ev(date(2020, 1, 10), None, None, 4), date(2020, 1, 10), "Kalat district", None, True),
])
def test_reference_matching_rules(ours, theirs_day, their_admin2, their_lat, matched):
    ref = ReferenceEvent(ref_id="r", date_start=theirs_day, date_end=theirs_day, type_of_violence=1,
                         admin1="Balochistan province", admin2=their_admin2, latitude=their_lat,
                         longitude=None if their_lat is None else 66.0, where_prec=1 if their_lat else 3,
                         best=1, low=1, high=1)
    report = compare_events([ours], [ref])
    assert (len(report.matched) == 1) is matched


def test_reference_compare_matches_the_project_events_with_ged(compared_db):
    texts = {t: i for i, _, _, t in TEXTS}
    with open_store(compared_db) as store:
        report = compare_reference(store, "ged", EventFilter(place="Balochistan"))
        doc_text = {d.id: texts[d.text] for d in store.documents(with_text=True)}
        text_of = {e.id: doc_text[e.claims[0].document_id] for e in store.events()}
    expected = {i: g for i, g, _, _ in TEXTS}
    for p in report.matched:  # every pair is the incident the text describes
        assert expected[text_of[p.ours]] == p.theirs
    assert len(report.matched) >= 4
    assert any(text_of[e] == "t6" for e in report.only_ours)
    assert len(report.only_theirs) == report.n_theirs - len(report.matched)
    assert all(p.best_difference == p.our_best - p.their_best for p in report.matched)


@pytest.mark.parametrize("kind", ["acled", "ucdp"])
def test_reference_our_own_export_reads_back_and_matches_itself(compared_db, tmp_path, kind):
    with open_store(compared_db) as store:
        buf = io.StringIO()
        export_events(store, kind, None, buf)
        (tmp_path / f"ours_{kind}.csv").write_text(buf.getvalue(), "utf-8")
        ds = import_reference(store, tmp_path / f"ours_{kind}.csv", kind, name=f"mirror_{kind}")
        report = compare_reference(store, f"mirror_{kind}")
    assert ds.problems == [] and ds.n_events == report.n_theirs > 0
    assert report.only_theirs == [] and len(report.matched) == report.n_theirs
    assert all(p.date_gap_days == 0 for p in report.matched)


def test_reference_unreadable_csv_is_an_input_error(store, tmp_path):
    path = tmp_path / "bad.csv"
    path.write_bytes(b"id,date_start,best\n1,2014-01-01,3\n2,\"" + b"x" * 200_000 + b"\",1\n")
    with pytest.raises(InputError):
        import_reference(store, path, "ucdp")


def test_reference_cli_add_list_compare(compared_db, cli):
    r = cli("reference", "add", str(GED), "--kind", "ucdp", "--name", "ged2", "--db", compared_db)
    assert r.returncode == 0 and "376 events" in r.stdout
    r = cli("reference", "list", "--db", compared_db)
    assert "ged2" in r.stdout and r.returncode == 0
    r = cli("compare", "--reference", "ged2", "--place", "Balochistan", "--format", "json",
            "--db", compared_db)
    data = json.loads(r.stdout)
    assert data["reference"] == "ged2" and len(data["matched"]) >= 4
    r = cli("compare", "--reference", "nope", "--db", compared_db)
    assert r.returncode == 2 and "E125" in r.stderr


def test_reference_migration_creates_separate_tables(store):
    names = set(inspect(store.engine).get_table_names())
    assert {"reference_datasets", "reference_events"} <= names


def test_reference_import_and_compare_on_postgresql(pg_url):
    with open_store(pg_url) as store:
        for _ in range(2):  # re-adding replaces
            ds = import_reference(store, GED, "ucdp", name="ged")
        assert ds.n_events == 376 and [d.name for d in list_datasets(store)] == ["ged"]
        assert len(load_events(store, "ged", date(2014, 1, 1), date(2014, 12, 31))) > 0
        report = compare_reference(store, "ged", EventFilter(since=date(2016, 1, 1),
                                                             until=date(2016, 12, 31)))
    assert report.matched == [] and len(report.only_theirs) == report.n_theirs > 0
