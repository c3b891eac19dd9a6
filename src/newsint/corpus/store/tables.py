"""The corpus store's tables: SQLAlchemy 2 models, one per kind of row.

Every analysis is kept whole (the JSON of schema newsint.analysis/1) next to the rows queries
need, so nothing an analysis found is lost to the table layout. The schema is created and
upgraded by the Alembic migrations beside this module (migrations/), never by create_all.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    String,
    Text,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

# Ids are short hashes (model.stable_id: prefix + 16 hex); leave room for longer prefixes.
ID = String(64)
# A corpus key "<article id>/<inner id>".
KEY = String(160)


class Base(DeclarativeBase):
    pass


class ArticleRow(Base):
    """One article version. `analyzed` says whether the corpus analyzer has taken it in."""

    __tablename__ = "articles"

    id: Mapped[str] = mapped_column(ID, primary_key=True)
    url: Mapped[str | None] = mapped_column(Text, index=True)
    site: Mapped[str | None] = mapped_column(String(255), index=True)
    title: Mapped[str | None] = mapped_column(Text)
    author: Mapped[str | None] = mapped_column(Text)
    published: Mapped[str | None] = mapped_column(String(40), index=True)
    published_source: Mapped[str] = mapped_column(String(16))
    language: Mapped[str] = mapped_column(String(16))
    source: Mapped[str | None] = mapped_column(Text, index=True)
    format: Mapped[str | None] = mapped_column(String(32))
    content_hash: Mapped[str | None] = mapped_column(String(64), index=True)
    chars: Mapped[int] = mapped_column(Integer)
    stages: Mapped[str] = mapped_column(Text)  # pipeline stage names, comma separated
    supersedes: Mapped[str | None] = mapped_column(ID, index=True)  # earlier version's id
    current: Mapped[bool] = mapped_column(Boolean)  # False once superseded
    analyzed: Mapped[bool] = mapped_column(Boolean, index=True)
    # What full text finds the article by besides its title and site: its claims and the names
    # it mentions (rows.article_row; indexed with them, migration 0004).
    search_text: Mapped[str | None] = mapped_column(Text)


def _article_fk() -> ForeignKey:
    """Rows of an article go with it: deleting an article version deletes its rows."""
    return ForeignKey("articles.id", ondelete="CASCADE")


class AnalysisRow(Base):
    """The whole analysis JSON, byte for byte what `newsint analyze --format json` prints."""

    __tablename__ = "analyses"

    article_id: Mapped[str] = mapped_column(ID, _article_fk(), primary_key=True)
    schema: Mapped[str] = mapped_column(String(40))
    data: Mapped[str] = mapped_column(Text)


class FeatureRow(Base):
    """The corpus analyzer's compact per-article features, so a restart need not re-analyse."""

    __tablename__ = "features"

    article_id: Mapped[str] = mapped_column(ID, _article_fk(), primary_key=True)
    data: Mapped[bytes] = mapped_column(LargeBinary)


class EntityRow(Base):
    __tablename__ = "entities"

    article_id: Mapped[str] = mapped_column(ID, _article_fk(), primary_key=True)
    id: Mapped[str] = mapped_column(ID, primary_key=True, index=True)
    name: Mapped[str] = mapped_column(Text, index=True)
    type: Mapped[str] = mapped_column(String(16))
    aliases: Mapped[list[str]] = mapped_column(JSON)
    country: Mapped[str | None] = mapped_column(String(8))
    mentions: Mapped[int] = mapped_column(Integer)


class MentionRow(Base):
    __tablename__ = "mentions"
    __table_args__ = (Index("ix_mentions_article_entity", "article_id", "entity_id"),)

    article_id: Mapped[str] = mapped_column(ID, _article_fk(), primary_key=True)
    id: Mapped[str] = mapped_column(ID, primary_key=True)
    entity_id: Mapped[str | None] = mapped_column(ID)
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)
    text: Mapped[str] = mapped_column(Text)
    label: Mapped[str] = mapped_column(String(16))
    type: Mapped[str] = mapped_column(String(16))
    kind: Mapped[str] = mapped_column(String(16))


