"""How an analyst names an agreement's parties and date, applied to each agreement as it is read.

- Accessions to the Artemis Accords list the acceding state: not NASA or the United States that
  welcome it, and a state rather than its agency ("POLSA signed up to the Accords": Poland).
- An intergovernmental agreement binds states: the agencies or ministers named stand for them.
- A signing the text reports as done cannot lie after the text's own date: a later year in the
  sentence belongs to what the agreement is for ("to return to the Moon by 2025").
"""

from __future__ import annotations

import re
from dataclasses import replace

from spacecoop.extract.context import SentenceContext
from spacecoop.extract.dating import nearest_date
from spacecoop.models import Fact

_ARTEMIS = re.compile(r"\bartemis\b", re.I)
_HOSTS = {"NASA", "USA", "United States", "U.S. Department of State"}
_INTERGOVERNMENTAL = re.compile(
    r"\b(?:inter-?governmental|between the governments|government-to-government)\b", re.I
)


_ENDS_BEFORE = re.compile(r"\b(?:through|until|till|to|jusqu'en|jusqu’en|bis|hasta|fino al|até)\s*$", re.I)


def _text_before(text: str, date_text: str) -> str:
    at = text.find(date_text)
    return text[:at] if at > 0 else ""


def state_of(name: str, knowledge) -> str:
    entry = knowledge.lookup(name) if knowledge is not None else None
    if entry is not None and entry.type != "government" and getattr(entry, "country", None):
        return entry.country
    return name


def apply_conventions(fact: Fact, sentence: SentenceContext) -> Fact | None:
    """The fact as the conventions name it, or None when it reports no agreement after all."""
    knowledge = sentence.context.knowledge
    parties = list(fact.args.get("parties") or [])
    title = fact.args.get("title") or ""
    date = fact.date
    if _ARTEMIS.search(title) and fact.status in {"signed", "expected"}:
        founding = bool(date and date.iso and date.iso[:4] == "2020")
        acceding = [p for p in parties if p not in _HOSTS]
        if founding:
            pass  # the United States and the first signatories founded the Accords in 2020
        elif acceding:
            parties = list(dict.fromkeys(state_of(p, knowledge) for p in acceding))
        else:
            return None  # "NASA welcomes the newest signatory": the host, not an accession
    elif _INTERGOVERNMENTAL.search(title):
        states = list(dict.fromkeys(state_of(p, knowledge) for p in parties))
        if len(states) >= 2:
            parties = states
    if date is not None and date.text and _ENDS_BEFORE.search(_text_before(sentence.text, date.text)):
        # "extended on Friday its lease through 2050": 2050 is when it ends, not when it was signed
        end = sentence.sent.start_char + sentence.text.find(date.text)
        date = nearest_date(sentence, end, (sentence.sent.start_char, end), strict=True)
    document_date = sentence.context.date
    if (
        fact.status == "signed"
        and date is not None
        and date.iso
        and document_date is not None
        and document_date.iso
        and date.iso[: len(document_date.iso)] > document_date.iso[: len(date.iso)]
    ):
        date = None
    if parties == fact.args.get("parties") and date is fact.date:
        return fact
    return replace(fact, args={**fact.args, "parties": parties}, date=date)


def without_hosts(fact: Fact) -> Fact:
    """After a later mention ("the U.S.-led agreement") is folded in, the accession still lists
    only the acceding states."""
    parties = fact.args.get("parties") or []
    date = fact.date.iso if fact.date else None
    if not _ARTEMIS.search(fact.args.get("title") or "") or (date or "")[:4] == "2020":
        return fact
    acceding = [p for p in parties if p not in _HOSTS]
    return (
        replace(fact, args={**fact.args, "parties": acceding}) if acceding and acceding != parties else fact
    )
