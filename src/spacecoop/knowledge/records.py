"""The records of the knowledge base: one known entity, and the whole set with its indexes."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property

from spacecoop.knowledge.normalise import compact_key, is_short_acronym, normalise_alias

ENTITY_TYPES = (
    "agency",
    "government",
    "ministry",
    "intergovernmental",
    "organization",  # research institutes, universities, associations
    "company",
    "launcher",
    "site",
    "mission",
    "spacecraft",
    "instrument",
    "office",
    "city",
)
# When one surface names entities of several types ("Soyuz" the rocket and the spacecraft),
# lookup prefers the earlier type here; callers that know the context pass `types`.
TYPE_PREFERENCE = {name: rank for rank, name in enumerate(ENTITY_TYPES)}
_NON_ALNUM = re.compile(r"[\W_]+")
_POSSESSIVE = re.compile(r"^(?P<base>.+?)(?:'s|\u2019s|'|\u2019)$")
_TRAILING_PARENTHESIS = re.compile(r"^(?P<base>.+?)\s*\((?P<inside>[^()]+)\)$")
# A flight or unit number after a family name: "-18", " 47", " F47", " No. 2", " N°2", " VA250",
# ISRO's "-C37" / "-M4" / "-D2", China's " Y4".
_TRAILING_NUMBER = re.compile(
    r"^(?P<base>.+?)[\s-]*"
    r"(?P<designation>(?:No\.?\s*|N[°o]\s*|№\s*|Flight\s+|VA|VS|VV|[CDFLMY])?\d+[A-Za-z]?)$"
)


@dataclass(frozen=True)
class KnownEntity:
    """One agency, government, launcher, site... as the knowledge files describe it.

    `exact_case` holds the aliases that only match with the same case (short acronyms, and
    names that are ordinary words such as the mission "Hope"); `ambiguous` the aliases that
    other entities of the same type share; `demonyms` the adjectives of a government
    ("Russian"), kept apart from aliases because "Russian" alone rarely means the state.
    """

    id: str
    name: str
    type: str
    aliases: tuple[str, ...]
    wikidata: str | None = None
    country: str | None = None
    predecessors: tuple[str, ...] = ()
    successors: tuple[str, ...] = ()
    parent: str | None = None
    variant_of: str | None = None
    demonyms: tuple[str, ...] = ()
    exact_case: tuple[str, ...] = ()
    ambiguous: tuple[str, ...] = ()
    description: str | None = None
    active_from: int | None = None  # first year under this name, where known
    active_until: int | None = None  # last year, for bodies renamed, merged or dissolved
    # For craft and missions: "once" (one spacecraft, launched once) or "many" (a class of craft,
    # a constellation, a programme); None leaves it to the name (see resolve/payloads.py).
    flies: str | None = None

    def active_in(self, year: int) -> bool:
        """Whether the entity existed under this name in `year` (unknown bounds are open)."""
        return (self.active_from is None or self.active_from <= year) and (
            self.active_until is None or year <= self.active_until
        )

    def forms(self) -> tuple[str, ...]:
        """The canonical name followed by every alias, without repeats."""
        return tuple(dict.fromkeys((self.name, *self.aliases)))

    def needs_exact_case(self, form: str) -> bool:
        """Whether `form` only matches in its own case: a short acronym, a form listed in
        `exact_case`, or one that folds to the same key as a listed form ("HOPE" like "Hope")."""
        if form in self.exact_case or is_short_acronym(form):
            return True
        return bool(self.exact_case) and normalise_alias(form) in self._exact_keys

    @cached_property
    def _exact_keys(self) -> frozenset[str]:
        return frozenset(normalise_alias(listed) for listed in self.exact_case)


@dataclass(frozen=True)
class Knowledge:
    """Every known entity, with lookups by id and by surface form."""

    entities: tuple[KnownEntity, ...]
    _by_id: dict[str, KnownEntity] = field(init=False, repr=False, compare=False)
    # normalised key -> [(form as written, entity)], for case-insensitive forms
    _by_key: dict[str, list[tuple[str, KnownEntity]]] = field(init=False, repr=False, compare=False)
    _exact: dict[str, list[KnownEntity]] = field(init=False, repr=False, compare=False)
    _demonyms: dict[str, list[KnownEntity]] = field(init=False, repr=False, compare=False)
    _by_compact: dict[str, list[KnownEntity]] = field(init=False, repr=False, compare=False)
    _exact_compact: dict[str, list[KnownEntity]] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        by_id = {e.id: e for e in self.entities}
        by_key: dict[str, list[tuple[str, KnownEntity]]] = {}
        exact: dict[str, list[KnownEntity]] = {}
        demonyms: dict[str, list[KnownEntity]] = {}
        by_compact: dict[str, list[KnownEntity]] = {}
        exact_compact: dict[str, list[KnownEntity]] = {}
        for entity in self.entities:
            for form in entity.forms():
                if entity.needs_exact_case(form):
                    _add_unique(exact.setdefault(form, []), entity)
                    _add_unique(exact_compact.setdefault(_squeeze(form), []), entity)
                else:
                    bucket = by_key.setdefault(normalise_alias(form), [])
                    if all(e is not entity for _, e in bucket):
                        bucket.append((form, entity))
                    _add_unique(by_compact.setdefault(compact_key(form), []), entity)
            for demonym in entity.demonyms:
                key = demonym if entity.needs_exact_case(demonym) else normalise_alias(demonym)
                _add_unique(demonyms.setdefault(key, []), entity)
        object.__setattr__(self, "_by_id", by_id)
        object.__setattr__(self, "_by_key", by_key)
        object.__setattr__(self, "_exact", exact)
        object.__setattr__(self, "_demonyms", demonyms)
        object.__setattr__(self, "_by_compact", by_compact)
        object.__setattr__(self, "_exact_compact", exact_compact)

    def get(self, entity_id: str) -> KnownEntity | None:
        return self._by_id.get(entity_id)

    def lookup_all(self, surface: str, types: tuple[str, ...] = ()) -> list[KnownEntity]:
        """Every entity a surface form may name, the preferred type first. Short acronyms match
        only in their exact case; other forms after `normalise_alias`. Demonyms are consulted
        only when no alias matches."""
        found: list[KnownEntity] = []
        for entity in self._exact.get(_without_article(surface), []):
            _add_unique(found, entity)
        for _, entity in self._by_key.get(normalise_alias(surface), []):
            _add_unique(found, entity)
        if not found:
            found = list(self._by_compact.get(compact_key(surface), []))
            found += [
                e for e in self._exact_compact.get(_squeeze(_without_article(surface)), []) if e not in found
            ]
        if not found:
            found = list(self._demonyms.get(_without_article(surface), []))
            found += [e for e in self._demonyms.get(normalise_alias(surface), []) if e not in found]
        if not found:
            # NER spans often carry a possessive or a national qualifier: "ESA's", "the French CNES".
            shorter = self._without_qualifier(surface)
            if shorter is not None:
                found = [e for e in self.lookup_all(shorter) if self._fits_qualifier(surface, e)]
        if not found:
            found = self._by_parenthesis(surface)
        if types:
            found = [e for e in found if e.type in types]
        return sorted(found, key=lambda e: TYPE_PREFERENCE.get(e.type, len(TYPE_PREFERENCE)))

    def _without_qualifier(self, surface: str) -> str | None:
        text = _without_article(surface)
        possessive = _POSSESSIVE.match(text)
        if possessive:
            return possessive["base"]
        first, _, rest = text.partition(" ")
        if rest and (self._demonyms.get(first) or self._demonyms.get(normalise_alias(first))):
            return rest
        return None

    def _fits_qualifier(self, surface: str, entity: KnownEntity) -> bool:
        """ "the French CNES" is CNES; "Russian Space Force" is not the U.S. Space Force."""
        first = _without_article(surface).partition(" ")[0]
        states = self._demonyms.get(first) or self._demonyms.get(normalise_alias(first)) or []
        return not states or not entity.country or any(s.name == entity.country for s in states)

    def _by_parenthesis(self, surface: str) -> list[KnownEntity]:
        # "Federal Space Agency of the Russian Federation (Roscosmos)", "SWOT (Surface Water and
        # Ocean Topography)": either part may be the known one; when both are, they must agree.
        match = _TRAILING_PARENTHESIS.match(" ".join(surface.split()))
        if not match:
            return []
        outside, inside = self.lookup_all(match["base"]), self.lookup_all(match["inside"])
        both = [e for e in outside if e in inside]
        return both or (outside if not inside else inside if not outside else [])

    def lookup(self, surface: str, types: tuple[str, ...] = ()) -> KnownEntity | None:
        """The entity a surface form names, or None when unknown or when it is ambiguous between
        two entities of the preferred type ("CSA" alone could be several agencies)."""
        found = self.lookup_all(surface, types)
        if not found:
            return None
        best = [e for e in found if e.type == found[0].type]
        return best[0] if len(best) == 1 else None

    def lookup_series(self, surface: str, types: tuple[str, ...] = ()) -> tuple[KnownEntity, str] | None:
        """The entity a numbered flight or unit belongs to, with its designation: "Soyuz MS-18"
        -> (Soyuz MS, "18"), "H-IIA F47" -> (H-IIA, "F47"), "H-2A (Launch Vehicle No. 42)" ->
        (H-IIA, "Launch Vehicle No. 42"). A surface the knowledge names as a whole, or with its
        expansion in parentheses ("CFOSat (China-France Oceanography Satellite)"), comes with an
        empty designation; None when neither the whole nor its base is known."""
        text = " ".join(surface.split())
        parenthesis = _TRAILING_PARENTHESIS.match(text)
        if parenthesis:
            base = self.lookup(parenthesis["base"], types)
            if base is not None:
                expansion = base in self.lookup_all(parenthesis["inside"])
                return base, "" if expansion else parenthesis["inside"].strip()
        whole = self.lookup(text, types)
        if whole is not None:
            return whole, ""
        if parenthesis:
            text = parenthesis["base"]
        numbered = _TRAILING_NUMBER.match(text)
        if numbered:
            base = self.lookup(numbered["base"], types)
            if base is not None:
                return base, numbered["designation"]
        return None

    def surface_forms(self, include_demonyms: bool = False) -> list[tuple[str, KnownEntity]]:
        """Every (name or alias, entity) pair, for building matcher patterns; check
        `entity.needs_exact_case(form)` to decide between an exact and a lower-case pattern."""
        pairs = [(form, entity) for entity in self.entities for form in entity.forms()]
        if include_demonyms:
            pairs.extend((d, entity) for entity in self.entities for d in entity.demonyms)
        return pairs

    def matcher_forms(self, include_demonyms: bool = False) -> list[tuple[str, KnownEntity, bool]]:
        """Every (form, entity, exact_case) triple: match `form` on ORTH when `exact_case` is
        true (short acronyms, names that are ordinary words such as "Hope"), on LOWER otherwise."""
        return [
            (form, entity, entity.needs_exact_case(form))
            for form, entity in self.surface_forms(include_demonyms=include_demonyms)
        ]

    def as_of(self, entity_id: str, year: int) -> KnownEntity | None:
        """The member of an entity's lineage that existed in `year`: "the Russian space agency"
        in 1995 is the Russian Space Agency (RKA), in 2002 Rosaviakosmos, in 2010 Roscosmos.
        The entity itself when the dates do not decide (no dates, or several bodies that later
        merged, such as NASDA, NAL and ISAS before JAXA)."""
        entity = self.get(entity_id)
        if entity is None:
            return None
        active = [e for e in self.lineage(entity_id) if _dated(e) and e.active_in(year)]
        ids = {e.id for e in active}
        # In the year of a renaming both names are active: the newer one wins.
        latest = [e for e in active if not ids.intersection(e.successors)]
        if entity in latest or len(latest) != 1:
            return entity
        return latest[0]

    def of_type(self, *types: str) -> list[KnownEntity]:
        return [e for e in self.entities if e.type in types]

    def lineage(self, entity_id: str) -> list[KnownEntity]:
        """The entity with all its predecessors and successors, oldest first as far as the
        links tell (Russian Space Agency -> Rosaviakosmos -> Roscosmos)."""
        start = self.get(entity_id)
        if start is None:
            return []
        seen: dict[str, KnownEntity] = {}
        queue = [start]
        while queue:
            entity = queue.pop()
            if entity.id in seen:
                continue
            seen[entity.id] = entity
            for linked in (*entity.predecessors, *entity.successors):
                if linked in self._by_id:
                    queue.append(self._by_id[linked])
        return sorted(seen.values(), key=lambda e: _generation(self, e))


def _dated(entity: KnownEntity) -> bool:
    return entity.active_from is not None or entity.active_until is not None


def _generation(knowledge: Knowledge, entity: KnownEntity) -> int:
    depth, current, visited = 0, entity, set()
    while current.predecessors and current.id not in visited:
        visited.add(current.id)
        previous = knowledge.get(current.predecessors[0])
        if previous is None:
            break
        depth, current = depth + 1, previous
    return depth


def _add_unique(items: list[KnownEntity], entity: KnownEntity) -> None:
    if all(e is not entity for e in items):
        items.append(entity)


def _squeeze(form: str) -> str:
    # Case kept, punctuation and spaces gone: "H2-A" meets the exact-case "H2A".
    return _NON_ALNUM.sub("", form)


def _without_article(surface: str) -> str:
    surface = " ".join(surface.split())
    return surface[4:] if surface[:4] in ("the ", "The ") else surface
