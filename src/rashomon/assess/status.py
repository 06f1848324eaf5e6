"""Event status (single-source, corroborated, contested), Airwars-style grade, unverified flag.

Rules, in order (also in ``docs/linking.md``):

1. **contested** when a claim denies (hedge ``denied``), when the text speaks of conflicting
   or disputed accounts (``Claim.contested_in_text``, set from the story flags), or when two
   claimants' current figures for the same category and victim group disagree: the higher claimant's low over the lower claimant's high
   above ``contest_ratio`` AND their difference above ``contest_min_diff`` (so 1 vs 2 or 5 vs 7
   are not a contest, 26 vs 214 is; the reason names the most severe disagreement).
2. **corroborated** when two or more independent outlets report it (and rule 1 did not fire: their
   figures agree within the tolerance).
3. **single-source** otherwise.

``unverified`` is set when any claim says the facts could not be verified.

Grades (Airwars): every main claim denied -> ``discounted``; contested -> ``contested``;
corroborated with a party to the conflict or an official confirming it -> ``confirmed``, else
``fair``; single-source -> ``weak``. An unverified event is graded at most ``fair``.
"""

from __future__ import annotations

from collections.abc import Mapping

from pydantic import Field

from rashomon.assess.estimate import figures, supersede
from rashomon.models import Assessment, Event, Hedge, Record

CONFIRMING_KINDS = {"state force", "officials", "armed group"}


class StatusSettings(Record):
    """Tolerances of the status rules; each description gives the reason for the value."""

    contest_ratio: float = Field(1.5, description=(
        "Figures more than 1.5x apart are different stories, not rounding or early counts."))
    contest_min_diff: int = Field(2, description=(
        "Small tolls differ by 1-2 as bodies are found; that is not a contest."))


def _outlet(event: Event, docinfo: Mapping, doc: str) -> str:
    info = docinfo.get(doc)
    return getattr(info, "outlet", None) or doc


def _number_contest(event: Event, docinfo: Mapping, kinds: Mapping, s: StatusSettings) -> str | None:
    """The most severe disagreement between two claimants' current figures, if any. A figure
    is an interval (low..high; open = low..low): "several" (3..9) and 5 agree, 9 and 61 do not."""
    figs = [f for f in figures(event, docinfo, kinds) if f.lo is not None and f.claim.hedge != Hedge.denied]
    current, _ = supersede(figs)
    groups: dict[tuple, dict[str, tuple[int, int, str]]] = {}
    for f in current:
        g = groups.setdefault((f.q.category, f.victims), {})
        if f.key not in g or f.lo > g[f.key][0]:
            g[f.key] = (f.lo, f.hi if f.hi is not None else f.lo, f.who)
    worst = None
    for (cat, victims), by in sorted(groups.items()):
        if len(by) < 2:
            continue
        hi_lo, _, hi_who = max(by.values())
        lo_hi, lo_who = min((h, w) for _, h, w in by.values())
        ratio = hi_lo / lo_hi if lo_hi else float("inf")
        if hi_lo - lo_hi > s.contest_min_diff and ratio > s.contest_ratio and (worst is None or ratio > worst[0]):
            worst = (ratio, f"{lo_who} says {lo_hi} {victims} {cat.replace('_', ' ')}, {hi_who} says {hi_lo}")
    return worst[1] if worst else None


def _zero_denial(event: Event, docinfo: Mapping) -> str | None:
    """ "denied by X" when X says nobody was killed (or hurt) and another party counts victims
    of that category: a figure of 0 against a positive one is a denial, not a small number."""
    for c in event.claims:
        for q in c.quantities:
            if q.low != 0 or q.high != 0:
                continue
            if any(o.claimant != c.claimant and any(p.category == q.category and (p.low or 0) > 0
                                                    for p in o.quantities) for o in event.claims):
                who = c.claimant or _outlet(event, docinfo, c.document_id)
                return f"denied by {who}: no one {q.category}, against other figures"
    return None


def _grade(status: str, event: Event, kinds: Mapping, unverified: bool) -> str:
    main = [c for c in event.claims if not c.background] or event.claims
    if main and all(c.hedge == Hedge.denied for c in main):
        return "discounted"
    if status == "contested":
        return "contested"
    if status == "single-source":
        return "weak"
    party = any(c.claimant and kinds.get(c.claimant, _kind_on_claim(c)) in CONFIRMING_KINDS for c in main)
    return "fair" if unverified or not party else "confirmed"


def _kind_on_claim(c) -> str | None:
    return next((a.kind.value for a in c.actors if a.name == c.claimant and a.kind), None)


def assess(event: Event, docinfo: Mapping | None = None, settings: StatusSettings | None = None,
           kinds: Mapping[str, str] | None = None) -> Assessment:
    """Status, grade, unverified flag and the reason in words, of an event.

    ``docinfo``: document id -> object with ``outlet`` (independence is judged by outlet, falling
    back to the document id); ``kinds``: claimant -> actor kind (see ``estimate.claimant_kinds``).
    """
    docinfo, kinds, s = docinfo or {}, kinds or {}, settings or StatusSettings()
    unverified = any(c.unverified or c.hedge == Hedge.unverified for c in event.claims)
    main = [c for c in event.claims if not c.background] or event.claims
    outlets = sorted({_outlet(event, docinfo, c.document_id) for c in main})
    denial = next((c for c in event.claims if c.hedge == Hedge.denied), None)
    noted = next((c for c in event.claims if c.contested_in_text), None)
    numbers = _number_contest(event, docinfo, kinds, s)
    zero = _zero_denial(event, docinfo)
    if denial is not None:
        status, reason = "contested", f"{denial.claimant or _outlet(event, docinfo, denial.document_id)} denies it"
    elif zero is not None:
        status, reason = "contested", zero
    elif noted is not None:
        status, reason = "contested", "the report speaks of conflicting accounts"
    elif numbers:
        status, reason = "contested", f"figures disagree: {numbers}"
    elif len(outlets) >= 2:
        status, reason = "corroborated", f"{len(outlets)} outlets report it: {', '.join(outlets)}"
    else:
        status, reason = "single-source", f"only {outlets[0] if outlets else 'one source'} reports it"
    if unverified:
        reason += "; a source says it could not be independently verified"
    return Assessment(status=status, grade=_grade(status, event, kinds, unverified),
                      unverified=unverified, reason=reason)
