"""Values of the calendar rules that name days, weeks, months and seasons, anchored on the document date.

One function per rule of rules.RULES, named like the rule. Each returns a Reading, or None to reject
the match (a bare "May" that is a verb). Years, quarters, decades and centuries are in year_values.py;
clock times, durations, sets and references in span_values.py.
"""

from __future__ import annotations

import datetime as dt
import re

from spacecoop.dates import calendar_math as cal
from spacecoop.dates import lexicon as lx
from spacecoop.dates.reading import (
    WEEKDAY_NAME,
    WEEKDAY_NUMBER,
    Context,
    Groups,
    Reading,
    day_value,
    duration_value,
    month_number,
    number_value,
    shifted,
    unit_of,
)
from spacecoop.dates.tense import sentence_bounds


def iso_date(g: Groups, c: Context) -> Reading | None:
    day = cal.valid_date(int(g["year"]), int(g["mm"]), int(g["dd"]))
    if day is None:
        return None
    if g.get("hour"):
        return Reading("TIME", f"{day.isoformat()}T{g['hour']}:{g['minute']}", "time")
    return Reading("DATE", day.isoformat(), "day")


def slash_date(g: Groups, c: Context) -> Reading | None:
    year = int(g["yy"])
    if year < 100:
        year += 1900 if year > 30 else 2000
    day = cal.valid_date(year, int(g["mm"]), int(g["dd"]))
    return Reading("DATE", day.isoformat(), "day") if day else None


# What may come before a dated list entry on its line: indentation, a bullet, a dash.
_LIST_ITEM_START = re.compile(r"[ \t]*(?:[-*\u2022\u2013\u00b7][ \t]*)?")


def _day_month(g: Groups, c: Context) -> Reading | None:
    month = month_number(g["month"])
    day_number = int(g["day"])
    dated_list = bool(re.match(r"\s*[:\u2013\u2014-]\s", c.after(4))) and bool(
        _LIST_ITEM_START.fullmatch(c.text, c.text.rfind("\n", 0, c.start) + 1, c.start)
    )
    if g.get("year"):
        year, relative = int(g["year"]), ""
    elif dated_list:
        year, relative = c.anchor.year, "year"  # a dated list's entries belong to the document's year
    else:
        year, relative = cal.year_for_day(c.anchor, month, day_number, c.tense()), "year"
    day = cal.valid_date(year, month, day_number)
    if day is None and (month, day_number) == (2, 29) and relative:  # the nearest leap year the tense allows
        step = 1 if c.tense() == "future" else -1
        year = next(y for y in range(year + step, year + 5 * step, step) if cal.valid_date(y, 2, 29))
        day = dt.date(year, 2, 29)
    if day is None:  # "31 February": keep what is certain, the month, and say why
        note = f"day {day_number} does not exist in {dt.date(year, month, 1).strftime('%B')} {year}"
        return Reading("DATE", f"{year}-{month:02d}", "month", relative=relative, confidence=0.5, note=note)
    reading = Reading("DATE", day.isoformat(), "day", relative=relative)
    if dated_list:
        reading.note = "dated list entry: year taken from the document date"
    if g.get("weekday"):
        _check_weekday(reading, day, WEEKDAY_NUMBER[g["weekday"].upper()], bool(g.get("year")))
    return reading


def _check_weekday(reading: Reading, day: dt.date, weekday: int, year_stated: bool) -> None:
    """A weekday that contradicts the date: keep the stated date, lower confidence, offer the others."""
    if day.isoweekday() == weekday:
        return
    name = WEEKDAY_NAME[weekday]
    reading.confidence = 0.5
    reading.note = (
        f"weekday {name} contradicts {day.day} {day.strftime('%B')} {day.year} (a {day.strftime('%A')})"
    )
    alternatives = [cal.nearest_weekday(day, weekday, None).isoformat()]
    if not year_stated:
        for offset in (-1, 1, -2, 2, -3, 3, -4, 4, -5, 5, -6, 6):
            other = cal.valid_date(day.year + offset, day.month, day.day)
            if other and other.isoweekday() == weekday:
                alternatives.append(other.isoformat())
                break
    reading.alternatives = tuple(alternatives)


date_mdy = date_dmy = _day_month  # one resolver, two word orders


def week_of(g: Groups, c: Context) -> Reading | None:
    """'the week of March 6': the ISO week holding that day."""
    reading = _day_month(
        {**g, "month": g.get("month") or g["month2"], "day": g.get("day") or g["day2"], "weekday": None}, c
    )
    if reading is None or reading.precision != "day":
        return None
    reading.value = cal.iso_week(dt.date.fromisoformat(reading.value))
    reading.precision = "week"
    return reading


