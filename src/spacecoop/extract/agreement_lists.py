"""Membership chronologies: "Since then, the following agencies have become members of the Charter:"
followed by dated items ("September 2001" / "the Indian Space Research Organisation (ISRO)"). Each
body in an item joined the instrument on the item's date: one accession each.

The state lives in the Doc's user_data, since the items are separate sentences read in order.
"""

from __future__ import annotations

import re

from spacecoop.extract.context import SentenceContext
from spacecoop.extract.dating import dated
from spacecoop.models import Fact

_KEY = "spacecoop_membership"
# "have become members of", "sont devenues membres de", "sind Mitglied geworden", "joined"
_MEMBERSHIP = re.compile(
    r"\b(?:members?|membres?|mitglied(?:er)?|miembros?|membri|membros?|signator(?:y|ies)|signataires|"
    r"joined|adhered|acceded|rejoint|adhéré|beigetreten|adherido|aderito|aderiram)\b",
    re.I,
)
_INSTRUMENT = re.compile(
    r"\b(?:charter|charte|charta|carta|accords?|acuerdos?|acordos?|accordi|abkommen|convention|"
    r"convenzione|convención|convenção|treaty|traité|vertrag|tratado|trattato|agreement)\b",
    re.I,
)
_ACRONYM = re.compile(r"\(([A-Z][A-Za-z]{1,9})\b")


def start_of_list(sentence: SentenceContext) -> bool:
    """ "The following agencies have become members of the Charter:": a list of accessions follows."""
    text = sentence.text.strip()
    if not text.endswith(":") or not _MEMBERSHIP.search(text):
        return False
    instrument = _INSTRUMENT.search(text)
    if instrument is None:
        return False
    previous = sentence.context.last_agreement
    title = previous.args.get("title") if previous is not None else None
    if not title or instrument.group(0).lower()[:4] not in title.lower():
        title = instrument.group(0)
    sentence.context.doc.user_data[_KEY] = {"title": title, "date": None}
    return True


def list_item_facts(sentence: SentenceContext) -> list[Fact] | None:
    """Facts of the items of an open membership list in this sentence (a date line, then a line of
    bodies; the page may join several items in one sentence); None when the list has ended."""
    state = sentence.context.doc.user_data.get(_KEY)
    if state is None:
        return None
    facts: list[Fact] = []
    offset = sentence.sent.start_char
    for line in sentence.text.split("\n"):
        start, offset = offset, offset + len(line) + 1
        text = line.strip()
        if not text or text in {"-", "–", "•", "*"}:
            continue
        dates = [v for t, v in dated(sentence.timexes) if start <= t.start and t.end <= offset]
        if dates and len(text) <= 30:
            state["date"] = dates[0]  # "septembre 2001": the date heading the next item
            continue
        bodies = _ACRONYM.findall(text)
        if not bodies or len(text) > 200:
            sentence.context.doc.user_data.pop(_KEY, None)  # prose again: the list is over
            return facts or None
        if state["date"] is not None:  # an item whose date the page lost is skipped, not guessed
            facts += _accessions(sentence, bodies, state)
        state["date"] = None
    return facts


def _accessions(sentence: SentenceContext, bodies: list[str], state: dict) -> list[Fact]:
    knowledge = sentence.context.knowledge
    facts = []
    for acronym in dict.fromkeys(bodies):
        entry = knowledge.lookup(acronym) if knowledge is not None else None
        party = entry.name if entry is not None else acronym
        facts.append(
            Fact(
                type="agreement",
                doc=sentence.context.key,
                doc_id=sentence.context.doc_id,
                args={"parties": [party], "signatories": [], "place": None, "title": state["title"]},
                evidence=sentence.evidence(),
                date=state["date"],
                status="signed",
                confidence=0.6,
                notes=("construction: membership list",),
            )
        )
    return facts
