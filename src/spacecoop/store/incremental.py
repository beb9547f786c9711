"""Store side of incremental resolution: the blocking keys of stored events, the neighbourhood a
new document can touch, and replacing that neighbourhood's events in one transaction.

Every read here is by indexed key or id, so its cost follows the neighbourhood, not the store.
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Iterable

from sqlalchemy import Connection, and_, delete, func, insert, or_, select

from spacecoop import models
from spacecoop.store import codec, schema
from spacecoop.store.connect import write_transaction
from spacecoop.store.event_ids import write_redirects
from spacecoop.store.summaries import PARTNER_ROLES, PARTNER_TYPES

_CHUNK = 500


def _chunks(values: Iterable[str]):
    values = sorted(set(values))
    for start in range(0, len(values), _CHUNK):
        yield values[start : start + _CHUNK]


def unresolved_documents(conn: Connection) -> list[str]:
    """Ids of documents with facts but in no event (stored since resolution last ran). Both
    probes go through the doc_id indexes, so this reads each document once, never each fact."""
    d, f, es = schema.documents, schema.facts, schema.event_sources
    resolved = select(es.c.doc_id).where(es.c.doc_id == d.c.id).exists()
    has_facts = select(f.c.id).where(f.c.doc_id == d.c.id).exists()
    return sorted(conn.execute(select(d.c.id).where(has_facts, ~resolved)).scalars())


def resolution_counts(store) -> dict[str, int]:
    """How many entities, events, office terms and links the store holds."""
    tables = {
        "entities": schema.entities,
        "events": schema.events,
        "offices": schema.offices,
        "links": schema.event_links,
    }
    with store.engine.connect() as conn:
        return {
            name: conn.execute(select(func.count()).select_from(table)).scalar()
            for name, table in tables.items()
        }


def has_event_keys(conn: Connection) -> bool:
    """Whether there are stored events and they carry blocking keys."""
    return conn.execute(select(schema.event_keys.c.event_id).limit(1)).first() is not None


def facts_of_documents(conn: Connection, doc_ids: Iterable[str]) -> list[models.Fact]:
    f = schema.facts
    found = []
    for chunk in _chunks(doc_ids):
        found += [codec.row_to_fact(r) for r in conn.execute(select(f).where(f.c.doc_id.in_(chunk)))]
    return found


def documents_by_id(conn: Connection, doc_ids: Iterable[str]) -> list[models.Document]:
    d = schema.documents
    found = []
    for chunk in _chunks(doc_ids):
        found += [codec.row_to_document(r) for r in conn.execute(select(d).where(d.c.id.in_(chunk)))]
    return found


def mentioned_in(conn: Connection, doc_ids: Iterable[str]) -> set[str]:
    m = schema.mentions
    found: set[str] = set()
    for chunk in _chunks(doc_ids):
        query = select(m.c.entity_id).where(m.c.doc_id.in_(chunk), m.c.entity_id.is_not(None)).distinct()
        found |= set(conn.execute(query).scalars())
    return found


def events_with_keys(conn: Connection, keys: Iterable[str]) -> set[str]:
    k = schema.event_keys
    found: set[str] = set()
    for chunk in _chunks(keys):
        found |= set(conn.execute(select(k.c.event_id).where(k.c.key.in_(chunk)).distinct()).scalars())
    return found


def member_facts(conn: Connection, event_ids: Iterable[str]) -> dict[str, list[str]]:
    """Event id -> its fact ids; and, through the facts, the documents they come from."""
    es = schema.event_sources
    members: dict[str, list[str]] = {}
    for chunk in _chunks(event_ids):
        for event_id, fact_id in conn.execute(
            select(es.c.event_id, es.c.fact_id).where(es.c.event_id.in_(chunk))
        ):
            members.setdefault(event_id, []).append(fact_id)
    return members


def doc_ids_of_facts(conn: Connection, fact_ids: Iterable[str]) -> set[str]:
    f = schema.facts
    found: set[str] = set()
    for chunk in _chunks(fact_ids):
        found |= set(conn.execute(select(f.c.doc_id).where(f.c.id.in_(chunk)).distinct()).scalars())
    return found


def role_events_of_offices(conn: Connection, keys: Iterable[str]) -> list[models.Event]:
    """Stored role events under the given office keys, with what office_terms reads of them."""
    ids = events_with_keys(conn, keys)
    ev, ee = schema.events, schema.event_entities
    found = []
    for chunk in _chunks(ids):
        entities: dict[str, list[tuple[str, str]]] = {}
        for event_id, role, entity_id in conn.execute(
            select(ee.c.event_id, ee.c.role, ee.c.entity_id).where(ee.c.event_id.in_(chunk))
        ):
            entities.setdefault(event_id, []).append((role, entity_id))
        for row in conn.execute(select(ev).where(ev.c.id.in_(chunk), ev.c.type == "role")):
            found.append(
                models.Event(
                    id=row.id,
                    type=row.type,
                    args=json.loads(row.args_json),
                    date=row.date,
                    status=row.status,
                    confidence=row.confidence,
                    sources=(),
                    entities=tuple(sorted(entities.get(row.id, ()))),
                )
            )
    return found


def replace_neighbourhood(
    engine,
    *,
    removed: set[str],
    resolution: models.Resolution,
    keys: dict[str, set[str]],
    offices: list[models.OfficeTerm],
    office_scope: set[tuple[str, str]],
    redirects: Iterable,
    has_fts: bool,
) -> None:
    """In one transaction: drop the `removed` events, write `resolution`'s events, entities (new
    ones; new aliases of known ones), links and keys; replace the office terms of `office_scope`
    ((office, organization) pairs); record redirects; refresh the summaries of the entities touched."""
    events = resolution.events
    new_ids = {e.id for e in events}
    with write_transaction(engine) as conn:
        touched = _entities_of(conn, removed)
        _delete_events(conn, removed, has_fts)
        _write_entities(conn, resolution.entities)
        rows = [codec.event_row(e) for e in events]
        _insert(conn, schema.events, rows)
        _insert(
            conn,
            schema.event_sources,
            [codec.event_source_row(e.id, s) for e in events for s in codec.unique_sources(e.sources)],
        )
        pairs = [
            {"event_id": e.id, "role": role, "entity_id": entity_id}
            for e in events
            for role, entity_id in dict.fromkeys(e.entities)
        ]
        _insert(conn, schema.event_entities, pairs)
        _insert(conn, schema.event_keys, [{"key": k, "event_id": i} for i, ks in keys.items() for k in ks])
        _write_links(conn, resolution.links, removed - new_ids)
        _write_offices(conn, offices, office_scope)
        write_redirects(conn, redirects, new_ids)
        if has_fts:
            fts = [(e.id, e.type, codec.event_search_text(e)) for e in events]
            if fts:
                conn.exec_driver_sql(
                    f"INSERT INTO {schema.EVENTS_FTS} (event_id, type, text) VALUES (?, ?, ?)", fts
                )
        refresh_summaries_for(conn, touched | {p["entity_id"] for p in pairs})


def _insert(conn: Connection, table, rows: list[dict]) -> None:
    if rows:
        conn.execute(insert(table), [codec.without_nul(r) for r in rows])


def _entities_of(conn: Connection, event_ids: set[str]) -> set[str]:
    ee = schema.event_entities
    found: set[str] = set()
    for chunk in _chunks(event_ids):
        found |= set(conn.execute(select(ee.c.entity_id).where(ee.c.event_id.in_(chunk))).scalars())
    return found


def _delete_events(conn: Connection, event_ids: set[str], has_fts: bool) -> None:
    for chunk in _chunks(event_ids):
        for table in (schema.event_sources, schema.event_entities, schema.event_keys):
            conn.execute(delete(table).where(table.c.event_id.in_(chunk)))
        conn.execute(delete(schema.events).where(schema.events.c.id.in_(chunk)))
        if has_fts:
            marks = ", ".join("?" for _ in chunk)
            conn.exec_driver_sql(f"DELETE FROM {schema.EVENTS_FTS} WHERE event_id IN ({marks})", tuple(chunk))


def _write_entities(conn: Connection, entities: tuple[models.Entity, ...]) -> None:
    e, a = schema.entities, schema.aliases
    by_id = {x.id: x for x in entities}
    present: set[str] = set()
    aliases: dict[str, set[str]] = {}
    for chunk in _chunks(by_id):
        present |= set(conn.execute(select(e.c.id).where(e.c.id.in_(chunk))).scalars())
        for entity_id, alias in conn.execute(
            select(a.c.entity_id, a.c.alias).where(a.c.entity_id.in_(chunk))
        ):
            aliases.setdefault(entity_id, set()).add(alias)
    _insert(conn, e, [codec.entity_row(x) for i, x in sorted(by_id.items()) if i not in present])
    _insert(
        conn,
        a,
        [
            {"entity_id": i, "alias": alias}
            for i, x in sorted(by_id.items())
            for alias in dict.fromkeys(x.aliases)
            if alias not in aliases.get(i, set())
        ],
    )


def _write_links(conn: Connection, links: tuple[models.EventLink, ...], gone: set[str]) -> None:
    el = schema.event_links
    for chunk in _chunks(gone):
        conn.execute(delete(el).where(or_(el.c.from_event.in_(chunk), el.c.to_event.in_(chunk))))
    for link in links:
        same = and_(
            el.c.from_event == link.from_event, el.c.to_event == link.to_event, el.c.kind == link.kind
        )
        if conn.execute(select(func.count()).select_from(el).where(same)).scalar() == 0:
            conn.execute(insert(el).values(**dataclasses.asdict(link)))


def _write_offices(conn: Connection, terms: list[models.OfficeTerm], scope: set[tuple[str, str]]) -> None:
    o = schema.offices
    for office, organization in sorted(scope):
        conn.execute(delete(o).where(o.c.office == office, o.c.organization == organization))
    _insert(conn, o, [codec.office_row(t) for t in terms if (t.office, t.organization) in scope])


def refresh_summaries_for(conn: Connection, entity_ids: set[str]) -> None:
    """Recompute the summary rows of these entities only (store/summaries.py does all of them):
    a pair's count changes only through an event that holds both, so both are in `entity_ids`."""
    ee, ev = schema.event_entities, schema.events
    for chunk in _chunks(entity_ids):
        conn.execute(delete(schema.entity_partners).where(schema.entity_partners.c.entity_id.in_(chunk)))
        conn.execute(
            delete(schema.entity_event_types).where(schema.entity_event_types.c.entity_id.in_(chunk))
        )
        mine, other = ee.alias("mine"), ee.alias("other")
        partners = (
            select(mine.c.entity_id, other.c.entity_id, func.count(func.distinct(other.c.event_id)))
            .select_from(
                mine.join(
                    other, and_(other.c.event_id == mine.c.event_id, other.c.entity_id != mine.c.entity_id)
                ).join(ev, ev.c.id == mine.c.event_id)
            )
            .where(mine.c.entity_id.in_(chunk), other.c.role.in_(PARTNER_ROLES), ev.c.type.in_(PARTNER_TYPES))
            .group_by(mine.c.entity_id, other.c.entity_id)
        )
        conn.execute(
            insert(schema.entity_partners).from_select(["entity_id", "partner_id", "events"], partners)
        )
        by_type = (
            select(ee.c.entity_id, ev.c.type, func.count(func.distinct(ev.c.id)))
            .select_from(ee.join(ev, ev.c.id == ee.c.event_id))
            .where(ee.c.entity_id.in_(chunk))
            .group_by(ee.c.entity_id, ev.c.type)
        )
        conn.execute(insert(schema.entity_event_types).from_select(["entity_id", "type", "events"], by_type))
