"""How a report's sentences become incidents (extract/assemble.py): the lead's setting, another
time's incident named inside the lead. Texts written for these tests, in the project's own words."""

from __future__ import annotations

from datetime import date

import pytest

from rashomon.extract.pipeline import Pipeline
from rashomon.models import Document
from rashomon.packs import load_pack


@pytest.fixture(scope="module")
def pipeline():
    return Pipeline(load_pack("balochistan"))


def _claims(pipeline, text: str):
    return pipeline.mentions(Document(id="t", text=text, published=date(2024, 6, 6))).claims


def test_story_the_lead_setting_places_the_incident_its_later_sentences_tell(pipeline):
    # the lead names the place before any event word; the fighting is told two sentences later
    text = ("Late on Sunday, militants tried to force their way into a Levies post at Surab. "
            "Guards on duty beat them back. Three attackers were killed in the exchange of fire.")
    claims = [c for c in _claims(pipeline, text) if not c.background and c.event_type]
    assert claims and claims[0].place is not None and claims[0].place.name == "Surab"
    assert ("attackers_killed", 3) in {(q.category, q.low) for c in claims for q in c.quantities}


def test_story_the_lead_setting_does_not_reach_a_second_place_told_later(pipeline):
    text = ("Late on Sunday, militants tried to force their way into a Levies post at Surab. "
            "Three attackers were killed in the exchange of fire. Gunmen also attacked a police "
            "van at Khuzdar, where one constable was wounded.")
    places = {c.place.name for c in _claims(pipeline, text) if c.place is not None and c.event_type}
    assert places == {"Surab", "Khuzdar"}


def test_story_an_incident_of_last_week_named_inside_the_lead_is_background(pipeline):
    # the lead tells an arrest; the bombing it mentions is another week's incident
    text = ("Two men were arrested in a raid in Mastung on Tuesday, police said, but officers "
            "warned it was too soon to tie them to last week's bombing that killed 20 people in "
            "the town. The men were produced before a court.")
    killed = [(c.background, q.low) for c in _claims(pipeline, text) for q in c.quantities if q.category == "killed"]
    assert killed and all(background for background, _ in killed)


def test_story_a_lead_that_tells_its_own_dated_incident_is_no_background(pipeline):
    text = ("Friday's bombing in Quetta killed twelve people, police said on Saturday. "
            "The wounded were shifted to the civil hospital.")
    killed = [(c.background, q.low) for c in _claims(pipeline, text) for q in c.quantities if q.category == "killed"]
    assert (False, 12) in killed


def test_story_one_sentence_told_in_two_frames_gives_claims_of_distinct_ids(pipeline):
    # the store keys claims by id: two claims of one id would fail the whole document
    text = ("Two men were arrested in a raid in Mastung on Tuesday, police said, but officers "
            "warned it was too soon to tie them to last week's bombing that killed 20 people in "
            "the town. Relatives of the men gathered outside the press club on Wednesday.")
    claims = _claims(pipeline, text)
    assert len({c.id for c in claims}) == len(claims)
    # the background claim quotes the other incident's phrase, and its figure points into it
    held = [c for c in claims if c.background]
    assert held and all(c.quote.startswith("last week's bombing") for c in held)
    assert all(c.span.start <= q.span.start and q.span.end <= c.span.end for c in held for q in c.quantities)


def test_story_the_arrest_the_lead_tells_keeps_its_figure(pipeline):
    text = ("Two men were arrested in a raid in Mastung on Tuesday, police said, but officers "
            "warned it was too soon to tie them to last week's bombing that killed 20 people in "
            "the town. The men were produced before a court.")
    own = [(c.sub_event_type, q.category, q.low) for c in _claims(pipeline, text) if not c.background
           for q in c.quantities]
    assert ("Arrests", "arrested", 2) in own


def test_story_the_harm_a_protest_is_against_gives_the_protest_no_figure(pipeline):
    # "three other men" were killed in the grievance, not at the march
    text = ("KHUZDAR: Police stopped a march of students near the bypass on Monday. The marchers, "
            "who had set out to protest against the killing of a teacher and three other men by "
            "unknown gunmen, were baton-charged when they refused to disperse, organisers said.")
    claims = _claims(pipeline, text)
    own = [(c.sub_event_type, q.category, q.low) for c in claims if not c.background for q in c.quantities]
    assert not [f for f in own if f[1] == "killed"]
    assert [q.low for c in claims if c.background for q in c.quantities if q.category == "killed"] == [3]


def test_story_a_protest_without_a_place_of_its_own_takes_the_dateline(pipeline):
    text = ("KHUZDAR: Traders staged a sit-in on Monday against extortion by armed men. "
            "They said the sit-in would go on until the culprits were arrested.")
    claims = [c for c in _claims(pipeline, text) if c.event_type == "Protests"]
    assert claims and claims[0].place is not None and claims[0].place.name == "Khuzdar"


def test_story_a_verb_whose_parsed_subject_is_no_state_force_is_no_territory_event(pipeline):
    # word order finds "Police" first, but the march is what entered the city
    text = ("Police stopped the long march on the main road as it entered the city on Sunday "
            "and detained several participants.")
    types = {c.sub_event_type for c in _claims(pipeline, text)}
    assert "Government regains territory" not in types
