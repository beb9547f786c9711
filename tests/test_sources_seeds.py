"""The five real seeds in ../shared: metadata as in seeds-docs.jsonl, every article sentence kept,
none of the clutter. Expectations are computed from the raw files, never pasted from them."""

from __future__ import annotations

import json
import re

import pytest

from spacecoop.sources import read_source
from tests.conftest import shared_path
from tests.test_sources_support import assert_sentences_map_back, letters

SEED_KEYS = [
    "000_3e4b9ac1984214d5",
    "001_f1e4c3ba8d74a0a9",
    "002_b6590cfa0211249b",
    "003_c3c59018b89de7a5",
    "004_712514d435d72f08",
]


def _gold() -> dict[str, dict]:
    lines = shared_path("eval", "seeds-docs.jsonl").read_text(encoding="utf-8").splitlines()
    return {record["doc"]: record for record in map(json.loads, lines)}


def _prose_lines(raw: str) -> list[str]:
    """Raw lines that are article prose: long, no contact details, not a footer."""
    keep = []
    for line in raw.splitlines():
        words = line.split()
        if len(words) >= 12 and "@" not in line and "Tel." not in line and "reserved" not in line:
            keep.append(line)
    return keep


def _menu_items(raw: str) -> set[str]:
    """Short lines standing in runs of three or more, separated only by blank lines: a menu."""
    items, run = set(), []
    for line in [*raw.splitlines(), "a line long enough to end any run of menu items"]:
        text = line.replace("\u00a0", " ").strip()
        if not text:
            continue
        if len(text.split()) <= 3 and not text.endswith("."):
            run.append(text)
            continue
        if len(run) >= 3:
            items.update(run)
        run = []
    return items


@pytest.mark.parametrize("key", SEED_KEYS)
def test_sources_seed_metadata_agrees_with_gold(key: str) -> None:
    gold = _gold()[key]
    document = read_source(shared_path("seeds", f"{key}.txt"))
    assert document.date is not None
    assert document.date.iso[: len(gold["date"])] == gold["date"]
    assert document.title.value == gold["title"]
    assert document.publisher.value == gold["publisher"]
    assert document.language.value == gold["language"]
    assert document.date_evidence


@pytest.mark.parametrize("key", SEED_KEYS)
def test_sources_seed_keeps_every_article_sentence(key: str) -> None:
    path = shared_path("seeds", f"{key}.txt")
    raw = path.read_text(encoding="utf-8")
    document = read_source(path)
    clean_letters = letters(document.text)
    prose = _prose_lines(raw)
    assert prose, "each seed has article prose"
    for line in prose:
        assert letters(re.sub(r"<[^>]+>|\*\*", "", line)) in clean_letters, line
    assert_sentences_map_back(document)


@pytest.mark.parametrize("key", SEED_KEYS)
def test_sources_seed_drops_clutter(key: str) -> None:
    path = shared_path("seeds", f"{key}.txt")
    raw = path.read_text(encoding="utf-8")
    document = read_source(path)
    paragraphs = set(document.text.split("\n\n"))
    # The article's own heading may repeat a menu entry (the page is that entry); nothing else may.
    assert not paragraphs & (_menu_items(raw) - {document.title.value})
    for clutter in (
        "@",
        "Tel.",
        "Copyright",
        "rights reserved",
        "printer friendly",
        "Last update",
        "Wayback",
    ):
        assert clutter not in document.text
    # A language bar in another script does not survive in an English text.
    assert not re.search(r"[\uac00-\ud7af\u3040-\u30ff\u4e00-\u9fff]", document.text)
    if "@" in raw:
        emails = set(re.findall(r"[\w.]+@[\w.]+\w", raw))
        assert {c.email for c in document.contacts} == emails
        for contact in document.contacts:
            assert raw[contact.raw_start : contact.raw_end] == contact.line
