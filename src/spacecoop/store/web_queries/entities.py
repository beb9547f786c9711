"""Entities and offices: the lists, and one entity's page (aliases, offices, partners, facts)."""

from __future__ import annotations

from sqlalchemy import Connection, bindparam, func, or_, select
from sqlalchemy.sql import Select

from spacecoop.errors import NotFound
from spacecoop.store.schema import (
    aliases,
    entities,
    entity_event_types,
    entity_partners,
    event_entities,
    offices,
)
from spacecoop.store.web_queries.common import FactFilter, contains, count_of, parse_json
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


def _entity_page_statements() -> dict[str, Select]:
    """The entity page's statements, built once; each runs with the entity's id bound."""
    this = bindparam("entity_id")
    keys = bindparam("keys", expanding=True)
    return {
        "row": select(entities).where(entities.c.id == this),
        "aliases": select(aliases.c.alias).where(aliases.c.entity_id == this).order_by(aliases.c.alias),
        "offices": select(offices)
        .where(or_(func.lower(offices.c.organization).in_(keys), func.lower(offices.c.person).in_(keys)))
        .order_by(offices.c.start.is_(None), offices.c.start)
        .limit(200),
        # Partners share agreements and meetings (store/summaries.py keeps both tables).
        "partners": select(entity_partners.c.partner_id, entity_partners.c.events)
        .where(entity_partners.c.entity_id == this)
        .order_by(entity_partners.c.events.desc(), entity_partners.c.partner_id)
        .limit(20),
        "by_type": select(entity_event_types.c.type, entity_event_types.c.events).where(
            entity_event_types.c.entity_id == this
        ),
    }


_ENTITY_PAGE = _entity_page_statements()


def entity_detail(conn: Connection, ref: str, limit: int = 50, offset: int = 0) -> dict:
    """An entity (by id, name or alias): aliases, offices, partners by shared events, its facts."""
    ids = entity_ids_for(conn, ref)
    if not ids:
        raise NotFound(f"entity {ref!r}: no entity has this id, name or alias")
    entity_id = ref if ref in ids else ids[0]
    bound = {"entity_id": entity_id}
    row = conn.execute(_ENTITY_PAGE["row"], bound).one()
    names = list(conn.execute(_ENTITY_PAGE["aliases"], bound).scalars())
    keys = [entity_id.lower(), row.name.lower()]
    office_rows = conn.execute(_ENTITY_PAGE["offices"], {"keys": keys}).all()
    partner_rows = conn.execute(_ENTITY_PAGE["partners"], bound).all()
    partner_names = entity_names(conn, {p for p, _ in partner_rows})
    partners = [
        {**partner_names.get(p, {"id": p, "name": p, "type": None}), "events": n} for p, n in partner_rows
    ]
    by_type = dict(conn.execute(_ENTITY_PAGE["by_type"], bound).all())
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
