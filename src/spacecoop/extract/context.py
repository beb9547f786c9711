"""What an extractor sees: one sentence of an annotated spaCy Doc, its actors and dates, and
what the document has already told (its date, its publisher, who holds which office)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from spacy.tokens import Doc
from spacy.tokens import Span as SpacySpan

from spacecoop.extract.lexicon import HONORIFICS
from spacecoop.models import DateValue, Document, Span

ACTOR_LABELS = {
    "PERSON",
    "ORG",
    "GPE",
    "NORP",
    "LOC",
    "FAC",
    "PRODUCT",
    "LAUNCHER",
    "SITE",
    "MISSION",
    "WORK_OF_ART",
    "EVENT",
}
ORG_KINDS = {"agency", "company", "ministry", "intergovernmental", "organization"}
_INITIAL = re.compile(r"^[A-Z]\.$")
_POSSESSIVE = re.compile(r"(?:'s|’s|'|’)$")


@dataclass(frozen=True)
class Actor:
    """A named thing in a sentence. `name` is canonical where the knowledge knows it."""

    text: str
    name: str
    label: str
    kind: str | None
    start: int  # token index in the Doc
    end: int
    start_char: int
    end_char: int

    @property
    def is_person(self) -> bool:
        return self.label == "PERSON"

    @property
    def is_org(self) -> bool:
        return self.label == "ORG" or (self.kind in ORG_KINDS)

    @property
    def is_country(self) -> bool:
        return self.kind == "government" or (self.label in {"GPE", "NORP"} and self.kind is None)

    @property
    def is_party(self) -> bool:
        """Can sign an agreement: an organisation or a state."""
        return self.is_org or self.kind == "government"


def clean_person(text: str) -> str:
    """A person's name as the text gives it, without titles, middle initials or suffixes."""
    # "Thomas Pesquet’s Proxima": the name ends at the possessive
    text = re.split(r"(?:'s|’s)\b", text.strip())[0]
    words = _POSSESSIVE.sub("", text).split()
    while words and words[0].lower().rstrip(",") in HONORIFICS:
        words = words[1:]
    words = [
        w for w in words if not _INITIAL.match(w) and w.rstrip(".,") not in {"Jr", "Sr", "V", "III", "II"}
    ]
    return " ".join(words).strip(" ,")


def clean_name(text: str) -> str:
    text = _POSSESSIVE.sub("", text.strip())
    text = re.sub(r"^(?:the|The|l'|la|le|les|der|die|das)\s+", "", text)
    return text.strip(' ,.;:"“”')


def actor_from_ent(ent: SpacySpan, knowledge) -> Actor | None:
    label = ent.label_
    if label not in ACTOR_LABELS:
        return None
    canonical, kind = ent._.canonical, ent._.kind
    if canonical is None and label in {"NORP", "GPE", "ORG", "LOC", "FAC"} and knowledge is not None:
        known = knowledge.lookup(clean_name(ent.text))
        if known is not None:
            canonical, kind = known.name, known.type
    if label == "PERSON":
        name = clean_person(ent.text)
        if not name or not any(c.isupper() for c in name):
            return None
    else:
        name = canonical or clean_name(ent.text)
    if not name:
        return None
    return Actor(ent.text, name, label, kind, ent.start, ent.end, ent.start_char, ent.end_char)


@dataclass
class DocContext:
    """What the whole document says, shared by the extractors of its sentences."""

    doc: Doc
    document: Document | None
    knowledge: object
    timexes: list = field(default_factory=list)
    # surname (lower) -> (full name, office, organisation) learnt from roles earlier in the text
    people: dict[str, tuple[str, str | None, str | None]] = field(default_factory=dict)
    # the pair of parties the text is about, learnt from its agreements and meetings
    parties: list[str] = field(default_factory=list)
    # states the text names, in order of first mention (an office of state with no state named)
    countries: list[str] = field(default_factory=list)
    # the day of the last event reported so far (a role "as of" the signing told just before)
    last_event_date: DateValue | None = None
    # the day of the last signing reported, and the last agreement extracted (for "the agreement")
    last_signing_date: DateValue | None = None
    last_agreement: object = None
    # the craft named last (for "the satellite is scheduled to launch in 2022")
    last_craft: str | None = None
    # agencies in the order the text last named them (for "the agency")
    agencies_seen: list[str] = field(default_factory=list)

    @property
    def key(self) -> str:
        return self.document.key if self.document else "doc"

    @property
    def doc_id(self) -> str:
        return self.document.id if self.document else ""

    @property
    def date(self) -> DateValue | None:
        return self.document.date if self.document else None

    @property
    def publisher(self) -> str | None:
        return self.document.publisher.value if self.document else None

    @property
    def language(self) -> str:
        return (self.document.language.value if self.document else None) or "en"

    def remember(self, person: str, office: str | None, organization: str | None) -> None:
        surname = person.split()[-1].lower() if person else ""
        if surname and (surname not in self.people or organization):
            self.people[surname] = (person, office, organization)

    def recall(self, person: str) -> tuple[str, str | None, str | None] | None:
        surname = person.split()[-1].lower() if person else ""
        return self.people.get(surname)


