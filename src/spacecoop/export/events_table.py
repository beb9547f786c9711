"""Events (the merged view the web shows) as a table: one row per event, the same columns in CSV
and Parquet, beside the per-document facts of `tabular`.

Each row names its actors (entity names, not ids), counts and lists the documents that report
it, and gives the date it was first reported. Lists are `; `-joined text in CSV and
list<string> columns in Parquet."""

from __future__ import annotations

from typing import Any, BinaryIO

import pyarrow as pa
import pyarrow.parquet as pq
from sqlalchemy import select

from spacecoop.export.rdf import event_title
from spacecoop.export.tabular import read_table_csv, write_table_csv
from spacecoop.store import web_queries
from spacecoop.store.core import Store
from spacecoop.store.schema import documents, event_sources

LIST_ARGS = ("parties", "signatories", "participants", "organizations", "payloads")
TEXT_ARGS = ("place", "title", "vehicle", "site", "person", "role", "organization")
COLUMNS: tuple[tuple[str, pa.DataType], ...] = (
    ("id", pa.string()),
    ("type", pa.string()),
    ("date", pa.string()),
    ("status", pa.string()),
    ("confidence", pa.float64()),
    ("summary", pa.string()),
    *((name, pa.list_(pa.string())) for name in LIST_ARGS),
    *((name, pa.string()) for name in TEXT_ARGS),
    ("actors", pa.list_(pa.string())),  # every entity taking part, by name
    ("sources", pa.int64()),
    ("documents", pa.list_(pa.string())),  # the reporting documents' keys
    ("first_reported", pa.string()),
    ("conflicts", pa.list_(pa.string())),
    ("fact_ids", pa.list_(pa.string())),
    ("args_json", pa.string()),
)
SCHEMA = pa.schema(COLUMNS)


def _list(value: Any) -> list[str]:
    if value is None:
        return []
    return [str(v) for v in value] if isinstance(value, list) else [str(value)]


def _text(value: Any) -> str | None:
    if value is None or isinstance(value, str):
        return value
    return "; ".join(map(str, value)) if isinstance(value, list) else str(value)


def event_rows(store: Store) -> list[dict[str, Any]]:
    import orjson

    with store.engine.connect() as conn:
        records = web_queries.export_events(conn)
        names = {e["id"]: e["name"] for e in web_queries.export_entities(conn)}
        reported: dict[str, list[tuple[str, str | None]]] = {}
        query = select(event_sources.c.event_id, event_sources.c.doc_key, documents.c.date).join(
            documents, documents.c.id == event_sources.c.doc_id, isouter=True
        )
        for event_id, key, date in conn.execute(query):
            reported.setdefault(event_id, []).append((key, date))
    rows = []
    for r in records:
        args = r["args"]
        reports = reported.get(r["id"], [])
        dates = [d for _, d in reports if d]
        row = {
            "id": r["id"], "type": r["type"], "date": r["date"], "status": r["status"],
            "confidence": r["confidence"], "summary": event_title(r["type"], args, None),
            **{name: _list(args.get(name)) for name in LIST_ARGS},
            **{name: _text(args.get(name)) for name in TEXT_ARGS},
            "actors": list(dict.fromkeys(names.get(e, e) for _, e in r["entities"])),
            "sources": len(reports), "documents": sorted({k for k, _ in reports}),
            "first_reported": min(dates) if dates else None, "conflicts": _list(r["conflicts"]),
            "fact_ids": r["facts"], "args_json": orjson.dumps(args, option=orjson.OPT_SORT_KEYS).decode(),
        }  # fmt: skip
        rows.append(row)
    return rows


def write_parquet(store: Store, out: BinaryIO) -> int:
    rows = event_rows(store)
    pq.write_table(pa.Table.from_pylist(rows, schema=SCHEMA), out, compression="zstd")
    return len(rows)


def write_csv(store: Store, out: BinaryIO) -> int:
    return write_table_csv(event_rows(store), COLUMNS, out)


def read_csv(source: str) -> list[dict[str, Any]]:
    return read_table_csv(source, COLUMNS)
