"""The compiled grammar of English temporal expressions: the macros, the scan, the trigger words.

The rules (rules.py: name, pattern, resolver) are written with the macros below ({MONTH}, {DAY},
{NUM}, ...), built from the lexicon, and joined into one regular expression whose alternatives are
tried in table order. The text is first scanned for the words an expression can start with, and the
grammar is tried only there; those words are derived from the patterns themselves (triggers.py).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import lru_cache

from spacecoop.dates import lexicon as lx
from spacecoop.dates.rules import RULES, Rule
from spacecoop.dates.triggers import first_words


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


# Modifiers allowed in front of any rule; their TimeML mod comes from lexicon.MODIFIERS.
_MOD_WORDS = [w for w in lx.MODIFIERS if w not in ("over", "under", "some", "mid-", "the mid-")]
MOD_PREFIX = "(?:" + _group("mod", _alternation(_MOD_WORDS)) + r"(?:\s+|-))?"


@dataclass(frozen=True)
class Grammar:
    """The compiled scan: one regex, and for each rule the names of its own groups."""

    regex: re.Pattern[str]
    trigger: re.Pattern[str]  # the words any expression can start with: the full regex is tried only there
    rules: tuple[Rule, ...]
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
    for index, rule in enumerate(RULES):
        body = _bounded_spaces(_expand(rule.pattern))
        local = tuple(dict.fromkeys(re.findall(r"\(\?P<(\w+)>", body)))
        body = re.sub(r"\(\?P<(\w+)>", rf"(?P<\1__{index}>", body)
        alternatives.append(f"(?P<r{index}>{body})")
        groups.append(tuple((g, f"{g}__{index}") for g in local))
    mod_prefix = _bounded_spaces(MOD_PREFIX)
    body = mod_prefix + "(?:" + "|".join(alternatives) + r")(?![\w])"
    singles = tuple(re.compile(_START + mod_prefix + "(?:" + a + r")(?![\w])") for a in alternatives)
    return Grammar(re.compile(_START + body), re.compile(_trigger(body)), RULES, tuple(groups), singles)


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


# The characters the starts that are not letters begin with; the trigger below is more precise.
_CHARACTER_STARTS = re.compile(r"[\d'QH]")


def _trigger(body: str) -> str:
    """Where the grammar is worth trying: a digit, an apostrophe year, a quarter code (the starts that
    are not letters), or a first word the rules in `body` can begin with."""
    words = first_words(body)
    uncovered = sorted(c for c in words.other_chars if not _CHARACTER_STARTS.match(c))
    if uncovered:  # a rule that starts with a new kind of character: add it to _CHARACTER_STARTS
        raise ValueError(f"no trigger for expressions starting with {uncovered}")
    alternatives = [r"\d", r"'\d", r"[QH][1-4]"]
    if words.any_case:
        alternatives.append("(?i:" + _trie(set(words.any_case)) + r")(?![\w])")
    if words.any_case_starts:
        alternatives.append("(?i:" + _trie(set(words.any_case_starts)) + ")")
    for word, rest in sorted(words.after_common.items(), key=lambda item: -len(item[0])):
        # "a", "an": too common to try the grammar at each one; only before a word a rule allows there
        alternatives.append("(?i:" + re.escape(word) + r"(?=[^\w]{1,3}(?:" + _trie(set(rest)) + ")))")
    if words.as_written:
        alternatives.append(_trie(set(words.as_written)) + r"(?![\w])")
    if words.as_written_starts:
        alternatives.append(_trie(set(words.as_written_starts)))
    return _START + "(?:" + "|".join(alternatives) + ")"
