"""What the query modules share: the not-found error, SQL helpers and the claim row reader."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from sqlalchemy import Select, func, select
from sqlalchemy.engine import Connection

from newsint.corpus.queries.records import ArticleRef, ClaimReport
from newsint.corpus.store.tables import ArticleRow, ClaimRow
from newsint.errors import NewsintError


class NotInCorpus(NewsintError):
    """An id or name asked for that the corpus does not hold."""

    code = "not-found"


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


def count(conn: Connection, query: Select[Any]) -> int:
    """Rows a query returns, counted by the database."""
    return int(conn.scalar(select(func.count()).select_from(query.order_by(None).subquery())) or 0)


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
        ArticleRow.site,
        ArticleRow.published,
        ArticleRow.title,
        *extra,
    ).join(ArticleRow, ArticleRow.id == ClaimRow.article_id)


def claim_report(row: Any) -> ClaimReport:
    """A ClaimReport from a claim_query row; `grade` is the article's grade until the corpus
    grade replaces it (claims.with_grades)."""
    return ClaimReport(
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
