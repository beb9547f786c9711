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


def _initial(token) -> bool:
    text = token.text.rstrip(".")
    return len(text) == 1 and text.isupper() and text.isalpha()


def initialled_names(doc: Doc, taken: set[int], titles: frozenset[str] = frozenset()) -> list[Span]:
    """Names written with initials before the name, as South Asian names often are ("P Kunhikrishnan",
    "A S Kiran Kumar", "K. Sivan"), which the NER misses or takes for a place."""
    out: list[Span] = []
    i = 0
    while i < len(doc):
        start = i
        while i < len(doc) and i - start < 3 and _initial(doc[i]) and i not in taken:
            i += 1
        initials = i - start
        end = i
        while end < len(doc) and end - i < 2 and end not in taken and _surname_like(doc[end]):
            end += 1
        lone_article = (
            initials == 1 and doc[start].text in {"A", "I"} and (start == 0 or doc[start].is_sent_start)
        )
        # "Phase B Studies" is no name; "Chairman A S Kiran Kumar" is
        before = doc[start - 1] if start > 0 else None
        after_word = (
            before is not None and before.is_title and before.is_alpha and before.lower_ not in titles
        )
        if initials and end > i and not lone_article and not after_word:
            out.append(Span(doc, start, end, label="PERSON"))
            i = end
        else:
            i = start + 1
    return out


def _surname_like(token) -> bool:
    return token.is_title and token.is_alpha and len(token.text) >= 3
