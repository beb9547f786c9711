"""API latency on a generated store of 100,000 facts.

Builds the store with bulk inserts (documents, facts, resolved events and their entities, and the
summaries resolution saves), starts `spacecoop serve [--workers N]` on 127.0.0.1 in a subprocess,
and sends a fixed number of requests per route from concurrent clients, each a process of its
own. Prints p50/p95 per route beside the baseline (/api/health, which does not touch the store)
measured in the same run. Target: p95 < 50 ms for facts, entity and timeline.

    python benchmarks/bench_api.py [--facts 100000] [--requests 300] [--clients 4] [--workers 1]
                                   [--keep PATH [--reuse]]
"""

from __future__ import annotations

import argparse
import json
import os
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import httpx
from sqlalchemy import insert

from spacecoop.store import schema
from spacecoop.store.core import Store
from spacecoop.store.summaries import refresh_summaries

TYPES = ("agreement", "meeting", "launch", "role")
STATUS = {"agreement": ("signed", "expected", "in_force"), "launch": ("done", "planned")}
TARGET_MS = 50.0
ACTORS = [f"agency-{i:03d}" for i in range(250)]


def _date(rng: random.Random) -> str:
    year = rng.randint(1990, 2025)
    shape = rng.random()
    if shape < 0.2:
        return str(year)
    if shape < 0.4:
        return f"{year}-{rng.randint(1, 12):02d}"
    return f"{year}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"