class TimeRow(Base):
    __tablename__ = "times"

    article_id: Mapped[str] = mapped_column(ID, _article_fk(), primary_key=True)
    id: Mapped[str] = mapped_column(ID, primary_key=True)
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)
    text: Mapped[str] = mapped_column(Text)
    type: Mapped[str] = mapped_column(String(16))
    value: Mapped[str | None] = mapped_column(String(64))
    granularity: Mapped[str] = mapped_column(String(16))
    range_start: Mapped[str | None] = mapped_column(String(40), index=True)
    range_end: Mapped[str | None] = mapped_column(String(40))
    resolved: Mapped[bool] = mapped_column(Boolean)


class ClaimRow(Base):
    __tablename__ = "claims"
    # claims said by an article entity (the entity facet goes from members to their claims)
    __table_args__ = (Index("ix_claims_article_source", "article_id", "source_entity"),)

    article_id: Mapped[str] = mapped_column(ID, _article_fk(), primary_key=True)
    id: Mapped[str] = mapped_column(ID, primary_key=True, index=True)
    text: Mapped[str] = mapped_column(Text)
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)
    # The content's first part, split from it by the frame ("The ferry, | she argued, | is too
    # slow"): `text` alone is half the claim. None when the content is whole (migration 0005).
    lead_text: Mapped[str | None] = mapped_column(Text)
    lead_start: Mapped[int | None] = mapped_column(Integer)
    lead_end: Mapped[int | None] = mapped_column(Integer)
    cue: Mapped[str | None] = mapped_column(Text)
    speaker: Mapped[str] = mapped_column(Text)
    source_kind: Mapped[str] = mapped_column(String(16))
    source_entity: Mapped[str | None] = mapped_column(ID, index=True)
    kind: Mapped[str] = mapped_column(String(16))
    status: Mapped[str] = mapped_column(String(16), index=True)
    polarity: Mapped[str] = mapped_column(String(16))
    confidence: Mapped[float] = mapped_column(Float)
    grade: Mapped[str | None] = mapped_column(String(4))
    chain: Mapped[list[str]] = mapped_column(JSON)  # source names, article first
    # Written at ingest (corpus/summaries.py) and kept current as the corpus changes: the
    # claims-list row the claim belongs to (its cluster's id, or its own key when no other
    # article makes it) and its corpus grade with the reasons the corpus added.
    group_id: Mapped[str | None] = mapped_column(KEY, index=True)
    corpus_grade: Mapped[str | None] = mapped_column(String(4))
    grade_reasons: Mapped[list[str] | None] = mapped_column(JSON)
    corroboration: Mapped[list[str] | None] = mapped_column(JSON)


class EventRow(Base):
    __tablename__ = "events"

    article_id: Mapped[str] = mapped_column(ID, _article_fk(), primary_key=True)
    id: Mapped[str] = mapped_column(ID, primary_key=True)
    type: Mapped[str] = mapped_column(String(32), index=True)
    mode: Mapped[str | None] = mapped_column(String(32))
    trigger: Mapped[str] = mapped_column(Text)
    actor: Mapped[str | None] = mapped_column(Text)
    actor_entity: Mapped[str | None] = mapped_column(ID, index=True)
    target: Mapped[str | None] = mapped_column(Text)
    target_entity: Mapped[str | None] = mapped_column(ID, index=True)
    time: Mapped[str | None] = mapped_column(String(64))
    place: Mapped[str | None] = mapped_column(Text)
    claim_id: Mapped[str | None] = mapped_column(ID)
    status: Mapped[str] = mapped_column(String(16))
    negated: Mapped[bool] = mapped_column(Boolean)


class CopyLinkRow(Base):
    __tablename__ = "copy_links"

    id: Mapped[str] = mapped_column(ID, primary_key=True)
    article_id: Mapped[str] = mapped_column(ID, _article_fk(), index=True)
    original_id: Mapped[str] = mapped_column(ID, _article_fk(), index=True)
    kind: Mapped[str] = mapped_column(String(16))
    score: Mapped[float] = mapped_column(Float)
    confidence: Mapped[float] = mapped_column(Float)
    record: Mapped[dict[str, Any]] = mapped_column(JSON)


