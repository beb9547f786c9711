"""Budgets for reading one source, checked before the expensive work they guard.

Analysis time grows with the length of the text, so an oversized text is refused up front with a
clear message instead of stalling a batch for an hour. A PDF or an HTML page can unpack into far
more than its file size (a few MB of compressed streams can hold gigabytes), so the bytes a
reader may unpack have their own budget, counted without holding them in memory.
"""

from __future__ import annotations

import os
import re
import stat
import zlib
from dataclasses import dataclass

from spacecoop.errors import UnreadableDocument

MB = 1024 * 1024
DEFAULT_MAX_SIZE = 3 * MB
DEFAULT_MAX_DECOMPRESSED = 50 * MB
# A PDF stream's data starts after `stream` and one end of line, and runs up to `endstream`.
_STREAM = re.compile(rb"stream\r?\n")
_END = b"endstream"
_CHUNK = 64 * 1024


@dataclass(frozen=True)
class ReadLimits:
    """`max_size`: bytes of text (of a text file, or extracted from a PDF or a page).
    `max_decompressed`: bytes a PDF's streams may unpack to, and the size of a PDF or HTML file."""

    max_size: int = DEFAULT_MAX_SIZE
    max_decompressed: int = DEFAULT_MAX_DECOMPRESSED


def megabytes(size: int) -> str:
    value = size / MB
    return f"{value:.1f}" if value < 10 else f"{value:.0f}"


def too_large(size: int, limits: ReadLimits, what: str = "") -> str:
    return f"too large: {megabytes(size)} MB{what}, limit {megabytes(limits.max_size)} MB (--max-size)"


def check_file(path: str, limits: ReadLimits, *, markup: bool) -> None:
    """Refuse a file that is not a regular file or is over budget, before reading a byte of it.
    `markup`: the file is a PDF or a page, whose text is much smaller than the file."""
    try:
        info = os.stat(path)
    except OSError:
        return  # reading it will say why
    if not stat.S_ISREG(info.st_mode):
        if stat.S_ISDIR(info.st_mode):
            return
        raise UnreadableDocument(path, "not a regular file (a FIFO, socket or device); never opened")
    check_bytes(path, info.st_size, limits, markup=markup)


def check_bytes(source: str, size: int, limits: ReadLimits, *, markup: bool) -> None:
    if markup and size > limits.max_decompressed:
        raise UnreadableDocument(
            source,
            f"too large: {megabytes(size)} MB, limit {megabytes(limits.max_decompressed)} MB "
            "for a PDF or HTML file (--max-decompressed)",
        )
    if not markup and size > limits.max_size:
        raise UnreadableDocument(source, too_large(size, limits))


def check_text(source: str, text: str, limits: ReadLimits, what: str) -> None:
    """Refuse text extracted from a PDF or a page that is over `max_size` (UTF-8 bytes)."""
    if len(text) * 4 <= limits.max_size:  # cannot be over: skip encoding it
        return
    size = len(text.encode("utf-8", errors="replace"))
    if size > limits.max_size:
        raise UnreadableDocument(source, too_large(size, limits, f" of text {what}"))


def check_pdf_streams(data: bytes, source: str, limits: ReadLimits) -> None:
    """Refuse a PDF whose Flate streams together unpack to more than `max_decompressed` bytes.

    Each stream is inflated in pieces and only counted, so memory stays flat; streams that are not
    Flate (images) or cannot be inflated here (encrypted ones) are not counted."""
    budget = limits.max_decompressed
    total = 0
    for match in _STREAM.finditer(data):
        if data[max(0, match.start() - 3) : match.start()] == b"end":
            continue  # the `stream` of an `endstream`
        start = match.end()
        end = data.find(_END, start)
        if end < 0:
            break
        total += _inflated_size(data, start, end, budget - total + 1)
        if total > budget:
            raise UnreadableDocument(
                source,
                f"PDF too large once decompressed: its streams unpack to over "
                f"{megabytes(budget)} MB (--max-decompressed)",
            )


def _inflated_size(data: bytes, start: int, end: int, cap: int) -> int:
    """How many bytes the zlib data in data[start:end] inflates to, counting no further than cap."""
    inflater = zlib.decompressobj()
    size = 0
    view = memoryview(data)[start:end]
    try:
        for offset in range(0, len(view), _CHUNK):
            pending = bytes(view[offset : offset + _CHUNK])
            while pending and size < cap and not inflater.eof:
                out = len(inflater.decompress(pending, _CHUNK))
                if not out and pending == inflater.unconsumed_tail:
                    break  # no progress: the rest is not deflate data
                size += out
                pending = inflater.unconsumed_tail
            if size >= cap or inflater.eof:
                break
    except zlib.error:
        return size
    return size
