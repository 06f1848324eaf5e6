"""HTTP API and dashboard (FastAPI): ``create_app(db, token)``; started by ``rashomon serve``."""

from __future__ import annotations

__all__ = ["create_app"]


def __getattr__(name: str):
    # lazy: importing rashomon.web.geo must not pull in FastAPI
    if name == "create_app":
        from rashomon.web.app import create_app

        return create_app
    raise AttributeError(name)
