"""How a sentence reads an agreement: the noun that names it, its title, the verb that signs it,
its status, and whether the sentence reports one at all."""

from __future__ import annotations

import re

from spacy.tokens import Token

from spacecoop.extract.agreement_parties import actors_in_tokens
from spacecoop.extract.context import SentenceContext
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
from spacecoop.models import DateValue


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
    if word == "loi" and token.text != "LOI":
        return False  # French "loi" is a law; LOI is a letter of intent
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


# verbs and nouns that cite an instrument as the ground of another ("reinforce the Treaty")
_BACKGROUND = {
    "reinforce",
    "reinforces",
    "reinforced",
    "implement",
    "implements",
    "reaffirm",
    "reaffirms",
    "strengthen",
    "strengthens",
    "commitment",
    "commitments",
    "obligations",
    "grounded",
    "principles",
    "enshrined",
}
_SIGN_FORMS = {"sign", "signs", "signature", "established", "join", "joins", "joined"}
_VAGUE_QUANTITY = {"several", "many", "numerous", "various", "multiple", "some", "countless"}
# determiners of a noun that refers back, in the languages the product reads
_BACK_DETERMINERS = {
    "this",
    "that",
    "these",
    "those",
    "such",
    "its",
    "the",
    "their",
    "le",
    "la",
    "l'",
    "l’",
    "ce",
    "cet",
    "cette",
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
    "este",
    "esta",
    "dicho",
    "o",
    "esse",
}


_NUMBER_WORDS = {"three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10}


def _count(token: Token) -> int:
    if token.text.isdigit():
        return int(token.text)
    return _NUMBER_WORDS.get(token.lower_, 0)


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
    if (
        any(a.dep_ == "attr" and a.head.lemma_ == "be" for a in [trigger.head, trigger.head.head])
        and trigger.dep_ == "pobj"
        and not (verb is not None and verb.head.i == trigger.i)  # "the result of an agreement signed by"
    ):
        return False
    if trigger.dep_ == "attr" and not any(c.dep_ == "expl" for c in trigger.head.children):
        # "X are agreements between ..." defines; "This is the first agreement signed by ..." reports;
        # "There is an agreement between ..." states one in force
        return verb is not None and verb.head.i == trigger.i
    # "several partnership agreements", "numerous MoUs": a tally, not one agreement
    if any(c.lower_ in _VAGUE_QUANTITY for c in trigger.children if c.dep_ in {"amod", "det", "nummod"}):
        return False
    # "has signed contracts for 19 payloads since 2000": a running total, not one agreement
    if trigger.tag_ in {"NNS", "NNPS"} and any(t.lower_ == "since" for t in trigger.sent):
        return False
    # "has signed 25 launch contracts", "nine signed contracts": a count of agreements told as one
    if trigger.tag_ in {"NNS", "NNPS"} and any(
        c.dep_ == "nummod" and _count(c) >= 3
        for c in [*trigger.children, *(g for c in trigger.children for g in c.children)]
    ):
        return False
    if verb is not None:
        return True
    doc = sentence.sent.doc
    words = {t.lower_ for t in sentence.sent}
    if sentence.text.rstrip().endswith("?"):
        return False  # "What do the Accords say?": a heading or a question, not a report
    if words & _BACKGROUND and not words & (SIGNED_WORDS | _SIGN_FORMS):
        # "The Accords reinforce the Outer Space Treaty": an instrument cited as background
        return False
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
    if dets & _BACK_DETERMINERS or _foreign_article(trigger):
        has_name = any(c.dep_ in {"compound", "amod"} for c in trigger.children)
        after = trigger.doc[trigger.i : min(trigger.sent.end, trigger.i + 4)]
        between = any(
            c.lower_ in {"between", "entre", "zwischen", "tra", "fra"} for c in [*trigger.subtree, *after]
        )
        signed = any(c.lower_ in SIGNED_WORDS for c in trigger.subtree)
        return not (between or signed or (has_name and len(parties) >= 2))
    return False


def refers_back(trigger: Token, span: tuple[int, int]) -> bool:
    """ "The agreement was signed here by ...": a bare definite noun names one already reported;
    "the agreement between ESA and X on Y" names a new one."""
    dets = {c.lower_ for c in trigger.children if c.dep_ in {"det", "poss"}}
    # "the agreement with JAXA" still refers back; "the agreement between X and Y on Z" names a new one
    parties_named = any(c.dep_ == "prep" and c.lower_ == "between" for c in trigger.children)
    definite = dets & (_BACK_DETERMINERS - {"such", "its", "their"}) or _foreign_article(trigger)
    return bool(definite) and span[1] - span[0] == 1 and not parties_named


def _foreign_article(trigger: Token) -> bool:
    """ "Das Abkommen", "dem neuen Abkommen", "Il MOU": the English parse seldom links a foreign
    article to its noun."""
    for back in (1, 2):
        if trigger.i - back < trigger.sent.start:
            return False
        word = trigger.doc[trigger.i - back].lower_
        if word in _BACK_DETERMINERS - _ENGLISH:
            return True
        if back == 1 and not trigger.doc[trigger.i - 1].is_alpha:
            return False
    return False


_ENGLISH = {"this", "that", "these", "those", "such", "its", "the", "their", "o"}


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
