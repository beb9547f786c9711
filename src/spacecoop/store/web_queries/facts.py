"""Facts (resolved events, or per-document facts before resolution): pages, detail, timeline."""

from __future__ import annotations

from dataclasses import replace

from sqlalchemy import Connection, func, or_, select
from sqlalchemy.sql import Select

from spacecoop.errors import NotFound
from spacecoop.store.schema import (
    documents,
    event_links,
    event_sources,
    events,
    facts,
)
from spacecoop.store.web_queries.actor_order import ordered_page
from spacecoop.store.web_queries.common import (
    FactFilter,
    has_fts,
    in_order,
    is_resolved,
    parse_json,
    until_bound,
)
from spacecoop.store.web_queries.counts import cached_count, remembered
from spacecoop.store.web_queries.fact_pages import (
    PageStatements,
    row_columns,
    shape_of,
    statements,
    values_of,
    where_clauses,
)
from spacecoop.store.web_queries.lookup import entities_of_country, name_index, resolve_actors
from spacecoop.store.web_queries.names import arg_actors, event_actors


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


def with_actor_ids(conn: Connection, f: FactFilter, resolved: bool) -> tuple[FactFilter, list[dict]]:
    """`f` with its actors' names looked up as entity ids (on a resolved store), and what each
    typed name matched, or the close names to suggest when it matched nothing."""
    names = f.actor_names()
    if not resolved or not (names or f.country) or f.actor_ids is not None:
        return f, []
    matches = resolve_actors(conn, list(names))
    index = name_index(conn)
    groups = tuple(m.ids for m in matches)
    if f.country:
        groups += (tuple(entities_of_country(index, f.country)),)
    return replace(f, actor_ids=groups), [m.as_dict(index) for m in matches]


def event_query(conn: Connection, f: FactFilter) -> Select:
    """Events matching `f` with the columns a list shows, values bound (no order, no paging)."""
    f, _ = with_actor_ids(conn, f, resolved=True)
    shape = shape_of(f, resolved=True, fts=bool(f.q) and has_fts(conn))
    return row_columns(shape, events).where(*where_clauses(shape, events)).params(values_of(f, shape))


def fact_query(f: FactFilter) -> Select:
    """Per-document facts matching `f` with the columns a list shows, values bound."""
    shape = shape_of(f, resolved=False, fts=False)
    return row_columns(shape, facts).where(*where_clauses(shape, facts)).params(values_of(f, shape))


def _rows_by_id(conn: Connection, shape, ids: list[str]) -> list:
    """The rows a page shows for these event ids, in their order."""
    if not ids:
        return []
    rows = conn.execute(row_columns(shape, events).where(events.c.id.in_(ids))).all()
    return in_order(ids, rows)


def _page_rows(conn: Connection, st: PageStatements, values: dict, f: FactFilter) -> list:
    found = conn.execute(st.page, {**values, "limit": f.limit, "offset": f.offset}).all()
    if st.undated is None or len(found) == f.limit:
        return found
    # The page runs past the last dated row: continue with the undated ones, in id order.
    n_dated = f.offset + len(found) if found else conn.execute(st.dated_count, values).scalar() or 0
    more = {**values, "limit": f.limit - len(found), "offset": max(0, f.offset - n_dated)}
    return found + conn.execute(st.undated, more).all()


def _brief_item(row, kind: str) -> dict:
    id_, type_, args_json, date, status, confidence = row
    return {"id": id_, "kind": kind, "type": type_, "args": parse_json(args_json, {}), "date": date,
            "status": status, "confidence": confidence}  # fmt: skip


def list_facts(
    conn: Connection,
    f: FactFilter,
    brief: bool = False,
    resolved: bool | None = None,
    known_total: int | None = None,
    from_memory: bool = True,
) -> dict:
    """A page of facts matching `f`, with the total count. `brief` items leave out actors, sources
    and evidence (the timeline draws hundreds of markers and needs none of them). `resolved` may be
    passed by a caller that has already asked `is_resolved`, and `known_total` by one that knows
    how many match (an entity's page, from the stored summaries). Pages of actors come from
    their events kept in date order (actor_order.py) unless `from_memory` is False."""
    if resolved is None:
        resolved = is_resolved(conn)
    f, actors = with_actor_ids(conn, f, resolved)
    shape = shape_of(f, resolved, fts=bool(f.q) and resolved and has_fts(conn), brief=brief)
    head = {"resolved": resolved, "limit": f.limit, "offset": f.offset, "actors": actors}
    if f.actor_ids is not None and not all(f.actor_ids):
        return {**head, "total": 0, "items": []}  # a name that names nobody: say so, with suggestions
    kept = ordered_page(conn, f) if resolved and from_memory else None
    if kept is not None:
        total, page_ids = kept
        rows = _rows_by_id(conn, shape, page_ids)
    else:
        st = statements(shape)
        values = values_of(f, shape)
        total = cached_count(conn, st.count, values, shape) if known_total is None else known_total
        rows = _page_rows(conn, st, values, f)
    if brief:
        kind = "event" if resolved else "fact"
        items = [_brief_item(r, kind) for r in rows]
    elif resolved:
        actors = event_actors(conn, [r.id for r in rows])
        items = [event_item(r, actors.get(r.id, [])) for r in rows]
    else:
        items = [fact_item(r) for r in rows]
    return {**head, "total": total, "items": items}


