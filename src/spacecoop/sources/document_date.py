"""The document's own date, chosen among dated evidence of several kinds by how far each is trusted."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from spacecoop.models import DateValue
from spacecoop.sources.datelines import (
    MONTH_NUMBER,
    FoundDate,
    full_dates,
    is_date_line,
    partial_dates,
    weekday_matches,
)
from spacecoop.sources.detect import Wayback
from spacecoop.sources.lines import BODY, BOILERPLATE, CAPTION, CONTACT, LIST, META, NAV, Line

# How much each kind of evidence is trusted; the strongest wins.
_CONFIDENCE = {
    "label": 0.95,  # "Published : July 21, 2020"
    "dateline": 0.9,  # "Paris, 19 April 2016", "June 15, 2018" alone on a line
    "wire": 0.85,  # "May 28 (UPI) --" with a year from the prefix or the address
    "prefix": 0.78,  # " date 2023-12-07" at the start of an excerpt: a crawler's guess, below the page's own
    "update": 0.8,  # "Last update: 12 May 2009"
    "html": 0.8,  # the page's own metadata, read by trafilatura
    "url": 0.75,  # /2014/05/05/ in the address
    "wayback": 0.7,  # the capture time: the page existed then
    "header": 0.6,  # a weekday date above the title: may be the site showing today
    "weekday": 0.5,  # a year from the title or header plus "Wednesday 19 July" in the text
    "copyright": 0.2,  # the last year of a copyright range
}
# A header date this much later than other evidence is the site showing today's date.
_HEADER_CLUTTER_DAYS = 60

_LABEL = re.compile(
    r"\b(?:published|posted|date|publié le|publication|publicado|publicada|pubblicato|veröffentlicht|"
    r"issued)\b\s*:?",
    re.I,
)
_MONTHS = "|".join(sorted(MONTH_NUMBER, key=len, reverse=True))
# An update or a correction is dated after the publication: trusted less than the date itself.
_UPDATE = re.compile(
    r"\b(?:last update[d]?|updated?|mis à jour|actualizado|aggiornato|atualizado|aktualisiert|"
    r"correction|corrigendum)\b\s*:?\s*",
    re.I,
)
# "July 1998" alone on a line under a byline: a month-precise publication date.
_MONTH_YEAR_LINE = re.compile(
    rf"^(?:(?:published|posted|issued|date)\s*:?\s*)?(?P<m>{_MONTHS})\.?,?\s+(?P<y>(?:19|20)\d\d)$", re.I
)
# A lead dateline: the place (and agency) before the date, then the story ("Paris, France (ESA)
# Jul 28, 2009 Latvia ...", "Houston, 12. November 2021 – ...", "(Buenos Aires, junio 10 de 2011/ ...").
_PLACE_BEFORE_DATE = re.compile(
    r"^\(?(?:[A-ZÀ-Ý][\w.'’-]*|and|et|und|y|e|de|del|la|le)(?:[\s,]+(?:\([^)]{1,40}\)|[A-ZÀ-Ý][\w.'’-]*"
    r"|and|et|und|y|e|de|del|la|le))*\s*,?\s*$"
)
_AFTER_DATELINE = re.compile(r"^\s*(?:[–—―-]|/|\(|:|\s[A-ZÀ-Ý“\"])")
_WIRE_PLACE = r"(?:^|\b[A-Z][\w .'-]{1,30}(?:\s*\([^)]{1,30}\))?,?\s+)"
_WIRE_YEAR = r"(?:,\s*(?P<y>(?:19|20)\d\d))?\s*"
_WIRE_AGENCY = r"\((?P<agency>[^)]{2,40})\)"
# "Tokyo, July 20 (Agency)" and, in continental wire copy, "Cape Canaveral, 10 feb. (Agency)".
_WIRE = re.compile(rf"{_WIRE_PLACE}(?P<m>{_MONTHS})\.?\s+(?P<d>[0-3]?\d){_WIRE_YEAR}{_WIRE_AGENCY}", re.I)
_WIRE_DAY_FIRST = re.compile(
    rf"{_WIRE_PLACE}(?P<d>[0-3]?\d)\.?\s+(?P<m>{_MONTHS})\.?{_WIRE_YEAR}{_WIRE_AGENCY}", re.I
)
_PREFIX = re.compile(r"\A\s*date (\d{4})-(\d{2})(?:-(\d{2}))?")
_URL = re.compile(r"https?://\S+")
_URL_DATE = re.compile(
    r"[/_-]((?:19|20)\d\d)[/_-]?(0[1-9]|1[0-2])(?:[/_-]?(0[1-9]|[12]\d|3[01]))?(?=[/_.-]|$|\D)"
)
_COPYRIGHT_RANGE = re.compile(
    r"(?:©|\(c\)|copyright)[^\n]*?((?:19|20)\d\d)(?:\s*[-–]\s*((?:19|20)\d\d))?", re.I
)
_YEAR = re.compile(r"\b((?:19|20)\d\d)\b")


@dataclass(frozen=True)
class DateCandidate:
    iso: str
    precision: str
    kind: str
    evidence: str
    line: int = 0
    top: bool = False  # a bare date above the story: may be the site showing today's date

    @property
    def confidence(self) -> float:
        return _CONFIDENCE[self.kind]


def _as_date(iso: str) -> date:
    parts = [int(p) for p in iso.split("-")] + [1, 1]
    return date(parts[0], parts[1], parts[2])


def find_date(
    raw: str,
    lines: tuple[Line, ...],
    title_line: int | None,
    url: str | None = None,
    wayback: Wayback | None = None,
    html_date: str | None = None,
) -> DateValue | None:
    """The document's own date, or None when nothing in it says when it was published."""
    candidates = list(_line_candidates(lines, title_line))
    prefix = _PREFIX.match(raw)
    prefix_year_month = None
    if prefix:
        year, month, day = prefix.groups()
        prefix_year_month = (int(year), int(month))
        iso = "-".join(p for p in (year, month, day) if p)
        candidates.append(DateCandidate(iso, "day" if day else "month", "prefix", prefix.group(0).strip()))
    for address in [url, wayback.original_url if wayback else None, *_URL.findall(raw[:200000])]:
        candidate = _url_candidate(address) if address else None
        if candidate:
            candidates.append(candidate)
            break
    if wayback:
        stamp = wayback.timestamp
        candidates.append(
            DateCandidate(f"{stamp[:4]}-{stamp[4:6]}-{stamp[6:8]}", "day", "wayback", wayback.archive_url)
        )
    if html_date:
        candidates.append(DateCandidate(html_date[:10], "day", "html", f"page metadata {html_date}"))
    candidates.extend(_wire_candidates(lines, candidates, prefix_year_month))
    candidates.extend(_weekday_candidates(lines, title_line, candidates))
    copyright_candidate = _copyright_candidate(lines)
    if copyright_candidate:
        candidates.append(copyright_candidate)
    candidates = _drop_clutter_headers(candidates)
    if not candidates:
        return None
    best = max(candidates, key=lambda c: (c.confidence, -c.line))
    # A year-month prefix sharpened by a full date of the same month near the top.
    if best.kind == "prefix" and best.precision == "month":
        same_month = [
            c for c in candidates if c.kind != "prefix" and c.iso[:7] == best.iso and c.precision == "day"
        ]
        early = [d for d in full_dates(raw[:600]) if f"{d.year:04d}-{d.month:02d}" == best.iso]
        if same_month:
            best = DateCandidate(
                same_month[0].iso, "day", "prefix", f"{best.evidence}; {same_month[0].evidence}"
            )
        elif early:
            best = DateCandidate(
                early[0].iso() or best.iso, "day", "prefix", f"{best.evidence}; {early[0].text}"
            )
    return DateValue(
        iso=best.iso,
        precision=best.precision,
        anchor=None,
        confidence=best.confidence,
        text=best.evidence,
        note=best.kind,
    )


