"""Read queries behind the HTTP API, the web UI and the exports.

Every function takes an open SQLAlchemy `Connection` and returns plain dicts and lists, so one
result renders as JSON and as HTML. "Facts" here are resolved events when the resolution tables
are filled, and the per-document facts otherwise (each then stands alone with one source).
Every list is paged with LIMIT/OFFSET so a large store answers as fast as a small one.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from dataclasses import dataclass, replace
from typing import Any

import orjson
from sqlalchemy import Connection, and_, bindparam, column, func, or_, select, text
from sqlalchemy.sql import Select

from spacecoop.errors import BadQuery, NotFound
from spacecoop.store.schema import (
    DOCUMENTS_FTS,
    EVENTS_FTS,
    aliases,
    documents,
    entities,
    event_entities,
    event_links,
    event_sources,
    events,
    facts,
    offices,
)

# Roles that make an entity an actor of the cooperation network (not a rocket or a launch site).
ACTOR_ROLES = ("party", "organization", "participant", "signatory", "person")
NETWORK_ROLES = ("party", "organization")
NETWORK_TYPES = ("agreement", "meeting")
# Argument keys that hold actors in the exchange format, for stores without resolution.
ACTOR_ARGS = ("parties", "organizations", "participants", "signatories", "person", "organization")
SORTS = {"date", "-date", "confidence", "-confidence", "type"}
# Search counts and facets over the best matches only, so a common word answers as fast as a rare one.
SEARCH_CAP = 2000
# Characters that mark search hits inside snippets; templates turn them into <mark> after escaping.
HIT_OPEN, HIT_CLOSE = "\ue000", "\ue001"


@dataclass(frozen=True)
class FactFilter:
    """Which facts to list. Dates are ISO prefixes; `until` includes everything it prefixes."""

    type: str | None = None
    entity: str | None = None
    status: str | None = None
    since: str | None = None
    until: str | None = None
    q: str | None = None
    sort: str = "date"
    limit: int = 50
    offset: int = 0


def _loads(value: str | None, default: Any) -> Any:
    # Every listed fact carries JSON columns; orjson parses them several times faster.
    if not value or value == "[]":
        return default
    try:
        return orjson.loads(value)
    except ValueError:
        return default


def _until_bound(until: str) -> str:
    # "2021" must include "2021-05-03": every ISO prefix sorts below prefix + "~".
    return until + "~"


def is_resolved(conn: Connection) -> bool:
    """True when resolution has filled the events table."""
    return conn.execute(select(events.c.id).limit(1)).first() is not None


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


def _event_hits(match: str):
    return (
        text(f"SELECT event_id FROM {EVENTS_FTS} WHERE {EVENTS_FTS} MATCH :q")
        .bindparams(q=match)
        .columns(column("event_id"))
    )


def _like(col, q: str):
    pattern = "%" + q.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
    return col.ilike(pattern, escape="\\")


def _total(conn: Connection, stmt: Select) -> int:
    return conn.execute(select(func.count()).select_from(stmt.order_by(None).subquery())).scalar() or 0


# --- entities ----------------------------------------------------------------------------------


def _entity_ids_select(name: str):
    """Ids of the entities whose id, name or alias is `name` (case-insensitive), as a subquery."""
    low = name.strip().lower()
    by_name = select(entities.c.id).where(or_(entities.c.id == name, func.lower(entities.c.name) == low))
    by_alias = select(aliases.c.entity_id).where(func.lower(aliases.c.alias) == low)
    return by_name.union(by_alias)


def entity_ids_for(conn: Connection, name: str) -> list[str]:
    """Entity ids whose id, name or alias is `name` (case-insensitive)."""
    return sorted({r[0] for r in conn.execute(_entity_ids_select(name))})


def entity_names(conn: Connection, ids: set[str]) -> dict[str, dict]:
    if not ids:
        return {}
    rows = conn.execute(
        select(entities.c.id, entities.c.name, entities.c.type).where(entities.c.id.in_(sorted(ids)))
    )
    return {r.id: {"id": r.id, "name": r.name, "type": r.type} for r in rows}


def _event_actors(conn: Connection, event_ids: list[str]) -> dict[str, list[dict]]:
    """For each event, its entities with their roles, in one query."""
    if not event_ids:
        return {}
    rows = conn.execute(
        select(event_entities.c.event_id, event_entities.c.role, entities.c.id, entities.c.name)
        .join(entities, entities.c.id == event_entities.c.entity_id)
        .where(event_entities.c.event_id.in_(bindparam("event_ids", expanding=True))),
        {"event_ids": event_ids},  # one bound list: no per-value work in building the statement
    )
    out: dict[str, list[dict]] = {}
    for r in rows:
        out.setdefault(r.event_id, []).append({"id": r.id, "name": r.name, "role": r.role})
    return out


def _arg_actors(args: dict) -> list[dict]:
    names: list[str] = []
    for key in ACTOR_ARGS:
        value = args.get(key)
        for name in value if isinstance(value, list) else [value]:
            if isinstance(name, str) and name and name not in names:
                names.append(name)
    return [{"id": None, "name": n, "role": None} for n in names]


# --- facts (events, or per-document facts before resolution) -----------------------------------


def _event_item(row, actors: list[dict]) -> dict:
    return {
        "id": row.id,
        "kind": "event",
        "type": row.type,
        "args": _loads(row.args_json, {}),
        "date": row.date,
        "status": row.status,
        "confidence": row.confidence,
        "conflicts": _loads(row.conflicts_json, []),
        "actors": actors,
        "sources": row.sources,
        "evidence": row.evidence,
    }


def _fact_item(row) -> dict:
    args = _loads(row.args_json, {})
    return {
        "id": row.id,
        "kind": "fact",
        "type": row.type,
        "args": args,
        "date": row.date,
        "status": row.status,
        "confidence": row.confidence,
        "conflicts": [],
        "actors": _arg_actors(args),
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
        ids = _entity_ids_select(f.entity)
        conditions.append(
            events.c.id.in_(select(event_entities.c.event_id).where(event_entities.c.entity_id.in_(ids)))
        )
    if f.q:
        if has_fts(conn):
            conditions.append(events.c.id.in_(_event_hits(fts_query(f.q))))
        else:
            conditions.append(_like(events.c.args_json, f.q))
    return conditions


def _event_query(conn: Connection, f: FactFilter) -> Select:
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
        conditions.append(_like(facts.c.args_json, json.dumps(f.entity, ensure_ascii=False)))
    if f.q:
        conditions.append(or_(_like(facts.c.evidence_text, f.q), _like(facts.c.args_json, f.q)))
    return conditions


def _fact_query(f: FactFilter) -> Select:
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
        conditions.append(table.c.date <= _until_bound(f.until))
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
    n_dated = f.offset + len(found) if found else _total(conn, dated)
    undated = ids.where(table.c.date.is_(None))
    return found + rows(undated, [table.c.id], f.limit - len(found), max(0, f.offset - n_dated))


def _in_order(ids: list[str], rows) -> list:
    by_id = {r.id: r for r in rows}
    return [by_id[i] for i in ids if i in by_id]


def _brief_item(row, kind: str) -> dict:
    return {"id": row.id, "kind": kind, "type": row.type, "args": _loads(row.args_json, {}), "date": row.date,
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
        actors = _event_actors(conn, [r.id for r in rows])
        items = [_event_item(r, actors.get(r.id, [])) for r in rows]
    else:
        items = [_fact_item(r) for r in _page(conn, _fact_columns(), table, conditions, f)]
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
    row = conn.execute(_event_query(conn, FactFilter()).where(events.c.id == fact_id)).first()
    if row is not None:
        item = _event_item(row, _event_actors(conn, [fact_id]).get(fact_id, []))
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
    item = _fact_item(row)
    item["notes"] = row.notes
    item["date_alternatives"] = _loads(row.date_alternatives_json, [])
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


# --- documents ---------------------------------------------------------------------------------


def list_documents(conn: Connection, limit: int = 50, offset: int = 0, q: str | None = None) -> dict:
    stmt = select(
        documents.c.id,
        documents.c.key,
        documents.c.title,
        documents.c.date,
        documents.c.publisher,
        documents.c.form,
        documents.c.language,
        documents.c.source,
    )
    if q:
        stmt = stmt.where(or_(_like(documents.c.title, q), _like(documents.c.key, q)))
    total = _total(conn, stmt)
    rows = conn.execute(
        stmt.order_by(documents.c.date.is_(None), documents.c.date.desc(), documents.c.key)
        .limit(limit)
        .offset(offset)
    ).all()
    counts = {}
    if rows:
        counts = dict(
            conn.execute(
                select(facts.c.doc_id, func.count())
                .where(facts.c.doc_id.in_([r.id for r in rows]))
                .group_by(facts.c.doc_id)
            ).all()
        )
    items = [{**r._asdict(), "facts": counts.get(r.id, 0)} for r in rows]
    return {"total": total, "limit": limit, "offset": offset, "items": items}


def _find_document(conn: Connection, ref: str):
    cols = [c for c in documents.c if c.name != "raw_text"]
    for condition in (documents.c.id == ref, documents.c.key == ref):
        row = conn.execute(select(*cols).where(condition).limit(1)).first()
        if row is not None:
            return row
    if len(ref) >= 6 and re.fullmatch(r"[0-9a-f]+", ref):
        rows = conn.execute(select(*cols).where(documents.c.id.startswith(ref)).limit(2)).all()
        if len(rows) == 1:
            return rows[0]
        if len(rows) > 1:
            raise BadQuery(f"document {ref!r}: this id prefix matches several documents; give more of it")
    raise NotFound(f"document {ref!r}: no document has this id, key or id prefix")


def document_detail(conn: Connection, ref: str) -> dict:
    """A document (by id, key or id prefix) with its clean text and every fact found in it."""
    row = _find_document(conn, ref)
    doc = row._asdict()
    doc["contacts"] = _loads(doc.pop("contacts_json"), [])
    doc.pop("offsets_json", None)
    fact_rows = conn.execute(select(facts).where(facts.c.doc_id == row.id).order_by(facts.c.evidence_start))
    event_of = dict(
        conn.execute(
            select(event_sources.c.fact_id, event_sources.c.event_id).where(event_sources.c.doc_id == row.id)
        ).all()
    )
    doc["facts"] = [
        {
            **_fact_item(f),
            "evidence_start": f.evidence_start,
            "evidence_end": f.evidence_end,
            "event_id": event_of.get(f.id),
        }
        for f in fact_rows
    ]
    return doc


def document_raw(conn: Connection, ref: str) -> dict:
    row = _find_document(conn, ref)
    raw = conn.execute(select(documents.c.raw_text).where(documents.c.id == row.id)).scalar()
    return {"id": row.id, "key": row.key, "form": row.form, "raw_text": raw}


# --- entities and offices ----------------------------------------------------------------------


def list_entities(
    conn: Connection, q: str | None = None, type: str | None = None, limit: int = 50, offset: int = 0
) -> dict:
    stmt = select(entities.c.id, entities.c.name, entities.c.type, entities.c.wikidata)
    if q:
        stmt = stmt.where(
            or_(
                _like(entities.c.name, q),
                entities.c.id.in_(select(aliases.c.entity_id).where(_like(aliases.c.alias, q))),
            )
        )
    if type:
        stmt = stmt.where(entities.c.type == type)
    total = _total(conn, stmt)
    rows = conn.execute(
        stmt.order_by(func.lower(entities.c.name), entities.c.id).limit(limit).offset(offset)
    ).all()
    counts = {}
    if rows:
        counts = dict(
            conn.execute(
                select(event_entities.c.entity_id, func.count(func.distinct(event_entities.c.event_id)))
                .where(event_entities.c.entity_id.in_([r.id for r in rows]))
                .group_by(event_entities.c.entity_id)
            ).all()
        )
    items = [{**r._asdict(), "events": counts.get(r.id, 0)} for r in rows]
    return {"total": total, "limit": limit, "offset": offset, "items": items}


def _office_row(r) -> dict:
    return {
        "office": r.office,
        "organization": r.organization,
        "person": r.person,
        "start": r.start,
        "end": r.end,
        "event_ids": _loads(r.event_ids_json, []),
    }


def list_offices(
    conn: Connection,
    organization: str | None = None,
    person: str | None = None,
    limit: int = 100,
    offset: int = 0,
) -> dict:
    stmt = select(offices)
    if organization:
        stmt = stmt.where(func.lower(offices.c.organization) == organization.lower())
    if person:
        stmt = stmt.where(func.lower(offices.c.person) == person.lower())
    total = _total(conn, stmt)
    rows = conn.execute(
        stmt.order_by(offices.c.organization, offices.c.office, offices.c.start.is_(None), offices.c.start)
        .limit(limit)
        .offset(offset)
    )
    return {"total": total, "limit": limit, "offset": offset, "items": [_office_row(r) for r in rows]}


def entity_detail(conn: Connection, ref: str, limit: int = 50, offset: int = 0) -> dict:
    """An entity (by id, name or alias): aliases, offices, partners by shared events, its facts."""
    ids = entity_ids_for(conn, ref)
    if not ids:
        raise NotFound(f"entity {ref!r}: no entity has this id, name or alias")
    entity_id = ref if ref in ids else ids[0]
    row = conn.execute(select(entities).where(entities.c.id == entity_id)).one()
    names = [
        a[0]
        for a in conn.execute(
            select(aliases.c.alias).where(aliases.c.entity_id == entity_id).order_by(aliases.c.alias)
        )
    ]
    keys = [entity_id.lower(), row.name.lower()]
    office_rows = conn.execute(
        select(offices)
        .where(or_(func.lower(offices.c.organization).in_(keys), func.lower(offices.c.person).in_(keys)))
        .order_by(offices.c.start.is_(None), offices.c.start)
        .limit(200)
    )
    mine = event_entities.alias("mine")
    other = event_entities.alias("other")
    partner_rows = conn.execute(
        select(other.c.entity_id, func.count(func.distinct(other.c.event_id)).label("n"))
        .select_from(
            mine.join(other, and_(mine.c.event_id == other.c.event_id, other.c.entity_id != entity_id)).join(
                events, events.c.id == mine.c.event_id
            )
        )
        # Partners share agreements and meetings; holding an office in an agency is not partnership.
        .where(mine.c.entity_id == entity_id, other.c.role.in_(ACTOR_ROLES), events.c.type.in_(NETWORK_TYPES))
        .group_by(other.c.entity_id)
        .order_by(func.count(func.distinct(other.c.event_id)).desc(), other.c.entity_id)
        .limit(20)
    ).all()
    partner_names = entity_names(conn, {p.entity_id for p in partner_rows})
    partners = [
        {
            **partner_names.get(p.entity_id, {"id": p.entity_id, "name": p.entity_id, "type": None}),
            "events": p.n,
        }
        for p in partner_rows
    ]
    by_type = dict(
        conn.execute(
            select(events.c.type, func.count())
            .where(
                events.c.id.in_(
                    select(event_entities.c.event_id).where(event_entities.c.entity_id == entity_id)
                )
            )
            .group_by(events.c.type)
        ).all()
    )
    page = list_facts(conn, FactFilter(entity=entity_id, sort="-date", limit=limit, offset=offset))
    return {
        "id": row.id,
        "name": row.name,
        "type": row.type,
        "wikidata": row.wikidata,
        "aliases": names,
        "predecessors": _entity_names_list(conn, _loads(row.predecessors_json, [])),
        "successors": _entity_names_list(conn, _loads(row.successors_json, [])),
        "offices": [_office_row(r) for r in office_rows],
        "partners": partners,
        "facts_by_type": by_type,
        "facts": page,
    }


def _entity_names_list(conn: Connection, ids: list[str]) -> list[dict]:
    known = entity_names(conn, set(ids))
    return [known.get(i, {"id": i, "name": i, "type": None}) for i in ids]


# --- timeline and network ----------------------------------------------------------------------


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
    stmt = _event_query(conn, f) if table is events else _fact_query(f)
    inner = (
        stmt.where(table.c.date.is_not(None))
        .with_only_columns(func.substr(table.c.date, 1, 4).label("year"))
        .subquery()
    )
    rows = conn.execute(select(inner.c.year, func.count()).group_by(inner.c.year).order_by(inner.c.year))
    return [{"year": y, "count": n} for y, n in rows]


def _period(table, since: str | None, until: str | None) -> list:
    conditions = []
    if since:
        conditions.append(table.c.date >= since)
    if until:
        conditions.append(table.c.date <= _until_bound(until))
    return conditions


def graph(conn: Connection, since: str | None = None, until: str | None = None, max_nodes: int = 60) -> dict:
    """Actors as nodes, shared agreements and meetings as edges weighted by their count."""
    pairs = _resolved_pairs(conn, since, until) if is_resolved(conn) else _fact_pairs(conn, since, until)
    weight: dict[str, int] = {}
    for (a, b), counts in pairs.items():
        total = sum(counts.values())
        weight[a] = weight.get(a, 0) + total
        weight[b] = weight.get(b, 0) + total
    keep = set(sorted(weight, key=lambda n: (-weight[n], n))[:max_nodes])
    names = entity_names(conn, keep) if is_resolved(conn) else {}
    nodes = [
        {
            "id": n,
            "name": names.get(n, {}).get("name", n),
            "type": names.get(n, {}).get("type"),
            "weight": weight[n],
        }
        for n in sorted(keep, key=lambda n: (-weight[n], n))
    ]
    edges = [
        {
            "source": a,
            "target": b,
            "weight": sum(c.values()),
            "agreements": c.get("agreement", 0),
            "meetings": c.get("meeting", 0),
        }
        for (a, b), c in sorted(pairs.items())
        if a in keep and b in keep
    ]
    return {
        "since": since,
        "until": until,
        "nodes": nodes,
        "edges": edges,
        "dropped_nodes": len(weight) - len(keep),
    }


def _resolved_pairs(conn: Connection, since: str | None, until: str | None) -> dict:
    a, b = event_entities.alias("a"), event_entities.alias("b")
    stmt = (
        select(a.c.entity_id, b.c.entity_id, events.c.type, func.count(func.distinct(events.c.id)))
        .select_from(
            a.join(b, and_(a.c.event_id == b.c.event_id, a.c.entity_id < b.c.entity_id)).join(
                events, events.c.id == a.c.event_id
            )
        )
        .where(
            events.c.type.in_(NETWORK_TYPES),
            a.c.role.in_(NETWORK_ROLES),
            b.c.role.in_(NETWORK_ROLES),
            *_period(events, since, until),
        )
        .group_by(a.c.entity_id, b.c.entity_id, events.c.type)
    )
    pairs: dict = {}
    for x, y, kind, n in conn.execute(stmt):
        pairs.setdefault((x, y), {})[kind] = n
    return pairs


def _network_actors(args: dict) -> list[str]:
    names = []
    for key in ("parties", "organizations"):
        for name in args.get(key) or []:
            if isinstance(name, str) and name and name not in names:
                names.append(name)
    return sorted(names)


def _fact_pairs(conn: Connection, since: str | None, until: str | None) -> dict:
    pairs: dict = {}
    rows = conn.execute(
        select(facts.c.type, facts.c.args_json).where(
            facts.c.type.in_(NETWORK_TYPES), *_period(facts, since, until)
        )
    )
    for kind, args_json in rows:
        actors = _network_actors(_loads(args_json, {}))
        for i, x in enumerate(actors):
            for y in actors[i + 1 :]:
                counts = pairs.setdefault((x, y), {})
                counts[kind] = counts.get(kind, 0) + 1
    return pairs


def edge_facts(
    conn: Connection,
    source: str,
    target: str,
    since: str | None = None,
    until: str | None = None,
    limit: int = 100,
) -> dict:
    """The agreements and meetings two actors share: the facts behind one network edge."""
    if is_resolved(conn):
        both = (
            select(event_entities.c.event_id)
            .where(event_entities.c.entity_id == source, event_entities.c.role.in_(NETWORK_ROLES))
            .intersect(
                select(event_entities.c.event_id).where(
                    event_entities.c.entity_id == target, event_entities.c.role.in_(NETWORK_ROLES)
                )
            )
        )
        stmt = (
            _event_query(conn, FactFilter(since=since, until=until))
            .where(events.c.id.in_(both), events.c.type.in_(NETWORK_TYPES))
            .order_by(events.c.date.is_(None), events.c.date, events.c.id)
            .limit(limit)
        )
        rows = conn.execute(stmt).all()
        actors = _event_actors(conn, [r.id for r in rows])
        items = [_event_item(r, actors.get(r.id, [])) for r in rows]
        names = entity_names(conn, {source, target})
    else:
        stmt = (
            _fact_query(FactFilter(since=since, until=until))
            .where(facts.c.type.in_(NETWORK_TYPES))
            .order_by(facts.c.date.is_(None), facts.c.date, facts.c.id)
        )
        items = []
        for r in conn.execute(stmt):
            actors = _network_actors(_loads(r.args_json, {}))
            if source in actors and target in actors:
                items.append(_fact_item(r))
                if len(items) >= limit:
                    break
        names = {}
    return {
        "source": names.get(source, {"id": source, "name": source}),
        "target": names.get(target, {"id": target, "name": target}),
        "items": items,
    }


# --- search ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class SearchFilter:
    q: str
    type: str | None = None
    actor: str | None = None
    year: str | None = None
    publisher: str | None = None
    limit: int = 20
    offset: int = 0


def _facet(conn: Connection, column, where_ids, limit: int = 15) -> list[dict]:
    rows = conn.execute(
        select(column.label("value"), func.count().label("n"))
        .where(where_ids, column.is_not(None))
        .group_by(column)
        .order_by(func.count().desc(), column)
        .limit(limit)
    ).all()
    return [{"value": v, "count": n} for v, n in rows]


def search(conn: Connection, s: SearchFilter) -> dict:
    """Full-text search over documents and facts, each with facets to narrow the hits."""
    fts = has_fts(conn)
    match = fts_query(s.q)
    return {
        "q": s.q,
        "engine": "fts5" if fts else "like",
        "documents": _search_documents(conn, s, match, fts),
        "facts": _search_facts(conn, s, match, fts),
    }


def _search_documents(conn: Connection, s: SearchFilter, match: str, fts: bool) -> dict:
    year = func.substr(documents.c.date, 1, 4)
    if fts:
        hits = (
            text(
                f"SELECT doc_id, snippet({DOCUMENTS_FTS}, 2, :o, :c, ' … ', 16) AS snip, rank "
                f"FROM {DOCUMENTS_FTS} WHERE {DOCUMENTS_FTS} MATCH :q"
            )
            .bindparams(q=match, o=HIT_OPEN, c=HIT_CLOSE)
            .columns(column("doc_id"), column("snip"), column("rank"))
            .subquery("hits")
        )
        base_ids = select(hits.c.doc_id)
        snippet, rank = hits.c.snip, hits.c.rank
        source = documents.join(hits, hits.c.doc_id == documents.c.id)
    else:
        base_ids = select(documents.c.id).where(
            or_(_like(documents.c.text, s.q), _like(documents.c.title, s.q))
        )
        snippet, rank = func.substr(documents.c.text, 1, 200), documents.c.date
        source = documents
    in_hits = documents.c.id.in_(base_ids)
    narrowed = [in_hits]
    if s.publisher:
        narrowed.append(documents.c.publisher == s.publisher)
    if s.year:
        narrowed.append(year == s.year)
    stmt = (
        select(
            documents.c.id,
            documents.c.key,
            documents.c.title,
            documents.c.date,
            documents.c.publisher,
            snippet.label("snippet"),
        )
        .select_from(source)
        .where(*narrowed)
    )
    total = _total(conn, stmt)
    rows = conn.execute(stmt.order_by(rank, documents.c.id).limit(s.limit).offset(s.offset)).all()
    return {
        "total": total,
        "items": [r._asdict() for r in rows],
        "facets": {
            "publisher": _facet(
                conn, documents.c.publisher, and_(*narrowed[:1], *([year == s.year] if s.year else []))
            ),
            "year": _facet(
                conn,
                year,
                and_(*narrowed[:1], *([documents.c.publisher == s.publisher] if s.publisher else [])),
            ),
        },
    }


def _search_facts(conn: Connection, s: SearchFilter, match: str, fts: bool) -> dict:
    if not is_resolved(conn):
        # Before resolution there is no events index: look through the evidence sentences.
        stmt = _fact_query(FactFilter(type=s.type, q=s.q))
        if s.year:
            stmt = stmt.where(func.substr(facts.c.date, 1, 4) == s.year)
        total = _total(conn, stmt)
        rows = conn.execute(stmt.order_by(facts.c.date, facts.c.id).limit(s.limit).offset(s.offset)).all()
        ids = facts.c.id.in_(_fact_query(FactFilter(q=s.q)).with_only_columns(facts.c.id))
        return {
            "total": total,
            "items": [_fact_item(r) for r in rows],
            "facets": {
                "type": _facet(conn, facts.c.type, ids),
                "year": _facet(conn, func.substr(facts.c.date, 1, 4), ids),
                "actor": [],
            },
        }
    candidates = _event_candidates(conn, s, match, fts)
    meta = {}
    for chunk in _chunks(candidates):
        rows = conn.execute(select(events.c.id, events.c.type, events.c.date).where(events.c.id.in_(chunk)))
        meta.update({r.id: (r.type, (r.date or "")[:4] or None) for r in rows})
    actors_of: dict[str, set[str]] = {}
    for chunk in _chunks(candidates):
        rows = conn.execute(
            select(event_entities.c.event_id, event_entities.c.entity_id).where(
                event_entities.c.event_id.in_(chunk), event_entities.c.role.in_(ACTOR_ROLES)
            )
        )
        for event_id, entity_id in rows:
            actors_of.setdefault(event_id, set()).add(entity_id)
    wanted_actors = set(entity_ids_for(conn, s.actor)) if s.actor else set()
    tests = {
        "type": lambda e: meta[e][0] == s.type,
        "year": lambda e: meta[e][1] == s.year,
        "actor": lambda e: bool(actors_of.get(e, set()) & wanted_actors),
    }
    active = {k: t for k, t in tests.items() if getattr(s, k)}
    hits = [e for e in candidates if e in meta and all(t(e) for t in active.values())]

    def keeping_others(name: str) -> list[str]:
        # Facet counts keep every other filter, so each facet shows where a click would lead.
        return [e for e in candidates if e in meta and all(t(e) for k, t in active.items() if k != name)]

    type_counts = Counter(meta[e][0] for e in keeping_others("type"))
    year_counts = Counter(meta[e][1] for e in keeping_others("year") if meta[e][1])
    actor_counts = Counter(a for e in keeping_others("actor") for a in actors_of.get(e, ()))
    top_actors = sorted(actor_counts.items(), key=lambda kv: (-kv[1], kv[0]))[:15]
    names = entity_names(conn, {a for a, _ in top_actors})
    page_ids = hits[s.offset : s.offset + s.limit]
    rows = _in_order(
        page_ids, conn.execute(_event_query(conn, FactFilter()).where(events.c.id.in_(page_ids)))
    )
    actors = _event_actors(conn, page_ids)
    return {
        "total": len(hits),
        # Facets and totals count the best SEARCH_CAP matches; more exist when this is true.
        "capped": len(candidates) >= SEARCH_CAP,
        "items": [_event_item(r, actors.get(r.id, [])) for r in rows],
        "facets": {
            "type": _counted(type_counts),
            "year": _counted(year_counts),
            "actor": [{"value": names.get(a, {}).get("name", a), "id": a, "count": n} for a, n in top_actors],
        },
    }


def _counted(counts: Counter) -> list[dict]:
    return [{"value": v, "count": n} for v, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:15]]


def _chunks(ids: list[str], size: int = 900) -> list[list[str]]:
    # Stay under the bound-parameter limit of older SQLite builds.
    return [ids[i : i + size] for i in range(0, len(ids), size)]


def _event_candidates(conn: Connection, s: SearchFilter, match: str, fts: bool) -> list[str]:
    """The ids of the events matching the words, best first, at most SEARCH_CAP of them."""
    if fts:
        found = conn.execute(
            text(f"SELECT event_id FROM {EVENTS_FTS} WHERE {EVENTS_FTS} MATCH :q ORDER BY rank LIMIT :n"),
            {"q": match, "n": SEARCH_CAP},
        )
        return list(dict.fromkeys(found.scalars()))
    stmt = (
        select(events.c.id).where(_like(events.c.args_json, s.q)).order_by(events.c.date.desc(), events.c.id)
    )
    return list(conn.execute(stmt.limit(SEARCH_CAP)).scalars())


def top_actors(conn: Connection, n: int = 8) -> list[dict]:
    """The actors in the most agreements and meetings (empty before resolution)."""
    count = func.count(func.distinct(event_entities.c.event_id))
    rows = conn.execute(
        select(entities.c.id, entities.c.name, entities.c.type, count.label("events"))
        .select_from(
            event_entities.join(entities, entities.c.id == event_entities.c.entity_id).join(
                events, events.c.id == event_entities.c.event_id
            )
        )
        .where(event_entities.c.role.in_(NETWORK_ROLES), events.c.type.in_(NETWORK_TYPES))
        .group_by(entities.c.id, entities.c.name, entities.c.type)
        .order_by(count.desc(), entities.c.id)
        .limit(n)
    )
    return [r._asdict() for r in rows]


# --- home --------------------------------------------------------------------------------------


def overview(conn: Connection) -> dict:
    """Counts and ranges for the home page."""

    def count(table) -> int:
        return conn.execute(select(func.count()).select_from(table)).scalar() or 0

    resolved = is_resolved(conn)
    table = events if resolved else facts
    first, last = conn.execute(select(func.min(table.c.date), func.max(table.c.date))).one()
    by_type = dict(conn.execute(select(table.c.type, func.count()).group_by(table.c.type)).all())
    return {
        "resolved": resolved,
        "documents": count(documents),
        "facts": count(facts),
        "events": count(events),
        "entities": count(entities),
        "offices": count(offices),
        "first_date": first,
        "last_date": last,
        "by_type": by_type,
    }


# --- exports -----------------------------------------------------------------------------------


def export_facts(conn: Connection) -> list[dict]:
    """Every per-document fact with its arguments decoded (and as stored, `args_json`) and the
    event it was merged into."""
    event_of = dict(conn.execute(select(event_sources.c.fact_id, event_sources.c.event_id)).all())
    rows = conn.execute(select(facts).order_by(facts.c.doc_key, facts.c.evidence_start, facts.c.id))
    return [
        {
            **{k: v for k, v in r._asdict().items() if k != "date_alternatives_json"},
            "args": _loads(r.args_json, {}),
            "date_alternatives": _loads(r.date_alternatives_json, []),
            "event_id": event_of.get(r.id),
        }
        for r in rows
    ]


def export_documents(conn: Connection) -> list[dict]:
    cols = [
        documents.c[n]
        for n in ("id", "key", "source", "form", "url", "date", "title", "publisher", "language")
    ]
    return [r._asdict() for r in conn.execute(select(*cols).order_by(documents.c.key))]


def export_entities(conn: Connection) -> list[dict]:
    names: dict[str, list[str]] = {}
    for entity_id, alias in conn.execute(
        select(aliases.c.entity_id, aliases.c.alias).order_by(aliases.c.alias)
    ):
        names.setdefault(entity_id, []).append(alias)
    return [
        {
            "id": r.id,
            "name": r.name,
            "type": r.type,
            "wikidata": r.wikidata,
            "aliases": names.get(r.id, []),
            "predecessors": _loads(r.predecessors_json, []),
            "successors": _loads(r.successors_json, []),
        }
        for r in conn.execute(select(entities).order_by(entities.c.id))
    ]


def export_events(conn: Connection) -> list[dict]:
    """Every event with its entities (role, id) and the ids of the facts that report it."""
    roles: dict[str, list[tuple[str, str]]] = {}
    for event_id, role, entity_id in conn.execute(
        select(event_entities.c.event_id, event_entities.c.role, event_entities.c.entity_id)
    ):
        roles.setdefault(event_id, []).append((role, entity_id))
    reports: dict[str, list[str]] = {}
    for event_id, fact_id in conn.execute(select(event_sources.c.event_id, event_sources.c.fact_id)):
        reports.setdefault(event_id, []).append(fact_id)
    return [
        {
            "id": r.id,
            "type": r.type,
            "args": _loads(r.args_json, {}),
            "date": r.date,
            "status": r.status,
            "confidence": r.confidence,
            "conflicts": _loads(r.conflicts_json, []),
            "entities": sorted(roles.get(r.id, [])),
            "facts": sorted(reports.get(r.id, [])),
        }
        for r in conn.execute(select(events).order_by(events.c.id))
    ]


def export_offices(conn: Connection) -> list[dict]:
    return [
        _office_row(r)
        for r in conn.execute(select(offices).order_by(offices.c.organization, offices.c.start))
    ]


def export_links(conn: Connection) -> list[dict]:
    return [r._asdict() for r in conn.execute(select(event_links).order_by(event_links.c.from_event))]
