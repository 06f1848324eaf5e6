"""The OpenAPI schema says what the server really answers: the one error body for every 4xx and
503 an operation can give, the bearer-token scheme on writes, the media types of the exports,
and ``updated_at`` as it is written (UTC without an offset, which is not RFC 3339 ``date-time``).
"""

from __future__ import annotations

from fastapi import FastAPI
from fastapi.openapi.utils import get_openapi

ERROR_SCHEMA = {
    "type": "object", "required": ["error"],
    "properties": {"error": {"type": "object", "required": ["code", "message", "hint", "location"],
                             "properties": {"code": {"type": "string"}, "message": {"type": "string"},
                                            "hint": {"type": ["string", "null"]},
                                            "location": {"type": ["string", "null"]}}}},
}
ERRORS = {"400": "a NUL character, an unreadable body or a value the database refuses",
          "404": "no such event, document or path",
          "413": "request body over the size limit",
          "422": "a parameter or body field out of its bounds",
          "503": "the database is unavailable (disk full, unreachable, busy)"}
WRITE_ERRORS = {"401": "missing or wrong token", "403": "the server is read-only"}
NAIVE_STAMPS = ("updated_at", "reviewed_at")  # stamps the store writes as naive UTC
NAIVE_UTC = {"type": "string", "pattern": r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?$",
             "description": "UTC, ISO 8601 without an offset"}


def install(app: FastAPI, media: dict[str, str]) -> None:
    """Replace ``app.openapi`` with the completed schema (built once, then cached)."""

    def schema() -> dict:
        if app.openapi_schema is None:
            doc = get_openapi(title=app.title, version=app.version, description=app.description,
                              routes=app.routes)
            complete(doc, media)
            app.openapi_schema = doc
        return app.openapi_schema

    app.openapi = schema


NO_NUL = r"^[^\x00]*$"  # the guard refuses NUL in a path or query string (400 E461)


def no_nul(schema: dict) -> None:
    """Say in a parameter's schema that NUL is refused (free-text strings only)."""
    for sub in [schema, *schema.get("anyOf", [])]:
        if sub.get("type") == "string" and "format" not in sub and "pattern" not in sub and "enum" not in sub:
            sub["pattern"] = NO_NUL


def complete(doc: dict, media: dict[str, str]) -> None:
    comps = doc.setdefault("components", {})
    comps.setdefault("schemas", {})["Error"] = ERROR_SCHEMA
    comps["securitySchemes"] = {"bearer": {"type": "http", "scheme": "bearer"}}
    ref = {"content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}}
    for path, ops in doc.get("paths", {}).items():
        for method, op in ops.items():
            for param in op.get("parameters", []):
                no_nul(param.get("schema", {}))
            extra = dict(ERRORS)
            if method != "get":
                op["security"] = [{"bearer": []}]
                extra.update(WRITE_ERRORS)
            for status, why in extra.items():
                op.setdefault("responses", {}).setdefault(status, {"description": why, **ref})
            if "{fmt}" in path:
                op["responses"]["200"]["content"] = {m: {"schema": {}} for m in sorted({v.split(";")[0] for v in media.values()})}
    for title, model in comps["schemas"].items():
        for name in NAIVE_STAMPS + (("at",) if title == "HistoryOut" else ()):
            if name in model.get("properties", {}):
                model["properties"][name] = {"anyOf": [NAIVE_UTC, {"type": "null"}]}
