"""Across documents: mentions to canonical entities, facts about one event merged into one event
with many sources, offices held over time, plans linked to what became of them.

Every function here is pure and order-independent: the same facts and documents in any order give
the same Resolution, ids included. `resolve_store` is the one place that reads and writes a store.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING

from spacecoop.models import Document, Fact, Resolution
from spacecoop.resolve.dates import calendar_prefix
from spacecoop.resolve.entities import EntityIndex, KnowledgeLike, resolve_entities
from spacecoop.resolve.kinds import ACTOR_KINDS
from spacecoop.resolve.lifecycle import lifecycle_links
from spacecoop.resolve.merge import merge_facts
from spacecoop.resolve.offices import Era, held_on, office_terms

if TYPE_CHECKING:
    from spacecoop.store.core import Store

__all__ = [
    "EntityIndex",
    "document_dates",
    "entity_countries",
    "held_on",
    "lifecycle_links",
    "merge_facts",
    "office_terms",
    "resolve_all",
    "resolve_entities",
    "resolve_store",
]


def document_dates(documents: Iterable[Document]) -> dict[str, str]:
    """Document id and key -> the document's own date (ISO prefix), for ordering reports in time."""
    dates: dict[str, str] = {}
    for document in sorted(documents, key=lambda d: d.id):
        iso = calendar_prefix(document.date.iso) if document.date else None
        if iso:
            dates[document.id] = iso
            dates.setdefault(document.key, iso)
    return dates


def resolve_all(
    facts: Iterable[Fact],
    documents: Iterable[Document],
    knowledge: KnowledgeLike,
    mentioned: Iterable[str] = (),
) -> Resolution:
    """Entities, events, offices and lifecycle links from every fact and document. `mentioned`:
    knowledge ids found in the documents' text (see `resolve_entities`)."""
    facts = list(facts)
    documents = list(documents)
    index = resolve_entities(facts, documents, knowledge, mentioned)
    dates: Mapping[str, str] = document_dates(documents)
    events = merge_facts(facts, index, dates)
    return Resolution(
        entities=index.entities,
        events=tuple(sorted(events, key=lambda e: (e.type, e.date or "9999", e.id))),
        offices=tuple(office_terms(events, organisation_eras(index, knowledge), _bodies(index))),
        links=tuple(lifecycle_links(events, dates, entity_countries(index))),
    )


def organisation_eras(index: EntityIndex, knowledge: KnowledgeLike) -> dict[str, Era]:
    """Entity id -> when the knowledge says the organisation existed under that name."""
    eras = {}
    for entity in index.entities:
        known = knowledge.get(entity.id)
        until = getattr(known, "active_until", None) if known is not None else None
        if until is not None:
            eras[entity.id] = Era(until, tuple(getattr(known, "successors", ()) or ()))
    return eras


def _bodies(index: EntityIndex) -> frozenset[str]:
    """Entities that are not actors (boards, councils, places): heading one is beside one's post."""
    return frozenset(e for e, kind in index.kinds.items() if kind not in ACTOR_KINDS)


def entity_countries(index: EntityIndex) -> dict[str, str]:
    """Entity id -> the entity id of its country's government, for the entities the knowledge knows."""
    return dict(index.countries)


def resolve_store(store: Store) -> Resolution:
    """Re-run resolution over everything in the store and save the result in its place."""
    from spacecoop.knowledge import load_knowledge
    from spacecoop.resolve.incremental import keys_for
    from spacecoop.resolve.stable_ids import stabilize
    from spacecoop.store.event_ids import event_membership
    from spacecoop.store.resolution_queries import mentioned_entity_ids

    mentioned = mentioned_entity_ids(store)
    facts, documents, knowledge = store.all_facts(), store.all_documents(), load_knowledge()
    resolution = resolve_all(facts, documents, knowledge, mentioned)
    # Events keep the ids they were served under; ids no longer used redirect (stable_ids.py).
    resolution, redirects = stabilize(resolution, event_membership(store.engine))
    # The blocking keys let the next document be resolved against its neighbours only.
    keys = keys_for(resolution, facts, documents, knowledge, mentioned)
    store.save_resolution(resolution, redirects, keys)
    return resolution
