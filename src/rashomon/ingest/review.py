"""The analyst's review actions, one library function each: set the review (status, assignee,
notes), correct event fields, mark a claim, read an event's history.

Every action appends change records (who, when, field, old, new, why) and re-saves the event in
the same transaction: the event is rebuilt from its claims, assessed, and the whole review laid
over it again (``rashomon.review.apply``), exactly what linking does after new reports arrive.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from rashomon.assess import assess_events
from rashomon.errors import ConfigError, NotFoundError
from rashomon.ingest.decide import _who
from rashomon.ingest.engine import Engine
from rashomon.link import build_event
from rashomon.models import (
    CLAIM_MARKS,
    EVENT_FIELDS,
    FIGURE_PARTS,
    REVIEW_STATUSES,
    Event,
    EventReview,
    HistoryEntry,
    ReviewChange,
)
from rashomon.review import fold, review_events
from rashomon.review.apply import current

FIGURE = re.compile(r"([a-z][a-z_]{0,40})\.(low|best|high)")
ROLES_OF_ACTORS = ("perpetrator", "target", "responder", "other")
# the longest name each corrected text field takes (the store's column widths)
NAME_LIMITS = {"event_type": 64, "sub_event_type": 64, "location": 200, "admin1": 128, "admin2": 128,
               "actor": 128}


def set_review(engine: Engine, event_id: str, *, status: str | None = None,
               assignee: str | None = None, notes: str | None = None, who: str | None = None,
               why: str | None = None) -> Event:
    """Set an event's review status, assignee and/or notes (``None`` leaves one as it is)."""
    if status is not None and status not in REVIEW_STATUSES:
        raise ConfigError(f"Unknown review status '{status}'.", code="E600",
                          hint=f"Use one of: {', '.join(REVIEW_STATUSES)}.")
    if status is None and assignee is None and notes is None:
        raise ConfigError("Nothing to change: give a status, an assignee or notes.", code="E609")
    with engine.store.session() as s:
        ev = _load(engine, s, event_id)
        r = fold(s.review_changes([ev.id])[ev.id]) or EventReview()
        changes = []
        if status is not None:
            changes.append(ReviewChange(event_id=ev.id, field="status", old=r.status, new=status,
                                        who=_who(who), why=why, claim_ids=sorted(c.id for c in ev.claims)))
        for name, value in (("assignee", assignee), ("notes", notes)):
            if value is not None:
                changes.append(ReviewChange(event_id=ev.id, field=name, old=getattr(r, name),
                                            new=value or None, who=_who(who), why=why))
        return _commit(engine, s, ev, changes)


def correct(engine: Engine, event_id: str, values: dict[str, Any], *, who: str | None = None,
            why: str | None = None) -> Event:
    """Correct event fields: ``{"killed.best": 12, "admin2": "Kech", "date_start": "2025-03-11"}``.
    A value ``None`` takes that correction back (the computed value shows again)."""
    if not values:
        raise ConfigError("Nothing to correct: give at least one field.", code="E609")
    checked = {name: validate(name, value) for name, value in values.items()}
    with engine.store.session() as s:
        ev = _load(engine, s, event_id)
        changes = [ReviewChange(event_id=ev.id, field=name, old=current(ev, name), new=value,
                                who=_who(who), why=why) for name, value in sorted(checked.items())]
        return _commit(engine, s, ev, changes)


def mark_claim(engine: Engine, claim_id: str, mark: str | None, *, who: str | None = None,
               why: str | None = None) -> Event:
    """Mark a claim verified, false or superseded (``None`` clears the mark). A claim marked
    false or superseded stays on its event but leaves the estimates."""
    if mark is not None and mark not in CLAIM_MARKS:
        raise ConfigError(f"Unknown claim mark '{mark}'.", code="E603",
                          hint=f"Use one of: {', '.join(CLAIM_MARKS)}.")
    event_id = engine.store.claim_event_ids([claim_id]).get(claim_id)
    if event_id is None:
        raise NotFoundError(f"No claim {claim_id} in any event.", code="E604",
                            hint="See an event's claims with 'rashomon show EVENT_ID --format json'.")
    with engine.store.session() as s:
        ev = _load(engine, s, event_id)
        r = fold(s.review_changes([ev.id])[ev.id])
        old = r.claim_marks.get(claim_id) if r else None
        change = ReviewChange(event_id=ev.id, claim_id=claim_id, field="mark", old=old, new=mark,
                              who=_who(who), why=why)
        return _commit(engine, s, ev, [change])


