"""Batch ingestion: files, folders and globs into the store, one transaction per document.

Per file: hash the bytes and skip what is already stored, read it into a Document, analyze it,
save it. A broken file is reported by name with the reason and never stops the batch. Because
each document is committed on its own and present documents are skipped, interrupting a batch
(Ctrl-C, kill) and running the same command again stores every document exactly once.
"""

from __future__ import annotations

import hashlib
import sys
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache, partial
from pathlib import Path
from typing import Protocol

from sqlalchemy.exc import DataError, IntegrityError
from tqdm import tqdm

from spacecoop import models, walk
from spacecoop.errors import ModelUnavailable, StoreError, UnreadableDocument
from spacecoop.settings import Settings
from spacecoop.walk import Walk

Analyze = Callable[[models.Document], models.AnalyzedDocument]
# What reading and analyzing one file gives: the analyzed document, or why it failed.
Outcome = models.AnalyzedDocument | models.IngestFailure
Read = Callable[[str], models.Document]
# Runs a task (read+analyze one path) over paths and yields (path, outcome) as each one finishes,
# in any order.
Task = Callable[[str], Outcome]
Runner = Callable[[list[str], Task], Iterator[tuple[str, Outcome]]]
# Told of each file that failed ("failed") or was left out ("skipped"), as it happens.
OnFailure = Callable[[models.IngestFailure, str], None]

# Errors that are not a file's fault: they stop the batch instead of failing every file in turn.
FATAL_ERRORS = (ModelUnavailable, StoreError)


class StoreLike(Protocol):
    def has_document(self, doc_id: str) -> bool: ...

    def save_analyzed(self, analyzed: models.AnalyzedDocument, *, replace: bool = False) -> bool: ...


@dataclass
class IngestReport:
    """What a batch did: paths stored, paths re-analyzed (with reanalyze=True), paths already
    present, failures with reasons."""

    stored: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    reanalyzed: list[str] | None = None  # None when the batch skipped stored documents
    failures: list[models.IngestFailure] = field(default_factory=list)
    resolve_error: str | None = None
    skipped: list[models.IngestFailure] = field(default_factory=list)  # not read, with the reason
    not_reached: int = 0  # files left when the batch was interrupted

    @property
    def exit_code(self) -> int:
        return 1 if self.failures or self.resolve_error else 0

    def summary(self) -> str:
        redone = "" if self.reanalyzed is None else f"{len(self.reanalyzed)} re-analyzed, "
        lines = [
            f"stored {len(self.stored)} new, {redone}{len(self.unchanged)} unchanged, "
            f"{len(self.failures)} failed"
        ]
        if self.skipped:
            lines[0] += f", {len(self.skipped)} skipped"
        if self.not_reached:
            lines[0] += f", {self.not_reached} not reached (interrupted)"
        lines += [f"  failed: {f.path}: {f.reason}" for f in self.failures]
        lines += [f"  skipped: {f.path}: {f.reason}" for f in self.skipped]
        if self.resolve_error:
            lines.append(f"  resolution failed (documents are stored): {self.resolve_error}")
        return "\n".join(lines)


def expand_paths(paths: Iterable[str | Path], *, follow_links: bool = False) -> list[str]:
    """Files named, files under folders (recursively, of the kinds the reader handles, hidden ones
    and README files left out) and glob matches, each once, in a stable order. A path that matches
    nothing is a BadQuery. `walk_paths` also says why each other file was left out."""
    return walk_paths(paths, follow_links=follow_links).files


def walk_paths(paths: Iterable[str | Path], *, follow_links: bool = False) -> Walk:
    return walk.walk_paths(paths, follow_links=follow_links, suffixes=readable_suffixes())


def readable_suffixes() -> frozenset[str] | None:
    """File name endings the reader handles (folders are walked for these only, so images and
    the like beside the documents are not reported as failures); None when it does not say."""
    try:
        from spacecoop.sources import SUFFIXES
    except ImportError:
        return None
    return frozenset(s.lower() for s in SUFFIXES)


