"""The rule table of the English grammar: each rule a name, a pattern and the function that gives its value.

Patterns are written with the macros of grammar.py ({MONTH}, {DAY}, {NUM}, ...). Order matters: at
one position the first rule that matches wins, so the more specific rules come first. A resolver takes
the rule's named groups and a Context (text, span, document date) and returns a Reading, or None to
refuse the match (a bare "May" that is a verb); the later rules then get their chance at that place.
Adding a rule is one record here and one function in a *_values module: the scan's trigger words are
derived from the patterns (grammar.py), so no word list needs editing.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from spacecoop.dates import day_values as days
from spacecoop.dates import span_values as spans
from spacecoop.dates import year_values as years
from spacecoop.dates.reading import Context, Groups, Reading

Resolver = Callable[[Groups, Context], "Reading | None"]


@dataclass(frozen=True)
class Rule:
    name: str
    pattern: str  # with {MACRO}s, expanded by grammar.py
    resolve: Resolver


RULES: tuple[Rule, ...] = (
    Rule(
        "iso_date",
        r"(?P<year>1[5-9]\d\d|20\d\d)-(?P<mm>0[1-9]|1[0-2])-(?P<dd>0[1-9]|[12]\d|3[01])(?!\d)"
        r"(?:[T ](?P<hour>[01]\d|2[0-3]):(?P<minute>[0-5]\d)(?::[0-5]\d(?:\.\d+)?)?(?:Z|[+-]\d\d:?\d\d)?(?![\d:]))?",
        days.iso_date,
    ),
    Rule(
        "slash_date",
        r"(?P<mm>0?[1-9]|1[0-2])/(?P<dd>0?[1-9]|[12]\d|3[01])/(?P<yy>\d{4}|\d\d)(?![\d/])",
        days.slash_date,
    ),
    Rule(
        "week_of",
        r"(?i:the\s+week\s+of)\s+(?:{MONTH}\s+{DAY}|(?P<day2>3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<month2>{MONTHNAME}))(?:,?\s+{YEAR})?",
        days.week_of,
    ),
    Rule(
        "date_mdy",
        r"(?:{WEEKDAY},?\s+)?{MONTH}\s+{DAY}(?:,?\s+{YEAR})?",
        days.date_mdy,
    ),
    Rule(
        "date_dmy",
        r"(?:{WEEKDAY},?\s+)?{DAY}(?:\s+of)?\s+{MONTH}(?:,?\s+{YEAR})?",
        days.date_dmy,
    ),
    Rule(
        "month_year",
        r"{MONTH}(?:\s+of)?,?\s+{YEAR}",
        days.month_year,
    ),
    Rule(
        "month_rel_year",
        r"{MONTH}(?:\s+of)?\s+(?P<yrel>(?i:this|last|next))\s+(?i:year)",
        days.month_rel_year,
    ),
    Rule(
        "time_ampm",
        r"(?P<hour>1[0-2]|0?[1-9])(?:[:.](?P<minute>[0-5]\d))?\s*{AMPM}{TZ}",
        spans.time_ampm,
    ),
    Rule(
        "time_24",
        r"(?P<hour>[01]?\d|2[0-3]):(?P<minute>[0-5]\d)(?![\d:])(?:\s+(?P<h>(?i:hours|h)\b))?{TZ}",
        spans.time_24,
    ),
    Rule(
        "time_clock",
        r"(?P<hour>[01]\d|2[0-3])(?P<minute>[0-5]\d)\s+(?P<tz>GMT|UTC|Z|(?i:hours|hrs|local\s+time))",
        spans.time_clock,
    ),
    Rule(
        "time_word",
        r"(?P<word>(?i:noon|midnight|midday))",
        spans.time_word,
    ),
    Rule(
        "weekday",
        r"(?:(?P<rel>(?i:last|this|next|this\s+coming|coming|this\s+past|past|the\s+previous))\s+)?{WEEKDAY}"
        r"(?:\s+{PART})?",
        days.weekday,
    ),
    Rule(
        "rel_day",
        r"(?:(?i:the)\s+)?(?P<rel>(?i:next|following|previous|preceding|same))\s+"
        r"(?P<unit>(?i:day|morning|afternoon|evening|night))",
        days.rel_day,
    ),
    Rule(
        "day_part",
        r"(?P<rel>(?i:this|last|yesterday|tomorrow|tonight|today))\s+{PART}",
        days.day_part,
    ),
    Rule(
        "day_word",
        r"(?P<word>(?i:today|yesterday|tomorrow|tonight))",
        days.day_word,
    ),
    Rule(
        "ago",
        r"{NUM}[\s-]+{UNIT}{OR_SO}\s+(?P<dir>(?i:ago|earlier|from\s+now|hence|later|back))",
        days.ago,
    ),
    Rule(
        "vague_ago",
        r"(?P<unit>(?i:years|months|weeks|days|decades))\s+(?P<dir>(?i:ago|earlier|from\s+now|hence))",
        spans.vague_ago,
    ),
    Rule(
        "unit_ahead",
        r"(?i:the)\s+{UNIT}\s+(?P<dir>(?i:ahead|to\s+come))",
        spans.unit_ahead,
    ),
    Rule(
        "span",
        r"(?i:the\s+)?(?P<rel>(?i:past|last|next|coming|previous|following|first|latest|final|recent|"
        r"remaining|ensuing|upcoming|preceding))\s+{NUM}[\s-]+{UNIT}{OR_SO}",
        spans.span,
    ),
    Rule(
        "the_span",
        r"(?i:the)\s+{NUM}(?:\s+{EXTRA})?[\s-]+{UNIT}(?<=[sS])",
        spans.the_span,
    ),
    Rule(
        "rel_month",
        r"(?P<rel>(?i:last|this|next|this\s+past|this\s+coming|past|coming))\s+{MONTH}(?!\s+\d)",
        days.rel_month,
    ),
    Rule(
        "rel_season",
        r"(?:(?P<rel>(?i:last|this|next|this\s+past|this\s+coming|past|coming|the))\s+)?{SEASON}"
        r"(?:(?:\s+of)?\s+{YEAR})?",
        days.rel_season,
    ),
    Rule(
        "half_quarter",
        r"(?:(?:(?P<poss>(?i:this|last|next)\s+(?i:year))|(?P<pyear>1[5-9]\d\d|20\d\d))'s\s+)?"
        r"(?:(?P<the>(?i:the))\s+(?![a-zA-Z0-9]+-(?i:quarter|half)\b))?(?:(?P<tyear>1[5-9]\d\d|20\d\d)\s+)?(?:(?P<adj>(?i:fiscal|latest|current|"
        r"year-earlier|year-ago|same|comparable|previous|most\s+recent|recent|just-ended|just\s+ended|"
        r"comparable\s+year-ago|comparable\s+year-earlier))\s+)?(?:(?i:fiscal)[\s-]+)?(?:{ORD}[\s-]+)?"
        r"(?:(?i:fiscal)[\s-]+)?(?P<unit>(?i:quarter|half))(?:\s+(?:(?i:of)\s+)?(?:(?i:fiscal)\s+)?"
        r"(?:{YEAR}|(?P<yrel>(?i:this|last|next|the\s+current|the\s+previous))\s+(?i:year)))?",
        years.half_quarter,
    ),
    Rule(
        "rel_plural",
        r"(?i:the\s+)?(?P<rel>(?i:past|last|next|coming|previous|following|remaining|ensuing|upcoming|"
        r"preceding))\s+(?P<unit>(?i:days|weeks|months|years|decades|hours|minutes|quarters))",
        spans.rel_plural,
    ),
    Rule(
        "rel_unit",
        r"(?P<rel>(?i:this|last|next|past|previous|current|coming|following|this\s+past|the\s+past|"
        r"the\s+last|the\s+next|the\s+coming|the\s+current|the\s+previous|the\s+following|the\s+same|"
        r"the\s+latest|the\s+most\s+recent|the\s+year-earlier|the\s+year-ago|the\s+prior|the\s+new))\s+"
        r"(?P<unit>(?i:year|month|week|weekend|quarter|decade|century|fiscal\s+year|period))\b",
        years.rel_unit,
    ),
    Rule(
        "year_ago_adj",
        r"(?P<word>(?i:year-earlier|year-ago))",
        years.year_ago_adj,
    ),
    Rule(
        "decade",
        r"(?:(?P<the>(?i:the))\s+)?(?:(?P<dmod>(?i:early|mid|late))[\s-]*)?"
        r"(?:(?P<decade>(?:1[5-9]|20)\d0|'\d0)'?s\b|(?P<dword>{DECADE_WORD})\b)",
        years.decade,
    ),
    Rule(
        "century",
        r"(?:(?i:the)\s+)?(?P<cnum>\d{1,2}(?:st|nd|rd|th)|(?i:{ORDWORD}))[\s-]+(?i:century)",
        years.century,
    ),
    Rule(
        "spelled_year",
        r"(?:(?i:the\s+year)\s+)?(?P<cent>(?i:nineteen|eighteen))[\s-]+(?P<rest>(?i:(?:{TENS})"
        r"(?:[\s-](?:{ONES}))?|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|"
        r"nineteen|hundred|oh[\s-](?:{ONES})))|(?i:the\s+year)\s+(?P<twok>(?i:two\s+thousand))"
        r"(?:(?i:\s+and)?\s+(?P<rest2>(?i:{ONES}|ten)))?",
        years.spelled_year,
    ),
    Rule(
        "fiscal_year",
        r"(?i:fiscal)(?:\s+(?i:year))?\s+{YEAR}",
        years.fiscal_year,
    ),
    Rule(
        "quarter_code",
        r"(?P<code>[QH])(?P<n>[1-4])(?:\s+|/|-)?(?:(?P<fy>FY\s?)?{YEAR}|(?P<yy>FY\s?\d\d)\b)",
        years.quarter_code,
    ),
    Rule(
        "fy",
        r"FY\s?(?:(?P<year>(?:19|20)\d\d)|(?P<yy>\d\d))(?!\d)",
        years.fy,
    ),
    Rule(
        "year",
        r"(?:(?P<the>(?i:the\s+year))\s+)?{YEAR}|'(?P<yy>\d\d)(?![\d'])",
        years.year,
    ),
    Rule(
        "every",
        r"(?P<every>(?i:every|each|per))\s+(?:(?i:other)\s+)?(?:(?:{NUM}\s+)?{UNIT}|{WEEKDAY}|{MONTH})",
        spans.every,
    ),
    Rule(
        "set_word",
        "{SETWORD}",
        spans.set_word,
    ),
    Rule(
        "holiday",
        "{HOLIDAY}",
        days.holiday,
    ),
    Rule(
        "duration",
        r"(?:{NUM}(?P<and_half>\s+and\s+a\s+half|\s+1/2|\s*½)?(?:\s+{EXTRA})?[\s-]+{UNIT}(?P<half>\s+and\s+a\s+half)?"
        r"(?:-(?P<adj>(?i:long|old)))?{OR_SO})(?!-)",
        spans.duration,
    ),
    Rule(
        "bare_units",
        r"(?P<unit>(?i:years|months|weeks|days|decades|hours|minutes))",
        spans.bare_units,
    ),
    Rule(
        "the_unit",
        r"(?P<the>(?i:the))\s+(?:(?P<adj>(?i:fiscal|full|entire|whole))\s+)?(?P<unit>(?i:year|week|month|weekend))(?!-)",
        days.the_unit,
    ),
    Rule(
        "weekday_plural",
        r"(?P<weekday>Mondays|Tuesdays|Wednesdays|Thursdays|Fridays|Saturdays|Sundays)",
        spans.weekday_plural,
    ),
    Rule(
        "ref",
        "{REFWORD}",
        spans.ref,
    ),
    Rule(
        "month",
        r"{MONTH}",
        days.month,
    ),
)
