"""Tests of the dates stage: absolute, year-less, partial and relative dates, parse_date_text."""

from __future__ import annotations

import time
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from rashomon.extract.base import ExtractContext
from rashomon.extract.dates import date_spans, find_dates, parse_date_text
from rashomon.extract.pipeline import make_context
from rashomon.packs import load_pack

SEED = Path(__file__).parents[1] / ".." / "shared" / "data" / "seed" / "000_c1482cdd8b86017f.txt"
PUB = date(2025, 3, 12)  # a Wednesday


def _ctx(text: str, published: date | None = None) -> ExtractContext:
    return make_context(text, load_pack("balochistan"), published=published)


def _one(text: str, published: date | None = None):
    found = find_dates(_ctx(text, published))
    assert len(found) == 1, found
    return found[0]


@pytest.mark.parametrize("text, words, day", [
    ("It happened on March 11, 2025 near Mach.", "March 11, 2025", date(2025, 3, 11)),
    ("It happened on 11 March 2025.", "11 March 2025", date(2025, 3, 11)),
    ("Report dated 2025-03-11 says so.", "2025-03-11", date(2025, 3, 11)),
    ("It happened on Mar. 11, 2025.", "Mar. 11, 2025", date(2025, 3, 11)),
    ("It happened on the 11th of March 2025.", "11th of March 2025", date(2025, 3, 11)),
    ("It happened on March 11th, 2025.", "March 11th, 2025", date(2025, 3, 11)),
    ("It happened on Sept 3 2024.", "Sept 3 2024", date(2024, 9, 3)),
])
def test_dates_absolute_day(text, words, day):
    d = _one(text, published=date(2026, 1, 1))
    assert (d.text, d.start, d.end, d.precision) == (words, day, day, "day")
    assert d.resolved_from == "absolute"
    assert text[d.span.start:d.span.end] == words


@pytest.mark.parametrize("text, words, start, end, precision", [
    ("the October 2024 suicide bombing", "October 2024", date(2024, 10, 1), date(2024, 10, 31),
     "month"),
    ("attacks in February 2024 rose", "February 2024", date(2024, 2, 1), date(2024, 2, 29),
     "month"),
    ("a war in 1971 ended", "in 1971", date(1971, 1, 1), date(1971, 12, 31), "year"),
    ("active since 2006, the group", "since 2006", date(2006, 1, 1), date(2006, 12, 31), "year"),
    ("by the end of 2023 it grew", "end of 2023", date(2023, 1, 1), date(2023, 12, 31), "year"),
])
def test_dates_partial_absolute(text, words, start, end, precision):
    d = _one(text)
    assert (d.text, d.start, d.end, d.precision) == (words, start, end, precision)
    assert d.resolved_from == "absolute"


@pytest.mark.parametrize("text, published, words, day, how", [
    ("The ambush on March 16 killed many.", PUB, "March 16", date(2025, 3, 16), "publication"),
    ("The ambush on 16 March killed many.", PUB, "16 March", date(2025, 3, 16), "publication"),
    # more than ~2 months after publication: last year's December
    ("A raid on December 20 was recalled.", PUB, "December 20", date(2024, 12, 20), "publication"),
    ("On March 11, 2025 a train was seized. On March 16 a bus.", None, "March 16",
     date(2025, 3, 16), "context"),
])
def test_dates_yearless_day(text, published, words, day, how):
    found = {d.text: d for d in find_dates(_ctx(text, published))}
    d = found[words]
    assert (d.start, d.end, d.precision, d.resolved_from) == (day, day, "day", how)


def test_dates_yearless_prefers_preceding_context_year():
    text = "In January 2023 one thing. On 5 May a raid. Later, in June 2024, another."
    found = {d.text: d for d in find_dates(_ctx(text))}
    assert found["5 May"].start == date(2023, 5, 5)


@pytest.mark.parametrize("text, words, day", [
    ("On December 28, 2024 a raid. On January 3 another.", "January 3", date(2025, 1, 3)),
    ("On January 3, 2025 a raid. On December 28 another.", "December 28", date(2024, 12, 28)),
    ("Pakistan lost in 1971. On December 16 it ended.", "December 16", date(1971, 12, 16)),
    ("Pakistan lost in 1971. On January 16 it ended.", "January 16", date(1971, 1, 16)),
])
def test_dates_yearless_takes_year_closest_to_context(text, words, day):
    found = {d.text: d for d in find_dates(_ctx(text))}
    assert found[words].start == day


def test_dates_yearless_uses_following_context_when_none_precedes():
    found = {d.text: d for d in find_dates(_ctx("On May 5 a raid. It was 2 June 2024."))}
    assert found["May 5"].start == date(2024, 5, 5)


@pytest.mark.parametrize("text, published, words, start, end", [
    ("Clashes erupted in October.", PUB, "in October", date(2024, 10, 1), date(2024, 10, 31)),
    ("Clashes erupted in February.", PUB, "in February", date(2025, 2, 1), date(2025, 2, 28)),
])
def test_dates_month_without_year(text, published, words, start, end):
    d = _one(text, published)
    assert (d.text, d.start, d.end, d.precision) == (words, start, end, "month")


