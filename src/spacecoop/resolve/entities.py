"""Mentions in fact arguments to canonical entities: organisations, launchers, missions and places
through the knowledge files and what documents declare; people through `persons`."""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Protocol

from spacecoop.models import Document, Entity, Fact
from spacecoop.resolve.document_aliases import ORG_HEADS, find_document_aliases
from spacecoop.resolve.names import fold, name_key, short_hash, slug
from spacecoop.resolve.office_names import looks_like_office
from spacecoop.resolve.persons import PersonMention, cluster_people
from spacecoop.resolve.slots import SLOT_BY_ARG, Slot, fact_mentions
from spacecoop.resolve.unionfind import UnionFind


class KnownLike(Protocol):
    id: str
    name: str
    type: str
    aliases: tuple[str, ...]
    wikidata: str | None
    country: str | None
    predecessors: tuple[str, ...]
    successors: tuple[str, ...]


class KnowledgeLike(Protocol):
    """What resolution needs of `spacecoop.knowledge.Knowledge`."""

    entities: Sequence[KnownLike]

    def lookup(self, surface: str, types: tuple[str, ...] = ()) -> KnownLike | None: ...

    def get(self, entity_id: str) -> KnownLike | None: ...


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

    def role_of(self, fact_id: str, arg: str, surface: str, role: str) -> str:
        """The role a mention plays in its event: its slot's, unless a payload names the rocket."""
        if arg == "payloads" and (fact_id, surface.strip()) in self.payload_vehicles:
            return "vehicle"
        return role

    def office_title(self, role: str) -> str:
        return self.office_titles.get(role.strip(), role.strip())

    def name(self, entity_id: str) -> str:
        entity = self._by_id.get(entity_id)
        return entity.name if entity else entity_id


def resolve_entities(
    facts: Iterable[Fact], documents: Iterable[Document], knowledge: KnowledgeLike
) -> EntityIndex:
    """Resolve every mention in the facts' arguments to one canonical Entity. The same facts and
    documents in any order give the same index."""
    identified = sorted(((f.id, f) for f in facts), key=lambda pair: pair[0])
    doc_aliases = _declared_aliases(documents)
    graph = _NameGraph(knowledge)
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
    all_entities = {e.id: e for e in (*entities, *people)}
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
    )


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


def _declared_aliases(documents: Iterable[Document]) -> list[tuple[str, str, str]]:
    documents = list(documents)
    found = set()
    for document in documents:
        for alias in find_document_aliases(document.text):
            found.add((alias.name, alias.alias, alias.kind))
    # A description given to several different names ("the national space agency") is a common
    # noun phrase, not a name: it joins nothing.
    named: dict[str, set[str]] = defaultdict(set)
    for name, alias, kind in found:
        if kind in ("description", "alternative"):
            named[name_key(alias)].add(name_key(name))
    found = {
        f for f in found if f[2] not in ("description", "alternative") or len(named[name_key(f[1])]) == 1
    }
    spelled = _proper_spellings({alias for _, alias, kind in found if kind == "description"}, documents)
    return sorted((name, spelled.get(alias, alias), kind) for name, alias, kind in found)


_CAPITALISED_RUN = re.compile(r"\b[A-Z][\w'’-]*(?:\s+(?:[A-Z][\w'’-]*|of|for|and|de|du|des))+")


def _proper_spellings(descriptions: set[str], documents: list[Document]) -> dict[str, str]:
    """ "the Russian federal space agency" is also written "the Russian Federal Space Agency"
    elsewhere: the capitalised spelling, where some document uses it, is the one to show. One pass
    over each document's capitalised word runs, whatever the number of descriptions."""
    wanted = {name_key(d): d for d in descriptions if d != d.title()}
    if not wanted:
        return {}
    sizes = {len(key.split()) for key in wanted}
    best: dict[str, str] = {}
    for document in documents:
        for match in _CAPITALISED_RUN.finditer(document.text):
            words = match.group(0).split()
            for size in sizes:
                for start in range(len(words) - size + 1):
                    form = " ".join(words[start : start + size])
                    key = name_key(form)
                    if key in wanted and _capitals(form) > _capitals(best.get(key, wanted[key])):
                        best[key] = form
    return {wanted[key]: form for key, form in best.items()}