@dataclass
class SentenceContext:
    context: DocContext
    sent: SpacySpan
    index: int
    actors: list[Actor]
    timexes: list
    # the day of the last event reported before this sentence (set while reading in order)
    prior_event_date: DateValue | None = None
    # the agency the text named last before this sentence ("the agency")
    prior_agencies: tuple[str, ...] = ()

    def the_agency(self) -> str | None:
        """What "the agency" refers to: the agency named most recently before this sentence,
        but not one this sentence names on its own ("the agency finalized an agreement
        involving Roscosmos" is not Roscosmos)."""
        named = {a.name for a in self.actors}
        return next((name for name in self.prior_agencies if name not in named), None)

    @property
    def text(self) -> str:
        return self.sent.text

    def evidence(self) -> Span:
        text = self.sent.text
        stripped = text.rstrip()
        lead = len(text) - len(text.lstrip())
        return Span(self.sent.start_char + lead, self.sent.start_char + len(stripped), stripped.strip())

    def tokens_lower(self) -> list[str]:
        return [t.lower_ for t in self.sent]

    def persons(self) -> list[Actor]:
        return [a for a in self.actors if a.is_person]


_NAME_BEFORE_YEAR = re.compile(r"(?<![.!?]\s)\b([A-Z][\w-]*[a-z][\w-]*|[A-Z]{2,})\s$")
_NOT_NAMES = {
    "In",
    "By",
    "Since",
    "Until",
    "From",
    "To",
    "And",
    "Of",
    "On",
    "For",
    "Before",
    "After",
    "During",
}


def names_a_year(timex, text: str) -> bool:
    """ "ExoMars 2020", "MAKS 2017": a year that is part of a name is not a date of the sentence."""
    if not re.fullmatch(r"\d{4}", timex.text):
        return False
    match = _NAME_BEFORE_YEAR.search(text[max(0, timex.start - 30) : timex.start])
    return bool(match) and match.group(1) not in _NOT_NAMES and not _is_month(match.group(1))


def _is_month(word: str) -> bool:
    return word.lower()[:3] in {
        "jan",
        "feb",
        "mar",
        "apr",
        "may",
        "jun",
        "jul",
        "aug",
        "sep",
        "oct",
        "nov",
        "dec",
    }


_NAME_JOINERS = {"and", "et", "und", "e", "y"}


def split_people(ent: SpacySpan) -> list[SpacySpan]:
    """ "Jean-Yves Le Gall et Xu Dazhe" taken as one person: two people."""
    if ent.label_ != "PERSON":
        return [ent]
    parts, start = [], ent.start
    for token in ent:
        if token.lower_ in _NAME_JOINERS and token.i > start:
            parts.append(ent.doc[start : token.i])
            start = token.i + 1
    parts.append(ent.doc[start : ent.end])
    if len(parts) == 1:
        return [ent]
    return [SpacySpan(ent.doc, p.start, p.end, label="PERSON") for p in parts if len(p)]


def sentence_contexts(context: DocContext) -> list[SentenceContext]:
    from spacecoop.extract.dating import backdated

    doc = context.doc
    context.timexes = [
        backdated(t, doc.text, context.date) for t in context.timexes if not names_a_year(t, doc.text)
    ]
    title = (context.document.title.value or "").strip() if context.document else ""
    actors = [
        a for e in doc.ents for part in split_people(e) if (a := actor_from_ent(part, context.knowledge))
    ]
    context.countries = list(dict.fromkeys(a.name for a in actors if a.kind == "government"))
    out = []
    for index, sent in enumerate(doc.sents):
        if not sent.text.strip() or (title and sent.text.strip() == title):
            continue  # the headline repeats the lead and is not a statement of its own
        in_sent = [a for a in actors if a.start >= sent.start and a.end <= sent.end]
        times = [t for t in context.timexes if t.start >= sent.start_char and t.end <= sent.end_char]
        out.append(SentenceContext(context, sent, index, in_sent, times))
    return out
