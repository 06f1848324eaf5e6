"""Synthetic news reports for ingest benchmarks and scale tests (no third-party text).

    from synthetic import reports          # bench/ on sys.path
    for record in reports(1000, seed=1): ...  # dicts in the JSONL input format

Each report varies the place (districts and towns of the pack), date, numbers, attacker,
victims, outlet and claimant, so extraction does real work (dates, places, quantities, actors,
attribution) and linking sees both repeated and distinct incidents.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from datetime import date, timedelta

from rashomon.packs import load_pack

OUTLETS = ["Indus Wire", "Quetta Ledger", "Makran Post", "Frontier Daily", "Coastal Herald"]
ATTACKERS = ["the Baloch Liberation Army", "the Balochistan Liberation Front",
             "the Tehrik-i-Taliban Pakistan", "unidentified gunmen", "militants"]
VICTIMS = ["soldiers", "policemen", "Frontier Corps personnel", "labourers", "passengers",
           "civilians", "levies personnel"]
TARGETS = ["a checkpoint", "a convoy", "a police station", "a camp", "a bus", "a construction site"]
WEAPONS = ["an improvised explosive device", "a roadside bomb", "rockets", "automatic weapons",
           "a suicide car bomb"]
SOURCES = ["police officials said", "a senior district official said",
           "the military's media wing said in a statement", "a hospital official said",
           "local residents said"]
NUMBER_WORDS = ["two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven"]
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]

TEMPLATE = (
    "{capital}, Pakistan, {pub_md} ({outlet}) - {attacker_cap} attacked {target} in {place} "
    "district on {weekday}, killing {killed} {victims} and wounding {wounded} others, {source}.\n\n"
    "The attackers used {weapon} before opening fire, {source2}. Security forces cordoned off the "
    "area and began a search operation. {claim_line}\n\n"
    "In a separate statement, the provincial government said {other_killed} assailants were killed "
    "in the exchange of fire near {place2}, a claim that could not be independently verified.\n\n"
    "Report {serial}."
)


def _places() -> list[str]:
    places = load_pack("balochistan").read("places.toml")["places"]
    return sorted({p["name"] for p in places if p["kind"] in ("district", "town")})


def _number(rng: random.Random) -> str:
    n = rng.randint(2, 40)
    return NUMBER_WORDS[n - 2] if n <= 11 and rng.random() < 0.6 else str(n)


def report(i: int, rng: random.Random, places: list[str], start: date, days: int) -> dict:
    """One synthetic report as an input record (id, outlet, published, title, text)."""
    happened = start + timedelta(days=rng.randrange(days))
    published = happened + timedelta(days=rng.randint(0, 1))
    attacker = rng.choice(ATTACKERS)
    claim_line = (f"{attacker[4:] if attacker.startswith('the ') else attacker} claimed "
                  f"responsibility, saying {rng.randint(5, 60)} personnel were killed."
                  if attacker.startswith("the ") else "No group immediately claimed responsibility.")
    place = rng.choice(places)
    text = TEMPLATE.format(
        capital=rng.choice(["QUETTA", "ISLAMABAD", "KARACHI"]), outlet=rng.choice(OUTLETS),
        pub_md=published.strftime("%B %d").replace(" 0", " "), attacker_cap=attacker[0].upper() + attacker[1:],
        target=rng.choice(TARGETS), place=place, weekday=WEEKDAYS[happened.weekday()],
        killed=_number(rng), victims=rng.choice(VICTIMS), wounded=_number(rng),
        source=rng.choice(SOURCES), source2=rng.choice(SOURCES), weapon=rng.choice(WEAPONS),
        claim_line=claim_line, other_killed=_number(rng), place2=rng.choice(places), serial=i)
    return {"id": f"syn-{i}", "outlet": rng.choice(OUTLETS), "published": published.isoformat(),
            "title": f"Attack in {place} kills security personnel", "text": text}


def reports(n: int, seed: int = 7, start: date = date(2020, 1, 1), days: int = 2000) -> Iterator[dict]:
    """``n`` reports spread over ``days`` days from ``start``; same seed, same reports."""
    rng = random.Random(seed)
    places = _places()
    for i in range(n):
        yield report(i, rng, places, start, days)
