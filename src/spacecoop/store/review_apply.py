"""Decisions applied again: after a document is re-extracted (`reapply_decisions`, called by
`Store.save_analyzed` in the same transaction) and before a resolution is saved
(`curate_resolution`, called by `Store.save_resolution`).

Each decision finds its fact again by its evidence (`review.anchors.match`): "holds" when the
same fact is there, "moved" when the extractor changed around it (the decision applies and is
listed for a check), "orphaned" when nothing fits (listed, nothing applied). A rejected fact is
deleted again whenever extraction brings it back, so it never reappears silently.
"""

from __future__ import annotations

import dataclasses
import json
from typing import Any

from sqlalchemy import Connection, delete, func, insert, select, update

from spacecoop import models
from spacecoop.review.anchors import Anchor, Candidate, key_of, match
from spacecoop.review.resolution import Operation, curate
from spacecoop.store import codec, schema
from spacecoop.store.review import (
    FACT_KINDS,
    OPERATION_KINDS,
    SYSTEM_ACTOR,
    _apply_to_row,
    _fact_dict,
    _log,
    _machine,
    _model_fact,
)
from spacecoop.store.review_schema import curation_log, curations


def _made_in_order():
    """The order decisions were made in: their first audit row (timestamps tie within a second)."""
    first = func.min(curation_log.c.id)
    return select(first).where(curation_log.c.curation_id == curations.c.id).scalar_subquery()


def _candidates(conn: Connection, doc_id: str) -> list[Candidate]:
    rows = conn.execute(select(schema.facts).where(schema.facts.c.doc_id == doc_id)).all()
    return [
        Candidate(
            r.id,
            r.type,
            r.evidence_start,
            r.evidence_end,
            r.evidence_text,
            tuple(key_of(r.type, json.loads(r.args_json))),
        )  # fmt: skip
        for r in rows
    ]


def _set_state(conn: Connection, cur, fact_id: str | None, state: str, note: str) -> None:
    if (cur.fact_id, cur.state) == (fact_id, state):
        return
    conn.execute(update(curations).where(curations.c.id == cur.id).values(fact_id=fact_id, state=state,
                                                                         state_note=note))  # fmt: skip
    action = {"holds": "reanchored", "moved": "reanchored", "orphaned": "orphaned"}[state]
    _log(conn, SYSTEM_ACTOR, action, "fact", fact_id or cur.fact_id, cur.id, note,
         {"fact_id": cur.fact_id, "evidence_state": cur.state}, {"fact_id": fact_id, "evidence_state": state})  # fmt: skip


def reapply_decisions(conn: Connection, document: models.Document) -> None:
    """Apply every decision on `document` to the facts just extracted from it (same transaction)."""
    decided = conn.execute(
        select(curations).where(curations.c.doc_id == document.id, curations.c.kind.in_(FACT_KINDS))
        .order_by(_made_in_order(), curations.c.id)
    ).all()  # fmt: skip
    if not decided:
        return
    candidates = _candidates(conn, document.id)
    taken: set[str] = set()
    for cur in decided:
        if cur.kind == "add":
            _reapply_added(conn, document, cur)
            continue
        anchor = Anchor(cur.doc_id, cur.fact_type, cur.evidence_start, cur.evidence_end, cur.evidence_text,
                        tuple(json.loads(cur.key_json or "[]")))  # fmt: skip
        found, state = match(anchor, [c for c in candidates if c.fact_id not in taken])
        if found is None:
            _set_state(conn, cur, cur.fact_id, "orphaned", "re-extraction no longer finds this fact")
            continue
        taken.add(found.fact_id)
        note = (
            ""
            if state == "holds"
            else f"evidence now {found.start}-{found.end}: check the decision still fits"
        )
        if found.fact_id != cur.fact_id:
            # The decision keeps the fact's public id: pages and links made before stay valid.
            if (
                conn.execute(select(schema.facts.c.id).where(schema.facts.c.id == cur.fact_id)).first()
                is None
            ):
                conn.execute(
                    update(schema.facts).where(schema.facts.c.id == found.fact_id).values(id=cur.fact_id)
                )
                found = dataclasses.replace(found, fact_id=cur.fact_id)
        _set_state(conn, cur, found.fact_id, state, note)
        if cur.verdict == "rejected":
            conn.execute(delete(schema.facts).where(schema.facts.c.id == found.fact_id))
        elif cur.verdict == "edited":
            machine = _fact_dict(
                conn.execute(select(schema.facts).where(schema.facts.c.id == found.fact_id)).first()
            )
            _apply_to_row(conn, found.fact_id, _machine(machine), json.loads(cur.edits_json or "{}"))


