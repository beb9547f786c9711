"""TimeML in and out: read a .tml file's DCT and <TEXT>, replace its TIMEX3 tags with ours.

Only TIMEX3 tags inside <TEXT> change. Every other tag (EVENT, SIGNAL, ...) and every character of
text stays as it was, so a TempEval-3 scorer can align our file with the gold one.
"""

from __future__ import annotations

import datetime as dt
import html
import re
from dataclasses import dataclass, replace
from pathlib import Path

from spacecoop.dates.finder import find_timexes
from spacecoop.dates.model import Timex
from spacecoop.errors import UnreadableDocument

_TEXT = re.compile(r"<TEXT>(.*?)</TEXT>", re.S)
_DCT = re.compile(r"<DCT>\s*<TIMEX3\b[^>]*?\bvalue=\"([^\"]+)\"", re.S)
_TOKEN = re.compile(r"<[^>]*>|[^<]+")
_TAG = re.compile(r"<(/?)([A-Za-z0-9_]+)\b([^>]*?)(/?)>")
_ATTR = re.compile(r"(\w+)=\"([^\"]*)\"")
_TID = re.compile(r"\btid=\"t(\d+)\"")


@dataclass(frozen=True)
class TimemlTimex:
    """A TIMEX3 tag inside <TEXT>: offsets into the tag-free text, and its attributes."""

    start: int
    end: int
    text: str
    type: str
    value: str
    mod: str | None = None


@dataclass(frozen=True)
class TimemlDocument:
    name: str
    dct: dt.date | None
    text: str  # the <TEXT> content with every tag removed (entities kept as written)
    timexes: tuple[TimemlTimex, ...]


@dataclass
class _Token:
    raw: str
    pos: int  # offset in the tag-free text where the token starts
    kind: str  # text | open | close | empty
    name: str = ""
    span: tuple[int, int] = (0, 0)  # the element's extent, for tags


def _text_of(source: str, name: str) -> re.Match[str]:
    match = _TEXT.search(source)
    if match is None:
        raise UnreadableDocument(name, "no <TEXT> element: not a TimeML document")
    return match


def read_dct(source: str) -> dt.date | None:
    """The document creation time's date, or None when the file has no DCT."""
    match = _DCT.search(source)
    if not match:
        return None
    try:
        return dt.date.fromisoformat(match.group(1)[:10])
    except ValueError:
        return None


def _tokenize(inner: str, name: str, *, drop_timex: bool) -> list[_Token]:
    tokens: list[_Token] = []
    pos = 0
    stack: list[_Token] = []
    for match in _TOKEN.finditer(inner):
        raw = match.group()
        if not raw.startswith("<"):
            tokens.append(_Token(raw, pos, "text"))
            pos += len(raw)
            continue
        if raw.startswith(("<!", "<?")):  # a comment or processing instruction: kept, never an element
            tokens.append(_Token(raw, pos, "empty", "", (pos, pos)))
            continue
        tag = _TAG.fullmatch(raw)
        if tag is None:
            raise UnreadableDocument(name, f"malformed tag {raw[:60]!r} in <TEXT>")
        kind = "close" if tag.group(1) else "empty" if tag.group(4) else "open"
        token = _Token(raw, pos, kind, tag.group(2), (pos, pos))
        if kind == "open":
            stack.append(token)
        elif kind == "close":
            if not stack or stack[-1].name != token.name:
                raise UnreadableDocument(name, f"</{token.name}> closes nothing open in <TEXT>")
            opener = stack.pop()
            opener.span = token.span = (opener.pos, pos)
        if drop_timex and token.name == "TIMEX3":
            continue
        tokens.append(token)
    if stack:
        raise UnreadableDocument(name, f"<{stack[-1].name}> is never closed in <TEXT>")
    return tokens


def read_timeml(source: str, name: str = "<string>") -> TimemlDocument:
    """Parse a TimeML document's DCT, plain text and the TIMEX3 tags inside <TEXT>."""
    inner = _text_of(source, name).group(1)
    tokens = _tokenize(inner, name, drop_timex=False)
    text = "".join(t.raw for t in tokens if t.kind == "text")
    timexes = []
    for token in tokens:
        if token.name == "TIMEX3" and token.kind == "open":
            attrs = dict(_ATTR.findall(token.raw))
            start, end = token.span
            timexes.append(TimemlTimex(start, end, text[start:end], attrs.get("type", ""),
                                       attrs.get("value", ""), attrs.get("mod")))  # fmt: skip
    return TimemlDocument(name, read_dct(source), text, tuple(timexes))


def _fit(timex_span: tuple[int, int], elements: list[tuple[int, int]], text: str) -> tuple[int, int] | None:
    """Trim an extent so it crosses no other element's boundary; None when nothing is left."""
    start, end = timex_span
    for a, b in elements:
        if a == b:
            continue
        if start < a < end < b:
            end = a
        elif a < start < b < end:
            start = b
    while start < end and not text[start].isalnum():
        start += 1
    while end > start and not (text[end - 1].isalnum() or text[end - 1] == "."):
        end -= 1
    return (start, end) if end > start else None