def history(store, event_id: str) -> list[HistoryEntry]:
    """An event's history, oldest first: its review changes and the merges and splits that made
    it (including those of the ids it replaced)."""
    event_id = store.resolve(event_id)
    store.event(event_id)  # raises E404 for an unknown id
    out = [HistoryEntry(at=c.at, who=c.who, action=_action(c.field), field=c.field,
                        claim_id=c.claim_id, old=c.old, new=c.new, why=c.why, event_ids=[c.event_id])
           for c in store.review_changes(event_id)]
    out += [HistoryEntry(at=r["at"], who=r["who"], action=r["action"], why=r["why"],
                         event_ids=list(dict.fromkeys([*r["event_ids"], *r["result_event_ids"]])))
            for r in store.audit_rows(event_id)]
    return sorted(out, key=lambda h: (h.at is None, h.at))


def _action(name: str) -> str:
    return name if name in ("status", "assignee", "notes", "mark") else "correct"


def validate(name: str, value: Any) -> Any:
    """The stored (JSON) form of a corrected value, or E601/E602 naming the problem."""
    if value is None:
        return None
    try:
        if name in ("date_start", "date_end"):
            return date.fromisoformat(str(value)).isoformat()
        if name in ("event_type", "sub_event_type", "location", "admin1", "admin2"):
            text = str(value).strip()
            if not text or len(text) > NAME_LIMITS[name]:
                raise ValueError(f"a name of 1-{NAME_LIMITS[name]} characters")
            return text
        if name in ("latitude", "longitude"):
            limit = 90 if name == "latitude" else 180
            number = float(value)
            if not -limit <= number <= limit:
                raise ValueError(f"a number between -{limit} and {limit}")
            return number
        if name == "actors":
            return [_actor(a) for a in value]
        if FIGURE.fullmatch(name):
            number = int(value)
            if number < 0 or number != float(value):
                raise ValueError("a whole number, 0 or more")
            return number
    except (TypeError, ValueError) as exc:
        raise ConfigError(f"'{value}' is no valid value for {name}: {exc}.", code="E602") from exc
    raise ConfigError(f"'{name}' cannot be corrected.", code="E601",
                      hint=f"Correct one of: {', '.join(EVENT_FIELDS)}, or a figure like "
                           f"killed.best ({'/'.join(FIGURE_PARTS)}).")


def _actor(a: Any) -> dict:
    """``{"name": ..., "role": ...}`` or "Name (role)"."""
    if isinstance(a, str):
        # "Name (role)" only when the bracket holds a role: "Lashkar (East)" is a name
        m = re.fullmatch(r"\s*(.+?)\s*\((\w+)\)\s*", a)
        a = {"name": m.group(1), "role": m.group(2)} if m and m.group(2) in ROLES_OF_ACTORS else {"name": a}
    if not isinstance(a, dict) or not str(a.get("name") or "").strip():
        raise ValueError("actors are a list of names, each optionally with a role")
    if len(str(a["name"]).strip()) > NAME_LIMITS["actor"]:
        raise ValueError(f"an actor's name is at most {NAME_LIMITS['actor']} characters")
    role = a.get("role") or "other"
    if role not in ROLES_OF_ACTORS:
        raise ValueError(f"an actor's role is one of {', '.join(ROLES_OF_ACTORS)}")
    return {"name": str(a["name"]).strip(), "role": role}


def _load(engine: Engine, s, event_id: str) -> Event:
    return s.load_event(engine.store.resolve(event_id))


def _commit(engine: Engine, s, ev: Event, changes: list[ReviewChange]) -> Event:
    """Append the changes, rebuild the event from its claims and save it with its review."""
    if not hasattr(s, "add_review_changes"):
        raise ConfigError("Review needs a database (SQLite or PostgreSQL), not the in-memory store.",
                          code="E610")
    s.add_review_changes(changes)
    fresh = build_event(ev.claims, ev.links, event_id=ev.id, locked=ev.locked)
    docinfo = s.docinfo({c.document_id for c in fresh.claims})
    assess_events([fresh], docinfo, engine.kinds)
    review_events(s, [fresh], docinfo, engine.kinds)
    s.save_events([fresh])
    return fresh
