"""Agreements: parties, date, signatories, place, title and status.

Two readings of a sentence: an enumeration of agreements dated by years in parentheses
("agreements on X (2005) and on Y (2005)", "contracts ... (2001, 2002, 2003 (2))"), or
agreement nouns ("a framework agreement on space science") with the verb that signs them.
"""

from __future__ import annotations

import re
from dataclasses import replace

from spacy.tokens import Token

from spacecoop.extract.agreement_conventions import apply_conventions
from spacecoop.extract.agreement_lists import list_item_facts, start_of_list
from spacecoop.extract.agreement_parties import find_parties, find_place, find_signatories, party_names
from spacecoop.extract.agreement_reading import (
    is_anaphoric,
    is_reported,
    is_trigger,
    nested_topic,
    refers_back,
    sign_verb,
    status_of,
    title_span,
    with_topic,
)
from spacecoop.extract.agreements_foreign import extract_foreign_agreements
from spacecoop.extract.context import SentenceContext
from spacecoop.extract.dating import compare_iso, dated, nearest_date
from spacecoop.extract.lexicon import AGREEMENT_NOUNS, SIGNED_WORDS
from spacecoop.models import DateValue, Fact

_YEARS_IN_PARENS = re.compile(r"\((\d{4}(?:\s*\(\d+\))?(?:\s*,\s*\d{4}(?:\s*\(\d+\))?)*)\)")
_YEAR_COUNT = re.compile(r"(\d{4})(?:\s*\((\d+)\))?")
_ENUM_START = re.compile(r"(?::|\bcomprise|\binclude|\bincluding|\bexample,|\bnamely|\bsuch as)\s*", re.I)
_LEADING = re.compile(r"^(?:,|\band\b|\bthe\b|\ban?\b|\bon\b|\bagreements?\b|\s)+", re.I)


def extract_agreements(sentence: SentenceContext) -> list[Fact]:
    context = sentence.context
    items = list_item_facts(sentence)
    if items is not None:
        facts = items
    elif start_of_list(sentence):
        facts = []
    elif context.language in FOREIGN_LANGUAGES:
        facts = extract_foreign_agreements(sentence)
    else:
        facts = enumeration_facts(sentence) or read_agreements(sentence)
    out = []
    for fact in facts:
        named = apply_conventions(fact, sentence)
        if context.last_agreement is fact:
            context.last_agreement = named
        if named is not None:
            out.append(named)
    return out


def read_agreements(sentence: SentenceContext) -> list[Fact]:
    facts: list[Fact] = []
    taken: set[int] = set()
    for token in sentence.sent:
        if token.i in taken or not is_trigger(token):
            continue
        span = title_span(token, sentence.timexes)
        taken.update(range(*span))
        verb = sign_verb(token)
        parties = find_parties(sentence, token, verb, span)
        if not is_reported(token, verb, sentence, span) or is_anaphoric(token, verb, sentence, parties):
            continue
        date = nearest_date(sentence, (verb or token).idx)
        status, confidence = status_of(sentence, token, verb, date)
        if date is None and status == "signed" and sentence.context.last_signing_date is not None:
            # "China and Egypt signed ... on Wednesday. X and Y signed a memorandum ..."
            date = sentence.context.last_signing_date
        signatories = find_signatories(sentence, verb)
        place = find_place(sentence)
        if refers_back(token, span) and enrich_previous(sentence, signatories, place):
            facts += dated_mention(sentence.context.last_agreement, sentence, date, status)
            continue
        title = with_topic(sentence.sent.doc[span[0] : span[1]].text.strip(" ,;:"), token, verb, span)
        topic = nested_topic(token)
        if topic and topic not in title:
            title = f"{title} {topic}"
        parties = historical_names(parties, date)
        fact = agreement_fact(sentence, parties, signatories, place, title, status, date, confidence)
        if _ANOTHER & {t.lower_ for t in sentence.sent.doc[max(sentence.sent.start, token.i - 6) : token.i]}:
            fact = replace(fact, notes=fact.notes + ("another agreement",))  # "They also signed a ..."
            sentence.context.last_agreement = fact
        if is_headline(sentence):
            fact = replace(fact, notes=fact.notes + ("headline",))
            sentence.context.last_agreement = fact
        facts.append(fact)
        facts += extensions(sentence, fact, verb)
        if len(parties) >= 2:
            sentence.context.parties = parties[:2]
    note_signing_date(sentence)
    return facts


FOREIGN_LANGUAGES = {"fr", "de", "es", "it", "pt"}


def dated_mention(previous: Fact | None, sentence: SentenceContext, date, status: str) -> list[Fact]:
    """ "The agreement was signed in Washington on 27 August": the day of the agreement told before.
    Told as a mention of it, which consolidation folds into the first report."""
    if previous is None or previous.date is not None or date is None or status != previous.status:
        return []
    return [
        replace(previous, evidence=sentence.evidence(), date=date, notes=(*previous.notes, "refers back"))
    ]


