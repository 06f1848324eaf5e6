"""Rich renderings shared by commands: the events table and one event side by side."""

from __future__ import annotations

from rich.console import Console, Group
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from rashomon.models import Document, Event


def _fmt_range(low, high) -> str:
    if low is None and high is None:
        return "?"
    if low == high:
        return str(low)
    return f"{'' if low is None else low}\u2013{'' if high is None else high}"


def _killed(e: Event) -> str:
    est = e.estimates.get("killed")
    if not est:
        return ""
    return f"{est.best if est.best is not None else '?'} ({_fmt_range(est.low, est.high)})"


def _place(p) -> str:
    if p is None:
        return "?"
    parts = [p.name] + [x for x in (p.admin2, p.admin1) if x and x != p.name]
    return ", ".join(dict.fromkeys(parts))


def _perpetrators(e: Event) -> list[str]:
    """Armed groups named as perpetrators first; state forces only when no group is named."""
    from rashomon.models import ActorKind

    perp = [a for a in e.actors if a.role == "perpetrator"]
    groups = sorted({a.name for a in perp if a.kind == ActorKind.armed_group and not a.generic})
    return groups or sorted({a.name for a in perp})


def events_table(events: list[Event]) -> Table:
    t = Table(title=f"{len(events)} events", show_lines=False, expand=False)
    for col in ("id", "date", "type", "place", "actors", "killed best (range)", "status", "claims"):
        t.add_column(col, overflow="fold")
    for e in events:
        date = e.date_start.isoformat() if e.date_start else "?"
        if e.date_precision and e.date_precision != "day":
            date += f" ({e.date_precision})"
        place = _place(e.place)
        actors = ", ".join(_perpetrators(e))
        status = e.status + (" / unverified" if e.unverified else "")
        t.add_row(e.id, date, e.sub_event_type or e.event_type or "?", place, actors, _killed(e),
                  status, str(len(e.claims)))
    return t


def event_panel(e: Event, docs: dict[str, Document]) -> Group:
    head = Text()
    head.append(f"{e.sub_event_type or e.event_type or 'event'}", style="bold")
    head.append(f"  {e.date_start or '?'}")
    if e.place:
        head.append(f"  {e.place.name} ({e.place.admin2 or '-'}, {e.place.admin1 or '-'}, "
                    f"{e.place.country or '-'}; precision {e.place.precision})")
    head.append(f"\nstatus: {e.status}" + (f" (grade {e.grade})" if e.grade else "")
                + (", unverified" if e.unverified else ""))
    if e.status_reason:
        head.append(f"\nwhy: {e.status_reason}", style="italic")
    if e.review is not None:
        head.append(f"\nreview: {e.review.status}" + (f", assigned to {e.review.assignee}" if e.review.assignee else "")
                    + (f"; corrected: {', '.join(sorted(e.review.corrected))}" if e.review.corrected else "")
                    + (f"; new since review: {', '.join(e.review.new_claim_ids)}" if e.review.new_since_review else ""))
    parts = [head, claims_table(e, docs), estimates_table(e)]
    if e.links:
        parts.append(links_table(e))
    return Group(Panel(parts[0], title=e.id), *parts[1:])


def claims_table(e: Event, docs: dict[str, Document]) -> Table:
    t = Table(title="Claims, side by side", show_lines=True)
    for col in ("claimant", "hedge", "figures", "quote", "source"):
        t.add_column(col, overflow="fold")
    for c in sorted(e.claims, key=lambda c: (c.claimant or "~", c.document_id, c.span.start)):
        figs = "\n".join(f"{q.category}: {_fmt_range(q.low, q.high)}{'~' if q.approximate else ''}"
                         f" {q.victims or ''} (\u201c{q.text}\u201d)" for q in c.quantities) or "-"
        d = docs.get(c.document_id)
        src = (d.outlet or d.url or d.id) if d else c.document_id
        if d and d.published:
            src += f"\n{d.published}"
        flags = (" [unverified]" if c.unverified else "") + (" [background]" if c.background else "")
        t.add_row(c.claimant or "(outlet)", c.hedge.value + flags, figs, c.quote, src)
    return t


def estimates_table(e: Event) -> Table:
    t = Table(title="Estimates (derived from the claims)")
    for col in ("category", "low", "best", "high", "conservative", "by side", "how"):
        t.add_column(col, overflow="fold")
    for cat, est in sorted(e.estimates.items()):
        sides = ", ".join(f"{k}: {v}" for k, v in est.by_side.items())
        t.add_row(cat, *(str(x) if x is not None else "?" for x in (est.low, est.best, est.high,
                                                                      est.conservative)),
                  sides, est.derivation)
    return t


def links_table(e: Event) -> Table:
    t = Table(title="Why these claims were linked")
    for col in ("claim", "linked to", "score", "reasons"):
        t.add_column(col, overflow="fold")
    for lr in e.links:
        t.add_row(lr.claim_id, lr.other_claim_id, f"{lr.score:.2f}", "; ".join(lr.reasons))
    return t


def print_event(console: Console, e: Event, docs: dict[str, Document]) -> None:
    console.print(event_panel(e, docs))
