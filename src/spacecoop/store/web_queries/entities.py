"""Entities and offices: the lists, and one entity's page (aliases, offices, partners, facts)."""

from __future__ import annotations

from sqlalchemy import Connection, bindparam, func, or_, select
from sqlalchemy.sql import Select

from spacecoop.errors import BadQuery, NotFound
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
from spacecoop.store.web_queries.lookup import fold, match_name, name_index, suggest
from spacecoop.store.web_queries.names import entity_ids_for, entity_names, entity_names_list

ENTITY_SORTS = ("name", "-name", "type", "-type", "events", "-events")
_EVENT_COUNT = (
    select(func.count(func.distinct(event_entities.c.event_id)))
    .where(event_entities.c.entity_id == entities.c.id)
    .scalar_subquery()
)


def list_entities(
    conn: Connection,
    q: str | None = None,
    type: str | None = None,
    limit: int = 50,
    offset: int = 0,
    sort: str | None = None,
) -> dict:
    stmt = select(entities.c.id, entities.c.name, entities.c.type, entities.c.wikidata)
    named = []
    if q:
        # Any alias, a surname or part of a name, without accents (lookup.match_name), or LIKE.
        found = match_name(name_index(conn), q)
        named.append(
            or_(
                entities.c.id.in_(list(found.ids)),
                contains(entities.c.name, q),
                entities.c.id.in_(select(aliases.c.entity_id).where(contains(aliases.c.alias, q))),
            )
        )
    stmt = stmt.where(*named)
    if type:
        stmt = stmt.where(entities.c.type == type)
    total = count_of(conn, stmt)
    key = (sort or "name").lstrip("-")
    if key not in {k.lstrip("-") for k in ENTITY_SORTS}:
        raise BadQuery(f"sort={sort!r}: use one of {', '.join(ENTITY_SORTS)}")
    column = {"name": func.lower(entities.c.name), "type": entities.c.type, "events": _EVENT_COUNT}[key]
    ordered = column.desc() if (sort or "").startswith("-") else column.asc()
    rows = conn.execute(
        stmt.order_by(ordered, func.lower(entities.c.name), entities.c.id).limit(limit).offset(offset)
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
    suggestions = [] if total or not q else suggest(name_index(conn), fold(q))
    by_type = conn.execute(
        select(entities.c.type, func.count())
        .where(*named)
        .group_by(entities.c.type)
        .order_by(func.count().desc())
    ).all()
    facets = {"type": [{"value": t, "count": n} for t, n in by_type]}
    return {"total": total, "limit": limit, "offset": offset, "items": items, "suggestions": suggestions,
            "facets": facets}  # fmt: skip


def office_row(r) -> dict:
    return {
        "office": r.office,
        "organization": r.organization,
        "person": r.person,
        "start": r.start,
        "end": r.end,
        "event_ids": parse_json(r.event_ids_json, []),
    }


OFFICE_SORTS = ("organization", "-organization", "start", "-start", "office", "-office")


def _named(conn: Connection, typed: str | None) -> tuple[list[str], dict | None]:
    """The ids a typed organization or person names (any alias, surname, part), lower-cased as
    the offices table may hold them; and what was matched, for the page to say."""
    if not typed:
        return [], None
    index = name_index(conn)
    found = match_name(index, typed)
    ids = list(found.ids) or [typed]
    return [i.lower() for i in ids], found.as_dict(index)


def list_offices(
    conn: Connection,
    organization: str | None = None,
    person: str | None = None,
    limit: int = 100,
    offset: int = 0,
    sort: str | None = None,
) -> dict:
    stmt = select(offices)
    org_ids, org_match = _named(conn, organization)
    person_ids, person_match = _named(conn, person)
    if organization:
        stmt = stmt.where(func.lower(offices.c.organization).in_(org_ids))
    if person:
        stmt = stmt.where(func.lower(offices.c.person).in_(person_ids))
    total = count_of(conn, stmt)
    key = (sort or "organization").lstrip("-")
    if key not in {k.lstrip("-") for k in OFFICE_SORTS}:
        raise BadQuery(f"sort={sort!r}: use one of {', '.join(OFFICE_SORTS)}")
    column = offices.c[key]
    ordered = column.desc() if (sort or "").startswith("-") else column.asc()
    rows = conn.execute(
        stmt.order_by(column.is_(None), ordered, offices.c.organization, offices.c.office, offices.c.start)
        .limit(limit)
        .offset(offset)
    )
    matched = [m for m in (org_match, person_match) if m]
    return {"total": total, "limit": limit, "offset": offset, "items": [office_row(r) for r in rows],
            "actors": matched}  # fmt: skip


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


def find_entity(conn: Connection, ref: str) -> str:
    """The one entity `ref` names: its id, name or any alias, else a surname or part of a name
    that fits one entity only; NotFound naming the candidates or close names otherwise."""
    ids = entity_ids_for(conn, ref)
    if ids:
        return ref if ref in ids else ids[0]
    index = name_index(conn)
    found = match_name(index, ref)
    if len(found.ids) == 1:
        return found.ids[0]
    options = [index.display.get(i, (i, None))[0] for i in found.ids[:8]] or [
        s["name"] for s in found.suggestions
    ]
    hint = f"; did you mean {', '.join(options)}?" if options else ""
    raise NotFound(f"entity {ref!r}: no entity has this name or alias{hint}")


def entity_detail(conn: Connection, ref: str, limit: int = 50, offset: int = 0) -> dict:
    """An entity (by id, name or alias): aliases, offices, partners by shared events, its facts."""
    entity_id = find_entity(conn, ref)
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
    # The summaries count the entity's events by type: their sum is the page's total.
    page = list_facts(
        conn,
        FactFilter(actor_ids=((entity_id,),), sort="-date", limit=limit, offset=offset),
        known_total=sum(by_type.values()) if by_type else None,
    )
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


def office_terms(conn: Connection, f: FactFilter, limit: int = 40) -> dict:
    """Terms of office a timeline draws as bands: those of `f`'s actors (as holder or as the
    organization) when it names any, else all; overlapping `f`'s period; earliest first."""
    from spacecoop.store.web_queries.facts import with_actor_ids

    f, _ = with_actor_ids(conn, f, resolved=True)
    stmt = select(offices)
    if f.actor_ids:
        ids = sorted({i.lower() for group in f.actor_ids for i in group})
        stmt = stmt.where(
            or_(func.lower(offices.c.organization).in_(ids), func.lower(offices.c.person).in_(ids))
        )
    if f.until:
        stmt = stmt.where(or_(offices.c.start.is_(None), offices.c.start <= f.until + "~"))
    if f.since:
        stmt = stmt.where(or_(offices.c.end.is_(None), offices.c.end >= f.since))
    total = count_of(conn, stmt)
    rows = conn.execute(stmt.order_by(offices.c.start.is_(None), offices.c.start).limit(limit)).all()
    terms = [office_row(r) for r in rows]
    names = entity_names(conn, {t["person"] for t in terms} | {t["organization"] for t in terms})
    for t in terms:
        t["person_name"] = names.get(t["person"], {}).get("name") or readable(t["person"])
        t["organization_name"] = names.get(t["organization"], {}).get("name") or readable(t["organization"])
    return {"total": total, "items": terms}


def readable(entity_id: str) -> str:
    """A name for an id the store has no entity for: "person:jean-yves-le-gall" -> "Jean-Yves Le Gall"."""
    bare = entity_id.split(":", 1)[-1]
    return " ".join(w[:1].upper() + w[1:] for w in bare.replace("-", " ").split()) if bare.islower() else bare
