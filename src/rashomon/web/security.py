"""Write protection and response headers.

* Read-only by default: writes need ``Authorization: Bearer <token>`` with the token configured
  by ``--token`` / ``RASHOMON_TOKEN``. No token configured: every write answers 403 (read-only).
  Missing or wrong token: 401 (one status for both, so a caller cannot probe which it was).
* Every response carries a strict Content-Security-Policy: scripts and styles only from this
  server, no inline script, no framing, forms post only here.
"""

from __future__ import annotations

import hmac

from fastapi import Request

from rashomon.errors import RashomonError

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


def require_token(request: Request) -> None:
    """FastAPI dependency for write endpoints (see module docstring for the rules)."""
    expected = request.app.state.token
    if not expected:
        raise ReadOnlyError("This server is read-only.",
                            hint="Start it with --token or RASHOMON_TOKEN to allow writes.")
    scheme, _, given = request.headers.get("authorization", "").partition(" ")
    if scheme.lower() != "bearer" or not hmac.compare_digest(given.strip().encode(), expected.encode()):
        raise AuthError("Missing or wrong token.", hint="Send 'Authorization: Bearer <token>'.")


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
