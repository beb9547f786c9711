"""One data function per page: (connection, parameters) -> plain dict. The JSON route returns it
as is; the HTML route adds presentation (positions, runs of text) with the matching `present_*`."""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import Connection

from spacecoop.errors import NotFound
from spacecoop.models import FACT_TYPES
from spacecoop.store import web_queries as wq
from spacecoop.web import bands, layout
from spacecoop.web.params import (
    STATUSES,
    EntityPageParams,
    FactParams,
    GraphParams,
    ListParams,
    OfficeParams,
    RefParams,
    SearchParams,
    TimelineParams,
)
from spacecoop.web.tables import columns


def _names(values: Any) -> str:
    if isinstance(values, list):
        return ", ".join(str(v) for v in values if v)
    return str(values or "")


def describe(item: dict) -> str:
    """A one-line summary of a fact a reader can scan."""
    args, kind = item.get("args") or {}, item.get("type")
    if kind == "agreement":
        who = " – ".join(str(p) for p in args.get("parties") or []) or "Agreement"
        what = args.get("title")
        return f"{who}: {what}" if what else f"{who} agreement"
    if kind == "meeting":
        who = _names(args.get("participants")) or _names(args.get("organizations"))
        return f"Meeting of {who}" if who else "Meeting"
    if kind == "launch":
        payloads = _names(args.get("payloads"))
        text = f"{args.get('vehicle') or 'Launch'}"
        text += f" with {payloads}" if payloads else ""
        return text + (f" from {args['site']}" if args.get("site") else "")
    if kind == "role":
        org = f" of {args['organization']}" if args.get("organization") else ""
        return f"{args.get('person') or '?'}, {args.get('role') or 'role'}{org}"
    return kind or "fact"


def _label(items: list[dict]) -> list[dict]:
    for item in items:
        item["label"] = describe(item)
    return items


def home(conn: Connection, _params: None = None) -> dict:
    data = wq.overview(conn)
    data["recent"] = _label(wq.list_facts(conn, wq.FactFilter(sort="-date", limit=8))["items"])
    data["top_entities"] = wq.top_actors(conn, 8)
    return data


def filter_params(f: wq.FactFilter) -> dict:
    """A filter in the one vocabulary the pages, the API and the links share."""
    actors = list(f.actor_names())
    return {
        "type": f.type, "actor": actors, "status": f.status, "since": f.since, "until": f.until,
        "country": f.country, "language": f.language, "source": f.source, "q": f.q, "sort": f.sort,
    }  # fmt: skip


def _columns(items: list[dict]) -> list[dict]:
    for item in items:
        item["columns"] = columns(item)
    return items


def facts(conn: Connection, p: FactParams) -> dict:
    page = wq.list_facts(conn, p.filter)
    _columns(_label(page["items"]))
    page["filter"] = filter_params(p.filter)
    if page["actors"]:
        # "ESA and Roscosmos" in one box reads back as two actors, as links and exports carry them.
        page["filter"]["actor"] = [a["query"] for a in page["actors"]]
    return page


def fact_facets(conn: Connection, p: FactParams) -> dict:
    data = wq.fact_facets(conn, p.filter)
    data["filter"] = filter_params(p.filter)
    return data


def fact(conn: Connection, p: RefParams) -> dict:
    try:
        item = wq.fact_detail(conn, p.ref)
    except NotFound:
        # An event merged into another or split keeps answering at its old address.
        from spacecoop.store.event_ids import follow_redirect

        target = follow_redirect(conn, p.ref)
        if target is None:
            raise
        item = wq.fact_detail(conn, target)
        item["redirected_from"] = p.ref
    item["label"] = describe(item)
    for link in item["links"]:
        # Name the related event as a reader would, not by its id.
        other = link.get("event")
        link["label"] = f"{describe(other)} ({other['date'] or 'undated'})" if other else "another event"
    return item


def documents(conn: Connection, p: ListParams) -> dict:
    data = wq.list_documents(
        conn, limit=p.limit, offset=p.offset, q=p.q, sort=p.sort, language=p.language, source=p.source,
        year=p.year,
    )  # fmt: skip
    for d in data["items"]:
        # A document without a found title is named by its first words, not by its file key.
        d["label"] = d["title"] or d.get("opening") or d["key"]
    return data


def document(conn: Connection, p: RefParams) -> dict:
    doc = wq.document_detail(conn, p.ref)
    _label(doc["facts"])
    words = " ".join((doc.get("text") or "")[:120].split())
    opening = (words[:72].rsplit(" ", 1)[0] + " …") if len(words) > 72 else words
    doc["label"] = doc.get("title") or opening or doc["key"]
    return doc


def document_raw(conn: Connection, p: RefParams) -> dict:
    return wq.document_raw(conn, p.ref)


def present_document(doc: dict, extras: dict | None = None) -> dict:
    spans = [(f["evidence_start"], f["evidence_end"], f["id"]) for f in doc["facts"]]
    labels = {f["id"]: f"{f['type']}: {f['label']}" for f in doc["facts"]}
    return {"runs": layout.highlight_runs(doc["text"] or "", spans), "labels": labels}


