"""One error body everywhere: ``{"error": {"code", "message", "hint", "location"}}``.

Every failure the API can answer (our own errors, unknown routes, wrong methods, invalid
parameters, crashes) goes through these handlers and so has the shape of
``RashomonError.to_dict()``; clients need one parser.
"""

from __future__ import annotations

import errno
import logging

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, RedirectResponse, Response
from sqlalchemy.exc import DataError, InterfaceError, OperationalError
from sqlalchemy.exc import TimeoutError as SATimeoutError
from starlette.routing import Match
from starlette.exceptions import HTTPException as StarletteHTTPException

from rashomon.errors import RashomonError, StoreError
from rashomon.web.guard import app_routes, error_response
from rashomon.web.security import SECURITY_HEADERS

log = logging.getLogger("rashomon.web")

HTTP_CODES = {400: "E465", 401: "E401", 403: "E403", 404: "E404", 405: "E405", 413: "E413"}


def wants_html(request: Request) -> bool:
    """A browser asking for a page (not the API) gets the same error as an HTML page."""
    return (not request.url.path.startswith(("/api", "/openapi"))
            and "text/html" in request.headers.get("accept", ""))


def respond(request: Request, status: int, body: dict, headers: dict | None = None) -> Response:
    if wants_html(request):
        return request.app.state.templates.TemplateResponse(
            request, "error.html", body["error"], status_code=status, headers=headers)
    return JSONResponse(body, status_code=status, headers=headers)


async def _rashomon(request: Request, exc: RashomonError) -> Response:
    return respond(request, exc.status, exc.to_dict(), getattr(exc, "headers", None))


async def _http(request: Request, exc: StarletteHTTPException) -> Response:
    message = exc.detail if isinstance(exc.detail, str) else "HTTP error."
    headers = dict(getattr(exc, "headers", None) or {})
    if exc.status_code == 404 and message == "Not Found":
        if (target := slash_target(request)) is not None:
            return RedirectResponse(target, status_code=307)
        message = f"Nothing at {request.url.path}."
    if exc.status_code == 405:  # every method of the path, not only the first route's
        headers["Allow"] = ", ".join(allowed_methods(request))
    if exc.status_code == 400 and message == "There was an error parsing the body":
        message = "The request body is not valid JSON (or holds a number too long to read)."
    code = getattr(exc, "code", None) or HTTP_CODES.get(exc.status_code, f"E{exc.status_code}")
    body = RashomonError(message if message.endswith(".") else message + ".", code=code,
                         hint="See /docs for the API.", location=request.url.path[:200]).to_dict()
    return respond(request, exc.status_code, body, headers or None)


def slash_target(request: Request) -> str | None:
    """``/api/events/`` -> ``/api/events``: a relative Location under the configured root path,
    never built from the Host header (Starlette's own slash redirect reflects Host)."""
    path = request.url.path
    if len(path) < 2 or not path.endswith("/"):
        return None
    scope = {**request.scope, "path": path.rstrip("/") or "/"}
    if not any(r.matches(scope)[0] is Match.FULL for r in app_routes(request.scope)):
        return None
    query = request.url.query
    return request.scope.get("root_path", "") + scope["path"] + (f"?{query}" if query else "")


def allowed_methods(request: Request) -> list[str]:
    """The methods of the path as the OpenAPI schema lists them: a literal path
    (``/api/events/merge``) wins over a templated one that also matches (``/api/events/{id}``)."""
    found = [r for r in app_routes(request.scope)
             if getattr(r, "methods", None) and r.matches(request.scope)[0] is not Match.NONE]
    literal = [r for r in found if "{" not in getattr(r, "path", "{")]
    return sorted({m for r in (literal or found) for m in r.methods})


# A database that cannot be reached, is locked or whose disk is full: the server's state, not
# the request's fault, and temporary: 503 with Retry-After.
UNAVAILABLE = (OperationalError, InterfaceError, SATimeoutError)


def unavailable_reason(exc: BaseException) -> str:
    text = str(getattr(exc, "orig", None) or exc).lower()
    if isinstance(exc, OSError) and exc.errno == errno.ENOSPC or "disk is full" in text or "disk full" in text \
            or "no space left" in text:
        return "disk full"
    if "locked" in text or "busy" in text:
        return "database busy"
    return "database unreachable"


async def _unavailable(request: Request, exc: Exception) -> Response:
    log.error("database unavailable on %s: %s", request.url.path, exc)
    return error_response(503, "E501", f"The database is unavailable ({unavailable_reason(exc)}).",
                          hint="Try again later; the server log has the details.",
                          location=request.url.path[:200], headers={"Retry-After": "30"})


async def _store(request: Request, exc: StoreError) -> Response:
    """A StoreError raised from a database failure is unavailability too."""
    if isinstance(exc.__cause__, UNAVAILABLE) or exc.status >= 500:
        return await _unavailable(request, exc.__cause__ or exc)
    return await _rashomon(request, exc)


async def _data(request: Request, exc: DataError) -> Response:
    # validation should refuse such values first; a value the database still refuses is the
    # request's, never a crash
    return error_response(400, "E464", "The database refused a value of the request.",
                          hint="Check the parameters for control characters or out-of-range values.",
                          location=request.url.path[:200])


async def _os(request: Request, exc: OSError) -> Response:
    if exc.errno == errno.ENOSPC:
        return await _unavailable(request, exc)
    return await _crash(request, exc)


async def _validation(request: Request, exc: RequestValidationError) -> JSONResponse:
    first = exc.errors()[0] if exc.errors() else {}
    where = ".".join(str(p) for p in first.get("loc", ()))
    msg = f"Invalid {where or 'request'}: {first.get('msg', 'validation failed')}."
    return error_response(422, "E422", msg, hint="See /openapi.json for the expected parameters.",
                          location=where or None)


async def _crash(request: Request, exc: Exception) -> JSONResponse:
    # ServerErrorMiddleware sits outside every other middleware: add the headers here.
    log.exception("unhandled error on %s", request.url.path)
    return error_response(500, "E500", f"Internal error ({exc.__class__.__name__}).",
                          hint="The server log has the details.", location=request.url.path,
                          headers=dict(SECURITY_HEADERS))


def install(app: FastAPI) -> None:
    """Register the handlers that give every error the one body shape."""
    app.add_exception_handler(StoreError, _store)
    app.add_exception_handler(RashomonError, _rashomon)
    for kind in UNAVAILABLE:
        app.add_exception_handler(kind, _unavailable)
    app.add_exception_handler(DataError, _data)
    app.add_exception_handler(OSError, _os)
    app.add_exception_handler(StarletteHTTPException, _http)
    app.add_exception_handler(RequestValidationError, _validation)
    app.add_exception_handler(Exception, _crash)
