"""Print docs/errors.md from the error-code registry, or write it with --write.

    python scripts/error_codes.py --write
"""

from __future__ import annotations

import sys
from pathlib import Path

from rashomon.error_codes import markdown

DOC = Path(__file__).resolve().parents[1] / "docs" / "errors.md"

if __name__ == "__main__":
    if "--write" in sys.argv[1:]:
        DOC.write_text(markdown(), encoding="utf-8")
        print(f"wrote {DOC}")
    else:
        sys.stdout.write(markdown())
