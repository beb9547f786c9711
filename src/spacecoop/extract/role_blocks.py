"""Roles stated by layout rather than by a sentence: a name on its own line with the office under
it (signature and contact blocks), and bylines ("By: Ann Doe - Daily Planet Senior Editor").

    Ann Doe
    Head of External Communications - Example Space Systems
"""

from __future__ import annotations

import re

from spacecoop.extract.context import DocContext, SentenceContext
from spacecoop.models import Fact

# words that make a short line an office even where the lexicon has no such office
_TITLE_WORDS = re.compile(
    r"\b(?:communications?|press|media|relations|officer|editor|correspondent|spokes\w*|director|head|"
    r"manager|chief|president|chair\w*|ceo|coordinator|responsable|attach[ée]e?|sprecher\w*|leiter\w*)\b",
    re.I,
)
_BYLINE = re.compile(r"(?:^|\s)(?:By|Par|Von|Por|Di)\s*:?\s+(?P<name>[^-–|,]+?)\s*[-–|,]\s*(?P<title>.+)$")
_BY = re.compile(r"^\s*(?:By|Par|Von|Por|Di)\s*:?\s+")
_ORG_KINDS = {"agency", "company", "organization", "intergovernmental", "ministry"}
_SEPARATORS = re.compile(r"\s*[-–|,]\s*")


def organisation_in(text: str, knowledge) -> str | None:
    """The first organisation the knowledge knows among the words of a short line."""
    if knowledge is None:
        return None
    words = re.findall(r"[\w&.'’-]+", text)
    for size in range(min(4, len(words)), 0, -1):
        for start in range(len(words) - size + 1):
            known = knowledge.lookup(" ".join(words[start : start + size]))
            if known is not None and known.type in _ORG_KINDS:
                return known.name
    return None


# title words that also occur in the names of bodies ("Example Media", "Press Association")
_NAME_PARTS = {"media", "press", "relations", "communications", "communication"}
_MODIFIERS = {"senior", "deputy", "chief", "managing", "executive", "associate", "head", "external", "acting"}


def _named_before_title(text: str) -> str | None:
    """ "Daily Planet Senior Editor": capitalised words before the office name its body."""
    words = text.split()
    for i, word in enumerate(words):
        if word.lower() in _MODIFIERS or (_TITLE_WORDS.fullmatch(word) and word.lower() not in _NAME_PARTS):
            before = words[:i]
            if 1 <= len(before) <= 4 and all(w[:1].isupper() for w in before):
                return " ".join(before)
            return None
    return None


def _is_name_line(sentence: SentenceContext) -> bool:
    people = sentence.persons()
    text = _BY.sub("", sentence.text.strip())  # "By: Ann Doe" above her title
    return len(people) == 1 and people[0].text.strip() == text and 2 <= len(text.split()) <= 5


def _title_and_org(text: str, context: DocContext) -> tuple[str, str] | None:
    text = text.strip()
    if not text or len(text.split()) > 14 or not _TITLE_WORDS.search(text):
        return None
    organisation = organisation_in(text, context.knowledge) or _named_before_title(text)
    if organisation is None:
        # "Your contact"-like headings name no body; only a known publisher may stand in
        publisher = context.publisher
        known = context.knowledge.lookup(publisher) if publisher and context.knowledge is not None else None
        if known is None or known.type not in _ORG_KINDS:
            return None
        organisation = known.name
    title = _SEPARATORS.sub(", ", text).strip(" ,")
    if title.startswith(organisation + " "):
        title = title[len(organisation) + 1 :]  # "Daily Planet Senior Editor" -> "Senior Editor"
    return title, organisation


def _fact(sentence: SentenceContext, person: str, title: str, organisation: str, how: str) -> Fact:
    from spacecoop.extract.roles import role_fact

    return role_fact(sentence, person, title, organisation, 0.7, how)


def block_roles(sentences: list[SentenceContext]) -> list[Fact]:
    facts: list[Fact] = []
    for sentence, following in zip(sentences, sentences[1:], strict=False):
        if _is_name_line(sentence):
            found = _title_and_org(following.text, sentence.context)
            if found:
                person = sentence.persons()[0].name
                facts.append(_fact(following, person, found[0], found[1], "signature block"))
    for sentence in sentences:
        line = sentence.text.strip().splitlines()[0] if sentence.text.strip() else ""
        match = _BYLINE.search(line)
        if match and len(match["name"].split()) in (2, 3, 4):
            found = _title_and_org(match["title"], sentence.context)
            if found:
                facts.append(_fact(sentence, match["name"].strip(), found[0], found[1], "byline"))
    return facts
