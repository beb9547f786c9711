"""Shared helpers of the sources tests (no tests here): compare a clean span with its raw text."""

from __future__ import annotations

import html
import re

from spacecoop.models import Document

_SENTENCE_END = re.compile(r"(?<=[.!?])\s+|\n\n")
_MARKUP = re.compile(r"<[^>]*>|\]\([^)]*\)|&[#\w]+;|\*|_|#|\[")


def letters(text: str) -> str:
    """The word characters of a text, lower-cased: what must match between clean and raw."""
    return "".join(re.findall(r"\w", html.unescape(text))).lower()


def sentences(text: str) -> list[tuple[int, int]]:
    """Rough sentence spans of a clean text (paragraph breaks and sentence punctuation)."""
    spans, start = [], 0
    for match in _SENTENCE_END.finditer(text):
        if text[start : match.start()].strip():
            spans.append((start, match.start()))
        start = match.end()
    if text[start:].strip():
        spans.append((start, len(text)))
    return spans


def raw_of(document: Document, start: int, end: int) -> str:
    raw_start, raw_end = document.offsets.span_to_raw(start, end)
    return document.raw_text[raw_start:raw_end]


def assert_sentences_map_back(document: Document) -> None:
    """Every clean sentence maps back to a raw stretch holding the same words."""
    for start, end in sentences(document.text):
        clean = document.text[start:end]
        raw = _MARKUP.sub("", raw_of(document, start, end))
        assert letters(clean.rstrip(".")) == letters(raw).rstrip(), (clean, raw)
