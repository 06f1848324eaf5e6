"""Fault injection on the input side: hostile files, folders, JSON lines, options and kills.

Every test states one promise of docs/reliability.md ("Inputs and the CLI"): no input stops
a batch, and no document is lost over its metadata.
"""

from __future__ import annotations

import errno
import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sqlalchemy.exc import OperationalError

from rashomon.ingest.engine import store_failure
from rashomon.ingest.report import IngestReport
from rashomon.models import Document, DocumentCreate
from rashomon.read.base import Codes, ReadOptions
from rashomon.read.clean import check_document
from rashomon.read.readers import iter_inputs
from tests.conftest import run_cli

REPORT = "Rebels fired on a police post near Mastung on Tuesday, officials said."


def _read(*paths: Path | str, **options) -> list:
    return list(iter_inputs([str(p) for p in paths], ReadOptions(**options)))


def _codes(results) -> list[str | None]:
    return [r.problem.code if r.problem else None for r in results]


# --- folders and special files -------------------------------------------------------------

def test_a_symlink_loop_is_one_problem_and_the_walk_goes_on(tmp_path: Path) -> None:
    (tmp_path / "m").mkdir()
    (tmp_path / "m" / "ring").symlink_to("ring")  # points at itself: ELOOP
    (tmp_path / "m" / "here").symlink_to(".")  # a folder link back to its own folder
    (tmp_path / "z.txt").write_text(REPORT)
    results = _read(tmp_path)
    assert _codes(results) == [Codes.loop, Codes.loop, None]
    assert results[-1].document.text == REPORT


def test_a_very_deep_folder_is_reported_not_recursed(tmp_path: Path) -> None:
    here = os.getcwd()
    os.chdir(tmp_path)
    try:  # 1,500 levels, built relative to stay under the path-length limit
        os.mkdir("top")
        os.chdir("top")
        for _ in range(1500):
            os.mkdir("d")
            os.chdir("d")
        Path("deep.txt").write_text(REPORT)
    finally:
        os.chdir(here)
    (tmp_path / "top" / "shallow.txt").write_text(REPORT + " Two were hurt.")
    try:
        results = _read(tmp_path / "top")
        assert Codes.loop in _codes(results)
        assert any(r.ok and r.location.endswith("shallow.txt") for r in results)
    finally:
        _remove_deep(tmp_path / "top", 1500)


def _remove_deep(top: Path, depth: int) -> None:
    """Remove the deep tree bottom-up: shutil.rmtree (and pytest's own clean-up of old temp
    folders) recurses once per level and fails past Python's recursion limit."""
    here = os.getcwd()
    os.chdir(top)
    try:
        for _ in range(depth):
            os.chdir("d")
        os.remove("deep.txt")
        for _ in range(depth):
            os.chdir("..")
            os.rmdir("d")
    finally:
        os.chdir(here)


def test_special_files_are_reported_and_never_opened(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "pipe.txt")
    (tmp_path / "gone.txt").symlink_to(tmp_path / "missing.txt")
    server = socket.socket(socket.AF_UNIX)
    server.bind(str(tmp_path / "sock"))
    (tmp_path / "ok.txt").write_text(REPORT)
    try:
        folder = _read(tmp_path)
        named = _read(tmp_path / "pipe.txt", tmp_path / "gone.txt", "/dev/zero")
    finally:
        server.close()
    assert _codes(folder) == [Codes.special, None, Codes.special, Codes.special]
    assert _codes(named) == [Codes.special] * 3


def test_a_file_name_that_is_not_utf8_is_carried_as_escaped_text(tmp_path: Path) -> None:
    raw = os.fsencode(str(tmp_path)) + b"/caf\xe9.txt"
    with open(raw, "w") as stream:
        stream.write(REPORT)
    (result,) = _read(tmp_path)
    assert result.ok and result.location.endswith("caf\\xe9.txt")
    result.location.encode("utf-8")  # storable and printable
    IngestReport(items=[]).to_json()


