"""Mentions in fact arguments to canonical entities: organisations, launchers, missions and places
through the knowledge files and what documents declare; people through `persons`."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace

from spacecoop.models import Document, Entity, Fact
from spacecoop.resolve.document_aliases import declared_aliases
from spacecoop.resolve.kinds import kind_of, role_for
from spacecoop.resolve.name_graph import KnowledgeLike, NameGraph
from spacecoop.resolve.names import name_key
from spacecoop.resolve.office_names import looks_like_office
from spacecoop.resolve.payloads import one_off_payloads
from spacecoop.resolve.persons import PersonMention, cluster_people
from spacecoop.resolve.slots import SLOT_BY_ARG, Slot, fact_mentions

MentionKey = tuple[str, str, str]  # (fact id, slot kind, surface as written)


@dataclass(frozen=True)
class EntityIndex:
    """Every canonical entity, and which one each mention of each fact resolved to."""

    entities: tuple[Entity, ...]
    mention_ids: Mapping[MentionKey, str]
    # A role title as written -> the knowledge's name for that office ("Directeur général" ->
    # "Director General"), so titles in several languages name one office.
    office_titles: Mapping[str, str] = field(default_factory=dict)
    # (fact id, surface) of payloads that name the rocket ("launch by Soyuz of two satellites").
    payload_vehicles: frozenset[tuple[str, str]] = frozenset()
    # Entity id -> the entity id of its country's government (CNES -> France), for known entities.
    countries: Mapping[str, str] = field(default_factory=dict)
    # Payload entities that name one spacecraft, launched once (see `payloads`).
    one_off: frozenset[str] = frozenset()
    # Entity id -> its kind (see `kinds`): what role it can play in an event.
    kinds: Mapping[str, str] = field(default_factory=dict)
    _by_id: dict[str, Entity] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_by_id", {e.id: e for e in self.entities})

    def get(self, entity_id: str) -> Entity | None:
        return self._by_id.get(entity_id)

    def entity_id(self, fact_id: str, arg: str, surface: str) -> str | None:
        """The entity a fact's argument `arg` ("parties", "vehicle"...) names with `surface`."""
        slot = SLOT_BY_ARG.get(arg)
        if slot is None:
            return None
        return self.mention_ids.get((fact_id, slot.kind, surface.strip()))

    def role_of(self, fact_id: str, arg: str, surface: str, role: str, fact_type: str = "") -> str:
        """The role a mention plays in its event: its slot's, unless a payload names the rocket or
        the entity's kind cannot play it (a place named as a party is the place; see `kinds`). An
        office's organisation stays its organisation whatever its kind (the chair of a board)."""
        if arg == "payloads" and (fact_id, surface.strip()) in self.payload_vehicles:
            return "vehicle"
        if fact_type == "role":
            return role
        entity_id = self.entity_id(fact_id, arg, surface)
        return role_for(role, self.kinds.get(entity_id) if entity_id else None)

    def office_title(self, role: str) -> str:
        return self.office_titles.get(role.strip(), role.strip())

    def name(self, entity_id: str) -> str:
        entity = self._by_id.get(entity_id)
        return entity.name if entity else entity_id


def resolve_entities(
    facts: Iterable[Fact],
    documents: Iterable[Document],
    knowledge: KnowledgeLike,
    mentioned: Iterable[str] = (),
) -> EntityIndex:
    """Resolve every mention in the facts' arguments to one canonical Entity. `mentioned` holds the
    knowledge ids the pipeline found in the documents' text: those entities are included even
    when no fact names them, so every actor a document mentions has a profile. The same facts and
    documents in any order give the same index."""
    identified = sorted(((f.id, f) for f in facts), key=lambda pair: pair[0])
    doc_aliases = declared_aliases(documents)
    graph = NameGraph(knowledge)
    person_mentions: list[tuple[str, Slot, str]] = []
    payload_vehicles = set()
    for fact_id, fact in identified:
        for slot, surface in fact_mentions(fact):
            if slot.kind == "person" and not looks_like_office(surface):
                person_mentions.append((fact_id, slot, surface))
            elif slot.arg == "payloads" and _names_a_rocket(surface, fact, knowledge):
                payload_vehicles.add((fact_id, surface))
                graph.add_mention("launcher", surface, SLOT_BY_ARG["vehicle"])
            else:
                kind = "office" if slot.kind == "person" else slot.kind
                graph.add_mention(kind, surface, slot)
    for name, alias, kind in doc_aliases:
        graph.add_declaration(name, alias, kind)
    for entity_id in sorted(set(mentioned)):
        graph.add_known(entity_id)
    mention_ids: dict[MentionKey, str] = {}
    entities = graph.entities()
    for fact_id, fact in identified:
        for slot, surface in fact_mentions(fact):
            if slot.kind != "person" or looks_like_office(surface):
                kind = "office" if slot.kind == "person" else slot.kind
                if (fact_id, surface) in payload_vehicles:
                    kind = "launcher"
                mention_ids[(fact_id, slot.kind, surface)] = graph.entity_of(kind, surface)
    people, person_ids = cluster_people(_person_mentions(identified, person_mentions, mention_ids))
    for (fact_id, surface), entity_id in person_ids.items():
        mention_ids[(fact_id, "person", surface)] = entity_id
    entities = _people_named_as_payloads(entities, people, mention_ids)
    kinds = {e.id: kind_of(e, knowledge.get(e.id)) for e in (*entities, *people)}
    all_entities = {e.id: e for e in (*_distinct_names(entities, kinds), *people)}
    titles = {}
    for _, fact in identified:
        role = fact.args.get("role") if fact.type == "role" else None
        if isinstance(role, str) and role.strip() and role.strip() not in titles:
            known = knowledge.lookup(role.strip(), ("office",))
            titles[role.strip()] = known.name if known is not None else role.strip()
    return EntityIndex(
        tuple(sorted(all_entities.values(), key=lambda e: e.id)),
        mention_ids,
        titles,
        frozenset(payload_vehicles),
        _countries(all_entities, knowledge),
        one_off_payloads(all_entities.values(), knowledge),
        kinds,
    )


