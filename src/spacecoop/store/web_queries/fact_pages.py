"""The statements behind a page of facts, built once per filter shape and reused with new values.

A page request is a handful of small indexed reads; building and fingerprinting the SQLAlchemy
statements for them cost more than running them. Which filters are set, the sort and the kind of
row (events or per-document facts, full or brief) make a `Shape`; the statements of a shape use
bound parameters only, so one cached set serves every request of that shape.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache

from sqlalchemy import ColumnElement, bindparam, column, func, or_, select, text
from sqlalchemy.sql import Select

from spacecoop.errors import BadQuery
from spacecoop.store.schema import EVENTS_FTS, documents, event_entities, event_sources, events, facts
from spacecoop.store.web_queries.common import SORTS, FactFilter, fts_query, like_pattern, until_bound

BRIEF_COLUMNS = ("id", "type", "args_json", "date", "status", "confidence")
FACT_COLUMNS = (
    "id",
    "type",
    "args_json",
    "date",
    "status",
    "confidence",
    "evidence_text",
    "doc_id",
    "doc_key",
)


@dataclass(frozen=True)
class Shape:
    """What a page request asks for, without the values: the key of one set of statements."""

    resolved: bool
    brief: bool = False
    type: bool = False
    status: bool = False
    since: bool = False
    until: bool = False
    actors: int = 0  # how many actors must all take part
    language: bool = False
    source: bool = False
    q: str | None = None  # "fts" or "like" when there are words to find
    sort: str = "date"


@dataclass(frozen=True)
class PageStatements:
    count: Select  # how many match
    page: Select  # one page: the dated rows for a date sort, every row otherwise
    undated: Select | None = None  # date sorts: the undated rows that follow the last dated one
    dated_count: Select | None = None  # date sorts: how many dated rows match


def shape_of(f: FactFilter, resolved: bool, fts: bool, brief: bool = False) -> Shape:
    if f.sort not in SORTS:
        raise BadQuery(f"sort={f.sort!r}: use one of {', '.join(sorted(SORTS))}")
    return Shape(
        resolved=resolved,
        brief=brief,
        type=bool(f.type),
        status=bool(f.status),
        since=bool(f.since),
        until=bool(f.until),
        actors=len(f.actor_names()) if f.actor_ids is None else len(f.actor_ids),
        language=bool(f.language),
        source=bool(f.source),
        q=("fts" if fts and resolved else "like") if f.q else None,
        sort=f.sort,
    )


def values_of(f: FactFilter, shape: Shape) -> dict:
    """The bound values for `f`'s statements (LIMIT and OFFSET are added per statement).
    On a resolved store `f.actor_ids` must be set (lookup.resolve_actors turns names into ids)."""
    values: dict = {"type": f.type, "status": f.status, "since": f.since}
    values.update({"language": f.language, "source": f.source})
    if f.until:
        values["until"] = until_bound(f.until)
    if shape.actors and shape.resolved:
        for i, ids in enumerate(f.actor_ids or ()):
            values[f"actor{i}"] = list(ids)
    elif shape.actors:
        for i, name in enumerate(f.actor_names()):
            # Before resolution, a name is found inside the arguments' JSON: a short one (an
            # acronym) whole, quoted as JSON quotes it; a longer one anywhere (a surname).
            quoted = json.dumps(name, ensure_ascii=False)
            values[f"actor_like{i}"] = like_pattern(quoted if len(name) < 4 else quoted[1:-1])
    if f.q:
        values["q"] = fts_query(f.q) if shape.q == "fts" else like_pattern(f.q)
    return values


def where_clauses(shape: Shape, table) -> list[ColumnElement]:
    conditions: list[ColumnElement] = []
    if shape.type:
        conditions.append(table.c.type == bindparam("type"))
    if shape.status:
        conditions.append(table.c.status == bindparam("status"))
    if shape.since:
        conditions.append(table.c.date >= bindparam("since"))
    if shape.until:
        conditions.append(table.c.date <= bindparam("until"))
    for i in range(shape.actors):
        if shape.resolved:
            # Each actor is a set of entity ids (a name may mean several); every actor takes part.
            ids = bindparam(f"actor{i}", expanding=True)
            their_events = select(event_entities.c.event_id).where(event_entities.c.entity_id.in_(ids))
            conditions.append(events.c.id.in_(their_events))
        else:
            conditions.append(facts.c.args_json.ilike(bindparam(f"actor_like{i}"), escape="\\"))
    if shape.language or shape.source:
        # Reported by a document in this language / from this publisher.
        doc_ids = select(documents.c.id).where(
            *([documents.c.language == bindparam("language")] if shape.language else []),
            *([documents.c.publisher == bindparam("source")] if shape.source else []),
        )
        if shape.resolved:
            reported = select(event_sources.c.event_id).where(event_sources.c.doc_id.in_(doc_ids))
            conditions.append(events.c.id.in_(reported))
        else:
            conditions.append(facts.c.doc_id.in_(doc_ids))
    if shape.q == "fts":
        hits = text(f"SELECT event_id FROM {EVENTS_FTS} WHERE {EVENTS_FTS} MATCH :q").columns(
            column("event_id")
        )
        conditions.append(events.c.id.in_(hits))
    elif shape.q and shape.resolved:
        conditions.append(events.c.args_json.ilike(bindparam("q"), escape="\\"))
    elif shape.q:
        conditions.append(
            or_(
                facts.c.evidence_text.ilike(bindparam("q"), escape="\\"),
                facts.c.args_json.ilike(bindparam("q"), escape="\\"),
            )
        )
    return conditions


def event_columns() -> Select:
    """An event as a list shows it: its row, how many sources report it, and one evidence sentence."""
    first_evidence = (
        select(event_sources.c.evidence_text)
        .where(event_sources.c.event_id == events.c.id)
        .limit(1)
        .scalar_subquery()
    )
    source_count = select(func.count()).where(event_sources.c.event_id == events.c.id).scalar_subquery()
    row = [events.c[n] for n in ("id", "type", "args_json", "date", "status", "confidence", "conflicts_json")]
    return select(*row, source_count.label("sources"), first_evidence.label("evidence"))


def row_columns(shape: Shape, table) -> Select:
    """The columns a list shows for `shape`: brief rows, full events or per-document facts."""
    if shape.brief:
        return select(*(table.c[n] for n in BRIEF_COLUMNS))
    if shape.resolved:
        return event_columns()
    return select(*(facts.c[n] for n in FACT_COLUMNS))


def _order(shape: Shape, table) -> list:
    key = shape.sort.lstrip("-")
    desc = shape.sort.startswith("-")
    if key == "date":
        return [table.c.date.desc(), table.c.id.desc()] if desc else [table.c.date, table.c.id]
    column = {"confidence": table.c.confidence, "type": table.c.type, "status": table.c.status}[key]
    # Rows without a value go last whichever way the list runs.
    return [column.is_(None), column.desc() if desc else column.asc(), table.c.id]


@lru_cache(maxsize=512)
def statements(shape: Shape) -> PageStatements:
    """The statements for one shape. The composite indexes give type, status and date order, so
    OFFSET steps over index entries. Plain columns are read along the index; a full event, with
    its per-event subqueries, is read only for the rows of the page, chosen on ids first: sorting
    whole events would cost as much as every match."""
    table = events if shape.resolved else facts
    where = where_clauses(shape, table)
    columns = row_columns(shape, table)
    per_event = shape.resolved and not shape.brief

    def page(more: list, order: list) -> Select:
        limit, offset = bindparam("limit"), bindparam("offset")
        if not per_event:
            return columns.where(*where, *more).order_by(*order).limit(limit).offset(offset)
        chosen = select(table.c.id).where(*where, *more).order_by(*order).limit(limit).offset(offset)
        chosen = chosen.subquery("page")
        return columns.join_from(table, chosen, table.c.id == chosen.c.id).order_by(*order)

    count = select(func.count()).select_from(table).where(*where)
    if shape.sort.lstrip("-") != "date":
        return PageStatements(count=count, page=page([], _order(shape, table)))
    # `date IS NULL` as the first sort key would defeat the index: the dated rows, then the rest.
    return PageStatements(
        count=count,
        page=page([table.c.date.is_not(None)], _order(shape, table)),
        undated=page([table.c.date.is_(None)], [table.c.id]),
        dated_count=count.where(table.c.date.is_not(None)),
    )
