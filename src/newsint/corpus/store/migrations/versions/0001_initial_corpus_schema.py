"""initial corpus schema

Revision ID: 0001
Revises:
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0001"
down_revision: str | Sequence[str] | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:

    op.create_table(
        "articles",
        sa.Column("id", sa.String(length=64), nullable=False),
        sa.Column("url", sa.Text(), nullable=True),
        sa.Column("site", sa.String(length=255), nullable=True),
        sa.Column("title", sa.Text(), nullable=True),
        sa.Column("author", sa.Text(), nullable=True),
        sa.Column("published", sa.String(length=40), nullable=True),
        sa.Column("published_source", sa.String(length=16), nullable=False),
        sa.Column("language", sa.String(length=16), nullable=False),
        sa.Column("source", sa.Text(), nullable=True),
        sa.Column("format", sa.String(length=32), nullable=True),
        sa.Column("content_hash", sa.String(length=64), nullable=True),
        sa.Column("chars", sa.Integer(), nullable=False),
        sa.Column("stages", sa.Text(), nullable=False),
        sa.Column("supersedes", sa.String(length=64), nullable=True),
        sa.Column("current", sa.Boolean(), nullable=False),
        sa.Column("analyzed", sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("articles", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_articles_analyzed"), ["analyzed"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_articles_content_hash"), ["content_hash"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_articles_published"), ["published"], unique=False)
        batch_op.create_index(batch_op.f("ix_articles_site"), ["site"], unique=False)
        batch_op.create_index(batch_op.f("ix_articles_source"), ["source"], unique=False)
        batch_op.create_index(batch_op.f("ix_articles_supersedes"), ["supersedes"], unique=False)
        batch_op.create_index(batch_op.f("ix_articles_url"), ["url"], unique=False)

    op.create_table(
        "claim_clusters",
        sa.Column("id", sa.String(length=64), nullable=False),
        sa.Column("representative", sa.String(length=64), nullable=True),
        sa.Column("independent_sources", sa.Integer(), nullable=False),
        sa.Column("articles", sa.Integer(), nullable=False),
        sa.Column("record", sa.JSON(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("claim_clusters", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_claim_clusters_independent_sources"),
            ["independent_sources"],
            unique=False,
        )

    op.create_table(
        "corpus_entities",
        sa.Column("id", sa.String(length=64), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("type", sa.String(length=16), nullable=False),
        sa.Column("articles", sa.Integer(), nullable=False),
        sa.Column("record", sa.JSON(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("corpus_entities", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_corpus_entities_articles"), ["articles"], unique=False)
        batch_op.create_index(batch_op.f("ix_corpus_entities_name"), ["name"], unique=False)

    op.create_table(
        "judgements",
        sa.Column("id", sa.String(length=64), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("a", sa.String(length=64), nullable=False),
        sa.Column("b", sa.String(length=64), nullable=False),
        sa.Column("verdict", sa.String(length=16), nullable=False),
        sa.Column("by", sa.String(length=8), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("record", sa.JSON(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("judgements", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_judgements_a"), ["a"], unique=False)
        batch_op.create_index(batch_op.f("ix_judgements_b"), ["b"], unique=False)
        batch_op.create_index(batch_op.f("ix_judgements_seq"), ["seq"], unique=False)

    op.create_table(
        "meta",
        sa.Column("key", sa.String(length=64), nullable=False),
        sa.Column("value", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("key"),
    )
    op.create_table(
        "stories",
        sa.Column("id", sa.String(length=64), nullable=False),
        sa.Column("title", sa.Text(), nullable=True),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.Column("first_published", sa.String(length=40), nullable=True),
        sa.Column("last_published", sa.String(length=40), nullable=True),
        sa.Column("record", sa.JSON(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("stories", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_stories_size"), ["size"], unique=False)

    op.create_table(
        "analyses",
        sa.Column("article_id", sa.String(length=64), nullable=False),
        sa.Column("schema", sa.String(length=40), nullable=False),
        sa.Column("data", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(["article_id"], ["articles.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("article_id"),
    )
    op.create_table(
        "claim_cluster_members",
        sa.Column("cluster_id", sa.String(length=64), nullable=False),
        sa.Column("article_id", sa.String(length=64), nullable=False),
        sa.Column("claim_id", sa.String(length=64), nullable=False),
        sa.ForeignKeyConstraint(["cluster_id"], ["claim_clusters.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("cluster_id", "article_id", "claim_id"),
    )
    with op.batch_alter_table("claim_cluster_members", schema=None) as batch_op:
        batch_op.create_index(
            "ix_claim_cluster_members_claim", ["article_id", "claim_id"], unique=False
        )

    op.create_table(
        "claims",
        sa.Column("article_id", sa.String(length=64), nullable=False),
        sa.Column("id", sa.String(length=64), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("start", sa.Integer(), nullable=False),
        sa.Column("end", sa.Integer(), nullable=False),
        sa.Column("cue", sa.Text(), nullable=True),
        sa.Column("speaker", sa.Text(), nullable=False),
        sa.Column("source_kind", sa.String(length=16), nullable=False),
        sa.Column("source_entity", sa.String(length=64), nullable=True),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("polarity", sa.String(length=16), nullable=False),
        sa.Column("confidence", sa.Float(), nullable=False),
        sa.Column("grade", sa.String(length=4), nullable=True),
        sa.Column("chain", sa.JSON(), nullable=False),
        sa.ForeignKeyConstraint(["article_id"], ["articles.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("article_id", "id"),
    )
    with op.batch_alter_table("claims", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_claims_id"), ["id"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_claims_source_entity"), ["source_entity"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_claims_status"), ["status"], unique=False)

    op.create_table(
        "copy_links",
        sa.Column("id", sa.String(length=64), nullable=False),
        sa.Column("article_id", sa.String(length=64), nullable=False),
        sa.Column("original_id", sa.String(length=64), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("score", sa.Float(), nullable=False),
        sa.Column("confidence", sa.Float(), nullable=False),
        sa.Column("record", sa.JSON(), nullable=False),
        sa.ForeignKeyConstraint(["article_id"], ["articles.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["original_id"], ["articles.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("copy_links", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_copy_links_article_id"), ["article_id"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_copy_links_original_id"), ["original_id"], unique=False
        )

    op.create_table(
        "corpus_entity_members",
        sa.Column("corpus_entity_id", sa.String(length=64), nullable=False),
        sa.Column("article_id", sa.String(length=64), nullable=False),
        sa.Column("entity_id", sa.String(length=64), nullable=False),
        sa.ForeignKeyConstraint(["corpus_entity_id"], ["corpus_entities.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("corpus_entity_id", "article_id", "entity_id"),
    )
    with op.batch_alter_table("corpus_entity_members", schema=None) as batch_op:
        batch_op.create_index(
            "ix_corpus_entity_members_entity", ["article_id", "entity_id"], unique=False
        )

    op.create_table(
        "entities",
        sa.Column("article_id", sa.String(length=64), nullable=False),
        sa.Column("id", sa.String(length=64), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("type", sa.String(length=16), nullable=False),
        sa.Column("aliases", sa.JSON(), nullable=False),
        sa.Column("country", sa.String(length=8), nullable=True),
        sa.Column("mentions", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["article_id"], ["articles.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("article_id", "id"),
    )
    with op.batch_alter_table("entities", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_entities_id"), ["id"], unique=False)
        batch_op.create_index(batch_op.f("ix_entities_name"), ["name"], unique=False)

    op.create_table(
        "events",
        sa.Column("article_id", sa.String(length=64), nullable=False),
        sa.Column("id", sa.String(length=64), nullable=False),
        sa.Column("type", sa.String(length=32), nullable=False),
        sa.Column("mode", sa.String(length=32), nullable=True),
        sa.Column("trigger", sa.Text(), nullable=False),
        sa.Column("actor", sa.Text(), nullable=True),
        sa.Column("actor_entity", sa.String(length=64), nullable=True),
        sa.Column("target", sa.Text(), nullable=True),
        sa.Column("target_entity", sa.String(length=64), nullable=True),
        sa.Column("time", sa.String(length=64), nullable=True),
        sa.Column("place", sa.Text(), nullable=True),
        sa.Column("claim_id", sa.String(length=64), nullable=True),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("negated", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(["article_id"], ["articles.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("article_id", "id"),
    )
    with op.batch_alter_table("events", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_events_actor_entity"), ["actor_entity"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_events_target_entity"), ["target_entity"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_events_type"), ["type"], unique=False)

    op.create_table(
        "features",
        sa.Column("article_id", sa.String(length=64), nullable=False),
        sa.Column("data", sa.LargeBinary(), nullable=False),
        sa.ForeignKeyConstraint(["article_id"], ["articles.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("article_id"),
    )
    op.create_table(
        "mentions",
        sa.Column("article_id", sa.String(length=64), nullable=False),
        sa.Column("id", sa.String(length=64), nullable=False),
        sa.Column("entity_id", sa.String(length=64), nullable=True),
        sa.Column("start", sa.Integer(), nullable=False),
        sa.Column("end", sa.Integer(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("label", sa.String(length=16), nullable=False),
        sa.Column("type", sa.String(length=16), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.ForeignKeyConstraint(["article_id"], ["articles.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("article_id", "id"),
    )
    with op.batch_alter_table("mentions", schema=None) as batch_op:
        batch_op.create_index(
            "ix_mentions_article_entity", ["article_id", "entity_id"], unique=False
        )

    op.create_table(
        "story_articles",
        sa.Column("story_id", sa.String(length=64), nullable=False),
        sa.Column("article_id", sa.String(length=64), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("original", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(["article_id"], ["articles.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["story_id"], ["stories.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("story_id", "article_id"),
    )
    with op.batch_alter_table("story_articles", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_story_articles_article_id"), ["article_id"], unique=False
        )

    op.create_table(
        "times",
        sa.Column("article_id", sa.String(length=64), nullable=False),
        sa.Column("id", sa.String(length=64), nullable=False),
        sa.Column("start", sa.Integer(), nullable=False),
        sa.Column("end", sa.Integer(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("type", sa.String(length=16), nullable=False),
        sa.Column("value", sa.String(length=64), nullable=True),
        sa.Column("granularity", sa.String(length=16), nullable=False),
        sa.Column("range_start", sa.String(length=40), nullable=True),
        sa.Column("range_end", sa.String(length=40), nullable=True),
        sa.Column("resolved", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(["article_id"], ["articles.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("article_id", "id"),
    )
    with op.batch_alter_table("times", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_times_range_start"), ["range_start"], unique=False)


def downgrade() -> None:

    with op.batch_alter_table("times", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_times_range_start"))

    op.drop_table("times")
    with op.batch_alter_table("story_articles", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_story_articles_article_id"))

    op.drop_table("story_articles")
    with op.batch_alter_table("mentions", schema=None) as batch_op:
        batch_op.drop_index("ix_mentions_article_entity")

    op.drop_table("mentions")
    op.drop_table("features")
    with op.batch_alter_table("events", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_events_type"))
        batch_op.drop_index(batch_op.f("ix_events_target_entity"))
        batch_op.drop_index(batch_op.f("ix_events_actor_entity"))

    op.drop_table("events")
    with op.batch_alter_table("entities", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_entities_name"))
        batch_op.drop_index(batch_op.f("ix_entities_id"))

    op.drop_table("entities")
    with op.batch_alter_table("corpus_entity_members", schema=None) as batch_op:
        batch_op.drop_index("ix_corpus_entity_members_entity")

    op.drop_table("corpus_entity_members")
    with op.batch_alter_table("copy_links", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_copy_links_original_id"))
        batch_op.drop_index(batch_op.f("ix_copy_links_article_id"))

    op.drop_table("copy_links")
    with op.batch_alter_table("claims", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_claims_status"))
        batch_op.drop_index(batch_op.f("ix_claims_source_entity"))
        batch_op.drop_index(batch_op.f("ix_claims_id"))

    op.drop_table("claims")
    with op.batch_alter_table("claim_cluster_members", schema=None) as batch_op:
        batch_op.drop_index("ix_claim_cluster_members_claim")

    op.drop_table("claim_cluster_members")
    op.drop_table("analyses")
    with op.batch_alter_table("stories", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_stories_size"))

    op.drop_table("stories")
    op.drop_table("meta")
    with op.batch_alter_table("judgements", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_judgements_seq"))
        batch_op.drop_index(batch_op.f("ix_judgements_b"))
        batch_op.drop_index(batch_op.f("ix_judgements_a"))

    op.drop_table("judgements")
    with op.batch_alter_table("corpus_entities", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_corpus_entities_name"))
        batch_op.drop_index(batch_op.f("ix_corpus_entities_articles"))

    op.drop_table("corpus_entities")
    with op.batch_alter_table("claim_clusters", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_claim_clusters_independent_sources"))

    op.drop_table("claim_clusters")
    with op.batch_alter_table("articles", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_articles_url"))
        batch_op.drop_index(batch_op.f("ix_articles_supersedes"))
        batch_op.drop_index(batch_op.f("ix_articles_source"))
        batch_op.drop_index(batch_op.f("ix_articles_site"))
        batch_op.drop_index(batch_op.f("ix_articles_published"))
        batch_op.drop_index(batch_op.f("ix_articles_content_hash"))
        batch_op.drop_index(batch_op.f("ix_articles_analyzed"))

    op.drop_table("articles")
