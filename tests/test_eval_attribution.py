"""The claimant-attribution scorer (rashomon.evaluate.attribution) on hand-made cases, and the
floor on the project's attribution gold (tests/data/attribution/, written for the project).

Floors are today's figures rounded down by 0.02 (docs/evaluation.md); they may only be raised.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from rashomon.evaluate import evaluate_path
from rashomon.evaluate.attribution import judge, match_figure, score
from rashomon.models import Claim, Quantity, Span

DATA = Path(__file__).parent / "data" / "attribution"
TEXT = "Five guards died in the raid, the district police chief said. He added that two fled."
FLOORS = {"overlap_f1": 0.87, "exact_f1": 0.82, "figures_found": 0.82, "outlet_voice_accuracy": 0.98}  # measured 0.883, 0.832, 0.838, 1.0 with attribution.v3, quantities.v4 (2026-12-04)


def _gold(fig: str, low: int, claimant: str | None, *, antecedent: str | None = None,
          construction: str = "said_after") -> dict:
    def span(words: str | None) -> dict | None:
        if words is None:
            return None
        at = TEXT.index(words)
        return {"start": at, "end": at + len(words), "text": words}

    return {"doc": "d", "figure": span(fig), "low": low, "high": low, "category": "killed",
            "claimant": span(claimant), "antecedent": span(antecedent), "construction": construction}


def _claim(fig: str, low: int, claimant: str | None) -> Claim:
    at = TEXT.index(fig)
    q = Quantity(category="killed", low=low, high=low, text=fig, span=Span(start=at, end=at + len(fig)))
    cs = None
    if claimant:
        c = TEXT.index(claimant)
        cs = Span(start=c, end=c + len(claimant))
    return Claim(document_id="d", span=Span(start=0, end=len(TEXT)), quote=TEXT, quantities=[q],
                 claimant=claimant, claimant_span=cs)


@pytest.mark.parametrize("predicted, exact, overlap", [
    ("the district police chief", True, True),
    ("district police chief", False, True),  # a shared word is an overlap, not an exact match
    ("the raid", False, False),
    (None, False, False),
])
def test_eval_attribution_judges_exact_overlap_and_miss(predicted, exact, overlap):
    gold = _gold("Five", 5, "the district police chief")
    out = judge(TEXT, gold, match_figure([_claim("Five", 5, predicted)], gold))
    assert (out.found, out.exact, out.overlap) == (True, exact, overlap)


def test_eval_attribution_null_gold_with_null_prediction_is_outlet_voice_correct():
    gold = _gold("Five", 5, None, construction="outlet_voice")
    right = judge(TEXT, gold, match_figure([_claim("Five", 5, None)], gold))
    wrong = judge(TEXT, gold, match_figure([_claim("Five", 5, "the district police chief")], gold))
    assert right.null_ok and not wrong.null_ok
    report = score([right, wrong])
    assert report.metrics["outlet_voice_accuracy"] == 0.5
    assert report.metrics["overlap_precision"] == 0.0  # the wrong claimant is a predicted span


def test_eval_attribution_figure_needs_the_same_numbers():
    gold = _gold("two", 2, "He")
    assert match_figure([_claim("Five", 5, "He")], gold) is None
    out = judge(TEXT, gold, None)
    report = score([out])
    assert report.metrics["figures_found"] == 0.0 and report.metrics["overlap_recall"] == 0.0


def test_eval_attribution_pronoun_or_its_antecedent_both_count():
    gold = _gold("two", 2, "He", antecedent="the district police chief", construction="pronoun")
    for predicted in ("He", "the district police chief"):
        out = judge(TEXT, gold, match_figure([_claim("two", 2, predicted)], gold))
        assert out.exact and out.overlap, predicted


def test_eval_attribution_scores_f1_and_rows_per_construction():
    golds = [_gold("Five", 5, "the district police chief"), _gold("two", 2, "He", construction="pronoun")]
    outs = [judge(TEXT, golds[0], match_figure([_claim("Five", 5, "police chief")], golds[0])),
            judge(TEXT, golds[1], None)]
    report = score(outs)
    m = report.metrics
    assert (m["exact_f1"], m["overlap_precision"], m["overlap_recall"]) == (0.0, 1.0, 0.5)
    assert {r.label: r.recall for r in report.rows} == {"pronoun": 0.0, "said_after": 1.0}


@pytest.fixture(scope="module")
def attribution():
    return evaluate_path(DATA / "gold.json", None, "balochistan")


@pytest.mark.parametrize("metric, floor", sorted(FLOORS.items()))
def test_eval_attribution_gold_stays_above_floor(attribution, metric, floor):
    assert attribution.metrics[metric] >= floor, (metric, attribution.metrics[metric])


def test_eval_attribution_gold_is_the_size_the_issue_asks():
    figures = json.loads((DATA / "gold.json").read_text("utf-8"))["figures"]
    assert len({f["doc"] for f in figures}) >= 40 and len(figures) >= 160


def test_eval_attribution_gold_offsets_point_at_their_words():
    corpus = {}
    for line in (DATA / "corpus.jsonl").read_text("utf-8").splitlines():
        rec = json.loads(line)
        corpus[rec["id"]] = rec["text"]
    for f in json.loads((DATA / "gold.json").read_text("utf-8"))["figures"]:
        text = corpus[f["doc"]]
        assert f["sentence"] in text
        for key in ("figure", "claimant", "antecedent"):
            if f.get(key):
                assert text[f[key]["start"]:f[key]["end"]] == f[key]["text"], (f["doc"], key)
