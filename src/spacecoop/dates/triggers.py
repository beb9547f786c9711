"""The words a temporal expression can start with, read off the compiled grammar itself.

The scan tries the full grammar only where one of these words (or a digit or a name) begins, which
is several times faster than trying every rule at every word. The words are derived by walking the
parsed regular expression (`re._parser`) and collecting the literal letters each alternative can
start with, up to the end of the first word, so a new rule or a new lexicon word needs no word list
kept in step by hand.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

try:  # Python 3.11+
    from re import _constants as C  # noqa: N812
    from re import _parser as parser
except ImportError:  # pragma: no cover - Python 3.10
    import sre_constants as C  # noqa: N812
    import sre_parse as parser

# Words too common to try the grammar at: they trigger only with the word after them.
COMMON_WORDS = frozenset({"a", "an"})

_CUT = [(None, None)]  # a frame that stops the word where it is, as a beginning only
_SPACE_CATEGORIES = {C.CATEGORY_SPACE, C.CATEGORY_NOT_WORD, C.CATEGORY_LINEBREAK}


@dataclass(frozen=True)
class FirstWords:
    """What the expressions start with: words matched in any case, names matched as written."""

    any_case: frozenset[str]  # whole first words, lowercased ("the", "twenty", "today")
    any_case_starts: frozenset[str]  # beginnings of words a class cuts ("early" of "early1990s")
    as_written: frozenset[str]  # case-sensitive whole first words (month, weekday and holiday names)
    as_written_starts: frozenset[str]  # case-sensitive beginnings ("FY2" of "FY2019")
    other_chars: frozenset[str]  # first characters of the starts that are not letters ("1", "'", "Q")
    after_common: dict[str, frozenset[str]]  # "a" -> beginnings of the words after it ("few", "week")


def _is_word_char(ch: str) -> bool:
    return ch.isalnum() or ch == "_"


def _only_non_word(items) -> bool:
    """True when a character class can match no word character (\\s, [\\s-], ...)."""
    for op, av in items:
        if op is C.LITERAL and not _is_word_char(chr(av)):
            continue
        if op is C.CATEGORY and av in _SPACE_CATEGORIES:
            continue
        return False
    return True


def _is_separator(op, av) -> bool:
    """A class between two words: blanks, or blanks and hyphens."""
    return op is C.IN and _only_non_word(av)


@dataclass(frozen=True)
class _Start:
    word: str  # the letters collected ("a few" for a common word and the next one)
    any_case: bool
    whole: bool  # False when a class cut the word: the letters are only its beginning
    first_chars: str = ""  # for a start that is not a letter: characters it can begin with


def _walk(stack: tuple, word: str, any_case: bool | None) -> Iterator[_Start]:
    """Every way the pattern on `stack` (frames of items, index, ignore-case) can begin a word."""
    if not stack:
        yield _Start(word, bool(any_case), True)
        return
    items, index, icase = stack[-1]
    if index == len(items):
        yield from _walk(stack[:-1], word, any_case)
        return
    op, av = items[index]
    if op is None:  # the _CUT frame: the word ran to the end of a repeated part
        yield _Start(word, icase if any_case is None else any_case, False)
        return
    rest = (*stack[:-1], (items, index + 1, icase))
    case = icase if any_case is None else any_case
    if op is C.LITERAL:
        ch = chr(av)
        if _is_word_char(ch):
            yield from _walk(rest, word + (ch.lower() if icase else ch), case)
        elif word:
            yield _Start(word, case, True)
        else:
            yield _Start("", case, False, ch)  # punctuation first: the character triggers cover it
    elif op is C.SUBPATTERN:
        _group, add, remove, body = av
        inner = (icase or bool(add & C.SRE_FLAG_IGNORECASE)) and not (remove & C.SRE_FLAG_IGNORECASE)
        yield from _walk((*rest, (list(body), 0, inner)), word, any_case)
    elif op is C.BRANCH:
        for alternative in av[1]:
            yield from _walk((*rest, (list(alternative), 0, icase)), word, any_case)
    elif op in (C.MAX_REPEAT, C.MIN_REPEAT, C.POSSESSIVE_REPEAT):
        low, high, body = av
        body_items = list(body)
        if (
            (word in COMMON_WORDS or word.endswith(" "))
            and len(body_items) == 1
            and _is_separator(*body_items[0])
        ):
            yield from _walk(rest, word.rstrip() + " ", case)  # a common word: go on to the word after it
            if low > 0:
                return
        if low == 0:
            yield from _walk(rest, word, any_case)
        if high == 1:
            yield from _walk((*rest, (body_items, 0, icase)), word, any_case)
        else:  # more than one round: walk the first, and if the word runs through it, stop it there
            yield from _walk(((_CUT, 0, icase), (body_items, 0, icase)), word, any_case)
    elif op in (C.AT, C.ASSERT, C.ASSERT_NOT):
        yield from _walk(rest, word, any_case)  # zero width: ignoring it only widens the set
    elif op is C.IN and _only_non_word(av):
        yield _Start(word, case, bool(word))
    else:  # a class or anything else that may hold a letter: the word so far is only a beginning
        yield _Start(word, case, False, "" if word else _sample_chars(op, av))


def _sample_chars(op, av) -> str:
    """Characters a class can match, enough to check it against the character triggers; a class too
    wide to list gives "\ufffd", which no trigger covers."""
    if op is not C.IN:
        return "\ufffd"
    chars = ""
    for item, value in av:
        if item is C.LITERAL:
            chars += chr(value)
        elif item is C.RANGE and value[1] - value[0] < 64:
            chars += "".join(map(chr, range(value[0], value[1] + 1)))
        elif item is C.CATEGORY and value is C.CATEGORY_DIGIT:
            chars += "0123456789"
        else:
            chars += "\ufffd"
    return chars


def first_words(pattern: str) -> FirstWords:
    """The first words of every match of `pattern` that starts with a letter."""
    found: dict[tuple[bool, bool], set[str]] = {(c, w): set() for c in (True, False) for w in (True, False)}
    after: dict[str, set[str]] = {}
    other: set[str] = set()
    for start in _walk(((list(parser.parse(pattern)), 0, False),), "", None):
        if not start.word or not start.word[0].isalpha():
            other.update(start.first_chars or start.word[:1])  # digits, "'": triggers by character
            continue
        head, gap, tail = start.word.partition(" ")
        if head in COMMON_WORDS and start.any_case:
            if gap:  # "a" alone is the article: it triggers only before a word a rule allows there
                after.setdefault(head, set()).add(tail)  # "" when any word may follow
            continue
        found[start.any_case, start.whole].add(head)
    return FirstWords(
        any_case=frozenset(found[True, True]),
        any_case_starts=frozenset(found[True, False]),
        as_written=frozenset(found[False, True]),
        as_written_starts=frozenset(found[False, False]),
        after_common={k: frozenset(v) for k, v in after.items()},
        other_chars=frozenset(other),
    )
