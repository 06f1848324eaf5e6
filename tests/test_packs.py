"""Knowledge packs layer over core, are validated file by file, and are chosen by name or folder."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from rashomon.errors import ConfigError
from rashomon.packs import PACKS_DIR, default_pack_name, load_pack, merge
from rashomon.packs.check import check_pack


def _pack(root: Path, pack_toml: str, **files: str) -> Path:
    root.mkdir(parents=True)
    (root / "pack.toml").write_text(pack_toml, "utf-8")
    for name, text in files.items():
        (root / f"{name}.toml").write_text(text, "utf-8")
    return root


def test_merge_extends_lists_merges_tables_and_replaces_values():
    base = {"a": [1, 2], "t": {"x": 1, "y": [1]}, "s": "core", "rows": [{"n": 1}]}
    upper = {"a": [2, 3], "t": {"y": [2]}, "s": "pack", "rows": [{"n": 1}]}
    assert merge(base, upper) == {"a": [1, 2, 3], "t": {"x": 1, "y": [1, 2]}, "s": "pack",
                                  "rows": [{"n": 1}, {"n": 1}]}


def test_a_pack_adds_to_core_lists_without_copying_them(tmp_path):
    root = _pack(tmp_path / "mini", 'name = "mini"\n[context]\ncountries = ["CO"]\n',
                 places='[settings]\nnot_places = ["Gaitan"]\n')
    pack = load_pack(str(root))
    words = pack.read("places.toml")["settings"]["not_places"]
    assert "Gaitan" in words and "January" in words  # the pack's word and core's
    assert pack.read("places.toml")["settings"]["cues"]["locative"]  # core's cues, not copied
    assert pack.layers[0] == PACKS_DIR / "core" and pack.layers[-1] == root.resolve()
    assert pack.countries == ["CO"]


def test_a_pack_overrides_one_threshold_and_keeps_the_others(tmp_path):
    root = _pack(tmp_path / "mini", 'name = "mini"\n',
                 places="[settings.thresholds]\nworld = 5000\n")
    thresholds = load_pack(str(root)).read("places.toml")["settings"]["thresholds"]
    assert thresholds["world"] == 5000 and thresholds["in_context_bare"] == 15000


def test_a_pack_layers_over_the_pack_it_extends(tmp_path):
    root = _pack(tmp_path / "sub", 'name = "sub"\nextends = ["balochistan"]\n',
                 incidents='names = ["Made-up Bridge"]\n')
    pack = load_pack(str(root))
    assert [p.name for p in pack.layers] == ["core", "balochistan", "sub"]
    names = pack.read("incidents.toml")["names"]
    assert "Made-up Bridge" in names and "Jaffar Express" in names


def test_an_unknown_key_names_the_file_the_line_and_the_valid_keys(tmp_path):
    root = _pack(tmp_path / "typo", 'name = "typo"\n\n[context]\ncountry_cod = "CO"\n')
    with pytest.raises(ConfigError) as exc:
        load_pack(str(root))
    assert exc.value.code == "E160"
    assert f"{root / 'pack.toml'}:4" in str(exc.value) and "country_cod" in str(exc.value)
    assert "country_code" in exc.value.hint


def test_an_unknown_key_in_a_row_table_is_refused(tmp_path):
    root = _pack(tmp_path / "rows", 'name = "rows"\n',
                 actors='[[actor]]\nname = "Red Front"\nkind = "armed group"\nalias = ["RF"]\n')
    with pytest.raises(ConfigError) as exc:
        load_pack(str(root))
    assert exc.value.code == "E160" and ":4" in str(exc.value) and "aliases" in exc.value.hint


def test_a_value_of_the_wrong_kind_is_refused(tmp_path):
    root = _pack(tmp_path / "kind", 'name = "kind"\n', places='[[places]]\nname = "X"\nlat = "north"\n')
    with pytest.raises(ConfigError) as exc:
        load_pack(str(root))
    assert exc.value.code == "E160" and "lat" in str(exc.value)


def test_a_misspelt_file_name_is_refused(tmp_path):
    root = _pack(tmp_path / "file", 'name = "file"\n', actor='[[actor]]\nname = "X"\n')
    with pytest.raises(ConfigError) as exc:
        load_pack(str(root))
    assert exc.value.code == "E162" and "actors.toml" in exc.value.hint


def test_extends_a_missing_pack_or_a_circle_is_refused(tmp_path):
    with pytest.raises(ConfigError) as exc:
        load_pack(str(_pack(tmp_path / "orphan", 'name = "orphan"\nextends = ["nowhere"]\n')))
    assert exc.value.code == "E161" and "nowhere" in str(exc.value)
    _pack(tmp_path / "a", 'name = "a"\nextends = ["../b"]\n')
    _pack(tmp_path / "b", 'name = "b"\nextends = ["../a"]\n')
    with pytest.raises(ConfigError) as exc:
        load_pack(str(tmp_path / "a"))
    assert exc.value.code == "E161" and "circle" in str(exc.value)


def test_no_pack_there_is_E101_with_the_bundled_names():
    with pytest.raises(ConfigError) as exc:
        load_pack("no-such-pack")
    assert exc.value.code == "E101" and "balochistan" in exc.value.hint


def test_the_default_pack_is_data_and_RASHOMON_PACK_overrides_it(monkeypatch, tmp_path):
    monkeypatch.delenv("RASHOMON_PACK", raising=False)
    assert default_pack_name() == "balochistan"  # packs/default.toml
    root = _pack(tmp_path / "mine", 'name = "mine"\n')
    monkeypatch.setenv("RASHOMON_PACK", str(root))
    assert load_pack().name == "mine"


def test_every_bundled_pack_loads_and_the_check_finds_no_copied_words():
    for name in ("core", "balochistan"):
        report = check_pack(load_pack(name))
        assert not [w for w in report.warnings if "repeats" in w], report.warnings


def test_pack_check_reports_what_a_pack_adds_and_what_looks_wrong(tmp_path):
    root = _pack(tmp_path / "mini", 'name = "mini"\nversion = "0.1"\n[context]\ncountries = ["CO"]\n',
                 places='[settings]\nnot_places = ["January", "Gaitan"]\n'
                        '[[places]]\nname = "Quibdo"\nkind = "town"\ncountry_code = "CO"\n')
    report = check_pack(load_pack(str(root)))
    places = next(f for f in report.files if f.file == "places.toml")
    assert places.adds == {"settings.not_places": 2, "places": 1} and places.kinds == {"town": 1}
    assert any("repeats 1" in w and "January" in w for w in report.warnings)
    assert any("without lat/lon" in w and "Quibdo" in w for w in report.warnings)


def test_pack_check_command_exits_2_with_one_line_on_a_broken_pack(tmp_path):
    root = _pack(tmp_path / "typo", 'name = "typo"\nextend = ["core"]\n')
    cli = [sys.executable, "-c", "from rashomon.cli import run; run()"]
    out = subprocess.run([*cli, "pack", "check", str(root)], capture_output=True, text=True)
    assert out.returncode == 2 and "E160" in out.stderr and "extends" in out.stderr
    ok = subprocess.run([*cli, "pack", "check", "balochistan", "--format", "json"],
                        capture_output=True, text=True)
    assert ok.returncode == 0 and '"layers": [' in ok.stdout and '"core"' in ok.stdout


def test_a_pack_triggers_file_extends_core_triggers_instead_of_replacing_them(tmp_path):
    """Regression: the trigger lexicon was read from the top layer only, so a pack adding one
    trigger lost all of core's and extracted no event at all."""
    from datetime import date

    from rashomon.extract.pipeline import extract_claims
    from rashomon.models import Document

    root = _pack(tmp_path / "trig", 'name = "trig"\n[context]\ncountries = ["PK"]\n',
                 triggers='[[trigger]]\nphrases = ["torched"]\ntype = "Looting/property destruction"\n'
                          'weight = 3.0\n')
    pack = load_pack(str(root))

    def types(text: str) -> set:
        doc = Document(id="t", text=text, published=date(2025, 5, 13))
        return {c.sub_event_type for c in extract_claims(doc, pack)}

    assert "Suicide bomb" in types("A suicide bomber blew himself up at a checkpoint in Quetta on "
                                   "Monday, killing 12 soldiers, police said.")
    assert "Looting/property destruction" in types("Unknown men torched a school in Quetta on Monday.")


