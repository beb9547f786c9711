"""Which fact arguments name entities, what kind of entity each names, and the role it plays."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from spacecoop.models import Fact


@dataclass(frozen=True)
class Slot:
    arg: str  # the argument's key in Fact.args
    role: str  # the role an entity plays in the event (event_entities.role)
    kind: str  # which names are compared with each other: org, person, launcher, payload, location
    guess_type: str  # the type of an entity the knowledge files do not know
    known_types: tuple[str, ...]  # knowledge types this slot may name, preferred first


_ORG_TYPES = ("agency", "government", "intergovernmental", "ministry", "organization", "company")
SLOTS = (
    Slot("parties", "party", "org", "organization", _ORG_TYPES),
    Slot("organizations", "organization", "org", "organization", _ORG_TYPES),
    Slot("organization", "organization", "org", "organization", _ORG_TYPES),
    Slot("signatories", "signatory", "person", "person", ("office",)),
    Slot("participants", "participant", "person", "person", ("office",)),
    Slot("person", "person", "person", "person", ("office",)),
    Slot("vehicle", "vehicle", "launcher", "launcher", ("launcher", "spacecraft")),
    Slot("payloads", "payload", "payload", "mission", ("mission", "spacecraft", "instrument")),
    Slot("crew", "crew", "person", "person", ("office",)),
    Slot("site", "site", "location", "site", ("site", "city")),
    Slot("place", "place", "location", "place", ("city", "site", "government")),
)
SLOT_BY_ARG = {slot.arg: slot for slot in SLOTS}


def surfaces(value: Any) -> list[str]:
    """The names an argument holds: a string, or a list of strings; blanks dropped."""
    if value is None:
        return []
    items = value if isinstance(value, list | tuple) else [value]
    return [item.strip() for item in items if isinstance(item, str) and item.strip()]


def fact_mentions(fact: Fact) -> Iterator[tuple[Slot, str]]:
    """Every (slot, surface) of a fact's arguments, in slot order."""
    for slot in SLOTS:
        for surface in surfaces(fact.args.get(slot.arg)):
            yield slot, surface
