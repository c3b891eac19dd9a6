"""Ingest: walk inputs, read articles, analyse the new ones, store them, update the corpus.

Incremental and idempotent: an article's id hashes its URL and raw text, so an article already
stored is recognised before any analysis and counted "unchanged". A different text at a URL (or,
without a URL, from the same input) already stored is a new version: stored beside the old one,
which is marked superseded, and counted "updated".

Crash safety: each article is written in its own transaction, and each analyzer delta in one
more, together with the flag saying which articles it covers. Articles stored but not yet given
to the analyzer (a kill between the two) are given to it first on the next run.
"""

from __future__ import annotations

import gzip
import os
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from newsint.config import Config, default_config
from newsint.corpus.bands import candidate_pairs
from newsint.corpus.store.lock import WriterLock
from newsint.corpus.store.store import Store
from newsint.engines.local import Analysed, LocalEngine
from newsint.errors import InputError, NotFound
from newsint.model import Analysis, Published
from newsint.readers import Item, Link, read_bytes, read_path, read_stdin, wanted
from newsint.readers.objectstore import expand_uri, is_store_uri, read_uri
from newsint.readers.url import Fetched, Fetcher, is_url
from newsint.stages.base import SKIPPED_NOTE
from newsint.stages.features.bands import band_keys
from newsint.stages.features.record import ArticleFeatures, decode

# Articles looked up in the store at once (already stored? an earlier version?).
LOOKUP_BATCH = 64

# Content types of fetched resources and the reader suffix they go to.
TYPE_SUFFIX = {
    "text/html": ".html",
    "application/xhtml+xml": ".html",
    "text/plain": ".txt",
    "application/rss+xml": ".rss",
    "application/atom+xml": ".rss",
    "application/rdf+xml": ".rss",
    "application/feed+json": ".rss",
    "application/xml": ".rss",
    "text/xml": ".rss",
}


@dataclass
class Failure:
    where: str
    code: str
    message: str


@dataclass
class Summary:
    """What an ingest did, for the closing table and the exit code."""

    added: int = 0
    updated: int = 0
    unchanged: int = 0
    skipped: list[Failure] = field(default_factory=list)
    failed: list[Failure] = field(default_factory=list)
    # stored, but with something to check (an encoding that was a guess)
    warnings: list[Failure] = field(default_factory=list)
    parquet: list[str] = field(default_factory=list)  # Parquet files written (--parquet)
    # records of web archives that are not articles, by kind (readers.warc.SKIP_KINDS)
    not_articles: Counter[str] = field(default_factory=Counter)
    # articles stored without the English-only stages (their language is not one they read)
    english_only_skipped: int = 0

    @property
    def stored(self) -> int:
        return self.added + self.updated

    def reasons(self) -> list[tuple[str, int, str]]:
        """(error code, count, an example line) per kind of failure, most frequent first."""
        counts = Counter(f.code for f in self.failed)
        first: dict[str, str] = {}
        for f in self.failed:
            first.setdefault(f.code, f"{f.where}: {f.message}")
        ranked = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
        return [(code, n, first[code]) for code, n in ranked]

    def to_dict(self) -> dict[str, Any]:
        return {
            "added": self.added,
            "updated": self.updated,
            "unchanged": self.unchanged,
            "skipped": [f.__dict__ for f in self.skipped],
            "failed": [f.__dict__ for f in self.failed],
            "warnings": [f.__dict__ for f in self.warnings],
            "parquet": list(self.parquet),
            "not_articles": dict(sorted(self.not_articles.items())),
            "english_only_skipped": self.english_only_skipped,
        }


class Progress:
    """What the ingest reports while it runs; the CLI draws a bar from it, tests count it."""

    def total(self, n: int) -> None:
        """More articles are expected (estimates grow as feeds and archives are opened)."""

    def done(self, outcome: str) -> None:
        """One article settled: added, updated, unchanged, skipped or failed."""

    def phase(self, text: str) -> None:
        """What the ingest is busy with besides articles (loading the corpus, analysing it)."""


# --------------------------------------------------------------------------- inputs


