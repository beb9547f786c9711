"""Plain descriptions of the knowledge for people: counts per kind, one entity with its links."""

from __future__ import annotations

from typing import Any

from spacecoop.knowledge.records import ENTITY_TYPES, Knowledge, KnownEntity


def counts_by_type(knowledge: Knowledge) -> dict[str, tuple[int, int]]:
    """For each kind, the number of entities and of names and aliases (kinds in ENTITY_TYPES order)."""
    return {
        kind: (len(entities), sum(len(e.forms()) for e in entities))
        for kind in ENTITY_TYPES
        if (entities := knowledge.of_type(kind))
    }


def describe(knowledge: Knowledge, entity: KnownEntity) -> dict[str, Any]:
    """One entity as plain data, its linked entities named rather than only referenced."""

    def names(ids: tuple[str, ...]) -> list[str]:
        return [linked.name for i in ids if (linked := knowledge.get(i)) is not None]

    record: dict[str, Any] = {"id": entity.id, "name": entity.name, "type": entity.type}
    optional = {
        "country": entity.country,
        "wikidata": entity.wikidata,
        "parent": names((entity.parent,))[0] if entity.parent else None,
        "variant_of": names((entity.variant_of,))[0] if entity.variant_of else None,
        "predecessors": names(entity.predecessors),
        "successors": names(entity.successors),
        "active": _years(entity),
        "aliases": list(entity.aliases),
        "description": entity.description,
    }
    record.update({key: value for key, value in optional.items() if value})
    return record


def _years(entity: KnownEntity) -> str | None:
    if entity.active_from is None and entity.active_until is None:
        return None
    return f"{entity.active_from or ''}–{entity.active_until or ''}"
