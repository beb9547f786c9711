"""The review side of exports: each fact's review mark, and the corrections log as JSON Lines."""

from __future__ import annotations

import json
from typing import Any, BinaryIO

from sqlalchemy import select

from spacecoop import models
from spacecoop.store import codec, schema
from spacecoop.store.core import Store
from spacecoop.store.review_read import log_entries, review_marks


def fact_key(doc_id: str, fact_type: str, start: int, end: int, args: dict[str, Any]) -> tuple:
    return (doc_id, fact_type, start, end, codec.dumps(args))


def marks_by_fact(store: Store) -> dict[tuple, str]:
    """machine | accepted | edited | added for every stored fact, keyed by `key_of_fact`
    (a `models.Fact` has no row id: its id is recomputed from content, which an edit changed)."""
    with store.engine.connect() as conn:
        marks = review_marks(conn)
        rows = conn.execute(select(schema.facts)).all()
    return {
        fact_key(r.doc_id, r.type, r.evidence_start, r.evidence_end, json.loads(r.args_json)): marks.get(
            r.id, "machine"
        )
        for r in rows
    }


def key_of_fact(fact: models.Fact) -> tuple:
    return fact_key(fact.doc_id, fact.type, fact.evidence.start, fact.evidence.end, fact.args)


def write_log(store: Store, out: BinaryIO) -> int:
    """Every audit row, oldest first, one JSON object a line."""
    with store.engine.connect() as conn:
        entries = list(reversed(log_entries(conn, limit=None)))
    for entry in entries:
        out.write(json.dumps(entry, ensure_ascii=False).encode("utf-8") + b"\n")
    return len(entries)
