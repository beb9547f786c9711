"""Adding one document to a large resolved store: incremental resolution against a rebuild.

Generates --facts facts in documents (the generator of bench_resolve.py: agreements, meetings,
launches and roles among the knowledge's agencies and invented people, each event reported one to
four times), stores them, resolves the store once from scratch (`resolve_store`, timed), then
adds held-out documents one at a time, each resolved incrementally (`resolve_changes`, timed).
The ratio of the two, measured in the same run, is what incremental resolution saves; the target
is under 2 s for one document at 100,000 facts.

    python benchmarks/bench_incremental.py [--facts 100000] [--add 5] [--db URL]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_resolve import generate  # noqa: E402

from spacecoop.models import AnalyzedDocument  # noqa: E402
from spacecoop.resolve import resolve_store  # noqa: E402
from spacecoop.resolve.incremental import resolve_changes  # noqa: E402
from spacecoop.store import Store  # noqa: E402

TARGET_SECONDS = 2.0


def analyzed(facts, documents) -> list[AnalyzedDocument]:
    by_doc = defaultdict(list)
    for fact in facts:
        by_doc[fact.doc_id].append(fact)
    return [AnalyzedDocument(d, (), (), tuple(by_doc[d.id])) for d in documents]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--facts", type=int, default=100_000)
    parser.add_argument("--add", type=int, default=5, help="documents added one at a time")
    parser.add_argument("--db", help="a store URL (default: a SQLite file in a temporary folder)")
    args = parser.parse_args()
    facts, documents, _truth = generate(args.facts)
    items = analyzed(facts, documents)
    # The last documents are held out, then added one at a time.
    base, extra = items[: -args.add], items[-args.add :]
    with tempfile.TemporaryDirectory() as folder:
        db = args.db or str(Path(folder) / "bench.db")
        with Store.open(db) as store:
            started = time.perf_counter()
            for item in base:
                store.save_analyzed(item)
            saved = time.perf_counter() - started
            started = time.perf_counter()
            resolution = resolve_store(store)
            rebuild = time.perf_counter() - started
            stored_facts = sum(len(i.facts) for i in base)
            print(
                f"store: {len(base)} documents, {stored_facts} facts saved in {saved:.1f} s; "
                f"rebuild (resolve --all): {rebuild:.1f} s, {len(resolution.events)} events"
            )
            times = []
            for item in extra:
                store.save_analyzed(item)
                started = time.perf_counter()
                report = resolve_changes(store)
                times.append(time.perf_counter() - started)
                print(
                    f"  + {item.document.key}: {len(item.facts)} facts, {report.neighbours} stored events "
                    f"resolved again, {times[-1]:.2f} s"
                )
    median = statistics.median(times)
    print(
        f"one document added to {stored_facts} facts: median {median:.2f} s, max {max(times):.2f} s "
        f"(target < {TARGET_SECONDS:g} s); rebuild / incremental = {rebuild / median:.0f}x"
    )


if __name__ == "__main__":
    main()
