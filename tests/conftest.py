"""Fixtures shared by the whole suite."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SAMPLES = ROOT / "samples"


def shared_path(*parts: str) -> Path:
    """A path under ../shared. Skips with a reason where it is absent, fails in CI (never skip there)."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        message = f"{path} is absent: these tests read the real seeds and corpora from ../shared"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    return path


@pytest.fixture(scope="session")
def nlp():
    """The full spacecoop spaCy pipeline, loaded once."""
    from spacecoop.pipeline import load
    from spacecoop.settings import Settings

    return load(Settings())


# SPACECOOP_TEST_DB=postgresql+psycopg://user@host:port/postgres runs every test that asks for a
# scratch store (`tmp_db`, `scratch_database`) on that PostgreSQL server instead of SQLite: each gets
# a database of its own, dropped at the end of the session. `.ci/run` does this for the store and
# web suites. Tests of SQLite-only behaviour (WAL, FTS5, files) are marked `sqlite_only`.
TEST_DB = os.environ.get("SPACECOOP_TEST_DB") or None
_created: list[str] = []


def on_postgres() -> bool:
    return TEST_DB is not None


def scratch_database(sqlite_path: Path | str) -> str:
    """`sqlite_path`, or on PostgreSQL the URL of a new empty database on the SPACECOOP_TEST_DB server."""
    if TEST_DB is None:
        return str(sqlite_path)
    import uuid

    from sqlalchemy import create_engine
    from sqlalchemy.engine import make_url

    name = f"spacecoop_test_{uuid.uuid4().hex[:12]}"
    admin = create_engine(TEST_DB, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.exec_driver_sql(f"CREATE DATABASE \"{name}\" TEMPLATE template0 ENCODING 'UTF8'")
    admin.dispose()
    _created.append(name)
    return make_url(TEST_DB).set(database=name).render_as_string(hide_password=False)


def pytest_sessionfinish(session, exitstatus) -> None:
    if not _created:
        return
    from sqlalchemy import create_engine

    admin = create_engine(TEST_DB, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        for name in _created:
            conn.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    admin.dispose()


def pytest_collection_modifyitems(config, items) -> None:
    if TEST_DB is None:
        return
    skip = pytest.mark.skip(reason="SQLite-only behaviour (SPACECOOP_TEST_DB names PostgreSQL)")
    for item in items:
        if "sqlite_only" in item.keywords:
            item.add_marker(skip)


@pytest.fixture()
def tmp_db(tmp_path: Path) -> str:
    return scratch_database(tmp_path / "test.db")
