"""Per-category estimates of an event's figures (killed, injured, hostages, ...).

Rules (also in ``docs/linking.md``):

* A *figure* is one ``Quantity`` of one claim. Its point value is ``low`` (or ``high`` when only
  that is known); an open range ("over 200", high None) is a lower bound; proportions ("most",
  no numbers) carry no number and are only named in the derivation. Figures of claims with hedge
  ``denied`` are not counted, except a figure of 0 ("denied that anyone had died"): that is the
  denying party's own figure, and it makes the low 0 (``docs/estimates.md``).
* **Supersession**: figures of the same claimant, category and victim group are ordered by
  publication date, then document, then position; a later different figure supersedes the
  earlier ones (16, then 27, then 33), which stay listed in ``superseded_claim_ids``; within
  one report only a larger later figure does (a smaller one is a detail: "9 killed ... eight at
  once, one later"), and figures of one sentence never revise each other.
* One sentence's list of named groups adds up whatever their side ("three guards, one cook").
* ``killed`` counts the dead of every side: victims plus ``attackers_killed`` (:func:`all_deaths`).
* A claimant's **total** for a category is the larger of its biggest figure for an unspecified
  or mixed group ("26 killed") and the sum of its figures for distinct victim groups
  ("3 FC and 2 civilians" -> 5).
* **low / high**: the lowest and highest claimant totals (high includes open lower bounds).
* **best**: the latest total from an independent source (the outlet itself, officials, hospital
  staff, organisations), else the median (lower median) of all claimant totals.
* **conservative**: ACLED-style, the lowest total reported as fact (hedge asserted, attributed or
  reported) by a claimant that is not an armed group.
* **by_side**: the split of the source used for ``best`` by victim side (state forces, armed
  group, civilians, unknown).
* **basis**: whose word the current figures rest on: "militant claim only" (armed groups only),
  "official figure only" (state forces and officials only), "parties only" (both, no independent
  source), None when an independent source gives a figure.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from datetime import date
from statistics import median_low

from rashomon.models import Claim, Estimate, Event, Hedge, Quantity


class PackKinds(dict):
    """Claimant name -> actor kind (a plain mapping, as every caller passes it), carrying the
    pack's victim group -> side table (``quantities.toml [sides]``) along, so the one object the
    engine builds per pack gives the estimates both."""

    def __init__(self, kinds: Mapping[str, str], sides: Mapping[str, str]) -> None:
        super().__init__(kinds)
        self.victim_sides = dict(sides)


def victim_sides(pack) -> dict[str, str]:
    """Victim group (casefolded) -> side, from the pack's ``quantities.toml [sides]`` (layered
    over core's); groups not listed (people, hostages, ...) are "unknown"."""
    table = pack.read("quantities.toml").get("sides", {})
    return {g.casefold(): side for side, groups in table.items() for g in groups}


@lru_cache(maxsize=1)
def _core_sides() -> dict[str, str]:
    from rashomon.packs import load_pack

    return victim_sides(load_pack("core"))
INDEPENDENT_KINDS = {"officials", "organisation", "media"}
# victim words that name no group of their own ("12 people and 3 soldiers" may count the
# soldiers twice): such figures are never added to another group's
GENERIC_GROUPS = frozenset({"people", "person", "persons", "individuals", "others", "men"})
OFFICIAL_KINDS = {"state force", "officials"}
FACT_HEDGES = {Hedge.asserted, Hedge.attributed, Hedge.reported}


@dataclass(slots=True)
class Figure:
    claim: Claim
    q: Quantity
    who: str  # display name of the claimant (or the outlet)
    key: str  # claimant identity for supersession
    kind: str  # claimant kind: outlet, armed group, state force, officials, ...
    order: tuple
    lo: int | None
    hi: int | None  # None with lo set: open upper bound
    sides: Mapping[str, str]

    @property
    def victims(self) -> str:
        return (self.q.victims or "people").casefold()

    @property
    def side(self) -> str:
        return "armed group" if self.q.category == "attackers_killed" else self.sides.get(self.victims, "unknown")


def claimant_kind(name: str | None, claim: Claim, kinds: Mapping[str, str]) -> str:
    """``outlet`` when the outlet speaks; else the kind from ``kinds`` or from the claim's own
    actor mentions; ``unknown`` otherwise."""
    if name is None:
        return "outlet"
    if name in kinds:
        return kinds[name]
    for a in claim.actors:
        if a.name == name and a.kind is not None:
            return a.kind.value
    return "unknown"


