"""A runner for `ingest_paths` that reads and analyzes each file in a worker process it can stop.

One file must never stall or sink a batch: each worker gets one path at a time, and the parent
watches the clock and the worker's memory. A worker that runs past the time budget or over the
memory budget is killed, its file is reported as failed with the reason, and a fresh worker takes
the next file. Workers are forked (on Linux), so they inherit the loaded modules; each loads the
spaCy pipeline once and keeps it for every file it is given.
"""

from __future__ import annotations

import multiprocessing
import os
import signal
import time
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from multiprocessing.connection import Connection, wait

from spacecoop import models
from spacecoop.ingest import Outcome, Runner, Task

# How often the parent looks at the clock and the workers' memory while it waits.
POLL_S = 0.2
DEFAULT_TIMEOUT_S = 600.0
DEFAULT_MAX_MEMORY_MB = 2048


@dataclass(frozen=True)
class WorkLimits:
    """Budgets per document: wall-clock seconds and resident memory of the worker, in MB."""

    timeout_s: float = DEFAULT_TIMEOUT_S
    max_memory_mb: int = DEFAULT_MAX_MEMORY_MB


class _Fatal:
    """Sent by a worker when the task raised an error that must stop the batch."""

    def __init__(self, error: BaseException):
        self.error = error


def _serve(conn: Connection, task: Task) -> None:
    # Ctrl-C reaches the whole process group; the parent decides what happens, not each worker.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    while True:
        try:
            path = conn.recv()
        except EOFError:
            return
        if path is None:
            return
        try:
            outcome: object = task(path)
        except BaseException as error:  # FATAL_ERRORS: read_and_analyze lets only those through
            outcome = _Fatal(error)
        try:
            conn.send(outcome)
        except Exception as error:  # an outcome that cannot be pickled is this file's failure
            conn.send(models.IngestFailure(path, f"analysis cannot be sent back: {error}"))


class _Worker:
    def __init__(self, context, task: Task):
        self.conn, child = context.Pipe()
        self.process = context.Process(target=_serve, args=(child, task), daemon=True)
        self.process.start()
        child.close()
        self.path: str | None = None
        self.started = 0.0

    def give(self, path: str) -> None:
        self.path, self.started = path, time.monotonic()
        self.conn.send(path)

    def stop(self) -> None:
        with suppress(OSError):
            self.process.kill()
        self.process.join(5)
        self.conn.close()

    def close(self) -> None:
        with suppress(OSError, BrokenPipeError):
            self.conn.send(None)
        self.process.join(2)
        if self.process.is_alive():
            self.stop()
        else:
            self.conn.close()


def resident_mb(pid: int) -> float:
    """Resident memory of a process in MB (Linux /proc), 0 when it cannot be read."""
    try:
        with open(f"/proc/{pid}/statm") as handle:
            pages = int(handle.read().split()[1])
    except (OSError, ValueError, IndexError):
        return 0.0
    return pages * os.sysconf("SC_PAGE_SIZE") / 2**20


def _context():
    methods = multiprocessing.get_all_start_methods()
    return multiprocessing.get_context("fork" if "fork" in methods else "spawn")


@contextmanager
def process_runner(workers: int = 1, limits: WorkLimits | None = None) -> Iterator[Runner]:
    """A runner over `workers` supervised processes with the given budgets per document."""
    limits = limits or WorkLimits()
    yield lambda paths, task: _run(paths, task, workers, limits)


def _run(paths: list[str], task: Task, workers: int, limits: WorkLimits) -> Iterator[tuple[str, Outcome]]:
    context = _context()
    queue = list(reversed(paths))
    pool: list[_Worker] = []
    try:
        while queue or any(w.path for w in pool):
            while queue and len([w for w in pool if w.path]) < workers:
                idle = next((w for w in pool if not w.path), None)
                if idle is None:
                    idle = _Worker(context, task)
                    pool.append(idle)
                idle.give(queue.pop())
            busy = [w for w in pool if w.path]
            ready = wait([w.conn for w in busy], timeout=POLL_S)
            for worker in busy:
                path = worker.path
                assert path is not None
                if worker.conn in ready:
                    outcome = _receive(worker, path)
                    if outcome is None:  # the worker died: start another for the next file
                        pool.remove(worker)
                        worker.stop()
                        code = worker.process.exitcode
                        yield path, models.IngestFailure(path, _death_reason(code))
                        continue
                    worker.path = None
                    if isinstance(outcome, _Fatal):
                        raise outcome.error
                    yield path, outcome
                    continue
                reason = _over_budget(worker, limits)
                if reason:
                    pool.remove(worker)
                    worker.stop()
                    yield path, models.IngestFailure(path, reason)
    finally:
        for worker in pool:
            if worker.path:
                worker.stop()
            else:
                worker.close()


def _receive(worker: _Worker, path: str) -> object | None:
    try:
        return worker.conn.recv()
    except (EOFError, OSError):
        return None


def _over_budget(worker: _Worker, limits: WorkLimits) -> str | None:
    # memory first: a worker over both budgets is named for the one that endangers the machine
    used = resident_mb(worker.process.pid or 0)
    if used > limits.max_memory_mb:
        return f"stopped at {used:.0f} MB of memory, limit {limits.max_memory_mb} MB (--max-memory)"
    elapsed = time.monotonic() - worker.started
    if elapsed > limits.timeout_s:
        return f"stopped after {limits.timeout_s:g} s: analysis took too long (--timeout)"
    return None


def _death_reason(code: int | None) -> str:
    if code is not None and code < 0:
        try:
            name = signal.Signals(-code).name
        except ValueError:
            name = f"signal {-code}"
        return f"the worker process was killed ({name}) while analysing this file"
    return f"the worker process exited (status {code}) while analysing this file"