def _is_store_file(path: str, store: StoreLike) -> bool:
    # `spacecoop ingest .` next to ./spacecoop.db must not read the store (or its WAL) as a document.
    database = getattr(store, "path", None)
    if database is None:
        return False
    try:
        resolved = Path(path).resolve()
        base = Path(database).resolve()
    except (OSError, RuntimeError):  # a link loop (Python 3.11 raises RuntimeError): not the store
        return False
    return resolved == base or resolved.parent == base.parent and resolved.name.startswith(base.name + "-")


def file_id(path: str) -> str | None:
    """The sha256 of a file's bytes (a Document's id), or None when it cannot be read."""
    digest = hashlib.sha256()
    try:
        with open(path, "rb") as handle:
            for block in iter(lambda: handle.read(1 << 20), b""):
                digest.update(block)
    except OSError:
        return None  # read_source will report why
    return digest.hexdigest()


def read_source(path: str, limits=None) -> models.Document:
    """The product's reader, `spacecoop.sources.read_source`, imported on first use; `limits` is a
    `spacecoop.sources.ReadLimits` (its defaults when None)."""
    from spacecoop.sources import read_source as read  # lazy: the sources stage is heavy to import

    return read(path, limits=limits)


@dataclass(frozen=True)
class LimitedReader:
    """`read_source` with the given ReadLimits; picklable, so it travels to worker processes."""

    limits: object

    def __call__(self, path: str) -> models.Document:
        return read_source(path, limits=self.limits)


class BatchInterrupted(KeyboardInterrupt):
    """Ctrl-C (or SIGTERM) during a batch; `report` says what was done and what failed so far."""

    def __init__(self, report: IngestReport):
        super().__init__("interrupted")
        self.report = report


def read_and_analyze(path: str, analyze: Analyze, read: Read | None = None) -> Outcome:
    """Read one file (with `read_source` unless told) and analyze it. Any error of the file's own
    becomes an IngestFailure."""
    try:
        return analyze((read or read_source)(path))
    except FATAL_ERRORS:
        raise
    except UnreadableDocument as error:
        return models.IngestFailure(path, error.reason)
    except Exception as error:  # one broken file must never stop the batch
        return models.IngestFailure(path, f"{type(error).__name__}: {error}")


def serial_runner(paths: list[str], task: Task) -> Iterator[tuple[str, Outcome]]:
    """Run the task in this process, one file at a time, lazily (so each is saved before the next)."""
    for path in paths:
        yield path, task(path)


def ingest_paths(
    paths: Iterable[str | Path],
    store: StoreLike,
    analyze: Analyze,
    *,
    progress: bool = True,
    runner: Runner = serial_runner,
    resolve: bool = True,
    read: Read | None = None,
    reanalyze: bool = False,
    on_failure: OnFailure | None = None,
    follow_links: bool = False,
) -> IngestReport:
    """Ingest files, folders (recursive) and globs into `store`; see the module docstring.

    `read` turns a path into a Document (the product's `read_source` by default); `runner` runs
    read+analyze (in this process by default; see spacecoop.batch for Dask). `progress` shows a
    bar on stderr when it is a terminal. `reanalyze` analyzes stored documents again and replaces
    their sentences, mentions and facts (after the pipeline improved). After a batch that stored
    anything, or when stored facts are in no event yet, `spacecoop.resolve.resolve_store(store)`
    runs when that function exists. `on_failure(failure, "failed" | "skipped")` is called for
    each file that failed or was left out, as it happens. Ctrl-C raises BatchInterrupted carrying the report so far."""
    walked = walk_paths(paths, follow_links=follow_links)
    all_paths = [p for p in walked.files if not _is_store_file(p, store)]
    skipped = [f for f in walked.skipped if not _is_store_file(f.path, store)]
    report = IngestReport(reanalyzed=[] if reanalyze else None, skipped=skipped)
    for left_out in skipped:
        _tell(on_failure, left_out, "skipped")
    done: set[str] = set()
    with tqdm(total=len(all_paths), file=sys.stderr, unit="file", disable=_bar_disabled(progress)) as bar:
        try:
            pending = []
            for path in all_paths:
                known = None if reanalyze else file_id(path)
                if known is not None and store.has_document(known):
                    report.unchanged.append(path)
                    done.add(path)
                    bar.update(1)
                else:
                    pending.append(path)
            saved_now: set[str] = set()
            task = partial(read_and_analyze, analyze=analyze, read=read)
            for path, outcome in runner(pending, task):
                if isinstance(outcome, models.IngestFailure):
                    report.failures.append(outcome)
                    bar.clear()
                    _tell(on_failure, outcome)
                else:
                    failed = len(report.failures)
                    _save(path, outcome, store, report, reanalyze=reanalyze, saved_now=saved_now)
                    if len(report.failures) > failed:
                        _tell(on_failure, report.failures[-1])
                done.add(path)
                bar.update(1)
        except KeyboardInterrupt as interrupt:
            report.not_reached = len(all_paths) - len(done)
            raise BatchInterrupted(report) from interrupt
    if resolve and (report.stored or report.reanalyzed or _has_unresolved_facts(store)):
        # Re-analysis replaced facts that events still hold: only a rebuild sets that right.
        report.resolve_error = run_resolution_hook(store, incremental=not report.reanalyzed)
    return report