class StoryRow(Base):
    __tablename__ = "stories"

    id: Mapped[str] = mapped_column(ID, primary_key=True)
    title: Mapped[str | None] = mapped_column(Text)
    size: Mapped[int] = mapped_column(Integer, index=True)
    first_published: Mapped[str | None] = mapped_column(String(40))
    last_published: Mapped[str | None] = mapped_column(String(40))
    record: Mapped[dict[str, Any]] = mapped_column(JSON)
    # Written with the story: distinct outlets (sites) and originals (articles copying nobody).
    outlets: Mapped[int | None] = mapped_column(Integer)
    originals: Mapped[int | None] = mapped_column(Integer)


class StoryArticleRow(Base):
    __tablename__ = "story_articles"

    story_id: Mapped[str] = mapped_column(
        ID, ForeignKey("stories.id", ondelete="CASCADE"), primary_key=True
    )
    article_id: Mapped[str] = mapped_column(ID, _article_fk(), primary_key=True, index=True)
    position: Mapped[int] = mapped_column(Integer)
    original: Mapped[bool] = mapped_column(Boolean)


class CorpusEntityRow(Base):
    __tablename__ = "corpus_entities"

    id: Mapped[str] = mapped_column(ID, primary_key=True)
    name: Mapped[str] = mapped_column(Text, index=True)
    type: Mapped[str] = mapped_column(String(16))
    articles: Mapped[int] = mapped_column(Integer, index=True)
    record: Mapped[dict[str, Any]] = mapped_column(JSON)


# The entities list's order (migration 0004).
Index(
    "ix_corpus_entities_list",
    CorpusEntityRow.articles.desc(),
    CorpusEntityRow.name,
    CorpusEntityRow.id,
)


class CorpusEntityMemberRow(Base):
    """An article entity inside a corpus entity (article id + the entity's id in it)."""

    __tablename__ = "corpus_entity_members"
    __table_args__ = (Index("ix_corpus_entity_members_entity", "article_id", "entity_id"),)

    corpus_entity_id: Mapped[str] = mapped_column(
        ID, ForeignKey("corpus_entities.id", ondelete="CASCADE"), primary_key=True
    )
    article_id: Mapped[str] = mapped_column(ID, primary_key=True)
    entity_id: Mapped[str] = mapped_column(ID, primary_key=True)


class ClaimClusterRow(Base):
    __tablename__ = "claim_clusters"

    id: Mapped[str] = mapped_column(ID, primary_key=True)
    representative: Mapped[str | None] = mapped_column(ID)
    independent_sources: Mapped[int] = mapped_column(Integer, index=True)
    articles: Mapped[int] = mapped_column(Integer)
    record: Mapped[dict[str, Any]] = mapped_column(JSON)


class ClaimClusterMemberRow(Base):
    """A claim inside a claim cluster (article id + the claim's id in it)."""

    __tablename__ = "claim_cluster_members"
    __table_args__ = (Index("ix_claim_cluster_members_claim", "article_id", "claim_id"),)

    cluster_id: Mapped[str] = mapped_column(
        ID, ForeignKey("claim_clusters.id", ondelete="CASCADE"), primary_key=True
    )
    article_id: Mapped[str] = mapped_column(ID, primary_key=True)
    claim_id: Mapped[str] = mapped_column(ID, primary_key=True)


class ClaimGroupRow(Base):
    """A row of the claims list, written at ingest (corpus/summaries.py): a claim cluster, or
    a claim no other article makes (id = its key). `record` is the ClaimSummary the list
    shows; the other columns are what the list filters and sorts on, in SQL."""

    __tablename__ = "claim_groups"
    __table_args__ = (
        Index("ix_claim_groups_rank", "sources", "articles", "id"),
        Index("ix_claim_groups_grade_rank", "grade", "sources", "articles", "id"),
    )

    id: Mapped[str] = mapped_column(KEY, primary_key=True)
    cluster: Mapped[bool] = mapped_column(Boolean)
    representative: Mapped[str] = mapped_column(KEY)
    article_id: Mapped[str] = mapped_column(ID, index=True)
    speaker_key: Mapped[str] = mapped_column(String(255), index=True)  # lower-cased speaker
    status: Mapped[str] = mapped_column(String(16))
    grade: Mapped[str | None] = mapped_column(String(4))
    sources: Mapped[int] = mapped_column(Integer)
    articles: Mapped[int] = mapped_column(Integer)
    claims: Mapped[int] = mapped_column(Integer)
    published: Mapped[str | None] = mapped_column(String(40), index=True)
    record: Mapped[dict[str, Any]] = mapped_column(JSON)
    # The distinct texts of the row's claims, for full text (indexed, migration 0004).
    text: Mapped[str | None] = mapped_column(Text)


