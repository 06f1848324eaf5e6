"""Analyst decisions (merge, split) read back for the linker, so it never undoes them."""

from __future__ import annotations

from sqlalchemy import Connection, select

from rashomon.link.settings import Decisions
from rashomon.store.schema import audit_log, claims, events


def load_decisions(conn: Connection) -> Decisions:
    locked: dict[str, list[str]] = {}
    for r in conn.execute(select(events.c.id).where(events.c.locked.is_(True))):
        locked[r.id] = [c.id for c in conn.execute(select(claims.c.id).where(claims.c.event_id == r.id))]
    apart: list[tuple[str, str]] = []
    for r in conn.execute(select(audit_log.c.claim_ids, audit_log.c.event_ids)
                          .where(audit_log.c.action == "split")):
        for cid in r.claim_ids:
            for eid in r.event_ids:
                apart.append((cid, eid))
    return Decisions(locked=locked, cannot_link=apart)
