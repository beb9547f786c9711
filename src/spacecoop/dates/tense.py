"""Which way an unanchored expression points, read from the words around it in its sentence."""

from __future__ import annotations

import re

from spacecoop.dates import lexicon as lx


def _words(cues: tuple[str, ...]) -> str:
    return r"(?<![\w'])(?:" + "|".join(re.escape(c).replace(r"\ ", r"\s+") for c in cues) + r")(?![\w'])"


# Future cues are tried first, so "is scheduled" counts as future, not as an -ed past form.
_CUES = re.compile(
    "(?P<future>" + _words(lx.FUTURE_CUES) + ")|(?P<past>" + _words(lx.PAST_CUES) + r"|[a-z]{3,}ed)(?![\w'])",
    re.IGNORECASE,
)
# -ed words that are not past verbs.
_NOT_PAST = frozenset({"need", "speed", "red", "bed", "seed", "indeed", "hundred", "based", "feed", "proceed",
                       "exceed", "succeed", "united", "limited", "related", "expected", "scheduled", "planned"})  # fmt: skip
_CLAUSE_END = re.compile(r"\s*(?:[.,;:!?\"')]|$)")
_REPORTING = frozenset({"said", "told", "reported", "announced"})
# "will be named": a participle after a form of "be" takes its tense from the auxiliary before it.
_PASSIVE = re.compile(r"(?i)\b(?:be|is|are|being|get|gets)\s+$")
_SENTENCE_END = re.compile(r"[.!?]\s+(?=[A-Z\"'(])|\n\s*\n")


def sentence_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """The [start, end) of the sentence around a span, by punctuation and blank lines."""
    left = 0
    window_start = max(0, start - 400)
    for m in _SENTENCE_END.finditer(text, window_start, start):
        left = m.end()
    left = max(left, window_start)
    m = _SENTENCE_END.search(text, end, min(len(text), end + 400))
    right = m.start() + 1 if m else min(len(text), end + 400)
    return left, right


def tense_near(text: str, start: int, end: int) -> str | None:
    """'past', 'future' or None: the cue word nearest the span within its sentence decides."""
    left, right = sentence_bounds(text, start, end)
    best: tuple[int, str] | None = None
    for m in _CUES.finditer(text, left, right):
        if start <= m.start() < end:
            continue
        kind = "future" if m.group("future") else "past"
        word = m.group().lower()
        if word == "next" and text.startswith(" to", m.end()):
            continue  # "next to the embassy" is a place
        if (
            m.start() >= end
            and word in _REPORTING
            and "," in text[end : m.start()]
            and _CLAUSE_END.match(text, m.end())
        ):
            continue  # "..., Castro said.": the report, not the event the time phrase belongs to
        if kind == "past" and (
            m.group().lower() in _NOT_PAST or _PASSIVE.search(text, max(0, m.start() - 8), m.start())
        ):
            continue
        # the verb governing a time phrase usually comes before it: cues after it count less
        distance = start - m.end() if m.end() <= start else (m.start() - end) * 1.5
        if best is None or distance < best[0]:
            best = (distance, kind)
    return best[1] if best else None
