"""Engines for the store: SQLite pragmas on connect, and write transactions that take the lock early."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import Connection, Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError
from sqlalchemy.pool import StaticPool

from spacecoop.errors import StoreError

# How long a writer waits for another process's write lock before giving up.
BUSY_TIMEOUT_MS = 60_000


def engine_for(url: str) -> Engine:
    """An engine for a SQLAlchemy URL. A SQLite file's folder must exist; the file is created."""
    try:
        parsed = make_url(url)
    except ArgumentError as error:
        raise StoreError(f"{url}: not a database path or URL ({error})") from error
    if parsed.get_backend_name() != "sqlite":
        try:
            return create_engine(parsed, pool_pre_ping=True)
        except Exception as error:  # a missing driver (psycopg) or a malformed URL
            raise StoreError(f"{parsed.render_as_string(hide_password=True)}: {error}") from error
    database = parsed.database or ""
    in_memory = database in ("", ":memory:")
    # A file: URI (uri=true, for example mode=ro) is left to SQLite to check.
    is_uri = database.startswith("file:") and parsed.query.get("uri") == "true"
    if not in_memory and not is_uri and not Path(database).parent.exists():
        raise StoreError(
            f"{database}: cannot create the store, folder {Path(database).parent} does not exist"
        )
    # One shared connection for an in-memory store, or every connection would see an empty database.
    extra = {"poolclass": StaticPool, "connect_args": {"check_same_thread": False}} if in_memory else {}
    engine = create_engine(parsed, **extra)
    _configure_sqlite(engine, wal=not in_memory)
    return engine


def _configure_sqlite(engine: Engine, *, wal: bool) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection, _record) -> None:
        # Let SQLAlchemy emit BEGIN itself, so DDL is transactional and migrations are atomic.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        if wal:
            cursor.execute("PRAGMA journal_mode=WAL")  # readers (web UI) never block the writer
            cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Connection) -> None:
        # Writers take the lock at BEGIN: a deferred transaction that reads and then writes can fail
        # under WAL when another process wrote in between, without waiting for busy_timeout.
        mode = conn.get_execution_options().get("sqlite_begin", "")
        conn.exec_driver_sql(f"BEGIN {mode}".strip())


@contextmanager
def write_transaction(engine: Engine) -> Iterator[Connection]:
    """One transaction for a write: committed when the block ends, rolled back on any error."""
    with engine.connect() as conn:
        conn = conn.execution_options(sqlite_begin="IMMEDIATE")
        with conn.begin():
            yield conn