# --- JSON lines -----------------------------------------------------------------------------

def test_lone_surrogates_are_repaired_in_text_and_dropped_from_metadata(tmp_path: Path) -> None:
    path = tmp_path / "s.jsonl"
    path.write_text('{"text": "Two guards were shot \\udc80 in Hub.", "title": "a\\ud800", '
                    '"url": "http://x/\\udfff", "outlet": "\\ud834"}\n' + f'{{"text": "{REPORT}"}}\n')
    first, second = _read(path)
    assert first.ok and second.ok
    assert first.document.text == "Two guards were shot \ufffd in Hub."
    assert (first.document.title, first.document.url, first.document.outlet) == (None, None, None)
    assert len(first.warnings) == 4


def test_a_huge_integer_fails_nothing_but_its_own_field(tmp_path: Path) -> None:
    path = tmp_path / "n.jsonl"
    lines = [f'{{"text": "{REPORT} Case {k}.", "id": {k}}}' for k in range(4)]
    lines[1] = f'{{"text": "{REPORT} Case 1.", "id": {"7" * 6000}}}'
    lines[2] = f'{{"text": {"8" * 6000}}}'
    path.write_text("\n".join(lines) + "\n")
    results = _read(path)
    assert _codes(results) == [None, None, Codes.no_text, None]
    assert results[1].document.external_id is None and results[3].document.external_id == "3"


def test_a_nul_byte_fails_only_its_own_line(tmp_path: Path) -> None:
    path = tmp_path / "z.jsonl"
    path.write_bytes(f'{{"text": "{REPORT}"}}\n{{"text": "a\x00b"}}\n{{"text": "{REPORT}!"}}\n'
                     .encode())
    assert _codes(_read(path)) == [None, Codes.binary, None]


@pytest.mark.parametrize("published", ["9999-12-31", "0001-01-01"])
def test_a_date_out_of_range_keeps_the_document_without_it(tmp_path: Path, published: str) -> None:
    path = tmp_path / "d.jsonl"
    path.write_text(f'{{"text": "Last week gunmen burned a school in Awaran.", '
                    f'"published": "{published}"}}\n')
    (result,) = _read(path)
    assert result.ok and result.document.published is None
    assert "published" in result.warnings[0]


@pytest.mark.parametrize("text", ["   \n\t ", "\u200b\u200c\u200d\u2060", "\u0f0b\u2603\ua4d0\u1200"
                                  "\uac00\u0531\u10d0\u0710"])
def test_text_without_readable_words_is_rejected_with_a_reason(text: str) -> None:
    checked = check_document(DocumentCreate(text=text, source="x"))
    assert checked.document is None and checked.problem.code in (Codes.empty, Codes.gibberish)
    assert checked.problem.message.startswith("no text to store")


def test_the_api_path_gets_the_same_per_field_decision() -> None:
    doc = DocumentCreate(text="Police found \x00 two bodies in Dera Bugti.", title="t\x00",
                         published=date(9999, 12, 31))
    checked = check_document(doc)
    assert "\x00" not in checked.document.text and checked.document.title is None
    assert checked.document.published is None
    Document.from_create(checked.document)


@settings(max_examples=60, deadline=None)
@given(data=st.binary(max_size=600),
       suffix=st.sampled_from([".txt", ".jsonl", ".json", ".html", ""]))
