"""What an export holds: analysed articles and the corpus records about them.

Exporters take these records, never the store, so an export works the same from a corpus, from
`newsint analyze --format json` output, or from records a script built. `normalised()` fixes the
order of everything (and keeps one record per id), which is what makes two exports of the same
records byte-identical whatever order the records arrived in.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import TypeVar
from urllib.parse import urlsplit

from newsint.errors import NewsintError
from newsint.model import (
    Analysis,
    ClaimCluster,
    CopyLink,
    CorpusEntity,
    Entity,
    Judgement,
    Story,
)
from newsint.model import Claim as ClaimRecord

T = TypeVar("T")


class StoryNotFound(NewsintError):
    """--story names a story the data does not hold."""

    code = "not-found"


@dataclass
class ExportData:
    analyses: list[Analysis] = field(default_factory=list)
    copy_links: list[CopyLink] = field(default_factory=list)
    stories: list[Story] = field(default_factory=list)
    claim_clusters: list[ClaimCluster] = field(default_factory=list)
    corpus_entities: list[CorpusEntity] = field(default_factory=list)
    judgements: list[Judgement] = field(default_factory=list)

    def normalised(self) -> ExportData:
        """Articles oldest first (undated last, ties by id); every other list by id."""
        return ExportData(
            analyses=sorted(_unique(self.analyses, lambda a: a.article.id), key=_article_order),
            copy_links=sorted(_unique(self.copy_links, _id), key=_id),
            stories=sorted(_unique(self.stories, _id), key=_id),
            claim_clusters=sorted(_unique(self.claim_clusters, _id), key=_id),
            corpus_entities=sorted(_unique(self.corpus_entities, _id), key=_id),
            judgements=sorted(_unique(self.judgements, _id), key=_id),
        )

    def select_story(self, story_id: str) -> ExportData:
        """Only one story: its articles, the links between them, and the corpus records restricted
        to those articles (cluster and entity members outside the story are dropped)."""
        story = next((s for s in self.stories if s.id == story_id), None)
        if story is None:
            raise StoryNotFound(
                f"--story {story_id}",
                "no story with this id in the data to export",
                "list story ids with `newsint stories`",
            )
        keep = set(story.articles)
        index = Index(self)
        clusters = []
        for c in self.claim_clusters:
            claims = [k for k in index.claim_keys(c) if split_key(k)[0] in keep]
            if claims:
                articles = [a for a in c.articles if a in keep]
                clusters.append(c.model_copy(update={"claims": claims, "articles": articles}))
        entities = []
        for e in self.corpus_entities:
            members = [k for k in index.entity_keys(e) if split_key(k)[0] in keep]
            if members:
                count = len({split_key(m)[0] for m in members})
                entities.append(e.model_copy(update={"members": members, "articles": count}))
        member_ids = {m for e in entities for m in e.members} | {e.id for e in entities}
        member_ids |= {split_key(m)[1] for e in entities for m in e.members}
        return ExportData(
            analyses=[a for a in self.analyses if a.article.id in keep],
            copy_links=[
                link for link in self.copy_links if link.article in keep and link.original in keep
            ],
            stories=[story],
            claim_clusters=clusters,
            corpus_entities=entities,
            judgements=[j for j in self.judgements if j.a in member_ids or j.b in member_ids],
        )


def split_key(key: str) -> tuple[str, str]:
    """(article id, inner id) of a corpus key "<article id>/<id>"; ("", key) for a bare id."""
    article, sep, inner = key.partition("/")
    return (article, inner) if sep else ("", key)


def _id(record: CopyLink | Story | ClaimCluster | CorpusEntity | Judgement) -> str:
    return record.id


def _article_order(a: Analysis) -> tuple[bool, str, str]:
    date = a.article.published.date
    return (date is None, date or "", a.article.id)


def _unique(items: Iterable[T], key: Callable[[T], str]) -> list[T]:
    seen: dict[str, T] = {}
    for item in items:
        seen.setdefault(key(item), item)
    return list(seen.values())


def outlet_name(analysis: Analysis) -> str | None:
    """The outlet that published an article: its site name, else its web host."""
    meta = analysis.article
    if meta.site:
        return meta.site
    if meta.url:
        host = urlsplit(meta.url).hostname
        if host:
            return host.removeprefix("www.")
    return None


@dataclass
class ClaimRef:
    analysis: Analysis
    claim: ClaimRecord

    @property
    def key(self) -> str:
        return f"{self.analysis.article.id}/{self.claim.id}"


class Index:
    """Lookups every exporter needs: claims and entities by corpus key, and the corpus records
    each belongs to. Member keys may be "<article>/<id>" or bare ids; both resolve here."""

    def __init__(self, data: ExportData) -> None:
        self.data = data
        self.articles: dict[str, Analysis] = {a.article.id: a for a in data.analyses}
        self.claims: dict[str, ClaimRef] = {}
        self._bare_claims: dict[str, list[str]] = {}
        self._bare_entities: dict[str, list[str]] = {}
        self._entity_keys: set[str] = set()
        for a in data.analyses:
            for c in a.claims:
                ref = ClaimRef(a, c)
                self.claims[ref.key] = ref
                self._bare_claims.setdefault(c.id, []).append(ref.key)
            for e in a.entities:
                key = f"{a.article.id}/{e.id}"
                self._entity_keys.add(key)
                self._bare_entities.setdefault(e.id, []).append(key)
        self.cluster_of: dict[str, ClaimCluster] = {}
        for cluster in data.claim_clusters:
            for key in self.claim_keys(cluster):
                self.cluster_of.setdefault(key, cluster)
        self.corpus_entity_of: dict[str, CorpusEntity] = {}
        for ce in data.corpus_entities:
            for key in self.entity_keys(ce):
                self.corpus_entity_of.setdefault(key, ce)
        self.story_of: dict[str, Story] = {}
        for story in data.stories:
            for aid in story.articles:
                self.story_of.setdefault(aid, story)
        self.links_of: dict[str, list[CopyLink]] = {}
        for link in data.copy_links:
            self.links_of.setdefault(link.article, []).append(link)

    def claim_keys(self, cluster: ClaimCluster) -> list[str]:
        """Keys of the cluster's claims that are present in the data, in cluster order."""
        return _resolve(cluster.claims, self.claims, self._bare_claims)

    def entity_keys(self, entity: CorpusEntity) -> list[str]:
        """Keys of the corpus entity's article entities that are present in the data."""
        return _resolve(entity.members, self._entity_keys, self._bare_entities)

    def claim_ref(self, ref: str | None) -> ClaimRef | None:
        if ref is None:
            return None
        keys = _resolve([ref], self.claims, self._bare_claims)
        return self.claims[keys[0]] if keys else None

    def corpus_entity(self, analysis: Analysis, entity_id: str | None) -> CorpusEntity | None:
        if entity_id is None:
            return None
        return self.corpus_entity_of.get(f"{analysis.article.id}/{entity_id}")

    def entity_key(self, analysis: Analysis, entity: Entity) -> str:
        """The id an entity is exported under: its corpus entity when resolved across articles,
        else the article entity (never merged by name here: that is the resolver's judgement)."""
        ce = self.corpus_entity(analysis, entity.id)
        return f"corpus-entity/{ce.id}" if ce else f"entity/{analysis.article.id}/{entity.id}"


def _resolve(
    refs: Iterable[str], present: Mapping[str, object] | set[str], bare: dict[str, list[str]]
) -> list[str]:
    out: list[str] = []
    for ref in refs:
        article, _ = split_key(ref)
        if article:
            if ref in present:
                out.append(ref)
        else:
            out.extend(bare.get(ref, []))
    return list(dict.fromkeys(out))