def expand(inputs: Iterable[str], config: Config) -> Iterator[str | InputError]:
    """Files, URLs and "-" from what the user gave: folders are walked recursively, in order."""
    settings = config.ingest
    for given in inputs:
        if given == "-" or is_url(given):
            yield given
            continue
        if is_store_uri(given, config):
            yield from expand_uri(given, config)
            continue
        path = Path(given).expanduser()
        if path.is_dir():
            found = False
            for root, dirs, files in os.walk(path):
                if settings.skip_hidden:
                    dirs[:] = [d for d in dirs if not d.startswith(".")]
                dirs.sort()
                for name in sorted(files):
                    if settings.skip_hidden and name.startswith("."):
                        continue
                    if wanted(name, settings.suffixes):
                        found = True
                        yield str(Path(root, name).resolve())
            if not found:
                yield NotFound(
                    str(path),
                    "no article files in this folder",
                    f"newsint reads {', '.join(settings.suffixes)} (and .gz)",
                )
        elif path.exists():
            yield str(path.resolve())
        else:
            yield NotFound(given, "no such file, folder or http(s) URL", "check the path")


def estimate(source: str) -> int:
    """A cheap guess of how many articles an input holds, for the progress bar's total."""
    if source == "-" or is_url(source):
        return 1
    lowered = source.lower()
    if not lowered.removesuffix(".gz").endswith((".jsonl", ".ndjson")):
        return 1
    opener = gzip.open if lowered.endswith(".gz") else open
    try:
        with opener(source, "rb") as fh:
            return max(1, sum(1 for line in fh if line.strip()))
    except (OSError, EOFError):
        return 1


# --------------------------------------------------------------------------- the ingest


