"""Cue lists are data: every lexicon file loads, and a missing file or list is named in the error."""

from __future__ import annotations

from importlib import resources

import pytest

from spacecoop.lexicons import LexiconError, _read, cue_set, cues


def _modules() -> list[str]:
    folder = resources.files("spacecoop.lexicons").joinpath("data")
    if not folder.is_dir():
        return []
    return sorted(p.name.removesuffix(".yaml") for p in folder.iterdir() if p.name.endswith(".yaml"))


@pytest.mark.parametrize("module", _modules())
def test_every_lexicon_file_holds_named_non_empty_lists(module):
    for name, value in _read(module).items():
        assert value, f"{module}.yaml: {name} is empty"
        if isinstance(value, tuple):
            assert all(isinstance(item, str) and item.strip() for item in value), f"{module}.yaml: {name}"


def test_a_missing_lexicon_or_list_is_named():
    with pytest.raises(LexiconError, match="no lexicon file nowhere.yaml"):
        cues("nowhere", "words")
    if _modules():
        module = _modules()[0]
        with pytest.raises(LexiconError, match="has no list 'no_such_list'"):
            cue_set(module, "no_such_list")
