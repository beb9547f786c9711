"""Facets of a facts list: for each of type, status, actor, country, year, language and source,
the values found among the matches and how many matches have each.

Counts read every match, so they cover at most FACET_CAP matches (`capped` says when more match)
and have their own route: a page of facts does not wait for them.
"""

from __future__ import annotations

import copy
from collections import Counter
from dataclasses import replace

from sqlalchemy import Connection, func, select

from spacecoop.store.schema import documents, event_entities, event_sources, events, facts
from spacecoop.store.web_queries.common import ACTOR_ROLES, FactFilter, is_resolved, parse_json
from spacecoop.store.web_queries.counts import remembered
from spacecoop.store.web_queries.fact_pages import shape_of, values_of, where_clauses
from spacecoop.store.web_queries.facts import with_actor_ids
from spacecoop.store.web_queries.lookup import country_of, name_index
from spacecoop.store.web_queries.names import arg_actors

FACET_CAP = 5_000
TOP = 15


def _top(counts: Counter, n: int = TOP) -> list[dict]:
    ranked = sorted(counts.items(), key=lambda kv: (-kv[1], str(kv[0])))[:n]
    return [{"value": v, "count": c} for v, c in ranked]


def fact_facets(conn: Connection, f: FactFilter) -> dict:
    """Counts per value of every facet over the facts matching `f` (its paging ignored),
    remembered per store version (they read every match)."""
    f = replace(f, limit=FACET_CAP, offset=0, sort="date")
    return copy.deepcopy(remembered(conn, ("facets", f), lambda: _facets(conn, f)))


def _facets(conn: Connection, f: FactFilter) -> dict:
    resolved = is_resolved(conn)
    f, _ = with_actor_ids(conn, replace(f, limit=FACET_CAP, offset=0), resolved)
    empty = {k: [] for k in ("type", "status", "actor", "country", "year", "language", "source")}
    if f.actor_ids is not None and not all(f.actor_ids):
        return {"total": 0, "capped": False, "facets": empty}
    table = events if resolved else facts
    shape = shape_of(f, resolved, fts=False)
    if shape.q:
        shape = replace(shape, q="like")
    matched = (
        select(table.c.id, table.c.type, table.c.status, table.c.date, table.c.args_json)
        .where(*where_clauses(shape, table))
        .limit(FACET_CAP + 1)
    )
    rows = conn.execute(matched, values_of(f, shape)).all()
    capped = len(rows) > FACET_CAP
    rows = rows[:FACET_CAP]
    ids = select(table.c.id).where(*where_clauses(shape, table)).limit(FACET_CAP)
    values = values_of(f, shape)
    out = {
        "type": _top(Counter(r.type for r in rows)),
        "status": _top(Counter(r.status for r in rows if r.status)),
        "year": sorted(
            ({"value": y, "count": n} for y, n in Counter(r.date[:4] for r in rows if r.date).items()),
            key=lambda d: d["value"],
            reverse=True,
        ),
    }
    if resolved:
        actor_rows = conn.execute(
            select(event_entities.c.entity_id, func.count(func.distinct(event_entities.c.event_id)))
            .where(event_entities.c.event_id.in_(ids), event_entities.c.role.in_(ACTOR_ROLES))
            .group_by(event_entities.c.entity_id),
            values,
        ).all()
        index = name_index(conn)
        actors = Counter(dict(actor_rows))
        out["actor"] = [
            {**d, "id": d["value"], "value": index.display.get(d["value"], (d["value"], None))[0]}
            for d in _top(actors)
        ]
        countries: Counter = Counter()
        per_event = conn.execute(
            select(event_entities.c.event_id, event_entities.c.entity_id).where(
                event_entities.c.event_id.in_(ids), event_entities.c.role.in_(ACTOR_ROLES)
            ),
            values,
        ).all()
        seen: set[tuple[str, str]] = set()
        for event_id, entity_id in per_event:
            country = country_of(entity_id)
            if country and (event_id, country) not in seen:
                seen.add((event_id, country))
                countries[country] += 1
        out["country"] = _top(countries)
        report = select(event_sources.c.event_id.label("item"), event_sources.c.doc_id).where(
            event_sources.c.event_id.in_(ids)
        )
    else:
        out["actor"] = _top(Counter(a["name"] for r in rows for a in arg_actors(parse_json(r.args_json, {}))))
        out["country"] = []
        report = select(facts.c.id.label("item"), facts.c.doc_id).where(facts.c.id.in_(ids))
    reports = report.subquery()
    for name, column in (("language", documents.c.language), ("source", documents.c.publisher)):
        counted = func.count(func.distinct(reports.c.item))
        found = conn.execute(
            select(column, counted)
            .join_from(reports, documents, documents.c.id == reports.c.doc_id)
            .where(column.is_not(None))
            .group_by(column),
            values,
        ).all()
        out[name] = _top(Counter(dict(found)))
    return {"total": len(rows), "capped": capped, "facets": out}
