"""Build a Document from a sentence or two and extract its facts (spaCy's make_doc style)."""

from __future__ import annotations

from spacecoop.models import DateValue, Document, MetaValue
from spacecoop.pipeline import analyze

PRECISION = {4: "year", 7: "month", 10: "day"}


def make_document(
    text: str,
    published: str | None = None,
    publisher: str | None = None,
    title: str | None = None,
    key: str = "t",
    language: str = "en",
) -> Document:
    date = DateValue(published, PRECISION[len(published)]) if published else None
    return Document(
        id=key,
        key=key,
        source=f"{key}.txt",
        form="text",
        raw_text=text,
        text=text,
        date=date,
        publisher=MetaValue(publisher),
        title=MetaValue(title),
        language=MetaValue(language),
    )


def facts_of(nlp, text: str, published: str | None = None, kind: str | None = None, **meta) -> list[dict]:
    records = [f.to_record() for f in analyze(make_document(text, published, **meta), nlp).facts]
    return [r for r in records if kind is None or r["type"] == kind]