_KIND_ORDER = ("agency", "government", "company", "institute", "launcher", "spacecraft", "mission")


def _distinct_names(entities: list[Entity], kinds: Mapping[str, str]) -> list[Entity]:
    """Two things of one name (Soyuz the rocket and Soyuz the spacecraft) are told apart: the first
    kind keeps the name, the others take their kind after it ("Soyuz (spacecraft)"), the plain name
    kept as an alias."""
    by_name: dict[str, list[Entity]] = {}
    for entity in entities:
        by_name.setdefault(name_key(entity.name), []).append(entity)
    renamed: dict[str, Entity] = {}
    for same in by_name.values():
        if len({kinds.get(e.id) for e in same}) < 2:
            continue
        ordered = sorted(same, key=lambda e: (_rank(kinds.get(e.id)), e.id))
        for entity in ordered[1:]:
            name = f"{entity.name} ({kinds.get(entity.id)})"
            aliases = tuple(sorted({*entity.aliases, entity.name}))
            renamed[entity.id] = replace(entity, name=name, aliases=aliases)
    return [renamed.get(e.id, e) for e in entities]


def _rank(kind: str | None) -> int:
    return _KIND_ORDER.index(kind) if kind in _KIND_ORDER else len(_KIND_ORDER)


def _people_named_as_payloads(
    entities: list[Entity], people: Iterable[Entity], mention_ids: dict[MentionKey, str]
) -> list[Entity]:
    """A payload that names a person the facts know ("Soyuz with Thomas Pesquet") is that person,
    on board as crew, not a mission of the same name."""
    by_key = {name_key(n): p.id for p in people for n in (p.name, *p.aliases)}
    remapped: set[str] = set()
    for key, entity_id in list(mention_ids.items()):
        person = by_key.get(name_key(key[2])) if key[1] == "payload" else None
        if person:
            mention_ids[key] = person
            remapped.add(entity_id)
    still = set(mention_ids.values())
    return [e for e in entities if e.id not in remapped or e.id in still]


def _countries(entities: Mapping[str, Entity], knowledge: KnowledgeLike) -> dict[str, str]:
    countries = {}
    for entity_id in sorted(entities):
        known = knowledge.get(entity_id)
        country = getattr(known, "country", None) if known is not None else None
        government = knowledge.lookup(country, ("government",)) if country else None
        if government is not None and government.id != entity_id:
            countries[entity_id] = government.id
    return countries


def _names_a_rocket(surface: str, fact: Fact, knowledge: KnowledgeLike) -> bool:
    """A payload that the knowledge reads first as a launcher, in a launch with no other rocket:
    "launch by Soyuz of two Galileo satellites" lists the rocket among the payloads."""
    found = knowledge.lookup(surface)
    if found is None or found.type != "launcher":
        return False
    vehicle = fact.args.get("vehicle")
    if not isinstance(vehicle, str) or not vehicle.strip():
        return True
    other = knowledge.lookup(vehicle, ("launcher",))
    return other is not None and other.id == found.id


def _person_mentions(
    identified: list[tuple[str, Fact]],
    person_mentions: list[tuple[str, Slot, str]],
    mention_ids: Mapping[MentionKey, str],
) -> list[PersonMention]:
    by_id = dict(identified)
    return [
        PersonMention(fact_id, surface, _context_orgs(by_id[fact_id], mention_ids, fact_id))
        for fact_id, _, surface in person_mentions
    ]


def _context_orgs(fact: Fact, mention_ids: Mapping[MentionKey, str], fact_id: str) -> frozenset[str]:
    """The organisations a person appears with in one fact: a role's organisation, a meeting's
    organisations, an agreement's parties. They keep two people who share a surname apart."""
    found = set()
    for slot, surface in fact_mentions(fact):
        if slot.kind == "org":
            entity_id = mention_ids.get((fact_id, "org", surface))
            if entity_id:
                found.add(entity_id)
    return frozenset(found)
