"""Batch ingestion at scale: time and peak memory against corpus size, and worker processes.

    python benchmarks/bench_batch.py scale [--sizes 1000,10000,100000]
    python benchmarks/bench_batch.py workers [--docs 40]

`scale` writes generated news-like corpora (text files of bench_extract.py's generator) and runs
`spacecoop ingest` over each in a fresh process with the real reader, walking, hashing, worker
process and store, but a light analyzer (sentence split only), so the batch machinery itself is
measured: seconds per document and the peak resident memory of the whole batch (the command and
its worker) should stay flat as the corpus grows. `workers` runs the real spaCy pipeline over the
same documents with one and with two worker processes and prints the ratio (the target on a
2-core machine is >= 1.6), beside the bare spaCy pipeline over the same texts in one process.
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_extract import generate  # noqa: E402

from spacecoop import models  # noqa: E402

_SENTENCE = re.compile(r"[^.\s][^.]*\.")


def light_analyze(document: models.Document) -> models.AnalyzedDocument:
    """Sentences only: what the batch costs without spaCy."""
    sentences = tuple(
        models.Sentence(i, m.start(), m.end(), m.group())
        for i, m in enumerate(_SENTENCE.finditer(document.text))
    )
    return models.AnalyzedDocument(document, sentences, (), ())


def write_corpus(folder: Path, count: int) -> None:
    texts = generate(0.6)  # a pool of distinct documents, reused with a number to make each unique
    for i in range(count):
        sub = folder / f"part{i // 1000:03d}"
        sub.mkdir(parents=True, exist_ok=True)
        (sub / f"news_{i:06d}.txt").write_text(f"Item {i}.\n\n{texts[i % len(texts)]}\n")


_RUN_BATCH = """
import json, resource, sys, time
sys.path.insert(0, {bench!r})
from bench_batch import light_analyze
from spacecoop.batch import process_runner
from spacecoop.ingest import ingest_paths
from spacecoop.store import Store
started = time.perf_counter()
with Store.open({db!r}) as store, process_runner(1) as runner:
    report = ingest_paths([{folder!r}], store, light_analyze, progress=False, runner=runner, resolve=False)
elapsed = time.perf_counter() - started
peak = max(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
print(json.dumps({{"stored": len(report.stored), "seconds": elapsed, "peak_mb": peak / 1024}}))
"""


def scale(sizes: list[int]) -> None:
    print("documents  seconds  ms/document  peak MB (command or worker)")
    for size in sizes:
        with tempfile.TemporaryDirectory() as folder:
            corpus = Path(folder) / "corpus"
            write_corpus(corpus, size)
            code = _RUN_BATCH.format(
                bench=str(Path(__file__).resolve().parent), db=str(Path(folder) / "s.db"), folder=str(corpus)
            )
            out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
            result = json.loads(out.stdout.strip().splitlines()[-1])
            assert result["stored"] == size, result
            print(
                f"{size:>9,}  {result['seconds']:7.1f}  {1000 * result['seconds'] / size:11.2f}  "
                f"{result['peak_mb']:7.0f}"
            )


def workers(count: int) -> None:
    from spacecoop.batch import process_runner
    from spacecoop.ingest import PipelineAnalyzer, ingest_paths
    from spacecoop.pipeline.spacy_model import load_spacy
    from spacecoop.settings import Settings
    from spacecoop.store import Store

    with tempfile.TemporaryDirectory() as folder:
        corpus = Path(folder) / "corpus"
        write_corpus(corpus, count)
        texts = [p.read_text() for p in sorted(corpus.rglob("*.txt"))]
        bare = load_spacy(Settings())
        list(bare.pipe(texts[:2]))
        cpu = time.process_time()
        started = time.perf_counter()
        list(bare.pipe(texts, batch_size=16))
        bare_s = time.perf_counter() - started
        bare_cpu = time.process_time() - cpu
        times = {}
        for n in (1, 2):
            db = str(Path(folder) / f"w{n}.db")
            with Store.open(db) as store, process_runner(n) as runner:
                # Each batch starts its own workers: their loading of the pipeline is counted.
                started = time.perf_counter()
                ingest_paths(
                    [corpus],
                    store,
                    PipelineAnalyzer(Settings()),
                    progress=False,
                    runner=runner,
                    resolve=False,
                )
                times[n] = time.perf_counter() - started
    print(f"{count} documents: bare spaCy {bare_s:.1f} s ({bare_cpu:.1f} s CPU) in one process")
    print(f"ingest, 1 worker: {times[1]:.1f} s (bare / ingest = {bare_s / times[1]:.2f})")
    print(f"ingest, 2 workers: {times[2]:.1f} s (speed-up {times[1] / times[2]:.2f}x)")
    print(f"load average while measuring: {' '.join(f'{x:.1f}' for x in __import__('os').getloadavg())}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("what", choices=["scale", "workers"])
    parser.add_argument("--sizes", default="1000,10000")
    parser.add_argument("--docs", type=int, default=40)
    args = parser.parse_args()
    if args.what == "scale":
        scale([int(s) for s in args.sizes.split(",")])
    else:
        workers(args.docs)


if __name__ == "__main__":
    main()
