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
