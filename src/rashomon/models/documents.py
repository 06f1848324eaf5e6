"""Documents: what a reader hands on (``DocumentCreate``), what is stored (``Document``), and
the publication metadata later stages need (``DocumentInfo``)."""

from __future__ import annotations

import hashlib
import re
from datetime import date

from rashomon.models.base import Record
from rashomon.settings import EXTRACT_MAX_CHARS

_BREAK = re.compile(r"\n|[.!?][\"'\u201d\u2019)]?\s")


def extraction_end(text: str, limit: int | None = None) -> int:
    """Where extraction stops reading ``text``: its end, or, for a text longer than ``limit``,
    the last line break or sentence end in the second half of the first ``limit`` characters
    (so no sentence is read cut in two), else ``limit`` itself."""
    limit = EXTRACT_MAX_CHARS if limit is None else limit
    if len(text) <= limit:
        return len(text)
    ends = [m.end() for m in _BREAK.finditer(text, limit // 2, limit)]
    return ends[-1] if ends else limit


class DocumentBase(Record):
    url: str | None = None
    outlet: str | None = None
    title: str | None = None
    published: date | None = None
    language: str | None = "en"


class DocumentCreate(DocumentBase):
    """What a reader hands to the pipeline: text plus metadata, before hashing."""

    text: str
    source: str | None = None  # where it came from: a path, "path:line 3", "<stdin>"
    external_id: str | None = None  # the id field of a JSON record, kept for reference


class Document(DocumentBase):
    id: str
    text: str
    external_id: str | None = None
    source: str | None = None

    @staticmethod
    def content_id(text: str) -> str:
        """Content hash: the same text always gets the same id (idempotent ingest)."""
        return hashlib.sha256(text.strip().encode("utf-8")).hexdigest()[:16]

    @classmethod
    def from_create(cls, doc: DocumentCreate) -> "Document":
        return cls(id=cls.content_id(doc.text), **doc.model_dump())

    def info(self) -> "DocumentInfo":
        return DocumentInfo(id=self.id, published=self.published, outlet=self.outlet, url=self.url,
                            title=self.title)


class DocumentInfo(Record):
    """Publication metadata of one document, as the linker, estimator and status rules need it."""

    id: str
    published: date | None = None
    outlet: str | None = None
    url: str | None = None
    title: str | None = None  # the headline names the incident a report is about (linking)