def _line_candidates(lines: tuple[Line, ...], title_line: int | None):
    first_sentence = _first_sentence(lines)
    for index, line in enumerate(lines):
        if line.kind not in (META, BOILERPLATE, BODY, CAPTION, CONTACT, NAV) or not line.text:
            continue
        if len(line.text) > 120:
            if index <= first_sentence:
                yield from _lead_dateline(line, index)
            continue
        if _UPDATE.search(line.text):
            for found in full_dates(line.text)[:1]:
                yield DateCandidate(found.iso() or "", "day", "update", line.text, index)
            continue
        month_year = _MONTH_YEAR_LINE.match(line.text.strip())
        if month_year and index <= first_sentence + 2:
            iso = f"{month_year.group('y')}-{MONTH_NUMBER[month_year.group('m').lower()]:02d}"
            yield DateCandidate(iso, "month", "dateline", line.text, index)
            continue
        if not is_date_line(line.text):
            if index <= first_sentence:
                yield from _lead_dateline(line, index)
            continue
        for found in full_dates(line.text)[:1]:
            if _LABEL.search(line.text):
                kind = "label"
            elif found.weekday is not None and (title_line is None or index < title_line):
                kind = "header"
            else:
                kind = "dateline"
            top = kind != "label" and index < first_sentence
            yield DateCandidate(found.iso() or "", "day", kind, line.text, index, top)


def _first_sentence(lines: tuple[Line, ...]) -> int:
    """Index of the first line of running prose (the dateline, if any, is on or above it)."""
    return next(
        (i for i, line in enumerate(lines) if line.kind == BODY and len(line.text.split()) >= 12),
        len(lines),
    )


