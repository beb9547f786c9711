"""Versioned schema migrations: one ordered list of steps; `schema_version` records what has run.

Each step runs in its own transaction together with the version bump, so a store is never left
half-migrated. Opening an older store runs the steps it has not seen yet; a store newer than this
code is refused rather than written with an older idea of the schema.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy import Connection, Engine, func, insert, inspect, select, update
from sqlalchemy.schema import CreateIndex

from spacecoop.errors import StoreError
from spacecoop.store import schema
from spacecoop.store.connect import write_transaction
from spacecoop.store.summaries import refresh_summaries


@dataclass(frozen=True)
class Migration:
    version: int
    description: str
    apply: Callable[[Connection], None]


def _create_core_tables(conn: Connection) -> None:
    tables = [t for t in schema.metadata.sorted_tables if t is not schema.schema_version]
    schema.metadata.create_all(conn, tables=tables, checkfirst=True)


def _create_sqlite_search(conn: Connection) -> None:
    # FTS5 exists only on SQLite; on PostgreSQL search falls back to ILIKE over the base tables.
    if conn.dialect.name != "sqlite":
        return
    conn.exec_driver_sql(
        f"CREATE VIRTUAL TABLE IF NOT EXISTS {schema.DOCUMENTS_FTS} USING fts5(doc_id UNINDEXED, title, text)"
    )
    conn.exec_driver_sql(
        f"CREATE VIRTUAL TABLE IF NOT EXISTS {schema.EVENTS_FTS} "
        "USING fts5(event_id UNINDEXED, type UNINDEXED, text)"
    )
    # Documents stored before this step existed become searchable too.
    conn.exec_driver_sql(
        f"INSERT INTO {schema.DOCUMENTS_FTS} (doc_id, title, text) "
        "SELECT id, coalesce(title, ''), text FROM documents"
    )


# Single-column indexes that migration 3 replaces by composite ones.
_SUPERSEDED_INDEXES = (
    "ix_facts_type",
    "ix_facts_date",
    "ix_events_type",
    "ix_events_date",
    "ix_event_entities_entity_id",
    "ix_event_entities_event_id",
)


def _index_for_pages(conn: Connection) -> None:
    # A page of facts filtered by type and ordered by date used to sort every match of the type;
    # (type, date, id) walks straight to the page. Stores made at version 1 have the old indexes.
    for name in _SUPERSEDED_INDEXES:
        conn.exec_driver_sql(f"DROP INDEX IF EXISTS {name}")
    for table in (schema.facts, schema.events, schema.event_entities, schema.entities):
        for index in table.indexes:
            # IF NOT EXISTS rather than checkfirst: the inspector does not see expression indexes.
            conn.execute(CreateIndex(index, if_not_exists=True))
    # An entity's partners and counts by type, kept up to date by every save of resolution.
    for table in (schema.entity_partners, schema.entity_event_types):
        table.create(conn, checkfirst=True)
    refresh_summaries(conn)


def _create_review_tables(conn: Connection) -> None:
    # Analysts' decisions, the audit log and access tokens (store/review_schema.py).
    from spacecoop.store.review_schema import review_metadata

    review_metadata.create_all(conn, checkfirst=True)


def _create_incremental_tables(conn: Connection) -> None:
    schema.event_redirects.create(conn, checkfirst=True)
    schema.event_keys.create(conn, checkfirst=True)


MIGRATIONS: tuple[Migration, ...] = (
    Migration(1, "documents, sentences, mentions, facts and resolution tables", _create_core_tables),
    Migration(2, "SQLite full-text search over documents and events", _create_sqlite_search),
    Migration(
        3, "composite indexes for filtered, date-ordered pages; per-entity summaries", _index_for_pages
    ),
    Migration(
        4,
        "redirects from event ids no longer in use; blocking keys of events (incremental resolution)",
        _create_incremental_tables,
    ),
    # Numbered with a gap so steps added meanwhile on other branches can take 4-9.
    Migration(10, "review: decisions tied to evidence, audit log, access tokens", _create_review_tables),
)
LATEST_VERSION = MIGRATIONS[-1].version


def current_version(conn: Connection) -> int:
    """The version a store is at; 0 for an empty database."""
    if not inspect(conn).has_table(schema.schema_version.name):
        return 0
    return conn.execute(select(func.max(schema.schema_version.c.version))).scalar() or 0


def migrate(engine: Engine, *, target: int = LATEST_VERSION) -> int:
    """Bring the store up to `target` (the latest by default); returns the version it ends at."""
    # An up-to-date store is only read: opening it needs no write lock (and works read-only).
    with engine.connect() as conn:
        version = current_version(conn)
    if version == target:
        return version
    with write_transaction(engine) as conn:
        schema.schema_version.create(conn, checkfirst=True)
        if conn.execute(select(func.count()).select_from(schema.schema_version)).scalar() == 0:
            conn.execute(insert(schema.schema_version).values(version=0))
        version = current_version(conn)
    if version > LATEST_VERSION:
        raise StoreError(
            f"{engine.url.render_as_string(hide_password=True)}: store is at schema version {version}, "
            f"newer than this spacecoop (knows up to {LATEST_VERSION}); upgrade spacecoop"
        )
    for step in MIGRATIONS:
        if version < step.version <= target:
            with write_transaction(engine) as conn:
                # Re-read inside the transaction: another process may have run this step meanwhile.
                if current_version(conn) >= step.version:
                    continue
                step.apply(conn)
                conn.execute(update(schema.schema_version).values(version=step.version))
            version = step.version
    return version
