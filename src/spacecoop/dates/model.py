"""The record a temporal expression becomes: extent, TimeML type and value, and how sure we are."""

from __future__ import annotations

from dataclasses import dataclass

TIMEX_TYPES = ("DATE", "TIME", "DURATION", "SET")
PRECISIONS = (
    "day", "month", "year", "week", "season", "quarter", "half", "decade", "century",
    "time", "duration", "unknown",
)  # fmt: skip


@dataclass(frozen=True)
class Timex:
    """One temporal expression found in a text.

    `start`/`end` are character offsets into the text given to `find_timexes` (end exclusive).
    `value` is a TimeML value (2016-04-18, 2018-10, P50Y, PRESENT_REF, 2017-H1, XXXX-XX-XX...).
    `anchor` is the ISO date a relative expression was resolved against, None if absolute.
    """

    start: int
    end: int
    text: str
    type: str
    value: str
    precision: str
    anchor: str | None = None
    confidence: float = 1.0
    note: str | None = None
    alternatives: tuple[str, ...] = ()
    mod: str | None = None
