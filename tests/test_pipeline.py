"""The whole extraction pipeline: never crashes, never points outside the text, linear time."""

from __future__ import annotations

import json
import time
from pathlib import Path

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


# ---------------------------------------------------------------------------- stage registry

REGISTRY_FILE = Path(__file__).parent / "data" / "stage_registry.json"


def test_pipeline_registry_matches_the_pinned_contracts():
    """A stage's name, order and contract change only on purpose: a changed stage gets a new
    versioned name and this file is updated with it (spaCy's factory registrations test)."""
    from rashomon.extract.pipeline import STAGES
    from rashomon.extract.registry import REGISTRY

    pinned = json.loads(REGISTRY_FILE.read_text())
    assert list(STAGES) == pinned["order"]
    assert {n: {"requires": list(s.requires), "assigns": list(s.assigns)}
            for n, s in REGISTRY.items()} == pinned["stages"]


def test_pipeline_default_order_is_sound_and_every_mention_field_is_assigned_once():
    from rashomon.extract.mentions import MENTION_FIELDS
    from rashomon.extract.pipeline import STAGES
    from rashomon.extract.registry import REGISTRY, analyze

    assert analyze(STAGES) == []
    assigned = [f for n in STAGES for f in REGISTRY[n].assigns]
    assert sorted(assigned) == sorted(MENTION_FIELDS)


@pytest.mark.parametrize("stages, problem", [
    (("dates.v1", "sentences.v1"), "'dates.v1' requires ['sentences']"),
    (("sentences.v1", "quantities.v4"), "'quantities.v4' requires ['date_spans', 'parse']"),
    (("sentences.v1", "sentences.v1"), "assigns ['sentences'] again"),
    (("sentences.v1", "ner.v9"), "no stage 'ner.v9'"),
])
def test_pipeline_misordered_stages_are_refused_when_built(pack, stages, problem):
    from rashomon.errors import ConfigError
    from rashomon.extract.pipeline import Pipeline

    with pytest.raises(ConfigError) as err:
        Pipeline(pack, stages)
    assert err.value.code == "E130" and problem in err.value.message


def test_pipeline_a_stage_cannot_read_or_write_undeclared_fields(pack):
    from rashomon.extract.mentions import Mentions
    from rashomon.extract.registry import REGISTRY, StageView

    view = StageView(Mentions(), REGISTRY["quantities.v4"])
    assert view.date_spans == []
    with pytest.raises(AttributeError, match="did not declare that it requires 'actors'"):
        view.actors
    with pytest.raises(AttributeError, match="did not declare that it assigns 'dates'"):
        view.dates = []


def test_pipeline_mentions_hold_every_stage_output(pack):
    from rashomon.extract.pipeline import Pipeline

    text = "Gunmen killed two labourers in Turbat on 5 May 2025, police said."
    m = Pipeline(pack).mentions(Document(id="x", text=text, published=None))
    assert m.sentences and m.dates and m.places and m.actors and m.triggers
    assert m.quantities and m.attributions and m.claims
    assert [text[s.start:s.end] for s in m.date_spans] == ["5 May 2025"]


def test_pipeline_resources_are_built_once_per_pack(pack):
    from rashomon.extract.resources import resources_for, warm

    assert warm(pack) is resources_for(pack) is resources_for(pack)
