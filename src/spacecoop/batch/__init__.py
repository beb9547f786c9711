"""Running read+analyze over many files: supervised local worker processes, or a Dask cluster."""

from spacecoop.batch.dask_runner import dask_runner
from spacecoop.batch.pool import WorkLimits, process_runner

__all__ = ["WorkLimits", "dask_runner", "process_runner"]
