"""The corpus layer: many analysed articles in a store, and what they say together.

`store` keeps articles, analyses and corpus records (SQLite or PostgreSQL); `ingest` reads,
analyses and stores inputs; `api.Corpus` answers the queries of the CLI, the web UI and scripts.
The analyses across articles: copies, rewrites and syndication with their origin (copies),
same-event stories (stories), cross-document entities (resolve), independence-aware
corroboration (corroborate) and the corpus timeline (timeline). Per-article features are
computed at ingest (features); CorpusAnalyzer (analyzer) keeps the in-memory indexes and turns
new articles into a CorpusDelta for the store.
"""
