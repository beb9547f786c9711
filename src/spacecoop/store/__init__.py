"""The store: the only place with SQL. Schema in `schema`, ordered migrations in `migrations`,
the `Store` API in `core`."""

from spacecoop.store.core import Store

__all__ = ["Store"]
