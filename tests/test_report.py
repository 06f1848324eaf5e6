"""Tests of the ingest report (rashomon.ingest.report)."""

from __future__ import annotations

import json

import pytest
from pydantic import ValidationError
from rich.console import Console

from rashomon.errors import Problem
from rashomon.ingest.report import IngestItem, IngestReport

BAD_LINE = Problem(code="E207", message="invalid JSON on line 3: Expecting ',' delimiter.",
                   location="data/bad.jsonl:line 3")


def _report(new: int, duplicate: int, failed: int) -> IngestReport:
    items = [IngestItem(location=f"data/n{i}.txt", status="new", document_id=f"d{i}", title=f"T{i}",
                        claims=2, events=1) for i in range(new)]
    items += [IngestItem(location=f"data/d{i}.txt", status="duplicate", document_id=f"x{i}")
              for i in range(duplicate)]
    items += [IngestItem.failed(BAD_LINE) for _ in range(failed)]
    return IngestReport(items=items)


def _rendered(report: IngestReport, verbose: bool = False) -> str:
    console = Console(record=True, width=200, color_system=None)
    report.render(console, verbose=verbose)
    return console.export_text()


@pytest.mark.parametrize(
    ("new", "duplicate", "failed", "summary", "exit_code"),
    [
        (10, 1, 1, "12 inputs: 10 new, 1 duplicate, 1 failed", 1),
        (1, 0, 0, "1 input: 1 new, 0 duplicate, 0 failed", 0),
        (0, 3, 0, "3 inputs: 0 new, 3 duplicate, 0 failed", 0),
        (0, 0, 2, "2 inputs: 0 new, 0 duplicate, 2 failed", 1),
        (0, 0, 0, "0 inputs: 0 new, 0 duplicate, 0 failed", 0),
    ],
)
def test_report_counts_summary_and_exit_code(new: int, duplicate: int, failed: int, summary: str,
                                             exit_code: int) -> None:
    report = _report(new, duplicate, failed)
    assert report.counts == {"new": new, "duplicate": duplicate, "failed": failed}
    assert report.summary() == summary
    assert report.exit_code == exit_code
    assert report.ok is (exit_code == 0)


def test_report_failed_item_from_problem() -> None:
    item = IngestItem.failed(BAD_LINE)
    assert (item.location, item.status, item.code, item.reason, item.document_id) == (
        "data/bad.jsonl:line 3", "failed", "E207", BAD_LINE.message, None)


def test_report_render_prints_summary_then_one_line_per_failure() -> None:
    lines = _rendered(_report(10, 1, 1)).splitlines()
    assert lines == ["12 inputs: 10 new, 1 duplicate, 1 failed",
                     "data/bad.jsonl:line 3: E207: invalid JSON on line 3: Expecting ',' delimiter."]


def test_report_render_verbose_lists_every_item() -> None:
    text = _rendered(_report(2, 1, 1), verbose=True)
    for expected in ("data/n0.txt", "data/n1.txt", "data/d0.txt", "E207", "duplicate", "T1"):
        assert expected in text


def test_report_render_keeps_markup_like_paths_literal() -> None:
    report = IngestReport(items=[IngestItem(location="data/[red]x[/red].txt", status="failed",
                                            code="E203", reason="empty input: [bold]none[/bold].")])
    assert "data/[red]x[/red].txt: E203: empty input: [bold]none[/bold]." in _rendered(report)


def test_report_to_json_has_items_counts_and_exit_code() -> None:
    report = _report(1, 0, 1)
    data = json.loads(report.to_json())
    assert data["counts"] == {"new": 1, "duplicate": 0, "failed": 1}
    assert (data["ok"], data["exit_code"]) == (False, 1)
    assert [item["status"] for item in data["items"]] == ["new", "failed"]
    assert data["items"][1]["reason"] == BAD_LINE.message
    assert IngestReport.model_validate_json(report.to_json()) == report


def test_report_add_keeps_input_order() -> None:
    report = IngestReport()
    for status in ("failed", "new", "duplicate"):
        report.add(IngestItem(location=status, status=status))
    assert [item.location for item in report.items] == ["failed", "new", "duplicate"]
    assert [item.location for item in report.failures] == ["failed"]


@pytest.mark.parametrize("bad", [{"status": "stored"}, {"claims": -1}, {"extra": 1}])
def test_report_item_rejects_bad_values(bad: dict) -> None:
    with pytest.raises(ValidationError):
        IngestItem(**{"location": "a.txt", "status": "new", **bad})
