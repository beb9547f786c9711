"""Tables of the review workflow: analysts' decisions, the audit log and access tokens.

Kept on their own `MetaData` so the core schema stays as it is; migration 10 creates them. A
decision is tied to its evidence (document hash, span, fact type, key arguments), never to a row
id, so it outlives re-extraction: `store/review.py` applies the decisions again after every save.
"""

from __future__ import annotations

from sqlalchemy import Column, Float, Index, Integer, MetaData, Table, Text

review_metadata = MetaData()

# One row per curated thing: a fact's verdict (accepted, rejected, edited), a fact an analyst
# added, or an operation on the resolution (merge or split of entities and events).
curations = Table(
    "curations",
    review_metadata,
    Column("id", Text, primary_key=True),
    # identity: a digest of what the decision is about, so two analysts deciding on the same fact
    # at once collide on this unique key instead of writing two rows
    Column("anchor", Text, nullable=False, unique=True),
    Column(
        "kind", Text, nullable=False
    ),  # fact | add | merge_entities | split_entity | merge_events | split_event
    Column("verdict", Text, nullable=False),  # accepted | rejected | edited | added | applied | withdrawn
    # the evidence the decision is tied to (fact and add kinds)
    Column("doc_id", Text),
    Column("doc_key", Text),
    Column("fact_type", Text),
    Column("evidence_start", Integer),
    Column("evidence_end", Integer),
    Column("evidence_text", Text),
    Column("key_json", Text),  # the machine fact's key arguments when decided
    Column("machine_json", Text),  # the machine fact when decided (args, date, status, confidence)
    Column("edits_json", Text),  # edited fields, or the whole added fact
    Column("payload_json", Text),  # merge and split operations
    Column("reason", Text),
    # where the decision applies now: the facts-table id, and whether its evidence still matched
    Column("fact_id", Text),
    Column("state", Text, nullable=False, server_default="holds"),  # holds | moved | orphaned
    Column("state_note", Text),
    Column("version", Integer, nullable=False, server_default="1"),
    Column("created_by", Text, nullable=False),
    Column("created_at", Text, nullable=False),
    Column("updated_by", Text, nullable=False),
    Column("updated_at", Text, nullable=False),
    Column("confidence", Float),
    Index("ix_curations_fact_id", "fact_id"),
    Index("ix_curations_doc_id", "doc_id"),
    Index("ix_curations_kind_state", "kind", "state"),
)

# Every change is a row: who, when, why, the state before and after (JSON).
curation_log = Table(
    "curation_log",
    review_metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("at", Text, nullable=False),
    Column("actor", Text, nullable=False),
    Column("action", Text, nullable=False),
    Column("target_kind", Text, nullable=False),  # fact | entity | event | token
    Column("target_id", Text),
    Column("curation_id", Text),
    Column("reason", Text),
    Column("before_json", Text),
    Column("after_json", Text),
    Index("ix_curation_log_target", "target_id"),
    Index("ix_curation_log_curation", "curation_id"),
)

# Access tokens: only a salted PBKDF2 digest of the secret is kept.
review_tokens = Table(
    "review_tokens",
    review_metadata,
    Column("id", Text, primary_key=True),  # the public part of the token
    Column("name", Text, nullable=False),
    Column("role", Text, nullable=False),  # reader | reviewer | admin
    Column("salt", Text, nullable=False),
    Column("digest", Text, nullable=False),
    Column("created_at", Text, nullable=False),
    Column("revoked_at", Text),
)

REVIEW_TABLES = (curations, curation_log, review_tokens)
