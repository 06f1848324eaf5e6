"""Document metadata the linker and estimators need, loaded in bulk."""

from __future__ import annotations

from sqlalchemy import Connection, select

from rashomon.link.keys import DocumentInfo
from rashomon.store.schema import documents


def load_docinfo(conn: Connection, ids: set[str]) -> dict[str, DocumentInfo]:
    out: dict[str, DocumentInfo] = {}
    ids = sorted(ids)
    for i in range(0, len(ids), 500):
        q = select(documents.c.id, documents.c.published, documents.c.outlet, documents.c.url
                   ).where(documents.c.id.in_(ids[i:i + 500]))
        for r in conn.execute(q):
            out[r.id] = DocumentInfo(id=r.id, published=r.published, outlet=r.outlet, url=r.url)
    return out
