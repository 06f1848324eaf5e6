"""Evaluation gates on real third-party dev data (read from ../shared/data, never copied).

Floors are pinned at the measured figure rounded down to 0.01; raise them when the figure
improves, never lower them silently (tests/README.md).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from rashomon.evaluate.case import evaluate_case, predict_case, read_case
from rashomon.evaluate.glocon import evaluate_glocon
from rashomon.evaluate.report import EvalReport, label_scores, weighted_f1

SHARED = Path(__file__).parents[1] / ".." / "shared" / "data"
CASE = SHARED / "dev" / "case2021_task2" / "dev.tsv"
GLOCON = SHARED / "dev" / "glocon_samples"

# The whole pipeline, as `rashomon extract` runs it (the first event of each snippet; no event is
# a miss). Measured 0.7721 (even half 0.8191, odd half 0.7179) with the grammar backbone (#12);
# 0.4447 / 0.4248 / 0.4444 at the engine refactor (#11). Before #11 these floors were 0.80 / 0.85
# / 0.75, measured with a snippet classifier no user ever got; the figures are the same as
# ../shared/eval/score_case.py's by construction.
CASE_WEIGHTED_F1_FLOOR = 0.77
CASE_HALF_FLOORS = {"even": 0.81, "odd": 0.71}
# The trigger stage alone, unparsed (a diagnostic): measured 0.0760 / 0.6505.
GLOCON_SENTENCE_FP_CEILING = 0.08
GLOCON_SENTENCE_EVENT_RECALL_FLOOR = 0.65
# The whole pipeline on GLOCON sentences: measured 0.0351 false positives (54 of 1,540), recall
# 0.4248. NOT the 2% ceiling: at the refactor it was 0.0123 / 0.1408, when a claim needed
# a date, place or figure; most of the new false positives are violent incidents reported in
# sentences GLOCON labels 0 (no protest), the rest general statements the parse reads as reports.
# With counts of the dead typing untyped sentences (triggers.v4): 0.0396 (61) / 0.4466 (184 of
# 412): of the 6 new false positives 4 report real violence ("One visitor was killed and dozens
# were injured", "six people were injured in the attack in ..."), 1 is a tally ("since October"),
# 1 an accident the sink words miss; the ceiling is raised for that trade, the floor with it.
GLOCON_PIPELINE_FP_CEILING = 0.040
# Stop 27 (a killing with its victim outranks the crime sink; one named victim is a figure):
# 0.0396 (61) / 0.4515 (186 of 412).
GLOCON_PIPELINE_RECALL_FLOOR = 0.45
# ACLED notes through the whole pipeline (evaluate.acled, the rules of ../shared/eval/score_acled.py):
# Balochistan (836) date 0.9806, district 0.9009, within 25 km 0.8911, balanced sub-type 0.7373;
# Africa (first 1,000 after the fixed shuffle) killed exact 0.828, where deaths > 0 0.468,
# admin1 0.198 (ISO 3166-2 province names, provinces as places, figure and verbless sentences).
# After the africa and link merges district is 0.898 (2 of 836 notes fewer; floor lowered from
# 0.90 on purpose, said in the #12 note).
ACLED_BALOCHISTAN_FLOORS = {"date_exact": 0.98, "district": 0.89, "within_25km": 0.89,
                            "sub_event_balanced_accuracy": 0.73}
# Since killed counts the dead of every side, lists add up and one named victim is a figure of 1
# (#12, stop 27): killed exact 0.892, where deaths > 0 0.684 (212 of 310), admin1 0.207.
# Bodies found and one-person words (#12, stop 28): killed exact 0.900, where deaths > 0 0.7065
# (219 of 310), admin1 0.207.
ACLED_AFRICA_FLOORS = {"killed_exact_deaths": 0.70, "killed_exact": 0.89, "admin1": 0.20}
ACLED = SHARED / "dev" / "acled"


@pytest.fixture(scope="module")
def case_report() -> EvalReport:
    return evaluate_case(CASE)


@pytest.fixture(scope="module")
def glocon_report() -> EvalReport:
    return evaluate_glocon(GLOCON, documents=False)


def test_eval_dev_case_file_has_510_rows():
    assert len(read_case(CASE)) == 510


def test_eval_dev_case_weighted_f1_floor(case_report):
    assert case_report.metrics["weighted_f1"] >= CASE_WEIGHTED_F1_FLOOR


def test_eval_dev_case_reports_all_25_acled_labels(case_report):
    assert len(case_report.rows) == 25
    assert sum(r.support for r in case_report.rows) == 510 - sum(
        1 for _, _, g in read_case(CASE)
        if g in {"ORG_CRIME", "NATURAL_DISASTER", "MAN_MADE_DISASTER", "DIPLO", "ATTRIB"})


@pytest.mark.parametrize("half", ["even", "odd"])
def test_eval_dev_case_half_floor(half):
    # the odd half (id // 2 odd) was held out while writing the lexicon
    assert evaluate_case(CASE, ids=half).metrics["weighted_f1"] >= CASE_HALF_FLOORS[half]


def test_eval_dev_case_predicts_none_for_disaster():
    assert predict_case("A strong earthquake and a tsunami hit the coast, killing dozens.") == "NONE"


def test_eval_dev_glocon_false_positive_ceiling(glocon_report):
    assert glocon_report.metrics["sentence_fp_rate"] <= GLOCON_SENTENCE_FP_CEILING


def test_eval_dev_glocon_pipeline_rarely_finds_events_in_non_event_sentences(glocon_report):
    assert glocon_report.metrics["pipeline_sentence_fp_rate"] <= GLOCON_PIPELINE_FP_CEILING
    assert glocon_report.metrics["pipeline_sentence_event_recall"] >= GLOCON_PIPELINE_RECALL_FLOOR


@pytest.mark.parametrize("name, limit, floors", [
    ("balochistan_protest_notes_even.csv", 836, ACLED_BALOCHISTAN_FLOORS),
    ("africa_2016_notes_even.csv", 1000, ACLED_AFRICA_FLOORS),
])
def test_eval_dev_acled_notes_floors(name, limit, floors):
    from rashomon.evaluate.acled import evaluate_acled

    metrics = evaluate_acled(ACLED / name, limit).metrics
    assert metrics["rows"] == limit
    assert {k: metrics[k] for k in floors if metrics[k] < floors[k]} == {}


def test_eval_dev_glocon_event_recall_floor(glocon_report):
    assert glocon_report.metrics["sentence_event_recall"] >= GLOCON_SENTENCE_EVENT_RECALL_FLOOR


@pytest.mark.parametrize("gold,predicted,expected", [
    (["A", "A", "B"], ["A", "B", "B"], 2 / 3 * (2 / 3) + 1 / 3 * (2 / 3)),
    (["A", "X"], ["A", "A"], 2 / 3),  # X is outside the label set: a false positive for A
    (["A"], ["NONE"], 0.0),
])
def test_eval_dev_weighted_f1_matches_sklearn_semantics(gold, predicted, expected):
    rows = label_scores(gold, predicted, ["A", "B"])
    assert weighted_f1(rows) == pytest.approx(expected, abs=1e-3)


def test_eval_dev_report_renders_table_and_json(case_report):
    from rich.console import Console

    console = Console(record=True, width=120)
    console.print(case_report.to_table())
    assert "weighted_f1" in console.export_text()
    assert json.loads(case_report.to_json())["metrics"]["weighted_f1"] == case_report.metrics["weighted_f1"]


# The multi-outlet linking corpus (evaluate.multi_outlet, the same figures as
# ../shared/eval/score_linking.py plus supersessions and background leaks). Measured with
# attribution by grammar, report units in linking and zero figures (#13): pairwise F1 0.759,
# figures found 0.734, right claimant family 0.644, denials 18 of 19 (0.947), supersessions 7 of
# 10, background leaks 27 of 47. The leak ceiling was 24 before zero figures and the army's idiom
# raised figures found from 0.618 to 0.734: background sentences are flagged no better than before,
# more of their figures are now read (raised on purpose, said in the #13 note; lower it back).
# Linking by what a report is about (#13 item 7: headline places, frames told in passing in no
# event, a report's lead never background): pairwise F1 0.826 (P 0.838, R 0.814), figures found
# 0.747, right claimant family 0.657, background leaks 23 of 47.
# A dated incident a report recalls keeps an event of its own that nothing joins (the seed's
# 16 March ambush and October 2024 bombing were in no event): the same figures, one more
# background figure now sits, unflagged, in such an event: leaks 24 of 47 (raised on purpose,
# said in the #13 note).
# A spelling variant of a pack place ("at Naushki, Balochistan"), the lead's setting placing its
# incident, where the wounded were taken not read as the incident's place, and another time's
# incident named inside a lead ("to tie them to last week's bombing") kept apart (#13, stop 28):
# pairwise F1 0.917 (P 0.968, R 0.871), figures found 0.794, right family 0.721, leaks 23 of 47.
# The harm a grievance names keeps its figures apart, a protest falls back on the dateline, and
# a verb whose parsed subject is no state force is no territory regained: pairwise F1 0.925
# (P 0.969, R 0.886), figures found 0.790, right family 0.717 (one subset figure of r40 lost).
LINKING_DEV = SHARED / "dev" / "linking_dev"
LINKING_DEV_FLOORS = {"pairwise_f1": 0.90, "figures_found": 0.78, "figures_right_claimant_family": 0.71,
                      "denials_recognised": 0.94, "supersessions_applied": 0.7}
# Leaks count figures, not sentences: 25 since quantities.v4 reads "their Pakistani driver" as a
# figure of 1 in a background sentence whose other figure ("Five Chinese nationals") already leaked.
# 24 since an incident named by another day ("in Wednesday's assault") is recalled, not told
# (stop 27), which also took the r07 figure whose category quantities.v4 had wrong.
LINKING_DEV_LEAK_CEILING = 23


@pytest.fixture(scope="module")
def linking_dev_report() -> EvalReport:
    from rashomon.evaluate.multi_outlet import evaluate_multi_outlet
    from rashomon.ingest.engine import Engine
    from rashomon.packs import load_pack

    with Engine.in_memory(load_pack("balochistan")) as engine:
        return evaluate_multi_outlet(LINKING_DEV, engine)


def test_eval_dev_linking_corpus_floors(linking_dev_report):
    m = linking_dev_report.metrics
    assert m["gold_pairs"] == 70
    assert {k: m[k] for k in LINKING_DEV_FLOORS if m[k] < LINKING_DEV_FLOORS[k]} == {}
    assert m["background_leaks"] <= LINKING_DEV_LEAK_CEILING


def test_eval_dev_linking_corpus_figures_equal_the_shared_scorer(linking_dev_report):
    """`rashomon eval ../shared/data/dev/linking_dev` and ../shared/eval/score_linking.py print
    the same linking and claim figures (the scorer runs the CLI itself)."""
    import re
    import subprocess
    import sys

    cli = Path(sys.executable).parent / "rashomon"
    out = subprocess.run([sys.executable, str(SHARED.parent / "eval" / "score_linking.py"), str(LINKING_DEV),
                          str(cli), "0", "0"], capture_output=True, text=True, timeout=600).stdout
    m = linking_dev_report.metrics
    f1 = float(re.search(r"F1=([\d.]+)", out).group(1))
    fam = float(re.search(r"right claimant family \d+/\d+ = ([\d.]+)", out).group(1))
    assert (f1, fam) == (m["pairwise_f1"], m["figures_right_claimant_family"]), out
