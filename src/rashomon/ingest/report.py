"""The ingest report: one item per input outcome, counts, exit code, JSON and console output.

The report never shows a traceback: a failure is its location, stable code and one-sentence
reason, e.g. ``data/bad.jsonl:line 3: invalid JSON on line 3: Expecting ',' delimiter.``
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, computed_field
from rich.console import Console
from rich.table import Table
from rich.text import Text

from rashomon.errors import Problem

Status = Literal["new", "duplicate", "failed"]
STATUSES: tuple[Status, ...] = ("new", "duplicate", "failed")


class IngestItem(BaseModel):
    """What happened to one input (a file, a JSON record, stdin)."""

    model_config = ConfigDict(extra="forbid")

    location: str
    status: Status
    document_id: str | None = None
    title: str | None = None
    code: str | None = None
    reason: str | None = None
    claims: int = Field(default=0, ge=0)
    events: int = Field(default=0, ge=0)
    warnings: list[str] = Field(default_factory=list)  # metadata repaired or dropped on reading

    @classmethod
    def failed(cls, problem: Problem) -> "IngestItem":
        """A failed item from a reader's (or a later stage's) ``Problem``."""
        return cls(location=problem.location, status="failed", code=problem.code,
                   reason=problem.message)


class IngestReport(BaseModel):
    """All items of one ``rashomon ingest`` run, in input order."""

    # "ignore": the computed counts/ok/exit_code in to_json() must not block a re-load.
    model_config = ConfigDict(extra="ignore")

    items: list[IngestItem] = Field(default_factory=list)

    def add(self, item: IngestItem) -> IngestItem:
        self.items.append(item)
        return item

    @computed_field  # type: ignore[prop-decorator]
    @property
    def counts(self) -> dict[str, int]:
        """Items per status; every status is present, zero included."""
        counts = dict.fromkeys(STATUSES, 0)
        for item in self.items:
            counts[item.status] += 1
        return counts

    @computed_field  # type: ignore[prop-decorator]
    @property
    def ok(self) -> bool:
        return not any(item.status == "failed" for item in self.items)

    @computed_field  # type: ignore[prop-decorator]
    @property
    def exit_code(self) -> int:
        """0 when every input was stored (new or duplicate), 1 when any failed."""
        return 0 if self.ok else 1

    @property
    def failures(self) -> list[IngestItem]:
        return [item for item in self.items if item.status == "failed"]

    def summary(self) -> str:
        """``12 inputs: 10 new, 1 duplicate, 1 failed``."""
        total = len(self.items)
        parts = ", ".join(f"{count} {status}" for status, count in self.counts.items())
        return f"{total} input{'' if total == 1 else 's'}: {parts}"

    def to_json(self, indent: int | None = 2) -> str:
        return self.model_dump_json(indent=indent)

    def render(self, console: Console, verbose: bool = False) -> None:
        """Summary line, then one line per failure; with ``verbose``, a table of all items."""
        console.print(Text(self.summary(), style="bold" if self.ok else "bold red"))
        for item in self.items:
            if item.status == "failed":
                console.print(Text(f"{item.location}: {item.code}: {item.reason}", style="red"))
            for warning in item.warnings:
                console.print(Text(f"{item.location}: warning: {warning}", style="yellow"))
        if verbose and self.items:
            console.print(_table(self.items))


def _table(items: list[IngestItem]) -> Table:
    table = Table(show_lines=False)
    for column in ("location", "status", "document", "title", "claims", "events", "reason"):
        table.add_column(column, overflow="fold")
    for item in items:
        table.add_row(
            Text(item.location), Text(item.status), Text(item.document_id or ""),
            Text(item.title or ""), str(item.claims), str(item.events),
            Text(f"{item.code}: {item.reason}" if item.code else (item.reason or "")),
        )
    return table
