"""A document's title and publisher, each with the evidence it was read from (the date is in
`document_date`, re-exported here)."""

from __future__ import annotations

import re
from collections import Counter

from spacecoop.models import Contact, MetaValue
from spacecoop.sources.datelines import is_date_line
from spacecoop.sources.document_date import find_date
from spacecoop.sources.lines import BODY, BOILERPLATE, Line
from spacecoop.sources.publishers import publisher_for_domain, publishers_named

__all__ = ["find_date", "find_publisher", "find_title"]

_COPYRIGHT_NOISE = re.compile(
    r"©|\(c\)|\bcopyright\b|\ball rights reserved\b|\b(?:19|20)\d\d\b|\s[-–]\s|\s[-–](?=\s*$)", re.I
)
# A photo caption with its credit is not a headline.
_CREDIT = re.compile(r"\b(?:photo|credits?|courtesy)\b|/\s?AFP\b|©", re.I)


# --- title -------------------------------------------------------------------------------------


def _heading_like(text: str) -> bool:
    words = text.split()
    return (
        2 <= len(words) <= 30
        and not text.endswith((".", ",", ";"))
        and (text[:1].isupper() or text[:1].isdigit())
        and not is_date_line(text)
        and not _CREDIT.search(text)
    )


def find_title(lines: tuple[Line, ...], html_title: str | None = None) -> tuple[MetaValue, int | None]:
    """The article's title (the first heading-like body line) and its line index."""
    body = [(i, line) for i, line in enumerate(lines) if line.kind == BODY]
    first_sentence = next(
        (i for i, line in body if len(line.text.split()) >= 8 and line.text.endswith((".", "”", '"'))), None
    )
    heading = next(
        (
            (i, line)
            for i, line in body
            if (first_sentence is None or i < first_sentence) and _heading_like(line.text)
        ),
        None,
    )
    if html_title and (heading is None or heading[1].text not in html_title):
        return MetaValue(html_title, "the page's <title>", 0.8), heading[0] if heading else None
    if heading is None:
        return MetaValue(None, "no heading-like line before the first sentence", 0.0), None
    index, line = heading
    following = lines[index + 1] if index + 1 < len(lines) else None
    # A headline wrapped onto a second line continues in lower case.
    if following is not None and following.kind == BODY and following.text[:1].islower():
        if len(following.text.split()) <= 12 and not following.text.endswith("."):
            joined = f"{line.text} {following.text}"
            return MetaValue(joined, joined, 0.8), index + 1
    # A short kicker directly above the headline ("Topic" / "Headline") belongs to the title.
    if (
        following is not None
        and following.kind == BODY
        and len(line.text.split()) <= 5
        and _heading_like(following.text)
        and len(following.text.split()) <= 20
    ):
        joined = f"{line.text.rstrip(' :')}: {following.text}"
        return MetaValue(joined, f"{line.text} / {following.text}", 0.7), index + 1
    return MetaValue(line.text, line.text, 0.8), index


# --- publisher ---------------------------------------------------------------------------------

# "About CNES", "À propos du CNES", or an agency's name alone on one of the last lines.
_ABOUT = re.compile(
    r"^(?:about|à propos (?:du|de la|de l'|de)|über|acerca de|chi è)\s*(?:the\s+)?(.+?)\s*:?$", re.I
)


def _signature(lines: tuple[Line, ...]) -> MetaValue | None:
    tail = [line for line in lines if line.text][-12:]
    for line in tail:
        about = _ABOUT.match(line.text)
        candidate = about.group(1) if about else line.text
        named = publishers_named(candidate)
        if (
            named
            and len(candidate.split()) <= 6
            and (about or len(named) == 1 and candidate.strip(" .") in _names(named[0]))
        ):
            return MetaValue(named[0], f"signature line '{line.text}'", 0.8)
    return None


def _names(short: str) -> set[str]:
    from spacecoop.sources.publishers import PUBLISHERS

    return next({s, *names} for s, names, _ in PUBLISHERS if s == short)


def find_publisher(
    lines: tuple[Line, ...],
    contacts: tuple[Contact, ...],
    clean_text: str,
    url: str | None = None,
    raw_text: str = "",
) -> MetaValue:
    """Who published the document: from contacts, copyright lines, the address, or its own name."""
    organizations = Counter(c.organization for c in contacts if c.organization)
    if organizations:
        name, _ = organizations.most_common(1)[0]
        emails = ", ".join(c.email for c in contacts if c.email and c.organization == name)
        return MetaValue(name, f"press contacts {emails or name}", 0.9)
    copyright_lines = [
        line.text
        for line in lines
        if line.kind == BOILERPLATE and re.search(r"©|\(c\)|copyright|all rights reserved", line.text, re.I)
    ]
    for text in copyright_lines:
        named = publishers_named(text)
        if named:
            return MetaValue(named[0], text, 0.9)
    signature = _signature(lines)
    if signature:
        return signature
    if url:
        host = re.sub(r"^https?://", "", url).split("/")[0]
        owner = publisher_for_domain(host)
        if owner:
            return MetaValue(owner, url, 0.85)
    emails = re.findall(r"@([\w-]+(?:\.[\w-]+)+)", raw_text[:200000] or clean_text)
    for domain in emails:
        owner = publisher_for_domain(domain)
        if owner:
            return MetaValue(owner, f"an e-mail address at {domain}", 0.7)
    # The page's owner is not in our table: name it as the copyright line does.
    for text in copyright_lines:
        owner = _COPYRIGHT_NOISE.sub(" ", text).strip(" .,-–")
        if 1 <= len(owner.split()) <= 8:
            return MetaValue(" ".join(owner.split()), text, 0.6)
    # A release names its own agency first and most: count mentions in the opening.
    opening = clean_text[:1500]
    counts = Counter()
    for name in publishers_named(opening):
        counts[name] = len(re.findall(rf"\b{re.escape(name)}\b", opening))
    if counts:
        (name, hits), *rest = counts.most_common()
        if hits >= 2 and (not rest or hits > rest[0][1]):
            return MetaValue(name, f"'{name}' named {hits} times in the opening", 0.4)
    return MetaValue(None, "no publisher named by contacts, copyright, address or signature", 0.0)
