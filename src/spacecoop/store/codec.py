"""Records to rows and back: what `Store` writes for each model record, and the records it
rebuilds from rows. Pure functions, no SQL."""

from __future__ import annotations

import dataclasses
import json
from datetime import UTC, datetime
from typing import Any

from spacecoop import models


def dumps(value: Any) -> str:
    # ensure_ascii=False keeps accented names searchable with LIKE.
    return json.dumps(value, ensure_ascii=False, sort_keys=True)


def without_nul(row: dict[str, Any]) -> dict[str, Any]:
    """The row with every NUL character in its text replaced by U+FFFD, on every database alike:
    PostgreSQL refuses NUL in text, and one character for one keeps every offset true."""
    return {
        k: v.replace("\x00", "\ufffd") if isinstance(v, str) and "\x00" in v else v for k, v in row.items()
    }


def flat_strings(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for v in value.values() for s in flat_strings(v)]
    if isinstance(value, list | tuple):
        return [s for v in value for s in flat_strings(v)]
    return []


def document_row(document: models.Document) -> dict[str, Any]:
    date = document.date
    return {
        "id": document.id,
        "key": document.key,
        "source": document.source,
        "form": document.form,
        "url": document.url,
        "raw_text": document.raw_text,
        "text": document.text,
        "offsets_json": json.dumps([list(s) for s in document.offsets.segments]),
        "date": date.iso if date else None,
        "date_precision": date.precision if date else None,
        "date_confidence": date.confidence if date else None,
        "date_evidence": document.date_evidence,
        "title": document.title.value,
        "title_evidence": document.title.evidence,
        "publisher": document.publisher.value,
        "publisher_evidence": document.publisher.evidence,
        "language": document.language.value,
        "language_evidence": document.language.evidence,
        "contacts_json": dumps([dataclasses.asdict(c) for c in document.contacts]),
        "ingested_at": datetime.now(UTC).isoformat(timespec="seconds"),
    }


def row_to_document(row) -> models.Document:
    date = (
        models.DateValue(row.date, row.date_precision or "unknown", confidence=row.date_confidence or 0.0)
        if row.date
        else None
    )
    return models.Document(
        id=row.id,
        key=row.key,
        source=row.source,
        form=row.form,
        raw_text=row.raw_text,
        text=row.text,
        offsets=models.OffsetMap(tuple(tuple(s) for s in json.loads(row.offsets_json))),
        date=date,
        date_evidence=row.date_evidence or "",
        title=models.MetaValue(row.title, row.title_evidence or ""),
        publisher=models.MetaValue(row.publisher, row.publisher_evidence or ""),
        language=models.MetaValue(row.language, row.language_evidence or ""),
        contacts=tuple(models.Contact(**c) for c in json.loads(row.contacts_json)),
        url=row.url,
    )


def sentence_row(doc_id: str, sentence: models.Sentence) -> dict[str, Any]:
    return {
        "doc_id": doc_id,
        "idx": sentence.index,
        "start": sentence.start,
        "end": sentence.end,
        "text": sentence.text,
    }


def mention_row(doc_id: str, mention: models.Mention) -> dict[str, Any]:
    return {
        "doc_id": doc_id,
        "start": mention.span.start,
        "end": mention.span.end,
        "text": mention.text,
        "label": mention.label,
        "entity_id": mention.entity_id,
        "canonical": mention.canonical,
    }


def fact_row(document: models.Document, fact: models.Fact) -> dict[str, Any]:
    # The fact's id depends on doc_id; extractors may leave it empty, the store fills it in.
    if fact.doc_id != document.id:
        fact = dataclasses.replace(fact, doc_id=document.id)
    raw_start, raw_end = raw_offsets(document, fact.evidence)
    return {
        "id": fact.id,
        "doc_id": document.id,
        "doc_key": fact.doc or document.key,
        "type": fact.type,
        "args_json": dumps(fact.args),
        "date": fact.date.iso if fact.date else None,
        "date_precision": fact.date.precision if fact.date else None,
        "date_alternatives_json": dumps(list(fact.date.alternatives) if fact.date else []),
        "status": fact.status,
        "confidence": fact.confidence,
        "notes": "; ".join(fact.notes) if fact.notes else None,
        "evidence_start": fact.evidence.start,
        "evidence_end": fact.evidence.end,
        "evidence_text": fact.evidence.text,
        "raw_start": raw_start,
        "raw_end": raw_end,
    }


def raw_offsets(document: models.Document, evidence: models.Span) -> tuple[int | None, int | None]:
    """Where the evidence is in the raw text. Evidence outside the clean text (negative offsets:
    a press-contact line the cleaner moved out) is found among the contacts; None if nowhere."""
    if evidence.start >= 0:
        return document.offsets.span_to_raw(evidence.start, evidence.end)
    wanted = " ".join(evidence.text.split())
    for contact in document.contacts:
        if contact.line and " ".join(contact.line.split()) == wanted:
            return contact.raw_start, contact.raw_end
    return None, None


def row_to_fact(row) -> models.Fact:
    date = None
    if row.date is not None:
        date = models.DateValue(
            row.date,
            row.date_precision or "unknown",
            alternatives=tuple(json.loads(row.date_alternatives_json or "[]")),
        )
    return models.Fact(
        type=row.type,
        doc=row.doc_key,
        args=json.loads(row.args_json),
        evidence=models.Span(row.evidence_start, row.evidence_end, row.evidence_text),
        date=date,
        status=row.status,
        confidence=row.confidence,
        notes=tuple(row.notes.split("; ")) if row.notes else (),
        doc_id=row.doc_id,
    )


def fact_record(row) -> dict[str, Any]:
    record = row_to_fact(row).to_record()
    record.update(
        id=row.id,
        doc_id=row.doc_id,
        evidence_start=row.evidence_start,
        evidence_end=row.evidence_end,
        raw_start=row.raw_start,
        raw_end=row.raw_end,
    )
    return record


def entity_row(entity: models.Entity) -> dict[str, Any]:
    return {
        "id": entity.id,
        "name": entity.name,
        "type": entity.type,
        "wikidata": entity.wikidata,
        "predecessors_json": dumps(list(entity.predecessors)),
        "successors_json": dumps(list(entity.successors)),
    }


def event_row(event: models.Event) -> dict[str, Any]:
    return {
        "id": event.id,
        "type": event.type,
        "args_json": dumps(event.args),
        "date": event.date,
        "status": event.status,
        "confidence": event.confidence,
        "conflicts_json": dumps(list(event.conflicts)),
    }


def unique_sources(sources: tuple[models.FactSource, ...]) -> list[models.FactSource]:
    return list({s.fact_id: s for s in sources}.values())


def event_source_row(event_id: str, source: models.FactSource) -> dict[str, Any]:
    return {
        "event_id": event_id,
        "fact_id": source.fact_id,
        "doc_id": source.doc_id,
        "doc_key": source.doc_key,
        "evidence_start": source.evidence.start,
        "evidence_end": source.evidence.end,
        "evidence_text": source.evidence.text,
        "date": source.date,
        "status": source.status,
        "confidence": source.confidence,
    }


def office_row(term: models.OfficeTerm) -> dict[str, Any]:
    return {
        "office": term.office,
        "organization": term.organization,
        "person": term.person,
        "start": term.start,
        "end": term.end,
        "event_ids_json": dumps(list(term.event_ids)),
    }


def event_search_text(event: models.Event) -> str:
    """What a search over events matches: its arguments and every source's evidence sentence."""
    parts = flat_strings(event.args) + [s.evidence.text for s in event.sources]
    return "\n".join(dict.fromkeys(p for p in parts if p))
