"""Which form a source is in, decided by its content as well as its file name."""

from __future__ import annotations

import re
from dataclasses import dataclass

FORMS = ("text", "web-text", "html", "wayback", "markdown", "pdf")

# https://web.archive.org/web/20070222060659/http://www.esa.int:80/...  (optionally id_/if_ flags)
WAYBACK_URL = re.compile(r"https?://web\.archive\.org/web/(\d{14})(?:[a-z]{2}_)?/(\S+?)(?=[\s\"'<>)]|$)")
_HTML_SIGNS = re.compile(r"<!doctype\s+html|<html[\s>]|<body[\s>]|<head[\s>]|<div[\s>]|<p[\s>]", re.I)
_MARKDOWN_SIGNS = re.compile(r"^(#{1,6} \S|\*\*\S|- \S|\d+\. \S|\[[^\]]+\]\([^)]+\))", re.M)
_WEB_DUMP_SIGNS = re.compile(
    r"^\s*(printer[- ]friendly( page)?|related links|more information|share this|back to top|"
    r"skip to (main )?content|copyright\b.*|©.*|.*all rights reserved\.?)\s*$",
    re.I | re.M,
)


@dataclass(frozen=True)
class Wayback:
    """A Wayback Machine capture: when it was taken and of which address."""

    archive_url: str
    timestamp: str  # YYYYMMDDhhmmss
    original_url: str


def is_pdf(data: bytes) -> bool:
    # The header may follow a little junk; readers accept it within the first kilobyte.
    return b"%PDF-" in data[:1024]


def find_wayback(text: str) -> Wayback | None:
    match = WAYBACK_URL.search(text)
    if not match:
        return None
    return Wayback(match.group(0), match.group(1), match.group(2))


def looks_like_html(text: str) -> bool:
    head = text[:4096]
    return bool(_HTML_SIGNS.search(head)) and head.count("<") >= 3


def detect_text_form(name: str, text: str) -> str:
    """The form of a decoded text: html, wayback, markdown, web-text or text."""
    lower = name.lower()
    if looks_like_html(text) or (lower.endswith((".html", ".htm")) and "<" in text[:4096]):
        return "html"
    if find_wayback(text[:20000]):
        return "wayback"
    if lower.endswith((".md", ".markdown")):
        return "markdown"
    head = text[:200000]
    if len(_MARKDOWN_SIGNS.findall(head)) >= 3 and ("**" in head or "# " in head or "](" in head):
        return "markdown"
    if _WEB_DUMP_SIGNS.search(head):
        return "web-text"
    return "text"
