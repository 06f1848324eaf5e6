"""Stage 3, linking: which claims report one incident (see ``docs/linking.md``).

Two entry points, one result: :func:`link_claims` links a set of claims among themselves in one
batch; :func:`relink` links new claims into what a :class:`LinkSource` (the store) already
holds, and returns exactly what the batch over everything would (``link.relink``). Both return
events with their consolidated fields and link reasons; estimates and status are the ``assess``
stage's.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from rashomon.link.cluster import Cluster, Linker
from rashomon.link.consolidate import build_event
from rashomon.link.decide import merge_events, split_event
from rashomon.link.keys import LinkKey, key_for, tokens_of, unit_keys, units_of
from rashomon.link.relink import LinkChanges, relink
from rashomon.link.settings import LinkSettings
from rashomon.link.source import EmptySource, LinkSource, StoredClaim
from rashomon.models import Claim, Decisions, DocumentInfo, Event, LinkReason

__all__ = ["EmptySource", "LinkChanges", "LinkKey", "LinkSettings", "LinkSource", "StoredClaim",
           "actor_parents", "build_event", "key_for", "link_claims", "merge_events", "relink",
           "split_event", "tokens_of", "units_of"]


def actor_parents(pack) -> dict[str, str]:
    """Unit -> parent group from a pack's ``actors.toml``, so "Majeed Brigade" and "Baloch
    Liberation Army" count as the same group."""
    return pack.actor_field("parent")


def link_claims(claims: Iterable[Claim], docinfo: Mapping[str, DocumentInfo] | None = None,
                settings: LinkSettings | None = None, *, parents: Mapping[str, str] | None = None,
                decisions: Decisions | None = None) -> list[Event]:
    """Link claims among themselves in one batch: the events, sorted by id.

    ``docinfo``: document id -> metadata (an undated claim is dated by its publication);
    ``parents``: armed-group units to their group (:func:`actor_parents`); ``decisions``: analyst
    decisions (claims of a locked event go to it). Claims without an event type, and background
    mentions that match no event, are in no event."""
    s = settings or LinkSettings()
    linker = Linker(s, decisions or Decisions())
    pairs = unit_keys(claims, docinfo, s, parents)
    claims_of = {k.uid: cs for k, cs in pairs}
    return sorted((_event(c, claims_of) for c in linker.run(k for k, _ in pairs) if c.members),
                  key=lambda e: e.id)


def _event(c: Cluster, claims_of: dict[str, list[Claim]]) -> Event:
    claims = [x for k in c.members for x in claims_of.get(k.uid, ())]
    links = [LinkReason(claim_id=a, other_claim_id=b, score=sc, reasons=r) for a, b, sc, r in c.links]
    return build_event(claims, links, event_id=c.event_id if c.locked else None, locked=c.locked)
