"""Reference datasets (UCDP GED, ACLED): import them beside our data and compare.

They live in their own tables (``store/reference_schema.py``) and never feed our claims,
estimates or linking. See ``docs/reference.md``.

    >>> from rashomon.reference import import_reference, compare_reference
    >>> import_reference(store, "pakistan_ged.csv", "ucdp", name="ged")
    >>> compare_reference(store, "ged", EventFilter(place="Balochistan")).matched
"""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from rashomon.errors import ConfigError
from rashomon.models import ReferenceDataset, ReferenceEvent
from rashomon.reference.compare import CompareReport, MatchedPair, compare_events

KINDS = ("ucdp", "acled")


def import_reference(store, path: str | Path, kind: str, name: str | None = None) -> ReferenceDataset:
    """Read ``path`` as ``kind`` and store it as dataset ``name`` (default: the file's stem),
    replacing a dataset of that name. Bad rows become ``problems`` (with their line); a file
    that is not of that kind raises InputError."""
    from rashomon.reference.acled import read_acled
    from rashomon.reference.ucdp import read_ucdp
    from rashomon.store.reference import replace_dataset

    if kind not in KINDS:
        raise ConfigError(f"Unknown reference kind '{kind}'.", code="E122", hint="Use ucdp or acled.")
    evs, problems = (read_ucdp if kind == "ucdp" else read_acled)(path)
    ds = ReferenceDataset(name=name or Path(path).stem, kind=kind, source=str(path),
                          problems=problems)
    return replace_dataset(store, ds, evs)


def compare_reference(store, name: str | None = None, filter=None) -> CompareReport:  # noqa: A002
    """Compare our events matching ``filter`` with dataset ``name`` (default: the most recently
    imported). Reference events are taken from the filter's since/until, else from the span of
    our events (widened by the date slack), and narrowed by the filter's place and actor."""
    from rashomon.codebooks import codes
    from rashomon.store import EventFilter
    from rashomon.store.reference import get_dataset, load_events

    f = filter or EventFilter()
    ds = get_dataset(store, name)
    ours = store.events(f)
    slack = timedelta(days=codes()["compare"]["date_slack_days"])
    starts = [e.date_start for e in ours if e.date_start]
    ends = [e.date_end for e in ours if e.date_end]
    since = f.since or (min(starts) - slack if starts else None)
    until = f.until or (max(ends) + slack if ends else None)
    theirs = [t for t in load_events(store, ds.name, since, until) if _keep(t, f)]
    return compare_events(ours, theirs, ds.name, since, until)


def _keep(t: ReferenceEvent, f) -> bool:
    if f.place:
        where = " ".join(x for x in (t.location, t.admin2, t.admin1) if x).lower()
        if f.place.lower() not in where:
            return False
    if f.actor:
        return f.actor.lower() in f"{t.side_a or ''} {t.side_b or ''}".lower()
    return True


__all__ = ["CompareReport", "KINDS", "MatchedPair", "ReferenceDataset", "ReferenceEvent",
           "compare_reference", "import_reference"]