def _split_at(tokens: list[_Token], cuts: set[int]) -> list[_Token]:
    out = []
    for token in tokens:
        if token.kind != "text":
            out.append(token)
            continue
        inner_cuts = sorted(c for c in cuts if token.pos < c < token.pos + len(token.raw))
        last = token.pos
        for cut in [*inner_cuts, token.pos + len(token.raw)]:
            out.append(_Token(token.raw[last - token.pos : cut - token.pos], last, "text"))
            last = cut
    return out


def _slot(tokens: list[_Token], position: int, accept) -> int:
    """Index where a tag at `position` goes: after the run of tags there that `accept` says precede it."""
    index = next((i for i, t in enumerate(tokens) if t.pos >= position), len(tokens))
    while index < len(tokens) and tokens[index].kind != "text" and tokens[index].pos == position:
        if not accept(tokens[index]):
            break
        index += 1
    return index


def retag(source: str, name: str = "<string>", *, language: str = "en") -> tuple[str, list[Timex]]:
    """The document with its <TEXT> TIMEX3 tags replaced by ours, and the timexes written."""
    match = _text_of(source, name)
    tokens = _tokenize(match.group(1), name, drop_timex=True)
    text = "".join(t.raw for t in tokens if t.kind == "text")
    elements = sorted({t.span for t in tokens if t.kind == "open"})
    written: list[Timex] = []
    for timex in find_timexes(text, read_dct(source), language=language):
        fitted = _fit((timex.start, timex.end), elements, text)
        if fitted and (not written or fitted[0] >= written[-1].end):
            written.append(timex if fitted == (timex.start, timex.end) else
                           _moved(timex, fitted, text))  # fmt: skip
    tokens = _split_at(tokens, {p for t in written for p in (t.start, t.end)})
    used = {int(n) for n in _TID.findall(source[: match.start()] + source[match.end() :])}
    inserts: list[tuple[int, int, str]] = []
    next_tid = 1
    for timex in written:
        while next_tid in used:
            next_tid += 1
        used.add(next_tid)
        s, e = timex.start, timex.end
        opening = _open_tag(timex, f"t{next_tid}")
        # open after closers at s and after openers of elements that contain the timex
        at_open = _slot(
            tokens, s, lambda t, e=e: t.kind in ("close", "empty") or (t.kind == "open" and t.span[1] >= e)
        )
        # close after closers of elements that lie inside the timex
        at_close = _slot(tokens, e, lambda t, s=s: t.kind == "close" and t.span[0] > s)
        inserts += [(at_open, 1, opening), (at_close, 0, "</TIMEX3>")]
    inserts.sort(key=lambda item: (item[0], item[1]))
    pieces: list[str] = []
    cursor = 0
    for index, _order, tag in inserts:
        pieces.extend(t.raw for t in tokens[cursor:index])
        pieces.append(tag)
        cursor = index
    pieces.extend(t.raw for t in tokens[cursor:])
    inner = "".join(pieces)
    return source[: match.start(1)] + inner + source[match.end(1) :], written


def _moved(timex: Timex, span: tuple[int, int], text: str) -> Timex:
    return replace(timex, start=span[0], end=span[1], text=text[span[0] : span[1]])


def _open_tag(timex: Timex, tid: str) -> str:
    attrs = f'tid="{tid}" type="{timex.type}" value="{html.escape(timex.value, quote=True)}"'
    if timex.mod:
        attrs += f' mod="{timex.mod}"'
    return f"<TIMEX3 {attrs}>"


def retag_directory(
    in_dir: Path, out_dir: Path, *, language: str = "en"
) -> tuple[list[tuple[str, int]], list[UnreadableDocument]]:
    """Write every .tml file of `in_dir` to `out_dir` with our TIMEX3 tags.

    Returns (file name, timex count) for each file written and the errors of the files that could
    not be read; one bad file does not stop the others."""
    files = sorted(Path(in_dir).glob("*.tml"))
    if not files:
        raise UnreadableDocument(str(in_dir), "no .tml files in this directory")
    Path(out_dir).mkdir(parents=True, exist_ok=True)
    written_files: list[tuple[str, int]] = []
    failures: list[UnreadableDocument] = []
    for path in files:
        try:
            source = path.read_text(encoding="utf-8")
        except UnicodeDecodeError as error:
            failures.append(UnreadableDocument(str(path), f"not UTF-8 text ({error.reason})"))
            continue
        try:
            tagged, written = retag(source, str(path), language=language)
        except UnreadableDocument as error:
            failures.append(error)
            continue
        (Path(out_dir) / path.name).write_text(tagged, encoding="utf-8")
        written_files.append((path.name, len(written)))
    return written_files, failures