class _NameGraph:
    """Names of non-person entities, grouped into one entity per connected set of equivalent names."""

    def __init__(self, knowledge: KnowledgeLike) -> None:
        self.knowledge = knowledge
        self.union = UnionFind()
        self.forms: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)  # node -> forms seen
        self.slots: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)  # node -> guessed types
        self.known_types: dict[str, tuple[str, ...]] = {}
        self.former: list[tuple[tuple[str, str], tuple[str, str]]] = []
        self._resolved: dict[tuple[str, str], str] | None = None
        self._entities: dict[str, Entity] = {}

    def add_mention(self, kind: str, surface: str, slot: Slot) -> None:
        node = (kind, name_key(surface))
        self.union.add(node)
        self.forms[node][surface] += 1
        self.slots[node]["office" if kind == "office" else slot.guess_type] += 1
        self.known_types.setdefault(kind, slot.known_types if kind != "office" else ("office",))

    def add_declaration(self, name: str, alias: str, kind: str) -> None:
        # A declaration joins names only within a kind where one of them is already mentioned.
        for mention_kind in sorted({k for k, _ in self.forms}):
            a, b = (mention_kind, name_key(name)), (mention_kind, name_key(alias))
            if a not in self.forms and b not in self.forms:
                continue
            for node, form in ((a, name), (b, alias)):
                self.union.add(node)
                self.forms[node][form] += 0
            if kind == "former":
                self.former.append((b, a))  # (older name, newer name)
            else:
                self.union.join(a, b)

    def _known_for(self, node: tuple[str, str]) -> KnownLike | None:
        kind = node[0]
        for form in sorted(self.forms[node]):
            found = self.knowledge.lookup(form, self.known_types.get(kind, ()))
            if found is None and kind == "org":
                found = self.knowledge.lookup(form)
            if found is not None:
                return found
        return None

    def _resolve(self) -> dict[tuple[str, str], str]:
        if self._resolved is not None:
            return self._resolved
        resolved: dict[tuple[str, str], str] = {}
        components: dict[tuple[str, str], list[tuple[str, str]]] = defaultdict(list)
        for node in sorted(self.forms):
            components[self.union.find(node)].append(node)
        for members in sorted(components.values()):
            known = {node: self._known_for(node) for node in members}
            known_ids = sorted({k.id for k in known.values() if k is not None})
            if len(known_ids) == 1:
                entity = self._known_entity(self.knowledge.get(known_ids[0]) or _first(known), members)
                for node in members:
                    resolved[node] = entity.id
            elif known_ids:
                # Names of two known entities were declared equivalent: keep each known one; the
                # unknown names join the first known entity in order, so the result is stable.
                for node, found in known.items():
                    if found is not None:
                        resolved[node] = self._known_entity(found, [node]).id
                default = resolved[next(n for n in members if known[n] is not None)]
                for node in members:
                    resolved.setdefault(node, default)
                    if known[node] is None:
                        self._add_aliases(default, self.forms[node])
            else:
                entity = self._unknown_entity(members)
                for node in members:
                    resolved[node] = entity.id
        for older, newer in self.former:
            self._link(resolved.get(older), resolved.get(newer))
        self._resolved = resolved
        return resolved

    def _known_entity(self, known: KnownLike, members: list[tuple[str, str]]) -> Entity:
        canonical = self._canonical_known(known)
        entity = self._entities.get(canonical.id)
        if entity is None:
            entity = Entity(
                id=canonical.id,
                name=canonical.name,
                type=canonical.type,
                aliases=tuple(canonical.aliases),
                wikidata=canonical.wikidata,
                predecessors=tuple(canonical.predecessors),
                successors=tuple(canonical.successors),
            )
            self._entities[entity.id] = entity
            for linked in (*canonical.predecessors, *canonical.successors):
                other = self.knowledge.get(linked)
                if other is not None and other.id not in self._entities:
                    self._known_entity(other, [])
        for node in members:
            self._add_aliases(canonical.id, self.forms[node])
        self._add_aliases(canonical.id, self._demonym_free_forms(canonical))
        return self._entities[canonical.id]

    def _canonical_known(self, known: KnownLike) -> KnownLike:
        # Two knowledge entries with one Wikidata id are one entity: the smaller id stands for both.
        if not known.wikidata:
            return known
        same = [e for e in self.knowledge.entities if e.wikidata == known.wikidata]
        return min(same, key=lambda e: e.id) if same else known

    def _demonym_free_forms(self, known: KnownLike) -> list[str]:
        """ "Russian Federal Space Agency" also reads "Federal Space Agency" when the agency is
        Russian: a national adjective in front of a three-word name is often dropped."""
        country = self.knowledge.lookup(known.country) if known.country else None
        demonyms = tuple(getattr(country, "demonyms", ()) or ()) if country else ()
        derived = []
        for form in (known.name, *known.aliases, *self._aliases_of(known.id)):
            words = form.split()
            if len(words) >= 4 and words[0] in demonyms and fold(words[-1]) in ORG_HEADS:
                rest = " ".join(words[1:])
                if self.knowledge.lookup(rest) in (None, known):
                    derived.append(rest)
        return derived

    def _aliases_of(self, entity_id: str) -> tuple[str, ...]:
        entity = self._entities.get(entity_id)
        return entity.aliases if entity else ()

    def _unknown_entity(self, members: list[tuple[str, str]]) -> Entity:
        forms: Counter[str] = Counter()
        types: Counter[str] = Counter()
        for node in members:
            forms.update(self.forms[node])
            types.update(self.slots[node])
        name = max(forms, key=lambda f: (forms[f], _capitals(f), len(f), f))
        kind = max(types, key=lambda t: (types[t], t)) if types else "organization"
        entity_id = f"{kind}:{slug(name)}"
        if entity_id in self._entities:
            entity_id = f"{entity_id}-{short_hash(*sorted(n for _, n in members))[:6]}"
        entity = Entity(id=entity_id, name=name, type=kind)
        self._entities[entity_id] = entity
        self._add_aliases(entity_id, forms)
        return entity

    def _add_aliases(self, entity_id: str, forms: Iterable[str]) -> None:
        entity = self._entities[entity_id]
        self._entities[entity_id] = _with_aliases(entity, forms)

    def _link(self, older_id: str | None, newer_id: str | None) -> None:
        if not older_id or not newer_id or older_id == newer_id:
            return
        older, newer = self._entities[older_id], self._entities[newer_id]
        self._entities[older_id] = _replace(older, successors=_sorted_union(older.successors, [newer_id]))
        self._entities[newer_id] = _replace(newer, predecessors=_sorted_union(newer.predecessors, [older_id]))

    def entities(self) -> list[Entity]:
        self._resolve()
        return list(self._entities.values())

    def entity_of(self, kind: str, surface: str) -> str:
        return self._resolve()[(kind, name_key(surface))]


def _with_aliases(entity: Entity, forms: Iterable[str]) -> Entity:
    """Aliases deduplicated by their folded key, keeping the most capitalised spelling, never the name."""
    best: dict[str, str] = {}
    name = name_key(entity.name)
    for form in (*entity.aliases, *forms):
        key = name_key(form)
        if not key or key == name:
            continue
        current = best.get(key)
        if current is None or (_capitals(form), form) > (_capitals(current), current):
            best[key] = form
    aliases = tuple(sorted(best.values(), key=lambda a: (name_key(a), a)))
    return entity if aliases == entity.aliases else _replace(entity, aliases=aliases)


def _capitals(text: str) -> int:
    return sum(c.isupper() for c in text)


def _sorted_union(current: tuple[str, ...], extra: Iterable[str]) -> tuple[str, ...]:
    return tuple(sorted(set(current) | set(extra)))


def _replace(entity: Entity, **changes: object) -> Entity:
    from dataclasses import replace

    return replace(entity, **changes)


def _first(known: Mapping[tuple[str, str], KnownLike | None]) -> KnownLike:
    return next(k for k in known.values() if k is not None)
