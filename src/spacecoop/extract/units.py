"""A sentence as a string of one-letter units, so constructions read as short patterns.

P person · O organisation · C country or state · F office · X other named thing ·
o of/for/at · s possessive 's · , comma · & and · t determiner · v copula or "as" · ( ) · w word
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacecoop.extract.context import Actor, SentenceContext
from spacecoop.extract.lexicon import OFFICES

# offices as the tokenizer splits them ("director-general" -> director, -, general)
_OFFICE_PHRASES = sorted({tuple(re.findall(r"\w+|[^\w\s]", o)) for o in OFFICES}, key=len, reverse=True)
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
# verbs of heading an organisation: "X, who heads Roscosmos"
_SIMPLE.update(
    dict.fromkeys(
        (
            "heads",
            "headed",
            "leads",
            "led",
            "chairs",
            "chaired",
            "presided",
            "presides",
            "directs",
            "directed",
        ),
        "h",
    )
)
_SIMPLE["over"] = "o"
_SIMPLE["by"] = "b"
_SIMPLE["from"] = "o"
# "the agency": the agency the text named last (resolved by the role extractor)
_SIMPLE["agency"] = "a"
# honorifics carry no structure: "the Minister ... Prof. Isa Pantami" reads as office + name
_SKIPPED = {"prof.", "prof", "dr.", "dr", "mr", "mr.", "mrs", "mrs.", "ms", "ms.", "sir"}
# an envoy's office names the host state, not the sender: "Philippine Ambassador to Japan"
_ENVOYS = {"ambassador", "envoy", "consul", "ambassadors"}


@dataclass(frozen=True)
class Unit:
    code: str
    start: int  # token indices in the Doc
    end: int
    actor: Actor | None = None

    def text(self, sentence: SentenceContext) -> str:
        return sentence.sent.doc[self.start : self.end].text


_OFFICE_HEADS = {phrase[-1] for phrase in _OFFICE_PHRASES}


def actor_code(actor: Actor) -> str:
    if actor.is_person:
        return "P"
    # "Astromaterials Curator" taken for an organisation is a title
    if actor.kind is None and actor.label == "ORG" and actor.text.split()[-1].lower() in _OFFICE_HEADS:
        return "F"
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
        if not token.is_space and token.lower_ not in _SKIPPED:
            units.append(Unit(_SIMPLE.get(token.lower_, "w"), i, i + 1))
        i += 1
    # fold to a fixed point: "the Agency of the Russian Federation (Roscosmos)" takes two steps
    while True:
        folded = collapse(units, sentence)
        if len(folded) == len(units):
            return folded
        units = folded


def codes(units: list[Unit]) -> str:
    return "".join(u.code for u in units)


def _known(unit: Unit) -> bool:
    return unit.actor is not None and unit.actor.kind is not None


def collapse(units: list[Unit], sentence: SentenceContext) -> list[Unit]:
    """Fold what names one thing into one unit: an organisation with its acronym in parentheses
    ("the China National Space Administration (CNSA)"), an agency "of" its state ("the Federal
    Space Agency of the Russian Federation"), and an office that runs on ("Minister of
    Communications and Digital Economy")."""
    doc = sentence.sent.doc
    out: list[Unit] = []
    i = 0
    while i < len(units):
        unit = units[i]
        nxt = units[i + 1 : i + 4]
        if unit.code in "OC" and len(nxt) == 3 and codes(nxt) in {"(O)", "(C)"}:
            inner = nxt[1]
            keep = inner if _known(inner) or not _known(unit) else unit
            out.append(Unit(keep.code, unit.start, nxt[2].end, keep.actor))
            i += 4
            continue
        if (
            unit.code == "O"
            and len(nxt) >= 2
            and nxt[0].code == "o"
            and (codes(nxt[1:3]) == "tC" or nxt[1].code == "C")
            and doc[nxt[0].start].lower_ == "of"
        ):
            last = nxt[2] if nxt[1].code == "t" else nxt[1]
            out.append(Unit("O", unit.start, last.end, unit.actor))
            i += 4 if nxt[1].code == "t" else 3
            continue
        if (
            unit.code == "F"
            and doc[unit.end - 1].lower_ in _ENVOYS
            and codes(nxt[:2]) in {"oC", "oO"}
            and (doc[nxt[0].start].lower_ == "to")
        ):
            out.append(Unit("F", unit.start, nxt[1].end))
            i += 3
            continue
        if unit.code == "F":
            end, j = unit.end, i + 1
            # "Minister for Higher Education and Research": capitalised words joined by of/for/and
            while (
                j + 1 < len(units)
                and units[j].code in "o&"
                and doc[units[j].start].lower_ in {"of", "for", "and", "&"}
                and units[j + 1].code == "w"
                and doc[units[j + 1].start].text[:1].isupper()
            ):
                k = j + 1
                while k < len(units) and units[k].code == "w" and doc[units[k].start].text[:1].isupper():
                    k += 1
                end, j = units[k - 1].end, k
            out.append(Unit("F", unit.start, end))
            i = j
            continue
        out.append(unit)
        i += 1
    return out