def _lead_dateline(line: Line, index: int):
    """The date that opens a story after its place: "Darmstadt, Germany, July 2, 2020 – ..."."""
    for found in full_dates(line.text[:110])[:1]:
        before, after = line.text[: found.start].strip(), line.text[found.end :]
        if before in ("", "(") and not re.match(r"^\s*[–—―-]", after):
            return
        if before not in ("", "(") and not (before.endswith((",", ")")) and _PLACE_BEFORE_DATE.match(before)):
            return
        if not _AFTER_DATELINE.match(after):
            return
        yield DateCandidate(found.iso() or "", "day", "dateline", line.text[: found.end + 2].strip(), index)


def _url_candidate(address: str) -> DateCandidate | None:
    path = re.sub(r"^https?://[^/]+", "", address)
    if "web.archive.org/web/" in address:
        return None
    match = _URL_DATE.search(path)
    if not match:
        return None
    year, month, day = match.groups()
    if int(year) > date.today().year:
        return None
    iso = "-".join(p for p in (year, month, day) if p)
    return DateCandidate(iso, "day" if day else "month", "url", address)


def _wire_candidates(lines: tuple[Line, ...], known: list[DateCandidate], prefix_year_month):
    """Wire-service datelines ("Tokyo, July 20 (Agency) --"), completed with a year when needed."""
    years = {int(c.iso[:4]): c for c in known if c.kind in ("url", "prefix")}
    # Datelines open the story or, in some wire copy, close it.
    for index, line in [*enumerate(lines[:60]), *enumerate(lines[-15:], start=max(len(lines) - 15, 0))]:
        if line.kind != BODY:
            continue
        match = _WIRE.search(line.text) or _WIRE_DAY_FIRST.search(line.text)
        if not match or (match.start() > 0 and match.end() < len(line.text) - 2):
            continue
        month, day = MONTH_NUMBER[match.group("m").lower()], int(match.group("d"))
        year = int(match.group("y")) if match.group("y") else None
        if year is None and prefix_year_month and prefix_year_month[1] == month:
            year = prefix_year_month[0]
        if year is None:
            year = next((y for y, c in years.items() if c.iso[5:7] in ("", f"{month:02d}")), None)
        if year is None:
            continue
        try:
            iso = date(year, month, day).isoformat()
        except ValueError:
            continue
        yield DateCandidate(iso, "day", "wire", match.group(0), index)


def _weekday_candidates(lines: tuple[Line, ...], title_line: int | None, known: list[DateCandidate]):
    """'Wednesday 19 July' with a year from the title or the header, checked against the weekday."""
    anchors: list[tuple[int, str]] = []
    if title_line is not None:
        anchors += [(int(y), f"{y} in the title") for y in _YEAR.findall(lines[title_line].text)]
    anchors += [(int(c.iso[:4]), c.evidence) for c in known if c.kind == "header"]
    if not anchors:
        return
    body = [(i, line) for i, line in enumerate(lines) if line.kind in (BODY, LIST)][:12]
    for index, line in body:
        for found in partial_dates(line.text):
            if found.weekday is None:
                continue
            for anchor, why in anchors:
                year = _latest_year(found, anchor)
                if year is not None:
                    iso = date(year, found.month, found.day).isoformat()
                    yield DateCandidate(iso, "day", "weekday", f"{why}; '{found.text}' in the text", index)
                    return


def _latest_year(found: FoundDate, anchor: int) -> int | None:
    for year in range(anchor, anchor - 12, -1):
        if found.weekday is not None and weekday_matches(year, found.month, found.day, found.weekday):
            return year
    return None


def _copyright_candidate(lines: tuple[Line, ...]) -> DateCandidate | None:
    for index, line in enumerate(lines):
        if line.kind != BOILERPLATE:
            continue
        match = _COPYRIGHT_RANGE.search(line.text)
        if match:
            year = match.group(2) or match.group(1)
            return DateCandidate(year, "year", "copyright", line.text, index)
    return None


def _drop_clutter_headers(candidates: list[DateCandidate]) -> list[DateCandidate]:
    """Drop header dates (and bare dates above the story) much later than other evidence."""
    dated = [c for c in candidates if c.kind != "copyright" and c.iso]
    kept = []
    for candidate in candidates:
        if not candidate.iso:
            continue
        others = [_as_date(c.iso) for c in dated if c is not candidate and (c.kind != "header" or c.top)]
        if (candidate.kind == "header" or candidate.top) and any(
            (_as_date(candidate.iso) - other).days > _HEADER_CLUTTER_DAYS for other in others
        ):
            continue
        kept.append(candidate)
    return kept
