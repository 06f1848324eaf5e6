"""One EventFilter from what a user typed, for the CLI, the HTTP API and ``rashomon.open``.

The filter words for actor and place are resolved through the knowledge pack's names and
aliases (``packs.aliases``), and a value the filter cannot take is one sentence naming it,
never an empty result: an unknown status (E108), a range that ends before it starts (E109),
any other bad value (E107).
"""

from __future__ import annotations


from pydantic import ValidationError

from rashomon.errors import ConfigError
from rashomon.packs import KnowledgePack, default_pack_name
from rashomon.packs.aliases import names_for
from rashomon.store.filters import EventFilter



def event_filter(pack: KnowledgePack | str | None = None, **values) -> EventFilter:
    """``EventFilter(**values)`` with ``actor_names`` / ``place_names`` from ``pack`` (a name,
    a loaded pack, or None for ``RASHOMON_PACK``). Raises :class:`ConfigError`."""
    try:
        f = EventFilter(**values)
    except ValidationError as exc:
        raise _error(exc) from None
    pack = pack or default_pack_name()
    return with_aliases(f, pack)


def with_aliases(f: EventFilter, pack: KnowledgePack | str) -> EventFilter:
    """``f`` with the canonical names its actor and place words stand for in ``pack``."""
    if not (f.actor or f.place):
        return f
    return f.model_copy(update={"actor_names": names_for(f.actor, pack, "actor"),
                                "place_names": names_for(f.place, pack, "place")})


def _error(exc: ValidationError) -> ConfigError:
    first = exc.errors()[0]
    where = first["loc"][0] if first["loc"] else None
    message = first["msg"].removeprefix("Value error, ")
    if where == "status":
        return ConfigError(f"--status {first['input']!r} {message}.", code="E108")
    if where is None and "before since" in message:
        return ConfigError(f"The date range is empty: {message}.", code="E109",
                           hint="Give a since day on or before the until day.")
    return ConfigError(f"Bad filter: {where} {message}.", code="E107")
