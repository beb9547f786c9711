"""Whole-store reads for the exporters: every fact, document, entity, event, office and link."""

from __future__ import annotations

from sqlalchemy import Connection, select

from spacecoop.store.schema import (
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
from spacecoop.store.web_queries.common import parse_json
from spacecoop.store.web_queries.entities import office_row


def export_facts(conn: Connection) -> list[dict]:
    """Every per-document fact with its arguments decoded (and as stored, `args_json`) and the
    event it was merged into."""
    event_of = dict(conn.execute(select(event_sources.c.fact_id, event_sources.c.event_id)).all())
    rows = conn.execute(select(facts).order_by(facts.c.doc_key, facts.c.evidence_start, facts.c.id))
    return [
        {
            **{k: v for k, v in r._asdict().items() if k != "date_alternatives_json"},
            "args": parse_json(r.args_json, {}),
            "date_alternatives": parse_json(r.date_alternatives_json, []),
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
            "predecessors": parse_json(r.predecessors_json, []),
            "successors": parse_json(r.successors_json, []),
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
            "args": parse_json(r.args_json, {}),
            "date": r.date,
            "status": r.status,
            "confidence": r.confidence,
            "conflicts": parse_json(r.conflicts_json, []),
            "entities": sorted(roles.get(r.id, [])),
            "facts": sorted(reports.get(r.id, [])),
        }
        for r in conn.execute(select(events).order_by(events.c.id))
    ]


def export_offices(conn: Connection) -> list[dict]:
    return [
        office_row(r) for r in conn.execute(select(offices).order_by(offices.c.organization, offices.c.start))
    ]


def export_links(conn: Connection) -> list[dict]:
    return [r._asdict() for r in conn.execute(select(event_links).order_by(event_links.c.from_event))]
