"""Write protection, roles and response headers.

* Read-only by default: writes need ``Authorization: Bearer <token>`` with either the token
  configured by ``--token`` / ``RASHOMON_TOKEN`` (an admin) or a user's token (``rashomon user
  add NAME --role reader|analyst|admin``). Neither configured: every write answers 403
  (read-only). Missing or wrong token: 401 (one status for both, so a caller cannot probe which
  it was). A valid token whose role is too low: 403 E612. Writes need analyst, user admin admin.
* ``serve --private``: every route but the static files needs a token (any role) too.
* Every response carries a strict Content-Security-Policy: scripts and styles only from this
  server, no inline script, no framing, forms post only here.
"""

from __future__ import annotations

import hmac
from collections.abc import Callable

from fastapi import Request

from rashomon.errors import RashomonError
from rashomon.review.users import Caller, authenticate, has_users

CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
       "connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; "
       "frame-ancestors 'none'; form-action 'self'")
SECURITY_HEADERS = (
    ("content-security-policy", CSP),
    ("x-content-type-options", "nosniff"),
    ("x-frame-options", "DENY"),
    ("referrer-policy", "no-referrer"),
)


class AuthError(RashomonError):
    code = "E401"
    status = 401
    headers = {"WWW-Authenticate": "Bearer"}


class ReadOnlyError(RashomonError):
    code = "E403"
    status = 403


class RoleError(RashomonError):
    code = "E612"
    status = 403


TOKEN_USER = "admin"  # the name the history records for the one RASHOMON_TOKEN


def caller_of(request: Request) -> Caller | None:
    """Who the bearer token belongs to (``None``: no token, or an unknown, wrong or revoked one)."""
    scheme, _, given = request.headers.get("authorization", "").partition(" ")
    given = given.strip()
    if scheme.lower() != "bearer" or not given:
        return None
    expected = request.app.state.token
    if expected and hmac.compare_digest(given.encode(), expected.encode()):
        return Caller(TOKEN_USER, "admin")
    return authenticate(request.app.state.store, given)


def require_role(role: str) -> Callable[[Request], Caller]:
    """A FastAPI dependency: the caller, who must hold ``role`` (see the module docstring)."""

    def check(request: Request) -> Caller:
        caller = caller_of(request)
        if caller is None:
            if not request.app.state.token and not has_users(request.app.state.store):
                raise ReadOnlyError("This server is read-only.",
                                    hint="Start it with --token or RASHOMON_TOKEN, or add users "
                                         "with 'rashomon user add', to allow writes.")
            raise AuthError("Missing or wrong token.", hint="Send 'Authorization: Bearer <token>'.")
        if not caller.can(role):
            raise RoleError(f"User {caller.name} has the {caller.role} role; this needs {role}.",
                            hint="Ask an admin for an analyst token ('rashomon user add NAME --role analyst').")
        return caller

    return check


require_token = require_role("analyst")  # every write
require_admin = require_role("admin")
require_reader = require_role("reader")


def private_reads(request: Request) -> None:
    """App-wide dependency: on a ``--private`` server every route needs a token."""
    if getattr(request.app.state, "private", False):
        require_reader(request)


class SecurityHeaders:
    """Pure ASGI middleware (works for streaming and error responses alike)."""

    def __init__(self, app) -> None:
        self.app = app

    async def __call__(self, scope, receive, send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message) -> None:
            if message["type"] == "http.response.start":
                names = {k.lower() for k, _ in message.get("headers", [])}
                extra = [(k.encode(), v.encode()) for k, v in SECURITY_HEADERS if k.encode() not in names]
                message["headers"] = list(message.get("headers", [])) + extra
            await send(message)

        await self.app(scope, receive, send_with_headers)
