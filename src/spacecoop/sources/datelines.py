"""Calendar dates as documents print them in datelines and headers (en, fr, de, it, es, pt), in words
("19 April 2016", "junio 10 de 2011") and in figures ("05/07/2016", "2020-01-22", "23. 06. 2024")."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

_MONTHS = {
    1: "january jan janvier janv januar jänner gennaio gen enero ene janeiro",
    2: "february feb février fevrier févr fevr februar febbraio febrero fevereiro",
    3: "march mar mars märz maerz marzo março marco",
    4: "april apr avril aprile abril",
    5: "may mai maggio mayo maio",
    6: "june jun juin juni giugno junio junho",
    7: "july jul juillet juil juli luglio julio julho",
    8: "august aug août aout agosto",
    9: "september sep sept septembre settembre septiembre setiembre setembro",
    10: "october oct octobre oktober ottobre octubre outubro",
    11: "november nov novembre noviembre novembro",
    12: "december dec décembre decembre dezember dicembre diciembre dic dezembro",
}
MONTH_NUMBER = {name: number for number, names in _MONTHS.items() for name in names.split()}
_WEEKDAYS = {
    0: "monday mon lundi montag lunedì lunedi lunes segunda-feira",
    1: "tuesday tue tues mardi dienstag martedì martedi martes terça-feira",
    2: "wednesday wed mercredi mittwoch mercoledì mercoledi miércoles miercoles quarta-feira",
    3: "thursday thu thur thurs jeudi donnerstag giovedì giovedi jueves quinta-feira",
    4: "friday fri vendredi freitag venerdì venerdi viernes sexta-feira",
    5: "saturday sat samedi samstag sabato sábado sabado",
    6: "sunday sun dimanche sonntag domenica domingo",
}
WEEKDAY_NUMBER = {name: number for number, names in _WEEKDAYS.items() for name in names.split()}

_MONTH = "(?P<m>" + "|".join(sorted(MONTH_NUMBER, key=len, reverse=True)) + r")\.?"
_WEEKDAY = "(?:(?P<w>" + "|".join(sorted(WEEKDAY_NUMBER, key=len, reverse=True)) + r")\.?,?\s+)?"
_DAY = r"(?P<d>[0-3]?\d)(?:st|nd|rd|th|er|\.)?"
_YEAR = r"(?P<y>(?:1[89]|20)\d\d)"

# "19 April 2016", "Thu 15th April 2021", "5 Juillet 2016", "14th April, 2021"
DAY_MONTH_YEAR = re.compile(rf"\b{_WEEKDAY}{_DAY}\s+(?:de\s+)?{_MONTH},?\s+(?:de\s+)?{_YEAR}\b", re.I)
# "June 15, 2018", "Thursday, September 23, 2021", "June 21 , 2007", "junio 10 de 2011"
MONTH_DAY_YEAR = re.compile(rf"\b{_WEEKDAY}{_MONTH}\s+{_DAY}\s*,?\s+(?:de\s+)?{_YEAR}\b", re.I)
# Figures: day, month and year with one separator ("05/07/2016", "1/9/2004", "23. 06. 2024",
# "14-06-2019"), or year first ("2020-01-22", "2020 01 22"). Glued to words in page chrome
# ("Press01-06-2023"), so bounded by digits only.
_NUMERIC_DMY = re.compile(
    r"(?<![\d/.:-])([0-3]?\d)(?:\s?([./-])\s?)([01]?\d)\s?\2\s?((?:19|20)\d\d)(?![\d/.:-]\d)"
)
_NUMERIC_YMD = re.compile(r"(?<![\d/.:-])((?:19|20)\d\d)([-/. ])([01]\d)\2([0-3]\d)(?![\d/:]|\.\d)")
_WEEKDAY_BEFORE = re.compile(
    r"\b(?P<w>" + "|".join(sorted(WEEKDAY_NUMBER, key=len, reverse=True)) + r")\.?,?\s*$", re.I
)
# A clock time in the 12-hour American way ("3:31:12 PM ET") marks an American month-first date.
_AMERICAN_CLOCK = re.compile(
    r"^\D{0,3}\d{1,2}:\d{2}(?::\d{2})?\s*(?:[ap]\.?m\.?|ET|EST|EDT|PT|PST|PDT)\b", re.I
)
# Without a year: "Wednesday 19 July", "Friday, June 11"
DAY_MONTH = re.compile(rf"\b{_WEEKDAY}{_DAY}\s+{_MONTH}(?![\w,]*\s*,?\s*(?:1[89]|20)\d\d)", re.I)
MONTH_DAY = re.compile(rf"\b{_WEEKDAY}{_MONTH}\s+{_DAY}\b(?!,?\s*(?:1[89]|20)\d\d)", re.I)
_ANY_YEAR = re.compile(r"(?:1[89]|20)\d\d")
_TIME = re.compile(r"\b\d{1,2}[:.h]\d{2}\s*(?:am|pm|a\.m\.|p\.m\.|gmt|utc|cet|cest|jst|est|edt)?", re.I)
_LABELS = re.compile(
    r"\b(?:published|posted|updated|last update[d]?|date|by|on|le|am|il|el|mis à jour|publié le|"
    r"publicado|publicada|em|pubblicato|veröffentlicht|issued|source|minutes?|hours?|ago|views?|likes?)\b",
    re.I,
)
# A byline after the date ("12 March 2021 By: A. Writer - Senior Editor") is not prose.
# Only a capitalised name makes a byline: "on 29 October 2018 by a Long March 2C rocket" is prose.
_BYLINE = re.compile(r"\b(?i:by|par|por|von|di)\b\s*:?\s+[A-ZÀ-Ý][\w'’.-]*\s+[A-ZÀ-Ý].*$")


@dataclass(frozen=True)
class FoundDate:
    """A date found in a line: year may be None when the text gives only day and month."""

    year: int | None
    month: int
    day: int
    weekday: int | None
    start: int
    end: int
    text: str

    def iso(self) -> str | None:
        if self.year is None:
            return None
        return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"


def _found(match: re.Match[str]) -> FoundDate | None:
    groups = match.groupdict()
    month = MONTH_NUMBER.get(groups["m"].lower().rstrip("."))
    day = int(groups["d"])
    year = int(groups["y"]) if groups.get("y") else None
    weekday = WEEKDAY_NUMBER.get((groups.get("w") or "").lower().rstrip(".,"))
    if month is None or not 1 <= day <= 31:
        return None
    try:
        date(year or 2000, month, day)
    except ValueError:
        return None
    return FoundDate(year, month, day, weekday, match.start(), match.end(), match.group(0))


def _numeric(text: str, match: re.Match[str], day: int, month: int, year: int) -> FoundDate | None:
    weekday_match = _WEEKDAY_BEFORE.search(text[max(0, match.start() - 14) : match.start()])
    weekday = WEEKDAY_NUMBER.get(weekday_match.group("w").lower()) if weekday_match else None
    try:
        date(year, month, day)
    except ValueError:
        return None
    return FoundDate(year, month, day, weekday, match.start(), match.end(), match.group(0))


def _day_month_order(text: str, match: re.Match[str], first: int, second: int, year: int) -> tuple[int, int]:
    """(day, month) of "a/b/yyyy": a number over 12 is the day; otherwise a weekday named just before
    decides, then an American clock after it; day first is the rule nearly everywhere else."""
    if first > 12 or second > 12:
        return (first, second) if first > 12 else (second, first)
    weekday_match = _WEEKDAY_BEFORE.search(text[max(0, match.start() - 14) : match.start()])
    if weekday_match:
        weekday = WEEKDAY_NUMBER[weekday_match.group("w").lower()]
        if weekday_matches(year, first, second, weekday):
            return second, first
        return first, second
    if _AMERICAN_CLOCK.search(text[match.end() : match.end() + 24]):
        return second, first
    return first, second


def numeric_dates(text: str) -> list[FoundDate]:
    """Dates written in figures, each read day-first unless the text shows otherwise."""
    found: list[FoundDate | None] = []
    for match in _NUMERIC_DMY.finditer(text):
        first, second, year = int(match.group(1)), int(match.group(3)), int(match.group(4))
        day, month = _day_month_order(text, match, first, second, year)
        found.append(_numeric(text, match, day, month, year))
    for match in _NUMERIC_YMD.finditer(text):
        found.append(_numeric(text, match, int(match.group(4)), int(match.group(3)), int(match.group(1))))
    return [f for f in found if f]


def full_dates(text: str) -> list[FoundDate]:
    """Every day-month-year date in `text`, in words or in figures, in order."""
    found = [_found(m) for pattern in (DAY_MONTH_YEAR, MONTH_DAY_YEAR) for m in pattern.finditer(text)]
    worded = [f for f in found if f]
    figures = [f for f in numeric_dates(text) if not any(w.start < f.end and f.start < w.end for w in worded)]
    return sorted(worded + figures, key=lambda f: f.start)


def partial_dates(text: str) -> list[FoundDate]:
    """Day and month without a year ("Wednesday 19 July", "June 11")."""
    found = [_found(m) for pattern in (DAY_MONTH, MONTH_DAY) for m in pattern.finditer(text)]
    return sorted((f for f in found if f), key=lambda f: f.start)


def is_date_line(line: str) -> bool:
    """True when a line is a dateline or header date rather than prose: a full date plus at most
    a place, a byline, a label or a time ("Paris, 19 April 2016", "By A. Writer | May 5, 2014")."""
    stripped = line.strip()
    limit = 130 if _BYLINE.search(stripped) else 90
    if not stripped or len(stripped) > limit or not _ANY_YEAR.search(stripped):
        return False
    dates = full_dates(stripped)
    if not dates:
        return False
    rest = stripped
    for found in reversed(dates):
        rest = rest[: found.start] + " " + rest[found.end :]
    rest = _LABELS.sub(" ", _TIME.sub(" ", _BYLINE.sub(" ", rest)))
    words = [w for w in re.split(r"[\s|,:;()\[\]/–—-]+", rest) if w and not w.isdigit()]
    return len(words) <= 5 and not stripped.endswith(("?", "!"))


def weekday_matches(year: int, month: int, day: int, weekday: int) -> bool:
    try:
        return date(year, month, day).weekday() == weekday
    except ValueError:
        return False
