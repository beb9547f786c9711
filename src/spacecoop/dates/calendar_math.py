"""Calendar arithmetic on dates, in the units TimeML values are written in."""

from __future__ import annotations

import datetime as dt

SEASON_ORDER = ("SP", "SU", "FA", "WI")  # winter last: Dec of year Y starts winter Y


def add_months(day: dt.date, months: int) -> dt.date:
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    return dt.date(year, month + 1, 1)


def iso_week(day: dt.date) -> str:
    year, week, _ = day.isocalendar()
    return f"{year}-W{week:02d}"


def quarter_of(day: dt.date) -> int:
    return (day.month - 1) // 3 + 1


def shift_quarter(year: int, quarter: int, by: int) -> tuple[int, int]:
    index = year * 4 + quarter - 1 + by
    return index // 4, index % 4 + 1


def season_index(day: dt.date) -> int:
    """A running index of seasons: year * 4 + position in SEASON_ORDER (Jan-Feb are last year's winter)."""
    if day.month in (1, 2):
        return (day.year - 1) * 4 + 3
    if day.month == 12:
        return day.year * 4 + 3
    return day.year * 4 + (day.month - 3) // 3


def season_value(index: int) -> str:
    return f"{index // 4}-{SEASON_ORDER[index % 4]}"


def nearest_weekday(day: dt.date, weekday: int, direction: str | None) -> dt.date:
    """The date with ISO `weekday` nearest `day`: on or before it for 'past', on or after for 'future',
    strictly before/after for 'last'/'next', and the closer of the two otherwise."""
    back = (day.isoweekday() - weekday) % 7
    ahead = (weekday - day.isoweekday()) % 7
    if direction == "past":
        return day - dt.timedelta(days=back)
    if direction == "future":
        return day + dt.timedelta(days=ahead)
    if direction == "last":
        return day - dt.timedelta(days=back or 7)
    if direction == "next":
        return day + dt.timedelta(days=ahead or 7)
    return day - dt.timedelta(days=back) if back <= ahead else day + dt.timedelta(days=ahead)


def year_for_month(anchor: dt.date, month: int, tense: str | None) -> int:
    """The year of a month named without one: the anchor's, moved back or forward to agree with tense."""
    if tense == "past" and month > anchor.month:
        return anchor.year - 1
    if tense == "future" and month < anchor.month:
        return anchor.year + 1
    return anchor.year


def year_for_day(anchor: dt.date, month: int, day: int, tense: str | None) -> int:
    """The year of a day and month named without one: the anchor's, or the one before (after) when
    the tense is past (future) and the anchor's would put the day on the wrong side of the anchor;
    without tense, the neighbouring year when the day lies more than half a year away."""
    year = anchor.year
    candidate = valid_date(year, month, day)
    if candidate is None:
        return year
    distance = (candidate - anchor).days
    if tense == "past":
        return year - 1 if distance > 60 else year
    if tense == "future":
        return year + 1 if distance < -60 else year
    if distance > 183:
        return year - 1
    if distance < -183:
        return year + 1
    return year


def valid_date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def nth_weekday(year: int, month: int, weekday: int, nth: int) -> dt.date:
    """The nth ISO `weekday` of a month (nth=-1: the last one)."""
    if nth > 0:
        first = dt.date(year, month, 1)
        return first + dt.timedelta(days=(weekday - first.isoweekday()) % 7 + 7 * (nth - 1))
    last = add_months(dt.date(year, month, 1), 1) - dt.timedelta(days=1)
    return last - dt.timedelta(days=(last.isoweekday() - weekday) % 7)
