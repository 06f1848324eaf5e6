"""Shared types of the document readers: options, results and the stable problem codes.

A reader turns bytes into :class:`~rashomon.models.DocumentCreate` records or, when the data
is bad, into :class:`~rashomon.errors.Problem` records. Format modules (``text``, ``html``,
``jsonl``) signal a bad input by raising :class:`~rashomon.errors.InputError` through
:func:`fail`; the dispatcher (``readers.iter_inputs``) turns it into a ``Problem`` so that a
batch never stops on bad data.
"""

from __future__ import annotations

from datetime import date
from typing import NoReturn

from pydantic import BaseModel, ConfigDict, Field, model_validator

from rashomon.errors import InputError, Problem
from rashomon.models import DocumentCreate

DEFAULT_MAX_BYTES = 5_000_000  # 5 MB, decimal like the size in messages


class Codes:
    """Stable problem codes (documented in ``docs/ingest.md``)."""

    not_found = "E201"
    unreadable = "E202"
    empty = "E203"
    too_large = "E204"
    binary = "E205"
    unsupported = "E206"
    invalid_json = "E207"
    no_text = "E208"
    html_no_text = "E209"
    special = "E231"  # not a regular file: FIFO, socket, device, dangling link
    loop = "E232"  # a folder link loop, or folders nested too deep
    gibberish = "E233"  # no readable words: random bytes, invisible characters only


class ReadOptions(BaseModel):
    """Metadata for plain-text inputs named on the command line (or stdin), and limits."""

    model_config = ConfigDict(extra="forbid")

    published: date | None = None
    url: str | None = None
    outlet: str | None = None
    title: str | None = None
    language: str | None = None
    # ``published`` for every input that has no date of its own (files in folders, HTML pages
    # and JSON records without one), not only for the one text named on the command line.
    published_all: bool = False
    max_bytes: int = Field(default=DEFAULT_MAX_BYTES, gt=0, le=2**62)


class ReadResult(BaseModel):
    """One input outcome: exactly one of ``document`` or ``problem`` is set."""

    model_config = ConfigDict(extra="forbid")

    location: str
    document: DocumentCreate | None = None
    problem: Problem | None = None
    warnings: list[str] = Field(default_factory=list)  # fields repaired or dropped

    @model_validator(mode="after")
    def _exactly_one(self) -> "ReadResult":
        if (self.document is None) == (self.problem is None):
            raise ValueError("a ReadResult holds either a document or a problem")
        return self

    @property
    def ok(self) -> bool:
        return self.document is not None

    @classmethod
    def of(cls, item: DocumentCreate | Problem) -> "ReadResult":
        """Wrap a reader's output; the location comes from the record itself."""
        if isinstance(item, Problem):
            return cls(location=item.location, problem=item)
        return cls(location=item.source or "", document=item)


def fail(code: str, message: str) -> NoReturn:
    """Abort reading the current input with a data problem (caught by the dispatcher)."""
    raise InputError(message, code=code)


def problem(code: str, message: str, location: str) -> Problem:
    return Problem(code=code, message=message, location=location)


def human_size(n: int) -> str:
    """``512 bytes``, ``3.4 KB``, ``7.2 MB`` (decimal units): sizes as people read them."""
    if n < 10_000:
        return f"{n} byte" + ("" if n == 1 else "s")
    if n < 1_000_000:
        return f"{n / 1000:.1f} KB"
    return f"{n / 1_000_000:.1f} MB"