def month_rel_year(g: Groups, c: Context) -> Reading | None:
    year = c.anchor.year + {"last": -1, "next": 1}.get(g["yrel"].lower(), 0)
    return Reading("DATE", f"{year}-{month_number(g['month']):02d}", "month", relative="full")


def month_year(g: Groups, c: Context) -> Reading | None:
    return Reading("DATE", f"{int(g['year']):04d}-{month_number(g['month']):02d}", "month")


def weekday(g: Groups, c: Context) -> Reading | None:
    weekday = WEEKDAY_NUMBER[g["weekday"].upper()]
    rel = (g.get("rel") or "").lower().split()
    if rel and rel[-1] in ("last", "past", "previous"):
        direction = "last"
    elif rel and rel[-1] in ("next", "coming"):
        direction = "next"
    else:
        direction = "future" if c.tense() == "future" else "past"
    reading = day_value(cal.nearest_weekday(c.anchor, weekday, direction), g.get("part"))
    reading.relative = "full"
    return reading


def day_part(g: Groups, c: Context) -> Reading | None:
    rel = g["rel"].lower()
    offset = {"yesterday": -1, "tomorrow": 1}.get(rel, 0)
    part = "night" if rel in ("last", "tonight") and g["part"].lower() == "night" else g["part"]
    if rel == "last":
        offset = -1 if g["part"].lower() == "night" else 0
        if g["part"].lower() != "night":
            return None
    reading = day_value(c.anchor + dt.timedelta(days=offset), part)
    reading.relative = "full"
    return reading


def day_word(g: Groups, c: Context) -> Reading | None:
    word = g["word"].lower()
    day = c.anchor + dt.timedelta(days=lx.DAY_WORDS[word])
    reading = day_value(day, "night" if word == "tonight" else None)
    reading.relative = "full"
    return reading


def ago(g: Groups, c: Context) -> Reading | None:
    amount = number_value(g["num"])
    unit = unit_of(g["unit"])
    sign = 1 if g["dir"].lower().split()[0] in ("from", "hence", "later") else -1
    if amount is None or amount != int(amount):
        return Reading("DATE", "FUTURE_REF" if sign > 0 else "PAST_REF", "unknown", relative="")
    value, precision = shifted(c.anchor, unit, sign * int(amount))
    if unit == "year" and amount == 1 and sign < 0 and _mentions_quarter(c):
        # earnings news: "a year ago" compares with the latest reported quarter, a year before
        year, quarter = cal.shift_quarter(c.anchor.year, cal.quarter_of(c.anchor), -5)
        value, precision = f"{year}-Q{quarter}", "quarter"
    reading = Reading("DATE", value, precision, relative="full")
    reading.note = f"contains duration {duration_value(amount, unit)}"
    # "seven hours later", "two years later" follow the event the text named before, not the
    # document's date; hours and minutes stay on that event's day
    if g["dir"].lower() in ("later", "earlier") and unit in ("hour", "minute"):
        reading.after_previous = ("day", 0)
    if g["dir"].lower() in ("later", "earlier") and unit in ("day", "week"):
        reading.after_previous = (unit, sign * int(amount))
    elif g["dir"].lower() == "later" and unit in ("month", "year"):
        reading.after_previous = (unit, int(amount))
        if unit == "day":
            reading.value, reading.precision = (
                (c.anchor + dt.timedelta(days=sign * int(amount))).isoformat(),
                "day",
            )
    return reading


def rel_day(g: Groups, c: Context) -> Reading | None:
    shift = {"next": 1, "following": 1, "previous": -1, "preceding": -1}.get(g["rel"].lower(), 0)
    unit = g["unit"].lower()
    reading = day_value(c.anchor + dt.timedelta(days=shift), None if unit == "day" else unit)
    reading.relative, reading.after_previous = "full", ("day", shift)
    return reading


def _mentions_quarter(c: Context) -> bool:
    left, right = sentence_bounds(c.text, c.start, c.end)
    return bool(re.search(r"(?i)\bquarter\b", c.text[max(0, left - 300) : right]))


def rel_month(g: Groups, c: Context) -> Reading | None:
    month = month_number(g["month"])
    rel = g["rel"].lower().split()
    if rel[-1] in ("last", "past"):
        year = c.anchor.year if month < c.anchor.month else c.anchor.year - 1
    elif rel[-1] in ("next", "coming"):
        year = c.anchor.year if month > c.anchor.month else c.anchor.year + 1
    elif rel[-1] == "this":  # "this October" is the anchor year's October, whatever the tense
        year = c.anchor.year
    else:  # "in October": the tense decides when the month has already passed or is still ahead
        year = cal.year_for_month(c.anchor, month, c.tense())
    return Reading("DATE", f"{year}-{month:02d}", "month", relative="full")


