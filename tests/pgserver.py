"""A throwaway PostgreSQL cluster for the test session (pytest plugin).

Use from a test file (pytest puts ``tests/`` on sys.path)::

    from pgserver import pg_server, pg_url  # noqa: F401  (fixtures)

``pg_server``: ONE server per test session however many files import it: initdb + pg_ctl start
in a temporary directory on a free 127.0.0.1 port, as a non-root system user when the tests run
as root (PostgreSQL refuses to run as root); stopped and deleted by a session clean-up
(``config.add_cleanup``), even when tests fail. ``pg_url``: a fresh, empty database on
that server for one test, as a ``postgresql://`` URL.

When the server programs are missing or the server cannot start, the fixtures FAIL (never skip):
``bash scripts/ensure-system-deps.sh`` installs Debian's ``postgresql``.
"""

from __future__ import annotations

import glob
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import uuid
from dataclasses import dataclass
from pathlib import Path

import pytest

PG_USER = "rashomon-pg"


@dataclass
class PgServer:
    bindir: Path
    root: Path
    port: int
    user: str | None

    def url(self, database: str = "postgres") -> str:
        return f"postgresql://postgres@127.0.0.1:{self.port}/{database}"

    def create_database(self) -> str:
        import psycopg

        name = "t_" + uuid.uuid4().hex[:12]
        with psycopg.connect(self.url(), autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{name}"')
        return self.url(name)


def find_bindir() -> Path:
    """The directory holding initdb/pg_ctl (PATH first, then Debian's versioned folders)."""
    found = shutil.which("initdb")
    if found:
        return Path(os.path.realpath(found)).parent
    for candidate in sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"), reverse=True):
        return Path(candidate).parent
    raise RuntimeError("PostgreSQL server programs (initdb, pg_ctl) not found: run "
                       "'bash scripts/ensure-system-deps.sh' (installs Debian's postgresql).")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _service_user() -> str | None:
    """None when not root; otherwise a system user to run the server as (created if needed)."""
    if os.geteuid() != 0:
        return None
    try:
        pwd.getpwnam(PG_USER)
    except KeyError:
        subprocess.run(["useradd", "--system", "--no-create-home", "--shell", "/usr/sbin/nologin",
                        PG_USER], check=False, capture_output=True)
        pwd.getpwnam(PG_USER)  # raises if useradd failed: the fixture must fail loudly
    return PG_USER


def _run(server: PgServer, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([str(server.bindir / args[0]), *args[1:]], capture_output=True, text=True,
                          user=server.user, group=server.user, cwd=server.root, timeout=120,
                          env={"PATH": os.environ.get("PATH", ""), "LC_ALL": "C"})


def start_server() -> PgServer:
    user = _service_user()
    root = Path(tempfile.mkdtemp(prefix="rashomon-pg-"))
    if user:
        os.chown(root, pwd.getpwnam(user).pw_uid, pwd.getpwnam(user).pw_gid)
    server = PgServer(bindir=find_bindir(), root=root, port=_free_port(), user=user)
    r = _run(server, "initdb", "-D", str(root / "data"), "-U", "postgres", "--auth=trust",
             "-E", "UTF8", "--locale=C")
    if r.returncode != 0:
        raise RuntimeError(f"initdb failed: {r.stderr.strip()[-500:]}")
    # fsync off: a test cluster needs speed, not durability.
    opts = (f"-p {server.port} -k {root} -c listen_addresses=127.0.0.1 -c fsync=off "
            "-c synchronous_commit=off -c full_page_writes=off -c max_connections=60")
    r = _run(server, "pg_ctl", "-D", str(root / "data"), "-l", str(root / "log"), "-o", opts,
             "-w", "-t", "60", "start")
    if r.returncode != 0:
        log = (root / "log").read_text(errors="replace")[-800:] if (root / "log").exists() else ""
        stop_server(server)
        raise RuntimeError(f"PostgreSQL did not start: {r.stderr.strip()} {log}")
    return server


def stop_server(server: PgServer) -> None:
    if (server.root / "data" / "postmaster.pid").exists():
        _run(server, "pg_ctl", "-D", str(server.root / "data"), "-m", "immediate", "-w", "stop")
    shutil.rmtree(server.root, ignore_errors=True)


_STARTED: list[PgServer] = []


@pytest.fixture(scope="session")
def pg_server(request) -> PgServer:
    if not _STARTED:
        try:
            _STARTED.append(start_server())
        except Exception as exc:  # fail, never skip: team mode must be tested
            pytest.fail(f"cannot start a throwaway PostgreSQL server: {exc}", pytrace=False)
        request.config.add_cleanup(lambda: stop_server(_STARTED.pop()))
    return _STARTED[0]


@pytest.fixture
def pg_url(pg_server) -> str:
    return pg_server.create_database()
