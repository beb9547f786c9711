"""Documents: the list, one document with its facts, and its raw original."""

from __future__ import annotations

import re

from sqlalchemy import Connection, func, or_, select

from spacecoop.errors import BadQuery, NotFound
from spacecoop.store.schema import (
    documents,
    event_sources,
    facts,
)
from spacecoop.store.web_queries.common import contains, count_of, parse_json
from spacecoop.store.web_queries.facts import fact_item

DOCUMENT_SORTS = ("date", "-date", "title", "-title", "publisher", "-publisher", "language", "-language")


def list_documents(
    conn: Connection,
    limit: int = 50,
    offset: int = 0,
    q: str | None = None,
    sort: str | None = None,
    language: str | None = None,
    source: str | None = None,
    year: str | None = None,
) -> dict:
    """Documents matching a part of their title or file name, a language, a publisher (`source`,
    as on the facts) and a year; with facet counts for the last three, each keeping the others."""
    stmt = select(
        documents.c.id,
        documents.c.key,
        documents.c.title,
        documents.c.date,
        documents.c.publisher,
        documents.c.form,
        documents.c.language,
        documents.c.source,
        func.substr(documents.c.text, 1, 90).label("opening"),
    )
    chosen = {
        "language": (documents.c.language, language),
        "source": (documents.c.publisher, source),
        "year": (func.substr(documents.c.date, 1, 4), year),
    }
    base = [or_(contains(documents.c.title, q), contains(documents.c.key, q))] if q else []
    narrowed = [column == value for column, value in chosen.values() if value]
    stmt = stmt.where(*base, *narrowed)
    total = count_of(conn, stmt)
    facets = {}
    for name, (column, _) in chosen.items():
        others = [column_ == value for other, (column_, value) in chosen.items() if value and other != name]
        found = conn.execute(
            select(column, func.count())
            .where(*base, *others, column.is_not(None))
            .group_by(column)
            .order_by(func.count().desc(), column)
            .limit(20)
        ).all()
        facets[name] = [{"value": v, "count": n} for v, n in found]
    facets["year"].sort(key=lambda d: d["value"], reverse=True)
    key = (sort or "-date").lstrip("-")
    if key not in {k.lstrip("-") for k in DOCUMENT_SORTS}:
        raise BadQuery(f"sort={sort!r}: use one of {', '.join(DOCUMENT_SORTS)}")
    column = documents.c[key]
    ordered = column.desc() if (sort or "-date").startswith("-") else column.asc()
    rows = conn.execute(
        stmt.order_by(column.is_(None), ordered, documents.c.key).limit(limit).offset(offset)
    ).all()
    counts = {}
    if rows:
        counts = dict(
            conn.execute(
                select(facts.c.doc_id, func.count())
                .where(facts.c.doc_id.in_([r.id for r in rows]))
                .group_by(facts.c.doc_id)
            ).all()
        )
    items = [{**r._asdict(), "facts": counts.get(r.id, 0)} for r in rows]
    for item in items:
        words = " ".join((item.pop("opening") or "").split())
        item["opening"] = (words[:72].rsplit(" ", 1)[0] + " …") if len(words) > 72 else words
    return {"total": total, "limit": limit, "offset": offset, "items": items, "facets": facets}


def _find_document(conn: Connection, ref: str):
    cols = [c for c in documents.c if c.name != "raw_text"]
    for condition in (documents.c.id == ref, documents.c.key == ref):
        row = conn.execute(select(*cols).where(condition).limit(1)).first()
        if row is not None:
            return row
    if len(ref) >= 6 and re.fullmatch(r"[0-9a-f]+", ref):
        rows = conn.execute(select(*cols).where(documents.c.id.startswith(ref)).limit(2)).all()
        if len(rows) == 1:
            return rows[0]
        if len(rows) > 1:
            raise BadQuery(f"document {ref!r}: this id prefix matches several documents; give more of it")
    raise NotFound(f"document {ref!r}: no document has this id, key or id prefix")


def document_detail(conn: Connection, ref: str) -> dict:
    """A document (by id, key or id prefix) with its clean text and every fact found in it."""
    row = _find_document(conn, ref)
    doc = row._asdict()
    doc["contacts"] = parse_json(doc.pop("contacts_json"), [])
    doc.pop("offsets_json", None)
    fact_rows = conn.execute(select(facts).where(facts.c.doc_id == row.id).order_by(facts.c.evidence_start))
    event_of = dict(
        conn.execute(
            select(event_sources.c.fact_id, event_sources.c.event_id).where(event_sources.c.doc_id == row.id)
        ).all()
    )
    doc["facts"] = [
        {
            **fact_item(f),
            "evidence_start": f.evidence_start,
            "evidence_end": f.evidence_end,
            "event_id": event_of.get(f.id),
        }
        for f in fact_rows
    ]
    return doc


def document_raw(conn: Connection, ref: str) -> dict:
    row = _find_document(conn, ref)
    raw = conn.execute(select(documents.c.raw_text).where(documents.c.id == row.id)).scalar()
    return {"id": row.id, "key": row.key, "form": row.form, "raw_text": raw}
