"""Analysts' decisions on facts: accept, reject (with a reason), edit, add. Each change writes an
audit row (who, when, why, before, after) and bumps the fact's version, the etag a writer sends
back so that a concurrent change is a `Conflict` rather than a lost update.

A decision is tied to its evidence (document hash, span, type, key arguments), so re-analysing a
document with a changed extractor keeps it (`store/review_apply.py`). Merges and splits of
entities and events are in `store/review_operations.py`.
"""

from __future__ import annotations

import json
import secrets
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Connection, delete, insert, select, update
from sqlalchemy.exc import IntegrityError

from spacecoop import models
from spacecoop.errors import BadQuery, NotFound, SpacecoopError
from spacecoop.review.anchors import Anchor, digest, key_of, precision_of
from spacecoop.store import codec, schema
from spacecoop.store.connect import write_transaction
from spacecoop.store.review_schema import curation_log, curations

FACT_KINDS = ("fact", "add")
OPERATION_KINDS = ("merge_entities", "split_entity", "merge_events", "split_event")
SYSTEM_ACTOR = "spacecoop"  # re-extraction and resolution log their re-anchoring under this name


class Conflict(SpacecoopError):
    """Someone changed the fact since the version the writer saw; `current` is its state now."""

    def __init__(self, message: str, current: dict[str, Any]):
        super().__init__(message)
        self.current = current


def now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def _log(conn: Connection, actor: str, action: str, target_kind: str, target_id: str | None,
         curation_id: str | None, reason: str | None, before: Any, after: Any) -> None:  # fmt: skip
    conn.execute(
        insert(curation_log).values(
            at=now(), actor=actor, action=action, target_kind=target_kind, target_id=target_id,
            curation_id=curation_id, reason=reason,
            before_json=None if before is None else codec.dumps(before),
            after_json=None if after is None else codec.dumps(after),
        )
    )  # fmt: skip


# --- reading one fact's state -------------------------------------------------------------------


def _curation_of(conn: Connection, fact_id: str, *, lock: bool = False):
    query = select(curations).where(curations.c.fact_id == fact_id, curations.c.kind.in_(FACT_KINDS))
    if lock and conn.dialect.name != "sqlite":
        query = query.with_for_update()
    return conn.execute(query).first()


def _machine(record: dict[str, Any]) -> dict[str, Any]:
    return {k: record.get(k) for k in ("args", "date", "status", "confidence")}


def _fact_dict(row) -> dict[str, Any]:
    return {
        "id": row.id,
        "doc_id": row.doc_id,
        "doc_key": row.doc_key,
        "type": row.type,
        "args": json.loads(row.args_json),
        "date": row.date,
        "status": row.status,
        "confidence": row.confidence,
        "evidence": row.evidence_text,
        "evidence_start": row.evidence_start,
        "evidence_end": row.evidence_end,
    }


def _from_curation(cur) -> dict[str, Any]:
    """A fact that is no longer in `facts` (rejected), rebuilt from its decision."""
    machine = json.loads(cur.machine_json or cur.edits_json or "{}")
    edits = json.loads(cur.edits_json or "{}")
    return {
        "id": cur.fact_id,
        "doc_id": cur.doc_id,
        "doc_key": cur.doc_key,
        "type": cur.fact_type,
        "args": {**machine.get("args", {}), **edits.get("args", {})},
        "date": edits.get("date", machine.get("date")),
        "status": edits.get("status", machine.get("status")),
        "confidence": machine.get("confidence"),
        "evidence": cur.evidence_text,
        "evidence_start": cur.evidence_start,
        "evidence_end": cur.evidence_end,
    }


def _review_part(cur) -> dict[str, Any]:
    if cur is None:
        return {"review": "machine", "version": 0, "reason": None, "by": None, "at": None,
                "evidence_state": None, "curation_id": None}  # fmt: skip
    return {
        "review": cur.verdict,
        "version": cur.version,
        "reason": cur.reason,
        "by": cur.updated_by,
        "at": cur.updated_at,
        "evidence_state": cur.state,
        "evidence_note": cur.state_note,
        "curation_id": cur.id,
    }


def fact_state(conn: Connection, fact_id: str) -> dict[str, Any]:
    """A fact as it stands, with its review status and version (the etag writers send back)."""
    row = conn.execute(select(schema.facts).where(schema.facts.c.id == fact_id)).first()
    cur = _curation_of(conn, fact_id)
    if row is None and cur is None:
        raise NotFound(f"fact {fact_id!r}: no stored or reviewed fact has this id")
    fact = _fact_dict(row) if row is not None else _from_curation(cur)
    return {**fact, **_review_part(cur)}


# --- decisions on facts -------------------------------------------------------------------------


