"""The store's tables, as SQLAlchemy Core `Table` objects on one `MetaData`.

Other modules write their read queries against these objects, never against table-name strings,
so the same query runs on SQLite and PostgreSQL. JSON columns are TEXT holding JSON; dates are ISO
prefix strings (YYYY, YYYY-MM, YYYY-MM-DD), so string comparison orders them.

The full-text tables (`documents_fts`, `events_fts`) are SQLite FTS5 virtual tables created by a
SQLite-only migration step (see migrations.py); they are not part of this metadata.
"""

from __future__ import annotations

from sqlalchemy import (
    Column,
    Float,
    Index,
    Integer,
    MetaData,
    PrimaryKeyConstraint,
    Table,
    Text,
    func,
)

metadata = MetaData()

schema_version = Table(
    "schema_version",
    metadata,
    Column("version", Integer, nullable=False),
)

documents = Table(
    "documents",
    metadata,
    Column("id", Text, primary_key=True),  # sha256 of the raw bytes
    Column("key", Text, nullable=False),  # file name without extension
    Column("source", Text, nullable=False),
    Column("form", Text, nullable=False),
    Column("url", Text),
    Column("raw_text", Text, nullable=False),
    Column("text", Text, nullable=False),
    Column("offsets_json", Text, nullable=False, server_default="[]"),
    Column("date", Text),
    Column("date_precision", Text),
    Column("date_confidence", Float),
    Column("date_evidence", Text),
    Column("title", Text),
    Column("title_evidence", Text),
    Column("publisher", Text),
    Column("publisher_evidence", Text),
    Column("language", Text),
    Column("language_evidence", Text),
    Column("contacts_json", Text, nullable=False, server_default="[]"),
    Column("ingested_at", Text, nullable=False),
    Index("ix_documents_key", "key"),
)

sentences = Table(
    "sentences",
    metadata,
    Column("doc_id", Text, nullable=False),
    Column("idx", Integer, nullable=False),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("text", Text, nullable=False),
    PrimaryKeyConstraint("doc_id", "idx"),
)

mentions = Table(
    "mentions",
    metadata,
    Column("doc_id", Text, nullable=False),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("text", Text, nullable=False),
    Column("label", Text, nullable=False),
    Column("entity_id", Text),
    Column("canonical", Text),
    Index("ix_mentions_doc_id", "doc_id"),
    Index("ix_mentions_entity_id", "entity_id"),
)

facts = Table(
    "facts",
    metadata,
    Column("id", Text, primary_key=True),  # models.Fact.id
    Column("doc_id", Text, nullable=False),
    Column("doc_key", Text, nullable=False),
    Column("type", Text, nullable=False),
    Column("args_json", Text, nullable=False),
    Column("date", Text),  # as_of for roles
    Column("date_precision", Text),
    Column("date_alternatives_json", Text, nullable=False, server_default="[]"),
    Column("status", Text),
    Column("confidence", Float, nullable=False),
    Column("notes", Text),  # "; "-joined, as the exchange format's `note`
    Column("evidence_start", Integer, nullable=False),
    Column("evidence_end", Integer, nullable=False),
    Column("evidence_text", Text, nullable=False),
    Column("raw_start", Integer),
    Column("raw_end", Integer),
    Index("ix_facts_doc_id", "doc_id"),
    # Lists are filtered by type or status and paged in date order: each of these indexes answers
    # filter, order and OFFSET on its own, without reading the table (see migration 3).
    Index("ix_facts_date_id", "date", "id"),
    Index("ix_facts_type_date", "type", "date", "id"),
    Index("ix_facts_status_date", "status", "date", "id"),
)

entities = Table(
    "entities",
    metadata,
    Column("id", Text, primary_key=True),
    Column("name", Text, nullable=False),
    Column("type", Text, nullable=False),
    Column("wikidata", Text),
    Column("predecessors_json", Text, nullable=False, server_default="[]"),
    Column("successors_json", Text, nullable=False, server_default="[]"),
)

aliases = Table(
    "aliases",
    metadata,
    Column("entity_id", Text, nullable=False),
    Column("alias", Text, nullable=False),
    PrimaryKeyConstraint("entity_id", "alias"),
)
# Look-ups by name are case-insensitive: query with func.lower(aliases.c.alias) == name.lower().
Index("ix_aliases_alias_lower", func.lower(aliases.c.alias))
Index("ix_entities_name_lower", func.lower(entities.c.name))

