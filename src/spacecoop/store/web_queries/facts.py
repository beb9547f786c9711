"""Facts (resolved events, or per-document facts before resolution): pages, detail, timeline."""

from __future__ import annotations

import json
from dataclasses import replace

from sqlalchemy import Connection, func, or_, select
from sqlalchemy.sql import Select

from spacecoop.errors import BadQuery, NotFound
from spacecoop.store.schema import (
    documents,
    event_entities,
    event_links,
    event_sources,
    events,
    facts,
)
from spacecoop.store.web_queries.common import (
    SORTS,
    FactFilter,
    contains,
    count_of,
    event_hits,
    fts_query,
    has_fts,
    is_resolved,
    parse_json,
    until_bound,
)
from spacecoop.store.web_queries.names import arg_actors, entity_ids_select, event_actors


def event_item(row, actors: list[dict]) -> dict:
    return {
        "id": row.id,
        "kind": "event",
        "type": row.type,
        "args": parse_json(row.args_json, {}),
        "date": row.date,
        "status": row.status,
        "confidence": row.confidence,
        "conflicts": parse_json(row.conflicts_json, []),
        "actors": actors,
        "sources": row.sources,
        "evidence": row.evidence,
    }


def fact_item(row) -> dict:
    args = parse_json(row.args_json, {})
    return {
        "id": row.id,
        "kind": "fact",
        "type": row.type,
        "args": args,
        "date": row.date,
        "status": row.status,
        "confidence": row.confidence,
        "conflicts": [],
        "actors": arg_actors(args),
        "sources": 1,
        "evidence": row.evidence_text,
        "doc_id": row.doc_id,
        "doc_key": row.doc_key,
    }


def _order(table, sort: str) -> list:
    if sort not in SORTS:
        raise BadQuery(f"sort={sort!r}: use one of {', '.join(sorted(SORTS))}")
    column = {"date": table.c.date, "confidence": table.c.confidence, "type": table.c.type}[sort.lstrip("-")]
    # Undated facts go last whichever way the list runs.
    nulls = column.is_(None)
    return [nulls, column.desc() if sort.startswith("-") else column.asc(), table.c.id]


def _event_columns() -> Select:
    first_evidence = (
        select(event_sources.c.evidence_text)
        .where(event_sources.c.event_id == events.c.id)
        .limit(1)
        .scalar_subquery()
    )
    source_count = select(func.count()).where(event_sources.c.event_id == events.c.id).scalar_subquery()
    return select(
        events.c.id,
        events.c.type,
        events.c.args_json,
        events.c.date,
        events.c.status,
        events.c.confidence,
        events.c.conflicts_json,
        source_count.label("sources"),
        first_evidence.label("evidence"),
    )


def _event_filters(conn: Connection, f: FactFilter) -> list:
    conditions = _common_filters(events, f)
    if f.entity:
        # Resolved in the same statement: one round trip, whatever name or alias was given.
        ids = entity_ids_select(f.entity)
        conditions.append(
            events.c.id.in_(select(event_entities.c.event_id).where(event_entities.c.entity_id.in_(ids)))
        )
    if f.q:
        if has_fts(conn):
            conditions.append(events.c.id.in_(event_hits(fts_query(f.q))))
        else:
            conditions.append(contains(events.c.args_json, f.q))
    return conditions


def event_query(conn: Connection, f: FactFilter) -> Select:
    return _event_columns().where(*_event_filters(conn, f))


def _fact_columns() -> Select:
    return select(
        facts.c.id,
        facts.c.type,
        facts.c.args_json,
        facts.c.date,
        facts.c.status,
        facts.c.confidence,
        facts.c.evidence_text,
        facts.c.doc_id,
        facts.c.doc_key,
    )


def _fact_filters(f: FactFilter) -> list:
    conditions = _common_filters(facts, f)
    if f.entity:
        # Before resolution, names sit only inside the arguments' JSON.
        conditions.append(contains(facts.c.args_json, json.dumps(f.entity, ensure_ascii=False)))
    if f.q:
        conditions.append(or_(contains(facts.c.evidence_text, f.q), contains(facts.c.args_json, f.q)))
    return conditions


