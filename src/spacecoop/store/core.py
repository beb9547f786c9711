"""The `Store`: open (and migrate) a database, save analyzed documents and resolutions, read them back.

Every write is one transaction. Rows are turned back into the records of `spacecoop.models`, so
resolution and exports never see SQL.
"""

from __future__ import annotations

import dataclasses
import json
import re
from collections.abc import Iterable
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, delete, func, insert, literal, or_, select
from sqlalchemy.exc import SQLAlchemyError

from spacecoop import models
from spacecoop.errors import BadQuery, NotFound, StoreError
from spacecoop.settings import Settings
from spacecoop.store import codec, schema
from spacecoop.store.connect import engine_for, write_transaction
from spacecoop.store.event_ids import write_redirects
from spacecoop.store.migrations import migrate
from spacecoop.store.review_apply import curate_resolution, reapply_decisions
from spacecoop.store.summaries import refresh_summaries

_ISO_PREFIX = re.compile(r"^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$")
# Shortest id prefix accepted for `document()`, so a short word is never taken for an id.
MIN_ID_PREFIX = 4


def check_iso_date(value: str | None, name: str) -> str | None:
    """`value` if it is an ISO prefix (YYYY, YYYY-MM, YYYY-MM-DD), else BadQuery naming `name`."""
    if value is None:
        return None
    if not _ISO_PREFIX.match(value):
        raise BadQuery(f"{name} {value!r}: not an ISO date (YYYY, YYYY-MM or YYYY-MM-DD)")
    if len(value) == 10:
        try:
            datetime.strptime(value, "%Y-%m-%d")
        except ValueError as error:
            raise BadQuery(f"{name} {value!r}: no such day") from error
    return value


def check_fact_type(value: str | None) -> str | None:
    if value is not None and value not in models.FACT_TYPES:
        raise BadQuery(f"type {value!r}: unknown fact type (one of {', '.join(models.FACT_TYPES)})")
    return value


