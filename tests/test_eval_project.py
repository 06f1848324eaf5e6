"""Evaluation gates on the project's own gold (written by the project, tests/data/).

Floors are pinned just under the figures measured when they were set (see docs/evaluation.md).
Raise a floor when a figure improves; never lower one without saying why in the commit.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from rashomon.evaluate import evaluate_path

DATA = Path(__file__).parent / "data"

LINKING_FLOORS = {
    "pairwise_f1": 0.90,  # the target
    "pairwise_precision": 0.95,
    "pairwise_recall": 0.90,
    "claimant_accuracy": 0.80,
    "numbers_accuracy": 0.80,
}
EXTRACTION_FLOORS = {
    "event_found": 0.80,
    "event_type": 0.70,
    "date": 0.70,
    "admin1": 0.70,
    "admin2": 0.60,
    "claim_found": 0.85,
    "claimant": 0.85,
    "claim_numbers": 0.85,
}


@pytest.fixture(scope="module")
def linking():
    return evaluate_path(DATA / "linking" / "gold.json", None, "balochistan")


@pytest.fixture(scope="module")
def extraction():
    return evaluate_path(DATA / "extraction_gold.json", None, "balochistan")


@pytest.mark.parametrize("metric, floor", sorted(LINKING_FLOORS.items()))
def test_eval_linking_stays_above_floor(linking, metric, floor):
    assert linking.metrics[metric] >= floor, (metric, linking.metrics[metric])


def test_eval_linking_unrelated_same_day_incidents_stay_apart(linking):
    m = linking.metrics
    assert m["incidents_kept_apart"] == m["incident_pairs_to_keep_apart"] > 0, linking.notes


@pytest.mark.parametrize("metric, floor", sorted(EXTRACTION_FLOORS.items()))
def test_eval_extraction_stays_above_floor(extraction, metric, floor):
    assert extraction.metrics[metric] >= floor, (metric, extraction.metrics[metric])


def test_eval_extraction_places_are_near(extraction):
    assert extraction.metrics["median_distance_km"] <= 30


def test_eval_linking_background_mentions_join_no_event_of_the_incident_they_recall(linking):
    # measured 1 of the gold's background mentions (issue #13): its sentence is not flagged
    # background by extraction; the ceiling may only go down
    assert linking.metrics["background_joined"] <= 1
