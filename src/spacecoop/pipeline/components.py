"""spacecoop's spaCy components, registered in one explicit place.

- spacecoop_lines: a line break in the clean text ends a sentence (list items, headings, datelines).
- spacecoop_gazetteer: names from the knowledge files, on top of the statistical NER.
- spacecoop_dates: temporal expressions, normalised against the document's date.
- spacecoop_facts: agreements, meetings, launches and roles, each with its evidence sentence.
"""

from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc

from spacecoop.pipeline.dates_component import DatesComponent
from spacecoop.pipeline.facts_component import FactsComponent
from spacecoop.pipeline.gazetteer import Gazetteer

_TIME_ABBREVIATIONS = {"a.m.", "p.m.", "am.", "pm.", "a.m", "p.m"}
_ZONE_WORDS = {
    "eastern",
    "pacific",
    "central",
    "mountain",
    "gmt",
    "utc",
    "edt",
    "est",
    "cet",
    "cest",
    "jst",
    "moscow",
    "local",
    "universal",
    "paris",
    "kourou",
    "baikonur",
    "japan",
    "french",
}


_TERMINAL = {".", "!", "?", "…", ";", ":", "...", "»"}
_CLOSING_QUOTES = {'"', "”", "’", "'", ")", "»"}


def ends_sentence(token) -> bool:
    """Whether a sentence may end after this token: terminal punctuation (or an abbreviation with
    its full stop, or a closing quote after one)."""
    if token.text in _TERMINAL or token.text.endswith("."):
        return token.lower_ not in _TIME_ABBREVIATIONS
    if token.text in _CLOSING_QUOTES and token.i > 0:
        return ends_sentence(token.doc[token.i - 1])
    return False


def mark_line_starts(doc: Doc) -> Doc:
    """A line break starts a sentence and nothing else does unless punctuation ends the one
    before: the statistical parser otherwise splits at "(Roscosmos) Anatoliy Perminov" or after
    "3:42 a.m. Eastern"."""
    for token in doc[:-1]:
        following = doc[token.i + 1]
        if "\n" in token.text or "\n" in token.whitespace_:
            following.is_sent_start = True
        elif following.is_space:
            continue
        elif not ends_sentence(token) or _ordinal_day(token, following):
            following.is_sent_start = False
    return doc


_MONTHS_DE = {
    "januar",
    "jänner",
    "februar",
    "märz",
    "april",
    "mai",
    "juni",
    "juli",
    "august",
    "september",
    "oktober",
    "november",
    "dezember",
}


def _ordinal_day(token, following) -> bool:
    """ "am 14. September": the full stop of a German ordinal day does not end the sentence."""
    if following.lower_ not in _MONTHS_DE:
        return False
    if token.text == "." and token.i > 0:
        before = token.doc[token.i - 1]
        return before.is_digit and len(before.text) <= 2 and not before.whitespace_
    return bool(re.fullmatch(r"\d{1,2}\.", token.text))


# (factory name, placement) in pipeline order: the one list of what spacecoop adds.
COMPONENTS: tuple[tuple[str, dict], ...] = (
    ("spacecoop_lines", {"before": "parser"}),
    ("spacecoop_gazetteer", {"after": "ner"}),
    ("spacecoop_dates", {"last": True}),
    ("spacecoop_facts", {"last": True}),
)


def register_factories() -> None:
    """Make the factories known to spaCy (idempotent), so users can add them to their own pipelines."""
    if "spacecoop_lines" in Language.factories:
        return
    Language.component("spacecoop_lines", func=mark_line_starts)
    Language.factory("spacecoop_gazetteer", func=lambda nlp, name: Gazetteer(nlp))
    Language.factory("spacecoop_dates", func=lambda nlp, name: DatesComponent())
    Language.factory(
        "spacecoop_facts",
        default_config={"min_confidence": None},
        func=lambda nlp, name, min_confidence: FactsComponent(min_confidence=min_confidence),
    )


def add_components(nlp: Language, min_confidence: float | None = None) -> Language:
    register_factories()
    for name, placement in COMPONENTS:
        if name not in nlp.pipe_names:
            config = {"min_confidence": min_confidence} if name == "spacecoop_facts" else {}
            nlp.add_pipe(name, **placement, config=config)
    return nlp
