"""What the CLI and the web share: the ranked queue and bringing events up to date after a change."""

from __future__ import annotations

import threading
from functools import lru_cache
from typing import Any

from sqlalchemy import Connection

from spacecoop.review.queue import rank
from spacecoop.store.review_read import changed_decisions, queue_rows


@lru_cache(maxsize=1)
def _lookup():
    try:
        from spacecoop.knowledge import load_knowledge

        knowledge = load_knowledge()
    except Exception:  # the queue still ranks without knowledge; it only loses one signal
        return None
    return lambda name: knowledge.lookup(name) if name else None


def queue(conn: Connection, *, limit: int = 50, offset: int = 0, knowledge: bool = True) -> dict[str, Any]:
    """Decisions whose evidence changed (to re-check), then undecided facts by priority."""
    rows, offices = queue_rows(conn)
    ranked = rank(rows, offices, _lookup() if knowledge else None)
    items = [
        {**r.item, "score": r.score, "reasons": list(r.reasons)} for r in ranked[offset : offset + limit]
    ]
    recheck = [c for c in changed_decisions(conn) if c["kind"] in ("fact", "add")]
    return {"total": len(ranked), "limit": limit, "offset": offset, "items": items, "recheck": recheck}


class Reresolver:
    """Re-runs resolution after review changes, one run at a time; changes made during a run
    cause one more run, so the last change is always reflected."""

    def __init__(self, open_store):
        self._open_store = open_store
        self._lock = threading.Lock()
        self._again = threading.Event()
        self.runs = 0

    def __call__(self) -> None:
        self._again.set()
        # Re-checked after release: a change flagged between the last pass and the release runs too.
        while self._again.is_set():
            if not self._lock.acquire(blocking=False):
                return  # the running pass will see the flag and go again
            try:
                while self._again.is_set():
                    self._again.clear()
                    resolve_now(self._open_store)
                    self.runs += 1
            finally:
                self._lock.release()


def resolve_now(open_store) -> None:
    from spacecoop.resolve import resolve_store

    store = open_store()
    try:
        resolve_store(store)
    finally:
        store.close()