@dataclass(frozen=True)
class Edits:
    """Fields an analyst changes: any argument, the date, the status. None leaves a field be."""

    args: dict[str, Any] | None = None
    date: str | None = None
    status: str | None = None

    def as_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {}
        if self.args:
            out["args"] = self.args
        if self.date is not None:
            out["date"] = self.date or None
        if self.status is not None:
            out["status"] = self.status or None
        return out


def _merged_edits(old: dict[str, Any], new: dict[str, Any]) -> dict[str, Any]:
    merged = {**old, **{k: v for k, v in new.items() if k != "args"}}
    if "args" in old or "args" in new:
        merged["args"] = {**old.get("args", {}), **new.get("args", {})}
    return merged


def _apply_to_row(conn: Connection, fact_id: str, machine: dict[str, Any], edits: dict[str, Any]) -> None:
    args = {**machine.get("args", {}), **edits.get("args", {})}
    values: dict[str, Any] = {"args_json": codec.dumps(args)}
    if "date" in edits:
        values.update(
            date=edits["date"], date_precision=precision_of(edits["date"]), date_alternatives_json="[]"
        )
    if "status" in edits:
        values["status"] = edits["status"]
    conn.execute(update(schema.facts).where(schema.facts.c.id == fact_id).values(**values))


def _check_edits(fact_type: str, edits: dict[str, Any]) -> None:
    from spacecoop.store.core import check_iso_date

    if edits.get("date"):
        check_iso_date(edits["date"], "date")
    for name, value in edits.get("args", {}).items():
        if not isinstance(name, str) or not name or not isinstance(value, str | list | type(None)):
            raise BadQuery(f"argument {name!r}: give a text, a list of texts or null")
    if not edits:
        raise BadQuery("nothing to edit: give an argument, a date or a status")


def decide(conn: Connection, fact_id: str, action: str, actor: str, *, reason: str | None = None,
           version: int | None = None, edits: Edits | None = None) -> dict[str, Any]:  # fmt: skip
    """Accept, reject or edit a fact. `version` is the version the writer saw (0 for a fact nobody
    has reviewed); when someone changed the fact since, nothing is written and Conflict carries
    the current state. Returns the state after the change."""
    if action not in ("accept", "reject", "edit"):
        raise BadQuery(f"action {action!r}: one of accept, reject, edit")
    if action == "reject" and not (reason or "").strip():
        raise BadQuery("a rejection needs a reason")
    # Lock the decision first (PostgreSQL; SQLite's write transaction holds the lock already), so
    # the state read next is the one a concurrent writer committed.
    cur = _curation_of(conn, fact_id, lock=True)
    before = fact_state(conn, fact_id)
    current = cur.version if cur is not None else 0
    if version is not None and version != current:
        raise Conflict(
            f"fact {fact_id}: changed by {before['by'] or 'someone'} at {before['at']} "
            f"(version {current}, you sent {version}); reload and decide again",
            before,
        )
    row = conn.execute(select(schema.facts).where(schema.facts.c.id == fact_id)).first()
    if cur is None:
        machine = _machine(before)
        old_edits: dict[str, Any] = {}
        kind = "fact"
    else:
        machine = json.loads(cur.machine_json or "{}")
        old_edits = json.loads(cur.edits_json or "{}")
        kind = cur.kind
    new_edits = old_edits
    if action == "edit":
        change = (edits or Edits()).as_dict()
        _check_edits(before["type"], change)
        new_edits = _merged_edits(old_edits, change)
    if action == "reject":
        verdict = "rejected"
    elif kind == "add":
        verdict = "added"
    else:
        verdict = "edited" if new_edits else "accepted"
    if row is None and cur is not None and cur.state == "orphaned" and verdict != "rejected":
        # Re-inserting it would not survive the next extraction: it has no evidence to tie to now.
        raise BadQuery(
            f"fact {fact_id}: re-extraction no longer finds it in {cur.doc_key}; if the text states it, "
            "add it with its evidence (`spacecoop review add`, or select it in the document view)"
        )
    stamp = now()
    if cur is None:
        anchor = Anchor(before["doc_id"], before["type"], before["evidence_start"], before["evidence_end"],
                        before["evidence"], tuple(key_of(before["type"], machine.get("args", {}))))  # fmt: skip
        curation_id = secrets.token_hex(8)
        try:
            # In a savepoint: when another writer inserted first, the state they wrote can be read.
            with conn.begin_nested():
                conn.execute(
                    insert(curations).values(
                        id=curation_id, anchor=anchor.id, kind="fact", verdict=verdict, doc_id=anchor.doc_id,
                        doc_key=before["doc_key"], fact_type=anchor.fact_type, evidence_start=anchor.start,
                        evidence_end=anchor.end, evidence_text=anchor.text, key_json=codec.dumps(list(anchor.key)),
                        machine_json=codec.dumps(machine), edits_json=codec.dumps(new_edits), reason=reason,
                        fact_id=fact_id, state="holds", version=1, created_by=actor, created_at=stamp,
                        updated_by=actor, updated_at=stamp, confidence=before.get("confidence"),
                    )
                )  # fmt: skip
        except IntegrityError as error:  # another writer decided on this fact in between
            current_state = fact_state(conn, fact_id)
            raise Conflict(
                f"fact {fact_id}: decided by {current_state['by']} meanwhile; reload", current_state
            ) from error
    else:
        curation_id = cur.id
        conn.execute(
            update(curations).where(curations.c.id == cur.id, curations.c.version == current).values(
                verdict=verdict, edits_json=codec.dumps(new_edits), reason=reason if reason else cur.reason,
                version=current + 1, updated_by=actor, updated_at=stamp,
            )
        )  # fmt: skip
    # The facts table shows the record as decided: rejected facts leave it, others are (re)written.
    if verdict == "rejected":
        conn.execute(delete(schema.facts).where(schema.facts.c.id == fact_id))
    else:
        if row is None:
            _restore_row(conn, cur, fact_id)
        _apply_to_row(conn, fact_id, machine, new_edits)
    after = fact_state(conn, fact_id)
    _log(conn, actor, action, "fact", fact_id, curation_id, reason, before, after)
    return after


