"""Roles the constructions did not catch, decided by a model over (person, organisation) pairs.

Propose broadly, then decide with evidence: every person and every organisation or state that one
sentence names, near an office word, is a candidate role. A logistic model fitted on hand-checked
roles (`scripts/train_role_pairs.py`) weighs what lies between them (a comma, "of", a possessive, a
verb, other names) and which is the nearest to which. Pairs the constructions already gave are left
alone; the rest become roles when the model is confident enough.
"""

from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass
from functools import cache
from importlib import resources

from spacecoop.extract.context import Actor, SentenceContext

MODEL_FILE = "role_pairs.json"
MAX_GAP = 25  # tokens between the person and the organisation
_LINK_WORDS = {"of", "de", "du", "des", "del", "della", "di", "der", "von", "do", "da", "dell", "d"}
_AND_WORDS = {"and", "et", "y", "und", "e", "ed", "&"}
_POSSESSIVE = {"'s", "’s", "'"}
_OFFICE_STOP = _LINK_WORDS | _AND_WORDS | {"the", "la", "le", "les", "el", "il", "for", "to", "in", "general"}


@cache
def office_words(knowledge) -> frozenset[str]:
    """Words that make an office, from the offices the knowledge lists in every language: each
    one-word name or alias ("Präsident", "ministro", "astronaute"), and the head of each English name
    (its last word before any remit: "Minister for Space" gives "minister", "Press Officer" "officer")."""
    words: set[str] = set()
    for entity in knowledge.of_type("office"):
        for form in (entity.name, *entity.aliases):
            if " " not in form.strip():
                words.add(form.strip().lower())
        head: list[str] = []
        for word in re.findall(r"[^\W\d_]+", entity.name.lower()):
            if word in _LINK_WORDS or word in {"for", "to", "in"}:
                break
            head.append(word)
        words.update(head[-1:])
    return frozenset(w for w in words - _OFFICE_STOP if len(w) > 1)


@dataclass(frozen=True)
class Candidate:
    person: Actor
    organization: Actor
    office: str
    features: dict[str, float]


def _is_office(token, words: frozenset[str]) -> bool:
    return token.lower_ in words or (token.text.isupper() and token.text in {"PM", "CEO", "DG"})


def office_near(
    sentence: SentenceContext, person: Actor, org: Actor, words: frozenset[str], modifiers: frozenset[str]
) -> str | None:
    """The office phrase that ties them: between the two, else just before or after the person."""
    doc = sentence.sent.doc
    low, high = (org.end, person.start) if org.end <= person.start else (person.end, org.start)
    between = [t for t in doc[low:high] if _is_office(t, words)]
    if between:
        return _phrase(doc, between[0].i, high, words, modifiers)
    before = [
        t for t in doc[max(sentence.sent.start, person.start - 6) : person.start] if _is_office(t, words)
    ]
    if before:
        return _phrase(doc, before[-1].i, person.start, words, modifiers)
    after_end = min(sentence.sent.end, person.end + 8)
    after = [t for t in doc[person.end : after_end] if _is_office(t, words)]
    if after:
        return _phrase(doc, after[0].i, after_end, words, modifiers)
    org_end = min(sentence.sent.end, org.end + 4)
    after_org = [t for t in doc[org.end : org_end] if _is_office(t, words)]
    if org.start > person.end and after_org:
        return _phrase(doc, after_org[0].i, org_end, words, modifiers)
    return None


@cache
def office_modifiers(knowledge) -> frozenset[str]:
    """Words that qualify an office before its head ("Deputy", "Prime", "Associate", "vice")."""
    words: set[str] = set()
    for entity in knowledge.of_type("office"):
        for form in (entity.name, *entity.aliases):
            words |= set(re.findall(r"[^\W\d_]+", form.lower()))
    return frozenset(words - _LINK_WORDS - _AND_WORDS - {"the", "for", "to", "in"})


def _phrase(
    doc, start: int, limit: int, words: frozenset[str], modifiers: frozenset[str] = frozenset()
) -> str:
    """Office words from `start` on, through 'of'/'for' links, stopping before other text; the
    qualifiers just before the first one belong to it ("Deputy Prime Minister")."""
    while start > 0 and doc[start - 1].lower_ in modifiers and not doc[start - 1].is_sent_end:
        start -= 1
    tokens = []
    for token in doc[start:limit]:
        if _is_office(token, words) or (tokens and token.lower_ in {"of", "for", "and", "de", "du"}):
            tokens.append(token)
            continue
        break
    while tokens and not _is_office(tokens[-1], words):
        tokens.pop()
    return " ".join(t.text for t in tokens)


