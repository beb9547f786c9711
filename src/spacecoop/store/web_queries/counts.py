"""How many facts match a filter, remembered until the store changes.

A page of facts is a few index reads, but its total ("1–50 of 500,000") counts every match: on a
million facts that count is most of the request. The same filter is asked for again and again
(page after page, visitor after visitor), so each count is kept, per store version, in a small
LRU. SQLite's largest rowids of the fact tables say when the store changed; on other databases
counts are not kept. SQLite's largest rowids of the fact tables and the time and size of the
database file and its write-ahead log say when the store changed (any commit writes one of them).
"""

from __future__ import annotations

import os
import threading
from collections import OrderedDict

from sqlalchemy import Connection, text
from sqlalchemy.sql import Select

_VERSION = text(
    "SELECT (SELECT max(rowid) FROM events), (SELECT max(rowid) FROM event_entities), "
    "(SELECT max(rowid) FROM facts)"
)
_MOST = 4096
_COUNTS: OrderedDict[tuple, object] = OrderedDict()
_LOCK = threading.Lock()


_FILES: dict[str, str] = {}


def _stamp(path: str) -> tuple:
    stamps = []
    for name in (path, path + "-wal"):
        try:
            st = os.stat(name)
            stamps.append((st.st_mtime_ns, st.st_size))
        except OSError:
            stamps.append(None)
    return tuple(stamps)


def store_version(conn: Connection) -> tuple | None:
    """What changes when documents are stored or resolution is saved again (SQLite files only)."""
    if conn.dialect.name != "sqlite":
        return None
    url = str(conn.engine.url)
    if url not in _FILES:
        files = [row[2] for row in conn.execute(text("PRAGMA database_list")) if row[1] == "main"]
        _FILES[url] = files[0] if files else ""
    if not _FILES[url]:
        return None  # an in-memory database: nothing to tell a change by
    return (*conn.execute(_VERSION).one(), *_stamp(_FILES[url]))


def _frozen(values: dict) -> tuple:
    return tuple(sorted((k, tuple(v) if isinstance(v, list) else v) for k, v in values.items()))


def cached_count(conn: Connection, stmt: Select, values: dict, shape: object) -> int:
    """`stmt` (a count) run with `values`, or its remembered result for this store version."""
    version = store_version(conn)
    if version is None:
        return conn.execute(stmt, values).scalar() or 0
    key = (str(conn.engine.url), version, shape, _frozen(values))
    with _LOCK:
        if key in _COUNTS:
            _COUNTS.move_to_end(key)
            return _COUNTS[key]
    found = conn.execute(stmt, values).scalar() or 0
    with _LOCK:
        _COUNTS[key] = found
        while len(_COUNTS) > _MOST:
            _COUNTS.popitem(last=False)
    return found


def remembered(conn: Connection, key: tuple, compute):
    """`compute()`, or its remembered result for `key` in this store version: for aggregates
    that read every match (facet counts, counts per year), asked again with the same filter."""
    version = store_version(conn)
    if version is None:
        return compute()
    full = (str(conn.engine.url), version, "remembered", key)
    with _LOCK:
        if full in _COUNTS:
            _COUNTS.move_to_end(full)
            return _COUNTS[full]
    found = compute()
    with _LOCK:
        _COUNTS[full] = found
        while len(_COUNTS) > _MOST:
            _COUNTS.popitem(last=False)
    return found
