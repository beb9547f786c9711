"""Document sources: a file (or bytes) in any supported form -> a cleaned, dated `Document`.

from spacecoop.sources import read_source
doc = read_source("samples/esa_nasa_orion.txt")
doc.text, doc.date, doc.title, doc.publisher, doc.language, doc.contacts
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from spacecoop.errors import UnreadableDocument
from spacecoop.models import Document
from spacecoop.sources.clean import CleanText, clean_text
from spacecoop.sources.decode import decode_text
from spacecoop.sources.detect import FORMS, detect_text_form, find_wayback, is_pdf, looks_like_html
from spacecoop.sources.language import detect_language
from spacecoop.sources.limits import ReadLimits, check_bytes, check_file, check_text
from spacecoop.sources.metadata import find_date, find_publisher, find_title

__all__ = [
    "FORMS",
    "CleanText",
    "ReadLimits",
    "UnreadableDocument",
    "clean_text",
    "read_source",
    "SUFFIXES",
]

# File name endings `read_source` is meant for (folders are walked for these).
SUFFIXES = (".txt", ".text", ".md", ".markdown", ".html", ".htm", ".pdf")


def read_source(
    path: str | Path,
    data: bytes | None = None,
    name: str | None = None,
    *,
    url: str | None = None,
    limits: ReadLimits | None = None,
) -> Document:
    """Read, clean and date one document.

    `path` names the source (and is read when `data` is None); `name` overrides the file name used
    for the key and for the extension hint; `url` is where the document was fetched from, if known.
    The form is chosen by content first (a PDF or an HTML page named .txt is still read as one).
    Raises UnreadableDocument(source, reason) for empty, binary, damaged or encrypted input, and
    for input over the `limits` (ReadLimits() when None): too much text, or a PDF or page that
    unpacks to too much.
    """
    source = str(path)
    limits = limits or ReadLimits()
    name = name or Path(source).name
    if data is None:
        check_file(source, limits, markup=_is_markup_name(name))
        try:
            data = Path(path).read_bytes()
        except IsADirectoryError as error:
            raise UnreadableDocument(source, "is a folder, not a file") from error
        except OSError as error:
            raise UnreadableDocument(source, f"cannot read the file: {error.strerror or error}") from error
    html_title = html_date = None
    if is_pdf(data):
        from spacecoop.sources.pdf import extract_pdf_text

        check_bytes(source, len(data), limits, markup=True)
        form, raw_text, wayback = "pdf", extract_pdf_text(data, source, limits), None
        check_text(source, raw_text, limits, "in the PDF")
    else:
        check_bytes(source, len(data), limits, markup=_is_markup(name, data))
        text = decode_text(data, source)
        form = detect_text_form(name, text)
        wayback = find_wayback(text[:200000])
        raw_text = text
        if form == "html":
            from spacecoop.sources.html import extract_html

            content = extract_html(text, source)
            check_text(source, content.text, limits, "in the page")
            raw_text, html_title, html_date = content.text, content.title, content.date
            url = url or content.url
        if wayback:
            form = "wayback"
        if form != "html":
            check_text(source, raw_text, limits, "")
    cleaned = clean_text(raw_text)
    if not cleaned.text.strip():
        raise UnreadableDocument(source, "no article text left once navigation and boilerplate are removed")
    address = url or (wayback.original_url if wayback else None)
    title, title_line = find_title(cleaned.lines, html_title)
    date = find_date(raw_text, cleaned.lines, title_line, url=url, wayback=wayback, html_date=html_date)
    return Document(
        id=hashlib.sha256(data).hexdigest(),
        key=Path(name).stem,
        source=source,
        form=form,
        raw_text=raw_text,
        text=cleaned.text,
        offsets=cleaned.offsets,
        date=date,
        date_evidence=date.text if date else "",
        title=title,
        publisher=find_publisher(cleaned.lines, cleaned.contacts, cleaned.text, address, raw_text),
        language=detect_language(cleaned.text),
        contacts=cleaned.contacts,
        url=address,
    )


def _is_markup_name(name: str) -> bool:
    return name.lower().endswith((".pdf", ".html", ".htm"))


def _is_markup(name: str, data: bytes) -> bool:
    # A page's text is a fraction of its markup: it gets the larger budget, its text the smaller.
    return _is_markup_name(name) or looks_like_html(data[:4096].decode("latin-1"))
