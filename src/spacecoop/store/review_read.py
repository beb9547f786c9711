"""Reading the review records back: the audit log, decisions whose evidence changed, each fact's
review mark for exports, what the review queue ranks, and the access tokens."""

from __future__ import annotations

import json
from collections import Counter
from typing import Any

from sqlalchemy import Connection, func, insert, select, update

from spacecoop.errors import BadQuery, NotFound
from spacecoop.review import tokens as tk
from spacecoop.store import schema
from spacecoop.store.review import FACT_KINDS, fact_state, now
from spacecoop.store.review_schema import curation_log, curations, review_tokens


def _entry(row) -> dict[str, Any]:
    return {
        "id": row.id,
        "at": row.at,
        "actor": row.actor,
        "action": row.action,
        "target_kind": row.target_kind,
        "target_id": row.target_id,
        "curation_id": row.curation_id,
        "reason": row.reason,
        "before": json.loads(row.before_json) if row.before_json else None,
        "after": json.loads(row.after_json) if row.after_json else None,
    }


def log_entries(conn: Connection, *, target: str | None = None, actor: str | None = None,
                limit: int | None = 100, offset: int = 0) -> list[dict[str, Any]]:  # fmt: skip
    """Audit rows, newest first; `target` keeps one fact's (or entity's, event's) history."""
    query = select(curation_log).order_by(curation_log.c.id.desc())
    if target:
        ids = select(curations.c.id).where(curations.c.fact_id == target)
        query = query.where((curation_log.c.target_id == target) | curation_log.c.curation_id.in_(ids))
    if actor:
        query = query.where(curation_log.c.actor == actor)
    query = query.offset(offset)
    if limit is not None:
        query = query.limit(limit)
    return [_entry(r) for r in conn.execute(query)]


def log_count(conn: Connection) -> int:
    return conn.execute(select(func.count()).select_from(curation_log)).scalar() or 0


def _decision(row) -> dict[str, Any]:
    return {
        "curation_id": row.id,
        "kind": row.kind,
        "verdict": row.verdict,
        "fact_id": row.fact_id,
        "doc_id": row.doc_id,
        "doc_key": row.doc_key,
        "type": row.fact_type,
        "evidence": row.evidence_text,
        "evidence_state": row.state,
        "evidence_note": row.state_note,
        "payload": json.loads(row.payload_json) if row.payload_json else None,
        "reason": row.reason,
        "by": row.updated_by,
        "at": row.updated_at,
        "version": row.version,
    }


def changed_decisions(conn: Connection) -> list[dict[str, Any]]:
    """Decisions whose evidence changed at the last re-extraction or resolution (moved or orphaned)."""
    rows = conn.execute(
        select(curations).where(curations.c.state != "holds", curations.c.verdict != "withdrawn")
        .order_by(curations.c.updated_at.desc(), curations.c.id)
    ).all()  # fmt: skip
    return [_decision(r) for r in rows]


def decisions(conn: Connection, *, kinds: tuple[str, ...] | None = None) -> list[dict[str, Any]]:
    query = select(curations).order_by(curations.c.created_at, curations.c.id)
    if kinds:
        query = query.where(curations.c.kind.in_(kinds))
    return [_decision(r) for r in conn.execute(query)]


def review_marks(conn: Connection) -> dict[str, str]:
    """fact id -> accepted | edited | added, for the facts analysts decided on (others: machine)."""
    rows = conn.execute(
        select(curations.c.fact_id, curations.c.verdict).where(
            curations.c.kind.in_(FACT_KINDS), curations.c.verdict.in_(("accepted", "edited", "added"))
        )
    )
    return {r.fact_id: r.verdict for r in rows}


def curated_true_facts(conn: Connection) -> list[dict[str, Any]]:
    """Accepted, edited and added facts as they stand: the store's reviewed gold."""
    marks = review_marks(conn)
    return [fact_state(conn, fid) for fid in sorted(marks)]


def rejected_facts(conn: Connection) -> list[dict[str, Any]]:
    rows = conn.execute(
        select(curations.c.fact_id).where(curations.c.kind.in_(FACT_KINDS), curations.c.verdict == "rejected")
    ).scalars()
    return [fact_state(conn, fid) for fid in sorted(rows)]


# --- what the review queue ranks -------------------------------------------------------------------


