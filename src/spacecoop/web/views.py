"""One data function per page: (connection, parameters) -> plain dict. The JSON route returns it
as is; the HTML route adds presentation (positions, runs of text) with the matching `present_*`."""

from __future__ import annotations

import csv
import io
from datetime import date
from typing import Any

from sqlalchemy import Connection

from spacecoop.errors import NotFound
from spacecoop.models import FACT_TYPES
from spacecoop.store import web_queries as wq
from spacecoop.web import layout
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


def facts(conn: Connection, p: FactParams) -> dict:
    page = wq.list_facts(conn, p.filter)
    _label(page["items"])
    page["filter"] = p.filter.__dict__
    return page


def facts_as_csv(data: dict) -> str:
    """A facts page as CSV: one row per fact, lists joined with '; '."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(
        ["id", "type", "date", "status", "confidence", "summary", "actors", "sources", "evidence"]
    )
    for item in data["items"]:
        actors = "; ".join(a["name"] for a in item["actors"])
        writer.writerow(
            [item["id"], item["type"], item["date"], item["status"], item["confidence"], item["label"],
             actors, item["sources"], item["evidence"]]
        )  # fmt: skip
    return out.getvalue()


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
    return item


def documents(conn: Connection, p: ListParams) -> dict:
    return wq.list_documents(conn, limit=p.limit, offset=p.offset, q=p.q)


def document(conn: Connection, p: RefParams) -> dict:
    doc = wq.document_detail(conn, p.ref)
    _label(doc["facts"])
    return doc


def document_raw(conn: Connection, p: RefParams) -> dict:
    return wq.document_raw(conn, p.ref)


def present_document(doc: dict) -> dict:
    spans = [(f["evidence_start"], f["evidence_end"], f["id"]) for f in doc["facts"]]
    labels = {f["id"]: f"{f['type']}: {f['label']}" for f in doc["facts"]}
    return {"runs": layout.highlight_runs(doc["text"] or "", spans), "labels": labels}


def entities(conn: Connection, p: ListParams) -> dict:
    return wq.list_entities(conn, q=p.q, type=p.type, limit=p.limit, offset=p.offset)


def entity(conn: Connection, p: EntityPageParams) -> dict:
    data = wq.entity_detail(conn, p.ref, limit=p.limit, offset=p.offset)
    _label(data["facts"]["items"])
    # Office holders are stored by entity id; give the chart readable names.
    ids = {o["person"] for o in data["offices"]} | {o["organization"] for o in data["offices"]}
    names = wq.entity_names(conn, ids)
    for office in data["offices"]:
        office["person_name"] = names.get(office["person"], {}).get("name", office["person"])
        office["organization_name"] = names.get(office["organization"], {}).get(
            "name", office["organization"]
        )
    return data


def present_entity(data: dict) -> dict:
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
    return wq.list_offices(conn, organization=p.organization, person=p.person, limit=p.limit, offset=p.offset)


def timeline(conn: Connection, p: TimelineParams) -> dict:
    data = wq.timeline(conn, p.filter)
    _label(data["items"])
    f = p.filter
    data["filter"] = {
        "type": f.type,
        "actor": f.entity,
        "status": f.status,
        "since": f.since,
        "until": f.until,
    }
    return data


def timeline_years(conn: Connection, p: TimelineParams) -> dict:
    f = p.filter
    filt = {"type": f.type, "actor": f.entity, "status": f.status, "since": f.since, "until": f.until}
    return {"filter": filt, "years": wq.years(conn, f)}


def present_timeline(data: dict) -> dict:
    f = data["filter"]
    drawn = layout.timeline_layout(data["items"], f["since"], f["until"])
    return {
        "svg": drawn,
        "zoom": layout.zoom_range(drawn["first_year"], drawn["last_year"]),
        "types": FACT_TYPES,
        "statuses": STATUSES,
    }


def network(conn: Connection, p: GraphParams) -> dict:
    data = wq.graph(conn, since=p.since, until=p.until, max_nodes=p.nodes)
    data["edge"] = None
    if p.source and p.target:
        data["edge"] = wq.edge_facts(conn, p.source, p.target, since=p.since, until=p.until)
        _label(data["edge"]["items"])
    span = wq.date_range(conn)
    dated = span["first"] and span["first"][:4].isdigit() and span["last"][:4].isdigit()
    data["years"] = {"first": int(span["first"][:4]), "last": int(span["last"][:4])} if dated else None
    data["resolved"] = wq.is_resolved(conn)
    return data


def present_network(data: dict) -> dict:
    return {"svg": layout.network_layout(data)}


def search(conn: Connection, p: SearchParams) -> dict:
    if p.filter is None:
        return {"q": None, "documents": None, "facts": None}
    result = wq.search(conn, p.filter)
    _label(result["facts"]["items"])
    result["filter"] = p.filter.__dict__
    return result