def figures(event: Event, docinfo: Mapping, kinds: Mapping[str, str]) -> list[Figure]:
    """All figures of an event's claims, with claimant identity, kind and publication order."""
    out = []
    sides = getattr(kinds, "victim_sides", None) or _core_sides()
    for c in event.claims:
        info = docinfo.get(c.document_id)
        outlet = getattr(info, "outlet", None) or c.document_id
        published = getattr(info, "published", None) or date.min
        who = c.claimant or outlet
        for i, q in enumerate(c.quantities):
            lo = q.low if q.low is not None else q.high
            out.append(Figure(c, q, who, c.claimant or "outlet:" + outlet,
                              claimant_kind(c.claimant, c, kinds),
                              (published, c.document_id, c.span.start, i), lo, q.high, sides))
    return out


def supersede(figs: list[Figure]) -> tuple[list[Figure], list[Figure]]:
    """Split figures into (current, superseded) by the revision rule."""
    groups: dict[tuple, list[Figure]] = {}
    for f in figs:
        groups.setdefault((f.key, f.q.category, f.victims), []).append(f)
    current, old = [], []
    for g in groups.values():
        g.sort(key=lambda f: f.order)
        last = g[-1]
        for f in g:
            (current if (f.lo, f.hi) == (last.lo, last.hi) or _restated(f, last) else old).append(f)
    return current, old


def _restated(f: Figure, last: Figure) -> bool:
    """Is an earlier figure of the same document still current beside its latest one? Within one
    report a toll rises ("eight were killed ... the toll later rose to 14"), but a smaller figure
    told after a larger one is a part or a detail of it ("kill 9 people. Eight are killed
    instantly while one dies in hospital later"), never its revision; and figures of one
    sentence are never revisions of each other."""
    if f.claim.document_id != last.claim.document_id:
        return False
    return f.claim is last.claim or last.lo is None or f.lo is None or last.lo < f.lo


def _parts_dropped(figs: list[Figure], whole_known: bool = False) -> list[Figure]:
    """Figures without the subsets ("including an officer") whose whole is a figure of the same
    claim: the whole already counts them. With ``whole_known`` only subsets of a whole whose
    victims' side is known are dropped ("18, five of them soldiers" still splits the 18)."""
    wholes = {id(f.claim) for f in figs if not f.q.subset and (not whole_known or f.side != "unknown")}
    return [f for f in figs if not (f.q.subset and id(f.claim) in wholes)]


def _total(figs: list[Figure], upper: bool = False) -> tuple[int, bool]:
    """(total, open) of one claimant's current figures for one category; with ``upper`` the
    top of each range ("hundreds" = 200..999) instead of its bottom. Subsets of a figure of
    the same claim are inside it, not added to it."""
    figs = _parts_dropped(figs)
    value = (lambda f: f.hi if f.hi is not None else f.lo) if upper else (lambda f: f.lo)
    generic = [value(f) for f in figs if f.side == "unknown"]
    per_group: dict[str, int] = {}
    # one sentence's list of named groups adds up whatever their side ("three vigilantes, one
    # civilian and two soldiers"); across sentences a group of unknown side may be one already
    # counted ("three men" later), so only groups of known sides are added there
    listed: dict[int, dict[str, int]] = {}
    for f in figs:
        if f.side != "unknown":
            per_group[f.victims] = max(per_group.get(f.victims, 0), value(f))
        if f.q.victims and f.victims not in GENERIC_GROUPS:
            group = listed.setdefault(id(f.claim), {})
            group[f.victims] = max(group.get(f.victims, 0), value(f))
    in_one = max((sum(g.values()) for g in listed.values()), default=0)
    total = max(max(generic, default=0), sum(per_group.values()), in_one)
    return total, any(f.hi is None for f in figs)


def _split(figs: list[Figure], total: int) -> dict[str, int]:
    sides: dict[str, int] = {}
    best_per_group: dict[str, Figure] = {}
    for f in _parts_dropped(figs, whole_known=True):
        if f.side != "unknown" and (f.victims not in best_per_group or f.lo > best_per_group[f.victims].lo):
            best_per_group[f.victims] = f
    for f in best_per_group.values():
        sides[f.side] = sides.get(f.side, 0) + f.lo
    if sides and total > sum(sides.values()):
        sides["unknown"] = total - sum(sides.values())
    return sides


