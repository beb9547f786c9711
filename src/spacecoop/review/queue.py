"""The review queue's order: what a research desk should look at first.

Each undecided fact gets a score from four signals, each with a reason shown to the analyst:
low extraction confidence, sources that disagree about its event, actors with many partners
(a mistake there spreads over many pages), and contradictions with what is known (a term of
office someone else held at that date; an organization that did not exist under that name).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

# How much each signal weighs against the others; a contradiction outranks everything.
WEIGHTS = {"confidence": 1.0, "conflict": 1.0, "connected": 0.6, "contradiction": 2.0}


@dataclass(frozen=True)
class Ranked:
    score: float
    reasons: tuple[str, ...]
    item: dict[str, Any]


def _year(iso: str | None) -> int | None:
    return int(iso[:4]) if iso and iso[:4].isdigit() else None


def office_contradictions(fact: dict[str, Any], offices: list[dict[str, Any]]) -> list[str]:
    """A role fact saying someone held an office on a date inside another person's term of it.
    Offices name people and organizations by entity id, so the fact's resolved ids are compared
    (`person_id`, `organization_id`, `office`), falling back to its own words when unresolved."""
    if fact["type"] != "role" or not fact.get("date"):
        return []
    args = fact["args"]
    person = (fact.get("person_id") or args.get("person") or "").casefold()
    role = (fact.get("office") or args.get("role") or "").casefold()
    org = (fact.get("organization_id") or args.get("organization") or "").casefold()
    day = fact["date"]
    found = []
    for term in offices:
        if term["office"].casefold() != role or term["organization"].casefold() != org:
            continue
        if term["person"].casefold() == person:
            continue
        start, end = term.get("start"), term.get("end")
        # Both ends known and the date inside them at the coarser precision of the two.
        if start and end and day[: len(start)] >= start[: len(day)] and day[: len(end)] <= end[: len(day)]:
            holder = term["person"].split(":", 1)[-1].replace("-", " ").title()
            found.append(f"{holder} held {term['office']} of {term['organization']} {start} to {end}")
    return found


def inactive_organizations(fact: dict[str, Any], lookup: Callable[[str], Any] | None) -> list[str]:
    """Organizations the knowledge says did not exist under that name in the fact's year."""
    year = _year(fact.get("date"))
    if lookup is None or year is None:
        return []
    names = []
    for key in ("parties", "organizations", "organization"):
        value = fact["args"].get(key)
        names += value if isinstance(value, list) else [value] if value else []
    out = []
    for name in dict.fromkeys(names):
        known = lookup(name)
        if known is not None and not known.active_in(year):
            span = f"{known.active_from or '?'}-{known.active_until or 'now'}"
            out.append(f"{name} existed under that name {span}, not in {year}")
    return out


def rank(rows: list[dict[str, Any]], offices: list[dict[str, Any]],
         lookup: Callable[[str], Any] | None = None) -> list[Ranked]:  # fmt: skip
    """Undecided facts, most in need of a reviewer first (ties: oldest document first)."""
    most = max((r["degree"] for r in rows), default=0) or 1
    ranked = []
    for r in rows:
        reasons = []
        score = WEIGHTS["confidence"] * (1 - (r["confidence"] or 0))
        if r["confidence"] is not None and r["confidence"] < 0.5:
            reasons.append(f"low confidence ({round(r['confidence'] * 100)}%)")
        if r["conflicts"]:
            score += WEIGHTS["conflict"]
            reasons.append("sources disagree: " + "; ".join(r["conflicts"][:2]))
        if r["degree"]:
            score += WEIGHTS["connected"] * r["degree"] / most
            if r["degree"] * 2 >= most:
                reasons.append(f"on a well-connected actor ({r['degree']} partners)")
        contradictions = office_contradictions(r, offices) + inactive_organizations(r, lookup)
        if contradictions:
            score += WEIGHTS["contradiction"]
            reasons += [f"contradicts what is known: {c}" for c in contradictions]
        ranked.append(Ranked(round(score, 3), tuple(reasons), r))
    ranked.sort(key=lambda x: (-x.score, x.item["doc_key"], x.item["evidence_start"], x.item["id"]))
    return ranked
