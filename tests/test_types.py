"""Event triggers and ACLED typing (rashomon.extract.types)."""

from __future__ import annotations

import time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from rashomon.extract.base import ExtractContext
from rashomon.extract.pipeline import make_context
from rashomon.extract.resources import resources_for
from rashomon.extract.types import (
    Trigger,
    classify_text,
    find_triggers,
    stem,
    type_info,
)
from rashomon.packs import load_pack

ACLED_SUB_TYPES = {
    "Battles": ["Armed clash", "Government regains territory", "Non-state actor overtakes territory"],
    "Explosions/Remote violence": ["Chemical weapon", "Air/drone strike", "Suicide bomb",
                                   "Shelling/artillery/missile attack", "Remote explosive/landmine/IED",
                                   "Grenade"],
    "Violence against civilians": ["Sexual violence", "Attack", "Abduction/forced disappearance"],
    "Protests": ["Peaceful protest", "Protest with intervention", "Excessive force against protesters"],
    "Riots": ["Violent demonstration", "Mob violence"],
    "Strategic developments": ["Agreement", "Arrests", "Change to group/activity",
                               "Disrupted weapons use", "Headquarters or base established",
                               "Looting/property destruction", "Non-violent transfer of territory",
                               "Other"],
}


LEX = resources_for(load_pack("core")).triggers  # the snippet classifier's lexicon


def _ctx(text: str) -> ExtractContext:
    return make_context(text, load_pack("balochistan"))


@pytest.mark.parametrize("text,sub_type", [
    ("BLA militants hijacked the Jaffar Express near Sibi and took more than 400 passengers hostage.",
     "Abduction/forced disappearance"),
    ("Gunmen ambushed a passenger bus on the highway near Kalat, killing seven passengers.", "Attack"),
    ("Militants ambushed an FC convoy in Kech district and the troops returned fire.", "Armed clash"),
    ("A suicide bomber struck a convoy carrying Chinese nationals near Karachi airport, killing two "
     "Chinese engineers.", "Suicide bomb"),
    ("An IED planted on the roadside went off as an army convoy passed through Mastung, killing "
     "three soldiers.", "Remote explosive/landmine/IED"),
    ("Unidentified gunmen shot dead six labourers from Punjab at a construction site in Gwadar.",
     "Attack"),
    ("Junior officers issued an open letter demanding the resignation of the army chief.", "Other"),
    ("The army chief vowed to crush militancy in the province.", "Other"),
    ("A drone strike hit a militant hideout in North Waziristan.", "Air/drone strike"),
    ("Mortar shells fired across the border landed on a village.", "Shelling/artillery/missile attack"),
    ("Attackers hurled a hand grenade at a police station in Turbat.", "Grenade"),
    ("Hundreds of people staged a peaceful sit-in outside the press club in Quetta.",
     "Peaceful protest"),
    ("Police fired tear gas and detained dozens of protesters during the march.",
     "Protest with intervention"),
    ("Security forces opened fire on protesters with live ammunition, killing four demonstrators.",
     "Excessive force against protesters"),
    ("Rioters torched vehicles and pelted the police with stones.", "Violent demonstration"),
    ("A mob lynched a man accused of blasphemy.", "Mob violence"),
    ("Police arrested three suspected members of the banned group in a raid.", "Arrests"),
    ("Security forces recovered a cache of weapons, ammunition and explosives from a compound.",
     "Disrupted weapons use"),
    ("The government and the rebels agreed to a ceasefire after a week of talks.", "Agreement"),
    ("Two factions merged to form a new armed alliance, the group announced.",
     "Change to group/activity"),
    ("Government troops recaptured the town from the militants after heavy fighting.",
     "Government regains territory"),
    ("Taliban fighters captured the district headquarters and seized control of the town.",
     "Non-state actor overtakes territory"),
    ("The army set up a new military base near the border crossing.",
     "Headquarters or base established"),
    ("Militants abducted a government official and his driver on the coastal highway.",
     "Abduction/forced disappearance"),
    ("Soldiers raped women during the operation, a rights group said.", "Sexual violence"),
    ("Rebels dropped containers of chlorine gas on the town.", "Chemical weapon"),
])
def test_types_classify_text_sub_event_type(text, sub_type):
    trigger = classify_text(text, LEX)
    assert trigger is not None and trigger.sub_event_type == sub_type


