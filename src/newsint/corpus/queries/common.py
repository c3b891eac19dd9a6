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
from newsint.model import TextSpan, statement_of


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
        ClaimRow.lead_text,
        ClaimRow.lead_start,
        ClaimRow.lead_end,
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
    lead = (
        None
        if row.lead_text is None
        else TextSpan(text=row.lead_text, start=row.lead_start, end=row.lead_end)
    )
    report = ClaimReport(
        id=row.id,
        article=row.article_id,
        key=f"{row.article_id}/{row.id}",
        text=row.text,
        lead=lead,
        statement=statement_of(row.text, lead),
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


def matches(conn: Connection, table: Any, q: str, *, walk: bool = True) -> Any:
    """A full-text condition on `table` (claims, articles, claim_groups or corpus_entities):
    every word of `q`, the last one as a prefix. SQLite: the FTS5 table kept by triggers
    (migrations 0003, 0004), as a set of the table's own rowids; PostgreSQL: to_tsvector over
    the GIN-indexed expression.

    `walk` (SQLite): the set is only tested (`+rowid`), never used to drive the query, so a
    page walks the list's order index and stops when it is full: 8 ms for a word in a quarter
    of 167,000 claims-list rows, where fetching every match by rowid and sorting them took
    290 ms; a word found nowhere walks the whole index, 17 ms of CPU. A count wants the
    opposite (walk=False): the matches fetched by rowid, no order, cut at the cap."""
    words = _words(q)
    name = table.__tablename__
    if not words:
        return table.id.is_(None)
    if conn.dialect.name == "sqlite":
        fts = _fts_rowids(name, words)
        return literal_column(f"{'+' if walk else ''}{name}.rowid").in_(fts)
    tsquery = " & ".join([*words[:-1], f"{words[-1]}:*"])
    return func.to_tsvector("simple", literal_column(_PG_FTS[name])).op("@@")(
        func.to_tsquery("simple", tsquery)
    )


def full_text_count(conn: Connection, table: Any, q: str, cap: int) -> int:
    """Rows of `table` matching `q` (as `matches`), up to cap + 1, counted by the full-text
    index alone on SQLite (the FTS5 table's rowids: 1 ms for 10,000, where fetching the
    rows took 90 ms)."""
    words = _words(q)
    if not words:
        return 0
    if conn.dialect.name == "sqlite":
        fts = _fts_rowids(table.__tablename__, words).columns(literal_column("rowid"))
        return count(conn, select(literal_column("rowid")).select_from(fts.subquery()), cap=cap)
    return count(conn, select(table.id).where(matches(conn, table, q)), cap=cap)


def _words(q: str) -> list[str]:
    return [w for w in _WORD.findall(q.lower()) if w][:_MAX_WORDS]


def _fts_rowids(name: str, words: list[str]) -> Any:
    """The FTS5 query of `name`'s rowids holding every word, the last one as a prefix."""
    query = " ".join(f'"{w}"' for w in words[:-1]) + f' "{words[-1]}"*'
    return text(f"SELECT rowid FROM {name}_fts WHERE {name}_fts MATCH :q").bindparams(
        q=query.strip()
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
