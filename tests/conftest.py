"""Shared fixtures. Conventions are in tests/README.md."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared" / "data"
SEED = SHARED / "seed" / "000_c1482cdd8b86017f.txt"
DEMO_CORPUS = ROOT / "src" / "rashomon" / "packs" / "balochistan" / "demo"
LINKING = ROOT / "tests" / "data" / "linking"


@pytest.fixture(scope="session")
def shared_data() -> Path:
    assert SHARED.is_dir(), "../shared/data must sit beside the checkout (CI provides it)"
    return SHARED


@pytest.fixture(scope="session")
def seed_text() -> str:
    return SEED.read_text("utf-8")


@pytest.fixture(scope="session")
def pack():
    from rashomon.packs import load_pack

    return load_pack("balochistan")


@pytest.fixture
def db_path(tmp_path) -> str:
    return str(tmp_path / "test.db")


@pytest.fixture
def store(db_path):
    from rashomon.store import open_store

    s = open_store(db_path)
    yield s
    s.close()


def run_cli(*args: str, input: str | None = None, env: dict | None = None,
            cwd: str | None = None) -> subprocess.CompletedProcess:
    """Run the real console script in a subprocess (as a user would)."""
    full_env = {**os.environ, "COLUMNS": "200", **(env or {})}
    exe = Path(sys.executable).parent / "rashomon"
    return subprocess.run([str(exe), *args], input=input, capture_output=True, text=True,
                          env=full_env, cwd=cwd, timeout=600)


@pytest.fixture
def cli():
    return run_cli
