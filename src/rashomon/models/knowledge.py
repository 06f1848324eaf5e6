"""Entries of knowledge packs: actors and places."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from rashomon.models.base import ActorKind, Record


class Actor(Record):
    """An entry of a knowledge pack."""

    name: str
    aliases: list[str] = Field(default_factory=list)
    kind: ActorKind
    parent: str | None = None  # e.g. "Majeed Brigade" -> "Baloch Liberation Army"
    side: Literal["state", "armed group", "civilians", "foreign", "other"] = "other"
    speaks_for: str | None = None  # spokesmen, media wings, officials: ISPR -> "Pakistan Army"


class Place(Record):
    name: str
    admin1: str | None = None
    admin2: str | None = None
    country: str | None = None
    country_code: str | None = None
    latitude: float | None = None
    longitude: float | None = None
    precision: int = Field(default=7, ge=1, le=7)
    geonameid: int | None = None