def fact_query(f: FactFilter) -> Select:
    return _fact_columns().where(*_fact_filters(f))


def _common_filters(table, f: FactFilter) -> list:
    conditions = []
    if f.type:
        conditions.append(table.c.type == f.type)
    if f.status:
        conditions.append(table.c.status == f.status)
    if f.since:
        conditions.append(table.c.date >= f.since)
    if f.until:
        conditions.append(table.c.date <= until_bound(f.until))
    return conditions


def _page(conn: Connection, columns: Select, table, conditions: list, f: FactFilter) -> list:
    """The rows of one page in the order asked for, undated rows last in either direction.

    The page is chosen on ids alone (the composite indexes give type, status and date order, so
    OFFSET steps over index entries), then `columns` are read for the page's rows only: sorting
    whole rows, with their per-event subqueries, would cost as much as the matches, not the page."""
    order = _order(table, f.sort)  # validates
    ids = select(table.c.id).where(*conditions)

    def rows(ids: Select, order: list, limit: int, offset: int) -> list:
        page = ids.order_by(*order).limit(limit).offset(offset).subquery("page")
        return conn.execute(columns.join_from(table, page, table.c.id == page.c.id).order_by(*order)).all()

    if f.sort.lstrip("-") != "date":
        return rows(ids, order, f.limit, f.offset)
    # `date IS NULL` as the first sort key would defeat the index: read the dated rows, then the rest.
    desc = f.sort.startswith("-")
    by_date = [table.c.date.desc(), table.c.id.desc()] if desc else [table.c.date, table.c.id]
    dated = ids.where(table.c.date.is_not(None))
    found = rows(dated, by_date, f.limit, f.offset)
    if len(found) == f.limit:
        return found
    n_dated = f.offset + len(found) if found else count_of(conn, dated)
    undated = ids.where(table.c.date.is_(None))
    return found + rows(undated, [table.c.id], f.limit - len(found), max(0, f.offset - n_dated))


def _brief_item(row, kind: str) -> dict:
    return {"id": row.id, "kind": kind, "type": row.type, "args": parse_json(row.args_json, {}), "date": row.date,
            "status": row.status, "confidence": row.confidence}  # fmt: skip


BRIEF_COLUMNS = ("id", "type", "args_json", "date", "status", "confidence")


def list_facts(conn: Connection, f: FactFilter, brief: bool = False, resolved: bool | None = None) -> dict:
    """A page of facts matching `f`, with the total count. `brief` items leave out actors, sources
    and evidence (the timeline draws hundreds of markers and needs none of them). `resolved` may be
    passed by a caller that has already asked `is_resolved`."""
    if resolved is None:
        resolved = is_resolved(conn)
    table = events if resolved else facts
    conditions = _event_filters(conn, f) if resolved else _fact_filters(f)
    total = conn.execute(select(func.count()).select_from(table).where(*conditions)).scalar() or 0
    if brief:
        columns = select(*(table.c[n] for n in BRIEF_COLUMNS))
        kind = "event" if resolved else "fact"
        items = [_brief_item(r, kind) for r in _page(conn, columns, table, conditions, f)]
    elif resolved:
        rows = _page(conn, _event_columns(), table, conditions, f)
        actors = event_actors(conn, [r.id for r in rows])
        items = [event_item(r, actors.get(r.id, [])) for r in rows]
    else:
        items = [fact_item(r) for r in _page(conn, _fact_columns(), table, conditions, f)]
    return {"resolved": resolved, "total": total, "limit": f.limit, "offset": f.offset, "items": items}