def _point(total: int, figs: list[Figure]) -> int:
    closed = [f for f in figs if f.hi is not None and f.lo == total and f.hi != f.lo]
    return (closed[0].lo + closed[0].hi) // 2 if closed else total


def estimate_category(category: str, figs: list[Figure]) -> Estimate:
    """Estimate one category from its figures (see the module docstring for the rules)."""
    # a denial's own zero ("denied that anyone had died") is the denier's figure; the figures
    # it rejects, quoted in the same claim, are not
    counted = [f for f in figs if f.claim.hedge != Hedge.denied or (f.lo == 0 and f.hi == 0)]
    vague = [f for f in counted if f.lo is None]
    current, old = supersede([f for f in counted if f.lo is not None])
    by_who: dict[str, list[Figure]] = {}
    for f in current:
        by_who.setdefault(f.key, []).append(f)
    totals = {k: _total(v) for k, v in by_who.items()}
    est = Estimate(category=category, claim_ids=sorted({f.claim.id for f in current + vague}),
                   superseded_claim_ids=sorted({f.claim.id for f in old} - {f.claim.id for f in current}))
    if not totals:
        est.derivation = _vague_text(category, vague) or f"No figure for {category}."
        return est
    name = {k: v[0].who for k, v in by_who.items()}
    est.low = min(t for t, _ in totals.values())
    est.high = max(t for t, _ in totals.values())
    indep = [k for k, v in by_who.items() if v[0].kind in INDEPENDENT_KINDS | {"outlet"}]
    if indep:
        src = max(indep, key=lambda k: (max(f.order for f in by_who[k]), k))
        est.best, rule = _point(totals[src][0], by_who[src]), f"the latest figure from an independent source ({name[src]})"
    else:
        est.best = median_low([t for t, _ in totals.values()])
        src = min((k for k in totals if totals[k][0] == est.best), default=None)
        rule = "the median of the claimants' figures (no independent source)"
    # a range's top counts for high ("hundreds" reaches 999); best always lies within low..high
    est.high = max(est.high, max(_total(v, upper=True)[0] for v in by_who.values()))
    est.best = min(max(est.best, est.low), est.high)
    facts = [totals[k][0] for k, v in by_who.items()
             if v[0].kind != "armed group" and any(f.claim.hedge in FACT_HEDGES for f in v)]
    est.conservative = min(facts) if facts else None
    est.by_side = _split(by_who[src], totals[src][0]) if src else {}
    if category == "attackers_killed":
        est.by_side = {"armed group": est.best}
    est.basis = _basis({v[0].kind for v in by_who.values()})
    est.derivation = _derivation(category, est, totals, name, rule, old, vague)
    return est


def _basis(kinds: set[str]) -> str | None:
    """Whose word an estimate rests on (module docstring): a flag for one side's claim only."""
    militant, official = "armed group" in kinds, bool(kinds & OFFICIAL_KINDS)
    if kinds - OFFICIAL_KINDS - {"armed group"}:
        return None  # an independent source (outlet, hospital, organisation, office as written)
    if militant and official:
        return "parties only"
    return "militant claim only" if militant else "official figure only"


def _fmt(total: int, open_: bool) -> str:
    return f"at least {total}" if open_ else str(total)


def _vague_text(category: str, vague: list[Figure]) -> str:
    if not vague:
        return ""
    words = "; ".join(f"{f.who}: '{f.q.text}'" for f in vague)
    return f"Proportions without a number for {category} ({words}) are listed, not counted."


def _derivation(category, est, totals, name, rule, old, vague) -> str:
    said = ", ".join(f"{name[k]} {_fmt(*totals[k])}" for k in sorted(totals, key=lambda k: (totals[k][0], k)))
    parts = [f"{category.replace('_', ' ').capitalize()}: {said}.",
             f"Low {est.low}, high {est.high}; best {est.best} is {rule}."]
    if est.conservative is not None:
        parts.append(f"Conservative {est.conservative}: the lowest figure reported as fact by a non-militant source.")
    else:
        parts.append("No figure was reported as fact by a non-militant source, so no conservative figure.")
    if old:
        chain = sorted(old, key=lambda f: f.order)
        parts.append("Superseded by later revisions: " + ", ".join(f"{f.who} {f.lo}" for f in chain) + ".")
    if est.basis is not None:
        parts.append(f"Basis: {est.basis} (no independent source gives a figure).")
    text = _vague_text(category, vague)
    return " ".join(parts + ([text] if text else []))


