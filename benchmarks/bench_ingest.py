"""Store write throughput: Store.save_analyzed vs raw sqlite3 executemany, measured in one run.

Both write the same generated documents (sentences, mentions, facts) into a fresh SQLite file
with the same pragmas (WAL, synchronous=NORMAL), one transaction per document, as ingestion does.
The ratio says what SQLAlchemy Core, row building, the FTS index and the per-document checks
cost on top of the bare driver.

    python benchmarks/bench_ingest.py [--documents 400]
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sqlite3
import tempfile
import time
from pathlib import Path

from spacecoop import models
from spacecoop.store import Store

WORDS = [
    "agency",
    "signed",
    "agreement",
    "launch",
    "satellite",
    "orbit",
    "mission",
    "cooperation",
    "rocket",
    "station",
    "crew",
    "lunar",
]


def generate(count: int, sentences_per_doc: int = 25) -> list[models.AnalyzedDocument]:
    documents = []
    for n in range(count):
        sentences, mentions, facts, text, cursor = [], [], [], [], 0
        for i in range(sentences_per_doc):
            words = [WORDS[(n * 7 + i * 3 + k) % len(WORDS)] for k in range(18)]
            sentence = f"Agency {n}-{i} " + " ".join(words) + "."
            sentences.append(models.Sentence(i, cursor, cursor + len(sentence), sentence))
            mentions.append(
                models.Mention(f"Agency {n}-{i}", "ORG", models.Span(cursor, cursor + 10, sentence[:10]))
            )
            if i % 5 == 0:
                span = models.Span(cursor, cursor + len(sentence), sentence)
                facts.append(
                    models.Fact(
                        "agreement",
                        f"doc{n}",
                        {"parties": [f"A{n}", f"B{i}"]},
                        span,
                        models.DateValue("2020-01-02"),
                    )
                )
            text.append(sentence)
            cursor += len(sentence) + 1
        body = " ".join(text)
        document = models.Document(
            id=hashlib.sha256(body.encode()).hexdigest(), key=f"doc{n}", source=f"doc{n}.txt", form="text",
            raw_text=body, text=body, title=models.MetaValue(f"Document {n}", "first line"),
        )  # fmt: skip
        documents.append(models.AnalyzedDocument(document, tuple(sentences), tuple(mentions), tuple(facts)))
    return documents


def write_with_store(db: Path, documents: list[models.AnalyzedDocument]) -> float:
    with Store.open(str(db)) as store:
        start = time.perf_counter()
        for analyzed in documents:
            store.save_analyzed(analyzed)
        return time.perf_counter() - start


def write_with_sqlite3(db: Path, documents: list[models.AnalyzedDocument], *, same_schema: bool) -> float:
    """Bare driver writes: into four minimal tables, or into the store's own schema (its indexes
    and full-text table included; the tables are made by Store.open beforehand)."""
    if same_schema:
        Store.open(str(db)).close()
    conn = sqlite3.connect(db, isolation_level=None)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA synchronous=NORMAL")
    if not same_schema:
        conn.executescript(
            "CREATE TABLE documents (id TEXT PRIMARY KEY, key TEXT, source TEXT, raw_text TEXT, text TEXT, title TEXT);"
            "CREATE TABLE sentences (doc_id TEXT, idx INT, start INT, end INT, text TEXT, PRIMARY KEY (doc_id, idx));"
            "CREATE TABLE mentions (doc_id TEXT, start INT, end INT, text TEXT, label TEXT);"
            "CREATE TABLE facts (id TEXT PRIMARY KEY, doc_id TEXT, doc_key TEXT, type TEXT, args_json TEXT,"
            " date TEXT, evidence_start INT, evidence_end INT, evidence_text TEXT);"
        )
    document_sql = "INSERT INTO documents (id, key, source, raw_text, text, title) VALUES (?, ?, ?, ?, ?, ?)"
    if same_schema:
        document_sql = (
            "INSERT INTO documents (id, key, source, raw_text, text, title, form, offsets_json, contacts_json,"
            " ingested_at) VALUES (?, ?, ?, ?, ?, ?, 'text', '[]', '[]', '2026-01-01')"
        )
    fact_columns = "id, doc_id, doc_key, type, args_json, date, evidence_start, evidence_end, evidence_text"
    fact_sql = f"INSERT INTO facts ({fact_columns}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"
    if same_schema:
        fact_sql = f"INSERT INTO facts ({fact_columns}, confidence) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 0.5)"
    start = time.perf_counter()
    for analyzed in documents:
        d = analyzed.document
        conn.execute("BEGIN IMMEDIATE")
        conn.execute(document_sql, (d.id, d.key, d.source, d.raw_text, d.text, d.title.value))
        conn.executemany(
            "INSERT INTO sentences (doc_id, idx, start, end, text) VALUES (?, ?, ?, ?, ?)",
            [(d.id, s.index, s.start, s.end, s.text) for s in analyzed.sentences],
        )
        conn.executemany(
            "INSERT INTO mentions (doc_id, start, end, text, label) VALUES (?, ?, ?, ?, ?)",
            [(d.id, m.span.start, m.span.end, m.text, m.label) for m in analyzed.mentions],
        )
        conn.executemany(fact_sql, [_fact_tuple(d, f) for f in analyzed.facts])
        if same_schema:
            conn.execute(
                "INSERT INTO documents_fts (doc_id, title, text) VALUES (?, ?, ?)",
                (d.id, d.title.value, d.text),
            )
        conn.execute("COMMIT")
    elapsed = time.perf_counter() - start
    conn.close()
    return elapsed


def _fact_tuple(d: models.Document, f: models.Fact) -> tuple:
    date = f.date.iso if f.date else None
    return (
        f.id,
        d.id,
        d.key,
        f.type,
        json.dumps(f.args),
        date,
        f.evidence.start,
        f.evidence.end,
        f.evidence.text,
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--documents", type=int, default=400)
    args = parser.parse_args()
    documents = generate(args.documents)
    with tempfile.TemporaryDirectory() as folder:
        minimal = write_with_sqlite3(Path(folder) / "minimal.db", documents, same_schema=False)
        same = write_with_sqlite3(Path(folder) / "same.db", documents, same_schema=True)
        ours = write_with_store(Path(folder) / "store.db", documents)
    n = len(documents)
    print(f"documents: {n} (25 sentences, 25 mentions, 5 facts each), one transaction per document")
    print(f"raw sqlite3 executemany, minimal tables:     {n / minimal:8.1f} documents/s")
    print(f"raw sqlite3 executemany, store schema + FTS: {n / same:8.1f} documents/s")
    print(f"Store.save_analyzed:                         {n / ours:8.1f} documents/s")
    print(f"ratio store / raw minimal:                   {minimal / ours:8.2f}")
    print(f"ratio store / raw same schema:               {same / ours:8.2f}")


if __name__ == "__main__":
    main()
