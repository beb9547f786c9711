"""Entities by name: ids for a name or alias, display names, and the actors of events."""

from __future__ import annotations

from sqlalchemy import Connection, bindparam, func, or_, select

from spacecoop.store.schema import aliases, entities, event_entities
from spacecoop.store.web_queries.common import ACTOR_ARGS

# Ids of the entities whose id, name or alias is the name bound by `entity_name_values`
# (case-insensitive); a statement of its own, or a subquery of the fact pages' filter.
ENTITY_IDS = (
    select(entities.c.id)
    .where(or_(entities.c.id == bindparam("entity"), func.lower(entities.c.name) == bindparam("entity_low")))
    .union(select(aliases.c.entity_id).where(func.lower(aliases.c.alias) == bindparam("entity_low")))
)


def entity_name_values(name: str) -> dict:
    return {"entity": name, "entity_low": name.strip().lower()}


def entity_ids_for(conn: Connection, name: str) -> list[str]:
    """Entity ids whose id, name or alias is `name` (case-insensitive)."""
    return sorted({r[0] for r in conn.execute(ENTITY_IDS, entity_name_values(name))})


# Built once, run with a bound list of ids: every page of facts asks these.
_NAMES = select(entities.c.id, entities.c.name, entities.c.type).where(
    entities.c.id.in_(bindparam("ids", expanding=True))
)
_EVENT_ACTORS = (
    select(event_entities.c.event_id, event_entities.c.role, entities.c.id, entities.c.name)
    .join(entities, entities.c.id == event_entities.c.entity_id)
    .where(event_entities.c.event_id.in_(bindparam("event_ids", expanding=True)))
)


def entity_names(conn: Connection, ids: set[str]) -> dict[str, dict]:
    if not ids:
        return {}
    rows = conn.execute(_NAMES, {"ids": sorted(ids)}).all()
    return {id_: {"id": id_, "name": name, "type": type_} for id_, name, type_ in rows}


def event_actors(conn: Connection, event_ids: list[str]) -> dict[str, list[dict]]:
    """For each event, its entities with their roles, in one query."""
    if not event_ids:
        return {}
    out: dict[str, list[dict]] = {}
    for event_id, role, id_, name in conn.execute(_EVENT_ACTORS, {"event_ids": event_ids}).all():
        out.setdefault(event_id, []).append({"id": id_, "name": name, "role": role})
    return out


def arg_actors(args: dict) -> list[dict]:
    names: list[str] = []
    for key in ACTOR_ARGS:
        value = args.get(key)
        for name in value if isinstance(value, list) else [value]:
            if isinstance(name, str) and name and name not in names:
                names.append(name)
    return [{"id": None, "name": n, "role": None} for n in names]


def entity_names_list(conn: Connection, ids: list[str]) -> list[dict]:
    known = entity_names(conn, set(ids))
    return [known.get(i, {"id": i, "name": i, "type": None}) for i in ids]
