"""Records that flow between the stages. Frozen dataclasses; this module imports nothing internal.

The flow: sources -> Document -> pipeline -> AnalyzedDocument (sentences, mentions, facts)
-> store; resolve reads stored facts and writes a Resolution (entities, events, offices, links).
"""

from __future__ import annotations

import hashlib
import json
from bisect import bisect_right
from dataclasses import dataclass, field
from typing import Any

FACT_TYPES = ("agreement", "meeting", "launch", "role")
AGREEMENT_STATUSES = ("signed", "expected", "in_force", "terminated")
LAUNCH_STATUSES = ("done", "planned")


@dataclass(frozen=True)
class Span:
    """A stretch of a document's clean text: [start, end) character offsets and the text itself."""

    start: int
    end: int
    text: str


@dataclass(frozen=True)
class OffsetMap:
    """Maps offsets in the clean text back to offsets in the raw text.

    `segments` holds (clean_start, raw_start, length) runs in increasing clean order: inside a run
    characters correspond one to one; between runs the cleaner inserted or rewrote characters, and
    those map to the start of the next raw run.
    """

    segments: tuple[tuple[int, int, int], ...] = ()

    def to_raw(self, clean_offset: int) -> int:
        if not self.segments:
            return clean_offset
        starts = [s[0] for s in self.segments]
        i = bisect_right(starts, clean_offset) - 1
        if i < 0:
            return self.segments[0][1]
        clean_start, raw_start, length = self.segments[i]
        if clean_offset < clean_start + length:
            return raw_start + (clean_offset - clean_start)
        if i + 1 < len(self.segments):
            return self.segments[i + 1][1]
        return raw_start + length

    def span_to_raw(self, start: int, end: int) -> tuple[int, int]:
        """Raw offsets of a clean [start, end) span (end is exclusive)."""
        if end <= start:
            raw = self.to_raw(start)
            return raw, raw
        return self.to_raw(start), self.to_raw(end - 1) + 1


@dataclass(frozen=True)
class DateValue:
    """A normalised date. `iso` is an ISO 8601 prefix (YYYY, YYYY-MM, YYYY-MM-DD) or a TimeML value.

    `precision` is one of 'year', 'month', 'day', 'season', 'quarter', 'half', 'decade', 'century',
    'time', 'duration', 'unknown'. `anchor` names what a relative expression was resolved against
    ('document' or an iso date). `alternatives` holds other readings the text also supports (for
    example the other reading of a weekday that contradicts its day of month).
    """

    iso: str | None
    precision: str = "day"
    anchor: str | None = None
    confidence: float = 1.0
    text: str = ""
    note: str | None = None
    alternatives: tuple[str, ...] = ()


@dataclass(frozen=True)
class MetaValue:
    """One piece of document metadata with the evidence it was read from."""

    value: str | None
    evidence: str = ""
    confidence: float = 1.0


@dataclass(frozen=True)
class Contact:
    """A press-office contact moved out of the body text. `line` is the raw text it came from."""

    name: str
    role: str | None = None
    organization: str | None = None
    phone: str | None = None
    email: str | None = None
    line: str = ""
    raw_start: int = 0
    raw_end: int = 0


@dataclass(frozen=True)
class Document:
    """A source read and cleaned. `id` is the sha256 of the raw bytes; `key` is the file name
    without its extension (the `doc` of the facts exchange format)."""

    id: str
    key: str
    source: str
    form: str  # text | web-text | html | wayback | markdown | pdf
    raw_text: str
    text: str
    offsets: OffsetMap = field(default_factory=OffsetMap)
    date: DateValue | None = None
    date_evidence: str = ""
    title: MetaValue = field(default_factory=lambda: MetaValue(None))
    publisher: MetaValue = field(default_factory=lambda: MetaValue(None))
    language: MetaValue = field(default_factory=lambda: MetaValue(None))
    contacts: tuple[Contact, ...] = ()
    url: str | None = None


