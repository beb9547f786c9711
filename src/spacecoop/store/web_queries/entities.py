"""Entities and offices: the lists, and one entity's page (aliases, offices, partners, facts)."""

from __future__ import annotations

from sqlalchemy import Connection, and_, func, or_, select

from spacecoop.errors import NotFound
from spacecoop.store.schema import (
    aliases,
    entities,
    event_entities,
    events,
    offices,
)
from spacecoop.store.web_queries.common import (
    ACTOR_ROLES,
    NETWORK_TYPES,
    FactFilter,
    contains,
    count_of,
    parse_json,
)
from spacecoop.store.web_queries.facts import list_facts
from spacecoop.store.web_queries.names import entity_ids_for, entity_names, entity_names_list


def list_entities(
    conn: Connection, q: str | None = None, type: str | None = None, limit: int = 50, offset: int = 0
) -> dict:
    stmt = select(entities.c.id, entities.c.name, entities.c.type, entities.c.wikidata)
    if q:
        stmt = stmt.where(
            or_(
                contains(entities.c.name, q),
                entities.c.id.in_(select(aliases.c.entity_id).where(contains(aliases.c.alias, q))),
            )
        )
    if type:
        stmt = stmt.where(entities.c.type == type)
    total = count_of(conn, stmt)
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


def office_row(r) -> dict:
    return {
        "office": r.office,
        "organization": r.organization,
        "person": r.person,
        "start": r.start,
        "end": r.end,
        "event_ids": parse_json(r.event_ids_json, []),
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
    total = count_of(conn, stmt)
    rows = conn.execute(
        stmt.order_by(offices.c.organization, offices.c.office, offices.c.start.is_(None), offices.c.start)
        .limit(limit)
        .offset(offset)
    )
    return {"total": total, "limit": limit, "offset": offset, "items": [office_row(r) for r in rows]}


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
        "predecessors": entity_names_list(conn, parse_json(row.predecessors_json, [])),
        "successors": entity_names_list(conn, parse_json(row.successors_json, [])),
        "offices": [office_row(r) for r in office_rows],
        "partners": partners,
        "facts_by_type": by_type,
        "facts": page,
    }
