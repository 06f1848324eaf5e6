"""The body of ``POST /api/events/{id}/corrections``, typed so that its JSON schema says exactly
what the library accepts (``ingest.review.validate``): a request the schema allows is never
refused, and one it forbids is a 422 naming the field.

Correctable fields are ``models.EVENT_FIELDS``; figures are ``<category>.<low|best|high>`` keys
(``killed.best``), which JSON schema states as ``patternProperties``.
"""

from __future__ import annotations

import re
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from rashomon.ingest.review import FIGURE, NAME_LIMITS, ROLES_OF_ACTORS
from rashomon.web.deps import IsoDate

# not all blank, no NUL (the library strips, PostgreSQL refuses NUL), within the column width
NAME_PATTERN = r"^[^\x00]*[^\x00\s][^\x00]*$"
def name(limit: int):
    return Annotated[str, Field(min_length=1, max_length=limit, pattern=NAME_PATTERN)]


ActorName = name(NAME_LIMITS["actor"])


class ActorIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    name: ActorName
    role: Literal[ROLES_OF_ACTORS] | None = None


def _schema(schema: dict[str, Any]) -> None:
    schema["patternProperties"] = {f"^{FIGURE.pattern}$": {"anyOf": [
        {"type": "integer", "minimum": 0, "maximum": 10_000_000}, {"type": "null"}]}}
    schema["additionalProperties"] = False
    schema["minProperties"] = 1
    schema["maxProperties"] = 20


class CorrectionValues(BaseModel):
    """field -> corrected value; null takes a correction back."""

    model_config = ConfigDict(extra="allow", json_schema_extra=_schema)
    date_start: IsoDate | None = None
    date_end: IsoDate | None = None
    event_type: name(NAME_LIMITS["event_type"]) | None = None
    sub_event_type: name(NAME_LIMITS["sub_event_type"]) | None = None
    location: name(NAME_LIMITS["location"]) | None = None
    admin1: name(NAME_LIMITS["admin1"]) | None = None
    admin2: name(NAME_LIMITS["admin2"]) | None = None
    latitude: Annotated[float, Field(strict=True, ge=-90, le=90)] | None = None
    longitude: Annotated[float, Field(strict=True, ge=-180, le=180)] | None = None
    actors: Annotated[list[ActorName | ActorIn], Field(max_length=50)] | None = None

    @model_validator(mode="before")
    @classmethod
    def _keys(cls, data: Any) -> Any:
        if isinstance(data, dict):
            if not 1 <= len(data) <= 20:
                raise ValueError("give 1 to 20 fields")
            for key, value in data.items():
                if key in cls.model_fields:
                    continue
                if not re.fullmatch(FIGURE.pattern, key):
                    raise ValueError(f"'{key}' cannot be corrected: correct a field of the schema or "
                                     "a figure like killed.best")
                # JSON schema counts 12.0 as an integer, and so does the library
                whole = type(value) is int or (type(value) is float and value.is_integer())
                if value is not None and (not whole or not 0 <= value <= 10_000_000):
                    raise ValueError(f"{key} is a whole number from 0 to 10,000,000, or null")
        return data

    def as_dict(self) -> dict[str, Any]:
        """The fields the request named (null included), in the library's form."""
        out = {}
        for key in self.model_fields_set | set(self.model_extra or {}):
            value = getattr(self, key, None) if key in type(self).model_fields else self.model_extra[key]
            if isinstance(value, list):
                value = [a.model_dump() if isinstance(a, ActorIn) else a for a in value]
            elif hasattr(value, "isoformat"):
                value = value.isoformat()
            out[key] = value
        return out
