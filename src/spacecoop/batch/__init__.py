"""Dask: read and analyze a corpus on a cluster while the client writes to the store."""

from spacecoop.batch.dask_runner import dask_runner

__all__ = ["dask_runner"]
