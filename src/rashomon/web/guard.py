"""What every request must pass before any route sees it (pure ASGI middleware, ``RequestGuard``).

In this order, each refusal answered with the one error body and never by reading the body:

1. a NUL character in the path or the query string -> 400 ``E461`` (SQLite would search for it,
   PostgreSQL refuses it as a ``DataError``: refused alike on both backends);
2. a declared ``Content-Length`` over the limit -> 413 ``E462`` at once;
3. a write route (one whose route needs the token) without the right token -> 401/403, BEFORE
   the body is read, so an unauthenticated client cannot make the server hold its body;
4. the body is then counted while it is read: past the limit (chunked bodies) -> 413 ``E462``;
   a body chunk that takes longer than ``body_timeout`` seconds to arrive -> 408 ``E463``.

Idle connections and slow request heads are the server's job (``rashomon serve`` sets uvicorn's
``timeout_keep_alive`` and ``limit_concurrency``; see docs/reliability.md).
"""

from __future__ import annotations

import asyncio
from urllib.parse import unquote

from starlette.exceptions import HTTPException
from starlette.responses import JSONResponse
from starlette.routing import Match

from rashomon.errors import RashomonError
from rashomon.web.security import require_token

MAX_BODY_BYTES = 12_000_000  # a 5 MB text (the CLI's --max-bytes) with JSON escapes, and its metadata
BODY_TIMEOUT = 30.0  # seconds one body chunk may take to arrive


class LimitError(HTTPException):
    """A request refused by a limit: raised inside ``receive`` so FastAPI passes it through."""

    def __init__(self, status: int, code: str, message: str) -> None:
        super().__init__(status_code=status, detail=message)
        self.code = code


def too_large(limit: int) -> LimitError:
    return LimitError(413, "E462", f"The request body is larger than the limit of {limit:,} bytes.")


def error_response(status: int, code: str, message: str, hint: str | None = None,
                   location: str | None = None, headers: dict | None = None) -> JSONResponse:
    """The one error body (``rashomon.web.errors`` uses this too)."""
    body = RashomonError(message, code=code, hint=hint, location=location).to_dict()
    return JSONResponse(body, status_code=status, headers=headers)


class RequestGuard:
    def __init__(self, app, max_body_bytes: int = MAX_BODY_BYTES, body_timeout: float = BODY_TIMEOUT) -> None:
        self.app, self.limit, self.timeout = app, max_body_bytes, body_timeout

    async def __call__(self, scope, receive, send) -> None:

        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        try:
            self._check_head(scope)
        except (LimitError, RashomonError) as exc:
            if isinstance(exc, LimitError):
                resp = error_response(exc.status_code, exc.code, exc.detail,
                                      location=scope["path"][:200].replace("\x00", "\\0"))
            else:
                resp = error_response(exc.status, exc.code, exc.message, hint=exc.hint,
                                      headers=getattr(exc, "headers", None))
            await resp(scope, receive, send)
            return
        await self.app(scope, self._counting(receive), send)

    def _check_head(self, scope) -> None:
        query = unquote(scope.get("query_string", b"").decode("latin-1"))
        if "\x00" in scope["path"] or "\x00" in query:
            raise LimitError(400, "E461", "The request holds a NUL character (in its path or query).")
        length = dict(scope.get("headers") or []).get(b"content-length", b"0")
        if not length.isdigit():
            raise LimitError(400, "E461", "The Content-Length header is not a number.")
        if int(length) > self.limit:
            raise too_large(self.limit)
        if needs_token(scope):
            require_token(_HeadOnly(scope))

    def _counting(self, receive):
        seen = 0

        async def guarded():
            nonlocal seen
            try:
                message = await asyncio.wait_for(receive(), self.timeout)
            except TimeoutError:
                raise LimitError(408, "E463", f"The request body stalled for over {self.timeout:g} s.") from None
            seen += len(message.get("body", b""))
            if seen > self.limit:
                raise too_large(self.limit)
            return message

        return guarded


def needs_token(scope) -> bool:
    """True when the route this request reaches (path and method) depends on the write token."""
    for route in app_routes(scope):
        match, _ = route.matches(scope)
        if match is Match.FULL:
            deps = getattr(getattr(route, "dependant", None), "dependencies", ())
            return any(d.call is require_token for d in deps)
    return False


def app_routes(scope) -> list:
    """The app's own routes (``create_app`` lists them in ``app.state.routes``: FastAPI nests
    included routers in private wrappers that do not show them)."""
    app = scope.get("app")
    return getattr(getattr(app, "state", None), "routes", None) or []


class _HeadOnly:
    """The part of a Request ``require_token`` reads (app state and headers), from the scope."""

    def __init__(self, scope) -> None:
        self.app = scope["app"]
        self.headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope["headers"]}
