"""Cue words as data: each module's word lists live in `lexicons/data/<module>.yaml`.

The extractors and the date reader import their cue lists from here, so a linguist can read and
extend them without touching code. A file maps list names to lists of phrases (lower-case unless the
list says otherwise) or to mappings; lists come back as tuples, so the order a file gives (longest
first, where matching depends on it) is kept.
"""

from __future__ import annotations

from functools import cache
from importlib import resources
from typing import Any

import yaml


class LexiconError(ValueError):
    """A lexicon file is missing, malformed, or lacks the list a module asks for."""


@cache
def _read(module: str) -> dict[str, Any]:
    path = resources.files("spacecoop.lexicons").joinpath("data", f"{module}.yaml")
    try:
        loaded = yaml.safe_load(path.read_text(encoding="utf-8"))
    except FileNotFoundError as error:
        raise LexiconError(f"no lexicon file {module}.yaml") from error
    if not isinstance(loaded, dict):
        raise LexiconError(f"lexicon {module}.yaml must map list names to lists")
    return {key: _frozen(value) for key, value in loaded.items()}


def _frozen(value: Any) -> Any:
    if isinstance(value, list):
        return tuple(_frozen(item) for item in value)
    if isinstance(value, dict):
        return {key: _frozen(item) for key, item in value.items()}
    return value


def cues(module: str, name: str) -> Any:
    """The list (a tuple) or mapping called `name` in `lexicons/data/<module>.yaml`."""
    lists = _read(module)
    if name not in lists:
        raise LexiconError(f"lexicon {module}.yaml has no list {name!r}")
    return lists[name]


def cue_set(module: str, name: str) -> frozenset[str]:
    """A list of cue words as a set, for membership tests."""
    return frozenset(cues(module, name))
