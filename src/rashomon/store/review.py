"""SQL of the analyst review: append review changes, read them back per event (following the
ids relinking replaced), the merge/split audit rows of an event, and the users table.

Nothing here decides anything: ``rashomon.review`` folds the changes into an event's review.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable
from datetime import datetime

from sqlalchemy import Connection, insert, select, update

from rashomon.models import ReviewChange, now_utc
from rashomon.store.schema import audit_log, event_aliases, review_log, users

_CHUNK = 500


def _chunks(items: list) -> Iterable[list]:
    for i in range(0, len(items), _CHUNK):
        yield items[i:i + _CHUNK]


def append_changes(conn: Connection, changes: Iterable[ReviewChange]) -> None:
    stamp = now_utc()
    rows = [{"event_id": c.event_id, "claim_id": c.claim_id, "field": c.field, "old": c.old,
             "new": c.new, "claim_ids": list(c.claim_ids), "who": c.who, "why": c.why,
             "at": c.at or stamp} for c in changes]
    if rows:
        conn.execute(insert(review_log), rows)


def former_ids(conn: Connection, event_ids: Collection[str]) -> dict[str, set[str]]:
    """Event id -> itself and every id that relinking or a merge replaced by it."""
    out = {e: {e} for e in event_ids}
    for part in _chunks(sorted(out)):
        q = select(event_aliases.c.old_id, event_aliases.c.new_id).where(event_aliases.c.new_id.in_(part))
        for r in conn.execute(q):
            out[r.new_id].add(r.old_id)
    return out


def changes_for(conn: Connection, event_ids: Collection[str]) -> dict[str, list[ReviewChange]]:
    """Event id -> its review changes (its own and those of the ids it replaced), oldest first."""
    ids = former_ids(conn, event_ids)
    owner = {old: e for e, olds in ids.items() for old in olds}
    out: dict[str, list[ReviewChange]] = {e: [] for e in event_ids}
    for part in _chunks(sorted(owner)):
        q = select(review_log).where(review_log.c.event_id.in_(part)).order_by(review_log.c.id)
        for r in conn.execute(q):
            out[owner[r.event_id]].append(ReviewChange(**dict(r._mapping)))
    for found in out.values():
        found.sort(key=lambda c: c.id or 0)
    return out


def reviewed_event_ids(conn: Connection) -> set[str]:
    """Ids (current or replaced) that carry any review change."""
    return {r[0] for r in conn.execute(select(review_log.c.event_id).distinct())}


def audit_rows(conn: Connection, ids: Collection[str]) -> list[dict]:
    """The merge/split audit rows naming any of these event ids (the table is small: one row
    per analyst decision, so it is filtered here rather than through JSON operators, which
    SQLite and PostgreSQL spell differently)."""
    wanted = set(ids)
    out = []
    for r in conn.execute(select(audit_log).order_by(audit_log.c.id)):
        if wanted & (set(r.event_ids) | set(r.result_event_ids)):
            out.append(dict(r._mapping))
    return out


# ---------------------------------------------------------------------- users

def insert_user(conn: Connection, name: str, role: str, token_id: str, salt: str, token_hash: str) -> None:
    conn.execute(insert(users).values(name=name, role=role, token_id=token_id, salt=salt,
                                      token_hash=token_hash, created_at=now_utc()))


def user_rows(conn: Connection) -> list[dict]:
    return [dict(r._mapping) for r in conn.execute(select(users).order_by(users.c.name))]


def user_by_token_id(conn: Connection, token_id: str) -> dict | None:
    r = conn.execute(select(users).where(users.c.token_id == token_id)).first()
    return dict(r._mapping) if r else None


def user_by_name(conn: Connection, name: str) -> dict | None:
    r = conn.execute(select(users).where(users.c.name == name)).first()
    return dict(r._mapping) if r else None


def revoke_user(conn: Connection, name: str, at: datetime | None = None) -> bool:
    done = conn.execute(update(users).where(users.c.name == name, users.c.revoked_at.is_(None))
                        .values(revoked_at=at or now_utc()))
    return done.rowcount > 0


def has_users(conn: Connection) -> bool:
    return conn.execute(select(users.c.name).where(users.c.revoked_at.is_(None)).limit(1)).first() is not None
