"""Query parameters of the API and the pages, validated once.

Each class is a FastAPI dependency, so the JSON route and its HTML twin accept exactly the same
parameters, and the OpenAPI description lists them. Invalid values raise errors.BadQuery.
"""

from __future__ import annotations

import re
from datetime import date

from fastapi import Query

from spacecoop.errors import BadQuery
from spacecoop.models import AGREEMENT_STATUSES, FACT_TYPES, LAUNCH_STATUSES
from spacecoop.store.web_queries import SORTS, FactFilter, SearchFilter

STATUSES = AGREEMENT_STATUSES + LAUNCH_STATUSES
ISO_PREFIX = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")
MAX_LIMIT = 1000
MAX_OFFSET = 10_000_000


def iso_prefix(name: str, value: str | None) -> str | None:
    """`value` if it is a real ISO date prefix (YYYY, YYYY-MM, YYYY-MM-DD), else BadQuery."""
    if value is None or value == "":
        return None
    match = ISO_PREFIX.fullmatch(value.strip())
    if not match:
        raise BadQuery(f"{name}={value!r}: give a date as YYYY, YYYY-MM or YYYY-MM-DD")
    year, month, day = match.groups()
    try:
        date(int(year), int(month or 1), int(day or 1))
    except ValueError as exc:
        raise BadQuery(f"{name}={value!r}: not a calendar date ({exc})") from None
    return value.strip()


def one_of(name: str, value: str | None, allowed: tuple[str, ...] | set[str]) -> str | None:
    if value is None or value == "":
        return None
    if value not in allowed:
        raise BadQuery(f"{name}={value!r}: use one of {', '.join(sorted(allowed))}")
    return value


def text_param(value: str | None) -> str | None:
    value = (value or "").strip()
    return value or None


def _period(since: str | None, until: str | None) -> tuple[str | None, str | None]:
    since, until = iso_prefix("since", since), iso_prefix("until", until)
    if since and until and since[: len(until)] > until:
        raise BadQuery(f"since={since!r} is after until={until!r}")
    return since, until


Limit = Query(50, ge=1, le=MAX_LIMIT, description="page size")
Offset = Query(0, ge=0, le=MAX_OFFSET, description="rows to skip")


ACTOR_HELP = (
    "an actor: any name, alias, surname or part of a name; repeat it, or write "
    "'ESA and Roscosmos', for facts all of them take part in"
)


def fact_filter(
    *, type, actor, status, since, until, country, language, source, year, q=None, sort="date",
    limit=50, offset=0, entity=None,
) -> FactFilter:  # fmt: skip
    """One filter vocabulary for the facts list, the timeline, the facets and the exports."""
    if year:
        if not re.fullmatch(r"\d{4}", year):
            raise BadQuery(f"year={year!r}: give four digits")
        since, until = since or year, until or year
    since, until = _period(since, until)
    actors = tuple(a for a in (text_param(x) for x in (actor or [])) if a)
    return FactFilter(
        type=one_of("type", type, FACT_TYPES),
        entity=text_param(entity),
        actors=actors,
        status=one_of("status", status, STATUSES),
        since=since,
        until=until,
        country=text_param(country),
        language=text_param(language),
        source=text_param(source),
        q=text_param(q),
        sort=one_of("sort", sort, SORTS) or "date",
        limit=limit,
        offset=offset,
    )


TypeQ = Query(None, description=f"one of {', '.join(FACT_TYPES)}")
ActorQ = Query(None, max_length=200, description=ACTOR_HELP)
StatusQ = Query(None, description=f"one of {', '.join(STATUSES)}")
SinceQ = Query(None, description="ISO date prefix: YYYY, YYYY-MM or YYYY-MM-DD")
UntilQ = Query(None, description="ISO date prefix, inclusive")
CountryQ = Query(None, max_length=100, description="an actor of this country takes part (e.g. France)")
LanguageQ = Query(None, max_length=20, description="reported in this language (e.g. en)")
SourceQ = Query(None, max_length=200, description="reported by this publisher")
YearQ = Query(None, description="YYYY: a shortcut for since=YYYY&until=YYYY")


class FactParams:
    """Filters shared by the facts list, its facets and CSV, and (less paging) the timeline."""

    def __init__(
        self,
        type: str | None = TypeQ,
        actor: list[str] | None = ActorQ,
        status: str | None = StatusQ,
        since: str | None = SinceQ,
        until: str | None = UntilQ,
        country: str | None = CountryQ,
        language: str | None = LanguageQ,
        source: str | None = SourceQ,
        year: str | None = YearQ,
        q: str | None = Query(None, max_length=200, description="words the fact must contain"),
        sort: str = Query("date", description=f"one of {', '.join(sorted(SORTS))}"),
        entity: str | None = Query(None, max_length=200, description="the same as actor (older name)"),
        limit: int = Limit,
        offset: int = Offset,
    ):
        self.filter = fact_filter(
            type=type, actor=actor, status=status, since=since, until=until, country=country,
            language=language, source=source, year=year, q=q, sort=sort, limit=limit, offset=offset,
            entity=entity,
        )  # fmt: skip