def _sources_of_event(conn: Connection, event_id: str) -> list[dict]:
    rows = conn.execute(
        select(event_sources, documents.c.title, documents.c.publisher, documents.c.date.label("doc_date"))
        .join(documents, documents.c.id == event_sources.c.doc_id, isouter=True)
        .where(event_sources.c.event_id == event_id)
        .order_by(event_sources.c.date, event_sources.c.doc_key)
    )
    return [
        {
            "fact_id": r.fact_id,
            "doc_id": r.doc_id,
            "doc_key": r.doc_key,
            "doc_title": r.title,
            "publisher": r.publisher,
            "doc_date": r.doc_date,
            "evidence": r.evidence_text,
            "evidence_start": r.evidence_start,
            "evidence_end": r.evidence_end,
            "date": r.date,
            "status": r.status,
            "confidence": r.confidence,
        }
        for r in rows
    ]


def _links_of_event(conn: Connection, event_id: str) -> list[dict]:
    rows = conn.execute(
        select(event_links).where(
            or_(event_links.c.from_event == event_id, event_links.c.to_event == event_id)
        )
    )
    return [
        {
            "kind": r.kind,
            "note": r.note,
            "direction": "to" if r.from_event == event_id else "from",
            "event_id": r.to_event if r.from_event == event_id else r.from_event,
        }
        for r in rows
    ]


def fact_detail(conn: Connection, fact_id: str) -> dict:
    """One event with every source, conflict and lifecycle link; or one per-document fact."""
    row = conn.execute(event_query(conn, FactFilter()).where(events.c.id == fact_id)).first()
    if row is not None:
        item = event_item(row, event_actors(conn, [fact_id]).get(fact_id, []))
        item["source_list"] = _sources_of_event(conn, fact_id)
        item["links"] = _links_of_event(conn, fact_id)
        return item
    row = conn.execute(
        select(facts, documents.c.title, documents.c.publisher, documents.c.date.label("doc_date"))
        .join(documents, documents.c.id == facts.c.doc_id, isouter=True)
        .where(facts.c.id == fact_id)
    ).first()
    if row is None:
        raise NotFound(f"fact {fact_id!r}: no event or per-document fact has this id")
    item = fact_item(row)
    item["notes"] = row.notes
    item["date_alternatives"] = parse_json(row.date_alternatives_json, [])
    item["source_list"] = [
        {
            "fact_id": row.id,
            "doc_id": row.doc_id,
            "doc_key": row.doc_key,
            "doc_title": row.title,
            "publisher": row.publisher,
            "doc_date": row.doc_date,
            "evidence": row.evidence_text,
            "evidence_start": row.evidence_start,
            "evidence_end": row.evidence_end,
            "date": row.date,
            "status": row.status,
            "confidence": row.confidence,
        }
    ]
    event_id = conn.execute(
        select(event_sources.c.event_id).where(event_sources.c.fact_id == fact_id)
    ).scalar()
    item["event_id"] = event_id
    item["links"] = []
    return item


def timeline(conn: Connection, f: FactFilter) -> dict:
    """Dated facts in date order, at most `f.limit` of them, and how many match in all."""
    page = list_facts(conn, replace(f, sort="date"), brief=True)
    items = [i for i in page["items"] if i["date"]]
    return {
        "resolved": page["resolved"],
        "total": page["total"],
        "limit": f.limit,
        "offset": f.offset,
        "items": items,
        "undated_on_page": len(page["items"]) - len(items),
        "range": date_range(conn),
    }


def date_range(conn: Connection) -> dict:
    """The first and last date in the store (two index look-ups)."""
    table = events if is_resolved(conn) else facts
    first = conn.execute(select(func.min(table.c.date))).scalar()
    last = conn.execute(select(func.max(table.c.date))).scalar()
    return {"first": first, "last": last}


def years(conn: Connection, f: FactFilter) -> list[dict]:
    """How many facts match `f` in each year: the overview a zoomed-out timeline needs.

    This reads every match, so it is its own route rather than part of every timeline request."""
    table = events if is_resolved(conn) else facts
    stmt = event_query(conn, f) if table is events else fact_query(f)
    inner = (
        stmt.where(table.c.date.is_not(None))
        .with_only_columns(func.substr(table.c.date, 1, 4).label("year"))
        .subquery()
    )
    rows = conn.execute(select(inner.c.year, func.count()).group_by(inner.c.year).order_by(inner.c.year))
    return [{"year": y, "count": n} for y, n in rows]
