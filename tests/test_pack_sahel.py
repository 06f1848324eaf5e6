"""The Sahel pack (Mali, Burkina Faso, Niger) is data only: it loads, layers over core, resolves
the conflict's actors and places, and its demo corpus gives contested events in all three
countries, while the Balochistan demo is unchanged with the default pack."""

from __future__ import annotations

from datetime import date

import pytest

from rashomon.cli.cmd_demo import demo_inputs
from rashomon.extract.actors import find_actors
from rashomon.extract.pipeline import extract_claims, make_context
from rashomon.extract.places import find_places
from rashomon.ingest.engine import Engine
from rashomon.ingest.run import ingest_paths
from rashomon.models import Document
from rashomon.packs import PACKS_DIR, load_pack
from rashomon.packs.check import check_pack
from rashomon.store import EventFilter


@pytest.fixture(scope="module")
def sahel():
    return load_pack("sahel")


def _places(text: str, pack) -> dict:
    return {m.text: m.place for m in find_places(make_context(text, pack))}


def _actors(text: str, pack) -> dict:
    return {m.text: m for m in find_actors(make_context(text, pack))}


def _events(db: str, pack: str):
    with Engine.open(db, pack) as engine:
        ingest_paths(engine, demo_inputs(engine.pack))
        return engine.store.events(EventFilter())


@pytest.fixture(scope="module")
def sahel_events(tmp_path_factory):
    return _events(str(tmp_path_factory.mktemp("sahel") / "t.db"), "sahel")


# --------------------------------------------------------------------------- the pack itself


def test_sahel_pack_loads_over_core_with_three_countries(sahel):
    assert sahel.name == "sahel"
    assert sahel.layers[0] == PACKS_DIR / "core" and sahel.layers[-1] == PACKS_DIR / "sahel"
    assert sahel.countries == ["ML", "BF", "NE"]
    assert sahel.context["country_code"] == "ML"
    west, south, east, north = sahel.settings["map"]["extent"]
    assert west < -12 and east > 15 and south < 10 and north > 24  # Kayes to Agadez, Sikasso to Kidal


def test_sahel_pack_check_passes_without_warnings():
    report = check_pack(load_pack("sahel"))  # raises ConfigError on a bad file
    assert report.name == "sahel" and report.warnings == []


def test_sahel_pack_holds_only_its_own_words(sahel):
    own = sahel.own("places.toml")["settings"]["not_places"]
    merged = sahel.read("places.toml")["settings"]["not_places"]
    assert "Fulani" in own and "January" not in own  # core's months are inherited, not copied
    assert "January" in merged and "Fulani" in merged
    assert "neutralised" in sahel.read("quantities.toml")["categories"]["killed"]
    assert "killed" in sahel.read("quantities.toml")["categories"]["killed"]  # core's word


def test_core_triggers_still_type_events_under_the_sahel_pack(sahel):
    doc = Document(id="t", text="A suicide bomber blew himself up at an army checkpoint in Djibo on "
                   "Monday, killing 12 soldiers, the army said.", published=date(2025, 5, 13))
    types = {c.sub_event_type for c in extract_claims(doc, sahel)}
    assert "Suicide bomb" in types


def test_core_not_places_still_apply_under_the_sahel_pack(sahel):
    found = _places("In January, Reuters said Fulani herders fled Djibo.", sahel)
    assert set(found) == {"Djibo"}  # "January", "Reuters" (core) and "Fulani" (pack) are no places


# --------------------------------------------------------------------------- actors


def test_jnim_claim_resolves_to_the_group(sahel):
    m = _actors("JNIM claimed the attack on the gendarmerie school.", sahel)["JNIM"]
    assert m.name == "Jama'at Nusrat al-Islam wal-Muslimin" and m.kind.value == "armed group"


@pytest.mark.parametrize("text, mention, name", [
    ("Fighters of the Islamic State in the Greater Sahara attacked the village.",
     "Islamic State in the Greater Sahara", "Islamic State Sahel Province"),
    ("The FAMa said the operation was over.", "FAMa", "Malian Armed Forces"),
    ("VDP volunteers guarded the trenches.", "VDP", "Volunteers for the Defence of the Homeland"),
    ("The CNSP spokesman read the statement.", "CNSP spokesman", "Amadou Abdramane"),
    ("Kisal said the victims were herders.", "Kisal", "Kisal"),
])
def test_sahel_actor_aliases_resolve(sahel, text, mention, name):
    assert _actors(text, sahel)[mention].name == name