class TimelineParams(FactParams):
    def __init__(
        self,
        type: str | None = TypeQ,
        actor: list[str] | None = ActorQ,
        status: str | None = StatusQ,
        since: str | None = Query(None, description="ISO date prefix: start of the visible period"),
        until: str | None = Query(None, description="ISO date prefix: end of the visible period"),
        country: str | None = CountryQ,
        language: str | None = LanguageQ,
        source: str | None = SourceQ,
        year: str | None = YearQ,
        limit: int = Query(300, ge=1, le=MAX_LIMIT, description="most markers drawn"),
    ):
        self.filter = fact_filter(
            type=type, actor=actor, status=status, since=since, until=until, country=country,
            language=language, source=source, year=year, limit=limit,
        )  # fmt: skip


class RefParams:
    """A thing named in the path: an id (documents also by key or id prefix; entities by name)."""

    def __init__(self, id: str):
        if not id.strip() or len(id) > 300:
            raise BadQuery(f"id {id[:40]!r}: give a non-empty id of at most 300 characters")
        self.ref = id


class EntityPageParams(RefParams):
    def __init__(self, id: str, limit: int = Query(20, ge=1, le=MAX_LIMIT), offset: int = Offset):
        super().__init__(id)
        self.limit, self.offset = limit, offset


class ListParams:
    def __init__(
        self,
        q: str | None = Query(None, max_length=200, description="part of a name or title"),
        type: str | None = Query(None, max_length=40, description="entity type (entities only)"),
        sort: str | None = Query(None, max_length=20, description="a column; '-' first for descending"),
        language: str | None = Query(None, max_length=20, description="documents only: in this language"),
        source: str | None = Query(None, max_length=200, description="documents only: from this publisher"),
        year: str | None = Query(None, description="documents only: dated in this year (YYYY)"),
        limit: int = Limit,
        offset: int = Offset,
    ):
        self.q, self.type, self.limit, self.offset = text_param(q), text_param(type), limit, offset
        self.sort = text_param(sort)
        if year and not re.fullmatch(r"\d{4}", year):
            raise BadQuery(f"year={year!r}: give four digits")
        self.language, self.source, self.year = text_param(language), text_param(source), year or None


class OfficeParams:
    def __init__(
        self,
        organization: str | None = Query(None, max_length=200),
        person: str | None = Query(None, max_length=200),
        sort: str | None = Query(None, max_length=20, description="organization, office or start; '-' first"),
        limit: int = Query(100, ge=1, le=MAX_LIMIT),
        offset: int = Offset,
    ):
        self.organization, self.person = text_param(organization), text_param(person)
        self.sort = text_param(sort)
        self.limit, self.offset = limit, offset


EgoQ = Query(None, max_length=200, description="ego view: this actor and its partners")
KindQ = Query(None, description="only actors of these types (agency, government, ...)")


class GraphParams:
    def __init__(
        self,
        since: str | None = Query(None, description="ISO date prefix: start of the period"),
        until: str | None = Query(None, description="ISO date prefix: end of the period"),
        nodes: int = Query(60, ge=2, le=300, description="most actors drawn, by weight"),
        source: str | None = Query(
            None, max_length=300, description="with target: the facts behind one edge"
        ),
        target: str | None = Query(None, max_length=300),
        actor: str | None = EgoQ,
        kind: list[str] | None = KindQ,
    ):
        self.since, self.until = _period(since, until)
        self.actor = text_param(actor)
        self.kinds = tuple(k for k in (text_param(x) for x in (kind or [])) if k)
        self.nodes = nodes
        self.source, self.target = text_param(source), text_param(target)
        if bool(self.source) != bool(self.target):
            raise BadQuery("source and target: give both to see the facts behind an edge, or neither")


class SearchParams:
    def __init__(
        self,
        q: str | None = Query(None, max_length=200, description="words to look for"),
        type: str | None = Query(None, description=f"facet: one of {', '.join(FACT_TYPES)}"),
        actor: str | None = Query(None, max_length=200, description="facet: an entity id, name or alias"),
        year: str | None = Query(None, description="facet: YYYY"),
        publisher: str | None = Query(None, max_length=200, description="facet: a publisher as listed"),
        source: str | None = Query(
            None, max_length=200, description="the same as publisher (the facts' name)"
        ),
        limit: int = Query(20, ge=1, le=200),
        offset: int = Offset,
    ):
        if year and not re.fullmatch(r"\d{4}", year):
            raise BadQuery(f"year={year!r}: give four digits")
        q = text_param(q)
        self.filter = (
            SearchFilter(
                q=q,
                type=one_of("type", type, FACT_TYPES),
                actor=text_param(actor),
                year=year or None,
                publisher=text_param(publisher) or text_param(source),
                limit=limit,
                offset=offset,
            )
            if q
            else None
        )
