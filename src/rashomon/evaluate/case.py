"""Evaluate event typing on CASE 2021 Task 2 (Haneczok et al. 2021, fine-grained event classification).

Contract: ``evaluate_case(path) -> EvalReport``. ``path`` is the TSV (columns id, EventSnippet,
SubType) or its folder. Each snippet goes through the whole pipeline exactly as
``rashomon extract`` takes it (``ingest.engine.extract_events``: an in-memory engine per
snippet); the sub-event type of its first event is mapped to a CASE label
(``packs/core/types_case2021.toml``), no event is "NONE". Rows whose gold label is outside the
25 ACLED labels are left out, and the weighted F1 is the support-weighted mean of the per-label
F1 over the ACLED labels: the same rule as ``../shared/eval/score_case.py``, so both print the
same figure for the same file.
``ids`` = "even"/"odd" keeps rows whose ``id // 2`` is even/odd (the file holds even ids only),
a fixed split for checking that rules generalise.
"""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Literal

from rashomon.evaluate.report import EvalReport, label_scores, macro_f1
from rashomon.ingest.engine import extract_events
from rashomon.models import DocumentCreate
from rashomon.packs import KnowledgePack, load_pack

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


def predict_case(snippet: str, labels: dict[str, str] | None = None,
                 pack: KnowledgePack | None = None) -> str:
    """CASE label of the first event the pipeline finds in one snippet ("NONE": no event)."""
    labels = labels or case_labels()
    events = extract_events(DocumentCreate(text=snippet), pack)
    return labels.get(events[0].sub_event_type or "", NONE) if events else NONE


def evaluate_case(path: str | Path, ids: Literal["all", "even", "odd"] = "all",
                  pack: KnowledgePack | None = None) -> EvalReport:
    """Weighted/macro F1 and per-label scores of the whole pipeline on CASE 2021 Task 2."""
    labels = case_labels()
    acled = sorted(set(labels.values()))
    rows = [r for r in read_case(path) if r[2] in acled
            and (ids == "all" or (r[0] // 2) % 2 == (ids == "odd"))]
    gold = [g for _, _, g in rows]
    predicted = [predict_case(text, labels, pack) for _, text, _ in rows]
    scores = label_scores(gold, predicted, acled)
    return EvalReport(
        name="CASE 2021 Task 2 event typing (first event of the full pipeline)",
        dataset=f"{Path(path).name} ids={ids}",
        metrics={"weighted_f1": round(_weighted_f1(gold, predicted, acled), 4),
                 "macro_f1": round(macro_f1([r for r in scores if r.support]), 4),
                 "accuracy": round(sum(g == p for g, p in zip(gold, predicted)) / len(rows), 4) if rows else 0.0,
                 "no_event": float(sum(p == NONE for p in predicted)),
                 "rows": float(len(rows))},
        rows=scores,
        notes=["Haneczok et al. 2021, CASE 2021 Task 2; weighted by support over the 25 ACLED labels",
               "NONE (no event found) counts as a miss"],
    )


def _weighted_f1(gold: list[str], predicted: list[str], labels: list[str]) -> float:
    """Unrounded per-label F1 weighted by support (rounding each F1 first would drift from the
    shared scorer in the third decimal)."""
    total = 0.0
    for label in labels:
        tp = sum(g == label == p for g, p in zip(gold, predicted))
        n_pred, n_gold = predicted.count(label), gold.count(label)
        prec, rec = (tp / n_pred if n_pred else 0.0), (tp / n_gold if n_gold else 0.0)
        total += (2 * prec * rec / (prec + rec) if prec + rec else 0.0) * n_gold
    return total / len(gold) if gold else 0.0


__all__ = ["NONE", "case_labels", "evaluate_case", "predict_case", "read_case"]