class ClaimGroupStatusRow(Base):
    """A status found among the claims of a claims-list row, with the row's rank, so the
    status facet is one walk of an index in list order (written with claim_groups)."""

    __tablename__ = "claim_group_statuses"
    __table_args__ = (
        Index("ix_claim_group_statuses_rank", "status", "sources", "articles", "group_id"),
    )

    group_id: Mapped[str] = mapped_column(KEY, primary_key=True)
    status: Mapped[str] = mapped_column(String(16), primary_key=True)
    sources: Mapped[int] = mapped_column(Integer)
    articles: Mapped[int] = mapped_column(Integer)


class TimelineReportRow(Base):
    """One event report of one article, as the timeline groups it (written at ingest)."""

    __tablename__ = "timeline_reports"

    article_id: Mapped[str] = mapped_column(ID, _article_fk(), primary_key=True)
    event_id: Mapped[str] = mapped_column(ID, primary_key=True)
    group_key: Mapped[str] = mapped_column(ID, index=True)
    record: Mapped[dict[str, Any]] = mapped_column(JSON)  # the EventFeature


class TimelineEntryRow(Base):
    """One timeline entry (the reports of one event merged), per view: `happened` holds the
    events reported as having happened, the default view; the other view holds them all."""

    __tablename__ = "timeline_entries"
    __table_args__ = (
        Index("ix_timeline_entries_order", "happened", "undated", "start_key", "end_key", "id"),
    )

    group_key: Mapped[str] = mapped_column(ID, primary_key=True)
    happened: Mapped[bool] = mapped_column(Boolean, primary_key=True)
    id: Mapped[str] = mapped_column(ID)
    undated: Mapped[bool] = mapped_column(Boolean)
    start_key: Mapped[str] = mapped_column(String(64))
    end_key: Mapped[str] = mapped_column(String(64))  # sorts descending: the longer span first
    record: Mapped[dict[str, Any]] = mapped_column(JSON)  # the TimelineEntry


class TimelineRoleRow(Base):
    """A name (folded) in a role of a timeline entry: actor, target or place."""

    __tablename__ = "timeline_roles"
    __table_args__ = (Index("ix_timeline_roles_role", "role", "happened", "group_key"),)

    group_key: Mapped[str] = mapped_column(ID, primary_key=True)
    happened: Mapped[bool] = mapped_column(Boolean, primary_key=True)
    role: Mapped[str] = mapped_column(String(255), primary_key=True)


class JudgementRow(Base):
    """Entity judgements, automatic and the user's; `seq` orders them so undo is exact."""

    __tablename__ = "judgements"

    id: Mapped[str] = mapped_column(ID, primary_key=True)
    seq: Mapped[int] = mapped_column(Integer, index=True)
    a: Mapped[str] = mapped_column(ID, index=True)
    b: Mapped[str] = mapped_column(ID, index=True)
    verdict: Mapped[str] = mapped_column(String(16))
    by: Mapped[str] = mapped_column(String(8))
    active: Mapped[bool] = mapped_column(Boolean)
    record: Mapped[dict[str, Any]] = mapped_column(JSON)


class MetaRow(Base):
    """Key/value facts about the store (e.g. which features version the analyzer wrote)."""

    __tablename__ = "meta"

    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[str] = mapped_column(Text)


# Tables holding one article's rows, in the order they are written (and deleted in reverse).
ARTICLE_TABLES = (
    ArticleRow,
    AnalysisRow,
    FeatureRow,
    EntityRow,
    MentionRow,
    TimeRow,
    ClaimRow,
    EventRow,
    TimelineReportRow,
)


# Indexes in the lists' orders on expressions ("is the date missing", the date made non-null),
# made by migration 0004 and not declared here: Alembic can neither reflect nor compare them.
EXPRESSION_INDEXES = frozenset(
    {
        "ix_articles_list",
        "ix_stories_list",
        "ix_claim_groups_recent",
        "ix_claim_groups_oldest",
    }
)


def split_key(key: str) -> tuple[str, str]:
    """(article id, id inside it) from a corpus key "<article id>/<id>"; ("", key) if bare."""
    article, sep, inner = key.partition("/")
    return (article, inner) if sep else ("", key)
