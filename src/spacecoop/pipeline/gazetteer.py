"""Names from the knowledge files, matched on top of the statistical NER.

Known names win over overlapping statistical entities; unknown actors found by the NER stay.
Each known entity gets its canonical name and kind (`span._.canonical`, `span._.kind`) and
its knowledge id as `ent_id_`.
"""

from __future__ import annotations

import re

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from spacecoop.knowledge import Knowledge, load_knowledge
from spacecoop.pipeline.extensions import register_extensions
from spacecoop.pipeline.people import KnownPeople, initialled_names, repeated_people

# The entity label each knowledge type gets in the Doc.
LABEL_OF_KIND = {
    "agency": "ORG",
    "company": "ORG",
    "ministry": "ORG",
    "intergovernmental": "ORG",
    "organization": "ORG",
    "government": "GPE",
    "city": "GPE",
    "launcher": "LAUNCHER",
    "site": "SITE",
    "mission": "MISSION",
    "spacecraft": "MISSION",
    "instrument": "MISSION",
}


_CRAFT_WORDS = {"spacecraft", "spaceship", "capsule", "crew", "mission", "module", "vessel"}
_SERIAL = re.compile(r"^(?:TMA|TM|MS|T|TMA-M)?-?\d+[A-Z]?$|^(?:TMA|MS|TM)-\d+")
_KIND_PRIORITY = {
    "agency": 0,
    "company": 1,
    "intergovernmental": 1,
    "ministry": 1,
    "organization": 1,
    "government": 2,
    "site": 3,
    "launcher": 4,
    "city": 5,
    "spacecraft": 6,
    "mission": 6,
    "instrument": 7,
}


def is_acronym(surface: str) -> bool:
    """Short all-capital names (CSA, US, ESA) are matched with their exact case only."""
    letters = [c for c in surface if c.isalpha()]
    return len(surface) <= 6 and bool(letters) and all(c.isupper() for c in letters)


_HONORIFIC = {"mr", "mrs", "ms", "dr", "prof", "mme", "mr.", "mrs.", "ms.", "dr.", "prof.", "m."}
_NAME_PARTICLES = {"de", "le", "la", "van", "von", "der", "da", "di", "del", "du", "bin", "al"}


def _name_like(token) -> bool:
    return token.is_title and token.is_alpha and not token.is_sent_start and token.ent_type_ in {"", "PERSON"}


_PERSON_TITLES = {
    "astronaut",
    "astronauts",
    "cosmonaut",
    "cosmonauts",
    "administrator",
    "president",
    "minister",
    "director",
    "chief",
    "head",
    "commander",
    "ambassador",
    "secretary",
    "chairman",
    "ceo",
    "spokesman",
    "spokeswoman",
    "engineer",
    "scientist",
    "taikonaut",
}


def repair_person_names(doc: Doc, ents: list[Span]) -> tuple[list[Span], set[int]]:
    """Whole names where the statistical NER cut them short ("Jean-Yves Le" + "Gall"), missed
    them after an honorific ("Mr Le Gall") or took them for organisations after a title
    ("NASA astronaut Mark Vande Hei"). Returns the people and the starts of ORG spans to drop."""
    people: list[Span] = []
    dropped: set[int] = set()
    for ent in ents:
        if ent.label_ == "ORG" and not ent.kb_id_:
            # "Minister of Communications" is a title, not an organisation
            words = [t for t in ent if t.lower_ not in {"the", "a", "an"}]
            if words and words[0].lower_ in _PERSON_TITLES:
                dropped.add(ent.start)
            # "Digital Economy Prof. Isa Pantami": a name after an honorific inside an ORG
            for token in ent[:-1]:
                if token.lower_.rstrip(".") in {h.rstrip(".") for h in _HONORIFIC} | {"prof", "dr"}:
                    dropped.add(ent.start)
                    people.append(Span(doc, token.i + 1, ent.end, label="PERSON"))
                    break
    ents = [e for e in ents if e.start not in dropped]
    for ent in ents:
        if ent.label_ in {"ORG", "GPE", "NORP"} and not ent.kb_id_ and ent.start > 0 and 2 <= len(ent) <= 4:
            if doc[ent.start - 1].lower_ in _PERSON_TITLES and all(t.is_title for t in ent):
                people.append(Span(doc, ent.start, ent.end, label="PERSON"))
    # "Alain Ratier, Director General of ...": title-case words before a comma and an office
    # (also when the NER took the name for an organisation)
    taken_all = {i for e in ents if e.kb_id_ or e.label_ != "ORG" for i in range(e.start, e.end)}
    for token in doc[2:-2]:
        if token.text == "," and doc[token.i + 1].lower_ in _PERSON_TITLES | {"deputy", "vice", "executive"}:
            start = token.i
            while (
                start > 0
                and doc[start - 1].is_title
                and doc[start - 1].is_alpha
                and start - 1 not in taken_all
            ):
                start -= 1
            if 2 <= token.i - start <= 3 and not doc[start].is_sent_start:
                people.append(Span(doc, start, token.i, label="PERSON"))
    relabelled = {p.start for p in people}
    ents = [e for e in ents if e.start not in relabelled] + people
    taken = {i for e in ents if e.label_ != "PERSON" for i in range(e.start, e.end)}
    for ent in ents:
        if ent.label_ != "PERSON":
            continue
        end = ent.end
        while end < len(doc) and end not in taken and _name_like(doc[end]) and doc[end - 1].whitespace_:
            end += 1
        if end != ent.end:
            people.append(Span(doc, ent.start, end, label="PERSON"))
    for token in doc[:-1]:
        if token.lower_ in _HONORIFIC and token.i + 1 not in taken:
            end = token.i + 1
            while (
                end < len(doc)
                and end not in taken
                and (
                    doc[end].is_title
                    or (doc[end].lower_ in _NAME_PARTICLES and end + 1 < len(doc) and doc[end + 1].is_title)
                )
                and doc[end].is_alpha
            ):
                end += 1
            if end > token.i + 1:
                people.append(Span(doc, token.i + 1, end, label="PERSON"))
    return list({(p.start, p.end): p for p in people}.values()), dropped


