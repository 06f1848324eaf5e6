"""``rashomon serve``: the HTTP API and dashboard under uvicorn."""

from __future__ import annotations

from typing import Annotated, Optional

import typer

from rashomon.cli import app, console
from rashomon.cli.options import DB_DEFAULT, Db
from rashomon.errors import ConfigError


@app.command()
def serve(db: Db = DB_DEFAULT,
          host: Annotated[str, typer.Option("--host", help="Address to bind (default: this machine only).")] = "127.0.0.1",
          port: Annotated[int, typer.Option("--port", min=1, max=65535, help="TCP port.")] = 8000,
          token: Annotated[Optional[str], typer.Option("--token", envvar="RASHOMON_TOKEN",
                                                       help="Allow writes with 'Authorization: Bearer TOKEN'.")] = None,
          private: Annotated[bool, typer.Option("--private", help="Reads need a token too (any role).")] = False,
          create: Annotated[bool, typer.Option("--create", help="Create the database when it does not exist "
                                                                  "(to fill it through the API).")] = False,
          ) -> None:
    """Serve the JSON API (/api, docs at /docs) and the dashboard (/) over the database.
    Read-only unless a token is given or users exist ('rashomon user add'); binds 127.0.0.1
    unless told otherwise.

    Example: rashomon serve --db rashomon.db --port 8000
    """
    import uvicorn

    from rashomon.web.app import create_app

    _check_port(host, port)
    if not create:
        from rashomon.store.store import must_exist

        must_exist(db)  # a mistyped --db is an error, not an empty dashboard
    from rashomon.review.users import has_users

    web = create_app(db, token=token, private=private)
    mode = "writes need a token" if web.state.token or has_users(web.state.store) else "read-only"
    mode += "; reads need a token too" if private else ""
    console.print(f"Serving {db} on http://{host}:{port}/ ({mode}); API docs at /docs. Ctrl-C stops.")
    # idle keep-alive connections close after 5 s; past 64 open connections new requests get a
    # 503 instead of queueing; see docs/reliability.md ("The HTTP API")
    uvicorn.run(web, host=host, port=port, log_level="warning", server_header=False,
                timeout_keep_alive=5, limit_concurrency=64, timeout_graceful_shutdown=10)


def _check_port(host: str, port: int) -> None:
    """Fail with one sentence (not uvicorn's log and exit) when the address cannot be bound."""
    import socket

    try:
        with socket.create_server((host, port)):
            pass
    except OSError as exc:
        raise ConfigError(f"Cannot listen on {host}:{port}: {exc.strerror or exc}.", code="E104",
                          hint="Pick another --port or stop the other server.") from exc
