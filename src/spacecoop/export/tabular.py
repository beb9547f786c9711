"""Facts as a table: one row per document's fact, the same columns in CSV and Parquet.

List arguments (parties, payloads...) are `; `-joined text in CSV (what a spreadsheet shows and
filters on) and list<string> columns in Parquet; both read back to the rows written (a list item
that itself holds "; " would come back split)."""

from __future__ import annotations

import csv
import io
from typing import Any, BinaryIO

import pyarrow as pa
import pyarrow.parquet as pq

from spacecoop.store import web_queries
from spacecoop.store.core import Store

LIST_COLUMNS = ("parties", "signatories", "participants", "organizations", "payloads", "date_alternatives")
TEXT_ARGS = ("place", "title", "vehicle", "site", "person", "role", "organization")
COLUMNS: tuple[tuple[str, pa.DataType], ...] = (
    ("id", pa.string()),
    ("doc_id", pa.string()),
    ("doc_key", pa.string()),
    ("type", pa.string()),
    ("date", pa.string()),
    ("date_precision", pa.string()),
    ("status", pa.string()),
    ("confidence", pa.float64()),
    *((name, pa.list_(pa.string())) for name in LIST_COLUMNS[:5]),
    *((name, pa.string()) for name in TEXT_ARGS),
    ("date_alternatives", pa.list_(pa.string())),
    ("notes", pa.string()),
    ("evidence_text", pa.string()),
    ("evidence_start", pa.int64()),
    ("evidence_end", pa.int64()),
    ("raw_start", pa.int64()),
    ("raw_end", pa.int64()),
    ("event_id", pa.string()),
    ("args_json", pa.string()),  # every argument, including ones without a column of their own
)
SCHEMA = pa.schema(COLUMNS)
NAMES = [name for name, _ in COLUMNS]


def _as_list(value: Any) -> list[str]:
    if value is None:
        return []
    return [str(v) for v in value] if isinstance(value, list) else [str(value)]


def _as_text(value: Any) -> str | None:
    if value is None or isinstance(value, str):
        return value
    return "; ".join(str(v) for v in value) if isinstance(value, list) else str(value)


def fact_rows(store: Store) -> list[dict[str, Any]]:
    """The table's rows, in a stable order."""
    with store.engine.connect() as conn:
        records = web_queries.export_facts(conn)
    rows = []
    for r in records:
        args = r["args"]
        row = {name: r.get(name) for name in NAMES}
        row.update({name: _as_list(args.get(name)) for name in LIST_COLUMNS[:5]})
        row.update({name: _as_text(args.get(name)) for name in TEXT_ARGS})
        row["date_alternatives"] = _as_list(r["date_alternatives"])
        row["args_json"] = r["args_json"]  # as the store keeps it: canonical JSON already
        rows.append(row)
    return rows


def write_parquet(store: Store, out: BinaryIO) -> int:
    rows = fact_rows(store)
    pq.write_table(pa.Table.from_pylist(rows, schema=SCHEMA), out, compression="zstd")
    return len(rows)


def read_parquet(source) -> list[dict[str, Any]]:
    return pq.read_table(source).to_pylist()


LIST_SEPARATOR = "; "


def write_table_csv(rows: list[dict[str, Any]], columns, out: BinaryIO) -> int:
    """Rows as CSV under `columns`' names, lists `; `-joined; the caller's stream stays open."""
    text = io.TextIOWrapper(out, encoding="utf-8", newline="")
    writer = csv.DictWriter(text, fieldnames=[name for name, _ in columns])
    writer.writeheader()
    for row in rows:
        writer.writerow({k: LIST_SEPARATOR.join(v) if isinstance(v, list) else v for k, v in row.items()})
    text.flush()
    text.detach()
    return len(rows)


def read_table_csv(source: str, columns) -> list[dict[str, Any]]:
    """Rows of a CSV written by write_table_csv, with types restored (lists, numbers, empty = None)."""
    types = dict(columns)
    rows = []
    with open(source, encoding="utf-8", newline="") as handle:
        for raw in csv.DictReader(handle):
            row: dict[str, Any] = {}
            for name, value in raw.items():
                kind = types[name]
                if pa.types.is_list(kind):
                    row[name] = value.split(LIST_SEPARATOR) if value else []
                elif value == "":
                    row[name] = None
                elif pa.types.is_integer(kind):
                    row[name] = int(value)
                elif pa.types.is_floating(kind):
                    row[name] = float(value)
                else:
                    row[name] = value
            rows.append(row)
    return rows


def write_csv(store: Store, out: BinaryIO) -> int:
    return write_table_csv(fact_rows(store), COLUMNS, out)


def read_csv(source: str) -> list[dict[str, Any]]:
    return read_table_csv(source, COLUMNS)
