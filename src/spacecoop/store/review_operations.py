"""Analysts' merges and splits of entities and events: recorded with an audit row each, and
replayed on every resolution by `store/review_apply.py`. Entities are named by their stable id
and name, events by the evidence of the facts they were made from, never by a row id."""

from __future__ import annotations

import json
import secrets
from typing import Any

from sqlalchemy import Connection, insert, select, update
from sqlalchemy.exc import IntegrityError

from spacecoop.errors import BadQuery, NotFound
from spacecoop.review.anchors import digest, key_of
from spacecoop.store import codec, schema
from spacecoop.store.review import OPERATION_KINDS, Conflict, _log, now
from spacecoop.store.review_schema import curations


def _entity(conn: Connection, ref: str) -> dict[str, Any]:
    e, a = schema.entities, schema.aliases
    row = conn.execute(select(e).where(e.c.id == ref)).first()
    if row is None:
        ids = set(conn.execute(select(a.c.entity_id).where(a.c.alias == ref)).scalars())
        ids |= set(conn.execute(select(e.c.id).where(e.c.name == ref)).scalars())
        if len(ids) > 1:
            raise BadQuery(f"entity {ref!r} is ambiguous: {', '.join(sorted(ids))}; give its id")
        row = conn.execute(select(e).where(e.c.id.in_(ids))).first() if ids else None
    if row is None:
        raise NotFound(f"entity {ref!r}: no resolved entity has this id or name")
    aliases = list(conn.execute(select(a.c.alias).where(a.c.entity_id == row.id)).scalars())
    return {"id": row.id, "name": row.name, "type": row.type, "aliases": aliases}


def _event_anchors(conn: Connection, event_id: str) -> list[dict[str, Any]]:
    es, f = schema.event_sources, schema.facts
    rows = conn.execute(
        select(f).join(es, es.c.fact_id == f.c.id).where(es.c.event_id == event_id).order_by(f.c.id)
    ).all()
    if not rows:
        raise NotFound(f"event {event_id!r}: no resolved event has this id")
    return [_anchor_dict(r) for r in rows]


def _anchor_dict(row) -> dict[str, Any]:
    return {"doc_id": row.doc_id, "type": row.type, "start": row.evidence_start, "end": row.evidence_end,
            "text": row.evidence_text, "key": key_of(row.type, json.loads(row.args_json))}  # fmt: skip


def record_operation(
    conn: Connection, kind: str, actor: str, reason: str | None, **refs: Any
) -> dict[str, Any]:
    """Record a merge or split; it takes effect at the next resolution (`curate_resolution`)."""
    if kind == "merge_entities":
        keep, gone = _entity(conn, refs["keep"]), _entity(conn, refs["merge"])
        if keep["id"] == gone["id"]:
            raise BadQuery(f"{refs['keep']!r} and {refs['merge']!r} are already one entity")
        payload = {
            "keep": keep["id"],
            "keep_name": keep["name"],
            "merge": gone["id"],
            "merge_name": gone["name"],
        }
        target, before = keep["id"], {"keep": keep, "merge": gone}
    elif kind == "split_entity":
        source = _entity(conn, refs["entity"])
        names = [n for n in refs["names"] if n]
        known = {n.casefold() for n in (*source["aliases"], source["name"])}
        if not names or any(n.casefold() not in known for n in names):
            raise BadQuery(f"split {source['name']}: name aliases it has ({', '.join(source['aliases'])})")
        payload = {"entity": source["id"], "entity_name": source["name"], "names": names,
                   "new_name": refs.get("new_name") or names[0]}  # fmt: skip
        target, before = source["id"], {"entity": source}
    elif kind == "merge_events":
        if refs["keep"] == refs["merge"]:
            raise BadQuery("give two different events to merge")
        payload = {"keep": _event_anchors(conn, refs["keep"]), "merge": _event_anchors(conn, refs["merge"])}
        target, before = refs["keep"], {"keep": refs["keep"], "merge": refs["merge"]}
    elif kind == "split_event":
        anchors = _event_anchors(conn, refs["event"])
        wanted = set(refs["facts"])
        rows = conn.execute(select(schema.facts).where(schema.facts.c.id.in_(wanted))).all()
        moved = [_anchor_dict(r) for r in rows]
        if not moved or len(moved) >= len(anchors) or len(rows) != len(wanted):
            raise BadQuery("split an event: name some, not all, of the facts it was made from")
        payload = {"event": anchors, "facts": moved}
        target, before = refs["event"], {"event": refs["event"], "facts": sorted(wanted)}
    else:
        raise BadQuery(f"operation {kind!r}: one of {', '.join(OPERATION_KINDS)}")
    stamp = now()
    curation_id = secrets.token_hex(8)
    try:
        conn.execute(
            insert(curations).values(
                id=curation_id, anchor=kind + ":" + digest(kind, payload), kind=kind, verdict="applied",
                payload_json=codec.dumps(payload), reason=reason, state="holds", version=1,
                created_by=actor, created_at=stamp, updated_by=actor, updated_at=stamp,
            )
        )  # fmt: skip
    except IntegrityError as error:
        raise Conflict("this operation was already recorded", {"payload": payload}) from error
    after = {"kind": kind, "payload": payload, "curation_id": curation_id}
    _log(
        conn,
        actor,
        kind,
        "event" if "event" in kind else "entity",
        target,
        curation_id,
        reason,
        before,
        after,
    )
    return after


def withdraw(conn: Connection, curation_id: str, actor: str, reason: str | None) -> dict[str, Any]:
    """Undo a merge or split (it stops applying at the next resolution)."""
    cur = conn.execute(select(curations).where(curations.c.id == curation_id)).first()
    if cur is None or cur.kind not in OPERATION_KINDS:
        raise NotFound(f"operation {curation_id!r}: no merge or split has this id")
    conn.execute(update(curations).where(curations.c.id == curation_id).values(
        verdict="withdrawn", version=cur.version + 1, updated_by=actor, updated_at=now()))  # fmt: skip
    payload = json.loads(cur.payload_json)
    _log(conn, actor, "withdraw", "event" if "event" in cur.kind else "entity", None, curation_id, reason,
         {"kind": cur.kind, "payload": payload}, None)  # fmt: skip
    return {"curation_id": curation_id, "verdict": "withdrawn"}
