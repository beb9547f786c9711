"""Per-entity summaries derived from the resolved events: partners and counts by type.

An entity's page shows its leading partners and how many events of each type it has. Computed at
read time these walk every event of the entity, and the most-read pages (the big agencies) have
the most events; so they are computed once, in SQL, whenever resolution is saved.
"""

from __future__ import annotations

from sqlalchemy import Connection, and_, delete, func, insert, select

from spacecoop.store.schema import entity_event_types, entity_partners, event_entities, events

# Partnership is sharing an agreement or a meeting as an actor (not a rocket, not a launch site).
PARTNER_ROLES = ("party", "organization", "participant", "signatory", "person")
PARTNER_TYPES = ("agreement", "meeting")


def refresh_summaries(conn: Connection) -> None:
    """Recompute both summary tables from events and event_entities, in the caller's transaction."""
    conn.execute(delete(entity_partners))
    conn.execute(delete(entity_event_types))
    mine, other = event_entities.alias("mine"), event_entities.alias("other")
    partners = (
        select(mine.c.entity_id, other.c.entity_id, func.count(func.distinct(other.c.event_id)))
        .select_from(
            mine.join(
                other, and_(other.c.event_id == mine.c.event_id, other.c.entity_id != mine.c.entity_id)
            ).join(events, events.c.id == mine.c.event_id)
        )
        .where(other.c.role.in_(PARTNER_ROLES), events.c.type.in_(PARTNER_TYPES))
        .group_by(mine.c.entity_id, other.c.entity_id)
    )
    conn.execute(insert(entity_partners).from_select(["entity_id", "partner_id", "events"], partners))
    by_type = (
        select(event_entities.c.entity_id, events.c.type, func.count(func.distinct(events.c.id)))
        .select_from(event_entities.join(events, events.c.id == event_entities.c.event_id))
        .group_by(event_entities.c.entity_id, events.c.type)
    )
    conn.execute(insert(entity_event_types).from_select(["entity_id", "type", "events"], by_type))
