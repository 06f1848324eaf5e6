"""One typed settings object for every option that is not a per-command flag.

Values come from (highest first) explicit arguments, environment variables, defaults.
"""

from __future__ import annotations

import os
from pathlib import Path

from pydantic import BaseModel, Field

DEFAULT_DB = "rashomon.db"
# Extraction reads at most this many characters of a document (the whole text is stored and
# reported as cut): the claims of one text are held in memory together, ~250 bytes per
# character of incident-dense text, so without a bound a 5 MB input could need 1.3 GB. A long
# news feature is 30-60 thousand characters; a monthly round-up of every attack, ~100 thousand.
# RASHOMON_EXTRACT_MAX_CHARS changes it (a machine with memory to spare; the tests, to cut small).


def _extract_max_chars(value: str | None) -> int:
    if value is None:
        return 300_000
    if not value.strip().isdigit() or int(value) < 1000:
        raise ValueError(f"RASHOMON_EXTRACT_MAX_CHARS must be a whole number of characters, at least 1000; "
                         f"got {value!r}")
    return int(value)


EXTRACT_MAX_CHARS = _extract_max_chars(os.environ.get("RASHOMON_EXTRACT_MAX_CHARS"))


class Settings(BaseModel):
    db: str = Field(default=DEFAULT_DB, description="SQLite path or SQLAlchemy URL (RASHOMON_DB)")
    pack: str | None = Field(default=None, description=(
        "knowledge pack: a bundled name or a folder (RASHOMON_PACK; unset: packs/default.toml)"))
    max_bytes: int = Field(default=5_000_000, description="largest input accepted, in bytes")
    token: str | None = Field(default=None, description="API write token (RASHOMON_TOKEN)")
    batch_size: int = Field(default=200, description="documents written per transaction batch")

    @classmethod
    def from_env(cls, **overrides: object) -> "Settings":
        env = {
            "db": os.environ.get("RASHOMON_DB"),
            "pack": os.environ.get("RASHOMON_PACK"),
            "token": os.environ.get("RASHOMON_TOKEN") or None,
            "max_bytes": os.environ.get("RASHOMON_MAX_BYTES"),
        }
        values = {k: v for k, v in env.items() if v is not None}
        values.update({k: v for k, v in overrides.items() if v is not None})
        return cls(**values)


def database_url(db: str) -> str:
    """Turn a path or URL into an SQLAlchemy URL (``postgres://`` is accepted as an alias)."""
    if "://" in db:
        if db.startswith("postgres://"):
            db = "postgresql://" + db[len("postgres://"):]
        if db.startswith("postgresql://"):
            db = "postgresql+psycopg://" + db[len("postgresql://"):]
        return db
    return f"sqlite:///{Path(db).expanduser()}"
