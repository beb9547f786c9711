"""Subjects of agreements compared by their content words: "framework agreement on space science"
and "framework bilateral agreement to develop space science" share their subject."""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

from spacecoop.resolve.names import fold
from spacecoop.resolve.title_words import FIRST, FOREIGN_GENERIC, split_compound, translated

# Words every agreement title may carry; they say what kind of document it is, not its subject.
_GENERIC_TEXT = """a an the of on in and for to with by from at its their this that these those into between
    among under within about as or its new first two nations nation
    agreement agreements accord accords arrangement arrangements memorandum understanding mou
    contract contracts treaty protocol framework frame cooperation cooperative cooperate
    collaboration collaborative bilateral joint space field fields area areas sign signed signing
    letter intent implementing general government governments launch launches service services order
    be is are was were will would shall has have that which who whose"""
_GENERIC = frozenset(_GENERIC_TEXT.split())
_WORD = re.compile(r"[^\W_]+")


def content_words(title: str | None, names: Iterable[str] = ()) -> frozenset[str]:
    """The subject words of a title, lightly stemmed, without generic words or the parties' names."""
    if not isinstance(title, str) or not title:
        return frozenset()
    return _content_words(title, tuple(names))


@lru_cache(maxsize=16384)
def _content_words(title: str, names: tuple[str, ...]) -> frozenset[str]:
    # Cached: one title comes back for every report and every comparison of its agreement.
    excluded = _excluded_words(names)
    # An elided article is a word of its own: "accord d'association".
    text = fold(re.sub(r"['’]", " ", title))
    words = (translated(part) for w in _WORD.findall(text) for part in split_compound(w))
    return frozenset(_stem(w) for w in words if w not in excluded and len(w) > 1)


def says_first(title: str | None) -> bool:
    """Whether a title calls the agreement the parties' first ("first cooperation agreement",
    "premier accord", "erstes Abkommen"): there is only one."""
    return isinstance(title, str) and any(w in FIRST for w in _WORD.findall(fold(title)))


@lru_cache(maxsize=4096)
def _excluded_words(names: tuple[str, ...]) -> frozenset[str]:
    # Cached: the same parties (with all their aliases) come back for every report of their agreements.
    return _GENERIC.union(FOREIGN_GENERIC, *(_WORD.findall(fold(name)) for name in names))


# What may follow a cut-off title in its sentence and still be the title: "... between ESA and the
# Government | of the Russian Federation on Cooperation in ...", up to punctuation or a relative clause.
_CONTINUATION = re.compile(
    r"(?:\s+(?:of|on|in|for|to|concerning|regarding|about)\b"
    r"(?:(?!\s(?:that|which|who|whose|where|when)\b)[^,.;:()])*)",
    re.IGNORECASE,
)


def completed_title(title: str | None, evidence: str, names: Iterable[str] = ()) -> str | None:
    """The title, or, when it names no subject ("the agreement between ESA and the Government"),
    the title completed by the words that follow it in the evidence ("... of the Russian Federation
    on Cooperation and Partnership in the Exploration and Use of Outer Space")."""
    if not isinstance(title, str) or not title.strip() or content_words(title, names):
        return title if isinstance(title, str) else None
    title = title.strip()
    at = evidence.lower().find(title.lower())
    rest = _CONTINUATION.match(evidence, at + len(title)) if at >= 0 else None
    return evidence[at : rest.end()].strip() if rest else title


def subject_words(title: str | None, evidence: str, names: Iterable[str] = ()) -> frozenset[str]:
    """`content_words` of the `completed_title`."""
    names = list(names)
    return content_words(completed_title(title, evidence, names), names)


def similarity(a: frozenset[str], b: frozenset[str]) -> float | None:
    """Dice coefficient of two word sets; None when either is empty (nothing to compare)."""
    if not a or not b:
        return None
    return 2 * len(a & b) / (len(a) + len(b))


def _stem(word: str) -> str:
    # Plural and common derivational endings only: "sciences" = "science", "purposes" = "purpose".
    for suffix, replacement in (("ies", "y"), ("es", "e"), ("s", "")):
        if len(word) > 4 and word.endswith(suffix) and not word.endswith("ss"):
            return word[: -len(suffix)] + replacement
    return word
