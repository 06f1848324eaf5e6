"""Documents: what a reader hands on (``DocumentCreate``), what is stored (``Document``), and
the publication metadata later stages need (``DocumentInfo``)."""

from __future__ import annotations

import hashlib
from datetime import date

from rashomon.models.base import Record


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
