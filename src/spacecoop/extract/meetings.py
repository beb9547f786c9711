"""Meetings: who met whom, for which organisations, where and when."""

from __future__ import annotations

import re

from spacecoop.extract.agreement_parties import find_place
from spacecoop.extract.context import SentenceContext
from spacecoop.extract.dating import nearest_date, status_from, tense_of
from spacecoop.extract.lexicon import MEETING_STRONG
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
_VISIT_WORDS = {
    "ceremony",
    "visit",
    "visited",
    "visiting",
    "met",
    "arrived",
    "received",
    "talks",
    "hosted",
    "led",
    "headed",
}
# words the NER takes for people in foreign or cluttered text: "Une rencontre", "Daejon le"
_NOT_NAMES = {"une", "un", "the", "headquarters", "moon", "meeting", "le", "la", "der", "die", "das"}


def plausible_person(name: str, sentence: SentenceContext) -> bool:
    """A participant is a name: capitalised words, two or more unless the text already named the
    person by that surname."""
    words = name.split()
    if not words or any(w.lower() in _NOT_NAMES for w in words):
        return False
    if not all(w[:1].isupper() or w.lower() in {"de", "da", "van", "von", "del", "di", "bin"} for w in words):
        return False
    if len(words) >= 2 or words[0].lower() in sentence.context.people:
        return True
    # "Wörner" alone: a surname the text gives in full elsewhere
    return words[0] in full_surnames(sentence.context.doc)


def full_surnames(doc) -> set[str]:
    """Surnames of the people the document names in full, computed once per document."""
    cached = doc.user_data.get("spacecoop_full_surnames")
    if cached is None:
        cached = {e.text.split()[-1] for e in doc.ents if e.label_ == "PERSON" and len(e.text.split()) >= 2}
        doc.user_data["spacecoop_full_surnames"] = cached
    return cached


_CEREMONY = {
    "ceremony",
    "handover",
    "signing",
    "took",
    "held",
    "exchanged",
    "discussed",
    "debated",
    "debatidos",
    "discutidos",
    "discutés",
    "discutées",
    "discussi",
}
_BETWEEN = {"between", "entre", "zwischen", "tra", "fra"}
# words that report a meeting only with a person named: "was received by", "hosted", "visited"
_WEAK = {
    "received",
    "hosted",
    "visited",
    "delegation",
    "recebido",
    "recibido",
    "ricevuto",
    "reçu",
    "empfangen",
}


def meeting_trigger(sentence: SentenceContext):
    # "The handover took place ... between Dr. A, ..., and Dr. B": two named people face to face
    words = {t.lower_ for t in sentence.sent}
    for token in sentence.sent:
        if token.lower_ in _BETWEEN and words & _CEREMONY:
            after = [a for a in sentence.persons() if a.start > token.i]
            if len(after) >= 2:
                return token
    weak = None
    for token in sentence.sent:
        if token.lower_ not in _CANDIDATES:
            continue
        if token.lower_ in {"meeting", "meetings"} and any(
            c.lower_ in _INSTITUTIONAL for c in token.children if c.dep_ in {"compound", "amod"}
        ):
            continue  # "at its cabinet meeting": an institution sitting, not two parties meeting
        word = token.lower_
        if token.text[:1].isupper() and (token.ent_type_ in {"ORG", "FAC", "GPE"} or token.pos_ == "PROPN"):
            continue  # "the UK Met Office", "Meeting Room B": part of a name
        if word.startswith("meet") and any(
            t.lower_ in _INSTITUTIONAL for t in token.doc[max(sentence.sent.start, token.i - 3) : token.i]
        ):
            continue  # "the Council, meeting at ESOC, approved": a body in session
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
        if weak is None and word in _WEAK:
            # "received the NASA contract", "elected as a member of the delegation": no one was met
            people = [a for a in sentence.persons() if plausible_person(a.name, sentence)]
            if word == "delegation" and not words & _VISIT_WORDS:
                continue
            if people and len(people) + len([a for a in sentence.actors if a.is_org]) >= 2:
                weak = token  # a stronger word later in the sentence ("led a delegation ... and met") wins
    return weak or caption_trigger(sentence)


_CANDIDATES = MEETING_STRONG | _WEAK | {"call", "conversation", "entretien", "talks", "meeting", "meetings"}


# "At the Ministerial Council in Berlin in 2005, from left to right: A, B and C": a caption naming
# the people at a gathering
_GATHERINGS = {"council", "summit", "conference", "plenary", "forum", "congress", "session", "ceremony"}


def caption_trigger(sentence: SentenceContext):
    if not any(t.lower_ in _GATHERINGS for t in sentence.sent):
        return None
    people = [a for a in sentence.persons() if plausible_person(a.name, sentence)]
    if len(people) < 2:
        return None
    text = sentence.text.lower()
    for token in sentence.sent:
        if token.lower_ in _GATHERINGS and (
            "left to right" in text
            or re.search(r"\bat (?:the|a) (?:[\w-]+ ){0,3}$", text[: token.idx - sentence.sent.start_char])
        ):
            return token
    return None


def told_in_past(trigger) -> bool:
    """ "he said at a working meeting with X": the verb governing the noun is past, whatever the
    quote before it says about the future."""
    node = trigger
    for _ in range(3):
        if node.head.i == node.i:
            return False
        node = node.head
        if node.pos_ in {"VERB", "AUX"}:
            return node.tag_ == "VBD" and not any(c.lower_ in {"will", "would"} for c in node.children)
    return False


def extract_meetings(sentence: SentenceContext) -> list[Fact]:
    if sentence.text.count("|") >= 3:
        return []  # a row of an infobox or a table is no statement
    trigger = meeting_trigger(sentence)
    if trigger is None:
        return []
    context = sentence.context
    people = [a.name for a in sentence.persons() if plausible_person(a.name, sentence)]
    # people the text already named with their office, where the NER misses them in this sentence
    for full, _office, _org in context.people.values():
        if " " in full and full in sentence.text and not any(full in p or p in full for p in people):
            people.append(full)
    participants = list(dict.fromkeys(people))[:5]
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
    # the states whose officials meet ("Officials of a government take their country")
    for actor in sentence.actors:
        if actor.kind == "government" and actor.name not in organizations:
            organizations.append(actor.name)
    if not participants and len(organizations) < 2:
        return []
    date = nearest_date(sentence, trigger.idx)
    tense = tense_of(sentence, trigger.i, trigger.i + 1)
    if (
        trigger.tag_ == "VBD"
        or (trigger.tag_ == "VB" and trigger.head.tag_ == "VBD")
        or told_in_past(trigger)
    ):
        tense = "past"  # "visited Delhi on 25 September to meet X": the purpose was carried out
    if date is None and tense != "future":
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
