"""Evaluate event typing on CASE 2021 Task 2 (Haneczok et al. 2021, fine-grained event classification).

Contract: ``evaluate_case(path) -> EvalReport``. ``path`` is the TSV (columns id, EventSnippet,
SubType) or its folder. Each snippet is typed with :func:`rashomon.extract.types.classify_text`
and mapped to a CASE label (``packs/core/types_case2021.toml``); ``None`` becomes "NONE".
Scores are sklearn-style over the 25 ACLED labels only: a NONE prediction on an ACLED row is a
miss, an ACLED prediction on a non-ACLED row (ORG_CRIME, DIPLO, ...) a false positive.
``ids`` = "even"/"odd" keeps rows whose ``id // 2`` is even/odd (the file holds even ids only),
a fixed split for checking that rules generalise.
"""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Literal

from rashomon.evaluate.report import EvalReport, label_scores, macro_f1, weighted_f1
from rashomon.extract.types import classify_text
from rashomon.packs import load_pack

NONE = "NONE"


def case_labels() -> dict[str, str]:
    """ACLED sub-event type -> CASE label."""
    return dict(load_pack("core").read("types_case2021.toml")["labels"])


def read_case(path: str | Path) -> list[tuple[int, str, str]]:
    """Rows (id, snippet, gold label) of a CASE Task 2 TSV."""
    path = Path(path)
    if path.is_dir():
        path = path / "dev.tsv"
    with path.open(encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE)
        return [(int(r["id"]), r["EventSnippet"], r["SubType"].strip()) for r in reader]


def predict_case(snippet: str, labels: dict[str, str] | None = None) -> str:
    """CASE label predicted for one snippet ("NONE" when no ACLED event)."""
    labels = labels or case_labels()
    trigger = classify_text(snippet)
    return labels.get(trigger.sub_event_type, NONE) if trigger else NONE


def evaluate_case(path: str | Path, ids: Literal["all", "even", "odd"] = "all") -> EvalReport:
    """Weighted/macro F1 and per-label scores of our typing on CASE 2021 Task 2."""
    labels = case_labels()
    rows = [r for r in read_case(path) if ids == "all" or (r[0] // 2) % 2 == (ids == "odd")]
    gold = [g for _, _, g in rows]
    predicted = [predict_case(text, labels) for _, text, _ in rows]
    acled = sorted(set(labels.values()))
    scores = label_scores(gold, predicted, acled)
    accuracy = sum(g == p or (g not in acled and p == NONE) for g, p in zip(gold, predicted))
    return EvalReport(
        name="CASE 2021 Task 2 event typing", dataset=f"{Path(path).name} ids={ids}",
        metrics={"weighted_f1": round(weighted_f1(scores), 4), "macro_f1": round(macro_f1(scores), 4),
                 "accuracy": round(accuracy / len(rows), 4) if rows else 0.0,
                 "rows": float(len(rows))},
        rows=scores,
        notes=["Haneczok et al. 2021, CASE 2021 Task 2; weighted by support over 25 ACLED labels"],
    )


__all__ = ["NONE", "case_labels", "evaluate_case", "predict_case", "read_case"]
