"""What a rule resolves to (Reading), what it may look at (Context), and the arithmetic rules share."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from spacecoop.dates import calendar_math as cal
from spacecoop.dates import lexicon as lx
from spacecoop.dates.tense import tense_near

MONTH_NUMBER = {name.upper(): n for n, names in lx.EN_MONTHS.items() for name in names}
WEEKDAY_NUMBER = {name.upper(): n for n, names in lx.EN_WEEKDAYS.items() for name in names}
WEEKDAY_NAME = {n: names[0] for n, names in lx.EN_WEEKDAYS.items()}


@dataclass
class Reading:
    type: str
    value: str
    precision: str
    relative: str = ""  # "" absolute | "year": only the year came from the anchor | "full"
    confidence: float = 1.0
    note: str | None = None
    alternatives: tuple[str, ...] = ()
    mod: str | None = None
    # "the next day", "two days later", "the following year": (unit, amount) counted from the last
    # date the text named before, when there is one precise enough
    after_previous: tuple[str, int] | None = None
    anchor: str | None = None  # set when resolved against a date in the text, not the document date


@dataclass
class Context:
    """What a rule's resolver may look at: the text, where the match is, and the anchor date."""

    text: str
    start: int
    end: int
    anchor: dt.date
    _tense: list[str | None] = field(default_factory=list)

    def tense(self) -> str | None:
        if not self._tense:
            self._tense.append(tense_near(self.text, self.start, self.end))
        return self._tense[0]

    def before(self, chars: int = 24) -> str:
        return self.text[max(0, self.start - chars) : self.start]

    def after(self, chars: int = 24) -> str:
        return self.text[self.end : self.end + chars]


Groups = dict[str, str | None]


def month_number(name: str) -> int:
    return MONTH_NUMBER[re.sub(r"\s+", " ", name).upper()]


def number_value(word: str) -> float | None:
    """A quantity as a number; None for vague ones ('several')."""
    word = re.sub(r"[\s-]+", " ", word.lower())
    if re.fullmatch(r"\d+(?:\.\d+)?", word):
        return float(word)
    if word in lx.NUMBER_WORDS:
        return lx.NUMBER_WORDS[word]
    parts = word.split(" ")
    if len(parts) == 2 and parts[0] in lx.NUMBER_WORDS and parts[1] in lx.NUMBER_WORDS:
        return lx.NUMBER_WORDS[parts[0]] + lx.NUMBER_WORDS[parts[1]]
    return None


def unit_of(word: str) -> str:
    word = re.sub(r"\s+", " ", word.lower())
    for unit in lx.UNITS:
        if word in (unit, lx.UNIT_PLURALS.get(unit, unit + "s")):
            return unit
    return word.rstrip("s")


def duration_value(amount: float | None, unit: str) -> str:
    """P2Y, PT3H, PXM (amount None); fractions in the next smaller unit: P1Y6M, PT5H30M, P2DT12H."""
    letter, factor, is_time = lx.UNITS[unit]
    prefix = "PT" if is_time else "P"
    if amount is None:
        return f"{prefix}X{letter}"
    amount *= factor
    whole = int(amount)
    if amount == whole:
        return f"{prefix}{whole}{letter}"
    if letter == "W":  # weeks do not mix with other units in ISO 8601: count days
        return f"P{round(amount * 7)}D"
    # the smaller unit, how many make one, and whether it sits in the time part
    smaller, per, in_time = {"Y": ("M", 12, False), "Q": ("M", 3, False), "D": ("H", 24, True),
                             "H": ("M", 60, True), "S": ("S", 1, True)}.get(letter, ("D", 30, False))  # fmt: skip
    if is_time and letter == "M":
        smaller, per, in_time = "S", 60, True
    rest = round((amount - whole) * per)
    head = f"{whole}{letter}" if whole else ""
    if in_time and not is_time:
        return f"P{head}T{rest}{smaller}"
    return f"{prefix}{head}{rest}{smaller}"


def shifted(anchor: dt.date, unit: str, amount: int) -> tuple[str, str]:
    """The value `amount` units away from the anchor at that unit's precision, and the precision."""
    if unit in ("day", "night", "hour", "minute", "second"):
        days = amount if unit in ("day", "night") else 0
        return (anchor + dt.timedelta(days=days)).isoformat(), "day"
    if unit in ("week", "fortnight"):
        weeks = amount * (2 if unit == "fortnight" else 1)
        return cal.iso_week(anchor + dt.timedelta(weeks=weeks)), "week"
    if unit == "month":
        return cal.add_months(anchor, amount).isoformat()[:7], "month"
    if unit == "quarter":
        year, quarter = cal.shift_quarter(anchor.year, cal.quarter_of(anchor), amount)
        return f"{year}-Q{quarter}", "quarter"
    if unit == "decade":
        return str(anchor.year + 10 * amount), "year"
    if unit == "century":
        return str(anchor.year + 100 * amount), "year"
    return str(anchor.year + amount), "year"


def day_value(day: dt.date, part: str | None) -> Reading:
    if part:
        return Reading("TIME", f"{day.isoformat()}T{lx.PARTS_OF_DAY[part.lower()]}", "time")
    return Reading("DATE", day.isoformat(), "day")