def test_the_army_resolves_to_the_national_army_named_before_it_not_to_wagner(sahel):
    text = ("Mali's army fought rebels near Tinzaouatene, who say they killed dozens of Russian "
            "fighters. The army's general staff said two soldiers had been killed.")
    doc = Document(id="t", text=text, published=date(2024, 7, 29))
    claimants = {c.claimant for c in extract_claims(doc, sahel) if c.quantities}
    assert "Malian Armed Forces" in claimants and "Wagner Group" not in claimants


# --------------------------------------------------------------------------- places


def test_boni_in_the_mopti_region_is_in_mali(sahel):
    found = _places("Soldiers were ambushed in Boni, in Mali's Mopti region, on Sunday.", sahel)
    boni, region = found["Boni"], found["Mopti region"]
    assert (boni.country_code, boni.admin1, boni.precision) == ("ML", "Mopti", 1)
    assert (region.name, region.admin1, region.precision) == ("Mopti", "Mopti", 4)


def test_djibo_is_in_burkina_faso_sahel_region(sahel):
    djibo = _places("Jihadists attacked Djibo at dawn.", sahel)["Djibo"]
    assert (djibo.country_code, djibo.admin1, djibo.admin2) == ("BF", "Sahel", "Soum")


@pytest.mark.parametrize("text, mention, cc, admin1", [
    ("Fighting in the Timbuktu region spread.", "Timbuktu region", "ML", "Tombouctou"),
    ("Worshippers were killed in Fambita.", "Fambita", "NE", "Tillaberi"),
    ("The convoy left Tillabéri.", "Tillabéri", "NE", "Tillaberi"),
    ("Clashes in the Ségou region.", "Ségou region", "ML", "Segou"),
    ("Militias killed civilians in Solenzo.", "Solenzo", "BF", "Boucle du Mouhoun"),
])
def test_sahel_spellings_resolve_to_one_admin1(sahel, text, mention, cc, admin1):
    place = _places(text, sahel)[mention]
    assert (place.country_code, place.admin1) == (cc, admin1)


def test_the_wider_sahel_is_not_burkina_faso_s_sahel_region(sahel):
    assert "Sahel" not in _places("Jihadists are active across the Sahel.", sahel)


# --------------------------------------------------------------------------- demo corpus


def test_sahel_demo_gives_events_in_mali_burkina_faso_and_niger(sahel_events):
    countries = {e.place.country_code for e in sahel_events if e.place}
    assert {"ML", "BF", "NE"} <= countries


def test_sahel_demo_keeps_the_army_and_the_group_figures_of_one_contested_event(sahel_events):
    def killed(e, who):
        return {q.low for c in e.claims if c.claimant == who for q in c.quantities
                if q.category == "killed" and q.victims == "soldiers"}

    banibangou = [e for e in sahel_events if e.place and e.place.name == "Banibangou"]
    assert len(banibangou) == 1
    event = banibangou[0]
    assert event.status == "contested"
    assert 34 in killed(event, "Niger Armed Forces")
    assert 71 in killed(event, "Islamic State Sahel Province")


def test_sahel_demo_keeps_a_denial_beside_the_claim_it_denies(sahel_events):
    djibo = next(e for e in sahel_events if e.place and e.place.name == "Djibo")
    hedges = {(c.claimant, c.hedge.value) for c in djibo.claims}
    assert ("Armed Forces of Burkina Faso", "denied") in hedges
    assert any(who == "Jama'at Nusrat al-Islam wal-Muslimin" for who, _ in hedges)
    assert djibo.status == "contested"


def test_sahel_demo_links_a_toll_revised_over_three_days(sahel_events):
    seytenga = [e for e in sahel_events if e.place and e.place.name == "Seytenga"]
    assert len(seytenga) == 1
    tolls = {q.low for c in seytenga[0].claims for q in c.quantities if q.category == "killed"}
    assert {50, 79, 86} <= tolls
    assert len({c.document_id for c in seytenga[0].claims}) == 3


def test_balochistan_demo_still_gives_its_events_with_the_default_pack(tmp_path):
    events = _events(str(tmp_path / "b.db"), None)
    assert len(events) >= 10
    assert {e.place.country_code for e in events if e.place} >= {"PK"}
    assert any(e.status == "contested" for e in events)


def test_a_town_qualified_by_its_province_is_the_event_place_not_the_province(sahel):
    """Regression: "stormed Seytenga, in Burkina Faso's Seno province" placed the event in the
    province (its locative cue won) rather than the town the province qualifies."""
    from rashomon.ingest.engine import extract_events
    from rashomon.models import DocumentCreate

    doc = DocumentCreate(text="Gunmen stormed Seytenga, in Burkina Faso's Seno province, on Saturday "
                              "night, killing 79 civilians, the government said.", published=date(2022, 6, 13))
    events = extract_events(doc, sahel)
    assert events and events[0].place.name == "Seytenga" and events[0].place.admin2 == "Séno"
