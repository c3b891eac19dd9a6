"""What the query modules share: the not-found error, SQL helpers and the claim row reader."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from typing import Any

from sqlalchemy import Select, and_, func, literal_column, select, text
from sqlalchemy.engine import Connection

from newsint.corpus.queries.records import ArticleRef, ClaimReport
from newsint.corpus.store.tables import ArticleRow, ClaimClusterMemberRow, ClaimRow
from newsint.errors import NewsintError


class NotInCorpus(NewsintError):
    """An id or name asked for that the corpus does not hold."""

    code = "not-found"


class InvalidFilter(NewsintError):
    """A filter value a query cannot use (a date that is not one)."""

    code = "invalid"


ARTICLE_COLUMNS = (
    ArticleRow.id,
    ArticleRow.title,
    ArticleRow.site,
    ArticleRow.url,
    ArticleRow.published,
    ArticleRow.published_source,
)


def article_ref(row: Any) -> ArticleRef:
    """An ArticleRef from a row holding ARTICLE_COLUMNS."""
    return ArticleRef(
        id=row.id,
        title=row.title,
        site=row.site,
        url=row.url,
        published=row.published,
        published_source=row.published_source,
    )


def slices(items: Sequence[str], size: int = 500) -> Iterable[Sequence[str]]:
    """Slices small enough for any database's bound-parameter limit."""
    for i in range(0, len(items), size):
        yield items[i : i + size]


def count(conn: Connection, query: Select[Any], *, cap: int | None = None) -> int:
    """Rows a query returns, counted by the database; with `cap`, at most cap + 1 (a count
    above the cap says "more than cap" without walking every match of a common word)."""
    query = query.order_by(None)
    if cap is not None:
        query = query.limit(cap + 1)
    return int(conn.scalar(select(func.count()).select_from(query.subquery())) or 0)


def contains(column: Any, text: str) -> Any:
    """Case-insensitive substring test; % and _ in the text are literal, not wildcards."""
    escaped = text.lower().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return func.lower(column).like(f"%{escaped}%", escape="\\")


def claim_query(*extra: Any) -> Select[Any]:
    """The columns of a ClaimReport (and `extra`), claims joined to their articles."""
    return select(
        ClaimRow.article_id,
        ClaimRow.id,
        ClaimRow.text,
        ClaimRow.speaker,
        ClaimRow.source_kind,
        ClaimRow.kind,
        ClaimRow.status,
        ClaimRow.polarity,
        ClaimRow.grade,
        ClaimRow.chain,
        ClaimRow.corpus_grade,
        ClaimRow.grade_reasons,
        ClaimRow.corroboration,
        ArticleRow.site,
        ArticleRow.published,
        ArticleRow.title,
        *extra,
    ).join(ArticleRow, ArticleRow.id == ClaimRow.article_id)


def claim_report(row: Any, *, stored: bool = True) -> ClaimReport:
    """A ClaimReport from a claim_query row: `grade` the corpus grade written at ingest
    (corpus/summaries.py) beside the article's own; with `stored` False, `grade` is the
    article's grade, for the summaries to grade again."""
    report = ClaimReport(
        id=row.id,
        article=row.article_id,
        key=f"{row.article_id}/{row.id}",
        text=row.text,
        speaker=row.speaker,
        source_kind=row.source_kind,
        kind=row.kind,
        status=row.status,
        polarity=row.polarity,
        grade=row.grade,
        chain=list(row.chain or []),
        site=row.site,
        published=row.published,
        title=row.title,
    )
    if stored:
        report.article_grade = row.grade
        report.grade = row.corpus_grade
        report.grade_reasons = list(row.grade_reasons or [])
        report.corroboration = list(row.corroboration or [])
    return report


def matches(conn: Connection, table: Any, q: str) -> Any:
    """A full-text condition on `table` (claims, articles, claim_groups or corpus_entities):
    every word of `q`, the last one as a prefix. SQLite: the FTS5 table kept by triggers
    (migrations 0003, 0004), as a set of the table's own rowids, so a list walked in its order
    keeps the rows in the set; PostgreSQL: to_tsvector over the GIN-indexed expression."""
    words = [w for w in _WORD.findall(q.lower()) if w][:_MAX_WORDS]
    name = table.__tablename__
    if not words:
        return table.id.is_(None)
    if conn.dialect.name == "sqlite":
        query = " ".join(f'"{w}"' for w in words[:-1]) + f' "{words[-1]}"*'
        fts = text(f"SELECT rowid FROM {name}_fts WHERE {name}_fts MATCH :q").bindparams(
            q=query.strip()
        )
        return literal_column(f"{name}.rowid").in_(fts)
    tsquery = " & ".join([*words[:-1], f"{words[-1]}:*"])
    return func.to_tsvector("simple", literal_column(_PG_FTS[name])).op("@@")(
        func.to_tsquery("simple", tsquery)
    )


# A word for full-text search: letters and digits (quotes and operators are not syntax).
_WORD = re.compile(r"\w+", re.UNICODE)
# Words of a query used at most (a long paste is not a search).
_MAX_WORDS = 12
# The indexed expressions of migrations 0003 and 0004, which a PostgreSQL query must repeat
# exactly.
_PG_FTS = {
    "claims": "claims.text",
    "articles": "coalesce(articles.title, '') || ' ' || coalesce(articles.site, '') || ' ' || "
    "coalesce(articles.search_text, '')",
    "claim_groups": "coalesce(claim_groups.text, '')",
    "corpus_entities": "corpus_entities.name",
}


def claims_of(
    conn: Connection, clusters: Sequence[str], *, stored: bool = True
) -> dict[str, list[ClaimReport]]:
    """The member claims of these clusters, by cluster id (`stored`: as claim_report)."""
    out: dict[str, list[ClaimReport]] = {}
    if not clusters:
        return out
    query = (
        claim_query(ClaimClusterMemberRow.cluster_id)
        .join(
            ClaimClusterMemberRow,
            and_(
                ClaimClusterMemberRow.article_id == ClaimRow.article_id,
                ClaimClusterMemberRow.claim_id == ClaimRow.id,
            ),
        )
        .where(ClaimClusterMemberRow.cluster_id.in_(clusters))
    )
    for row in conn.execute(query):
        out.setdefault(row.cluster_id, []).append(claim_report(row, stored=stored))
    return out
