"""ACLED's coding rules (docs/event-types.md, "Coding rules"), through the path users get."""

from __future__ import annotations

import pytest

from rashomon.ingest.engine import extract_events
from rashomon.models import DocumentCreate

# Written for these tests, in the project's own words.
CASES = [
    ("On 4 June 2025, militants attacked a police checkpost in Kalat, killing three policemen.",
     "Battles", "Armed clash"),  # armed state forces attacked: a battle
    ("On 4 June 2025, a roadside bomb hit an FC vehicle in Kech, killing two soldiers.",
     "Explosions/Remote violence", "Remote explosive/landmine/IED"),  # by a bomb: remote violence
    ("On 4 June 2025, gunmen shot dead three passengers after stopping a bus in Noshki.",
     "Violence against civilians", "Attack"),  # the targets are civilians
    ("On 4 June 2025, gunmen killed two soldiers near a checkpost in Panjgur.",
     "Battles", "Armed clash"),  # the perpetrator word says who, not whom: soldiers fight back
    ("On 4 June 2025, students staged a sit-in outside the press club in Quetta.",
     "Protests", "Peaceful protest"),
    ("On 4 June 2025, traders observed a shutter-down strike in Turbat against extortion.",
     "Protests", "Peaceful protest"),
    ("On 4 June 2025, teachers rallied in Quetta for their salaries. Police arrested twelve of "
     "the protesters.", "Protests", "Protest with intervention"),  # arrests at a protest
    ("On 4 June 2025, residents blocked the highway near Khuzdar against power cuts.",
     "Protests", "Peaceful protest"),  # a road blockade without barricades or fire
    ("On 11 March 2025, BLA militants hijacked the Jaffar Express in Bolan and took passengers "
     "hostage.", "Violence against civilians", "Abduction/forced disappearance"),
]


@pytest.mark.parametrize("text, event_type, sub_event_type", CASES)
def test_acled_coding_rule_gives_the_codebook_type(text, event_type, sub_event_type):
    events = extract_events(DocumentCreate(text=text))
    assert [(e.event_type, e.sub_event_type) for e in events][:1] == [(event_type, sub_event_type)]


@pytest.mark.parametrize("text, killed", [
    # a killing with its victim is violence even beside a crime word ("murder")
    ("On 4 June 2025, a tribal elder was murdered in Kohlu.", 1),
    ("On 4 June 2025, a mob beat a shepherd to death in Kalat.", 1),
    # the bare count of a notes' line after the event types the incident
    ("On 4 June 2025, warplanes bombed a village near Awaran. 3 killed.", 3),
    # bodies found tell a killing, as ACLED codes them: violence against the dead
    ("On 4 June 2025, the bodies of two brothers were found near a stream in Kech.", 2),
])
def test_acled_coding_a_killing_makes_an_event_with_its_figure(text, killed):
    events = extract_events(DocumentCreate(text=text))
    assert events and events[0].event_type in ("Violence against civilians", "Battles", "Explosions/Remote violence", "Riots")
    assert events[0].estimates["killed"].low == killed


def test_acled_coding_a_murder_charge_in_court_is_no_event():
    text = "A labourer pleaded guilty and was convicted of charges of murdering his employer in 2019."
    assert [e for e in extract_events(DocumentCreate(text=text)) if e.event_type] == []


def test_acled_coding_a_search_that_finds_no_body_is_no_event():
    text = "On 4 June 2025, police found rifles and ammunition in a house in Kech."
    assert [e for e in extract_events(DocumentCreate(text=text)) if e.estimates.get("killed")] == []
