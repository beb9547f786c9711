"""Analysts' merges and splits applied to a fresh resolution, so they survive every re-run.

Resolution replaces entities and events as a whole; these operations are replayed on its result
(in the order they were made) before it is saved. Entities are found by their stable id, or by
name when a knowledge change renamed the id; events by the stored facts they were made from.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import Any

from spacecoop.models import Entity, Event, EventLink, Resolution
from spacecoop.review.anchors import digest
from spacecoop.store.codec import flat_strings


@dataclass(frozen=True)
class Operation:
    id: str
    kind: str  # merge_entities | split_entity | merge_events | split_event
    payload: dict[str, Any]
    # for event operations: the current fact ids of each group of anchors (filled by the store)
    fact_groups: tuple[tuple[str, ...], ...] = ()
    fact_args: dict[str, dict[str, Any]] = dataclasses.field(default_factory=dict)


@dataclass(frozen=True)
class Outcome:
    id: str
    state: str  # holds | orphaned
    note: str = ""


def curate(resolution: Resolution, operations: list[Operation]) -> tuple[Resolution, list[Outcome]]:
    outcomes = []
    for op in operations:
        step = _STEPS[op.kind]
        updated, note = step(resolution, op)
        if updated is None:
            outcomes.append(Outcome(op.id, "orphaned", note))
        else:
            resolution = updated
            outcomes.append(Outcome(op.id, "holds", note))
    return resolution, outcomes


def _find_entity(entities: tuple[Entity, ...], entity_id: str, name: str | None) -> Entity | None:
    for e in entities:
        if e.id == entity_id:
            return e
    wanted = (name or "").casefold()
    for e in entities:
        if wanted and (e.name.casefold() == wanted or wanted in {a.casefold() for a in e.aliases}):
            return e
    return None


def _merge_entities(res: Resolution, op: Operation) -> tuple[Resolution | None, str]:
    p = op.payload
    keep = _find_entity(res.entities, p["keep"], p.get("keep_name"))
    gone = _find_entity(res.entities, p["merge"], p.get("merge_name"))
    if keep is None or gone is None:
        return None, "an entity of this merge is no longer in the resolution"
    if keep.id == gone.id:
        return res, "already one entity"
    merged = dataclasses.replace(
        keep, aliases=tuple(dict.fromkeys((*keep.aliases, gone.name, *gone.aliases)))
    )
    entities = tuple(merged if e.id == keep.id else e for e in res.entities if e.id != gone.id)
    events = tuple(_renamed_entities(x, {gone.id: keep.id}) for x in res.events)
    return dataclasses.replace(res, entities=entities, events=events), ""


def _renamed_entities(event: Event, ids: dict[str, str]) -> Event:
    pairs = tuple(dict.fromkeys((role, ids.get(e, e)) for role, e in event.entities))
    return event if pairs == event.entities else dataclasses.replace(event, entities=pairs)


def _split_entity(res: Resolution, op: Operation) -> tuple[Resolution | None, str]:
    p = op.payload
    source = _find_entity(res.entities, p["entity"], p.get("entity_name"))
    names = {n.casefold() for n in p["names"]}
    if source is None:
        return None, "the entity to split is no longer in the resolution"
    moved = [a for a in source.aliases if a.casefold() in names] or list(p["names"])
    kept = [a for a in source.aliases if a.casefold() not in names]
    new_name = p.get("new_name") or moved[0]
    new = Entity(id="split-" + digest(source.id, sorted(names)), name=new_name, type=source.type,
                 aliases=tuple(dict.fromkeys([new_name, *moved])))  # fmt: skip
    remaining = dataclasses.replace(source, aliases=tuple(kept))
    kept_names = {n.casefold() for n in (*kept, source.name)} - names
    events = []
    for x in res.events:
        said = {s.casefold() for s in flat_strings(x.args)}
        if (
            any((role, source.id) in x.entities for role in _roles(x))
            and said & names
            and not said & kept_names
        ):
            x = _renamed_entities(x, {source.id: new.id})
        events.append(x)
    entities = tuple(remaining if e.id == source.id else e for e in res.entities) + (new,)
    return dataclasses.replace(res, entities=entities, events=tuple(events)), ""


def _roles(event: Event) -> set[str]:
    return {role for role, _ in event.entities}


def _events_of(res: Resolution, fact_ids: tuple[str, ...]) -> list[Event]:
    wanted = set(fact_ids)
    return [x for x in res.events if wanted & {s.fact_id for s in x.sources}]


def _merge_events(res: Resolution, op: Operation) -> tuple[Resolution | None, str]:
    keep_ids, gone_ids = op.fact_groups if len(op.fact_groups) == 2 else ((), ())
    keep, gone = _events_of(res, keep_ids), _events_of(res, gone_ids)
    if not keep or not gone:
        return None, "the facts of one of the merged events are no longer stored"
    target = keep[0]
    absorbed = [x for x in gone if x.id != target.id]
    if not absorbed:
        return res, "already one event"
    sources = {s.fact_id: s for x in (target, *absorbed) for s in x.sources}
    merged = dataclasses.replace(
        target,
        sources=tuple(sources.values()),
        entities=tuple(dict.fromkeys(pair for x in (target, *absorbed) for pair in x.entities)),
        conflicts=tuple(dict.fromkeys(c for x in (target, *absorbed) for c in x.conflicts)),
    )
    ids = {x.id: target.id for x in absorbed}
    return _replace_events(res, ids, [merged], drop=set(ids)), ""


def _split_event(res: Resolution, op: Operation) -> tuple[Resolution | None, str]:
    moved_ids = set(op.fact_groups[0]) if op.fact_groups else set()
    found = _events_of(res, tuple(moved_ids))
    if not found:
        return None, "the facts split off are no longer stored"
    source = found[0]
    moved = tuple(s for s in source.sources if s.fact_id in moved_ids)
    staying = tuple(s for s in source.sources if s.fact_id not in moved_ids)
    if not staying:
        return res, "the event has no other source"
    first = moved[0]
    # The split-off event says what its own first report says, and keeps the actors it names.
    args = op.fact_args.get(first.fact_id) or dict(source.args)
    said = {s.casefold() for s in flat_strings(args)}
    new = Event(
        id="split-" + digest(source.id, sorted(s.fact_id for s in moved)),
        type=source.type,
        args=args,
        date=first.date,
        status=first.status,
        confidence=max(s.confidence for s in moved),
        sources=moved,
        conflicts=(),
        entities=tuple(pair for pair in source.entities if _named(pair[1], res.entities, said)),
    )
    kept = dataclasses.replace(source, sources=staying)
    return _replace_events(res, {}, [kept, new], drop={source.id}), ""


def _named(entity_id: str, entities: tuple[Entity, ...], said: set[str]) -> bool:
    entity = next((e for e in entities if e.id == entity_id), None)
    return entity is not None and bool({n.casefold() for n in (entity.name, *entity.aliases)} & said)


def _replace_events(res: Resolution, ids: dict[str, str], added: list[Event], drop: set[str]) -> Resolution:
    events = [x for x in res.events if x.id not in drop and x.id not in {a.id for a in added}] + added
    links = tuple(
        dict.fromkeys(
            EventLink(ids.get(k.from_event, k.from_event), ids.get(k.to_event, k.to_event), k.kind, k.note)
            for k in res.links
            if ids.get(k.from_event, k.from_event) != ids.get(k.to_event, k.to_event)
        )
    )
    offices = tuple(
        dataclasses.replace(o, event_ids=tuple(dict.fromkeys(ids.get(e, e) for e in o.event_ids)))
        for o in res.offices
    )
    ordered = tuple(sorted(events, key=lambda e: (e.type, e.date or "9999", e.id)))
    return dataclasses.replace(res, events=ordered, links=links, offices=offices)


_STEPS = {
    "merge_entities": _merge_entities,
    "split_entity": _split_entity,
    "merge_events": _merge_events,
    "split_event": _split_event,
}
