"""Shared pieces of the read queries: the fact filter, JSON columns, LIKE and FTS5 helpers."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

import orjson
from sqlalchemy import Connection, func, select, text
from sqlalchemy.sql import Select

from spacecoop.errors import BadQuery
from spacecoop.store.schema import (
    DOCUMENTS_FTS,
    EVENTS_FTS,
    events,
)
from spacecoop.store.summaries import PARTNER_ROLES, PARTNER_TYPES

# Roles that make an entity an actor of the cooperation network (not a rocket or a launch site),
# and the events that make two actors partners: the same as the stored summaries use.
ACTOR_ROLES = PARTNER_ROLES
NETWORK_TYPES = PARTNER_TYPES

NETWORK_ROLES = ("party", "organization")


# Argument keys that hold actors in the exchange format, for stores without resolution.
ACTOR_ARGS = ("parties", "organizations", "participants", "signatories", "person", "organization")

SORTS = {"date", "-date", "confidence", "-confidence", "type", "-type", "status", "-status"}

# Search counts and facets over the best matches only, so a common word answers as fast as a rare one.
SEARCH_CAP = 2000

# Characters that mark search hits inside snippets; templates turn them into <mark> after escaping.
HIT_OPEN, HIT_CLOSE = "\ue000", "\ue001"


@dataclass(frozen=True)
class FactFilter:
    """Which facts to list. Dates are ISO prefixes; `until` includes everything it prefixes."""

    type: str | None = None
    entity: str | None = None  # one actor's name (kept for callers that name one)
    status: str | None = None
    since: str | None = None
    until: str | None = None
    q: str | None = None
    sort: str = "date"
    limit: int = 50
    offset: int = 0
    actors: tuple[str, ...] = ()  # actors' names, as typed; every one must take part
    country: str | None = None  # an actor of this country takes part (a government's name)
    language: str | None = None  # reported by a document in this language
    source: str | None = None  # reported by a document from this publisher
    # The entity ids each actor stands for, once looked up (set by callers that know the ids).
    actor_ids: tuple[tuple[str, ...], ...] | None = None

    def actor_names(self) -> tuple[str, ...]:
        return ((self.entity,) if self.entity else ()) + tuple(self.actors)


def parse_json(value: str | None, default: Any) -> Any:
    # Every listed fact carries JSON columns; orjson parses them several times faster.
    if not value or value == "[]":
        return default
    try:
        return orjson.loads(value)
    except ValueError:
        return default


def until_bound(until: str) -> str:
    # "2021" must include "2021-05-03": every ISO prefix sorts below prefix + "~".
    return until + "~"


_ANY_EVENT = select(events.c.id).limit(1)


def is_resolved(conn: Connection) -> bool:
    """True when resolution has filled the events table."""
    return conn.execute(_ANY_EVENT).first() is not None


def has_fts(conn: Connection) -> bool:
    if conn.dialect.name != "sqlite":
        return False
    found = conn.execute(
        text("SELECT count(*) FROM sqlite_master WHERE name IN (:a, :b)"),
        {"a": DOCUMENTS_FTS, "b": EVENTS_FTS},
    ).scalar()
    return found == 2


def fts_query(q: str) -> str:
    """The user's words as an FTS5 query that cannot be a syntax error: each word quoted, all required."""
    words = re.findall(r"\w+", q)
    if not words:
        raise BadQuery(f"q={q!r}: give at least one word to search for")
    return " ".join(f'"{w}"' for w in words[:20])


def like_pattern(q: str) -> str:
    """A LIKE pattern (escape character: backslash) that finds `q` anywhere, wildcards taken literally."""
    return "%" + q.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


def contains(col, q: str):
    return col.ilike(like_pattern(q), escape="\\")


def count_of(conn: Connection, stmt: Select) -> int:
    return conn.execute(select(func.count()).select_from(stmt.order_by(None).subquery())).scalar() or 0


def in_order(ids: list[str], rows) -> list:
    by_id = {r.id: r for r in rows}
    return [by_id[i] for i in ids if i in by_id]


def chunks(ids: list[str], size: int = 900) -> list[list[str]]:
    # Stay under the bound-parameter limit of older SQLite builds.
    return [ids[i : i + size] for i in range(0, len(ids), size)]
