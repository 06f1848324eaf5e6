"""One typed model per pack file: what keys a pack may hold, and of what kind.

A mistyped key in a pack is otherwise silent: the stage reading the file finds nothing under
the key it expects and quietly extracts less. So every file is validated against its model
when it is loaded, and an unknown key fails with the file, the line and the valid keys
(:func:`validate`). Tables whose keys are the pack's own vocabulary (type names, categories,
actor names) are typed ``dict[str, ...]``; tables with fixed keys forbid any other.

The models check shape, not meaning: a trigger naming an unknown type is the type stage's
business. docs/packs.md describes every file.
"""

from __future__ import annotations

import re
from typing import Any

from pydantic import BaseModel, ConfigDict, ValidationError

Words = list[str]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Loose(BaseModel):
    """A table whose fixed keys are typed but which may hold the pack's own keys too."""

    model_config = ConfigDict(extra="allow")


# --------------------------------------------------------------------------- pack.toml


class Context(Strict):
    country: str | None = None
    country_code: str | None = None
    admin1: str | None = None
    # ISO 3166 alpha-2 codes of the countries the conflict spans, most central first
    countries: list[str] = []


class MapSettings(Strict):
    # [west, south, east, north] in degrees: the map's first view and the outline's clip
    extent: list[float] | None = None


class PackToml(Strict):
    name: str
    description: str = ""
    version: str = "0"
    language: str = "en"
    extends: list[str] = []
    context: Context = Context()
    map: MapSettings = MapSettings()
    linking: dict[str, Any] = {}


# --------------------------------------------------------------------------- places.toml


class Place(Strict):
    name: str
    kind: str = "town"
    aliases: Words = []
    country_code: str | None = None
    admin1: str | None = None
    admin2: str | None = None
    lat: float | None = None
    lon: float | None = None


class PlaceCues(Strict):
    near: Words = []
    locative: Words = []


class PlaceSettings(Strict):
    admin1_aliases: dict[str, str] = {}
    not_places: Words = []
    function_words: Words = []
    type_words: dict[str, str] = {}
    cues: PlaceCues = PlaceCues()
    thresholds: dict[str, int] = {}


class PlacesToml(Strict):
    settings: PlaceSettings = PlaceSettings()
    places: list[Place] = []


# --------------------------------------------------------------------------- actors


class Actor(Strict):
    name: str
    aliases: Words = []
    cased_aliases: Words = []
    kind: str | None = None
    side: str | None = None
    parent: str | None = None
    speaks_for: str | None = None


class ActorsToml(Strict):
    actor: list[Actor] = []
    speaker_names: dict[str, str] = {}


class Generic(Strict):
    name: str
    forms: Words
    kind: str
    resolves_to: Words = []


class GenericActorsToml(Strict):
    resolution: dict[str, int] = {}
    generic: list[Generic] = []


class IncidentsToml(Strict):
    names: Words = []
    aliases: dict[str, str] = {}


# --------------------------------------------------------------------------- language files


class Trigger(Strict):
    phrases: Words
    type: str
    weight: float = 1.0
    window: int | None = None
    if_near: Words = []
    if_before: Words = []
    unless_near: Words = []
    unless_window: int | None = None


class TriggersToml(Strict):
    settings: dict[str, Any] = {}
    types: dict[str, dict[str, Any]] = {}
    lemmas: dict[str, str] = {}
    classes: dict[str, Words] = {}
    trigger: list[Trigger] = []


class Month(Strict):
    name: str
    number: int
    abbrevs: Words = []


class Calendar(Strict):
    months: list[Month] = []
    weekdays: Words = []
    weekday_before: Words = []
    day_parts: Words = []
    month_preps: Words = []
    year_preps: Words = []
    relative: dict[str, dict[str, Any]] = {}


class NumbersToml(Strict):
    units: dict[str, int] = {}
    tens: dict[str, int] = {}
    scales: dict[str, int] = {}
    dozen: dict[str, Any] = {}
    vague: dict[str, dict[str, Any]] = {}
    proportions: dict[str, Words] = {}
    modifiers: dict[str, Words] = {}
    ranges: dict[str, Any] = {}
    calendar: Calendar = Calendar()