MINIMAL_ACTORS = '''
[[actor]]
name = "National Liberation Army"
aliases = ["ELN", "Ejercito de Liberacion Nacional"]
kind = "armed group"
side = "armed group"

[[actor]]
name = "Colombian Army"
aliases = ["National Army of Colombia"]
kind = "state force"
side = "state"
'''


def test_a_third_minimal_pack_runs_ingest_to_export_with_its_country_codes(tmp_path):
    """A pack for one country with two actors and no Python: its reports are ingested and
    exported to ACLED and UCDP as that country (ISO 170, GW 100), never as Pakistan."""
    import csv
    import json

    from rashomon.export import export_events
    from rashomon.ingest.engine import Engine
    from rashomon.ingest.run import ingest_paths

    root = _pack(tmp_path / "colombia", 'name = "colombia"\nversion = "0.1"\n'
                 '[context]\ncountry = "Colombia"\ncountry_code = "CO"\ncountries = ["CO"]\n'
                 '[map]\nextent = [-80.0, -4.5, -66.5, 13.0]\n', actors=MINIMAL_ACTORS)
    feed = tmp_path / "reports.jsonl"
    feed.write_text(json.dumps({
        "id": "co-1", "outlet": "Andes Test Wire", "published": "2025-02-04", "title": "Patrol attacked",
        "text": "ELN fighters attacked an army patrol in Quibdo on Monday, killing three soldiers, "
                "the Colombian Army said in a statement."}) + "\n", "utf-8")
    with Engine.open(str(tmp_path / "co.db"), str(root)) as engine:
        assert engine.pack.name == "colombia"
        report = ingest_paths(engine, [str(feed)])
        assert report.ok and report.counts["new"] == 1
        acled, ucdp = tmp_path / "acled.csv", tmp_path / "ucdp.csv"
        res = export_events(engine.store, "acled", out=acled, pack=engine.pack)
        assert not res.problems
        export_events(engine.store, "ucdp", out=ucdp, pack=engine.pack)
    row = next(csv.DictReader(acled.open(encoding="utf-8")))
    assert (row["country"], row["iso"]) == ("Colombia", "170") and row["region"] == "South America"
    assert row["actor1"] == "National Liberation Army" and row["fatalities"] == "3"
    got = next(csv.DictReader(ucdp.open(encoding="utf-8")))
    assert (got["country"], got["country_id"], got["region"]) == ("Colombia", "100", "Americas")