events = Table(
    "events",
    metadata,
    Column("id", Text, primary_key=True),
    Column("type", Text, nullable=False),
    Column("args_json", Text, nullable=False),
    Column("date", Text),
    Column("status", Text),
    Column("confidence", Float, nullable=False),
    Column("conflicts_json", Text, nullable=False, server_default="[]"),
    Index("ix_events_date_id", "date", "id"),
    Index("ix_events_type_date", "type", "date", "id"),
    Index("ix_events_status_date", "status", "date", "id"),
)

event_sources = Table(
    "event_sources",
    metadata,
    Column("event_id", Text, nullable=False),
    Column("fact_id", Text, nullable=False),
    Column("doc_id", Text, nullable=False),
    Column("doc_key", Text, nullable=False),
    Column("evidence_start", Integer, nullable=False),
    Column("evidence_end", Integer, nullable=False),
    Column("evidence_text", Text, nullable=False),
    Column("date", Text),
    Column("status", Text),
    Column("confidence", Float, nullable=False),
    PrimaryKeyConstraint("event_id", "fact_id"),
    Index("ix_event_sources_doc_id", "doc_id"),
)

event_entities = Table(
    "event_entities",
    metadata,
    Column("event_id", Text, nullable=False),
    Column("entity_id", Text, nullable=False),
    # party, signatory, participant, organization, vehicle, site, payload, person
    Column("role", Text, nullable=False),
    # Both directions covered: an entity's events, and an event's entities (partners, network pairs).
    Index("ix_event_entities_entity", "entity_id", "role", "event_id"),
    Index("ix_event_entities_event", "event_id", "role", "entity_id"),
)

offices = Table(
    "offices",
    metadata,
    Column("office", Text, nullable=False),
    Column("organization", Text, nullable=False),
    Column("person", Text, nullable=False),
    Column("start", Text),
    Column("end", Text),
    Column("event_ids_json", Text, nullable=False, server_default="[]"),
    Index("ix_offices_person", "person"),
    Index("ix_offices_organization", "organization"),
)

event_links = Table(
    "event_links",
    metadata,
    Column("from_event", Text, nullable=False),
    Column("to_event", Text, nullable=False),
    Column("kind", Text, nullable=False),  # realised_as | slipped_to
    Column("note", Text, nullable=False, server_default=""),
    Index("ix_event_links_from", "from_event"),
    Index("ix_event_links_to", "to_event"),
)

# Derived from events and event_entities whenever resolution is saved (store/summaries.py), so an
# entity's page reads its partners and its counts by type without walking all its events.
entity_partners = Table(
    "entity_partners",
    metadata,
    Column("entity_id", Text, nullable=False),
    Column("partner_id", Text, nullable=False),
    Column("events", Integer, nullable=False),  # agreements and meetings the two share
    PrimaryKeyConstraint("entity_id", "partner_id"),
)

entity_event_types = Table(
    "entity_event_types",
    metadata,
    Column("entity_id", Text, nullable=False),
    Column("type", Text, nullable=False),
    Column("events", Integer, nullable=False),
    PrimaryKeyConstraint("entity_id", "type"),
)

# Event ids no longer in use and where they lead now (resolve/stable_ids.py): an event merged into
# another, or split, keeps answering at its old address. Kept across resolutions.
event_redirects = Table(
    "event_redirects",
    metadata,
    Column("old_id", Text, primary_key=True),
    Column("new_id", Text, nullable=False),
    Column("reason", Text, nullable=False),  # merged | split
    Index("ix_event_redirects_new", "new_id"),
)

# The blocking keys of each event's facts (resolve/incremental.py): a new document is resolved
# against the stored events that share a key with it, found through this index.
event_keys = Table(
    "event_keys",
    metadata,
    Column("key", Text, nullable=False),
    Column("event_id", Text, nullable=False),
    Index("ix_event_keys_key", "key", "event_id"),
    Index("ix_event_keys_event", "event_id"),
)

# Names of the FTS5 virtual tables (SQLite only); queries use them through text() with MATCH.
DOCUMENTS_FTS = "documents_fts"  # (doc_id UNINDEXED, title, text)
EVENTS_FTS = "events_fts"  # (event_id UNINDEXED, type UNINDEXED, text)

# Tables that save_resolution() replaces as a whole.
RESOLUTION_TABLES = (
    entities,
    aliases,
    events,
    event_sources,
    event_entities,
    offices,
    event_links,
    entity_partners,
    entity_event_types,
    event_keys,
)
