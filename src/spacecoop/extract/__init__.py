"""Fact extractors, one module per fact type, run over the sentences of an annotated Doc.

Roles run first over the whole document, so that later sentences know who holds which office
("Mr Le Gall" is CNES's President) when they name parties and participants.
"""

from __future__ import annotations

from collections.abc import Callable

from spacy.tokens import Doc

from spacecoop.extract.agreements import extract_agreements
from spacecoop.extract.consolidate import consolidate_agreements
from spacecoop.extract.context import DocContext, SentenceContext, sentence_contexts
from spacecoop.extract.launches import extract_launches
from spacecoop.extract.meetings import extract_meetings
from spacecoop.extract.role_blocks import block_roles
from spacecoop.extract.role_pairs import PairModel, pair_roles
from spacecoop.extract.roles import contact_roles, extract_roles, note_event_date
from spacecoop.models import Document, Fact

# The one explicit list of sentence extractors, in the order they run after roles.
EXTRACTORS: tuple[Callable[[SentenceContext], list[Fact]], ...] = (
    extract_meetings,
    extract_agreements,
    extract_launches,
)


def extract_facts(
    doc: Doc,
    document: Document | None,
    knowledge,
    timexes,
    pair_model: PairModel | None = None,
    pair_sink: list | None = None,
) -> list[Fact]:
    """The facts of one annotated Doc. `pair_model` decides the (person, organisation) pairs the
    role constructions left (see role_pairs); `pair_sink` collects those pairs for fitting it."""
    context = DocContext(doc=doc, document=document, knowledge=knowledge, timexes=list(timexes or []))
    sentences = sentence_contexts(context)
    facts: list[Fact] = []
    for sentence in sentences:
        sentence.prior_event_date = context.last_event_date
        sentence.prior_agencies = tuple(reversed(context.agencies_seen))
        facts += extract_roles(sentence)
        note_event_date(sentence)
        for name in (a.name for a in sentence.actors if a.kind == "agency"):
            if name in context.agencies_seen:
                context.agencies_seen.remove(name)
            context.agencies_seen.append(name)
    facts += contact_roles(context)
    facts += block_roles(sentences)
    facts += pair_roles(sentences, facts, pair_model, pair_sink)
    for sentence in sentences:
        for extractor in EXTRACTORS:
            facts += extractor(sentence)
        crafts = [a.name for a in sentence.actors if a.label == "MISSION" and not _station(a.name)]
        if crafts:
            context.last_craft = crafts[-1]
    return consolidate_agreements(dedupe(facts))


def _station(name: str) -> bool:
    """A space station is where craft go, not what "the satellite" refers back to."""
    return "station" in name.lower() or name in {"ISS", "Mir", "Tiangong", "Gateway", "lunar Gateway"}


_GENERIC_ROLES = {"member", "crew member"}


def dedupe(facts: list[Fact]) -> list[Fact]:
    """One fact per statement: the same role stated twice in a document is kept once, and a
    generic "member" role gives way to a named office of the same person and body."""
    specific = {
        (_surname(f), f.args.get("organization"))
        for f in facts
        if f.type == "role" and (f.args.get("role") or "").lower() not in _GENERIC_ROLES
    }
    facts = [
        f
        for f in facts
        if not (
            f.type == "role"
            and (f.args.get("role") or "").lower() in _GENERIC_ROLES
            and (_surname(f), f.args.get("organization")) in specific
        )
    ]
    facts = drop_recounted_meetings(facts)
    seen: set = set()
    out = []
    for fact in facts:
        if fact.type == "role":
            person = (fact.args.get("person") or "").split()
            key = (
                "role",
                person[-1].lower() if person else "",
                fact.args.get("organization"),
                (fact.args.get("role") or "").lower(),
            )
        elif fact.type == "meeting" and fact.args.get("participants"):
            # a meeting recounted later in the text ("I had a constructive meeting with X today")
            key = (
                "meeting",
                frozenset(p.split()[-1].lower() for p in fact.args["participants"]),
                fact.date.iso if fact.date else None,
            )
        else:
            key = (
                fact.type,
                fact.evidence.start,
                repr(sorted(fact.args.items())),
                fact.date.iso if fact.date else None,
            )
        if key in seen:
            continue
        seen.add(key)
        out.append(fact)
    return out


def _surname(fact: Fact) -> str:
    words = (fact.args.get("person") or "").split()
    return words[-1].lower() if words else ""


def drop_recounted_meetings(facts: list[Fact]) -> list[Fact]:
    """A meeting told again with fewer names ("X commented on the talks") is the one told before."""
    out: list[Fact] = []
    for fact in facts:
        if fact.type == "meeting":
            mine = {p.split()[-1].lower() for p in fact.args.get("participants") or []}
            if mine and any(
                f.type == "meeting"
                and mine < {p.split()[-1].lower() for p in f.args.get("participants") or []}
                and (not fact.date or not f.date or fact.date.iso == f.date.iso)
                for f in out
            ):
                continue
        out.append(fact)
    return out