def rel_season(g: Groups, c: Context) -> Reading | None:
    code = lx.SEASONS[g["season"].lower()]
    position = cal.SEASON_ORDER.index(code)
    if g.get("year"):
        return Reading("DATE", f"{g['year']}-{code}", "season")
    rel = (g.get("rel") or "").lower().split()
    if (
        not rel
        and not g["season"][0].isupper()
        and not re.search(r"(?i)\b(?:in|this|during|by|until|since|early|late|mid|the)[\s-]+$", c.before())
    ):
        return None
    now = cal.season_index(c.anchor)
    this_year = (now // 4) * 4 + position
    if rel and rel[-1] in ("last", "past"):
        index = this_year if this_year < now else this_year - 4
    elif rel and rel[-1] in ("next", "coming"):
        index = this_year if this_year > now else this_year + 4
    else:
        index = this_year
        if c.tense() == "past" and this_year > now:
            index -= 4
        elif c.tense() == "future" and this_year < now:
            index += 4
    return Reading("DATE", cal.season_value(index), "season", relative="full")


def holiday(g: Groups, c: Context) -> Reading | None:
    name = re.sub(r"\s+", " ", g["word"])
    if name in lx.MOVABLE_HOLIDAYS:
        month, weekday, nth = lx.MOVABLE_HOLIDAYS[name]
        year = cal.year_for_month(c.anchor, month, c.tense())
        return Reading("DATE", cal.nth_weekday(year, month, weekday, nth).isoformat(), "day", relative="year")
    month_day = lx.HOLIDAYS[name]
    month = int(month_day[:2])
    year = cal.year_for_month(c.anchor, month, c.tense())
    return Reading("DATE", f"{year}-{month_day}", "day", relative="year")


_PART_OF = re.compile(
    r"(?i)\b(?:(?:end|beginning|start|middle|rest|remainder|course|balance|half)\s+of|(?:earlier|later)\s+in)\s+$"
)


def weekend(c: Context, step: int = 0) -> Reading:
    """The weekend meant. 'last weekend': the one before the present or latest one; 'next weekend': the
    first one after today; 'the weekend': the latest one, or the coming one in future tense."""
    in_weekend = c.anchor.isoweekday() >= 6
    if step < 0:
        saturday = cal.nearest_weekday(c.anchor, 6, "past") - dt.timedelta(weeks=1 if in_weekend else 0)
    elif step > 0:
        saturday = cal.nearest_weekday(c.anchor + dt.timedelta(days=1), 6, "future")
    else:
        saturday = cal.nearest_weekday(c.anchor, 6, "future" if c.tense() == "future" else "past")
    return Reading("DATE", cal.iso_week(saturday) + "-WE", "week", relative="full")


def the_unit(g: Groups, c: Context) -> Reading | None:
    unit = g["unit"].lower()
    if unit == "weekend":
        return weekend(c)
    if _PART_OF.search(c.text[max(0, c.start - 30) : c.start]):
        value, precision = shifted(c.anchor, unit, 0)
        return Reading("DATE", value, precision, relative="full")
    if unit == "year" and re.match(r"\s*(?:before|earlier|ago)\b", c.after()):
        return None
    if (
        unit == "year"
        and not re.match(r"\s*(?:ended|ending|to|through)\b", c.after())
        and not re.search(r"(?i)\b(?:over|throughout|within|past)\s+$", c.before())
    ):
        # "for the year, sales rose": the current (reporting) year; "the year ended June 30" is a span
        return Reading("DATE", str(c.anchor.year), "year", relative="full")
    return Reading("DURATION", duration_value(1, unit), "duration")


_MONTH_CONTEXT = re.compile(r"(?i)\b(?:in|since|until|till|by|from|through|to|of|during|before|after|last|early|"
                            r"late|mid|next|this|on|and|or|between)\s*-?\s*$")  # fmt: skip


def month(g: Groups, c: Context) -> Reading | None:
    name = g["month"]
    if name.capitalize().rstrip(".") in lx.AMBIGUOUS_MONTHS and not _MONTH_CONTEXT.search(c.before()):
        return None
    month = month_number(name)
    year = cal.year_for_month(c.anchor, month, c.tense())
    return Reading("DATE", f"{year}-{month:02d}", "month", relative="year")
