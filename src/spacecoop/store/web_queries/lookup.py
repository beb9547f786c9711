"""Names as a reader types them: any alias, a surname, part of a name, in any case and without
accents, turned into entity ids; and close matches when nothing fits.

The entities and their aliases are few (thousands, not millions) and read on every filtered
request, so they are held in memory per store and reloaded when the store changes.
"""

from __future__ import annotations

import difflib
import re
import threading
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache

from sqlalchemy import Connection, func, select

from spacecoop.store.schema import aliases, entities
from spacecoop.store.web_queries.counts import store_version

# Words that join two actors in one box: "ESA and Roscosmos", "NASA, JAXA", "CNES + DLR".
JOINERS = re.compile(r"\s*(?:,|;|\+|&|\band\b|\bwith\b|\bet\b)\s*", re.IGNORECASE)


def fold(name: str) -> str:
    """A name reduced to what a reader means: no accents, no case, words separated by one space."""
    decomposed = unicodedata.normalize("NFKD", name)
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(re.findall(r"\w+", plain.casefold()))


@dataclass
class NameIndex:
    """Every folded id, name and alias, with the entities they belong to."""

    names: dict[str, set[str]] = field(default_factory=dict)  # folded form -> entity ids
    display: dict[str, tuple[str, str]] = field(default_factory=dict)  # id -> (name, type)
    key: tuple = ()

    def add(self, form: str, entity_id: str) -> None:
        folded = fold(form)
        if folded:
            self.names.setdefault(folded, set()).add(entity_id)


@dataclass(frozen=True)
class NameMatch:
    """What one typed name found: the entities meant, or close names to suggest."""

    query: str
    ids: tuple[str, ...]
    how: str  # exact | words | part | none
    suggestions: tuple[dict, ...] = ()

    def as_dict(self, index: NameIndex) -> dict:
        return {
            "query": self.query,
            "how": self.how,
            "matched": [
                {
                    "id": i,
                    "name": index.display.get(i, (i, None))[0],
                    "type": index.display.get(i, (i, None))[1],
                }
                for i in self.ids
            ],
            "suggestions": list(self.suggestions),
        }


_CACHE: dict[str, NameIndex] = {}
_LOCK = threading.Lock()
_COUNTS = select(
    select(func.count()).select_from(entities).scalar_subquery(),
    select(func.count()).select_from(aliases).scalar_subquery(),
)


def name_index(conn: Connection) -> NameIndex:
    """The store's name index, read once and again whenever entities or aliases change in number."""
    url = str(conn.engine.url)
    # Entities and aliases are saved with resolution: the store's version says when they changed.
    key = (*conn.execute(_COUNTS).one(), store_version(conn))
    cached = _CACHE.get(url)
    if cached is not None and cached.key == key:
        return cached
    index = NameIndex(key=key)
    for id_, name, type_ in conn.execute(select(entities.c.id, entities.c.name, entities.c.type)):
        index.display[id_] = (name, type_)
        index.add(id_.replace("-", " "), id_)
        index.add(name, id_)
    for entity_id, alias in conn.execute(select(aliases.c.entity_id, aliases.c.alias)):
        index.add(alias, entity_id)
    with _LOCK:
        _CACHE[url] = index
    return index


def _words_match(query: list[str], name: list[str]) -> bool:
    # Every typed word is a word of the name, in order ("le gall" in "jean yves le gall").
    n = len(query)
    return any(name[i : i + n] == query for i in range(len(name) - n + 1))


def match_name(index: NameIndex, typed: str, limit: int = 200) -> NameMatch:
    """The entities `typed` names: exactly (any alias), else by whole words (a surname), else as
    part of a name; with close matches to suggest when nothing fits."""
    folded = fold(typed)
    if not folded:
        return NameMatch(typed, (), "none")
    if folded in index.names:
        return NameMatch(typed, tuple(sorted(index.names[folded])), "exact")
    words = folded.split()
    found = {i for form, ids in index.names.items() if _words_match(words, form.split()) for i in ids}
    if found:
        return NameMatch(typed, tuple(sorted(found))[:limit], "words")
    if len(folded) >= 3:
        found = {i for form, ids in index.names.items() if folded in form for i in ids}
        if found:
            return NameMatch(typed, tuple(sorted(found))[:limit], "part")
    return NameMatch(typed, (), "none", tuple(suggest(index, folded)))


def suggest(index: NameIndex, folded: str, n: int = 5) -> list[dict]:
    """Close names for a name that matched nothing, each entity once, the closest first. A name
    is compared whole and word by word, so a misspelt surname still finds the person."""
    scored: dict[str, float] = {}
    matcher = difflib.SequenceMatcher(b=folded)
    for form, ids in index.names.items():
        best = 0.0
        for candidate in (form, *form.split()):
            if abs(len(candidate) - len(folded)) > max(3, len(folded) // 2):
                continue
            matcher.set_seq1(candidate)
            if matcher.real_quick_ratio() > 0.6 and matcher.quick_ratio() > 0.6:
                best = max(best, matcher.ratio())
        if best >= 0.6:
            for entity_id in ids:
                scored[entity_id] = max(scored.get(entity_id, 0.0), best)
    ranked = sorted(scored, key=lambda i: (-scored[i], index.display.get(i, (i,))[0]))[:n]
    return [
        {"id": i, "name": index.display.get(i, (i, None))[0], "type": index.display.get(i, (i, None))[1]}
        for i in ranked
    ]


def split_actors(index: NameIndex, typed: str) -> list[str]:
    """One box may hold several actors ("ESA and Roscosmos"); a name that itself contains "and"
    ("Ministry of Science and Technology") stays whole when it is known."""
    if fold(typed) in index.names or not JOINERS.search(typed):
        return [typed]
    return [part for part in JOINERS.split(typed) if part.strip()]


def resolve_actors(conn: Connection, typed: list[str]) -> list[NameMatch]:
    """Each typed actor (several per box allowed) with the entities it names."""
    index = name_index(conn)
    return [match_name(index, part) for box in typed for part in split_actors(index, box)]


def names_of(conn: Connection, entity_id: str) -> list[str]:
    """Every name an entity goes by: its display name and aliases (for searching its text)."""
    index = name_index(conn)
    return sorted(form for form, ids in index.names.items() if entity_id in ids)


@lru_cache(maxsize=1)
def _countries() -> dict[str, str]:
    """Entity id -> its country's name, from the domain knowledge (a government is its own)."""
    from spacecoop.knowledge import load_knowledge

    out = {}
    for e in load_knowledge().entities:
        if e.type == "government":
            out[e.id] = e.name
        elif e.country:
            out[e.id] = e.country
    return out


def country_of(entity_id: str) -> str | None:
    return _countries().get(entity_id)


def entities_of_country(index: NameIndex, country: str) -> list[str]:
    """The store's entities of `country` (any case, no accents needed), the government included."""
    wanted = fold(country)
    return sorted(i for i in index.display if fold(country_of(i) or "") == wanted)