def test_hostile_bytes_through_every_reader_give_a_result_per_input(data: bytes, suffix: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"in{suffix}"
        path.write_bytes(data)
        results = _read(path, max_bytes=500)
    assert results
    for result in results:
        if result.ok:
            assert result.document.text.strip()
            result.document.text.encode("utf-8")  # storable on every backend
            assert "\x00" not in result.document.text


@settings(max_examples=60, deadline=None)
@given(fields=st.dictionaries(st.sampled_from(["text", "title", "url", "outlet", "id",
                                               "published"]),
                              st.one_of(st.text(max_size=40), st.integers(), st.none())))
def test_hostile_json_records_never_stop_the_file(fields: dict) -> None:
    import json

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "r.jsonl"
        path.write_text(json.dumps(fields) + "\n" + json.dumps({"text": REPORT}) + "\n")
        results = _read(path)
    assert len(results) == 2 and results[-1].ok


# --- the CLI and the store ------------------------------------------------------------------

@pytest.mark.parametrize("args", [["--batch-size", "0"], ["--max-bytes", "0"],
                                  ["--max-bytes", "1e30"], ["--no-such-option"], []])
def test_usage_errors_are_one_sentence_with_a_code_and_exit_2(tmp_path: Path, args) -> None:
    paths = [] if not args else [str(tmp_path / "x.txt")]
    done = run_cli("ingest", *paths, "--db", str(tmp_path / "u.db"), *args)
    assert done.returncode == 2, done.stderr
    line = done.stderr.strip()
    assert line.startswith("Error E141:") and line.endswith(".") and "\n" not in line
    assert "E999" not in line and "http" not in line


def test_a_full_disk_is_named_in_the_error() -> None:
    doc = Document.from_create(DocumentCreate(text=REPORT, source="a.txt"))
    full = OperationalError("INSERT", {}, Exception("database or disk is full"))
    assert store_failure(full, doc).code == "E291"
    assert "disk is full" in store_failure(full, doc).message
    os_full = OperationalError("INSERT", {}, OSError(errno.ENOSPC, "No space left on device"))
    assert store_failure(os_full, doc).code == "E291"


def test_an_unreachable_server_is_one_line_with_its_own_hint() -> None:
    # libpq writes a "connection ... failed" line and its own question per address tried
    from rashomon.store.engine import one_line

    raw = ('connection to server at "localhost" (::1), port 1 failed: Connection refused\n'
           '\tIs the server running on that host and accepting TCP/IP connections?\n'
           'connection to server at "localhost" (127.0.0.1), port 1 failed: Connection refused\n'
           '\tIs the server running on that host and accepting TCP/IP connections?\n')
    assert one_line(raw) == ('connection to server at "localhost" (::1), port 1 failed: Connection refused; '
                             'connection to server at "localhost" (127.0.0.1), port 1 failed: Connection refused')
    done = run_cli("events", "--db", "postgresql://postgres@127.0.0.1:1/none")
    line = done.stderr.strip()
    assert done.returncode == 2 and line.startswith("Error E303:") and "\n" not in line
    assert "?." not in line and "PostgreSQL server is running" in line


def _children(pgid: int) -> list[str]:
    done = subprocess.run(["ps", "-o", "pid=,cmd=", "-g", str(pgid)], capture_output=True,
                          text=True)
    return [line for line in done.stdout.splitlines() if line.strip()]


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="PR_SET_PDEATHSIG is Linux")
def test_kill_9_of_a_workers_driver_leaves_no_process_behind(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    for k in range(200):
        (folder / f"r{k:03}.txt").write_text(f"{REPORT} {k} were wounded in Kalat.")
    exe = Path(sys.executable).parent / "rashomon"
    driver = subprocess.Popen([str(exe), "ingest", str(folder), "--db", str(tmp_path / "k.db"),
                               "--workers", "2"], stdout=subprocess.DEVNULL,
                              stderr=subprocess.DEVNULL, start_new_session=True)
    deadline = time.monotonic() + 15
    while time.monotonic() < deadline and len(_children(driver.pid)) < 3:
        time.sleep(0.2)  # wait for the fork server and a worker
    assert len(_children(driver.pid)) >= 3, "the workers never started"
    os.kill(driver.pid, signal.SIGKILL)
    driver.wait()
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline and _children(driver.pid):
        time.sleep(0.2)
    left = _children(driver.pid)
    for line in left:  # clean up before failing
        os.kill(int(line.split()[0]), signal.SIGKILL)
    assert not left, f"still alive after the driver died: {left}"
