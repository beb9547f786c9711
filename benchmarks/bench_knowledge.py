"""Cost of the knowledge base: loading it, and looking names up, beside plain baselines.

    python benchmarks/bench_knowledge.py

Loading: `load_knowledge()` (parse every packaged YAML file, validate, build the indexes) in a
fresh state, against parsing the same files with `yaml.load` alone. Lookups: `Knowledge.lookup`
on every surface form in mixed case, against a plain dict of lower-cased forms. Best of 5 runs,
one core.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from importlib import resources

import yaml

from spacecoop.knowledge import load_knowledge, normalise_alias
from spacecoop.knowledge.loader import _packaged_entities, _packaged_knowledge


def best_of(runs: int, work: Callable[[], object]) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        work()
        times.append(time.perf_counter() - start)
    return min(times)


def parse_only() -> None:
    folder = resources.files("spacecoop.knowledge") / "data"
    for item in folder.iterdir():
        if item.name.endswith(".yaml"):
            yaml.load(item.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)


def cold_load() -> None:
    _packaged_entities.cache_clear()
    _packaged_knowledge.cache_clear()
    normalise_alias.cache_clear()
    load_knowledge()


def main() -> None:
    knowledge = load_knowledge()
    forms = [form for form, _ in knowledge.surface_forms()]
    # Running text shows names in several cases; lookups of unknown words cost the same path.
    queries = forms + [f.upper() for f in forms] + [f.lower() for f in forms]
    plain = {f.lower(): e for f, e in knowledge.surface_forms()}

    parse = best_of(5, parse_only)
    load = best_of(5, cold_load)
    warm = best_of(5, load_knowledge)
    knowledge = load_knowledge()
    lookups = best_of(5, lambda: [knowledge.lookup(q) for q in queries])
    normalise_alias.cache_clear()
    cold_lookups = best_of(1, lambda: [knowledge.lookup(q) for q in queries])
    baseline = best_of(5, lambda: [plain.get(q.lower()) for q in queries])

    print(f"entities: {len(knowledge.entities)}, surface forms: {len(forms)}")
    print(f"yaml parse only        {parse * 1000:8.1f} ms")
    print(f"load_knowledge (cold)  {load * 1000:8.1f} ms   ratio to parse only: {load / parse:5.2f}")
    print(
        f"load_knowledge (warm)  {warm * 1000:8.3f} ms   (the packaged knowledge is built once per process)"
    )
    per_lookup = lookups / len(queries) * 1e6
    print(
        f"lookup                 {per_lookup:8.2f} us   ratio to dict.get(lower): {lookups / baseline:5.2f}"
    )
    print(f"lookup, cold cache     {cold_lookups / len(queries) * 1e6:8.2f} us")


if __name__ == "__main__":
    main()
