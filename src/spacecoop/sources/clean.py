"""The cleaner: raw text -> article text, with a map back to the raw offsets.

Three pure steps: normalise characters (tags, entities, Markdown, spaces), classify each line
(body, list item, navigation, language bar, boilerplate, metadata, caption, contact), then join the
body lines into paragraphs (hard wraps and hyphenated words undone). Every step is an edit on a
`MappedText`, so the result keeps its (clean_start, raw_start, length) map.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from spacecoop.models import Contact, OffsetMap
from spacecoop.sources import contacts as contact_lines
from spacecoop.sources.datelines import is_date_line
from spacecoop.sources.mapped import MappedText, Piece, keep, put

BODY, LIST, BLANK = "body", "list", "blank"
NAV, LANGUAGE_BAR, BOILERPLATE, META, CAPTION, CONTACT = (
    "nav",
    "language-bar",
    "boilerplate",
    "meta",
    "caption",
    "contact",
)

_TERMINAL = (".", "!", "?", ":", '"', "”", "»", "'", "’", ")", ".)", "…")

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


# --- step 2: lines -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Line:
    """One line of the normalised text: its kind, stripped text and [start, end) in that text."""

    kind: str
    text: str
    start: int
    end: int


_LIST_MARKER = re.compile(r"^(?:[-*•·–▪●◦]|\d{1,2}[.)]|[a-z][.)])\s+(?=\S)")
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
    return (words >= 8 and text.endswith(_TERMINAL)) or words >= 16


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
    # "Site Home Section Subsection ..." breadcrumbs name the home page.
    return "Home" in text.split() and len(text.split()) >= 2


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
    return [Line(kind, t, s, e) for kind, t, (s, e) in zip(kinds, texts, spans, strict=True)]


def _kind_of(line: str, in_header: bool, latin_document: bool) -> str:
    if not line:
        return BLANK
    if not in_header and (
        len(line) > 250
        or (len(line) > 100 and line.endswith(_TERMINAL) and "@" not in line and "reserved" not in line)
    ):
        # A long line is prose (or a list item); the clutter patterns are all short lines.
        return LIST if _LIST_MARKER.match(line) else BODY
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
    if _LIST_MARKER.match(line):
        return LIST
    return BODY


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


# --- step 3: paragraphs ------------------------------------------------------------------------

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
            open_ended += not current.text.endswith(_TERMINAL)
    return continued >= 2 and open_ended >= 0.5 * continued


def _joins(previous: Line, following: Line, width: int, wrapped: bool) -> bool:
    """Whether two adjacent body lines are one paragraph broken by a hard wrap."""
    text, nxt = previous.text, following.text
    if _HYPHEN_BREAK.search(text) and nxt[:1].isalpha():
        return True
    long_line = width >= 40 and len(text) >= 0.6 * width
    if text.endswith(_TERMINAL):
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
            # A page number inside a hard-wrapped paragraph does not end it; anything else does.
            if not (wrapped and line.kind == NAV and line.text.isdigit()):
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
    marker = _LIST_MARKER.match(line.text)
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
