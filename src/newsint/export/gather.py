"""Where export data comes from: a corpus store, or analysis files written by newsint.

Both return ExportData; the exporters never see where it came from.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path
from typing import IO

from newsint.config import Grade as GradeConfig
from newsint.config import default_config
from newsint.corpus.api import Corpus
from newsint.corpus.grading import Report, corpus_grade, corroboration
from newsint.corpus.queries.articles import corpus_records
from newsint.corpus.store.store import Store
from newsint.errors import NewsintError
from newsint.export import jsonl
from newsint.export.data import ExportData, Index, StoryNotFound


def from_corpus(corpus: Corpus, story: str | None = None) -> ExportData:
    """Everything in a corpus (or one story of it) as records."""
    return from_store(corpus.store, story, corpus.config.grade)


def from_store(
    store: Store, story: str | None = None, grade_config: GradeConfig | None = None
) -> ExportData:
    """The current articles of a corpus and its corpus records (or one story of it). Claims
    carry their corpus grade (see `corpus_grades`)."""
    records = corpus_records(store)
    ids: Iterable[str] = records.articles
    if story is not None:
        chosen = next((s for s in records.stories if s.id == story), None)
        if chosen is None:
            raise StoryNotFound(
                f"--story {story}",
                f"no story with this id in {store.shown}",
                "list story ids with `newsint stories`",
            )
        ids = chosen.articles
    data = ExportData(
        copy_links=records.copy_links,
        stories=records.stories,
        claim_clusters=records.claim_clusters,
        corpus_entities=records.corpus_entities,
    )
    data.analyses = list(store.analyses(ids))
    data.judgements = records.judgements
    corpus_grades(data, grade_config or default_config().grade)
    return data.select_story(story) if story else data


def corpus_grades(data: ExportData, cfg: GradeConfig) -> None:
    """Give every claim its corpus grade in place of the grade of its article alone: graded
    again with its cluster's corroboration (newsint.corpus.grading), as `newsint claims` and
    the web UI show it. Every exporter then writes the corpus grade with its reasons."""
    index = Index(data)
    for analysis in data.analyses:
        aid = analysis.article.id
        for claim in analysis.claims:
            key = f"{aid}/{claim.id}"
            cluster = index.cluster_of.get(key)
            reports: dict[str, Report] = {}
            if cluster is not None:
                for k in index.claim_keys(cluster):
                    ref = index.claims[k]
                    reports[k] = Report(
                        key=k,
                        status=ref.claim.status,
                        polarity=ref.claim.polarity,
                        speaker=ref.claim.source.name or ref.claim.source.text,
                        site=ref.analysis.article.site,
                    )
            graded = corpus_grade(claim, corroboration(key, cluster, reports), cfg)
            if graded is not None:
                claim.grade = graded


def from_files(paths: Iterable[str], stdin: IO[str] | None = None) -> ExportData:
    """Analyses as `newsint analyze --format json` prints them (one object or an array), JSON
    lines of analyses, or a `newsint export --format jsonl` file; "-" reads standard input."""
    data = ExportData()
    for path in paths:
        where = "<stdin>" if path == "-" else path
        try:
            if path == "-":
                if stdin is None:
                    raise OSError("no standard input")
                text = stdin.read()
            else:
                text = Path(path).read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise NewsintError(
                where,
                f"cannot read it ({exc.strerror or exc})"
                if isinstance(exc, OSError)
                else "not UTF-8 text",
                "give a file written by `newsint analyze --format json` or `newsint export`",
            ) from None
        try:
            _add_text(data, text, where)
        except jsonl.RecordError as exc:
            raise NewsintError(
                exc.where,
                exc.problem,
                "give a file written by `newsint analyze --format json` or `newsint export "
                "--format jsonl`",
            ) from None
    return data


def _add_text(data: ExportData, text: str, where: str) -> None:
    stripped = text.lstrip()
    if not stripped:
        raise jsonl.RecordError(where, "the file is empty")
    try:
        whole = json.loads(text)
    except json.JSONDecodeError:
        whole = None  # several JSON values: JSON lines
    if whole is None:
        extra = jsonl.read(text.splitlines(), where)
        for name in vars(data):
            getattr(data, name).extend(getattr(extra, name))
    elif isinstance(whole, list):
        for n, obj in enumerate(whole, 1):
            jsonl.add(data, obj, f"{where}[{n}]")
    else:
        jsonl.add(data, whole, where)
