"""Press-office contacts: recognise their lines and turn them into `Contact` records."""

from __future__ import annotations

import re
import unicodedata

from spacecoop.models import Contact
from spacecoop.sources.publishers import publisher_for_domain

EMAIL = re.compile(r"\b[\w.+-]+@([\w-]+(?:\.[\w-]+)+)\b")
PHONE = re.compile(
    r"(?:\b(?:tel|tél|phone|fax|mobile|mob|t)\b\.?\s*:?\s*)?(?<![\w/])\+?\(?\d[\d\s().-]{6,}\d(?![\w/])",
    re.I,
)
_PHONE_LABEL = re.compile(r"^\s*(?:tel|tél|phone|fax|mobile|mob|t)\b\.?\s*:?\s*", re.I)
CONTACT_HEADING = re.compile(
    r"^\s*(?:[\w&'’-]+\s+){0,3}(?:press|media)?\s*(?:contacts?|contact presse|contacts presse|press office|"
    r"media relations|press relations|relations presse)\s*:?\s*$",
    re.I,
)
_ROLE = re.compile(
    r"\b(?:press|media|officer|attachée?|relations|spokes(?:wo)?man|spokesperson|communications?|"
    r"head of|manager|chargée? de|responsable|porte-parole)\b",
    re.I,
)
_NAME = re.compile(r"^(?:(?:Mr|Ms|Mrs|Dr|M|Mme)\.?\s+)?[A-ZÀ-Þ][\w'’À-ÿ-]+(?:\s+[A-ZÀ-Þ][\w'’À-ÿ.-]+){1,3}$")
_EIGHT_DIGITS = re.compile(r"\d[\d\s().-]{6,}\d")
_URL_ONLY = re.compile(r"^\s*(?:https?://|www\.)?[\w-]+(?:\.[\w-]+)+(?:/\S*)?\s*$", re.I)
# Fields of one line are separated by runs of spaces, tabs, no-break spaces or bars.
_FIELD_SPLIT = re.compile(r"(?:[ \t\u00a0]{2,}|\t|\u00a0|\s*\|\s*)")
_HEADING_WORDS = frozenset(
    ["press", "media", "contact", "contacts", "relations", "for", "more", "information"]
)
_MARKDOWN_LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")


def has_contact_details(line: str) -> bool:
    """A short line carrying an e-mail address or a telephone number."""
    if len(line) > 400 or ("@" not in line and not _EIGHT_DIGITS.search(line)):
        return False
    return len(line.split()) <= 25 and bool(EMAIL.search(line) or _phone(line))


def is_contact_heading(line: str) -> bool:
    return bool(CONTACT_HEADING.match(line.replace("*", "").replace("#", "")))


def is_name(line: str) -> bool:
    return bool(_NAME.match(line.strip())) and len(line.split()) <= 5


def is_bare_url(line: str) -> bool:
    return bool(_URL_ONLY.match(_MARKDOWN_LINK.sub(r"\1", line)))


def _phone(text: str) -> str | None:
    for match in PHONE.finditer(text):
        digits = re.sub(r"\D", "", match.group(0))
        if 8 <= len(digits) <= 16 and not re.fullmatch(r"(?:19|20)\d\d", digits):
            return _PHONE_LABEL.sub("", match.group(0)).strip()
    return None


def _fold(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", text.lower()) if c.isalpha())


def parse_contacts(lines: list[tuple[str, int, int]], heading: str = "") -> tuple[Contact, ...]:
    """Contacts from raw (line, raw_start, raw_end) lines of one contact block.

    A line may hold a whole contact ("Name   Press Officer   Tel. ...   name@agency.fr") or one
    column of a block (names, then phones, then e-mails): columns are paired by order, e-mails by name.
    """
    organization = None
    heading_words = heading.replace("*", "").replace("#", "").split()
    # "CNES contacts" names the organization; "Press contacts" does not.
    if heading_words and heading_words[0].lower() not in _HEADING_WORDS:
        organization = heading_words[0]
    whole: list[Contact] = []
    names: list[tuple[str, str, int, int]] = []
    roles: list[str] = []
    phones: list[str] = []
    emails: list[tuple[str, str]] = []
    for line, raw_start, raw_end in lines:
        text = _MARKDOWN_LINK.sub(r"\1", line)
        # "Press contact: Ann Doe" -> "Ann Doe": a label before a colon is not part of the name.
        fields = [f.split(":", 1)[-1].strip() for f in _FIELD_SPLIT.split(text) if f.strip()]
        fields = [f for f in fields if f]
        name = next((f for f in fields if is_name(f) and not _ROLE.search(f)), None)
        role = next((f for f in fields if _ROLE.search(f) and not EMAIL.search(f) and not _phone(f)), None)
        phone = _phone(text)
        email_match = EMAIL.search(text)
        email = email_match.group(0) if email_match else None
        domain = email_match.group(1) if email_match else None
        org = publisher_for_domain(domain) if domain else None
        if name and (phone or email):
            whole.append(Contact(name, role, org or organization, phone, email, line, raw_start, raw_end))
            continue
        if name:
            names.append((name, line, raw_start, raw_end))
        if role:
            roles.append(role)
        if phone:
            phones.append(phone)
        if email and domain:
            emails.append((email, domain))
    paired: list[Contact] = []
    unused = list(emails)
    for index, (name, line, raw_start, raw_end) in enumerate(names):
        surname = _fold(name.split()[-1])
        email_pair = next((e for e in unused if surname and surname in _fold(e[0].split("@")[0])), None)
        if email_pair is None and index < len(emails) and emails[index] in unused:
            email_pair = emails[index]
        if email_pair:
            unused.remove(email_pair)
        paired.append(
            Contact(
                name=name,
                role=roles[index] if index < len(roles) else (roles[0] if len(roles) == 1 else None),
                organization=(publisher_for_domain(email_pair[1]) if email_pair else None) or organization,
                phone=phones[index] if index < len(phones) else None,
                email=email_pair[0] if email_pair else None,
                line=line,
                raw_start=raw_start,
                raw_end=raw_end,
            )
        )
    return tuple(whole + paired)
