"""Builders for the resolution tests: facts, documents and a small knowledge base written by hand.

No tests here; the test_resolve_* modules import these helpers.
"""

from __future__ import annotations

from typing import Any

from spacecoop.knowledge import Knowledge, KnownEntity
from spacecoop.models import DateValue, Document, Fact, Span

_PRECISION = {4: "year", 7: "month", 10: "day"}


def make_fact(
    type: str,
    doc: str,
    evidence: str = "",
    date: str | None = None,
    status: str | None = None,
    confidence: float = 0.8,
    alternatives: tuple[str, ...] = (),
    start: int = 0,
    **args: Any,
) -> Fact:
    """A fact as an extractor gives it; the evidence defaults to a sentence naming its arguments."""
    text = evidence or f"{type} reported by {doc}: {sorted(args.items())}"
    value = DateValue(date, _PRECISION.get(len(date), "unknown"), alternatives=alternatives) if date else None
    return Fact(
        type=type,
        doc=doc,
        args=args,
        evidence=Span(start, start + len(text), text),
        date=value,
        status=status,
        confidence=confidence,
        doc_id=f"id-{doc}",
    )


def make_document(key: str, text: str, date: str | None = None) -> Document:
    return Document(
        id=f"id-{key}",
        key=key,
        source=f"{key}.txt",
        form="text",
        raw_text=text,
        text=text,
        date=DateValue(date, _PRECISION.get(len(date), "unknown")) if date else None,
    )


def small_knowledge() -> Knowledge:
    """A handful of agencies and governments, with a predecessor chain for the Russian agency."""
    return Knowledge(
        (
            KnownEntity("esa", "ESA", "intergovernmental", ("European Space Agency",), "Q4"),
            KnownEntity(
                "nasa", "NASA", "agency", ("National Aeronautics and Space Administration",), "Q23548"
            ),
            KnownEntity(
                "cnes", "CNES", "agency", ("Centre national d'études spatiales",), "Q5", country="France"
            ),
            KnownEntity("jaxa", "JAXA", "agency", ("Japan Aerospace Exploration Agency",), "Q6"),
            KnownEntity("dlr", "DLR", "agency", ("German Aerospace Center",), "Q7"),
            KnownEntity(
                "rsa",
                "Russian Space Agency",
                "agency",
                ("RKA",),
                "Q8",
                country="Russia",
                successors=("roscosmos",),
            ),
            KnownEntity(
                "roscosmos",
                "Roscosmos",
                "agency",
                ("Roscosmos State Corporation",),
                "Q9",
                country="Russia",
                predecessors=("rsa",),
            ),
            KnownEntity(
                "russia", "Russia", "government", ("Russian Federation",), "Q159", demonyms=("Russian",)
            ),
            KnownEntity("france", "France", "government", (), "Q142", demonyms=("French",)),
            KnownEntity("soyuz", "Soyuz", "launcher", ("Soyuz-2",), "Q10"),
            KnownEntity("ariane-5", "Ariane 5", "launcher", ("Ariane-5",), "Q11"),
            KnownEntity("csg", "Guiana Space Centre", "site", ("CSG", "Kourou", "Europe's Spaceport"), "Q12"),
        )
    )