def _tell(on_failure: OnFailure | None, failure: models.IngestFailure, kind: str = "failed") -> None:
    if on_failure is not None:
        on_failure(failure, kind)


def _has_unresolved_facts(store: StoreLike) -> bool:
    # A batch interrupted during resolution stored everything; the re-run must still resolve.
    check = getattr(store, "has_unresolved_facts", None)
    return bool(check and check())


def _save(
    path: str,
    analyzed: models.AnalyzedDocument,
    store: StoreLike,
    report: IngestReport,
    *,
    reanalyze: bool,
    saved_now: set[str],
) -> None:
    doc_id = analyzed.document.id
    try:
        if reanalyze and doc_id not in saved_now:
            present = store.has_document(doc_id)
            store.save_analyzed(analyzed, replace=True)
            (report.reanalyzed if present else report.stored).append(path)
        elif not reanalyze and store.save_analyzed(analyzed):
            report.stored.append(path)
        else:  # the same content under another name, stored earlier in this batch or before
            report.unchanged.append(path)
    except StoreError as error:
        # Rows the schema refuses (two sentences with one index...) are this document's fault;
        # a locked, full or unreachable database is not, and stops the batch.
        if not isinstance(error.__cause__, IntegrityError | DataError):
            raise
        report.failures.append(
            models.IngestFailure(path, f"analysis cannot be stored: {error.__cause__.orig}")
        )
    saved_now.add(doc_id)


def _bar_disabled(progress: bool) -> bool | None:
    # None lets tqdm switch itself off when stderr is not a terminal.
    return True if not progress else None


def run_resolution_hook(store: StoreLike, *, incremental: bool = False) -> str | None:
    """Resolve the new documents against their stored neighbours
    (`spacecoop.resolve.incremental.resolve_changes`) or, with incremental=False, rebuild
    (`spacecoop.resolve.resolve_store`), when those exist; the error's text if it fails."""
    try:
        from spacecoop import resolve
    except ImportError:
        return None
    resolve_store = getattr(resolve, "resolve_store", None)
    if resolve_store is None:
        return None
    if incremental and hasattr(store, "engine"):
        from spacecoop.resolve.incremental import resolve_changes as resolve_store
    try:
        resolve_store(store)
    except Exception as error:  # stored documents stay stored; the user re-runs resolution
        return f"{type(error).__name__}: {error}"
    return None


@lru_cache(maxsize=2)
def _pipeline_for(settings: Settings):
    # One pipeline per process and settings: loading spaCy takes seconds, analysing a file less.
    from spacecoop import pipeline

    return pipeline.load(settings)


@dataclass(frozen=True)
class PipelineAnalyzer:
    """The product's analyze function: the spacecoop spaCy pipeline, loaded on first use (so a
    re-run that finds everything stored never loads it) and once per process (so Dask workers
    load it once each). Picklable: it carries only the settings."""

    settings: Settings

    def __call__(self, document: models.Document) -> models.AnalyzedDocument:
        from spacecoop import pipeline

        if not hasattr(pipeline, "analyze"):
            raise ModelUnavailable("spacecoop.pipeline has no analyze(document, nlp) function")
        return pipeline.analyze(document, _pipeline_for(self.settings))
