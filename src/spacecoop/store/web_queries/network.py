"""The cooperation network (actors and weighted edges by period), the facts behind an edge,
and the home page's counts and leading actors."""

from __future__ import annotations

from sqlalchemy import Connection, and_, func, select

from spacecoop.store.schema import (
    documents,
    entities,
    event_entities,
    events,
    facts,
    offices,
)
from spacecoop.store.web_queries.common import (
    NETWORK_ROLES,
    NETWORK_TYPES,
    FactFilter,
    is_resolved,
    parse_json,
    until_bound,
)
from spacecoop.store.web_queries.facts import event_item, event_query, fact_item, fact_query
from spacecoop.store.web_queries.lookup import name_index
from spacecoop.store.web_queries.names import entity_names, event_actors
from spacecoop.store.web_queries.pair_cache import network_counts, whole_years


def _period(table, since: str | None, until: str | None) -> list:
    conditions = []
    if since:
        conditions.append(table.c.date >= since)
    if until:
        conditions.append(table.c.date <= until_bound(until))
    return conditions


def graph(
    conn: Connection,
    since: str | None = None,
    until: str | None = None,
    max_nodes: int = 60,
    ego: tuple[str, ...] = (),
    kinds: tuple[str, ...] = (),
) -> dict:
    """Actors as nodes, shared agreements and meetings as edges weighted by their count. `ego`:
    only these actors and their partners; `kinds`: only actors of these entity types."""
    resolved = is_resolved(conn)
    if resolved and whole_years(since, until):
        allowed = None
        if kinds:
            display = name_index(conn).display
            allowed = {i for i, (_, t) in display.items() if t in kinds}
        weight, pairs = network_counts(conn, since, until, max_nodes, ego, allowed)
    else:
        pairs = _resolved_pairs(conn, since, until) if resolved else _fact_pairs(conn, since, until)
        weight = _filtered_weights(conn, pairs, ego, kinds, resolved)
    ranked = sorted(weight, key=lambda n: (n not in ego, -weight[n], n))
    keep = set(ranked[:max_nodes])
    names = entity_names(conn, keep) if resolved else {}
    nodes = [
        {
            "id": n,
            "name": names.get(n, {}).get("name", n),
            "type": names.get(n, {}).get("type"),
            "weight": weight[n],
        }
        for n in sorted(keep, key=lambda n: (-weight[n], n))
    ]
    named = {n["id"]: n["name"] for n in nodes}
    edges = [
        {
            "source": a,
            "target": b,
            "source_name": named[a],
            "target_name": named[b],
            "weight": sum(c.values()),
            "agreements": c.get("agreement", 0),
            "meetings": c.get("meeting", 0),
        }
        for (a, b), c in sorted((p, c) for p, c in pairs.items() if p[0] in keep and p[1] in keep)
    ]
    return {
        "since": since,
        "until": until,
        "nodes": nodes,
        "edges": edges,
        "dropped_nodes": len(weight) - len(keep),
        "ego": list(ego),
    }


def _filtered_weights(
    conn: Connection, pairs: dict, ego: tuple[str, ...], kinds: tuple[str, ...], resolved: bool
) -> dict:
    """Keep (in place) the pairs of actors of `kinds` and, with `ego`, of those actors and their
    partners; each actor's weight over what is left."""
    if kinds and resolved:
        typed = entity_names(conn, {n for pair in pairs for n in pair})
        for pair in [p for p in pairs if any(typed.get(n, {}).get("type") not in kinds for n in p)]:
            del pairs[pair]
    if ego:
        partners = set(ego) | {n for (a, b) in pairs if a in ego or b in ego for n in (a, b)}
        for pair in [p for p in pairs if p[0] not in partners or p[1] not in partners]:
            del pairs[pair]
    weight: dict[str, int] = {}
    for (a, b), counts in pairs.items():
        total = sum(counts.values())
        weight[a] = weight.get(a, 0) + total
        weight[b] = weight.get(b, 0) + total
    return weight


def _resolved_pairs(conn: Connection, since: str | None, until: str | None) -> dict:
    a, b = event_entities.alias("a"), event_entities.alias("b")
    stmt = (
        select(a.c.entity_id, b.c.entity_id, events.c.type, func.count(func.distinct(events.c.id)))
        .select_from(
            a.join(b, and_(a.c.event_id == b.c.event_id, a.c.entity_id < b.c.entity_id)).join(
                events, events.c.id == a.c.event_id
            )
        )
        .where(
            events.c.type.in_(NETWORK_TYPES),
            a.c.role.in_(NETWORK_ROLES),
            b.c.role.in_(NETWORK_ROLES),
            *_period(events, since, until),
        )
        .group_by(a.c.entity_id, b.c.entity_id, events.c.type)
    )
    pairs: dict = {}
    for x, y, kind, n in conn.execute(stmt):
        pairs.setdefault((x, y), {})[kind] = n
    return pairs