class Ingest:
    """One ingest run into a store. Use `run(inputs)`; it returns a Summary."""

    def __init__(
        self,
        store: Store,
        config: Config | None = None,
        *,
        jobs: int = 1,
        fetch: bool = True,
        allow_private: bool | None = None,
        progress: Progress | None = None,
        fetcher: Fetcher | None = None,
        engine: Any = None,
        engine_kind: str = "local",
        ray_address: str | None = None,
        parquet: str | None = None,
        wait: bool = True,
        wait_seconds: float | None = None,
    ) -> None:
        self.store = store
        self.wait = wait  # for another ingest's writer lock; False: refuse (Busy) at once
        self.wait_seconds = wait_seconds  # at most this long (None: as long as it takes)
        self.config = config or default_config()
        self.jobs = jobs
        self.fetch = fetch
        self.allow_private = allow_private
        self.progress = progress or Progress()
        self._fetcher = fetcher
        self._engine = engine  # a caller's engine outlives the run (spaCy stays loaded)
        self._engine_kind = engine_kind  # "local" (process pool) or "ray" (Ray Data)
        self._ray_address = ray_address
        self._parquet = parquet  # also write added analyses as Parquet partitions here
        self._sink: Any = None
        self._active: Any = None  # the engine of the run in progress
        self.summary = Summary()
        self._seen: set[str] = set()
        self._versions: dict[str, str] = {}  # new article id -> id of the version it replaces
        self._analyzer: Any = None
        # articles waiting for the corpus analyzer: (id, features, band keys or [] if unknown)
        self._batch: list[tuple[str, ArticleFeatures, list[bytes]]] = []

    # ---- fetching

    @property
    def fetcher(self) -> Fetcher:
        if self._fetcher is None:
            self._fetcher = Fetcher(self.config.fetch, allow_private=self.allow_private)
        return self._fetcher

    def _read_url(self, url: str) -> Iterator[Item]:
        try:
            fetched: Fetched = self.fetcher.fetch(url)
        except InputError as err:
            yield err
            return
        suffix = TYPE_SUFFIX.get(fetched.content_type)
        yield from read_bytes(
            fetched.body,
            url,
            suffix,
            self.config,
            url=fetched.url,
            charset=fetched.charset,
            skipped=self.summary.not_articles,
        )

    def _follow(self, link: Link, depth: int) -> Iterator[Analysis | InputError | Failure]:
        """Fetch a link a feed or OPML list gave; a feed's own links are followed once more.
        A local OPML list's feed files are read from disk (no fetching needed)."""
        if link.local:
            found: Iterable[Item] = read_path(link.url, self.config, self.summary.not_articles)
        elif not self.fetch:
            yield Failure(link.where, "not-fetched", f"{link.url} (run without --no-fetch)")
            return
        else:
            found = self._read_url(link.url)
        for item in found:
            if isinstance(item, Link):
                if depth < 2:
                    yield from self._follow(item, depth + 1)
                else:
                    yield Failure(item.where, "too-deep", f"{item.url} (links nested too deep)")
                continue
            if isinstance(item, Analysis):
                from_feed(item, link)
            yield item

    def _items(self, sources: Iterable[str]) -> Iterator[Analysis | InputError | Failure]:
        for source in sources:
            before = 1
            if source == "-":
                items: Iterable[Item] = read_stdin(self.config)
            elif is_url(source):
                items = self._read_url(source)
            elif is_store_uri(source, self.config):
                items = read_uri(source, self.config, self.summary.not_articles)
            else:
                before = estimate(source)
                items = read_path(source, self.config, self.summary.not_articles)
            # The total counts what settles (articles, failures, skips), links followed included:
            # a feed list's feeds' articles too.
            count = 0
            for item in items:
                settled = self._follow(item, 1) if isinstance(item, Link) else (item,)
                for result in settled:
                    count += 1
                    if count > before:
                        self.progress.total(1)
                    yield result
            if count < before:
                self.progress.total(count - before)

    def _new(self, items: Iterable[Analysis | InputError | Failure]) -> Iterator[Analysis]:
        """Articles to analyse; the rest are settled (unchanged, failed, skipped) on the way.

        Articles are looked up in the store a screenful at a time: one query per article would
        cost more than storing it.
        """
        batch: list[Analysis] = []
        for item in items:
            if isinstance(item, InputError):
                self._fail(item.where, item.code, f"{item.problem} — {item.fix}")
            elif isinstance(item, Failure):
                self.summary.skipped.append(item)
                self.progress.done("skipped")
            else:
                batch.append(item)
                if len(batch) >= LOOKUP_BATCH:
                    yield from self._screen(batch)
                    batch = []
        yield from self._screen(batch)

    def _screen(self, batch: list[Analysis]) -> Iterator[Analysis]:
        if not batch:
            return
        stored = self.store.known(a.article.id for a in batch)
        # Without a URL, only a whole file identifies an article: a line of a dump or an
        # entry of a feed may hold another article next time.
        whole = {
            a.article.source
            for a in batch
            if not a.article.url and a.article.source and os.path.isfile(a.article.source)
        }
        by_url, by_source = self.store.current_versions(
            urls=[a.article.url for a in batch if a.article.url], sources=whole
        )
        for item in batch:
            aid = item.article.id
            if aid in self._seen or aid in stored:
                self._seen.add(aid)
                self.summary.unchanged += 1
                self.progress.done("unchanged")
                continue
            self._seen.add(aid)
            url, source = item.article.url, item.article.source
            old = by_url.get(url) if url else (by_source.get(source) if source in whole else None)
            if old and old != aid:
                self._versions[aid] = old
            if url:  # a later text at the same place in this run replaces this one
                by_url[url] = aid
            elif source in whole:
                by_source[source] = aid
            yield item

    def _fail(self, where: str, code: str, message: str) -> None:
        self.summary.failed.append(Failure(where, code, message))
        self.progress.done("failed")

    # ---- the corpus analyzer

    def _ensure_analyzer(self) -> Any:
        if self._analyzer is None:
            self.progress.phase("loading the corpus")
            self._analyzer = load_analyzer(self.store, self.config)
            self._batch = [(aid, f, []) for aid, f in self._pending()]
            self._flush(force=True)
        return self._analyzer

    def _pending(self) -> Iterator[tuple[str, ArticleFeatures]]:
        """Articles stored but not yet analysed by the corpus analyzer (a previous crash)."""
        for aid, data in self.store.features(analyzed=False):
            yield aid, decode(data)

    def _flush(self, force: bool = False) -> None:
        size = getattr(self._active, "analyzer_batch", None) or self.config.ingest.analyzer_batch
        if not self._batch or (not force and len(self._batch) < size):
            return
        batch, self._batch = self._batch, []
        self.progress.phase(f"finding copies and stories ({len(batch)} articles)")
        features = [f for _, f, _ in batch]
        # An engine that groups LSH band keys itself (Ray) gives the new-vs-new candidates;
        # otherwise the analyzer groups them. The same pairs either way (bands.py). Articles the
        # engine did not analyse (taken up after a crash) get their keys computed here.
        grouping = getattr(self._active, "candidate_pairs", None)
        pairs = None
        if grouping is not None:
            rows = [(aid, keys or band_keys(f, self.config.corpus)) for aid, f, keys in batch]
            pairs = grouping(rows, candidate_pairs)
        delta = self._analyzer.add(features, batch_pairs=pairs)
        self.store.apply_delta(delta, analyzed=[aid for aid, _, _ in batch])
        self.progress.phase("ingesting")

    # ---- run

    def _store(self, result: Analysed) -> None:
        analysis = result.analysis
        aid = analysis.article.id
        supersedes = self._versions.pop(aid, None)
        self.store.add_article(
            analysis, result.features, stages=result.stages or ("imported",), supersedes=supersedes
        )
        if supersedes:
            self.summary.updated += 1
            self.progress.done("updated")
        else:
            self.summary.added += 1
            self.progress.done("added")
        if analysis.article.found.get(SKIPPED_NOTE):
            self.summary.english_only_skipped += 1
        warning = analysis.article.found.get("warning")
        if warning:
            where = analysis.article.source or aid
            self.summary.warnings.append(Failure(where, "encoding", warning))
        if self._sink is not None:
            self._sink.add(analysis)
        self._batch.append((aid, decode(result.features), result.band_keys))
        self._flush()

    def run(self, inputs: Iterable[str]) -> Summary:
        sources: list[str] = []
        for item in expand(inputs, self.config):
            if isinstance(item, InputError):
                self._fail(item.where, item.code, f"{item.problem} — {item.fix}")
            else:
                sources.append(item)
        self.progress.total(sum(estimate(s) for s in sources) + len(self.summary.failed))
        return self._run(self._items(sources))

    def run_items(self, items: Iterable[Analysis | InputError]) -> Summary:
        """Store articles already read (by a caller with its own reader, e.g. the web API)."""
        items = list(items)
        self.progress.total(len(items))
        return self._run(items)

    def _make_engine(self) -> Any:
        if self._engine_kind == "ray":
            from newsint.engines.ray_engine import RayEngine

            return RayEngine(
                self.config, address=self._ray_address, actors=self.jobs if self.jobs > 1 else None
            )
        if self._engine_kind != "local":
            raise ValueError(f"unknown engine {self._engine_kind!r} (local or ray)")
        return LocalEngine(self.config, jobs=self.jobs)

    def _run(self, items: Iterable[Analysis | InputError | Failure]) -> Summary:
        """Under the corpus's writer lock: two ingests at once would interleave their
        analyzer deltas and lose entity memberships."""
        lock = WriterLock(
            self.store,
            wait=self.wait,
            poll=self.config.store.writer_lock_poll_seconds,
            waiting=self.progress.phase,
            timeout=self.wait_seconds,
        )
        with lock:
            return self._run_locked(items)

    def _run_locked(self, items: Iterable[Analysis | InputError | Failure]) -> Summary:
        if self._parquet:
            from newsint.corpus.store.parquet import ParquetSink

            self._sink = ParquetSink(self._parquet, self.config.ingest.parquet_rows)
        engine = self._engine or self._make_engine()
        self._active = engine
        self._ensure_analyzer()
        self.progress.phase("ingesting")
        try:
            for result in engine.run(self._new(items)):
                try:
                    if isinstance(result, InputError):
                        raise result
                    self._store(result)
                except InputError as err:  # from the workers, or an analysis the store refused
                    self._fail(err.where, err.code, f"{err.problem} — {err.fix}")
            self._flush(force=True)
            if self._sink is not None:
                self._sink.close()
                self.summary.parquet = list(self._sink.written)
        finally:
            self._active = None
            if self._engine is None:
                engine.close()
            if self._fetcher is not None:
                self._fetcher.close()
        return self.summary


