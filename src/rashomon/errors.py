"""Exceptions and data-problem records.

Exception tree::

    RashomonError            (code, message, hint; never shown as a traceback)
     +-- ConfigError         bad option, missing pack, bad database URL
     +-- InputError          a document could not be read (carries ``location``)
     +-- StoreError          the database refused an operation
     +-- NotFoundError       an event, claim or document id that does not exist

Problems found in *data* are not raised out of a batch: they become :class:`Problem` records,
collected into the ingest report, and the batch goes on.
"""

from __future__ import annotations

from pydantic import BaseModel


class RashomonError(Exception):
    """Base error: a stable ``code``, one-sentence ``message`` and an optional ``hint``."""

    code = "E000"
    status = 400

    def __init__(self, message: str, *, code: str | None = None, hint: str | None = None,
                 location: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.code = code or self.code
        self.hint = hint
        self.location = location

    def to_dict(self) -> dict:
        return {"error": {"code": self.code, "message": self.message, "hint": self.hint,
                          "location": self.location}}

    def __str__(self) -> str:
        text = f"{self.message}"
        if self.location:
            text = f"{self.location}: {text}"
        if self.hint:
            text += f" {self.hint}"
        return text


class ConfigError(RashomonError):
    code = "E100"


class InputError(RashomonError):
    code = "E200"


class StoreError(RashomonError):
    code = "E300"
    status = 500


class NotFoundError(RashomonError):
    code = "E404"
    status = 404


class Problem(BaseModel):
    """A data problem: what went wrong, where, with a stable code. Collected, not raised."""

    code: str
    message: str
    location: str

    def __str__(self) -> str:
        return f"{self.location}: {self.message}"
