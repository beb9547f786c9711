"""Exports of the store in formats other tools open: CSV, facts JSON Lines, JSON-LD, Turtle,
GraphML and Parquet. `export(store, fmt, out)` writes one; FORMATS names them."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO

from spacecoop.errors import BadQuery
from spacecoop.export import events_table, graph, jsonl, rdf, review_log, tabular
from spacecoop.store.core import Store

# format -> (writer taking a store and a binary stream, usual file extension)
FORMATS: dict[str, tuple[Callable[[Store, BinaryIO], int], str]] = {
    "csv": (tabular.write_csv, "csv"),
    "facts": (jsonl.write_facts, "jsonl"),
    "jsonld": (rdf.write_jsonld, "jsonld"),
    "turtle": (rdf.write_turtle, "ttl"),
    "graphml": (graph.write_graphml, "graphml"),
    "parquet": (tabular.write_parquet, "parquet"),
    "corrections": (review_log.write_log, "jsonl"),  # the review audit log
    "events-csv": (events_table.write_csv, "csv"),
    "events-parquet": (events_table.write_parquet, "parquet"),
}


def export(store: Store, fmt: str, out: BinaryIO | str | Path) -> int:
    """Write the store as `fmt` to a path or binary stream. Returns how many records were written."""
    if fmt not in FORMATS:
        raise BadQuery(f"format {fmt!r}: use one of {', '.join(FORMATS)}")
    writer, _ = FORMATS[fmt]
    if isinstance(out, str | Path):
        with open(out, "wb") as stream:
            return writer(store, stream)
    return writer(store, out)
