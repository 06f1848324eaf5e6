"""Typed evaluation reports: named metrics plus per-label rows, rendered as a Rich table or JSON.

Contract: an evaluator returns an :class:`EvalReport`; ``to_table()`` gives a ``rich.table.Table``
for the terminal, ``to_json()`` a stable JSON string for CI artefacts.
"""

from __future__ import annotations

from pydantic import Field
from rich.table import Table

from rashomon.models import Record


class LabelScore(Record):
    """Precision/recall/F1 of one label; ``support`` = gold count, ``predicted`` = predicted count."""

    label: str
    precision: float = 0.0
    recall: float = 0.0
    f1: float = 0.0
    support: int = 0
    predicted: int = 0


class EvalReport(Record):
    name: str
    dataset: str = ""
    metrics: dict[str, float] = Field(default_factory=dict)
    rows: list[LabelScore] = Field(default_factory=list)
    notes: list[str] = Field(default_factory=list)

    def to_json(self) -> str:
        return self.model_dump_json(indent=2)

    def to_table(self) -> Table:
        """Per-label rows (if any) followed by the summary metrics."""
        table = Table(title=f"{self.name} ({self.dataset})" if self.dataset else self.name)
        for column in ("label", "P", "R", "F1", "support", "predicted"):
            table.add_column(column, justify="left" if column == "label" else "right")
        for r in self.rows:
            table.add_row(r.label, f"{r.precision:.3f}", f"{r.recall:.3f}", f"{r.f1:.3f}",
                          str(r.support), str(r.predicted))
        if self.rows:
            table.add_section()
        for key, value in self.metrics.items():
            shown = f"{value:.3f}" if isinstance(value, float) and not value.is_integer() else f"{value:g}"
            table.add_row(f"[bold]{key}[/bold]", "", "", shown, "", "")
        return table


def label_scores(gold: list[str], predicted: list[str], labels: list[str]) -> list[LabelScore]:
    """Per-label P/R/F1 (sklearn semantics: 0 when undefined) over the given ``labels``."""
    rows = []
    for label in labels:
        tp = sum(1 for g, p in zip(gold, predicted) if g == label and p == label)
        n_pred = sum(1 for p in predicted if p == label)
        n_gold = sum(1 for g in gold if g == label)
        precision = tp / n_pred if n_pred else 0.0
        recall = tp / n_gold if n_gold else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        rows.append(LabelScore(label=label, precision=round(precision, 4), recall=round(recall, 4),
                               f1=round(f1, 4), support=n_gold, predicted=n_pred))
    return rows


def weighted_f1(rows: list[LabelScore]) -> float:
    total = sum(r.support for r in rows)
    return sum(r.f1 * r.support for r in rows) / total if total else 0.0


def macro_f1(rows: list[LabelScore]) -> float:
    return sum(r.f1 for r in rows) / len(rows) if rows else 0.0


__all__ = ["EvalReport", "LabelScore", "label_scores", "macro_f1", "weighted_f1"]
