"""Agreements: parties, date, signatories, place, title and status.

Two readings of a sentence: an enumeration of agreements dated by years in parentheses
("agreements on X (2005) and on Y (2005)", "contracts ... (2001, 2002, 2003 (2))"), or
agreement nouns ("a framework agreement on space science") with the verb that signs them.
"""

from __future__ import annotations

import re
from dataclasses import replace

from spacy.tokens import Token

from spacecoop.extract.context import Actor, SentenceContext
from spacecoop.extract.dating import compare_iso, dated, nearest_date
from spacecoop.extract.lexicon import (
    AGREEMENT_NOUNS,
    AGREEMENT_PLANNING,
    EXPECTED_NEAR,
    IN_FORCE_CUES,
    QUALIFIED_AGREEMENT_NOUNS,
    SIGN_VERBS,
    SIGNED_WORDS,
    TERMINATED_CUES,
)
from spacecoop.extract.units import codes, sentence_units
from spacecoop.models import DateValue, Fact

_YEARS_IN_PARENS = re.compile(r"\((\d{4}(?:\s*\(\d+\))?(?:\s*,\s*\d{4}(?:\s*\(\d+\))?)*)\)")
_YEAR_COUNT = re.compile(r"(\d{4})(?:\s*\((\d+)\))?")
_ENUM_START = re.compile(r"(?::|\bcomprise|\binclude|\bincluding|\bexample,|\bnamely|\bsuch as)\s*", re.I)
_LEADING = re.compile(r"^(?:,|\band\b|\bthe\b|\ban?\b|\bon\b|\bagreements?\b|\s)+", re.I)
_VIRTUAL = {"virtual", "virtually", "online", "videoconference", "video-conference", "remotely"}


def is_trigger(token: Token) -> bool:
    word = token.lower_
    if word not in AGREEMENT_NOUNS or token.pos_ not in {"NOUN", "PROPN"}:
        return False
    # "framework" in "framework agreement" modifies the real trigger
    if (
        token.dep_ in {"compound", "amod", "nmod"}
        and token.head.lower_ in AGREEMENT_NOUNS
        and token.head.i > token.i
    ):
        return False
    qualifiers = QUALIFIED_AGREEMENT_NOUNS.get(word)
    if qualifiers is None:
        return True
    around = token.doc[max(token.sent.start, token.i - 2) : min(token.sent.end, token.i + 3)].text.lower()
    return any(q in around for q in qualifiers)


def _when_or_where(token: Token, timexes) -> bool:
    """A phrase that says when or where ("on Friday, May 2", "in Tokyo"), not what."""
    words = list(token.subtree)
    start, end = words[0].idx, words[-1].idx + len(words[-1])
    if any(t.start < end and t.end > start for t in timexes):
        return True
    objects = [c for c in token.children if c.dep_ == "pobj"]
    # LOC is left out: "the Use of Outer Space" is a subject, not a place
    return bool(objects) and all(o.ent_type_ in {"DATE", "TIME", "GPE", "FAC"} for o in objects)


def phrase_end(prep: Token, timexes) -> int:
    """Last token of a prepositional phrase, without the when/where phrases nested in it."""
    end = prep.i
    for token in prep.subtree:
        if token.i > prep.i and token.dep_ == "prep" and _when_or_where(token, timexes):
            break
        end = token.i
    return end


