"""Which state an official serves when the text names the office but not the state
("Prime Minister X said", "la ministre des Armées").

Evidence, strongest first: a state this sentence names that no other official here already
serves ("the Australian minister A and B" -> B is not Australian); the state the document's
language is spoken in, for languages of one state (a French, German or Italian release about its
own ministers); the state of the publishing organisation (an agency's release); the state the
document names most, its cities counted for their state.
"""

from __future__ import annotations

from collections import Counter

from spacecoop.extract.context import DocContext, SentenceContext

# languages spoken as the national language of one space-faring state
_LANGUAGE_STATE = {"fr": "France", "de": "Germany", "it": "Italy"}


def document_states(context: DocContext) -> list[str]:
    """States the document names, most named first (cities and agencies count for their state)."""
    cached = getattr(context, "_states_by_weight", None)
    if cached is not None:
        return cached
    knowledge = context.knowledge
    counts: Counter[str] = Counter()
    for ent in context.doc.ents:
        canonical, kind = ent._.canonical, ent._.kind
        if kind == "government" and canonical:
            counts[canonical] += 2
        elif kind == "city" and knowledge is not None:
            known = knowledge.lookup(canonical or ent.text)
            if known is not None and known.country:
                counts[known.country] += 1
    ranked = [name for name, _ in counts.most_common()]
    context._states_by_weight = ranked
    return ranked


def served_state(sentence: SentenceContext, claimed: set[str]) -> str | None:
    context = sentence.context
    knowledge = context.knowledge
    named = [a.name for a in sentence.actors if a.is_country and a.kind == "government"]
    for name in named:
        if name not in claimed:
            return name
    language_state = _LANGUAGE_STATE.get(context.language)
    if language_state and language_state not in claimed:
        return language_state
    publisher = context.publisher
    if publisher and knowledge is not None:
        known = knowledge.lookup(publisher)
        if known is not None and known.country and known.country not in claimed:
            return known.country
    for name in document_states(context) or context.countries:
        if name not in claimed:
            return name
    return None  # every state in view already has its official here: no guess