@pytest.mark.parametrize("text,sub_type", [
    # broader vocabulary: synonyms and common news phrasings of each sub-event type
    ("Government troops and rebels exchanged gunfire for hours near the border town.", "Armed clash"),
    ("Two soldiers and five militants were killed in an encounter with security forces.",
     "Armed clash"),
    ("Fighter planes bombed a village in South Kordofan, killing 10 people.", "Air/drone strike"),
    ("Militants fired a barrage of Grad rockets at the air base.",
     "Shelling/artillery/missile attack"),
    ("Militants hacked to death five people with machetes in Beni.", "Attack"),
    ("The kidnappers are demanding a ransom for the release of the aid workers.",
     "Abduction/forced disappearance"),
    ("Air defences intercepted two drones over the capital.", "Disrupted weapons use"),
    ("Students threw rocks at police, who responded with tear gas.", "Violent demonstration"),
    ("Lawyers marched to the high court to protest the killing of a colleague.",
     "Peaceful protest"),
    # words the suffix rules would merge with another meaning
    ("A bomb planted on a motorcycle exploded in a crowded market.", "Remote explosive/landmine/IED"),
    ("A hand grenade was thrown into a crowded market, injuring 15 people.", "Grenade"),
    ("Thousands of people marched through the capital demanding the president's resignation.",
     "Peaceful protest"),
    ("Militants opened fire at a police checkpoint in the district.", "Armed clash"),  # no new base
    ("Hundreds of women gathered in the square to protest against police violence.",
     "Peaceful protest"),
    ("Riot police detained dozens of protesters at an unsanctioned rally.",
     "Protest with intervention"),
    # ACLED: violent demonstrators make a violent demonstration whatever the police did
    ("Protesters hurled petrol bombs at police, who fired tear gas and water cannon to disperse "
     "the crowd and detained dozens of demonstrators.", "Violent demonstration"),
    ("Pakistani troops violated the ceasefire and shelled forward posts along the LoC.",
     "Shelling/artillery/missile attack"),
])
def test_types_classify_text_generalises(text, sub_type):
    trigger = classify_text(text, LEX)
    assert trigger is not None and trigger.sub_event_type == sub_type


@pytest.mark.parametrize("text,not_type", [
    ("Two people were hurt in the crash, according to police.", "Agreement"),  # no accord
    ("Protests have rocked the city for weeks.", "Violent demonstration"),  # rocked, not rocks
    ("The union plans to march to parliament next week.", "Peaceful protest"),  # not yet
    ("The government said it would not negotiate with groups that target civilians.",
     "Armed clash"),
])
def test_types_classify_text_ignores_lookalikes(text, not_type):
    trigger = classify_text(text, LEX)
    assert trigger is None or trigger.sub_event_type != not_type


@pytest.mark.parametrize("text", [
    "A magnitude 6.1 earthquake struck the region, killing dozens of villagers.",
    "Heavy rain triggered floods and landslides across the north.",
    "A gas cylinder exploded in a factory, killing two workers.",
    "The foreign minister summoned the ambassador over the new sanctions.",
    "Shares fell on the stock exchange as investors worried about inflation.",
    "Police arrested two men for a bank robbery and drug smuggling.",
    "The separatist group claimed responsibility in a statement sent to the media.",
    "The weather will be sunny tomorrow.",
    "",
])
def test_types_classify_text_none_for_non_acled(text):
    assert classify_text(text, LEX) is None


@pytest.mark.parametrize("text,violent", [
    ("Militants attacked a checkpost in Kalat, sparking a gunfight with soldiers.", True),
    ("The militants threatened to attack checkposts across the district.", False),
])
def test_types_hedged_violence_is_not_violent(text, violent):
    trigger = classify_text(text, LEX)
    assert (trigger is not None and trigger.violent) == violent


def test_types_event_type_matches_acled_taxonomy():
    for event_type, subs in ACLED_SUB_TYPES.items():
        for sub in subs:
            assert type_info(sub, LEX)["event_type"] == event_type


def test_types_find_triggers_spans_are_exact():
    text = ("Quetta, March 12: An IED exploded near a Levies vehicle. Later, protesters rallied "
            "outside the press club. The weather was cold.")
    triggers = find_triggers(_ctx(text))
    assert [t.sub_event_type for t in triggers] == ["Remote explosive/landmine/IED", "Peaceful protest"]
    for t in triggers:
        assert text[t.span.start:t.span.end] == t.text
        assert isinstance(t, Trigger)


def test_types_find_triggers_one_per_sentence():
    text = "A suicide bomber blew himself up at a checkpoint. A grenade was thrown at a police van."
    triggers = find_triggers(_ctx(text))
    assert [t.sentence_index for t in triggers] == [0, 1]