def from_feed(item: Analysis, link: Link) -> None:
    """What the feed said of a page it linked to, where the page itself says nothing: the
    publication date and the outlet."""
    meta = item.article
    if link.published and meta.published.date is None:
        meta.published = Published(
            date=link.published,
            source="metadata",
            evidence=f"feed entry date (the page gives none): {link.published}",
        )
    if link.site and not {"site", "sitename"} & meta.found.keys():
        meta.site = link.site


def load_analyzer(store: Store, config: Config) -> Any:
    """The corpus analyzer rebuilt from stored features and judgements (no NLP re-run)."""
    from newsint.corpus.analyzer import CorpusAnalyzer
    from newsint.corpus.upgrade import upgrade_features

    analyzer = CorpusAnalyzer(config)
    if upgrade_features(store, config):
        # features of an older version were re-extracted and their records dropped: derive
        # them all again from the new features and store them
        stored = [(aid, decode(data)) for aid, data in store.features()]
        store.apply_delta(analyzer.add([f for _, f in stored]), analyzed=[a for a, _ in stored])
    else:
        analyzer.load(decode(data) for _, data in store.features(analyzed=True))
    # User judgements replayed: the records they change are stored already; applying the
    # delta again costs little and repairs a store that missed one.
    store.apply_delta(analyzer.load_judgements(store.judgements()))
    return analyzer


__all__ = ["Failure", "Ingest", "Progress", "Summary", "expand", "load_analyzer"]
