"""Who held the main offices of the largest agencies, and when: terms read from `data/holders/`.

The knowledge says when a term began and ended where the documents only show sightings; `who`
answers from both and says which (see `spacecoop.store.resolution_queries.who_held`)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

import yaml

from spacecoop.knowledge.loader import KnowledgeError

_ISO = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


@dataclass(frozen=True)
class KnownTerm:
    """One person's term in one office of one organisation (a knowledge id); `end` None: running."""

    organization: str
    office: str
    person: str
    start: str | None
    end: str | None
    wikidata: str | None = None


@lru_cache(maxsize=1)
def known_terms() -> tuple[KnownTerm, ...]:
    """Every packaged term, checked: dates ISO prefixes, a start before its end."""
    folder = resources.files("spacecoop.knowledge") / "data" / "holders"
    terms: list[KnownTerm] = []
    for item in sorted(folder.iterdir(), key=lambda p: p.name):
        if item.name.endswith((".yaml", ".yml")):
            terms.extend(parse_terms(item.read_text(encoding="utf-8"), f"packaged holders/{item.name}"))
    return tuple(terms)


def parse_terms(text: str, source: str) -> list[KnownTerm]:
    data = yaml.safe_load(text) or {}
    rows = data.get("holders") if isinstance(data, dict) else None
    if not isinstance(rows, list):
        raise KnowledgeError(f"{source}: expected a 'holders' list")
    return [_term(row, f"{source}, holder {number}") for number, row in enumerate(rows, 1)]


def _term(row: Any, where: str) -> KnownTerm:
    if not isinstance(row, dict):
        raise KnowledgeError(f"{where}: expected a mapping")
    values = {}
    for key in ("organization", "office", "person"):
        value = row.get(key)
        if not isinstance(value, str) or not value.strip():
            raise KnowledgeError(f"{where}: '{key}' is required")
        values[key] = value.strip()
    dates = {}
    for key in ("start", "end"):
        value = row.get(key)
        if value is not None and not _ISO.match(str(value)):
            raise KnowledgeError(f"{where}: '{key}' must be an ISO date prefix, not {value!r}")
        dates[key] = str(value) if value is not None else None
    if dates["start"] and dates["end"] and dates["end"] < dates["start"][: len(dates["end"])]:
        raise KnowledgeError(f"{where}: ends ({dates['end']}) before it starts ({dates['start']})")
    wikidata = row.get("wikidata")
    if wikidata is not None and not re.fullmatch(r"Q\d+", str(wikidata)):
        raise KnowledgeError(f"{where}: wikidata {wikidata!r} is not a Q-id")
    return KnownTerm(**values, **dates, wikidata=wikidata)
