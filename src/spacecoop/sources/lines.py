"""Line classification: each line of normalised text is body, a list item or a kind of clutter.

Kinds: body, list, blank, nav (menus, breadcrumbs, section labels), language-bar, boilerplate
(printer links, related links, copyright, update lines), meta (datelines, header dates, the
Wayback banner), caption, contact (press-office lines and their block).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from spacecoop.sources import contacts as contact_lines
from spacecoop.sources.datelines import is_date_line

BODY, LIST, BLANK = "body", "list", "blank"
NAV, LANGUAGE_BAR, BOILERPLATE, META, CAPTION, CONTACT = (
    "nav",
    "language-bar",
    "boilerplate",
    "meta",
    "caption",
    "contact",
)

PAGE = "page"  # a page number or running head: removed, and it does not end a paragraph
PAGE_NUMBER = re.compile(
    r"^(?:(?:page|p\.)\s*)?\d{1,4}(?:\s*(?:/|of|sur|von)\s*\d{1,4})?$|^[-–]\s*\d{1,4}\s*[-–]$", re.I
)

TERMINAL = (".", "!", "?", ":", '"', "”", "»", "'", "’", ")", ".)", "…")


@dataclass(frozen=True)
class Line:
    """One line of the normalised text: its kind, stripped text and [start, end) in that text."""

    kind: str
    text: str
    start: int
    end: int


LIST_MARKER = re.compile(r"^(?:[-*•·–▪●◦]|\d{1,2}[.)]|[a-z][.)])\s+(?=\S)")
_BOILERPLATE = re.compile(
    r"^(?:printer[- ]friendly(?: page| version)?|print(?: this)?(?: page)?|related (?:links|articles|stories)|"
    r"more information|see also|share(?: this)?(?: article| page)?|tweet|e-?mail this(?: page)?|"
    r"back to top|skip to (?:main )?content|read more|advertisement|subscribe|sign up|log ?in|"
    r"follow us.*|tags?:.*|<< ?home|home|menu|newsletter|this page is powered by .*|powered by .*|"
    r"(?:©|\(c\)|copyright\b).*|.*\ball rights reserved\.?|(?:last update[d]?|mis à jour|updated)\s*:.*)$",
    re.I,
)
_CAPTION = re.compile(
    r"^(?:artist'?s?’?s? (?:drawing|impression|view|concept|rendering)|photo\b|image\b|picture\b|"
    r"illustration\b|credits?\b|caption\b)|\((?:left|right|centre|center|from left|l to r)\)",
    re.I,
)
_PRESS_NUMBER = re.compile(r"^(?:PR|CP|N°|No\.?)\s?\d{1,4}(?:\s*[-–/]\s*\d{4})?$", re.I)
_WAYBACK_LINE = re.compile(r"^(?:the )?wayback machine\b|web\.archive\.org/web/\d{14}", re.I)
_DOMAIN_LINE = re.compile(r"^(?:https?://)?(?:www\.)?[\w-]+(?:\.[\w-]+)+/?$", re.I)
_BREADCRUMB_SEPARATORS = re.compile(r"\s(?:[>»›/|]|-|–)\s")
_NAV_WORDS = frozenset(
    [
        "home",
        "news",
        "latest",
        "press",
        "releases",
        "release",
        "archive",
        "archives",
        "events",
        "event",
        "multimedia",
        "services",
        "search",
        "all",
        "about",
        "contact",
        "us",
        "science",
        "society",
        "technology",
        "business",
        "world",
        "politics",
        "sports",
        "opinion",
        "video",
        "videos",
        "photos",
        "gallery",
        "menu",
        "login",
        "subscribe",
        "newsroom",
        "media",
        "blog",
        "topics",
        "tags",
        "more",
        "categories",
        "category",
        "sections",
        "health",
        "economy",
        "culture",
        "top",
        "stories",
        "headlines",
        "local",
        "features",
        "feature",
        "accueil",
        "actualités",
        "actualites",
        "communiqués",
        "communiques",
        "presse",
        "aktuell",
        "nachrichten",
        "notizie",
        "noticias",
    ]
)
_LANGUAGE_NAMES = frozenset(
    [
        "english",
        "français",
        "francais",
        "deutsch",
        "español",
        "espanol",
        "italiano",
        "português",
        "portugues",
        "nederlands",
        "polski",
        "русский",
        "日本語",
        "中文",
        "한국어",
        "العربية",
        "svenska",
        "dansk",
        "suomi",
        "norsk",
        "čeština",
        "ελληνικά",
        "türkçe",
        "română",
        "en",
        "fr",
        "de",
        "es",
        "it",
        "pt",
        "nl",
        "pl",
        "ru",
        "ja",
        "zh",
        "ko",
        "ar",
    ]
)


def _letters(text: str) -> tuple[int, int]:
    latin = other = 0
    for ch in text:
        if ch.isalpha():
            if ch.isascii() or "LATIN" in unicodedata.name(ch, ""):
                latin += 1
            else:
                other += 1
    return latin, other


def _is_sentence(text: str) -> bool:
    words = len(text.split())
    return (words >= 8 and text.endswith(TERMINAL)) or words >= 16


def _is_short_item(text: str) -> bool:
    """A menu-like line: a few words, no sentence punctuation."""
    words = text.split()
    return 0 < len(words) <= 4 and len(text) <= 40 and not text.endswith((".", "!", "?", ":", ","))


def _is_language_bar(text: str, latin_document: bool) -> bool:
    if len(text) > 160 or text.count(" ") > 20:
        return False
    tokens = [t for t in re.split(r"[\s|/•·,]+", text) if t]
    if not 2 <= len(tokens) <= 14:
        return False
    named = sum(1 for t in tokens if t.lower() in _LANGUAGE_NAMES)
    if named >= max(2, 0.6 * len(tokens)):
        return True
    if text.isascii():
        return False
    latin, other = _letters(text)
    return latin_document and other > 0 and other >= 0.6 * (latin + other)


def _is_nav_line(text: str, in_header: bool) -> bool:
    if text.count(" ") <= 5:
        words = [w.strip(".,:;!?()[]'’\"").lower() for w in text.split()]
        words = [w for w in words if w]
        if words and len(words) <= 5 and all(w in _NAV_WORDS or w.isdigit() for w in words):
            return True
    if _DOMAIN_LINE.match(text):
        return True
    if not in_header or text.endswith((".", "!", "?")):
        return False
    if len(_BREADCRUMB_SEPARATORS.findall(text)) >= 2 and len(text.split()) <= 16:
        return True
    # "Home Section Page title" or "Site Home Section Subsection": breadcrumbs name the home page
    # first, or are a row of capitalised labels (a headline has lower-case words).
    words = text.split()
    if "Home" not in words or len(words) < 2:
        return False
    return words[0] == "Home" or all(w[:1].isupper() or not w[:1].isalpha() for w in words)


def classify_lines(text: str) -> list[Line]:
    """Every line of normalised text with its kind."""
    spans: list[tuple[int, int]] = []
    position = 0
    for raw_line in text.split("\n"):
        stripped = raw_line.strip()
        lead = len(raw_line) - len(raw_line.lstrip())
        spans.append((position + lead, position + lead + len(stripped)))
        position += len(raw_line) + 1
    texts = [text[s:e] for s, e in spans]
    latin, other = _letters(text[:50000])
    latin_document = latin >= 4 * other
    first_sentence = next((i for i, t in enumerate(texts) if _is_sentence(t)), len(texts))
    kinds: list[str] = []
    for index, line in enumerate(texts):
        kinds.append(_kind_of(line, index < first_sentence, latin_document))
    _mark_nav_runs(texts, kinds)
    _mark_contacts(texts, kinds)
    _mark_running_lines(texts, kinds)
    return [Line(kind, t, s, e) for kind, t, (s, e) in zip(kinds, texts, spans, strict=True)]


def _kind_of(line: str, in_header: bool, latin_document: bool) -> str:
    if not line:
        return BLANK
    if not in_header and (
        len(line) > 250
        or (len(line) > 100 and line.endswith(TERMINAL) and "@" not in line and "reserved" not in line)
    ):
        # A long line is prose (or a list item); the clutter patterns are all short lines.
        return LIST if LIST_MARKER.match(line) else BODY
    if _BOILERPLATE.match(line):
        return BOILERPLATE
    if _WAYBACK_LINE.search(line) or _PRESS_NUMBER.match(line) or is_date_line(line):
        return META
    if _is_language_bar(line, latin_document):
        return LANGUAGE_BAR
    if _is_nav_line(line, in_header):
        return NAV
    if in_header and " " not in line and line[:1].isupper() and not line.endswith((".", "!", "?", ":")):
        # A lone word above the article is a site name or a section label.
        return NAV
    if _CAPTION.search(line) and not _is_sentence(line):
        return CAPTION
    if LIST_MARKER.match(line):
        return LIST
    return BODY


def _mark_running_lines(texts: list[str], kinds: list[str]) -> None:
    """Page numbers, and short lines repeated three times or more (running heads of a PDF)."""
    counts: dict[str, int] = {}
    for text, kind in zip(texts, kinds, strict=True):
        if kind == BODY and len(text) <= 80:
            counts[text] = counts.get(text, 0) + 1
    for index, (text, kind) in enumerate(zip(texts, kinds, strict=True)):
        if kind not in (BODY, NAV) or len(text) > 80:
            continue
        running_head = kind == BODY and counts[text] >= 3 and len(text.split()) <= 12
        if running_head or PAGE_NUMBER.match(text):
            kinds[index] = PAGE


def _mark_nav_runs(texts: list[str], kinds: list[str]) -> None:
    """Three or more menu-like lines separated only by blank lines are a menu, unless the line
    above them announces a list ("... in these areas:"), when they are list items."""
    run: list[int] = []
    before = ""  # the last non-blank line before the run
    for index in [*range(len(texts)), None]:
        if index is not None and kinds[index] == BLANK:
            continue
        if index is not None and kinds[index] in (BODY, NAV) and _is_short_item(texts[index]):
            run.append(index)
            continue
        if len(run) >= 3:
            announced = before.endswith(":") and all(kinds[i] == BODY for i in run)
            for i in run:
                kinds[i] = LIST if announced else NAV
        run = []
        before = texts[index] if index is not None else ""


def _mark_contacts(texts: list[str], kinds: list[str]) -> None:
    """Lines with phones or e-mails, a contacts heading and the short lines of its block."""
    detail = [
        i for i, t in enumerate(texts) if kinds[i] in (BODY, LIST) and contact_lines.has_contact_details(t)
    ]
    for i in detail:
        kinds[i] = CONTACT
    for index, line in enumerate(texts):
        if kinds[index] in (BODY, NAV) and contact_lines.is_contact_heading(line):
            kinds[index] = CONTACT
            _mark_block(texts, kinds, index + 1)
    for i in detail:
        # Name lines directly above a block of details ("Name" then "Tel. ..." columns).
        j = i - 1
        while j >= 0 and kinds[j] in (BODY, BLANK) and (kinds[j] == BLANK or contact_lines.is_name(texts[j])):
            if kinds[j] == BODY:
                kinds[j] = CONTACT
            j -= 1
        _mark_block(texts, kinds, i + 1)


def _mark_block(texts: list[str], kinds: list[str], index: int) -> None:
    while index < len(texts):
        line, kind = texts[index], kinds[index]
        if kind in (BLANK, CONTACT):
            index += 1
            continue
        short = len(line.split()) <= 6 and not line.endswith((".", "!", "?"))
        if kind in (BODY, NAV, LIST) and (short or contact_lines.is_bare_url(line)):
            kinds[index] = CONTACT
            index += 1
            continue
        break