def title_span(token: Token, timexes=()) -> tuple[int, int]:
    """Token range of the agreement's name: its modifiers and the phrases that say what it is about."""
    left = token.i
    for child in token.lefts:
        if child.dep_ in {"det", "poss", "predet", "nummod"} or child.lower_ in {"other", "more"}:
            continue
        left = min(left, child.left_edge.i)
    right = token.i
    for child in token.rights:
        # "an agreement to jointly build a satellite": the purpose names the agreement
        # ... and what it allows: "an agreement allowing Russia to use ESA's sites"
        if (
            child.dep_ == "acl"
            and (child.tag_ == "VBG" or any(c.dep_ == "aux" and c.lower_ == "to" for c in child.children))
            and any(t.pos_ in {"NOUN", "PROPN"} for t in child.subtree)
        ):
            right = max(right, child.right_edge.i)
            continue
        if child.dep_ in {"relcl", "acl", "punct", "appos", "cc", "conj"} or child.text in {",", "("}:
            break
        if child.dep_ == "prep" and child.lower_ in {"with", "between", "by"}:
            continue  # the parties, not the subject
        if child.dep_ == "prep":
            if _when_or_where(child, timexes) and not any(
                c.dep_ == "pobj" and c.ent_type_ not in {"DATE", "TIME", "GPE", "FAC", "LOC"}
                for c in child.children
            ):
                break
            right = max(right, phrase_end(child, timexes))
            continue
        right = max(right, child.right_edge.i)
    # modifiers of a possessive head ("the ESA-Russia Framework Agreement") stay in the name
    while left < token.i and token.doc[left].dep_ in {"det", "punct"}:
        left += 1
    return left, right + 1


def sign_verb(token: Token) -> Token | None:
    """The verb that signs (or will sign) this agreement, if the parse links them."""
    for node in (token.head, token.head.head):
        if node.lemma_.lower() in SIGN_VERBS and node.pos_ in {"VERB", "AUX"}:
            return node
    for child in token.children:
        if child.dep_ in {"acl", "relcl"} and child.lemma_.lower() in SIGN_VERBS:
            return child
    # "an agreement ... is expected to be signed by X and Y"
    for child in token.head.children:
        if child.dep_ in {"xcomp", "ccomp"} and child.lemma_.lower() in SIGN_VERBS:
            return child
    return None


def party_names(actors: list[Actor], context) -> list[str]:
    names: list[str] = []
    people = {surname for surname in context.people}
    starts = {a.start: a for a in actors}
    doc = context.doc
    for actor in actors:
        # "France's CNES": the state is the agency's, the agency is the party
        owned = starts.get(actor.end + 1)
        if (
            actor.kind == "government"
            and actor.end < len(doc)
            and doc[actor.end].text in {"'s", "’s"}
            and owned is not None
            and owned.is_org
        ):
            continue
        if actor.is_party and actor.kind is None and actor.text.split()[-1].lower() in people:
            continue  # "Vande Hei" taken for an organisation: a person the text already named
        if actor.is_party:
            name = actor.name
        elif actor.is_person and (known := context.recall(actor.name)) and known[2]:
            name = known[2]
        else:
            continue
        if name not in names:
            names.append(name)
    return names


def actors_in_tokens(sentence: SentenceContext, start: int, end: int) -> list[Actor]:
    return [a for a in sentence.actors if a.start >= start and a.end <= end]