def queue_rows(conn: Connection) -> list[dict[str, Any]]:
    """Every fact nobody has decided on, with what the queue ranks it by: confidence, the
    conflicts of its event, how connected its actors are, and its office's other holders."""
    f, es, ev, ee = schema.facts, schema.event_sources, schema.events, schema.event_entities
    decided = select(curations.c.fact_id).where(
        curations.c.fact_id.is_not(None), curations.c.kind.in_(FACT_KINDS)
    )
    rows = conn.execute(
        select(f, es.c.event_id, ev.c.conflicts_json, ev.c.args_json.label("event_args"))
        .join(es, es.c.fact_id == f.c.id, isouter=True)
        .join(ev, ev.c.id == es.c.event_id, isouter=True)
        .where(f.c.id.not_in(decided))
    ).all()
    degree = Counter(
        dict(
            conn.execute(
                select(schema.entity_partners.c.entity_id, func.count()).group_by(
                    schema.entity_partners.c.entity_id
                )
            ).all()
        )  # fmt: skip
    )
    actors: dict[str, list[str]] = {}
    roles: dict[tuple[str, str], str] = {}  # (event, role) -> entity id: who and where, for offices
    for event_id, entity_id, role in conn.execute(select(ee.c.event_id, ee.c.entity_id, ee.c.role)):
        actors.setdefault(event_id, []).append(entity_id)
        roles[(event_id, role)] = entity_id
    offices = [dict(r._mapping) for r in conn.execute(select(schema.offices))]
    out = []
    for r in rows:
        out.append({
            "id": r.id, "doc_id": r.doc_id, "doc_key": r.doc_key, "type": r.type,
            "args": json.loads(r.args_json), "date": r.date, "status": r.status, "confidence": r.confidence,
            "evidence": r.evidence_text, "evidence_start": r.evidence_start, "evidence_end": r.evidence_end,
            "event_id": r.event_id, "conflicts": json.loads(r.conflicts_json or "[]"),
            "degree": max((degree[a] for a in actors.get(r.event_id, [])), default=0),
            # a role fact's office as resolution names it (entity ids), to compare with offices
            "office": json.loads(r.event_args or "{}").get("role"),
            "person_id": roles.get((r.event_id, "person")),
            "organization_id": roles.get((r.event_id, "organization")),
        })  # fmt: skip
    return out, offices


# --- tokens ----------------------------------------------------------------------------------------


def create_token(conn: Connection, name: str, role: str) -> dict[str, Any]:
    if role not in tk.ROLES:
        raise BadQuery(f"role {role!r}: one of {', '.join(tk.ROLES)}")
    if not name.strip():
        raise BadQuery("a token needs a name (who holds it)")
    made = tk.new_token()
    conn.execute(insert(review_tokens).values(id=made.id, name=name.strip(), role=role, salt=made.salt,
                                              digest=made.digest, created_at=now()))  # fmt: skip
    conn.execute(insert(curation_log).values(at=now(), actor="cli", action="token_create", target_kind="token",
                                             target_id=made.id, after_json=json.dumps({"name": name, "role": role})))  # fmt: skip
    return {"id": made.id, "name": name.strip(), "role": role, "token": made.token}


def list_tokens(conn: Connection) -> list[dict[str, Any]]:
    rows = conn.execute(select(review_tokens).order_by(review_tokens.c.created_at, review_tokens.c.id))
    return [{"id": r.id, "name": r.name, "role": r.role, "created_at": r.created_at, "revoked_at": r.revoked_at}
            for r in rows]  # fmt: skip


def revoke_token(conn: Connection, token_id: str, actor: str = "cli") -> None:
    found = conn.execute(select(review_tokens.c.id).where(review_tokens.c.id == token_id)).first()
    if found is None:
        raise NotFound(f"token {token_id!r}: no such token")
    conn.execute(update(review_tokens).where(review_tokens.c.id == token_id).values(revoked_at=now()))
    conn.execute(insert(curation_log).values(at=now(), actor=actor, action="token_revoke", target_kind="token",
                                             target_id=token_id))  # fmt: skip


def check_token(conn: Connection, token: str) -> dict[str, Any] | None:
    """The holder (id, name, role) of a valid, unrevoked token, else None."""
    parts = tk.split(token)
    if parts is None:
        return None
    row = conn.execute(select(review_tokens).where(review_tokens.c.id == parts[0])).first()
    if row is None or row.revoked_at is not None or not tk.verify(parts[1], row.salt, row.digest):
        return None
    return {"id": row.id, "name": row.name, "role": row.role}
