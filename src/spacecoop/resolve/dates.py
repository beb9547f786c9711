"""ISO date prefixes (YYYY, YYYY-MM, YYYY-MM-DD) compared the way reports of one event agree."""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date

_PREFIX = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")


def calendar_prefix(value: str | None) -> str | None:
    """The YYYY[-MM[-DD]] part of an ISO or TimeML value ("2017-H1" -> "2017"); None if there is none."""
    if not value:
        return None
    match = _PREFIX.match(value)
    return match.group(0) if match else None


def precision_rank(value: str | None) -> int:
    """0 for no date, 1 year, 2 month, 3 day."""
    prefix = calendar_prefix(value)
    return 0 if prefix is None else {4: 1, 7: 2, 10: 3}[len(prefix)]


def compatible(a: str | None, b: str | None) -> bool:
    """True when one date is a prefix of the other (2018 and 2018-06-15), or either is missing."""
    pa, pb = calendar_prefix(a), calendar_prefix(b)
    if pa is None or pb is None:
        return True
    short, long = sorted((pa, pb), key=len)
    return long.startswith(short)


def any_compatible(readings_a: Iterable[str | None], readings_b: Iterable[str | None]) -> bool:
    readings_b = list(readings_b)
    return any(compatible(x, y) for x in readings_a for y in readings_b)


def common_prefix(values: Iterable[str]) -> str | None:
    """The most precise date every value agrees on ("2018-06-14", "2018-06-15" -> "2018-06")."""
    prefixes = [p for p in (calendar_prefix(v) for v in values) if p]
    if not prefixes:
        return None
    for length in (10, 7, 4):
        heads = {p[:length] for p in prefixes if len(p) >= length}
        if len(heads) == 1 and all(len(p) >= length for p in prefixes):
            return heads.pop()
    return None


def days_apart(a: str | None, b: str | None) -> int | None:
    """Days between two day-precise dates; None when either is less precise or invalid."""
    da, db = _as_date(a), _as_date(b)
    if da is None or db is None:
        return None
    return abs((da - db).days)


def _as_date(value: str | None) -> date | None:
    prefix = calendar_prefix(value)
    if prefix is None or len(prefix) != 10:
        return None
    try:
        return date.fromisoformat(prefix)
    except ValueError:
        return None


def start_of(value: str | None) -> str:
    """A sortable key: missing dates sort last."""
    return calendar_prefix(value) or "9999"