def is_headline(sentence: SentenceContext) -> bool:
    """A title line: no closing punctuation, then a line break."""
    text = sentence.sent.text
    return "\n" in text.strip(" ")[-3:] + text[-1:] and not re.search(r"[.!?:;\"”)]\s*$", text)


_ANOTHER = {"also", "another", "second", "additional", "separate", "further"}
_EXTEND_VERBS = {
    "extend": "extension",
    "renew": "renewal",
    "amend": "amendment",
    "prolong": "prolongation",
    "revise": "revision",
}


def extensions(sentence: SentenceContext, fact: Fact, verb: Token | None) -> list[Fact]:
    """ "signed in 1994 and extended in 2008": the extension is an agreement of its own."""
    if verb is None:
        return []
    out = []
    for conj in verb.children:
        if conj.dep_ != "conj" or conj.lemma_.lower() not in _EXTEND_VERBS:
            continue
        words = list(conj.subtree)
        window = (words[0].idx, words[-1].idx + len(words[-1]))
        date = nearest_date(sentence, conj.idx, window, strict=True)
        if date is None:
            continue
        title = f"{_EXTEND_VERBS[conj.lemma_.lower()]} of the {fact.args['title']}"
        out.append(
            replace(fact, args={**fact.args, "title": title}, date=date, notes=fact.notes + ("extension",))
        )
    return out


def enrich_previous(sentence: SentenceContext, signatories: list[str], place: str | None) -> bool:
    """Add what a later sentence tells (who signed, where) to the agreement it refers to."""
    previous = sentence.context.last_agreement
    if previous is None:
        return False
    # "the Philippine and Japanese governments ... signing" then "PhilSA ... signed the agreement with JAXA":
    # the agencies of those states are the parties that signed
    knowledge = sentence.context.knowledge
    named = [a for a in sentence.actors if a.is_org and a.kind == "agency"]
    if knowledge is not None and len(named) >= 2:
        countries = {getattr(knowledge.lookup(a.name), "country", None) for a in named}
        if countries and countries == set(previous.args.get("parties") or []):
            previous.args["parties"] = [a.name for a in named]
    if signatories and not previous.args.get("signatories"):
        previous.args["signatories"] = list(signatories)
    if place and not previous.args.get("place"):
        previous.args["place"] = place
    return True


def note_signing_date(sentence: SentenceContext) -> None:
    """Remember the day of the last signing reported (not planned) so far in the text."""
    words = {t.lower_ for t in sentence.sent}
    if not words & (SIGNED_WORDS | {"sign", "signs"}):
        return
    document_date = sentence.context.date
    for _, value in dated(sentence.timexes):
        if value.precision == "day" and not (
            document_date and document_date.iso and compare_iso(value.iso, document_date.iso) > 0
        ):
            sentence.context.last_signing_date = value
            return


def enumeration_facts(sentence: SentenceContext) -> list[Fact]:
    text = sentence.text
    groups = list(_YEARS_IN_PARENS.finditer(text))
    if not groups or not any(t.lower_ in AGREEMENT_NOUNS for t in sentence.sent):
        return []
    start_match = None
    for m in _ENUM_START.finditer(text[: groups[0].start()]):
        start_match = m
    cursor = start_match.end() if start_match else 0
    parties = list(sentence.context.parties)
    facts = []
    for group in groups:
        item = _LEADING.sub("", text[cursor : group.start()]).strip(" ,;")
        cursor = group.end()
        if len(item.split()) < 2:
            continue
        base = sentence.sent.start_char
        item_parties = party_names(
            [
                a
                for a in sentence.actors
                if base + text.find(item) <= a.start_char < base + group.start() and a.kind is not None
            ],
            sentence.context,
        )
        for year, count in _YEAR_COUNT.findall(group.group(1)):
            date = DateValue(iso=year, precision="year", text=year)
            fact = agreement_fact(
                sentence,
                item_parties if len(item_parties) >= 2 else parties,
                [],
                None,
                item,
                "signed",
                date,
                0.7,
            )
            if count:
                fact.args["count"] = int(count)
            facts.append(replace(fact, notes=("construction: enumeration",)))
    return facts


# States whose name changed: before the date, the earlier name is the party.
_FORMER_NAMES = (("Russia", "1991-12-26", "Soviet Union"),)


def historical_names(parties: list[str], date: DateValue | None) -> list[str]:
    if date is None or not date.iso:
        return parties
    out = []
    for party in parties:
        for name, since, former in _FORMER_NAMES:
            if party == name and date.iso < since[: len(date.iso)]:
                party = former
        if party not in out:
            out.append(party)
    return out


def agreement_fact(
    sentence: SentenceContext, parties, signatories, place, title, status, date, confidence
) -> Fact:
    context = sentence.context
    fact = Fact(
        type="agreement",
        doc=context.key,
        doc_id=context.doc_id,
        args={"parties": list(parties), "signatories": list(signatories), "place": place, "title": title},
        evidence=sentence.evidence(),
        date=date,
        status=status,
        confidence=confidence,
    )
    context.last_agreement = fact
    return fact