def find_parties(sentence: SentenceContext, trigger: Token, verb: Token | None, span: tuple[int, int]):
    doc = sentence.sent.doc
    context = sentence.context
    # "ESA-Russia Framework Agreement", "NASA-CNES agreement"
    in_title = actors_in_tokens(sentence, *span)
    hyphen = [a for a in in_title if a.end < len(doc) and doc[a.end].text in {"-", "–", "/"}]
    if hyphen:
        after = [a for a in in_title if a.start == hyphen[0].end + 1]
        if after:
            return party_names([hyphen[0], after[0]], context)
    # "between X and Y"; "between the governments of the two countries": the states the text is about
    for token in doc[span[0] : min(sentence.sent.end, span[1] + 2)]:
        if token.lower_ in {"between", "entre", "tra", "zwischen"}:
            names = party_names(actors_in_tokens(sentence, token.i, token.right_edge.i + 1), context)
            if len(names) >= 2:
                return names
            if re.match(r"between the governments of the two", doc[token.i : token.i + 6].text, re.I):
                if len(context.countries) >= 2:
                    return context.countries[:2]
    parties: list[str] = []
    if verb is not None:
        for child in verb.children:
            # "the agency finalized an agreement": the agency the text named last
            if (
                child.dep_ == "nsubj"
                and doc[child.left_edge.i : child.i + 1].text.lower() in {"the agency", "the space agency"}
                and sentence.the_agency()
            ):
                parties.append(sentence.the_agency())
            if child.dep_ in {"nsubj", "nsubjpass", "agent"} or (
                child.dep_ == "prep" and child.lower_ == "with"
            ):
                parties += party_names(
                    actors_in_tokens(sentence, child.left_edge.i, child.right_edge.i + 1), context
                )
        if verb.dep_ in {"xcomp", "advcl", "conj"} and not parties:
            for child in verb.head.children:
                if child.dep_ in {"nsubj", "nsubjpass"} or child.dep_ in {"dobj", "pobj"}:
                    parties += party_names(
                        actors_in_tokens(sentence, child.left_edge.i, child.right_edge.i + 1), context
                    )
    for child in trigger.children:
        # "an agreement involving Roscosmos and Axiom Space"
        if child.dep_ == "acl" and child.lower_ in {"involving", "including"}:
            parties += party_names(actors_in_tokens(sentence, child.i, child.right_edge.i + 1), context)
        if child.dep_ == "prep" and child.lower_ == "with":
            parties += party_names(
                actors_in_tokens(sentence, child.left_edge.i, child.right_edge.i + 1), context
            )
        if child.dep_ == "poss":
            parties += party_names(
                actors_in_tokens(sentence, child.left_edge.i, child.right_edge.i + 1), context
            )
    parties = list(dict.fromkeys(parties))
    if not parties and (verb is not None or any(t.lower_ in SIGNED_WORDS for t in sentence.sent)):
        # the signers stand before the agreement noun: "X and Y signed a ..."
        parties = party_names(actors_in_tokens(sentence, sentence.sent.start, trigger.i), context)
    if not parties:
        # "CNES and Roscosmos have been putting the finishing touches to discussions on an agreement"
        governor = trigger.head
        while governor.pos_ not in {"VERB", "AUX"} and governor.head.i != governor.i:
            governor = governor.head
        for child in governor.children:
            if child.dep_ in {"nsubj", "nsubjpass"} and child.i < trigger.i:
                parties = party_names(
                    actors_in_tokens(sentence, child.left_edge.i, child.right_edge.i + 1), context
                )
    if not parties and context.parties:
        # the sentence names no party: the pair the text is about ("the two agencies", "also")
        parties = list(context.parties)
    return parties


def with_topic(title: str, trigger: Token, verb: Token | None, span: tuple[int, int]) -> str:
    """ "A cooperation agreement is expected to be signed this year on X": the topic joins the name."""
    if span[1] - span[0] > 3 or verb is None:
        return title
    for child in verb.children:
        if child.dep_ == "prep" and child.lower_ in {"on", "for", "concerning", "regarding", "about"}:
            if _when_or_where(child, ()):
                continue
            return f"{title} {trigger.doc[child.i : phrase_end(child, ()) + 1].text}"
        # "signed an agreement on Tuesday to jointly build a satellite"
        if (
            child.dep_ in {"advcl", "xcomp"}
            and child.i > trigger.i
            and any(c.dep_ == "aux" and c.lower_ == "to" for c in child.children)
            and any(t.pos_ in {"NOUN", "PROPN"} for t in child.subtree)
        ):
            end = child.right_edge.i
            while end > child.i and trigger.doc[end].is_punct:
                end -= 1
            return f"{title} {trigger.doc[child.left_edge.i : end + 1].text}"
    return title


