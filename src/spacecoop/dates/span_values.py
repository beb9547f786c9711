"""Values of the rules that are not calendar dates: clock times, durations, sets and references
(one function per rule of rules.RULES, named like the rule)."""

from __future__ import annotations

import re

from spacecoop.dates import lexicon as lx
from spacecoop.dates.reading import (
    WEEKDAY_NUMBER,
    Context,
    Groups,
    Reading,
    duration_value,
    month_number,
    number_value,
    unit_of,
)


def _time(hour: int, minute: int, c: Context) -> Reading:
    """A clock time; its day is the one named right after it ('10 p.m. Wednesday'), else the anchor."""
    return Reading("TIME", f"{c.anchor.isoformat()}T{hour:02d}:{minute:02d}", "time", relative="full")


def time_ampm(g: Groups, c: Context) -> Reading | None:
    hour = int(g["hour"]) % 12 + (12 if g["ampm"].lower().startswith("p") else 0)
    return _time(hour, int(g["minute"] or 0), c)


def time_24(g: Groups, c: Context) -> Reading | None:
    return _time(int(g["hour"]), int(g["minute"]), c)


def time_clock(g: Groups, c: Context) -> Reading | None:
    return _time(int(g["hour"]), int(g["minute"]), c)


def time_word(g: Groups, c: Context) -> Reading | None:
    return _time(0 if g["word"].lower() == "midnight" else 12, 0, c)


def vague_ago(g: Groups, c: Context) -> Reading | None:
    forward = g["dir"].lower().split()[0] in ("from", "hence")
    return Reading("DATE", "FUTURE_REF" if forward else "PAST_REF", "unknown")


def unit_ahead(g: Groups, c: Context) -> Reading | None:
    unit = unit_of(g["unit"])
    if unit not in lx.UNITS:
        return None
    plural = g["unit"].lower() != unit
    return Reading("DURATION", duration_value(None if plural else 1, unit), "duration")


def span(g: Groups, c: Context) -> Reading | None:
    unit = unit_of(g["unit"])
    if unit not in lx.UNITS:
        return None
    return Reading("DURATION", duration_value(number_value(g["num"]), unit), "duration", mod=_or_so_mod(g))


def the_span(g: Groups, c: Context) -> Reading | None:
    if not g["unit"].lower().endswith("s") or number_value(g["num"]) == 1:
        return None  # "the one year" is rare; "the first half" etc. are other rules
    return span(g, c)


def every(g: Groups, c: Context) -> Reading | None:
    if g.get("weekday"):
        return Reading("SET", f"XXXX-WXX-{WEEKDAY_NUMBER[g['weekday'].upper()]}", "unknown")
    if g.get("month"):
        return Reading("SET", f"XXXX-{month_number(g['month']):02d}", "unknown")
    unit = unit_of(g["unit"])
    amount = number_value(g["num"]) if g.get("num") else 1
    return Reading("SET", duration_value(amount, unit), "duration")


def rel_plural(g: Groups, c: Context) -> Reading | None:
    return Reading("DURATION", duration_value(None, unit_of(g["unit"])), "duration")


def set_word(g: Groups, c: Context) -> Reading | None:
    return Reading("SET", lx.SET_WORDS[re.sub(r"\s+", " ", g["word"].lower())], "duration")


_SET_BEFORE = re.compile(r"(?i)(?:\b(?:once|twice|times|percent|cents?|dollars?)|[%\d])\s*$")
_DURATION_CONTEXT = re.compile(
    r"(?i)\b(?:for|in|over|within|recent|after|than|of|about|took|takes|lasted)\s+$"
)


def duration(g: Groups, c: Context) -> Reading | None:
    unit = unit_of(g["unit"])
    if unit not in lx.UNITS:
        return None
    amount = number_value(g["num"])
    word = g["num"].lower()
    if word in ("a", "an") and _SET_BEFORE.search(c.before(12)):
        return Reading("SET", duration_value(1, unit), "duration")
    if g.get("and_half") or g.get("half"):
        amount = (amount or 0) + 0.5
    if word in ("some", "many") and not _DURATION_CONTEXT.search(c.before(12)):
        return None
    if amount is not None and amount > 1000:
        return None
    if (g.get("adj") or "").lower() == "old" or re.match(r"(?i)\s+old\b", c.after(6)):
        return None  # an age ("a 6-year-old", "52 years old")
    if unit == "quarter" and re.match(
        r"(?i)\s+of\s+(?:the|a|an|its|their|all|this|that|these|those|our|his|her|[$\d])\b", c.after(16)
    ):
        return None  # "three-quarters of the budget" is a fraction
    return Reading("DURATION", duration_value(amount, unit), "duration", mod=_or_so_mod(g))


def _or_so_mod(g: Groups) -> str | None:
    word = (g.get("or_so") or "").lower()
    return {"more": "EQUAL_OR_MORE", "longer": "EQUAL_OR_MORE", "less": "EQUAL_OR_LESS"}.get(
        word, "APPROX" if word else None
    )


def bare_units(g: Groups, c: Context) -> Reading | None:
    if not _DURATION_CONTEXT.search(c.before(12)):
        return None
    return Reading("DURATION", duration_value(None, unit_of(g["unit"])), "duration")


def weekday_plural(g: Groups, c: Context) -> Reading | None:
    return Reading("SET", f"XXXX-WXX-{WEEKDAY_NUMBER[g['weekday'][:-1].upper()]}", "unknown")


def ref(g: Groups, c: Context) -> Reading | None:
    word = re.sub(r"\s+", " ", g["word"].lower())
    if word == "current" and not re.match(
        r"\s+(?:level|rate|price|pace|situation|state|crisis|term|year|"
        r"quarter|season|period|conditions?)\b",
        c.after(),
    ):
        return None
    if word == "recent" and not re.match(r"\s+(?:weeks|months|years|days|times|history|period)\b", c.after()):
        return None
    if word == "future" and not re.search(r"(?i)\b(?:the|near|in|distant|foreseeable)\s+$", c.before()):
        return None
    return Reading("DATE", lx.REFERENCE_WORDS[word], "unknown")
