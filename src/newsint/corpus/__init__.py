"""The corpus: many analysed articles in a store, and what is found across them.

`store` keeps articles and analyses (SQLite or PostgreSQL); `ingest` reads, analyses and stores
inputs; `api.Corpus` answers the queries the CLI, the web UI and scripts ask.
"""
