"""The corpus layer: what many articles say together that no single one does.

Copies, rewrites and syndication with their origin (copies), same-event stories (stories),
cross-document entities (resolve), independence-aware corroboration (corroborate) and the corpus
timeline (timeline). Per-article features are computed at ingest (features); CorpusAnalyzer
(analyzer) keeps the in-memory indexes and turns new articles into a CorpusDelta for the store.
"""
