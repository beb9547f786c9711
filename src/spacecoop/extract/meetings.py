"""Meetings: who met whom, for which organisations, where and when."""

from __future__ import annotations

import re

from spacecoop.extract.agreement_parties import find_place
from spacecoop.extract.context import SentenceContext
from spacecoop.extract.dating import nearest_date, status_from, tense_of
from spacecoop.extract.lexicon import MEETING_STRONG, MEETING_WORDS
from spacecoop.models import Fact

_CALL_WORDS = {"phone", "telephone", "téléphonique", "video", "telefonata", "videoconference"}


_INSTITUTIONAL = {
    "cabinet",
    "board",
    "council",
    "committee",
    "general",
    "annual",
    "press",
    "plenary",
    "shareholders",
    "parliamentary",
    "team",
    "staff",
}
_CEREMONY = {"ceremony", "handover", "signing", "took", "held", "exchanged"}


def meeting_trigger(sentence: SentenceContext):
    # "The handover took place ... between Dr. A, ..., and Dr. B": two named people face to face
    words = {t.lower_ for t in sentence.sent}
    for token in sentence.sent:
        if token.lower_ == "between" and words & _CEREMONY:
            after = [a for a in sentence.persons() if a.start > token.i]
            if len(after) >= 2:
                return token
    for token in sentence.sent:
        if token.lower_ in {"meeting", "meetings"} and any(
            c.lower_ in _INSTITUTIONAL for c in token.children if c.dep_ in {"compound", "amod"}
        ):
            continue  # "at its cabinet meeting": an institution sitting, not two parties meeting
        word = token.lower_
        before = token.doc[max(sentence.sent.start, token.i - 2) : token.i].text.lower()
        if re.search(r"\b(?:after|following|during|at|on)\s+(?:the|his|her|their|this|that)$", before) or (
            word in {"talks", "meeting", "meetings"}
            and before.endswith(("the", "this", "these"))
            and not any(c.lower_ == "with" for c in token.children)
        ):
            continue  # "After the meeting, X commented", "the talks": the meeting was already reported
        if word in MEETING_STRONG and not (word == "meeting" and token.dep_ == "compound"):
            return token
        if (
            word in {"call", "conversation", "entretien", "talks"}
            and set(sentence.tokens_lower()) & _CALL_WORDS
        ):
            return token
        if word in MEETING_WORDS and word in {"received", "hosted", "visited", "delegation"}:
            if len(sentence.persons()) + len([a for a in sentence.actors if a.is_org]) >= 2:
                return token
    return None


def extract_meetings(sentence: SentenceContext) -> list[Fact]:
    trigger = meeting_trigger(sentence)
    if trigger is None:
        return []
    context = sentence.context
    participants = list(dict.fromkeys(a.name for a in sentence.persons()))[:5]
    organizations: list[str] = []
    for person in participants:
        known = context.recall(person)
        if known and known[2] and known[2] not in organizations:
            organizations.append(known[2])
    for actor in sentence.actors:
        # named bodies only: "Sagamihara Campus" or a job title the NER took for an organisation is none
        if (
            actor.is_party
            and actor.kind is not None
            and actor.name not in organizations
            and actor.kind != "government"
        ):
            organizations.append(actor.name)
    if not participants and len(organizations) < 2:
        return []
    date = nearest_date(sentence, trigger.idx)
    tense = tense_of(sentence, trigger.i, trigger.i + 1)
    if date is None and tense == "past":
        date = (
            sentence.prior_event_date
        )  # "On 22 August, X was handed over. The handover took place between ..."
    status = status_from(date, tense, context.date, "planned", "done")
    if len(organizations) >= 2:
        context.parties = organizations[:2]
    return [
        Fact(
            type="meeting",
            doc=context.key,
            doc_id=context.doc_id,
            args={
                "participants": participants,
                "organizations": organizations,
                "place": find_place(sentence),
            },
            evidence=sentence.evidence(),
            date=date,
            status=status,
            confidence=0.8 if participants else 0.5,
        )
    ]
