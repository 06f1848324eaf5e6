"""Tests of the quantities stage: number phrases, bounds, category and victim group."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from rashomon.extract.dates import find_date_mentions
from rashomon.extract.pipeline import make_context
from rashomon.extract.quantities import find_quantities
from rashomon.packs import load_pack

SEED = Path(__file__).parents[1] / ".." / "shared" / "data" / "seed" / "000_c1482cdd8b86017f.txt"


def _find(text: str):
    ctx = make_context(text, load_pack("balochistan"))
    return find_quantities(ctx, find_date_mentions(ctx)[1])


def _row(q):
    return (q.text, q.category, q.victims, q.low, q.high, q.approximate)


@pytest.mark.parametrize("text, expected", [
    ("Troops killed 33 insurgents.", ("33", "attackers_killed", "militants", 33, 33, False)),
    ("The train was carrying around 425 passengers.",
     ("around 425", "passengers", "passengers", 425, 425, True)),
    ("The militants took hundreds hostage.", ("hundreds", "hostages", "hostages", 200, 999, True)),
    ("They executed over 200 hostages.", ("over 200", "killed", "hostages", 201, None, True)),
    ("The BLA claimed to have killed dozens of soldiers.",
     ("dozens", "killed", "soldiers", 24, 99, True)),
    ("The bombing killed two Chinese nationals.",
     ("two", "killed", "Chinese nationals", 2, 2, False)),
    ("The army rescued most passengers.", ("most", "rescued", "passengers", None, None, True)),
    ("The death toll rose to 26.", ("26", "killed", None, 26, 26, False)),
    ("The death toll from yesterday's suicide bombing at Quetta railway station rose to 26 after "
     "more of the wounded died.", ("26", "killed", None, 26, 26, False)),
    ("The number of people killed in Saturday's bombing has reached 32, officials said.",
     ("32", "killed", None, 32, 32, False)),
    ("The number of wounded in the two blasts at the market climbed to 40.",
     ("40", "injured", None, 40, 40, False)),
    ("At least 18 soldiers were martyred.", ("At least 18", "killed", "soldiers", 18, None, False)),
    ("Twenty-six people were killed.", ("Twenty-six", "killed", "people", 26, 26, False)),
    ("A dozen soldiers were injured.", ("A dozen", "injured", "soldiers", 12, 12, True)),
    ("More than two dozen passengers were rescued.",
     ("More than two dozen", "rescued", "passengers", 25, None, True)),
    ("Nearly 1,000 people were evacuated.", ("Nearly 1,000", "rescued", "people", 900, 999, True)),
    ("Up to 50 people were abducted.", ("Up to 50", "abducted", "people", None, 50, True)),
    ("About 30 labourers were kidnapped.", ("About 30", "abducted", "labourers", 30, 30, True)),
    ("Between 10 and 15 militants were killed.",
     ("Between 10 and 15", "attackers_killed", "militants", 10, 15, False)),
    ("Police said 10-15 civilians were wounded.", ("10-15", "injured", "civilians", 10, 15, False)),
    ("Several workers were kidnapped.", ("Several", "abducted", "labourers", 3, 9, True)),
    ("A number of passengers were freed.", ("A number", "rescued", "passengers", 2, None, True)),
    ("All hostages were released.", ("All", "rescued", "hostages", None, None, True)),
    ("Scores of people were arrested.", ("Scores", "arrested", "people", 40, 99, True)),
    ("In the blast three FC personnel were hurt.", ("three", "injured", "soldiers", 3, 3, False)),
    ("Two hundred and five people died.",
     ("Two hundred and five", "killed", "people", 205, 205, False)),
    ("Half a dozen policemen were hurt.", ("Half a dozen", "injured", "police", 6, 6, True)),
    ("Gunmen killed 1,000 civilians.", ("1,000", "killed", "civilians", 1000, 1000, False)),
    ("The attack left 26 dead.", ("26", "killed", None, 26, 26, False)),
    ("Two suicide bombers were killed.", ("Two", "attackers_killed", "militants", 2, 2, False)),
    ("Rescuers recovered 26 bodies.", ("26", "killed", None, 26, 26, False)),
    ("Police arrested 7 suspects.", ("7", "arrested", None, 7, 7, False)),
])
def test_quantities_single_phrase(text, expected):
    found = _find(text)
    assert [_row(q) for q in found] == [expected]


@pytest.mark.parametrize("text, expected", [
    ("Five people, including two policemen, were injured.",
     [("Five", "injured", "people"), ("two", "injured", "police")]),
    ("The army rescued most passengers and killed 33 insurgents.",
     [("most", "rescued", "passengers"), ("33", "attackers_killed", "militants")]),
    ("Three soldiers were injured while 10 terrorists were killed.",
     [("Three", "injured", "soldiers"), ("10", "attackers_killed", "militants")]),
    ("Officials said 4 soldiers died; 9 civilians were wounded.",
     [("4", "killed", "soldiers"), ("9", "injured", "civilians")]),
])
def test_quantities_several_in_one_sentence(text, expected):
    assert [(q.text, q.category, q.victims) for q in _find(text)] == expected


@pytest.mark.parametrize("text", [
    "The victim, aged 25, was killed.",
    "The 25-year-old was killed.",
    "He was killed on March 11, 2025.",
    "The October 2024 bombing killed people.",
    "They were killed in 1971.",
    "Rs 5,000 was paid to the families of those killed.",
    "The $3 million project was attacked and people were killed.",
    "20% of the soldiers were killed.",
    "The bomb killed people 30 km from Quetta.",
    "Attack No. 3 killed many.",
    "The 11th soldier was killed.",
    "Call 0300-1234567 if anyone is injured.",
    "The attack at 10:30 killed people.",
    "The JF-17 crashed and its pilot was killed.",
    "No one was killed.",
    "They recovered 30 weapons from the killed militants.",
    "The CPEC corridor cost billions.",
    "The most dangerous militants were killed.",
    "Some 3 hours later soldiers were killed.",
    "Around 425 was the figure.",
    "The group has grown over 10 years.",
])
def test_quantities_not_counts(text):
    assert _find(text) == []


def test_quantities_subset_in_a_relative_clause_is_not_a_new_count():
    """"62 were wounded, several of whom remain in intensive care": one injured count, 62."""
    found = _find("A hospital spokesman said 62 people had been wounded in the blast, several of "
                  "whom remained in intensive care.")
    assert [_row(q) for q in found] == [("62", "injured", "people", 62, 62, False)]
    found = _find("The bus carried 40 passengers, 26 of whom were killed.")
    assert [(q.text, q.category) for q in found] == [("40", "passengers"), ("26", "killed")]


def test_quantities_total_verb_without_a_toll_subject_is_no_count():
    assert _find("Prices of flour at the market in Quetta rose to 90 on Monday.") == []


def test_quantities_need_a_category():
    assert _find("The train had 12 coaches and 3 engines; 40 people watched.") == []


def test_quantities_seed_article():
    if not SEED.is_file():
        pytest.skip("shared dev data not present")
    text = SEED.read_text("utf-8")
    rows = [(q.text, q.category, q.victims, q.low, q.high) for q in _find(text)]
    assert rows == [
        ("around 425", "passengers", "passengers", 425, 425),
        ("hundreds", "hostages", "hostages", 200, 999),
        ("most", "rescued", "passengers", None, None),
        ("33", "attackers_killed", "militants", 33, 33),
        ("over 200", "killed", "hostages", 201, None),
        ("dozens", "killed", "soldiers", 24, 99),
        ("two", "killed", "Chinese nationals", 2, 2),
    ]


_WORDS = st.sampled_from([
    "killed", "33", "over", "200", "hostages", "dozens", "of", "soldiers", "at", "least", "a",
    "dozen", "between", "and", "10-15", "most", "passengers", "-", "twenty", "six", "hundred",
    ",", ";", ".", "were", "injured", "March", "2025", "1,000", "No.", "aged", "nearly", "1",
    "up", "to", "bodies", "recovered", "half", "scores", "9" * 20, "1,000,000,000,000,000",
])


@settings(max_examples=400, deadline=None)
@given(parts=st.lists(st.one_of(_WORDS, st.text(max_size=6)), max_size=40))
def test_quantities_property_spans_and_bounds(parts):
    text = " ".join(parts)
    for q in _find(text):
        assert 0 <= q.span.start < q.span.end <= len(text)
        assert text[q.span.start:q.span.end] == q.text
        assert q.low is None or q.high is None or q.low <= q.high
        assert q.category


@pytest.mark.timeout(120)
@pytest.mark.parametrize("text", [
    "1 " * 500_000, "dozens of " * 100_000, "killed 2 soldiers " * 55_000, "1" * 1_000_000,
    "1," * 500_000, "twenty-" * 140_000, "at least over 200 hostages; " * 36_000,
    "killed " + "of " * 330_000,
])
def test_quantities_linear_time_on_adversarial_megabyte(text):
    began = time.perf_counter()
    _find(text)
    assert time.perf_counter() - began < 30


@pytest.mark.parametrize("text, expected", [
    # a comma ends a list item: the keyword right after a number is its own
    ("4 killed, 7 injured in a market blast.", [("4", "killed"), ("7", "injured")]),
    ("One officer killed, three wounded, two missing.", [("One", "killed"), ("three", "injured"), ("two", "abducted")]),
    ("Troops cleared the camp, kill 12, rescue 30 and seize rifles.", [("12", "killed"), ("30", "rescued")]),
    ("Nine soldiers killed, four captured.", [("Nine", "killed"), ("four", "arrested")]),
    # without a keyword of its own the item keeps the one before it
    ("The raid killed three soldiers, two policemen and a driver.", [("three", "killed"), ("two", "killed")]),
])
def test_quantities_each_list_item_takes_its_own_keyword(text, expected):
    assert [(q.text, q.category) for q in _find(text)] == expected


@pytest.mark.parametrize("text, expected", [
    # the other day of a range told with one month is a date, not a count
    ("3 killed between Mar 23 and 24 (two on the first day).", [("3", "killed")]),
    ("Clashes on 23 and 24 March killed 5 villagers.", [("5", "killed")]),
    ("Fighting from Feb 8-11 killed 4 soldiers.", [("4", "killed")]),
])
def test_quantities_a_day_range_is_no_count(text, expected):
    assert [(q.text, q.category) for q in _find(text)] == expected
