"""Terms of office from the knowledge files beside the terms seen in documents: the knowledge knows
when a term began and ended, the documents show the holder with sources. `who_held` uses both and
says which answered (`basis`)."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Connection, select

from spacecoop.knowledge.holders import known_terms
from spacecoop.models import OfficeTerm
from spacecoop.resolve.names import slug
from spacecoop.resolve.office_names import office_label
from spacecoop.store import schema


@dataclass(frozen=True)
class Answerable:
    """A term `who` may answer with: its basis and the people's names the store may not hold."""

    term: OfficeTerm
    basis: str  # "evidence" | "knowledge" | "knowledge and evidence"
    person_name: str | None = None
    organization_name: str | None = None
    wikidata: str | None = None  # the holder's Wikidata id, where the knowledge is sure of it


def combined_terms(conn: Connection, organizations: set[str], evidence: list[OfficeTerm]) -> list[Answerable]:
    """The evidence terms of `organizations`, with the knowledge's terms in place of those of the
    same people: the knowledge's dates, the evidence's sources."""
    known = [t for t in known_terms() if t.organization in organizations]
    if not known:
        return [Answerable(t, "evidence") for t in evidence]
    people = _people(conn)
    answers: list[Answerable] = []
    replaced: set[tuple[str, str]] = set()
    for kt in known:
        office = office_label(kt.office)
        person = _match_person(kt.person, people)
        same = [
            t
            for t in evidence
            if person
            and t.person == person
            and t.organization == kt.organization
            and _family(t.office) == _family(office)
        ]
        replaced.update((t.person, t.office) for t in same)
        events = tuple(sorted({e for t in same for e in t.event_ids}))
        term = OfficeTerm(
            office, kt.organization, person or f"known:{slug(kt.person)}", kt.start, kt.end, events
        )
        basis = "knowledge and evidence" if events else "knowledge"
        answers.append(Answerable(term, basis, kt.person, None, kt.wikidata))
    answers.extend(Answerable(t, "evidence") for t in evidence if (t.person, t.office) not in replaced)
    return answers


def _family(office: str) -> str:
    # A head's titles differ between organisations (CNES's President, ESA's Director General).
    return "head" if office in ("Head", "President", "Chief Executive") else office


def _people(conn: Connection) -> dict[str, list[str]]:
    from spacecoop.resolve.names import parse_person

    e = schema.entities
    by_surname: dict[str, list[str]] = {}
    for row in conn.execute(select(e.c.id, e.c.name).where(e.c.type == "person")).all():
        surname = parse_person(row.name).surname
        if surname:
            by_surname.setdefault(surname, []).append(row.id)
    return by_surname


def _match_person(name: str, people: dict[str, list[str]]) -> str | None:
    """The stored person of that name: by surname, when exactly one person bears it."""
    from spacecoop.resolve.names import parse_person

    found = people.get(parse_person(name).surname or "", [])
    return found[0] if len(found) == 1 else None
