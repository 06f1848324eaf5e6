"""The whole extraction pipeline: never crashes, never points outside the text, linear time."""

from __future__ import annotations

import time

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from rashomon.extract.pipeline import extract_claims
from rashomon.models import Document

NEWSY = st.lists(st.sampled_from([
    "BLA militants", "killed", "33", "over 200", "hostages", "on Tuesday", "March 11, 2025",
    "in Kech district", "near Mastung", "the army said", "claimed", "Noshki", ".", ",", "\n\n",
    "suicide bombing", "dozens of soldiers", "could not be independently verified", "“", "”",
    "according to police", "Quetta", "ambushed", "the group", "October 2024", "\u200b", "é",
]), max_size=60).map(" ".join)


def _check(text: str, pack) -> None:
    doc = Document(id=Document.content_id(text) if text.strip() else "empty", text=text)
    for c in extract_claims(doc, pack):
        assert 0 <= c.span.start <= c.span.end <= len(text)
        assert text[c.span.start:c.span.end] == c.quote
        for q in c.quantities:
            assert text[q.span.start:q.span.end] == q.text
            assert q.low is None or q.high is None or q.low <= q.high
        for a in c.actors:
            assert text[a.span.start:a.span.end] == a.text
        if c.date is not None:
            assert c.date.start <= c.date.end


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=st.text(max_size=400))
def test_pipeline_any_unicode_never_crashes(pack, text):
    _check(text, pack)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=NEWSY)
def test_pipeline_newsy_noise_spans_stay_in_text(pack, text):
    _check(text, pack)


@pytest.mark.parametrize("unit", ["1 ", "killed ", "BLA militants killed 3 soldiers in Kech on Monday. ",
                                  "((((", "a" * 99 + " "])
def test_pipeline_one_megabyte_adversarial_line_is_linear(pack, unit):
    small = unit * (10_000 // len(unit))
    big = unit * (1_000_000 // len(unit))
    t0 = time.perf_counter()
    extract_claims(Document(id="s", text=small), pack)
    t_small = time.perf_counter() - t0
    t0 = time.perf_counter()
    extract_claims(Document(id="b", text=big), pack)
    t_big = time.perf_counter() - t0
    # 100x the input may cost 100x the time, never quadratic (10,000x); generous for noisy machines
    assert t_big < max(60.0, 400 * t_small), (t_small, t_big)
