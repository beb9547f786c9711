"""Full-text search over documents and facts, with facets."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

import orjson
from sqlalchemy import Connection, and_, column, func, or_, select, text

from spacecoop.store.schema import (
    DOCUMENTS_FTS,
    EVENTS_FTS,
    documents,
    event_entities,
    events,
    facts,
)
from spacecoop.store.web_queries.common import (
    ACTOR_ROLES,
    HIT_CLOSE,
    HIT_OPEN,
    SEARCH_CAP,
    FactFilter,
    chunks,
    contains,
    count_of,
    fts_query,
    has_fts,
    in_order,
    is_resolved,
)
from spacecoop.store.web_queries.facts import event_item, event_query, fact_item, fact_query
from spacecoop.store.web_queries.lookup import fold, match_name, name_index, suggest
from spacecoop.store.web_queries.names import entity_names, event_actors


@dataclass(frozen=True)
class SearchFilter:
    q: str
    type: str | None = None
    actor: str | None = None
    year: str | None = None
    publisher: str | None = None
    limit: int = 20
    offset: int = 0


def _facet(conn: Connection, column, where_ids, limit: int = 15) -> list[dict]:
    rows = conn.execute(
        select(column.label("value"), func.count().label("n"))
        .where(where_ids, column.is_not(None))
        .group_by(column)
        .order_by(func.count().desc(), column)
        .limit(limit)
    ).all()
    return [{"value": v, "count": n} for v, n in rows]


def search(conn: Connection, s: SearchFilter) -> dict:
    """Full-text search over documents and facts, each with facets to narrow the hits."""
    fts = has_fts(conn)
    match, also = expanded_match(conn, s.q)
    found_documents = _search_documents(conn, s, match, fts)
    found_facts = _search_facts(conn, s, match, fts)
    nothing = not found_documents["total"] and not found_facts["total"]
    return {
        "q": s.q,
        "also_searched": also,
        "engine": "fts5" if fts else "like",
        "documents": found_documents,
        "facts": found_facts,
        # Nothing found: the names closest to the words, in case they misspell one.
        "suggestions": suggest(name_index(conn), fold(s.q)) if nothing else [],
    }


def expanded_match(conn: Connection, q: str, most: int = 30) -> tuple[str, list[str]]:
    """The FTS5 query for `q`; when `q` is the name of a known entity, any of its names matches
    instead ("Kourou" finds what "Guiana Space Centre" finds). Also the names searched for."""
    index = name_index(conn)
    found = index.names.get(fold(q))
    if not found or len(found) > 3:
        return fts_query(q), []
    forms = sorted(
        (form for form, ids in index.names.items() if ids & found and not form.startswith("person ")),
        key=lambda form: (len(form), form),
    )[:most]
    return " OR ".join(f"({fts_query(x)})" for x in forms), [x for x in forms if x != fold(q)]


def _search_documents(conn: Connection, s: SearchFilter, match: str, fts: bool) -> dict:
    year = func.substr(documents.c.date, 1, 4)
    if fts:
        hits = (
            text(
                f"SELECT doc_id, snippet({DOCUMENTS_FTS}, 2, :o, :c, ' … ', 16) AS snip, rank "
                f"FROM {DOCUMENTS_FTS} WHERE {DOCUMENTS_FTS} MATCH :q"
            )
            .bindparams(q=match, o=HIT_OPEN, c=HIT_CLOSE)
            .columns(column("doc_id"), column("snip"), column("rank"))
            .subquery("hits")
        )
        base_ids = select(hits.c.doc_id)
        snippet, rank = hits.c.snip, hits.c.rank
        source = documents.join(hits, hits.c.doc_id == documents.c.id)
    else:
        base_ids = select(documents.c.id).where(
            or_(contains(documents.c.text, s.q), contains(documents.c.title, s.q))
        )
        snippet, rank = func.substr(documents.c.text, 1, 200), documents.c.date
        source = documents
    in_hits = documents.c.id.in_(base_ids)
    narrowed = [in_hits]
    if s.publisher:
        narrowed.append(documents.c.publisher == s.publisher)
    if s.year:
        narrowed.append(year == s.year)
    stmt = (
        select(
            documents.c.id,
            documents.c.key,
            documents.c.title,
            documents.c.date,
            documents.c.publisher,
            snippet.label("snippet"),
        )
        .select_from(source)
        .where(*narrowed)
    )
    total = count_of(conn, stmt)
    rows = conn.execute(stmt.order_by(rank, documents.c.id).limit(s.limit).offset(s.offset)).all()
    return {
        "total": total,
        "items": [r._asdict() for r in rows],
        "facets": {
            "publisher": _facet(
                conn, documents.c.publisher, and_(*narrowed[:1], *([year == s.year] if s.year else []))
            ),
            "year": _facet(
                conn,
                year,
                and_(*narrowed[:1], *([documents.c.publisher == s.publisher] if s.publisher else [])),
            ),
        },
    }


def _search_facts(conn: Connection, s: SearchFilter, match: str, fts: bool) -> dict:
    if not is_resolved(conn):
        # Before resolution there is no events index: look through the evidence sentences.
        stmt = fact_query(FactFilter(type=s.type, q=s.q))
        if s.year:
            stmt = stmt.where(func.substr(facts.c.date, 1, 4) == s.year)
        total = count_of(conn, stmt)
        rows = conn.execute(stmt.order_by(facts.c.date, facts.c.id).limit(s.limit).offset(s.offset)).all()
        ids = facts.c.id.in_(fact_query(FactFilter(q=s.q)).with_only_columns(facts.c.id))
        return {
            "total": total,
            "items": [fact_item(r) for r in rows],
            "facets": {
                "type": _facet(conn, facts.c.type, ids),
                "year": _facet(conn, func.substr(facts.c.date, 1, 4), ids),
                "actor": [],
            },
        }
    candidates = _event_candidates(conn, s, match, fts)
    meta = {
        id_: (type_, (date or "")[:4] or None) for id_, type_, date in _of_events(conn, _META, candidates)
    }
    actors_of: dict[str, set[str]] = {}
    for event_id, entity_id in _of_events(conn, _ACTORS, candidates):
        actors_of.setdefault(event_id, set()).add(entity_id)
    wanted_actors = set(match_name(name_index(conn), s.actor).ids) if s.actor else set()
    tests = {
        "type": lambda e: meta[e][0] == s.type,
        "year": lambda e: meta[e][1] == s.year,
        "actor": lambda e: bool(actors_of.get(e, set()) & wanted_actors),
    }
    active = {k: t for k, t in tests.items() if getattr(s, k)}
    hits = [e for e in candidates if e in meta and all(t(e) for t in active.values())]

    def keeping_others(name: str) -> list[str]:
        # Facet counts keep every other filter, so each facet shows where a click would lead.
        return [e for e in candidates if e in meta and all(t(e) for k, t in active.items() if k != name)]

    type_counts = Counter(meta[e][0] for e in keeping_others("type"))
    year_counts = Counter(meta[e][1] for e in keeping_others("year") if meta[e][1])
    actor_counts = Counter(a for e in keeping_others("actor") for a in actors_of.get(e, ()))
    top_actors = sorted(actor_counts.items(), key=lambda kv: (-kv[1], kv[0]))[:15]
    names = entity_names(conn, {a for a, _ in top_actors})
    page_ids = hits[s.offset : s.offset + s.limit]
    rows = in_order(page_ids, conn.execute(event_query(conn, FactFilter()).where(events.c.id.in_(page_ids))))
    actors = event_actors(conn, page_ids)
    return {
        "total": len(hits),
        # Facets and totals count the best SEARCH_CAP matches; more exist when this is true.
        "capped": len(candidates) >= SEARCH_CAP,
        "items": [event_item(r, actors.get(r.id, [])) for r in rows],
        "facets": {
            "type": _counted(type_counts),
            "year": _counted(year_counts),
            "actor": [{"value": names.get(a, {}).get("name", a), "id": a, "count": n} for a, n in top_actors],
        },
    }


# What faceting needs of each candidate: its type and date, and its actors. On SQLite the ids go in
# as one JSON array (json_each), so two thousand of them cost one bound value, not a statement
# compiled with two thousand parameters.
_META = (
    "SELECT id, type, date FROM events WHERE id IN (SELECT value FROM json_each(?))",
    lambda chunk: select(events.c.id, events.c.type, events.c.date).where(events.c.id.in_(chunk)),
)
_ACTORS = (
    "SELECT event_id, entity_id FROM event_entities WHERE event_id IN (SELECT value FROM json_each(?)) "
    f"AND role IN ({', '.join(repr(r) for r in ACTOR_ROLES)})",
    lambda chunk: select(event_entities.c.event_id, event_entities.c.entity_id).where(
        event_entities.c.event_id.in_(chunk), event_entities.c.role.in_(ACTOR_ROLES)
    ),
)


def _of_events(conn: Connection, query: tuple, ids: list[str]) -> list[tuple]:
    sqlite_sql, build = query
    if conn.dialect.name == "sqlite":
        return [tuple(r) for r in conn.exec_driver_sql(sqlite_sql, (orjson.dumps(ids).decode(),)).all()]
    return [tuple(r) for chunk in chunks(ids) for r in conn.execute(build(chunk)).all()]


def _counted(counts: Counter) -> list[dict]:
    return [{"value": v, "count": n} for v, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:15]]


_MORE_THAN_CAP = text(f"SELECT rowid FROM {EVENTS_FTS} WHERE {EVENTS_FTS} MATCH :q LIMIT 1 OFFSET :n")
_BEST = text(f"SELECT event_id FROM {EVENTS_FTS} WHERE {EVENTS_FTS} MATCH :q ORDER BY rank LIMIT :n")
_NEWEST = text(f"SELECT event_id FROM {EVENTS_FTS} WHERE {EVENTS_FTS} MATCH :q ORDER BY rowid DESC LIMIT :n")


def _event_candidates(conn: Connection, s: SearchFilter, match: str, fts: bool) -> list[str]:
    """The ids of the events matching the words, best first, at most SEARCH_CAP of them.

    Ranking reads every match (about 25 µs each), so a word in half of a million events would
    take a second: past SEARCH_CAP matches the most recently stored come first instead, which
    the index gives at once (the results say `capped` either way)."""
    if fts:
        many = conn.execute(_MORE_THAN_CAP, {"q": match, "n": SEARCH_CAP}).first() is not None
        found = conn.execute(_NEWEST if many else _BEST, {"q": match, "n": SEARCH_CAP})
        ids = list(dict.fromkeys(found.scalars()))
        named = name_index(conn).names.get(fold(s.q)) or set()
        if named and len(named) <= 3 and len(ids) < SEARCH_CAP:
            # The events the named entity takes part in, even where their text names it otherwise.
            theirs = conn.execute(
                select(event_entities.c.event_id)
                .where(event_entities.c.entity_id.in_(sorted(named)))
                .distinct()
                .limit(SEARCH_CAP)
            ).scalars()
            ids = list(dict.fromkeys([*ids, *theirs]))[:SEARCH_CAP]
        return ids
    stmt = (
        select(events.c.id)
        .where(contains(events.c.args_json, s.q))
        .order_by(events.c.date.desc(), events.c.id)
    )
    return list(conn.execute(stmt.limit(SEARCH_CAP)).scalars())
