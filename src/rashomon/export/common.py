"""Helpers shared by the ACLED and UCDP exports: country codes, sides, figures, identifiers."""

from __future__ import annotations

import csv
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import IO, Any

from rashomon.codebooks import CountryCodes, codes, country_code_for, country_codes
from rashomon.errors import Problem
from rashomon.models import ActorKind, ActorMention, Event

ORGANISED = {ActorKind.state_force, ActorKind.armed_group}

# What each layout needs of a country beyond ISO's codes, and how a problem names it.
NEEDS = {"acled": ("acled_region", "ACLED region"),
         "ucdp": ("gwno", "Gleditsch-Ward number (UCDP country_id)")}


@dataclass
class Written:
    """What a layout writer wrote: rows, and the events it left out as problems (E117)."""

    rows: int
    problems: list[Problem] = field(default_factory=list)


class CountryNotCoded(Exception):
    """An event whose country the codebooks cannot code in a layout. The writers catch it for
    that one row and keep ``problem``; the rest of the file is written."""

    def __init__(self, problem: Problem) -> None:
        super().__init__(problem.message)
        self.problem = problem


def write_coded_rows(events: Iterable[Event], columns: list[str], out: IO[str],
                     row: Callable[[Event], dict[str, Any]]) -> Written:
    """A layout's CSV (header = ``columns``), one ``row(event)`` per event; an event whose
    country cannot be coded (:class:`CountryNotCoded`) is left out as its problem."""
    w = csv.DictWriter(out, fieldnames=columns)
    w.writeheader()
    written = Written(0)
    for e in events:
        try:
            values = row(e)
        except CountryNotCoded as exc:
            written.problems.append(exc.problem)
            continue
        w.writerow(values)
        written.rows += 1
    return written


def country(event: Event, default_code: str | None, layout: str) -> CountryCodes:
    """The codes of the event's country: its place's ``country_code``, else the code of its
    place's ``country`` name; only an event with no country at all takes ``default_code`` (the
    pack's). Raises :class:`CountryNotCoded` (E117, naming the country) when no country is
    known, the codebooks lack it, or it lacks what ``layout`` ("acled", "ucdp") needs."""
    p = event.place
    named = p.country if p else None
    code = (p.country_code if p else None) or (country_code_for(named) if named else default_code)
    if not code:
        raise _not_coded(event, f"its country {named!r} has no ISO 3166 code" if named else
                         "its place names no country and the knowledge pack gives no single one",
                         layout)
    found = country_codes(code)
    if found is None:
        which = f"{named!r} (code {code!r})" if named else f"code {code!r}"
        raise _not_coded(event, f"the country {which} is not in the country codebooks", layout)
    attribute, label = NEEDS[layout]
    if getattr(found, attribute) is None:
        raise _not_coded(event, f"{found.name} ({found.code}) has no {label}", layout)
    return found


def _not_coded(event: Event, why: str, layout: str) -> CountryNotCoded:
    name = {"acled": "ACLED", "ucdp": "UCDP GED"}[layout]
    return CountryNotCoded(Problem(code="E117", location=event.id,
                                   message=f"left out of the {name} export: {why}."))


def stable_number(event_id: str) -> int:
    """A stable positive integer for an event id (``e_`` + hex): its first 8 hex digits."""
    digits = event_id.removeprefix("e_")[:8]
    try:
        return int(digits, 16)
    except ValueError:
        return int.from_bytes(event_id.encode()[:6], "big")


@dataclass(frozen=True)
class Sides:
    """The two sides of an event in ACLED/UCDP terms (``None``: no such actor)."""

    actor1: ActorMention | None
    actor2: ActorMention | None
    assoc1: list[str]
    assoc2: list[str]


CAMPS = {ActorKind.state_force: "state", ActorKind.officials: "state",
         ActorKind.armed_group: "armed", ActorKind.civilians: "civilian",
         ActorKind.foreign_nationals: "civilian", ActorKind.media: "civilian"}


def camp(a: ActorMention | None) -> str | None:
    """'state', 'armed', 'civilian' or None: which side of a conflict an actor stands on."""
    return CAMPS.get(a.kind) if a is not None and a.kind is not None else None


def sides(event: Event) -> Sides:
    """Actor 1 = the first perpetrator (else the first named organised actor); actor 2 = the
    first other participant (target, responder, then perpetrator) of another camp, else the
    first target or responder. Speakers (role ``other``) are never a side. Associates: the
    other participants of each actor's camp, perpetrators with actor 1, targets with actor 2."""
    uniq = [a for a in _unique(event.actors) if a.role != "other"]
    perps = [a for a in uniq if a.role == "perpetrator"]
    organised = sorted((a for a in uniq if a.kind in ORGANISED), key=lambda a: a.generic)
    a1 = perps[0] if perps else (organised[0] if organised else None)
    rest = [a for a in uniq if a1 is None or a.name != a1.name]
    rest.sort(key=lambda a: a.role == "perpetrator")  # targets and responders first
    a2 = next((a for a in rest if camp(a) is not None and camp(a) != camp(a1)),
              next((a for a in rest if a.role != "perpetrator"), None))
    taken = {x.name for x in (a1, a2) if x is not None}
    assoc1 = [a.name for a in perps if a.name not in taken and camp(a) == camp(a1)]
    assoc2 = [a.name for a in rest if a.name not in taken and a.role != "perpetrator"
              and a2 is not None and camp(a) == camp(a2)]
    return Sides(a1, a2, list(dict.fromkeys(assoc1)), list(dict.fromkeys(assoc2)))


def _unique(actors: list[ActorMention]) -> list[ActorMention]:
    seen: set[tuple[str, str]] = set()
    out = []
    for a in actors:
        if (a.name, a.role) not in seen:
            seen.add((a.name, a.role))
            out.append(a)
    return out


def actor_name(a: ActorMention | None, country_name: str) -> str:
    """Our canonical name; generic armed actors ("gunmen") and generic civilians get ACLED's
    generic names ("Unidentified Armed Group (Pakistan)", "Civilians (Pakistan)")."""
    table = codes()["acled"]
    if a is None:
        return ""
    if a.generic and a.kind in (ActorKind.armed_group, None):
        return table["unidentified_armed_group"].format(country=country_name)
    if a.generic and a.kind in (ActorKind.civilians, ActorKind.foreign_nationals):
        return table["civilians"].format(country=country_name)
    return a.name


def claim_summary(event: Event, outlets: dict[str, str | None]) -> str:
    """'Pakistan Army claimed 33 militants killed; Baloch Liberation Army claimed over 200
    hostages killed' : one phrase per claimant and figure, in claim order, duplicates dropped."""
    parts: list[str] = []
    for c in event.claims:
        who = c.claimant or outlets.get(c.document_id) or "the outlet"
        verb = "reported" if c.claimant is None else ("denied" if c.hedge.value == "denied" else "claimed")
        for q in c.quantities:
            category = q.category.removeprefix("attackers_").replace("_", " ")
            what = " ".join(w for w in (q.text, q.victims, category) if w)
            phrase = f"{who} {verb} {what}"
            if phrase not in parts:
                parts.append(phrase)
    return "; ".join(parts)
