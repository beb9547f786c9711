"""Names of organisations, launchers, missions and places grouped into entities: the knowledge
files' aliases and Wikidata ids, plus the names documents declare equivalent."""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import replace
from typing import Protocol

from spacecoop.models import Entity
from spacecoop.resolve.document_aliases import ORG_HEADS
from spacecoop.resolve.names import capitals, fold, name_key, short_hash, slug
from spacecoop.resolve.slots import Slot
from spacecoop.resolve.unionfind import UnionFind


class KnownLike(Protocol):
    """What resolution reads of a `spacecoop.knowledge.KnownEntity`."""

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


class NameGraph:
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
        self._known: list[KnownLike] = []

    def add_mention(self, kind: str, surface: str, slot: Slot) -> None:
        node = (kind, node_key(kind, surface))
        self.union.add(node)
        self.forms[node][surface] += 1
        self.slots[node]["office" if kind == "office" else slot.guess_type] += 1
        self.known_types.setdefault(kind, slot.known_types if kind != "office" else ("office",))

    def add_declaration(self, name: str, alias: str, kind: str) -> None:
        # A declaration joins names only within a kind where one of them is already mentioned.
        for mention_kind in sorted({k for k, _ in self.forms}):
            a, b = (mention_kind, node_key(mention_kind, name)), (mention_kind, node_key(mention_kind, alias))
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
            if found is not None and kind == "payload" and _one_of_several(form, found):
                continue  # "Vega 1" of the Vega programme: a craft of its own, not the programme
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
        name = max(forms, key=lambda f: (forms[f], capitals(f), len(f), f))
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

    def add_known(self, entity_id: str) -> None:
        """Include a known entity the documents mention even if no fact names it."""
        known = self.knowledge.get(entity_id)
        if known is not None:
            self._known.append(known)

    def entities(self) -> list[Entity]:
        self._resolve()
        for known in sorted(self._known, key=lambda k: k.id):
            self._known_entity(known, [])
        return list(self._entities.values())

    def entity_of(self, kind: str, surface: str) -> str:
        return self._resolve()[(kind, node_key(kind, surface))]


# Craft are written with and without spaces and hyphens, numbered in Arabic or Roman figures:
# "STS-71" = "STS71", "Pico Dragon" = "PicoDragon", "THEOS-I" = "THEOS-1".
_ROMAN = {"i": "1", "ii": "2", "iii": "3", "iv": "4", "v": "5", "vi": "6"}
_TRAILING_ROMAN = re.compile(r"(?<=[a-z0-9])[\s-]+(i|ii|iii|iv|v|vi)$")


_MEMBER = re.compile(r"(?P<base>.+?)[\s-]*(?P<number>\d+[a-z]?|[a-z])$")


def _one_of_several(form: str, known: KnownLike) -> bool:
    """Whether `form` names one numbered craft of several the knowledge files under one entry
    ("Vega 1" and "Vega 2" as aliases of the Vega programme; "SPOT 6" and "SPOT 7" of SPOT)."""
    key = node_key("payload", form)
    if key == node_key("payload", known.name):
        return False
    members: dict[str, set[str]] = defaultdict(set)
    for alias in (known.name, *known.aliases):
        match = _MEMBER.fullmatch(name_key(alias))
        if match:
            members[re.sub(r"[\s\-.]+", "", match["base"])].add(match["number"])
    match = _MEMBER.fullmatch(name_key(form))
    if not match:
        return False
    return len(members.get(re.sub(r"[\s\-.]+", "", match["base"]), set())) > 1


def node_key(kind: str, surface: str) -> str:
    """The key names are grouped by: `name_key`, and for payloads also without separators."""
    key = name_key(surface)
    if kind != "payload":
        return key
    key = _TRAILING_ROMAN.sub(lambda m: " " + _ROMAN[m.group(1)], key)
    return re.sub(r"[\s\-.]+", "", key)


def _with_aliases(entity: Entity, forms: Iterable[str]) -> Entity:
    """Aliases deduplicated by their folded key, keeping the most capitalised spelling, never the name."""
    best: dict[str, str] = {}
    name = name_key(entity.name)
    for form in (*entity.aliases, *forms):
        key = name_key(form)
        if not key or key == name:
            continue
        current = best.get(key)
        if current is None or (capitals(form), form) > (capitals(current), current):
            best[key] = form
    aliases = tuple(sorted(best.values(), key=lambda a: (name_key(a), a)))
    return entity if aliases == entity.aliases else _replace(entity, aliases=aliases)


def _sorted_union(current: tuple[str, ...], extra: Iterable[str]) -> tuple[str, ...]:
    return tuple(sorted(set(current) | set(extra)))


def _replace(entity: Entity, **changes: object) -> Entity:
    return replace(entity, **changes)


def _first(known: Mapping[tuple[str, str], KnownLike | None]) -> KnownLike:
    return next(k for k in known.values() if k is not None)
