"""Calendar dates as documents print them in datelines and headers (en, fr, de, it, es)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

_MONTHS = {
    1: "january jan janvier janv januar jänner gennaio gen enero ene",
    2: "february feb février fevrier févr fevr februar febbraio febrero",
    3: "march mar mars märz maerz marzo",
    4: "april apr avril aprile abril",
    5: "may mai maggio mayo",
    6: "june jun juin juni giugno junio",
    7: "july jul juillet juil juli luglio julio",
    8: "august aug août aout agosto",
    9: "september sep sept septembre settembre septiembre",
    10: "october oct octobre oktober ottobre octubre",
    11: "november nov novembre noviembre",
    12: "december dec décembre decembre dezember dicembre diciembre dic",
}
MONTH_NUMBER = {name: number for number, names in _MONTHS.items() for name in names.split()}
_WEEKDAYS = {
    0: "monday mon lundi montag lunedì lunedi lunes",
    1: "tuesday tue tues mardi dienstag martedì martedi martes",
    2: "wednesday wed mercredi mittwoch mercoledì mercoledi miércoles miercoles",
    3: "thursday thu thur thurs jeudi donnerstag giovedì giovedi jueves",
    4: "friday fri vendredi freitag venerdì venerdi viernes",
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
# "June 15, 2018", "Thursday, September 23, 2021"
MONTH_DAY_YEAR = re.compile(rf"\b{_WEEKDAY}{_MONTH}\s+{_DAY},?\s+{_YEAR}\b", re.I)
# Without a year: "Wednesday 19 July", "Friday, June 11"
DAY_MONTH = re.compile(rf"\b{_WEEKDAY}{_DAY}\s+{_MONTH}(?![\w,]*\s*,?\s*(?:1[89]|20)\d\d)", re.I)
MONTH_DAY = re.compile(rf"\b{_WEEKDAY}{_MONTH}\s+{_DAY}\b(?!,?\s*(?:1[89]|20)\d\d)", re.I)
_ANY_YEAR = re.compile(r"(?:1[89]|20)\d\d")
_TIME = re.compile(r"\b\d{1,2}[:.h]\d{2}\s*(?:am|pm|a\.m\.|p\.m\.|gmt|utc|cet|cest|jst|est|edt)?", re.I)
_LABELS = re.compile(
    r"\b(?:published|posted|updated|last update[d]?|date|by|on|le|am|il|el|mis à jour|publié le|"
    r"minutes?|hours?|ago)\b",
    re.I,
)


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


def full_dates(text: str) -> list[FoundDate]:
    """Every day-month-year date in `text`, in order."""
    found = [_found(m) for pattern in (DAY_MONTH_YEAR, MONTH_DAY_YEAR) for m in pattern.finditer(text)]
    return sorted((f for f in found if f), key=lambda f: f.start)


def partial_dates(text: str) -> list[FoundDate]:
    """Day and month without a year ("Wednesday 19 July", "June 11")."""
    found = [_found(m) for pattern in (DAY_MONTH, MONTH_DAY) for m in pattern.finditer(text)]
    return sorted((f for f in found if f), key=lambda f: f.start)


def is_date_line(line: str) -> bool:
    """True when a line is a dateline or header date rather than prose: a full date plus at most
    a place, a byline, a label or a time ("Paris, 19 April 2016", "By A. Writer | May 5, 2014")."""
    stripped = line.strip()
    if not stripped or len(stripped) > 90 or not _ANY_YEAR.search(stripped):
        return False
    dates = full_dates(stripped)
    if not dates:
        return False
    rest = stripped
    for found in reversed(dates):
        rest = rest[: found.start] + " " + rest[found.end :]
    rest = _LABELS.sub(" ", _TIME.sub(" ", rest))
    words = [w for w in re.split(r"[\s|,:;()\[\]/–—-]+", rest) if w and not w.isdigit()]
    return len(words) <= 5 and not stripped.endswith(("?", "!"))


def weekday_matches(year: int, month: int, day: int, weekday: int) -> bool:
    try:
        return date(year, month, day).weekday() == weekday
    except ValueError:
        return False
