"""Linking by what a report is about: its headline and lead (issue #13, item 7).

Hand-built claims: another incident a report tells in passing (undated, or dated long ago) is in
no event, a round-up item dated in the last few days still links, a headline naming the other report's town is place evidence, and the lead place the
headline names is the report's place. Each mechanism also gives the same events one document at
a time as in one batch.
"""

from __future__ import annotations

import random
from datetime import date

import pytest

from rashomon.link import LinkSettings, key_for, relink
from rashomon.models import Document, Place
from rashomon.store.memory import MemoryStore
from tests.test_link import FC, INFO, MILITANTS, link, mk, partition

NIGHT = date(2024, 6, 4)
TOWNS = {
    "Surab": Place(name="Surab", admin1="Balochistan", admin2="Kalat", country="Pakistan",
                   latitude=28.49, longitude=66.26, precision=1),
    "Kalat": Place(name="Kalat", admin1="Balochistan", admin2="Kalat", country="Pakistan",
                   latitude=29.03, longitude=66.59, precision=1),
    "Kharan": Place(name="Kharan", admin1="Balochistan", admin2="Kharan", country="Pakistan",
                    latitude=28.58, longitude=65.41, precision=1),
    "province": Place(name="Balochistan", admin1="Balochistan", country="Pakistan", precision=4),
}


def placed(claim, town: str, title: str | None = None):
    """The claim at one of TOWNS; ``title`` sets its document's headline."""
    claim.place = TOWNS[town]
    if title is not None:
        INFO[claim.document_id] = INFO[claim.document_id].model_copy(update={"title": title})
    return claim


def two_camps(item_day: date | None) -> list:
    """A report on a raid in Kharan that also tells of a second post hit in Surab (on
    ``item_day``), and a report on the Surab attack alone."""
    return [
        placed(mk("relay-1", 0, "Fighters overran a Levies post in Kharan overnight", "Armed clash",
                  NIGHT, None, [MILITANTS], [("killed", "guards", 6, 6)], frame=0),
               "Kharan"),
        placed(mk("relay-1", 70, "A second post in Surab was also attacked, the group claimed",
                  "Armed clash", item_day, None, [MILITANTS],
                  [("killed", "guards", 12, None)], frame=1, published=NIGHT), "Surab"),
        placed(mk("desk-2", 0, "Gunmen stormed a Levies post in Surab, killing four guards",
                  "Armed clash", date(2024, 6, 2), None, [MILITANTS], [("killed", "guards", 4, 4)],
                  frame=0, published=date(2024, 6, 2)),
               "Surab", "Four guards killed as gunmen storm Surab post"),
    ]


def docs_of(events) -> list[set[str]]:
    return sorted(({c.document_id for c in e.claims} for e in events), key=sorted)


def one_by_one(claims) -> MemoryStore:
    """Each document linked into the store on its own, last first, headline stored with it."""
    store = MemoryStore()
    for doc in sorted({c.document_id for c in claims}, reverse=True):
        mine = [c for c in claims if c.document_id == doc]
        info = INFO[doc]
        with store.session() as s:
            s.insert([(Document(id=doc, text=doc, published=info.published, outlet=info.outlet,
                                title=info.title), mine)])
            changes = relink(s, mine, LinkSettings(), docinfo={doc: info})
            s.drop_events(changes.dropped, changes.replaced_by)
            s.save_events(changes.events)
    return store


def test_link_undated_other_incident_in_a_report_is_in_no_event():
    # the Surab part of the Kharan report has no date of its own: told in passing, it is in no
    # event (as a background mention), so the report never links to the Surab event and Surab
    # is not doubled by a one-report event
    items = two_camps(None)
    events = link(items)
    assert docs_of(events) == [{"desk-2"}, {"relay-1"}]
    held = {c.id for e in events for c in e.claims}
    assert items[1].id not in held and items[0].id in held


def test_link_other_incident_dated_long_before_keeps_a_private_event():
    # "in March, a second post in Surab was attacked": a recalled incident, not a round-up item;
    # dated, it keeps an event of its own that nothing joins (the seed's 16 March ambush)
    events = link(two_camps(date(2024, 3, 2)))
    assert sorted(map(sorted, docs_of(events))) == [["desk-2"], ["relay-1"], ["relay-1"]]


def test_link_round_up_item_dated_in_the_last_days_links_like_a_report():
    # "a second post in Surab on Sunday": a round-up item dated in its own sentence links to
    # the report of that incident, as it always did
    events = link(two_camps(date(2024, 6, 2)))
    assert {"relay-1", "desk-2"} in docs_of(events)


