"""What a decision is tied to, and how a decision finds its fact again after re-extraction.

A fact is identified by its evidence (document hash, span), its type and its key arguments: the
ones that say *what* happened (who agreed, who met, what flew, who holds which office). Dates,
places, confidence and notes may change with an extractor change without making it another fact.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from typing import Any

# The arguments that make a fact what it is, per type (the exchange format's names).
KEY_ARGS = {
    "agreement": ("parties",),
    "meeting": ("participants", "organizations"),
    "launch": ("vehicle", "payloads"),
    "role": ("person", "organization"),
}


def key_of(fact_type: str, args: dict[str, Any]) -> list[str]:
    """The fact's key arguments as one sorted list of case-folded names."""
    names: set[str] = set()
    for name in KEY_ARGS.get(fact_type, ()):
        value = args.get(name)
        values = value if isinstance(value, list | tuple) else [value]
        names |= {" ".join(str(v).split()).casefold() for v in values if v}
    return sorted(names)


def digest(*parts: Any) -> str:
    basis = json.dumps(parts, sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha256(basis.encode("utf-8")).hexdigest()[:24]


@dataclass(frozen=True)
class Anchor:
    """The evidence a fact decision is tied to."""

    doc_id: str
    fact_type: str
    start: int
    end: int
    text: str
    key: tuple[str, ...]

    @property
    def id(self) -> str:
        return digest("fact", self.doc_id, self.fact_type, self.start, self.end, list(self.key))


@dataclass(frozen=True)
class Candidate:
    """A stored fact a decision may apply to."""

    fact_id: str
    fact_type: str
    start: int
    end: int
    text: str
    key: tuple[str, ...]


def _overlap(a_start: int, a_end: int, b_start: int, b_end: int) -> int:
    return max(0, min(a_end, b_end) - max(a_start, b_start))


def match(anchor: Anchor, candidates: list[Candidate]) -> tuple[Candidate | None, str]:
    """The fact `anchor` applies to now, and how: "holds" (same span, type and key arguments),
    "moved" (same type, overlapping span or the same sentence, and shared key arguments: the
    extractor changed around it) or "orphaned" (nothing the decision can honestly apply to)."""
    same_type = [c for c in candidates if c.fact_type == anchor.fact_type]
    for c in same_type:
        if (c.start, c.end) == (anchor.start, anchor.end) and c.key == anchor.key:
            return c, "holds"
    best: tuple[float, Candidate] | None = None
    for c in same_type:
        near = _overlap(c.start, c.end, anchor.start, anchor.end) > 0 or (
            anchor.text and " ".join(anchor.text.split()) == " ".join(c.text.split())
        )
        shared = set(c.key) & set(anchor.key)
        if not near or not (shared or (not c.key and not anchor.key)):
            continue
        score = len(shared) / max(1, len(set(c.key) | set(anchor.key)))
        score += _overlap(c.start, c.end, anchor.start, anchor.end) / max(1, anchor.end - anchor.start)
        if best is None or score > best[0]:
            best = (score, c)
    return (best[1], "moved") if best else (None, "orphaned")


def precision_of(iso: str | None) -> str | None:
    """The precision word the store uses for an ISO prefix."""
    if not iso:
        return None
    return {4: "year", 7: "month", 10: "day"}.get(len(iso), "day")
