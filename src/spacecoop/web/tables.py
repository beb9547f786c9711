"""The tables' columns: what an analyst reads of a fact (parties, signatories, place, what), and
each table as CSV rows with lists joined by '; '. Pure functions of the data functions' dicts."""

from __future__ import annotations

import csv
import io


def columns(item: dict) -> dict:
    """The columns an analyst reads, drawn from a fact's arguments and actors: who (parties or
    participants), who signed, where, and what."""
    args = item.get("args") or {}

    def names(*keys: str) -> list[str]:
        out: list[str] = []
        for key in keys:
            value = args.get(key)
            for v in value if isinstance(value, list) else [value]:
                if isinstance(v, str) and v and v not in out:
                    out.append(v)
        return out

    by_role: dict[str, list[dict]] = {}
    for a in item.get("actors") or []:
        by_role.setdefault(a.get("role") or "", []).append(a)
    # In the order the document gives them (the arguments), not the store's.
    said = names("parties", "organizations", "signatories", "participants", "person", "organization")
    for found in by_role.values():
        found.sort(key=lambda a: said.index(a["name"]) if a["name"] in said else len(said))
    parties = by_role.get("party") or by_role.get("organization") or []
    return {
        "parties": parties
        or [{"id": None, "name": n} for n in names("parties", "organizations", "organization")],
        "signatories": by_role.get("signatory")
        or by_role.get("participant")
        or by_role.get("person")
        or [{"id": None, "name": n} for n in names("signatories", "participants", "person")],
        "place": ", ".join(names("place", "site")),
        "what": ", ".join(names("title", "role", "vehicle", "payloads")),
    }


def _joined(values: list[dict] | list[str]) -> str:
    return "; ".join(v["name"] if isinstance(v, dict) else str(v) for v in values)


FACT_CSV = ("id", "type", "date", "status", "summary", "parties", "signatories", "place", "what",
            "sources", "confidence", "evidence")  # fmt: skip


def facts_rows(data: dict) -> tuple[tuple[str, ...], list[list]]:
    """A facts page as table rows: one per fact, lists joined with '; '."""
    rows = []
    for item in data["items"]:
        c = item.get("columns") or columns(item)
        rows.append(
            [item["id"], item["type"], item["date"], item["status"], item["label"], _joined(c["parties"]),
             _joined(c["signatories"]), c["place"], c["what"], item["sources"], item["confidence"],
             item["evidence"]]
        )  # fmt: skip
    return FACT_CSV, rows


def documents_rows(data: dict) -> tuple[tuple[str, ...], list[list]]:
    head = ("id", "key", "date", "title", "publisher", "language", "form", "facts", "source")
    return head, [[d[k] for k in head] for d in data["items"]]


def entities_rows(data: dict) -> tuple[tuple[str, ...], list[list]]:
    head = ("id", "name", "type", "country", "events", "wikidata")
    return head, [[e.get(k) for k in head] for e in data["items"]]


def offices_rows(data: dict) -> tuple[tuple[str, ...], list[list]]:
    head = ("organization", "office", "holder", "start", "end")
    return head, [
        [o["organization_name"], o["office"], o["person_name"], o["start"], o["end"]] for o in data["items"]
    ]


def as_csv(head: tuple[str, ...], rows: list[list]) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(head)
    writer.writerows(rows)
    return out.getvalue()
