"""Documentation stays complete: every CLI command is documented in docs/cli*.md."""

from __future__ import annotations

from pathlib import Path

from rashomon.cli import _register, app

DOCS = Path(__file__).resolve().parents[1] / "docs"


def test_docs_every_cli_command_is_documented():
    _register()
    names = sorted(c.name or c.callback.__name__ for c in app.registered_commands)
    names += sorted(g.name for g in app.registered_groups if g.name)
    text = "\n".join(p.read_text("utf-8") for p in sorted(DOCS.glob("cli*.md")))
    missing = [n for n in names if f"## rashomon {n}" not in text]
    assert not missing, f"undocumented commands: {missing}"


def test_docs_readme_shows_the_two_setup_commands():
    readme = (DOCS.parent / "README.md").read_text("utf-8")
    assert "make demo" in readme and "make test" in readme