class Store:
    """A spacecoop store on SQLite (default) or any SQLAlchemy URL. Use `Store.open(...)`."""

    def __init__(self, engine: Engine):
        self.engine = engine

    @classmethod
    def open(cls, settings_or_url: Settings | str, *, create: bool = True) -> Store:
        """Open a store, creating it or migrating it to the latest schema first.

        With create=False a SQLite file that does not exist is a NotFound instead of a new store
        (for commands that only read)."""
        url = settings_or_url.db_url if isinstance(settings_or_url, Settings) else settings_or_url
        if "://" not in url:
            url = Settings(db=url).db_url
        engine = engine_for(url)
        database = _sqlite_file(engine)
        if not create and database is not None and not database.exists():
            engine.dispose()
            raise NotFound(f"{database}: no store here yet (run `spacecoop ingest PATH... --db {database}`)")
        try:
            migrate(engine)
        except SQLAlchemyError as error:
            engine.dispose()
            shown = engine.url.render_as_string(hide_password=True)
            raise StoreError(f"{shown}: cannot open the store ({error.orig or error})") from error
        except StoreError:
            engine.dispose()
            raise
        return cls(engine)

    @property
    def path(self) -> Path | None:
        """The SQLite file holding the store, or None for a server database or an in-memory one."""
        return _sqlite_file(self.engine)

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *_exc) -> None:
        self.close()

    @property
    def _has_fts(self) -> bool:
        return self.engine.dialect.name == "sqlite"

    # --- documents ------------------------------------------------------------------------------

    def has_document(self, doc_id: str) -> bool:
        with self.engine.connect() as conn:
            found = conn.execute(select(schema.documents.c.id).where(schema.documents.c.id == doc_id))
            return found.first() is not None

    def save_analyzed(self, analyzed: models.AnalyzedDocument, *, replace: bool = False) -> bool:
        """Store a document with its sentences, mentions and facts in one transaction.

        Returns False (and writes nothing) when the document is already stored, unless `replace`
        is given, in which case its rows are replaced by these."""
        document = analyzed.document
        try:
            with write_transaction(self.engine) as conn:
                present = conn.execute(
                    select(schema.documents.c.id).where(schema.documents.c.id == document.id)
                ).first()
                if present and not replace:
                    return False
                if present:
                    self._delete_document_rows(conn, document.id)
                row = codec.without_nul(codec.document_row(document))
                conn.execute(insert(schema.documents), row)
                _insert_many(
                    conn, schema.sentences, [codec.sentence_row(document.id, s) for s in analyzed.sentences]
                )
                _insert_many(
                    conn, schema.mentions, [codec.mention_row(document.id, m) for m in analyzed.mentions]
                )
                fact_rows = {row["id"]: row for row in (codec.fact_row(document, f) for f in analyzed.facts)}
                _insert_many(conn, schema.facts, list(fact_rows.values()))
                reapply_decisions(conn, document)  # analysts' decisions outlive re-extraction
                if self._has_fts:
                    conn.exec_driver_sql(
                        f"INSERT INTO {schema.DOCUMENTS_FTS} (doc_id, title, text) VALUES (?, ?, ?)",
                        (document.id, row["title"] or "", row["text"]),
                    )
        except SQLAlchemyError as error:
            raise StoreError(f"{document.source}: cannot be stored ({error.orig or error})") from error
        return True

    def _delete_document_rows(self, conn: Connection, doc_id: str) -> None:
        for table in (schema.facts, schema.mentions, schema.sentences):
            conn.execute(delete(table).where(table.c.doc_id == doc_id))
        conn.execute(delete(schema.documents).where(schema.documents.c.id == doc_id))
        if self._has_fts:
            conn.exec_driver_sql(f"DELETE FROM {schema.DOCUMENTS_FTS} WHERE doc_id = ?", (doc_id,))

    def documents(self) -> list[dict[str, Any]]:
        """Every stored document's metadata (no text), with sentence and fact counts, by date."""
        d = schema.documents
        sentence_count = (
            select(func.count())
            .where(schema.sentences.c.doc_id == d.c.id)
            .scalar_subquery()
            .label("sentences")
        )
        fact_count = (
            select(func.count()).where(schema.facts.c.doc_id == d.c.id).scalar_subquery().label("facts")
        )
        columns = [c for c in d.c if c.name not in ("raw_text", "text", "offsets_json", "contacts_json")]
        query = select(*columns, sentence_count, fact_count).order_by(
            d.c.date.is_(None), d.c.date, d.c.key, d.c.id
        )
        with self.engine.connect() as conn:
            return [dict(row._mapping) for row in conn.execute(query)]

    def document(self, ref: str) -> dict[str, Any]:
        """One document by id, key (file name without extension) or id prefix, with its text,
        contacts and counts. NotFound when nothing matches; BadQuery when several do."""
        d = schema.documents
        with self.engine.connect() as conn:
            rows = conn.execute(select(d).where(d.c.id == ref)).all()
            if not rows:
                rows = conn.execute(select(d).where(d.c.key == ref)).all()
            if not rows and len(ref) >= MIN_ID_PREFIX and re.fullmatch(r"[0-9a-f]+", ref):
                rows = conn.execute(select(d).where(d.c.id.startswith(ref, autoescape=True)).limit(10)).all()
            if not rows:
                raise NotFound(f"document {ref!r}: no stored document has that id, id prefix or name")
            if len(rows) > 1:
                listed = ", ".join(f"{r.id[:12]} ({r.source})" for r in rows)
                raise BadQuery(f"document {ref!r} is ambiguous: {listed}; give more of the id")
            record = dict(rows[0]._mapping)
            record["sentences"] = conn.execute(
                select(func.count()).where(schema.sentences.c.doc_id == record["id"])
            ).scalar()
            record["facts"] = conn.execute(
                select(func.count()).where(schema.facts.c.doc_id == record["id"])
            ).scalar()
        record["contacts"] = json.loads(record.pop("contacts_json"))
        record["offsets"] = json.loads(record.pop("offsets_json"))
        return record

    def sentences(self, doc_id: str) -> list[dict[str, Any]]:
        s = schema.sentences
        query = select(s.c.idx, s.c.start, s.c.end, s.c.text).where(s.c.doc_id == doc_id).order_by(s.c.idx)
        with self.engine.connect() as conn:
            return [dict(row._mapping) for row in conn.execute(query)]

    def all_documents(self) -> list[models.Document]:
        with self.engine.connect() as conn:
            rows = conn.execute(select(schema.documents).order_by(schema.documents.c.id)).all()
        return [codec.row_to_document(row) for row in rows]

    # --- facts ----------------------------------------------------------------------------------

    def facts(
        self,
        type: str | None = None,  # the exchange format's own name
        entity: str | None = None,
        since: str | None = None,
        until: str | None = None,
        doc_id: str | None = None,
        limit: int | None = None,
    ) -> list[dict[str, Any]]:
        """Facts in the exchange-format shape plus `id`, `doc_id` and evidence offsets.

        `since`/`until` keep facts whose date overlaps the range at the coarser of the two
        precisions (a fact of "2018" is kept for since="2018-06"); undated facts are then left out.
        `entity` matches a name or alias in the facts' arguments, and, once resolution has run,
        every fact of an event that involves that entity under any of its aliases."""
        check_fact_type(type)
        check_iso_date(since, "since")
        check_iso_date(until, "until")
        if limit is not None and limit < 0:
            raise BadQuery(f"limit {limit}: must be zero or more")
        f = schema.facts
        query = select(f)
        if type:
            query = query.where(f.c.type == type)
        if doc_id:
            query = query.where(f.c.doc_id == doc_id)
        if since:
            query = query.where(f.c.date >= func.substr(literal(since), 1, func.length(f.c.date)))
        if until:
            query = query.where(func.substr(f.c.date, 1, len(until)) <= until)
        query = query.order_by(f.c.date.is_(None), f.c.date, f.c.doc_key, f.c.evidence_start, f.c.id)
        with self.engine.connect() as conn:
            if entity:
                names, fact_ids = self._entity_names_and_facts(conn, entity)
                clauses = [f.c.args_json.ilike(f"%{n}%", escape="\\") for n in map(_escape_like, names)]
                if fact_ids:
                    clauses.append(f.c.id.in_(fact_ids))
                query = query.where(or_(*clauses))
                rows = [r for r in conn.execute(query) if r.id in fact_ids or _args_name(r.args_json, names)]
                rows = rows[:limit] if limit is not None else rows
            else:
                rows = conn.execute(query.limit(limit) if limit is not None else query).all()
        return [codec.fact_record(row) for row in rows]

    def _entity_names_and_facts(self, conn: Connection, name: str) -> tuple[set[str], set[str]]:
        a, e = schema.aliases, schema.entities
        wanted = name.strip().lower()
        entity_ids = set(conn.execute(select(a.c.entity_id).where(func.lower(a.c.alias) == wanted)).scalars())
        entity_ids |= set(conn.execute(select(e.c.id).where(func.lower(e.c.name) == wanted)).scalars())
        names = {wanted}
        if entity_ids:
            names |= {
                n.lower()
                for n in conn.execute(select(a.c.alias).where(a.c.entity_id.in_(entity_ids))).scalars()
            }
            names |= {
                n.lower() for n in conn.execute(select(e.c.name).where(e.c.id.in_(entity_ids))).scalars()
            }
            ee, es = schema.event_entities, schema.event_sources
            fact_ids = set(
                conn.execute(
                    select(es.c.fact_id)
                    .join(ee, ee.c.event_id == es.c.event_id)
                    .where(ee.c.entity_id.in_(entity_ids))
                ).scalars()
            )
        else:
            fact_ids = set()
        return names, fact_ids

    def all_facts(self) -> list[models.Fact]:
        with self.engine.connect() as conn:
            rows = conn.execute(
                select(schema.facts).order_by(schema.facts.c.doc_id, schema.facts.c.evidence_start)
            )
            return [codec.row_to_fact(row) for row in rows]

    # --- resolution -----------------------------------------------------------------------------

    def has_unresolved_facts(self) -> bool:
        """Whether some document's facts are in no event yet: resolution has not run since that
        document was stored (or was interrupted)."""
        f, es = schema.facts, schema.event_sources
        seen = select(es.c.doc_id).where(es.c.doc_id == f.c.doc_id).exists()
        with self.engine.connect() as conn:
            return conn.execute(select(f.c.id).where(~seen).limit(1)).first() is not None

    def save_resolution(
        self, resolution: models.Resolution, redirects: Iterable = (), keys: dict[str, set[str]] | None = None
    ) -> None:
        """Replace every resolution table (and the events' search index) in one transaction;
        record `redirects` from event ids no longer in use (see resolve/stable_ids.py) and the
        events' blocking `keys` (event id -> keys, see resolve/incremental.py)."""
        try:
            with write_transaction(self.engine) as conn:
                resolution = curate_resolution(conn, resolution)  # analysts' merges and splits
                write_redirects(conn, redirects, [x.id for x in resolution.events])
                for table in reversed(schema.RESOLUTION_TABLES):
                    conn.execute(delete(table))
                _insert_many(conn, schema.entities, [codec.entity_row(x) for x in resolution.entities])
                _insert_many(
                    conn,
                    schema.aliases,
                    [
                        {"entity_id": x.id, "alias": alias}
                        for x in resolution.entities
                        for alias in dict.fromkeys(x.aliases)
                    ],
                )
                _insert_many(conn, schema.events, [codec.event_row(x) for x in resolution.events])
                _insert_many(
                    conn,
                    schema.event_sources,
                    [
                        codec.event_source_row(x.id, s)
                        for x in resolution.events
                        for s in codec.unique_sources(x.sources)
                    ],
                )
                _insert_many(
                    conn,
                    schema.event_entities,
                    [
                        {"event_id": x.id, "role": role, "entity_id": entity_id}
                        for x in resolution.events
                        for role, entity_id in dict.fromkeys(x.entities)
                    ],
                )
                _insert_many(conn, schema.offices, [codec.office_row(x) for x in resolution.offices])
                _insert_many(conn, schema.event_links, [dataclasses.asdict(x) for x in resolution.links])
                _insert_many(
                    conn,
                    schema.event_keys,
                    [{"key": k, "event_id": i} for i, ks in (keys or {}).items() for k in sorted(ks)],
                )
                refresh_summaries(conn)
                if self._has_fts:
                    conn.exec_driver_sql(f"DELETE FROM {schema.EVENTS_FTS}")
                    rows = [(x.id, x.type, codec.event_search_text(x)) for x in resolution.events]
                    if rows:
                        conn.exec_driver_sql(
                            f"INSERT INTO {schema.EVENTS_FTS} (event_id, type, text) VALUES (?, ?, ?)", rows
                        )
        except SQLAlchemyError as error:
            raise StoreError(f"resolution cannot be stored ({error.orig or error})") from error


def _sqlite_file(engine: Engine) -> Path | None:
    database = engine.url.database
    if engine.dialect.name != "sqlite" or database in (None, "", ":memory:"):
        return None
    if database.startswith("file:"):  # a URI filename, e.g. file:/path/store.db?mode=ro
        return Path(database.removeprefix("file:")) if engine.url.query.get("uri") == "true" else None
    return Path(database)


# --- helpers -----------------------------------------------------------------------------------


def _insert_many(conn: Connection, table, rows: list[dict[str, Any]]) -> None:
    if rows:
        conn.execute(insert(table), [codec.without_nul(row) for row in rows])


def _escape_like(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _args_name(args_json: str, names: set[str]) -> bool:
    """Whether one of `names` is a whole word or phrase in one of the fact's argument values."""
    values = [v.lower() for v in codec.flat_strings(json.loads(args_json))]
    return any(re.search(rf"(?<!\w){re.escape(n)}(?!\w)", v) for n in names for v in values)
