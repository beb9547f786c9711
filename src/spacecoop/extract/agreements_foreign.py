"""Agreements in French, German, Spanish, Italian and Portuguese text.

The English parser reads these sentences poorly, so the construction is read from words, not
from the parse: an agreement noun ("accord", "Rahmenabkommen", "acuerdo", "accordo", "acordo")
and a signing form ("a signé", "unterzeichnet", "firmó", "firmato", "assinaram") in one sentence;
the parties are the bodies and states the sentence names, the signatories its people (not those
merely "en présence de"). Evidence stays in the original language.
"""

from __future__ import annotations

import re
from dataclasses import replace

from spacecoop.extract.agreement_parties import find_place, party_names, without_home_states
from spacecoop.extract.context import Actor, SentenceContext
from spacecoop.extract.country_names import countries_in
from spacecoop.extract.dating import nearest_date
from spacecoop.extract.lexicon import (
    FOREIGN_AGREEMENT_NOUNS,
    FOREIGN_AGREEMENT_SUFFIXES,
    FOREIGN_EXPECTED_CUES,
    FOREIGN_IN_FORCE_CUES,
    FOREIGN_PRESENCE,
    FOREIGN_SIGN_FORMS,
)
from spacecoop.models import Fact

# an article or demonstrative just before the noun: "l'accord", "das Abkommen" refer back
_DEFINITE = {
    "l'",
    "l’",
    "le",
    "la",
    "les",
    "cet",
    "cette",
    "ce",
    "der",
    "die",
    "das",
    "dem",
    "den",
    "dieses",
    "diese",
    "il",
    "lo",
    "questo",
    "questa",
    "el",
    "los",
    "este",
    "esta",
    "dicho",
    "o",
    "os",
    "esse",
    "essa",
}
# words that end an agreement's name: auxiliaries, "by", "with"
_TITLE_STOPS = {
    "a",
    "ont",
    "été",
    "est",
    "sera",
    "par",
    "avec",
    "wurde",
    "wird",
    "ist",
    "hat",
    "haben",
    "von",
    "mit",
    "fue",
    "se",
    "ha",
    "han",
    "por",
    "con",
    "è",
    "stato",
    "sono",
    "da",
    "foi",
    "pelo",
    "pela",
    "com",
}
_MAX_PARTIES = 6
# junk the English NER takes for organisations in foreign text
_ORG_WORDS = re.compile(
    r"\b(?:agen[cz]ia|agence|agência|agency|zentrum|centre|centro|center|institut\w*|minist\w+|"
    r"administra\w+|organi[sz]\w+|commission|comisión|comissão|commissione|office|oficina|"
    r"corporation|gesellschaft|s\.?a\.?|gmbh|ltd|inc|space|spatiale?|espacial|spaziale|raumfahrt\w*)\b",
    re.I,
)


def is_foreign_trigger(word: str) -> bool:
    word = word.lower()
    return word in FOREIGN_AGREEMENT_NOUNS or (
        len(word) > 9 and any(word.endswith(s) for s in FOREIGN_AGREEMENT_SUFFIXES)
    )


def _trusted(actor: Actor) -> bool:
    """A party the sentence really names: known to the knowledge, an acronym, or a name of a body."""
    if actor.kind is not None:
        return True
    text = actor.text.strip()
    if re.fullmatch(r"[A-Z][A-Za-z]{1,6}", text) and sum(c.isupper() for c in text) >= 2:
        return True
    return actor.is_org and len(text.split()) >= 2 and bool(_ORG_WORDS.search(text))


def _present_only(sentence: SentenceContext, actor: Actor, cue) -> bool:
    """ "en présence de X", "im Beisein von X, ... und Y, ... am 14. September unterzeichnet": the
    people and bodies named between the phrase and the signing verb attend; they do not sign."""
    base = sentence.sent.start_char
    before = sentence.text[: actor.start_char - base].lower()
    at = max((before.rfind(p) for p in FOREIGN_PRESENCE), default=-1)
    if at < 0:
        return False
    cue_at = cue.idx - base if cue is not None else -1
    return not at < cue_at < actor.start_char - base


# prepositions of place: "en France", "aux EUA", "nach Deutschland" locate; they name no party
_PLACE_WORDS = {
    "en",
    "em",
    "à",
    "au",
    "aux",
    "aos",
    "in",
    "nach",
    "im",
    "nel",
    "nella",
    "a",
    "no",
    "na",
    "dans",
}


def local_countries(sentence: SentenceContext, cue) -> list[str]:
    """States the sentence names in its own language ("A Nigéria e o Ruanda assinaram")."""
    context = sentence.context
    base = sentence.sent.start_char
    out = []
    for offset, state in countries_in(sentence.text, context.language, context.knowledge):
        before = sentence.text[:offset].split()
        if before and before[-1].lower() in _PLACE_WORDS:
            continue
        presence = max((sentence.text.lower().rfind(p, 0, offset) for p in FOREIGN_PRESENCE), default=-1)
        if presence >= 0 and not (cue is not None and presence < cue.idx - base < offset):
            continue
        out.append(state)
    return out


