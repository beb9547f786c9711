"""Who an agreement binds, who signed it and where: the parties from the parse around the
agreement noun and its verb, the signatories (people, or offices where no person is named)."""

from __future__ import annotations

import re

from spacy.tokens import Token

from spacecoop.extract.context import Actor, SentenceContext
from spacecoop.extract.lexicon import SIGN_VERBS, SIGNED_WORDS
from spacecoop.extract.units import codes, sentence_units

_VIRTUAL = {"virtual", "virtually", "online", "videoconference", "video-conference", "remotely"}


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
        if actor.is_party and (
            not_a_party(actor, doc) or in_place_phrase(actor, doc) or describes_another(actor, actors, doc)
        ):
            continue
        # "the Mexican Space Agency (AEM)": the text's own acronym names the body
        acronym = starts.get(actor.end + 1)
        if (
            actor.end < len(doc)
            and doc[actor.end].text == "("
            and acronym is not None
            and acronym.is_party
            and acronym.text.isupper()
        ):
            continue
        if actor.is_party:
            name = actor.name
        elif actor.is_person and (known := context.recall(actor.name)) and known[2]:
            name = known[2]
        else:
            continue
        if "(" in name and ")" not in name:
            name = name.split("(")[0].strip()  # "ST Electronics (Satcom & Sensor Systems": cut at the gloss
        if name and name not in names:
            names.append(name)
    return names


# "Director of Legal Affairs", "Secretary of State", "Minister for Education and Science": the body
# the NER finds there is the office's remit, not a party
_OFFICE_OF = re.compile(
    r"\b(?:minister|ministry|secretary|director|administrator|commissioner|head|chief|president|"
    r"chairman|chair|officer|undersecretary|deputy)\s+(?:general\s+)?(?:of|for)\s+(?:the\s+)?"
    r"(?:[A-Z][\w-]*,?\s+(?:and\s+|&\s+)?)*$",
    re.I,
)
_OFFICE_AFTER = re.compile(r"^(?:,?\s*(?:and\s+)?[A-Z][\w-]*)*\s+(?:Minister|Secretary|Ministers)\b")
_AGREEMENT_WORD = re.compile(
    r"\b(?:agreement|accords?|memorandum|treaty|charter|convention|contract)\b", re.I
)


def not_a_party(actor: Actor, doc) -> bool:
    """Names the NER takes for bodies that are none: an office's remit, an agreement's own name,
    or scraps ("B]y")."""
    if actor.kind is not None:
        return False
    if not actor.text[:1].isalnum() or "]" in actor.text or _AGREEMENT_WORD.search(actor.text):
        return True
    before = doc[max(0, actor.start - 8) : actor.start].text
    after = doc[actor.end : min(len(doc), actor.end + 6)].text
    return bool(_OFFICE_OF.search(before + " ")) or bool(_OFFICE_AFTER.match(" " + after))


def describes_another(actor: Actor, actors: list[Actor], doc) -> bool:
    """ "Antrix, the commercial arm of ISRO,": a body named inside an apposition describes the party
    before it; it is no party itself."""
    node = doc[actor.end - 1]
    embedded = False  # inside "of X" within the apposition, not the apposition itself (a new name)
    for _ in range(5):
        if node.head.i == node.i:
            return False
        embedded = embedded or node.dep_ == "pobj"
        if node.dep_ == "appos":
            head = node.head
            return embedded and any(
                a is not actor and a.is_party and a.start <= head.i < a.end for a in actors
            )
        node = node.head
    return False


def in_place_phrase(actor: Actor, doc) -> bool:
    """ "at Le Bourget, France", "Darmstadt, Germany -", "Singapore-based": the country locates
    something; it signs nothing."""
    if actor.kind == "government" and doc[actor.end : actor.end + 2].text.replace(" ", "") == "-based":
        return True
    if actor.kind != "government" or actor.start < 2 or doc[actor.start - 1].text != ",":
        return False
    city = doc[actor.start - 2]
    return city.ent_type_ in {"GPE", "LOC", "FAC"} and city.ent_iob_ != "O"


def actors_in_tokens(sentence: SentenceContext, start: int, end: int) -> list[Actor]:
    return [a for a in sentence.actors if a.start >= start and a.end <= end]


def find_parties(sentence: SentenceContext, trigger: Token, verb: Token | None, span: tuple[int, int]):
    return without_home_states(_find_parties(sentence, trigger, verb, span), sentence.context.knowledge)


def without_home_states(parties: list[str], knowledge) -> list[str]:
    """ "the French and German agencies CNES and DLR": when the text presents agencies, they are the
    parties, not the states they belong to."""
    if knowledge is None or len(parties) < 2:
        return parties
    homes = set()
    for name in parties:
        entry = knowledge.lookup(name)
        if entry is not None and entry.type != "government" and getattr(entry, "country", None):
            homes.add(entry.country)
    kept = [p for p in parties if p not in homes]
    return kept if len(kept) >= 2 or len(kept) == len(parties) else parties


def _find_parties(sentence: SentenceContext, trigger: Token, verb: Token | None, span: tuple[int, int]):
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
    signs_before = any(t.lemma_.lower() in SIGN_VERBS for t in doc[sentence.sent.start : trigger.i])
    if not parties and (
        verb is not None or signs_before or any(t.lower_ in SIGNED_WORDS for t in sentence.sent)
    ):
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
