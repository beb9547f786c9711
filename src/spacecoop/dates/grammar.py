"""The grammar of English temporal expressions: a table of rules built from the lexicon.

Each rule is a name and a pattern written with macros ({MONTH}, {DAY}, {NUM}, ...). The rules are
joined into one regular expression whose alternatives are tried in table order (more specific
first). The text is scanned once for the words an expression can start with, and the grammar is
tried only there. The resolvers (resolve.py, resolve_spans.py) turn each rule's groups into a value.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import lru_cache

from spacecoop.dates import lexicon as lx


def _alternation(words, *, caps: bool = False) -> str:
    """Words as a regex alternation, longest first; `caps` adds the ALL CAPS spelling of each."""
    forms = set(words)
    if caps:
        forms |= {w.upper() for w in words}
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(forms, key=len, reverse=True))


def _unit_forms() -> str:
    forms = []
    for unit in lx.UNITS:
        forms += [unit, lx.UNIT_PLURALS.get(unit, unit + "s")]
    return _alternation(forms)


_NUMBER_WORDS = list(lx.NUMBER_WORDS)
_TENS = "twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety"
_ONES = "one|two|three|four|five|six|seven|eight|nine"


def _group(name: str, alternation: str, *, ignore_case: bool = True) -> str:
    body = "(?i:" + alternation + ")" if ignore_case else alternation
    return "(?P<" + name + ">" + body + ")"


MACROS: dict[str, str] = {
    "MONTH": _group(
        "month", _alternation([n for ns in lx.EN_MONTHS.values() for n in ns], caps=True), ignore_case=False
    ),
    "WEEKDAY": _group(
        "weekday",
        _alternation([n for ns in lx.EN_WEEKDAYS.values() for n in ns], caps=True),
        ignore_case=False,
    ),
    "DAY": r"(?P<day>3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?(?!\d)",
    "YEAR": r"(?<![\d$£€#.,])(?P<year>1[5-9]\d\d|20\d\d)(?!\d|,\d|\.\d|%)",
    "NUM": _group(
        "num",
        r"\d+(?:\.\d+)?|"
        + f"(?:{_TENS})(?:[\\s-](?:{_ONES}))?|"
        + _alternation(_NUMBER_WORDS)
        + "|"
        + _alternation(lx.VAGUE_NUMBERS),
    ),
    "UNIT": _group("unit", _unit_forms()),
    "PART": _group("part", _alternation(lx.PARTS_OF_DAY)),
    "SEASON": _group("season", _alternation(lx.SEASONS)),
    "ORD": _group("ord", _alternation(lx.ORDINALS)),
    "AMPM": r"(?P<ampm>(?i:a\.m\.|p\.m\.|am\b|pm\b|a\.m\b|p\.m\b))",
    "ORDWORD": _alternation([w for w in lx.ORDINALS if w.isalpha() and lx.ORDINALS[w] > 0]),
    "SETWORD": _group("word", _alternation(lx.SET_WORDS)),
    "HOLIDAY": _group("word", _alternation([*lx.HOLIDAYS, *lx.MOVABLE_HOLIDAYS]), ignore_case=False),
    "REFWORD": _group("word", _alternation(lx.REFERENCE_WORDS)),
    "EXTRA": r"(?i:more|additional|other|straight|consecutive|full|long|short)",
    "DECADE_WORD": "(?i:twenties|thirties|forties|fifties|sixties|seventies|eighties|nineties)",
    # "a week or so", "a year or two", "two years or more": the vague tail belongs to the expression
    "OR_SO": r"(?:\s+(?i:or)\s+(?P<or_so>(?i:so|more|less|longer|two|three)))?",
    "MONTHNAME": _alternation([n for ns in lx.EN_MONTHS.values() for n in ns], caps=True),
    "TENS": _TENS,
    "ONES": _ONES,
    "TZ": r"(?:\s+(?P<tz>[ECMP][SD]?T|GMT|UTC|BST|CES?T|JST|MSK)\b)?",
}

# (rule name, pattern). Order matters: at one position the first rule that matches wins.
RULES: tuple[tuple[str, str], ...] = (
    (
        "iso_date",
        r"(?P<year>1[5-9]\d\d|20\d\d)-(?P<mm>0[1-9]|1[0-2])-(?P<dd>0[1-9]|[12]\d|3[01])(?!\d)"
        r"(?:[T ](?P<hour>[01]\d|2[0-3]):(?P<minute>[0-5]\d)(?::[0-5]\d(?:\.\d+)?)?(?:Z|[+-]\d\d:?\d\d)?(?![\d:]))?",
    ),
    ("slash_date", r"(?P<mm>0?[1-9]|1[0-2])/(?P<dd>0?[1-9]|[12]\d|3[01])/(?P<yy>\d{4}|\d\d)(?![\d/])"),
    (
        "week_of",
        r"(?i:the\s+week\s+of)\s+(?:{MONTH}\s+{DAY}|(?P<day2>3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<month2>{MONTHNAME}))(?:,?\s+{YEAR})?",
    ),
    ("date_mdy", r"(?:{WEEKDAY},?\s+)?{MONTH}\s+{DAY}(?:,?\s+{YEAR})?"),
    ("date_dmy", r"(?:{WEEKDAY},?\s+)?{DAY}(?:\s+of)?\s+{MONTH}(?:,?\s+{YEAR})?"),
    ("month_year", r"{MONTH}(?:\s+of)?,?\s+{YEAR}"),
    ("month_rel_year", r"{MONTH}(?:\s+of)?\s+(?P<yrel>(?i:this|last|next))\s+(?i:year)"),
    ("time_ampm", r"(?P<hour>1[0-2]|0?[1-9])(?:[:.](?P<minute>[0-5]\d))?\s*{AMPM}{TZ}"),
    ("time_24", r"(?P<hour>[01]?\d|2[0-3]):(?P<minute>[0-5]\d)(?![\d:])(?:\s+(?P<h>(?i:hours|h)\b))?{TZ}"),
    (
        "time_clock",
        r"(?P<hour>[01]\d|2[0-3])(?P<minute>[0-5]\d)\s+(?P<tz>GMT|UTC|Z|(?i:hours|hrs|local\s+time))",
    ),
    ("time_word", r"(?P<word>(?i:noon|midnight|midday))"),
    (
        "weekday",
        r"(?:(?P<rel>(?i:last|this|next|this\s+coming|coming|this\s+past|past|the\s+previous))\s+)?{WEEKDAY}"
        r"(?:\s+{PART})?",
    ),
    (
        "rel_day",
        r"(?:(?i:the)\s+)?(?P<rel>(?i:next|following|previous|preceding|same))\s+"
        r"(?P<unit>(?i:day|morning|afternoon|evening|night))",
    ),
    ("day_part", r"(?P<rel>(?i:this|last|yesterday|tomorrow|tonight|today))\s+{PART}"),
    ("day_word", r"(?P<word>(?i:today|yesterday|tomorrow|tonight))"),
    ("ago", r"{NUM}[\s-]+{UNIT}{OR_SO}\s+(?P<dir>(?i:ago|earlier|from\s+now|hence|later|back))"),
    (
        "vague_ago",
        r"(?P<unit>(?i:years|months|weeks|days|decades))\s+(?P<dir>(?i:ago|earlier|from\s+now|hence))",
    ),
    ("unit_ahead", r"(?i:the)\s+{UNIT}\s+(?P<dir>(?i:ahead|to\s+come))"),
    (
        "span",
        r"(?i:the\s+)?(?P<rel>(?i:past|last|next|coming|previous|following|first|latest|final|recent|"
        r"remaining|ensuing|upcoming|preceding))\s+{NUM}[\s-]+{UNIT}{OR_SO}",
    ),
    ("the_span", r"(?i:the)\s+{NUM}(?:\s+{EXTRA})?[\s-]+{UNIT}(?<=[sS])"),
    ("rel_month", r"(?P<rel>(?i:last|this|next|this\s+past|this\s+coming|past|coming))\s+{MONTH}(?!\s+\d)"),
    (
        "rel_season",
        r"(?:(?P<rel>(?i:last|this|next|this\s+past|this\s+coming|past|coming|the))\s+)?{SEASON}"
        r"(?:(?:\s+of)?\s+{YEAR})?",
    ),
    (
        "half_quarter",
        r"(?:(?:(?P<poss>(?i:this|last|next)\s+(?i:year))|(?P<pyear>1[5-9]\d\d|20\d\d))'s\s+)?"
        r"(?:(?P<the>(?i:the))\s+(?![a-zA-Z0-9]+-(?i:quarter|half)\b))?(?:(?P<tyear>1[5-9]\d\d|20\d\d)\s+)?(?:(?P<adj>(?i:fiscal|latest|current|"
        r"year-earlier|year-ago|same|comparable|previous|most\s+recent|recent|just-ended|just\s+ended|"
        r"comparable\s+year-ago|comparable\s+year-earlier))\s+)?(?:(?i:fiscal)[\s-]+)?(?:{ORD}[\s-]+)?"
        r"(?:(?i:fiscal)[\s-]+)?(?P<unit>(?i:quarter|half))(?:\s+(?:(?i:of)\s+)?(?:(?i:fiscal)\s+)?"
        r"(?:{YEAR}|(?P<yrel>(?i:this|last|next|the\s+current|the\s+previous))\s+(?i:year)))?",
    ),
    (
        "rel_plural",
        r"(?i:the\s+)?(?P<rel>(?i:past|last|next|coming|previous|following|remaining|ensuing|upcoming|"
        r"preceding))\s+(?P<unit>(?i:days|weeks|months|years|decades|hours|minutes|quarters))",
    ),
    (
        "rel_unit",
        r"(?P<rel>(?i:this|last|next|past|previous|current|coming|following|this\s+past|the\s+past|"
        r"the\s+last|the\s+next|the\s+coming|the\s+current|the\s+previous|the\s+following|the\s+same|"
        r"the\s+latest|the\s+most\s+recent|the\s+year-earlier|the\s+year-ago|the\s+prior|the\s+new))\s+"
        r"(?P<unit>(?i:year|month|week|weekend|quarter|decade|century|fiscal\s+year|period))\b",
    ),
    ("year_ago_adj", r"(?P<word>(?i:year-earlier|year-ago))"),
    (
        "decade",
        r"(?:(?P<the>(?i:the))\s+)?(?:(?P<dmod>(?i:early|mid|late))[\s-]*)?"
        r"(?:(?P<decade>(?:1[5-9]|20)\d0|'\d0)'?s\b|(?P<dword>{DECADE_WORD})\b)",
    ),
    ("century", r"(?:(?i:the)\s+)?(?P<cnum>\d{1,2}(?:st|nd|rd|th)|(?i:{ORDWORD}))[\s-]+(?i:century)"),
    (
        "spelled_year",
        r"(?:(?i:the\s+year)\s+)?(?P<cent>(?i:nineteen|eighteen))[\s-]+(?P<rest>(?i:(?:{TENS})"
        r"(?:[\s-](?:{ONES}))?|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|"
        r"nineteen|hundred|oh[\s-](?:{ONES})))|(?i:the\s+year)\s+(?P<twok>(?i:two\s+thousand))"
        r"(?:(?i:\s+and)?\s+(?P<rest2>(?i:{ONES}|ten)))?",
    ),
    ("fiscal_year", r"(?i:fiscal)(?:\s+(?i:year))?\s+{YEAR}"),
    ("quarter_code", r"(?P<code>[QH])(?P<n>[1-4])(?:\s+|/|-)?(?:(?P<fy>FY\s?)?{YEAR}|(?P<yy>FY\s?\d\d)\b)"),
    ("fy", r"FY\s?(?:(?P<year>(?:19|20)\d\d)|(?P<yy>\d\d))(?!\d)"),
    ("year", r"(?:(?P<the>(?i:the\s+year))\s+)?{YEAR}|'(?P<yy>\d\d)(?![\d'])"),
    (
        "every",
        r"(?P<every>(?i:every|each|per))\s+(?:(?i:other)\s+)?(?:(?:{NUM}\s+)?{UNIT}|{WEEKDAY}|{MONTH})",
    ),
    ("set_word", "{SETWORD}"),
    ("holiday", "{HOLIDAY}"),
    (
        "duration",
        r"(?:{NUM}(?P<and_half>\s+and\s+a\s+half|\s+1/2|\s*½)?(?:\s+{EXTRA})?[\s-]+{UNIT}(?P<half>\s+and\s+a\s+half)?"
        r"(?:-(?P<adj>(?i:long|old)))?{OR_SO})(?!-)",
    ),
    ("bare_units", r"(?P<unit>(?i:years|months|weeks|days|decades|hours|minutes))"),
    (
        "the_unit",
        r"(?P<the>(?i:the))\s+(?:(?P<adj>(?i:fiscal|full|entire|whole))\s+)?(?P<unit>(?i:year|week|month|weekend))(?!-)",
    ),
    ("weekday_plural", r"(?P<weekday>Mondays|Tuesdays|Wednesdays|Thursdays|Fridays|Saturdays|Sundays)"),
    ("ref", "{REFWORD}"),
    ("month", r"{MONTH}"),
)

# Modifiers allowed in front of any rule; their TimeML mod comes from lexicon.MODIFIERS.
_MOD_WORDS = [w for w in lx.MODIFIERS if w not in ("over", "under", "some", "mid-", "the mid-")]
MOD_PREFIX = "(?:" + _group("mod", _alternation(_MOD_WORDS)) + r"(?:\s+|-))?"


@dataclass(frozen=True)
class Grammar:
    """The compiled scan: one regex, and for each rule the names of its own groups."""

    regex: re.Pattern[str]
    trigger: re.Pattern[str]  # the words any expression can start with: the full regex is tried only there
    rule_names: tuple[str, ...]
    groups: tuple[tuple[tuple[str, str], ...], ...]  # per rule: (local name, global group name)
    rule_regexes: tuple[re.Pattern[str], ...]  # each rule alone, same group names, for second chances

    def scan(self, text: str, accept: Callable[[re.Match[str]], bool] = bool) -> Iterator[re.Match[str]]:
        """The same matches as `regex.finditer(text)`, found by trying the regex only at trigger words.

        When `accept` refuses a match, the later rules get their chance at the same place (so "half a
        century" is a duration once "half" is refused as a half-year), and a refused match does not
        consume its text, so the words inside it are tried again."""
        scanned_to = 0
        for trigger in self.trigger.finditer(text):
            position = trigger.start()
            if position < scanned_to:
                continue
            match = self.regex.match(text, position)
            if match is None:
                continue
            if not accept(match):
                match = self._second_chance(text, position, int(match.lastgroup[1:]) + 1, accept)
            if match is not None:
                scanned_to = match.end()
                yield match

    def _second_chance(self, text: str, position: int, first_rule: int, accept) -> re.Match[str] | None:
        for regex in self.rule_regexes[first_rule:]:
            match = regex.match(text, position)
            if match is not None and accept(match):
                return match
        return None


def _expand(pattern: str) -> str:
    for name, macro in MACROS.items():
        pattern = pattern.replace("{" + name + "}", macro)
    return pattern


# An expression starts at a word boundary, not after a currency sign, a decimal point or a hyphen
# (except the second year of "2010-2015").
_START = r"(?<![\w'$£€.])(?:(?<!-)|(?<=\d-))"


def _bounded_spaces(pattern: str) -> str:
    """Words of one expression are a few spaces apart at most (a line break in wrapped text counts):
    never let a match run across a page of blanks."""
    return pattern.replace(r"\s+", r"\s{1,3}").replace(r"\s*", r"\s{0,3}")


@lru_cache(maxsize=1)
def english_grammar() -> Grammar:
    """Compile the rule table once per process."""
    alternatives = []
    groups = []
    for index, (_name, pattern) in enumerate(RULES):
        body = _bounded_spaces(_expand(pattern))
        local = tuple(dict.fromkeys(re.findall(r"\(\?P<(\w+)>", body)))
        body = re.sub(r"\(\?P<(\w+)>", rf"(?P<\1__{index}>", body)
        alternatives.append(f"(?P<r{index}>{body})")
        groups.append(tuple((g, f"{g}__{index}") for g in local))
    mod_prefix = _bounded_spaces(MOD_PREFIX)
    regex = _START + mod_prefix + "(?:" + "|".join(alternatives) + r")(?![\w])"
    singles = tuple(re.compile(_START + mod_prefix + "(?:" + a + r")(?![\w])") for a in alternatives)
    return Grammar(
        re.compile(regex), re.compile(_trigger()), tuple(n for n, _ in RULES), tuple(groups), singles
    )


# The first words of the rules and modifiers above. Scanning for these first and trying the full
# grammar only where one occurs is several times faster than trying every rule at every word.
FIRST_WORDS = [
    "the",
    "this",
    "last",
    "next",
    "past",
    "coming",
    "previous",
    "following",
    "current",
    "same",
    "latest",
    "most",
    "prior",
    "new",
    "early",
    "late",
    "mid",
    "about",
    "around",
    "approximately",
    "roughly",
    "nearly",
    "almost",
    "some",
    "more",
    "less",
    "at",
    "no",
    "up",
    "earlier",
    "later",
    "every",
    "each",
    "per",
    "today",
    "yesterday",
    "tomorrow",
    "tonight",
    "now",
    "currently",
    "nowadays",
    "these",
    "right",
    "today's",
    "recently",
    "lately",
    "recent",
    "noon",
    "midnight",
    "midday",
    "fiscal",
    "nineteen",
    "eighteen",
    "year-earlier",
    "year-ago",
    "quarter",
    "half",
    "just-ended",
    "just",
    "first",
    "second",
    "third",
    "fourth",
    "fifth",
    "sixth",
    "seventh",
    "eighth",
    "ninth",
    "tenth",
    "eleventh",
    "twelfth",
    "final",
    "1st",
    "2nd",
    "3rd",
    "4th",
    "remaining",
    "ensuing",
    "upcoming",
    "preceding",
    "comparable",
    "daily",
    "nightly",
    "weekly",
    "monthly",
    "hourly",
    "twice",
    "years",
    "months",
    "weeks",
    "days",
    "decades",
    "hours",
    "minutes",
    "several",
    "few",
    "many",
    "dozens",
    "hundreds",
    "spring",
    "summer",
    "fall",
    "autumn",
    "winter",
    "twenties",
    "thirties",
    "forties",
    "fifties",
    "sixties",
    "seventies",
    "eighties",
    "nineties",
]


def _trie(words: set[str]) -> str:
    """An alternation of words factored by common prefixes: the regex engine then tries one branch per
    letter instead of every word (three times faster on the trigger scan)."""
    root: dict = {}
    for word in words:
        node = root
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}

    def build(node: dict) -> str:
        branches = [re.escape(char) + build(child) for char, child in sorted(node.items()) if char]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return "(?:" + body + ")?" if "" in node else body

    return build(root)


def _trigger() -> str:
    words = set(FIRST_WORDS) | set(_NUMBER_WORDS) | set(_TENS.split("|")) | set(_ONES.split("|"))
    words |= {
        w.split()[0]
        for w in [*lx.ORDINALS, *lx.VAGUE_NUMBERS, *lx.REFERENCE_WORDS, *lx.SET_WORDS, *_MOD_WORDS]
    }
    # one word each: a trigger must not swallow the word after it ("half a century")
    words = {w.split()[0] for w in words} - {"a", "an"}  # "a", "an": only before a unit or quantity word
    names = [n for ns in [*lx.EN_MONTHS.values(), *lx.EN_WEEKDAYS.values()] for n in ns]
    names += [*lx.HOLIDAYS, *lx.MOVABLE_HOLIDAYS]
    name_forms = _alternation([n.rstrip(".") for n in names], caps=True)
    return (
        _START
        + r"(?:\d|'\d|[QH][1-4]|FY|(?i:"
        + _trie({w.lower() for w in words})
        + r")(?![\w])|(?i:an?)\s+(?=(?i:"
        + _unit_forms()
        + r"|few|couple|dozen|half|number|later|year-|more|additional|other|straight|consecutive|full|long|short))|(?:"
        + name_forms
        + "))"
    )
