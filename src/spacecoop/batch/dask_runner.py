"""A runner for `ingest_paths` that reads and analyzes files on a Dask cluster.

The workers do the slow part (reading, spaCy); the client receives each AnalyzedDocument as it
finishes and writes it to the store in its own transaction, so idempotence, interruption and
failure reporting are the same as in a single process. The workers need to see the same paths
(a shared file system) when the scheduler is on another machine.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from spacecoop import models
from spacecoop.errors import SpacecoopError
from spacecoop.ingest import FATAL_ERRORS, Outcome, Runner, Task

# How long to wait for a remote scheduler before saying it cannot be reached.
CONNECT_TIMEOUT_S = 20


@contextmanager
def dask_runner(
    *, workers: int | None = None, scheduler: str | None = None, connect_timeout: float = CONNECT_TIMEOUT_S
) -> Iterator[Runner]:
    """A runner on a local cluster of `workers` processes, or on the scheduler at `scheduler`
    (tcp://host:port). The cluster is shut down (a local one) or left (a remote one) on exit."""
    if (workers is None) == (scheduler is None):
        raise ValueError("give exactly one of workers and scheduler")
    from distributed import Client, LocalCluster

    cluster = None
    try:
        if scheduler is not None:
            client = Client(scheduler, timeout=connect_timeout)
        else:
            # One thread per worker process: spaCy is CPU-bound and holds the GIL.
            cluster = LocalCluster(
                n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None
            )
            client = Client(cluster)
    except (OSError, TimeoutError) as error:
        if cluster is not None:
            cluster.close()
        raise SpacecoopError(f"{scheduler or 'local cluster'}: cannot start Dask ({error})") from error
    try:
        yield lambda paths, task: _run(client, paths, task)
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


def _run(client, paths: list[str], task: Task) -> Iterator[tuple[str, Outcome]]:
    from distributed import as_completed

    if not paths:
        return
    futures = client.map(task, paths, pure=False)
    path_of = dict(zip((f.key for f in futures), paths, strict=True))
    try:
        for future in as_completed(futures):
            path = path_of[future.key]
            try:
                outcome = future.result()
            except FATAL_ERRORS:
                raise
            except Exception as error:  # a worker died on this file (KilledWorker, out of memory)
                outcome = models.IngestFailure(path, f"{type(error).__name__}: {error}")
            future.release()
            yield path, outcome
    finally:
        client.cancel(futures)
