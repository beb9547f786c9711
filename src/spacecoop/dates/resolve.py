"""From a rule's groups to a TimeML reading: type, value, precision, anchored against the document date.

One small function per rule of grammar.RULES. Each returns a Reading, or None to reject the match
(a bare "May" that is a verb, a number that is not a year).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass, field

from spacecoop.dates import calendar_math as cal
from spacecoop.dates import lexicon as lx
from spacecoop.dates.tense import sentence_bounds, tense_near

_MONTH_NUMBER = {name.upper(): n for n, names in lx.EN_MONTHS.items() for name in names}
_WEEKDAY_NUMBER = {name.upper(): n for n, names in lx.EN_WEEKDAYS.items() for name in names}
_WEEKDAY_NAME = {n: names[0] for n, names in lx.EN_WEEKDAYS.items()}


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
    return _MONTH_NUMBER[re.sub(r"\s+", " ", name).upper()]


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
    """P2Y, PT3H, PXM (amount None), P18M for 1.5 years."""
    letter, factor, is_time = lx.UNITS[unit]
    prefix = "PT" if is_time else "P"
    if amount is None:
        return f"{prefix}X{letter}"
    amount *= factor
    if amount != int(amount):
        smaller = {"Y": ("M", 12), "M": ("D", 30) if not is_time else ("S", 60), "W": ("D", 7),
                   "D": ("H", 24), "H": ("M", 60)}.get(letter)  # fmt: skip
        if smaller:
            letter2, mult = smaller
            prefix = "PT" if letter2 in "HS" or (letter2 == "M" and (is_time or letter == "D")) else prefix
            return f"{prefix}{int(round(amount * mult))}{letter2}"
    return f"{prefix}{int(amount)}{letter}"


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


# --- rule resolvers ------------------------------------------------------------------------------


def r_iso_date(g: Groups, c: Context) -> Reading | None:
    day = cal.valid_date(int(g["year"]), int(g["mm"]), int(g["dd"]))
    return Reading("DATE", day.isoformat(), "day") if day else None


def r_slash_date(g: Groups, c: Context) -> Reading | None:
    year = int(g["yy"])
    if year < 100:
        year += 1900 if year > 30 else 2000
    day = cal.valid_date(year, int(g["mm"]), int(g["dd"]))
    return Reading("DATE", day.isoformat(), "day") if day else None


def _day_month(g: Groups, c: Context) -> Reading | None:
    month = month_number(g["month"])
    day_number = int(g["day"])
    dated_list = (
        bool(re.match(r"\s*[:\u2013\u2014-]\s", c.after(4))) and c.start == c.text.rfind("\n", 0, c.start) + 1
    )
    if g.get("year"):
        year, relative = int(g["year"]), ""
    elif dated_list:
        year, relative = c.anchor.year, "year"  # a dated list's entries belong to the document's year
    else:
        year, relative = cal.year_for_day(c.anchor, month, day_number, c.tense()), "year"
    day = cal.valid_date(year, month, day_number)
    if day is None:
        return None
    reading = Reading("DATE", day.isoformat(), "day", relative=relative)
    if dated_list:
        reading.note = "dated list entry: year taken from the document date"
    if g.get("weekday"):
        _check_weekday(reading, day, _WEEKDAY_NUMBER[g["weekday"].upper()], bool(g.get("year")))
    return reading


def _check_weekday(reading: Reading, day: dt.date, weekday: int, year_stated: bool) -> None:
    """A weekday that contradicts the date: keep the stated date, lower confidence, offer the others."""
    if day.isoweekday() == weekday:
        return
    name = _WEEKDAY_NAME[weekday]
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


r_date_mdy = r_date_dmy = _day_month


def r_month_year(g: Groups, c: Context) -> Reading | None:
    return Reading("DATE", f"{int(g['year']):04d}-{month_number(g['month']):02d}", "month")


def _time(hour: int, minute: int, c: Context) -> Reading:
    """A clock time; its day is the one named right after it ('10 p.m. Wednesday'), else the anchor."""
    return Reading("TIME", f"{c.anchor.isoformat()}T{hour:02d}:{minute:02d}", "time", relative="full")


def r_time_ampm(g: Groups, c: Context) -> Reading | None:
    hour = int(g["hour"]) % 12 + (12 if g["ampm"].lower().startswith("p") else 0)
    return _time(hour, int(g["minute"] or 0), c)


def r_time_24(g: Groups, c: Context) -> Reading | None:
    return _time(int(g["hour"]), int(g["minute"]), c)


def r_time_word(g: Groups, c: Context) -> Reading | None:
    return _time(0 if g["word"].lower() == "midnight" else 12, 0, c)


def r_weekday(g: Groups, c: Context) -> Reading | None:
    weekday = _WEEKDAY_NUMBER[g["weekday"].upper()]
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


def r_day_part(g: Groups, c: Context) -> Reading | None:
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


def r_day_word(g: Groups, c: Context) -> Reading | None:
    word = g["word"].lower()
    day = c.anchor + dt.timedelta(days=lx.DAY_WORDS[word])
    reading = day_value(day, "night" if word == "tonight" else None)
    reading.relative = "full"
    return reading


def r_ago(g: Groups, c: Context) -> Reading | None:
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
    return reading


def _mentions_quarter(c: Context) -> bool:
    left, right = sentence_bounds(c.text, c.start, c.end)
    return bool(re.search(r"(?i)\bquarter\b", c.text[max(0, left - 300) : right]))


def r_vague_ago(g: Groups, c: Context) -> Reading | None:
    forward = g["dir"].lower().split()[0] in ("from", "hence")
    return Reading("DATE", "FUTURE_REF" if forward else "PAST_REF", "unknown")


def r_unit_ahead(g: Groups, c: Context) -> Reading | None:
    unit = unit_of(g["unit"])
    if unit not in lx.UNITS:
        return None
    plural = g["unit"].lower() != unit
    return Reading("DURATION", duration_value(None if plural else 1, unit), "duration")


def r_span(g: Groups, c: Context) -> Reading | None:
    unit = unit_of(g["unit"])
    if unit not in lx.UNITS:
        return None
    return Reading("DURATION", duration_value(number_value(g["num"]), unit), "duration")


def r_the_span(g: Groups, c: Context) -> Reading | None:
    if not g["unit"].lower().endswith("s") or number_value(g["num"]) == 1:
        return None  # "the one year" is rare; "the first half" etc. are other rules
    return r_span(g, c)


def r_rel_month(g: Groups, c: Context) -> Reading | None:
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


def r_rel_season(g: Groups, c: Context) -> Reading | None:
    code = lx.SEASONS[g["season"].lower()]
    position = cal.SEASON_ORDER.index(code)
    if g.get("year"):
        return Reading("DATE", f"{g['year']}-{code}", "season")
    rel = (g.get("rel") or "").lower().split()
    if (
        not rel
        and not g["season"][0].isupper()
        and not re.search(r"(?i)\b(?:in|this|during|by|until|since)\s+$", c.before())
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


def r_half_quarter(g: Groups, c: Context) -> Reading | None:
    unit = g["unit"].lower()
    ordinal = lx.ORDINALS.get((g.get("ord") or "").lower())
    adj = re.sub(r"\s+", " ", (g.get("adj") or "").lower())
    if not (g.get("the") or ordinal or adj):
        return None
    size = 2 if unit == "half" else 4
    current = cal.quarter_of(c.anchor) if size == 4 else (c.anchor.month - 1) // 6 + 1
    letter = "Q" if size == 4 else "H"
    relative = "full"
    if g.get("year") or g.get("pyear") or g.get("tyear"):
        year, relative = int(g.get("year") or g.get("pyear") or g["tyear"]), ""
    elif g.get("poss"):
        year = c.anchor.year + {"last": -1, "next": 1}.get(g["poss"].split()[0].lower(), 0)
    elif g.get("yrel"):
        year = c.anchor.year + {"last": -1, "next": 1, "the previous": -1}.get(g["yrel"].lower(), 0)
    else:
        year = c.anchor.year
    if ordinal and ordinal > size:
        return None
    if ordinal == -1:  # "the last quarter" of a year named, or the one before the present
        ordinal = size if (g.get("year") or g.get("yrel") or g.get("tyear") or g.get("poss")) else None
        if ordinal is None:
            adj = "latest"
    if ordinal:
        number = ordinal
        if adj.endswith(("year-earlier", "year-ago")):
            year -= 1
    else:
        if size == 2:
            if not adj and not g.get("year"):
                return None
            number = current
        else:
            if relative:
                year, number = cal.shift_quarter(c.anchor.year, current, 0 if adj == "current" else -1)
            else:  # "the 1988 quarter": the quarter being reported, in the year named
                number = cal.shift_quarter(c.anchor.year, current, -1)[1]
            if adj.endswith(("year-earlier", "year-ago")):
                year -= 1
    return Reading("DATE", f"{year}-{letter}{number}", "half" if size == 2 else "quarter", relative=relative)


def r_rel_unit(g: Groups, c: Context) -> Reading | None:
    rel = re.sub(r"\s+", " ", g["rel"].lower()).removeprefix("the ")
    unit = re.sub(r"\s+", " ", g["unit"].lower()).replace("fiscal ", "")
    if unit == "period":
        if rel not in ("year-earlier", "year-ago", "latest", "most recent", "same", "prior"):
            return None
        year, quarter = cal.shift_quarter(c.anchor.year, cal.quarter_of(c.anchor), -1)
        if rel in ("year-earlier", "year-ago", "same", "prior"):
            year -= 1
        return Reading("DATE", f"{year}-Q{quarter}", "quarter", relative="full")
    if rel in ("past", "this past", "coming", "following", "new") and g["rel"].lower().startswith("the"):
        return Reading("DURATION", duration_value(1, "week" if unit == "weekend" else unit), "duration")
    if rel in ("last", "past", "previous", "this past", "prior", "latest", "most recent"):
        step = -1
    elif rel in ("next", "coming", "following"):
        step = 1
    elif rel in ("year-earlier", "year-ago"):
        step = -4 if unit == "quarter" else -1
    elif rel in ("this", "current", "same", "new"):
        step = 0
    else:
        return None
    if unit == "weekend":
        return weekend(c, step)
    if unit == "century":
        if step == 0:
            return Reading("DATE", str(c.anchor.year // 100), "century", relative="full")
        return Reading("DATE", str(c.anchor.year // 100 + step), "century", relative="full")
    if unit == "decade":
        return Reading("DATE", str(c.anchor.year // 10 + step), "decade", relative="full")
    value, precision = shifted(c.anchor, unit, step)
    return Reading("DATE", value, precision, relative="full")


def r_year_ago_adj(g: Groups, c: Context) -> Reading | None:
    year, quarter = cal.shift_quarter(c.anchor.year, cal.quarter_of(c.anchor), -5)
    return Reading("DATE", f"{year}-Q{quarter}", "quarter", relative="full")


def r_decade(g: Groups, c: Context) -> Reading | None:
    digits = g["decade"]
    if digits.startswith("'"):
        digits = ("19" if int(digits[1]) > 2 else "20") + digits[1:]
    if not g.get("the") and not g.get("dmod") and re.search(r"[\d$]\s*$", c.before(3)):
        return None
    mod = {"early": "START", "mid": "MID", "late": "END"}.get((g.get("dmod") or "").lower())
    return Reading("DATE", digits[:3], "decade", mod=mod)


def r_century(g: Groups, c: Context) -> Reading | None:
    word = g["cnum"].lower()
    number = int(re.match(r"\d+", word).group()) if word[0].isdigit() else lx.ORDINALS.get(word)
    if not number or number < 1:
        return None
    return Reading("DATE", f"{number - 1:02d}", "century")


_TEENS = [
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
]


def r_spelled_year(g: Groups, c: Context) -> Reading | None:
    if g.get("twok"):
        rest = number_value(g["rest2"]) if g.get("rest2") else 0
        return Reading("DATE", str(2000 + int(rest or 0)), "year")
    century = 1900 if g["cent"].lower() == "nineteen" else 1800
    rest = re.sub(r"[\s-]+", " ", g["rest"].lower())
    if rest == "hundred":
        value = 0
    elif rest.startswith("oh "):
        value = int(number_value(rest[3:]) or 0)
    elif rest in _TEENS:
        value = 10 + _TEENS.index(rest)
    else:
        value = int(number_value(rest) or 0)
    return Reading("DATE", str(century + value), "year")


def r_fiscal_year(g: Groups, c: Context) -> Reading | None:
    return Reading("DATE", g["year"], "year")


_NOT_YEAR_BEFORE = re.compile(r"(?i)(?:\b(?:no|number|flight|room|route|page|pp|section|article|resolution|"
                              r"model|boeing|airbus|rule|chapter|minus|plus|about|some|nearly|over|to)\.?|[#×x*+=/:])\s*$")  # fmt: skip
_NOT_YEAR_AFTER = re.compile(r"(?i)^\s*(?:percent|per\s+cent|%|people|shares|tons?|tonnes|feet|ft|meters|metres|"
                             r"miles|km|kilometers|kilograms|kg|pounds|dollars|workers|employees|troops|soldiers|"
                             r"members|units|cars|seats|votes|points|acres|hectares|barrels|jobs|students|"
                             r"satellites|homes|cases|deaths|hours|mph|yards)\b")  # fmt: skip


# A capitalised word (not at a sentence start) right before a year makes it part of a name, unless
# the word is one that normally precedes years.
_NAME_BEFORE = re.compile(r"(?<![.!?:\n] )(?<![.!?:\n])\b([A-Z][a-z]+)\.?\s$")
_WORDS_BEFORE_YEARS = frozenset(
    {name.rstrip(".") for names in lx.EN_MONTHS.values() for name in names}
    | {w.capitalize() for w in ["in", "since", "by", "until", "from", "fiscal", "before", "after", "during", "through", "and", "of", "early", "late", "mid", "spring", "summer", "fall", "autumn", "winter", "christmas", "easter", "year", "financial", "or", "to", "around", "about", "circa"]}
)  # fmt: skip


def r_year(g: Groups, c: Context) -> Reading | None:
    if g.get("yy"):
        yy = int(g["yy"])
        return Reading("DATE", str((1900 if yy > 30 else 2000) + yy), "year")
    if g.get("the"):
        return Reading("DATE", g["year"], "year")
    if _NOT_YEAR_BEFORE.search(c.before()) or _NOT_YEAR_AFTER.match(c.after()):
        return None
    name = _NAME_BEFORE.search(c.before())
    if name and name.group(1) not in _WORDS_BEFORE_YEARS:
        return None  # part of a name: "Mars 2020", "Expedition 2013", "Orion 1980"
    return Reading("DATE", g["year"], "year")


def r_quarter_code(g: Groups, c: Context) -> Reading | None:
    year = g.get("year") or ("20" + g["yy"][-2:] if g.get("yy") else None)
    letter = g["code"]
    if letter == "H" and int(g["n"]) > 2:
        return None
    return Reading("DATE", f"{year}-{letter}{g['n']}", "quarter" if letter == "Q" else "half")


def r_fy(g: Groups, c: Context) -> Reading | None:
    return Reading("DATE", g.get("year") or "20" + g["yy"], "year")


def r_every(g: Groups, c: Context) -> Reading | None:
    if g.get("weekday"):
        return Reading("SET", f"XXXX-WXX-{_WEEKDAY_NUMBER[g['weekday'].upper()]}", "unknown")
    if g.get("month"):
        return Reading("SET", f"XXXX-{month_number(g['month']):02d}", "unknown")
    unit = unit_of(g["unit"])
    return Reading("SET", duration_value(1, unit), "duration")


def r_set_word(g: Groups, c: Context) -> Reading | None:
    return Reading("SET", lx.SET_WORDS[re.sub(r"\s+", " ", g["word"].lower())], "duration")


def r_holiday(g: Groups, c: Context) -> Reading | None:
    name = re.sub(r"\s+", " ", g["word"])
    if name in lx.MOVABLE_HOLIDAYS:
        month, weekday, nth = lx.MOVABLE_HOLIDAYS[name]
        year = cal.year_for_month(c.anchor, month, c.tense())
        return Reading("DATE", cal.nth_weekday(year, month, weekday, nth).isoformat(), "day", relative="year")
    month_day = lx.HOLIDAYS[name]
    month = int(month_day[:2])
    year = cal.year_for_month(c.anchor, month, c.tense())
    return Reading("DATE", f"{year}-{month_day}", "day", relative="year")


_SET_BEFORE = re.compile(r"(?i)(?:\b(?:once|twice|times|percent|cents?|dollars?)|[%\d])\s*$")
_DURATION_CONTEXT = re.compile(
    r"(?i)\b(?:for|in|over|within|recent|after|than|of|about|took|takes|lasted)\s+$"
)


def r_duration(g: Groups, c: Context) -> Reading | None:
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
    if unit == "quarter" and re.match(r"\s+of\b", c.after(4)):
        return None  # "three-quarters of the budget" is a fraction
    return Reading("DURATION", duration_value(amount, unit), "duration")


def r_bare_units(g: Groups, c: Context) -> Reading | None:
    if not _DURATION_CONTEXT.search(c.before(12)):
        return None
    return Reading("DURATION", duration_value(None, unit_of(g["unit"])), "duration")


_PART_OF = re.compile(r"(?i)\b(?:end|beginning|start|middle|rest|remainder|course|balance|half)\s+of\s+$")


def weekend(c: Context, step: int = 0) -> Reading:
    """The weekend meant: the one just past (or this one) in past tense, the next one in future tense."""
    direction = "future" if (step > 0 or (step == 0 and c.tense() == "future")) else "past"
    saturday = cal.nearest_weekday(c.anchor, 6, direction) + dt.timedelta(weeks=step if step < 0 else 0)
    return Reading("DATE", cal.iso_week(saturday) + "-WE", "week", relative="full")


def r_the_unit(g: Groups, c: Context) -> Reading | None:
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


def r_weekday_plural(g: Groups, c: Context) -> Reading | None:
    return Reading("SET", f"XXXX-WXX-{_WEEKDAY_NUMBER[g['weekday'][:-1].upper()]}", "unknown")


def r_ref(g: Groups, c: Context) -> Reading | None:
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


_MONTH_CONTEXT = re.compile(r"(?i)\b(?:in|since|until|till|by|from|through|to|of|during|before|after|last|early|"
                            r"late|mid|next|this|on|and|or|between)\s*-?\s*$")  # fmt: skip


def r_month(g: Groups, c: Context) -> Reading | None:
    name = g["month"]
    if name.upper().rstrip(".") in ("MAY", "MARCH") and not _MONTH_CONTEXT.search(c.before()):
        return None
    month = month_number(name)
    year = cal.year_for_month(c.anchor, month, c.tense())
    return Reading("DATE", f"{year}-{month:02d}", "month", relative="year")


RESOLVERS: dict[str, Callable[[Groups, Context], Reading | None]] = {
    name.removeprefix("r_"): fn for name, fn in globals().items() if name.startswith("r_") and callable(fn)
}
