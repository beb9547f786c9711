"""The one plain-text table every command prints facts in (`facts`, `extract`, `show`): the
same columns in the same order, whether the facts come from a store or straight from files."""

from __future__ import annotations

from typing import Any

FACT_TABLE_HEADER = ("date", "type", "status", "what", "doc", "evidence")

SUMMARY_KEYS = {
    "agreement": ("parties", "title", "place"),
    "meeting": ("participants", "organizations", "place"),
    "launch": ("vehicle", "payloads", "site"),
    "role": ("person", "role", "organization"),
}


def cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, list | tuple):
        return "; ".join(cell(v) for v in value)
    return str(value)


def fact_summary(fact: dict[str, Any]) -> str:
    """The fact's main arguments in one line: `NASA, JAXA | lunar exploration | Tokyo`."""
    parts = [cell(fact.get(k)).replace("; ", ", ") for k in SUMMARY_KEYS.get(fact["type"], ())]
    return " | ".join(p for p in parts if p) or "-"


def fact_rows(records: list[dict[str, Any]]) -> list[list[str]]:
    """Facts in the exchange format as rows under FACT_TABLE_HEADER."""
    return [
        [
            r.get("date", r.get("as_of")) or "-",
            r["type"],
            r.get("status") or "-",
            fact_summary(r),
            r.get("doc") or "-",
            r.get("evidence") or "",
        ]
        for r in records
    ]


def format_table(header: tuple[str, ...], rows: list[list[str]], max_width: int = 60) -> str:
    """A plain-text table; cells past `max_width` are cut with an ellipsis."""
    cut = [[c if len(c) <= max_width else c[: max_width - 1] + "…" for c in map(str, row)] for row in rows]
    widths = [max([len(h)] + [len(r[i]) for r in cut]) for i, h in enumerate(header)]
    lines = ["  ".join(h.upper().ljust(w) for h, w in zip(header, widths, strict=True)).rstrip()]
    lines += ["  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)).rstrip() for r in cut]
    return "\n".join(lines)


def fact_table(records: list[dict[str, Any]]) -> str:
    return format_table(FACT_TABLE_HEADER, fact_rows(records))