def entities(conn: Connection, p: ListParams) -> dict:
    data = wq.list_entities(conn, q=p.q, type=p.type, limit=p.limit, offset=p.offset, sort=p.sort)
    for e in data["items"]:
        e["country"] = wq.country_of(e["id"])
    return data


def entity(conn: Connection, p: EntityPageParams) -> dict:
    data = wq.entity_detail(conn, p.ref, limit=p.limit, offset=p.offset)
    _columns(_label(data["facts"]["items"]))
    # Office holders are stored by entity id; give the chart readable names.
    ids = {o["person"] for o in data["offices"]} | {o["organization"] for o in data["offices"]}
    names = wq.entity_names(conn, ids)
    for office in data["offices"]:
        office["person_name"] = names.get(office["person"], {}).get("name") or readable_id(office["person"])
        office["organization_name"] = names.get(office["organization"], {}).get("name") or readable_id(
            office["organization"]
        )
    return data


def present_entity(data: dict, extras: dict | None = None) -> dict:
    chart = layout.office_chart(data["offices"], date.today().isoformat())
    names = {o["organization"]: o["organization_name"] for o in data["offices"]}
    for row in chart["rows"]:
        # On an agency's page the office says enough; on a person's, name the organization too.
        other = row["organization"] != data["id"]
        row["label"] = (
            f"{row['office']}, {names.get(row['organization'], row['organization'])}"
            if other
            else row["office"]
        )
    return {"chart": chart}


def offices(conn: Connection, p: OfficeParams) -> dict:
    data = wq.list_offices(
        conn, organization=p.organization, person=p.person, limit=p.limit, offset=p.offset, sort=p.sort
    )
    ids = {o["person"] for o in data["items"]} | {o["organization"] for o in data["items"]}
    names = wq.entity_names(conn, ids)
    for o in data["items"]:
        o["person_name"] = names.get(o["person"], {}).get("name") or readable_id(o["person"])
        o["organization_name"] = names.get(o["organization"], {}).get("name") or readable_id(
            o["organization"]
        )
    return data


def readable_id(entity_id: str) -> str:
    return wq.readable(entity_id)


def timeline(conn: Connection, p: TimelineParams) -> dict:
    data = wq.timeline(conn, p.filter)
    _label(data["items"])
    data["filter"] = filter_params(p.filter)
    return data


def timeline_years(conn: Connection, p: TimelineParams) -> dict:
    return {"filter": filter_params(p.filter), "years": wq.years(conn, p.filter)}


def timeline_offices(conn: Connection, p: TimelineParams) -> dict:
    if not wq.is_resolved(conn):
        return {"total": 0, "items": [], "filter": filter_params(p.filter)}
    data = wq.office_terms(conn, p.filter)
    data["filter"] = filter_params(p.filter)
    return data


def timeline_undated(conn: Connection, p: TimelineParams) -> dict:
    data = wq.undated(conn, p.filter)
    _label(data["items"])
    data["filter"] = filter_params(p.filter)
    return data


def present_timeline(data: dict, extras: dict | None = None) -> dict:
    f = data["filter"]
    undated = ((extras or {}).get("undated") or {}).get("items") or []
    drawn = layout.timeline_layout(data["items"], f["since"], f["until"], undated)
    terms = ((extras or {}).get("offices") or {}).get("items") or []
    drawn["bands"] = bands.term_bands(
        terms, drawn["lo"], drawn["hi"], drawn["height"] - 24, date.today().isoformat()
    )
    drawn["height"] += drawn["bands"]["height"]
    return {
        "svg": drawn,
        "zoom": layout.zoom_range(drawn["first_year"], drawn["last_year"]),
        "types": FACT_TYPES,
        "statuses": STATUSES,
    }


def network(conn: Connection, p: GraphParams) -> dict:
    ego, ego_match = (), None
    if p.actor:
        ego_match = wq.resolve_actors(conn, [p.actor])[0].as_dict(wq.name_index(conn))
        ego = tuple(m["id"] for m in ego_match["matched"])
    if p.actor and not ego:
        data = {"since": p.since, "until": p.until, "nodes": [], "edges": [], "dropped_nodes": 0, "ego": []}
    else:
        data = wq.graph(conn, since=p.since, until=p.until, max_nodes=p.nodes, ego=ego, kinds=p.kinds)
    data["actor"], data["kinds"] = ego_match, list(p.kinds)
    data["kind_choices"] = ["agency", "government", "intergovernmental", "company", "person", "organization"]
    data["edge"] = None
    if p.source and p.target:
        data["edge"] = wq.edge_facts(conn, p.source, p.target, since=p.since, until=p.until)
        _label(data["edge"]["items"])
    span = wq.date_range(conn)
    dated = span["first"] and span["first"][:4].isdigit() and span["last"][:4].isdigit()
    data["years"] = {"first": int(span["first"][:4]), "last": int(span["last"][:4])} if dated else None
    data["resolved"] = wq.is_resolved(conn)
    return data


def present_network(data: dict, extras: dict | None = None) -> dict:
    return {"svg": layout.network_layout(data)}


def search(conn: Connection, p: SearchParams) -> dict:
    if p.filter is None:
        return {"q": None, "documents": None, "facts": None}
    result = wq.search(conn, p.filter)
    _label(result["facts"]["items"])
    result["filter"] = p.filter.__dict__
    return result