def test_link_recalled_frames_can_be_linked_again_by_setting():
    events = link(two_camps(None), settings=LinkSettings(recalled_frames_private=False))
    assert {"relay-1", "desk-2"} in docs_of(events)


def province_and_town(title: str | None) -> list:
    """A press release that places the attack only in the province, and a newspaper report at
    the town, one day apart, with compatible types and no shared named actor or figure."""
    return [
        placed(mk("release-1", 0, "Terrorists struck the complex at night and were repulsed",
                  "Suicide bomb", NIGHT, None, [MILITANTS], [("attackers_killed", "militants", 5, 5)]),
               "province", title),
        placed(mk("paper-2", 0, "Security forces fought off raiders around the town all night",
                  "Armed clash", date(2024, 6, 5), None, [FC], [("killed", "soldiers", 2, 2)],
                  published=date(2024, 6, 5)),
               "Kalat", "Forces fight off overnight raid in Kalat"),
    ]


def test_link_headline_naming_the_town_places_a_province_level_report():
    events = link(province_and_town("Attack on Kalat complex repulsed, five terrorists killed"))
    (ev,) = events
    assert any("headline names kalat" in r for lk in ev.links for r in lk.reasons)


def test_link_province_level_report_without_place_in_headline_stays_apart():
    assert len(link(province_and_town("Attack on a complex repulsed, five terrorists killed"))) == 2


def test_link_headline_naming_the_shared_district_is_no_corroboration():
    # both reports are in Kalat district; a headline saying "Kalat" adds nothing to that, so a
    # shooting and a clash the next day with nothing else in common stay two events
    day = date(2024, 6, 5)
    items = [
        placed(mk("desk-1", 0, "A shopkeeper was shot dead by riders on a motorcycle", "Attack",
                  NIGHT, None, [], []), "Surab", "Shopkeeper shot dead in Kalat"),
        placed(mk("wire-2", 0, "Troops exchanged fire with raiders near a checkpoint", "Armed clash",
                  day, None, [FC], [], published=day), "Kalat", "Checkpoint raid repulsed"),
    ]
    assert len(link(items)) == 2


def test_link_report_place_is_the_lead_place_its_headline_names():
    # the lead names the dateline city first and the town the headline is about second: the
    # headline decides, though both places are equally precise
    lead = [placed(mk("wire-9", 0, "Police in the city said security had been raised", "Attack",
                      NIGHT, None), "Kharan"),
            placed(mk("wire-9", 60, "Gunmen shot a constable dead near the bazaar", "Attack",
                      NIGHT, None), "Surab")]
    key = key_for(lead, NIGHT, LinkSettings(), title="Constable shot dead in Surab bazaar")
    assert key.admin2 == "Kalat"
    assert key_for(lead, NIGHT, LinkSettings(), title="Constable shot dead").admin2 == "Kharan"


@pytest.mark.parametrize("build", [lambda: two_camps(None), lambda: two_camps(date(2024, 6, 2)),
                                   lambda: province_and_town("Attack on Kalat complex repulsed")])
def test_link_headline_and_secondary_rules_keep_order_independence(build):
    items = build()
    batch = partition(link(items))
    random.Random(7).shuffle(items)
    assert partition(link(items)) == batch
    assert partition(one_by_one(items).events()) == batch


@pytest.fixture(scope="module")
def extract():
    from rashomon.ingest.engine import Engine

    with Engine.in_memory() as engine:
        yield lambda text: engine.extract(Document(id="lead-test", text=text,
                                                   published=date(2024, 6, 8)))


def test_extract_cue_in_a_reports_first_sentence_dates_its_own_incident(extract):
    # a wrap-up report leads with its own incident even when it says "since the attacks": the
    # first sentence is not a background mention, so the report is not left without its lead
    claims = extract("KALAT: Troops have killed 14 militants in and around Surab since the attacks "
                     "on the night of 3 June, the military said on Friday. The clearance of the "
                     "area is now complete, officials added.")
    first = min(claims, key=lambda c: c.span.start)
    assert first.event_type is not None and not first.background


def test_extract_cue_after_the_first_sentence_still_marks_background(extract):
    claims = extract("KALAT: Gunmen shot dead two Levies guards at a checkpoint in Surab on Friday, "
                     "officials said. The attack came days after militants killed six guards at a "
                     "post in Kharan.")
    recalled = [c for c in claims if "Kharan" in c.quote]
    assert recalled and all(c.background for c in recalled)


def test_extract_lone_sentence_with_a_cue_stays_background(extract):
    claims = extract("The attack comes weeks after six guards were killed at a post in Kharan.")
    assert claims and all(c.background for c in claims)
