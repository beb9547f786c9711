"""Server time per route, in process, on a store built by bench_api.py (`--keep PATH`).

Where bench_api.py measures what clients see (network, processes, other load on the machine),
this asks the app itself, one request at a time, and prints the fastest and the median of
`--repeat` requests per route after one warm-up, and the median as a multiple of /api/health's
(on a busy machine every time grows; the multiple less so).

    python benchmarks/bench_routes.py --db bench.db [--repeat 9]
"""

from __future__ import annotations

import argparse
import statistics
import time

from fastapi.testclient import TestClient

from spacecoop.settings import Settings
from spacecoop.web.app import create_app

ROUTES = (
    "/api/health",
    "/api/facts",
    "/api/facts?sort=-date&offset=5000",
    "/api/facts?type=agreement&since=2000&until=2001",
    "/api/facts?actor=agency-001",
    "/api/facts?actor=agency-001&actor=agency-002",
    "/api/facts/facets?actor=agency-001",
    "/api/entities/agency-001",
    "/api/timeline?since=2000&until=2002",
    "/api/timeline?actor=agency-001",
    "/api/graph?since=2000&until=2000",
    "/api/graph",
    "/api/search?q=accord",
    "/api/search?q=agency%20001",
)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", required=True)
    parser.add_argument("--repeat", type=int, default=9)
    args = parser.parse_args()
    client = TestClient(create_app(Settings(db=args.db)))
    print(f"{'route':50s} {'min ms':>8s} {'median ms':>10s} {'median / health':>16s}")
    health = None
    for route in ROUTES:
        assert client.get(route).status_code == 200, route  # warm-up
        times = []
        for _ in range(args.repeat):
            start = time.perf_counter()
            client.get(route)
            times.append((time.perf_counter() - start) * 1000)
        median = statistics.median(times)
        health = health or median  # the first route: /api/health, which does no work
        print(f"{route:50s} {min(times):8.1f} {median:10.1f} {median / health:15.1f}x")


if __name__ == "__main__":
    main()
