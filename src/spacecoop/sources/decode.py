"""Bytes to text: BOMs first, then UTF-8 with stray bytes repaired line by line, then the legacy
encoding a charset detector (charset-normalizer) finds; refuses what is not text, saying why."""

from __future__ import annotations

import codecs
import re

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
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_SAMPLE = 65536
# How much of a file the charset detector looks at: enough to tell encodings apart, cheap.
_DETECT_BYTES = 256 * 1024
# Above this share of control characters the input is not prose.
_MAX_CONTROL_SHARE = 0.01
# Percentage points of "chaos" (charset-normalizer's mess measure) within which encodings tie.
_CHAOS_MARGIN = 1.0
_ALLOWED_CONTROLS = {"\t", "\n", "\r", "\f", "\v"}
# A well-formed multi-byte UTF-8 sequence: evidence that the file was written as UTF-8.
_UTF8_SEQUENCE = re.compile(rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}")


def decode_text(data: bytes, source: str) -> str:
    """The text of `data`, or UnreadableDocument saying why it is not a text document."""
    if not data:
        raise UnreadableDocument(source, "empty file (0 bytes)")
    for magic, what in _MAGIC:
        if data.startswith(magic):
            raise UnreadableDocument(source, f"binary content: this looks like {what}, not a document")
    text = _decode(data)
    sample = text[:_SAMPLE]
    # C0 controls other than layout (NUL counted), and C1 controls (undecodable bytes in Latin-1).
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
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return data.decode(encoding, errors="replace")
    utf16 = _utf16_without_bom(data)  # before UTF-8: its NUL bytes are valid UTF-8
    if utf16:
        return data.decode(utf16, errors="replace")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    if _mostly_utf8(data):
        return repair_utf8(data, _stray_encoding(data))
    encoding = _legacy_encoding(data)
    if encoding is None:
        # Nothing fits: Latin-1 maps every byte, and the control-byte check judges the result.
        return data.decode("cp1252", errors="ignore") if _is_cp1252(data) else data.decode("latin-1")
    return data.decode(encoding, errors="replace")


def repair_utf8(data: bytes, fallback: str = "cp1252") -> str:
    """UTF-8 text in which some lines hold stray bytes of another encoding (a line pasted from an
    old file): each line that is UTF-8 stays so, each that is not is read in `fallback`."""
    out = []
    for line in data.split(b"\n"):
        try:
            out.append(line.decode("utf-8"))
        except UnicodeDecodeError:
            if _UTF8_SEQUENCE.search(line):
                # UTF-8 and a stray byte on one line: keep the UTF-8, read only the stray byte.
                out.append(line.decode("utf-8", errors=_stray_handler(fallback)))
            else:
                out.append(line.decode(fallback, errors="replace"))
    return "\n".join(out)


def _stray_handler(fallback: str) -> str:
    name = f"spacecoop-stray-{fallback}"
    try:
        codecs.lookup_error(name)
    except LookupError:

        def handler(error: UnicodeDecodeError) -> tuple[str, int]:
            stray = error.object[error.start : error.end]
            return bytes(stray).decode(fallback, errors="replace"), error.end

        codecs.register_error(name, handler)
    return name


def _mostly_utf8(data: bytes) -> bool:
    """Whether the bytes are UTF-8 with a few stray bytes: nearly every non-ASCII byte belongs to
    a well-formed sequence (in legacy multi-byte text such pairs occur only by chance)."""
    sample = data[: 4 * _DETECT_BYTES]
    decoded = sample.decode("utf-8", errors="surrogateescape")
    stray = sum(1 for ch in decoded if "\udc80" <= ch <= "\udcff")
    wide = sum(1 for ch in decoded if ch > "\x7f" and not "\udc80" <= ch <= "\udcff")
    return wide > 0 and stray <= max(2, wide // 20)


def _stray_encoding(data: bytes) -> str:
    # The stray bytes are too few for a detector; they come from a Windows editor as a rule.
    return "cp1252"


def _utf16_without_bom(data: bytes) -> str | None:
    """UTF-16 saved without a byte-order mark: Latin text then has a NUL in every other byte."""
    sample = data[:4096]
    if len(sample) < 16 or len(sample) % 2:
        return None
    odd, even = sample[1::2].count(0), sample[0::2].count(0)
    half = len(sample) // 2
    if odd > 0.6 * half and even < 0.05 * half:
        return "utf-16-le"
    if even > 0.6 * half and odd < 0.05 * half:
        return "utf-16-be"
    return None


def _legacy_encoding(data: bytes) -> str | None:
    """The encoding charset-normalizer finds for bytes that are not UTF-8, or None. Among equally
    good Latin candidates, cp1252 (what "Latin-1" files from Windows are) wins."""
    from charset_normalizer import from_bytes

    sample = data[:_DETECT_BYTES]
    results = from_bytes(sample)
    best = results.best()
    if best is None:
        return None
    if best.encoding in ("ascii", "utf_8"):
        return "cp1252"
    # Short Latin text fits many code pages about equally (German may come out as Baltic DOS);
    # one that fits as well as the best and includes cp1252 is taken to be cp1252.
    tied = [m for m in results if m.percent_chaos <= best.percent_chaos + _CHAOS_MARGIN]
    if any("cp1252" in m.could_be_from_charset for m in tied) and _is_cp1252(sample):
        return "cp1252"
    return best.encoding


def _is_cp1252(data: bytes) -> bool:
    try:
        data.decode("cp1252")
    except UnicodeDecodeError:
        return False
    return True
