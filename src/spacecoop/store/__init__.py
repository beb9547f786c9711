"""The store: the only place with SQL. Schema in `schema`, ordered migrations in `migrations`,
the `Store` API in `core`."""