def find_signatories(sentence: SentenceContext, verb: Token | None) -> list[str]:
    if verb is None:
        return []
    names: list[str] = []
    for child in verb.children:
        if child.dep_ in {"nsubj", "agent"}:
            start, end = child.left_edge.i, child.right_edge.i + 1
            if child.dep_ == "agent":
                end = max(end, sentence.sent.end)  # "signed by A and B": the parse often cuts the list
            persons = [a.name for a in actors_in_tokens(sentence, start, end) if a.is_person]
            if persons:
                names += persons
                continue
            # only offices named: "signed by the Russian Minister of Foreign Affairs and ESA's Director General"
            units = [u for u in sentence_units(sentence) if u.start >= start and u.end <= end]
            code = codes(units)
            for match in re.finditer(r"(?:([OC])s?)?(F)(?:o t?([OC]))?|([OC])s?(F)", code.replace(" ", "")):
                pieces = [units[i].text(sentence) for i in range(*match.span()) if units[i].code in "OCF"]
                names.append(" ".join(p.replace("’s", "").replace("'s", "") for p in pieces))
    return list(dict.fromkeys(names))


def find_place(sentence: SentenceContext) -> str | None:
    words = set(sentence.tokens_lower())
    if words & _VIRTUAL:
        return "virtual"
    doc = sentence.sent.doc
    for actor in sentence.actors:
        if actor.label == "GPE" and actor.kind in {None, "city"} and actor.start > 0:
            if doc[actor.start - 1].lower_ in {"in", "at", "à", "a"}:
                return actor.name.split(",")[0].replace(" D.C.", "").strip()
    return None


def status_of(
    sentence: SentenceContext, trigger: Token, verb: Token | None, date: DateValue | None
) -> tuple[str, float]:
    words = {t.lower_ for t in sentence.sent}
    window = {t.lower_ for t in sentence.sent.doc[max(sentence.sent.start, trigger.i - 6) : trigger.i + 1]}
    if words & TERMINATED_CUES:
        return "terminated", 0.6
    if verb is not None:
        aux = {c.lower_ for c in verb.children if c.dep_ in {"aux", "auxpass"}}
        if (
            aux & {"will", "would", "shall"}
            or verb.head.lower_ in {"expected", "plan", "plans", "set"}
            or (
                aux & {"to", "be"}
                and verb.head.lemma_ in {"expect", "plan", "hope", "aim", "intend", "agree"}
            )
        ):
            return "expected", 0.8
        if verb.tag_ == "VBG" and verb.lemma_.lower() in {"finalize", "finalise"}:
            return "expected", 0.7  # "are finalising an agreement"
        if "to" in aux and verb.head.tag_ in {"VBD", "VBN"}:
            return "signed", 0.6  # "met ... to sign an agreement": the narrated purpose was fulfilled
        before = {t.lower_ for t in verb.doc[max(verb.sent.start, verb.i - 6) : verb.i]}
        if "to" in aux and before & {"first", "second", "last", "only"}:
            return "signed", 0.7  # "the first agency to sign a memorandum with X"
        if "to" in aux:
            return "expected", 0.6
        return "signed", 0.85
    if (
        window & EXPECTED_NEAR
        or words & {"negotiations", "negotiating", "drafting", "finishing"}
        or re.search(
            r"\b(?:expected|set|due|scheduled|planned|going|is|are) to be signed\b|\bwill (?:sign|be signed)\b",
            sentence.text,
            re.I,
        )
    ):
        return "expected", 0.6
    if words & SIGNED_WORDS or words & {"signature"}:
        return "signed", 0.7
    if window & IN_FORCE_CUES or words & {"based", "under"}:
        return "in_force", 0.6
    return "signed", 0.5


