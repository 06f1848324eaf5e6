"""One registry of error codes (``rashomon.error_codes``): every code the source gives is in it
once, every code in it is given somewhere, and docs/errors.md is the registry as written."""

from __future__ import annotations

import ast
import re
from collections import Counter
from pathlib import Path

from rashomon.error_codes import BY_CODE, CODES, markdown

ROOT = Path(__file__).resolve().parents[1]
SRC = ROOT / "src" / "rashomon"
CODE = re.compile(r"E\d{3}")


def codes_in_source() -> dict[str, list[str]]:
    """code -> files whose string literals are exactly that code (comments and noqa lines are
    not string literals, so "noqa: E731" never counts)."""
    out: dict[str, list[str]] = {}
    for path in sorted(SRC.rglob("*.py")):
        if path.name == "error_codes.py":
            continue
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and CODE.fullmatch(node.value):
                out.setdefault(node.value, []).append(str(path.relative_to(SRC)))
    return out


def test_error_codes_are_unique_in_the_registry():
    assert [c for c, n in Counter(c.code for c in CODES).items() if n > 1] == []
    assert all(CODE.fullmatch(c.code) and c.meaning for c in CODES)


def test_error_codes_in_the_source_are_all_registered():
    missing = {c: files for c, files in codes_in_source().items() if c not in BY_CODE}
    assert missing == {}, "add these codes to src/rashomon/error_codes.py"


def test_error_codes_registered_are_all_used():
    used = set(codes_in_source())
    assert sorted(set(BY_CODE) - used) == []


def test_error_codes_doc_is_the_registry():
    doc = (ROOT / "docs" / "errors.md").read_text("utf-8")
    assert doc == markdown(), "run: python scripts/error_codes.py --write"


def test_error_codes_mentioned_in_other_docs_exist():
    unknown = {}
    for path in sorted((ROOT / "docs").glob("*.md")):
        for code in set(re.findall(r"\bE\d{3}\b", path.read_text("utf-8"))):
            if code not in BY_CODE:
                unknown.setdefault(path.name, []).append(code)
    assert unknown == {}