class QuantitiesToml(Strict):
    categories: dict[str, Words] = {}
    search: dict[str, Any] = {}
    totals: dict[str, Any] = {}
    victims: dict[str, Words] = {}
    sides: dict[str, Words] = {}
    victim_match: dict[str, Any] = {}
    implied: dict[str, str] = {}
    forced: dict[str, str] = {}
    attackers: dict[str, Any] = {}
    non_persons: dict[str, Words] = {}
    not_after: dict[str, Words] = {}
    grammar: dict[str, Words] = {}
    collective: dict[str, Words] = {}
    persons: dict[str, Words] = {}
    died: dict[str, Words] = {}
    bodies: dict[str, Words] = {}
    died_idioms: dict[str, Words] = {}
    zero: dict[str, dict[str, Words]] = {}


class ReportingToml(Strict):
    hedge_strength: Words = []
    verbs: dict[str, Words] = {}
    participles: dict[str, Words] = {}
    grammar: dict[str, Any] = {}
    prepositions: dict[str, Words] = {}
    adverbs: dict[str, Words] = {}
    anonymous: dict[str, Words] = {}
    placeholders: dict[str, Words] = {}
    subject: dict[str, Any] = {}
    clauses: dict[str, Words] = {}
    story_flags: dict[str, Words] = {}


class FramingToml(Loose):
    """Framing holds many single switches read by name (``frames.py``); its tables are fixed."""

    syntax: dict[str, int] = {}
    grammar: dict[str, Words] = {}


class TypesCaseToml(Strict):
    labels: dict[str, str] = {}


MODELS: dict[str, type[BaseModel]] = {
    "pack.toml": PackToml,
    "places.toml": PlacesToml,
    "actors.toml": ActorsToml,
    "generic_actors.toml": GenericActorsToml,
    "incidents.toml": IncidentsToml,
    "triggers.toml": TriggersToml,
    "numbers.toml": NumbersToml,
    "quantities.toml": QuantitiesToml,
    "reporting.toml": ReportingToml,
    "framing.toml": FramingToml,
    "types_case2021.toml": TypesCaseToml,
}


def validate(filename: str, data: dict[str, Any], text: str, path: str) -> None:
    """Raise :class:`~rashomon.errors.ConfigError` (E160) naming the file, the line and the
    valid keys when ``data`` does not fit the model of ``filename``; E162 for a file no stage
    reads (a misspelt file name would otherwise be ignored)."""
    from rashomon.errors import ConfigError

    model = MODELS.get(filename)
    if model is None:
        raise ConfigError(f"{path}: no stage reads a pack file named {filename!r}.", code="E162",
                          hint=f"Pack files: {', '.join(sorted(MODELS))}.")
    try:
        model.model_validate(data)
    except ValidationError as exc:
        first = exc.errors()[0]
        loc = [p for p in first["loc"] if isinstance(p, str)]
        key = loc[-1] if loc else ""
        line = line_of(text, key) if key else None
        where = f"{path}:{line}" if line else path
        dotted = ".".join(str(p) for p in first["loc"])
        if first["type"] == "extra_forbidden":
            valid = ", ".join(_valid_keys(model, first["loc"][:-1]))
            raise ConfigError(f"{where}: unknown key {dotted!r}.", code="E160",
                              hint=f"Valid keys here: {valid}.") from None
        raise ConfigError(f"{where}: {dotted} {first['msg'].lower()} (got {first['input']!r:.60}).",
                          code="E160", hint="docs/packs.md describes every pack file.") from None


def line_of(text: str, key: str) -> int | None:
    """The first line where ``key`` is set or opens a table (1-based), else None."""
    pattern = re.compile(rf'^\s*(\[\[?\s*)?([\w.-]*\.)?"?{re.escape(key)}"?\s*(=|\]|\.)', re.M)
    m = pattern.search(text)
    return text.count("\n", 0, m.start()) + 1 if m else None


def _valid_keys(model: type[BaseModel], loc: tuple) -> list[str]:
    """Field names of the model at ``loc`` (list indices skipped)."""
    current: Any = model
    for part in loc:
        if isinstance(part, int):
            continue
        field = getattr(current, "model_fields", {}).get(part)
        if field is None:
            break
        current = _inner_model(field.annotation)
    return sorted(getattr(current, "model_fields", {}))


def _inner_model(annotation: Any) -> Any:
    """The model inside ``Model`` or ``list[Model]``."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in getattr(annotation, "__args__", ()):
        if isinstance(arg, type) and issubclass(arg, BaseModel):
            return arg
    return annotation