def is_reported(trigger: Token, verb: Token | None, sentence: SentenceContext, span: tuple[int, int]) -> bool:
    """The sentence reports an agreement, not a passing mention ("to facilitate arrangements") or a
    definition ("The Accords are non-binding multilateral agreements between ...")."""
    # "The Artemis Accords are a series of non-binding agreements ...": a definition, not a report
    if (
        trigger.dep_ in {"nsubj", "nsubjpass"}
        and trigger.head.lemma_ == "be"
        and not any(t.lower_ in SIGNED_WORDS for t in trigger.sent)
    ):
        return False
    if any(a.dep_ == "attr" and a.head.lemma_ == "be" for a in [trigger.head, trigger.head.head]) and (
        trigger.dep_ == "pobj"
    ):
        return False
    if trigger.dep_ == "attr" and not any(c.dep_ == "expl" for c in trigger.head.children):
        # "X are agreements between ..." defines; "This is the first agreement signed by ..." reports;
        # "There is an agreement between ..." states one in force
        return verb is not None and verb.head.i == trigger.i
    if verb is not None:
        return True
    doc = sentence.sent.doc
    near = {
        t.lower_ for t in doc[max(sentence.sent.start, trigger.i - 8) : min(sentence.sent.end, span[1] + 4)]
    }
    if near & (SIGNED_WORDS | {"signature", "sign", "signs"} | TERMINATED_CUES):
        return True
    if near & AGREEMENT_PLANNING:
        return True
    if any(t.lower_ in {"between", "entre"} for t in doc[span[0] : min(sentence.sent.end, span[1] + 6)]):
        return True
    if any(doc[a.end].text in {"-", "–"} for a in actors_in_tokens(sentence, *span) if a.end < len(doc)):
        return True
    return trigger.text[:1].isupper() and trigger.pos_ == "PROPN"  # a named agreement


def is_anaphoric(trigger: Token, verb: Token | None, sentence: SentenceContext, parties: list[str]) -> bool:
    """ "This agreement will allow ..." refers back to one already reported."""
    if verb is not None:
        return False
    dets = {c.lower_ for c in trigger.children if c.dep_ in {"det", "poss"}}
    if dets & {"this", "that", "these", "those", "such", "its", "the", "their"}:
        has_name = any(c.dep_ in {"compound", "amod"} for c in trigger.children)
        between = any(c.lower_ == "between" for c in trigger.subtree)
        signed = any(c.lower_ in SIGNED_WORDS for c in trigger.subtree)
        return not (between or signed or (has_name and len(parties) >= 2))
    return False


def extract_agreements(sentence: SentenceContext) -> list[Fact]:
    enumerated = enumeration_facts(sentence)
    if enumerated:
        return enumerated
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
        facts.append(fact)
        facts += extensions(sentence, fact, verb)
        if len(parties) >= 2:
            sentence.context.parties = parties[:2]
    note_signing_date(sentence)
    return facts


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


def refers_back(trigger: Token, span: tuple[int, int]) -> bool:
    """ "The agreement was signed here by ...": a bare definite noun names one already reported;
    "the agreement between ESA and X on Y" names a new one."""
    dets = {c.lower_ for c in trigger.children if c.dep_ in {"det", "poss"}}
    # "the agreement with JAXA" still refers back; "the agreement between X and Y on Z" names a new one
    parties_named = any(c.dep_ == "prep" and c.lower_ == "between" for c in trigger.children)
    return bool(dets & {"the", "this", "that", "these"}) and span[1] - span[0] == 1 and not parties_named


def nested_topic(trigger: Token) -> str:
    """ "an Agreement between ESA and the Government of X on Cooperation in Y": the parse hangs the
    topic under the last party; it still names the agreement."""
    for child in trigger.children:
        if child.dep_ == "prep" and child.lower_ in {"between", "with"}:
            for token in child.subtree:
                if (
                    token.dep_ == "prep"
                    and token.lower_ in {"on", "for", "concerning", "regarding"}
                    and (not _when_or_where(token, ()))
                ):
                    # to the end of the party phrase: the parse may hang the rest on another party
                    end = max(phrase_end(token, ()), child.right_edge.i)
                    return trigger.doc[token.i : end + 1].text
    return ""


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
