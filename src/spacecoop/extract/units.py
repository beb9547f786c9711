"""A sentence as a string of one-letter units, so constructions read as short patterns.

P person · O organisation · C country or state · F office · X other named thing ·
o of/for/at · s possessive 's · , comma · & and · t determiner · v copula or "as" · ( ) · w word
"""

from __future__ import annotations

from dataclasses import dataclass

from spacecoop.extract.context import Actor, SentenceContext
from spacecoop.extract.lexicon import OFFICES

_OFFICE_PHRASES = sorted({tuple(o.split()) for o in OFFICES}, key=len, reverse=True)
_MAX_OFFICE = max(len(p) for p in _OFFICE_PHRASES)
_OFFICE_SET = set(_OFFICE_PHRASES)
_SIMPLE = {
    "of": "o",
    "for": "o",
    "at": "o",
    "du": "o",
    "de": "o",
    "des": "o",
    "in": "o",
    "to": "o",
    "'s": "s",
    "’s": "s",
    "'": "s",
    ",": ",",
    "and": "&",
    "&": "&",
    "et": "&",
    "the": "t",
    "a": "t",
    "an": "t",
    "its": "t",
    "his": "t",
    "her": "t",
    "their": "t",
    "le": "t",
    "la": "t",
    "l'": "t",
    "first": "t",
    "new": "t",
    "then": "t",
    "former": "t",
    "current": "t",
    "as": "v",
    "is": "v",
    "was": "v",
    "became": "v",
    "becomes": "v",
    "remains": "v",
    "who": "v",
    "named": "v",
    "appointed": "v",
    "(": "(",
    ")": ")",
    "—": ",",
    "–": ",",
    "-": ",",
}


@dataclass(frozen=True)
class Unit:
    code: str
    start: int  # token indices in the Doc
    end: int
    actor: Actor | None = None

    def text(self, sentence: SentenceContext) -> str:
        return sentence.sent.doc[self.start : self.end].text


def actor_code(actor: Actor) -> str:
    if actor.is_person:
        return "P"
    if actor.is_org:
        return "O"
    if actor.is_country:
        return "C"
    return "X"


def sentence_units(sentence: SentenceContext) -> list[Unit]:
    doc = sentence.sent.doc
    by_start = {a.start: a for a in sentence.actors}
    units: list[Unit] = []
    i = sentence.sent.start
    while i < sentence.sent.end:
        actor = by_start.get(i)
        if actor is not None:
            units.append(Unit(actor_code(actor), actor.start, actor.end, actor))
            i = actor.end
            continue
        office_len = 0
        for n in range(min(_MAX_OFFICE, sentence.sent.end - i), 0, -1):
            if tuple(t.lower_ for t in doc[i : i + n]) in _OFFICE_SET:
                office_len = n
                break
        if office_len:
            units.append(Unit("F", i, i + office_len))
            i += office_len
            continue
        token = doc[i]
        if not token.is_space:
            units.append(Unit(_SIMPLE.get(token.lower_, "w"), i, i + 1))
        i += 1
    return units


def codes(units: list[Unit]) -> str:
    return "".join(u.code for u in units)
