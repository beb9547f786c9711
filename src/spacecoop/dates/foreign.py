"""Dates in French, German, Italian, Spanish and Portuguese: absolute dates with month names (names from
dateparser's locale data), plain years, and the common relative phrases listed in the lexicon."""

from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache

from spacecoop.dates import calendar_math as cal
from spacecoop.dates import lexicon as lx
from spacecoop.dates.reading import Reading, shifted
from spacecoop.dates.tense import tense_near

_DAY = r"(?P<day>3[01]|[12]\d|0?[1-9])(?:er|º|°|\.)?"
_YEAR = r"(?P<year>1[5-9]\d\d|20\d\d)(?!\d)"


def _names(words) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


@lru_cache(maxsize=8)
def _grammar(language: str) -> tuple[re.Pattern[str], dict[str, int], dict[str, int]]:
    months, weekdays = lx.foreign_names(language)
    month = "(?P<month>" + _names(months) + ")"
    weekday = "(?:(?P<weekday>" + _names(weekdays) + r"),?\s+)?"
    direction = _names(lx.FOREIGN_DIRECTION.get(language, {})) or "(?!x)x"
    relative = "|".join(f"(?:{p})" for p in lx.FOREIGN_RELATIVE.get(language, {}))
    ago = lx.FOREIGN_AGO.get(language, ("(?!x)x", {}))[0]
    month_words = _names(lx.FOREIGN_MONTH_WORDS.get(language, {})) or "(?!x)x"
    lone_month = rf"(?P<lone>(?P<mword>{month_words})\s*(?P<month3>{_names(months)})(?!\s+(?:de\s+)?\d)(?:\s+(?P<dir3>{direction}))?)"
    lone_weekday = rf"(?P<wd>(?P<weekday2>{_names(weekdays)})(?!\s+\d)(?:\s+(?P<dir2>{direction}))?)"
    pattern = (
        rf"(?<!\w)(?:(?P<dm>{weekday}{_DAY}\s+(?:de\s+)?{month}(?:\s+(?:de\s+)?{_YEAR})?(?:\s+(?P<dir>{direction}))?)"
        rf"|(?P<my>{month.replace('<month>', '<month2>')}\s+(?:de\s+)?{_YEAR.replace('<year>', '<year2>')})"
        rf"|(?P<rel>{relative or '(?!x)x'})|(?P<ago>{ago})|{lone_month}|{lone_weekday}"
        rf"|(?P<y>(?:(?P<ymword>{month_words})\s*)?(?<![\d.,])(?P<year3>1[5-9]\d\d|20\d\d)(?![\d%]|,\d|\.\d)))(?!\w)"
    )
    # as in English, the words of one expression are at most three blanks apart
    pattern = pattern.replace(r"\s+", r"\s{1,3}").replace(r"\s*", r"\s{0,3}")
    return re.compile(pattern, re.IGNORECASE), months, weekdays


def foreign_timexes(text: str, anchor: dt.date, language: str) -> list[tuple[int, int, Reading]]:
    regex, months, weekdays = _grammar(language)
    found = []
    for m in regex.finditer(text):
        reading = None
        if m.group("dm"):
            reading = _day_month(m, text, anchor, language, months, weekdays)
        elif m.group("my"):
            month = months[m.group("month2").lower()]
            reading = Reading("DATE", f"{m.group('year2')}-{month:02d}", "month")
        elif m.group("rel"):
            reading = _relative(m.group("rel"), anchor, language)
        elif m.group("ago"):
            units = lx.FOREIGN_AGO[language][1]
            unit = units.get(m.group("unit")) or units.get(m.group("unit").lower())
            value, precision = shifted(anchor, unit, -int(m.group("n")))
            reading = Reading("DATE", value, precision, relative="full")
        elif m.group("y"):
            words = {k.lower(): v for k, v in lx.FOREIGN_MONTH_WORDS.get(language, {}).items()}
            mod = words.get((m.group("ymword") or "").lower()) or None
            found.append(
                (
                    m.start() if mod else m.start("year3"),
                    m.end(),
                    Reading("DATE", m.group("year3"), "year", mod=mod),
                )
            )
            continue
        elif m.group("lone"):
            reading, start = _lone_month(m, anchor, language, months), m.start("month3")
            if reading is not None and reading.mod:
                start = m.start()
            if reading:
                found.append((start, m.end(), reading))
            continue
        elif m.group("wd"):
            # "lundi dernier": strictly before today; a weekday alone: the latest (news reports what happened)
            direction = {"past": "last", "future": "next"}.get(_direction(language, m.group("dir2")), "past")
            day = cal.nearest_weekday(anchor, weekdays[m.group("weekday2").lower()], direction)
            reading = Reading("DATE", day.isoformat(), "day", relative="full")
        if reading:
            found.append((m.start(), m.end(), reading))
    return found


def _direction(language: str, word: str | None) -> str | None:
    return lx.FOREIGN_DIRECTION.get(language, {}).get((word or "").lower())


def _lone_month(m, anchor: dt.date, language: str, months: dict[str, int]) -> Reading | None:
    month = months[m.group("month3").lower()]
    direction = _direction(language, m.group("dir3"))
    if direction == "past":
        year = anchor.year if month < anchor.month else anchor.year - 1
    elif direction == "future":
        year = anchor.year if month > anchor.month else anchor.year + 1
    else:
        year = anchor.year
    words = {k.lower(): v for k, v in lx.FOREIGN_MONTH_WORDS[language].items()}
    mod = words.get(re.sub(r"\s+", " ", m.group("mword").lower())) or None
    return Reading("DATE", f"{year}-{month:02d}", "month", relative="year", mod=mod)


def _day_month(m, text, anchor, language, months, weekdays) -> Reading | None:
    month = months[m.group("month").lower()]
    day_number = int(m.group("day"))
    direction = lx.FOREIGN_DIRECTION.get(language, {}).get((m.group("dir") or "").lower())
    if m.group("year"):
        year, relative = int(m.group("year")), ""
    else:
        tense = direction or tense_near(text, m.start(), m.end())
        year, relative = cal.year_for_day(anchor, month, day_number, tense), "year"
        candidate = cal.valid_date(year, month, day_number)
        # "le 16 mai dernier": the last 16 May before the anchor; "prochain": the next one after it
        if candidate and direction == "past" and candidate > anchor:
            year -= 1
        elif candidate and direction == "future" and candidate < anchor:
            year += 1
    day = cal.valid_date(year, month, day_number)
    if day is None:
        return None
    reading = Reading("DATE", day.isoformat(), "day", relative=relative)
    if m.group("weekday"):
        stated = weekdays[m.group("weekday").lower()]
        if stated != day.isoweekday():
            reading.confidence = 0.5
            reading.note = (
                f"weekday {m.group('weekday')} contradicts {day.isoformat()} (ISO weekday {day.isoweekday()})"
            )
            reading.alternatives = (cal.nearest_weekday(day, stated, None).isoformat(),)
    return reading


def _relative(phrase: str, anchor: dt.date, language: str) -> Reading | None:
    for pattern, (unit, amount) in lx.FOREIGN_RELATIVE[language].items():
        if re.fullmatch(pattern, phrase, re.IGNORECASE):
            value, precision = shifted(anchor, unit, amount)
            return Reading("DATE", value, precision, relative="full")
    return None