def build(path: Path, n_facts: int, seed: int = 1) -> list[str]:
    """A store with `n_facts` facts over n_facts/50 documents, merged into events by pairs."""
    rng = random.Random(seed)
    actors = ACTORS
    people = [f"person-{i:03d}" for i in range(400)]
    store = Store.open(str(path))
    n_docs = max(1, n_facts // 50)
    docs = [
        {
            "id": f"{i:064x}",
            "key": f"doc_{i:05d}",
            "source": f"doc_{i:05d}.txt",
            "form": "text",
            "raw_text": f"Generated document {i}.",
            "text": f"Generated document {i} about cooperation between agencies.",
            "offsets_json": "[]",
            "date": _date(rng),
            "title": f"Release {i}",
            "publisher": f"Publisher {i % 40}",
            "language": "en",
            "contacts_json": "[]",
            "ingested_at": "2026-01-01T00:00:00",
        }
        for i in range(n_docs)
    ]
    facts, events, sources, roles = [], [], [], []
    for i in range(n_facts):
        kind = TYPES[i % 4]
        a, b = rng.sample(actors, 2)
        person = rng.choice(people)
        args = {
            "agreement": {"parties": [a, b], "title": f"accord {i}"},
            "meeting": {"participants": [person], "organizations": [a, b]},
            "launch": {"vehicle": f"rocket-{i % 30}", "site": f"site-{i % 12}", "payloads": [f"sat-{i}"]},
            "role": {"person": person, "role": "Head", "organization": a},
        }[kind]
        date = _date(rng)
        status = rng.choice(STATUS[kind]) if kind in STATUS else None
        doc = docs[i % n_docs]
        fact_id = f"f{i:07d}"
        facts.append(
            {
                "id": fact_id, "doc_id": doc["id"], "doc_key": doc["key"], "type": kind,
                "args_json": json.dumps(args), "date": date, "date_precision": "day",
                "date_alternatives_json": "[]", "status": status, "confidence": 0.7,
                "evidence_start": 0, "evidence_end": 20, "evidence_text": f"Evidence sentence {i}.",
            }
        )  # fmt: skip
        event_id = f"e{i // 2:07d}"  # two reports per event
        if i % 2 == 0:
            events.append(
                {"id": event_id, "type": kind, "args_json": json.dumps(args), "date": date, "status": status,
                 "confidence": 0.8, "conflicts_json": "[]"}
            )  # fmt: skip
            who = {"agreement": [("party", a), ("party", b)], "meeting": [("organization", a), ("organization", b)],
                   "launch": [], "role": [("organization", a)]}[kind]  # fmt: skip
            roles.extend({"event_id": event_id, "role": r, "entity_id": e} for r, e in who)
        sources.append(
            {"event_id": events[-1]["id"], "fact_id": fact_id, "doc_id": doc["id"], "doc_key": doc["key"],
             "evidence_start": 0, "evidence_end": 20, "evidence_text": f"Evidence sentence {i}.",
             "date": date, "status": status, "confidence": 0.7}
        )  # fmt: skip
    entities = [
        {"id": a, "name": a.upper(), "type": "agency", "predecessors_json": "[]", "successors_json": "[]"}
        for a in actors
    ]
    with store.engine.begin() as conn:
        for table, rows in (
            (schema.documents, docs), (schema.facts, facts), (schema.events, events),
            (schema.event_sources, sources), (schema.event_entities, roles), (schema.entities, entities),
            (schema.aliases, [{"entity_id": a, "alias": a.replace("-", " ")} for a in actors]),
        ):  # fmt: skip
            for start in range(0, len(rows), 20_000):
                conn.execute(insert(table), rows[start : start + 20_000])
        conn.exec_driver_sql(
            f"INSERT INTO {schema.EVENTS_FTS} (event_id, type, text) VALUES (?, ?, ?)",
            [(e["id"], e["type"], e["args_json"]) for e in events],
        )
        conn.exec_driver_sql(
            f"INSERT INTO {schema.DOCUMENTS_FTS} (doc_id, title, text) VALUES (?, ?, ?)",
            [(d["id"], d["title"], d["text"]) for d in docs],
        )
        refresh_summaries(conn)  # as Store.save_resolution does
    store.close()
    return actors


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def one_client(base: str, paths: list[str], requests: int) -> list[float]:
    """One client: `requests` requests in turn over one connection, cycling through `paths`."""
    times = []
    with httpx.Client(timeout=30) as client:
        client.get(base + paths[0])  # open the connection before timing
        for i in range(requests):
            start = time.perf_counter()
            response = client.get(base + paths[i % len(paths)])
            times.append((time.perf_counter() - start) * 1000)
            if response.status_code != 200:
                raise SystemExit(
                    f"{paths[i % len(paths)]}: HTTP {response.status_code} {response.text[:200]}"
                )
    return times


def measure(base: str, paths: list[str], requests: int, clients: int) -> list[float]:
    """Milliseconds per request: `requests` requests in all from `clients` concurrent clients.

    Each client is a process of its own: client threads in one process would wait for each
    other's interpreter lock, and that wait would be counted as the server's latency."""
    with ProcessPoolExecutor(clients) as pool:
        shares = [paths[k % len(paths) :] + paths[: k % len(paths)] for k in range(clients)]
        futures = [pool.submit(one_client, base, share, requests // clients) for share in shares]
        return [t for future in futures for t in future.result()]


def percentile(values: list[float], q: float) -> float:
    return statistics.quantiles(values, n=100, method="inclusive")[int(q) - 1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--facts", type=int, default=100_000)
    parser.add_argument("--requests", type=int, default=300)
    parser.add_argument("--clients", type=int, default=4)
    parser.add_argument("--workers", type=int, default=1, help="server processes (spacecoop serve --workers)")
    parser.add_argument("--keep", help="build the store at this path and keep it")
    parser.add_argument("--reuse", action="store_true", help="with --keep: reuse a store built before")
    args = parser.parse_args()

    folder = tempfile.mkdtemp(prefix="bench_api_")
    db = Path(args.keep) if args.keep else Path(folder) / "bench.db"
    started = time.perf_counter()
    if args.reuse and db.exists():
        actors = ACTORS
    else:
        db.unlink(missing_ok=True)
        actors = build(db, args.facts)
    print(
        f"store: {args.facts} facts, {db.stat().st_size / 1e6:.0f} MB, built in {time.perf_counter() - started:.1f} s"
    )

    port = _free_port()
    server = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "from spacecoop.cli import main; main()",
            "serve",
            "--db",
            str(db),
            "--port",
            str(port),
            "--workers",
            str(args.workers),
        ],
        env={**os.environ, "SPACECOOP_UPLOAD_TOKEN": ""},
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                if httpx.get(base + "/api/health", timeout=1).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            if time.monotonic() > deadline or server.poll() is not None:
                raise SystemExit("the server did not start")
            time.sleep(0.2)
        rng = random.Random(2)
        some = rng.sample(actors, 20)
        routes = {
            "baseline /api/health": ["/api/health"],
            "/api/facts": ["/api/facts", "/api/facts?sort=-date", "/api/facts?offset=5000"],
            "/api/facts (filters)": [
                f"/api/facts?type=agreement&since={y}&until={y + 1}" for y in range(1991, 2024, 3)
            ]
            + [f"/api/facts?actor={a}" for a in some[:5]]
            + [f"/api/facts?actor={a}&actor={b}" for a, b in zip(some[:3], some[3:6], strict=False)],
            "/api/facts/{id}": [f"/api/facts/e{rng.randrange(args.facts // 2):07d}" for _ in range(20)],
            "/api/entities/{id}": [f"/api/entities/{a}" for a in some],
            "/api/timeline": [f"/api/timeline?since={y}&until={y + 2}" for y in range(1990, 2024, 3)]
            + [f"/api/timeline?actor={a}" for a in some[:5]],
            "/api/graph (period)": [f"/api/graph?since={y}&until={y}" for y in range(1995, 2025, 5)],
            "/api/search": ["/api/search?q=accord", "/api/search?q=agency%20001", "/api/search?q=rocket"],
        }
        # Search reads every hit for its facets: fewer requests keep the run short.
        counts = {name: args.requests // 4 if "search" in name else args.requests for name in routes}
        results = {name: measure(base, paths, counts[name], args.clients) for name, paths in routes.items()}
    finally:
        server.terminate()
        server.wait(timeout=10)

    base_p95 = percentile(results["baseline /api/health"], 95)
    print(
        f"{args.requests} requests per route (search {args.requests // 4}), {args.clients} concurrent clients"
    )
    print(f"load average at the end of the run: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores, shared")
    print(f"{'route':<24} {'p50 ms':>8} {'p95 ms':>8} {'p95/baseline':>13}  target")
    for name, times in results.items():
        p50, p95 = percentile(times, 50), percentile(times, 95)
        gated = name.split(" ")[0] in ("/api/facts", "/api/entities/{id}", "/api/timeline")
        verdict = ("ok" if p95 < TARGET_MS else "SLOW") if gated else ""
        print(f"{name:<24} {p50:>8.1f} {p95:>8.1f} {p95 / base_p95:>12.1f}x  {verdict}")


if __name__ == "__main__":
    main()
