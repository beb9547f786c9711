"""An actor's events in date order, kept in memory per store version: the page of an actor's
facts without sorting all of them again.

A page of one actor's facts (an entity's page, the facts list or the timeline for an actor) must
order every event of that actor by date, one primary-key look-up each: 20–30 ms for an actor in
2,000 events of a million-fact store, however small the page. The sorted (date, id) pairs of an
actor are small (2,000 pairs: about 200 KB), so each is kept once read; a page, any offset, in
either direction, is then a slice, and several actors an intersection. Only plain actor and
period filters are answered here; anything else (type, status, words...) goes to SQL.
"""

from __future__ import annotations

import threading
from collections import OrderedDict

from sqlalchemy import Connection, bindparam, select

from spacecoop.store.schema import event_entities, events
from spacecoop.store.web_queries.common import FactFilter, until_bound
from spacecoop.store.web_queries.counts import store_version

MOST_ACTORS = 256  # actors kept
MOST_EVENTS = 100_000  # an actor in more events than this is left to SQL

_EVENTS_OF = select(events.c.date, events.c.id).where(
    events.c.id.in_(
        select(event_entities.c.event_id).where(
            event_entities.c.entity_id.in_(bindparam("ids", expanding=True))
        )
    )
)
_KEPT: OrderedDict[tuple, tuple[list[tuple[str, str]], list[str]] | None] = OrderedDict()
_LOCK = threading.Lock()


def _actor_events(conn: Connection, ids: tuple[str, ...], version: tuple):
    """(dated (date, id) pairs in date order, undated ids in id order) of the events any of `ids`
    takes part in; None when they are too many to keep."""
    key = (str(conn.engine.url), version, ids)
    with _LOCK:
        if key in _KEPT:
            _KEPT.move_to_end(key)
            return _KEPT[key]
    rows = conn.execute(_EVENTS_OF.limit(MOST_EVENTS + 1), {"ids": list(ids)}).all()
    found = None
    if len(rows) <= MOST_EVENTS:
        found = (sorted((d, i) for d, i in rows if d is not None), sorted(i for d, i in rows if d is None))
    with _LOCK:
        _KEPT[key] = found
        while len(_KEPT) > MOST_ACTORS:
            _KEPT.popitem(last=False)
    return found


def answers(f: FactFilter) -> bool:
    """Whether `f` is a filter this module answers: actors (and a period), sorted by date."""
    plain = not (f.type or f.status or f.q or f.language or f.source)
    return bool(f.actor_ids) and all(f.actor_ids) and plain and f.sort in ("date", "-date")


def ordered_page(conn: Connection, f: FactFilter) -> tuple[int, list[str]] | None:
    """How many events match `f` and the ids of its page, in the order the SQL pages give
    (dated first, by date then id, either way; then undated by id); None when not kept."""
    version = store_version(conn)
    if version is None or not answers(f):
        return None
    lists = [_actor_events(conn, tuple(sorted(group)), version) for group in f.actor_ids or ()]
    if any(found is None for found in lists):
        return None
    lists.sort(key=lambda found: len(found[0]) + len(found[1]))
    dated, undated = lists[0]
    for other_dated, other_undated in lists[1:]:
        theirs = {i for _, i in other_dated} | set(other_undated)
        dated = [(d, i) for d, i in dated if i in theirs]
        undated = [i for i in undated if i in theirs]
    if f.since or f.until:
        high = until_bound(f.until) if f.until else None
        dated = [(d, i) for d, i in dated if (not f.since or d >= f.since) and (high is None or d <= high)]
        undated = []  # a period leaves out what has no date, as the SQL comparison does
    in_order = [i for _, i in (reversed(dated) if f.sort == "-date" else dated)] + undated
    return len(in_order), in_order[f.offset : f.offset + f.limit]
