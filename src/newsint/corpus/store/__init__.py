"""The corpus store: tables (the SQLAlchemy models), rows (what an analysis writes), store (the
Store: connections, transactions, writes, deltas), migrations (Alembic, run on open) and
parquet (analyses as Parquet partitions, `ingest --parquet`)."""
