"""People the small statistical NER mislabels.

The small English model often takes a person's name for an organisation or a place ("Fabio
Favata" as ORG, "Jean-Yves Le Gall" as ORG next to the same name as PERSON). Two general repairs:
the names the knowledge knows as holders of offices are people wherever they occur, and a name
the document already gave as a person is a person where it is repeated.
"""

from __future__ import annotations

from functools import lru_cache

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span

from spacecoop.knowledge.holders import known_terms

# Labels the NER gives names it does not recognise as people.
_MISTAKEN = {"ORG", "GPE", "FAC", "NORP", "LOC", "PRODUCT", "WORK_OF_ART", "EVENT"}


@lru_cache(maxsize=1)
def _holder_names() -> tuple[str, ...]:
    return tuple(sorted({term.person for term in known_terms()}))


class KnownPeople:
    """Matches the people of the knowledge's office holders, in any case."""

    def __init__(self, nlp: Language):
        self.matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
        names = [name for name in _holder_names() if len(name.split()) >= 2]
        self.matcher.add("PERSON", [nlp.tokenizer(name) for name in names])

    def spans(self, doc: Doc) -> list[Span]:
        return [Span(doc, start, end, label="PERSON") for _, start, end in self.matcher(doc)]


def repeated_people(ents: list[Span]) -> list[Span]:
    """Spans labelled as bodies or places whose words the document elsewhere gives as a person's
    whole name: relabelled PERSON. Single words are left alone ("Israel" the surname and the state)."""
    people = {_words(e) for e in ents if e.label_ == "PERSON" and len(_words(e)) >= 2}
    out = []
    for ent in ents:
        if ent.label_ in _MISTAKEN and not ent.kb_id_ and _words(ent) in people:
            out.append(Span(ent.doc, ent.start, ent.end, label="PERSON"))
    return out


def _words(span: Span) -> tuple[str, ...]:
    return tuple(t.lower_ for t in span if t.is_alpha or "-" in t.text or "'" in t.text)
