"""`rashomon eval` on ACLED-shaped notes (a file written for this test, in the project's own
words): the same rules as ../shared/eval/score_acled.py, through the CLI."""

from __future__ import annotations

import csv
import json
from rashomon.evaluate.acled import evaluate_acled

ROWS = [
    {"notes": "On 3 June 2023, students held a protest in Turbat city (Kech, Balochistan) against "
              "power cuts.", "sub_event_type": "Peaceful protest", "latitude": "26.0", "longitude": "63.05"},
    {"notes": "On 9 July 2024, traders staged a sit-in at Pir Koh town (Dera Bugti, Balochistan), "
              "demanding water supply.", "sub_event_type": "Peaceful protest", "latitude": "29.03",
     "longitude": "69.13"},
]


def test_eval_acled_balochistan_notes_score_date_district_and_type(tmp_path, cli):
    path = tmp_path / "notes.csv"
    with path.open("w", newline="", encoding="utf-8") as fh:
        w = csv.DictWriter(fh, fieldnames=list(ROWS[0]))
        w.writeheader()
        w.writerows(ROWS)
    m = evaluate_acled(path).metrics
    assert m["rows"] == 2 and m["date_exact"] == 1.0 and m["district"] == 1.0
    assert m["sub_event_type"] == 1.0
    out = cli("eval", str(path), "--format", "json")
    assert out.returncode == 0, out.stderr
    assert json.loads(out.stdout)["metrics"] == m
