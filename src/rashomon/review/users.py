"""Users with roles, and their tokens.

A token is ``rsh_<token id>_<secret>``: the id (stored in clear) finds the user, the secret is
checked against a salted PBKDF2-SHA256 hash with a constant-time compare; the token itself is
shown once and never stored. Roles are ordered: reader < analyst < admin (each has the rights
of those before it). The one token of ``RASHOMON_TOKEN`` stays valid and counts as an admin.
"""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets
from dataclasses import dataclass

from rashomon.errors import ConfigError, NotFoundError
from rashomon.models import ROLES, User
from rashomon.store import review as sql

ITERATIONS = 120_000  # PBKDF2 rounds: ~50 ms per check; the secret itself has 192 random bits
NAME = re.compile(r"[A-Za-z0-9_.@-]{1,64}")


@dataclass(frozen=True)
class Caller:
    """Who sent a request or ran a command: the name the history records, and the role."""

    name: str
    role: str

    def can(self, role: str) -> bool:
        return ROLES.index(self.role) >= ROLES.index(role)


def _hash(secret: str, salt: str) -> str:
    return hashlib.pbkdf2_hmac("sha256", secret.encode(), bytes.fromhex(salt), ITERATIONS).hex()


def check_role(role: str) -> None:
    if role not in ROLES:
        raise ConfigError(f"Unknown role '{role}'.", code="E607", hint=f"Use one of: {', '.join(ROLES)}.")


def add_user(store, name: str, role: str) -> str:
    """Create a user; returns the token (shown once: only its hash is stored)."""
    check_role(role)
    if not NAME.fullmatch(name):
        raise ConfigError(f"A user name is 1-64 letters, digits or . _ @ -, not '{name}'.", code="E608")
    with store.session() as s:
        if sql.user_by_name(s.conn, name) is not None:
            raise ConfigError(f"A user named {name} exists already.", code="E605",
                              hint=f"Revoke it first with 'rashomon user revoke {name}'.")
        token_id, secret, salt = secrets.token_hex(6), secrets.token_urlsafe(24), secrets.token_hex(16)
        sql.insert_user(s.conn, name, role, token_id, salt, _hash(secret, salt))
    return f"rsh_{token_id}_{secret}"


def list_users(store) -> list[User]:
    with store.engine.connect() as conn:
        return [User(name=r["name"], role=r["role"], created_at=r["created_at"],
                     revoked=r["revoked_at"] is not None) for r in sql.user_rows(conn)]


def revoke_user(store, name: str) -> None:
    with store.session() as s:
        if not sql.revoke_user(s.conn, name):
            raise NotFoundError(f"No active user named {name}.", code="E606",
                                hint="List users with 'rashomon user list'.")


def authenticate(store, token: str) -> Caller | None:
    """The user a token belongs to, or ``None`` (unknown, wrong or revoked)."""
    m = re.fullmatch(r"rsh_([0-9a-f]{12})_([A-Za-z0-9_-]{16,64})", token)
    if m is None or not hasattr(store, "engine"):
        return None
    with store.engine.connect() as conn:
        row = sql.user_by_token_id(conn, m.group(1))
    if row is None or row["revoked_at"] is not None:
        return None
    if not hmac.compare_digest(_hash(m.group(2), row["salt"]), row["token_hash"]):
        return None
    return Caller(row["name"], row["role"])


def has_users(store) -> bool:
    if not hasattr(store, "engine"):
        return False
    with store.engine.connect() as conn:
        return sql.has_users(conn)
