"""What the corpus queries return: typed records, the data of `--format json` and the web API.

Each record dumps (`model_dump(mode="json")`) to the JSON documented in docs/schema.md, keys in
the order written here. Records that carry a stored record (a Story, a ClaimCluster, ...) hold
the model of newsint.model itself.
"""

from __future__ import annotations

from typing import Literal

from pydantic import Field, field_validator

from newsint.model import (
    ArticleMeta,
    Claim,
    ClaimCluster,
    ClaimStatus,
    CopyKind,
    CopyLink,
    CorpusEntity,
    EntityType,
    Grade,
    Judgement,
    Record,
    Story,
    TextSpan,
    TimelineEntry,
    current_status,
)

# --------------------------------------------------------------------------- articles


class ArticleRef(Record):
    """An article as lists show it."""

    id: str
    title: str | None = None
    site: str | None = None
    url: str | None = None
    published: str | None = None
    published_source: str


class ArticleListing(ArticleRef):
    """An article in `Corpus.articles()`: whether it is the current version at its URL."""

    current: bool


class StoryArticle(ArticleRef):
    """An article of a story, whether it copies nobody in it, and its language (an article
    in another language joins a story on names, numbers and dates alone)."""

    original: bool
    language: str | None = None


class ArticleInfo(ArticleMeta):
    """An article's metadata with its place among the versions stored."""

    current: bool
    supersedes: str | None = None
    stages: list[str] = Field(default_factory=list)


class Counts(Record):
    entities: int
    claims: int
    events: int
    times: int


class Stats(Record):
    """How many of each thing the corpus holds."""

    articles: int
    stories: int
    copy_links: int
    entities: int
    claims: int
    claim_clusters: int
    events: int
    judgements: int


# --------------------------------------------------------------------------- claims


class ClaimReport(Record):
    """One claim of one article as the corpus sees it, with its corpus grade beside the grade
    of the article alone."""

    id: str
    article: str
    key: str  # "<article id>/<claim id>"
    text: str  # the content alone; `statement` is what the claim says
    speaker: str
    source_kind: str
    kind: str
    status: ClaimStatus
    polarity: str
    grade: str | None = None  # corpus grade code
    chain: list[str] = Field(default_factory=list)  # source names, the article first
    site: str | None = None
    published: str | None = None
    title: str | None = None
    article_grade: str | None = None  # the grade from the article alone
    grade_reasons: list[str] = Field(default_factory=list)
    corroboration: list[str] = Field(default_factory=list)  # reasons the corpus added
    # new keys last, so readers of the earlier JSON find its keys where they were
    lead: TextSpan | None = None  # the content's first part, split from it by the frame
    statement: str  # lead … content, as Claim.statement

    _status = field_validator("status", mode="before")(current_status)


class ClaimSummary(Record):
    """A claim cluster in `Corpus.claims()`: its representative (earliest) claim, corroboration
    and corpus grade."""

    id: str
    text: str | None = None
    speaker: str | None = None
    status: str | None = None
    independent_sources: int
    articles: int
    claims: int
    statuses: list[str] = Field(default_factory=list)
    upstreams: list[list[str]] = Field(default_factory=list)
    contradictions: int = 0
    representative: str | None = None
    article: str | None = None
    chain: list[str] = Field(default_factory=list)
    grade: str | None = None
    grade_reasons: list[str] = Field(default_factory=list)
    corroboration: list[str] = Field(default_factory=list)
    article_grade: str | None = None
    site: str | None = None  # the outlet of the representative claim's article
    published: str | None = None
    lead: TextSpan | None = None  # of the representative claim
    statement: str | None = None  # what the list shows: lead … content


class GradedClaim(Claim):
    """A full claim record whose `grade` is the corpus grade; `article_grade` the grade from
    the article alone."""

    article_grade: Grade | None = None


class ClaimClusterDetail(Record):
    kind: Literal["claim-cluster"] = "claim-cluster"
    cluster: ClaimCluster
    claims: list[ClaimReport] = Field(default_factory=list)


class ClaimDetail(Record):
    kind: Literal["claim"] = "claim"
    claim: ClaimReport
    cluster: str | None = None


