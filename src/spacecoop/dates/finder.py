"""find_timexes: one scan of the text with the compiled grammar, then resolution against the anchor."""

from __future__ import annotations

import datetime as dt
import re

from spacecoop import models
from spacecoop.dates import lexicon as lx
from spacecoop.dates.calendar_math import add_months, iso_week
from spacecoop.dates.foreign import foreign_timexes
from spacecoop.dates.grammar import english_grammar
from spacecoop.dates.model import Timex
from spacecoop.dates.reading import Context, Reading
from spacecoop.errors import BadQuery

# Stands in for a missing anchor; values that depend on it are masked with X afterwards.
_PLACEHOLDER_ANCHOR = dt.date(2000, 6, 15)
_MASKS = {"day": "XXXX-XX-XX", "month": "XXXX-XX", "year": "XXXX", "week": "XXXX-WXX", "quarter": "XXXX-QX",
          "half": "XXXX-HX", "decade": "XXX", "century": "XX"}  # fmt: skip
_RELATIVE_PERIOD = re.compile(r"(?i)(?:this|that|last|next)\s+(?:year|month|week|quarter|decade|century)\b")
_JOIN_TIME_DATE = re.compile(r"\s*,?\s*(?:on\s+)?")
SUPPORTED_LANGUAGES = ("en", "fr", "de", "it", "es", "pt")


def find_timexes(text: str, anchor: dt.date | None = None, *, language: str = "en") -> list[Timex]:
    """Every temporal expression in `text`, in order, each normalised to a TimeML value.

    `anchor` is the document's date: relative expressions ("last year", "on Tuesday") are resolved
    against it; without one their values keep X where the anchor was needed (XXXX-XX-XX).
    `language` is an ISO 639-1 code; English has the full grammar, others absolute and common
    relative dates.
    """
    if not isinstance(text, str):
        raise BadQuery(f"find_timexes: text must be a str, not {type(text).__name__}")
    if anchor is not None and not isinstance(anchor, dt.date):
        raise BadQuery(f"find_timexes: anchor must be a datetime.date, not {anchor!r}")
    if isinstance(anchor, dt.datetime):
        anchor = anchor.date()
    language = (language or "en").lower()[:2]
    if language not in SUPPORTED_LANGUAGES:
        raise BadQuery(
            f"find_timexes: language {language!r} is not supported (use one of {SUPPORTED_LANGUAGES})"
        )
    base = anchor or _PLACEHOLDER_ANCHOR
    found = _english(text, base) if language == "en" else foreign_timexes(text, base, language)
    found = _count_from_previous_day(_merge_time_and_day(text, found), anchored=anchor is not None)
    return [_to_timex(text, start, end, reading, anchor) for start, end, reading in found]


def _english(text: str, anchor: dt.date) -> list[tuple[int, int, Reading]]:
    grammar = english_grammar()
    found: list[tuple[int, int, Reading]] = []

    def resolve(m: re.Match[str]) -> bool:
        index = int(m.lastgroup[1:])
        groups = {local: m.group(name) for local, name in grammar.groups[index]}
        start = m.start(f"r{index}")
        reading = grammar.rules[index].resolve(groups, Context(text, start, m.end(), anchor))
        if reading is None:
            return False
        mod_word = m.group("mod")
        if mod_word and mod_word.lower() in ("earlier", "later") and not _RELATIVE_PERIOD.match(text, start):
            mod_word = None  # "earlier this month" is one expression; in "earlier Friday" it is an adverb
        if mod_word:
            reading.mod = reading.mod or lx.MODIFIERS.get(re.sub(r"\s+", " ", mod_word.lower())) or None
            start = m.start()
        found.append((start, m.end(), reading))
        return True

    for _ in grammar.scan(text, resolve):
        pass
    return found


