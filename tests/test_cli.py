"""The command line: every command documented with an example, errors are one sentence."""

from __future__ import annotations

import json

import pytest

COMMANDS = ["ingest", "events", "show", "documents", "extract", "demo"]


@pytest.mark.parametrize("command", COMMANDS)
def test_cli_help_ends_with_an_example(cli, command):
    r = cli(command, "--help")
    assert r.returncode == 0
    assert "Example: rashomon" in r.stdout


@pytest.mark.parametrize("args, needle", [
    (["show", "e_doesnotexist"], "No database at"),
    (["events", "--since", "yesterday"], "--since expects a day, month or year"),
    (["events", "--format", "xml"], "Unknown format 'xml'"),
    (["ingest", "--pack", "atlantis", "x.txt"], "Knowledge pack 'atlantis' not found"),
])
def test_cli_errors_are_one_sentence_without_traceback(cli, tmp_path, args, needle):
    r = cli(*args, "--db", str(tmp_path / "x.db"))
    assert r.returncode != 0
    assert needle in r.stderr
    assert "Traceback" not in r.stderr + r.stdout
    assert len([ln for ln in r.stderr.splitlines() if ln.strip()]) <= 2


def test_cli_documents_json_lists_ids_urls_titles(cli, tmp_path):
    db = str(tmp_path / "d.db")
    src = tmp_path / "a.txt"
    src.write_text("Gunmen shot dead two labourers in Turbat on Monday, police said.")
    r = cli("ingest", str(src), "--db", db, "--published", "2025-05-06", "--url",
            "https://example.org/x", "--outlet", "Demo Wire")
    assert r.returncode == 0, r.stderr
    docs = json.loads(cli("documents", "--db", db, "--format", "json").stdout)
    assert docs[0]["url"] == "https://example.org/x"
    assert {"id", "url", "title", "published"} <= set(docs[0])
    assert docs[0]["published"] == "2025-05-06"