def elided_bodies(sentence: SentenceContext) -> list[str]:
    """ "l'ISRO", "d'EUMETSAT", "dell'ASI": the tokenizer keeps the article on the name, so the
    knowledge is asked for the rest of the word."""
    knowledge = sentence.context.knowledge
    names = []
    for token in sentence.sent:
        match = _ELIDED.match(token.text)
        if match and knowledge is not None and not token.ent_type_:
            entry = knowledge.lookup(match.group(1))
            if entry is not None and entry.type in {"agency", "company", "intergovernmental", "organization"}:
                names.append(entry.name)
    return names


_ELIDED = re.compile(r"^(?:[lLdD]|[dD]ell|[aA]ll|[nN]ell|[sS]ull)['’](\w[\w-]+)$")


def extract_foreign_agreements(sentence: SentenceContext) -> list[Fact]:
    words = [t.lower_ for t in sentence.sent]
    text = sentence.text.lower()
    triggers = [t for t in sentence.sent if is_foreign_trigger(t.text)]
    if not triggers:
        return []
    cue = next((t for t in sentence.sent if t.lower_ in FOREIGN_SIGN_FORMS), None)
    expected = any(c in text for c in FOREIGN_EXPECTED_CUES)
    in_force = any(c in text for c in FOREIGN_IN_FORCE_CUES)
    if cue is None and not expected and not in_force:
        return []
    trigger = min(triggers, key=lambda t: abs(t.i - cue.i) if cue is not None else t.i)
    before = words[trigger.i - sentence.sent.start - 1] if trigger.i > sentence.sent.start else ""
    if before.isdigit() and int(before) >= 3:
        return []  # "13 accords de coopération depuis 1965": a count, not one agreement
    context = sentence.context
    actors = [a for a in sentence.actors if not _present_only(sentence, a, cue)]
    # a person's name starts with a capital: "avec l'EgSA" taken for a person is none
    people = [a.name for a in actors if a.is_person and a.name[:1].isupper() and " " in a.name]
    parties = party_names([a for a in actors if a.is_party and _trusted(a)], context)
    for name in elided_bodies(sentence) + local_countries(sentence, cue):
        if name not in parties:
            parties.append(name)
    for person in people:
        known = context.recall(person)
        if known and known[2] and known[2] not in parties:
            parties.append(known[2])
    parties = without_home_states(parties, context.knowledge)
    previous = context.last_agreement
    if (
        before in _DEFINITE
        and previous is not None
        and (len(parties) < 2 or set(parties) <= set(previous.args.get("parties") or []))
    ):
        # "L'accord a été signé à Paris par X et Y": the agreement told before, now with its signing
        if people and not previous.args.get("signatories"):
            previous.args["signatories"] = people
        previous.args["place"] = previous.args.get("place") or find_place(sentence)
        date = nearest_date(sentence, (cue or trigger).idx)
        if previous.date is None and date is not None and cue is not None and previous.status == "signed":
            # "L'accord a été signé le 27 octobre": the day of the agreement told before
            return [
                replace(
                    previous, evidence=sentence.evidence(), date=date, notes=(*previous.notes, "refers back")
                )
            ]
        return []
    # "Nigeria and Rwanda signed the agreement": the agreement told before, by other parties
    title_of_previous = previous.args.get("title") if before in _DEFINITE and previous is not None else None
    if not parties or len(parties) > _MAX_PARTIES:
        return []  # a roster of signatories ("the 28 signatories are: ...") is no signing
    date = nearest_date(sentence, (cue or trigger).idx)
    if date is None and cue is not None and not expected:
        date = sentence.prior_event_date  # "A cette occasion, un accord a été signé": the day just told
    status = "expected" if expected else "in_force" if in_force and cue is None else "signed"
    end = min(sentence.sent.end, trigger.i + 8)
    title_tokens = []
    for token in sentence.sent.doc[trigger.i : end]:
        if (
            token.is_punct
            and token.text not in {"-", "'", "’"}
            or token.lower_ in FOREIGN_SIGN_FORMS
            or token.lower_ in _TITLE_STOPS
        ):
            break
        title_tokens.append(token.text_with_ws)
    title = title_of_previous or "".join(title_tokens).strip()
    fact = Fact(
        type="agreement",
        doc=context.key,
        doc_id=context.doc_id,
        args={
            "parties": parties,
            "signatories": people if cue is not None else [],
            "place": find_place(sentence),
            "title": title,
        },
        evidence=sentence.evidence(),
        date=date,
        status=status,
        confidence=0.7 if cue is not None and len(parties) >= 2 else 0.5,
    )
    context.last_agreement = fact
    return [fact]
