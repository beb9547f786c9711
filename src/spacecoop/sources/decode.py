"""Bytes to text: UTF-8 (with or without BOM), UTF-16 with BOM, then cp1252/Latin-1; refuses junk."""

from __future__ import annotations

import codecs

from spacecoop.errors import UnreadableDocument

# Signatures of common binary formats, so the error can say what the file actually is.
_MAGIC = (
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"PK\x03\x04", "a ZIP archive (or an Office document)"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"\x7fELF", "an executable"),
    (b"\xd0\xcf\x11\xe0", "an old Microsoft Office document"),
)
_SAMPLE = 65536
# Above this share of control characters the input is not prose.
_MAX_CONTROL_SHARE = 0.01
_ALLOWED_CONTROLS = {"\t", "\n", "\r", "\f", "\v"}


def decode_text(data: bytes, source: str) -> str:
    """The text of `data`, or UnreadableDocument saying why it is not a text document."""
    if not data:
        raise UnreadableDocument(source, "empty file (0 bytes)")
    for magic, what in _MAGIC:
        if data.startswith(magic):
            raise UnreadableDocument(source, f"binary content: this looks like {what}, not a document")
    text = _decode(data)
    sample = text[:_SAMPLE]
    # C0 controls other than layout, and C1 controls (what undecodable bytes become in Latin-1).
    controls = sum(1 for ch in sample if (ch < " " and ch not in _ALLOWED_CONTROLS) or "\x80" <= ch <= "\x9f")
    if sample and controls / len(sample) > _MAX_CONTROL_SHARE:
        share = 100 * controls / len(sample)
        raise UnreadableDocument(
            source, f"binary content: {share:.0f}% of the first characters are control bytes, not text"
        )
    # A few NUL bytes in prose are damage, not content (and PostgreSQL cannot store them in text).
    text = text.replace("\x00", "")
    if not text.strip():
        raise UnreadableDocument(source, "no text: the file holds only whitespace")
    return text


def _decode(data: bytes) -> str:
    if data.startswith(codecs.BOM_UTF8):
        return data[len(codecs.BOM_UTF8) :].decode("utf-8", errors="replace")
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data.decode("utf-16", errors="replace")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    try:
        # cp1252 is what "Latin-1" files from Windows really are (curly quotes at 0x91-0x94).
        return data.decode("cp1252")
    except UnicodeDecodeError:
        return data.decode("latin-1")
