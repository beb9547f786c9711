"""Values of the rules that name years and their parts: years, fiscal years, quarters, halves,
decades, centuries, and "this/last/next year|month|week" (one function per rule of rules.RULES).
"""

from __future__ import annotations

import re

from spacecoop.dates import calendar_math as cal
from spacecoop.dates import lexicon as lx
from spacecoop.dates.day_values import weekend
from spacecoop.dates.reading import Context, Groups, Reading, duration_value, number_value, shifted


def half_quarter(g: Groups, c: Context) -> Reading | None:
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


def rel_unit(g: Groups, c: Context) -> Reading | None:
    rel = re.sub(r"\s+", " ", g["rel"].lower()).removeprefix("the ")
    unit = re.sub(r"\s+", " ", g["unit"].lower()).replace("fiscal ", "")
    if unit == "period":
        if rel not in ("year-earlier", "year-ago", "latest", "most recent", "same", "prior"):
            return None
        year, quarter = cal.shift_quarter(c.anchor.year, cal.quarter_of(c.anchor), -1)
        if rel in ("year-earlier", "year-ago", "same", "prior"):
            year -= 1
        return Reading("DATE", f"{year}-Q{quarter}", "quarter", relative="full")
    if rel == "following" and unit in ("year", "month", "week", "day"):
        value, precision = shifted(c.anchor, unit, 1)
        return Reading("DATE", value, precision, relative="full", after_previous=(unit, 1))
    if rel in ("past", "this past", "coming", "new") and g["rel"].lower().startswith("the"):
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


def year_ago_adj(g: Groups, c: Context) -> Reading | None:
    year, quarter = cal.shift_quarter(c.anchor.year, cal.quarter_of(c.anchor), -5)
    return Reading("DATE", f"{year}-Q{quarter}", "quarter", relative="full")


def decade(g: Groups, c: Context) -> Reading | None:
    if g.get("dword"):
        if not g.get("the") and not re.search(r"(?i)\bthe\s+(?:(?:early|mid|late)[\s-]*)?$", c.before(16)):
            return None  # "in her forties" is an age
        tens = ["twenties", "thirties", "forties", "fifties", "sixties", "seventies", "eighties", "nineties"]
        digits = str(192 + tens.index(g["dword"].lower())) + "0"
    else:
        digits = g["decade"]
    if digits.startswith("'"):
        digits = ("19" if int(digits[1]) > 2 else "20") + digits[1:]
    if not g.get("the") and not g.get("dmod") and re.search(r"[\d$]\s*$", c.before(3)):
        return None
    mod = {"early": "START", "mid": "MID", "late": "END"}.get((g.get("dmod") or "").lower())
    return Reading("DATE", digits[:3], "decade", mod=mod)


def century(g: Groups, c: Context) -> Reading | None:
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


def spelled_year(g: Groups, c: Context) -> Reading | None:
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


def fiscal_year(g: Groups, c: Context) -> Reading | None:
    return Reading("DATE", g["year"], "year")


_NOT_YEAR_BEFORE = re.compile(r"(?i)(?:\b(?:no|number|flight|room|route|page|pp|section|article|resolution|"
                              r"model|boeing|airbus|rule|chapter|minus|plus|about|some|nearly|over)\.?|[#×x*+=/:])\s*$")  # fmt: skip
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


def year(g: Groups, c: Context) -> Reading | None:
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


def quarter_code(g: Groups, c: Context) -> Reading | None:
    year = g.get("year") or ("20" + g["yy"][-2:] if g.get("yy") else None)
    letter = g["code"]
    if letter == "H" and int(g["n"]) > 2:
        return None
    return Reading("DATE", f"{year}-{letter}{g['n']}", "quarter" if letter == "Q" else "half")


def fy(g: Groups, c: Context) -> Reading | None:
    return Reading("DATE", g.get("year") or "20" + g["yy"], "year")
