"""The FastAPI application: ``create_app(db, token)`` wires the store, routes, errors, headers.

The app is read-only unless a token is given (``token`` argument, else ``RASHOMON_TOKEN``).
Every asset (CSS, JS, the API docs page) is served by the app itself: it works offline.
"""

from __future__ import annotations

import threading
from contextlib import asynccontextmanager
from pathlib import Path

from fastapi import Depends, FastAPI
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates

from rashomon.settings import Settings
from rashomon.store import open_store
from rashomon.store.stats import StatsCache
from rashomon.version import __version__
from rashomon.web import api, errors, map_api, openapi, pages, review_api, trends_api, trends_page
from rashomon.web.guard import BODY_TIMEOUT, MAX_BODY_BYTES, RequestGuard
from rashomon.web.security import SecurityHeaders, private_reads

HERE = Path(__file__).resolve().parent
templates = Jinja2Templates(directory=str(HERE / "templates"))  # autoescape on for .html


def web_link(url: str | None) -> str | None:
    """A stored URL as a link target only when it is http(s): ``javascript:`` or ``data:`` URLs
    are shown as nothing rather than trusted to the CSP."""
    text = (url or "").strip()
    return text if text.lower().startswith(("http://", "https://")) else None


templates.env.filters["web_link"] = web_link


def create_app(db: str, token: str | None = None, pack: str | None = None,
               max_body_bytes: int = MAX_BODY_BYTES, body_timeout: float = BODY_TIMEOUT,
               private: bool = False) -> FastAPI:
    """Build the app over the database at ``db`` (path or URL).

    Inputs: database, write token (None: ``RASHOMON_TOKEN`` or read-only), knowledge pack name,
    request body limits (``rashomon.web.guard``), ``private`` (reads need a token too).
    Output: a FastAPI app; its store is closed on shutdown.
    """
    settings = Settings.from_env(db=db, token=token, pack=pack)
    store = open_store(settings.db)

    @asynccontextmanager
    async def lifespan(app_: FastAPI):
        # the first visitor should not pay for the map outlines and the unfiltered stats
        threading.Thread(target=warm_up, args=(app_,), daemon=True, name="rashomon-warm-up").start()
        yield
        store.close()

    app = FastAPI(title="rashomon", lifespan=lifespan, version=__version__, docs_url=None, redoc_url=None,
                  redirect_slashes=False,  # errors.slash_target redirects without reading Host
                  dependencies=[Depends(private_reads)],
                  description="Conflict events that keep every side's claims. "
                              "Errors always have the body {\"error\": {code, message, hint, location}}.")
    app.state.store = store
    app.state.token = settings.token
    app.state.private = private
    app.state.pack_name = settings.pack
    app.state.stats = StatsCache()
    app.state.write_lock = threading.Lock()  # one ingest at a time: linking reads then writes
    app.state.templates = templates
    app.add_middleware(RequestGuard, max_body_bytes=max_body_bytes, body_timeout=body_timeout)
    app.add_middleware(SecurityHeaders)  # outermost: the guard's refusals carry the headers too
    errors.install(app)
    openapi.install(app, api.MEDIA)
    app.mount("/static", StaticFiles(directory=str(HERE / "static")), name="static")
    app.include_router(api.router)
    app.include_router(map_api.router)
    app.include_router(review_api.router)
    app.include_router(trends_api.router)
    app.include_router(pages.router)
    app.include_router(trends_page.router)
    app.state.routes = [*api.router.routes, *map_api.router.routes, *review_api.router.routes, *pages.router.routes,
                        *trends_page.router.routes]
    return app


def warm_up(app: FastAPI) -> None:
    """Compute what the dashboard's first page needs (runs in a background thread)."""
    from rashomon.store import EventFilter
    from rashomon.web import geo, map_api

    try:
        where = geo.region(app.state.pack_name)
        geo.outlines(geo.projection(where=where).width, where)  # the <noscript> map
        map_api.outlines_geojson(where)
        app.state.stats.get(app.state.store, EventFilter(), "week")
    except Exception:  # a warm-up failure must not stop the server: the request will report it
        errors.log.exception("warm-up failed")