def _restore_row(conn: Connection, cur, fact_id: str) -> None:
    """Put a rejected fact back in `facts` (an analyst changed their mind)."""
    document = _document(conn, cur.doc_id)
    machine = json.loads(cur.machine_json or "{}")
    record = _from_curation(cur)
    fact = _model_fact(document, record["type"], cur.evidence_start, cur.evidence_end, machine.get("args", {}),
                       machine.get("date"), machine.get("status"), machine.get("confidence") or 1.0)  # fmt: skip
    row = codec.fact_row(document, fact)
    row["id"] = fact_id
    conn.execute(insert(schema.facts).values(**row))


def _document(conn: Connection, doc_id: str) -> models.Document:
    row = conn.execute(select(schema.documents).where(schema.documents.c.id == doc_id)).first()
    if row is None:
        raise NotFound(f"document {doc_id!r}: not stored")
    return codec.row_to_document(row)


def _model_fact(document: models.Document, fact_type: str, start: int, end: int, args: dict[str, Any],
                date: str | None, status: str | None, confidence: float, notes: tuple[str, ...] = ()):  # fmt: skip
    return models.Fact(
        type=fact_type, doc=document.key, doc_id=document.id, args=args,
        evidence=models.Span(start, end, document.text[start:end]),
        date=models.DateValue(date, precision_of(date) or "day") if date else None,
        status=status, confidence=confidence, notes=notes,
    )  # fmt: skip


# --- facts analysts add -------------------------------------------------------------------------


def add_fact(conn: Connection, doc_id: str, fact_type: str, start: int, end: int, args: dict[str, Any],
             actor: str, *, date: str | None = None, status: str | None = None,
             reason: str | None = None) -> dict[str, Any]:  # fmt: skip
    """A fact the text states that the extractor missed, with the evidence span the analyst chose."""
    from spacecoop.store.core import check_fact_type, check_iso_date

    check_fact_type(fact_type)
    check_iso_date(date, "date")
    document = _document(conn, doc_id)
    if not (0 <= start < end <= len(document.text)):
        raise BadQuery(f"evidence {start}-{end}: outside the document's text (0-{len(document.text)})")
    fact = _model_fact(document, fact_type, start, end, args, date, status, 1.0, ("added by a reviewer",))
    anchor = Anchor(document.id, fact_type, start, end, fact.evidence.text, tuple(key_of(fact_type, args)))
    fact_id = "add" + digest("add", anchor.id)[:17]
    stamp = now()
    content = {"args": args, "date": date, "status": status, "confidence": 1.0}
    try:
        conn.execute(
            insert(curations).values(
                id=secrets.token_hex(8), anchor="add:" + anchor.id, kind="add", verdict="added",
                doc_id=document.id, doc_key=document.key, fact_type=fact_type, evidence_start=start,
                evidence_end=end, evidence_text=anchor.text, key_json=codec.dumps(list(anchor.key)),
                machine_json=codec.dumps(content), edits_json="{}", reason=reason, fact_id=fact_id,
                state="holds", version=1, created_by=actor, created_at=stamp, updated_by=actor,
                updated_at=stamp, confidence=1.0,
            )
        )  # fmt: skip
    except IntegrityError as error:
        raise Conflict(f"this fact was already added ({fact_id})", fact_state(conn, fact_id)) from error
    row = codec.fact_row(document, fact)
    row["id"] = fact_id
    conn.execute(insert(schema.facts).values(**row))
    after = fact_state(conn, fact_id)
    _log(conn, actor, "add", "fact", fact_id, after["curation_id"], reason, None, after)
    return after


def write(engine, action, *args, **kwargs):
    """Run one decision function in its own write transaction."""
    with write_transaction(engine) as conn:
        return action(conn, *args, **kwargs)