def _sources_of_event(conn: Connection, event_id: str) -> list[dict]:
    rows = conn.execute(
        select(
            event_sources,
            documents.c.title,
            documents.c.publisher,
            documents.c.date.label("doc_date"),
            documents.c.url.label("doc_url"),
        )
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
            "doc_url": r.doc_url,
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
    links = [
        {
            "kind": r.kind,
            "note": r.note,
            "direction": "to" if r.from_event == event_id else "from",
            "event_id": r.to_event if r.from_event == event_id else r.from_event,
        }
        for r in rows
    ]
    others = {link["event_id"] for link in links}
    if others:
        found = conn.execute(
            select(events.c.id, events.c.type, events.c.args_json, events.c.date).where(
                events.c.id.in_(others)
            )
        )
        briefs = {r.id: {"type": r.type, "args": parse_json(r.args_json, {}), "date": r.date} for r in found}
        for link in links:
            link["event"] = briefs.get(link["event_id"])
    return links


def fact_detail(conn: Connection, fact_id: str) -> dict:
    """One event with every source, conflict and lifecycle link; or one per-document fact."""
    row = conn.execute(event_query(conn, FactFilter()).where(events.c.id == fact_id)).first()
    if row is not None:
        item = event_item(row, event_actors(conn, [fact_id]).get(fact_id, []))
        item["source_list"] = _sources_of_event(conn, fact_id)
        item["links"] = _links_of_event(conn, fact_id)
        return item
    row = conn.execute(
        select(
            facts,
            documents.c.title,
            documents.c.publisher,
            documents.c.date.label("doc_date"),
            documents.c.url.label("doc_url"),
        )
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
            "doc_url": row.doc_url,
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
    resolved = is_resolved(conn)
    page = list_facts(conn, replace(f, sort="date"), brief=True, resolved=resolved)
    items = [i for i in page["items"] if i["date"]]
    return {
        "resolved": page["resolved"],
        "actors": page["actors"],
        "total": page["total"],
        "limit": f.limit,
        "offset": f.offset,
        "items": items,
        "undated_on_page": len(page["items"]) - len(items),
        "range": date_range(conn, resolved),
    }


# Apart, not as one statement: SQLite answers a lone min() or max() from the index's ends.
_FIRST_LAST = {t: (select(func.min(t.c.date)), select(func.max(t.c.date))) for t in (events, facts)}


def date_range(conn: Connection, resolved: bool | None = None) -> dict:
    """The first and last date in the store (two index look-ups)."""
    first, last = _FIRST_LAST[events if (is_resolved(conn) if resolved is None else resolved) else facts]
    return {"first": conn.execute(first).scalar(), "last": conn.execute(last).scalar()}


def years(conn: Connection, f: FactFilter) -> list[dict]:
    """How many facts match `f` in each year: the overview a zoomed-out timeline needs.

    This reads every match, so it is its own route rather than part of every timeline request,
    and is remembered per store version."""
    f = replace(f, limit=0, offset=0, sort="date")
    return [dict(y) for y in remembered(conn, ("years", f), lambda: _years(conn, f))]


def _years(conn: Connection, f: FactFilter) -> list[dict]:
    table = events if is_resolved(conn) else facts
    f, _ = with_actor_ids(conn, f, table is events)
    if f.actor_ids is not None and not all(f.actor_ids):
        return []
    stmt = event_query(conn, f) if table is events else fact_query(f)
    inner = (
        stmt.where(table.c.date.is_not(None))
        .with_only_columns(func.substr(table.c.date, 1, 4).label("year"))
        .subquery()
    )
    rows = conn.execute(select(inner.c.year, func.count()).group_by(inner.c.year).order_by(inner.c.year))
    return [{"year": y, "count": n} for y, n in rows]


def undated(conn: Connection, f: FactFilter, limit: int = 100) -> dict:
    """Facts matching `f` that carry no date of their own, placed by the date of the earliest
    document reporting them (within `f`'s period), so a timeline can show them apart. Remembered
    per store version: finding the earliest report reads every undated match."""
    f = replace(f, limit=limit, offset=0, sort="date")
    found = remembered(conn, ("undated", f), lambda: _undated(conn, f, limit))
    return {"total": found["total"], "items": [dict(i) for i in found["items"]]}


def _undated(conn: Connection, f: FactFilter, limit: int) -> dict:
    resolved = is_resolved(conn)
    since, until = f.since, f.until
    f, _ = with_actor_ids(conn, replace(f, since=None, until=None), resolved)
    if f.actor_ids is not None and not all(f.actor_ids):
        return {"total": 0, "items": []}
    shape = shape_of(f, resolved, fts=False, brief=True)
    table = events if resolved else facts
    where = [*where_clauses(shape, table), table.c.date.is_(None)]
    if resolved:
        link = event_sources
        joined = table.join(link, link.c.event_id == table.c.id).join(
            documents, documents.c.id == link.c.doc_id
        )
    else:
        joined = table.join(documents, documents.c.id == table.c.doc_id)
    reported = func.min(documents.c.date)
    period = []
    if since:
        period.append(documents.c.date >= since)
    if until:
        period.append(documents.c.date <= until_bound(until))
    stmt = (
        select(
            *(table.c[n] for n in ("id", "type", "args_json", "status", "confidence")),
            reported.label("reported"),
        )
        .select_from(joined)
        .where(*where, documents.c.date.is_not(None), *period)
        .group_by(*(table.c[n] for n in ("id", "type", "args_json", "status", "confidence")))
        .order_by(reported, table.c.id)
    )
    values = values_of(f, shape)
    total = conn.execute(select(func.count()).select_from(stmt.subquery()), values).scalar() or 0
    rows = conn.execute(stmt.limit(limit), values).all()
    kind = "event" if resolved else "fact"
    items = [
        {"id": r.id, "kind": kind, "type": r.type, "args": parse_json(r.args_json, {}), "date": None,
         "status": r.status, "confidence": r.confidence, "reported": r.reported}
        for r in rows
    ]  # fmt: skip
    return {"total": total, "items": items}
