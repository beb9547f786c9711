"""Temporal expressions of the whole document, normalised against the document's own date."""

from __future__ import annotations

import datetime as dt

from spacy.tokens import Doc

from spacecoop.dates import find_timexes
from spacecoop.models import DateValue
from spacecoop.pipeline.extensions import register_extensions


def anchor_date(value: DateValue | None) -> dt.date | None:
    """A calendar day to anchor relative expressions; mid-period when the date is coarse."""
    if value is None or not value.iso:
        return None
    parts = value.iso.split("-")
    try:
        year = int(parts[0])
        if len(parts) == 1:
            return dt.date(year, 7, 1)
        month = int(parts[1])
        day = int(parts[2][:2]) if len(parts) > 2 else 15
        return dt.date(year, month, day)
    except (ValueError, IndexError):
        return None


class DatesComponent:
    def __init__(self) -> None:
        register_extensions()

    def __call__(self, doc: Doc) -> Doc:
        document = doc._.document
        anchor = anchor_date(document.date) if document is not None else None
        language = (document.language.value if document is not None else None) or "en"
        doc._.timexes = find_timexes(doc.text, anchor, language=language)
        return doc
