"""The cooperation network's counts, aggregated once per store and kept in memory: for each
year (and for undated events), how many agreements and meetings each pair of actors shares.

A network for a period then adds up a few years' counts instead of joining every event's actors
again (one year of a million-fact store: about 100 ms as a join, a few ms from here). The counts
are read again when the store's events change (their largest rowids, two index look-ups).
"""

from __future__ import annotations

import bisect
import threading
from dataclasses import dataclass

import numpy as np
from sqlalchemy import Connection, and_, func, select

from spacecoop.store.schema import event_entities, events
from spacecoop.store.web_queries.common import NETWORK_ROLES, NETWORK_TYPES
from spacecoop.store.web_queries.counts import store_version

Pairs = dict[tuple[str, str], dict[str, int]]

_CACHE: dict[str, tuple[tuple, PairCounts]] = {}
_LOCK = threading.Lock()
# What changes when resolution is saved again: counts.store_version on SQLite; elsewhere the
# row counts.
_KEY = select(
    select(func.count()).select_from(events).scalar_subquery(),
    select(func.count()).select_from(event_entities).scalar_subquery(),
)


@dataclass(frozen=True)
class PairCounts:
    """Counts per pair and year as arrays: counts[year, pair, kind], kinds in NETWORK_TYPES order,
    summed along years so that any span of years is one subtraction."""

    pairs: list[tuple[str, str]]
    nodes: list[str]
    left: np.ndarray  # node index of each pair's first actor
    right: np.ndarray  # and of its second
    years: list[str]  # sorted; the row after the last one holds the undated events
    cumulative: np.ndarray  # shape (len(years) + 1, len(pairs), len(NETWORK_TYPES)): running sums
    total: np.ndarray  # shape (len(pairs), len(NETWORK_TYPES)): every event, undated included

    def span(self, since: str | None, until: str | None) -> np.ndarray:
        lo = bisect.bisect_left(self.years, since) if since else 0
        hi = bisect.bisect_right(self.years, until) if until else len(self.years)
        if hi <= lo:
            return np.zeros_like(self.total)
        return self.cumulative[hi - 1] - (self.cumulative[lo - 1] if lo else 0)


def _aggregate(conn: Connection) -> PairCounts:
    a, b = event_entities.alias("a"), event_entities.alias("b")
    year = func.substr(events.c.date, 1, 4)
    stmt = (
        select(a.c.entity_id, b.c.entity_id, year, events.c.type, func.count(func.distinct(events.c.id)))
        .select_from(
            a.join(b, and_(a.c.event_id == b.c.event_id, a.c.entity_id < b.c.entity_id)).join(
                events, events.c.id == a.c.event_id
            )
        )
        .where(events.c.type.in_(NETWORK_TYPES), a.c.role.in_(NETWORK_ROLES), b.c.role.in_(NETWORK_ROLES))
        .group_by(a.c.entity_id, b.c.entity_id, year, events.c.type)
    )
    rows = conn.execute(stmt).all()
    pairs = sorted({(x, y) for x, y, _, _, _ in rows})
    years = sorted({w for _, _, w, _, _ in rows if w and w.isdigit()})
    pair_at = {p: i for i, p in enumerate(pairs)}
    year_at = {y: i for i, y in enumerate(years)}
    kinds = {k: i for i, k in enumerate(NETWORK_TYPES)}
    counts = np.zeros((len(years) + 1, len(pairs), len(kinds)), dtype=np.int32)
    for x, y, when, kind, n in rows:
        row = year_at.get(when, len(years)) if when else len(years)
        counts[row, pair_at[(x, y)], kinds[kind]] += n
    total = counts.sum(axis=0)
    cumulative = np.cumsum(counts[: len(years)], axis=0) if years else counts[:0]
    nodes = sorted({n for pair in pairs for n in pair})
    node_at = {n: i for i, n in enumerate(nodes)}
    left = np.array([node_at[x] for x, _ in pairs], dtype=np.int64)
    right = np.array([node_at[y] for _, y in pairs], dtype=np.int64)
    return PairCounts(pairs, nodes, left, right, years, cumulative, total)


def _cached(conn: Connection) -> PairCounts:
    url = str(conn.engine.url)
    key = store_version(conn) or tuple(conn.execute(_KEY).one())
    hit = _CACHE.get(url)
    if hit is not None and hit[0] == key:
        return hit[1]
    with _LOCK:  # one thread aggregates; the others wait for its result
        hit = _CACHE.get(url)
        if hit is not None and hit[0] == key:
            return hit[1]
        counts = _aggregate(conn)
        _CACHE[url] = (key, counts)
        return counts


def whole_years(since: str | None, until: str | None) -> bool:
    """True when the period is given in whole years (or open), which the cache answers."""
    return all(v is None or (len(v) == 4 and v.isdigit()) for v in (since, until))


def network_counts(
    conn: Connection,
    since: str | None,
    until: str | None,
    max_nodes: int,
    ego: tuple[str, ...] = (),
    allowed: set[str] | None = None,
) -> tuple[dict[str, int], Pairs]:
    """For a period of whole years (open ends allowed; an open period includes undated events):
    every actor's weight (shared agreements and meetings), and the pairs among the `max_nodes`
    heaviest, counted by type. `ego`: only these actors and their partners; `allowed`: only
    these actors. Array arithmetic throughout: a million facts answer in a few milliseconds."""
    c = _cached(conn)
    found = c.total if since is None and until is None else c.span(since, until)
    if not c.pairs:
        return {}, {}
    weight = found.sum(axis=1)
    mask = weight > 0
    if allowed is not None:
        ok = np.array([n in allowed for n in c.nodes])
        mask &= ok[c.left] & ok[c.right]
    if ego:
        is_ego = np.array([n in ego for n in c.nodes])
        near = np.zeros(len(c.nodes), dtype=bool)
        touching = mask & (is_ego[c.left] | is_ego[c.right])
        near[c.left[touching]] = True
        near[c.right[touching]] = True
        near |= is_ego
        mask &= near[c.left] & near[c.right]
    w = weight * mask
    per_node = np.bincount(c.left, w, minlength=len(c.nodes)) + np.bincount(
        c.right, w, minlength=len(c.nodes)
    )
    weights = {c.nodes[i]: int(per_node[i]) for i in np.flatnonzero(per_node)}
    ranked = sorted(weights, key=lambda n: (n not in ego, -weights[n], n))[:max_nodes]
    keep = np.zeros(len(c.nodes), dtype=bool)
    keep[[c.nodes.index(n) for n in ranked]] = True
    out: Pairs = {}
    for i in np.flatnonzero(mask & keep[c.left] & keep[c.right]):
        out[c.pairs[i]] = {k: int(found[i, j]) for j, k in enumerate(NETWORK_TYPES) if found[i, j]}
    return weights, out


def warm(conn: Connection) -> None:
    """Aggregate now (a server calls this at start, so the first visitor does not wait)."""
    _cached(conn)
