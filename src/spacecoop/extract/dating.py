"""Choosing a fact's date from the temporal expressions near it, and planned/done from tense."""

from __future__ import annotations

import re
from dataclasses import replace

from spacecoop.extract.context import SentenceContext
from spacecoop.extract.lexicon import FUTURE_CUES, PAST_CUES
from spacecoop.models import DateValue

_ISO_PREFIX = re.compile(r"^\d{4}(?:-\d{2}(?:-\d{2})?)?$")
_LIST_DATE = re.compile(r"^\s*[-•*]?\s*([^:]{2,30}):")


_EARLIEST_YEAR = "1900"  # years before are counts ("more than 1700 launches"), not dates here
_BACK = re.compile(r"(?:\bgo(?:es|ne)?\s+back|\bback)\s*$", re.I)
_YEARS = re.compile(r"^P(\d+)Y$")


def backdated(timex, text: str, anchor: DateValue | None):
    """ "go back 50 years" in a 2016 text: the year 1966, as a DATE timex."""
    match = _YEARS.match(timex.value or "")
    if timex.type != "DURATION" or not match or not anchor or not anchor.iso:
        return timex
    before = text[max(0, timex.start - 12) : timex.start]
    after = text[timex.end : timex.end + 6]
    if not (_BACK.search(before) or after.lstrip().lower().startswith("ago")):
        return timex
    year = str(int(anchor.iso[:4]) - int(match.group(1)))
    return replace(timex, type="DATE", value=year, precision="year", anchor=anchor.iso)


def calendar_value(timex) -> DateValue | None:
    """A DATE timex as an ISO-prefix DateValue; durations, sets and vague values give None."""
    if timex.type not in {"DATE", "TIME"}:
        return None
    value = timex.value[:10]  # a clock time on a known day ("6:58 a.m. on Monday") dates the event too
    if not _ISO_PREFIX.match(value) or value[:4] < _EARLIEST_YEAR:
        return None
    precision = {4: "year", 7: "month", 10: "day"}[len(value)]
    alternatives = tuple(a[:10] for a in timex.alternatives if _ISO_PREFIX.match(a[:10]))
    return DateValue(
        iso=value,
        precision=precision,
        anchor=timex.anchor,
        confidence=timex.confidence,
        text=timex.text,
        note=timex.note,
        alternatives=alternatives,
    )


def dated(timexes) -> list[tuple[object, DateValue]]:
    return [(t, v) for t in timexes if (v := calendar_value(t)) is not None]


def nearest_date(
    sentence: SentenceContext, position: int, window: tuple[int, int] | None = None, strict: bool = False
):
    """The calendar date closest to a character position, preferring one inside `window` (only
    one inside it when `strict`)."""
    candidates = dated(sentence.timexes)
    if window is not None:
        inside = [(t, v) for t, v in candidates if t.start >= window[0] and t.end <= window[1]]
        if inside or strict:
            candidates = inside
    if not candidates:
        return None
    # a precise date beats a bare year at a similar distance ("in 2016 ... on 22 April")
    rank = {"day": 0, "month": 1, "year": 2}
    best = min(
        candidates,
        key=lambda tv: (
            abs(tv[0].start - position) // 40,
            rank[tv[1].precision],
            abs(tv[0].start - position),
        ),
    )
    return best[1]


def list_item_date(sentence: SentenceContext) -> DateValue | None:
    """The date heading a dated list item ("22 April: launch by Soyuz ...")."""
    match = _LIST_DATE.match(sentence.text)
    if not match:
        return None
    head_end = sentence.sent.start_char + match.end(1) + (len(sentence.text) - len(sentence.text.lstrip()))
    for timex, value in dated(sentence.timexes):
        if timex.end <= head_end + 1:
            return value
    return None


def compare_iso(a: str, b: str) -> int:
    """-1, 0 or 1 comparing two ISO prefixes at their common precision."""
    n = min(len(a), len(b))
    return (a[:n] > b[:n]) - (a[:n] < b[:n])


def tense_of(sentence: SentenceContext, start_token: int, end_token: int) -> str | None:
    """'future' or 'past' from the words and verb forms around a trigger, None when unclear."""
    doc = sentence.sent.doc
    tokens = list(doc[max(sentence.sent.start, start_token - 12) : min(sentence.sent.end, end_token + 8)])
    # the verb that governs a trigger noun carries the tense: "The blastoff ... is scheduled for Monday"
    governor = doc[start_token].head
    tokens += [governor, *governor.children]
    words = {t.lower_ for t in tokens}
    if words & FUTURE_CUES or any(t.lower_ == "to" and t.head.tag_ == "VB" for t in tokens):
        return "future"
    if words & PAST_CUES or any(t.tag_ in {"VBD", "VBN"} for t in tokens):
        return "past"
    return None


def status_from(
    date: DateValue | None, tense: str | None, document_date: DateValue | None, future: str, past: str
) -> str:
    """Planned or done (expected or signed) relative to the document's own date."""
    if tense == "future":
        return future
    if date and date.iso and document_date and document_date.iso:
        order = compare_iso(date.iso, document_date.iso)
        if order > 0:
            return future
        if order < 0:
            return past
    if tense == "past":
        return past
    return past
