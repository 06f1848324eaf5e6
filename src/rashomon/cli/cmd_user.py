"""``rashomon user add|list|revoke``: API users with roles (reader, analyst, admin)."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.table import Table

from rashomon.cli import app, console
from rashomon.cli.options import DB_DEFAULT, Db
from rashomon.review import add_user, list_users, revoke_user
from rashomon.store import open_store

user_app = typer.Typer(no_args_is_help=True, help="Users of the API and the event page, with "
                       "roles.\n\nExample: rashomon user add amina --role analyst")
app.add_typer(user_app, name="user")


@user_app.command("add")
def add(name: str, role: Annotated[str, typer.Option("--role", help="reader, analyst or admin.")] = "analyst",
        db: Db = DB_DEFAULT) -> None:
    """Create a user and print its token once (only a salted hash is stored).

    Example: rashomon user add amina --role analyst
    """
    with open_store(db) as store:
        token = add_user(store, name, role)
    console.print(f"User {name} ({role}). Token (shown once, keep it): ", end="", highlight=False)
    console.print(token, highlight=False, soft_wrap=True)


@user_app.command("list")
def list_(db: Db = DB_DEFAULT) -> None:
    """List users, their roles and whether they are revoked (tokens are never shown again).

    Example: rashomon user list
    """
    with open_store(db, create=False) as store:
        found = list_users(store)
    t = Table(title=f"{len(found)} users")
    for col in ("name", "role", "created", "revoked"):
        t.add_column(col)
    for u in found:
        t.add_row(u.name, u.role, str(u.created_at), "yes" if u.revoked else "")
    console.print(t)


@user_app.command("revoke")
def revoke(name: str, db: Db = DB_DEFAULT) -> None:
    """Revoke a user's token at once (the user's history stays).

    Example: rashomon user revoke amina
    """
    with open_store(db, create=False) as store:
        revoke_user(store, name)
    console.print(f"User {name} revoked.")