def _merge_time_and_day(text: str, found: list[tuple[int, int, Reading]]) -> list[tuple[int, int, Reading]]:
    """'10 p.m. Wednesday' is one expression: a clock time takes the day named right after it."""
    merged: list[tuple[int, int, Reading]] = []
    i = 0
    while i < len(found):
        start, end, reading = found[i]
        if (
            reading.type == "TIME"
            and re.fullmatch(r".*T\d\d:\d\d", reading.value)
            and i + 1 < len(found)
            and found[i + 1][2].precision == "day"
            and _JOIN_TIME_DATE.fullmatch(text[end : found[i + 1][0]])
        ):
            day = found[i + 1][2]
            clock = reading.value.split("T", 1)[1]
            reading = Reading("TIME", f"{day.value}T{clock}", "time", relative=day.relative,
                              confidence=day.confidence, note=day.note, alternatives=day.alternatives)  # fmt: skip
            merged.append((start, found[i + 1][1], reading))
            i += 2
            continue
        merged.append((start, end, reading))
        i += 1
    return merged


def _count_from_previous_day(
    found: list[tuple[int, int, Reading]], *, anchored: bool
) -> list[tuple[int, int, Reading]]:
    """'The next day', 'two days later', 'the following year': counted from the last date the text
    named before them, when that date is precise enough for the unit. Without an anchor only dates
    the text states in full count (the others stand on the placeholder anchor)."""
    previous = ""  # the last ISO-prefix value seen: YYYY, YYYY-MM or YYYY-MM-DD
    for _start, _end, reading in found:
        if reading.after_previous is not None and previous:
            value = _shift_value(previous, *reading.after_previous)
            if value is not None:
                part = reading.value.split("T", 1)[1] if "T" in reading.value and len(value) == 10 else ""
                reading.value = value + (f"T{part}" if part else "")
                reading.anchor = previous
                reading.note = f"counted from {previous}, the date named before it"
        match = _ISO_PREFIX.match(reading.value)
        if match:
            # without an anchor a date resolved against the placeholder is unknown: nothing to count from
            previous = match.group() if (anchored or not reading.relative or reading.anchor) else ""
    return found


def _shift_value(previous: str, unit: str, amount: int) -> str | None:
    if unit == "year":
        return str(int(previous[:4]) + amount)
    if unit == "month" and len(previous) >= 7:
        return add_months(dt.date(int(previous[:4]), int(previous[5:7]), 1), amount).isoformat()[:7]
    if unit in ("day", "week") and len(previous) == 10:
        day = dt.date.fromisoformat(previous) + dt.timedelta(days=amount * (7 if unit == "week" else 1))
        return day.isoformat() if unit == "day" else iso_week(day)
    return None


def _to_timex(text: str, start: int, end: int, reading: Reading, anchor: dt.date | None) -> Timex:
    value, confidence = reading.value, reading.confidence
    if reading.relative and anchor is None and reading.anchor is None:
        confidence = min(confidence, 0.3)
        if reading.relative == "year":
            value = "XXXX" + value[4:]
        else:
            value = _MASKS.get(reading.precision, "XXXX-XX-XX")
            if reading.type == "TIME" and "T" in reading.value:
                value = "XXXX-XX-XXT" + reading.value.split("T", 1)[1]
    return Timex(
        start=start,
        end=end,
        text=text[start:end],
        type=reading.type,
        value=value,
        precision=reading.precision,
        anchor=reading.anchor or (anchor.isoformat() if (reading.relative and anchor is not None) else None),
        confidence=confidence,
        note=reading.note,
        alternatives=reading.alternatives,
        mod=reading.mod,
    )


_ISO_PREFIX = re.compile(r"\d{4}(?:-\d\d(?:-\d\d)?)?")


def to_date_value(timex: Timex) -> models.DateValue | None:
    """The timex as a DateValue when it is a DATE (or a TIME) with an ISO-prefix value; None otherwise."""
    if timex.type not in ("DATE", "TIME"):
        return None
    match = _ISO_PREFIX.match(timex.value)
    if not match:
        return None
    iso = match.group()
    precision = {4: "year", 7: "month", 10: "day"}[len(iso)]
    note = timex.note
    if iso != timex.value and timex.type == "DATE":
        # 2017-H1, 1998-SU, 2016-W15: the ISO prefix is the year; the note keeps the finer value
        note = "; ".join(filter(None, [note, f"within {timex.value}"]))
    return models.DateValue(
        iso=iso,
        precision=precision,
        anchor=timex.anchor,
        confidence=timex.confidence,
        text=timex.text,
        note=note,
        alternatives=timex.alternatives,
    )