def pair_features(
    sentence: SentenceContext, person: Actor, org: Actor, words: frozenset[str], office: str = ""
) -> dict[str, float]:
    """`office` is the office phrase found near them (office_near), "" when none."""
    doc = sentence.sent.doc
    org_first = org.end <= person.start
    low, high = (org.end, person.start) if org_first else (person.end, org.start)
    between = list(doc[low:high])
    gap = len(between)
    lower = {t.lower_ for t in between}
    others = [a for a in sentence.actors if a is not person and a is not org]
    persons_between = sum(1 for a in others if a.is_person and a.start >= low and a.end <= high)
    orgs_between = sum(1 for a in others if not a.is_person and a.start >= low and a.end <= high)
    distance = abs(
        (org.start if not org_first else org.end) - (person.end if not org_first else person.start)
    )
    nearest_org = min(
        (a for a in sentence.actors if not a.is_person),
        key=lambda a: abs(a.start - person.start),
        default=None,
    )
    nearest_person = min(
        (a for a in sentence.actors if a.is_person),
        key=lambda a: abs(a.start - org.start),
        default=None,
    )
    window_before = doc[max(sentence.sent.start, person.start - 4) : person.start]
    window_after = doc[person.end : min(sentence.sent.end, person.end + 5)]
    return {
        f"shape={'OP' if org_first else 'PO'}:{_shape(between, words)}": 1.0,
        f"before={_shape(window_before[-2:], words)}": 1.0,
        "org_first": float(org_first),
        "adjacent": float(gap == 0),
        "gap_short": float(0 < gap <= 3),
        "gap_mid": float(3 < gap <= 8),
        "gap_long": float(gap > 8),
        "distance": min(distance, MAX_GAP) / MAX_GAP,
        "comma": float("," in lower),
        "possessive": float(bool(lower & _POSSESSIVE)),
        "link": float(bool(lower & _LINK_WORDS)),
        "and": float(bool(lower & _AND_WORDS)),
        "verb": float(any(t.pos_ in {"VERB", "AUX"} for t in between)),
        "paren": float("(" in lower),
        "persons_between": min(persons_between, 3) / 3,
        "orgs_between": min(orgs_between, 3) / 3,
        "no_office": float(not office),
        "office_between": float(any(_is_office(t, words) for t in between)),
        "office_before": float(any(_is_office(t, words) for t in window_before)),
        "office_after": float(any(_is_office(t, words) for t in window_after)),
        "nearest_org": float(nearest_org is org),
        "nearest_person": float(nearest_person is person),
        "country": float(org.is_country),
        "agency": float(org.kind == "agency"),
        "company": float(org.kind == "company"),
        "unknown_org": float(org.kind is None and not org.is_country),
        "demonym": float(org.label == "NORP"),
        "full_name": float(len(person.name.split()) >= 2),
        "persons_in_sentence": min(sum(1 for a in sentence.actors if a.is_person), 5) / 5,
    }


def _shape(tokens, words: frozenset[str]) -> str:
    """What lies between two names, as word classes: O office, L 'of', A 'and', P punctuation,
    S possessive, V verb, D determiner, N name, X other; long stretches are just 'long'."""
    if len(tokens) > 6:
        return "long"
    classes = []
    for token in tokens:
        if _is_office(token, words):
            mark = "O"
        elif token.lower_ in _POSSESSIVE:
            mark = "S"
        elif token.lower_ in _LINK_WORDS:
            mark = "L"
        elif token.lower_ in _AND_WORDS:
            mark = "A"
        elif token.is_punct:
            mark = "P"
        elif token.pos_ in {"VERB", "AUX"}:
            mark = "V"
        elif token.pos_ == "DET":
            mark = "D"
        elif token.pos_ == "PROPN":
            mark = "N"
        else:
            mark = "X"
        if not classes or classes[-1] != mark or mark not in "OXN":
            classes.append(mark)
    return "".join(classes) or "-"


def candidates(sentence: SentenceContext, knowledge) -> list[Candidate]:
    """Every (person, organisation or state) pair of the sentence with an office word near them."""
    words, modifiers = office_words(knowledge), office_modifiers(knowledge)
    persons = [a for a in sentence.actors if a.is_person]
    bodies = [a for a in sentence.actors if (a.is_org or a.is_country) and not a.is_person]
    out = []
    for person in persons:
        for org in bodies:
            if org.start < person.end and person.start < org.end:
                continue
            gap = org.start - person.end if person.end <= org.start else person.start - org.end
            if gap > MAX_GAP:
                continue
            office = office_near(sentence, person, org, words, modifiers) or ""
            out.append(Candidate(person, org, office, pair_features(sentence, person, org, words, office)))
    return out


@dataclass(frozen=True)
class PairModel:
    weights: dict[str, float]
    bias: float
    threshold: float

    def probability(self, features: dict[str, float]) -> float:
        z = self.bias + sum(self.weights.get(k, 0.0) * v for k, v in features.items())
        return 1.0 / (1.0 + math.exp(-z))

    def to_dict(self) -> dict:
        return {"weights": self.weights, "bias": self.bias, "threshold": self.threshold}

    @classmethod
    def from_dict(cls, data: dict) -> PairModel:
        return cls(dict(data["weights"]), float(data["bias"]), float(data["threshold"]))


@cache
def packaged_pair_model() -> PairModel | None:
    path = resources.files("spacecoop.extract").joinpath("data", MODEL_FILE)
    if not path.is_file():
        return None
    return PairModel.from_dict(json.loads(path.read_text(encoding="utf-8")))


def _surname(name: str | None) -> str:
    words = (name or "").lower().split()
    return words[-1] if words else ""


def pair_roles(
    sentences: list[SentenceContext], facts: list, model: PairModel | None, sink: list | None = None
):
    """Roles from the pairs the constructions left, where `model` finds them likely. With `sink`,
    every pair considered is appended to it as (document key, candidate, features): the rows the
    model is fitted on."""
    from spacecoop.extract.roles import role_fact

    have = {(_surname(f.args.get("person")), f.args.get("organization")) for f in facts if f.type == "role"}
    with_role = {surname for surname, _ in have}
    out = []
    for sentence in sentences:
        for candidate in candidates(sentence, sentence.context.knowledge):
            surname = _surname(candidate.person.name)
            key = (surname, candidate.organization.name)
            if key in have:
                continue
            features = {**candidate.features, "person_has_role": float(surname in with_role)}
            if sink is not None:
                sink.append((sentence.context.key, candidate, features))
            if model is None:
                continue
            probability = model.probability(features)
            if probability >= model.threshold:
                name, org = candidate.person.name, candidate.organization.name
                # no office word near them: a member of the body, which a named office replaces
                office = candidate.office or "member"
                out.append(role_fact(sentence, name, office, org, probability, "pair model"))
                have.add(key)
    return out
