"""Event ids that survive new sources: a freshly resolved event takes the id of the stored event
it shares most facts with, and every stored id that no event keeps is redirected to the event
that now holds most of its facts, so every link ever served still leads somewhere.

A fresh event's own id is a hash of its facts (`merge.py`), which changes whenever a source is
added; this layer, around whatever resolution produced, is what keeps links stable.
"""

from __future__ import annotations

import dataclasses
import hashlib
from collections import Counter
from collections.abc import Mapping

from spacecoop.models import Event, EventLink, Resolution


@dataclasses.dataclass(frozen=True)
class Redirect:
    old_id: str
    new_id: str
    reason: str  # merged | split | changed


def stabilize(
    resolution: Resolution, previous: Mapping[str, frozenset[str]]
) -> tuple[Resolution, list[Redirect]]:
    """`resolution` with each event renamed to the id of the previous event (id -> its fact ids)
    it overlaps most, each previous id used once; and redirects for previous ids no longer used."""
    old_of_fact = {fact: old for old, facts in previous.items() for fact in facts}
    overlaps: list[tuple[int, str, str]] = []
    for event in resolution.events:
        shared = Counter(old_of_fact[s.fact_id] for s in event.sources if s.fact_id in old_of_fact)
        overlaps.extend((-count, old, event.id) for old, count in shared.items())
    renamed: dict[str, str] = {}
    taken: set[str] = set()
    for _, old, new in sorted(overlaps):
        if new not in renamed and old not in taken:
            renamed[new] = old
            taken.add(old)
    final = {e.id: renamed.get(e.id, e.id) for e in resolution.events}
    # An event that keeps its fresh id must not take an id another event inherited (a stored
    # event split in two can leave its old id as the fresh id of one half): it gets an id of its own.
    for event in resolution.events:
        if event.id not in renamed and event.id in taken:
            facts = ",".join(sorted(s.fact_id for s in event.sources))
            final[event.id] = "ev-" + hashlib.sha256(f"{event.id}|{facts}".encode()).hexdigest()[:12]
    redirects = _redirects(resolution.events, previous, final, taken)
    return _renamed(resolution, final), redirects


def _redirects(
    events: tuple[Event, ...],
    previous: Mapping[str, frozenset[str]],
    final: Mapping[str, str],
    taken: set[str],
) -> list[Redirect]:
    holder = {s.fact_id: final[e.id] for e in events for s in e.sources}
    live = set(final.values())
    redirects = []
    for old in sorted(set(previous) - taken - live):
        counts = Counter(holder[f] for f in previous[old] if f in holder)
        if not counts:
            continue  # its facts are gone (documents re-analyzed): nothing to lead to
        target = min(counts, key=lambda new: (-counts[new], new))
        # Merged: its facts now sit in one event with others'; split or changed otherwise.
        reason = "merged" if len(counts) == 1 else "split"
        redirects.append(Redirect(old, target, reason))
    return redirects


def _renamed(resolution: Resolution, final: Mapping[str, str]) -> Resolution:
    if all(old == new for old, new in final.items()):
        return resolution
    events = tuple(dataclasses.replace(e, id=final[e.id]) for e in resolution.events)
    offices = tuple(
        dataclasses.replace(t, event_ids=tuple(final.get(i, i) for i in t.event_ids))
        for t in resolution.offices
    )
    links = tuple(
        EventLink(final.get(x.from_event, x.from_event), final.get(x.to_event, x.to_event), x.kind, x.note)
        for x in resolution.links
    )
    return Resolution(resolution.entities, events, offices, links)
