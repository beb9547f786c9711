"""Paging facts: every page, in every order and under every filter, is the slice a user expects.

The store answers pages from composite indexes in two steps (dated rows, then undated ones), so the
pages are checked against a plain Python sort of the same rows, including the pages that straddle
the last dated row.
"""

from __future__ import annotations

import json
import random

import pytest
from sqlalchemy import insert

from spacecoop.store import schema
from spacecoop.store.core import Store
from spacecoop.store.web_queries import FactFilter, list_facts

TYPES = ("agreement", "meeting", "launch", "role")
STATUSES = ("signed", "planned", "done", None)
ACTORS = ("esa", "nasa", "roscosmos", "jaxa", "cnes")


def _date(rng: random.Random) -> str | None:
    shape = rng.random()
    year = rng.randint(1995, 2024)
    if shape < 0.15:
        return None
    if shape < 0.3:
        return str(year)
    if shape < 0.5:
        return f"{year}-{rng.randint(1, 12):02d}"
    return f"{year}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"


@pytest.fixture(scope="module")
def rows(tmp_path_factory):
    """A resolved store of 400 events (and their per-document facts), some undated; and the rows."""
    rng = random.Random(7)
    path = tmp_path_factory.mktemp("pages") / "pages.db"
    store = Store.open(str(path))
    events, facts, links = [], [], []
    for i in range(400):
        kind, status, date = rng.choice(TYPES), rng.choice(STATUSES), _date(rng)
        actors = rng.sample(ACTORS, 2)
        confidence = round(rng.random(), 2)
        events.append({"id": f"e{i:04d}", "type": kind, "args_json": json.dumps({"parties": actors}),
                       "date": date, "status": status, "confidence": confidence, "conflicts_json": "[]",
                       "actors": actors})  # fmt: skip
        facts.append({"id": f"f{i:04d}", "doc_id": "d1", "doc_key": "d1", "type": kind,
                      "args_json": json.dumps({"parties": actors}), "date": date, "status": status,
                      "confidence": confidence, "evidence_start": 0, "evidence_end": 1,
                      "evidence_text": f"Sentence {i}."})  # fmt: skip
        links.extend({"event_id": f"e{i:04d}", "entity_id": a, "role": "party"} for a in actors)
    with store.engine.begin() as conn:
        conn.execute(insert(schema.events), [{k: v for k, v in e.items() if k != "actors"} for e in events])
        conn.execute(insert(schema.facts), facts)
        conn.execute(insert(schema.event_entities), links)
        conn.execute(
            insert(schema.entities),
            [{"id": a, "name": a.upper(), "type": "agency"} for a in ACTORS],
        )
    yield store, events, facts
    store.close()


def _expected(rows: list[dict], f: FactFilter) -> list[str]:
    def keep(r: dict) -> bool:
        return (
            (not f.type or r["type"] == f.type)
            and (not f.status or r["status"] == f.status)
            and (not f.since or (r["date"] is not None and r["date"] >= f.since))
            and (not f.until or (r["date"] is not None and r["date"] <= f.until + "~"))
            and (not f.entity or f.entity in r.get("actors", json.loads(r["args_json"])["parties"]))
        )

    matches = [r for r in rows if keep(r)]
    key = f.sort.lstrip("-")
    if key == "date":
        dated = sorted((r for r in matches if r["date"]), key=lambda r: (r["date"], r["id"]))
        if f.sort.startswith("-"):
            dated.reverse()
        ordered = dated + sorted((r for r in matches if not r["date"]), key=lambda r: r["id"])
    else:
        sign = -1 if f.sort.startswith("-") else 1
        ordered = sorted(
            matches, key=lambda r: (r[key] is None, sign * r[key] if key == "confidence" else r[key], r["id"])
        )
    return [r["id"] for r in ordered][f.offset : f.offset + f.limit]


FILTERS = [
    FactFilter(),
    FactFilter(type="agreement"),
    FactFilter(status="planned"),
    FactFilter(type="launch", status="done"),
    FactFilter(since="2005", until="2010"),
    FactFilter(type="meeting", since="2010-06"),
    FactFilter(entity="roscosmos"),
    FactFilter(entity="esa", type="agreement", until="2015"),
]


@pytest.mark.parametrize("resolved", [True, False], ids=["events", "document-facts"])
@pytest.mark.parametrize("sort", ["date", "-date", "confidence", "-confidence"])
@pytest.mark.parametrize(
    "base",
    FILTERS,
    ids=lambda f: (
        ",".join(f"{k}={v}" for k, v in vars(f).items() if v and k not in ("sort", "limit", "offset"))
        or "all"
    ),
)
def test_store_fact_pages_match_a_plain_sort(rows, resolved, sort, base):
    store, events, facts = rows
    table_rows = events if resolved else facts
    total = len(_expected(table_rows, FactFilter(**{**vars(base), "limit": 10_000})))
    with store.engine.connect() as conn:
        # Small pages at every offset up to the end, so some page straddles the dated/undated border.
        for offset in range(0, total + 7, 7):
            f = FactFilter(**{**vars(base), "sort": sort, "limit": 7, "offset": offset})
            page = list_facts(conn, f, resolved=resolved)
            assert page["total"] == total
            assert [i["id"] for i in page["items"]] == _expected(table_rows, f), f"offset {offset}"


@pytest.mark.parametrize("sort", ["date", "-date"])
@pytest.mark.parametrize(
    "base",
    [FactFilter(actors=("esa", "nasa")), FactFilter(actors=("roscosmos",), since="2000", until="2012"),
     FactFilter(actors=("JAXA",), until="2010-06"), FactFilter(actors=("cnes",), since="2015-03")],
    ids=["two-actors", "actor-and-period", "actor-until", "actor-since"],
)  # fmt: skip
def test_store_fact_pages_of_actors_kept_in_memory_equal_the_sql_pages(rows, sort, base):
    from dataclasses import replace

    store, _, _ = rows
    with store.engine.connect() as conn:
        total = list_facts(conn, replace(base, sort=sort, limit=1000), from_memory=False)["total"]
        assert total > 5
        for offset in range(0, total + 5, 5):
            f = replace(base, sort=sort, limit=5, offset=offset)
            kept, sql = list_facts(conn, f), list_facts(conn, f, from_memory=False)
            assert kept["total"] == sql["total"] == total
            assert [i["id"] for i in kept["items"]] == [i["id"] for i in sql["items"]], f"offset {offset}"
            assert kept["items"] == sql["items"]