class Gazetteer:
    def __init__(self, nlp: Language, knowledge: Knowledge | None = None):
        register_extensions()
        self.knowledge = knowledge or load_knowledge()
        self.people = KnownPeople(nlp)
        self.exact = PhraseMatcher(nlp.vocab, attr="ORTH")
        self.folded = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.by_key: dict[str, object] = {}
        exact: dict[str, list] = {}
        folded: dict[str, list] = {}
        # the knowledge says which names need their exact case: acronyms, and ordinary words
        # that name something ("Hope", "Progress")
        for surface, entity, exact_case in self.knowledge.matcher_forms():
            if entity.type not in LABEL_OF_KIND or not surface.strip():
                continue
            self.by_key[entity.id] = entity
            target = exact if exact_case or is_acronym(surface) else folded
            # texts write the apostrophe straight or curly ("d'études", "d’Études")
            target.setdefault(entity.id, []).extend(
                {surface, surface.replace("'", "’"), surface.replace("’", "'")}
            )
        tokenizer = nlp.tokenizer
        for key, surfaces in exact.items():
            self.exact.add(key, [tokenizer(s) for s in sorted(set(surfaces))])
        for key, surfaces in folded.items():
            self.folded.add(key, [tokenizer(s) for s in sorted(set(surfaces))])

    def known_spans(self, doc: Doc) -> list[Span]:
        by_range: dict[tuple[int, int], list[str]] = {}
        for matcher in (self.exact, self.folded):
            for match_id, start, end in matcher(doc):
                by_range.setdefault((start, end), []).append(doc.vocab.strings[match_id])
        spans = []
        for (start, end), keys in by_range.items():
            key = self.choose(doc, end, sorted(set(keys)))
            if self._another_country(doc, start, self.by_key[key]):
                continue
            spans.append(Span(doc, start, end, label=LABEL_OF_KIND[self.by_key[key].type], kb_id=key))
        return spans

    def _another_country(self, doc: Doc, start: int, entity) -> bool:
        """ "Russian Space Force" is not the U.S. Space Force its last words name: a country or
        its adjective just before a national body's name, naming another state, makes it
        another body."""
        country = getattr(entity, "country", None)
        if not country or start == 0 or not doc[start - 1].is_title:
            return False
        before = doc[start - 1].text
        states = [e for e in self.knowledge.lookup_all(before) if e.type == "government"]
        return bool(states) and all(state.name != country for state in states)

    def choose(self, doc: Doc, end: int, keys: list[str]) -> str:
        """One name, several known things ("Soyuz" the rocket or the spacecraft): the words after
        it decide; otherwise actors before vehicles before craft."""
        if len(keys) == 1:
            return keys[0]
        following = doc[end].text if end < len(doc) else ""
        craft_next = following.lower() in _CRAFT_WORDS or bool(_SERIAL.match(following))

        def rank(key: str) -> int:
            kind = self.by_key[key].type
            if craft_next and kind in {"spacecraft", "mission"}:
                return -1
            return _KIND_PRIORITY.get(kind, 9)

        return min(keys, key=lambda k: (rank(k), k))

    def __call__(self, doc: Doc) -> Doc:
        known = filter_spans(self.known_spans(doc))
        taken = {i for span in known for i in range(span.start, span.end)}
        # people the knowledge knows, where no known body or place is named
        known_people = [
            p for p in self.people.spans(doc) if not any(i in taken for i in range(p.start, p.end))
        ]
        taken |= {i for span in known_people for i in range(span.start, span.end)}
        known_people += initialled_names(doc, taken, frozenset(_PERSON_TITLES))
        taken |= {i for span in known_people for i in range(span.start, span.end)}
        statistical = [e for e in doc.ents if not any(i in taken for i in range(e.start, e.end))]
        people, dropped = repair_person_names(doc, statistical + known + known_people)
        statistical = [e for e in statistical if e.start not in dropped]
        ents = filter_spans(sorted(known + known_people + people + statistical, key=lambda s: s.start))
        repeated = repeated_people(ents)
        if repeated:
            ents = filter_spans(repeated + [e for e in ents if e.start not in {r.start for r in repeated}])
        doc.ents = sorted(ents, key=lambda s: s.start)
        for ent in doc.ents:
            entity = self.by_key.get(ent.kb_id_) if ent.kb_id_ else None
            if entity is not None:
                ent._.canonical = entity.name
                ent._.kind = entity.type
        return doc
