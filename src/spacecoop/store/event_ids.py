"""Stored event ids over time: which facts each event holds (for keeping ids stable), and the
redirects from ids no longer in use."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from sqlalchemy import Connection, Engine, delete, insert, select, update

from spacecoop.store import schema

# A redirect chain longer than this is a loop or damage; stop following it.
MAX_HOPS = 16


def event_membership(engine: Engine, event_ids: Iterable[str] | None = None) -> dict[str, frozenset[str]]:
    """Event id -> the ids of its facts, for every stored event (or those asked for)."""
    es = schema.event_sources
    query = select(es.c.event_id, es.c.fact_id)
    wanted = None if event_ids is None else sorted(set(event_ids))
    members: dict[str, set[str]] = defaultdict(set)
    with engine.connect() as conn:
        for chunk in _chunks(wanted):
            rows = conn.execute(query if chunk is None else query.where(es.c.event_id.in_(chunk)))
            for event_id, fact_id in rows:
                members[event_id].add(fact_id)
    return {k: frozenset(v) for k, v in members.items()}


def write_redirects(conn: Connection, redirects: Iterable, live_ids: Iterable[str] | None = None) -> None:
    """Record `redirects` (old_id, new_id, reason); ids live again lose their redirect, and older
    redirects that led to a now-redirected id lead straight to its new place."""
    r = schema.event_redirects
    redirects = list(redirects)
    if live_ids is not None:
        for chunk in _chunks(sorted(set(live_ids))):
            conn.execute(delete(r).where(r.c.old_id.in_(chunk)))
    for item in redirects:
        conn.execute(delete(r).where(r.c.old_id == item.old_id))
        conn.execute(insert(r).values(old_id=item.old_id, new_id=item.new_id, reason=item.reason))
        conn.execute(update(r).where(r.c.new_id == item.old_id).values(new_id=item.new_id))


def follow_redirect(conn: Connection, event_id: str) -> str | None:
    """Where an event id no longer in use leads now, or None when it never was redirected."""
    r = schema.event_redirects
    current, seen = event_id, {event_id}
    for _ in range(MAX_HOPS):
        target = conn.execute(select(r.c.new_id).where(r.c.old_id == current)).scalar()
        if target is None or target in seen:
            break
        current = target
        seen.add(target)
    return None if current == event_id else current


def _chunks(values: list[str] | None, size: int = 500):
    if values is None:
        yield None
        return
    for start in range(0, len(values), size):
        yield values[start : start + size]