@pytest.mark.parametrize("phrase, start, end, precision", [
    ("on Tuesday", date(2025, 3, 11), date(2025, 3, 11), "day"),
    ("late on Sunday", date(2025, 3, 9), date(2025, 3, 9), "day"),
    ("on Wednesday", date(2025, 3, 12), date(2025, 3, 12), "day"),  # on or before the anchor
    ("last Wednesday", date(2025, 3, 5), date(2025, 3, 5), "day"),
    ("on Tuesday night", date(2025, 3, 11), date(2025, 3, 11), "day"),
    ("yesterday", date(2025, 3, 11), date(2025, 3, 11), "day"),
    ("today", date(2025, 3, 12), date(2025, 3, 12), "day"),
    ("last week", date(2025, 3, 3), date(2025, 3, 9), "week"),
    ("this week", date(2025, 3, 10), date(2025, 3, 12), "week"),
    ("earlier this month", date(2025, 3, 1), date(2025, 3, 12), "month"),
    ("last month", date(2025, 2, 1), date(2025, 2, 28), "month"),
    ("last year", date(2024, 1, 1), date(2024, 12, 31), "year"),
])
def test_dates_relative_against_publication(phrase, start, end, precision):
    d = _one(f"Militants attacked a checkpost {phrase}, officials said.", PUB)
    assert (d.text, d.start, d.end, d.precision, d.resolved_from) == (
        phrase, start, end, precision, "publication")


def test_dates_relative_against_context_date():
    text = "The train was seized on 11 March 2025. On Sunday, troops moved in."
    found = {d.text: d for d in find_dates(_ctx(text))}
    assert found["On Sunday"].start == date(2025, 3, 9)
    assert found["On Sunday"].resolved_from == "context"


@pytest.mark.parametrize("text", [
    "Militants attacked a checkpost on Tuesday, officials said.",
    "Five soldiers were killed yesterday.",
    "There were more attacks last week.",
])
def test_dates_relative_without_anchor_not_emitted(text):
    assert find_dates(_ctx(text)) == []


@pytest.mark.parametrize("text", [
    "The train carried 425 passengers.",
    "Troops killed 33 insurgents and freed 200 hostages.",
    "Some 2,000 people marched; 1,999 were counted.",
    "They may return. The march began.",
    "The CPEC project costs billions.",
])
def test_dates_numbers_are_not_years(text):
    assert find_dates(_ctx(text, PUB)) == []


def test_dates_seed_article():
    if not SEED.is_file():
        pytest.skip("shared dev data not present")
    text = SEED.read_text("utf-8")
    found = {d.text: d for d in find_dates(_ctx(text))}
    assert found["March 11, 2025"].start == date(2025, 3, 11)
    march16 = found["March 16"]
    assert (march16.start, march16.resolved_from) == (date(2025, 3, 16), "context")
    october = found["October 2024"]
    assert (october.precision, october.start, october.end) == ("month", date(2024, 10, 1),
                                                               date(2024, 10, 31))
    assert found["in 1971"].precision == "year"
    assert all(text[d.span.start:d.span.end] == d.text for d in found.values())


@pytest.mark.parametrize("s, start, precision", [
    ("2025-03-11", date(2025, 3, 11), "day"),
    ("2025-03-11T08:30:00Z", date(2025, 3, 11), "day"),
    ("2025-03-11 08:30:00+05:00", date(2025, 3, 11), "day"),
    ("11 March 2025", date(2025, 3, 11), "day"),
    ("  March 11, 2025 ", date(2025, 3, 11), "day"),
    ("Tue, 11 Mar 2025 10:00:00 +0000", date(2025, 3, 11), "day"),
    ("2025-03", date(2025, 3, 1), "month"),
    ("2025", date(2025, 1, 1), "year"),
])
def test_dates_parse_date_text_accepts(s, start, precision):
    d = parse_date_text(s, None)
    assert d is not None and (d.start, d.precision) == (start, precision)
    assert s[d.span.start:d.span.end] == d.text


@pytest.mark.parametrize("s", ["", "   ", "not a date", "2025-13", "31 February 2025", "yesterday"])
def test_dates_parse_date_text_rejects(s):
    assert parse_date_text(s, None) is None


def test_dates_parse_date_text_relative_with_anchor():
    d = parse_date_text("yesterday", PUB)
    assert d is not None and d.start == date(2025, 3, 11)


def test_dates_date_spans_include_unresolvable():
    text = "On Tuesday and on March 16 and in 1971."
    assert [text[s.start:s.end] for s in date_spans(text)] == ["On Tuesday", "March 16", "in 1971"]


_WORDS = st.sampled_from(["on", "in", "March", "11", "2025", "16", "Tuesday", "late", "last",
                          "week", "yesterday", ",", ".", "-", "of", "11th", "2024-03-11", " ",
                          "October", "since", "1971", "Mar.", "today", "earlier this month"])


@settings(max_examples=300, deadline=None)
@given(parts=st.lists(st.one_of(_WORDS, st.text(max_size=8)), max_size=30),
       published=st.one_of(st.none(), st.dates()))
def test_dates_property_spans_exact_and_ordered(parts, published):
    text = " ".join(parts)
    found = find_dates(_ctx(text, published))
    for d in found:
        assert 0 <= d.span.start < d.span.end <= len(text)
        assert text[d.span.start:d.span.end] == d.text
        assert d.start <= d.end
    assert all(a.span.end <= b.span.start for a, b in zip(found, found[1:]))


@settings(max_examples=200, deadline=None)
@given(s=st.text(max_size=40), anchor=st.one_of(st.none(), st.dates()))
def test_dates_property_parse_date_text_never_crashes(s, anchor):
    d = parse_date_text(s, anchor)
    assert d is None or (d.start <= d.end and s[d.span.start:d.span.end] == d.text)


@pytest.mark.timeout(120)
@pytest.mark.parametrize("text", [
    "1 " * 500_000, "March " * 170_000, "on Tuesday " * 90_000, "in 2024 " * 125_000,
    "1" * 1_000_000, "11 March 2025, " * 66_000,
])
def test_dates_linear_time_on_adversarial_megabyte(text):
    began = time.perf_counter()
    find_dates(_ctx(text, PUB))
    assert time.perf_counter() - began < 30