# --------------------------------------------------------------------------- stories


class StorySummary(Record):
    """A story in `Corpus.stories()`."""

    id: str
    title: str | None = None
    articles: int
    originals: list[str] = Field(default_factory=list)
    copies: int
    sites: int  # distinct outlets
    independent: int = 0  # originals: articles copying nobody in the story
    first_published: str | None = None
    last_published: str | None = None


class TreeNode(Record):
    """An article in a story's copy tree, under the article it copies."""

    article: str
    title: str | None = None
    site: str | None = None
    published: str | None = None
    language: str | None = None
    kind: CopyKind | None = None
    score: float | None = None
    confidence: float | None = None
    misattribution: str | None = None
    children: list[TreeNode] = Field(default_factory=list)


class StoryDetail(Record):
    """The whole story: its articles, copy links and tree, the claims made in its articles
    (claims-list rows: a cluster's corroboration once) and the timeline of its events."""

    kind: Literal["story"] = "story"
    story: Story
    articles: list[StoryArticle] = Field(default_factory=list)
    links: list[CopyLink] = Field(default_factory=list)
    tree: list[TreeNode] = Field(default_factory=list)
    claims: list[ClaimSummary] = Field(default_factory=list)
    timeline: list[TimelineEntry] = Field(default_factory=list)


class ArticleDetail(Record):
    kind: Literal["article"] = "article"
    article: ArticleInfo
    stories: list[str] = Field(default_factory=list)
    copies: list[CopyLink] = Field(default_factory=list)  # links where this article is the copy
    copied_by: list[CopyLink] = Field(default_factory=list)  # where it is the original
    counts: Counts
    claims: list[ClaimReport] = Field(default_factory=list)
    text: str


# --------------------------------------------------------------------------- entities


class EntitySummary(Record):
    """A corpus entity in `Corpus.entities()`."""

    id: str
    name: str
    type: EntityType
    articles: int
    aliases: list[str] = Field(default_factory=list)
    members: int


class EntityMember(Record):
    """An article entity inside a corpus entity."""

    key: str  # "<article id>/<entity id>"
    article: str
    id: str
    name: str
    title: str | None = None
    mentions: int


class EntityDetail(Record):
    kind: Literal["entity"] = "entity"
    entity: CorpusEntity
    members: list[EntityMember] = Field(default_factory=list)
    judgements: list[Judgement] = Field(default_factory=list)


class Judged(Record):
    """What a user's merge or split changed."""

    judgements: list[Judgement] = Field(default_factory=list)
    entities: list[CorpusEntity] = Field(default_factory=list)
    removed_entities: list[str] = Field(default_factory=list)


# --------------------------------------------------------------------------- graph


class EntityNode(Record):
    id: str
    kind: Literal["entity"] = "entity"
    label: str
    type: EntityType
    weight: int


class ClaimNode(Record):
    id: str
    kind: Literal["claim"] = "claim"
    label: str
    status: str | None = None
    weight: int


class SourceNode(Record):
    id: str
    kind: Literal["source"] = "source"
    label: str
    weight: int = 0


EdgeKind = Literal["said", "via", "mentions", "co-mentioned"]


class GraphEdge(Record):
    source: str
    target: str
    kind: EdgeKind
    weight: int = 1


class Graph(Record):
    """Entities, claims and the sources behind them as nodes and edges."""

    nodes: list[EntityNode | ClaimNode | SourceNode] = Field(default_factory=list)
    edges: list[GraphEdge] = Field(default_factory=list)


# --------------------------------------------------------------------------- export


class CorpusRecords(Record):
    """The corpus records an export writes, and which current articles it covers."""

    articles: list[str] = Field(default_factory=list)  # ids, current versions only
    stories: list[Story] = Field(default_factory=list)
    copy_links: list[CopyLink] = Field(default_factory=list)
    claim_clusters: list[ClaimCluster] = Field(default_factory=list)
    corpus_entities: list[CorpusEntity] = Field(default_factory=list)
    judgements: list[Judgement] = Field(default_factory=list)


Shown = ArticleDetail | StoryDetail | ClaimClusterDetail | ClaimDetail | EntityDetail
