"""The text layer of a PDF (pypdf), refusing truncated, encrypted and image-only files clearly."""

from __future__ import annotations

import io
import logging

from spacecoop.errors import UnreadableDocument
from spacecoop.sources.limits import ReadLimits, check_pdf_streams


def extract_pdf_text(data: bytes, source: str, limits: ReadLimits | None = None) -> str:
    """The text of every page, pages separated by a newline (the cleaner rejoins wrapped lines).
    A PDF whose streams unpack to more than the limits allow is refused before pypdf reads it."""
    from pypdf import PdfReader
    from pypdf.errors import DependencyError, FileNotDecryptedError, PdfReadError

    if b"%%EOF" not in data[-2048:]:
        raise UnreadableDocument(source, "truncated PDF: the file ends before its end-of-file marker")
    check_pdf_streams(data, source, limits or ReadLimits())
    # pypdf logs recoverable damage as warnings; the reason we raise is the message that matters.
    logging.getLogger("pypdf").setLevel(logging.ERROR)
    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted and not reader.decrypt(""):
            raise UnreadableDocument(source, "encrypted PDF: a password is needed to read it")
        pages = [page.extract_text() or "" for page in reader.pages]
    except DependencyError as error:
        raise UnreadableDocument(source, f"encrypted PDF that needs a missing library: {error}") from error
    except FileNotDecryptedError as error:
        raise UnreadableDocument(source, "encrypted PDF: a password is needed to read it") from error
    except (PdfReadError, ValueError, KeyError, TypeError) as error:
        raise UnreadableDocument(source, f"damaged PDF: {error}") from error
    if not pages:
        raise UnreadableDocument(source, "PDF has no pages")
    text = "\n".join(page.strip("\n") for page in pages)
    if not text.strip():
        raise UnreadableDocument(source, "PDF has no text layer (scanned or drawn pages only)")
    return text
