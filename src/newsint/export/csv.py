"""CSV: one table per export, for spreadsheets. The claims table by default.

One stream holds one table, so the table is an option (`--table`): `claims` (one row per claim:
article, speaker, chain "article ← AP ← a leaked memo", status, grade and reasons, independent
sources, content, its lead and the statement both make), `entities` (one row per entity in each
article, with its corpus entity), `articles` and `links` (copies). Scraped text is data: a
cell that a spreadsheet would run as a formula (starting with = + - @, a tab or a carriage
return) is prefixed with an apostrophe.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterator, Mapping
from typing import Any

from newsint.export.data import ExportData, Index, outlet_name
from newsint.model import chain_text

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
LIST_SEPARATOR = "; "

CLAIM_COLUMNS = (
    "article_id",
    "title",
    "site",
    "published",
    "claim_id",
    "speaker",
    "speaker_kind",
    "chain",
    "kind",
    "status",
    "polarity",
    "factuality",
    "grade",
    "reasons",
    "cluster_id",
    "independent_sources",
    "start",
    "end",
    "content",
    # the content's first part when the frame splits it ("The ferry, | she argued, | is too
    # slow"), and the whole claim (lead … content); last, so earlier columns keep their place
    "lead",
    "lead_start",
    "lead_end",
    "statement",
)
ENTITY_COLUMNS = (
    "article_id",
    "entity_id",
    "name",
    "type",
    "aliases",
    "country",
    "mentions",
    "corpus_entity_id",
    "corpus_name",
    "corpus_articles",
)
ARTICLE_COLUMNS = (
    "article_id",
    "title",
    "site",
    "url",
    "author",
    "published",
    "published_source",
    "language",
    "story_id",
    "copy_of",
    "copy_kind",
    "entities",
    "claims",
    "events",
)
LINK_COLUMNS = (
    "link_id",
    "copy_id",
    "copy_title",
    "original_id",
    "original_title",
    "kind",
    "score",
    "confidence",
    "misattribution",
    "evidence",
)


def neutralise(value: str) -> str:
    """A cell a spreadsheet shows as text: formula-like cells get a leading apostrophe
    (OWASP's advice for CSV injection)."""
    return "'" + value if value.startswith(FORMULA_STARTS) else value


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return str(value)  # a number is no formula: "-2.7" stays a number
    if isinstance(value, (list, tuple)):
        value = LIST_SEPARATOR.join(str(v) for v in value)
    return neutralise(str(value))


def claim_rows(data: ExportData, index: Index) -> Iterator[tuple[Any, ...]]:
    for analysis in data.analyses:
        meta = analysis.article
        for claim in analysis.claims:
            cluster = index.cluster_of.get(f"{meta.id}/{claim.id}")
            grade = claim.grade
            yield (
                meta.id,
                meta.title,
                outlet_name(analysis),
                meta.published.date,
                claim.id,
                claim.source.name or claim.source.text,
                claim.source.kind,
                chain_text(claim.chain),
                claim.kind,
                claim.status,
                claim.polarity,
                claim.factuality,
                grade.code if grade else None,
                grade.reasons if grade else None,
                cluster.id if cluster else None,
                cluster.independent_sources if cluster else None,
                claim.content.start,
                claim.content.end,
                claim.content.text,
                claim.lead.text if claim.lead else None,
                claim.lead.start if claim.lead else None,
                claim.lead.end if claim.lead else None,
                claim.statement,
            )


def entity_rows(data: ExportData, index: Index) -> Iterator[tuple[Any, ...]]:
    for analysis in data.analyses:
        for entity in analysis.entities:
            ce = index.corpus_entity(analysis, entity.id)
            yield (
                analysis.article.id,
                entity.id,
                entity.name,
                entity.type,
                entity.aliases,
                entity.country,
                len(entity.mentions),
                ce.id if ce else None,
                ce.name if ce else None,
                ce.articles if ce else None,
            )


def article_rows(data: ExportData, index: Index) -> Iterator[tuple[Any, ...]]:
    for analysis in data.analyses:
        meta = analysis.article
        story = index.story_of.get(meta.id)
        links = index.links_of.get(meta.id, [])
        yield (
            meta.id,
            meta.title,
            outlet_name(analysis),
            meta.url,
            meta.author,
            meta.published.date,
            meta.published.source,
            meta.language,
            story.id if story else None,
            [link.original for link in links],
            [link.kind for link in links],
            len(analysis.entities),
            len(analysis.claims),
            len(analysis.events),
        )


def link_rows(data: ExportData, index: Index) -> Iterator[tuple[Any, ...]]:
    def title(aid: str) -> str | None:
        a = index.articles.get(aid)
        return a.article.title if a else None

    for link in data.copy_links:
        yield (
            link.id,
            link.article,
            title(link.article),
            link.original,
            title(link.original),
            link.kind,
            link.score,
            link.confidence,
            link.misattribution,
            link.evidence,
        )


Rows = Callable[[ExportData, Index], Iterator[tuple[Any, ...]]]
TABLES: dict[str, tuple[tuple[str, ...], Rows]] = {
    "claims": (CLAIM_COLUMNS, claim_rows),
    "entities": (ENTITY_COLUMNS, entity_rows),
    "articles": (ARTICLE_COLUMNS, article_rows),
    "links": (LINK_COLUMNS, link_rows),
}


def chunks(data: ExportData, options: Mapping[str, str] | None = None) -> Iterator[bytes]:
    table = (options or {}).get("table", "claims")
    if table not in TABLES:
        raise ValueError(f"unknown CSV table {table!r}; choose one of {', '.join(TABLES)}")
    columns, rows = TABLES[table]
    data = data.normalised()
    index = Index(data)
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(columns)
    for n, row in enumerate(rows(data, index), 1):
        writer.writerow([_cell(v) for v in row])
        if n % 500 == 0:
            yield buffer.getvalue().encode("utf-8")
            buffer.seek(0)
            buffer.truncate()
    yield buffer.getvalue().encode("utf-8")
