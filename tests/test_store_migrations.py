"""Versioned migrations: fresh stores, older stores brought up to date, newer stores refused."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import insert, select, update

from spacecoop.errors import StoreError
from spacecoop.store import Store, schema
from spacecoop.store.connect import engine_for
from spacecoop.store.migrations import LATEST_VERSION, MIGRATIONS, Migration, migrate
from tests.test_store_core import make_analyzed

# Older stores are built as SQLite files with the sqlite3 module.
pytestmark = pytest.mark.sqlite_only


def versions(engine) -> list[int]:
    with engine.connect() as conn:
        return list(conn.execute(select(schema.schema_version.c.version)).scalars())


def test_store_migrations_are_ordered_and_numbered_from_one():
    # Strictly increasing from 1; gaps are allowed (branches reserve numbers, e.g. review's 10).
    numbers = [m.version for m in MIGRATIONS]
    assert numbers[0] == 1 and numbers == sorted(set(numbers))


def test_store_migrations_fresh_store_is_at_latest_version_once(tmp_db):
    Store.open(tmp_db).close()
    with Store.open(tmp_db) as store:
        assert versions(store.engine) == [LATEST_VERSION]


def test_store_migrations_older_store_is_brought_up_to_date(tmp_db):
    engine = engine_for(f"sqlite:///{tmp_db}")
    assert migrate(engine, target=1) == 1
    # A document written by a version-1 spacecoop, before full-text search existed.
    row = {
        "id": "abc123",
        "key": "old",
        "source": "old.txt",
        "form": "text",
        "raw_text": "Ariane flew.",
        "text": "Ariane flew.",
        "offsets_json": "[]",
        "contacts_json": "[]",
        "title": "An old one",
        "ingested_at": "2020-01-01T00:00:00+00:00",
    }
    with engine.begin() as conn:
        conn.execute(insert(schema.documents).values(row))
        assert "documents_fts" not in {r[0] for r in conn.exec_driver_sql("SELECT name FROM sqlite_master")}
    engine.dispose()
    with Store.open(tmp_db) as store:
        assert versions(store.engine) == [LATEST_VERSION]
        with store.engine.connect() as conn:
            hits = conn.exec_driver_sql(
                "SELECT doc_id FROM documents_fts WHERE documents_fts MATCH 'ariane'"
            ).all()
        assert hits == [("abc123",)]
        assert store.document("old")["title"] == "An old one"


def test_store_migrations_refuse_a_newer_store(tmp_db):
    with Store.open(tmp_db) as store:
        store.save_analyzed(make_analyzed())
        with store.engine.begin() as conn:
            conn.execute(update(schema.schema_version).values(version=LATEST_VERSION + 5))
    with pytest.raises(StoreError, match="newer than this spacecoop"):
        Store.open(tmp_db)


def test_store_migrations_failed_step_rolls_back(tmp_db, monkeypatch):
    def broken(conn):
        conn.exec_driver_sql("CREATE TABLE half_done (x INTEGER)")
        raise RuntimeError("disk on fire")

    engine = engine_for(f"sqlite:///{tmp_db}")
    migrate(engine, target=1)
    monkeypatch.setattr(
        "spacecoop.store.migrations.MIGRATIONS", (MIGRATIONS[0], Migration(2, "broken", broken))
    )
    with pytest.raises(RuntimeError, match="disk on fire"):
        migrate(engine)
    assert versions(engine) == [1]
    with engine.connect() as conn:
        assert "half_done" not in {r[0] for r in conn.exec_driver_sql("SELECT name FROM sqlite_master")}
    engine.dispose()


def test_store_migrations_up_to_date_store_opens_read_only(tmp_db):
    with Store.open(tmp_db) as store:
        store.save_analyzed(make_analyzed())
    with Store.open(f"sqlite:///file:{tmp_db}?mode=ro&uri=true", create=False) as read_only:
        assert [d["key"] for d in read_only.documents()] == ["release_1"]
        assert read_only.path == Path(tmp_db)


def test_store_migrations_version_2_store_gets_indexes_that_page_without_sorting(tmp_db):
    engine = engine_for(f"sqlite:///{tmp_db}")
    migrate(engine, target=2)
    # The shape a version-2 spacecoop wrote: single-column indexes on type and date.
    with engine.begin() as conn:
        for index in ("ix_events_type_date", "ix_events_date_id", "ix_events_status_date"):
            conn.exec_driver_sql(f"DROP INDEX {index}")
        conn.exec_driver_sql("CREATE INDEX ix_events_type ON events (type)")
        conn.exec_driver_sql("CREATE INDEX ix_events_date ON events (date)")
        for table in ("entity_partners", "entity_event_types"):
            conn.exec_driver_sql(f"DROP TABLE {table}")
        # One agreement between ESA and NASA, resolved by a version-2 spacecoop.
        conn.execute(
            insert(schema.events).values(id="e1", type="agreement", args_json="{}", date="2021", confidence=1)
        )
        conn.execute(
            insert(schema.event_entities),
            [{"event_id": "e1", "entity_id": e, "role": "party"} for e in ("esa", "nasa")],
        )
    engine.dispose()
    page = "SELECT id FROM events WHERE type = 'agreement' AND date IS NOT NULL ORDER BY date, id LIMIT 50"
    with Store.open(tmp_db) as store, store.engine.connect() as conn:
        assert versions(store.engine) == [LATEST_VERSION]
        names = {r[0] for r in conn.exec_driver_sql("SELECT name FROM sqlite_master WHERE type = 'index'")}
        assert {"ix_events_type_date", "ix_events_date_id"} <= names
        assert not {"ix_events_type", "ix_events_date"} & names
        plan = " ".join(r[3] for r in conn.exec_driver_sql(f"EXPLAIN QUERY PLAN {page}"))
        assert "ix_events_type_date" in plan and "TEMP B-TREE" not in plan
        # The entity pages' summaries are filled from what was resolved before.
        partners = conn.execute(select(schema.entity_partners).order_by(schema.entity_partners.c.entity_id))
        assert [tuple(r) for r in partners] == [("esa", "nasa", 1), ("nasa", "esa", 1)]