@dataclass(frozen=True)
class Sentence:
    index: int
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Mention:
    """A named thing found in the text: `label` is ORG, GOV, PERSON, GPE, VEHICLE, SITE, MISSION,
    OFFICE, ...; `entity_id` is the knowledge base id when the mention is a known alias."""

    text: str
    label: str
    span: Span
    entity_id: str | None = None
    canonical: str | None = None


@dataclass(frozen=True)
class Fact:
    """One extracted fact. `args` holds the type's arguments as in the exchange format
    (agreement: parties, signatories, place, title; meeting: participants, organizations, place;
    launch: vehicle, site, payloads; role: person, role, organization). The date is `date`
    (as_of for roles)."""

    type: str
    doc: str
    args: dict[str, Any]
    evidence: Span
    date: DateValue | None = None
    status: str | None = None
    confidence: float = 0.5
    notes: tuple[str, ...] = ()
    doc_id: str = ""

    @property
    def id(self) -> str:
        """Deterministic id from content, so re-running extraction is idempotent."""
        basis = json.dumps(
            [
                self.doc_id or self.doc,
                self.type,
                self.evidence.start,
                self.args,
                self.date.iso if self.date else None,
                self.status,
            ],
            sort_keys=True,
            ensure_ascii=False,
            default=str,
        )
        return hashlib.sha256(basis.encode("utf-8")).hexdigest()[:20]

    def to_record(self) -> dict[str, Any]:
        """The fact in the JSON Lines exchange format (../shared/eval/SCHEMA.md)."""
        record: dict[str, Any] = {"doc": self.doc, "type": self.type, **self.args}
        iso = self.date.iso if self.date else None
        record["as_of" if self.type == "role" else "date"] = iso
        if self.status is not None and self.type != "role":
            record["status"] = self.status
        if self.date and self.date.alternatives:
            record["date_alternatives"] = list(self.date.alternatives)
        record["evidence"] = self.evidence.text
        record["confidence"] = round(self.confidence, 3)
        if self.notes:
            record["note"] = "; ".join(self.notes)
        return record


@dataclass(frozen=True)
class AnalyzedDocument:
    document: Document
    sentences: tuple[Sentence, ...]
    mentions: tuple[Mention, ...]
    facts: tuple[Fact, ...]


@dataclass(frozen=True)
class IngestFailure:
    path: str
    reason: str


# --- resolution (across documents) -------------------------------------------------------------


@dataclass(frozen=True)
class Entity:
    """One canonical actor, place or thing. `id` is stable (the knowledge id, or derived from the
    normalised name and type for actors the knowledge files do not know)."""

    id: str
    name: str
    type: str
    aliases: tuple[str, ...] = ()
    wikidata: str | None = None
    predecessors: tuple[str, ...] = ()
    successors: tuple[str, ...] = ()


@dataclass(frozen=True)
class FactSource:
    """One document's report of an event: the stored fact it came from, with its own evidence."""

    fact_id: str
    doc_id: str
    doc_key: str
    evidence: Span
    date: str | None
    status: str | None
    confidence: float


@dataclass(frozen=True)
class Event:
    """One agreement, meeting, launch or role, merged from every document that reports it."""

    id: str
    type: str
    args: dict[str, Any]
    date: str | None
    status: str | None
    confidence: float
    sources: tuple[FactSource, ...]
    conflicts: tuple[str, ...] = ()
    # (role, entity_id) pairs: party, signatory, participant, organization, vehicle, site, payload, person
    entities: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class OfficeTerm:
    """Who held an office when, as an interval of ISO prefixes, with the events that say so."""

    office: str
    organization: str
    person: str
    start: str | None
    end: str | None
    event_ids: tuple[str, ...] = ()


@dataclass(frozen=True)
class EventLink:
    """A lifecycle link: an expected agreement to its signature, a planned launch to its report."""

    from_event: str
    to_event: str
    kind: str  # realised_as | slipped_to
    note: str = ""


@dataclass(frozen=True)
class Resolution:
    entities: tuple[Entity, ...]
    events: tuple[Event, ...]
    offices: tuple[OfficeTerm, ...]
    links: tuple[EventLink, ...]
