"""One error body everywhere: ``{"error": {"code", "message", "hint", "location"}}``.

Every failure the API can answer (our own errors, unknown routes, wrong methods, invalid
parameters, crashes) goes through these handlers and so has the shape of
``RashomonError.to_dict()``; clients need one parser.
"""

from __future__ import annotations

import logging

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from starlette.exceptions import HTTPException as StarletteHTTPException

from rashomon.errors import RashomonError
from rashomon.web.security import SECURITY_HEADERS

log = logging.getLogger("rashomon.web")

HTTP_CODES = {401: "E401", 403: "E403", 404: "E404", 405: "E405", 413: "E413"}


def error_response(status: int, code: str, message: str, hint: str | None = None,
                   location: str | None = None, headers: dict | None = None) -> JSONResponse:
    body = RashomonError(message, code=code, hint=hint, location=location).to_dict()
    return JSONResponse(body, status_code=status, headers=headers)


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
    if exc.status_code == 404 and message == "Not Found":
        message = f"Nothing at {request.url.path}."
    body = RashomonError(message, code=HTTP_CODES.get(exc.status_code, f"E{exc.status_code}"),
                         hint="See /docs for the API.", location=request.url.path).to_dict()
    return respond(request, exc.status_code, body, getattr(exc, "headers", None))


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
    app.add_exception_handler(RashomonError, _rashomon)
    app.add_exception_handler(StarletteHTTPException, _http)
    app.add_exception_handler(RequestValidationError, _validation)
    app.add_exception_handler(Exception, _crash)
