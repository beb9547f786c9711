"""Reading and checking the knowledge files: the packaged YAML plus any a user supplies."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import replace
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from spacecoop.errors import SpacecoopError
from spacecoop.knowledge.normalise import is_short_acronym, normalise_alias
from spacecoop.knowledge.records import ENTITY_TYPES, Knowledge, KnownEntity

try:  # the C loader is several times faster; PyYAML without libyaml still works
    _YamlLoader: Any = yaml.CSafeLoader
except AttributeError:  # pragma: no cover
    _YamlLoader = yaml.SafeLoader

_ID = re.compile(r"^[a-z0-9][a-z0-9_.-]*$")
_WIKIDATA = re.compile(r"^Q[1-9][0-9]*$")
_KEYS = {
    "id",
    "name",
    "type",
    "aliases",
    "wikidata",
    "country",
    "predecessors",
    "successors",
    "parent",
    "variant_of",
    "demonyms",
    "exact_case",
    "ambiguous",
    "description",
    "active_from",
    "active_until",
    "flies",
}


class KnowledgeError(SpacecoopError):
    """A knowledge file is unreadable or its data is inconsistent. The message names the file,
    the entry and the reason."""


def load_knowledge(extra_paths: Sequence[Path | str] | Path | str = ()) -> Knowledge:
    """The packaged knowledge plus the entries of `extra_paths` (YAML files of the same format,
    or folders of them). Validates everything together: unique ids, references that exist,
    countries that are known governments, no alias naming two entities of one type unless
    every one of them marks it `ambiguous`. Raises KnowledgeError naming file and entry."""
    if isinstance(extra_paths, str | Path):  # one path given on its own, not a list of characters
        extra_paths = [Path(extra_paths)]
    if not extra_paths:
        return _packaged_knowledge()
    sourced: list[tuple[str, KnownEntity]] = list(_packaged_entities())
    for path in _expand(extra_paths):
        sourced.extend(_read_file(path))
    return _validate(sourced)


@lru_cache(maxsize=1)
def _packaged_knowledge() -> Knowledge:
    # Knowledge is immutable, so every caller may share the one built from the packaged files.
    return _validate(list(_packaged_entities()))


def _expand(paths: Sequence[Path | str]) -> Iterable[Path]:
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            yield from sorted(p for p in path.iterdir() if p.suffix in (".yaml", ".yml"))
        else:
            yield path


@lru_cache(maxsize=1)
def _packaged_entities() -> tuple[tuple[str, KnownEntity], ...]:
    # Parsed once per process: the files are part of the installed package and do not change.
    folder = resources.files("spacecoop.knowledge") / "data"
    entries: list[tuple[str, KnownEntity]] = []
    for item in sorted(folder.iterdir(), key=lambda p: p.name):
        if item.name.endswith((".yaml", ".yml")):
            entries.extend(_parse(item.read_text(encoding="utf-8"), f"packaged {item.name}"))
    return tuple(entries)


def _read_file(path: Path) -> list[tuple[str, KnownEntity]]:
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise KnowledgeError(f"{path}: knowledge file not found") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise KnowledgeError(f"{path}: cannot read knowledge file ({exc})") from exc
    return _parse(text, str(path))


def _parse(text: str, source: str) -> list[tuple[str, KnownEntity]]:
    """Entries of one file: either a list of entries, or a mapping with `entities` and an
    optional default `type` for them."""
    try:
        data = yaml.load(text, Loader=_YamlLoader)
    except yaml.YAMLError as exc:
        raise KnowledgeError(f"{source}: not valid YAML ({exc})") from exc
    default_type = None
    if isinstance(data, dict):
        unknown = set(data) - {"type", "entities"}
        if unknown:
            raise KnowledgeError(f"{source}: unknown top-level keys {sorted(unknown)}")
        default_type = data.get("type")
        data = data.get("entities")
    if not isinstance(data, list):
        raise KnowledgeError(f"{source}: expected a list of entries (or a mapping with `entities`)")
    return [(source, _entity(raw, source, index, default_type)) for index, raw in enumerate(data, 1)]


def _entity(raw: Any, source: str, index: int, default_type: str | None) -> KnownEntity:
    where = f"{source}: entry {index}"
    if not isinstance(raw, dict):
        raise KnowledgeError(f"{where}: expected a mapping, got {type(raw).__name__}")
    if isinstance(raw.get("id"), str):
        where = f"{source}: entry {index} ({raw['id']})"
    unknown = set(raw) - _KEYS
    if unknown:
        raise KnowledgeError(f"{where}: unknown keys {sorted(unknown)}")
    entity_id = _text(raw, "id", where, required=True)
    if not _ID.match(entity_id):
        raise KnowledgeError(f"{where}: id {entity_id!r} must be a lower-case slug")
    kind = _text(raw, "type", where) or default_type
    if kind not in ENTITY_TYPES:
        raise KnowledgeError(f"{where}: type {kind!r} is not one of {', '.join(ENTITY_TYPES)}")
    wikidata = _text(raw, "wikidata", where)
    if wikidata is not None and not _WIKIDATA.match(wikidata):
        raise KnowledgeError(f"{where}: wikidata {wikidata!r} is not a Q-id")
    aliases = _texts(raw, "aliases", where)
    name = _text(raw, "name", where, required=True)
    # `exact_case: true` marks every form of the entity as an ordinary word in lower case.
    exact_case = (name, *aliases) if raw.get("exact_case") is True else _texts(raw, "exact_case", where)
    if kind == "government":
        aliases = (*aliases, *government_forms(name, aliases, _texts(raw, "demonyms", where)))
    entity = KnownEntity(
        id=entity_id,
        name=name,
        type=kind,
        aliases=tuple(a for a in dict.fromkeys(aliases) if a != name),
        wikidata=wikidata,
        country=_text(raw, "country", where),
        predecessors=_texts(raw, "predecessors", where),
        successors=_texts(raw, "successors", where),
        parent=_text(raw, "parent", where),
        variant_of=_text(raw, "variant_of", where),
        demonyms=_texts(raw, "demonyms", where),
        exact_case=exact_case,
        ambiguous=_texts(raw, "ambiguous", where),
        description=_text(raw, "description", where),
        active_from=_year(raw, "active_from", where),
        active_until=_year(raw, "active_until", where),
        flies=_text(raw, "flies", where),
    )
    if entity.flies not in (None, "once", "many"):
        raise KnowledgeError(f"{where}: flies must be 'once' or 'many', not {entity.flies!r}")
    if entity.active_from and entity.active_until and entity.active_from > entity.active_until:
        raise KnowledgeError(
            f"{where}: active_from {entity.active_from} is after active_until {entity.active_until}"
        )
    for listed in ("exact_case", "ambiguous"):
        stray = [a for a in getattr(entity, listed) if a not in entity.forms()]
        if stray:
            raise KnowledgeError(f"{where}: {listed} lists {stray}, which are not its name or aliases")
    return entity


# Formal names of states ("Russian Federation", "Republic of India") take "Government of the ...".
_FORMAL = re.compile(
    r"\b(Republic|Federation|Kingdom|Union|States|Confederation|Commonwealth|Duchy|Sultanate|State|Emirates)\b"
)
_FOREIGN_PARTICLE = re.compile(r"\b(de|du|des|la|der|di|do)\b")


def government_forms(name: str, aliases: Sequence[str], demonyms: Sequence[str]) -> tuple[str, ...]:
    """The ways a text names a state's government, derived so the files need not repeat them:
    "Government of Japan", "the Government of the Russian Federation", "the Russian government",
    "Japan's government"."""
    formal = [a for a in aliases if a[:1].isupper() and _FORMAL.search(a) and not _FOREIGN_PARTICLE.search(a)]
    forms = [f"Government of {name}", f"{name} Government", f"{name}'s government"]
    for base in formal:
        forms += [f"Government of {base}", f"Government of the {base}", f"{base} Government"]
    for demonym in demonyms:
        if not is_short_acronym(demonym):
            forms += [f"{demonym} government", f"{demonym} Government", f"{demonym} authorities"]
    return tuple(forms)


def _text(raw: dict[str, Any], key: str, where: str, required: bool = False) -> str | None:
    value = raw.get(key)
    if value is None:
        if required:
            raise KnowledgeError(f"{where}: missing `{key}`")
        return None
    if not isinstance(value, str) or not value.strip():
        raise KnowledgeError(f"{where}: `{key}` must be a non-empty string, got {value!r}")
    return value.strip()


def _year(raw: dict[str, Any], key: str, where: str) -> int | None:
    value = raw.get(key)
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or not 1800 <= value <= 2200:
        raise KnowledgeError(f"{where}: `{key}` must be a year, got {value!r}")
    return value


def _texts(raw: dict[str, Any], key: str, where: str) -> tuple[str, ...]:
    value = raw.get(key)
    if value is None:
        return ()
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise KnowledgeError(f"{where}: `{key}` must be a list of non-empty strings, got {value!r}")
    return tuple(v.strip() for v in value)


def _validate(sourced: list[tuple[str, KnownEntity]]) -> Knowledge:
    origin: dict[str, str] = {}
    for source, entity in sourced:
        if entity.id in origin:
            raise KnowledgeError(f"{source}: entry {entity.id!r}: id already defined in {origin[entity.id]}")
        origin[entity.id] = source
    by_id = {e.id: e for _, e in sourced}
    governments = {e.name for e in by_id.values() if e.type == "government"}
    for source, entity in sourced:
        where = f"{source}: entry {entity.id!r}"
        for key in ("predecessors", "successors", "parent", "variant_of"):
            value = getattr(entity, key)
            for target in (value,) if isinstance(value, str) else value or ():
                if target not in by_id:
                    raise KnowledgeError(f"{where}: `{key}` names unknown id {target!r}")
                if target == entity.id:
                    raise KnowledgeError(f"{where}: `{key}` names the entry itself")
        if entity.country is not None and entity.country not in governments:
            raise KnowledgeError(f"{where}: country {entity.country!r} is not the name of a known government")
    _check_aliases(sourced)
    return Knowledge(_linked_both_ways([e for _, e in sourced]))


def _check_aliases(sourced: list[tuple[str, KnownEntity]]) -> None:
    """One alias may name entities of different types (the Soyuz rocket and spacecraft) but
    not two entities of one type, unless each of them marks it ambiguous."""
    seen: dict[tuple[str, str], tuple[str, KnownEntity]] = {}
    for source, entity in sourced:
        for form in entity.forms():
            exact = entity.needs_exact_case(form)
            key = (entity.type, form if exact else normalise_alias(form))
            if not key[1]:
                raise KnowledgeError(f"{source}: entry {entity.id!r}: alias {form!r} has no letters")
            previous = seen.get(key)
            if previous is None or previous[1].id == entity.id:
                seen[key] = (source, entity)
                continue
            other_source, other = previous
            if _marked_ambiguous(entity, key[1], exact) and _marked_ambiguous(other, key[1], exact):
                continue
            raise KnowledgeError(
                f"{source}: entry {entity.id!r}: alias {form!r} also names {other.id!r} "
                f"({other_source}); mark it `ambiguous` in both entries if that is intended"
            )


def _marked_ambiguous(entity: KnownEntity, key: str, exact: bool) -> bool:
    return any((a if exact else normalise_alias(a)) == key for a in entity.ambiguous)


def _linked_both_ways(entities: list[KnownEntity]) -> tuple[KnownEntity, ...]:
    # A file need state a succession once; the other side is filled in here.
    predecessors = {e.id: list(e.predecessors) for e in entities}
    successors = {e.id: list(e.successors) for e in entities}
    for entity in entities:
        for later in entity.successors:
            if entity.id not in predecessors[later]:
                predecessors[later].append(entity.id)
        for earlier in entity.predecessors:
            if entity.id not in successors[earlier]:
                successors[earlier].append(entity.id)
    return tuple(
        replace(e, predecessors=tuple(predecessors[e.id]), successors=tuple(successors[e.id]))
        for e in entities
    )