def estimate_event(event: Event, docinfo: Mapping | None = None,
                   kinds: Mapping[str, str] | None = None) -> dict[str, Estimate]:
    """Estimates per category for ``event``.

    ``docinfo``: document id -> object with ``published`` and ``outlet`` (e.g.
    ``rashomon.link.DocumentInfo``); ``kinds``: claimant name -> actor kind value ("armed group",
    "state force", "officials", ...), e.g. from :func:`claimant_kinds`.
    """
    figs = figures(event, docinfo or {}, kinds or {})
    cats = sorted({f.q.category for f in figs})
    out = {cat: estimate_category(cat, [f for f in figs if f.q.category == cat]) for cat in cats}
    if out.get("attackers_killed") is not None and out["attackers_killed"].low is not None:
        out["killed"] = all_deaths(out.get("killed"), out["attackers_killed"])
    return out


def all_deaths(victims: Estimate | None, attackers: Estimate) -> Estimate:
    """``killed`` over every side, as ACLED's fatalities and UCDP's best count them: the
    estimate of the attackers' victims plus that of the attackers killed, each derived by the
    rules above (so the total is never a figure nobody's figures add up to). ``attackers_killed``
    stays listed on its own; ``by_side`` shows the parts."""
    parts = [e for e in (victims, attackers) if e is not None and e.low is not None]
    total = Estimate(category="killed",
                     claim_ids=sorted({i for e in (victims, attackers) if e for i in e.claim_ids}),
                     superseded_claim_ids=sorted({i for e in (victims, attackers) if e for i in e.superseded_claim_ids}))
    total.low = sum(e.low for e in parts)
    total.best = sum(e.best if e.best is not None else e.low for e in parts)
    total.high = sum(e.high if e.high is not None else e.low for e in parts)
    if any(e.conservative is not None for e in parts):
        total.conservative = sum(e.conservative if e.conservative is not None else e.low for e in parts)
    # the victims' split (all of them of unknown side when it has none), plus the attackers
    counted = victims is not None and victims.low is not None
    sides = dict(victims.by_side or {"unknown": victims.best}) if counted else {}
    sides["armed group"] = sides.get("armed group", 0) + attackers.best
    total.by_side = sides
    bases = {e.basis for e in parts}
    total.basis = bases.pop() if len(bases) == 1 else None
    said = [f"victims {victims.low}-{victims.high} (best {victims.best})"] if counted else []
    said.append(f"attackers {attackers.low}-{attackers.high} (best {attackers.best})")
    total.derivation = " ".join(
        [f"Killed on every side: {' + '.join(said)}, so low {total.low}, best {total.best}, high "
         f"{total.high} (ACLED and UCDP count the dead of every side)."]
        + ([f"Victims: {victims.derivation}"] if victims is not None and victims.derivation else [])
        + [f"Attackers: {attackers.derivation}"])
    return total


def claimant_kinds(pack) -> PackKinds:
    """Actor name -> kind from a knowledge pack's ``actors.toml``, with its victim sides."""
    return PackKinds(pack.actor_field("kind"), victim_sides(pack))


def _deaths(event: Event) -> Estimate | None:
    # ``killed`` counts every side (all_deaths); an event stored before it did has only its
    # attackers' figure when no victim was counted
    return event.estimates.get("killed") or event.estimates.get("attackers_killed")


def fatality_range(event: Event) -> tuple[int, int, int]:
    """(low, best, high) of all reported deaths (``killed``, which counts every side), with
    missing values taken as 0 and the triple forced into low <= best <= high."""
    est = _deaths(event)
    if est is None:
        return 0, 0, 0
    best = est.best if est.best is not None else (est.low or 0)
    low = est.low if est.low is not None else best
    high = est.high if est.high is not None else best
    return min(low, best), best, max(high, best)


def conservative_fatalities(event: Event) -> int:
    """ACLED's rule: the most conservative reported total, here ``conservative`` of ``killed``
    (every side; ``low`` when no non-militant source reports it as fact)."""
    est = _deaths(event)
    if est is None:
        return 0
    value = est.conservative if est.conservative is not None else est.low
    return value or 0