def _reapply_added(conn: Connection, document: models.Document, cur) -> None:
    start, end = cur.evidence_start, cur.evidence_end
    state, note = "holds", ""
    if document.text[start:end] != cur.evidence_text:
        found = document.text.find(cur.evidence_text)
        if found < 0:
            _set_state(
                conn, cur, cur.fact_id, "orphaned", "the added fact's evidence is no longer in the text"
            )
            return
        start, end, state, note = found, found + len(cur.evidence_text), "moved", f"evidence now {found}"
    if conn.execute(select(schema.facts.c.id).where(schema.facts.c.id == cur.fact_id)).first() is None:
        content = json.loads(cur.machine_json or "{}")
        edits = json.loads(cur.edits_json or "{}")
        merged = {**content, **{k: v for k, v in edits.items() if k != "args"}}
        args = {**content.get("args", {}), **edits.get("args", {})}
        if cur.verdict != "rejected":
            fact = _model_fact(document, cur.fact_type, start, end, args, merged.get("date"),
                               merged.get("status"), 1.0, ("added by a reviewer",))  # fmt: skip
            row = codec.fact_row(document, fact)
            row["id"] = cur.fact_id
            conn.execute(insert(schema.facts).values(**row))
    _set_state(conn, cur, cur.fact_id, state, note)


def curate_resolution(conn: Connection, resolution: models.Resolution) -> models.Resolution:
    """The resolution with every analyst's merge and split replayed on it, in the order made."""
    rows = conn.execute(
        select(curations).where(curations.c.kind.in_(OPERATION_KINDS), curations.c.verdict == "applied")
        .order_by(_made_in_order(), curations.c.id)
    ).all()  # fmt: skip
    if not rows:
        return resolution
    operations = []
    args_by_id: dict[str, dict[str, Any]] = {}
    for r in rows:
        payload = json.loads(r.payload_json)
        groups: tuple[tuple[str, ...], ...] = ()
        if r.kind == "merge_events":
            groups = (
                _fact_ids(conn, payload["keep"], args_by_id),
                _fact_ids(conn, payload["merge"], args_by_id),
            )
        elif r.kind == "split_event":
            groups = (_fact_ids(conn, payload["facts"], args_by_id),)
        operations.append(Operation(r.id, r.kind, payload, groups, args_by_id))
    curated, outcomes = curate(resolution, operations)
    by_id = {r.id: r for r in rows}
    for outcome in outcomes:
        _set_state(conn, by_id[outcome.id], None, outcome.state, outcome.note)
    return curated


def _fact_ids(
    conn: Connection, anchors: list[dict[str, Any]], args_by_id: dict[str, dict]
) -> tuple[str, ...]:
    ids = []
    for a in anchors:
        anchor = Anchor(a["doc_id"], a["type"], a["start"], a["end"], a["text"], tuple(a["key"]))
        found, _ = match(anchor, _candidates(conn, a["doc_id"]))
        if found is not None:
            ids.append(found.fact_id)
            row = conn.execute(
                select(schema.facts.c.args_json).where(schema.facts.c.id == found.fact_id)
            ).first()
            args_by_id[found.fact_id] = json.loads(row.args_json)
    return tuple(ids)