def _network_actors(args: dict) -> list[str]:
    names = []
    for key in ("parties", "organizations"):
        for name in args.get(key) or []:
            if isinstance(name, str) and name and name not in names:
                names.append(name)
    return sorted(names)


def _fact_pairs(conn: Connection, since: str | None, until: str | None) -> dict:
    pairs: dict = {}
    rows = conn.execute(
        select(facts.c.type, facts.c.args_json).where(
            facts.c.type.in_(NETWORK_TYPES), *_period(facts, since, until)
        )
    )
    for kind, args_json in rows:
        actors = _network_actors(parse_json(args_json, {}))
        for i, x in enumerate(actors):
            for y in actors[i + 1 :]:
                counts = pairs.setdefault((x, y), {})
                counts[kind] = counts.get(kind, 0) + 1
    return pairs


def edge_facts(
    conn: Connection,
    source: str,
    target: str,
    since: str | None = None,
    until: str | None = None,
    limit: int = 100,
) -> dict:
    """The agreements and meetings two actors share: the facts behind one network edge."""
    if is_resolved(conn):
        both = (
            select(event_entities.c.event_id)
            .where(event_entities.c.entity_id == source, event_entities.c.role.in_(NETWORK_ROLES))
            .intersect(
                select(event_entities.c.event_id).where(
                    event_entities.c.entity_id == target, event_entities.c.role.in_(NETWORK_ROLES)
                )
            )
        )
        stmt = (
            event_query(conn, FactFilter(since=since, until=until))
            .where(events.c.id.in_(both), events.c.type.in_(NETWORK_TYPES))
            .order_by(events.c.date.is_(None), events.c.date, events.c.id)
            .limit(limit)
        )
        rows = conn.execute(stmt).all()
        actors = event_actors(conn, [r.id for r in rows])
        items = [event_item(r, actors.get(r.id, [])) for r in rows]
        names = entity_names(conn, {source, target})
    else:
        stmt = (
            fact_query(FactFilter(since=since, until=until))
            .where(facts.c.type.in_(NETWORK_TYPES))
            .order_by(facts.c.date.is_(None), facts.c.date, facts.c.id)
        )
        items = []
        for r in conn.execute(stmt):
            actors = _network_actors(parse_json(r.args_json, {}))
            if source in actors and target in actors:
                items.append(fact_item(r))
                if len(items) >= limit:
                    break
        names = {}
    return {
        "source": names.get(source, {"id": source, "name": source}),
        "target": names.get(target, {"id": target, "name": target}),
        "items": items,
    }


def top_actors(conn: Connection, n: int = 8) -> list[dict]:
    """The actors in the most agreements and meetings (empty before resolution)."""
    count = func.count(func.distinct(event_entities.c.event_id))
    rows = conn.execute(
        select(entities.c.id, entities.c.name, entities.c.type, count.label("events"))
        .select_from(
            event_entities.join(entities, entities.c.id == event_entities.c.entity_id).join(
                events, events.c.id == event_entities.c.event_id
            )
        )
        .where(event_entities.c.role.in_(NETWORK_ROLES), events.c.type.in_(NETWORK_TYPES))
        .group_by(entities.c.id, entities.c.name, entities.c.type)
        .order_by(count.desc(), entities.c.id)
        .limit(n)
    )
    return [r._asdict() for r in rows]


def overview(conn: Connection) -> dict:
    """Counts and ranges for the home page."""

    def count(table) -> int:
        return conn.execute(select(func.count()).select_from(table)).scalar() or 0

    resolved = is_resolved(conn)
    table = events if resolved else facts
    first, last = conn.execute(select(func.min(table.c.date), func.max(table.c.date))).one()
    by_type = dict(conn.execute(select(table.c.type, func.count()).group_by(table.c.type)).all())
    return {
        "resolved": resolved,
        "documents": count(documents),
        "facts": count(facts),
        "events": count(events),
        "entities": count(entities),
        "offices": count(offices),
        "first_date": first,
        "last_date": last,
        "by_type": by_type,
    }


def pair_dates(conn: Connection) -> dict[tuple[str, str], tuple[str | None, str | None]]:
    """For each pair of actors, the first and last date of the agreements and meetings they share
    (what a timeline in Gephi needs); empty before resolution."""
    if not is_resolved(conn):
        return {}
    a, b = event_entities.alias("a"), event_entities.alias("b")
    stmt = (
        select(a.c.entity_id, b.c.entity_id, func.min(events.c.date), func.max(events.c.date))
        .select_from(
            a.join(b, and_(a.c.event_id == b.c.event_id, a.c.entity_id < b.c.entity_id)).join(
                events, events.c.id == a.c.event_id
            )
        )
        .where(events.c.type.in_(NETWORK_TYPES), a.c.role.in_(NETWORK_ROLES), b.c.role.in_(NETWORK_ROLES))
        .group_by(a.c.entity_id, b.c.entity_id)
    )
    return {(x, y): (first, last) for x, y, first, last in conn.execute(stmt)}
