"""The cleaner: raw text -> article text, with a map back to the raw offsets.

Three pure steps: normalise characters (tags, entities, Markdown, spaces), classify each line
(body, list item, navigation, language bar, boilerplate, metadata, caption, contact), then join the
body lines into paragraphs (hard wraps and hyphenated words undone). Every step is an edit on a
`MappedText`, so the result keeps its (clean_start, raw_start, length) map.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacecoop.models import Contact, OffsetMap
from spacecoop.sources import contacts as contact_lines
from spacecoop.sources.lines import (
    BLANK,
    BODY,
    CONTACT,
    LIST,
    LIST_MARKER,
    PAGE,
    TERMINAL,
    Line,
    classify_lines,
)
from spacecoop.sources.mapped import MappedText, Piece, keep, put

# --- step 1: characters ------------------------------------------------------------------------

_NEWLINES = re.compile(r"\r\n?|\u2028|\u2029")
_INVISIBLE = re.compile(r"[\u200b\u200c\u200d\u2060\ufeff\u00ad]+")
_HTML_COMMENT = re.compile(r"<!--.*?-->", re.S)
_HTML_BREAK = re.compile(r"<br\s*/?>|</?(?:p|div|li|ul|ol|h[1-6]|tr|table|blockquote)(?:\s[^<>]*)?>", re.I)
_HTML_TAG = re.compile(r"</?[a-zA-Z][a-zA-Z0-9]*(?:\s[^<>]{0,300})?/?>")
_ENTITY = re.compile(r"&(?:#\d{1,7}|#[xX][0-9a-fA-F]{1,6}|[a-zA-Z][a-zA-Z0-9]{1,31});")
_MD_IMAGE = re.compile(r"!\[[^\]\n]*\]\([^)\n]*\)")
_MD_LINK = re.compile(r"\[([^\]\n]+)\]\((?:[^)\s]+)(?:\s+\"[^\"\n]*\")?\)")
_MD_HEADING = re.compile(r"^[ \t]*#{1,6}[ \t]+|[ \t]+#+[ \t]*$", re.M)
_MD_STRONG = re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1")
_MD_EMPHASIS = re.compile(r"(?<![\w*\\])\*(?=[^\s*])([^*\n]+?)(?<=[^\s*])\*(?![\w*])")
_MD_UNDERSCORE = re.compile(r"(?<![\w_\\])_(?=[^\s_])([^_\n]+?)(?<=[^\s_])_(?![\w_])")
_MD_QUOTE = re.compile(r"^[ \t]*>[ \t]?", re.M)
_MD_RULE = re.compile(r"^[ \t]*([-*_])(?:[ \t]*\1){2,}[ \t]*$", re.M)
_ODD_SPACE = re.compile(r"[\t\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]")
_SPACE_RUN = re.compile(r" {2,}")
_DATE_PREFIX = re.compile(r"\A\s*date \d{4}-\d{2}(?:-\d{2})?(?:\s+|$)")
_TRAILING_AD = re.compile(r"(?<=[.!?”\"])[ \t]+Advertisement[ \t]*$", re.M)


def _unescape(match: re.Match[str]) -> list[str]:
    import html

    return [html.unescape(match.group(0))]


def normalize_characters(text: MappedText) -> MappedText:
    """Newlines, invisible characters, HTML tags and entities, Markdown syntax, spaces."""
    text = text.sub(_NEWLINES, lambda m: ["\n"])
    text = text.sub(_INVISIBLE, lambda m: [])
    text = text.sub(_DATE_PREFIX, lambda m: [])
    text = text.sub(_HTML_COMMENT, lambda m: [])
    text = text.sub(_HTML_BREAK, lambda m: ["\n"])
    text = text.sub(_HTML_TAG, lambda m: [])
    text = text.sub(_ENTITY, _unescape)
    text = text.sub(_MD_IMAGE, lambda m: [])
    text = text.sub(_MD_LINK, lambda m: [1])
    text = text.sub(_MD_RULE, lambda m: [])
    text = text.sub(_MD_HEADING, lambda m: [])
    text = text.sub(_MD_QUOTE, lambda m: [])
    text = text.sub(_MD_STRONG, lambda m: [2])
    text = text.sub(_MD_EMPHASIS, lambda m: [1])
    text = text.sub(_MD_UNDERSCORE, lambda m: [1])
    text = text.sub(_ODD_SPACE, lambda m: [" "])
    text = text.sub(_SPACE_RUN, lambda m: [" "])
    return text.sub(_TRAILING_AD, lambda m: [])


# --- step 3: paragraphs (step 2, classifying lines, is lines.py) -----------------------------------

_HYPHEN_BREAK = re.compile(r"[A-Za-zÀ-ÿ]-$")
_HYPHENATED = re.compile(r"\b[A-Za-zÀ-ÿ]+-[A-Za-zÀ-ÿ]+\b")


def _wrap_width(lines: list[Line]) -> int:
    lengths = sorted(len(line.text) for line in lines if line.kind == BODY)
    return lengths[int(0.9 * (len(lengths) - 1))] if lengths else 0


def _hard_wrapped(lines: list[Line]) -> bool:
    """Most multi-word lines that run on into a next line end without sentence punctuation."""
    open_ended = continued = 0
    for current, following in zip(lines, lines[1:], strict=False):
        if current.kind == BODY and following.kind == BODY and len(current.text.split()) >= 5:
            continued += 1
            open_ended += not current.text.endswith(TERMINAL)
    return continued >= 2 and open_ended >= 0.5 * continued


def _joins(previous: Line, following: Line, width: int, wrapped: bool) -> bool:
    """Whether two adjacent body lines are one paragraph broken by a hard wrap."""
    text, nxt = previous.text, following.text
    if _HYPHEN_BREAK.search(text) and nxt[:1].isalpha():
        return True
    long_line = width >= 40 and len(text) >= 0.6 * width
    if text.endswith(TERMINAL):
        return wrapped and width >= 40 and len(text) >= 0.85 * width and not nxt[:1].isdigit()
    if text.endswith(","):
        return True
    return nxt[:1].islower() or long_line or (wrapped and len(text.split()) >= 4)


def assemble(normalized: MappedText, lines: list[Line]) -> MappedText:
    """The clean text: body paragraphs separated by a blank line, list items ended as sentences."""
    width = _wrap_width(lines)
    wrapped = _hard_wrapped(lines)
    hyphenated = (
        set(_HYPHENATED.findall(normalized.text)) if wrapped and len(normalized.text) < 5_000_000 else set()
    )
    pieces: list[Piece] = []
    previous: Line | None = None  # the last body line of the open paragraph
    for line in lines:
        if line.kind == LIST:
            _close_paragraph(pieces)
            _append_list_item(pieces, line)
            pieces.append(put("\n\n"))
            previous = None
            continue
        if line.kind != BODY:
            # A page break (number or running head) inside a paragraph does not end it.
            if line.kind != PAGE or not wrapped:
                previous = None
            continue
        if previous is not None and _joins(previous, line, width, wrapped):
            if _HYPHEN_BREAK.search(previous.text) and line.text[:1].isalpha():
                head = previous.text.rsplit(None, 1)[-1][:-1]
                tail = re.match(r"[\wÀ-ÿ]+", line.text)
                joined_with_hyphen = tail and f"{head}-{tail.group(0)}" in hyphenated
                if line.text[:1].islower() and not joined_with_hyphen:
                    _drop_last_char(pieces)
            else:
                pieces.append(put(" ", previous.end, line.start - previous.end))
        else:
            _close_paragraph(pieces)
        pieces.append(keep(line.start, line.end))
        previous = line
    while pieces and pieces[-1][0] == "put" and pieces[-1][1] == "\n\n":
        pieces.pop()
    return normalized.rebuild(pieces)


def _ends_with_break(pieces: list[Piece]) -> bool:
    return pieces[-1][0] == "put" and pieces[-1][1] == "\n\n"


def _close_paragraph(pieces: list[Piece]) -> None:
    if pieces and not _ends_with_break(pieces):
        pieces.append(put("\n\n"))


def _drop_last_char(pieces: list[Piece]) -> None:
    kind, start, end = pieces[-1]
    pieces[-1] = (kind, start, end - 1)


def _append_list_item(pieces: list[Piece], line: Line) -> None:
    marker = LIST_MARKER.match(line.text)
    start = line.start + (marker.end() if marker else 0)
    text = line.text[marker.end() if marker else 0 :]
    if text.endswith((";", ",")):
        pieces.append(keep(start, line.end - 1))
        pieces.append(put(".", line.end - 1, 1))
    elif text.endswith((".", "!", "?", ".”", '."', ".)")):
        pieces.append(keep(start, line.end))
    else:
        pieces.append(keep(start, line.end))
        # The added full stop maps onto the item's last character, so spans stay inside the item.
        pieces.append(put(".", line.end - 1, 1))


# --- the whole cleaner -------------------------------------------------------------------------


@dataclass(frozen=True)
class CleanText:
    """The cleaner's result: clean text, its map to raw offsets, contacts and the classified lines
    (whose offsets are in `normalized`, the character-normalised raw text)."""

    text: str
    offsets: OffsetMap
    contacts: tuple[Contact, ...]
    lines: tuple[Line, ...]
    normalized: MappedText


def clean_text(raw: str) -> CleanText:
    """Clean `raw` (decoded document text) into article paragraphs, keeping the offset map."""
    normalized = normalize_characters(MappedText.from_raw(raw))
    lines = classify_lines(normalized.text)
    clean = assemble(normalized, lines)
    return CleanText(
        clean.text, clean.offset_map(), _contacts(raw, normalized, lines), tuple(lines), normalized
    )


def _contacts(raw: str, normalized: MappedText, lines: list[Line]) -> tuple[Contact, ...]:
    blocks: list[tuple[str, list[tuple[str, int, int]]]] = []
    current: list[tuple[str, int, int]] | None = None
    for line in lines:
        if line.kind == BLANK:
            continue
        if line.kind != CONTACT:
            current = None
            continue
        if contact_lines.is_contact_heading(line.text):
            current = []
            blocks.append((line.text, current))
            continue
        if current is None:
            current = []
            blocks.append(("", current))
        raw_start, raw_end = normalized.raw_range(line.start, line.end)
        current.append((raw[raw_start:raw_end], raw_start, raw_end))
    found: list[Contact] = []
    for heading, block in blocks:
        found.extend(contact_lines.parse_contacts(block, heading))
    return tuple(found)
