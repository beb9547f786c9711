"""What kind of thing an entity is, and so what role it can play in an event.

Kinds: agency, government, company, institute (research bodies, associations, unknown
organisations), person, place (cities, sites, an agency's centres and campuses), launcher,
spacecraft, mission, office, body (a board, council or committee of an organisation).

One rule per kind: only actors (agency, government, company, institute) are parties and
organisations of an event, and so partners and nodes of the network; only people are participants
and signatories (an office named in their place stays an office: "signatory-office"); a person
named as a payload is crew; a place named as an organisation is the event's place; a body named as
a party stays a body of its organisation."""

from __future__ import annotations

import re

from spacecoop.models import Entity
from spacecoop.resolve.names import fold

ACTOR_KINDS = frozenset({"agency", "government", "company", "institute"})
_BY_TYPE = {
    "person": "person",
    "office": "office",
    "launcher": "launcher",
    "spacecraft": "spacecraft",
    "mission": "mission",
    "instrument": "mission",
    "site": "place",
    "city": "place",
    "place": "place",
    "government": "government",
    "ministry": "government",
    "intergovernmental": "agency",
    "company": "company",
    "agency": "agency",
    "organization": "institute",
}
# Parts of an organisation that do not act for it: its boards and councils.
_BODY = re.compile(
    r"\b(board|council|committee|subcommittee|directorate|secretariat|presidium|working group|"
    r"steering group|conseil|comite|vorstand|ausschuss|consejo|consiglio|comitato)\b"
)
# Facilities are where things happen: campuses, cosmodromes, ranges whoever names them, and the
# centres of an agency the knowledge lists as its parts ("Johnson Space Center"). An unknown
# "Space Centre" may be an agency (Norway's was called so), so that word alone does not decide.
_PLACE = re.compile(
    r"\b(campus|cosmodrome|spaceport|launch (complex|site|pad|base)|range|air base|airport)\b"
)
_CENTRE = re.compile(
    r"\b((space|flight|test|research|control|operations|training) (center|centre)|centre spatial|"
    r"raumfahrtzentrum|kontrollzentrum)\b"
)
_ORG_ROLES = frozenset({"party", "organization"})
_PERSON_ROLES = frozenset({"signatory", "participant"})


def kind_of(entity: Entity, known: object | None) -> str:
    """The entity's kind, from its type, and for an agency's part or an unknown organisation, its name."""
    kind = _BY_TYPE.get(entity.type, "institute")
    if kind not in ("agency", "institute"):
        return kind
    part_of_another = known is None or bool(getattr(known, "parent", None))
    if not part_of_another:
        return kind
    name = fold(entity.name)
    if _BODY.search(name):
        return "body"
    if _PLACE.search(name) or (known is not None and _CENTRE.search(name)):
        return "place"
    return kind


def role_for(role: str, kind: str | None) -> str:
    """The role an entity of `kind` plays when a fact names it in a slot of `role`."""
    if kind is None:
        return role
    if role in _ORG_ROLES and kind not in ACTOR_KINDS:
        if kind == "place":
            return "place"
        if kind == "person":
            return "participant"
        return kind  # body, office, launcher, spacecraft, mission: named, never a partner
    if role in _PERSON_ROLES:
        if kind == "office":
            return f"{role}-office"
        if kind in ACTOR_KINDS:
            return "organization"
    if role == "payload" and kind == "person":
        return "crew"
    return role