@pytest.mark.parametrize("word,other", [("killed", "killing"), ("hostages", "hostage"),
                                        ("seized", "seize"), ("clashes", "clash"),
                                        ("shelling", "shells")])
def test_types_stem_conflates_inflections(word, other):
    assert stem(word) == stem(other)


@pytest.mark.parametrize("word,other", [("armed", "arms"), ("planes", "plans"),
                                        ("according", "accord"), ("crowded", "crowd"),
                                        ("planted", "plant"), ("training", "train")])
def test_types_lexicon_lemmas_keep_lookalikes_apart(word, other):
    lemmas = load_pack("core").read("triggers.toml")["lemmas"]
    assert stem(word, lemmas) != stem(other, lemmas)


@given(st.text(max_size=400))
@settings(max_examples=200, deadline=None)
def test_types_classify_text_never_crashes(text):
    result = classify_text(text, LEX)
    assert result is None or text[result.span.start:result.span.end] == result.text


@pytest.mark.parametrize("unit", [
    "took took suicide ",  # gap patterns ("took * hostage") that never complete
    "Taliban fighters captured the town from the army and ",  # subject search, no full stop
    "a" * 5000 + " ",  # one huge token
    "((((",  # spaCy's affix splitting is quadratic on such runs: masked before tokenizing
])
def test_types_adversarial_megabyte_is_linear(unit):
    text = (unit * (1_000_000 // len(unit) + 1))[:1_000_000]
    start = time.perf_counter()
    find_triggers(_ctx(text))
    assert time.perf_counter() - start < 60  # generous guard; about 5 s on a laptop


# ---------------------------------------------------------------------------- casualty figures

def _triggers_of(text: str) -> list[Trigger]:
    from rashomon.extract.pipeline import Pipeline
    from rashomon.models import Document

    return Pipeline(load_pack("balochistan")).mentions(Document(id="t", text=text)).triggers


@pytest.mark.parametrize("text,sub_type", [
    # headline style: no phrase has the context to type "killed", the count of the dead does
    ("Four killed and two hurt in an attack on a tea shop.", "Attack"),
    ("Three policemen killed in the night.", "Armed clash"),
    ("The ambush on the market road left two dead, among them a trader.", "Attack"),
])
def test_types_count_of_the_dead_types_an_untyped_sentence(text, sub_type):
    trig = _triggers_of(text)
    assert [t.sub_event_type for t in trig] == [sub_type]
    assert text[trig[0].span.start:trig[0].span.end] == trig[0].text


@pytest.mark.parametrize("text", [
    "Five miners died when the shaft collapsed.",  # died, but nothing violent is said
    "Two people died of cholera in the camp.",
    "No one was killed in the night.",  # a zero count is no incident
])
def test_types_count_of_the_dead_without_violence_makes_no_trigger(text):
    assert _triggers_of(text) == []


def test_types_a_risen_toll_of_an_attack_tells_the_attack():
    """Regression: "The death toll from Saturday's attack on X has risen to 79" alone made no
    event: "attack" was too weak to type the sentence and a toll is no death verb."""
    from datetime import date

    from rashomon.ingest.engine import extract_events
    from rashomon.models import DocumentCreate

    events = extract_events(DocumentCreate(
        text="The death toll from Saturday's attack on a market in Turbat has risen to 14, "
             "the district administration said on Monday.", published=date(2025, 5, 12)))
    assert [(e.sub_event_type, e.estimates["killed"].low) for e in events] == [("Attack", 14)]
    assert events[0].date_start == date(2025, 5, 10)
    assert not extract_events(DocumentCreate(
        text="The death toll from the floods in Sindh has risen to 79, officials said on Tuesday.",
        published=date(2025, 5, 12)))


def test_types_a_killing_in_the_main_clause_outranks_the_arrests_beside_it():
    """Regression: "killed 203 terrorists and arrested 51" was typed Arrests, so the army's
    account of a disputed massacre could not link with the other reports of it. A killing
    inside an argument ("men wanted for killing two policemen") leaves the arrest standing."""
    from datetime import date

    from rashomon.ingest.engine import extract_events
    from rashomon.models import DocumentCreate

    def types(text: str) -> list:
        return [e.sub_event_type for e in extract_events(DocumentCreate(text=text, published=date(2025, 4, 1)))]

    assert types("The army said on Friday that its troops had killed 40 terrorists and arrested 12 "
                 "others during an operation in Awaran.") == ["Armed clash"]
    assert types("Police arrested five men wanted for killing two policemen in Quetta, officials "
                 "said on Monday.") == ["Arrests"]
    assert types("Police arrested three suspects in Quetta on Monday, officials said.") == ["Arrests"]
