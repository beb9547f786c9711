"""Incremental resolution: a new document is resolved against the stored events it can touch,
not against the whole store.

The layer sits around `resolve_all` (whose rules it does not repeat): the new facts' blocking
keys (`matching.block_keys`, plus person/organisation/office for roles) find, through an indexed
table, the stored events that share a key with them; those events' facts and the new ones are
resolved together with `resolve_all`, and the result replaces just those events. Ids are kept
(`stable_ids.py`), so links keep working; offices are recomputed for the offices touched.

`resolve_store` (a rebuild from scratch, `spacecoop resolve --all`) writes the same keys, so the
two agree on what a neighbourhood is. A rebuild can still differ where a rule looks at the whole
store (a name seen in one far-away document); running it after large batches settles that.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from spacecoop.models import Document, Fact, Resolution
from spacecoop.resolve import document_dates, resolve_all
from spacecoop.resolve.entities import KnowledgeLike, resolve_entities
from spacecoop.resolve.matching import FactView, block_keys
from spacecoop.resolve.merge import fact_views
from spacecoop.resolve.offices import office_terms
from spacecoop.resolve.stable_ids import stabilize


@dataclass(frozen=True)
class IncrementalReport:
    documents: int
    new_facts: int
    neighbours: int  # stored events resolved again with the new facts
    events: int  # events written


def view_keys(view: FactView) -> set[str]:
    """The keys under which a fact is compared: its blocks, and for a role who holds what where."""
    keys = {repr(k) for k in block_keys(view)}
    if view.type == "role":
        keys.add(repr(("role", view.one("person"), view.one("organization"), view.office)))
    return keys


def office_key(office: str, organization: str) -> str:
    return repr(("office", office, organization))


def event_keys(resolution: Resolution, views: dict[str, FactView]) -> dict[str, set[str]]:
    """Event id -> the keys of its facts (and of its office, for a role)."""
    keys: dict[str, set[str]] = {}
    for event in resolution.events:
        found = set()
        for source in event.sources:
            view = views.get(source.fact_id)
            if view is not None:
                found |= view_keys(view)
        if event.type == "role":
            found.add(office_key(str(event.args.get("role") or ""), _organization(event)))
        keys[event.id] = found
    return keys


def keys_for(
    resolution: Resolution,
    facts: list[Fact],
    documents: list[Document],
    knowledge: KnowledgeLike,
    mentioned: Iterable[str],
) -> dict[str, set[str]]:
    index = resolve_entities(facts, documents, knowledge, mentioned)
    views = {v.fact_id: v for v in fact_views(facts, index, document_dates(documents))}
    return event_keys(resolution, views)


def _organization(event) -> str:
    return next((e for role, e in event.entities if role == "organization"), "")


def resolve_new_documents(store, doc_ids: Iterable[str] | None = None) -> IncrementalReport:
    """Resolve the documents `doc_ids` (by default every document whose facts are in no event)
    against the stored events they can touch, and save the result in their place."""
    from spacecoop.knowledge import load_knowledge
    from spacecoop.store import incremental as db

    knowledge = load_knowledge()
    with store.engine.connect() as conn:
        doc_ids = sorted(doc_ids) if doc_ids is not None else db.unresolved_documents(conn)
        new_facts = db.facts_of_documents(conn, doc_ids)
        new_docs = db.documents_by_id(conn, doc_ids)
        mentioned = db.mentioned_in(conn, doc_ids)
    if not new_facts:
        return IncrementalReport(len(doc_ids), 0, 0, 0)
    index = resolve_entities(new_facts, new_docs, knowledge, mentioned)
    wanted = set().union(*(view_keys(v) for v in fact_views(new_facts, index, document_dates(new_docs))))
    with store.engine.connect() as conn:
        neighbours = db.events_with_keys(conn, wanted)
        members = db.member_facts(conn, neighbours)
        old_fact_ids = {f for ids in members.values() for f in ids} - {f.id for f in new_facts}
        old_doc_ids = db.doc_ids_of_facts(conn, old_fact_ids)
        old_facts = [f for f in db.facts_of_documents(conn, old_doc_ids) if f.id in old_fact_ids]
        docs = new_docs + [d for d in db.documents_by_id(conn, old_doc_ids) if d.id not in set(doc_ids)]
    facts = new_facts + old_facts
    resolution = resolve_all(facts, docs, knowledge, mentioned)
    resolution, redirects = stabilize(resolution, {k: frozenset(v) for k, v in members.items()})
    keys = keys_for(resolution, facts, docs, knowledge, mentioned)
    offices, scope = _offices(store, resolution, keys, set(neighbours))
    db.replace_neighbourhood(
        store.engine,
        removed=set(neighbours),
        resolution=resolution,
        keys=keys,
        offices=offices,
        office_scope=scope,
        redirects=redirects,
        has_fts=store.engine.dialect.name == "sqlite",
    )
    return IncrementalReport(len(doc_ids), len(new_facts), len(neighbours), len(resolution.events))


def _offices(store, resolution: Resolution, keys: dict[str, set[str]], replaced: set[str]):
    """Terms of every office a new role event touches, from all its role events, stored and new."""
    from spacecoop.store import incremental as db

    roles = [e for e in resolution.events if e.type == "role"]
    office_keys = {k for e in roles for k in keys.get(e.id, ()) if k.startswith("('office'")}
    if not office_keys:
        return [], set()
    new_ids = {e.id for e in resolution.events}
    with store.engine.connect() as conn:
        stored = [e for e in db.role_events_of_offices(conn, office_keys) if e.id not in replaced | new_ids]
    scope = {(str(e.args.get("role") or ""), _organization(e)) for e in roles}
    terms = [t for t in office_terms([*stored, *roles]) if (t.office, t.organization) in scope]
    return terms, scope


def resolve_changes(store) -> IncrementalReport | None:
    """What ingestion and uploads call: the documents not yet resolved, incrementally; a rebuild
    instead for a store resolved for the first time (the same work) or by an older spacecoop
    (its events have no keys yet)."""
    from spacecoop import resolve
    from spacecoop.store import incremental as db

    with store.engine.connect() as conn:
        keyed = db.has_event_keys(conn)
    if not keyed:
        resolve.resolve_store(store)
        return None
    return resolve_new_documents(store)
