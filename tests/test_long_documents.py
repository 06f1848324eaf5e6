"""A very long text is stored whole but read for events only up to a bound.

Why: the claims of one text are held in memory together (about 250 bytes per character of
incident-dense text), so a 5 MB upload could otherwise take more than a gigabyte in one worker.
docs/reliability.md ("Inputs and the CLI") promises the cut is reported, falls on a sentence end
and leaves every span pointing into the stored text.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from rashomon.models import DocumentCreate, extraction_end
from rashomon.read.clean import check_document
from rashomon.settings import _extract_max_chars
from tests.conftest import run_cli

# Each line is its own incident (own day, district and toll), written for this test.
DISTRICTS = ["Kech", "Panjgur", "Gwadar", "Khuzdar", "Mastung", "Kalat", "Noshki", "Turbat"]


def _incidents(n: int) -> str:
    return "\n".join(
        f"On {1 + k % 28} March 2025, gunmen attacked a levies post in {DISTRICTS[k % len(DISTRICTS)]}, "
        f"killing {2 + k % 9} guards, officials said." for k in range(n))


def test_a_text_under_the_bound_is_read_whole() -> None:
    text = _incidents(3)
    assert extraction_end(text, limit=10_000) == len(text)


def test_the_cut_falls_on_a_sentence_end_before_the_bound() -> None:
    text = _incidents(200)
    end = extraction_end(text, limit=5_000)
    assert 2_500 <= end <= 5_000
    assert text[:end].rstrip().endswith("said.")
    assert text[end - 1] in "\n "


def test_a_text_with_no_sentence_end_is_cut_at_the_bound() -> None:
    assert extraction_end("x" * 20_000, limit=5_000) == 5_000


def test_the_reader_warns_and_keeps_the_whole_text(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("rashomon.models.documents.EXTRACT_MAX_CHARS", 5_000)
    text = _incidents(200)
    checked = check_document(DocumentCreate(text=text))
    assert checked.document is not None and checked.document.text == text
    assert any("events are read from the first" in w for w in checked.warnings)


@pytest.mark.parametrize("value", ["12", "lots", "-5000", ""])
def test_a_bad_bound_in_the_environment_is_a_clear_error(value: str) -> None:
    with pytest.raises(ValueError, match="RASHOMON_EXTRACT_MAX_CHARS"):
        _extract_max_chars(value)


def test_ingest_stores_the_whole_text_reads_the_prefix_and_says_so(tmp_path: Path) -> None:
    text = _incidents(60)
    (tmp_path / "long.txt").write_text(text)
    db = str(tmp_path / "t.db")
    env = {"RASHOMON_EXTRACT_MAX_CHARS": "2000"}
    r = run_cli("ingest", str(tmp_path / "long.txt"), "--db", db, "--published", "2025-03-30", "--json",
                env=env)
    assert r.returncode == 0, r.stderr
    (item,) = json.loads(r.stdout)["items"]
    assert item["status"] == "new"
    assert any("events are read from the first" in w for w in item["warnings"])
    end = extraction_end(text, limit=2000)
    docs = json.loads(run_cli("documents", "--db", db, "--format", "json").stdout)
    assert len(docs) == 1
    events = json.loads(run_cli("events", "--db", db, "--format", "json").stdout)
    assert events, "the prefix's incidents are events"
    spans = [c for e in events for c in e["claims"]]
    assert spans and all(c["span"][1] <= end for c in spans)
    assert all(text[c["span"][0]:c["span"][1]] == c["quote"] for c in spans)


def test_extract_output_carries_the_warning(tmp_path: Path) -> None:
    (tmp_path / "long.txt").write_text(_incidents(60))
    r = run_cli("extract", str(tmp_path / "long.txt"), "--format", "jsonl",
                env={"RASHOMON_EXTRACT_MAX_CHARS": "2000"})
    assert r.returncode == 0, r.stderr
    rec = json.loads(r.stdout.splitlines()[0])
    assert any("events are read from the first" in w for w in rec["warnings"])
